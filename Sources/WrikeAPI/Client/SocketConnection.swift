import CNet
import Foundation

/// Where a connection goes: scheme, host and port of a URL.
struct SocketEndpoint: Hashable, Sendable {
    var tls: Bool
    var host: String
    var port: Int

    init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              var host = url.host, !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.tls = scheme == "https"
        self.host = host
        self.port = url.port ?? (tls ? 443 : 80)
    }

    /// The `Host` header: the port only when it is not the scheme's default; IPv6 literals in brackets.
    var hostHeader: String {
        port == (tls ? 443 : 80) ? bracketedHost : authority
    }

    /// `host:port` (the target of a proxy's CONNECT).
    var authority: String { "\(bracketedHost):\(port)" }

    private var bracketedHost: String { host.contains(":") ? "[\(host)]" : host }
}

/// An endpoint and the proxy on the way to it: the key of the connection pool (a tunnel and a direct
/// connection to the same endpoint are never taken for each other).
struct SocketRoute: Hashable, Sendable {
    var endpoint: SocketEndpoint
    var proxy: ProxyServer?
}

/// One TCP (and, for https, TLS) connection, used by one exchange at a time on a blocking thread.
/// `abort()` may come from any thread: it wakes the waiting thread, whose next read or write then fails.
final class SocketConnection: @unchecked Sendable {
    let route: SocketRoute
    private let fd: Int32
    private let tls: UnsafeMutableRawPointer?
    private let lock = NSLock()
    private var aborted = false
    private var closed = false
    /// Set once an answer was read from it (a reused connection).
    var served = 0

    /// Why a connection could not be opened (the request was not sent); `proxy`: the proxy broke the tunnel
    /// or refused it for a while (502), `proxyRefused`: it refused it until the setup changes (403, 407).
    enum OpenError: Error {
        case noAddress(String), refused(String), timedOut(String), tls(String), proxy(String), proxyRefused(String)
    }

    private init(route: SocketRoute, fd: Int32, tls: UnsafeMutableRawPointer?) {
        self.route = route
        self.fd = fd
        self.tls = tls
    }

    /// Connects (to the proxy when the route has one, then for https through its CONNECT tunnel) and shakes
    /// hands with the endpoint itself (SNI and the name check are the endpoint's); each step within `timeoutMs`.
    /// `caFile` replaces the system's CA roots.
    static func open(_ route: SocketRoute, timeoutMs: Int32, caFile: String?) throws(OpenError) -> SocketConnection {
        let endpoint = route.endpoint
        var err = [CChar](repeating: 0, count: 512)
        let (host, port) = route.proxy.map { ($0.host, $0.port) } ?? (endpoint.host, endpoint.port)
        let fd = cnet_connect(host, Int32(port), timeoutMs, &err, err.count)
        let text = { String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let message = { route.proxy.map { "the proxy \($0): \(text())" } ?? text() }
        switch fd {
        case Int32(CNET_NO_ADDRESS): throw .noAddress(message())
        case Int32(CNET_TIMEOUT): throw .timedOut(message())
        case ..<0: throw .refused(message())
        default: break
        }
        if let proxy = route.proxy, endpoint.tls {
            do { try ProxyTunnel.open(fd: fd, to: endpoint, via: proxy, timeoutMs: timeoutMs) } catch {
                cnet_close(fd, nil)
                throw error
            }
        }
        guard endpoint.tls else { return SocketConnection(route: route, fd: fd, tls: nil) }
        guard let session = cnet_tls_start(fd, endpoint.host, caFile, timeoutMs, &err, err.count) else {
            cnet_close(fd, nil)
            throw .tls(text())
        }
        return SocketConnection(route: route, fd: fd, tls: session)
    }

    /// Reads into `buffer` waiting at most `timeoutMs`: the count, 0 at the end.
    func receive(into buffer: UnsafeMutableRawBufferPointer, timeoutMs: Int32) throws(HTTPWire.ReadError) -> Int {
        let n = cnet_recv(fd, tls, buffer.baseAddress, buffer.count, timeoutMs)
        if isAborted { throw .cancelled }
        switch n {
        case Int(CNET_TIMEOUT): throw .timedOut
        case ..<0: throw .failed
        default: return n
        }
    }

    /// Writes all of `bytes` within `timeoutMs`.
    func send(_ bytes: [UInt8], timeoutMs: Int32) throws(HTTPWire.ReadError) {
        let r = bytes.withUnsafeBytes { cnet_send_all(fd, tls, $0.baseAddress, $0.count, timeoutMs) }
        if isAborted { throw .cancelled }
        switch r {
        case 0: return
        case Int(CNET_TIMEOUT): throw .timedOut
        default: throw .failed
        }
    }

    var isAborted: Bool { lock.withLock { aborted } }

    /// An idle connection the server has not closed (nothing waiting to be read).
    var isReusable: Bool { !isAborted && cnet_idle_readable(fd) == 0 }

    func abort() {
        lock.withLock {
            aborted = true
            if !closed { cnet_abort(fd) }
        }
    }

    func close() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            cnet_close(fd, tls)
        }
    }

    deinit { close() }
}

/// Idle keep-alive connections of GETs, a few per endpoint.
final class ConnectionPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [SocketRoute: [SocketConnection]] = [:]
    private let perEndpoint: Int

    init(perEndpoint: Int) { self.perEndpoint = perEndpoint }

    /// The most recent idle connection on `route` that the server has not closed, if any.
    func take(_ route: SocketRoute) -> SocketConnection? {
        while let c = lock.withLock({ idle[route]?.popLast() }) {
            if c.isReusable { return c }
            c.close()
        }
        return nil
    }

    func put(_ c: SocketConnection) {
        let extra = lock.withLock { () -> SocketConnection? in
            idle[c.route, default: []].append(c)
            guard idle[c.route, default: []].count > perEndpoint else { return nil }
            return idle[c.route]?.removeFirst()
        }
        extra?.close()
    }

    func closeAll() {
        let all = lock.withLock { () -> [SocketConnection] in
            defer { idle = [:] }
            return idle.values.flatMap { $0 }
        }
        all.forEach { $0.close() }
    }
}
