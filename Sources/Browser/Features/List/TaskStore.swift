// The listed tasks, kept compactly: about 200 bytes per task instead of a decoded `WrikeTask` plus
// display strings (~2.5 KB). Ids are packed into 16 bytes, titles live in two shared byte buffers
// (as shown and folded for search), statuses, assignee sets, parent folders and small enumerations are
// interned once per distinct value, dates are integers. Display strings are made on demand for the rows
// on screen; `task(_:)` rebuilds a summary `WrikeTask` (the list fields) for actions.
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

/// The compact storage of the list.
struct Store: Sendable {
    var ids = IdPool()
    var slots: [Slot] = []
    var keyIndex: [TaskKey: Int32] = [:]
    /// Titles as shown, back to back.
    var text: [UInt8] = []
    /// Folded titles back to back (task i: `foldStart[i]..<foldEnd[i]`): a filter over 100,000 titles reads
    /// one compact buffer instead of 100,000 scattered arrays.
    var folded: [UInt8] = []
    var foldStart: [UInt32] = []
    var foldEnd: [UInt32] = []
    /// superTaskIds, subTaskIds and dependencyIds of every task, back to back.
    var links: [TaskKey] = []
    var statuses = Interner<StatusKey>()
    var statusLooks: [StatusLook] = []
    var assigneeSets = Interner<[TaskKey]>()
    var assigneeLooks: [AssigneeLook] = []
    var parentSets = Interner<[TaskKey]>()
    var authorSets = Interner<[TaskKey]>()
    /// Importance and date type values, permalink prefixes.
    var strings = Interner<String>()

    var count: Int { slots.count }

    mutating func reserve(_ n: Int) {
        guard n > slots.capacity else { return }
        slots.reserveCapacity(n)
        foldStart.reserveCapacity(n)
        foldEnd.reserveCapacity(n)
        keyIndex.reserveCapacity(n)
    }

    // MARK: Writing

    /// Adds a task or replaces the stored one; returns its position and whether it was new.
    mutating func put(_ t: WrikeTask, _ d: Directory) -> (index: Int32, added: Bool) {
        let key = ids.key(t.id)
        let title = Sanitizer.cleanLine(t.title)
        let titleRun = Run(start: UInt32(text.count), count: UInt32(title.utf8.count))
        text.append(contentsOf: title.utf8)
        let f = TaskListState.fold(title)
        let fs = UInt32(folded.count)
        folded.append(contentsOf: f)
        let status = statuses.intern(StatusKey(custom: t.customStatusId, status: t.status))
        if Int(status) == statusLooks.count { statusLooks.append(Self.look(statuses[status], d)) }
        var assignees: Int32 = -1
        if let r = t.responsibleIds {
            assignees = assigneeSets.intern(r.map { ids.key($0) })
            if Int(assignees) == assigneeLooks.count { assigneeLooks.append(look(assigneeSets[assignees], d)) }
        }
        let parents: Int32 = t.parentIds.map { p in parentSets.intern(p.map { ids.key($0) }) } ?? -1
        let authors: Int32 = t.authorIds.map { a in authorSets.intern(a.map { ids.key($0) }) } ?? -1
        var prefix: Int32 = -1, number = UInt64.max
        if let link = t.permalink {
            let (p, n) = Self.splitPermalink(link)
            prefix = strings.intern(p)
            number = n
        }
        let slot = Slot(key: key, title: titleRun, updated: Self.timestamp(t.updatedDate) ?? -1,
                        created: Self.timestamp(t.createdDate) ?? -1,
                        permalinkNumber: number, superIds: addLinks(t.superTaskIds), subIds: addLinks(t.subTaskIds),
                        dependencyIds: addLinks(t.dependencyIds), status: status, assignees: assignees, parents: parents, authors: authors,
                        permalinkPrefix: prefix, importance: t.importance.map { strings.intern($0.rawValue) } ?? -1,
                        dateType: t.dates?.type.map { strings.intern($0.rawValue) } ?? -1,
                        start: Self.day(t.dates?.start) ?? 0, due: Self.day(t.dates?.due) ?? 0, parent: -1)
        if let at = keyIndex[key] {
            slots[Int(at)] = slot
            foldStart[Int(at)] = fs
            foldEnd[Int(at)] = UInt32(folded.count)
            return (at, false)
        }
        let at = Int32(slots.count)
        keyIndex[key] = at
        slots.append(slot)
        foldStart.append(fs)
        foldEnd.append(UInt32(folded.count))
        return (at, true)
    }

    private mutating func addLinks(_ list: [String]?) -> Run {
        guard let list else { return .none }
        let r = Run(start: UInt32(links.count), count: UInt32(list.count))
        for s in list { links.append(ids.key(s)) }
        return r
    }

