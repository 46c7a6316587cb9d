// The inbox file (runtime side): `$XDG_STATE_HOME/wrike-tui/inbox-<profile>.json` (default
// ~/.local/state/wrike-tui/), 0600 in a 0700 directory, written with `AtomicFile` (temporary file, fsync,
// rename, fsync of the directory), read with `SafeFile`. The core decides what it holds
// (`InboxRecord`); the effect runner writes it one save at a time, in order. A damaged file is renamed
// `.damaged`, logged, and the inbox starts anew: never a crash.
import Foundation
import Browser
import Platform

public struct InboxStore: Sendable {
    public static let maxFileSize = 8 << 20
    public let directory: String
    public let profile: String
    let log: @Sendable (String) -> Void

    public init(directory: String, profile: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.profile = profile
        self.log = log
    }

    /// In the state directory of `paths`: `$XDG_STATE_HOME/wrike-tui`.
    public init(paths: XDGPaths, profile: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(directory: paths.state, profile: profile, log: log)
    }

    /// `inbox-<profile>.json`, the profile reduced to safe characters.
    public var path: String { directory + "/inbox-\(TimerStore.fileSafe(profile)).json" }

    /// The record on disk (nil: none yet); a damaged file is set aside.
    public func load() -> Result<InboxRecord?, InboxFileProblem> {
        StateFile.read(path, limit: Self.maxFileSize, what: "inbox", log: log, decode: InboxRecord.decode)
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
