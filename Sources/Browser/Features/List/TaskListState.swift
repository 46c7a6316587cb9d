// The task list: loaded tasks (kept compactly, see TaskStore.swift) plus derived, cached rows. Cursor
// moves never re-sort or re-filter; a filter that extends the previous query narrows the previous
// matches instead of rescanning; a page that only adds tasks is sorted on its own and merged.
import Foundation
import TermText
import WrikeAPI

public enum SortField: String, Sendable, Hashable, CaseIterable {
    case status, due, importance, title, updated
    /// The natural direction (updated: newest first).
    public var defaultAscending: Bool { self != .updated }
    public var next: SortField {
        let all = SortField.allCases
        let i = all.firstIndex(of: self) ?? 0
        return all[(i + 1) % all.count]
    }
}

/// Display data of one listed task, made on demand from the compact store (only rows on screen ask).
public struct TaskInfo: Sendable, Hashable {
    public var id: String
    public var statusName: String
    public var statusColor: StatusColor?
    public var finished: Bool
    public var importance: Importance?
    public var title: String
    public var assignees: String
    /// `yyyy-MM-dd` or nil.
    public var due: String?
}

public struct ListRow: Sendable, Hashable {
    /// Index into `TaskListState.tasks`.
    public var task: Int32
    public var depth: UInt8
    public var childCount: Int32
    public var expanded: Bool
}

public struct TaskListState: Sendable {
    /// What is listed (ListSource.swift): a folder, project or space, or My Work.
    public var source: ListSource?
    /// The source's name for the pane title ("Sprint 14", "My Work").
    public var title = ""
    /// The columns, in order (config `columns`).
    public var columns: [ListColumn] = ListColumn.defaults
    /// The source's read needs what is not known yet (who "me" is): the first page is asked for once
    /// it is (`AppState.resumeWaitingList`); meanwhile the list shows "loading".
    public var waiting = false
    /// Bumped for every new listing: late pages of an old listing are dropped.
    public var generation = 0
    public var status: LoadStatus = .notLoaded
    public var loadingMore = false
    /// A refresh is under way: its first page replaces the list instead of starting a new one.
    public var refreshing = false
    /// A page is being read (the first, the next or a refresh).
    public var isBusy: Bool { status == .loading || loadingMore || refreshing }
    public var nextPageToken: String?
    public var total: Int? {
        // Room for the whole listing at once (no doubling, no copies while pages arrive), within reason:
        // the total comes from the server.
        didSet { if let total, total > store.count { store.reserve(min(total, Self.reserveLimit)) } }
    }
    /// The loaded tasks, compactly (see TaskStore.swift); read them through `tasks`, `info`, `index`.
    var store = Store()
    public var sort: SortField = .status
    public var ascending = true
    public private(set) var filter = ""
    public var editingFilter = false
    public var expanded: Set<String> = []
    /// Tasks with unfinished predecessors.
    public var blocked: Set<String> = []
    public private(set) var rows: [ListRow] = []
    public var cursor = 0
    public var scroll = 0

    static let reserveLimit = 250_000
    /// Every task index in sort order.
    var sorted: [Int32] = []
    /// Matches of `filter` in sort order (nil without a filter).
    private var matches: [Int32]?
    private var matchesQuery = ""

    public init() {}

    // MARK: Reading

    /// The listed tasks in arrival order, as summary `WrikeTask`s rebuilt from the compact store (the
    /// fields a list page carries; dates without time of day). Each access builds the task: prefer
    /// `info`, `taskId(at:)` and `selectedTaskId` where they suffice.
    public var tasks: Tasks { Tasks(store: store) }
    /// Display data per task (same positions as `tasks`).
    public var info: Infos { Infos(store: store) }
    /// Position of a task id in `tasks`.
    public var index: TaskIndex { TaskIndex(store: store) }

    public struct Tasks: RandomAccessCollection, Sendable {
        let store: Store
        public var startIndex: Int { 0 }
        public var endIndex: Int { store.count }
        public subscript(i: Int) -> WrikeTask { store.task(i) }
    }

    public struct Infos: RandomAccessCollection, Sendable {
        let store: Store
        public var startIndex: Int { 0 }
        public var endIndex: Int { store.count }
        public subscript(i: Int) -> TaskInfo { store.info(i) }
    }

    public struct TaskIndex: Sendable {
        let store: Store
        public subscript(id: String) -> Int? {
            guard let k = store.ids.find(id), let i = store.keyIndex[k] else { return nil }
            return Int(i)
        }
        public var count: Int { store.count }
    }

