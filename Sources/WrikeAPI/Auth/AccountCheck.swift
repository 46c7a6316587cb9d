import Foundation

/// Who a token belongs to (`GET /contacts?me=true`, `GET /account`).
public struct AccountIdentity: Sendable, Hashable {
    public var contactId: String
    public var name: String
    public var email: String?
    public var accountId: String?
    public var accountName: String?

    public init(contactId: String, name: String, email: String? = nil, accountId: String? = nil, accountName: String? = nil) {
        self.contactId = contactId
        self.name = name
        self.email = email
        self.accountId = accountId
        self.accountName = accountName
    }
}

public enum AccountCheck {
    /// Asks the API who the token's user is: `GET /contacts?me=true`, then `GET /account` (whose
    /// failure is not fatal), through a transport opened on `baseURL`. A 401 gets one
    /// `refreshAfterUnauthorized` and a replay.
    public static func whoAmI(baseURL: URL, tokens: any TokenProvider,
                              transports: any TransportFactory = HTTPTransports()) async throws -> AccountIdentity {
        let transport = try AuthExchange.open(baseURL, with: transports)
        var token = try await tokens.accessToken()
        var response = try await get(Endpoints.Request.me, token, transport, baseURL)
        if response.status == 401 {
            token = try await tokens.refreshAfterUnauthorized(rejected: token)
            response = try await get(Endpoints.Request.me, token, transport, baseURL)
        }
        return await withAccount(try identityFrom(response), token, transport, baseURL)
    }

    /// Finds the data center of a permanent token: tries each API root in order with
    /// `GET /contacts?me=true`; the first 200 wins. Throws `AuthError.tokenRejected` when none accepts.
    public static func discoverHost(token: String, candidates: [URL],
                                    transports: any TransportFactory = HTTPTransports()) async throws -> (baseURL: URL, identity: AccountIdentity) {
        var lastNetworkError: AuthError?
        for baseURL in candidates {
            let response: HTTPResponse
            let transport: any Transport
            do {
                transport = try AuthExchange.open(baseURL, with: transports)
                response = try await get(Endpoints.Request.me, token, transport, baseURL)
            } catch let error as AuthError {
                lastNetworkError = error
                continue
            }
            guard response.status == 200 else { continue }
            return (baseURL, await withAccount(try identityFrom(response), token, transport, baseURL))
        }
        if candidates.count == 1, let lastNetworkError { throw lastNetworkError }
        throw AuthError.tokenRejected(triedHosts: candidates.map { $0.host ?? $0.absoluteString })
    }

    static func get(_ request: HTTPRequest, _ token: String, _ transport: any Transport, _ root: URL) async throws -> HTTPResponse {
        try await AuthExchange.send(AuthExchange.api(request, token: token), over: transport, to: root)
    }

    /// Adds the account's id and name from `GET /account` when it answers.
    static func withAccount(_ identity: AccountIdentity, _ token: String, _ transport: any Transport,
                            _ root: URL) async -> AccountIdentity {
        var identity = identity
        if let account = try? await get(Endpoints.Request.account, token, transport, root), account.status == 200,
           let envelope = try? JSONDecoder().decode(Envelope<Account>.self, from: account.body), let first = envelope.data.first {
            identity.accountId = first.id
            identity.accountName = first.name
        }
        return identity
    }

    static func identityFrom(_ response: HTTPResponse) throws -> AccountIdentity {
        guard response.status == 200 else {
            let body = try? JSONDecoder().decode(WrikeErrorBody.self, from: response.body)
            throw AuthError.api(status: response.status, code: body.map { AuthHosts.sanitized($0.error) },
                                message: body?.errorDescription.map(AuthHosts.sanitized))
        }
        guard let envelope = try? JSONDecoder().decode(Envelope<Contact>.self, from: response.body),
              let me = envelope.data.first(where: { $0.me == true }) ?? envelope.data.first else {
            throw AuthError.api(status: response.status, code: nil, message: "no contact in the answer to /contacts?me=true")
        }
        let name = [me.firstName, me.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        let email = me.primaryEmail ?? me.profiles?.compactMap(\.email).first
        return AccountIdentity(contactId: me.id, name: name.isEmpty ? me.id : name, email: email)
    }
}

/// What `wrike-tui auth status` shows. Holds no token.
public struct AuthStatusReport: Sendable, Hashable {
    public var profile: String
    public var source: ResolvedCredentials.Source
    public var kind: CredentialKind
    public var host: String
    public var baseURL: String
    public var expiresAt: Date?
    public var scope: String?
    public var credentialsPath: String?
    /// Who the token belongs to, when the check succeeded.
    public var identity: AccountIdentity?
    /// Why the credentials do not work, when the check failed.
    public var problem: String?

    public init(profile: String, source: ResolvedCredentials.Source, kind: CredentialKind, host: String, baseURL: String,
                expiresAt: Date? = nil, scope: String? = nil, credentialsPath: String? = nil,
                identity: AccountIdentity? = nil, problem: String? = nil) {
        self.profile = profile
        self.source = source
        self.kind = kind
        self.host = host
        self.baseURL = baseURL
        self.expiresAt = expiresAt
        self.scope = scope
        self.credentialsPath = credentialsPath
        self.identity = identity
        self.problem = problem
    }

    /// Whether the credentials work (the exit code of `auth status`).
    public var ok: Bool { identity != nil && problem == nil }

    /// Human-readable lines.
    public func formatted(now: Date = Date()) -> String {
        var lines: [(String, String)] = []
        switch source {
        case .environment: lines.append(("Profile", "WRIKE_TOKEN from the environment (overrides profile '\(profile)')"))
        case .profile(let p): lines.append(("Profile", credentialsPath.map { "\(p) (\($0))" } ?? p))
        }
        if let identity {
            lines.append(("Signed in as", identity.email.map { "\(identity.name) <\($0)>" } ?? identity.name))
            if let name = identity.accountName {
                lines.append(("Account", identity.accountId.map { "\(name) (\($0))" } ?? name))
            } else if let id = identity.accountId {
                lines.append(("Account", id))
            }
        }
        lines.append(("Host", "\(host) (\(baseURL))"))
        switch kind {
        case .permanent:
            lines.append(("Token", "permanent access token (does not expire)"))
        case .oauth:
            if let expiresAt {
                let f = DateFormatter()
                f.locale = Locale(identifier: "en_US_POSIX")
                f.timeZone = TimeZone(identifier: "UTC")
                f.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
                let left = expiresAt.timeIntervalSince(now)
                let when = left > 0 ? "in \(Self.duration(left))" : "\(Self.duration(-left)) ago"
                lines.append(("Token", "OAuth, access token expires \(f.string(from: expiresAt)) (\(when)); refreshed automatically"))
            } else {
                lines.append(("Token", "OAuth"))
            }
        }
        if let scope { lines.append(("Scope", scope)) }
        lines.append(("Status", problem.map { "NOT WORKING: \($0)" } ?? (identity == nil ? "not checked" : "OK")))
        let width = (lines.map(\.0.count).max() ?? 0) + 1
        return lines.map { ($0.0 + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + $0.1 }
            .joined(separator: "\n")
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded())
        if s < 90 { return "\(s) s" }
        if s < 90 * 60 { return "\((s + 30) / 60) min" }
        if s < 48 * 3600 { return "\((s + 1800) / 3600) h" }
        return "\((s + 43200) / 86400) days"
    }
}
