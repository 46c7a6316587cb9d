// How the store packs dates, timestamps and permalinks, and reads them back.
import Foundation
import TermText
import WrikeAPI

extension Store {
    // MARK: Encodings

    /// `yyyy-MM-dd…` → yyyyMMdd.
    static func day(_ s: String?) -> Int32? {
        guard let s else { return nil }
        var v: Int32 = 0, n = 0
        for (i, b) in s.utf8.prefix(10).enumerated() {
            if i == 4 || i == 7 {
                guard b == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int32(b - 48)
            n += 1
        }
        return n == 8 && v > 0 ? v : nil
    }

    /// yyyyMMdd → `yyyy-MM-dd` (a small string: no allocation; rows on screen ask for it every frame).
    static func formatDay(_ v: Int32) -> String {
        String(unsafeUninitializedCapacity: 10) { out in
            var x = Int(max(0, v))
            for i in stride(from: 9, through: 0, by: -1) {
                if i == 4 || i == 7 { out[i] = UInt8(ascii: "-"); continue }
                out[i] = UInt8(48 + x % 10)
                x /= 10
            }
            return 10
        }
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` → yyyyMMddHHmmss (nil for any other shape).
    static func timestamp(_ s: String?) -> Int64? {
        guard let s else { return nil }
        let u = s.utf8
        guard u.count == 20 else { return nil }
        var v: Int64 = 0
        for (i, b) in u.enumerated() {
            switch i {
            case 4, 7: guard b == UInt8(ascii: "-") else { return nil }
            case 10: guard b == UInt8(ascii: "T") else { return nil }
            case 13, 16: guard b == UInt8(ascii: ":") else { return nil }
            case 19: guard b == UInt8(ascii: "Z") else { return nil }
            default:
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int64(b - 48)
            }
        }
        return v
    }

    static func formatTimestamp(_ v: Int64) -> String {
        var out = Array("0000-00-00T00:00:00Z".utf8)
        var x = v
        for i in stride(from: 18, through: 0, by: -1) where ![4, 7, 10, 13, 16].contains(i) {
            out[i] = UInt8(48 + x % 10)
            x /= 10
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A permalink as a shared prefix and the number after its last `=` (`…/open.htm?id=123`); links of
    /// another shape are kept whole as the prefix.
    static func splitPermalink(_ link: String) -> (prefix: String, number: UInt64) {
        let u = Array(link.utf8)
        guard let eq = u.lastIndex(of: UInt8(ascii: "=")) else { return (link, .max) }
        let digits = u[(eq + 1)...]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              digits.first != 48 || digits.count == 1 else { return (link, .max) }
        var n: UInt64 = 0
        for b in digits { n = n * 10 + UInt64(b - 48) }
        return (String(decoding: u[...eq], as: UTF8.self), n)
    }
}
