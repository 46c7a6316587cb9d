// The HTTP/1.1 client over sockets: the wire format read from bytes in memory, behaviour against loopback
// servers, and TLS against a local server whose certificate comes from a CA made here (openssl + python3).
import Foundation
import Testing
import TestSupport

@testable import WrikeAPI

@Suite struct HTTPWireTests {
    /// A reader over `bytes` handing out at most `piece` bytes a read (answers split anywhere).
    static func reader(_ text: String, piece: Int = 3) -> ByteReader {
        let bytes = Array(text.utf8)
        var at = 0
        return ByteReader(chunkSize: 16) { buffer in
            let n = min(piece, buffer.count, bytes.count - at)
            for i in 0..<n { buffer[i] = bytes[at + i] }
            at += n
            return n
        }
    }

    static func read(_ text: String, method: String = "GET") throws -> (HTTPWire.Head, String) {
        let r = reader(text)
        let head = try HTTPWire.readHead(r, method: method)
        var body = Data()
        try HTTPWire.readBody(head, r) { body.append($0) }
        return (head, String(decoding: body, as: UTF8.self))
    }

    @Test func readsALengthDelimitedAnswerAndKeepsTheConnection() throws {
        let (head, body) = try Self.read("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"data\":[]}")
        #expect(head.status == 200)
        #expect(head.keepAlive)
        #expect(head.headers["Content-Type"] == "application/json")
        #expect(body == #"{"data":[]}"#)
    }

    @Test func readsAChunkedAnswerWithExtensionsAndTrailers() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: t\r\n\r\n"
        let (head, body) = try Self.read(text)
        #expect(head.body == .chunked)
        #expect(body == "Wikipedia in\r\n\r\nchunks.")
    }

    @Test func readsToTheCloseWithoutALengthAndThenCloses() throws {
        let (head, body) = try Self.read("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of it")
        #expect(head.body == .untilClose)
        #expect(!head.keepAlive)
        #expect(body == "all of it")
    }

    @Test func skipsInterimAnswersAndJoinsRepeatedHeaders() throws {
        let (head, body) = try Self.read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nVary: a\r\nvary: b\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno")
        #expect(head.status == 404)
        #expect(!head.keepAlive)
        #expect(head.headers["Vary"] == "a, b")
        #expect(body == "no")
    }

    @Test func anAnswerCutShortIsAnErrorAndSilenceIsNothingReceived() {
        #expect(throws: HTTPWire.ReadError.closedEarly) { try Self.read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort") }
        #expect(throws: HTTPWire.ReadError.nothingReceived) { try Self.read("") }
        #expect(throws: HTTPWire.ReadError.closedEarly) { try Self.read("HTTP/1.1 200 OK\r\nContent-") }
        #expect(throws: HTTPWire.ReadError.self) { try Self.read("SSH-2.0-OpenSSH\r\n\r\n") }
    }

    @Test func theRequestCarriesHostLengthAndNoInjectedLines() {
        let bytes = HTTPWire.requestBytes(method: "POST", target: "/api/v4/tasks?x=1", hostHeader: "127.0.0.1:8080",
                                          headers: [("Authorization", "bearer t"), ("X-Evil", "a\r\nHost: other")],
                                          body: Data("{}".utf8))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "POST /api/v4/tasks?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: bearer t\r\nContent-Length: 2\r\n\r\n{}")
    }
}

@Suite(.serialized) struct SocketTransportTests {
    @Test func aRefusedConnectionWasNotSent() async throws {
        // A port that was just free: bind, read its number, close.
        let server = try #require(RawServer(reply: .silent))
        let url = server.baseURL
        server.stop()
        let transport = try SocketTransport(baseURL: url, timeout: 5)
        do {
            _ = try await transport.send(HTTPRequest(method: .post, path: "/tasks/X/comments", body: Data("{}".utf8)))
            Issue.record("a closed port answered")
        } catch let e as TransportError {
            guard case .notSent = e else { Issue.record("refused must be notSent: \(e)"); return }
        }
    }

    /// GETs through the sandbox's HTTP server: answers in order, connection reuse, a 404 kept whole.
    @Test func getsReuseOneConnectionAndStreamOnlySuccesses() async throws {
        let server = try #require(KeepAliveServer())
        defer { server.stop() }
        let transport = try SocketTransport(baseURL: server.baseURL, timeout: inProcessHTTPTimeout)
        for _ in 0..<3 {
            let r = try await transport.send(HTTPRequest(path: "/account"))
            #expect(r.status == 200)
            #expect(!r.body.isEmpty)
        }
        let got = Box<Data>(Data())
        let streamed = try await transport.stream(HTTPRequest(path: "/account")) { piece in got.with { $0.append(piece) } }
        #expect(streamed.status == 200 && streamed.body.isEmpty)
        #expect(!got.get.isEmpty)
        let connections = Set(server.requests.map(\.connection))
        #expect(connections.count == 1, "GETs on connections \(server.requests)")
    }
}

