import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

/// The app's own path (what `wrike-tui` does with a signed-in OAuth profile): the stored profile is
/// resolved with `Credentials.resolve`, the shared `WrikeClient` is built on it, and reads go on for
/// longer than several access-token lifetimes over real loopback HTTP. Any read that failed would throw:
/// the user never notices the refreshes. Time is a clock the test moves (shared by the emulator and the
/// provider), so a loaded machine changes nothing.
@Suite("Auth: the app's client outlives its tokens")
struct AuthAppClientLongRunTests {
    @Test func clientOnAResolvedProfileOutlivesTheTokenLifetime() async throws {
        let clock = AuthFakeClock()
        let oauth = OAuthEmulator(clientId: "cid", clientSecret: "csecret", tokenLifetime: 2, now: clock.function)
        let sandbox = Sandbox(dataset: DemoDataset.make(),
                              options: SandboxOptions(authorizer: oauth.authorizer, rateLimitPerMinute: nil, now: clock.function))
        let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { @Sendable r in oauth.handle(r) })
        let api = try await server.start()
        defer { Task { await server.stop() } }
        let loginURL = try #require(api.absoluteString.components(separatedBy: "/api/v4").first)
        let credentials = OAuthClientCredentials(clientId: "cid", clientSecret: "csecret")
        let http = HTTPTransports(timeout: inProcessHTTPTimeout)
        let signIn = try OAuthClient(client: credentials, loginURL: loginURL, transports: http)
        let stored = try await signIn.exchange(code: oauth.issueCode(redirectURI: "https://localhost/cb"),
                                               redirectURI: "https://localhost/cb", now: clock.now)
        let dir = AuthTempDir()
        try dir.store.save(stored, profile: "default")

        let resolved = try Credentials.resolve(profile: "default", environment: dir.environment, configClient: credentials,
                                               transports: http, now: clock.function)
        #expect(resolved.kind == .oauth)
        let client = try WrikeClient(baseURL: resolved.baseURL, tokens: resolved.tokens, timeout: inProcessHTTPTimeout)

        // 40 reads, 0.25 s apart: 10 s, five token lifetimes.
        for _ in 0..<40 {
            let me = try await client.me(use: .refresh)
            #expect(me.id == sandbox.meId)
            clock.advance(0.25)
        }
        #expect(oauth.stats.refreshGrants >= 4)
        #expect(oauth.stats.rejectedTokens == 0)   // every refresh came before the token expired
    }
}
