// The store's index from a task's key to its slot: open addressing over slot positions.
//
// A `[TaskKey: Int32]` dictionary holds each key a second time (16 bytes) next to its value in buckets at
// most three-quarters full: ~50 bytes per task at 100,000 tasks. This table holds only positions (4 bytes)
// in buckets at most half full and compares against the keys the slots already hold: 8–16 bytes per task.

struct TaskKeyIndex: Sendable {
    /// Slot positions, -1 for an empty bucket; the count is 0 or a power of two.
    private var table: [Int32] = []
    private(set) var count = 0

    /// Bytes held.
    var bytes: Int { table.capacity * 4 }

    private static func hash(_ k: TaskKey) -> Int {
        // Both halves mixed (ids of one account share long prefixes), then the high bits folded down.
        var h = (k.lo &* 0x9E37_79B9_7F4A_7C15) ^ (k.hi &* 0xBF58_476D_1CE4_E5B9)
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    /// The position of the slot holding `key`.
    func find(_ key: TaskKey, in slots: UnsafeBufferPointer<Slot>) -> Int32? {
        guard !table.isEmpty else { return nil }
        return table.withUnsafeBufferPointer { t in
            let mask = t.count - 1
            var b = Self.hash(key) & mask
            while true {
                let p = t[b]
                if p < 0 { return nil }
                if Int(p) < slots.count && slots[Int(p)].key == key { return p }
                b = (b + 1) & mask
            }
        }
    }

    func find(_ key: TaskKey, in slots: [Slot]) -> Int32? {
        slots.withUnsafeBufferPointer { find(key, in: $0) }
    }

    /// Room for `n` keys without rehashing (the slots whose keys are indexed already must be `slots`).
    mutating func reserve(_ n: Int, slots: [Slot]) {
        var size = 16
        while size < n * 2 { size <<= 1 }
        guard size > table.count else { return }
        var t = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (i, s) in slots.enumerated().prefix(count) {
            var b = Self.hash(s.key) & mask
            while t[b] >= 0 { b = (b + 1) & mask }
            t[b] = Int32(i)
        }
        table = t
    }

    /// Indexes `slots[position]`, whose key is not indexed yet; `slots[..<position]` are indexed.
    mutating func insert(_ position: Int32, slots: [Slot]) {
        if (count + 1) * 2 > table.count { reserve(Swift.max(16, (count + 1) * 2), slots: slots) }
        let mask = table.count - 1
        var b = Self.hash(slots[Int(position)].key) & mask
        while table[b] >= 0 { b = (b + 1) & mask }
        table[b] = position
        count += 1
    }
}
