// Indexes from a key to a position in an array that holds the keys: open addressing over positions.
//
// A `[TaskKey: Int32]` dictionary holds each key a second time (16 bytes) next to its value in buckets at
// most three-quarters full: ~50 bytes per task at 100,000 tasks. These tables hold only positions (4 bytes)
// in buckets at most half full and compare against the keys the array already holds: 8–16 bytes per entry.

/// Positions in buckets by hash; what a position's key is, and whether it matches, the caller says.
struct PositionTable: Sendable {
    /// Positions, -1 for an empty bucket; the count is 0 or a power of two.
    private var table: [Int32] = []
    private(set) var count = 0

    /// Bytes held.
    var bytes: Int { table.capacity * 4 }

    /// The position whose key has `hash` and `matches`.
    func find(_ hash: Int, _ matches: (Int32) -> Bool) -> Int32? {
        guard !table.isEmpty else { return nil }
        return table.withUnsafeBufferPointer { t in
            let mask = t.count - 1
            var b = hash & mask
            while true {
                let p = t[b]
                if p < 0 { return nil }
                if matches(p) { return p }
                b = (b + 1) & mask
            }
        }
    }

    /// Room for `n` positions without rehashing; `hash` gives the hash of an indexed position's key.
    mutating func reserve(_ n: Int, hash: (Int32) -> Int) {
        var size = 16
        while size < n * 2 { size <<= 1 }
        guard size > table.count else { return }
        var t = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for p in table where p >= 0 {
            var b = hash(p) & mask
            while t[b] >= 0 { b = (b + 1) & mask }
            t[b] = p
        }
        table = t
    }

    /// Indexes `position` (not indexed yet), whose key has `hash`.
    mutating func insert(_ position: Int32, _ hash: Int, rehash: (Int32) -> Int) {
        if (count + 1) * 2 > table.count { reserve(Swift.max(16, (count + 1) * 2), hash: rehash) }
        let mask = table.count - 1
        var b = hash & mask
        while table[b] >= 0 { b = (b + 1) & mask }
        table[b] = position
        count += 1
    }

    /// A 64-bit mix with the high bits folded down.
    static func mix(_ x: UInt64) -> Int {
        var h = x
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }
}

/// The store's index from a task's key to its slot.
struct TaskKeyIndex: Sendable {
    private var positions = PositionTable()
    var count: Int { positions.count }
    var bytes: Int { positions.bytes }

    static func hash(_ k: TaskKey) -> Int {
        // Both halves mixed (ids of one account share long prefixes).
        PositionTable.mix((k.lo &* 0x9E37_79B9_7F4A_7C15) ^ (k.hi &* 0xBF58_476D_1CE4_E5B9))
    }

    /// The position of the slot holding `key`.
    func find(_ key: TaskKey, in slots: UnsafeBufferPointer<Slot>) -> Int32? {
        positions.find(Self.hash(key)) { p in Int(p) < slots.count && slots[Int(p)].key == key }
    }

    func find(_ key: TaskKey, in slots: [Slot]) -> Int32? {
        slots.withUnsafeBufferPointer { find(key, in: $0) }
    }

    /// Room for `n` keys without rehashing (the slots whose keys are indexed already must be `slots`).
    mutating func reserve(_ n: Int, slots: [Slot]) {
        positions.reserve(n) { Self.hash(slots[Int($0)].key) }
    }

    /// Indexes `slots[position]`, whose key is not indexed yet; `slots[..<position]` are indexed.
    mutating func insert(_ position: Int32, slots: [Slot]) {
        positions.insert(position, Self.hash(slots[Int(position)].key)) { Self.hash(slots[Int($0)].key) }
    }
}
