import Foundation
import Platform

/// One `auth login`: the authorize URL to open, then the code from the loopback listener or from
/// what the user pastes, whichever comes first; the `state` is checked and the code exchanged.
public struct OAuthLogin: Sendable {
    public let oauth: OAuthClient
    public let redirectURI: String
    public let state: String
    public let scope: String

    public init(oauth: OAuthClient, redirectURI: String, state: String = OAuthLogin.randomState(),
                scope: String = OAuthClient.defaultScope) {
        self.oauth = oauth
        self.redirectURI = redirectURI
        self.state = state
        self.scope = scope
    }

    /// The redirect URI for a listener port: `http://localhost:PORT/callback` (register it in the Wrike app).
    public static func loopbackRedirectURI(port: UInt16, path: String = "/callback") -> String {
        "http://localhost:\(port)\(path)"
    }

    /// 32 random bytes, base64url.
    public static func randomState() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public var authorizeURL: URL { oauth.authorizeURL(redirectURI: redirectURI, state: state, scope: scope) }

    /// Waits for the code (listener or paste, first wins) and exchanges it.
    public func complete(listener: LoopbackListener?, pasted: AsyncStream<String>,
                         onInvalidPaste: @escaping @Sendable (String) -> Void = { _ in },
                         now: @escaping @Sendable () -> Date = { Date() }) async throws -> StoredCredentials {
        let code = try await waitForCode(listener: listener, pasted: pasted, onInvalidPaste: onInvalidPaste)
        return try await oauth.exchange(code: code, redirectURI: redirectURI, scope: scope, now: now())
    }

    /// The code from whichever source answers first. A redirect or a pasted URL with the wrong
    /// `state` ends the login with `AuthError.stateMismatch`. A pasted line that holds no code is
    /// reported through `onInvalidPaste` (with a message, never the text) and waiting goes on.
    public func waitForCode(listener: LoopbackListener?, pasted: AsyncStream<String>,
                            onInvalidPaste: @escaping @Sendable (String) -> Void = { _ in }) async throws -> String {
        let state = self.state
        return try await withThrowingTaskGroup(of: String.self) { group in
            if let listener {
                group.addTask { try await listener.waitForCallback(expectedState: state) }
            }
            group.addTask {
                for await line in pasted {
                    if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
                    guard let callback = OAuthCallback.parsePasted(line) else {
                        onInvalidPaste("That is neither the redirected URL nor a code; paste the whole address from the browser.")
                        continue
                    }
                    switch callback.check(expectedState: state, requireState: false) {
                    case .success(let code): return code
                    case .failure(let error): throw error
                    }
                }
                if listener == nil { throw AuthError.noCode }
                // Input closed: keep waiting for the listener.
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
            defer { group.cancelAll() }
            guard let code = try await group.next() else { throw AuthError.noCode }
            return code
        }
    }
}
