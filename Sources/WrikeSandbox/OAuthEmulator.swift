import Foundation
import Synchronization
import WrikeAPI

/// Emulates Wrike's OAuth 2.0 server for tests and `sandbox serve --oauth-client-id`:
///
/// - `GET /oauth2/authorize/v4` redirects at once (302) to `redirect_uri?code=…&state=…`, as if
///   the user had consented;
/// - `POST /oauth2/token` (form encoded; query parameters also read) handles the
///   `authorization_code` and `refresh_token` grants, checks the client id and secret, answers
///   with `host` pointing back at the sandbox (the request's `Host`, e.g. `127.0.0.1:PORT`), a
///   configurable access-token lifetime, and rotating refresh tokens (the old one dies when used);
/// - `authorizer` plugs into `SandboxOptions.authorizer`: only unexpired issued access tokens (and
///   the configured permanent tokens) pass; anything else gets 401 `not_authorized`.
///
/// Serve it through `SandboxServer(sandbox:auxiliaryHandler: emulator.handle)`.
public final class OAuthEmulator: Sendable {
    public let clientId: String
    private let clientSecret: String
    /// Seconds an access token lives.
    public let tokenLifetime: Int
    public let rotateRefreshTokens: Bool
    private let now: @Sendable () -> Date
    private let state: Mutex<State>

    /// Counts of what happened (for tests).
    public struct Stats: Sendable, Hashable {
        public var authorizations = 0
        public var codeGrants = 0
        public var refreshGrants = 0
        public var refusedGrants = 0
        public var rejectedTokens = 0
    }

    struct CodeGrant {
        var redirectURI: String?
        var scope: String
        var expires: Date
    }

    struct State {
        var codes: [String: CodeGrant] = [:]
        var accessTokens: [String: Date] = [:]
        var refreshTokens: [String: String] = [:]  // token -> scope
        var permanentTokens: Set<String>
        var hostOverride: String?
        var stats = Stats()
        var rng = SystemRandomNumberGenerator()
        var sequence = 0

        mutating func newToken(_ prefix: String) -> String {
            sequence += 1
            let random = (0..<3).map { _ in String(rng.next(), radix: 36) }.joined()
            return "\(prefix)\(sequence)-\(random)"
        }
    }

    public init(clientId: String, clientSecret: String, tokenLifetime: Int = 3600, rotateRefreshTokens: Bool = true,
                permanentTokens: Set<String> = [], host: String? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.tokenLifetime = max(1, tokenLifetime)
        self.rotateRefreshTokens = rotateRefreshTokens
        self.now = now
        self.state = Mutex(State(permanentTokens: permanentTokens, hostOverride: host))
    }

    // MARK: - the sandbox side

    /// For `SandboxOptions.authorizer`: accepts unexpired issued access tokens and permanent tokens.
    public var authorizer: @Sendable (String) -> Bool {
        { [self] token in isValid(token) }
    }

    public func isValid(_ token: String) -> Bool {
        let now = self.now()
        return state.withLock { s in
            if s.permanentTokens.contains(token) { return true }
            if let expiry = s.accessTokens[token], expiry > now { return true }
            s.stats.rejectedTokens += 1
            return false
        }
    }

    public var stats: Stats { state.withLock { $0.stats } }

    /// Sets the `host` answered in token responses (default: the request's `Host` header).
    public func setHost(_ host: String?) { state.withLock { $0.hostOverride = host } }

    /// Makes every issued access token invalid now (as if the server revoked or expired them).
    public func expireAccessTokens() { state.withLock { $0.accessTokens.removeAll() } }

    /// Makes every refresh token invalid (the next refresh fails: the user must sign in again).
    public func revokeRefreshTokens() { state.withLock { $0.refreshTokens.removeAll() } }

    /// Accepts this token as a permanent access token.
    public func addPermanentToken(_ token: String) { _ = state.withLock { $0.permanentTokens.insert(token) } }

    /// Issues a code without the authorize redirect (tests).
    public func issueCode(redirectURI: String?, scope: String = "Default,wsReadWrite") -> String {
        let expires = now().addingTimeInterval(600)
        return state.withLock { s in
            let code = s.newToken("sbx-code-")
            s.codes[code] = CodeGrant(redirectURI: redirectURI, scope: scope, expires: expires)
            return code
        }
    }

    // MARK: - HTTP