    public var taskCount: Int { store.count }
    public func taskId(at i: Int) -> String { store.id(i) }
    public func isFinished(at i: Int) -> Bool { store.isFinished(i) }

    public var selectedTaskId: String? {
        rows.indices.contains(cursor) ? store.id(Int(rows[cursor].task)) : nil
    }
    /// The selected task as the list knows it (see `tasks`).
    public var selectedTask: WrikeTask? {
        rows.indices.contains(cursor) ? store.task(Int(rows[cursor].task)) : nil
    }
    /// Task ids of `rows` (clamped), e.g. the rows on screen: `taskIds(rows: scroll..<scroll + height)`.
    public func taskIds(rows range: Range<Int>) -> [String] {
        let r = range.clamped(to: rows.indices)
        return r.map { store.id(Int(rows[$0].task)) }
    }
    /// The row showing task `id`, if it is shown.
    public func rowIndex(ofTask id: String) -> Int? {
        guard let k = store.ids.find(id), let t = store.keyIndex[k] else { return nil }
        return rows.firstIndex { $0.task == t }
    }
    /// Approximate heap bytes of the task data (tests and the benchmark).
    public var storeBytes: Int {
        store.bytes + (sorted.capacity + (matches?.capacity ?? 0)) * 4 + rows.capacity * MemoryLayout<ListRow>.stride
    }

    public var isFiltered: Bool { !filter.isEmpty }
    public var matchCount: Int { matches?.count ?? store.count }

    /// The folder listed, when a folder, project or space is (not My Work).
    public var folderId: String? { source?.folderId }

    /// Forgets everything for a new listing.
    public mutating func reset(source: ListSource, title: String) {
        let keepSort = (sort, ascending)
        self = TaskListState()
        (sort, ascending) = keepSort
        self.source = source
        self.title = title
    }

    // MARK: Data

    /// Adds (or replaces) tasks, then re-derives rows keeping the cursor on the same task. The tasks are
    /// turned into compact rows at once: nothing of the `WrikeTask` values is kept.
    public mutating func append(_ new: [WrikeTask], directory: Directory) {
        append(new, directory: directory, keeping: selectedTaskId)
    }

    /// Write-through: replaces those of `changed` that are listed (others are ignored). True if any was.
    @discardableResult
    public mutating func update(_ changed: [WrikeTask], directory: Directory) -> Bool {
        let listed = changed.filter { index[$0.id] != nil }
        guard !listed.isEmpty else { return false }
        append(listed, directory: directory, keeping: selectedTaskId)
        return true
    }

    /// New contacts, workflows or statuses: re-derives names, colours and the status order.
    public mutating func setDirectory(_ directory: Directory) {
        guard store.count > 0 else { return }
        let keep = selectedTaskId
        store.apply(directory)
        resort(added: nil)
        refilter(from: nil)
        rebuildRows(keeping: keep)
    }

    private mutating func append(_ new: [WrikeTask], directory: Directory, keeping keep: String?) {
        let before = store.count
        var replaced = false
        for t in new where !store.put(t, directory).added { replaced = true }
        linkParents()
        resort(added: replaced ? nil : before)
        refilter(from: nil)
        rebuildRows(keeping: keep)
    }

    /// Replaces the whole list (a refresh), keeping sort, filter, expansion and the cursor's task.
    public mutating func replace(_ all: [WrikeTask], directory: Directory) {
        let keep = selectedTaskId
        store = Store()
        if let total { store.reserve(max(all.count, min(total, Self.reserveLimit))) }
        rows = []
        sorted = []
        matches = nil
        let c = cursor
        append(all, directory: directory, keeping: keep)
        if keep == nil { cursor = min(c, max(0, rows.count - 1)) }
    }

    /// Lower-cased UTF-8 for byte-wise substring search.
    static func fold(_ s: String) -> [UInt8] {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
        return Array(s.lowercased().utf8)
    }

    private mutating func linkParents() {
        let links = store.links, index = store.keyIndex
        store.slots.withUnsafeMutableBufferPointer { slots in
            for i in slots.indices {
                slots[i].parent = -1
                let r = slots[i].superIds
                guard !r.isNone else { continue }
                for k in links[Int(r.start)..<Int(r.start + r.count)] {
                    if let pi = index[k], Int(pi) != i { slots[i].parent = pi; break }
                }
            }
        }
    }

    // MARK: Sort

