// The OAuth side of the loopback listener (Platform's `LoopbackListener`, on FlyingFox): the redirect's
// query is an `OAuthCallback`, checked against the login's `state`.
import Foundation
import Platform

extension LoopbackListener {
    /// Starts the one-shot listener for the OAuth redirect on `127.0.0.1:port` (0: any free port).
    public static func oauth(port: UInt16, path: String = "/callback") async throws(AuthError) -> LoopbackListener {
        do {
            return try await start(port: port, path: path)
        } catch {
            throw .listener(error.description)
        }
    }

    /// Waits for the redirect and returns the authorization code. A callback with a `state` other than
    /// `expectedState` throws `AuthError.stateMismatch`, `error=` throws `.authorizationDenied` (the
    /// browser is told either way); a callback without a code is answered and waiting goes on.
    public func waitForCallback(expectedState: String?) async throws -> String {
        try await waitForCallback { items in OAuthCallback(queryItems: items).verdict(expectedState: expectedState) }
    }
}

/// The query of the redirect back from the authorization server.
public struct OAuthCallback: Sendable, Hashable {
    public var code: String?
    public var state: String?
    public var error: String?
    public var errorDescription: String?

    public init(code: String? = nil, state: String? = nil, error: String? = nil, errorDescription: String? = nil) {
        self.code = code
        self.state = state
        self.error = error
        self.errorDescription = errorDescription
    }

    init(queryItems: [URLQueryItem]) {
        func value(_ name: String) -> String? { queryItems.first { $0.name == name }?.value.flatMap { $0.isEmpty ? nil : $0 } }
        self.init(code: value("code"), state: value("state"), error: value("error"),
                  errorDescription: value("error_description"))
    }

    /// What the user pasted: the whole redirected URL, its query string, or just the code.
    public static func parsePasted(_ text: String) -> OAuthCallback? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if t.contains("code=") || t.contains("error=") {
            let query: Substring
            if let q = t.firstIndex(of: "?") { query = t[t.index(after: q)...] } else { query = Substring(t) }
            let noFragment = query.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var components = URLComponents()
            components.percentEncodedQuery = String(noFragment)
            let callback = OAuthCallback(queryItems: components.queryItems ?? [])
            return callback.code == nil && callback.error == nil ? nil : callback
        }
        // A bare code: one token of URL-safe characters.
        guard t.count <= 2048, t.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._~+/=".unicodeScalars.contains($0)) })
        else { return nil }
        return OAuthCallback(code: t)
    }

    /// The code, if the callback is a success whose state matches. A bare pasted code has no state
    /// to check (only a URL carries it); `requireState` refuses that too.
    public func check(expectedState: String?, requireState: Bool = true) -> Result<String, AuthError> {
        if let error {
            return .failure(.authorizationDenied(AuthHosts.sanitized(errorDescription ?? error)))
        }
        guard let code else { return .failure(.noCode) }
        if let expectedState {
            if let state {
                guard Self.constantTimeEqual(state, expectedState) else { return .failure(.stateMismatch) }
            } else if requireState {
                return .failure(.stateMismatch)
            }
        }
        return .success(code)
    }

    /// What the listener answers the browser, and whether the wait ends.
    func verdict(expectedState: String?) -> LoopbackListener.Verdict {
        switch check(expectedState: expectedState) {
        case .success(let code):
            return .finish(.success(code), .init(status: 200, title: "Signed in",
                                                 message: "wrike-tui received the sign-in. You can close this tab and return to the terminal."))
        case .failure(let error) where error == .noCode:
            return .keepWaiting(.init(status: 400, title: "No code", message: "This address carries no authorization code."))
        case .failure(let error):
            return .finish(.failure(error), .init(status: 400, title: "Sign-in refused", message: error.description))
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
