import FlyingFox
import FlyingSocks
import Foundation
import Synchronization
import WrikeAPI

/// Serves a `Sandbox` over real HTTP on 127.0.0.1 only (FlyingFox). Everything under `/api/v4` goes
/// to the sandbox; other paths go to `auxiliaryHandler` (e.g. `/oauth2/*` of the auth helper),
/// else 404 `method_not_found`.
public struct SandboxServer: Sendable {
    public let sandbox: Sandbox
    public let auxiliaryHandler: (@Sendable (WrikeAPI.HTTPRequest) async -> WrikeAPI.HTTPResponse?)?
    private let box = Box()

    private final class Box: Sendable {
        let state = Mutex<(server: HTTPServer?, task: Task<Void, Never>?, url: URL?)>((nil, nil, nil))
    }

    public init(sandbox: Sandbox,
                auxiliaryHandler: (@Sendable (WrikeAPI.HTTPRequest) async -> WrikeAPI.HTTPResponse?)? = nil) {
        self.sandbox = sandbox
        self.auxiliaryHandler = auxiliaryHandler
    }

    /// The API base URL once started (`http://127.0.0.1:N/api/v4`).
    public var baseURL: URL? { box.state.withLock { $0.url } }

    /// Binds 127.0.0.1:`port` (0 = any free port), starts serving and returns the API base URL.
    @discardableResult
    public func start(port: UInt16 = 0) async throws -> URL {
        if let url = baseURL { return url }
        let sandbox = self.sandbox
        let auxiliary = self.auxiliaryHandler
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 120,
                                logger: .disabled,
                                handler: ClosureHandler { request in
                                    await Self.handle(request, sandbox: sandbox, auxiliary: auxiliary)
                                })
        let task = Task<Void, Never> {
            do { try await server.run() } catch {}
        }
        do {
            // An upper bound: on a loaded machine the server's task may wait long for a thread.
            try await server.waitUntilListening(timeout: 120)
        } catch {
            task.cancel()
            throw error
        }
        guard case .ip4(_, let boundPort)? = await server.listeningAddress,
              let url = URL(string: "http://127.0.0.1:\(boundPort)/api/v4") else {
            await server.stop()
            task.cancel()
            throw TransportError.notSent("sandbox server: could not determine the listening port")
        }
        box.state.withLock { $0 = (server, task, url) }
        return url
    }

    /// Stops listening and closes every connection.
    public func stop() async {
        let (server, task) = box.state.withLock { s -> (HTTPServer?, Task<Void, Never>?) in
            let out = (s.server, s.task)
            s = (nil, nil, nil)
            return out
        }
        await server?.stop(timeout: 0)
        task?.cancel()
        _ = await task?.value
    }

    struct ClosureHandler: HTTPHandler {
        let body: @Sendable (FlyingFox.HTTPRequest) async -> FlyingFox.HTTPResponse
        init(_ body: @escaping @Sendable (FlyingFox.HTTPRequest) async -> FlyingFox.HTTPResponse) { self.body = body }
        func handleRequest(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse { await body(request) }
    }

    /// A body that fails on first read: FlyingFox has written the status line and headers
    /// (promising `Content-Length: 64`), then closes the connection. Clients see a truncated answer
    /// at once (no silent retry, which the transport does for a GET when a reused connection closes with
    /// nothing received).
    struct BrokenBody: AsyncBufferedSequence {
        typealias Element = UInt8
        struct Dropped: Error {}
        struct AsyncIterator: AsyncBufferedIteratorProtocol {
            mutating func next() async throws -> UInt8? { throw Dropped() }
            mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? { throw Dropped() }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
    }

    static func droppedResponse() -> FlyingFox.HTTPResponse {
        FlyingFox.HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"],
                               body: HTTPBodySequence(from: BrokenBody(), count: 64, suggestedBufferSize: 64))
    }

    static func handle(_ request: FlyingFox.HTTPRequest, sandbox: Sandbox,
                       auxiliary: (@Sendable (WrikeAPI.HTTPRequest) async -> WrikeAPI.HTTPResponse?)?) async -> FlyingFox.HTTPResponse {
        var headers: [String: String] = [:]
        for (key, value) in request.headers { headers[key.rawValue] = value }
        let body = (try? await request.bodyData) ?? Data()
        let path = request.path.removingPercentEncoding ?? request.path
        // The raw query, form-decoded (FlyingFox's `query` keeps `+`).
        let query = Params.formItems(request.target.query(percentEncoded: true))
        guard let method = WrikeAPI.HTTPMethod(rawValue: request.method.rawValue.uppercased()) else {
            return convert(Reply.error(.methodNotFound))
        }
        let ours = WrikeAPI.HTTPRequest(method: method, path: path, query: query, headers: headers,
                                        body: body.isEmpty ? nil : body)
        if path == "/api/v4" || path.hasPrefix("/api/v4/") {
            switch await sandbox.reply(to: ours) {
            case .response(let response): return convert(response)
            case .dropConnection: return droppedResponse()
            }
        }
        if let auxiliary, let response = await auxiliary(ours) { return convert(response) }
        return convert(Reply.error(.methodNotFound))
    }

    static func convert(_ response: WrikeAPI.HTTPResponse) -> FlyingFox.HTTPResponse {
        var headers = HTTPHeaders()
        for (k, v) in response.headers { headers[HTTPHeader(k)] = v }
        return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: phrase(response.status)),
                                      headers: headers, body: response.body)
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}

extension Sandbox {
    /// Like `respond(to:)` but with a scheduled delay and the configured latency first (used by the HTTP server).
    public func reply(to request: WrikeAPI.HTTPRequest) async -> SandboxReply {
        await holdIfDelayed(request)
        if let delay = nextLatency() { try? await Task.sleep(for: delay) }
        return respond(to: request)
    }
}
