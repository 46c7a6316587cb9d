// gzip answers: the transport asks for them, inflates them through zlib (whole or streamed), refuses damaged,
// cut-short and oversized ones in plain words.
import CZlib
import Foundation
import Testing

@testable import WrikeAPI

/// `data` compressed as one gzip member (zlib's deflate with a gzip wrapper).
func gzipped(_ data: Data) -> [UInt8] {
    var s = z_stream()
    guard deflateInit2_(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                        Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
    defer { deflateEnd(&s) }
    var input = [UInt8](data)
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&s, uLong(input.count))) + 64)
    let produced = input.withUnsafeMutableBufferPointer { i in
        out.withUnsafeMutableBufferPointer { o -> Int in
            s.next_in = i.baseAddress
            s.avail_in = uInt(i.count)
            s.next_out = o.baseAddress
            s.avail_out = uInt(o.count)
            guard deflate(&s, Z_FINISH) == Z_STREAM_END else { return -1 }
            return o.count - Int(s.avail_out)
        }
    }
    return produced < 0 ? [] : Array(out[0..<produced])
}

/// `got` is exactly `want`; otherwise one issue with both sizes and the first differing offset. (`#expect(a == b)`
/// on two large `Data` values computes a collection difference for its message: ~1 MB each took minutes.)
func expectSameBytes(_ got: Data, _ want: Data, sourceLocation: SourceLocation = #_sourceLocation) {
    guard got != want else { return }
    let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
    Issue.record("\(got.count) bytes, expected \(want.count); first difference at byte \(first)", sourceLocation: sourceLocation)
}

@Suite struct GzipInflaterTests {
    static let text = Data((0..<20_000).map { "line \($0) of a JSON answer {\"id\":\"IEAAAAA\($0)\"}\n" }.joined().utf8)

    /// Fed in pieces of every size from 1 byte up, the inflated bytes are exactly the original.
    @Test(arguments: [1, 7, 512, 100_000])
    func inflatesPieceByPieceExactly(piece: Int) throws {
        let z = gzipped(Self.text)
        #expect(z.count > 0 && z.count < Self.text.count / 4)
        let inflater = try GzipInflater(limit: 10_000_000)
        var out = Data()
        var at = 0
        while at < z.count {
            try inflater.feed(Data(z[at..<min(at + piece, z.count)])) { out.append($0) }
            at += piece
        }
        try inflater.finish()
        expectSameBytes(out, Self.text)
    }

    @Test func cutShortDamagedAndTrailingDataAreErrors() throws {
        let z = gzipped(Self.text)
        let cut = try GzipInflater(limit: 10_000_000)
        try cut.feed(Data(z.prefix(z.count - 10))) { _ in }
        #expect(throws: GzipInflater.Failure.truncated) { try cut.finish() }

        var bad = z
        bad[bad.count - 6] ^= 0xFF  // the CRC
        let damaged = try GzipInflater(limit: 10_000_000)
        #expect(throws: GzipInflater.Failure.self) { try damaged.feed(Data(bad)) { _ in } }

        let notGzip = try GzipInflater(limit: 10_000_000)
        #expect(throws: GzipInflater.Failure.self) { try notGzip.feed(Data("{\"data\":[]}".utf8)) { _ in } }

        let trailing = try GzipInflater(limit: 10_000_000)
        #expect(throws: GzipInflater.Failure.self) { try trailing.feed(Data(z + [1, 2, 3])) { _ in } }
    }

    /// 64 MB of zeros in ~64 KB: refused as soon as the inflated bytes pass the limit.
    @Test func aBombStopsAtTheLimit() throws {
        let z = gzipped(Data(count: 64 * 1_048_576))
        #expect(z.count < 100_000)
        let inflater = try GzipInflater(limit: 1_048_576)
        var delivered = 0
        #expect(throws: GzipInflater.Failure.tooLarge(limit: 1_048_576)) {
            try inflater.feed(Data(z)) { delivered += $0.count }
        }
        #expect(delivered <= 1_048_576)
    }
}

