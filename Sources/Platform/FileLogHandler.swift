// The log file: curses owns the screen, so nothing may be printed. swift-log's `Logger` with this
// handler writes one line per entry, `2025-01-31T09:15:02Z [info] message key=value`, redacted
// (`LogRedaction`), with one append-mode write(2) per line so lines of concurrent writers never mix.
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open log file (shared by every copy of the handler).
public final class LogFile: Sendable {
    /// A file over this size is renamed to `<name>.1` when opened.
    public static let rotateAbove = 5 << 20

    public let path: String
    private let fd: Int32

    /// Opens (creating its directory 0700 and the file 0600) `path` for appending. Nil when it cannot.
    public init?(path: String) {
        let (directory, _) = AtomicFile.split(path)
        guard (try? AtomicFile.ensureDirectory(directory, access: .owner)) != nil else { return nil }
        var st = stat()
        if stat(path, &st) == 0, st.st_size > Self.rotateAbove { _ = rename(path, path + ".1") }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Appends one line (a newline is added).
    public func append(_ line: String) {
        _ = AtomicFile.writeAll(fd, Array((line + "\n").utf8))
    }
}

/// A swift-log handler writing redacted lines to a `LogFile` (or nowhere, when it is nil).
public struct FileLogHandler: LogHandler {
    public let file: LogFile?
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(file: LogFile?, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) {
        self.file = file
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard let file else { return }
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let own = event.metadata { all.merge(own) { _, new in new } }
        file.append(Self.line(level: event.level, message: event.message.description, metadata: all,
                              error: event.error, time: time(nil)))
    }

    /// `TIMESTAMP [level] message key=value … error=…`, redacted.
    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, error: (any Error)?,
                     time: time_t) -> String {
        var s = timestamp(time) + " [" + level.rawValue + "] " + message
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            s += " " + key + "=" + (LogRedaction.isSecretKey(key) ? LogRedaction.placeholder : "\(value)")
        }
        if let error { s += " error=\(error)" }
        return LogRedaction.redact(s)
    }

    static func timestamp(_ time: time_t) -> String {
        var t = time
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }
}

extension Logger {
    /// The app's log: `<state>/log/wrike-tui.log` (`$XDG_STATE_HOME/wrike-tui/log`, default
    /// `~/.local/state/wrike-tui/log`). Never fails: when the file cannot be opened the logger drops
    /// everything.
    public static func wrikeTUI(paths: XDGPaths, level: Logger.Level = .info) -> Logger {
        let file = LogFile(path: paths.logDirectory + "/wrike-tui.log")
        return Logger(label: XDGPaths.appName) { _ in FileLogHandler(file: file, level: level) }
    }

    /// A logger that drops everything.
    public static var disabled: Logger {
        Logger(label: XDGPaths.appName) { _ in FileLogHandler(file: nil) }
    }

    /// The file this logger writes to, when it is a `FileLogHandler` with an open file.
    public var filePath: String? { (handler as? FileLogHandler)?.file?.path }
}
