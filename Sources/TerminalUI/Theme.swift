// Themes: semantic roles -> colours and attributes, loaded from TOML, degraded to what the terminal can
// show. See docs/themes.md.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// `$XDG_CONFIG_HOME/wrike-tui/themes` (default `~/.config/wrike-tui/themes`).
    public static func userDirectory(environment: [String: String]) -> String {
        Config.directory(environment: environment) + "/themes"
    }

    /// Loads `name`: a user theme file `<userDirectory>/NAME.toml` first, then a built-in. Problems come
    /// back as messages and the default theme is used. `readFile` is injectable for tests.
    public static func load(named name: String, environment: [String: String],
                            readFile: (String) -> String? = readTextFile) -> (theme: Theme, messages: [ConfigMessage]) {
        let valid = !name.isEmpty && !name.contains("/") && !name.hasPrefix(".")
        if valid {
            let path = userDirectory(environment: environment) + "/\(name).toml"
            if let text = readFile(path) {
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

    // MARK: - Degradation

    /// Every role's colours and attributes as the backend should use them in `mode`.
    public func resolved(for mode: ColorMode) -> [ResolvedStyle] {
        Role.allCases.map { resolve($0, mode) }
    }

    /// A role's colours and attributes in `mode`. Without colours, the `mono` attributes. With 8 or 16,
    /// a role whose background the palette can no longer tell apart (see `losesBackground`) takes its
    /// `mono` attributes too: the selection in reverse video, the unfocused selection underlined.
    public func resolve(_ role: Role, _ mode: ColorMode) -> ResolvedStyle {
        let s = self[role]
        let mono = ResolvedStyle(fg: -1, bg: -1, attributes: (s.mono ?? role.defaultMono).union(s.attributes))
        if mode == .none { return mono }
        var attrs = s.attributes
        let fg = Theme.degrade(s.fg, to: mode, foreground: true, attributes: &attrs)
        let bg = Theme.degrade(s.bg, to: mode, foreground: false, attributes: &attrs)
        if mode < .full, losesBackground(s, fg: fg, bg: bg, mode) { return mono }
        return ResolvedStyle(fg: fg, bg: bg, attributes: attrs)
    }

    /// Whether a role's look, degraded to 8 or 16 colours (`fg`, `bg`), loses what marks it: its text
    /// takes its background's colour, or a background of its own (one that differs from `normal`'s)
    /// becomes the screen's. With the terminal's own background (`normal` bg "default") that is black or
    /// white, the usual terminal backgrounds: the default theme's selection (bg 24) and unfocused
    /// selection (bg 237) both become black on an 8-colour terminal, invisible on a dark one.
    func losesBackground(_ s: RoleStyle, fg: Int16, bg: Int16, _ mode: ColorMode) -> Bool {
        if fg >= 0 && fg == bg { return true }
        let normal = self[.normal].bg
        guard s.bg != .default, s.bg != normal else { return false }
        guard normal != .default else { return [0, 7, 15].contains(bg) }
        var unused: Attributes = []
        return bg == Theme.degrade(normal, to: mode, foreground: false, attributes: &unused)
    }

    /// xterm's default RGB values for the 16 basic colours.
    static let basic16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// RGB of a 256-palette index (xterm's defaults).
    static func rgb(ofIndex i: Int) -> (Int, Int, Int) {
        if i < 16 { return basic16[max(0, i)] }
        if i < 232 {
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[n / 6 % 6], cubeLevels[n % 6])
        }
        let v = 8 + 10 * (min(i, 255) - 232)
        return (v, v, v)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }

    /// The nearest 256-palette index to an RGB colour (colour cube or grey ramp).
    static func nearest256(_ c: (Int, Int, Int)) -> Int {
        func level(_ v: Int) -> Int { cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) } ?? 0 }
        let cube = 16 + 36 * level(c.0) + 6 * level(c.1) + level(c.2)
        let avg = (c.0 + c.1 + c.2) / 3
        let grey = 232 + min(23, max(0, (avg - 3) / 10))
        return distance(rgb(ofIndex: cube), c) <= distance(rgb(ofIndex: grey), c) ? cube : grey
    }

    /// The nearest basic colour (0-15) to an RGB colour.
    static func nearest16(_ c: (Int, Int, Int)) -> Int {
        basic16.indices.min { distance(basic16[$0], c) < distance(basic16[$1], c) } ?? 7
    }

    /// A theme colour as a palette index for `mode` (-1: default). Going to 8 colours, a bright
    /// foreground becomes its normal colour in bold (bright black becomes white, not black).
    static func degrade(_ color: Color, to mode: ColorMode, foreground: Bool, attributes: inout Attributes) -> Int16 {
        var index: Int
        switch color {
        case .default: return -1
        case .index(let i): index = i
        case .rgb(let r, let g, let b):
            let c = (Int(r), Int(g), Int(b))
            index = mode == .full ? nearest256(c) : nearest16(c)
        }
        if mode == .full { return Int16(index) }
        if index >= 16 { index = nearest16(rgb(ofIndex: index)) }
        if mode == .sixteen { return Int16(index) }
        if index >= 8 {
            if foreground {
                if index == 8 { return 7 }
                attributes.insert(.bold)
            }
            index -= 8
        }
        return Int16(index)
    }
}

/// Reads a whole text file, or nil if it cannot be read.
public func readTextFile(_ path: String) -> String? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var data: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n > 0 { data.append(contentsOf: buf[0..<n]) }
        if n < buf.count { break }
        if data.count > 16 << 20 { return nil }
    }
    if ferror(f) != 0 { return nil }
    return String(decoding: data, as: UTF8.self)
}
