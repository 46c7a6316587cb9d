import Foundation

/// How a profile signed in.
public enum CredentialKind: String, Codable, Sendable, Hashable {
    /// OAuth 2.0: an expiring access token plus a refresh token.
    case oauth
    /// A permanent access token created in Wrike (Apps & Integrations > API).
    case permanent
}

/// One profile's credentials as stored in `credentials.json`.
///
/// `description`, `debugDescription` and the mirror (`dump`, crash reports) redact the tokens.
public struct StoredCredentials: Codable, Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable {
    public var kind: CredentialKind
    public var accessToken: String
    public var refreshToken: String?
    /// Absolute expiry of `accessToken` (nil: does not expire, or unknown).
    public var expiresAt: Date?
    /// When `accessToken` was issued (to size the refresh margin for short lifetimes).
    public var issuedAt: Date?
    /// The data-center host (`www.wrike.com`, `app-eu.wrike.com`; `127.0.0.1:PORT` for the sandbox).
    public var host: String
    /// The API root (`https://{host}/api/v4`).
    public var baseURL: String
    /// The granted (or requested) scope, comma separated.
    public var scope: String?
    /// The OAuth client id used to sign in (the secret is never stored: it comes from config or env).
    public var clientId: String?
    /// The OAuth server used to sign in and to refresh (`https://login.wrike.com`).
    public var loginURL: String?
    /// A program that prints the token (`pass show wrike`), run without a shell at each start instead of
    /// storing `accessToken` (then empty). See `TokenCommand`.
    public var tokenCommand: String?

    public init(kind: CredentialKind, accessToken: String, refreshToken: String? = nil, expiresAt: Date? = nil,
                issuedAt: Date? = nil, host: String, baseURL: String, scope: String? = nil, clientId: String? = nil,
                loginURL: String? = nil) {
        self.kind = kind
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.host = host
        self.baseURL = baseURL
        self.scope = scope
        self.clientId = clientId
        self.loginURL = loginURL
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresAt = "expires_at"
        case issuedAt = "issued_at"
        case host
        case baseURL = "base_url"
        case scope
        case clientId = "client_id"
        case loginURL = "login_url"
        case tokenCommand = "token_command"
    }

    /// `access_token` may be missing when `token_command` gives it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(CredentialKind.self, forKey: .kind)
        tokenCommand = try c.decodeIfPresent(String.self, forKey: .tokenCommand)
        accessToken = try tokenCommand == nil ? c.decode(String.self, forKey: .accessToken)
            : c.decodeIfPresent(String.self, forKey: .accessToken) ?? ""
        refreshToken = try c.decodeIfPresent(String.self, forKey: .refreshToken)
        expiresAt = try c.decodeIfPresent(Date.self, forKey: .expiresAt)
        issuedAt = try c.decodeIfPresent(Date.self, forKey: .issuedAt)
        host = try c.decode(String.self, forKey: .host)
        baseURL = try c.decode(String.self, forKey: .baseURL)
        scope = try c.decodeIfPresent(String.self, forKey: .scope)
        clientId = try c.decodeIfPresent(String.self, forKey: .clientId)
        loginURL = try c.decodeIfPresent(String.self, forKey: .loginURL)
    }

    public var description: String {
        var parts = ["kind: \(kind.rawValue)", "host: \(host)", "accessToken: <redacted>"]
        if refreshToken != nil { parts.append("refreshToken: <redacted>") }
        if let expiresAt { parts.append("expiresAt: \(ISO8601DateFormatter().string(from: expiresAt))") }
        if let scope { parts.append("scope: \(scope)") }
        if tokenCommand != nil { parts.append("tokenCommand: set") }
        return "StoredCredentials(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "host": host, "baseURL": baseURL, "accessToken": "<redacted>",
                                "refreshToken": refreshToken == nil ? "nil" : "<redacted>",
                                "expiresAt": expiresAt as Any, "scope": scope as Any, "clientId": clientId as Any],
               displayStyle: .struct)
    }
}

// The token response also carries secrets: keep them out of string interpolation and dumps.
extension OAuthTokenResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "OAuthTokenResponse(accessToken: <redacted>, refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"), "
            + "expiresIn: \(expiresIn.map(String.init) ?? "nil"), host: \(host ?? "nil"))"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["accessToken": "<redacted>", "refreshToken": refreshToken == nil ? "nil" : "<redacted>",
                                "expiresIn": expiresIn as Any, "host": host as Any], displayStyle: .struct)
    }
}

/// The OAuth client registered in Wrike. The secret is read from config or env each time, never stored.
public struct OAuthClientCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var clientId: String
    public var clientSecret: String

    public init(clientId: String, clientSecret: String) {
        self.clientId = clientId
        self.clientSecret = clientSecret
    }

    /// `WRIKE_CLIENT_ID` / `WRIKE_CLIENT_SECRET` first, then the config file's values (`[auth]`).
    public static func from(environment: [String: String], configClientId: String? = nil,
                            configClientSecret: String? = nil) -> OAuthClientCredentials? {
        func nonEmpty(_ s: String?) -> String? {
            guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
            return t
        }
        guard let id = nonEmpty(environment["WRIKE_CLIENT_ID"]) ?? nonEmpty(configClientId),
              let secret = nonEmpty(environment["WRIKE_CLIENT_SECRET"]) ?? nonEmpty(configClientSecret) else { return nil }
        return OAuthClientCredentials(clientId: id, clientSecret: secret)
    }

    public var description: String { "OAuthClientCredentials(clientId: \(clientId), clientSecret: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["clientId": clientId, "clientSecret": "<redacted>"], displayStyle: .struct)
    }
}
