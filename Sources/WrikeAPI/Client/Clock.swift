import Foundation

/// Where the client reads the time and waits. Injected so that backoff schedules and rate limits
/// are tested without sleeping: production uses `SystemClock`, tests use `TestClock`.
///
/// Wall-clock `Date` (not a monotonic instant) because `Retry-After` may be an HTTP date.
public protocol ClientClock: Sendable {
    var now: Date { get }
    /// Returns at or after `deadline` (immediately when it has passed). Throws `CancellationError`
    /// when the calling task is cancelled.
    func sleep(until deadline: Date) async throws
}

extension ClientClock {
    public func sleep(for seconds: TimeInterval) async throws {
        try await sleep(until: now.addingTimeInterval(seconds))
    }
}

/// The real clock.
public struct SystemClock: ClientClock {
    public init() {}
    public var now: Date { Date() }
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 {
            try await Task.sleep(nanoseconds: UInt64((seconds * 1_000_000_000).rounded(.up)))
        } else {
            try Task.checkCancellation()
        }
    }
}

/// A clock that only moves when told to.
///
/// - `.manual`: `sleep` suspends until a test calls `advance(by:)`/`advance(to:)` past its deadline.
///   `sleeperCount` and `waitForSleepers(_:)` let a test wait until the code under test is parked.
/// - `.automatic`: `sleep(until:)` moves the time forward to the deadline (if later) and returns at once,
///   so a whole backoff schedule runs in virtual time. Every requested sleep is recorded in `sleeps`.
public final class TestClock: ClientClock, @unchecked Sendable {
    public enum Mode: Sendable { case manual, automatic }

    /// One recorded call to `sleep(until:)`.
    public struct SleepRecord: Sendable, Equatable {
        /// Time when the sleep was requested.
        public var at: Date
        public var until: Date
        public var duration: TimeInterval { until.timeIntervalSince(at) }
    }

    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
        var records: [SleepRecord] = []
    }

    public let mode: Mode
    private let state: Locked<State>

    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000), mode: Mode = .automatic) {
        self.mode = mode
        self.state = Locked(State(now: start))
    }

    public var now: Date { state.withLock { $0.now } }

    /// Every sleep requested so far, in request order.
    public var sleeps: [SleepRecord] { state.withLock { $0.records } }

    /// Number of tasks currently suspended in `sleep` (manual mode).
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline among suspended sleepers.
    public var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    public func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        let proceed: Bool = state.withLock { s in
            s.records.append(SleepRecord(at: s.now, until: deadline))
            if deadline <= s.now { return true }
            if mode == .automatic {
                s.now = deadline
                return true
            }
            return false
        }
        if proceed {
            await Task.yield()
            try Task.checkCancellation()
            return
        }
        let id: UInt64 = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { s in
                    if deadline <= s.now { return true }
                    s.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: c))
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let c: CheckedContinuation<Void, any Error>? = state.withLock { s in
                guard let i = s.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return s.sleepers.remove(at: i).continuation
            }
            c?.resume(throwing: CancellationError())
        }
    }

    /// Moves the time forward and wakes every sleeper whose deadline has come.
    public func advance(by seconds: TimeInterval) {
        advance(to: now.addingTimeInterval(seconds))
    }

    public func advance(to date: Date) {
        let due: [CheckedContinuation<Void, any Error>] = state.withLock { s in
            if date > s.now { s.now = date }
            let ready = s.sleepers.filter { $0.deadline <= s.now }
            s.sleepers.removeAll { $0.deadline <= s.now }
            return ready.map(\.continuation)
        }
        for c in due { c.resume() }
    }

    /// Advances exactly to the earliest pending deadline, if any. Returns whether anyone woke.
    @discardableResult
    public func advanceToNextDeadline() -> Bool {
        guard let d = nextDeadline else { return false }
        advance(to: d)
        return true
    }

    /// Yields until at least `count` tasks are suspended in `sleep` (manual mode). Gives up after
    /// `maxYields` yields and returns false, so a broken test fails instead of hanging.
    @discardableResult
    public func waitForSleepers(_ count: Int, maxYields: Int = 100_000) async -> Bool {
        for _ in 0..<maxYields {
            if sleeperCount >= count { return true }
            await Task.yield()
        }
        return sleeperCount >= count
    }
}
