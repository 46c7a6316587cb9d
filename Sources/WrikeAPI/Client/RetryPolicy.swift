import Foundation

/// When and how long to wait before repeating a failed request.
///
/// - 429: retried for every method (the request was refused, nothing happened).
/// - 500/502/503/504 and network errors: retried for GET, PUT and DELETE.
/// - POST: retried only after `TransportError.notSent` (it provably never left). A POST whose
///   outcome is unknown (timeout after sending, lost connection) is never repeated: it fails with
///   `APIError.Kind.outcomeUnknown`.
/// - Delay: `Retry-After` when present (capped at `maxRetryAfter`), else full jitter
///   `random(0..<1) * min(cap, base * 2^retry)`.
/// - A retry also needs the client-wide `RetryBudget` to pay for it.
public struct RetryPolicy: Sendable {
    /// Attempts including the first (so `maxAttempts - 1` retries).
    public var maxAttempts: Int
    public var base: TimeInterval
    public var cap: TimeInterval
    /// Longest `Retry-After` the client will sleep; longer ones are clamped.
    public var maxRetryAfter: TimeInterval
    /// Uniform random in [0, 1) for the jitter; injected so tests get exact schedules.
    public var random: @Sendable () -> Double

    public init(maxAttempts: Int = 6, base: TimeInterval = 1, cap: TimeInterval = 30,
                maxRetryAfter: TimeInterval = 120,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.base = base
        self.cap = cap
        self.maxRetryAfter = maxRetryAfter
        self.random = random
    }

    /// The ceiling of the jittered delay before retry number `retry` (0 = first retry).
    public func backoffCeiling(retry: Int) -> TimeInterval {
        let exp = min(retry, 62)
        return min(cap, base * pow(2, Double(exp)))
    }

    /// The delay before retry number `retry` (0 = first retry).
    public func delay(retry: Int, retryAfter: TimeInterval?) -> TimeInterval {
        if let retryAfter { return min(max(0, retryAfter), maxRetryAfter) }
        let r = min(max(random(), 0), 1)
        return r * backoffCeiling(retry: retry)
    }

    /// Whether an error may be retried for this method (ignoring attempts and budget). `sentOnce`: a
    /// request of another method that is never repeated once it may have arrived, as a POST.
    public static func isRetryable(_ error: APIError, method: HTTPMethod, sentOnce: Bool = false) -> Bool {
        let once = method == .post || sentOnce
        switch error.kind {
        case .rateLimited:
            return true
        case .offline:
            return !error.lasting // not sent: safe for every method, POST included
        case .outcomeUnknown:
            return !once
        case .serverError:
            guard !once, let s = error.status else { return false }
            return [500, 502, 503, 504].contains(s)
        default:
            return false
        }
    }
}

/// The AWS SDK "standard" retry quota: a client-wide bucket that every retry must pay for, so a
/// long outage stops retry storms. Capacity 500; a retry costs 5 (10 after a timeout); a success
/// that needed retries refunds what it took, a first-try success refunds 1.
public final class RetryBudget: Sendable {
    public let capacity: Int
    public let retryCost: Int
    public let timeoutCost: Int
    public let successRefund: Int
    private let level: Locked<Int>

    public init(capacity: Int = 500, retryCost: Int = 5, timeoutCost: Int = 10, successRefund: Int = 1) {
        self.capacity = capacity
        self.retryCost = retryCost
        self.timeoutCost = timeoutCost
        self.successRefund = successRefund
        self.level = Locked(capacity)
    }

    public var available: Int { level.snapshot }

    /// Takes the cost of one retry; returns the amount taken, or nil when the budget cannot pay.
    public func acquire(timeout: Bool) -> Int? {
        let cost = timeout ? timeoutCost : retryCost
        return level.withLock { l in
            guard l >= cost else { return nil }
            l -= cost
            return cost
        }
    }

    /// After a success: refunds what this request's retries took, or `successRefund` if none.
    public func onSuccess(acquired: Int) {
        let refund = acquired > 0 ? acquired : successRefund
        level.withLock { l in l = min(capacity, l + refund) }
    }
}
