// Keys: what the backend reads and what config files name.

/// A key press.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable character (including space and upper-case letters).
    case char(Character)
    /// Control plus a lower-case letter (Ctrl-I, Ctrl-M and Ctrl-[ arrive as tab, enter, escape).
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1...F24.
    case function(Int)
    /// The terminal was resized.
    case resize

    /// Parses a config key string: "g", "G", "space", "ctrl-u" / "C-u" / "^U", "S-Tab" / "shift-tab" /
    /// "backtab", "PgDn" / "pagedown", "enter", "esc", "F5", "up", ... Case-insensitive except single characters.
    public init?(parsing text: String) {
        if text.count == 1, let c = text.first {
            if c == " " { self = .char(" "); return }
            guard let k = Key.from(character: c) else { return nil }
            self = k
            return
        }
        let lower = text.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^", "control-"] where lower.hasPrefix(prefix) {
            let rest = String(lower.dropFirst(prefix.count))
            guard rest.count == 1, let c = rest.first else { return nil }
            switch c {
            case "i": self = .tab
            case "m", "j": self = .enter
            case "[": self = .escape
            case "h": self = .backspace
            case "a"..."z": self = .ctrl(c)
            default: return nil
            }
            return
        }
        let shifted = ["s-tab", "shift-tab", "shift+tab", "backtab", "btab"]
        if shifted.contains(lower) { self = .backTab; return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self = .function(n)
            return
        }
        switch lower {
        case "space", "spc": self = .char(" ")
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup", "page-up", "prior": self = .pageUp
        case "pgdn", "pgdown", "pagedown", "page-down", "next": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return", "ret", "cr": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "backspace", "bs", "bksp": self = .backspace
        case "delete", "del": self = .delete
        case "insert", "ins": self = .insert
        case "lt", "less": self = .char("<")
        case "hash": self = .char("#")
        default: return nil
        }
    }

    /// The key for a character the terminal sent (control characters map to their keys).
    public static func from(character c: Character) -> Key? {
        guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 || v >= 0x20 else { return nil }
        switch v {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A:
            guard let s = Unicode.Scalar(v + 0x60) else { return nil }
            return .ctrl(Character(s))
        case 0x00...0x1F, 0x80...0x9F: return nil
        default: return .char(c)
        }
    }

    /// Short name for hint lines and help: "g", "G", "Ctrl-u", "S-Tab", "PgDn", "Enter", "Space", "F5", "↑".
    public var displayName: String { name(ascii: false) }

    /// The display name; with `ascii`, arrows are "Up", "Down", ... instead of "↑", "↓", ...
    public func name(ascii: Bool) -> String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c)"
        case .up: ascii ? "Up" : "↑"
        case .down: ascii ? "Down" : "↓"
        case .left: ascii ? "Left" : "←"
        case .right: ascii ? "Right" : "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .insert: "Insert"
        case .function(let n): "F\(n)"
        case .resize: "Resize"
        }
    }

    /// A string that `Key(parsing:)` reads back as this key (for docs and config examples).
    public var configName: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .home: "home"
        case .end: "end"
        case .enter: "enter"
        case .escape: "esc"
        case .tab: "tab"
        case .backTab: "S-Tab"
        case .backspace: "backspace"
        case .delete: "delete"
        case .insert: "insert"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        }
    }

    public var description: String { displayName }
}
