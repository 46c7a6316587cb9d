// The timer kept on disk (docs/time.md): which task, since when, and a stopped timer waiting to be
// logged. Pure: the file itself is read and written by `TimerStore` (runtime side) under a lock; every
// change is a `TimerChange` applied here to what the file holds at that moment, so two processes (the
// app and `wrike-tui timer`) never undo each other's change.
import Foundation

/// One timed stretch on one task.
public struct TimerEntry: Codable, Sendable, Equatable {
    public var taskId: String
    /// As it was when the timer started (sanitized when drawn).
    public var taskTitle: String
    public var startedAt: Date
    /// Set once stopped: the time up to here waits to be logged.
    public var stoppedAt: Date?
    /// A time entry of this stopped timer that is on its way to Wrike: its draft (the app) or the send's
    /// start (the command line). The next look resolves it by reading the task's time logs, never re-sends.
    public var sending: Sending?

    public struct Sending: Codable, Sendable, Equatable {
        public var draftId: String?
        public var sentAt: Date
        public var trackedDate: String
        public var hours: Double
        public var categoryId: String?
        public var comment: String
        /// The end of the time this entry logs (the stopped timer starts there once it is confirmed).
        public var through: Date
        public init(draftId: String?, sentAt: Date, trackedDate: String, hours: Double, categoryId: String?, comment: String,
                    through: Date) {
            self.draftId = draftId
            self.sentAt = sentAt
            self.trackedDate = trackedDate
            self.hours = hours
            self.categoryId = categoryId
            self.comment = comment
            self.through = through
        }
    }

    public init(taskId: String, taskTitle: String, startedAt: Date, stoppedAt: Date? = nil) {
        self.taskId = taskId
        self.taskTitle = taskTitle
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
    }

    /// The same timer (a later state of it): same task, same start.
    public func isSame(_ other: TimerEntry?) -> Bool {
        guard let other else { return false }
        return taskId == other.taskId && startedAt == other.startedAt
    }
}

/// The whole file: at most one running timer and one stopped timer waiting to be logged.
public struct TimerRecord: Codable, Sendable, Equatable {
    public static let formatVersion = 1
    public var version: Int
    /// The sign-in profile and API host it belongs to (never a token).
    public var profile: String
    public var host: String
    public var running: TimerEntry?
    public var stopped: TimerEntry?

    public init(profile: String, host: String, running: TimerEntry? = nil, stopped: TimerEntry? = nil) {
        version = Self.formatVersion
        self.profile = profile
        self.host = host
        self.running = running
        self.stopped = stopped
    }

    public var isEmpty: Bool { running == nil && stopped == nil }

    /// JSON with sorted keys and ISO 8601 UTC times.
    public func encoded() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return (try? Array(e.encode(self))) ?? []
    }

    /// The record in `bytes`, or why it cannot be used.
    public static func decode(_ bytes: [UInt8]) -> Result<TimerRecord, TimerFileProblem> {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        guard let r = try? d.decode(TimerRecord.self, from: Data(bytes)) else { return .failure(.damaged("not a timer file")) }
        guard r.version == formatVersion else { return .failure(.damaged("format version \(r.version), expected \(formatVersion)")) }
        return .success(r)
    }
}

/// Why the file could not be used (it is set aside as `<name>.damaged` and reported).
public enum TimerFileProblem: Error, Sendable, Equatable {
    case damaged(String)
    /// The file system refused (a message in plain words).
    case io(String)

    public var message: String {
        switch self {
        case .damaged(let why): "The timer file was damaged (\(why)); it was set aside."
        case .io(let why): "The timer file cannot be used: \(why)"
        }
    }
}

/// A change to the timer file, applied under its lock to what the file holds then.
public enum TimerChange: Sendable, Equatable {
    /// Just read it.
    case read
    /// Start `entry`. `replacing`: the running timer the user agreed to stop (it becomes the stopped one).
    case start(TimerEntry, replacing: TimerEntry?)
    /// Stop the running timer `entry` at `at`.
    case stop(TimerEntry, at: Date)
    /// A time entry of the stopped timer leaves for Wrike (`sending` is kept until it is confirmed).
    case sending(TimerEntry, TimerEntry.Sending)
    /// The stopped timer's time up to `through` is logged: what is left starts there; nothing left: gone.
    case logged(TimerEntry, through: Date)
    /// The send under way did not land (proved, or refused): forget it, keep the time.
    case notSent(TimerEntry)
    /// The user threw the stopped timer's time away.
    case discardStopped(TimerEntry)
}

/// A change that no longer fits the file (another process changed it meanwhile), in plain words.
public struct TimerConflict: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension TimerRecord {
    /// `change` applied to `current` (nil: no file); nil result: the file is removed.
    public static func apply(_ change: TimerChange, to current: TimerRecord?, profile: String,
                             host: String) -> Result<TimerRecord?, TimerConflict> {
        var r = current ?? TimerRecord(profile: profile, host: host)
        switch change {
        case .read:
            return .success(current)
        case .start(let entry, let replacing):
            if let replacing {
                guard replacing.isSame(r.running) else { return .failure(TimerConflict("The running timer changed meanwhile; nothing was started.")) }
                guard r.stopped == nil else {
                    return .failure(TimerConflict("A stopped timer still waits to be logged; log or discard it first."))
                }
                var old = replacing
                old.stoppedAt = entry.startedAt
                r.stopped = old
            } else if let running = r.running {
                return .failure(TimerConflict("A timer already runs on “\(running.taskTitle)”."))
            }
            r.running = entry
        case .stop(let entry, let at):
            guard entry.isSame(r.running) else { return .failure(TimerConflict("That timer is no longer running.")) }
            guard r.stopped == nil else { return .failure(TimerConflict("A stopped timer still waits to be logged; log or discard it first.")) }
            var s = entry
            s.stoppedAt = max(at, entry.startedAt)
            r.stopped = s
            r.running = nil
        case .sending(let entry, let sending):
            guard var s = r.stopped, entry.isSame(s) else { return .failure(TimerConflict("That stopped timer is gone.")) }
            s.sending = sending
            r.stopped = s
        case .logged(let entry, let through):
            guard var s = r.stopped, entry.isSame(s) else { return .failure(TimerConflict("That stopped timer is gone.")) }
            s.sending = nil
            if let end = s.stoppedAt, through < end {
                s.startedAt = max(s.startedAt, through)
                r.stopped = s
            } else {
                r.stopped = nil
            }
        case .notSent(let entry):
            guard var s = r.stopped, entry.isSame(s) else { return .failure(TimerConflict("That stopped timer is gone.")) }
            s.sending = nil
            r.stopped = s
        case .discardStopped(let entry):
            guard entry.isSame(r.stopped) else { return .failure(TimerConflict("That stopped timer is gone.")) }
            r.stopped = nil
        }
        return .success(r.isEmpty ? nil : r)
    }
}

/// What a change to the timer file gave: the record on disk now, a change that no longer fit, a file problem.
public struct TimerOutcome: Sendable, Equatable {
    public var record: TimerRecord?
    public var conflict: TimerConflict?
    public var problem: TimerFileProblem?
    public init(record: TimerRecord?, conflict: TimerConflict? = nil, problem: TimerFileProblem? = nil) {
        self.record = record
        self.conflict = conflict
        self.problem = problem
    }
}
