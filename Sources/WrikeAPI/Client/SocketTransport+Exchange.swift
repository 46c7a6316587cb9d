import Foundation

/// The connection of an exchange in flight, so that a cancellation from another thread can abort it.
final class ExchangeControl: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var connection: SocketConnection?

    var isCancelled: Bool { lock.withLock { cancelled } }

    func cancel() {
        let c = lock.withLock { () -> SocketConnection? in
            cancelled = true
            return connection
        }
        c?.abort()
    }

    /// Follows `c` from now on; aborts it at once when the exchange was cancelled already.
    func attach(_ c: SocketConnection?) {
        let abort = lock.withLock { () -> Bool in
            connection = c
            return cancelled
        }
        if abort { c?.abort() }
    }
}

extension SocketTransport {
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Sends `request` to `url` and reads its answer (blocking), following redirects of a GET.
    func exchange(_ request: HTTPRequest, url first: URL, sink: (@Sendable (Data) throws -> Void)?,
                  control: ExchangeControl) throws -> HTTPResponse {
        var url = first
        var hops = 0
        while true {
            let response = try roundTrip(request, url: url, sink: sink, control: control)
            guard followRedirects, request.method == .get, Self.redirectStatuses.contains(response.status), hops < 5,
                  let location = response.header("Location"),
                  let next = URL(string: location, relativeTo: url)?.absoluteURL, Self.mayFollow(to: next)
            else { return response }
            url = next
            hops += 1
        }
    }

