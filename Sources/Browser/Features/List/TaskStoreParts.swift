// The task store's parts: packed task ids, interned values, the slot of one task.
import Foundation
import TermText
import WrikeAPI

/// A Wrike id packed into 16 bytes (Wrike ids are 16 ASCII characters; shorter ones are zero-padded).
/// Ids that do not fit live in the pool's overflow table (`hi == overflow`, `lo` its index): 0xFF bytes
/// never occur in UTF-8, so a packed id cannot look like that.
struct TaskKey: Hashable, Sendable {
    var lo: UInt64
    var hi: UInt64
    static let overflow = UInt64.max

    /// The packed form, or nil when `s` is longer than 16 bytes or contains NUL.
    static func packed(_ s: String) -> TaskKey? {
        if let k = s.utf8.withContiguousStorageIfAvailable({ pack($0) }) { return k }
        return Array(s.utf8).withUnsafeBufferPointer { pack($0) }
    }

    /// The bytes in memory order: the first 8 in `lo`, the rest in `hi`, zero-padded.
    static func pack(_ b: UnsafeBufferPointer<UInt8>) -> TaskKey? {
        let n = b.count
        guard n <= 16 else { return nil }
        var k = TaskKey(lo: 0, hi: 0)
        guard n > 0, let base = b.baseAddress else { return k }
        if memchr(base, 0, n) != nil { return nil }
        withUnsafeMutableBytes(of: &k.lo) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: min(n, 8))) }
        if n > 8 {
            withUnsafeMutableBytes(of: &k.hi) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + 8, count: n - 8)) }
        }
        return k
    }
}

/// Ids as `TaskKey`s, with the overflow table for ids that do not pack.
struct IdPool: Sendable {
    private(set) var long: [String] = []
    private var longIndex: [String: UInt64] = [:]

    mutating func key(_ s: String) -> TaskKey {
        if let k = TaskKey.packed(s) { return k }
        if let i = longIndex[s] { return TaskKey(lo: i, hi: TaskKey.overflow) }
        let i = UInt64(long.count)
        long.append(s)
        longIndex[s] = i
        return TaskKey(lo: i, hi: TaskKey.overflow)
    }

    /// The key of an id already seen (nil: it cannot be in the list).
    func find(_ s: String) -> TaskKey? {
        if let k = TaskKey.packed(s) { return k }
        return longIndex[s].map { TaskKey(lo: $0, hi: TaskKey.overflow) }
    }

    func string(_ k: TaskKey) -> String {
        if k.hi == TaskKey.overflow { return long.indices.contains(Int(k.lo)) ? long[Int(k.lo)] : "" }
        return withUnsafeBytes(of: k.lo) { lo in
            withUnsafeBytes(of: k.hi) { hi in
                var n = 0
                while n < 16 && (n < 8 ? lo[n] : hi[n - 8]) != 0 { n += 1 }
                return String(unsafeUninitializedCapacity: n) { buf in
                    for i in 0..<n { buf[i] = i < 8 ? lo[i] : hi[i - 8] }
                    return n
                }
            }
        }
    }

    var bytes: Int { long.count * 80 + longIndex.count * 40 }
}

/// Distinct values, each stored once, referred to by position.
struct Interner<Value: Hashable & Sendable>: Sendable {
    private(set) var values: [Value] = []
    private var index: [Value: Int32] = [:]

    mutating func intern(_ v: Value) -> Int32 {
        if let i = index[v] { return i }
        let i = Int32(values.count)
        values.append(v)
        index[v] = i
        return i
    }

    subscript(i: Int32) -> Value { values[Int(i)] }
    var count: Int { values.count }
}

/// A run of bytes in a shared buffer, or of keys in the link buffer (`count == .max`: nil).
struct Run: Sendable, Hashable {
    var start: UInt32
    var count: UInt32
    static let none = Run(start: 0, count: .max)
    var isNone: Bool { count == .max }
}

