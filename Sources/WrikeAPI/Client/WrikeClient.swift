import Foundation

/// Everything tunable about a client.
public struct WrikeClientConfiguration: Sendable {
    public var rateLimit: RateLimiterConfiguration
    public var retry: RetryPolicy
    public var cache: CachePolicy
    public var retryBudgetCapacity: Int
    public var userAgent: String
    public var clock: any ClientClock
    /// Page size for paged lists (Wrike allows 1…1000).
    public var pageSize: Int
    /// Ids per request for reads by ids (Wrike's limit is 100).
    public var batchSize: Int

    public init(rateLimit: RateLimiterConfiguration = .init(), retry: RetryPolicy = .init(),
                cache: CachePolicy = .init(), retryBudgetCapacity: Int = 500,
                userAgent: String = WrikeTUIVersion.userAgent, clock: any ClientClock = SystemClock(),
                pageSize: Int = 500, batchSize: Int = 100) {
        self.rateLimit = rateLimit
        self.retry = retry
        self.cache = cache
        self.retryBudgetCapacity = retryBudgetCapacity
        self.userAgent = userAgent
        self.clock = clock
        self.pageSize = min(1000, max(1, pageSize))
        self.batchSize = min(100, max(1, batchSize))
    }
}

/// The one door to Wrike for an account: typed endpoints over a `Transport`, with a shared rate
/// limiter, retries with backoff and a retry budget, a response cache with single-flight, and an
/// observable `ClientState`.
///
/// Construct with any transport (the in-process sandbox, or `SocketTransport`) and a token
/// provider; or with `init(baseURL:tokens:)` / `init(host:tokens:)` for real HTTP.
public final class WrikeClient: Sendable {
    public let transport: any Transport
    public let tokens: any TokenProvider
    public let configuration: WrikeClientConfiguration
    public let limiter: RateLimiter
    public let cache: ResponseCache
    public let retryBudget: RetryBudget
    let hub: StateHub

    public init(transport: any Transport, tokens: any TokenProvider,
                configuration: WrikeClientConfiguration = .init()) {
        self.transport = transport
        self.tokens = tokens
        self.configuration = configuration
        let hub = StateHub()
        self.hub = hub
        self.retryBudget = RetryBudget(capacity: configuration.retryBudgetCapacity)
        self.limiter = RateLimiter(configuration: configuration.rateLimit, clock: configuration.clock,
                                   keepGrantLog: false, observer: { hub.limiterChanged($0) })
        self.cache = ResponseCache(policy: configuration.cache, clock: configuration.clock)
        let budget = retryBudget.available
        let rate = configuration.rateLimit.ceilingPerMinute
        hub.update {
            $0.retryBudgetLeft = budget
            $0.ratePerMinute = rate
        }
    }

    /// Real HTTP to an API root such as `https://www.wrike.com/api/v4` (plain http only to loopback,
    /// e.g. `http://127.0.0.1:8080/api/v4` from `wrike-tui sandbox serve`), through `proxies`.
    public convenience init(baseURL: URL, tokens: any TokenProvider, configuration: WrikeClientConfiguration = .init(),
                            timeout: TimeInterval = 30, proxies: ProxySettings = .fromEnvironment()) throws {
        let transport = try SocketTransport(baseURL: baseURL, timeout: timeout, userAgent: configuration.userAgent,
                                            proxies: proxies)
        self.init(transport: transport, tokens: tokens, configuration: configuration)
    }

    /// Real HTTP to `https://{host}/api/v4` (`www.wrike.com`, `app-eu.wrike.com`, …).
    public convenience init(host: String, tokens: any TokenProvider,
                            configuration: WrikeClientConfiguration = .init()) throws {
        guard let url = URL(string: "https://\(host)/api/v4") else {
            throw TransportConfigurationError.invalidBaseURL(host)
        }
        try self.init(baseURL: url, tokens: tokens, configuration: configuration)
    }

    public var clock: any ClientClock { configuration.clock }

    // MARK: - state

    /// The current state.
    public var state: ClientState { hub.state }