    /// Answers `/oauth2/authorize/v4` and `/oauth2/token`; nil for other paths.
    @Sendable
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        var path = request.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        switch path {
        case "/oauth2/authorize/v4", "/oauth2/authorize": return authorize(request)
        case "/oauth2/token": return token(request)
        default: return nil
        }
    }

    func authorize(_ request: HTTPRequest) -> HTTPResponse {
        let p = Self.params(request)
        guard request.method == .get else { return Self.page(405, "Method not allowed") }
        guard p["client_id"] == clientId else { return Self.page(400, "Unknown client_id") }
        guard p["response_type"] == "code" else { return Self.page(400, "response_type must be code") }
        guard let redirect = p["redirect_uri"], let url = URL(string: redirect),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return Self.page(400, "Redirect uri is missing or invalid")
        }
        let code = issueCode(redirectURI: redirect, scope: p["scope"] ?? "Default,wsReadWrite")
        state.withLock { $0.stats.authorizations += 1 }
        var query = "code=\(WrikeFormat.formEncode(code))"
        if let s = p["state"] { query += "&state=\(WrikeFormat.formEncode(s))" }
        let location = redirect + (redirect.contains("?") ? "&" : "?") + query
        return HTTPResponse(status: 302, headers: ["Location": location, "Content-Length": "0", "Cache-Control": "no-store"])
    }

    func token(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == .post else { return Self.oauthError(400, "invalid_request", "POST required") }
        let p = Self.params(request)
        guard p["client_id"] == clientId, let secret = p["client_secret"], Self.equal(secret, clientSecret) else {
            state.withLock { $0.stats.refusedGrants += 1 }
            return Self.oauthError(401, "invalid_client", "Client authentication failed")
        }
        let now = self.now()
        let host = state.withLock { $0.hostOverride } ?? request.header("Host") ?? "127.0.0.1"
        switch p["grant_type"] {
        case "authorization_code":
            return state.withLock { s -> HTTPResponse in
                guard let code = p["code"], let grant = s.codes.removeValue(forKey: code), grant.expires > now else {
                    s.stats.refusedGrants += 1
                    return Self.oauthError(400, "invalid_grant", "Authorization code is invalid or expired")
                }
                if let expected = grant.redirectURI, p["redirect_uri"] != expected {
                    s.stats.refusedGrants += 1
                    return Self.oauthError(400, "invalid_grant", "redirect_uri does not match")
                }
                s.stats.codeGrants += 1
                return issue(&s, scope: grant.scope, host: host, now: now)
            }
        case "refresh_token":
            return state.withLock { s -> HTTPResponse in
                guard let old = p["refresh_token"], let scope = s.refreshTokens[old] else {
                    s.stats.refusedGrants += 1
                    return Self.oauthError(400, "invalid_grant", "Refresh token is invalid")
                }
                if rotateRefreshTokens { s.refreshTokens.removeValue(forKey: old) }
                s.stats.refreshGrants += 1
                return issue(&s, scope: scope, host: host, now: now, keepRefresh: rotateRefreshTokens ? nil : old)
            }
        default:
            state.withLock { $0.stats.refusedGrants += 1 }
            return Self.oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
        }
    }

    private func issue(_ s: inout State, scope: String, host: String, now: Date, keepRefresh: String? = nil) -> HTTPResponse {
        let access = s.newToken("sbx-at-")
        s.accessTokens[access] = now.addingTimeInterval(TimeInterval(tokenLifetime))
        // Forget long-expired tokens so a long run stays small.
        if s.accessTokens.count > 1000 {
            s.accessTokens = s.accessTokens.filter { $0.value > now }
        }
        var body: [String: Any] = ["access_token": access, "token_type": "bearer", "expires_in": tokenLifetime, "host": host]
        if let keepRefresh {
            body["refresh_token"] = keepRefresh
        } else {
            let refresh = s.newToken("sbx-rt-")
            s.refreshTokens[refresh] = scope
            body["refresh_token"] = refresh
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: data)
    }

    // MARK: - helpers

    /// Query parameters, then form-body parameters (the body wins).
    static func params(_ request: HTTPRequest) -> [String: String] {
        var out: [String: String] = [:]
        for item in request.query { out[item.name] = item.value }
        if let body = request.body, let text = String(data: body, encoding: .utf8) {
            for pair in text.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ s: Substring) -> String {
                    let plus = s.replacingOccurrences(of: "+", with: " ")
                    return plus.removingPercentEncoding ?? plus
                }
                guard let k = kv.first else { continue }
                out[decode(k)] = kv.count > 1 ? decode(kv[1]) : ""
            }
        }
        return out
    }

    static func oauthError(_ status: Int, _ code: String, _ description: String) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: ["error": code, "error_description": description],
                                                options: [.sortedKeys])) ?? Data()
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: data)
    }

    static func page(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Data((message + "\n").utf8))
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