/// Status of a task as Wrike sends it (custom status id and group), interned.
struct StatusKey: Hashable, Sendable {
    var custom: String?
    var status: TaskStatus?
}

/// What the list shows for a status, from the directory.
struct StatusLook: Sendable {
    var name: String
    var color: StatusColor?
    var finished: Bool
    var rank: Int32
    var folded: [UInt8]
}

/// What the list shows for a set of assignees, from the directory.
struct AssigneeLook: Sendable {
    var text: String
    var folded: [UInt8]
}

/// One task in the store (80 bytes). Refs are positions in the interners, -1 for nil.
struct Slot: Sendable {
    var key: TaskKey
    /// The title as shown (sanitized, one line) in `Store.text`.
    var title: Run
    /// `updatedDate` as seconds since 1970 (`Store.noTime`: none).
    var updated: UInt32
    /// `createdDate` as seconds since 1970 (`Store.noTime`: none; the `created` column).
    var created: UInt32
    /// The digits after the last `=` of the permalink (`Store.wholeLink`: the prefix is the whole link).
    var permalinkNumber: UInt32
    /// superTaskIds, subTaskIds and dependencyIds in `Store.links` (`LinkHead`).
    var links: UInt32
    var status: Int32
    var assignees: Int32
    var parents: Int32
    /// `authorIds` (the `author` column; lists carry them only when asked for), -1 without.
    var authors: Int32
    var permalinkPrefix: Int32
    var importance: Int32
    var dateType: Int32
    /// `yyyyMMdd`, 0 without one.
    var start: Int32
    var due: Int32
    /// Position of the first super task in the store, or -1 (derived).
    var parent: Int32
}

/// Where a task's three id lists live in `Store.links`. Most tasks of a list page have all three
/// empty (or all three absent): that takes no room. Otherwise `links[at]` is a head holding the three
/// counts and which lists are absent, and the ids follow it: super tasks, subtasks, dependencies.
enum LinkHead {
    /// superTaskIds, subTaskIds and dependencyIds all absent.
    static let absent = UInt32.max
    /// All three present and empty.
    static let empty = UInt32.max - 1

    /// The head entry for lists of `a`, `b` and `c` ids (nil: absent).
    static func head(_ a: Int?, _ b: Int?, _ c: Int?) -> TaskKey {
        func n(_ c: Int?) -> UInt64 { UInt64(UInt32(clamping: c ?? 0)) }
        func absent(_ c: Int?, _ i: UInt64) -> UInt64 { c == nil ? 1 << (32 + i) : 0 }
        return TaskKey(lo: n(a) | n(b) << 32, hi: n(c) | absent(a, 0) | absent(b, 1) | absent(c, 2))
    }

    /// The three runs of a task whose slot says `at` (nil: the buffer does not hold what the head says).
    static func runs(_ at: UInt32, _ links: UnsafeBufferPointer<TaskKey>) -> (super: Run, sub: Run, dependencies: Run)? {
        if at == absent { return (.none, .none, .none) }
        if at == empty {
            let e = Run(start: 0, count: 0)
            return (e, e, e)
        }
        guard Int(at) < links.count else { return nil }
        let h = links[Int(at)]
        guard h.hi >> 35 == 0 else { return nil }
        var start = UInt64(at) + 1
        func run(_ count: UInt64, _ i: UInt64) -> Run? {
            let c = UInt32(truncatingIfNeeded: count)
            if h.hi & (1 << (32 + i)) != 0 { return c == 0 ? Run.none : nil }
            guard start + UInt64(c) <= UInt64(links.count) else { return nil }
            defer { start += UInt64(c) }
            return Run(start: UInt32(start), count: c)
        }
        guard let a = run(h.lo, 0), let b = run(h.lo >> 32, 1), let c = run(h.hi, 2) else { return nil }
        return (a, b, c)
    }
}
