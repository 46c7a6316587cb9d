// The timer file on disk (runtime side): `$XDG_STATE_HOME/wrike-tui/timer-<profile>.json` (default
// ~/.local/state/wrike-tui/), 0600 in a 0700 directory, written with `AtomicFile` (temporary file,
// fsync, rename, fsync of the directory), read with `SafeFile`. Every change is a read-modify-write
// under an exclusive `flock` on `timer-<profile>.json.lock`, so the app and `wrike-tui timer` never
// corrupt or undo each other. A damaged file is renamed `.damaged` and reported, never a crash.
import Foundation
import Browser
import Platform

public struct TimerStore: Sendable {
    public static let maxFileSize = 64 << 10
    public let directory: String
    public let profile: String
    /// The API host the timer belongs to (kept in the file; never a token).
    public let host: String
    let log: @Sendable (String) -> Void

    public init(directory: String, profile: String, host: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.profile = profile
        self.host = host
        self.log = log
    }

    /// In the state directory of `paths`: `$XDG_STATE_HOME/wrike-tui`.
    public init(paths: XDGPaths, profile: String, host: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(directory: paths.state, profile: profile, host: host, log: log)
    }

    /// `timer-<profile>.json`, the profile reduced to safe characters.
    public var path: String { directory + "/timer-\(Self.fileSafe(profile)).json" }

    /// `name` with every character but ASCII letters, digits, `.`, `-` and `_` replaced by `_` (a file name part).
    public static func fileSafe(_ name: String) -> String {
        String(name.unicodeScalars.map { c -> Character in
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "." || c == "-" || c == "_") ? Character(c) : "_"
        })
    }

    /// Applies `change` under the lock; the record now on disk (nil: no timer), or why not.
    public func apply(_ change: TimerChange) -> TimerOutcome {
        do {
            return try ExclusiveFileLock.with(path: path + ".lock", access: .owner) { () -> TimerOutcome in
                var problem: TimerFileProblem?
                let current: TimerRecord?
                switch readUnlocked() {
                case .success(let r): current = r
                case .failure(let p):
                    problem = p
                    current = nil
                }
                switch TimerRecord.apply(change, to: current, profile: profile, host: host) {
                case .failure(let conflict):
                    return TimerOutcome(record: current, conflict: conflict, problem: problem)
                case .success(let next):
                    if next != current || problem != nil, let failure = write(next) {
                        return TimerOutcome(record: current, conflict: nil, problem: failure)
                    }
                    return TimerOutcome(record: next, conflict: nil, problem: problem)
                }
            }
        } catch {
            log("timer: cannot lock \(path).lock: \(error)")
            return TimerOutcome(record: nil, conflict: nil, problem: .io("\(error)"))
        }
    }

    /// The answer when the run has no timer file: a read finds none; a change says so.
    public static func unavailable(_ change: TimerChange) -> TimerOutcome {
        change == .read ? TimerOutcome(record: nil) : TimerOutcome(record: nil, problem: .io("there is no timer file in this run."))
    }

    /// Reads the file (the lock held by the caller); a damaged one is set aside.
    func readUnlocked() -> Result<TimerRecord?, TimerFileProblem> {
        StateFile.read(path, limit: Self.maxFileSize, what: "timer", log: log, decode: TimerRecord.decode)
    }

    /// Writes `record` (nil: removes the file); the problem, or nil.
    private func write(_ record: TimerRecord?) -> TimerFileProblem? {
        guard let record else {
            if unlink(path) != 0 && errno != ENOENT {
                let why = String(cString: strerror(errno))
                log("timer: cannot remove \(path): \(why)")
                return .io("cannot remove '\(path)': \(why)")
            }
            AtomicFile.syncDirectory(directory)
            return nil
        }
        do {
            try AtomicFile.write(record.encoded(), to: path, access: .owner)
            return nil
        } catch {
            log("timer: \(error)")
            return .io(error.description)
        }
    }
}
