// The instant start: the last screen (ScreenSnapshot.swift) drawn by `.start` before any request, marked
// as not yet fresh ("from disk" on the status line), then read again in the background: workflows and
// spaces, every space of the tree that was loaded, the list's first page (a refresh: the cursor stays on
// its task, the filter, sort and scroll stay), the open task. Each answer replaces the disk's data
// quietly; when all have come the marker goes. A failed read leaves the marker (the data is not fresh;
// `r` reads again). Contacts read with the directory that say "me" is someone else than the file did
// drop the restored list and task (another identity).
//
// Writes are not held back by it: a write on a row drawn from disk goes to Wrike, which judges it (a
// task deleted meanwhile fails in plain words). The status picker waits for Wrike's workflows.
import WrikeAPI

/// Where the screen drawn from disk stands.
public struct FromDisk: Sendable {
    /// Reads whose answers make the screen fresh.
    public enum Part: Sendable, Hashable {
        case bootstrap, list, detail
        case tree(String)
    }
    /// Set before the loop starts; `.start` draws it (and clears this).
    public var pending: (snapshot: ScreenSnapshot, bootstrap: Bootstrap)?
    /// The screen shows data from disk that Wrike has not confirmed yet.
    public private(set) var stale = false
    public private(set) var waiting: Set<Part> = []
    /// Who "me" was when the file was written.
    public private(set) var meId: String?

    public init() {}

    mutating func begin(meId: String?, waiting parts: Set<Part>) {
        self.meId = meId
        waiting = parts
        stale = !parts.isEmpty
    }

    mutating func arrived(_ part: Part) {
        guard stale else { return }
        waiting.remove(part)
        if waiting.isEmpty { stale = false }
    }

    mutating func end() {
        waiting = []
        stale = false
    }

    /// Drawn on the status line while the screen is from disk.
    public static let marker = "from disk"
    public static let statusPickerWaits = "Reading the current statuses from Wrike: press the key again in a moment."
    public static let otherIdentity = "The screen kept from the last run was another user's: it was dropped."
}

extension AppState {
    /// `.start` with a screen from disk: draws it and returns the reads that make it fresh (nil: none kept).
    mutating func startFromDisk() -> [Effect]? {
        guard let (snap, b) = session.fromDisk.pending else { return nil }
        session.fromDisk.pending = nil
        let s = snap.screen
        tree.expanded = Set(s.tree.expanded)
        for e in s.tree.entries { tree.entries[e.id] = e }
        let spaceIds = Set(b.spaces.map(\.id))
        let loaded = s.tree.loadedSpaces.filter { spaceIds.contains($0) }
        for id in loaded { tree.spaceLoad[id] = .loaded }
        // The screen from disk is the first screen (the remembered one and `startup-view` are not opened).
        if s.list != nil { features.views.startPending = false }
        var effects = handleUngated(.bootstrap(.success(b)))
        if let p = s.tree.cursorPath { tree.reveal(p) }
        tree.scroll = s.tree.scroll
        tree.openedPath = s.tree.openedPath
        var parts: Set<FromDisk.Part> = [.bootstrap]
        if let source = s.source, let l = s.list {
            list.reset(source: source, title: l.title)
            list.generation += 1
            list.setSort(SortField(rawValue: l.sort) ?? .status, ascending: l.ascending)
            list.restore(snap.rows, directory: catalog.directory, keeping: l.cursorTaskId)
            // The filter belongs to the remembered view (`remember-view`): without it the list comes back unfiltered.
            if features.views.remember, let f = l.filter { list.setFilter(f) }
            list.total = snap.rows.count
            list.status = .loaded
            if let id = l.cursorTaskId, let r = list.rowIndex(ofTask: id) { list.cursor = r }
            list.scroll = l.scroll
            follow(.list)
            parts.insert(.list)
        }
        if let d = s.detail {
            detail = DetailState()
            detail.taskId = d.task.id
            detail.task = d.task
            catalog.knownTasks[d.task.id] = d.task
            detail.comments = d.comments
            detail.scroll = d.scroll
            parts.insert(.detail)
        }
        focus = Pane(rawValue: s.focus) ?? .tree
        follow(.tree)
        for id in loaded { parts.insert(.tree(id)) }
        session.fromDisk.begin(meId: s.meId, waiting: parts)
        effects += revalidateScreenFromDisk(spaces: loaded)
        return effects
    }

    /// The reads that replace the disk's data (all at background priority but the list's and detail's,
    /// which are the ones a user waits for).
    private mutating func revalidateScreenFromDisk(spaces: [String]) -> [Effect] {
        var effects: [Effect] = []
        if session.warmStart == .pending {
            session.warmStart = .revalidating
            effects.append(.revalidateBootstrap)
        }
        for id in spaces { effects.append(.loadTree(spaceId: id)) }
        if list.source != nil {
            list.refreshing = true
            effects += loadListFirstPage(size: min(Self.pageSize, max(Self.firstPageSize, list.tasks.count)))
        }
        if let id = detail.taskId {
            for kp in [\DetailState.taskStatus, \.commentsStatus, \.approvalsStatus, \.dependenciesStatus,
                       \.attachmentsStatus, \.timelogsStatus] {
                detail[keyPath: kp] = .loading
            }
            effects.append(.loadDetail(taskId: id, context: detailContext(for: id)))
        }
        return effects
    }

    /// Notes which of the revalidating reads answered (called for every event).
    mutating func noteFromDisk(_ event: Event) {
        guard session.fromDisk.stale else { return }
        if case .bootstrapRevalidated(.success) = event { session.fromDisk.arrived(.bootstrap) }
        if case .tree(let space, .success) = event { session.fromDisk.arrived(.tree(space)) }
        if case .taskPage(_, let generation, true, .success) = event, generation == list.generation { session.fromDisk.arrived(.list) }
        if case .detailTask(let id, .success) = event, id == detail.taskId { session.fromDisk.arrived(.detail) }
        if case .directory(.success) = event, let was = session.fromDisk.meId, let me = catalog.directory.meId, was != me {
            session.fromDisk.end()
            list = TaskListState()
            detail = DetailState()
            tree.openedPath = nil
            focus = .tree
            status.lastError = FromDisk.otherIdentity
        }
    }

    /// The status picker needs Wrike's workflows, not the disk's: while they are being read it waits.
    mutating func statusPickerWaitsForWorkflows() -> [Effect]? {
        switch session.warmStart {
        case .notWarm, .revalidated: return nil
        case .revalidating:
            status.message = FromDisk.statusPickerWaits
            return []
        case .pending:
            status.message = FromDisk.statusPickerWaits
            session.warmStart = .revalidating
            return [.revalidateBootstrap]
        }
    }
}
