// Where wrike-tui keeps its files: the XDG base directories
// (https://specifications.freedesktop.org/basedir-spec/latest/) and the app's folder in each.
import Foundation

/// The four XDG base directories and wrike-tui's directories in them. An `$XDG_*_HOME` that is not an
/// absolute path is ignored, as the specification says; the defaults are under `$HOME` (or the user's
/// home directory from the password database when `HOME` is unset or empty).
public struct XDGPaths: Sendable, Equatable {
    public static let appName = "wrike-tui"

    public let home: String
    /// `$XDG_CONFIG_HOME`, default `~/.config`.
    public let configHome: String
    /// `$XDG_CACHE_HOME`, default `~/.cache`.
    public let cacheHome: String
    /// `$XDG_STATE_HOME`, default `~/.local/state`.
    public let stateHome: String
    /// `$XDG_DATA_HOME`, default `~/.local/share`.
    public let dataHome: String

    public init(environment: [String: String]) {
        let home = Self.trimmed(environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory())
        func base(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return Self.trimmed(value) }
            return (home == "/" ? "" : home) + fallback
        }
        self.home = home
        configHome = base("XDG_CONFIG_HOME", "/.config")
        cacheHome = base("XDG_CACHE_HOME", "/.cache")
        stateHome = base("XDG_STATE_HOME", "/.local/state")
        dataHome = base("XDG_DATA_HOME", "/.local/share")
    }

    // MARK: - wrike-tui's directories

    /// Settings and credentials: `config.toml`, `themes/`, `credentials.json`.
    public var config: String { configHome + "/" + Self.appName }
    /// Data that can be thrown away: the warm-start files.
    public var cache: String { cacheHome + "/" + Self.appName }
    /// Data that outlives a run but is not settings: drafts and the log.
    public var state: String { stateHome + "/" + Self.appName }
    /// User data (nothing is kept there yet).
    public var data: String { dataHome + "/" + Self.appName }

    public var configFile: String { config + "/config.toml" }
    public var themes: String { config + "/themes" }
    public var drafts: String { state + "/drafts" }
    public var logDirectory: String { state + "/log" }

    /// Without trailing slashes (but "/" stays "/").
    static func trimmed(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
