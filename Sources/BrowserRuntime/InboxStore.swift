// The inbox file (runtime side): `$XDG_STATE_HOME/wrike-tui/inbox-<host>-<profile>.json` (default
// ~/.local/state/wrike-tui/), one per API host and profile (a `--base-url` server's marks never show on the
// account's, nor the other way round), 0600 in a 0700 directory, written with `AtomicFile` (temporary file,
// fsync, rename, fsync of the directory), read with `SafeFile`. The core decides what it holds
// (`InboxRecord`); the effect runner writes it one save at a time, in order. A damaged file is renamed
// `.damaged`, logged, and the inbox starts anew: never a crash. The file of one profile for every host
// (`inbox-<profile>.json`, before the host was part of the name) is taken over by the profile's own
// sign-in (`adoptsUnkeyedFile`), so marks are not lost on upgrade.
import Foundation
import Browser
import Platform

public struct InboxStore: Sendable {
    public static let maxFileSize = 8 << 20
    public let directory: String
    public let profile: String
    /// The API host (`www.wrike.com`, `localhost:8080`, `demo`).
    public let host: String
    /// Whether a missing file is first looked for under the old name of one file per profile (the
    /// profile's own sign-in and the demo: where that file's marks came from; not a `--base-url` server).
    public let adoptsUnkeyedFile: Bool
    let log: @Sendable (String) -> Void

    public init(directory: String, profile: String, host: String, adoptsUnkeyedFile: Bool = false,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.profile = profile
        self.host = host
        self.adoptsUnkeyedFile = adoptsUnkeyedFile
        self.log = log
    }

    /// In the state directory of `paths`: `$XDG_STATE_HOME/wrike-tui`.
    public init(paths: XDGPaths, profile: String, host: String, adoptsUnkeyedFile: Bool = false,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(directory: paths.state, profile: profile, host: host, adoptsUnkeyedFile: adoptsUnkeyedFile, log: log)
    }

    /// `inbox-<host>-<profile>.json`, both reduced to safe characters.
    public var path: String { directory + "/inbox-\(TimerStore.fileSafe(host))-\(TimerStore.fileSafe(profile)).json" }

    /// The name of one file per profile, before the host was part of it.
    public var unkeyedPath: String { directory + "/inbox-\(TimerStore.fileSafe(profile)).json" }

    /// The record on disk (nil: none yet); a damaged file is set aside.
    public func load() -> Result<InboxRecord?, InboxFileProblem> {
        StateFile.read(adoptUnkeyedFile(), limit: Self.maxFileSize, what: "inbox", log: log, decode: InboxRecord.decode)
    }

    /// The path to read: `path`, after renaming the unkeyed file to it when this store adopts it and has no
    /// file of its own; the unkeyed file itself when it cannot be renamed (the next save writes `path`).
    private func adoptUnkeyedFile() -> String {
        guard adoptsUnkeyedFile, access(path, F_OK) != 0, errno == ENOENT else { return path }
        var st = stat()
        guard lstat(unkeyedPath, &st) == 0 else { return path }
        if rename(unkeyedPath, path) == 0 {
            AtomicFile.syncDirectory(directory)
            log("inbox: \(unkeyedPath) is now \(path) (one file per API host and profile)")
            return path
        }
        log("inbox: cannot rename \(unkeyedPath) to \(path): \(String(cString: strerror(errno))); read where it is")
        return unkeyedPath
    }

    /// Writes `record`; the problem, or nil.
    public func save(_ record: InboxRecord) -> InboxFileProblem? {
        do {
            try AtomicFile.write(record.encoded(), to: path, access: .owner)
            return nil
        } catch {
            log("inbox: cannot write \(path): \(error)")
            return .io("cannot write '\(path)': \(error)")
        }
    }
}
