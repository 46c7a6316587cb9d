import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import WrikeAPI
import Platform
import WrikeSandbox

@Suite("Auth: OAuth login")
struct AuthLoginTests {
    @Test func onlyWrikeHostsAreAcceptedFromARealTokenResponse() throws {
        let real = try #require(URL(string: "https://login.wrike.com"))
        #expect(try AuthHosts.apiBaseURL(forTokenHost: "www.wrike.com", loginURL: real).baseURL.absoluteString == "https://www.wrike.com/api/v4")
        #expect(try AuthHosts.apiBaseURL(forTokenHost: "APP-EU.wrike.com", loginURL: real).host == "app-eu.wrike.com")
        #expect(try AuthHosts.apiBaseURL(forTokenHost: "app-us2.wrike.com", loginURL: real).baseURL.absoluteString == "https://app-us2.wrike.com/api/v4")
        for foreign in ["evil.example.com", "wrike.com.evil.example", "evilwrike.com", "www.wrike.com/../x", "user@www.wrike.com",
                        "www.wrike.com:8443", "127.0.0.1:8080", "localhost", "", "www.wrike.com?x=1", "www.wrike .com"] {
            #expect(throws: AuthError.self, "\(foreign)") { try AuthHosts.apiBaseURL(forTokenHost: foreign, loginURL: real) }
        }
        // Signing in against a loopback login URL (the sandbox) allows its loopback host, over http.
        let sandbox = try #require(URL(string: "http://127.0.0.1:8080"))
        #expect(try AuthHosts.apiBaseURL(forTokenHost: "127.0.0.1:8080", loginURL: sandbox).baseURL.absoluteString == "http://127.0.0.1:8080/api/v4")
        #expect(throws: AuthError.foreignHost("evil.example.com")) { try AuthHosts.apiBaseURL(forTokenHost: "evil.example.com", loginURL: sandbox) }
    }

