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

    /// `foldStart` of an ASCII title: it is folded as it is read (`FoldedTitles`).
    static let asciiTitle = UInt32.max
    /// A slot's timestamp that is not there.
    static let noTime = UInt32.max
    /// A slot's permalink number when the prefix is the whole link.
    static let wholeLink = UInt32.max

    /// `yyyy-MM-ddTHH:mm:ssZ` → seconds since 1970-01-01 (nil for any other shape, an impossible date or
    /// time, or one outside 1970-01-01…2106-02-07: Wrike's timestamps are all within).
    static func timestamp(_ s: String?) -> UInt32? {
        guard var s else { return nil }
        return s.withUTF8 { u -> UInt32? in
            guard u.count == 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[10] == UInt8(ascii: "T"),
                  u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"), u[19] == UInt8(ascii: "Z") else { return nil }
            func number(_ at: Int, _ width: Int) -> Int? {
                var v = 0
                for b in u[at..<at + width] {
                    guard b >= 48 && b <= 57 else { return nil }
                    v = v * 10 + Int(b - 48)
                }
                return v
            }
            guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2),
                  let mi = number(14, 2), let sec = number(17, 2),
                  m >= 1 && m <= 12 && d >= 1 && d <= CivilDays.daysIn(month: m, year: y), h < 24, mi < 60, sec < 60
            else { return nil }
            let seconds = CivilDays.days(y, m, d) * 86_400 + h * 3_600 + mi * 60 + sec
            guard seconds >= 0 && seconds < Int(noTime) else { return nil }
            return UInt32(seconds)
        }
    }

    /// Seconds since 1970 → `yyyy-MM-ddTHH:mm:ssZ`.
    static func formatTimestamp(_ v: UInt32) -> String {
        let (y, m, d) = CivilDays.date(Int(v) / 86_400)
        let t = Int(v) % 86_400
        var out = Array("0000-00-00T00:00:00Z".utf8)
        for (value, end, width) in [(y, 3, 4), (m, 6, 2), (d, 9, 2), (t / 3_600, 12, 2), (t / 60 % 60, 15, 2), (t % 60, 18, 2)] {
            var x = value
            for i in stride(from: end, to: end - width, by: -1) {
                out[i] = UInt8(48 + x % 10)
                x /= 10
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A permalink as a shared prefix and the number after its last `=` (`…/open.htm?id=123`, below
    /// 4,294,967,295); links of another shape are kept whole as the prefix.
    static func splitPermalink(_ link: String) -> (prefix: String, number: UInt32) {
        let u = Array(link.utf8)
        guard let eq = u.lastIndex(of: UInt8(ascii: "=")) else { return (link, wholeLink) }
        let digits = u[(eq + 1)...]
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              digits.first != 48 || digits.count == 1 else { return (link, wholeLink) }
        var n: UInt64 = 0
        for b in digits { n = n * 10 + UInt64(b - 48) }
        guard n < UInt64(wholeLink) else { return (link, wholeLink) }
        return (String(decoding: u[...eq], as: UTF8.self), UInt32(n))
    }
}

/// The titles as search and sort read them: the folded copy of a non-ASCII title, or the shown ASCII title
/// lower-cased byte by byte as it is read (the same bytes `TaskListState.fold` gives, without a second copy).
struct FoldedTitles {
    let text: UnsafeBufferPointer<UInt8>
    let folded: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<UInt32>
    let ends: UnsafeBufferPointer<UInt32>
    let slots: UnsafeBufferPointer<Slot>

    /// Task `i`'s title bytes and whether they are still to be lower-cased.
    func title(_ i: Int) -> (bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) {
        if starts[i] == Store.asciiTitle {
            let r = slots[i].title
            return (UnsafeBufferPointer(rebasing: text[Int(r.start)..<Int(r.start + r.count)]), true)
        }
        return (UnsafeBufferPointer(rebasing: folded[Int(starts[i])..<Int(ends[i])]), false)
    }

    @inline(__always) static func lower(_ b: UInt8, _ ascii: Bool) -> UInt8 { ascii && b >= 65 && b <= 90 ? b + 32 : b }

    /// The byte order of the two folded titles (-1, 0, 1).
    func compare(_ a: Int, _ b: Int) -> Int {
        let (x, xa) = title(a), (y, ya) = title(b)
        let n = min(x.count, y.count)
        var i = 0
        while i < n {
            let p = Self.lower(x[i], xa), q = Self.lower(y[i], ya)
            if p != q { return p < q ? -1 : 1 }
            i += 1
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }

    /// Whether task `i`'s folded title contains `needle` (folded).
    func contains(_ i: Int, _ needle: [UInt8]) -> Bool {
        let (hb, ascii) = title(i)
        return TaskListState.contains(hb, needle, foldingASCII: ascii)
    }

    /// Calls `body` with the titles of `store`.
    static func with<R>(_ store: Store, _ body: (FoldedTitles) -> R) -> R {
        store.text.withUnsafeBufferPointer { text in
            store.folded.withUnsafeBufferPointer { folded in
                store.foldStart.withUnsafeBufferPointer { starts in
                    store.foldEnd.withUnsafeBufferPointer { ends in
                        store.slots.withUnsafeBufferPointer { slots in
                            body(FoldedTitles(text: text, folded: folded, starts: starts, ends: ends, slots: slots))
                        }
                    }
                }
            }
        }
    }
}
