import CNet
import Foundation

/// A deadline for the reads and writes of one exchange: each waits at most `perPacketMs`, and all of them
/// together end by `end` (none: no bound on the whole).
struct WireDeadline {
    let perPacketMs: Int32
    let end: ContinuousClock.Instant?

    init(perPacketMs: Int32, wholeMs: Int64?) {
        self.perPacketMs = perPacketMs
        end = wholeMs.map { ContinuousClock.now + .milliseconds($0) }
    }

    /// How long the next read or write may wait; `.timedOut` once the whole time is spent.
    func wait() throws(HTTPWire.ReadError) -> Int32 {
        guard let end else { return perPacketMs }
        let left = ContinuousClock.now.duration(to: end)
        guard left > .zero else { throw .timedOut }
        let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: min(Int64(perPacketMs), max(ms, 1)))
    }
}

/// The CONNECT tunnel through an HTTP proxy to an https endpoint, on a socket connected to the proxy.
enum ProxyTunnel {
    /// Asks `proxy` for a tunnel to `endpoint` (with `Proxy-Authorization` when the proxy URL had credentials)
    /// and reads its answer head byte by byte, so that nothing after it (the endpoint's TLS) is consumed.
    /// The whole exchange within `timeoutMs`. Errors name the proxy by `host:port`, never its credentials.
    static func open(fd: Int32, to endpoint: SocketEndpoint, via proxy: ProxyServer,
                     timeoutMs: Int32) throws(SocketConnection.OpenError) {
        var headers = [("User-Agent", WrikeTUIVersion.userAgent)]
        if let auth = proxy.authorization { headers.append(("Proxy-Authorization", auth)) }
        let request = HTTPWire.requestBytes(method: "CONNECT", target: endpoint.authority, hostHeader: endpoint.authority,
                                            headers: headers, body: nil)
        let deadline = WireDeadline(perPacketMs: timeoutMs, wholeMs: Int64(timeoutMs))
        let head: HTTPWire.Head
        do throws(HTTPWire.ReadError) {
            let ms = try deadline.wait()
            let sent = request.withUnsafeBytes { cnet_send_all(fd, nil, $0.baseAddress, $0.count, ms) }
            if sent == Int(CNET_TIMEOUT) { throw .timedOut }
            if sent != 0 { throw .failed }
            let reader = ByteReader(chunkSize: 1) { (buffer) throws(HTTPWire.ReadError) -> Int in
                let n = cnet_recv(fd, nil, buffer.baseAddress, buffer.count, try deadline.wait())
                if n == Int(CNET_TIMEOUT) { throw .timedOut }
                if n < 0 { throw .failed }
                return n
            }
            head = try HTTPWire.readHead(reader, method: "CONNECT")
        } catch {
            throw failure(error, proxy: proxy, timeoutMs: timeoutMs)
        }
        guard (200..<300).contains(head.status) else {
            let why = "the proxy \(proxy) refused the tunnel to \(endpoint.authority) (HTTP \(head.status)"
                + meaning(head.status, credentials: proxy.authorization != nil) + ")"
            throw [403, 407].contains(head.status) ? .proxyRefused(why) : .proxy(why)
        }
    }

    private static func failure(_ e: HTTPWire.ReadError, proxy: ProxyServer, timeoutMs: Int32) -> SocketConnection.OpenError {
        switch e {
        case .timedOut:
            return .timedOut("the proxy \(proxy) did not answer the tunnel request within \(Double(timeoutMs) / 1000) s")
        case .malformed, .badEncoding, .tooLarge:
            return .proxy("the proxy \(proxy) did not answer the tunnel request in HTTP")
        case .nothingReceived, .closedEarly, .failed, .cancelled:
            return .proxy("the proxy \(proxy) closed the connection before answering the tunnel request")
        }
    }

    /// Plain words for the refusals a user can act on.
    private static func meaning(_ status: Int, credentials: Bool) -> String {
        switch status {
        case 407 where credentials: return ": it did not accept the user name and password of the proxy URL"
        case 407: return ": it wants a user name and password, http://user:password@host:port"
        case 403: return ": forbidden by the proxy"
        case 502, 503, 504: return ": the proxy could not reach the host"
        default: return ""
        }
    }
}
