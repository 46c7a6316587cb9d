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

/// One shown row (12 bytes: the two small fields after the two large ones).
public struct ListRow: Sendable, Hashable {
    /// Index into `TaskListState.tasks`.
    public var task: Int32
    public var childCount: Int32
    public var depth: UInt8
    public var expanded: Bool

    init(task: Int32, depth: UInt8, childCount: Int32, expanded: Bool) {
        (self.task, self.depth, self.childCount, self.expanded) = (task, depth, childCount, expanded)
    }
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
        didSet { if let total, total > store.count { reserve(min(total, Self.reserveLimit)) } }
    }
    /// The loaded tasks, compactly (see TaskStore.swift); read them through `tasks`, `info`, `index`.
    var store = Store() { didSet { dataRevision &+= 1 } }
    /// Moves on every change of the listed tasks' data (what the blocked markers are made from).
    public private(set) var dataRevision = 0
    /// What `blocked` was made from (`AppState.deriveStale`).
    var blockedFrom: BlockedStamp?
    public var sort: SortField = .status
    public var ascending = true
    public internal(set) var filter = ""
    public var editingFilter = false
    public var expanded: Set<String> = []
    /// Positions (in `tasks`) of the tasks with unfinished predecessors, derived by `AppState.recomputeBlocked`
    /// (only from `deriveStale`): positions, not ids (at 100,000 tasks, ~16,000 id strings were 1.2 MB).
    var blockedTasks: Set<Int32> = []
    /// The ids of the blocked tasks (made on each access: the screen asks `isBlocked(at:)`).
    public var blocked: Set<String> {
        Set(blockedTasks.lazy.filter { Int($0) < self.store.count }.map { self.store.id(Int($0)) })
    }
    /// Whether the task at position `i` of `tasks` has an unfinished predecessor.
    public func isBlocked(at i: Int) -> Bool { blockedTasks.contains(Int32(truncatingIfNeeded: i)) }
    public internal(set) var rows: [ListRow] = []
    public var cursor = 0
    public var scroll = 0

    static let reserveLimit = 250_000
    /// Every task index in sort order.
    var sorted: [Int32] = []
    /// Matches of `filter` in sort order (nil without a filter).
    var matches: [Int32]?
    var matchesQuery = ""

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
            guard let k = store.ids.find(id), let i = store.position(of: k) else { return nil }
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
        guard let k = store.ids.find(id), let t = store.position(of: k) else { return nil }
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

    mutating func append(_ new: [WrikeTask], directory: Directory, keeping keep: String?) {
        let before = store.count
        var replaced = false
        for t in new where !store.put(t, directory).added { replaced = true }
        if let total { store.reserveBuffers(for: min(total, Self.reserveLimit)) }
        linkParents()
        resort(added: replaced ? nil : before)
        refilter(from: nil)
        rebuildRows(keeping: keep)
    }

    /// Replaces the whole list (a refresh), keeping sort, filter, expansion and the cursor's task.
    public mutating func replace(_ all: [WrikeTask], directory: Directory) {
        let keep = selectedTaskId
        store = Store()
        rows = []
        sorted = []
        if let total { reserve(max(all.count, min(total, Self.reserveLimit))) }
        matches = nil
        let c = cursor
        append(all, directory: directory, keeping: keep)
        if keep == nil { cursor = min(c, max(0, rows.count - 1)) }
    }

    /// Room for `n` tasks in the store, the order and the rows (each grows in place as pages arrive).
    mutating func reserve(_ n: Int) {
        store.reserve(n)
        sorted.reserveCapacity(n)
        rows.reserveCapacity(n)
    }

    /// Lower-cased UTF-8 for byte-wise substring search.
    static func fold(_ s: String) -> [UInt8] {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
        return Array(s.lowercased().utf8)
    }

    mutating func linkParents() {
        let index = store.keyIndex, links = store.links
        links.withUnsafeBufferPointer { links in
            store.slots.withUnsafeMutableBufferPointer { slots in
                let keys = UnsafeBufferPointer(slots)
                for i in slots.indices {
                    slots[i].parent = -1
                    guard let r = LinkHead.runs(slots[i].links, links)?.super, !r.isNone else { continue }
                    for k in links[Int(r.start)..<Int(r.start + r.count)] {
                        if let pi = index.find(k, in: keys), Int(pi) != i { slots[i].parent = pi; break }
                    }
                }
            }
        }
    }
}

/// What the blocked markers are made from: the catalog (dependencies, tasks seen, names) and the list's data.
struct BlockedStamp: Equatable {
    var catalog: Int
    var list: Int
}
