import Foundation
import Synchronization
import WrikeAPI

/// A Wrike API v4 emulator: a `Transport` the client can use in process, also served over HTTP by
/// `SandboxServer`. Request paths are relative to `/api/v4` (`/tasks/ID`). Thread-safe; all state
/// lives behind one mutex.
public final class Sandbox: Transport, Sendable {
    public let options: SandboxOptions
    let state: Mutex<State>

    public init(dataset: Dataset, options: SandboxOptions = SandboxOptions()) {
        self.options = options
        self.state = Mutex(State(dataset: dataset, seed: options.seed))
    }

    // MARK: Transport

    /// Applies the added latency, then answers. A dropped connection throws
    /// `TransportError.outcomeUnknown`; cancellation during the latency throws `.cancelled`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        await holdIfDelayed(request)
        if let delay = nextLatency() {
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw TransportError.cancelled
            }
        }
        return try handle(request)
    }

    /// Answers synchronously (no latency). Throws `TransportError.outcomeUnknown` when a fault
    /// drops the connection.
    public func handle(_ request: HTTPRequest) throws -> HTTPResponse {
        switch respond(to: request) {
        case .response(let response): return response
        case .dropConnection: throw TransportError.outcomeUnknown("sandbox: connection dropped (scheduled fault)")
        }
    }

    /// Answers or drops (what the HTTP server needs).
    public func respond(to request: HTTPRequest) -> SandboxReply {
        let now = options.now()
        return state.withLock { state in
            state.process(request, options: options, now: now)
        }
    }

    /// A scheduled `delay` fault matching the request: waits it out, whatever happens to the caller.
    func holdIfDelayed(_ request: HTTPRequest) async {
        var r = State.tunnel(request)
        r.path = State.normalize(r.path)
        let hold: Duration? = state.withLock { s in
            guard let i = s.faults.firstIndex(where: { $0.isDelay && $0.matches(r) }) else { return nil }
            let fault = s.faults[i]
            s.faults[i].count -= 1
            if s.faults[i].count <= 0 { s.faults.remove(at: i) }
            if case .delay(let d) = fault.kind { return d }
            return nil
        }
        guard let hold else { return }
        // Not cancelled with the caller: a request the server has received goes on without its client.
        await Task.detached { try? await Task.sleep(for: hold) }.value
    }

    func nextLatency() -> Duration? {
        guard let range = options.latency else { return nil }
        let low = range.lowerBound, high = range.upperBound
        guard high > low else { return low }
        let span = Double((high - low).components.seconds) + Double((high - low).components.attoseconds) / 1e18
        let fraction = state.withLock { Double($0.rng.next() >> 11) / Double(1 << 53) }
        return low + .seconds(span * fraction)
    }

    // MARK: Faults and log

    /// "The next `count` matching requests fail like this." Faults queue in order.
    public func schedule(_ fault: Fault) {
        guard fault.count > 0 else { return }
        state.withLock { $0.faults.append(fault) }
    }

    public func clearFaults() {
        state.withLock { $0.faults.removeAll() }
    }

    /// Locks the time entries tracked on or before `day` (`yyyy-MM-dd`; nil unlocks): writes to them are
    /// refused with 403 `access_forbidden`, as a locked period in Wrike.
    public func lockTimelogs(through day: String?) {
        state.withLock { $0.timelogsLockedThrough = day }
    }

    /// Every request seen so far (bounded by `options.requestLogLimit`).
    public var requestLog: [LoggedRequest] { state.withLock { $0.log } }

    public func resetLog() { state.withLock { $0.log.removeAll() } }

    /// Forgets the requests counted by the rate limiter.
    public func resetRateLimit() { state.withLock { $0.window.removeAll() } }

    // MARK: Reading the data back

    /// The current data, as a dataset (cheap: copy-on-write arrays).
    public func snapshot() -> Dataset { state.withLock { $0.snapshot() } }

    /// The contact id of the token's user.
    public var meId: String { state.withLock { $0.meId } }

    public func task(_ id: String) -> WrikeTask? { state.withLock { $0.tasks[id] } }
    public func folder(_ id: String) -> Folder? { state.withLock { $0.folders[id] } }
    public func comment(_ id: String) -> Comment? { state.withLock { $0.comments[id] } }
    public func comments(onTask taskId: String) -> [Comment] {
        state.withLock { s in s.comments.items.filter { $0.taskId == taskId } }
    }
    public func timelogs(onTask taskId: String) -> [Timelog] {
        state.withLock { s in s.timelogs.items.filter { $0.taskId == taskId } }
    }
    public func dependency(_ id: String) -> Dependency? { state.withLock { $0.dependencies[id] } }
    public func approval(_ id: String) -> Approval? { state.withLock { $0.approvals[id] } }

    /// Records an approver's decision (the public API has no endpoint for it: Wrike users decide in
    /// the web UI). Finishes the approval when every approver approved or one rejected.
    @discardableResult
    public func decide(approvalId: String, approverId: String, status: DecisionStatus, comment: String? = nil) -> Approval? {
        let now = options.now()
        return state.withLock { s in s.decide(approvalId: approvalId, approverId: approverId, status: status, comment: comment, now: now) }
    }
}

