// Semantic styles: what a cell means (its role) plus extra attributes. Themes map roles to colours.
// See docs/themes.md.

/// A semantic role. Render code says what a cell *is*; the theme says how it looks.
public enum Role: UInt8, CaseIterable, Sendable, Hashable {
    case normal
    case border, borderFocused, title, titleFocused
    case selection, selectionUnfocused
    case statusLine, statusError, statusWarning, statusBusy
    case hint, hintKey, dim, header, section
    case overdue, dueSoon, importanceHigh, importanceLow
    case link, mention, marker, attention, match
    case scrollbar, error, success, dialog, dialogBorder, input
    // Wrike custom-status colours (the API's StatusColor names).
    case colorBrown, colorRed, colorPurple, colorIndigo, colorDarkBlue, colorBlue, colorTurquoise
    case colorDarkCyan, colorGreen, colorYellowGreen, colorYellow, colorOrange, colorGray

    /// The name used in theme files (kebab-case: "border-focused", "color-dark-blue").
    public var name: String { Role.names[Int(rawValue)] }

    /// The role for a theme-file name.
    public init?(name: String) {
        guard let i = Role.names.firstIndex(of: name), let r = Role(rawValue: UInt8(i)) else { return nil }
        self = r
    }

    /// The role for a Wrike StatusColor name ("Brown", "DarkBlue", "YellowGreen", ... ; "Grey" too).
    /// Unknown names give `.colorGray`.
    public static func statusColor(_ wrikeName: String) -> Role {
        switch wrikeName.lowercased() {
        case "brown": .colorBrown
        case "red": .colorRed
        case "purple": .colorPurple
        case "indigo": .colorIndigo
        case "darkblue": .colorDarkBlue
        case "blue": .colorBlue
        case "turquoise": .colorTurquoise
        case "darkcyan": .colorDarkCyan
        case "green": .colorGreen
        case "yellowgreen": .colorYellowGreen
        case "yellow": .colorYellow
        case "orange": .colorOrange
        default: .colorGray
        }
    }

    static let names: [String] = Role.allCases.map { role in
        let camel = String(describing: role)
        var out = ""
        for c in camel {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}

/// Text attributes. Theme attributes and a style's own attributes are combined.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let reverse = Attributes(rawValue: 8)
    public static let italic = Attributes(rawValue: 16)

    /// Names as written in theme files.
    public static let byName: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]
}

/// A cell's style: a role plus attributes added on top of the theme's.
public struct Style: Sendable, Hashable {
    public var role: Role
    public var attributes: Attributes

    public init(_ role: Role = .normal, _ attributes: Attributes = []) {
        self.role = role
        self.attributes = attributes
    }

    public static let normal = Style(.normal)

    /// The same style with extra attributes.
    public func with(_ extra: Attributes) -> Style { Style(role, attributes.union(extra)) }
}
