// A write leaves exactly once: a keep-alive connection that the server closes without answering a POST
// must not make the HTTP layer send the POST again on another connection, and the client must learn at
// once that the outcome is unknown (not after its 30 s timeout). See docs/reliability.md.
import Foundation
import Testing
import TestSupport

@testable import WrikeAPI

#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP/1.1 server on a raw socket that keeps connections alive: it answers every GET with a
/// small account list (keep-alive), and reads every POST (head and body) and then closes the connection
/// without answering. It counts what it saw, per request: method, body bytes, connection number.
final class KeepAliveServer: @unchecked Sendable {
    struct Seen: Sendable, Equatable {
        var method: String
        var bodyBytes: Int
        var connection: Int
    }

    let port: UInt16
    private let fd: Int32
    private let lock = NSLock()
    private var open: [Int32] = []
    private var connections = 0
    private var seen: [Seen] = []

    init?() {
        guard let (fd, port) = LoopbackSocket.listen() else { return nil }
        self.fd = fd
        self.port = port
        Thread { [self] in acceptLoop() }.start()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/api/v4") ?? URL(fileURLWithPath: "/") }
    var requests: [Seen] { lock.withLock { seen } }
    var posts: [Seen] { requests.filter { $0.method == "POST" } }

    /// Closes the listening socket itself when `accept` fails (after `stop()`): closed by `stop()`, its number
    /// could be reused by another test's server before this thread, late on a loaded machine, reached `accept`.
    private func acceptLoop() {
        defer { close(fd) }
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { return }
            let n: Int = lock.withLock {
                connections += 1
                open.append(c)
                return connections
            }
            Thread { [self] in serve(c, connection: n) }.start()
        }
    }

    /// Reads requests off one connection until it is closed.
    private func serve(_ c: Int32, connection: Int) {
        // Long enough that a POST whose body never comes holds the client until its own 30 s timeout.
        var timeout = timeval(tv_sec: 45, tv_usec: 0)
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var pending: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        func fill() -> Bool {
            let n = read(c, &buf, buf.count)
            if n <= 0 { return false }
            pending += buf[0..<n]
            return true
        }
        while true {
            // The head.
            var headEnd: Int?
            while headEnd == nil {
                if let r = Self.find([13, 10, 13, 10], in: pending) { headEnd = r } else if !fill() { return finish(c) }
            }
            guard let end = headEnd else { return finish(c) }
            let head = String(decoding: pending[0..<end], as: UTF8.self)
            pending.removeFirst(end + 4)
            let method = String(head.prefix { $0 != " " })
            let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
            // The body, as much of it as arrives within the read timeout.
            while pending.count < length, fill() {}
            let body = min(length, pending.count)
            pending.removeFirst(body)
            lock.withLock { seen.append(Seen(method: method, bodyBytes: body, connection: connection)) }
            if method == "POST" { return finish(c) }  // closed without an answer
            let json = #"{"kind":"accounts","data":[{"id":"IEAAAAAA","name":"Acme"}]}"#
            let reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n" + json
            let bytes = Array(reply.utf8)
            _ = bytes.withUnsafeBytes { write(c, $0.baseAddress, $0.count) }
        }
    }

    private func finish(_ c: Int32) {
        lock.withLock { open.removeAll { $0 == c } }
        shutdown(c, Int32(SHUT_RDWR))
        close(c)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    func stop() {
        let fds = lock.withLock { open }
        for c in fds { shutdown(c, Int32(SHUT_RDWR)) }
        shutdown(fd, Int32(SHUT_RDWR))
    }
}

@Suite(.serialized) struct WriteOnceTests {
    /// A GET leaves a connection in the pool; the POST that follows is read and its connection closed
    /// without an answer. Exactly one POST reaches the server, with its body, and the client reports an
    /// unknown outcome at once (well inside its 30 s timeout).
    @Test func aPostWhoseConnectionDiesLeavesOnceAndIsUnknownAtOnce() async throws {
        let server = try #require(KeepAliveServer())
        defer { server.stop() }
        var config = WrikeClientConfiguration()
        config.retry = RetryPolicy(maxAttempts: 3, base: 0.01, cap: 0.02)
        let client = try WrikeClient(baseURL: server.baseURL, tokens: StaticTokenProvider("t"), configuration: config,
                                     timeout: 30)
        _ = try await client.account(use: .refresh)
        _ = try await client.account(use: .refresh)
        let start = Date()
        do {
            _ = try await client.addComment(task: "IEAAAAAQKQAAAAAA", CommentParams(text: "exactly once", plainText: true))
            Issue.record("a server that closes without answering cannot confirm a comment")
        } catch let error as APIError {
            #expect(error.kind == .outcomeUnknown, "\(error)")
        }
        let took = Date().timeIntervalSince(start)
        let posts = server.posts
        #expect(posts.count == 1, "POSTs on the wire: \(posts)")
        #expect(posts.first.map { $0.bodyBytes > 0 } == true, "the POST carried no body: \(posts)")
        #expect(took < 10, "the dead connection was noticed after \(took) s")
        print("WriteOnceTests: \(posts.count) POST(s) on the wire \(posts), unknown after \(String(format: "%.2f", took)) s; requests \(server.requests)")
    }

    /// Cancelling a request in flight abandons it at once (the app's time limit on a write relies on it).
    @Test func cancellingARequestInFlightEndsItAtOnce() async throws {
        let server = try #require(RawServer(reply: .silent))
        defer { server.stop() }
        let transport = try SocketTransport(baseURL: server.baseURL, timeout: 30)
        let start = Date()
        let task = Task {
            try await transport.send(HTTPRequest(method: .post, path: "/tasks/X/comments", body: Data("{}".utf8)))
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        let took = Date().timeIntervalSince(start)
        guard case .failure(let error) = result else { Issue.record("a silent server answered"); return }
        #expect(error as? TransportError == .cancelled, "\(error)")
        #expect(took < 20, "cancelled after \(took) s (the request's own timeout is 30 s)")
    }
}
