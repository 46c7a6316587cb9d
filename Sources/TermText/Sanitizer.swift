// Sanitizing text that came from outside (the server, files) before it reaches the terminal.
// See docs/terminal.md.

/// Removes everything from untrusted text that could change the terminal's state or make widths
/// unpredictable: escape sequences (CSI, OSC including OSC 52 and OSC 8, DCS, APC, PM, SOS, two-character
/// escapes), C0 and C1 controls, DEL, bidi overrides/embeddings/isolates/marks, zero-width joiners,
/// non-joiners and spaces, variation selectors, tag characters and other invisible format characters.
public enum Sanitizer {
    /// Default cap, in Unicode scalars of output, for one string.
    public static let defaultMaxLength = 100_000

    /// Multi-line variant: keeps `\n` (a `\r\n` pair or lone `\r` become `\n`), maps tabs to a space.
    public static func clean(_ s: String, maxLength: Int = defaultMaxLength) -> String {
        sanitize(s, keepNewlines: true, maxLength: maxLength)
    }

    /// Single-line variant: newlines and tabs become spaces. Use for titles, names, table cells.
    public static func cleanLine(_ s: String, maxLength: Int = defaultMaxLength) -> String {
        sanitize(s, keepNewlines: false, maxLength: maxLength)
    }

    /// True when the scalar is removed outright (not counting escape-sequence parsing).
    @inline(__always)
    public static func isRemoved(_ v: UInt32) -> Bool {
        if v < 0x20 { return true }
        if v < 0x7F { return false }
        if v <= 0x9F { return true }  // DEL, C1
        if v < 0x200B { return v == 0x061C || v == 0x180E }
        switch v {
        case 0x200B...0x200F,  // ZWSP, ZWNJ, ZWJ, LRM, RLM
             0x202A...0x202E,  // bidi embeddings and overrides
             0x2060...0x206F,  // word joiner, invisible operators, isolates, deprecated format chars
             0xFE00...0xFE0F,  // variation selectors
             0xFEFF,           // zero-width no-break space / BOM
             0xFFF9...0xFFFB,  // interlinear annotation
             0xE0000...0xE007F,  // tags
             0xE0100...0xE01EF:  // variation selectors supplement
            return true
        default:
            return false
        }
    }

    @inline(__always)
    private static func asciiFastPath(_ s: String, keepNewlines: Bool, maxLength: Int) -> Bool? {
        s.utf8.withContiguousStorageIfAvailable { buf -> Bool in
            if buf.count > maxLength { return false }
            for b in buf {
                if b >= 0x20 && b < 0x7F { continue }
                if b == 0x0A && keepNewlines { continue }
                return false
            }
            return true
        }
    }

    private enum State {
        case text
        case escape          // after ESC
        case escIntermediate // ESC followed by 0x20-0x2F bytes (nF), waiting for final byte
        case csi             // parameters / intermediates until a final byte
        case string          // OSC / DCS / SOS / PM / APC body until BEL or ST
        case stringEscape    // ESC seen inside a string (ST is ESC \)
    }

    static func sanitize(_ s: String, keepNewlines: Bool, maxLength: Int) -> String {
        if asciiFastPath(s, keepNewlines: keepNewlines, maxLength: maxLength) == true { return s }
        var out = String.UnicodeScalarView()
        var count = 0
        var state = State.text
        var lastWasCR = false
        let space: Unicode.Scalar = " "
        let newline: Unicode.Scalar = "\n"
        for scalar in s.unicodeScalars {
            if count >= maxLength { break }
            let v = scalar.value
            switch state {
            case .text:
                break
            case .escape:
                switch v {
                case 0x5B: state = .csi; continue  // [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string; continue  // ] P X ^ _
                case 0x20...0x2F: state = .escIntermediate; continue
                case 0x30...0x7E: state = .text; continue  // two-character escape: consumed
                case 0x1B: continue
                default: state = .text  // not an escape: the ESC is dropped, this scalar is text
                }
            case .escIntermediate:
                if (0x20...0x2F).contains(v) { continue }
                state = .text
                if (0x30...0x7E).contains(v) { continue }
            case .csi:
                if (0x20...0x3F).contains(v) { continue }
                state = .text
                if (0x40...0x7E).contains(v) { continue }
            case .string:
                if v == 0x07 || v == 0x9C || v == 0x18 || v == 0x1A { state = .text }  // BEL, ST, CAN, SUB
                else if v == 0x1B { state = .stringEscape }
                continue
            case .stringEscape:
                if v == 0x5C { state = .text; continue }  // ESC \ = ST
                if v == 0x1B { continue }
                state = .string
                continue
            }
            // Plain text.
            if v == 0x1B { state = .escape; lastWasCR = false; continue }
            if v == 0x9B { state = .csi; continue }
            if v == 0x9D || v == 0x90 || v == 0x98 || v == 0x9E || v == 0x9F { state = .string; continue }
            if v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 || v == 0x85 {
                if v == 0x0A && lastWasCR { lastWasCR = false; continue }
                lastWasCR = v == 0x0D
                out.append(keepNewlines ? newline : space)
                count += 1
                continue
            }
            lastWasCR = false
            if v == 0x09 || v == 0x0B || v == 0x0C {
                out.append(space)
                count += 1
                continue
            }
            if isRemoved(v) { continue }
            if v >= 0x80, scalar.properties.generalCategory == .format { continue }
            out.append(scalar)
            count += 1
        }
        return String(out)
    }
}

extension String {
    /// `Sanitizer.cleanLine(self)`.
    public var sanitizedLine: String { Sanitizer.cleanLine(self) }
    /// `Sanitizer.clean(self)`.
    public var sanitized: String { Sanitizer.clean(self) }
}
