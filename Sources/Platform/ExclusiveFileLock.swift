// A read-modify-write of a file shared between processes (the timer file: the app and `wrike-tui timer`)
// holds an exclusive `flock` on a lock file next to it. The lock goes with the process: a killed process
// never leaves it held.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ExclusiveFileLock {
    /// Runs `body` holding an exclusive `flock` on `path` (created 0600, its directory with `access`'s mode).
    public static func with<T>(path: String, access: FileAccess, _ body: () throws -> T) throws -> T {
        try AtomicFile.ensureDirectory((path as NSString).deletingLastPathComponent, access: access)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, access.fileMode)
        guard fd >= 0 else { throw FileWriteError(step: .createTemporary, path: path, code: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw FileWriteError(step: .write, path: path, code: errno)
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }
}