@Suite(.serialized) struct SocketTransportGzipTests {
    static func answer(_ body: [UInt8], chunked: Bool = false) -> RawServer.Reply {
        var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nConnection: close\r\n"
        var payload = body
        if chunked {
            head += "Transfer-Encoding: chunked\r\n\r\n"
            payload = []
            var at = 0
            while at < body.count {
                let piece = body[at..<min(at + 1000, body.count)]
                payload += Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Array("\r\n".utf8)
                at += 1000
            }
            payload += Array("0\r\n\r\n".utf8)
        } else {
            head += "Content-Length: \(body.count)\r\n\r\n"
        }
        return .bytes(Array(head.utf8) + payload)
    }

    static func failure(_ reply: RawServer.Reply, maxBodyBytes: Int = 256 * 1_048_576, stream: Bool = false) async throws -> String? {
        let server = try #require(RawServer(reply: reply))
        defer { server.stop() }
        let transport = try SocketTransport(baseURL: server.baseURL, timeout: inProcessHTTPTimeout, maxBodyBytes: maxBodyBytes)
        do {
            if stream {
                _ = try await transport.stream(HTTPRequest(path: "/attachments/A/download")) { _ in }
            } else {
                _ = try await transport.send(HTTPRequest(path: "/account"))
            }
            return nil
        } catch let e as TransportError {
            guard case .outcomeUnknown(let why) = e else { Issue.record("expected outcomeUnknown: \(e)"); return nil }
            return why
        }
    }

    @Test func asksForGzipAndReadsTheAnswerBackExactly() async throws {
        let server = try #require(RawServer(reply: Self.answer(gzipped(GzipInflaterTests.text))))
        defer { server.stop() }
        let transport = try SocketTransport(baseURL: server.baseURL, timeout: inProcessHTTPTimeout)
        let r = try await transport.send(HTTPRequest(path: "/account"))
        #expect(r.status == 200)
        expectSameBytes(r.body, GzipInflaterTests.text)
        #expect(r.header("Content-Encoding") == nil)
        #expect(server.lastRequest.contains("\r\nAccept-Encoding: gzip\r\n"), "\(server.lastRequest)")
    }

    @Test func aStreamedGzipDownloadArrivesInflatedPieceByPiece() async throws {
        let server = try #require(RawServer(reply: Self.answer(gzipped(GzipInflaterTests.text), chunked: true)))
        defer { server.stop() }
        let transport = try SocketTransport(baseURL: server.baseURL, timeout: inProcessHTTPTimeout)
        let got = Box<[Data]>([])
        let r = try await transport.stream(HTTPRequest(path: "/attachments/A/download")) { piece in got.with { $0.append(piece) } }
        #expect(r.status == 200 && r.body.isEmpty)
        #expect(got.get.count > 1)
        expectSameBytes(got.get.reduce(Data(), +), GzipInflaterTests.text)
    }

    @Test func aCutShortOrDamagedGzipBodyIsAPlainError() async throws {
        let z = gzipped(GzipInflaterTests.text)
        let cut = try await Self.failure(Self.answer(Array(z.prefix(z.count - 20))))
        #expect(cut == "network: not a readable HTTP answer (a gzip body cut short)")
        var bad = z
        bad[bad.count - 6] ^= 0xFF
        let damaged = try #require(try await Self.failure(Self.answer(bad)))
        #expect(damaged.hasPrefix("network: not a readable HTTP answer (a damaged gzip body: "), "\(damaged)")
    }

    @Test func aGzipBombIsRefusedAtTheBodyLimitWholeOrStreamed() async throws {
        let bomb = Self.answer(gzipped(Data(count: 16 * 1_048_576)))
        #expect(try await Self.failure(bomb, maxBodyBytes: 1_048_576) == "network: the answer is larger than 1 MB")
        #expect(try await Self.failure(bomb, maxBodyBytes: 1_048_576, stream: true) == "network: the answer is larger than 1 MB")
    }
}
