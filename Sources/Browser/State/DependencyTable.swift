// The dependencies the app knows (State/Catalog.swift `dependencies`), for the "blocked" marker and the
// detail: tens of thousands when a big folder is listed. Kept compactly: the ids back to back in one byte
// buffer, predecessor and successor as packed task keys, the relation interned, positions indexed by the
// id's hash (`PositionTable`, Features/List/TaskKeyIndex.swift): 80–130 bytes a dependency (arrays grown
// by doubling) instead of a dictionary entry of three decoded strings (~300 bytes).
import WrikeAPI

/// Dependencies by id.
public struct DependencyTable: Sendable {
    struct Entry: Sendable {
        /// The dependency's id in `idBytes`.
        var id: Run
        var predecessor: TaskKey
        var successor: TaskKey
        var relation: Int32
        /// Minutes (`noLag`: none), clamped to ±2,147,483,647.
        var lag: Int32
    }

    static let noLag = Int32.min

    private var entries: [Entry] = []
    private var idBytes: [UInt8] = []
    private var taskIds = IdPool()
    private var relations = Interner<String>()
    private var index = PositionTable()

    public init() {}

    public var count: Int { entries.count }

    public subscript(id: String) -> Dependency? { position(id).map { dependency(at: Int($0)) } }

    /// Stores `d` under its id, or replaces the one stored under it.
    public mutating func insert(_ d: Dependency) {
        var entry = Entry(id: Run(start: 0, count: 0), predecessor: taskIds.key(d.predecessorId),
                          successor: taskIds.key(d.successorId), relation: relations.intern(d.relationType.rawValue),
                          lag: d.lagTime.map { Int32(clamping: Swift.max($0, Int(Self.noLag) + 1)) } ?? Self.noLag)
        if let p = position(d.id) {
            entry.id = entries[Int(p)].id
            entries[Int(p)] = entry
            return
        }
        entry.id = Run(start: UInt32(idBytes.count), count: UInt32(d.id.utf8.count))
        idBytes.append(contentsOf: d.id.utf8)
        let p = Int32(entries.count)
        entries.append(entry)
        let all = entries, bytes = idBytes
        all.withUnsafeBufferPointer { all in
            bytes.withUnsafeBufferPointer { bytes in
                index.insert(p, Self.hash(Self.idBytes(entry.id, bytes))) { Self.hash(Self.idBytes(all[Int($0)].id, bytes)) }
            }
        }
    }

    /// Every dependency, in the order they were first stored, each made as it is reached (nothing is
    /// held for all of them at once).
    public var values: LazyMapSequence<Range<Int>, Dependency> { (0..<entries.count).lazy.map { dependency(at: $0) } }

    /// Approximate heap bytes (tests, the benchmark).
    public var bytes: Int {
        entries.capacity * MemoryLayout<Entry>.stride + idBytes.capacity + index.bytes + taskIds.bytes + relations.count * 64
    }

    // MARK: Inside

    private func position(_ id: String) -> Int32? {
        var id = id
        return id.withUTF8 { u in
            idBytes.withUnsafeBufferPointer { bytes in
                entries.withUnsafeBufferPointer { entries in
                    index.find(Self.hash(u)) { p in
                        Self.idBytes(entries[Int(p)].id, bytes).elementsEqual(u)
                    }
                }
            }
        }
    }

    private func dependency(at i: Int) -> Dependency {
        let e = entries[i]
        let id = idBytes.withUnsafeBufferPointer { String(decoding: Self.idBytes(e.id, $0), as: UTF8.self) }
        return Dependency(id: id, predecessorId: taskIds.string(e.predecessor), successorId: taskIds.string(e.successor),
                          relationType: RelationType(rawValue: relations[e.relation]),
                          lagTime: e.lag == Self.noLag ? nil : Int(e.lag))
    }

    private static func idBytes(_ r: Run, _ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(r.start)..<Int(r.start + r.count)])
    }

    /// FNV-1a over the id's bytes, mixed.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return PositionTable.mix(h)
    }
}