    /// The current state first, then every change (latest wins when the reader is slow).
    public func stateUpdates() -> AsyncStream<ClientState> { hub.stream() }

    /// Calls `callback` on every change (on whatever task made it; keep it short). Returns a token
    /// for `removeStateObserver`.
    @discardableResult
    public func addStateObserver(_ callback: @escaping @Sendable (ClientState) -> Void) -> UInt64 {
        hub.addCallback(callback)
    }

    public func removeStateObserver(_ token: UInt64) { hub.removeCallback(token) }

    /// The status-line sentence for now ("Rate limited by Wrike, retrying in 3 s."), or nil.
    public func statusLine() -> String? { hub.state.statusLine(now: clock.now) }

    // MARK: - the request pipeline

    /// Sends one request through the limiter with auth, retries and backoff. Returns a 2xx response
    /// or throws `APIError` (or `CancellationError`).
    public func send(_ request: HTTPRequest, priority: RequestPriority = .normal) async throws -> HTTPResponse {
        var retries = 0
        var acquired = 0
        var refreshed = false
        var token = try await accessToken(request)
        while true {
            try Task.checkCancellation()
            try await limiter.acquire(priority)
            let r = authorized(request, token: token)

            let error: APIError
            let response: HTTPResponse
            do {
                response = try await transport.send(r)
            } catch let e as TransportError {
                await limiter.release(.other)
                if case .cancelled = e { throw CancellationError() }
                error = APIError.from(transport: e, method: request.method, path: request.path)
                try await backoffOrThrow(error, request, retries: &retries, acquired: &acquired)
                continue
            } catch is CancellationError {
                await limiter.release(.other)
                throw CancellationError()
            } catch {
                // A transport that throws something else: we cannot know whether it was sent.
                await limiter.release(.other)
                throw fail(APIError(kind: .outcomeUnknown, method: request.method, path: request.path,
                                    detail: String(describing: type(of: error))), request)
            }
            if (200..<300).contains(response.status) {
                await limiter.release(.success)
                retryBudget.onSuccess(acquired: acquired)
                let left = retryBudget.available
                hub.update {
                    $0.lastError = nil
                    $0.retryBudgetLeft = left
                }
                return response
            }
            error = APIError.from(response: response, method: request.method, path: request.path, now: clock.now)
            await limiter.release(response.status == 429 ? .throttled(retryAfter: error.retryAfter) : .other)
            if response.status == 401, !refreshed {
                refreshed = true
                token = try await refreshToken(rejected: token, request)
                continue
            }
            try await backoffOrThrow(error, request, retries: &retries, acquired: &acquired)
        }
    }

    /// `request` with the token and the client's default headers (those it does not set itself).
    func authorized(_ request: HTTPRequest, token: String) -> HTTPRequest {
        var r = request
        r.headers["Authorization"] = "bearer \(token)"
        if r.header("User-Agent") == nil { r.headers["User-Agent"] = configuration.userAgent }
        if r.header("Accept") == nil { r.headers["Accept"] = "application/json" }
        if r.body != nil, r.header("Content-Type") == nil { r.headers["Content-Type"] = "application/json" }
        return r
    }

    /// Throws `error` unless it may be retried (method, attempts left, budget); otherwise sleeps the backoff.
    private func backoffOrThrow(_ error: APIError, _ request: HTTPRequest, retries: inout Int,
                                acquired: inout Int) async throws {
        let policy = configuration.retry
        guard RetryPolicy.isRetryable(error, method: request.method, sentOnce: request.sentOnce), retries + 1 < policy.maxAttempts,
              let cost = retryBudget.acquire(timeout: error.kind == .outcomeUnknown)
        else { throw fail(error, request) }
        acquired += cost
        let delay = policy.delay(retry: retries, retryAfter: error.retryAfter)
        let until = clock.now.addingTimeInterval(delay)
        let left = retryBudget.available
        hub.update {
            $0.lastError = error
            $0.retryBudgetLeft = left
        }
        let backoff = hub.beginBackoff(until: until)
        do {
            try await clock.sleep(until: until)
        } catch {
            hub.endBackoff(backoff)
            throw CancellationError()
        }
        hub.endBackoff(backoff)
        retries += 1
    }

