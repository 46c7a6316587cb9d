import Foundation

/// What the client is doing, for the status line ("rate limited, retrying in 3 s").
public struct ClientState: Sendable, Hashable {
    /// Requests on the wire.
    public var inFlight: Int = 0
    /// Requests waiting for the rate limiter.
    public var queued: Int = 0
    /// The latest moment until which the client waits before sending again (a request's backoff
    /// or a server-imposed pause); nil when nobody is waiting.
    public var backingOffUntil: Date?
    /// Tokens left in the retry budget.
    public var retryBudgetLeft: Int = 0
    /// The last failure (also set while a retry is pending); cleared by the next success.
    public var lastError: APIError?
    /// The limiter's current rate (requests per minute).
    public var ratePerMinute: Double = 0

    public init() {}

    /// A short sentence for the status line, or nil when there is nothing to say.
    /// `now` comes from the client's clock so the countdown is testable. A write's final failure is not
    /// repeated here: the action that wrote says what became of it, in one sentence of its own.
    public func statusLine(now: Date) -> String? {
        if let until = backingOffUntil, until > now, let e = lastError {
            return e.plainMessage(retryingIn: until.timeIntervalSince(now))
        }
        if let until = backingOffUntil, until > now {
            return "Waiting \(APIError.wholeSeconds(until.timeIntervalSince(now))) s before sending to Wrike."
        }
        if let e = lastError, e.kind.concernsTheConnection, e.method == nil || e.method == .get { return e.plainMessage }
        return nil
    }
}

extension APIError.Kind {
    /// Whether the failure says something about reaching Wrike at all (sign-in, host, rate, server,
    /// network), rather than about the one request: a 404 for a deleted task or a refused parameter is
    /// reported by whoever asked, and is not the connection's sentence until the next success.
    public var concernsTheConnection: Bool {
        switch self {
        case .notAuthorized, .wrongHost, .rateLimited, .serverError, .offline, .outcomeUnknown, .malformedResponse,
             .unexpectedStatus:
            true
        case .notAllowed, .accessForbidden, .notFound, .methodNotFound, .invalidRequest, .invalidParameter,
             .parameterRequired:
            false
        }
    }
}

/// Holds the state and fans it out to observers.
final class StateHub: Sendable {
    private struct Inner {
        var state = ClientState()
        var backoffs: [UInt64: Date] = [:]
        var pausedUntil: Date?
        var nextID: UInt64 = 0
        var streams: [UInt64: AsyncStream<ClientState>.Continuation] = [:]
        var callbacks: [UInt64: @Sendable (ClientState) -> Void] = [:]
    }
    private let inner = Locked(Inner())

    var state: ClientState { inner.withLock { $0.state } }

    func update(_ change: (inout ClientState) -> Void) {
        let (s, streams, callbacks) = inner.withLock { i -> (ClientState, [AsyncStream<ClientState>.Continuation], [@Sendable (ClientState) -> Void]) in
            var s = i.state
            change(&s)
            Self.recompute(&s, i)
            let changed = s != i.state
            i.state = s
            return changed ? (s, Array(i.streams.values), Array(i.callbacks.values)) : (s, [], [])
        }
        for c in streams { c.yield(s) }
        for c in callbacks { c(s) }
    }

    func limiterChanged(_ snap: RateLimiterSnapshot) {
        inner.withLock { $0.pausedUntil = snap.pausedUntil }
        update {
            $0.inFlight = snap.inFlight
            $0.queued = snap.queued
            $0.ratePerMinute = snap.ratePerMinute
        }
    }

    func beginBackoff(until: Date) -> UInt64 {
        let id: UInt64 = inner.withLock { i in
            i.nextID += 1
            i.backoffs[i.nextID] = until
            return i.nextID
        }
        update { _ in }
        return id
    }

    func endBackoff(_ id: UInt64) {
        inner.withLock { _ = $0.backoffs.removeValue(forKey: id) }
        update { _ in }
    }

    private static func recompute(_ s: inout ClientState, _ i: Inner) {
        var until = i.backoffs.values.max()
        if let p = i.pausedUntil { until = max(until ?? p, p) }
        s.backingOffUntil = until
    }

    func stream() -> AsyncStream<ClientState> {
        let (stream, continuation) = AsyncStream<ClientState>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id: UInt64 = inner.withLock { i in
            i.nextID += 1
            i.streams[i.nextID] = continuation
            continuation.yield(i.state)
            return i.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.inner.withLock { _ = $0.streams.removeValue(forKey: id) }
        }
        return stream
    }

    func addCallback(_ f: @escaping @Sendable (ClientState) -> Void) -> UInt64 {
        inner.withLock { i in
            i.nextID += 1
            i.callbacks[i.nextID] = f
            return i.nextID
        }
    }

    func removeCallback(_ id: UInt64) {
        inner.withLock { _ = $0.callbacks.removeValue(forKey: id) }
    }
}
