import Foundation
import Testing
@testable import WrikeAPI

@Suite("Auth: credential store")
struct AuthStoreTests {
    static func sample(_ token: String = "at-SECRET-123", refresh: String? = "rt-SECRET-456") -> StoredCredentials {
        StoredCredentials(kind: .oauth, accessToken: token, refreshToken: refresh,
                          expiresAt: Date(timeIntervalSince1970: 1_795_003_600), issuedAt: Date(timeIntervalSince1970: 1_795_000_000),
                          host: "app-eu.wrike.com", baseURL: "https://app-eu.wrike.com/api/v4", scope: "Default,wsReadWrite",
                          clientId: "cid", loginURL: "https://login.wrike.com")
    }

    @Test func writesDirectory0700AndFile0600AndReadsBack() throws {
        let dir = AuthTempDir()
        let store = dir.store
        #expect(try store.load(profile: "default") == nil)
        try store.save(Self.sample(), profile: "default")
        try store.save(Self.sample("at-work"), profile: "work")
        #expect(fileMode(store.path) == 0o600)
        #expect(fileMode(store.directory) == 0o700)
        #expect(try store.load(profile: "default") == Self.sample())
        #expect(try store.load(profile: "work")?.accessToken == "at-work")
        #expect(try store.profiles() == ["default", "work"])
        // Atomic writes leave no temporary files behind.
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory).sorted()
        #expect(files == ["credentials.json", "credentials.json.lock"])
    }

    @Test func defaultLocationFollowsXDG() {
        #expect(CredentialStore(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"]).path == "/x/cfg/wrike-tui/credentials.json")
        #expect(CredentialStore(environment: ["HOME": "/home/u"]).path == "/home/u/.config/wrike-tui/credentials.json")
        // A relative XDG_CONFIG_HOME is ignored, as the spec says.
        #expect(CredentialStore(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/home/u"]).path == "/home/u/.config/wrike-tui/credentials.json")
    }

    @Test func fileReadableByOthersIsRefusedLikeSSH() throws {
        let dir = AuthTempDir()
        let store = dir.store
        try store.save(Self.sample(), profile: "default")
        #expect(chmod(store.path, 0o644) == 0)
        do {
            _ = try store.load(profile: "default")
            Issue.record("a 0644 credentials file was accepted")
        } catch {
            #expect(error == .insecurePermissions(path: store.path, mode: 0o644))
            #expect(error.description.contains("Permissions 0644 for '\(store.path)' are too open"))
            #expect(error.description.contains("chmod 600"))
            #expect(!error.description.contains("SECRET"))
        }
        // Writing is refused too (it would read the profiles first); after chmod 600 all is well.
        #expect(throws: AuthError.self) { try store.save(Self.sample(), profile: "other") }
        #expect(chmod(store.path, 0o640) == 0)
        #expect(throws: AuthError.insecurePermissions(path: store.path, mode: 0o640)) { try store.load(profile: "default") }
        #expect(chmod(store.path, 0o600) == 0)
        #expect(try store.load(profile: "default")?.accessToken == "at-SECRET-123")
    }

    @Test func concurrentWritersDoNotLoseUpdates() throws {
        let dir = AuthTempDir()
        let store = dir.store
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            // Each writer opens its own lock, like separate processes would.
            try? CredentialStore(directory: store.directory).save(Self.sample("at-\(i)"), profile: "p\(i)")
        }
        let profiles = try store.profiles()
        #expect(profiles.count == 24)
        #expect(try store.load(profile: "p17")?.accessToken == "at-17")
    }

    @Test func removeDeletesOnlyThatProfile() throws {
        let dir = AuthTempDir()
        let store = dir.store
        try store.save(Self.sample(), profile: "default")
        try store.save(Self.sample("other"), profile: "eu")
        #expect(try store.remove(profile: "default"))
        #expect(try store.remove(profile: "default") == false)
        #expect(try store.load(profile: "default") == nil)
        #expect(try store.load(profile: "eu")?.accessToken == "other")
    }

    @Test func corruptFileIsReportedWithoutItsContent() throws {
        let dir = AuthTempDir()
        let store = dir.store
        try store.save(Self.sample(), profile: "default")
        try Data("{\"profiles\": {\"default\": {\"access_token\": \"LEAKED-TOKEN\"}}}".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(chmod(store.path, 0o600) == 0)
        do {
            _ = try store.load(profile: "default")
            Issue.record("corrupt file accepted")
        } catch {
            #expect(!error.description.contains("LEAKED-TOKEN"))
            #expect(error.description.contains("credentials"))
        }
    }

    @Test func credentialTypesRedactSecrets() {
        let c = Self.sample()
        var dumped = ""
        dump(c, to: &dumped)
        for text in ["\(c)", String(reflecting: c), dumped, "\([c])"] {
            #expect(!text.contains("at-SECRET-123"), "\(text)")
            #expect(!text.contains("rt-SECRET-456"), "\(text)")
        }
        #expect("\(c)".contains("app-eu.wrike.com"))
        let client = OAuthClientCredentials(clientId: "cid", clientSecret: "shh-SECRET")
        var dumpedClient = ""
        dump(client, to: &dumpedClient)
        #expect(!"\(client)".contains("shh-SECRET") && !dumpedClient.contains("shh-SECRET") && !String(reflecting: client).contains("shh-SECRET"))
        let response = OAuthTokenResponse(accessToken: "at-SECRET-123", refreshToken: "rt-SECRET-456", expiresIn: 3600, host: "www.wrike.com")
        var dumpedResponse = ""
        dump(response, to: &dumpedResponse)
        #expect(!"\(response)".contains("SECRET") && !dumpedResponse.contains("SECRET"))
    }

    @Test func environmentTokenOverridesTheFile() throws {
        let dir = AuthTempDir()
        try dir.store.save(Self.sample(), profile: "default")
        var env = dir.environment
        env["WRIKE_TOKEN"] = "env-token"
        env["WRIKE_HOST"] = "app-us2.wrike.com"
        let r = try Credentials.resolve(environment: env, transports: AuthInProcessHTTP([:]))
        #expect(r.source == .environment)
        #expect(r.kind == .permanent)
        #expect(r.baseURL.absoluteString == "https://app-us2.wrike.com/api/v4")
        env["WRIKE_HOST"] = "http://127.0.0.1:8080/api/v4"
        #expect(try Credentials.resolve(environment: env, transports: AuthInProcessHTTP([:])).baseURL.absoluteString == "http://127.0.0.1:8080/api/v4")
        env["WRIKE_HOST"] = "http://evil.example.com/api/v4"
        #expect(throws: AuthError.self) { try Credentials.resolve(environment: env, transports: AuthInProcessHTTP([:])) }
        env["WRIKE_HOST"] = nil
        #expect(try Credentials.resolve(environment: env, transports: AuthInProcessHTTP([:])).host == "www.wrike.com")

        // Without WRIKE_TOKEN, the file's profile.
        env["WRIKE_TOKEN"] = nil
        let fromFile = try Credentials.resolve(environment: env, transports: AuthInProcessHTTP([:]))
        #expect(fromFile.source == .profile("default"))
        #expect(fromFile.kind == .oauth)
        #expect(fromFile.tokens is RefreshingTokenProvider)
        #expect(fromFile.baseURL.absoluteString == "https://app-eu.wrike.com/api/v4")
        #expect(throws: AuthError.notSignedIn(profile: "nope")) {
            try Credentials.resolve(profile: "nope", environment: env, transports: AuthInProcessHTTP([:]))
        }
    }
}
