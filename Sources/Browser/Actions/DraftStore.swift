// Drafts of comments and time logs, kept on disk so a crash, a dropped SSH session or a failed send
// never loses what the user typed. One JSON file per draft under
// `$XDG_STATE_HOME/wrike-tui/drafts/` (default `~/.local/state/wrike-tui/drafts/`), written atomically
// (temp file + fsync + rename), directory 0700, files 0600. Each draft has a unique file name, so two
// app instances never rewrite a shared file. This is the one type in Actions that does file I/O: the
// effect runner calls it (never the UI thread in a tight loop). Time is passed in. See docs/actions.md.
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `read(2)` (the store's own `read(path:)` hides the C name).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}

/// A saved draft.
public struct Draft: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case comment, timelog }
    public enum State: String, Codable, Sendable {
        /// Being written; not sent yet.
        case editing
        /// A send started (saved just before the request left). Found on start: the outcome is unknown.
        case sending
        /// Sent, but no answer came back; must be resolved by re-reading before any new send.
        case unknownOutcome
        /// Wrike refused it or it never left: safe to send again.
        case failed
    }
    /// The time-log fields (kind `timelog`); `Draft.text` holds the time log's comment.
    public struct TimelogFields: Codable, Sendable, Equatable {
        public var hours: Double
        public var trackedDate: String
        public var categoryId: String?
        public init(hours: Double, trackedDate: String, categoryId: String? = nil) {
            self.hours = hours
            self.trackedDate = trackedDate
            self.categoryId = categoryId
        }
    }

    public var version: Int = 1
    /// Unique id, also the file name (`<id>.json`). Letters, digits, `-` and `_` only.
    public var id: String
    public var kind: Kind
    /// The account profile the draft belongs to (drafts of other profiles are not offered).
    public var profile: String
    public var taskId: String
    public var taskTitle: String
    /// Comment text, or the time log's comment.
    public var text: String
    public var timelog: TimelogFields?
    public var created: Date
    public var updated: Date
    /// When the last send started (to find it again when its outcome is unknown).
    public var sendStartedAt: Date?
    /// The latest moment that send's request could leave (its time limit): until this plus a margin,
    /// not finding it means "may still arrive", never "did not arrive".
    public var deadline: Date?
    public var lastError: String?
    public var attempts: Int
    public var state: State
    /// The id Wrike gave it, once confirmed (set on the copy that goes with `.deleteDraft`; a draft
    /// deleted without one was discarded by the user). Never on disk in practice: a confirmed draft is deleted.
    public var entityId: String?

    public init(id: String, kind: Kind, profile: String, taskId: String, taskTitle: String, text: String,
                timelog: TimelogFields? = nil, created: Date, updated: Date? = nil, sendStartedAt: Date? = nil,
                lastError: String? = nil, attempts: Int = 0, state: State = .editing) {
        self.id = id
        self.kind = kind
        self.profile = profile
        self.taskId = taskId
        self.taskTitle = taskTitle
        self.text = text
        self.timelog = timelog
        self.created = created
        self.updated = updated ?? created
        self.sendStartedAt = sendStartedAt
        self.lastError = lastError
        self.attempts = attempts
        self.state = state
    }
}

/// Why a draft could not be saved or read, in words the status line can show.
public struct DraftError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable { case readOnly, full, notADirectory, invalidId, tooLarge, other }
    public var reason: Reason
    public var message: String
    public var description: String { message }

    public init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }

    /// Maps an errno from a write in `path` to a plain message (the text stays in the editor either way).
    public static func from(errno code: Int32, path: String, doing: String) -> DraftError {
        switch code {
        case EACCES, EPERM, EROFS:
            return DraftError(reason: .readOnly,
                              message: "Cannot save the draft: \(path) is read-only. The text is kept in the editor.")
        case ENOSPC, EDQUOT:
            return DraftError(reason: .full,
                              message: "Cannot save the draft: the disk holding \(path) is full. The text is kept in the editor.")
        case ENOTDIR, EEXIST:
            return DraftError(reason: .notADirectory,
                              message: "Cannot save the draft: \(path) is not a directory. The text is kept in the editor.")
        default:
            let reason = String(cString: strerror(code))
            return DraftError(reason: .other, message: "Cannot \(doing) the draft in \(path): \(reason).")
        }
    }
}

/// The result of listing drafts at start: the drafts, and a message for each file that could not be read.
public struct DraftListing: Sendable, Equatable {
    public var drafts: [Draft]
    public var problems: [String]
}

public struct DraftStore: Sendable {
    /// Absolute path of the drafts directory.
    public let directory: String
    /// Files larger than this are treated as corrupt.
    public static let maxFileSize = 4 << 20

    public init(directory: String) {
        self.directory = directory
    }

