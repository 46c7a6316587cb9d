// Glyphs: every non-ASCII symbol the UI draws, with an ASCII set (--ascii, non-UTF-8 locale) and a
// Linux console set (TERM=linux). See docs/themes.md, ASCII mode.

/// The characters of a box: lines, corners and junctions.
public struct BoxChars: Sendable, Hashable {
    public var horizontal, vertical: String
    public var topLeft, topRight, bottomLeft, bottomRight: String
    /// ┬ ┴ ├ ┤ ┼
    public var teeDown, teeUp, teeRight, teeLeft, cross: String

    public init(_ chars: String) {
        // Order: ─ │ ┌ ┐ └ ┘ ┬ ┴ ├ ┤ ┼
        let a = chars.map(String.init)
        func at(_ i: Int) -> String { i < a.count ? a[i] : "+" }
        horizontal = at(0); vertical = at(1)
        topLeft = at(2); topRight = at(3); bottomLeft = at(4); bottomRight = at(5)
        teeDown = at(6); teeUp = at(7); teeRight = at(8); teeLeft = at(9); cross = at(10)
    }

    public static let light = BoxChars("─│┌┐└┘┬┴├┤┼")
    public static let heavy = BoxChars("━┃┏┓┗┛┳┻┣┫╋")
    public static let rounded = BoxChars("─│╭╮╰╯┬┴├┤┼")
    public static let double = BoxChars("═║╔╗╚╝╦╩╠╣╬")
    public static let ascii = BoxChars("-|++++++++++")
    public static let asciiFocused = BoxChars("=#########+")
    /// The focused pane's top edge over a light box: a double line with single-down corners (╒═╕, in
    /// every code page 437 font).
    public static let focusTop = BoxChars("═│╒╕└┘┬┴├┤┼")
    /// The same in ASCII.
    public static let asciiFocusTop = BoxChars("=|++++++++++")
    /// The same on the Linux console: light corners (its fonts have no `╒`), an ASCII double line.
    public static let consoleFocusTop = BoxChars("=│┌┐└┘┬┴├┤┼")
}

/// Every symbol the UI draws, and the app's own punctuation (`prose`, `keys`). Each symbol is one cell
/// wide (a test checks it), except the arrows drawn inside text, two cells in ASCII (`<-`, `->`).
/// Symbols that mean different things stay different in every set (a test checks it too).
public struct Glyphs: Sendable, Hashable {
    public var border: BoxChars
    /// Dialog boxes (the help overlay, forms).
    public var focusedBorder: BoxChars
    /// The focused pane's top edge (horizontal line and top corners) over `border`: a pane switch then
    /// changes two top lines and two titles, not every border cell of two panes.
    public var focusTop: BoxChars
    public var ellipsis: String
    public var selectionMarker: String
    public var expanded: String
    public var collapsed: String
    public var bullet: String
    public var blocked: String
    /// A marked task, an approval given.
    public var check: String
    /// An approval rejected.
    public var cross: String
    /// An approval not decided yet.
    public var pending: String
    /// Something waiting on me (an approval).
    public var attention: String
    public var arrowUp: String
    public var arrowDown: String
    /// "waits for", a date range's "to", "Finish -> Start".
    public var arrowLeft: String
    public var arrowRight: String
    public var importanceHigh: String
    public var importanceLow: String
    public var separator: String
    public var dot: String
    public var scrollThumb: String
    public var scrollTrack: String
    /// The end of a one-line input being typed (the list filter).
    public var inputCursor: String
    public var spinner: [String]
    /// Whether every symbol and the app's punctuation are ASCII (borders may not be: `console`).
    public var isASCII: Bool

    public static let unicode = Glyphs(
        border: .light, focusedBorder: .heavy, focusTop: .focusTop, ellipsis: "\u{2026}", selectionMarker: "▶", expanded: "▾",
        collapsed: "▸", bullet: "•", blocked: "⊘", check: "✓", cross: "✗", pending: "○", attention: "●", arrowUp: "↑",
        arrowDown: "↓", arrowLeft: "←", arrowRight: "→", importanceHigh: "↑", importanceLow: "↓", separator: "│", dot: "·",
        scrollThumb: "█", scrollTrack: "│", inputCursor: "▏", spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        isASCII: false)

