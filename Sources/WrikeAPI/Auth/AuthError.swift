import Foundation

/// Why signing in, reading credentials or refreshing a token failed. Messages are meant for the
/// user and never contain a token, a refresh token, a code or a client secret.
public enum AuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No credentials for this profile (and no `WRIKE_TOKEN`).
    case notSignedIn(profile: String)
    /// The credentials file (or its directory) can be read by other users: refused, like ssh does.
    case insecurePermissions(path: String, mode: UInt32)
    /// The credentials file belongs to another user.
    case wrongOwner(path: String)
    /// The credentials file could not be read, parsed or written.
    case storage(String)
    /// No OAuth client id / secret configured.
    case missingClientCredentials
    /// `--login-url` / `--base-url` / `WRIKE_HOST` not usable (plain http off loopback, no host, ...).
    case invalidURL(String)
    /// The `state` coming back with the code is not the one we sent.
    case stateMismatch
    /// The authorization server redirected back with `error=...` (e.g. the user denied access).
    case authorizationDenied(String)
    /// What the user pasted holds no code.
    case noCode
    /// The token endpoint answered with an error (status, OAuth `error` code, description).
    case tokenEndpoint(status: Int, code: String?, message: String?)
    /// The token endpoint's answer could not be understood.
    case malformedTokenResponse(String)
    /// A token response named an API host we do not trust.
    case foreignHost(String)
    /// The loopback listener could not start.
    case listener(String)
    /// A permanent token was accepted by none of the tried hosts.
    case tokenRejected(triedHosts: [String])
    /// The API answered something unexpected while checking credentials.
    case api(status: Int, code: String?, message: String?)
    /// The network failed.
    case network(String)
    /// The profile's `token_command` gave no token (the message never holds its output).
    case tokenCommand(String)

    public var description: String {
        switch self {
        case .notSignedIn(let profile):
            let p = profile == "default" ? "" : " --profile \(profile)"
            return "Not signed in\(profile == "default" ? "" : " (profile \(profile))"). Run `wrike-tui auth login\(p)` "
                + "or `wrike-tui auth token\(p)`, or set WRIKE_TOKEN."
        case .insecurePermissions(let path, let mode):
            return "Permissions \(String(format: "%04o", mode)) for '\(path)' are too open. "
                + "It is required that your Wrike credentials are NOT accessible by others. "
                + "They will be ignored. Fix with: chmod 600 '\(path)'"
        case .wrongOwner(let path):
            return "'\(path)' belongs to another user; refusing to use it."
        case .storage(let message):
            return "Credentials file: \(message)"
        case .missingClientCredentials:
            return "No OAuth client configured. Set WRIKE_CLIENT_ID and WRIKE_CLIENT_SECRET, or client_id and "
                + "client_secret under [auth] in the config file (create an app in Wrike: Apps & Integrations > API)."
        case .invalidURL(let message):
            return message
        case .stateMismatch:
            return "The sign-in answer carries a different 'state' than this login sent: refused "
                + "(it may come from another login attempt or from someone else). Start again with `wrike-tui auth login`."
        case .authorizationDenied(let reason):
            return "Wrike did not grant access: \(reason)"
        case .noCode:
            return "No authorization code found in what was pasted."
        case .tokenEndpoint(let status, let code, let message):
            var s = "The token endpoint refused (HTTP \(status)"
            if let code { s += ", \(code)" }
            s += ")"
            if let message, !message.isEmpty { s += ": \(message)" }
            return s
        case .malformedTokenResponse(let message):
            return "Unexpected answer from the token endpoint: \(message)"
        case .foreignHost(let host):
            return "The token response names the API host '\(host)', which is not a Wrike host (*.wrike.com): refused."
        case .listener(let message):
            return "Loopback listener: \(message)"
        case .tokenRejected(let hosts):
            return "The token was not accepted by \(hosts.joined(separator: ", ")). Check the token, or give the host "
                + "with --host (e.g. app-eu.wrike.com)."
        case .api(let status, let code, let message):
            var s = "Wrike answered HTTP \(status)"
            if let code { s += " \(code)" }
            if let message, !message.isEmpty { s += ": \(message)" }
            return s
        case .network(let message):
            return "Network: \(message)"
        case .tokenCommand(let message):
            return message
        }
    }
}
