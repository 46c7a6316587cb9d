// The listed tasks of a screen snapshot in a compact binary form: the list fields of each task (those
// `TaskListState` keeps, see TaskStore.swift) as length-prefixed UTF-8, no keys, no JSON. 10,000 tasks
// decode in a few milliseconds, where JSONDecoder needs tens. Pure: bytes in, tasks out; any damage
// (short input, bad counts, trailing bytes) is a nil, never a crash.
import WrikeAPI

enum TaskRowsCodec {
    /// Marks an absent string or list.
    private static let none = UInt32.max
    /// Strings and lists longer than this are damage, not data.
    private static let limit = UInt32(16 << 20)

    static func encode(_ tasks: some Collection<WrikeTask>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(tasks.count * 180)
        put(UInt32(tasks.count), &out)
        for t in tasks {
            put(t.id, &out)
            put(t.title, &out)
            put(t.parentIds, &out)
            put(t.responsibleIds, &out)
            put(t.status?.rawValue, &out)
            put(t.importance?.rawValue, &out)
            put(t.createdDate, &out)
            put(t.updatedDate, &out)
            put(t.dates?.type?.rawValue, &out)
            put(t.dates?.start, &out)
            put(t.dates?.due, &out)
            out.append(t.dates == nil ? 0 : 1)
            put(t.authorIds, &out)
            put(t.customStatusId, &out)
            put(t.permalink, &out)
            put(t.superTaskIds, &out)
            put(t.subTaskIds, &out)
            put(t.dependencyIds, &out)
        }
        return out
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> [WrikeTask]? {
        var r = Reader(bytes: bytes)
        guard let n = r.u32(), Int(n) <= bytes.count / 8 else { return nil }
        var tasks: [WrikeTask] = []
        tasks.reserveCapacity(Int(n))
        for _ in 0..<n {
            guard let id = r.string() ?? nil, let title = r.string() ?? nil,
                  let parents = r.list(), let responsibles = r.list(), let status = r.string(), let importance = r.string(),
                  let created = r.string(), let updated = r.string(), let dateType = r.string(), let start = r.string(),
                  let due = r.string(), let hasDates = r.byte(), let authors = r.list(), let custom = r.string(),
                  let link = r.string(), let supers = r.list(), let subs = r.list(), let deps = r.list()
            else { return nil }
            let dates = hasDates == 1 ? TaskDates(type: dateType.map { DateType(rawValue: $0) }, start: start, due: due) : nil
            tasks.append(WrikeTask(id: id, title: title, parentIds: parents, responsibleIds: responsibles,
                                   status: status.map { TaskStatus(rawValue: $0) },
                                   importance: importance.map { Importance(rawValue: $0) },
                                   createdDate: created, updatedDate: updated, dates: dates, authorIds: authors,
                                   customStatusId: custom, permalink: link,
                                   superTaskIds: supers, subTaskIds: subs, dependencyIds: deps))
        }
        return r.atEnd ? tasks : nil
    }

    private static func put(_ v: UInt32, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func put(_ s: String?, _ out: inout [UInt8]) {
        guard let s else { return put(none, &out) }
        put(UInt32(s.utf8.count), &out)
        out.append(contentsOf: s.utf8)
    }

    private static func put(_ list: [String]?, _ out: inout [UInt8]) {
        guard let list else { return put(none, &out) }
        put(UInt32(list.count), &out)
        for s in list { put(s, &out) }
    }

    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var at: Int
        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            at = bytes.startIndex
        }
        var atEnd: Bool { at == bytes.endIndex }

        mutating func byte() -> UInt8? {
            guard at < bytes.endIndex else { return nil }
            defer { at += 1 }
            return bytes[at]
        }

        mutating func u32() -> UInt32? {
            guard bytes.endIndex - at >= 4 else { return nil }
            let v = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
            at += 4
            return v
        }

        /// `.some(nil)` for an absent string; nil for damage.
        mutating func string() -> String?? {
            guard let n = u32() else { return nil }
            if n == TaskRowsCodec.none { return .some(nil) }
            guard n <= TaskRowsCodec.limit, bytes.endIndex - at >= Int(n) else { return nil }
            defer { at += Int(n) }
            return .some(String(decoding: bytes[at..<(at + Int(n))], as: UTF8.self))
        }

        /// `.some(nil)` for an absent list; nil for damage.
        mutating func list() -> [String]?? {
            guard let n = u32() else { return nil }
            if n == TaskRowsCodec.none { return .some(nil) }
            guard Int(n) <= (bytes.endIndex - at) / 4 else { return nil }
            var out: [String] = []
            out.reserveCapacity(Int(n))
            for _ in 0..<n {
                guard let s = string(), let s else { return nil }
                out.append(s)
            }
            return .some(out)
        }
    }
}
