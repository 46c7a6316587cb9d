// Requests through an HTTP proxy: https in a CONNECT tunnel (TLS checked against the target's name), http in
// absolute form, Proxy-Authorization from the proxy URL, refusals and unusable settings never sent, no_proxy.
import Foundation
import Testing
import TestSupport

@testable import WrikeAPI

/// A python3 CONNECT proxy on loopback that tunnels every CONNECT to 127.0.0.1:`upstream` whatever host it
/// names (so a target such as wrike.test needs no name resolution), or refuses each with `refuse` (407, 403).
/// Every request head it reads is appended to `log`. Stops by itself after two minutes.
final class ConnectProxy: @unchecked Sendable {
    let dir: URL
    let port: Int
    private let process: Process

    static let script = """
    import socket, sys, threading, os
    upstream, refuse, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    threading.Timer(120, lambda: os._exit(0)).start()
    print(srv.getsockname()[1], flush=True)
    def pipe(a, b):
        try:
            while True:
                d = a.recv(65536)
                if not d: break
                b.sendall(d)
        except OSError: pass
        for s in (a, b):
            try: s.shutdown(socket.SHUT_RDWR)
            except OSError: pass
    def handle(c):
        head = b""
        while b"\\r\\n\\r\\n" not in head:
            d = c.recv(1)
            if not d:
                c.close()
                return
            head += d
        with open(log, "ab") as f: f.write(head)
        if refuse != "-":
            c.sendall(("HTTP/1.1 %s No\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nno" % refuse).encode())
            c.close()
            return
        u = socket.create_connection(("127.0.0.1", upstream))
        c.sendall(b"HTTP/1.1 200 Connection established\\r\\n\\r\\n")
        threading.Thread(target=pipe, args=(c, u), daemon=True).start()
        pipe(u, c)
    while True:
        c, _ = srv.accept()
        threading.Thread(target=handle, args=(c,), daemon=True).start()
    """