    /// Re-derives what depends on the directory (status names, order and colours; assignee names).
    mutating func apply(_ d: Directory) {
        statusLooks = statuses.values.map { Self.look($0, d) }
        assigneeLooks = assigneeSets.values.map { look($0, d) }
    }

    static func look(_ s: StatusKey, _ d: Directory) -> StatusLook {
        let st = d.status(customStatusId: s.custom, status: s.status)
        let groupRank: Int32
        switch st.group {
        case .active: groupRank = 0
        case .deferred: groupRank = 1
        case .completed: groupRank = 2
        case .cancelled: groupRank = 3
        default: groupRank = 4
        }
        let order = s.custom.flatMap { d.statusOrder[$0] }.map { Int32(clamping: $0) } ?? 99_999
        return StatusLook(name: st.name, color: st.color, finished: st.group != .active && st.group != .deferred,
                          rank: groupRank * 100_000 + min(order, 99_999), folded: TaskListState.fold(st.name))
    }

    func look(_ people: [TaskKey], _ d: Directory) -> AssigneeLook {
        let text = people.map { d.name(ids.string($0)) }.joined(separator: ", ")
        return AssigneeLook(text: text, folded: TaskListState.fold(text))
    }

    // MARK: Reading

    func id(_ i: Int) -> String { ids.string(slots[i].key) }

    func title(_ i: Int) -> String {
        let r = slots[i].title
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(r.start)..<Int(r.start + r.count)]), as: UTF8.self) }
    }

    func string(_ ref: Int32) -> String? { ref >= 0 ? strings[ref] : nil }

    func keys(_ r: Run) -> [String]? {
        r.isNone ? nil : links[Int(r.start)..<Int(r.start + r.count)].map { ids.string($0) }
    }

    func isFinished(_ i: Int) -> Bool { statusLooks[Int(slots[i].status)].finished }

    func info(_ i: Int) -> TaskInfo {
        let s = slots[i]
        let look = statusLooks[Int(s.status)]
        return TaskInfo(id: ids.string(s.key), statusName: look.name, statusColor: look.color, finished: look.finished,
                        importance: string(s.importance).map { Importance(rawValue: $0) }, title: title(i),
                        assignees: s.assignees >= 0 ? assigneeLooks[Int(s.assignees)].text : "",
                        due: s.due > 0 ? Self.formatDay(s.due) : nil)
    }

    /// The task as the list knows it: the list fields of the summary Wrike sent (no description,
    /// custom fields or authors; dates without time of day). The detail pane reads the full task.
    func task(_ i: Int) -> WrikeTask {
        let s = slots[i]
        let st = statuses[s.status]
        var dates: TaskDates?
        if s.dateType >= 0 || s.start > 0 || s.due > 0 {
            dates = TaskDates(type: string(s.dateType).map { DateType(rawValue: $0) },
                              start: s.start > 0 ? Self.formatDay(s.start) : nil,
                              due: s.due > 0 ? Self.formatDay(s.due) : nil)
        }
        let link = string(s.permalinkPrefix).map { s.permalinkNumber == .max ? $0 : $0 + String(s.permalinkNumber) }
        return WrikeTask(id: ids.string(s.key), title: title(i),
                         parentIds: s.parents >= 0 ? parentSets[s.parents].map { ids.string($0) } : nil,
                         responsibleIds: s.assignees >= 0 ? assigneeSets[s.assignees].map { ids.string($0) } : nil,
                         status: st.status, importance: string(s.importance).map { Importance(rawValue: $0) },
                         createdDate: s.created >= 0 ? Self.formatTimestamp(s.created) : nil,
                         updatedDate: s.updated >= 0 ? Self.formatTimestamp(s.updated) : nil, dates: dates,
                         authorIds: s.authors >= 0 ? authorSets[s.authors].map { ids.string($0) } : nil,
                         customStatusId: st.custom, permalink: link,
                         superTaskIds: keys(s.superIds), subTaskIds: keys(s.subIds), dependencyIds: keys(s.dependencyIds))
    }

    /// Approximate heap bytes held (capacities of the buffers and tables).
    var bytes: Int {
        slots.capacity * MemoryLayout<Slot>.stride + keyIndex.capacity * 24 + text.capacity + folded.capacity
            + (foldStart.capacity + foldEnd.capacity) * 4 + links.capacity * 16 + ids.bytes
            + statuses.count * 200 + assigneeSets.values.reduce(0) { $0 + 120 + $1.count * 16 }
            + parentSets.values.reduce(0) { $0 + 80 + $1.count * 16 }
            + authorSets.values.reduce(0) { $0 + 80 + $1.count * 16 } + strings.count * 80
    }

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
