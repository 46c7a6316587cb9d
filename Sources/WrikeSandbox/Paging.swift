import Foundation

/// Page windows and opaque `nextPageToken`s. A token carries only the offset and the page size:
/// filters and `fields` are not remembered (like Wrike), the client must resend them.
enum Paging {
    struct Window {
        var range: Range<Int>
        var nextPageToken: String?
        /// Total count, set when paging (`pageSize` or `nextPageToken` present).
        var responseSize: Int?
    }

    /// - `cap`: the silent cap applied without `pageSize` (1000 for tasks; nil = everything).
    static func window(total: Int, params p: Params, cap: Int?) throws -> Window {
        let pageSize = try p.int("pageSize")
        if let pageSize, !(1...1000).contains(pageSize) {
            throw APIError.invalidParameter("pageSize", "must be between 1 and 1000")
        }
        if let token = try p.string("nextPageToken") {
            guard let (offset, size) = decode(token) else { throw APIError.invalidParameter("nextPageToken") }
            let size2 = pageSize ?? size
            return make(total: total, offset: offset, size: size2)
        }
        if let pageSize { return make(total: total, offset: 0, size: pageSize) }
        return Window(range: 0..<min(total, cap ?? total), nextPageToken: nil, responseSize: nil)
    }

    private static func make(total: Int, offset: Int, size: Int) -> Window {
        let start = min(offset, total)
        let end = min(total, start + size)
        let next = end < total ? encode(offset: end, size: size) : nil
        return Window(range: start..<end, nextPageToken: next, responseSize: total)
    }

    static func encode(offset: Int, size: Int) -> String {
        base32("wsb1:\(offset):\(size)")
    }

    static func decode(_ token: String) -> (Int, Int)? {
        guard let raw = unbase32(token) else { return nil }
        let parts = raw.split(separator: ":")
        guard parts.count == 3, parts[0] == "wsb1", let o = Int(parts[1]), let s = Int(parts[2]),
              o >= 0, (1...1000).contains(s) else { return nil }
        return (o, s)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// Upper-case base32 without padding: looks like Wrike's tokens, survives any URL encoding.
    static func base32(_ text: String) -> String {
        var out = ""
        var buffer = 0, bits = 0
        for byte in text.utf8 {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    static func unbase32(_ token: String) -> String? {
        var bytes: [UInt8] = []
        var buffer = 0, bits = 0
        for ch in token {
            guard let v = alphabet.firstIndex(of: ch) else { return nil }
            buffer = ((buffer << 5) | v) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }
}
