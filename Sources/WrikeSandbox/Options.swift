import Foundation
import WrikeAPI

/// How the sandbox authenticates, throttles and misbehaves.
public struct SandboxOptions: Sendable {
    /// The accepted bearer token. `nil` accepts any request (with or without a bearer).
    /// Otherwise `Authorization: bearer <token>` (scheme case-insensitive) or `access_token=` is
    /// required; anything else gets 401 `not_authorized`.
    public var token: String?
    /// Overrides `token`: called with the presented bearer token (or "" when none); `true` lets the
    /// request in. The auth module plugs OAuth-issued, expiring tokens in here.
    public var authorizer: (@Sendable (String) -> Bool)?
    /// Requests per minute (sliding 60 s window) before 429; `nil` turns the limit off.
    public var rateLimitPerMinute: Int?
    /// Sends `Retry-After: <seconds>` with 429 answers. Wrike documents none, so off by default.
    public var sendRetryAfter: Bool
    /// Probability (0...1) that a request is answered 503 `server_error` without being applied.
    public var failureProbability: Double
    /// Probability (0...1) that the connection is dropped without an answer (after the rate limit and
    /// the 503 roll). For a write, half of the drops apply the request first (the answer is lost after
    /// Wrike saved it), half drop it before: the two cases a client cannot tell apart.
    public var dropProbability: Double
    /// Added delay per request (uniform in the range) for `send`; `nil` = none. The synchronous
    /// `handle` never sleeps.
    public var latency: ClosedRange<Duration>?
    /// Seed of the random source used for failures and latency (deterministic runs).
    public var seed: UInt64
    /// The sandbox's clock: comment edit window, created/updated dates, rate-limit window.
    public var now: @Sendable () -> Date
    /// At most this many entries are kept in `requestLog` (oldest dropped).
    public var requestLogLimit: Int

    public init(
        token: String? = nil,
        authorizer: (@Sendable (String) -> Bool)? = nil,
        rateLimitPerMinute: Int? = 400,
        sendRetryAfter: Bool = false,
        failureProbability: Double = 0,
        dropProbability: Double = 0,
        latency: ClosedRange<Duration>? = nil,
        seed: UInt64 = 1,
        now: @escaping @Sendable () -> Date = { Date() },
        requestLogLimit: Int = 100_000
    ) {
        self.token = token
        self.authorizer = authorizer
        self.rateLimitPerMinute = rateLimitPerMinute
        self.sendRetryAfter = sendRetryAfter
        self.failureProbability = failureProbability
        self.dropProbability = dropProbability
        self.latency = latency
        self.seed = seed
        self.now = now
        self.requestLogLimit = requestLogLimit
    }
}

/// A scheduled fault: the next `count` matching requests fail this way.
public struct Fault: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Answer with this HTTP status and a Wrike error body; the request is not applied.
        case status(Int)
        /// Close the connection without answering; the request is not applied. In process,
        /// `send` throws `TransportError.outcomeUnknown`.
        case dropConnection
        /// Apply the request, then lose the answer (close the connection / throw
        /// `TransportError.outcomeUnknown`): a POST lands exactly once but the caller cannot know.
        case applyThenDrop
        /// Hold the request this long, then handle it as usual (other faults may still apply): a slow
        /// path. It is applied even when the client has gone meanwhile (killed, timed out).
        case delay(Duration)
    }

    public var count: Int
    public var kind: Kind
    /// Only requests with this method match (nil = any).
    public var method: HTTPMethod?
    /// Only requests whose path starts with this match (nil = any), e.g. `/tasks/ABC/comments`.
    public var pathPrefix: String?

    /// The next `count` matching requests are answered with `status`.
    public init(count: Int = 1, status: Int, method: HTTPMethod? = nil, pathPrefix: String? = nil) {
        self.init(count: count, kind: .status(status), method: method, pathPrefix: pathPrefix)
    }

    public init(count: Int = 1, kind: Kind, method: HTTPMethod? = nil, pathPrefix: String? = nil) {
        self.count = count
        self.kind = kind
        self.method = method
        self.pathPrefix = pathPrefix
    }

    /// The next `count` matching requests see the connection dropped before being applied.
    public static func dropConnection(count: Int = 1, method: HTTPMethod? = nil, pathPrefix: String? = nil) -> Fault {
        Fault(count: count, kind: .dropConnection, method: method, pathPrefix: pathPrefix)
    }

    /// The next `count` matching requests are applied, then their answer is lost.
    public static func applyThenDrop(count: Int = 1, method: HTTPMethod? = nil, pathPrefix: String? = nil) -> Fault {
        Fault(count: count, kind: .applyThenDrop, method: method, pathPrefix: pathPrefix)
    }

    var isDelay: Bool {
        if case .delay = kind { return true }
        return false
    }

    func matches(_ request: HTTPRequest) -> Bool {
        if let method, method != request.method { return false }
        if let pathPrefix, !request.path.hasPrefix(pathPrefix) { return false }
        return true
    }
}

/// One request as the sandbox saw it.
public struct LoggedRequest: Sendable, Hashable {
    public var method: HTTPMethod
    /// Path relative to `/api/v4`.
    public var path: String
    public var query: [QueryItem]
    /// The status answered; `nil` when the connection was dropped without an answer.
    public var status: Int?
    /// True when the request was applied (data changed or read) even if the answer was lost.
    public var applied: Bool
    public var date: Date

    public init(method: HTTPMethod, path: String, query: [QueryItem], status: Int?, applied: Bool, date: Date) {
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.applied = applied
        self.date = date
    }
}

/// What the sandbox does with a request: answer it, or drop the connection.
public enum SandboxReply: Sendable, Hashable {
    case response(HTTPResponse)
    case dropConnection
}

/// A small deterministic PRNG (SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
