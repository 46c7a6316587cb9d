// Drafts of comments and time logs, kept on disk so a crash, a dropped SSH session or a failed send
// never loses what the user typed. One JSON file per draft under
// `$XDG_STATE_HOME/wrike-tui/drafts/` (default `~/.local/state/wrike-tui/drafts/`), written with
// `AtomicFile` (temp file + fsync + rename), directory 0700, files 0600, and read with `SafeFile`. Each
// draft has a unique file name, so two app instances never rewrite a shared file. The effect runner
// calls it (never the UI thread in a tight loop). Time is passed in. See docs/actions.md.
import Browser
import Foundation
import Platform

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DraftError {
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

public struct DraftStore: Sendable {
    /// Absolute path of the drafts directory.
    public let directory: String
    /// Files larger than this are treated as corrupt.
    public static let maxFileSize = 4 << 20

    public init(directory: String) {
        self.directory = directory
    }

    /// The drafts directory of `paths`: `$XDG_STATE_HOME/wrike-tui/drafts`.
    public init(paths: XDGPaths) {
        self.init(directory: paths.drafts)
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
        do {
            try AtomicFile.ensureDirectory(directory, access: .owner)
        } catch {
            throw DraftError.from(errno: error.code, path: error.path, doing: "save")
        }
    }

    // MARK: - Save, delete, load

    /// Writes the draft atomically (`AtomicFile`: a private temp file, fsync, rename over `<id>.json`,
    /// fsync of the directory).
    public func save(_ draft: Draft) throws(DraftError) {
        guard Self.isValidId(draft.id) else {
            throw DraftError(reason: .invalidId, message: "Cannot save the draft: bad draft id.")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do { data = try encoder.encode(draft) } catch {
            throw DraftError(reason: .other, message: "Cannot save the draft: it could not be encoded.")
        }
        do {
            try AtomicFile.write(data, to: path(for: draft.id), access: .owner)
        } catch {
            throw DraftError.from(errno: error.code, path: error.step == .createDirectory ? error.path : directory,
                                  doing: "save")
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
        // Regular files only, without following links, never blocking on a FIFO, bounded in size.
        let contents: FileContents
        do {
            contents = try SafeFile.read(path, limit: Self.maxFileSize, followSymlinks: false)
        } catch {
            switch error.kind {
            case .notRegular: throw DraftError(reason: .other, message: "\(path) is not a regular file.")
            case .tooLarge: throw DraftError(reason: .tooLarge, message: "\(path) is too large to be a draft.")
            case .missing, .unreadable: throw DraftError(reason: .other, message: "Cannot read \(path).")
            }
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(Draft.self, from: contents.data)
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
