// The task list: loaded tasks plus derived, cached rows. Cursor moves never re-sort or re-filter;
// a filter that extends the previous query narrows the previous matches instead of rescanning.
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

/// Display and search data of one task, computed once when it arrives.
public struct TaskInfo: Sendable, Hashable {
    public var statusName: String
    public var statusColor: StatusColor?
    public var finished: Bool
    public var title: String
    public var assignees: String
    /// `yyyy-MM-dd` or nil.
    public var due: String?
    var statusRank: Int
    var importanceRank: Int
    var updated: String
    var searchTitle: [UInt8]
    var searchAssignees: [UInt8]
    var searchStatus: [UInt8]
    /// Index of the parent task in `tasks`, or -1.
    var parent: Int32 = -1
}

public struct ListRow: Sendable, Hashable {
    /// Index into `TaskListState.tasks`.
    public var task: Int32
    public var depth: UInt8
    public var childCount: Int32
    public var expanded: Bool
}

public struct TaskListState: Sendable {
    /// The folder, project or space listed.
    public var folderId: String?
    public var folderTitle = ""
    /// Bumped for every new listing: late pages of an old listing are dropped.
    public var generation = 0
    public var status: LoadStatus = .notLoaded
    public var loadingMore = false
    /// A refresh is under way: its first page replaces the list instead of starting a new one.
    public var refreshing = false
    public var nextPageToken: String?
    public var total: Int?
    public private(set) var tasks: [WrikeTask] = []
    public private(set) var info: [TaskInfo] = []
    public private(set) var index: [String: Int] = [:]
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

    /// Every task index in sort order.
    private var sorted: [Int32] = []
    /// The folded titles of all tasks back to back (task i: `titleStart[i]..<titleStart[i + 1]`): a filter
    /// over 100,000 titles then reads one compact buffer instead of 100,000 scattered arrays.
    private var titleBytes: [UInt8] = []
    private var titleStart: [Int] = [0]
    /// Matches of `filter` in sort order (nil without a filter).
    private var matches: [Int32]?
    private var matchesQuery = ""

    public init() {}

    public var selectedTask: WrikeTask? {
        rows.indices.contains(cursor) ? tasks[Int(rows[cursor].task)] : nil
    }
    public var isFiltered: Bool { !filter.isEmpty }
    public var matchCount: Int { matches?.count ?? tasks.count }

    /// Forgets everything for a new listing.
    public mutating func reset(folderId: String, title: String) {
        let keepSort = (sort, ascending)
        self = TaskListState()
        (sort, ascending) = keepSort
        self.folderId = folderId
        folderTitle = title
    }

    // MARK: Data

    /// Adds (or replaces) tasks, then re-derives rows keeping the cursor on the same task.
    public mutating func append(_ new: [WrikeTask], directory: Directory) {
        append(new, directory: directory, keeping: selectedTask?.id)
    }

    private mutating func append(_ new: [WrikeTask], directory: Directory, keeping keep: String?) {
        for t in new {
            let i = Self.info(t, directory)
            if let at = index[t.id] {
                tasks[at] = t
                info[at] = i
            } else {
                index[t.id] = tasks.count
                tasks.append(t)
                info.append(i)
            }
        }
        linkParents()
        rebuildTitleIndex()
        resort()
        refilter(from: nil)
        rebuildRows(keeping: keep)
    }

    private mutating func rebuildTitleIndex() {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(titleBytes.count + info.count * 8)
        var starts: [Int] = []
        starts.reserveCapacity(info.count + 1)
        starts.append(0)
        for i in info.indices {
            bytes.append(contentsOf: info[i].searchTitle)
            starts.append(bytes.count)
        }
        titleBytes = bytes
        titleStart = starts
    }

    /// Replaces the whole list (a refresh), keeping sort, filter, expansion and the cursor's task.
    public mutating func replace(_ all: [WrikeTask], directory: Directory) {
        let keep = selectedTask?.id
        tasks = []
        info = []
        index = [:]
        rows = []
        sorted = []
        matches = nil
        let c = cursor
        append(all, directory: directory, keeping: keep)
        if keep == nil { cursor = min(c, max(0, rows.count - 1)) }
    }

