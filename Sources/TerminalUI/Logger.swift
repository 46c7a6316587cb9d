// A file logger: curses owns the screen, so nothing may be printed. Logs go to
// $XDG_STATE_HOME/wrike-tui/log/wrike-tui.log (default ~/.local/state/...).
import TermText

#if canImport(Glibc)
import Glibc
#endif

public final class Logger: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var name: String { ["debug", "info", "warning", "error"][rawValue] }
    }

    /// The log file, or nil when logging is off (no file could be opened).
    public let path: String?
    public let minimumLevel: Level
    private let fd: Int32

    /// A logger that drops everything.
    public static let disabled = Logger(path: nil, fd: -1, minimumLevel: .error)

    private init(path: String?, fd: Int32, minimumLevel: Level) {
        self.path = path
        self.fd = fd
        self.minimumLevel = minimumLevel
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The log directory: `$XDG_STATE_HOME/wrike-tui/log` or `$HOME/.local/state/wrike-tui/log`.
    public static func directory(environment: [String: String]) -> String {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/wrike-tui/log" }
        return (environment["HOME"] ?? "/tmp") + "/.local/state/wrike-tui/log"
    }

    /// Opens (creating directories; rotating a file over 5 MB to `.1`) the log file. Never fails: on any
    /// problem the returned logger is disabled.
    public static func open(environment: [String: String], minimumLevel: Level = .info) -> Logger {
        let dir = directory(environment: environment)
        var partial = ""
        for part in dir.split(separator: "/") {
            partial += "/" + part
            _ = mkdir(partial, 0o700)
        }
        let file = dir + "/wrike-tui.log"
        var st = stat()
        if stat(file, &st) == 0, st.st_size > 5 << 20 { _ = rename(file, file + ".1") }
        let fd = Glibc.open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .disabled }
        return Logger(path: file, fd: fd, minimumLevel: minimumLevel)
    }

    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard fd >= 0, level >= minimumLevel else { return }
        let line = Logger.timestamp() + " [" + level.name + "] " + Logger.redact(message()) + "\n"
        var s = line
        s.withUTF8 { buf in
            if let base = buf.baseAddress { _ = write(fd, base, buf.count) }
        }
    }

    public func debug(_ m: @autoclosure () -> String) { log(.debug, m()) }
    public func info(_ m: @autoclosure () -> String) { log(.info, m()) }
    public func warning(_ m: @autoclosure () -> String) { log(.warning, m()) }
    public func error(_ m: @autoclosure () -> String) { log(.error, m()) }

    private static let stops: Set<Character> = ["&", "\"", " ", ",", "}", "'"]

    static func timestamp() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }

    /// Hides credentials: the word after "Bearer ", and values of access_token / refresh_token / token /
    /// client_secret / code parameters or JSON fields. Also strips control characters.
    public static func redact(_ s: String) -> String {
        var out = Sanitizer.cleanLine(s, maxLength: 8192)
        let markers = ["Bearer ", "bearer ", "access_token", "refresh_token", "client_secret", "\"token", "token=", "code="]
        for marker in markers {
            var result = ""
            var rest = Substring(out)
            while let r = rest.firstRange(of: marker) {
                result += rest[..<r.upperBound]
                var after = rest[r.upperBound...]
                // Skip separators such as `=`, `":"`, spaces.
                while let c = after.first, c == "=" || c == ":" || c == "\"" || c == " " {
                    result.append(c)
                    after = after.dropFirst()
                }
                let end = after.firstIndex { Logger.stops.contains($0) } ?? after.endIndex
                if end > after.startIndex { result += "[redacted]" }
                rest = after[end...]
            }
            result += rest
            out = result
        }
        return out
    }
}
