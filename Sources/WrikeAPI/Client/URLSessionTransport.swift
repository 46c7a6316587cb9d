import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

/// Real HTTP through URLSession (FoundationNetworking/libcurl on Linux).
///
/// The base URL is the API root (`https://www.wrike.com/api/v4`) or, for the sign-in, the login server
/// (`https://login.wrike.com`); requests' paths are appended. With `followRedirects: false` a redirect
/// comes back as the 3xx response (a token endpoint never redirects; a redirected API call means a
/// wrong data center).
/// Plain `http` is accepted only for loopback hosts (the sandbox served on 127.0.0.1).
/// Errors: `TransportError.notSent` when the request provably never left (cannot connect, DNS,
/// TLS handshake), `.outcomeUnknown` otherwise (timeout, lost connection), `.cancelled`.
///
/// Writes (every method but GET) leave exactly once: they go through their own session, on a fresh
/// connection that is closed after the answer (`Connection: close`), never on a pooled keep-alive one.
/// libcurl sends a request again by itself when a *reused* connection is closed before any answer; for a
/// POST that is a second POST (without its body), and the caller waits for the timeout. On a fresh
/// connection a close without an answer is an error at once: `.outcomeUnknown`, to be resolved by reading.
public final class URLSessionTransport: Transport {
    public let baseURL: URL
    private let session: URLSession
    /// Writes only; its connections are never reused.
    private let writeSession: URLSession
    let userAgent: String
    let timeout: TimeInterval

    /// `https://{host}/api/v4` for a Wrike data-center host (`www.wrike.com`, `app-eu.wrike.com`).
    public convenience init(host: String, timeout: TimeInterval = 30) throws {
        guard let url = URL(string: "https://\(host)/api/v4") else {
            throw TransportConfigurationError.invalidBaseURL(host)
        }
        try self.init(baseURL: url, timeout: timeout)
    }

    public init(baseURL: URL, timeout: TimeInterval = 30, userAgent: String = WrikeTUIVersion.userAgent,
                followRedirects: Bool = true) throws {
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
        let redirects: NoRedirects? = followRedirects ? nil : NoRedirects()
        self.session = URLSession(configuration: Self.configuration(timeout: timeout, resource: timeout * 4, connections: 8),
                                  delegate: redirects, delegateQueue: nil)
        // A write's whole exchange is bounded by the timeout (not only the pauses between packets).
        self.writeSession = URLSession(configuration: Self.configuration(timeout: timeout, resource: timeout, connections: 4),
                                       delegate: redirects, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
        writeSession.finishTasksAndInvalidate()
    }

    static func configuration(timeout: TimeInterval, resource: TimeInterval, connections: Int) -> URLSessionConfiguration {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        config.timeoutIntervalForResource = resource
        config.httpCookieStorage = nil
        config.urlCache = nil
        config.requestCachePolicy = .reloadIgnoringLocalCacheData
        config.httpMaximumConnectionsPerHost = connections
        return config
    }

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
        guard let url = url(for: request) else {
            throw TransportError.notSent("cannot build a URL for \(request.path)")
        }
        var r = URLRequest(url: url)
        r.httpMethod = request.method.rawValue
        for (k, v) in request.headers { r.setValue(v, forHTTPHeaderField: k) }
        if request.header("User-Agent") == nil { r.setValue(userAgent, forHTTPHeaderField: "User-Agent") }
        if request.header("Accept") == nil { r.setValue("application/json", forHTTPHeaderField: "Accept") }
        if let body = request.body {
            r.httpBody = body
            if request.header("Content-Type") == nil { r.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        }
        let isWrite = request.method != .get
        if isWrite { r.setValue("close", forHTTPHeaderField: "Connection") }
        if Task.isCancelled { throw TransportError.cancelled }
        do {
            let (data, response) = try await Self.exchange(r, on: isWrite ? writeSession : session)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError.outcomeUnknown("not an HTTP response")
            }
            var headers: [String: String] = [:]
            for (k, v) in http.allHeaderFields {
                if let k = k as? String, let v = v as? String { headers[k] = v }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let e as TransportError {
            throw e
        } catch let e as URLError {
            throw Self.map(e)
        } catch is CancellationError {
            throw TransportError.cancelled
        } catch {
            throw TransportError.outcomeUnknown(String(describing: type(of: error)))
        }
    }

    /// One data task; cancelling the calling task cancels it (the request is abandoned at once).
    static func exchange(_ request: URLRequest, on session: URLSession) async throws -> (Data, URLResponse) {
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                if box.isCancelled {
                    continuation.resume(throwing: URLError(.cancelled))
                    return
                }
                let task = session.dataTask(with: request) { data, response, error in
                    if let response, error == nil {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: error ?? URLError(.badServerResponse))
                    }
                }
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// The data task of one exchange, cancellable from the cancellation handler (before or after it started).
    final class TaskBox: @unchecked Sendable {
        private let lock = NSLock()
        private var task: URLSessionDataTask?
        private var cancelled = false

        var isCancelled: Bool { lock.withLock { cancelled } }

        /// Starts the task; one cancelled meanwhile is started and cancelled at once (its handler then
        /// reports the cancellation).
        func start(_ t: URLSessionDataTask) {
            let stop = lock.withLock { () -> Bool in
                task = t
                return cancelled
            }
            t.resume()
            if stop { t.cancel() }
        }

        func cancel() {
            let t = lock.withLock { () -> URLSessionDataTask? in
                cancelled = true
                return task
            }
            t?.cancel()
        }
    }

    /// URLError → TransportError. Only errors raised before any byte of the request could have
    /// been sent count as `notSent`.
    public static func map(_ e: URLError) -> TransportError {
        switch e.code {
        case .cancelled:
            return .cancelled
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
             .badURL, .unsupportedURL, .secureConnectionFailed, .serverCertificateUntrusted,
             .serverCertificateHasBadDate, .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot,
             .clientCertificateRejected, .clientCertificateRequired, .cannotLoadFromNetwork,
             .internationalRoamingOff, .callIsActive, .dataNotAllowed, .appTransportSecurityRequiresSecureConnection:
            return .notSent("network: \(e.code.rawValue)")
        default:
            // timedOut, networkConnectionLost, badServerResponse, cannotParseResponse, …
            return .outcomeUnknown("network: \(e.code.rawValue)")
        }
    }

    /// Refuses every redirect: the 3xx answer is the response.
    final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}

/// Opens a `Transport` to a root URL: an API root or a login server. The sign-in (`OAuthClient`,
/// `AccountCheck`, `Credentials.resolve`) sends its requests through one; tests route roots in process.
public protocol TransportFactory: Sendable {
    func transport(to root: URL) throws -> any Transport
}

/// Real HTTP: a `URLSessionTransport` per root that does not follow redirects.
public struct HTTPTransports: TransportFactory {
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 30) {
        self.timeout = timeout
    }

    public func transport(to root: URL) throws -> any Transport {
        try URLSessionTransport(baseURL: root, timeout: timeout, followRedirects: false)
    }
}
