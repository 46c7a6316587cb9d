import Foundation

/// HTTP/1.1 on the wire, as `SocketTransport` speaks it: the request's bytes, and a response read from a
/// byte source (status line, headers, then a body by `Content-Length`, `chunked`, or up to the close).
/// No I/O of its own: the source is a connection or, in tests, bytes in memory.
enum HTTPWire {
    /// What went wrong reading an answer. `closedEarly` before the first byte of the answer is told apart
    /// (`nothingReceived`): a GET on a reused connection may then be sent again on a fresh one.
    enum ReadError: Error, Equatable {
        case nothingReceived
        case closedEarly
        case malformed(String)
        case timedOut
        case failed
        case cancelled
        /// A body in an encoding other than gzip, or a damaged or cut-short gzip body.
        case badEncoding(String)
        /// A body (once inflated) over the transport's limit.
        case tooLarge(limit: Int)

        init(_ f: GzipInflater.Failure) {
            switch f {
            case .damaged(let why): self = .badEncoding("a damaged gzip body: \(why)")
            case .truncated: self = .badEncoding("a gzip body cut short")
            case .tooLarge(let limit): self = .tooLarge(limit: limit)
            }
        }
    }

    static let maxHeadBytes = 64 * 1024

    /// The request head and body: `target` is the path and query, already percent-encoded.
    static func requestBytes(method: String, target: String, hostHeader: String, headers: [(String, String)],
                             body: Data?) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
        for (name, value) in headers where isSafeHeader(name, value) { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if let body { bytes.append(contentsOf: body) }
        return bytes
    }

    /// No CR or LF inside (a header cannot smuggle another line), and a token for a name.
    static func isSafeHeader(_ name: String, _ value: String) -> Bool {
        !name.isEmpty && !name.utf8.contains { $0 <= 32 || $0 == UInt8(ascii: ":") || $0 >= 127 }
            && !value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }

    /// The status line and headers of an answer.
    struct Head: Equatable {
        var status: Int
        var headers: [String: String]
        /// The server keeps the connection open for another request.
        var keepAlive: Bool
        var body: BodyLength
    }

    enum BodyLength: Equatable {
        case none, length(Int), chunked, untilClose
    }

    /// Reads a head, skipping interim (1xx) answers. `method` decides whether a body follows (HEAD: none).
    static func readHead(_ reader: ByteReader, method: String) throws(ReadError) -> Head {
        var first = true
        while true {
            let line: String
            do { line = try reader.readLine(limit: maxHeadBytes) } catch .closedEarly where first {
                throw .nothingReceived
            }
            first = false
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...999).contains(status)
            else { throw .malformed("not an HTTP/1.x status line") }
            var headers: [String: String] = [:]
            var total = line.utf8.count
            while true {
                let h = try reader.readLine(limit: maxHeadBytes)
                total += h.utf8.count
                if total > maxHeadBytes { throw .malformed("headers too long") }
                if h.isEmpty { break }
                guard let colon = h.firstIndex(of: ":") else { throw .malformed("a header without a colon") }
                let name = String(h[..<colon])
                let value = h[h.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if let key = headers.keys.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
                    headers[key] = headers[key].map { $0 + ", " + value } ?? value
                } else {
                    headers[name] = value
                }
            }
            if (100..<200).contains(status) && status != 101 { continue }
            return try head(status: status, headers: headers, http10: parts[0] == "HTTP/1.0", method: method)
        }
    }

    private static func head(status: Int, headers: [String: String], http10: Bool, method: String) throws(ReadError) -> Head {
        func value(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        let connection = value("Connection")?.lowercased() ?? ""
        var keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close")
        let body: BodyLength
        if method == "HEAD" || status == 204 || status == 304 {
            body = .none
        } else if let te = value("Transfer-Encoding")?.lowercased(), te.contains("chunked") {
            body = .chunked
        } else if let cl = value("Content-Length") {
            guard let n = Int(cl.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""), n >= 0
            else { throw .malformed("a bad Content-Length") }
            body = .length(n)
        } else {
            body = .untilClose
            keepAlive = false
        }
        return Head(status: status, headers: headers, keepAlive: keepAlive, body: body)
    }

    /// Reads the body that `head` announces, handing it to `deliver` piece by piece.
    static func readBody(_ head: Head, _ reader: ByteReader, deliver: (Data) throws -> Void) throws {
        switch head.body {
        case .none:
            return
        case .length(let n):
            try reader.readExactly(n, deliver: deliver)
        case .untilClose:
            try reader.readToEnd(deliver: deliver)
        case .chunked:
            while true {
                let line = try reader.readLine(limit: 1024)
                let hex = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard let size = Int(hex, radix: 16), size >= 0 else { throw ReadError.malformed("a bad chunk size") }
                if size == 0 {
                    while try !reader.readLine(limit: maxHeadBytes).isEmpty {}
                    return
                }
                try reader.readExactly(size, deliver: deliver)
                guard try reader.readLine(limit: 2).isEmpty else { throw ReadError.malformed("a chunk without its CRLF") }
            }
        }
    }
}

/// Reads bytes from a source through a buffer: lines, exact counts, everything to the end.
final class ByteReader {
    /// Fills `buffer` from its start; returns the count read, 0 at the end of the stream.
    typealias Source = (UnsafeMutableRawBufferPointer) throws(HTTPWire.ReadError) -> Int

    private let source: Source
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk: [UInt8]

    init(chunkSize: Int = 64 * 1024, source: @escaping Source) {
        self.source = source
        self.chunk = [UInt8](repeating: 0, count: chunkSize)
    }

    private var available: Int { buffer.count - start }

    /// Reads more into the buffer; false at the end of the stream.
    private func fill() throws(HTTPWire.ReadError) -> Bool {
        let read = chunk.withUnsafeMutableBytes { raw -> Result<Int, HTTPWire.ReadError> in
            do throws(HTTPWire.ReadError) { return .success(try source(raw)) } catch { return .failure(error) }
        }
        let n = try read.get()
        if n == 0 { return false }
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    /// One line without its CRLF (a bare LF ends a line too).
    func readLine(limit: Int) throws(HTTPWire.ReadError) -> String {
        var scanned = 0  // bytes after `start` known to hold no LF (`fill` may move the buffer's start)
        while true {
            if let lf = buffer[(start + scanned)...].firstIndex(of: 10) {
                var end = lf
                if end > start && buffer[end - 1] == 13 { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = lf + 1
                return line
            }
            scanned = available
            if available > limit { throw .malformed("a line too long") }
            guard try fill() else { throw .closedEarly }
        }
    }

    func readExactly(_ count: Int, deliver: (Data) throws -> Void) throws {
        var left = count
        while left > 0 {
            if available == 0 {
                buffer.removeAll(keepingCapacity: true)
                start = 0
                guard try fill() else { throw HTTPWire.ReadError.closedEarly }
            }
            let n = min(left, available)
            try deliver(Data(buffer[start..<start + n]))
            start += n
            left -= n
        }
    }

    func readToEnd(deliver: (Data) throws -> Void) throws {
        while true {
            if available > 0 {
                try deliver(Data(buffer[start...]))
                start = buffer.count
            }
            buffer.removeAll(keepingCapacity: true)
            start = 0
            guard try fill() else { return }
        }
    }
}