    func fail(_ error: APIError, _ request: HTTPRequest) -> APIError {
        let left = retryBudget.available
        hub.update {
            $0.lastError = error
            $0.retryBudgetLeft = left
        }
        return error
    }

    private func accessToken(_ request: HTTPRequest) async throws -> String {
        do {
            return try await tokens.accessToken()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw fail(APIError(kind: .notAuthorized, method: request.method, path: request.path,
                                detail: "no usable token"), request)
        }
    }

    private func refreshToken(rejected: String, _ request: HTTPRequest) async throws -> String {
        do {
            return try await tokens.refreshAfterUnauthorized(rejected: rejected)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw fail(APIError(kind: .notAuthorized, status: 401, code: "not_authorized", method: request.method,
                                path: request.path, detail: "token refresh failed"), request)
        }
    }

    // MARK: - cached reads

    /// Reads through the cache: a fresh cached value, else one request shared by all concurrent
    /// identical reads.
    public func read<Value: Sendable>(_ endpoint: Endpoint<Value>, use: CacheUse = .useCache,
                                      priority: RequestPriority = .normal) async throws -> Value {
        try await cache.value(endpoint.key, kind: endpoint.kind, use: use) { [self] in
            try await endpoint.load(self, priority)
        }
    }

    /// Stale-while-revalidate: yields `.cached` at once when the cache holds anything for this
    /// endpoint (however old), then `.fresh` when Wrike answers, then finishes. With
    /// `onlyIfStale`, a cached value still within its TTL is the only element (no request).
    /// Errors of the network read end the stream with that error (after any cached element).
    public func readRevalidating<Value: Sendable>(_ endpoint: Endpoint<Value>, priority: RequestPriority = .normal,
                                                  onlyIfStale: Bool = false)
        -> AsyncThrowingStream<Revalidated<Value>, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Revalidated<Value>, any Error>.makeStream()
        let task = Task { [self] in
            do {
                if let hit = await cache.peek(endpoint.key, as: Value.self) {
                    continuation.yield(.cached(hit.value, age: hit.age, isFresh: hit.isFresh))
                    if onlyIfStale, hit.isFresh {
                        continuation.finish()
                        return
                    }
                }
                let v = try await read(endpoint, use: .refresh, priority: priority)
                continuation.yield(.fresh(v))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

/// A typed, cacheable read: its cache key, kind (for the TTL) and how to load it.
public struct Endpoint<Value: Sendable>: Sendable {
    /// `GET /path?query` (query percent-encoded, in request order).
    public let key: String
    public let kind: CacheKind
    let load: @Sendable (WrikeClient, RequestPriority) async throws -> Loaded<Value>

    public init(key: String, kind: CacheKind,
                load: @escaping @Sendable (WrikeClient, RequestPriority) async throws -> Loaded<Value>) {
        self.key = key
        self.kind = kind
        self.load = load
    }

    public static func cacheKey(_ path: String, _ query: [QueryItem]) -> String {
        query.isEmpty ? "GET \(path)" : "GET \(path)?\(WrikeFormat.queryString(query))"
    }
}

/// Wrike's success envelope as the client reads it: `{kind, data, nextPageToken, responseSize}`.
public struct WirePage<Item: Decodable & Sendable>: Decodable, Sendable {
    public var kind: String?
    public var data: [Item]
    public var nextPageToken: String?
    public var responseSize: Int?
    /// Size of the body it was decoded from (not in the JSON).
    public var bytes: Int = 0

    enum CodingKeys: String, CodingKey { case kind, data, nextPageToken, responseSize }

    public init(kind: String? = nil, data: [Item], nextPageToken: String? = nil, responseSize: Int? = nil) {
        self.kind = kind
        self.data = data
        self.nextPageToken = nextPageToken
        self.responseSize = responseSize
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        data = try c.decodeIfPresent([Item].self, forKey: .data) ?? []
        nextPageToken = try c.decodeIfPresent(String.self, forKey: .nextPageToken)
        responseSize = try c.decodeIfPresent(Int.self, forKey: .responseSize)
    }
}
