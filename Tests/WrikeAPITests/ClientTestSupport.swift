import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import WrikeAPI

/// The timeout of every HTTP client that talks to a server in this process (`SandboxServer`,
/// `LoopbackListener`, `RawServer`): those servers share the machine, and their tasks Swift's cooperative
/// threads, with every other test, so a loaded 2-core machine can keep an answer waiting far longer than the
/// app's 30 s. An upper bound, not the expected time (the exchanges take milliseconds).
let inProcessHTTPTimeout: TimeInterval = 600

/// A URLSession (the "browser" of the login tests) with `inProcessHTTPTimeout`; follows redirects.
let inProcessURLSession: URLSession = {
    let config = URLSessionConfiguration.ephemeral
    config.timeoutIntervalForRequest = inProcessHTTPTimeout
    config.timeoutIntervalForResource = inProcessHTTPTimeout
    return URLSession(configuration: config)
}()

/// A tiny entity for tests that do not need the real models.
struct Item: Codable, Sendable, Hashable {
    var id: String
    var title: String
}

/// A guarded box for test bookkeeping.
final class Box<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ v: T) { value = v }
    func with<R>(_ f: (inout T) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try f(&value)
    }
    var get: T { with { $0 } }
}

/// A transport driven by a closure, logging every request with the clock's time.
final class FakeTransport: Transport, @unchecked Sendable {
    struct Logged: Sendable {
        var request: HTTPRequest
        var at: Date
    }
    typealias Handler = @Sendable (HTTPRequest, Int) async throws -> HTTPResponse

    let clock: any ClientClock
    private let handler: Handler
    private let state = Box<(log: [Logged], inFlight: Int, maxInFlight: Int)>(([], 0, 0))

    init(clock: any ClientClock, handler: @escaping Handler) {
        self.clock = clock
        self.handler = handler
    }

    var log: [Logged] { state.get.log }
    var requests: [HTTPRequest] { state.get.log.map(\.request) }
    var count: Int { state.get.log.count }
    var maxInFlight: Int { state.get.maxInFlight }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let n: Int = state.with { s in
            s.log.append(Logged(request: request, at: clock.now))
            s.inFlight += 1
            s.maxInFlight = max(s.maxInFlight, s.inFlight)
            return s.log.count
        }
        defer { state.with { $0.inFlight -= 1 } }
        return try await handler(request, n)
    }
}

struct TestEnvelope<U: Encodable>: Encodable {
    var kind: String
    var nextPageToken: String?
    var responseSize: Int?
    var data: [U]
}

enum JSONResponse {
    static func envelope<T: Encodable>(_ kind: String, _ data: [T], next: String? = nil, total: Int? = nil) -> HTTPResponse {
        let body = (try? JSONEncoder().encode(TestEnvelope(kind: kind, nextPageToken: next, responseSize: total, data: data))) ?? Data()
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
    }

    static func error(_ status: Int, _ code: String?, _ description: String? = nil,
                      headers: [String: String] = [:]) -> HTTPResponse {
        var obj: [String: String] = [:]
        if let code { obj["error"] = code }
        if let description { obj["errorDescription"] = description }
        let body = (try? JSONEncoder().encode(obj)) ?? Data()
        return HTTPResponse(status: status, headers: headers, body: body)
    }
}

extension HTTPRequest {
    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// Fixed-sequence "random" for jitter.
func constantRandom(_ v: Double) -> @Sendable () -> Double { { v } }

func makeClient(_ transport: any Transport, clock: TestClock, random: Double = 0.5,
                rate: RateLimiterConfiguration = .init(), cache: CachePolicy = .init(),
                maxAttempts: Int = 6, budget: Int = 500,
                tokens: any TokenProvider = StaticTokenProvider("test-token")) -> WrikeClient {
    WrikeClient(transport: transport, tokens: tokens,
                configuration: WrikeClientConfiguration(rateLimit: rate,
                                                        retry: RetryPolicy(maxAttempts: maxAttempts, random: constantRandom(random)),
                                                        cache: cache, retryBudgetCapacity: budget, clock: clock))
}

/// The largest number of timestamps inside any window of `seconds` (half-open).
func maxInWindow(_ times: [Date], seconds: TimeInterval) -> Int {
    let t = times.map(\.timeIntervalSince1970).sorted()
    var best = 0
    var j = 0
    for i in t.indices {
        while t[i] - t[j] >= seconds { j += 1 }
        best = max(best, i - j + 1)
    }
    return best
}
