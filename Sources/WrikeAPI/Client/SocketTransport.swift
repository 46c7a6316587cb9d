import Foundation

public enum TransportConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Plain http to something other than a loopback address.
    case insecureScheme(host: String)
    case invalidBaseURL(String)

    public var description: String {
        switch self {
        case .insecureScheme(let host):
            return "Refusing plain http to \(host): only loopback addresses (127.0.0.0/8, ::1, localhost) may use http."
        case .invalidBaseURL(let u):
            return "Not a usable Wrike API base URL: \(u)"
        }
    }
}

/// Real HTTP/1.1 over POSIX sockets, with TLS through the system's OpenSSL (loaded on the first https
/// connection; the server's chain is checked against the system's CA roots and its name against the host).
///
/// The base URL is the API root (`https://www.wrike.com/api/v4`) or, for the sign-in, the login server
/// (`https://login.wrike.com`); requests' paths are appended. With `followRedirects: false` a redirect
/// comes back as the 3xx response (a token endpoint never redirects; a redirected API call means a
/// wrong data center); otherwise a GET follows up to five redirects (to https, or http on loopback).
/// Plain `http` is accepted only for loopback hosts (the sandbox served on 127.0.0.1).
/// Errors: `TransportError.notSent` when the request provably never left (cannot resolve or connect, TLS
/// handshake or certificate), `.outcomeUnknown` otherwise (timeout, lost connection), `.cancelled`.
///
/// GETs reuse idle keep-alive connections (up to 8 per host); a GET whose reused connection closes before
/// any answer is sent once more on a fresh connection. Writes (every method but GET) leave exactly once:
/// on a fresh connection, closed after the answer (`Connection: close`), never sent again; a close without
/// an answer is `.outcomeUnknown` at once, to be resolved by reading.
/// Timeouts: `timeout` between packets; a GET's whole exchange within 4 × `timeout`, a write's within
/// `timeout`; a streamed download without a bound on the whole. Opening a connection (TCP, a proxy's
/// CONNECT answer, the TLS handshake) within `timeout` each.
///
/// Proxies (`proxies`, by default from the environment by curl's rules, see `ProxySettings`): https through
/// an HTTP proxy's CONNECT tunnel, TLS checked against the endpoint's own name; http in absolute form;
/// `Proxy-Authorization: Basic` from the proxy URL's credentials. An unusable proxy setting, or a tunnel
/// refused with 403 or 407, is `.refused` (not sent, not worth repeating), never a direct connection
/// instead; a proxy that cannot be reached or breaks the tunnel is `.notSent`.
public final class SocketTransport: Transport {
    public let baseURL: URL
    let userAgent: String
    let timeout: TimeInterval
    let followRedirects: Bool
    /// A PEM file of CA certificates trusted instead of the system's roots (tests with their own CA).
    let caFile: String?
    /// The most bytes of a body held in memory, and of any gzip body once inflated (a streamed plain body
    /// has no bound).
    let maxBodyBytes: Int
    let proxies: ProxySettings
    let pool = ConnectionPool(perEndpoint: 8)

    /// `https://{host}/api/v4` for a Wrike data-center host (`www.wrike.com`, `app-eu.wrike.com`).
    public convenience init(host: String, timeout: TimeInterval = 30) throws {
        guard let url = URL(string: "https://\(host)/api/v4") else {
            throw TransportConfigurationError.invalidBaseURL(host)
        }
        try self.init(baseURL: url, timeout: timeout)
    }

    public init(baseURL: URL, timeout: TimeInterval = 30, userAgent: String = WrikeTUIVersion.userAgent,
                followRedirects: Bool = true, caFile: String? = nil, maxBodyBytes: Int = 256 * 1_048_576,
                proxies: ProxySettings = .fromEnvironment()) throws {
        guard let scheme = baseURL.scheme?.lowercased(), let host = baseURL.host, !host.isEmpty else {
            throw TransportConfigurationError.invalidBaseURL(baseURL.absoluteString)
        }
        switch scheme {
        case "https": break
        case "http":
            guard Self.isLoopback(host) else { throw TransportConfigurationError.insecureScheme(host: host) }
        default:
            throw TransportConfigurationError.invalidBaseURL(baseURL.absoluteString)
        }
        var root = baseURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        guard let normalized = URL(string: root) else {
            throw TransportConfigurationError.invalidBaseURL(baseURL.absoluteString)
        }
        self.baseURL = normalized
        self.userAgent = userAgent
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.caFile = caFile
        self.maxBodyBytes = maxBodyBytes
        self.proxies = proxies
    }

    deinit { pool.closeAll() }

    /// 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ p in !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && UInt8(p) != nil })
        else { return false }
        return parts[0] == "127"
    }

    /// The full URL of a request (exposed for tests).
    public func url(for request: HTTPRequest) -> URL? {
        var s = baseURL.absoluteString + WrikeFormat.percentEncodePath(request.path)
        if !request.query.isEmpty { s += "?" + WrikeFormat.queryString(request.query) }
        return URL(string: s)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await run(request, sink: nil)
    }

    /// A GET whose 2xx body goes to `sink` chunk by chunk (a download), the request timeout between packets
    /// and no bound on the whole transfer. Cancelling the calling task stops it.
    public func stream(_ request: HTTPRequest, to sink: @escaping @Sendable (Data) throws -> Void) async throws -> HTTPResponse {
        try await run(request, sink: sink)
    }

    /// The exchange on a thread of its own (its reads and writes block); cancelling the calling task aborts
    /// its connection at once.
    private func run(_ request: HTTPRequest, sink: (@Sendable (Data) throws -> Void)?) async throws -> HTTPResponse {
        guard let url = url(for: request) else {
            throw TransportError.notSent("cannot build a URL for \(request.path)")
        }
        if Task.isCancelled { throw TransportError.cancelled }
        let control = ExchangeControl()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                // A thread of its own: blocking on a Dispatch worker would take one of the few threads that
                // also run Swift's tasks (on Linux they share the global root queues).
                let thread = Thread {
                    continuation.resume(with: Result { try self.exchange(request, url: url, sink: sink, control: control) })
                }
                thread.stackSize = 512 * 1024
                thread.start()
            }
        } onCancel: {
            control.cancel()
        }
    }
}

/// Opens a `Transport` to a root URL: an API root or a login server. The sign-in (`OAuthClient`,
/// `AccountCheck`, `Credentials.resolve`) sends its requests through one; tests route roots in process.
public protocol TransportFactory: Sendable {
    func transport(to root: URL) throws -> any Transport
}

/// Real HTTP: a `SocketTransport` per root that does not follow redirects.
public struct HTTPTransports: TransportFactory {
    public var timeout: TimeInterval
    public var proxies: ProxySettings

    public init(timeout: TimeInterval = 30, proxies: ProxySettings = .fromEnvironment()) {
        self.timeout = timeout
        self.proxies = proxies
    }

    public func transport(to root: URL) throws -> any Transport {
        try SocketTransport(baseURL: root, timeout: timeout, followRedirects: false, proxies: proxies)
    }
}