/// TLS against `python3`'s ssl server with a certificate for `localhost` issued by a CA made here.
@Suite(.serialized, .offPool, .enabled(if: TLSFixture.toolsAvailable, "needs openssl and python3"))
struct SocketTransportTLSTests {
    @Test func httpsWithATrustedCAAnswersAndAnUntrustedOneIsRefusedBeforeSending() async throws {
        let tls = try TLSFixture()
        defer { tls.stop() }
        let trusting = try SocketTransport(baseURL: try #require(URL(string: "https://localhost:\(tls.port)/api/v4")),
                                           timeout: 30, caFile: tls.caFile)
        let r = try await trusting.send(HTTPRequest(path: "/account"))
        #expect(r.status == 200)
        #expect(String(decoding: r.body, as: UTF8.self) == #"{"path":"/api/v4/account"}"#)

        // The system's roots do not know the test CA: refused in the handshake, so never sent.
        let system = try SocketTransport(baseURL: try #require(URL(string: "https://localhost:\(tls.port)/api/v4")), timeout: 30)
        await #expect(throws: TransportError.self) { _ = try await system.send(HTTPRequest(method: .post, path: "/account")) }
        do { _ = try await system.send(HTTPRequest(path: "/account")) } catch let e as TransportError {
            guard case .notSent(let why) = e else { Issue.record("untrusted must be notSent: \(e)"); return }
            #expect(why.contains("not trusted"), "\(why)")
        }

        // The certificate names localhost, not 127.0.0.1: the name check refuses it even with the CA trusted.
        let byAddress = try SocketTransport(baseURL: try #require(URL(string: "https://127.0.0.1:\(tls.port)/api/v4")),
                                            timeout: 30, caFile: tls.caFile)
        do {
            _ = try await byAddress.send(HTTPRequest(path: "/account"))
            Issue.record("a certificate for another name was accepted")
        } catch let e as TransportError {
            guard case .notSent = e else { Issue.record("a wrong name must be notSent: \(e)"); return }
        }
    }
}

/// A CA, a server certificate for localhost and wrike.test signed by it, and a python3 HTTPS server on a free
/// port that answers every GET with `{"path":…}` and stops by itself after two minutes.
final class TLSFixture: @unchecked Sendable {
    static var toolsAvailable: Bool {
        ["/usr/bin/openssl", "/usr/bin/python3"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let dir: URL
    let port: Int
    private let server: Process
    var caFile: String { dir.appendingPathComponent("ca.pem").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("wrike-tui-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "subjectAltName=DNS:localhost,DNS:wrike.test\n".write(to: dir.appendingPathComponent("ext.cnf"), atomically: true, encoding: .utf8)
        for args in [["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                      "-subj", "/CN=wrike-tui test CA"],
                     ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr", "-subj", "/CN=localhost"],
                     ["x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                      "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            p.arguments = args
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
        let script = """
        import http.server, ssl, sys, threading, os
        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_GET(self):
                body = ('{"path":"%s"}' % self.path).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_POST = do_GET
            def log_message(self, *a): pass
        s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        c.load_cert_chain("srv.pem", "srv.key")
        s.socket = c.wrap_socket(s.socket, server_side=True)
        threading.Timer(120, lambda: os._exit(0)).start()
        print(s.server_address[1], flush=True)
        s.serve_forever()
        """
        (server, port) = try startPython(script, in: dir)
    }

    func stop() {
        server.terminate()
        try? FileManager.default.removeItem(at: dir)
    }
}

/// Runs a python3 `script` (with `arguments`) in `dir` and reads the port it prints on its first line.
/// SIGTERM is unblocked first: the child inherits the test thread's signal mask, which blocks it, and
/// `terminate()` would otherwise leave the server running until its own two-minute timer.
func startPython(_ script: String, _ arguments: [String] = [], in dir: URL) throws -> (Process, Int) {
    let out = Pipe()
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    let unblock = "import signal\nsignal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})\n"
    server.arguments = ["-c", unblock + script] + arguments
    server.currentDirectoryURL = dir
    server.standardOutput = out
    server.standardError = FileHandle.nullDevice
    try server.run()
    var line = Data()
    while !line.contains(10), let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty { line.append(byte) }
    guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
        server.terminate()
        throw CocoaError(.fileReadUnknown)
    }
    return (server, port)
}