extension State {
    mutating func process(_ request: HTTPRequest, options: SandboxOptions, now: Date) -> SandboxReply {
        var request = Self.tunnel(request)
        request.path = Self.normalize(request.path)

        // 1. Scheduled faults.
        if let i = faults.firstIndex(where: { !$0.isDelay && $0.matches(request) }) {
            let fault = faults[i]
            faults[i].count -= 1
            if faults[i].count <= 0 { faults.remove(at: i) }
            switch fault.kind {
            case .status(let status):
                let response = Reply.error(Self.faultError(status))
                record(request, status: status, applied: false, now: now, limit: options.requestLogLimit)
                return .response(response)
            case .dropConnection:
                record(request, status: nil, applied: false, now: now, limit: options.requestLogLimit)
                return .dropConnection
            case .applyThenDrop:
                let response = route(request, now: now)
                record(request, status: nil, applied: response.status < 300, now: now, limit: options.requestLogLimit)
                return .dropConnection
            case .delay:
                break  // taken before (`holdIfDelayed`)
            }
        }
        // 2. Authentication.
        if !authorized(request, options: options) {
            record(request, status: 401, applied: false, now: now, limit: options.requestLogLimit)
            return .response(Reply.error(.notAuthorized))
        }
        // 3. Rate limit (sliding 60 s window of admitted requests).
        if let limit = options.rateLimitPerMinute {
            let cutoff = now.addingTimeInterval(-60)
            var drop = 0
            while drop < window.count && window[drop] <= cutoff { drop += 1 }
            if drop > 0 { window.removeFirst(drop) }
            if window.count >= max(limit, 0) {
                var headers: [String: String] = [:]
                if options.sendRetryAfter, let first = window.first {
                    headers["Retry-After"] = String(max(1, Int((first.timeIntervalSince(cutoff)).rounded(.up))))
                }
                record(request, status: 429, applied: false, now: now, limit: options.requestLogLimit)
                return .response(Reply.error(APIError(status: 429, code: "rate_limit_exceeded",
                                                      message: "Rate limit exceeded, try again later"), extraHeaders: headers))
            }
            window.append(now)
        }
        // 4. Random failures.
        if options.failureProbability > 0 {
            let roll = Double(rng.next() >> 11) / Double(1 << 53)
            if roll < options.failureProbability {
                record(request, status: 503, applied: false, now: now, limit: options.requestLogLimit)
                return .response(Reply.error(Self.faultError(503)))
            }
        }
        // 4b. Random dropped connections (a write may be applied before its answer is lost).
        if options.dropProbability > 0 {
            let roll = Double(rng.next() >> 11) / Double(1 << 53)
            if roll < options.dropProbability {
                if request.method != .get && rng.next() & 1 == 1 {
                    let response = route(request, now: now)
                    record(request, status: nil, applied: response.status < 300, now: now, limit: options.requestLogLimit)
                } else {
                    record(request, status: nil, applied: false, now: now, limit: options.requestLogLimit)
                }
                return .dropConnection
            }
        }
        // 5. The API.
        let response = route(request, now: now)
        record(request, status: response.status, applied: response.status < 300, now: now, limit: options.requestLogLimit)
        return .response(response)
    }

    /// `GET …&method=POST|PUT|DELETE` is that write ("If a client is not able to execute all kinds of
    /// requests, then only GET requests can be used with an additional method parameter",
    /// developers.wrike.com, API overview). Another value stays a parameter and is refused.
    static func tunnel(_ request: HTTPRequest) -> HTTPRequest {
        guard request.method == .get, let i = request.query.firstIndex(where: { $0.name == "method" }),
              let method = HTTPMethod(rawValue: request.query[i].value.uppercased()) else { return request }
        var out = request
        out.method = method
        out.query.remove(at: i)
        return out
    }

    static func normalize(_ path: String) -> String {
        var p = path
        if p.hasPrefix("/api/v4") { p.removeFirst(7) }
        if !p.hasPrefix("/") { p = "/" + p }
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    static func faultError(_ status: Int) -> APIError {
        switch status {
        case 401: return .notAuthorized
        case 403: return APIError(status: 403, code: "access_forbidden", message: "Access forbidden")
        case 404: return APIError(status: 404, code: "resource_not_found", message: "Resource not found")
        case 429: return APIError(status: 429, code: "rate_limit_exceeded", message: "Rate limit exceeded, try again later")
        case 400..<500: return APIError(status: status, code: "invalid_request", message: "Request failed (injected fault)")
        case 503: return APIError(status: 503, code: "server_error", message: "Service temporarily unavailable")
        default: return APIError(status: status, code: "server_error", message: "Internal server error (injected fault)")
        }
    }

    func authorized(_ request: HTTPRequest, options: SandboxOptions) -> Bool {
        var presented: String?
        if let header = request.header("Authorization") {
            let trimmed = header.trimmingCharacters(in: .whitespaces)
            if trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " {
                presented = String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            } else {
                presented = ""  // a header that is not a bearer token never matches
            }
        } else if let q = request.query.first(where: { $0.name == "access_token" }) {
            presented = q.value
        }
        if let authorizer = options.authorizer { return authorizer(presented ?? "") }
        guard let token = options.token else { return true }
        guard let presented, !presented.isEmpty else { return false }
        return presented == token
    }

    mutating func record(_ request: HTTPRequest, status: Int?, applied: Bool, now: Date, limit: Int) {
        guard limit > 0 else { return }
        if log.count >= limit { log.removeFirst(min(log.count, max(1, limit / 10))) }
        log.append(LoggedRequest(method: request.method, path: request.path, query: request.query,
                                 status: status, applied: applied, date: now))
    }

    mutating func route(_ request: HTTPRequest, now: Date) -> HTTPResponse {
        do {
            let params = try Params(request: request)
            if params.has("method") { throw APIError.invalidParameter("method", "expected GET, POST, PUT or DELETE on a GET") }
            let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            return try Reply.$state.withValue(params.state) {
                try dispatch(request.method, segments, params, now: now)
            }
        } catch let error as APIError {
            return Reply.error(error)
        } catch {
            return Reply.error(APIError(status: 500, code: "server_error", message: "Internal error"))
        }
    }
}
