import Foundation
import PropertyBased
import Testing
import TestSupport

@testable import WrikeAPI

#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server on a raw socket that answers every request with fixed bytes (or never),
/// for the client's behaviour against a misbehaving server. One thread; stops on `stop()`.
final class RawServer: @unchecked Sendable {
    enum Reply: Sendable {
        case bytes([UInt8])      // written, then the connection is closed
        case silent              // read the request, never answer, keep the connection open
    }

    let port: UInt16
    private let fd: Int32
    private let reply: Reply
    private let lock = NSLock()
    private var stopped = false
    private var held: [Int32] = []
    private(set) var requests = 0
    /// The head of the last request read.
    private(set) var lastRequest = ""

    init?(reply: Reply) {
        self.reply = reply
        guard let (fd, port) = LoopbackSocket.listen() else { return nil }
        self.fd = fd
        self.port = port
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/api/v4") ?? URL(fileURLWithPath: "/") }

    /// The listening socket is closed here, by the thread that accepts on it, never by `stop()`: a socket
    /// closed by `stop()` before this thread (late to start on a loaded machine) reached `accept` let it accept
    /// on the same number reused by another test's server, and hold that test's connection forever.
    private func serve() {
        defer { close(fd) }
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { return }
            if lock.withLock({ stopped }) {
                close(c)
                return
            }
            lock.withLock { requests += 1 }
            // Read the request head (and whatever body arrived with it).
            var buf = [UInt8](repeating: 0, count: 65536)
            var got: [UInt8] = []
            while !got.contains(0x0A) || !String(decoding: got, as: UTF8.self).contains("\r\n\r\n") {
                let n = read(c, &buf, buf.count)
                if n <= 0 { break }
                got += buf[0..<n]
            }
            lock.withLock { lastRequest = String(decoding: got, as: UTF8.self) }
            switch reply {
            case .bytes(let bytes):
                _ = bytes.withUnsafeBytes { write(c, $0.baseAddress, $0.count) }
                shutdown(c, Int32(SHUT_RDWR))
                close(c)
            case .silent:
                lock.withLock { held.append(c) }
            }
        }
    }

    func stop() {
        lock.withLock {
            stopped = true
            for c in held { close(c) }
            held.removeAll()
        }
        // Wakes `accept` (and makes any later one fail); `serve` closes the socket.
        shutdown(fd, Int32(SHUT_RDWR))
    }

    static func http(_ status: Int, _ reason: String, contentType: String = "application/json", body: String,
                     declaredLength: Int? = nil) -> [UInt8] {
        let b = Array(body.utf8)
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(declaredLength ?? b.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + b
    }
}

@Suite(.serialized) struct ServerMisbehaviourTests {
    static func client(_ server: RawServer, timeout: TimeInterval = inProcessHTTPTimeout) throws -> WrikeClient {
        var config = WrikeClientConfiguration()
        config.retry = RetryPolicy(maxAttempts: 2, base: 0.01, cap: 0.02)
        return try WrikeClient(baseURL: server.baseURL, tokens: StaticTokenProvider("secret-token-abc"),
                               configuration: config, timeout: timeout)
    }

    /// Fetches the account from a server that answers `reply`; returns the error (nil on success).
    static func accountError(_ reply: RawServer.Reply, timeout: TimeInterval = inProcessHTTPTimeout) async throws -> APIError? {
        let server = try #require(RawServer(reply: reply))
        defer { server.stop() }
        let client = try client(server, timeout: timeout)
        do {
            _ = try await client.account(use: .refresh)
            return nil
        } catch let error as APIError {
            return error
        } catch {
            Issue.record("not an APIError: \(type(of: error)) \(error)")
            return nil
        }
    }

    static func checkPlain(_ e: APIError) {
        let m = e.plainMessage
        #expect(!m.isEmpty && m.count < 300, "\(m)")
        #expect(!m.contains("secret-token-abc"))
        #expect(!m.contains("\u{1B}"))
        #expect(!m.contains("<html"))
        #expect(!m.contains("DecodingError"))
    }

    @Test func malformedJSON() async throws {
        let e = try #require(try await Self.accountError(.bytes(RawServer.http(200, "OK", body: "{\"kind\":\"accounts\",\"data\":[{"))))
        #expect(e.kind == .malformedResponse)
        Self.checkPlain(e)
    }