    /// `$XDG_STATE_HOME/wrike-tui/drafts` (a relative XDG_STATE_HOME is ignored, as the spec says),
    /// else `$HOME/.local/state/wrike-tui/drafts`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/wrike-tui/drafts"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/wrike-tui/drafts"
    }

    /// A new unique id: time, process id and randomness, so two instances never collide.
    public static func newId(now: Date) -> String {
        let stamp = Int64(now.timeIntervalSince1970 * 1000)
        let random = UInt32.random(in: 0...UInt32.max)
        return "d\(stamp)-\(getpid())-" + String(random, radix: 16)
    }

    static func isValidId(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && id.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95
        }
    }

    func path(for id: String) -> String { directory + "/" + id + ".json" }

    // MARK: - Directory

    /// Creates the directory (and missing parents) with mode 0700.
    public func ensureDirectory() throws(DraftError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw DraftError.from(errno: ENOTDIR, path: directory, doing: "save") }
            return
        }
        var prefix = ""
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if mkdir(prefix, 0o700) != 0 {
                let e = errno
                if e == EEXIST {
                    var st = stat()
                    if stat(prefix, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { continue }
                    throw DraftError.from(errno: ENOTDIR, path: prefix, doing: "save")
                }
                throw DraftError.from(errno: e, path: prefix, doing: "save")
            }
        }
        _ = chmod(directory, 0o700)
    }

    // MARK: - Save, delete, load

    /// Writes the draft atomically: a private temp file (0600) is written, flushed to disk, then renamed
    /// over `<id>.json`; the directory is synced so the rename survives a crash.
    public func save(_ draft: Draft) throws(DraftError) {
        guard Self.isValidId(draft.id) else {
            throw DraftError(reason: .invalidId, message: "Cannot save the draft: bad draft id.")
        }
        try ensureDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do { data = try encoder.encode(draft) } catch {
            throw DraftError(reason: .other, message: "Cannot save the draft: it could not be encoded.")
        }
        let final = path(for: draft.id)
        let temp = directory + "/." + draft.id + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DraftError.from(errno: errno, path: directory, doing: "save") }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buf.count, let base = buf.baseAddress {
                let n = write(fd, base + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temp, final) != 0 { failure = errno }
        if failure != 0 {
            unlink(temp)
            throw DraftError.from(errno: failure, path: directory, doing: "save")
        }
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Removes a draft (after Wrike confirmed the send, or the user discarded it). A missing file is fine.
    public func delete(id: String) throws(DraftError) {
        guard Self.isValidId(id) else { throw DraftError(reason: .invalidId, message: "Bad draft id.") }
        if unlink(path(for: id)) != 0 && errno != ENOENT {
            throw DraftError.from(errno: errno, path: directory, doing: "delete")
        }
    }

    /// Reads one draft.
    public func load(id: String) throws(DraftError) -> Draft {
        guard Self.isValidId(id) else { throw DraftError(reason: .invalidId, message: "Bad draft id.") }
        return try read(path: path(for: id))
    }

    private func read(path: String) throws(DraftError) -> Draft {
        // Not FileManager.contents: a FIFO named `x.json` would block it forever and a symlink to
        // /dev/zero would never end. Open without following links or blocking, accept regular files only.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw DraftError(reason: .other, message: "Cannot read \(path).") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw DraftError(reason: .other, message: "\(path) is not a regular file.")
        }
        guard st.st_size <= Self.maxFileSize else {
            throw DraftError(reason: .tooLarge, message: "\(path) is too large to be a draft.")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while data.count <= Self.maxFileSize {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DraftError(reason: .other, message: "Cannot read \(path).")
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        guard data.count <= Self.maxFileSize else {
            throw DraftError(reason: .tooLarge, message: "\(path) is too large to be a draft.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(Draft.self, from: data)
        } catch {
            throw DraftError(reason: .other, message: "\(path) is not a valid draft.")
        }
    }

    /// All drafts (optionally only one profile's), oldest first. A file that cannot be read as a draft
    /// is renamed to `<name>.corrupt` and reported in `problems`; nothing throws. A missing directory
    /// means no drafts.
    public func list(profile: String? = nil) -> DraftListing {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return DraftListing(drafts: [], problems: [])
        }
        var drafts: [Draft] = []
        var problems: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let full = directory + "/" + name
            let id = String(name.dropLast(5))
            do {
                let d = try read(path: full)
                guard d.id == id else {
                    throw DraftError(reason: .other, message: "\(full) names another draft.")
                }
                if let profile, d.profile != profile { continue }
                drafts.append(d)
            } catch {
                // Another instance deleted it (its send was confirmed) between the listing and the read:
                // not damage.
                var st = stat()
                if lstat(full, &st) != 0 && errno == ENOENT { continue }
                var target = full + ".corrupt"
                var n = 1
                while FileManager.default.fileExists(atPath: target) {
                    n += 1
                    target = full + ".corrupt\(n)"
                }
                if rename(full, target) == 0 {
                    problems.append("A damaged draft was set aside as \(target).")
                } else {
                    problems.append("A damaged draft could not be read: \(full).")
                }
            }
        }
        drafts.sort { ($0.created, $0.id) < ($1.created, $1.id) }
        return DraftListing(drafts: drafts, problems: problems)
    }
}