    static func info(_ t: WrikeTask, _ d: Directory) -> TaskInfo {
        let s = d.status(of: t)
        let names = (t.responsibleIds ?? []).map { d.name($0) }
        let title = Sanitizer.cleanLine(t.title)
        let groupRank: Int
        switch s.group {
        case .active: groupRank = 0
        case .deferred: groupRank = 1
        case .completed: groupRank = 2
        case .cancelled: groupRank = 3
        default: groupRank = 4
        }
        let imp: Int
        switch t.importance {
        case .high?: imp = 0
        case .low?: imp = 2
        default: imp = 1
        }
        let due = t.dates?.due.map { String($0.prefix(10)) }
        let assignees = names.joined(separator: ", ")
        return TaskInfo(statusName: s.name, statusColor: s.color, finished: s.group != .active && s.group != .deferred,
                        title: title, assignees: assignees, due: due,
                        statusRank: groupRank * 100_000 + (t.customStatusId.flatMap { d.statusOrder[$0] } ?? 99_999),
                        importanceRank: imp, updated: t.updatedDate ?? "",
                        searchTitle: fold(title), searchAssignees: fold(assignees), searchStatus: fold(s.name))
    }

    /// Lower-cased UTF-8 for byte-wise substring search.
    static func fold(_ s: String) -> [UInt8] {
        var ascii = true
        for b in s.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
        return Array(s.lowercased().utf8)
    }

    private mutating func linkParents() {
        for i in tasks.indices {
            info[i].parent = -1
            for p in tasks[i].superTaskIds ?? [] {
                if let pi = index[p], pi != i { info[i].parent = Int32(pi); break }
            }
        }
    }

    // MARK: Sort

    public mutating func setSort(_ field: SortField, ascending: Bool) {
        let keep = selectedTask?.id
        sort = field
        self.ascending = ascending
        resort()
        refilter(from: nil)
        rebuildRows(keeping: keep)
    }

