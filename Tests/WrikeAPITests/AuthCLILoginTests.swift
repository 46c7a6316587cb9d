import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import WrikeAPI
import WrikeSandbox

@Suite("Auth: auth login in the built binary")
struct AuthCLILoginTests {
    /// Reads the child's stdout until `marker` shows up (or the child ends).
    static func readUntil(_ handle: FileHandle, _ marker: String) -> String {
        var text = ""
        while !text.contains(marker) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    /// `wrike-tui auth login` against the sandbox's OAuth emulator, twice: once completed through
    /// the listener (the "browser" follows the redirect to it), once by pasting the redirected URL.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: AuthStatusTests.binary.path)), arguments: [false, true])
    func loginCompletes(byPasting: Bool) async throws {
        let oauth = OAuthEmulator(clientId: "cid", clientSecret: "csecret", tokenLifetime: 3600)
        let sandbox = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(authorizer: oauth.authorizer, rateLimitPerMinute: nil))
        let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { @Sendable r in oauth.handle(r) })
        let api = try await server.start()
        defer { Task { await server.stop() } }
        let loginURL = try #require(api.absoluteString.components(separatedBy: "/api/v4").first)
        let dir = AuthTempDir()

        let p = Process()
        p.executableURL = AuthStatusTests.binary
        var args = ["auth", "login", "--login-url", loginURL, "--profile", "sbx", "--port", "0"]
        if byPasting { args.append("--no-listener") }
        p.arguments = args
        p.environment = dir.environment.merging(["WRIKE_CLIENT_ID": "cid", "WRIKE_CLIENT_SECRET": "csecret",
                                                 "PATH": "/usr/bin:/bin"]) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        let stdout = out.fileHandleForReading
        let intro = try await AuthStatusTests.offPool { Self.readUntil(stdout, "press Enter.") }
        let line = try #require(intro.split(separator: "\n").first { $0.contains("/oauth2/authorize/v4?") })
        let authorize = try #require(URL(string: line.trimmingCharacters(in: .whitespaces)))
        #expect(authorize.absoluteString.contains("scope=Default%2CwsReadWrite"))

        if byPasting {
            // The browser's redirect target does not load; the user copies the address bar.
            let redirect = try await getWithoutRedirects(authorize)
            #expect(redirect.status == 302)
            let location = try #require(redirect.header("Location"))
            input.fileHandleForWriting.write(Data("this is not it\n\(location)\n".utf8))
        } else {
            let (_, response) = try await inProcessURLSession.data(from: authorize)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
        }
        let stderr = err.fileHandleForReading
        let (rest, errors) = try await AuthStatusTests.offPool {
            let rest = String(decoding: stdout.readDataToEndOfFile(), as: UTF8.self)
            let errors = String(decoding: stderr.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (rest, errors)
        }
        try? input.fileHandleForWriting.close()
        #expect(p.terminationStatus == 0, "\(errors)")
        #expect(rest.contains("Signed in as Alex Morgan"))
        #expect(rest.contains("(profile sbx)"))
        if byPasting { #expect(errors.contains("neither the redirected URL nor a code")) }
        let stored = try #require(try dir.store.load(profile: "sbx"))
        #expect(stored.kind == .oauth)
        #expect(stored.baseURL == api.absoluteString)
        #expect(!(intro + rest + errors).contains(stored.accessToken))
        #expect(!(intro + rest + errors).contains(stored.refreshToken ?? "-"))
        #expect(!(intro + rest + errors).contains("csecret"))
        #expect(oauth.stats.codeGrants == 1)
    }
}
