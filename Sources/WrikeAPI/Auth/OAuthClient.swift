import Foundation

/// The OAuth 2.0 endpoints of a Wrike login server (`https://login.wrike.com`, or the sandbox). Token
/// requests go through a `Transport` opened on the login server.
public struct OAuthClient: Sendable {
    /// The token endpoint and the authorize page, under the login server.
    static let tokenPath = "/oauth2/token"
    static let authorizePath = "/oauth2/authorize/v4"

    public static let defaultLoginURL = "https://login.wrike.com"
    /// The scope this app asks for (read and write the workspace).
    public static let defaultScope = "Default,wsReadWrite"

    public let client: OAuthClientCredentials
    public let loginURL: URL
    /// Carries the token requests to `loginURL`.
    public let transport: any Transport

    /// `loginURL` must be https, or http on loopback.
    public init(client: OAuthClientCredentials, loginURL: String = OAuthClient.defaultLoginURL,
                transports: any TransportFactory = HTTPTransports()) throws(AuthError) {
        self.client = client
        let url = try AuthHosts.checkedURL(loginURL, what: "login URL")
        self.loginURL = url
        self.transport = try AuthExchange.open(url, with: transports)
    }

    public var tokenURL: URL { loginURL.appendingPathComponent(String(Self.tokenPath.dropFirst())) }

    /// `{login}/oauth2/authorize/v4?client_id=…&response_type=code&redirect_uri=…&state=…&scope=…`
    public func authorizeURL(redirectURI: String, state: String, scope: String = OAuthClient.defaultScope) -> URL {
        let query = [("client_id", client.clientId), ("response_type", "code"), ("redirect_uri", redirectURI),
                     ("state", state), ("scope", scope)]
            .map { "\($0.0)=\(AuthExchange.formEncode($0.1))" }.joined(separator: "&")
        let base = loginURL.appendingPathComponent(String(Self.authorizePath.dropFirst())).absoluteString
        return URL(string: base + "?" + query) ?? loginURL
    }

    /// Exchanges an authorization code; validates the host and returns credentials ready to store.
    public func exchange(code: String, redirectURI: String, scope: String = OAuthClient.defaultScope,
                         now: Date = Date()) async throws -> StoredCredentials {
        let response = try await tokenRequest([("client_id", client.clientId), ("client_secret", client.clientSecret),
                                               ("grant_type", "authorization_code"), ("code", code),
                                               ("redirect_uri", redirectURI)])
        guard let rawHost = response.host, !rawHost.isEmpty else {
            throw AuthError.malformedTokenResponse("no 'host' in the token response")
        }
        let (host, baseURL) = try AuthHosts.apiBaseURL(forTokenHost: rawHost, loginURL: loginURL)
        return StoredCredentials(kind: .oauth, accessToken: response.accessToken, refreshToken: response.refreshToken,
                                 expiresAt: response.expiresIn.map { now.addingTimeInterval(TimeInterval($0)) },
                                 issuedAt: now, host: host, baseURL: baseURL.absoluteString, scope: scope,
                                 clientId: client.clientId, loginURL: loginURL.absoluteString)
    }

    /// Uses a refresh token. Returns the updated credentials: new access token and expiry, the
    /// rotated refresh token when the server sent one (else the old one is kept).
    public func refresh(_ credentials: StoredCredentials, now: Date = Date()) async throws -> StoredCredentials {
        guard let refreshToken = credentials.refreshToken else { throw TokenProviderError.signInRequired }
        var fields = [("client_id", client.clientId), ("client_secret", client.clientSecret),
                      ("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        if let scope = credentials.scope { fields.append(("scope", scope)) }
        let response = try await tokenRequest(fields)
        if let rawHost = response.host, !rawHost.isEmpty {
            // Validate even though the API root stays the same for this session.
            _ = try AuthHosts.apiBaseURL(forTokenHost: rawHost, loginURL: loginURL)
        }
        var updated = credentials
        updated.accessToken = response.accessToken
        if let rotated = response.refreshToken, !rotated.isEmpty { updated.refreshToken = rotated }
        updated.expiresAt = response.expiresIn.map { now.addingTimeInterval(TimeInterval($0)) }
        updated.issuedAt = now
        return updated
    }

    func tokenRequest(_ fields: [(String, String)]) async throws -> OAuthTokenResponse {
        let response = try await AuthExchange.send(AuthExchange.form(Self.tokenPath, fields), over: transport, to: loginURL)
        guard (200..<300).contains(response.status) else {
            let error = try? JSONDecoder().decode(OAuthErrorBody.self, from: response.body)
            throw AuthError.tokenEndpoint(status: response.status,
                                          code: error?.error.map(AuthHosts.sanitized),
                                          message: (error?.errorDescription ?? error?.error_description).map(AuthHosts.sanitized))
        }
        do {
            let token = try JSONDecoder().decode(OAuthTokenResponse.self, from: response.body)
            guard !token.accessToken.isEmpty else { throw AuthError.malformedTokenResponse("empty access_token") }
            return token
        } catch let error as AuthError {
            throw error
        } catch {
            throw AuthError.malformedTokenResponse("not a token response (HTTP \(response.status))")
        }
    }

    struct OAuthErrorBody: Decodable {
        var error: String?
        var errorDescription: String?
        var error_description: String?
    }
}
