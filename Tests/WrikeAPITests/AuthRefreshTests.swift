import Foundation
import Synchronization
import Testing
@testable import WrikeAPI
import WrikeSandbox

@Suite("Auth: refreshing tokens")
struct AuthRefreshTests {
    /// Signs in, stores the profile, and builds a provider over the same clock and store.
    static func setUp(_ world: AuthWorld, _ dir: AuthTempDir, events: EventLog? = nil) async throws -> (RefreshingTokenProvider, StoredCredentials) {
        let stored = try await world.signIn()
        try dir.store.save(stored, profile: "default")
        var onEvent: (@Sendable (TokenEvent) -> Void)?
        if let events { onEvent = { events.add($0) } }
        let oauth = try world.oauthClient()
        let provider = RefreshingTokenProvider(profile: "default", credentials: stored, oauth: oauth,
                                               store: dir.store, now: world.clock.function, onEvent: onEvent)
        return (provider, stored)
    }

    @Test func refreshesAboutAMinuteBeforeExpiryAndSavesTheRotatedToken() async throws {
        let world = AuthWorld(lifetime: 3600)
        let dir = AuthTempDir()
        let events = EventLog()
        let (provider, first) = try await Self.setUp(world, dir, events: events)
        #expect(try await provider.accessToken() == first.accessToken)
        world.clock.advance(3600 - 61)
        #expect(try await provider.accessToken() == first.accessToken)
        #expect(world.http.tokenRequests == 1)  // only the sign-in
        world.clock.advance(2)  // 59 s before expiry: inside the margin
        let second = try await provider.accessToken()
        #expect(second != first.accessToken)
        #expect(await provider.refreshCount == 1)
        #expect(world.oauth.stats.refreshGrants == 1)
        #expect(try await world.call(StaticTokenProvider(second)).status == 200)

        // The rotated refresh token is on disk already, and the old one is dead.
        let saved = try #require(try dir.store.load(profile: "default"))
        #expect(saved.accessToken == second)
        #expect(saved.refreshToken != first.refreshToken)
        #expect(saved.expiresAt == world.clock.now.addingTimeInterval(3600))
        #expect(fileMode(dir.store.path) == 0o600)
        await #expect(throws: AuthError.self) { try await world.oauthClient().refresh(first, now: world.clock.now) }
        // A new app start (new provider from the file) can still refresh with the saved token.
        world.clock.advance(3600)
        let restarted = try Credentials.resolve(environment: dir.environment.merging(["WRIKE_CLIENT_ID": AuthWorld.clientId,
                                                                                      "WRIKE_CLIENT_SECRET": AuthWorld.clientSecret]) { $1 },
                                                store: dir.store, transports: world.http, now: world.clock.function)
        #expect(try await world.call(restarted.tokens).status == 200)
        #expect(world.oauth.stats.refreshGrants == 2)
        #expect(events.items.filter { if case .refreshed = $0 { true } else { false } }.count == 1)
    }

    @Test func tenConcurrentRequestsAfterA401CauseOneRefresh() async throws {
        let world = AuthWorld(lifetime: 3600, tokenDelay: .milliseconds(50))
        let dir = AuthTempDir()
        let (provider, _) = try await Self.setUp(world, dir)
        world.oauth.expireAccessTokens()  // the server forgot the token early: every request sees 401
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 { group.addTask { try await world.call(provider).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 10))
        #expect(await provider.refreshCount == 1)
        #expect(world.oauth.stats.refreshGrants == 1)
    }

