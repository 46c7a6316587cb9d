import TermText

// Escape sequences the app emits itself, outside curses: OSC 52 (clipboard), OSC 8 (hyperlinks) and the
// bracketed-paste mode.

public enum TerminalSequences {
    /// Bracketed paste on (DECSET 2004): the terminal wraps pasted text in `\e[200~ … \e[201~`.
    public static let bracketedPasteOn = "\u{1B}[?2004h"
    /// Bracketed paste off: on exit, on suspend and while `$EDITOR` has the terminal.
    public static let bracketedPasteOff = "\u{1B}[?2004l"

    /// SGR mouse reports (DECSET 1006), asked for where terminfo says X10; off on exit.
    public static let sgrMouseOn = "\u{1B}[?1006h"
    public static let sgrMouseOff = "\u{1B}[?1006l"

    /// Longest text `clipboard` accepts (terminals cap OSC 52 payloads; xterm at about 100 kB).
    public static let clipboardLimit = 60_000

    /// OSC 52 "set clipboard" for `text` (base64). Inside tmux ($TMUX) the plain sequence is followed by
    /// one wrapped in tmux's passthrough (`\ePtmux;...\e\\`, inner ESCs doubled), so it works with either
    /// `set-clipboard on` or `allow-passthrough on`; inside GNU screen ($STY) it is wrapped in DCS chunks.
    /// Nil when the text is too long.
    public static func clipboard(_ text: String, environment: [String: String]) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count <= clipboardLimit else { return nil }
        let osc = "\u{1B}]52;c;" + base64(bytes) + "\u{07}"
        if let tmux = environment["TMUX"], !tmux.isEmpty {
            return osc + tmuxPassthrough(osc)
        }
        if let sty = environment["STY"], !sty.isEmpty {
            return screenPassthrough(osc)
        }
        return osc
    }

    /// Wraps a sequence in tmux's DCS passthrough.
    public static func tmuxPassthrough(_ seq: String) -> String {
        var inner = ""
        for u in seq.unicodeScalars {
            if u == "\u{1B}" { inner += "\u{1B}\u{1B}" } else { inner.unicodeScalars.append(u) }
        }
        return "\u{1B}Ptmux;" + inner + "\u{1B}\\"
    }

    /// Wraps a sequence for GNU screen: DCS chunks of at most 768 bytes (screen's limit).
    public static func screenPassthrough(_ seq: String) -> String {
        let bytes = Array(seq.utf8)
        var out = ""
        var i = 0
        while i < bytes.count {
            let end = min(i + 768, bytes.count)
            out += "\u{1B}P" + String(decoding: bytes[i..<end], as: UTF8.self) + "\u{1B}\\"
            i = end
        }
        return out
    }

    /// `text` inside an OSC 8 hyperlink to `url`. The URL is reduced to printable ASCII (other bytes are
    /// percent-encoded) and the text is sanitized, so neither can end the sequence early.
    public static func hyperlink(url: String, text: String) -> String {
        "\u{1B}]8;;" + safeURL(url) + "\u{1B}\\" + Sanitizer.cleanLine(text) + "\u{1B}]8;;\u{1B}\\"
    }

    /// A hyperlink written at screen position (x, y) (0-based) with the cursor saved and restored around
    /// it (DECSC/DECRC), so curses' idea of the cursor stays right.
    public static func hyperlinkAt(url: String, text: String, x: Int, y: Int) -> String {
        "\u{1B}7\u{1B}[\(max(0, y) + 1);\(max(0, x) + 1)H" + hyperlink(url: url, text: text) + "\u{1B}8"
    }

    static func safeURL(_ url: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for b in url.utf8 {
            if b > 0x20 && b < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }

    /// Standard base64 with padding.
    public static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], 61, 61]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], 61]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
