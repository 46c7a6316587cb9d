import Foundation

/// Which request goes first when the limiter has to queue.
public enum RequestPriority: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Prefetch and other work nobody is waiting for.
    case background = 0
    case normal = 1
    /// What the user is looking at right now.
    case interactive = 2

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public struct RateLimiterConfiguration: Sendable, Hashable {
    /// Requests per minute when all is well (Wrike: about 400).
    public var ceilingPerMinute: Double
    /// Bucket size: how many requests may go back to back after a quiet period.
    public var burst: Double
    /// Requests on the wire at once.
    public var maxInFlight: Int
    /// The adaptive rate never drops below this.
    public var floorPerMinute: Double
    /// After a 429 the rate is halved, then grows back by this many requests/minute per minute.
    public var recoveryPerMinute: Double
    /// 429s arriving within this many seconds of a halving do not halve again (one burst of
    /// refusals to concurrent requests is one signal).
    public var throttleCooldown: TimeInterval

    public init(ceilingPerMinute: Double = 400, burst: Double = 10, maxInFlight: Int = 4,
                floorPerMinute: Double = 10, recoveryPerMinute: Double? = nil, throttleCooldown: TimeInterval = 2) {
        self.throttleCooldown = max(0, throttleCooldown)
        self.ceilingPerMinute = max(1, ceilingPerMinute)
        self.burst = max(1, burst)
        self.maxInFlight = max(1, maxInFlight)
        self.floorPerMinute = max(1, min(floorPerMinute, ceilingPerMinute))
        self.recoveryPerMinute = recoveryPerMinute ?? max(1, ceilingPerMinute / 4)
    }
}

/// A snapshot of the limiter for the status line.
public struct RateLimiterSnapshot: Sendable, Hashable {
    public var inFlight: Int
    public var queued: Int
    public var ratePerMinute: Double
    /// Set after a 429 with `Retry-After`: nothing is sent before this.
    public var pausedUntil: Date?
}

