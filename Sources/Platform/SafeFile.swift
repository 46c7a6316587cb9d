// The one way files are read: regular files only, bounded in size, never blocking. A FIFO named like
// a config file would hang `fopen` or `Data(contentsOf:)` forever, and `/dev/zero` would never end:
// the file is opened with O_NONBLOCK, checked with fstat, and read up to a limit.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What was read, with the ownership and permissions of the file it came from.
public struct FileContents: Sendable, Equatable {
    public var bytes: [UInt8]
    /// The permission bits (`0o600`).
    public var mode: UInt32
    public var owner: UInt32

    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var data: Data { Data(bytes) }
}

/// A read that failed, in words for a message.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case missing
        /// A directory, FIFO, device or socket (or, when links are not followed, a symbolic link).
        case notRegular
        case tooLarge(limit: Int)
        /// `errno` of the failed call.
        case unreadable(Int32)
    }

    public var kind: Kind
    public var path: String

    public init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    public var description: String { "'\(path)': \(reason)" }

    /// What is wrong, without the path ("not a regular file").
    public var reason: String {
        switch kind {
        case .missing: return "does not exist"
        case .notRegular: return "not a regular file"
        case .tooLarge(let limit): return "larger than \(limit) bytes"
        case .unreadable(let code): return "cannot be read (\(String(cString: strerror(code))))"
        }
    }
}

public enum SafeFile {
    /// Settings and theme files are small: anything larger is a mistake.
    public static let textLimit = 1 << 20

    /// Reads a regular file of at most `limit` bytes. With `followSymlinks: false` a symbolic link is
    /// refused (`.notRegular`).
    public static func read(_ path: String, limit: Int, followSymlinks: Bool = true) throws(FileReadError) -> FileContents {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followSymlinks ? 0 : O_NOFOLLOW)
        let fd = open(path, flags)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw FileReadError(.missing, path: path)
            case ELOOP where !followSymlinks: throw FileReadError(.notRegular, path: path)
            default: throw FileReadError(.unreadable(code), path: path)
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileReadError(.unreadable(errno), path: path) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw FileReadError(.notRegular, path: path) }
        guard st.st_size <= limit else { throw FileReadError(.tooLarge(limit: limit), path: path) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(.unreadable(errno), path: path)
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            // The file grew after fstat.
            if bytes.count > limit { throw FileReadError(.tooLarge(limit: limit), path: path) }
        }
        return FileContents(bytes: bytes, mode: UInt32(st.st_mode) & 0o7777, owner: UInt32(st.st_uid))
    }

    /// A text file's content, nil when it does not exist; other problems throw.
    public static func readText(_ path: String, limit: Int = SafeFile.textLimit) throws(FileReadError) -> String? {
        do {
            return try read(path, limit: limit).text
        } catch where error.kind == .missing {
            return nil
        }
    }
}

/// `read(2)`.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
