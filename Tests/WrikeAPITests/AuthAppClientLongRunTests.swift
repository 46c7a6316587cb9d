import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

/// The app's own path (what `wrike-tui` does with a signed-in OAuth profile): the stored profile is
/// resolved with `Credentials.resolve`, the shared `WrikeClient` is built on it, and reads go on for
/// longer than several access-token lifetimes over real loopback HTTP. Any read that failed would throw:
/// the user never notices the refreshes.
@Suite("Auth: the app's client outlives its tokens")
struct AuthAppClientLongRunTests {
    @Test func clientOnAResolvedProfileOutlivesTheTokenLifetime() async throws {
        let oauth = OAuthEmulator(clientId: "cid", clientSecret: "csecret", tokenLifetime: 2)
        let sandbox = Sandbox(dataset: DemoDataset.make(),
                              options: SandboxOptions(authorizer: oauth.authorizer, rateLimitPerMinute: nil))
        let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { @Sendable r in oauth.handle(r) })
        let api = try await server.start()
        defer { Task { await server.stop() } }
        let loginURL = try #require(api.absoluteString.components(separatedBy: "/api/v4").first)
        let credentials = OAuthClientCredentials(clientId: "cid", clientSecret: "csecret")
        let signIn = try OAuthClient(client: credentials, loginURL: loginURL)
        let stored = try await signIn.exchange(code: oauth.issueCode(redirectURI: "https://localhost/cb"),
                                               redirectURI: "https://localhost/cb")
        let dir = AuthTempDir()
        try dir.store.save(stored, profile: "default")

        let resolved = try Credentials.resolve(profile: "default", environment: dir.environment, configClient: credentials)
        #expect(resolved.kind == .oauth)
        let client = try WrikeClient(baseURL: resolved.baseURL, tokens: resolved.tokens)

        let start = Date()
        func elapsed() -> TimeInterval { Date().timeIntervalSince(start) }
        var reads = 0
        // At least 3.5 lifetimes, 20 reads and 3 refreshes; bounded so a broken refresh cannot hang CI.
        while (elapsed() < 7 || reads < 20 || oauth.stats.refreshGrants < 3) && elapsed() < 90 {
            let me = try await client.me(use: .refresh)
            #expect(me.id == sandbox.meId)
            reads += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(reads >= 20)
        #expect(oauth.stats.refreshGrants >= 3)
        print("app client long run: \(reads) reads over \(Int(elapsed())) s with 2 s tokens, "
              + "\(oauth.stats.refreshGrants) refreshes, \(oauth.stats.rejectedTokens) answered 401 and replayed")
    }
}
