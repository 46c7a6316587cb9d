import Foundation

/// What the provider reports to whoever shows status (never a token).
public enum TokenEvent: Sendable, Equatable {
    /// A new access token was obtained; it expires at this date (nil: unknown).
    case refreshed(expiresAt: Date?)
    /// Refreshing was refused: the user must sign in again (`wrike-tui auth login`).
    case signInRequired
    /// The refreshed credentials could not be saved (the message names the file, not the token).
    case saveFailed(String)
}

/// OAuth access tokens that refresh themselves: ~60 s before expiry (a quarter of the lifetime for
/// short-lived tokens) and once after a 401. One refresh is in flight at a time however many
/// requests wait for it. A rotated refresh token is saved to the credential store at once, under
/// the store's lock, after re-reading the profile (another running copy of the app may have
/// refreshed already: its token is adopted instead of spending an already-rotated refresh token).
///
/// A refresh the server refuses (4xx: revoked, expired or rotated-away refresh token, wrong client)
/// makes every later call throw `TokenProviderError.signInRequired` without more traffic; network
/// errors and 5xx are thrown as they are and the next call tries again.
public actor RefreshingTokenProvider: TokenProvider {
    public nonisolated let profile: String
    private var credentials: StoredCredentials
    private let oauth: OAuthClient?
    private let store: CredentialStore?
    private let now: @Sendable () -> Date
    private let refreshMargin: TimeInterval
    private let onEvent: (@Sendable (TokenEvent) -> Void)?
    private var inFlight: Task<String, any Error>?

    /// Refreshes performed (token endpoint calls that succeeded).
    public private(set) var refreshCount = 0
    /// True once a refresh was refused: the status line should say "sign in again".
    public private(set) var needsSignIn = false

    /// `oauth` nil (no client secret configured) means the token is used until it expires, then
    /// `signInRequired`. `store` nil keeps refreshed tokens in memory only.
    public init(profile: String, credentials: StoredCredentials, oauth: OAuthClient?, store: CredentialStore?,
                now: @escaping @Sendable () -> Date = { Date() }, refreshMargin: TimeInterval = 60,
                onEvent: (@Sendable (TokenEvent) -> Void)? = nil) {
        self.profile = profile
        self.credentials = credentials
        self.oauth = oauth
        self.store = store
        self.now = now
        self.refreshMargin = refreshMargin
        self.onEvent = onEvent
    }

    /// When the current access token expires.
    public var expiresAt: Date? { credentials.expiresAt }

    public func accessToken() async throws -> String {
        if needsSignIn { throw TokenProviderError.signInRequired }
        if let task = inFlight { return try await task.value }
        if shouldRefresh(at: now()) { return try await refresh(rejected: nil) }
        return credentials.accessToken
    }

    public func refreshAfterUnauthorized(rejected: String) async throws -> String {
        if needsSignIn { throw TokenProviderError.signInRequired }
        if let task = inFlight { return try await task.value }
        // Someone already replaced the rejected token: replay with the new one.
        if rejected != credentials.accessToken && !shouldRefresh(at: now()) { return credentials.accessToken }
        return try await refresh(rejected: rejected)
    }

    /// Whether the token is within the refresh margin of its expiry (or past it).
    func shouldRefresh(at date: Date) -> Bool {
        guard let expiresAt = credentials.expiresAt else { return false }
        var margin = refreshMargin
        if let issuedAt = credentials.issuedAt {
            margin = min(margin, max(0, expiresAt.timeIntervalSince(issuedAt)) * 0.25)
        }
        return date >= expiresAt.addingTimeInterval(-margin)
    }

    private func refresh(rejected: String?) async throws -> String {
        if let task = inFlight { return try await task.value }
        let task = Task { try await self.performRefresh(rejected: rejected) }
        inFlight = task
        return try await task.value
    }

    private func performRefresh(rejected: String?) async throws -> String {
        defer { inFlight = nil }
        guard let oauth else { throw signInRequired() }
        var lock: FileLock?
        defer { lock?.unlock() }
        if let store {
            do {
                lock = try store.lockExclusive()
                guard let latest = try store.loadLocked(profile: profile), latest.kind == .oauth else {
                    // Signed out (or replaced by a permanent token) elsewhere.
                    throw signInRequired()
                }
                if latest.accessToken != credentials.accessToken {
                    let previous = credentials
                    credentials = latest
                    if latest.accessToken != rejected && !shouldRefresh(at: now()) {
                        return latest.accessToken  // another copy of the app refreshed already
                    }
                    if latest.refreshToken == nil { credentials.refreshToken = previous.refreshToken }
                }
            } catch let error as TokenProviderError {
                throw error
            } catch {
                lock = nil  // unreadable store: refresh anyway, keep the result in memory
                onEvent?(.saveFailed("\(error)"))
            }
        }
        let updated: StoredCredentials
        do {
            updated = try await oauth.refresh(credentials, now: now())
        } catch TokenProviderError.signInRequired {
            throw signInRequired()
        } catch AuthError.tokenEndpoint(let status, let code, let message) where (400..<500).contains(status) {
            _ = (code, message)
            throw signInRequired()
        } catch AuthError.foreignHost {
            throw signInRequired()
        }
        credentials = updated
        refreshCount += 1
        if let store, lock != nil {
            do {
                try store.updateLocked(profile: profile) { $0 = updated }
            } catch {
                onEvent?(.saveFailed("\(error)"))
            }
        }
        onEvent?(.refreshed(expiresAt: updated.expiresAt))
        return updated.accessToken
    }

    private func signInRequired() -> TokenProviderError {
        if !needsSignIn {
            needsSignIn = true
            onEvent?(.signInRequired)
        }
        return .signInRequired
    }
}
