import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange with an absolute URL (the token endpoint, or an API root while checking a token).
public struct AuthHTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(method: HTTPMethod, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A form-encoded POST (`application/x-www-form-urlencoded`).
    public static func form(_ url: URL, _ fields: [(String, String)]) -> AuthHTTPRequest {
        let body = fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        return AuthHTTPRequest(method: .post, url: url,
                               headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
                               body: Data(body.utf8))
    }

    /// A GET of `path` under the API root `baseURL`, with a bearer token.
    public static func api(_ baseURL: URL, path: String, query: [QueryItem] = [], token: String) -> AuthHTTPRequest? {
        var s = baseURL.absoluteString
        while s.hasSuffix("/") { s.removeLast() }
        s += path
        if !query.isEmpty {
            s += "?" + query.map { "\(formEncode($0.name))=\(formEncode($0.value))" }.joined(separator: "&")
        }
        guard let url = URL(string: s) else { return nil }
        return AuthHTTPRequest(method: .get, url: url, headers: ["Authorization": "bearer \(token)", "Accept": "application/json"])
    }

    /// Percent-encoding for form bodies and query strings (RFC 3986 unreserved characters kept).
    public static func formEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Carries auth requests: `URLSessionAuthHTTP` for real HTTP; tests plug the sandbox in directly.
public protocol AuthHTTP: Sendable {
    /// Throws `AuthError.network` when no answer came back.
    func send(_ request: AuthHTTPRequest) async throws -> HTTPResponse
}

/// Real HTTP through URLSession. Redirects are not followed (a token endpoint never redirects; a
/// redirect of an API call means a wrong data center).
public final class URLSessionAuthHTTP: AuthHTTP {
    private let session: URLSession
    private let delegate = NoRedirects()

    public init(timeout: TimeInterval = 30) {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = timeout * 2
        config.httpCookieStorage = nil
        config.urlCache = nil
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: config, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: AuthHTTPRequest) async throws -> HTTPResponse {
        var r = URLRequest(url: request.url)
        r.httpMethod = request.method.rawValue
        for (k, v) in request.headers { r.setValue(v, forHTTPHeaderField: k) }
        if r.value(forHTTPHeaderField: "User-Agent") == nil { r.setValue("wrike-tui", forHTTPHeaderField: "User-Agent") }
        r.httpBody = request.body
        do {
            let (data, response) = try await session.data(for: r)
            guard let http = response as? HTTPURLResponse else { throw AuthError.network("not an HTTP response") }
            var headers: [String: String] = [:]
            for (k, v) in http.allHeaderFields {
                if let k = k as? String, let v = v as? String { headers[k] = v }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as AuthError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as URLError {
            if error.code == .cancelled { throw CancellationError() }
            // The URL names only the host and path (never a token: tokens travel in headers and bodies).
            throw AuthError.network("\(request.url.host ?? "?"): \(error.localizedDescription)")
        } catch {
            throw AuthError.network("\(request.url.host ?? "?"): \(error.localizedDescription)")
        }
    }

    private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}

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