/// One token bucket per account, shared by every request of that account.
///
/// `acquire(_:)` waits for a token and an in-flight slot, highest priority first (FIFO within a
/// priority); `release(_:)` frees the slot and feeds back the outcome: a 429 halves the rate (and
/// pauses everything until `Retry-After`), after which it grows back linearly over time.
public actor RateLimiter {
    public enum Outcome: Sendable {
        case success
        /// A 429; `retryAfter` seconds when the server said so.
        case throttled(retryAfter: TimeInterval?)
        /// Anything else (errors that say nothing about the rate).
        case other
    }

    private struct Waiter {
        let id: UInt64
        let priority: RequestPriority
        let continuation: CheckedContinuation<Void, any Error>
    }

    public let configuration: RateLimiterConfiguration
    private let clock: any ClientClock
    private var tokens: Double
    private var lastRefill: Date
    private var rateAtThrottle: Double
    private var lastThrottle: Date?
    private var pausedUntil: Date?
    private var inFlight = 0
    private var waiters: [Waiter] = []
    private var nextID: UInt64 = 0
    private var cancelledEarly: Set<UInt64> = []
    private var timerDeadline: Date?
    private var observer: (@Sendable (RateLimiterSnapshot) -> Void)?
    /// Times at which permits were granted (kept for `grantTimes`; bounded).
    private var grants: [Date] = []
    private let keepGrantLog: Bool

    public init(configuration: RateLimiterConfiguration = .init(), clock: any ClientClock = SystemClock(),
                keepGrantLog: Bool = false, observer: (@Sendable (RateLimiterSnapshot) -> Void)? = nil) {
        self.observer = observer
        self.configuration = configuration
        self.clock = clock
        self.tokens = configuration.burst
        self.lastRefill = clock.now
        self.rateAtThrottle = configuration.ceilingPerMinute
        self.keepGrantLog = keepGrantLog
    }

    /// Called (on the limiter's executor) after every change.
    public func setObserver(_ observer: (@Sendable (RateLimiterSnapshot) -> Void)?) {
        self.observer = observer
    }

    public var snapshot: RateLimiterSnapshot {
        RateLimiterSnapshot(inFlight: inFlight, queued: waiters.count, ratePerMinute: currentRate(at: clock.now),
                            pausedUntil: pausedUntil.flatMap { $0 > clock.now ? $0 : nil })
    }

    /// When each permit was granted (only with `keepGrantLog`).
    public var grantTimes: [Date] { grants }

    /// Waits for a token and a slot. Throws `CancellationError` if the task is cancelled while queued.
    public func acquire(_ priority: RequestPriority = .normal) async throws {
        try Task.checkCancellation()
        if waiters.isEmpty, canGrant() {
            grant()
            publish()
            return
        }
        nextID += 1
        let id = nextID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                if cancelledEarly.remove(id) != nil {
                    c.resume(throwing: CancellationError())
                    return
                }
                waiters.append(Waiter(id: id, priority: priority, continuation: c))
                publish()
                pump()
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Frees the slot taken by `acquire` and reports what happened.
    public func release(_ outcome: Outcome) {
        inFlight = max(0, inFlight - 1)
        let now = clock.now
        switch outcome {
        case .success, .other:
            break
        case .throttled(let retryAfter):
            refill(now)
            if lastThrottle.map({ now.timeIntervalSince($0) >= configuration.throttleCooldown }) ?? true {
                rateAtThrottle = max(configuration.floorPerMinute, currentRate(at: now) / 2)
                lastThrottle = now
            }
            tokens = 0
            if let retryAfter, retryAfter > 0 {
                let until = now.addingTimeInterval(retryAfter)
                if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
            }
        }
        pump()
        publish()
    }

    /// The current allowed rate in requests per minute.
    public func currentRate(at now: Date) -> Double {
        guard let lastThrottle else { return configuration.ceilingPerMinute }
        let minutes = max(0, now.timeIntervalSince(lastThrottle)) / 60
        return min(configuration.ceilingPerMinute, rateAtThrottle + configuration.recoveryPerMinute * minutes)
    }

    // MARK: - internals

    private func cancelWaiter(_ id: UInt64) {
        if let i = waiters.firstIndex(where: { $0.id == id }) {
            let w = waiters.remove(at: i)
            w.continuation.resume(throwing: CancellationError())
            publish()
            pump()
        } else {
            cancelledEarly.insert(id)
        }
    }

    private func refill(_ now: Date) {
        let elapsed = now.timeIntervalSince(lastRefill)
        if elapsed > 0 {
            // Integrate the (piecewise linear) rate over the interval; the midpoint is exact for a line
            // and the `min` in currentRate only makes it conservative.
            let mid = lastRefill.addingTimeInterval(elapsed / 2)
            tokens = min(configuration.burst, tokens + elapsed * currentRate(at: mid) / 60)
            lastRefill = now
        }
    }

    private func canGrant() -> Bool {
        let now = clock.now
        if let p = pausedUntil {
            if p > now { return false }
            pausedUntil = nil
        }
        guard inFlight < configuration.maxInFlight else { return false }
        refill(now)
        // Dates near 1.8e9 s have ~2e-7 s resolution: tolerate the rounding.
        return tokens >= 1 - 1e-4
    }

    private func grant() {
        tokens -= 1
        inFlight += 1
        if keepGrantLog {
            grants.append(clock.now)
            if grants.count > 100_000 { grants.removeFirst(grants.count - 100_000) }
        }
    }

    private func pump() {
        while !waiters.isEmpty, canGrant() {
            // Highest priority first; FIFO inside a priority (ids grow).
            var best = 0
            for i in waiters.indices.dropFirst() where waiters[i].priority > waiters[best].priority {
                best = i
            }
            let w = waiters.remove(at: best)
            grant()
            w.continuation.resume()
        }
        guard !waiters.isEmpty, inFlight < configuration.maxInFlight else { return }
        // Blocked by the bucket or a pause: wake up when a token is due.
        let now = clock.now
        var due = now
        if let p = pausedUntil, p > now { due = p }
        let missing = max(0, 1 - tokens)
        let rate = max(currentRate(at: due), configuration.floorPerMinute)
        // At least 1 ms ahead, so that a rounding residue can never make a timer that fires "now" forever.
        due = max(due.addingTimeInterval(missing * 60 / rate), now.addingTimeInterval(0.001))
        scheduleTimer(due)
    }

    private func scheduleTimer(_ deadline: Date) {
        if let t = timerDeadline, t <= deadline, t > clock.now { return }
        timerDeadline = deadline
        let clock = self.clock
        Task { [weak self] in
            try? await clock.sleep(until: deadline)
            await self?.timerFired(deadline)
        }
    }

    private func timerFired(_ deadline: Date) {
        if timerDeadline == deadline { timerDeadline = nil }
        pump()
        publish()
    }

    private func publish() {
        observer?(snapshot)
    }
}
