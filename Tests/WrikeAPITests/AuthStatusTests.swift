import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

@Suite("Auth: status and permanent tokens")
struct AuthStatusTests {
    @Test func statusReportShowsWhoButNeverTheToken() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let report = AuthStatusReport(profile: "eu", source: .profile("eu"), kind: .oauth, host: "app-eu.wrike.com",
                                      baseURL: "https://app-eu.wrike.com/api/v4", expiresAt: now.addingTimeInterval(3000),
                                      scope: "Default,wsReadWrite", credentialsPath: "/home/u/.config/wrike-tui/credentials.json",
                                      identity: AccountIdentity(contactId: "KUA1", name: "Ann Lee", email: "ann@example.com",
                                                                accountId: "IEA1", accountName: "Acme"))
        let text = report.formatted(now: now)
        #expect(text == """
            Profile:      eu (/home/u/.config/wrike-tui/credentials.json)
            Signed in as: Ann Lee <ann@example.com>
            Account:      Acme (IEA1)
            Host:         app-eu.wrike.com (https://app-eu.wrike.com/api/v4)
            Token:        OAuth, access token expires 2026-11-18 11:56:40 UTC (in 50 min); refreshed automatically
            Scope:        Default,wsReadWrite
            Status:       OK
            """)
        #expect(report.ok)
        var broken = report
        broken.identity = nil
        broken.problem = "the token was refused"
        #expect(!broken.ok)
        let brokenText = broken.formatted(now: now)
        #expect(brokenText.hasSuffix("Status:  NOT WORKING: the token was refused"))
        #expect(!brokenText.contains("Signed in as"))
    }

    @Test func permanentTokenFindsItsDataCenter() async throws {
        let accepting = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(token: "perm-TOKEN-1", rateLimitPerMinute: nil))
        let rejecting = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(token: "another", rateLimitPerMinute: nil))
        let http = AuthInProcessHTTP(["www.wrike.com": .init(sandbox: rejecting), "app-eu.wrike.com": .init(sandbox: accepting)])
        let candidates = try AuthHosts.knownHosts.map { try Credentials.apiRoot(fromHostSetting: $0, what: "h").baseURL }
        let (root, me) = try await AccountCheck.discoverHost(token: "perm-TOKEN-1", candidates: candidates, transports: http)
        #expect(root.absoluteString == "https://app-eu.wrike.com/api/v4")
        #expect(me.name == "Alex Morgan")
        #expect(me.accountName == "Northwind Labs")
        do {
            _ = try await AccountCheck.discoverHost(token: "wrong-TOKEN", candidates: candidates, transports: http)
            Issue.record("a wrong token was accepted")
        } catch let error as AuthError {
            #expect(error == .tokenRejected(triedHosts: AuthHosts.knownHosts))
            #expect(!error.description.contains("wrong-TOKEN"))
        }
    }

    // MARK: - the built binary

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("wrike-tui")
    }

    /// Runs blocking work on a plain thread, so the sandbox served by this process's cooperative
    /// threads keeps answering the child.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    static func run(_ args: [String], environment: [String: String], stdin: String? = nil) async throws -> (status: Int32, out: String, err: String) {
        try await offPool { try runBlocking(args, environment: environment, stdin: stdin) }
    }

    static func runBlocking(_ args: [String], environment: [String: String], stdin: String?) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: AuthStatusTests.binary.path)))
    func binaryTokenStatusLogoutAgainstTheSandbox() async throws {
        let oauth = OAuthEmulator(clientId: "cid", clientSecret: "csecret", tokenLifetime: 3600,
                                  permanentTokens: ["perm-SECRET-0042"])
        let sandbox = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(authorizer: oauth.authorizer, rateLimitPerMinute: nil))
        let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { @Sendable r in oauth.handle(r) })
        let api = try await server.start()
        defer { Task { await server.stop() } }
        let dir = AuthTempDir()
        let env = dir.environment

        // auth token: the token comes on stdin (not a terminal), never argv.
        let token = try await Self.run(["auth", "token", "--base-url", api.absoluteString], environment: env, stdin: "perm-SECRET-0042\n")
        #expect(token.status == 0, "\(token.err)")
        #expect(token.out.contains("Signed in as Alex Morgan"))
        #expect(fileMode(dir.store.path) == 0o600)
        #expect(try dir.store.load(profile: "default")?.kind == .permanent)

        let status = try await Self.run(["auth", "status"], environment: env)
        #expect(status.status == 0, "\(status.err)")
        #expect(status.out.contains("Signed in as: Alex Morgan <alex.morgan@northwind.example>"))
        #expect(status.out.contains("Account:      Northwind Labs"))
        #expect(status.out.contains("permanent access token"))
        #expect(status.out.contains("Host:         127.0.0.1:\(api.port ?? 0)"))
        #expect(!(status.out + status.err).contains("perm-SECRET-0042"))

        // An OAuth profile signed in through the emulator.
        let code = oauth.issueCode(redirectURI: "https://localhost/cb")
        let client = try OAuthClient(client: OAuthClientCredentials(clientId: "cid", clientSecret: "csecret"),
                                     loginURL: try #require(api.absoluteString.components(separatedBy: "/api/v4").first),
                                     transports: HTTPTransports(timeout: inProcessHTTPTimeout))
        let creds = try await client.exchange(code: code, redirectURI: "https://localhost/cb")
        try dir.store.save(creds, profile: "work")
        let work = try await Self.run(["auth", "status", "--profile", "work"], environment: env)
        #expect(work.status == 0, "\(work.err)")
        #expect(work.out.contains("OAuth, access token expires"))
        #expect(!(work.out + work.err).contains(creds.accessToken))
        #expect(!(work.out + work.err).contains(creds.refreshToken ?? "-"))

        // Credentials that no longer work: exit code 1, and still no token in the output.
        oauth.expireAccessTokens()
        oauth.revokeRefreshTokens()
        let dead = try await Self.run(["auth", "status", "--profile", "work"], environment: env.merging(["WRIKE_CLIENT_ID": "cid", "WRIKE_CLIENT_SECRET": "csecret"]) { $1 })
        #expect(dead.status == 1)
        #expect(dead.out.contains("NOT WORKING"))
        #expect(!(dead.out + dead.err).contains(creds.accessToken))

        // A 0644 file is refused.
        #expect(chmod(dir.store.path, 0o644) == 0)
        let open = try await Self.run(["auth", "status"], environment: env)
        #expect(open.status == 1)
        #expect(open.err.contains("are too open"))
        #expect(chmod(dir.store.path, 0o600) == 0)

        // Logout removes the profile; status then says not signed in.
        let logout = try await Self.run(["auth", "logout"], environment: env)
        #expect(logout.status == 0)
        let after = try await Self.run(["auth", "status"], environment: env)
        #expect(after.status == 1)
        #expect(after.err.contains("Not signed in"))
        #expect(try dir.store.load(profile: "work") != nil)
    }
}
