// Glyphs: every non-ASCII symbol the UI draws, with an ASCII fallback set (--ascii, non-UTF-8 locale).

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
}

/// Every symbol the UI draws. Each is exactly one cell wide (a test checks it).
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
    public var check: String
    public var cross: String
    public var pending: String
    public var arrowUp: String
    public var arrowDown: String
    public var importanceHigh: String
    public var importanceLow: String
    public var separator: String
    public var dot: String
    public var scrollThumb: String
    public var scrollTrack: String
    public var spinner: [String]
    public var isASCII: Bool

    public static let unicode = Glyphs(
        border: .light, focusedBorder: .heavy, focusTop: .focusTop, ellipsis: "\u{2026}", selectionMarker: "▶", expanded: "▾",
        collapsed: "▸", bullet: "•", blocked: "⊘", check: "✓", cross: "✗", pending: "○", arrowUp: "↑",
        arrowDown: "↓", importanceHigh: "↑", importanceLow: "↓", separator: "│", dot: "·", scrollThumb: "█",
        scrollTrack: "│", spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"], isASCII: false)

    public static let ascii = Glyphs(
        border: .ascii, focusedBorder: .asciiFocused, focusTop: .asciiFocusTop, ellipsis: "~", selectionMarker: ">", expanded: "-",
        collapsed: "+", bullet: "*", blocked: "!", check: "+", cross: "x", pending: "o", arrowUp: "^",
        arrowDown: "v", importanceHigh: "!", importanceLow: "_", separator: "|", dot: ".", scrollThumb: "#",
        scrollTrack: "|", spinner: ["-", "\\", "|", "/"], isASCII: true)

    /// ASCII when asked (`--ascii`) or when the locale's codeset is not UTF-8.
    public static func choose(ascii: Bool, localeIsUTF8: Bool) -> Glyphs {
        ascii || !localeIsUTF8 ? .ascii : .unicode
    }

    /// Whether a locale environment (LC_ALL, then LC_CTYPE, then LANG) names a UTF-8 codeset.
    /// An empty environment means the C locale, which is not UTF-8.
    public static func localeIsUTF8(environment: [String: String]) -> Bool {
        let value = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
