import Foundation

/// Where the client gets its bearer token. The auth module plugs OAuth refresh in here.
public protocol TokenProvider: Sendable {
    /// A token to send now (refreshing first if it is about to expire).
    func accessToken() async throws -> String
    /// Called once after a 401 `not_authorized` answered a request sent with `rejected`.
    /// Returns a fresh token to replay the request once, or throws when the user must sign in again.
    /// Implementations single-flight: many callers waiting on one refresh cause one refresh.
    func refreshAfterUnauthorized(rejected: String) async throws -> String
}

/// A fixed token (a permanent access token, or `WRIKE_TOKEN`): nothing to refresh. A 401 means the
/// token is no longer accepted; `onRejected` hears of it (the app's signed-out state).
public struct StaticTokenProvider: TokenProvider {
    private let token: String
    private let onRejected: (@Sendable () -> Void)?
    public init(_ token: String, onRejected: (@Sendable () -> Void)? = nil) {
        self.token = token
        self.onRejected = onRejected
    }
    public func accessToken() async throws -> String { token }
    public func refreshAfterUnauthorized(rejected: String) async throws -> String {
        onRejected?()
        throw TokenProviderError.signInRequired
    }
}

public enum TokenProviderError: Error, Sendable, Equatable {
    /// The stored credentials cannot be used or refreshed: the user must sign in again.
    case signInRequired
}
