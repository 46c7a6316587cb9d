import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

@Suite("Auth: sandbox OAuth emulator")
struct AuthSandboxOAuthTests {
    static func form(_ fields: [(String, String)]) -> HTTPRequest {
        let body = fields.map { "\(WrikeFormat.formEncode($0.0))=\(WrikeFormat.formEncode($0.1))" }.joined(separator: "&")
        return HTTPRequest(method: .post, path: "/oauth2/token", headers: ["Host": "127.0.0.1:4242",
                                                                            "Content-Type": "application/x-www-form-urlencoded"],
                           body: Data(body.utf8))
    }

    static func json(_ r: HTTPResponse?) -> [String: Any] {
        (r.flatMap { try? JSONSerialization.jsonObject(with: $0.body) } as? [String: Any]) ?? [:]
    }

    @Test func authorizeRedirectsWithCodeAndStateOrRefuses() throws {
        let e = OAuthEmulator(clientId: "cid", clientSecret: "sec")
        func authorize(_ q: [(String, String)]) -> HTTPResponse? {
            e.handle(HTTPRequest(path: "/oauth2/authorize/v4", query: q.map { QueryItem($0.0, $0.1) }))
        }
        let ok = authorize([("client_id", "cid"), ("response_type", "code"), ("redirect_uri", "http://localhost:8765/callback"),
                            ("state", "a b/c")])
        #expect(ok?.status == 302)
        let location = try #require(ok?.header("Location"))
        #expect(location.hasPrefix("http://localhost:8765/callback?code=sbx-code-"))
        #expect(location.hasSuffix("&state=a%20b%2Fc"))
        #expect(authorize([("client_id", "other"), ("response_type", "code"), ("redirect_uri", "http://localhost/cb")])?.status == 400)
        #expect(authorize([("client_id", "cid"), ("response_type", "token"), ("redirect_uri", "http://localhost/cb")])?.status == 400)
        #expect(authorize([("client_id", "cid"), ("response_type", "code")])?.status == 400)
        #expect(e.handle(HTTPRequest(path: "/api/v4/tasks")) == nil)  // not ours: the sandbox answers
    }

    @Test func tokenGrantsRotateAndExpire() throws {
        let clock = AuthFakeClock()
        let e = OAuthEmulator(clientId: "cid", clientSecret: "sec", tokenLifetime: 30, now: clock.function)
        let sandbox = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(authorizer: e.authorizer, rateLimitPerMinute: nil,
                                                                                    now: clock.function))
        let code = e.issueCode(redirectURI: "https://localhost/cb")
        // Wrong secret, wrong redirect_uri, unknown grant type.
        #expect(e.handle(Self.form([("client_id", "cid"), ("client_secret", "nope"), ("grant_type", "authorization_code"),
                                    ("code", code), ("redirect_uri", "https://localhost/cb")]))?.status == 401)
        #expect(e.handle(Self.form([("client_id", "cid"), ("client_secret", "sec"), ("grant_type", "password")]))?.status == 400)
        let first = e.handle(Self.form([("client_id", "cid"), ("client_secret", "sec"), ("grant_type", "authorization_code"),
                                        ("code", code), ("redirect_uri", "https://localhost/cb")]))
        #expect(first?.status == 200)
        let body = Self.json(first)
        #expect(body["host"] as? String == "127.0.0.1:4242")
        #expect(body["expires_in"] as? Int == 30)
        #expect(body["token_type"] as? String == "bearer")
        let access = try #require(body["access_token"] as? String)
        let refresh = try #require(body["refresh_token"] as? String)
        // Codes are single use.
        #expect(e.handle(Self.form([("client_id", "cid"), ("client_secret", "sec"), ("grant_type", "authorization_code"),
                                    ("code", code), ("redirect_uri", "https://localhost/cb")]))?.status == 400)

        func me(_ token: String) throws -> HTTPResponse {
            try sandbox.handle(HTTPRequest(path: "/contacts", query: [QueryItem("me", "true")], headers: ["Authorization": "bearer \(token)"]))
        }
        #expect(try me(access).status == 200)
        clock.advance(30)
        let expired = try me(access)
        #expect(expired.status == 401)
        #expect(Self.json(expired)["error"] as? String == "not_authorized")
        #expect(try me("made-up").status == 401)

        let refreshed = e.handle(Self.form([("client_id", "cid"), ("client_secret", "sec"), ("grant_type", "refresh_token"),
                                            ("refresh_token", refresh)]))
        #expect(refreshed?.status == 200)
        let newAccess = try #require(Self.json(refreshed)["access_token"] as? String)
        let newRefresh = try #require(Self.json(refreshed)["refresh_token"] as? String)
        #expect(newRefresh != refresh)
        #expect(try me(newAccess).status == 200)
        // The old refresh token died when used.
        let reused = e.handle(Self.form([("client_id", "cid"), ("client_secret", "sec"), ("grant_type", "refresh_token"),
                                         ("refresh_token", refresh)]))
        #expect(reused?.status == 400)
        #expect(Self.json(reused)["error"] as? String == "invalid_grant")
        #expect(e.stats.codeGrants == 1 && e.stats.refreshGrants == 1)
    }
}
