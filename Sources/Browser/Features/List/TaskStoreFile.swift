// The list's compact store (TaskStore.swift) as bytes, for the screen kept on disk (Features/Snapshot):
// the fixed-size columns (slots, title bytes, folded titles, links, sort order) are copied as they are in
// memory, the interned values are written as length-prefixed UTF-8. Reading it back is a few copies and
// one dictionary build: no task is decoded or sorted again. The layout is this build's (the sizes of
// `Slot` and `TaskKey` are in the header; the app version is checked by the file's owner), and every
// reference is checked on reading: damage is a nil, never a crash.
import WrikeAPI

/// A list's rows read back from disk: the store and its sort order (the display looks follow the directory).
public struct KeptRows: Sendable {
    let store: Store
    let sorted: [Int32]
    public var count: Int { store.count }
    /// The tasks as the list knows them (tests, tools).
    public var tasks: [WrikeTask] { (0..<store.count).map { store.task($0) } }
}

extension TaskListState {
    /// The loaded tasks and their order, as bytes.
    func keptRows() -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(MemoryLayout<Slot>.stride))
        w.u32(UInt32(MemoryLayout<TaskKey>.stride))
        store.write(&w)
        w.raw(sorted)
        return w.out
    }

    static func readKeptRows(_ bytes: ArraySlice<UInt8>) -> KeptRows? {
        var r = ByteReader(bytes)
        guard r.u32() == UInt32(MemoryLayout<Slot>.stride), r.u32() == UInt32(MemoryLayout<TaskKey>.stride),
              let store = Store.read(&r), let sorted = r.raw(Int32.self), r.atEnd,
              sorted.count == store.count, sorted.allSatisfy({ $0 >= 0 && Int($0) < store.count })
        else { return nil }
        return KeptRows(store: store, sorted: sorted)
    }

    /// The list as it was kept: rows in the kept order (the sort and expansion already set), the cursor on `id`.
    mutating func restore(_ kept: KeptRows, directory: Directory, keeping id: String?) {
        store = kept.store
        store.apply(directory)
        sorted = kept.sorted
        refilter(from: nil)
        rebuildRows(keeping: id)
    }
}

extension Store {
    func write(_ w: inout ByteWriter) {
        w.strings(ids.long)
        w.raw(slots)
        w.raw(text)
        w.raw(folded)
        w.raw(foldStart)
        w.raw(foldEnd)
        w.raw(links)
        w.u32(UInt32(statuses.count))
        for s in statuses.values {
            w.string(s.custom)
            w.string(s.status?.rawValue)
        }
        for sets in [assigneeSets, parentSets, authorSets] {
            w.u32(UInt32(sets.count))
            for v in sets.values { w.raw(v) }
        }
        w.strings(strings.values)
    }

    static func read(_ r: inout ByteReader) -> Store? {
        var s = Store()
        guard let long = r.strings() else { return nil }
        for id in long { _ = s.ids.key(id) }
        guard s.ids.long.count == long.count, let slots = r.raw(Slot.self), let text = r.raw(UInt8.self),
              let folded = r.raw(UInt8.self), let foldStart = r.raw(UInt32.self), let foldEnd = r.raw(UInt32.self),
              let links = r.raw(TaskKey.self), let statusCount = r.u32(), Int(statusCount) <= r.remaining
        else { return nil }
        for _ in 0..<statusCount {
            guard let custom = r.string(), let status = r.string() else { return nil }
            _ = s.statuses.intern(StatusKey(custom: custom, status: status.map { TaskStatus(rawValue: $0) }))
        }
        var sets: [Interner<[TaskKey]>] = []
        for _ in 0..<3 {
            guard let n = r.u32(), Int(n) <= r.remaining else { return nil }
            var set = Interner<[TaskKey]>()
            for _ in 0..<n {
                guard let v = r.raw(TaskKey.self) else { return nil }
                _ = set.intern(v)
            }
            guard set.count == Int(n) else { return nil }
            sets.append(set)
        }
        guard let strings = r.strings(), s.statuses.count == Int(statusCount) else { return nil }
        for v in strings { _ = s.strings.intern(v) }
        guard s.strings.count == strings.count else { return nil }
        (s.assigneeSets, s.parentSets, s.authorSets) = (sets[0], sets[1], sets[2])
        (s.slots, s.text, s.folded, s.foldStart, s.foldEnd, s.links) = (slots, text, folded, foldStart, foldEnd, links)
        guard s.isConsistent else { return nil }
        s.keyIndex.reserve(slots.count, slots: [])
        for i in slots.indices {
            guard s.position(of: slots[i].key) == nil else { return nil }  // a key twice
            s.keyIndex.insert(Int32(i), slots: slots)
        }
        return s
    }