    /// `*` marks a task (as mutt tags a message); `#` is blocked, `!` high importance; `-` a bullet,
    /// `@` waiting on you.
    public static let ascii = Glyphs(
        border: .ascii, focusedBorder: .asciiFocused, focusTop: .asciiFocusTop, ellipsis: "~", selectionMarker: ">", expanded: "-",
        collapsed: "+", bullet: "-", blocked: "#", check: "*", cross: "x", pending: "o", attention: "@", arrowUp: "^",
        arrowDown: "v", arrowLeft: "<-", arrowRight: "->", importanceHigh: "!", importanceLow: "_", separator: "|", dot: ".",
        scrollThumb: "#", scrollTrack: "|", inputCursor: "_", spinner: ["-", "\\", "|", "/"], isASCII: true)

    /// The Linux console (`TERM=linux`): its fonts hold the VT100 line-drawing set (light boxes) but
    /// not `╒ ━ ▾ ⊘ ↑`: light boxes, the focused top edge `=`, every symbol in ASCII.
    public static let console: Glyphs = {
        var g = Glyphs.ascii
        g.border = .light
        g.focusedBorder = .light
        g.focusTop = .consoleFocusTop
        return g
    }()

    /// ASCII when asked (`--ascii`) or when the locale's codeset is not UTF-8; the console set on the
    /// Linux console; else Unicode.
    public static func choose(ascii: Bool, localeIsUTF8: Bool, term: String = "") -> Glyphs {
        if ascii || !localeIsUTF8 { return .ascii }
        return isLinuxConsole(term) ? .console : .unicode
    }

    /// `linux`, `linux-16color`, ...: the kernel's virtual console.
    public static func isLinuxConsole(_ term: String) -> Bool { term == "linux" || term.hasPrefix("linux-") }

    /// Whether a locale environment (LC_ALL, then LC_CTYPE, then LANG) names a UTF-8 codeset.
    /// An empty environment means the C locale, which is not UTF-8.
    public static func localeIsUTF8(environment: [String: String]) -> Bool {
        let value = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    // MARK: - The app's own text

    /// A sentence the app wrote (a message, a title, a placeholder, a help text) in this set: in ASCII
    /// its typographic punctuation and symbols are spelled in ASCII (`…` → `...`, `—` → `-`, `“”` → `"`,
    /// `·` → `dot`, `→` → `->`); Unicode sets return it unchanged. Only for the app's text: server text
    /// quoted inside such a sentence gets the same spelling, other server text is never passed here.
    public func prose(_ text: String) -> String { spell(text, keyNames: false) }

    /// A hint naming keys ("↑/↓ move · Enter apply"): as `prose`, with arrows spelled as key names
    /// ("Up/Down move . Enter apply"; "↑↓" is "Up/Down").
    public func keys(_ text: String) -> String { spell(text, keyNames: true) }

    private func spell(_ text: String, keyNames: Bool) -> String {
        guard isASCII, !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            if keyNames, let pair = Self.keyPairs[c], next == pair.second {
                out += pair.name
                i += 2
                continue
            }
            if let key = keyNames ? Self.keyArrows[c] : nil {
                out += key
            } else if let spelled = spelling(c) {
                out += spelled
            } else {
                out.unicodeScalars.append(c)
            }
            i += 1
        }
        return out
    }

    private static let keyPairs: [Unicode.Scalar: (second: Unicode.Scalar, name: String)] =
        ["↑": ("↓", "Up/Down"), "←": ("→", "Left/Right")]
    private static let keyArrows: [Unicode.Scalar: String] = ["↑": "Up", "↓": "Down", "←": "Left", "→": "Right"]

    private func spelling(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "…": "..."
        case "—", "–": "-"
        case "“", "”", "„": "\""
        case "‘", "’": "'"
        case "‹": "<"
        case "›": ">"
        case "·": dot
        case "•": bullet
        case "●": attention
        case "▶": selectionMarker
        case "✓": check
        case "✗": cross
        case "○": pending
        case "▏": inputCursor
        case "→": arrowRight
        case "←": arrowLeft
        case "↑": arrowUp
        case "↓": arrowDown
        default: nil
        }
    }
}