    init(upstream: Int, refuse: Int? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("wrike-tui-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        (process, port) = try startPython(Self.script, [String(upstream), refuse.map(String.init) ?? "-", "requests.log"], in: dir)
    }

    /// The request heads the proxy has read so far.
    var log: String {
        (try? String(contentsOf: dir.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
    }

    /// The https proxy at this port (the URL's credentials percent-encoded).
    func settings(_ userInfo: String = "us%40er:s3cret%3A@") throws -> ProxySettings {
        let server: ProxyServer = try #require(ProxyServer("http://\(userInfo)127.0.0.1:\(port)"))
        return ProxySettings(https: server, http: nil, noProxy: [])
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: dir)
    }
}

@Suite(.serialized, .offPool, .enabled(if: TLSFixture.toolsAvailable, "needs openssl and python3"))
struct ProxyTunnelTests {
    /// `Basic` of the percent-decoded credentials `us@er` / `s3cret:`.
    static let authorization = "Basic " + Data("us@er:s3cret:".utf8).base64EncodedString()

    static func transport(_ host: String, _ tls: TLSFixture, _ proxies: ProxySettings, timeout: TimeInterval = 30) throws -> SocketTransport {
        try SocketTransport(baseURL: try #require(URL(string: "https://\(host):\(tls.port)/api/v4")), timeout: timeout,
                            caFile: tls.caFile, proxies: proxies)
    }

    /// The message of a `.notSent` (or with `lasting`, `.refused`) failure of a request to /account.
    static func notSent(_ transport: SocketTransport, method: HTTPMethod = .get, lasting: Bool = false) async -> String? {
        do {
            _ = try await transport.send(HTTPRequest(method: method, path: "/account"))
        } catch let e as TransportError {
            if case .notSent(let why) = e, !lasting { return why }
            if case .refused(let why) = e, lasting { return why }
            Issue.record("expected \(lasting ? "refused" : "notSent"): \(e)")
        } catch {
            Issue.record("\(error)")
        }
        return nil
    }

    /// wrike.test resolves nowhere: only the tunnel reaches the server, whose certificate names wrike.test.
    /// Two GETs share one tunnel; another name through the same tunnel fails the certificate check.
    @Test func httpsGoesThroughTheTunnelCheckedAgainstTheTargetName() async throws {
        let tls = try TLSFixture()
        defer { tls.stop() }
        let proxy = try ConnectProxy(upstream: tls.port)
        defer { proxy.stop() }
        let transport = try Self.transport("wrike.test", tls, try proxy.settings())
        for _ in 0..<2 {
            let r = try await transport.send(HTTPRequest(path: "/account"))
            #expect(r.status == 200)
            #expect(String(decoding: r.body, as: UTF8.self) == #"{"path":"/api/v4/account"}"#)
        }
        let log = proxy.log
        #expect(log.hasPrefix("CONNECT wrike.test:\(tls.port) HTTP/1.1\r\nHost: wrike.test:\(tls.port)\r\n"), "\(log)")
        #expect(log.contains("\r\nProxy-Authorization: \(Self.authorization)\r\n"), "\(log)")
        #expect(log.components(separatedBy: "CONNECT ").count == 2, "one tunnel for both GETs: \(log)")

        let other = try Self.transport("other.test", tls, try proxy.settings())
        let why = try #require(await Self.notSent(other))
        #expect(why.contains("certificate"), "\(why)")
        #expect(proxy.log.contains("CONNECT other.test:\(tls.port) HTTP/1.1\r\n"))
    }

    /// 407 and 403: the request is not sent and not worth repeating; the message names the proxy and the
    /// status, never its password. A 502 may pass: not sent, to be retried.
    @Test func aRefusedTunnelIsNotSentAndNamesTheProxyButNotItsPassword() async throws {
        let tls = try TLSFixture()
        defer { tls.stop() }
        for status in [407, 403, 502] {
            let proxy = try ConnectProxy(upstream: tls.port, refuse: status)
            defer { proxy.stop() }
            let transport = try Self.transport("wrike.test", tls, try proxy.settings())
            let why = try #require(await Self.notSent(transport, method: .post, lasting: status != 502))
            #expect(why.contains("the proxy 127.0.0.1:\(proxy.port) refused the tunnel to wrike.test:\(tls.port) (HTTP \(status)"), "\(why)")
            #expect(!why.contains("s3cret") && !why.contains("us@er") && !why.contains("us%40er"), "\(why)")
            #expect(proxy.log.hasPrefix("CONNECT wrike.test:\(tls.port) HTTP/1.1\r\n"), "\(proxy.log)")
        }
    }

    /// A proxy that takes the CONNECT and never answers: not sent, within the transport's timeout.
    @Test func aSilentProxyTimesOutAsNotSent() async throws {
        let tls = try TLSFixture()
        defer { tls.stop() }
        let silent = try #require(RawServer(reply: .silent))
        defer { silent.stop() }
        let proxies = ProxySettings(https: ProxyServer("127.0.0.1:\(silent.port)"), http: nil, noProxy: [])
        let start = ContinuousClock.now
        let why = try #require(await Self.notSent(try Self.transport("wrike.test", tls, proxies, timeout: 1)))
        #expect(why.contains("the proxy 127.0.0.1:\(silent.port) did not answer"), "\(why)")
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(silent.lastRequest.hasPrefix("CONNECT wrike.test:\(tls.port) HTTP/1.1\r\n"), "\(silent.lastRequest)")
    }

    /// no_proxy sends a host direct (here loopback, proxied only through the test hook): the same transport
    /// settings without the entry go through the tunnel.
    @Test func noProxyHostsGoDirect() async throws {
        let tls = try TLSFixture()
        defer { tls.stop() }
        let proxy = try ConnectProxy(upstream: tls.port)
        defer { proxy.stop() }
        var proxies = try proxy.settings()
        proxies.proxyLoopback = true
        #expect(try await Self.transport("localhost", tls, proxies).send(HTTPRequest(path: "/account")).status == 200)
        #expect(proxy.log.components(separatedBy: "CONNECT localhost:").count == 2, "\(proxy.log)")
        proxies.noProxy = ProxySettings.entries("example.org, .LOCALHOST")
        #expect(try await Self.transport("localhost", tls, proxies).send(HTTPRequest(path: "/account")).status == 200)
        #expect(proxy.log.components(separatedBy: "CONNECT ").count == 2, "no second tunnel: \(proxy.log)")
    }
}

@Suite(.serialized) struct ProxyHTTPTests {
    /// Plain http through a proxy: the absolute URL as the request target, the proxy's credentials in
    /// Proxy-Authorization, on the proxy's connection (port 1 of the target is never dialled).
    @Test func plainHTTPGoesInAbsoluteFormWithProxyAuthorization() async throws {
        let proxy = try #require(RawServer(reply: .bytes(RawServer.http(200, "OK", body: #"{"ok":1}"#))))
        defer { proxy.stop() }
        var proxies = ProxySettings(https: nil, http: ProxyServer("http://u:pw@127.0.0.1:\(proxy.port)"), noProxy: [])
        proxies.proxyLoopback = true
        let transport = try SocketTransport(baseURL: try #require(URL(string: "http://127.0.0.1:1/api/v4")),
                                            timeout: inProcessHTTPTimeout, proxies: proxies)
        let r = try await transport.send(HTTPRequest(path: "/account", query: [QueryItem("fields", "[a]")]))
        #expect(r.status == 200 && r.body == Data(#"{"ok":1}"#.utf8))
        let head = proxy.lastRequest
        #expect(head.hasPrefix("GET http://127.0.0.1:1/api/v4/account?fields=%5Ba%5D HTTP/1.1\r\nHost: 127.0.0.1:1\r\n"), "\(head)")
        #expect(head.contains("\r\nProxy-Authorization: Basic \(Data("u:pw".utf8).base64EncodedString())\r\n"), "\(head)")
    }

    /// A SOCKS proxy (or any other unusable setting) stops the request instead of going direct; loopback
    /// still goes direct. The message names the variable and the kind, not the URL.
    @Test func anUnusableProxyIsNotSentInsteadOfGoingDirect() async throws {
        let server = try #require(RawServer(reply: .bytes(RawServer.http(200, "OK", body: "{}"))))
        defer { server.stop() }
        var proxies = ProxySettings.fromEnvironment(["https_proxy": "socks5://u:s3cret@127.0.0.1:1", "http_proxy": "socks5h://h:1"])
        let direct = try SocketTransport(baseURL: server.baseURL, timeout: inProcessHTTPTimeout, proxies: proxies)
        #expect(try await direct.send(HTTPRequest(path: "/account")).status == 200)
        proxies.proxyLoopback = true
        for (url, variable, kind) in [("http://127.0.0.1:\(server.port)/api/v4", "http_proxy", "socks5h"),
                                      ("https://wrike.test/api/v4", "https_proxy", "socks5")] {
            let transport = try SocketTransport(baseURL: try #require(URL(string: url)), timeout: 5, proxies: proxies)
            do {
                _ = try await transport.send(HTTPRequest(path: "/account"))
                Issue.record("sent without the proxy: \(url)")
            } catch let e as TransportError {
                guard case .refused(let why) = e else { Issue.record("expected refused: \(e)"); continue }
                #expect(why == "network: \(variable) names a \(kind):// proxy, which is not supported (only http:// proxies)")
                #expect(APIError(kind: .offline, detail: why).plainMessage
                    == "Cannot reach Wrike: \(variable) names a \(kind):// proxy, which is not supported (only http:// proxies).")
            }
        }
        #expect(server.requests == 1)
    }

    /// A proxied and a direct connection to the same endpoint are different pool entries.
    @Test func thePoolNeverHandsATunnelForADirectConnection() throws {
        let server = try #require(RawServer(reply: .silent))
        defer { server.stop() }
        let endpoint = try #require(SocketEndpoint(server.baseURL))
        let direct = SocketRoute(endpoint: endpoint, proxy: nil)
        let proxied = SocketRoute(endpoint: endpoint, proxy: ProxyServer("127.0.0.1:\(server.port)"))
        let pool = ConnectionPool(perEndpoint: 8)
        let c = try SocketConnection.open(direct, timeoutMs: 5000, caFile: nil)
        pool.put(c)
        #expect(pool.take(proxied) == nil)
        #expect(pool.take(direct) === c)
        pool.closeAll()
    }
}