    @Test func loginURLMustBeHTTPSOrLoopback() throws {
        let c = OAuthClientCredentials(clientId: "a", clientSecret: "b")
        #expect(throws: AuthError.self) { try OAuthClient(client: c, loginURL: "http://login.example.com", transports: AuthInProcessHTTP([:])) }
        #expect(throws: AuthError.self) { try OAuthClient(client: c, loginURL: "ftp://127.0.0.1", transports: AuthInProcessHTTP([:])) }
        #expect(try OAuthClient(client: c, loginURL: "http://127.0.0.1:9/", transports: AuthInProcessHTTP([:])).tokenURL.absoluteString
                == "http://127.0.0.1:9/oauth2/token")
        let real = try OAuthClient(client: OAuthClientCredentials(clientId: "my id", clientSecret: "s"), transports: AuthInProcessHTTP([:]))
        #expect(real.authorizeURL(redirectURI: "http://localhost:8765/callback", state: "S1").absoluteString
                == "https://login.wrike.com/oauth2/authorize/v4?client_id=my%20id&response_type=code"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8765%2Fcallback&state=S1&scope=Default%2CwsReadWrite")
    }

    @Test func pastedInputIsParsed() {
        #expect(OAuthCallback.parsePasted("  https://localhost/callback?code=abc123&state=xyz \n") == OAuthCallback(code: "abc123", state: "xyz"))
        #expect(OAuthCallback.parsePasted("code=abc&state=s%2F1") == OAuthCallback(code: "abc", state: "s/1"))
        #expect(OAuthCallback.parsePasted("abc-DEF_123.x") == OAuthCallback(code: "abc-DEF_123.x"))
        #expect(OAuthCallback.parsePasted("http://localhost:8765/callback?error=access_denied&state=s")?.error == "access_denied")
        #expect(OAuthCallback.parsePasted("hello world") == nil)
        #expect(OAuthCallback.parsePasted("") == nil)
        #expect(OAuthCallback(code: "c", state: "s").check(expectedState: "s") == .success("c"))
        #expect(OAuthCallback(code: "c", state: "t").check(expectedState: "s") == .failure(.stateMismatch))
        #expect(OAuthCallback(code: "c").check(expectedState: "s") == .failure(.stateMismatch))
        #expect(OAuthCallback(code: "c").check(expectedState: "s", requireState: false) == .success("c"))
        #expect(OAuthCallback(error: "access_denied").check(expectedState: "s") == .failure(.authorizationDenied("access_denied")))
    }

    /// The whole flow over real loopback HTTP: the sandbox serves /oauth2/* and the API; a "browser"
    /// (URLSession, following redirects) opens the authorize URL, is redirected at once to the
    /// listener, which receives the code; the code is exchanged; the API accepts the new token.
    @Test func loginThroughTheListener() async throws {
        let oauth = OAuthEmulator(clientId: "cid", clientSecret: "csecret", tokenLifetime: 3600)
        let sandbox = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(authorizer: oauth.authorizer, rateLimitPerMinute: nil))
        let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { @Sendable r in oauth.handle(r) })
        let api = try await server.start()
        defer { Task { await server.stop() } }
        let loginURL = try #require(api.absoluteString.components(separatedBy: "/api/v4").first)

        let http = HTTPTransports(timeout: inProcessHTTPTimeout)
        let client = try OAuthClient(client: OAuthClientCredentials(clientId: "cid", clientSecret: "csecret"), loginURL: loginURL,
                                     transports: http)
        let listener = try await LoopbackListener.oauth(port: 0)
        let login = OAuthLogin(oauth: client, redirectURI: OAuthLogin.loopbackRedirectURI(port: listener.port))
        let authorize = login.authorizeURL
        #expect(authorize.absoluteString.hasPrefix(loginURL + "/oauth2/authorize/v4?client_id=cid&response_type=code&redirect_uri="))
        #expect(authorize.absoluteString.contains("state=\(login.state)"))

        async let credentials = login.complete(listener: listener, pasted: silentStream())
        let (page, browserResponse) = try await inProcessURLSession.data(from: authorize)
        let stored = try await credentials
        #expect((browserResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("You can close this tab"))
        #expect(stored.kind == .oauth)
        #expect(stored.host == "127.0.0.1:\(api.port ?? 0)")
        #expect(stored.baseURL == api.absoluteString)
        #expect(stored.refreshToken != nil)
        #expect(stored.clientId == "cid")
        #expect(oauth.stats.codeGrants == 1)

        let me = try await AccountCheck.whoAmI(baseURL: api, tokens: StaticTokenProvider(stored.accessToken), transports: http)
        #expect(me.name == "Alex Morgan")
        #expect(me.accountName == "Northwind Labs")
        // A made-up token is refused by the sandbox (and a static token cannot be refreshed).
        await #expect(throws: TokenProviderError.signInRequired) {
            try await AccountCheck.whoAmI(baseURL: api, tokens: StaticTokenProvider("made-up"), transports: http)
        }
    }

    @Test func listenerIgnoresOtherPathsAndRefusesAWrongState() async throws {
        let world = AuthWorld()
        let listener = try await LoopbackListener.oauth(port: 0)
        let login = OAuthLogin(oauth: try world.oauthClient(), redirectURI: OAuthLogin.loopbackRedirectURI(port: listener.port))
        let task = Task { try await login.complete(listener: listener, pasted: silentStream()) }
        let favicon = try await inProcessURLSession.data(from: URL(string: "http://127.0.0.1:\(listener.port)/favicon.ico")!)
        #expect((favicon.1 as? HTTPURLResponse)?.statusCode == 404)
        let code = world.oauth.issueCode(redirectURI: login.redirectURI)
        let forged = URL(string: "http://127.0.0.1:\(listener.port)/callback?code=\(code)&state=forged")!
        let (page, response) = try await inProcessURLSession.data(from: forged)
        #expect((response as? HTTPURLResponse)?.statusCode == 400)
        #expect(String(decoding: page, as: UTF8.self).contains("refused"))
        await #expect(throws: AuthError.stateMismatch) { try await task.value }
        #expect(world.oauth.stats.codeGrants == 0)  // the code was never exchanged
    }

    @Test func loginByPastingTheRedirectedURL() async throws {
        let world = AuthWorld()
        let client = try world.oauthClient()
        let login = OAuthLogin(oauth: client, redirectURI: "https://localhost/wrike-callback")
        // The "browser": the emulator answers the authorize URL with a redirect to a page that
        // does not load; the user copies the address from the address bar.
        let components = try #require(URLComponents(url: login.authorizeURL, resolvingAgainstBaseURL: false))
        let redirect = world.oauth.handle(HTTPRequest(method: .get, path: components.path,
                                                      query: (components.queryItems ?? []).map { QueryItem($0.name, $0.value ?? "") }))
        #expect(redirect?.status == 302)
        let location = try #require(redirect?.header("Location"))
        #expect(location.hasPrefix("https://localhost/wrike-callback?code="))
        #expect(location.hasSuffix("&state=\(login.state)"))

        let complaints = ComplaintLog()
        let stored = try await login.complete(listener: nil, pasted: pasteStream(["", "not a url at all", location]),
                                              onInvalidPaste: { complaints.add($0) }, now: world.clock.function)
        #expect(complaints.count == 1)
        #expect(stored.baseURL == world.baseURL.absoluteString)
        #expect(stored.expiresAt == world.clock.now.addingTimeInterval(3600))
        let response = try await world.call(StaticTokenProvider(stored.accessToken))
        #expect(response.status == 200)
    }

    @Test func pastingWhileTheListenerWaitsWinsAndStopsTheListener() async throws {
        let world = AuthWorld()
        let listener = try await LoopbackListener.oauth(port: 0)
        let login = OAuthLogin(oauth: try world.oauthClient(), redirectURI: OAuthLogin.loopbackRedirectURI(port: listener.port))
        let code = world.oauth.issueCode(redirectURI: login.redirectURI)
        let stored = try await login.complete(listener: listener, pasted: pasteStream([code], finish: false))
        #expect(stored.kind == .oauth)
        // The listener is closed: the port no longer answers.
        await #expect(throws: (any Error).self) {
            _ = try await inProcessURLSession.data(from: URL(string: "http://127.0.0.1:\(listener.port)/callback?code=x")!)
        }
    }

    @Test func aPastedURLWithAWrongStateIsRefused() async throws {
        let world = AuthWorld()
        let login = OAuthLogin(oauth: try world.oauthClient(), redirectURI: "https://localhost/cb")
        let code = world.oauth.issueCode(redirectURI: "https://localhost/cb")
        await #expect(throws: AuthError.stateMismatch) {
            try await login.complete(listener: nil, pasted: pasteStream(["https://localhost/cb?code=\(code)&state=someone-else"]))
        }
        await #expect(throws: AuthError.noCode) { try await login.complete(listener: nil, pasted: pasteStream([])) }
        #expect(world.oauth.stats.codeGrants == 0)
    }

    @Test func aForeignHostInTheTokenResponseIsRefused() async throws {
        let world = AuthWorld()
        world.oauth.setHost("api.evil.example")
        let client = try world.oauthClient()
        let code = world.oauth.issueCode(redirectURI: "https://localhost/cb")
        await #expect(throws: AuthError.foreignHost("api.evil.example")) {
            try await client.exchange(code: code, redirectURI: "https://localhost/cb")
        }
        // The same from a (pretend) real login server: even a loopback host is refused there.
        world.oauth.setHost("127.0.0.1:9")
        let realish = AuthInProcessHTTP(["login.wrike.com": .init(oauth: world.oauth)])
        let real = try OAuthClient(client: world.client, transports: realish)
        let code2 = world.oauth.issueCode(redirectURI: "https://localhost/cb")
        await #expect(throws: AuthError.foreignHost("127.0.0.1:9")) {
            try await real.exchange(code: code2, redirectURI: "https://localhost/cb")
        }
        world.oauth.setHost("app-eu.wrike.com")
        let code3 = world.oauth.issueCode(redirectURI: "https://localhost/cb")
        #expect(try await real.exchange(code: code3, redirectURI: "https://localhost/cb").baseURL == "https://app-eu.wrike.com/api/v4")
    }

    @Test func wrongClientSecretIsReportedWithoutSecrets() async throws {
        let world = AuthWorld()
        let bad = try OAuthClient(client: OAuthClientCredentials(clientId: AuthWorld.clientId, clientSecret: "wrong-SECRET"),
                                  loginURL: world.loginURL, transports: world.http)
        let code = world.oauth.issueCode(redirectURI: "https://localhost/cb")
        do {
            _ = try await bad.exchange(code: code, redirectURI: "https://localhost/cb")
            Issue.record("a wrong secret was accepted")
        } catch let error as AuthError {
            #expect(error == .tokenEndpoint(status: 401, code: "invalid_client", message: "Client authentication failed"))
            #expect(!error.description.contains("wrong-SECRET") && !error.description.contains(code))
        }
    }
}

final class ComplaintLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var count: Int { lock.withLock { items.count } }
}
