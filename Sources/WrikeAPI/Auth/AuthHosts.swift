import Foundation

/// Loopback and Wrike host rules shared by the auth code.
public enum AuthHosts {
    /// The Wrike data centers tried, in order, for a permanent token without `--host`.
    public static let knownHosts = ["www.wrike.com", "app-eu.wrike.com", "app-us2.wrike.com"]

    /// 127.0.0.0/8, ::1 and localhost (a port is not part of `host`).
    public static func isLoopback(_ host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ p in !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && UInt8(p) != nil })
        else { return false }
        return parts[0] == "127"
    }

    /// `wrike.com` or a subdomain of it, made of plain hostname characters.
    public static func isWrikeHost(_ host: String) -> Bool {
        let h = host.lowercased()
        guard !h.isEmpty, h.count <= 253,
              h.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }),
              !h.hasPrefix("."), !h.contains("..") else { return false }
        return h == "wrike.com" || h.hasSuffix(".wrike.com")
    }

    /// Splits `host[:port]` (IPv6 in brackets); nil when it is not a plain authority.
    static func splitAuthority(_ authority: String) -> (host: String, port: Int?)? {
        guard !authority.isEmpty, !authority.contains("/"), !authority.contains("@"), !authority.contains("?"),
              !authority.contains("#"), !authority.contains(where: { $0.isWhitespace }) else { return nil }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let host = String(authority[...close])
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { return nil }
            return (host, port)
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return (String(parts[0]), nil)
        case 2:
            guard !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
            return (String(parts[0]), port)
        default: return nil
        }
    }

    /// Checks a URL given on the command line or in the environment: https anywhere, http only to
    /// loopback. Returns it without trailing slashes.
    public static func checkedURL(_ text: String, what: String) throws(AuthError) -> URL {
        var s = text.trimmingCharacters(in: .whitespaces)
        while s.hasSuffix("/") { s.removeLast() }
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw .invalidURL("\(what) '\(text)' is not an absolute http(s) URL")
        }
        switch scheme {
        case "https": return url
        case "http":
            guard isLoopback(host) else {
                throw .invalidURL("\(what) '\(text)': plain http is allowed only to loopback (127.0.0.1, ::1, localhost); use https")
            }
            return url
        default:
            throw .invalidURL("\(what) '\(text)' must use https (or http on loopback)")
        }
    }

    /// The API root for a host named by a token response. Real responses must name `*.wrike.com`
    /// (https). Only when signing in against a loopback login URL (the sandbox) is a loopback host
    /// accepted, over http.
    public static func apiBaseURL(forTokenHost rawHost: String, loginURL: URL) throws(AuthError) -> (host: String, baseURL: URL) {
        let hostText = rawHost.trimmingCharacters(in: .whitespaces)
        guard let (host, port) = splitAuthority(hostText) else { throw .foreignHost(sanitized(rawHost)) }
        let loginIsLoopback = loginURL.host.map(isLoopback) ?? false
        if isWrikeHost(host) && port == nil {
            guard let url = URL(string: "https://\(host.lowercased())/api/v4") else { throw .foreignHost(sanitized(rawHost)) }
            return (host.lowercased(), url)
        }
        if loginIsLoopback && isLoopback(host) {
            guard let url = URL(string: "http://\(hostText)/api/v4") else { throw .foreignHost(sanitized(rawHost)) }
            return (hostText, url)
        }
        throw .foreignHost(sanitized(rawHost))
    }

    /// A server-supplied string made safe to show (printable ASCII, at most 100 characters).
    static func sanitized(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(100).map(Character.init))
    }
}
