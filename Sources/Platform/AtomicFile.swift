// The one way files are written: a temporary file in the same directory, written, flushed to disk
// (fsync), renamed over the target, and the directory flushed so that the rename survives a crash.
// A reader sees the old file or the new one, never a part.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may read what is written.
public enum FileAccess: Sendable {
    /// Files 0600 in directories 0700 (drafts, credentials, caches, the log).
    case owner
    /// Files 0644 in directories 0755 (results meant to be shared).
    case everyone

    public var fileMode: mode_t { self == .owner ? 0o600 : 0o644 }
    public var directoryMode: mode_t { self == .owner ? 0o700 : 0o755 }
}

/// A write that failed: which step, on which path, and the system's error number.
public struct FileWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Step: String, Sendable {
        case createDirectory = "create the directory"
        case createTemporary = "create a temporary file in"
        case write = "write to"
        case sync = "flush to disk"
        case replace = "replace"
    }

    public var step: Step
    /// The directory (or missing parent) for `createDirectory` and `createTemporary`, the file otherwise.
    public var path: String
    /// `errno` of the failed call.
    public var code: Int32

    public init(step: Step, path: String, code: Int32) {
        self.step = step
        self.path = path
        self.code = code
    }

    public var description: String {
        "cannot \(step.rawValue) '\(path)': \(String(cString: strerror(code)))"
    }
}

public enum AtomicFile {
    /// Replaces `path` with `bytes` atomically, creating missing directories with `access`'s mode.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, access: FileAccess) throws(FileWriteError) {
        let (directory, name) = split(path)
        try ensureDirectory(directory, access: access)
        var template = Array((directory + "/." + name + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw FileWriteError(step: .createTemporary, path: directory, code: errno) }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var failure: FileWriteError?
        if fchmod(fd, access.fileMode) != 0 {
            failure = FileWriteError(step: .createTemporary, path: directory, code: errno)
        } else if let code = writeAll(fd, Array(bytes)) {
            failure = FileWriteError(step: .write, path: path, code: code)
        } else if fsync(fd) != 0 {
            failure = FileWriteError(step: .sync, path: path, code: errno)
        }
        if close(fd) != 0 && failure == nil { failure = FileWriteError(step: .write, path: path, code: errno) }
        if failure == nil && rename(temp, path) != 0 { failure = FileWriteError(step: .replace, path: path, code: errno) }
        if let failure {
            unlink(temp)
            throw failure
        }
        syncDirectory(directory)
    }

    /// Creates `directory` and its missing parents with `access`'s mode. An existing directory is left
    /// as it is; an existing non-directory fails with `ENOTDIR`.
    public static func ensureDirectory(_ directory: String, access: FileAccess) throws(FileWriteError) {
        if isDirectory(directory) { return }
        var prefix = ""
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if mkdir(prefix, access.directoryMode) == 0 {
                _ = chmod(prefix, access.directoryMode)
                continue
            }
            let code = errno
            guard code == EEXIST else { throw FileWriteError(step: .createDirectory, path: prefix, code: code) }
            guard isDirectory(prefix) else { throw FileWriteError(step: .createDirectory, path: prefix, code: ENOTDIR) }
        }
    }

    /// Flushes a directory's entries (a rename or an unlink in it) to disk. Failures are ignored: some
    /// file systems cannot sync directories.
    public static func syncDirectory(_ directory: String) {
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { return }
        _ = fsync(dfd)
        close(dfd)
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// `/a/b/c.json` → (`/a/b`, `c.json`); a bare name is in the current directory.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// Writes everything (retrying after signals); the errno of a failure, or nil.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(fd, base + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }
}

/// `write(2)`.
func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
