import Foundation
import Synchronization
import Testing
@testable import WrikeAPI
import WrikeSandbox

/// A clock tests move by hand (shared by the provider and the OAuth emulator).
final class AuthFakeClock: Sendable {
    private let value: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { value = Mutex(start) }
    var now: Date { value.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { [self] in self.now } }
}

/// Opens in-process transports by host: `/oauth2/*` goes to an OAuth emulator, `/api/v4/*` to a
/// sandbox. Counts requests; can delay token requests so concurrent callers overlap. An unknown host
/// cannot be reached (`TransportError.notSent`).
final class AuthInProcessHTTP: TransportFactory {
    struct Backend: Sendable {
        var sandbox: Sandbox?
        var oauth: OAuthEmulator?
    }
    private let backends: [String: Backend]
    let tokenDelay: Duration?
    private let counts = Mutex<(token: Int, api: Int)>((0, 0))

    init(_ backends: [String: Backend], tokenDelay: Duration? = nil) {
        self.backends = backends
        self.tokenDelay = tokenDelay
    }

    var tokenRequests: Int { counts.withLock { $0.token } }
    var apiRequests: Int { counts.withLock { $0.api } }

    struct Routed: Transport {
        let root: URL
        let factory: AuthInProcessHTTP
        func send(_ request: HTTPRequest) async throws -> HTTPResponse { try await factory.send(request, under: root) }
    }

    func transport(to root: URL) throws -> any Transport { Routed(root: root, factory: self) }

    func send(_ request: HTTPRequest, under root: URL) async throws -> HTTPResponse {
        let authority = root.port.map { "\(root.host ?? ""):\($0)" } ?? (root.host ?? "")
        guard let backend = backends[authority] else { throw TransportError.notSent("\(authority): cannot connect") }
        var headers = request.headers
        headers["Host"] = authority
        let path = root.path + request.path
        let r = HTTPRequest(method: request.method, path: path, query: request.query, headers: headers, body: request.body)
        if path.hasPrefix("/oauth2/") {
            counts.withLock { $0.token += 1 }
            if let tokenDelay { try await Task.sleep(for: tokenDelay) }
            guard let oauth = backend.oauth, let response = oauth.handle(r) else { return HTTPResponse(status: 404) }
            return response
        }
        counts.withLock { $0.api += 1 }
        guard let sandbox = backend.sandbox else { return HTTPResponse(status: 404) }
        return try sandbox.handle(r)
    }
}

/// A temporary config directory, removed at deinit.
final class AuthTempDir: Sendable {
    let path: String
    init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("wrike-auth-\(UUID().uuidString)")
        path = base.path
    }
    var store: CredentialStore { CredentialStore(directory: path + "/wrike-tui") }
    var environment: [String: String] { ["XDG_CONFIG_HOME": path, "HOME": path] }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The sandbox plus its OAuth emulator, in process.
struct AuthWorld {
    static let clientId = "test-client"
    static let clientSecret = "test-secret-\u{1F511}"
    static let host = "127.0.0.1:9"   // never dialled: requests stay in process
    let clock: AuthFakeClock
    let oauth: OAuthEmulator
    let sandbox: Sandbox
    let http: AuthInProcessHTTP

    init(lifetime: Int = 3600, tokenDelay: Duration? = nil, clock: AuthFakeClock = AuthFakeClock()) {
        self.clock = clock
        oauth = OAuthEmulator(clientId: Self.clientId, clientSecret: Self.clientSecret, tokenLifetime: lifetime,
                              now: clock.function)
        sandbox = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(authorizer: oauth.authorizer,
                                                                                rateLimitPerMinute: nil, now: clock.function))
        http = AuthInProcessHTTP([Self.host: .init(sandbox: sandbox, oauth: oauth)], tokenDelay: tokenDelay)
    }

    var client: OAuthClientCredentials { OAuthClientCredentials(clientId: Self.clientId, clientSecret: Self.clientSecret) }
    var loginURL: String { "http://\(Self.host)" }
    var baseURL: URL { URL(string: "http://\(Self.host)/api/v4")! }

    func oauthClient() throws -> OAuthClient { try OAuthClient(client: client, loginURL: loginURL, transports: http) }

    /// Signs in through the emulator's code grant (no browser) and returns the credentials.
    func signIn() async throws -> StoredCredentials {
        let redirect = "http://localhost:8765/callback"
        let code = oauth.issueCode(redirectURI: redirect)
        return try await oauthClient().exchange(code: code, redirectURI: redirect, now: clock.now)
    }

    /// One API call the way the client makes it: token, send, on 401 one refresh and a replay.
    func call(_ tokens: any TokenProvider, _ path: String = "/contacts", query: [QueryItem] = [QueryItem("me", "true")]) async throws -> HTTPResponse {
        try await apiCall(tokens, transport: http.transport(to: baseURL), path, query: query)
    }
}

/// One API call the way the client makes it, over `transport`: token, send, on 401 one refresh and a replay.
func apiCall(_ tokens: any TokenProvider, transport: any Transport, _ path: String,
             query: [QueryItem] = []) async throws -> HTTPResponse {
    func request(_ token: String) -> HTTPRequest {
        HTTPRequest(path: path, query: query, headers: ["Authorization": "bearer \(token)", "Accept": "application/json"])
    }
    var token = try await tokens.accessToken()
    var response = try await transport.send(request(token))
    if response.status == 401 {
        token = try await tokens.refreshAfterUnauthorized(rejected: token)
        response = try await transport.send(request(token))
    }
    return response
}

/// A GET that does not follow redirects (what a browser's address bar shows after one).
func getWithoutRedirects(_ url: URL) async throws -> HTTPResponse {
    var components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
    let path = components.path
    let query = (components.queryItems ?? []).map { QueryItem($0.name, $0.value ?? "") }
    components.path = ""
    components.query = nil
    let root = try #require(components.url)
    return try await HTTPTransports().transport(to: root).send(HTTPRequest(path: path, query: query))
}

/// An AsyncStream fed by the test.
func pasteStream(_ lines: [String], finish: Bool = true) -> AsyncStream<String> {
    AsyncStream { c in
        for l in lines { c.yield(l) }
        if finish { c.finish() }
    }
}

/// A stream that never yields (the user types nothing) until the test ends.
func silentStream() -> AsyncStream<String> { AsyncStream { _ in } }

/// File mode bits (permission part).
func fileMode(_ path: String) -> UInt32? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return UInt32(st.st_mode) & 0o777
}
