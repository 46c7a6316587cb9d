// The config file: $XDG_CONFIG_HOME/wrike-tui/config.toml. See docs/themes.md and docs/terminal.md.
import Browser
import Platform

/// User settings. Every field has a default; a bad file yields defaults plus messages naming the line.
public struct Config: Sendable, Equatable {
    /// Theme name: a built-in (default, light, high-contrast, monochrome) or a user theme file.
    public var theme: String = "default"
    /// ASCII borders and glyphs even in a UTF-8 locale.
    public var ascii: Bool = false
    /// Clicks focus a pane and select a row, the wheel scrolls. Off by default: the terminal's own
    /// selection (copying text with the mouse) keeps working.
    public var mouse: Bool = false
    /// "auto" (detect), "256", "16", "8" or "none".
    public var colors: String = "auto"
    /// Synchronized output (DEC mode 2026) around each frame: "auto" (when the terminal announces it),
    /// "on" or "off".
    public var synchronizedOutput: String = "auto"
    /// Key rebindings: action name -> key strings ("ctrl-u", "S-Tab", "g"). Validated by the keymap.
    public var keys: [String: [String]] = [:]
    /// The line of each `[keys]` entry, for messages about conflicts or unknown actions.
    public var keyLines: [String: Int] = [:]
    /// Seconds between automatic refreshes of the visible data; 0 turns it off.
    public var refreshInterval: Double = 60
    /// Seconds between inbox polls (docs/inbox.md); 0: only when the inbox is opened or refreshed.
    public var inboxInterval: Double = 120
    /// Ceiling on requests per minute to Wrike (its documented limit is about 400).
    public var rateLimit: Int = 300
    /// The instant start: seconds the last screen (and the warm-start file) kept on disk stay usable; 0: the
    /// screen is neither kept nor drawn at start.
    public var snapshotMaxAge: Double = 86_400
    /// The detail pane shows the task under the list's cursor once the cursor rests (Features/FollowCursor).
    public var followCursor: Bool = true
    /// Task-list columns, in order.
    public var columns: [String] = Config.defaultColumns
    /// `[[commands]]`: your own commands on keys (CustomCommandsConfig.swift).
    public var commands: [CustomCommand] = []
    /// `[[views]]`: saved views (ViewsConfig.swift, docs/views.md).
    public var views: [SavedView] = []
    /// `startup-view`: the view a run opens first when no last screen is remembered.
    public var startupView: String?
    /// `remember-view`: the last list, its sort and filter, and the open folder are kept across runs.
    public var rememberView = true

    /// Every setting of config.toml (`--help` lists them; docs/terminal.md explains them, with docs/views.md for
    /// `[[views]]`, docs/cli.md for `[[commands]]` and docs/auth.md for `[auth]`).
    public static let settingNames = ["theme", "ascii", "colors", "synchronized-output", "refresh-interval", "rate-limit",
                                      "snapshot-max-age", "columns", "startup-view", "remember-view", "inbox-interval",
                                      "follow-cursor", "mouse", "[keys]",
                                      "[[commands]]", "[[views]]", "[auth]"]

    public static let defaultColumns = ["status", "importance", "title", "assignees", "due"]
    public static let knownColumns = ["status", "importance", "title", "assignees", "due", "start", "updated", "created",
                                      "author", "id", "marker"]

    public init() {}

    /// Loads `paths.configFile` (`$XDG_CONFIG_HOME/wrike-tui/config.toml`) with `SafeFile`. A missing
    /// file is not an error; one that cannot be read gives the defaults and a message.
    public static func load(paths: XDGPaths, readFile: (String) throws(FileReadError) -> String? = Config.readText)
        -> (config: Config, messages: [ConfigMessage]) {
        let p = paths.configFile
        let text: String?
        do {
            text = try readFile(p)
        } catch {
            return (Config(), [ConfigMessage(file: p, line: nil, message: error.reason + "; using the default settings")])
        }
        guard let text else { return (Config(), []) }
        return parse(text, file: p)
    }

    /// A settings or theme file's text (nil when missing): regular files only, at most 1 MB.
    public static func readText(_ path: String) throws(FileReadError) -> String? {
        try SafeFile.readText(path, limit: SafeFile.textLimit)
    }