    /// Every reference of every slot points inside its table (a damaged file must not crash a read).
    var isConsistent: Bool {
        let n = slots.count
        guard foldStart.count == n, foldEnd.count == n else { return false }
        func inside(_ r: Run, _ count: Int) -> Bool { r.isNone || Int(r.start) + Int(r.count) <= count }
        func ref(_ v: Int32, _ count: Int) -> Bool { v == -1 || (v >= 0 && Int(v) < count) }
        for i in 0..<n {
            let s = slots[i]
            guard !s.title.isNone, inside(s.title, text.count), links.withUnsafeBufferPointer({ LinkHead.runs(s.links, $0) }) != nil,
                  s.status >= 0, Int(s.status) < statuses.count,
                  ref(s.assignees, assigneeSets.count), ref(s.parents, parentSets.count), ref(s.authors, authorSets.count),
                  ref(s.permalinkPrefix, strings.count), ref(s.importance, strings.count), ref(s.dateType, strings.count),
                  ref(s.parent, n),
                  foldStart[i] == Self.asciiTitle || (foldStart[i] <= foldEnd[i] && Int(foldEnd[i]) <= folded.count)
            else { return false }
        }
        return true
    }
}

/// Little-endian counts, raw columns and length-prefixed strings.
struct ByteWriter {
    var out: [UInt8] = []
    static let none = UInt32.max

    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }

    mutating func raw<T: BitwiseCopyable>(_ a: [T]) {
        u32(UInt32(a.count))
        a.withUnsafeBytes { out.append(contentsOf: $0) }
    }

    mutating func string(_ s: String?) {
        guard let s else { return u32(Self.none) }
        u32(UInt32(s.utf8.count))
        out.append(contentsOf: s.utf8)
    }

    mutating func strings(_ list: [String]) {
        u32(UInt32(list.count))
        for s in list { string(s) }
    }
}

struct ByteReader {
    let bytes: ArraySlice<UInt8>
    var at: Int
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        at = bytes.startIndex
    }
    var remaining: Int { bytes.endIndex - at }
    var atEnd: Bool { at == bytes.endIndex }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        let v = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        at += 4
        return v
    }

    mutating func raw<T: BitwiseCopyable>(_: T.Type) -> [T]? {
        guard let n = u32(), Int(n) <= remaining / max(1, MemoryLayout<T>.stride) else { return nil }
        let size = Int(n) * MemoryLayout<T>.stride
        let start = at
        at += size
        return [T](unsafeUninitializedCapacity: Int(n)) { buf, count in
            bytes.withUnsafeBytes { src in
                let from = src.baseAddress.map { UnsafeRawPointer($0) + (start - bytes.startIndex) }
                if let from, let to = buf.baseAddress, size > 0 { UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: size) }
            }
            count = Int(n)
        }
    }

    /// `.some(nil)` for an absent string; nil for damage.
    mutating func string() -> String?? {
        guard let n = u32() else { return nil }
        if n == ByteWriter.none { return .some(nil) }
        guard Int(n) <= remaining else { return nil }
        defer { at += Int(n) }
        return .some(String(decoding: bytes[at..<(at + Int(n))], as: UTF8.self))
    }

    mutating func strings() -> [String]? {
        guard let n = u32(), Int(n) <= remaining / 4 else { return nil }
        var out: [String] = []
        out.reserveCapacity(Int(n))
        for _ in 0..<n {
            guard let s = string(), let s else { return nil }
            out.append(s)
        }
        return out
    }
}