    @Test func tenConcurrentRequestsAtExpiryCauseOneRefresh() async throws {
        let world = AuthWorld(lifetime: 600, tokenDelay: .milliseconds(50))
        let dir = AuthTempDir()
        let (provider, first) = try await Self.setUp(world, dir)
        world.clock.advance(600)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await provider.accessToken() } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(!tokens.contains(first.accessToken))
        #expect(world.oauth.stats.refreshGrants == 1)
    }

    @Test func aRefusedRefreshAsksToSignInAgainOnce() async throws {
        let world = AuthWorld(lifetime: 600)
        let dir = AuthTempDir()
        let events = EventLog()
        let (provider, _) = try await Self.setUp(world, dir, events: events)
        world.oauth.revokeRefreshTokens()
        world.clock.advance(600)
        await #expect(throws: TokenProviderError.signInRequired) { try await provider.accessToken() }
        #expect(await provider.needsSignIn)
        await #expect(throws: TokenProviderError.signInRequired) { try await provider.accessToken() }
        await #expect(throws: TokenProviderError.signInRequired) { try await provider.refreshAfterUnauthorized(rejected: "x") }
        #expect(world.oauth.stats.refusedGrants == 1)  // no retry storm
        #expect(events.items == [.signInRequired])
        // The stored profile is kept (the user may still read the screen; `auth login` replaces it).
        #expect(try dir.store.load(profile: "default") != nil)
    }

    @Test func networkFailureDuringRefreshIsNotFatal() async throws {
        let world = AuthWorld(lifetime: 600)
        let dir = AuthTempDir()
        let stored = try await world.signIn()
        try dir.store.save(stored, profile: "default")
        let offline = AuthInProcessHTTP([:])
        let provider = RefreshingTokenProvider(profile: "default", credentials: stored,
                                               oauth: try OAuthClient(client: world.client, loginURL: world.loginURL, transports: offline),
                                               store: dir.store, now: world.clock.function)
        world.clock.advance(600)
        await #expect(throws: AuthError.self) { try await provider.accessToken() }
        #expect(await provider.needsSignIn == false)
    }

    @Test func withoutAClientSecretTheTokenIsUsedUntilItExpires() async throws {
        let world = AuthWorld(lifetime: 600)
        let stored = try await world.signIn()
        let provider = RefreshingTokenProvider(profile: "default", credentials: stored, oauth: nil, store: nil, now: world.clock.function)
        #expect(try await provider.accessToken() == stored.accessToken)
        world.clock.advance(600)
        await #expect(throws: TokenProviderError.signInRequired) { try await provider.accessToken() }
    }

    /// Two copies of the app share a profile: the second one must not spend the refresh token the
    /// first one already rotated away; it adopts the first one's new token from the file.
    @Test func aSecondInstanceAdoptsTheTokenTheFirstRefreshed() async throws {
        let world = AuthWorld(lifetime: 600)
        let dir = AuthTempDir()
        let (first, stored) = try await Self.setUp(world, dir)
        let second = RefreshingTokenProvider(profile: "default", credentials: stored, oauth: try world.oauthClient(),
                                             store: dir.store, now: world.clock.function)
        world.clock.advance(600)
        let a = try await first.accessToken()
        let b = try await second.accessToken()
        #expect(a == b)
        #expect(world.oauth.stats.refreshGrants == 1)
        #expect(world.oauth.stats.refusedGrants == 0)
        #expect(await second.needsSignIn == false)
    }

    /// The app runs for several token lifetimes (2 s) against the sandbox over real HTTP; every request
    /// succeeds and the user never notices the refreshes. Time is a clock the test moves, 0.25 s per
    /// request, shared by the emulator and the provider: how long a request takes on a loaded machine
    /// changes nothing.
    @Test func runningLongerThanTheTokenLifetimeGoesUnnoticed() async throws {
        let clock = AuthFakeClock()
        let oauth = OAuthEmulator(clientId: "cid", clientSecret: "csecret", tokenLifetime: 2, now: clock.function)
        let sandbox = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(authorizer: oauth.authorizer,
                                                                                  rateLimitPerMinute: nil, now: clock.function))
        let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { @Sendable r in oauth.handle(r) })
        let api = try await server.start()
        defer { Task { await server.stop() } }
        let loginURL = try #require(api.absoluteString.components(separatedBy: "/api/v4").first)
        let http = HTTPTransports(timeout: inProcessHTTPTimeout)
        let client = try OAuthClient(client: OAuthClientCredentials(clientId: "cid", clientSecret: "csecret"), loginURL: loginURL,
                                     transports: http)
        let transport = try http.transport(to: api)
        let code = oauth.issueCode(redirectURI: "https://localhost/cb")
        let stored = try await client.exchange(code: code, redirectURI: "https://localhost/cb", now: clock.now)
        let dir = AuthTempDir()
        try dir.store.save(stored, profile: "default")
        let provider = RefreshingTokenProvider(profile: "default", credentials: stored, oauth: client, store: dir.store,
                                               now: clock.function)

        var failures: [String] = []
        let paths = ["/contacts", "/spaces", "/folders", "/workflows", "/account"]
        let requests = 40   // 10 s: five lifetimes
        for i in 0..<requests {
            let path = paths[i % paths.count]
            let query = path == "/contacts" ? [QueryItem("me", "true")] : []
            // What the client does: on a 401 one refresh, one replay.
            let response = try await apiCall(provider, transport: transport, path, query: query)
            if response.status != 200 { failures.append("\(path): \(response.status)") }
            clock.advance(0.25)
        }
        #expect(failures.isEmpty)
        let refreshes = await provider.refreshCount
        #expect(refreshes >= 4)
        #expect(oauth.stats.refreshGrants == refreshes)
        #expect(oauth.stats.rejectedTokens == 0)   // every refresh came before the token expired
        #expect(try dir.store.load(profile: "default")?.accessToken == (try await provider.accessToken()))
    }
}

final class EventLog: Sendable {
    private let store = Mutex<[TokenEvent]>([])
    func add(_ e: TokenEvent) { store.withLock { $0.append(e) } }
    var items: [TokenEvent] { store.withLock { $0 } }
}
