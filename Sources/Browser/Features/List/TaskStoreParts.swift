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

/// One task in the store (104 bytes). Refs are positions in the interners, -1 for nil.
struct Slot: Sendable {
    var key: TaskKey
    /// The title as shown (sanitized, one line) in `Store.text`.
    var title: Run
    /// `yyyyMMddHHmmss` of `updatedDate`, -1 without one.
    var updated: Int64
    /// `yyyyMMddHHmmss` of `createdDate`, -1 without one (the `created` column).
    var created: Int64
    /// The digits after the last `=` of the permalink (UInt64.max: the prefix is the whole link).
    var permalinkNumber: UInt64
    var superIds: Run
    var subIds: Run
    var dependencyIds: Run
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
