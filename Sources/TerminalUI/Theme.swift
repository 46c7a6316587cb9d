// Themes: semantic roles -> colours and attributes, loaded from TOML, degraded to what the terminal can
// show. See docs/themes.md.
import Platform

/// A colour as written in a theme.
public enum Color: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case `default`
    /// A palette index 0-255 (0-15 are the basic colours).
    case index(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses "default", a colour name ("red", "bright-red", "gray"), "#rrggbb" or "0".."255".
    public init?(parsing text: String) {
        let key = String(text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        if key == "default" || key == "none" || key == "terminal" { self = .default; return }
        if key == "gray" || key == "grey" { self = .index(8); return }
        if let i = Color.names.firstIndex(of: key) { self = .index(i); return }
        if key.hasPrefix("bright"), let i = Color.names.firstIndex(of: String(key.dropFirst(6))) {
            self = .index(i + 8)
            return
        }
        if key.hasPrefix("#"), key.count == 7, let v = UInt32(key.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
            return
        }
        if let i = Int(key), (0...255).contains(i) { self = .index(i); return }
        return nil
    }

    public var description: String {
        switch self {
        case .default: "default"
        case .index(let i): "\(i)"
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}

/// How many colours to use. Ordered: none < eight < sixteen < full (256).
public enum ColorMode: Int, Sendable, Comparable, CaseIterable {
    case none = 0, eight = 8, sixteen = 16, full = 256

    public static func < (a: ColorMode, b: ColorMode) -> Bool { a.rawValue < b.rawValue }

    /// The mode for a terminal that reports `colors` colours (0 or less: none). `NO_COLOR` (set and not
    /// empty) forces none; `requested` ("none", "8", "16", "256"; "auto" or nil: detect) caps it.
    public static func detect(colors: Int, environment: [String: String], requested: String? = nil) -> ColorMode {
        if let nc = environment["NO_COLOR"], !nc.isEmpty { return .none }
        var mode: ColorMode = colors >= 256 ? .full : colors >= 16 ? .sixteen : colors >= 8 ? .eight : .none
        switch requested?.lowercased() {
        case "none", "0", "off", "never": mode = .none
        case "8": mode = min(mode, .eight)
        case "16": mode = min(mode, .sixteen)
        default: break
        }
        return mode
    }
}

/// A role's look in a theme.
public struct RoleStyle: Sendable, Hashable {
    public var fg: Color = .default
    public var bg: Color = .default
    public var attributes: Attributes = []
    /// Attributes used instead when there are no colours (nil: the role's built-in choice).
    public var mono: Attributes? = nil
    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = [], mono: Attributes? = nil) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
        self.mono = mono
    }
}

/// What the backend needs for one role: palette indexes (-1 = the terminal's default) and attributes.
public struct ResolvedStyle: Sendable, Hashable {
    public var fg: Int16
    public var bg: Int16
    public var attributes: Attributes
}

extension Role {
    /// Where a role takes its look from when a theme does not mention it.
    public var parent: Role? {
        switch self {
        case .normal: nil
        case .borderFocused, .dialogBorder: .border
        case .titleFocused: .title
        case .statusError, .statusWarning, .statusBusy: .statusLine
        case .hintKey: .hint
        case .section: .header
        case .scrollbar: .border
        default: .normal
        }
    }

    /// Attributes used without colours when the theme gives no `mono` for the role, chosen so that
    /// selection, focus and errors stay visible on a monochrome terminal.
    public var defaultMono: Attributes {
        switch self {
        case .selection, .statusError, .attention: [.reverse, .bold]
        case .statusLine, .statusWarning, .statusBusy: .reverse
        case .selectionUnfocused, .link, .match, .input: .underline
        case .borderFocused, .titleFocused, .title, .header, .section, .hintKey, .overdue, .importanceHigh,
             .mention, .marker, .error, .dialogBorder:
            .bold
        case .dim, .hint, .importanceLow, .scrollbar: .dim
        default: []
        }
    }
}

/// A problem found while loading a theme or the config file: where (file and line) and what.
public struct ConfigMessage: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// A theme: a look for every role.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var description: String
    /// Indexed by `Role.rawValue`; roles the file does not mention are filled from their parent.
    public private(set) var styles: [RoleStyle]
    /// Roles the theme file set explicitly.
    public private(set) var explicit: Set<Role>

    public subscript(role: Role) -> RoleStyle {
        get { styles[Int(role.rawValue)] }
        set {
            styles[Int(role.rawValue)] = newValue
            explicit.insert(role)
        }
    }

    public init(name: String, description: String = "", styles explicitStyles: [Role: RoleStyle] = [:]) {
        self.name = name
        self.description = description
        styles = Array(repeating: RoleStyle(), count: Role.allCases.count)
        explicit = Set(explicitStyles.keys)
        for (role, style) in explicitStyles { styles[Int(role.rawValue)] = style }
        inheritMissing()
    }

    /// Fills roles not set explicitly from their parents (in `Role` order, parents come first).
    mutating func inheritMissing() {
        for role in Role.allCases where !explicit.contains(role) {
            if let parent = role.parent { styles[Int(role.rawValue)] = styles[Int(parent.rawValue)] }
        }
    }

    // MARK: - Built-in and user themes

    /// Names of the themes embedded in the binary.
    public static var builtinNames: [String] { BuiltinThemes.files.map(\.name) }

    /// The TOML text of a built-in theme.
    public static func builtinText(_ name: String) -> String? { BuiltinThemes.files.first { $0.name == name }?.text }

    /// A built-in theme (parsed from the embedded text; the built-ins are tested to parse cleanly).
    public static func builtin(_ name: String) -> Theme? {
        guard let text = builtinText(name) else { return nil }
        return try? parse(text, file: "\(name).toml").theme
    }

    /// The fallback used when nothing else loads.
    public static var fallback: Theme { builtin("default") ?? Theme(name: "default") }

    /// Loads `name`: a user theme file `<paths.themes>/NAME.toml` (`$XDG_CONFIG_HOME/wrike-tui/themes`)
    /// first, then a built-in. Problems come back as messages and the default theme is used. `readFile`
    /// is injectable for tests.
    public static func load(named name: String, paths: XDGPaths,
                            readFile: (String) throws(FileReadError) -> String? = Config.readText)
        -> (theme: Theme, messages: [ConfigMessage]) {
        let valid = !name.isEmpty && !name.contains("/") && !name.hasPrefix(".")
        if valid {
            let path = paths.themes + "/\(name).toml"
            let userText: String?
            do {
                userText = try readFile(path)
            } catch {
                return (fallback, [ConfigMessage(file: path, line: nil, message: error.reason + "; using the default theme")])
            }
            if let text = userText {
                do {
                    return try parse(text, file: path)
                } catch {
                    return (fallback, [ConfigMessage(file: path, line: error.line, message: error.message + "; using the default theme")])
                }
            }
            if let theme = builtin(name) { return (theme, []) }
        }
        let known = builtinNames.joined(separator: ", ")
        return (fallback, [ConfigMessage(file: "theme", line: nil,
                                         message: "no theme named '\(name)' (built-in: \(known)); using the default theme")])
    }

    /// Parses theme TOML. Syntax errors throw (with the line); unknown roles, keys and bad colours are
    /// reported as messages and skipped. `inherits = "NAME"` starts from a built-in theme.
    public static func parse(_ text: String, file: String = "theme.toml") throws(TOMLError) -> (theme: Theme, messages: [ConfigMessage]) {
        let doc = try TOML.parse(text)
        var messages: [ConfigMessage] = []
        func note(_ key: String, in table: TOMLTable, _ message: String) {
            messages.append(ConfigMessage(file: file, line: table.line(of: key), message: message))
        }
        var theme = Theme(name: doc["name"]?.string ?? "custom", description: doc["description"]?.string ?? "")
        var inherited = false
        if let base = doc["inherits"]?.string {
            if let parent = builtin(base) {
                inherited = true
                theme.styles = parent.styles
            } else {
                note("inherits", in: doc, "no built-in theme named '\(base)'")
            }
        }
        var explicit: [Role: RoleStyle] = [:]
        for key in doc.keys {
            guard let value = doc[key] else { continue }
            guard case .table(let table) = value else {
                if !["name", "description", "inherits"].contains(key) { note(key, in: doc, "unknown setting '\(key)'") }
                continue
            }
            guard let role = Role(name: key) else {
                note(key, in: doc, "unknown role '\(key)'")
                continue
            }
            var style = RoleStyle()
            for k in table.keys {
                guard let v = table[k] else { continue }
                switch k {
                case "fg", "bg":
                    let color: Color?
                    switch v {
                    case .string(let s): color = Color(parsing: s)
                    case .integer(let i): color = (0...255).contains(i) ? .index(i) : nil
                    default: color = nil
                    }
                    if let color {
                        if k == "fg" { style.fg = color } else { style.bg = color }
                    } else {
                        note(k, in: table, "invalid colour for \(key).\(k) (use a name, 0-255 or \"#rrggbb\")")
                    }
                case "attrs", "mono":
                    guard let names = v.strings else {
                        note(k, in: table, "\(key).\(k) must be an array of strings")
                        continue
                    }
                    var attrs: Attributes = []
                    for n in names {
                        if let a = Attributes.byName.first(where: { $0.0 == n.lowercased() })?.1 {
                            attrs.insert(a)
                        } else {
                            note(k, in: table, "unknown attribute '\(n)' (bold, dim, underline, reverse, italic)")
                        }
                    }
                    if k == "attrs" { style.attributes = attrs } else { style.mono = attrs }
                default:
                    note(k, in: table, "unknown key '\(k)' in [\(key)] (fg, bg, attrs, mono)")
                }
            }
            explicit[role] = style
        }
        for (role, style) in explicit { theme.styles[Int(role.rawValue)] = style }
        theme.explicit = inherited ? Set(Role.allCases) : Set(explicit.keys)
        theme.explicit.formUnion(explicit.keys)
        theme.inheritMissing()
        return (theme, messages)
    }
}