    public mutating func setSort(_ field: SortField, ascending: Bool) {
        let keep = selectedTaskId
        sort = field
        self.ascending = ascending
        resort(added: nil)
        refilter(from: nil)
        rebuildRows(keeping: keep)
    }

    /// Sort keys of `field` for every task (titles are compared separately).
    private func sortKeys(_ field: SortField) -> [Int64] {
        let looks = store.statusLooks, strings = store.strings
        let importanceRank = strings.values.map { v -> Int64 in v == Importance.high.rawValue ? 0 : v == Importance.low.rawValue ? 2 : 1 }
        return store.slots.map { s in
            switch field {
            case .status: return Int64(looks[Int(s.status)].rank)
            case .importance: return s.importance >= 0 ? importanceRank[Int(s.importance)] : 1
            case .updated: return s.updated
            case .due: return s.due > 0 ? Int64(s.due) : Int64.max  // no date last
            case .title: return 0
            }
        }
    }

    /// Re-sorts every task, or (`added`: the first new position, nothing replaced) sorts the new tasks
    /// and merges them into the existing order.
    private mutating func resort(added: Int?) {
        let field = sort
        let asc = ascending
        let keys = sortKeys(field)
        let count = store.count
        let titles = store.folded, starts = store.foldStart, ends = store.foldEnd
        var order: [Int32] = []
        titles.withUnsafeBufferPointer { titles in
        starts.withUnsafeBufferPointer { starts in
        ends.withUnsafeBufferPointer { ends in
        keys.withUnsafeBufferPointer { keys in
            func title(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: titles[Int(starts[i])..<Int(ends[i])])
            }
            // A total order: the field, then the title, then arrival (stable, independent of direction).
            func before(_ a: Int32, _ b: Int32) -> Bool {
                let x = keys[Int(a)], y = keys[Int(b)]
                if x != y { return asc ? x < y : x > y }
                let t = Self.compareBytes(title(Int(a)), title(Int(b)))
                if t != 0 { return field == .title && !asc ? t > 0 : t < 0 }
                return a < b
            }
            if let added, added <= sorted.count, sorted.count == added {
                var new = (Int32(added)..<Int32(count)).map { $0 }
                new.sort(by: before)
                order.reserveCapacity(count)
                var i = 0, j = 0
                let old = sorted
                while i < old.count && j < new.count {
                    if before(new[j], old[i]) { order.append(new[j]); j += 1 } else { order.append(old[i]); i += 1 }
                }
                order.append(contentsOf: old[i...])
                order.append(contentsOf: new[j...])
            } else {
                order = (0..<Int32(count)).map { $0 }
                order.sort(by: before)
            }
        }
        }
        }
        }
        sorted = order
    }

    static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    // MARK: Filter

    /// Sets the filter query. Words must all match: plain words the title, `@name` an assignee,
    /// `#name` the status. When the new query extends the old one only the old matches are checked.
    public mutating func setFilter(_ query: String) {
        let keep = selectedTaskId
        let narrowing = !filter.isEmpty && query.hasPrefix(filter) && matches != nil
        filter = query
        refilter(from: narrowing ? matches : nil)
        rebuildRows(keeping: keep)
    }

    struct Term {
        enum Field { case title, assignee, status }
        var field: Field
        var needle: [UInt8]
    }

    static func terms(_ query: String) -> [Term] {
        var out: [Term] = []
        for word in query.split(separator: " ") {
            var field = Term.Field.title
            var w = Substring(word)
            if w.first == "@" { field = .assignee; w = w.dropFirst() } else if w.first == "#" { field = .status; w = w.dropFirst() }
            if w.isEmpty { continue }
            out.append(Term(field: field, needle: fold(String(w))))
        }
        return out
    }

    mutating func refilter(from candidates: [Int32]?) {
        guard !filter.isEmpty else {
            matches = nil
            matchesQuery = ""
            return
        }
        let terms = Self.terms(filter)
        let source = candidates ?? sorted
        if terms.isEmpty {
            matches = source
        } else {
            // Assignee and status words are tested once per distinct assignee set and status.
            let people = terms.map { t in t.field == .assignee ? store.assigneeLooks.map { Self.contains($0.folded, t.needle) } : [] }
            let states = terms.map { t in t.field == .status ? store.statusLooks.map { Self.contains($0.folded, t.needle) } : [] }
            var out: [Int32] = []
            out.reserveCapacity(source.count)
            let titles = store.folded, starts = store.foldStart, ends = store.foldEnd, slots = store.slots
            let count = store.count
            titles.withUnsafeBufferPointer { titles in
            starts.withUnsafeBufferPointer { starts in
            ends.withUnsafeBufferPointer { ends in
            slots.withUnsafeBufferPointer { slots in
                func test(_ i: Int) -> Bool {
                    for (n, t) in terms.enumerated() {
                        let found: Bool
                        switch t.field {
                        case .title:
                            found = Self.contains(UnsafeBufferPointer(rebasing: titles[Int(starts[i])..<Int(ends[i])]), t.needle)
                        case .assignee:
                            let a = slots[i].assignees
                            found = a >= 0 && people[n][Int(a)]
                        case .status: found = states[n][Int(slots[i].status)]
                        }
                        if !found { return false }
                    }
                    return true
                }
                if source.count > count / 8 {
                    // Many candidates: test them in storage order (the title buffer is read sequentially
                    // instead of jumping around in sort order), then keep the sort order.
                    var flag = [UInt8](repeating: candidates == nil ? 1 : 0, count: count)
                    flag.withUnsafeMutableBufferPointer { flag in
                        if candidates != nil { for i in source { flag[Int(i)] = 1 } }
                        for i in 0..<count where flag[i] == 1 && test(i) { flag[i] = 2 }
                        for i in source where flag[Int(i)] == 2 { out.append(i) }
                    }
                } else {
                    for i in source where test(Int(i)) { out.append(i) }
                }
            }
            }
            }
            }
            matches = out
        }
        matchesQuery = filter
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        hay.withUnsafeBufferPointer { contains($0, needle) }
    }

    static func contains(_ hb: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = hb.count
        if n == 0 { return true }
        if n > h { return false }
        return needle.withUnsafeBufferPointer { nb in
            let first = nb[0]
            var i = 0
            while i <= h - n {
                if hb[i] == first {
                    var j = 1
                    while j < n && hb[i + j] == nb[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    // MARK: Rows

    /// Expands or collapses the subtasks of the selected task.
    public mutating func toggleExpanded() {
        guard let id = selectedTaskId, rows.indices.contains(cursor), rows[cursor].childCount > 0 else { return }
        if expanded.contains(id) { expanded.remove(id) } else { expanded.insert(id) }
        rebuildRows(keeping: id)
    }

    mutating func rebuildRows(keeping id: String?) {
        var out: [ListRow] = []
        let count = store.count
        if let matches {
            out.reserveCapacity(matches.count)
            for i in matches { out.append(ListRow(task: i, depth: 0, childCount: 0, expanded: false)) }
        } else {
            out.reserveCapacity(count)
            var children: [Int32: [Int32]] = [:]
            var top: [Int32] = []
            let slots = store.slots
            for i in sorted {
                let p = slots[Int(i)].parent
                if p >= 0 { children[p, default: []].append(i) } else { top.append(i) }
            }
            let open = Set(expanded.compactMap { store.ids.find($0) })
            var visited = [Bool](repeating: false, count: count)
            func visit(_ i: Int32, _ depth: Int) {
                if visited[Int(i)] { return }
                visited[Int(i)] = true
                let kids = children[i] ?? []
                let isOpen = !kids.isEmpty && open.contains(slots[Int(i)].key)
                out.append(ListRow(task: i, depth: UInt8(min(depth, 8)), childCount: Int32(kids.count), expanded: isOpen))
                if isOpen && depth < 64 { for k in kids { visit(k, depth + 1) } }
            }
            for i in top { visit(i, 0) }
            // Hidden subtasks are reachable through their parents; anything caught in a parent cycle
            // would be unreachable: show it at the top level.
            for i in sorted where !visited[Int(i)] && !Self.hasVisibleAncestor(i, slots, visited) { visit(i, 0) }
        }
        rows = out
        if let id, let k = store.ids.find(id), let ti = store.keyIndex[k], let r = rows.firstIndex(where: { $0.task == ti }) {
            cursor = r
        } else {
            cursor = max(0, min(cursor, rows.count - 1))
        }
    }

    /// True when a chain of parents leads to a task that is shown (so this one is a collapsed subtask).
    static func hasVisibleAncestor(_ i: Int32, _ slots: [Slot], _ visited: [Bool]) -> Bool {
        var p = slots[Int(i)].parent
        var steps = 0
        while p >= 0 && steps < 64 {
            if visited[Int(p)] { return true }
            p = slots[Int(p)].parent
            steps += 1
        }
        return false
    }
}
