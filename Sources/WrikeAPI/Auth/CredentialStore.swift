import Foundation
import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `$XDG_CONFIG_HOME/wrike-tui/credentials.json` (default `~/.config/wrike-tui`): profiles of
/// credentials. The directory is created 0700, the file written 0600 with `AtomicFile` (temp file,
/// fsync, rename, fsync of the directory) and read with `SafeFile` (a regular file, not a link, at most
/// 4 MB). A file that group or others may read is refused, like ssh refuses such keys. Every
/// read-modify-write holds an exclusive `flock` on `credentials.json.lock`, so two running copies
/// of the app never lose each other's updates (e.g. a rotated refresh token).
public struct CredentialStore: Sendable {
    public let directory: String
    public var path: String { directory + "/credentials.json" }
    var lockPath: String { directory + "/credentials.json.lock" }

    public init(directory: String) {
        var d = directory
        while d.count > 1 && d.hasSuffix("/") { d.removeLast() }
        self.directory = d
    }

    /// The store in the config directory of `paths` (`$XDG_CONFIG_HOME/wrike-tui`).
    public init(paths: XDGPaths) {
        self.init(directory: paths.config)
    }

    /// The store under `$XDG_CONFIG_HOME/wrike-tui` (or `$HOME/.config/wrike-tui`).
    public init(environment: [String: String]) {
        self.init(paths: XDGPaths(environment: environment))
    }

    /// Larger files are refused.
    static let maxFileSize = 4_000_000

    /// The file's content.
    struct FileContent: Codable {
        var version: Int = 1
        var profiles: [String: StoredCredentials] = [:]
    }

    // MARK: - public operations

    /// The profile's credentials, or nil when there are none.
    public func load(profile: String) throws(AuthError) -> StoredCredentials? {
        let lock = try FileLock(path: lockPath, exclusive: false, createDirectory: nil)
        defer { lock.unlock() }
        return try read().profiles[profile]
    }

    /// Names of the stored profiles, sorted.
    public func profiles() throws(AuthError) -> [String] {
        let lock = try FileLock(path: lockPath, exclusive: false, createDirectory: nil)
        defer { lock.unlock() }
        return try read().profiles.keys.sorted()
    }

    /// Stores (replaces) the profile's credentials.
    public func save(_ credentials: StoredCredentials, profile: String) throws(AuthError) {
        try update(profile: profile) { $0 = credentials }
    }

    /// Removes the profile; returns whether it existed.
    @discardableResult
    public func remove(profile: String) throws(AuthError) -> Bool {
        var existed = false
        try update(profile: profile) { current in
            existed = current != nil
            current = nil
        }
        return existed
    }

    /// Read-modify-write of one profile under the exclusive lock.
    public func update(profile: String, _ body: (inout StoredCredentials?) throws(AuthError) -> Void) throws(AuthError) {
        let lock = try lockExclusive()
        defer { lock.unlock() }
        try updateLocked(profile: profile, body)
    }

    /// Takes the exclusive lock (blocks while another process holds it). Use with `loadLocked` and
    /// `updateLocked` to keep the lock across a network call (a refresh), then `unlock()`.
    public func lockExclusive() throws(AuthError) -> FileLock {
        try ensureDirectory()
        return try FileLock(path: lockPath, exclusive: true, createDirectory: nil)
    }

    /// Reads the profile; the caller holds the lock.
    public func loadLocked(profile: String) throws(AuthError) -> StoredCredentials? {
        try read().profiles[profile]
    }

    /// Read-modify-write; the caller holds the exclusive lock.
    public func updateLocked(profile: String, _ body: (inout StoredCredentials?) throws(AuthError) -> Void) throws(AuthError) {
        var content = try read()
        var value = content.profiles[profile]
        try body(&value)
        guard value != content.profiles[profile] else { return }
        content.profiles[profile] = value
        try write(content)
    }

    // MARK: - file access

    /// Reads and checks the file; a missing file is an empty store.
    func read() throws(AuthError) -> FileContent {
        let contents: FileContents
        do {
            contents = try SafeFile.read(path, limit: Self.maxFileSize, followSymlinks: false)
        } catch where error.kind == .missing {
            return FileContent()
        } catch {
            throw .storage(error.description)
        }
        guard contents.owner == getuid() else { throw .wrongOwner(path: path) }
        let mode = contents.mode & 0o777
        if mode & 0o077 != 0 { throw .insecurePermissions(path: path, mode: mode) }
        let data = contents.bytes
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return FileContent() }
        do {
            return try Self.decoder.decode(FileContent.self, from: Data(data))
        } catch {
            throw .storage("'\(path)' is not valid credentials JSON (\(Self.describe(error))); "
                           + "fix or remove it and sign in again")
        }
    }

    /// Writes atomically (`AtomicFile`): temp file (0600) in the same directory, fsync, rename, fsync the
    /// directory.
    func write(_ content: FileContent) throws(AuthError) {
        let data: Data
        do { data = try Self.encoder.encode(content) } catch {
            throw .storage("cannot encode credentials: \(Self.describe(error))")
        }
        do {
            try AtomicFile.write([UInt8](data) + [0x0A], to: path, access: .owner)
        } catch {
            throw .storage(error.description)
        }
    }

    /// Creates the directory (and parents) with mode 0700 when missing.
    func ensureDirectory() throws(AuthError) {
        do {
            try AtomicFile.ensureDirectory(directory, access: .owner)
        } catch {
            throw .storage(error.description)
        }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    /// Decoding errors without values (the file holds secrets).
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c), DecodingError.keyNotFound(_, let c),
             DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "malformed JSON" : "bad or missing value at \(path)"
        default:
            return "malformed"
        }
    }
}

/// An `flock` on a lock file, released by `unlock()` (or when the value is freed).
public final class FileLock: @unchecked Sendable {
    private let lock = NSLock()
    private var fd: Int32

    init(path: String, exclusive: Bool, createDirectory: String?) throws(AuthError) {
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0 && errno == ENOENT && !exclusive {
            // Directory missing: nothing stored yet; a shared read needs no lock.
            self.fd = -1
            return
        }
        if fd < 0 && (errno == EACCES || errno == EROFS) && !exclusive {
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        }
        guard fd >= 0 else {
            throw .storage("cannot open lock file '\(path)': \(String(cString: strerror(errno)))")
        }
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno == EINTR { continue }
            let text = String(cString: strerror(errno))
            close(fd)
            throw .storage("cannot lock '\(path)': \(text)")
        }
        self.fd = fd
    }

    public func unlock() {
        lock.withLock {
            if fd >= 0 {
                _ = flock(fd, LOCK_UN)
                close(fd)
                fd = -1
            }
        }
    }

    deinit { unlock() }
}