    /// Parses config TOML. A syntax error gives all defaults and one message with the line; a bad value
    /// keeps that setting's default and gives a message with its line.
    public static func parse(_ text: String, file: String = "config.toml") -> (config: Config, messages: [ConfigMessage]) {
        var config = Config()
        let doc: TOMLTable
        do {
            doc = try TOML.parse(text)
        } catch {
            return (config, [ConfigMessage(file: file, line: error.line, message: error.message + "; using the default settings")])
        }
        var messages: [ConfigMessage] = []
        func bad(_ key: String, _ table: TOMLTable, _ message: String) {
            messages.append(ConfigMessage(file: file, line: table.line(of: key), message: message))
        }
        for key in doc.keys {
            guard let v = doc[key] else { continue }
            switch key {
            case "theme":
                if let s = v.string, !s.isEmpty { config.theme = s } else { bad(key, doc, "theme must be a theme name (a string)") }
            case "ascii":
                if let b = v.bool { config.ascii = b } else { bad(key, doc, "ascii must be true or false") }
            case "mouse":
                if let b = v.bool { config.mouse = b } else { bad(key, doc, "mouse must be true or false") }
            case "colors", "colours":
                if let s = v.string?.lowercased(), ["auto", "256", "16", "8", "none"].contains(s) {
                    config.colors = s
                } else if let i = v.integer, [256, 16, 8, 0].contains(i) {
                    config.colors = i == 0 ? "none" : String(i)
                } else {
                    bad(key, doc, "colors must be \"auto\", \"256\", \"16\", \"8\" or \"none\"")
                }
            case "synchronized-output", "synchronized_output":
                if let s = v.string?.lowercased(), ["auto", "on", "off"].contains(s) {
                    config.synchronizedOutput = s
                } else if let b = v.bool {
                    config.synchronizedOutput = b ? "on" : "off"
                } else {
                    bad(key, doc, "synchronized-output must be \"auto\", \"on\" or \"off\"")
                }
            case "refresh-interval", "refresh_interval":
                if let d = v.number, d >= 0, d <= 86_400 {
                    config.refreshInterval = d
                } else {
                    bad(key, doc, "refresh-interval must be a number of seconds between 0 (off) and 86400")
                }
            case "inbox-interval", "inbox_interval":
                if let d = v.number, d >= 0, d <= 86_400 {
                    config.inboxInterval = d
                } else {
                    bad(key, doc, "inbox-interval must be a number of seconds between 0 (off) and 86400")
                }
            case "follow-cursor", "follow_cursor":
                if let b = v.bool { config.followCursor = b } else { bad(key, doc, "follow-cursor must be true or false") }
            case "snapshot-max-age", "snapshot_max_age":
                if let d = v.number, d >= 0, d <= 90 * 86_400 {
                    config.snapshotMaxAge = d
                } else {
                    bad(key, doc, "snapshot-max-age must be a number of seconds between 0 (off) and 7776000 (90 days)")
                }
            case "rate-limit", "rate_limit":
                if let i = v.integer, (1...10_000).contains(i) {
                    config.rateLimit = i
                } else {
                    bad(key, doc, "rate-limit must be a whole number of requests per minute (1-10000)")
                }
            case "columns":
                guard let cols = v.strings, !cols.isEmpty else {
                    bad(key, doc, "columns must be a non-empty array of strings")
                    continue
                }
                let unknown = cols.filter { !knownColumns.contains($0) }
                if unknown.isEmpty {
                    config.columns = cols
                } else {
                    bad(key, doc, "unknown column(s) \(unknown.joined(separator: ", ")) (known: \(knownColumns.joined(separator: ", ")))")
                }
            case "keys":
                guard let table = v.table else {
                    bad(key, doc, "keys must be a table: [keys]")
                    continue
                }
                for action in table.keys {
                    guard let kv = table[action] else { continue }
                    let line = table.line(of: action)
                    var list: [String]?
                    if let s = kv.string { list = [s] } else { list = kv.strings }
                    guard let list else {
                        bad(action, table, "keys.\(action) must be a key or an array of keys, like [\"j\", \"down\"]")
                        continue
                    }
                    // A value naming something that is not a key keeps the action's default keys.
                    if let wrong = list.first(where: { Key(parsing: $0) == nil }) {
                        bad(action, table, "keys.\(action): '\(wrong)' is not a key (examples: \"g\", \"ctrl-u\", \"S-Tab\", "
                            + "\"PgDn\", \"F5\"); keeping the default keys")
                        continue
                    }
                    config.keys[action] = list
                    config.keyLines[action] = line
                }
            case "views":
                let (views, problems) = parseViews(v, doc: doc, file: file)
                config.views = views
                messages += problems
            case "startup-view", "startup_view":
                if let s = v.string, !s.isEmpty { config.startupView = s } else { bad(key, doc, "startup-view must be the name of one of the [[views]]") }
            case "remember-view", "remember_view":
                if let b = v.bool { config.rememberView = b } else { bad(key, doc, "remember-view must be true or false") }
            case "auth":
                messages += authProblems(v, doc: doc, file: file)
            case "commands":
                let (commands, problems) = parseCommands(v, doc: doc, file: file)
                config.commands = commands
                messages += problems
            default:
                bad(key, doc, "unknown setting '\(key)'")
            }
        }
        if let s = config.startupView, !config.views.contains(where: { $0.name == s }) {
            messages.append(ConfigMessage(file: file, line: doc.line(of: "startup-view"),
                                          message: "startup-view “\(s)” is not one of the [[views]]; starting as without it"))
            config.startupView = nil
        }
        return (config, messages)
    }
}