    /// A redirect may go to https, or to http on a loopback host.
    static func mayFollow(to url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return true
        case "http": return url.host.map(isLoopback) ?? false
        default: return false
        }
    }

    /// The request head's lines besides Host and Content-Length, with this transport's defaults.
    func headerLines(_ request: HTTPRequest) -> [(String, String)] {
        let framing: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]
        var lines = request.headers.filter { !framing.contains($0.key.lowercased()) }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if request.header("User-Agent") == nil { lines.append(("User-Agent", userAgent)) }
        if request.header("Accept") == nil { lines.append(("Accept", "application/json")) }
        if request.header("Accept-Encoding") == nil { lines.append(("Accept-Encoding", "gzip")) }
        if request.body != nil, request.header("Content-Type") == nil { lines.append(("Content-Type", "application/json")) }
        if request.method != .get { lines.append(("Connection", "close")) }
        return lines
    }

    /// One request on one connection (a GET on a reused one that closes unanswered: once more on a fresh one).
    private func roundTrip(_ request: HTTPRequest, url: URL, sink: (@Sendable (Data) throws -> Void)?,
                           control: ExchangeControl) throws -> HTTPResponse {
        guard let endpoint = SocketEndpoint(url), let parts = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw TransportError.notSent("cannot build a URL for \(request.path)")
        }
        let route = try route(to: endpoint)
        var target = (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        var headers = headerLines(request)
        if let proxy = route.proxy, !endpoint.tls {
            target = "http://" + endpoint.hostHeader + target
            if let auth = proxy.authorization { headers.append(("Proxy-Authorization", auth)) }
        }
        let bytes = HTTPWire.requestBytes(method: request.method.rawValue, target: target, hostHeader: endpoint.hostHeader,
                                          headers: headers, body: request.body)
        let isWrite = request.method != .get
        let whole: TimeInterval? = sink != nil ? nil : (isWrite ? timeout : timeout * 4)
        let deadline = WireDeadline(perPacketMs: Self.milliseconds(timeout), wholeMs: whole.map { Int64($0 * 1000) })
        for attempt in 0..<2 {
            if control.isCancelled { throw TransportError.cancelled }
            let reused = isWrite || attempt > 0 ? nil : pool.take(route)
            let connection = try reused ?? open(route)
            control.attach(connection)
            defer { control.attach(nil) }
            do {
                return try answer(to: bytes, on: connection, method: request.method.rawValue, sink: sink,
                                  deadline: deadline, keep: !isWrite)
            } catch HTTPWire.ReadError.nothingReceived where reused != nil {
                continue
            } catch HTTPWire.ReadError.failed where reused != nil && connection.served > 0 && !isWrite {
                continue
            } catch let e as HTTPWire.ReadError {
                throw Self.map(e)
            }
        }
        throw TransportError.outcomeUnknown("the connection closed without an answer")
    }

    /// Direct or through the proxy `proxies` names for the endpoint; an unusable proxy setting: not sent.
    func route(to endpoint: SocketEndpoint) throws -> SocketRoute {
        switch proxies.route(tls: endpoint.tls, host: endpoint.host) {
        case .direct: return SocketRoute(endpoint: endpoint, proxy: nil)
        case .proxy(let p): return SocketRoute(endpoint: endpoint, proxy: p)
        case .unusable(let why): throw TransportError.refused("network: \(why)")
        }
    }

    private func open(_ route: SocketRoute) throws -> SocketConnection {
        do {
            return try SocketConnection.open(route, timeoutMs: Self.milliseconds(timeout), caFile: caFile)
        } catch {
            switch error {
            case .noAddress(let m), .refused(let m), .tls(let m), .timedOut(let m), .proxy(let m):
                throw TransportError.notSent("network: \(m)")
            case .proxyRefused(let m):
                throw TransportError.refused("network: \(m)")
            }
        }
    }

    /// Writes the request and reads the answer; the connection goes back to the pool when it may be reused.
    private func answer(to bytes: [UInt8], on connection: SocketConnection, method: String,
                        sink: (@Sendable (Data) throws -> Void)?, deadline: WireDeadline,
                        keep: Bool) throws -> HTTPResponse {
        var done = false
        defer { if !done { connection.close() } }
        let sent: Result<Void, HTTPWire.ReadError>
        do throws(HTTPWire.ReadError) {
            try connection.send(bytes, timeoutMs: try deadline.wait())
            sent = .success(())
        } catch {
            sent = .failure(error)
        }
        if case .failure(let e) = sent {
            throw e == .failed && connection.served > 0 ? HTTPWire.ReadError.nothingReceived : e
        }
        let reader = ByteReader { (buffer) throws(HTTPWire.ReadError) -> Int in
            try connection.receive(into: buffer, timeoutMs: try deadline.wait())
        }
        let head = try HTTPWire.readHead(reader, method: method)
        let streaming = sink != nil && (200..<300).contains(head.status)
        var body = Data()
        func hold(_ piece: Data) throws {
            if streaming, let sink { return try sink(piece) }
            guard body.count + piece.count <= maxBodyBytes else { throw HTTPWire.ReadError.tooLarge(limit: maxBodyBytes) }
            body.append(piece)
        }
        let inflater = try Self.inflater(for: head, limit: maxBodyBytes)
        try HTTPWire.readBody(head, reader) { piece in
            guard let inflater else { return try hold(piece) }
            do { try inflater.feed(piece, deliver: hold) } catch let f as GzipInflater.Failure { throw HTTPWire.ReadError(f) }
        }
        do throws(GzipInflater.Failure) { try inflater?.finish() } catch { throw HTTPWire.ReadError(error) }
        connection.served += 1
        if keep && head.keepAlive && !connection.isAborted {
            done = true
            pool.put(connection)
        }
        var headers = head.headers
        if inflater != nil {
            headers = headers.filter { !["content-encoding", "content-length"].contains($0.key.lowercased()) }
        }
        return HTTPResponse(status: head.status, headers: headers, body: body)
    }

    /// An inflater when the answer's body is gzip (`Content-Encoding: gzip` or `x-gzip`), else nil.
    static func inflater(for head: HTTPWire.Head, limit: Int) throws(HTTPWire.ReadError) -> GzipInflater? {
        guard head.body != .none,
              let coding = head.headers.first(where: { $0.key.lowercased() == "content-encoding" })?.value
        else { return nil }
        let codings = coding.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "identity" }
        if codings.isEmpty { return nil }
        guard codings == ["gzip"] || codings == ["x-gzip"] else {
            throw .badEncoding("an answer encoded as \(coding), not gzip")
        }
        do { return try GzipInflater(limit: limit) } catch { throw HTTPWire.ReadError(error) }
    }

    static func milliseconds(_ t: TimeInterval) -> Int32 { Int32(clamping: Int64((t * 1000).rounded())) }

    /// A read error → the transport's error: every one after the request may have left is `outcomeUnknown`.
    static func map(_ e: HTTPWire.ReadError) -> TransportError {
        switch e {
        case .cancelled: return .cancelled
        case .timedOut: return .outcomeUnknown("network: timed out")
        case .nothingReceived, .closedEarly: return .outcomeUnknown("network: the connection closed before the whole answer")
        case .failed: return .outcomeUnknown("network: the connection failed")
        case .malformed(let why): return .outcomeUnknown("network: not a readable HTTP answer (\(why))")
        case .badEncoding(let why): return .outcomeUnknown("network: not a readable HTTP answer (\(why))")
        case .tooLarge(let limit): return .outcomeUnknown("network: the answer is larger than \(limit / 1_048_576) MB")
        }
    }
}
