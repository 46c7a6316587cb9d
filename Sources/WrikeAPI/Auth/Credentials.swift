import Foundation

/// What the app needs to talk to Wrike for one profile.
public struct ResolvedCredentials: Sendable {
    public enum Source: Sendable, Hashable {
        /// `WRIKE_TOKEN` (+ `WRIKE_HOST`).
        case environment
        /// A profile of `credentials.json`.
        case profile(String)
    }

    /// The API root (`https://{host}/api/v4`).
    public let baseURL: URL
    /// The data-center host (`www.wrike.com`; `127.0.0.1:PORT` for the sandbox).
    public let host: String
    public let kind: CredentialKind
    public let source: Source
    /// Gives the client a token before each request and refreshes after a 401.
    public let tokens: any TokenProvider
    /// Expiry of the access token at resolution time (OAuth).
    public let expiresAt: Date?
    public let scope: String?
}

public enum Credentials {
    /// The profile used when none is named.
    public static let defaultProfile = "default"

    /// Builds the token provider and API root for `profile`.
    ///
    /// `WRIKE_TOKEN` (with `WRIKE_HOST`, a host such as `app-eu.wrike.com` or an API root URL;
    /// default `www.wrike.com`) overrides the file. Otherwise the profile is read from `store`
    /// (default: `$XDG_CONFIG_HOME/wrike-tui/credentials.json`). OAuth profiles get a
    /// `RefreshingTokenProvider`, whose client secret comes from `WRIKE_CLIENT_ID`/`WRIKE_CLIENT_SECRET`
    /// or else `configClient` (the config file's `[auth]`); permanent tokens a `StaticTokenProvider`.
    public static func resolve(profile: String = Credentials.defaultProfile,
                               environment: [String: String],
                               store: CredentialStore? = nil,
                               configClient: OAuthClientCredentials? = nil,
                               transports: any TransportFactory = HTTPTransports(),
                               now: @escaping @Sendable () -> Date = { Date() },
                               onEvent: (@Sendable (TokenEvent) -> Void)? = nil) throws(AuthError) -> ResolvedCredentials {
        // A fixed token that Wrike answers with 401 is reported like a refused refresh.
        var rejected: (@Sendable () -> Void)?
        if let onEvent { rejected = { onEvent(.signInRequired) } }
        if let token = environment["WRIKE_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            let (host, baseURL) = try apiRoot(fromHostSetting: environment["WRIKE_HOST"] ?? "", what: "WRIKE_HOST")
            return ResolvedCredentials(baseURL: baseURL, host: host, kind: .permanent, source: .environment,
                                       tokens: StaticTokenProvider(token, onRejected: rejected),
                                       expiresAt: nil, scope: nil)
        }
        let store = store ?? CredentialStore(environment: environment)
        guard let stored = try store.load(profile: profile) else { throw .notSignedIn(profile: profile) }
        guard let baseURL = URL(string: stored.baseURL), baseURL.host != nil else {
            throw .storage("profile '\(profile)' has no usable base_url; sign in again")
        }
        _ = try AuthHosts.checkedURL(stored.baseURL, what: "stored base_url")
        if let command = stored.tokenCommand {
            // Run at each start; the token lives in memory only.
            let token: String
            do { token = try TokenCommand.token(from: command) } catch { throw .tokenCommand(error.description) }
            return ResolvedCredentials(baseURL: baseURL, host: stored.host, kind: .permanent, source: .profile(profile),
                                       tokens: StaticTokenProvider(token, onRejected: rejected),
                                       expiresAt: nil, scope: stored.scope)
        }
        switch stored.kind {
        case .permanent:
            return ResolvedCredentials(baseURL: baseURL, host: stored.host, kind: .permanent, source: .profile(profile),
                                       tokens: StaticTokenProvider(stored.accessToken, onRejected: rejected),
                                       expiresAt: nil, scope: stored.scope)
        case .oauth:
            var client = OAuthClientCredentials.from(environment: environment, configClientId: configClient?.clientId,
                                                     configClientSecret: configClient?.clientSecret)
            if client == nil, let id = stored.clientId, let secret = configClient?.clientSecret ?? environment["WRIKE_CLIENT_SECRET"],
               !secret.isEmpty {
                client = OAuthClientCredentials(clientId: id, clientSecret: secret)
            }
            let oauth = try client.map { c throws(AuthError) in
                try OAuthClient(client: c, loginURL: stored.loginURL ?? OAuthClient.defaultLoginURL, transports: transports)
            }
            let provider = RefreshingTokenProvider(profile: profile, credentials: stored, oauth: oauth, store: store,
                                                   now: now, onEvent: onEvent)
            return ResolvedCredentials(baseURL: baseURL, host: stored.host, kind: .oauth, source: .profile(profile),
                                       tokens: provider, expiresAt: stored.expiresAt, scope: stored.scope)
        }
    }

    /// `www.wrike.com` → `https://www.wrike.com/api/v4`; `127.0.0.1:8080` → `http://127.0.0.1:8080/api/v4`;
    /// a URL is taken as the API root (`/api/v4` added when it has no path). Empty → `www.wrike.com`.
    public static func apiRoot(fromHostSetting setting: String, what: String) throws(AuthError) -> (host: String, baseURL: URL) {
        let text = setting.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            guard let url = URL(string: "https://www.wrike.com/api/v4") else { throw .invalidURL("default host") }
            return ("www.wrike.com", url)
        }
        if text.contains("://") {
            var url = try AuthHosts.checkedURL(text, what: what)
            if url.path.isEmpty || url.path == "/" { url = url.appendingPathComponent("api/v4") }
            let authority = url.port.map { "\(url.host ?? ""):\($0)" } ?? (url.host ?? "")
            return (authority, url)
        }
        guard let (host, port) = AuthHosts.splitAuthority(text), !host.isEmpty,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "[" || $0 == "]" || $0 == ":") })
        else { throw .invalidURL("\(what) '\(text)' is not a host name (e.g. app-eu.wrike.com)") }
        let scheme = AuthHosts.isLoopback(host) ? "http" : "https"
        let authority = port.map { "\(host):\($0)" } ?? host
        guard let url = URL(string: "\(scheme)://\(authority)/api/v4") else { throw .invalidURL("\(what) '\(text)'") }
        return (authority, url)
    }
}
