// Where downloads go and how they are written: `$XDG_DOWNLOAD_DIR`, else `XDG_DOWNLOAD_DIR` in
// `~/.config/user-dirs.dirs`, else `~/Downloads`. A download is written to a hidden part file in that
// directory and linked under its final name only when complete, never over an existing file (`name (1).ext`
// …); a failed or cancelled one removes its part file. File names from the server go through
// `DownloadFile.safeName` (no path, no controls, no dot files). See docs/links.md.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum DownloadDirectory {
    /// The directory downloads go to (not created here).
    public static func resolve(environment: [String: String], paths: XDGPaths) -> String {
        if let v = environment["XDG_DOWNLOAD_DIR"], let p = expand(v, home: paths.home) { return p }
        if let text = try? SafeFile.read(paths.configHome + "/user-dirs.dirs", limit: 64 * 1024).text,
           let p = userDirsValue(text, home: paths.home) {
            return p
        }
        return XDGPaths.trimmed(paths.home + "/Downloads")
    }

    /// `XDG_DOWNLOAD_DIR="$HOME/Downloads"` in a user-dirs.dirs file (the format xdg-user-dirs writes:
    /// `$HOME/…` or an absolute path, in double quotes); nil when absent or not usable.
    public static func userDirsValue(_ text: String, home: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let l = line.trimmingCharacters(in: .whitespaces)
            guard l.hasPrefix("XDG_DOWNLOAD_DIR=") else { continue }
            var value = String(l.dropFirst("XDG_DOWNLOAD_DIR=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return expand(value, home: home)
        }
        return nil
    }

    /// `$HOME/x` and `~/x` under `home`; other paths must be absolute.
    static func expand(_ value: String, home: String) -> String? {
        var v = value
        if v.hasPrefix("$HOME") { v = home + v.dropFirst("$HOME".count) }
        else if v.hasPrefix("~/") || v == "~" { v = home + v.dropFirst() }
        guard v.hasPrefix("/"), !v.contains("\0") else { return nil }
        return XDGPaths.trimmed(v)
    }
}

/// A file being downloaded: its part file, open for writing, and where it will be linked.
public final class DownloadFile: @unchecked Sendable {
    public let directory: String
    public let name: String
    public let partPath: String
    private var fd: Int32
    public private(set) var written: Int64 = 0

    /// Creates the directory if needed (0700 when new) and a part file in it.
    public init(directory: String, name: String) throws(FileWriteError) {
        try AtomicFile.ensureDirectory(directory, access: .owner)
        var template = Array((directory + "/." + name + ".part-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { b -> Int32 in b.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw FileWriteError(step: .createTemporary, path: directory, code: errno) }
        self.fd = fd
        self.directory = directory
        self.name = name
        partPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = fchmod(fd, 0o644)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends a chunk.
    public func write(_ data: Data) throws(FileWriteError) {
        let failure: Int32? = data.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, base + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return errno }
                off += n
            }
            return nil
        }
        if let code = failure { throw FileWriteError(step: .write, path: partPath, code: code) }
        written += Int64(data.count)
    }

    /// Flushes, closes and links the file under `name`, or `name (1).ext`, `name (2).ext`… when taken (never
    /// replacing a file); removes the part file. Returns the final path.
    public func finish() throws(FileWriteError) -> String {
        guard fsync(fd) == 0 else { throw FileWriteError(step: .sync, path: partPath, code: errno) }
        close(fd)
        fd = -1
        defer { unlink(partPath) }
        for n in 0..<1000 {
            let candidate = directory + "/" + DownloadFile.numbered(name, n)
            if link(partPath, candidate) == 0 { return candidate }
            if errno != EEXIST { throw FileWriteError(step: .replace, path: candidate, code: errno) }
        }
        throw FileWriteError(step: .replace, path: directory + "/" + name, code: EEXIST)
    }

    /// Closes and removes the part file (a failed or cancelled download).
    public func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(partPath)
    }

    /// `report.pdf`, `report (1).pdf`, `report (2).pdf`…; the extension is what follows the last dot
    /// (not a leading one: `.bashrc (1)` cannot happen, safe names never start with a dot).
    public static func numbered(_ name: String, _ n: Int) -> String {
        guard n > 0 else { return name }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return "\(name[..<dot]) (\(n))\(name[dot...])"
        }
        return "\(name) (\(n))"
    }

    /// A file name from server text that is safe to create in the download directory: the last path
    /// component only (`/` and `\` separate), no control or format characters, no leading dots or
    /// spaces (no hidden files, no `.`/`..`), trailing dots and spaces trimmed, at most 200 bytes of
    /// UTF-8 (cut at a character, the extension kept); `attachment` when nothing is left.
    public static func safeName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for s in last.unicodeScalars {
            switch s.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: continue
            default: scalars.append(s)
            }
        }
        var name = String(scalars)
        while let f = name.first, f == "." || f == " " || f == "-" { name.removeFirst() }
        while let l = name.last, l == "." || l == " " { name.removeLast() }
        if name.utf8.count > 200 {
            let ext = name.lastIndex(of: ".").map { String(name[$0...]) }.flatMap { $0.utf8.count <= 20 ? $0 : nil } ?? ""
            var stem = ext.isEmpty ? name : String(name.dropLast(ext.count))
            while stem.utf8.count + ext.utf8.count > 200 { stem.removeLast() }
            name = stem + ext
        }
        return name.isEmpty ? "attachment" : name
    }
}