    private mutating func resort() {
        let field = sort
        let asc = ascending
        var order = (0..<Int32(tasks.count)).map { $0 }
        // Fields are read in place: copying two TaskInfo structs per comparison retained all of their
        // strings and arrays (a sort of 100,000 tasks took ~0.5 s).
        let titles = titleBytes, starts = titleStart
        titles.withUnsafeBufferPointer { titles in
        starts.withUnsafeBufferPointer { starts in
        info.withUnsafeBufferPointer { info in
            func title(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: titles[starts[i]..<starts[i + 1]]) }
            order.sort { a, b in
                let r = field == .title ? Self.compareBytes(title(Int(a)), title(Int(b))) : Self.compare(info, Int(a), Int(b), field)
                if r != 0 { return asc ? r < 0 : r > 0 }
                // Ties: title, then arrival order (stable, independent of direction).
                if field != .title {
                    let t = Self.compareBytes(title(Int(a)), title(Int(b)))
                    if t != 0 { return t < 0 }
                }
                return a < b
            }
        }
        }
        }
        sorted = order
    }

    static func compare(_ info: UnsafeBufferPointer<TaskInfo>, _ a: Int, _ b: Int, _ field: SortField) -> Int {
        switch field {
        case .status:
            let x = info[a].statusRank, y = info[b].statusRank
            return x == y ? 0 : (x < y ? -1 : 1)
        case .importance:
            let x = info[a].importanceRank, y = info[b].importanceRank
            return x == y ? 0 : (x < y ? -1 : 1)
        case .title: return compareBytes(info[a].searchTitle, info[b].searchTitle)
        case .updated:
            let x = info[a].updated, y = info[b].updated
            return x == y ? 0 : (x < y ? -1 : 1)
        case .due:
            switch (info[a].due, info[b].due) {
            case (nil, nil): return 0
            case (nil, _): return 1     // no date last
            case (_, nil): return -1
            case let (x?, y?): return x == y ? 0 : (x < y ? -1 : 1)
            }
        }
    }

    static func compare(_ x: TaskInfo, _ y: TaskInfo, _ field: SortField) -> Int {
        switch field {
        case .status: return x.statusRank == y.statusRank ? 0 : (x.statusRank < y.statusRank ? -1 : 1)
        case .importance: return x.importanceRank == y.importanceRank ? 0 : (x.importanceRank < y.importanceRank ? -1 : 1)
        case .title: return compareBytes(x.searchTitle, y.searchTitle)
        case .updated: return x.updated == y.updated ? 0 : (x.updated < y.updated ? -1 : 1)
        case .due:
            switch (x.due, y.due) {
            case (nil, nil): return 0
            case (nil, _): return 1     // no date last
            case (_, nil): return -1
            case let (a?, b?): return a == b ? 0 : (a < b ? -1 : 1)
            }
        }
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

    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
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
        let keep = selectedTask?.id
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

    private mutating func refilter(from candidates: [Int32]?) {
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
            var out: [Int32] = []
            out.reserveCapacity(source.count)
            let titles = titleBytes, starts = titleStart
            let count = info.count
            titles.withUnsafeBufferPointer { titles in
            starts.withUnsafeBufferPointer { starts in
            info.withUnsafeBufferPointer { info in
                // Fields are read in place (copying a TaskInfo retains all of its strings and arrays).
                func test(_ i: Int) -> Bool {
                    for t in terms {
                        let found: Bool
                        switch t.field {
                        case .title:
                            found = Self.contains(UnsafeBufferPointer(rebasing: titles[starts[i]..<starts[i + 1]]), t.needle)
                        case .assignee: found = Self.contains(info[i].searchAssignees, t.needle)
                        case .status: found = Self.contains(info[i].searchStatus, t.needle)
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
        guard let t = selectedTask, rows.indices.contains(cursor), rows[cursor].childCount > 0 else { return }
        if expanded.contains(t.id) { expanded.remove(t.id) } else { expanded.insert(t.id) }
        rebuildRows(keeping: t.id)
    }

    mutating func rebuildRows(keeping id: String?) {
        var out: [ListRow] = []
        if let matches {
            out.reserveCapacity(matches.count)
            for i in matches { out.append(ListRow(task: i, depth: 0, childCount: 0, expanded: false)) }
        } else {
            out.reserveCapacity(tasks.count)
            var children: [Int32: [Int32]] = [:]
            var top: [Int32] = []
            for i in sorted {
                let p = info[Int(i)].parent
                if p >= 0 { children[p, default: []].append(i) } else { top.append(i) }
            }
            var visited = [Bool](repeating: false, count: tasks.count)
            func visit(_ i: Int32, _ depth: Int) {
                if visited[Int(i)] { return }
                visited[Int(i)] = true
                let kids = children[i] ?? []
                let open = !kids.isEmpty && expanded.contains(tasks[Int(i)].id)
                out.append(ListRow(task: i, depth: UInt8(min(depth, 8)), childCount: Int32(kids.count), expanded: open))
                if open && depth < 64 { for k in kids { visit(k, depth + 1) } }
            }
            for i in top { visit(i, 0) }
            // Hidden subtasks are reachable through their parents; anything caught in a parent cycle
            // would be unreachable: show it at the top level.
            for i in sorted where !visited[Int(i)] && !Self.hasVisibleAncestor(i, info, visited) { visit(i, 0) }
        }
        rows = out
        if let id, let ti = index[id], let r = rows.firstIndex(where: { $0.task == Int32(ti) }) {
            cursor = r
        } else {
            cursor = max(0, min(cursor, rows.count - 1))
        }
    }

    /// True when a chain of parents leads to a task that is shown (so this one is a collapsed subtask).
    static func hasVisibleAncestor(_ i: Int32, _ info: [TaskInfo], _ visited: [Bool]) -> Bool {
        var p = info[Int(i)].parent
        var steps = 0
        while p >= 0 && steps < 64 {
            if visited[Int(p)] { return true }
            p = info[Int(p)].parent
            steps += 1
        }
        return false
    }
}