    @Test func wrongKindAndMissingFields() async throws {
        // A list of tasks where accounts were asked for: missing `id`s make the account undecodable.
        let e = try #require(try await Self.accountError(.bytes(RawServer.http(200, "OK",
            body: "{\"kind\":\"tasks\",\"data\":[{\"title\":\"not an account\"}]}"))))
        #expect(e.kind == .malformedResponse)
        Self.checkPlain(e)
        let empty = try #require(try await Self.accountError(.bytes(RawServer.http(200, "OK", body: "{\"kind\":\"accounts\"}"))))
        #expect(empty.kind == .malformedResponse)
    }

    @Test func htmlErrorPage() async throws {
        let page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>\u{1B}]0;pwned\u{07}</body></html>"
        let e = try #require(try await Self.accountError(.bytes(RawServer.http(502, "Bad Gateway", contentType: "text/html", body: page))))
        #expect(e.kind == .serverError)
        #expect(e.status == 502)
        Self.checkPlain(e)
        let notFound = try #require(try await Self.accountError(.bytes(RawServer.http(404, "Not Found", contentType: "text/html",
                                                                                      body: "<html>nope</html>"))))
        Self.checkPlain(notFound)
    }

    @Test func okStatusWithAnErrorBody() async throws {
        let e = try #require(try await Self.accountError(.bytes(RawServer.http(200, "OK",
            body: "{\"error\":\"invalid_request\",\"errorDescription\":\"Bad \\u001b]0;pwned\\u0007 thing\"}"))))
        Self.checkPlain(e)
        #expect(e.kind == .malformedResponse || e.kind == .invalidRequest)
    }

    @Test func truncatedBody() async throws {
        let body = "{\"kind\":\"accounts\",\"data\":[{\"id\":\"IEAAA\",\"name\":\"x\"}]}"
        let e = try #require(try await Self.accountError(.bytes(RawServer.http(200, "OK", body: String(body.prefix(20)),
                                                                               declaredLength: body.utf8.count))))
        #expect(e.kind == .outcomeUnknown || e.kind == .malformedResponse)
        Self.checkPlain(e)
    }

    @Test func closedWithoutAnswer() async throws {
        let e = try #require(try await Self.accountError(.bytes([])))
        #expect([.outcomeUnknown, .offline, .malformedResponse].contains(e.kind))
        Self.checkPlain(e)
    }

    @Test func garbageStatusLine() async throws {
        let e = try #require(try await Self.accountError(.bytes(Array("SSH-2.0-OpenSSH_9.2\r\n\r\n".utf8))))
        Self.checkPlain(e)
    }

    @Test func serverThatNeverAnswersTimesOut() async throws {
        // Bounded by the transport timeout (1 s here) times the attempts, not by the test.
        let e = try #require(try await Self.accountError(.silent, timeout: 1))
        #expect(e.kind == .outcomeUnknown)
        Self.checkPlain(e)
    }

    @Test func postToASilentServerIsNotRepeated() async throws {
        let server = try #require(RawServer(reply: .silent))
        defer { server.stop() }
        let client = try Self.client(server, timeout: 1)
        do {
            _ = try await client.addComment(task: "IEAAAAAQKQAAAAAA", CommentParams(text: "hello"))
            Issue.record("a silent server cannot confirm a comment")
        } catch let error as APIError {
            #expect(error.kind == .outcomeUnknown)
            #expect(error.plainMessage.contains("may or may not"))
        }
        #expect(server.requests == 1)  // never sent twice
    }
}

/// The client's query encoding: what it encodes decodes back to the same values.
@Suite struct PropertyQueryEncodingTests {
    static let text = zip(Gen.int(in: 0...5), Gen.uint32()).array(of: 0...20).map { parts in
        parts.map { kind, v -> String in
            switch kind {
            case 0: return ["&", "=", "?", "#", "+", "%", " ", "/", "\"", "\\", "[", "]", "{", "}", ",", ":"][Int(v % 16)]
            case 1: return "%\(String(v % 256, radix: 16))"
            case 2: return Unicode.Scalar(v % 0x110000).map { String(Character($0)) } ?? "\u{FFFD}"
            case 3: return "\u{1B}]0;x\u{07}"
            default: return String(v % 1000)
            }
        }.joined()
    }

    @Test func percentEncodingRoundTrips() async {
        await propertyCheck(count: 400, input: Self.text) { s in
            let e = WrikeFormat.percentEncode(s)
            #expect(e.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~%".contains($0)) }, "\(e)")
            #expect(e.removingPercentEncoding == s)
        }
    }

    @Test func jsonTextRoundTrips() async throws {
        await propertyCheck(count: 300, input: Self.text.array(of: 0...6)) { values in
            let array = WrikeFormat.jsonArray(values)
            #expect((try? JSONDecoder().decode([String].self, from: Data(array.utf8))) == values, "\(array)")
            for v in values {
                let one = WrikeFormat.jsonString(v)
                #expect((try? JSONDecoder().decode(String.self, from: Data(one.utf8))) == v)
            }
        }
    }

    @Test func queryStringRoundTrips() async {
        await propertyCheck(count: 300, input: zip(Self.text, Self.text).array(of: 0...8)) { pairs in
            let items = pairs.map { QueryItem($0.0.isEmpty ? "k" : $0.0, $0.1) }
            let qs = WrikeFormat.queryString(items)
            var decoded: [QueryItem] = []
            for part in qs.split(separator: "&", omittingEmptySubsequences: false) where !qs.isEmpty {
                let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                decoded.append(QueryItem(String(kv[0]).removingPercentEncoding ?? "?",
                                         kv.count > 1 ? (String(kv[1]).removingPercentEncoding ?? "?") : ""))
            }
            #expect(decoded == items, "\(qs)")
        }
    }
}
