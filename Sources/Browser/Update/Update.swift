// update(state, intent) -> [Effect] and handle(event) -> [Effect]: every state change goes through here.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    public static let firstPageSize = 200
    public static let pageSize = 1000

    /// Applies a user intent; returns the effects to run. While signed out, effects that need Wrike are
    /// answered at once with their failure instead (SignedOut.swift).
    public mutating func update(_ intent: Intent) -> [Effect] {
        gateSignedOut(updateUngated(intent))
    }

    mutating func updateUngated(_ intent: Intent) -> [Effect] {
        switch intent {
        case .tick, .layout: break
        case .start, .move, .page, .halfPage, .top, .bottom, .paneLeft, .paneRight, .focusNext, .focusPrevious,
             .focus, .open, .back, .openList, .toggleExpand, .refresh, .copyPermalink, .showPermalink,
             .beginFilter, .setFilter, .filterType, .filterBackspace, .filterDeleteWord, .filterClear,
             .endFilter, .cycleSort, .reverseSort, .setSort, .nextSection, .previousSection, .toggleHelp,
             .quit, .action, .paste, .taskEdit:
            status.message = nil
            status.link = nil
        }
        if let h = help {
            switch intent {
            case .move(let n): help?.scroll = max(0, h.scroll + n); return []
            case .page(let n), .halfPage(let n): help?.scroll = max(0, h.scroll + n * 10); return []
            case .top: help?.scroll = 0; return []
            case .back, .toggleHelp: help = nil; return []
            case .quit: return quit()
            case .paste:
                status.message = Self.pasteIgnored
                return []
            case .layout, .tick: break
            case .start, .bottom, .paneLeft, .paneRight, .focusNext, .focusPrevious, .focus, .open, .openList,
                 .toggleExpand, .refresh, .copyPermalink, .showPermalink, .beginFilter, .setFilter,
                 .filterType, .filterBackspace, .filterDeleteWord, .filterClear, .endFilter, .cycleSort,
                 .reverseSort, .setSort, .nextSection, .previousSection, .action, .taskEdit: help = nil
            }
        }
        if case .action(let a) = intent { return act(a) }
        switch intent {
        case .action: return []
        case .start:
            bootstrap = .loading
            return [.loadBootstrap]
        case .move(let n): return move(by: n)
        case .page(let n): return move(by: n * max(1, visibleRows(focus) - 1))
        case .halfPage(let n): return move(by: n * max(1, visibleRows(focus) / 2))
        case .top: return move(by: -Int(Int32.max))
        case .bottom: return move(by: Int(Int32.max))
        case .paneLeft:
            if let p = Pane(rawValue: focus.rawValue - 1) { focus = p }
        case .paneRight:
            if let p = Pane(rawValue: focus.rawValue + 1) { focus = p }
        case .focusNext:
            focus = Pane(rawValue: (focus.rawValue + 1) % 3) ?? .tree
        case .focusPrevious:
            focus = Pane(rawValue: (focus.rawValue + 2) % 3) ?? .tree
        case .focus(let p):
            focus = p
        case .open: return open()
        case .openList(let source): return showList(source)
        case .taskEdit(let i): return taskEditIntent(i)
        case .back: return back()
        case .toggleExpand: return toggleExpand()
        case .refresh:
            autoRetry = nil
            if signedOut {
                status.message = "Signed out: nothing can be read until you sign in again."
                return []
            }
            return refresh()
        case .copyPermalink, .showPermalink:
            guard let task = currentTask else {
                status.lastError = "No task selected."
                return []
            }
            guard let link = task.permalink, !link.isEmpty else {
                status.lastError = "This task has no permalink."
                return []
            }
            let url = Sanitizer.cleanLine(link)
            if intent == .copyPermalink {
                status.message = "Copied \(url)"
                return [.copyToClipboard(url)]
            }
            status.message = url
            status.link = url
            return [.showHyperlink(url: url, text: url)]
        case .beginFilter:
            focus = .list
            list.editingFilter = true
        case .setFilter(let q):
            list.setFilter(q)
            return afterFilterChange()
        case .filterType(let s):
            let clean = Sanitizer.cleanLine(s)
            guard !clean.isEmpty else { return [] }
            list.setFilter(list.filter + clean)
            return afterFilterChange()
        case .filterBackspace:
            guard !list.filter.isEmpty else { return [] }
            list.setFilter(String(list.filter.dropLast()))
            return afterFilterChange()
        case .filterDeleteWord:
            var q = list.filter
            while q.last == " " { q.removeLast() }
            while let c = q.last, c != " " { q.removeLast() }
            list.setFilter(q)
            return afterFilterChange()
        case .filterClear:
            list.setFilter("")
            return afterFilterChange()
        case .endFilter(let keep):
            list.editingFilter = false
            if !keep { list.setFilter("") }
            follow(.list)
        case .cycleSort:
            let f = list.sort.next
            list.setSort(f, ascending: f.defaultAscending)
            follow(.list)
        case .reverseSort:
            list.setSort(list.sort, ascending: !list.ascending)
            follow(.list)
        case .setSort(let f, let asc):
            list.setSort(f, ascending: asc)
            follow(.list)
        case .nextSection, .previousSection:
            guard detail.taskId != nil else { return [] }
            focus = .detail
            let next = intent == .nextSection
            let s = detail.scroll
            let target = next ? detail.sections.first { $0.line > s }?.line : detail.sections.last { $0.line < s }?.line
            if let t = target { detail.scroll = min(t, maxDetailScroll) } else if !next { detail.scroll = 0 }
        case .toggleHelp:
            help = help == nil ? HelpState() : nil
        case .quit:
            return quit()
        case .paste(let text, let truncated):
            return paste(text, truncated: truncated)
        case .layout(let v):
            let widthChanged = v.detailWidth != viewport.detailWidth
            viewport = v
            if widthChanged { rebuildDetail() }
            follow(.tree)
            follow(.list)
            detail.scroll = max(0, min(detail.scroll, maxDetailScroll))
            return maybeLoadMore()
        case .tick(let date):
            let minuteChanged = Int(date.timeIntervalSince1970 / 60) != Int(now.timeIntervalSince1970 / 60)
            now = date
            if minuteChanged && detail.taskId != nil { rebuildDetail() }
            // Drafts are local: saved while signed out too.
            let saves = autosaveTick()
            if signedOut { return saves }
            var effects = saves + debouncedSearch() + sendCheckTick()
            if directoryStatus == .notLoaded && firstFrameComplete { effects += loadDirectoryAfterFirstFrame() }
            effects += autoRetryTick()
            return effects + revalidationTick()
        }
        return []
    }

    // MARK: - Helpers

    /// The task the copy/link keys act on: the open one in the detail pane, else the list's selection.
    public var currentTask: WrikeTask? {
        if focus == .detail, let t = detail.task ?? detail.taskId.flatMap({ knownTasks[$0] }) { return t }
        if focus == .list, let t = list.selectedTask { return t }
        return detail.task ?? list.selectedTask
    }

    public func visibleRows(_ pane: Pane) -> Int {
        switch pane {
        case .tree: max(1, viewport.treeRows)
        case .list: max(1, viewport.listRows)
        case .detail: max(1, viewport.detailRows)
        }
    }

    var maxDetailScroll: Int { max(0, detail.lines.count - visibleRows(.detail)) }

    /// Keeps the cursor of `pane` visible.
    mutating func follow(_ pane: Pane) {
        let rows = visibleRows(pane)
        switch pane {
        case .tree: tree.scroll = Self.follow(cursor: tree.cursor, scroll: tree.scroll, count: tree.rows.count, visible: rows)
        case .list: list.scroll = Self.follow(cursor: list.cursor, scroll: list.scroll, count: list.rows.count, visible: rows)
        case .detail: break
        }
    }

    public static func follow(cursor: Int, scroll: Int, count: Int, visible: Int) -> Int {
        var s = scroll
        if cursor < s { s = cursor }
        if cursor >= s + visible { s = cursor - visible + 1 }
        s = min(s, max(0, count - visible))
        return max(0, s)
    }

    mutating func move(by n: Int) -> [Effect] {
        func clamp(_ v: Int, _ count: Int) -> Int { max(0, min(count - 1, v)) }
        switch focus {
        case .tree:
            guard !tree.rows.isEmpty else { return [] }
            tree.cursor = clamp(tree.cursor.addingReportingOverflow(n).partialValue, tree.rows.count)
            follow(.tree)
        case .list:
            guard !list.rows.isEmpty else { return [] }
            list.cursor = clamp(list.cursor.addingReportingOverflow(n).partialValue, list.rows.count)
            follow(.list)
            return maybeLoadMore()
        case .detail:
            detail.scroll = max(0, min(maxDetailScroll, detail.scroll.addingReportingOverflow(n).partialValue))
        }
        return []
    }

    /// Asks for the next page when the cursor nears the end of what is loaded, or a filter is on.
    mutating func maybeLoadMore() -> [Effect] {
        guard let token = list.nextPageToken, let read = listRead, !list.loadingMore,
              list.status == .loaded else { return [] }
        let nearEnd = list.cursor >= list.rows.count - 2 * visibleRows(.list)
        guard nearEnd || list.isFiltered else { return [] }
        list.loadingMore = true
        return [.loadTasks(read: read, generation: list.generation, pageToken: token, pageSize: Self.pageSize)]
    }

    mutating func afterFilterChange() -> [Effect] {
        follow(.list)
        return maybeLoadMore()
    }

    mutating func open() -> [Effect] {
        switch focus {
        case .tree:
            guard let row = tree.selected, row.kind != .placeholder else { return [] }
            var effects: [Effect] = []
            if row.hasChildren && !row.expanded {
                effects += expand(row)
            }
            effects += listTasks(of: row)
            focus = .list
            return effects
        case .list:
            guard let t = list.selectedTask else { return [] }
            focus = .detail
            if detail.taskId == t.id && detail.taskStatus != .notLoaded {
                if case .failed = detail.taskStatus {} else { return [] }
            }
            return openDetail(t.id)
        case .detail:
            return jumpToDependency()
        }
    }

    mutating func listTasks(of row: TreeRow) -> [Effect] {
        guard let source = row.source else { return [] }
        tree.openedPath = row.path
        return openList(source, title: row.title)
    }

    /// Where `id` sits: its neighbours in the list (about 50 rows either side of the cursor, at most 99,
    /// so that one `GET /tasks/{ids}` reads them with it) and the listed folder when it holds the task
    /// (not a space: its time-log listing would be the whole space).
    public func detailContext(for id: String) -> DetailContext {
        guard list.index[id] != nil else { return DetailContext() }
        var prefetch: [String] = []
        let rows = list.rows
        if !rows.isEmpty {
            let cursor = max(0, min(list.cursor, rows.count - 1))
            let end = min(rows.count, max(0, cursor - 50) + 100)
            let start = max(0, end - 100)
            for r in start..<end {
                let other = list.taskId(at: Int(rows[r].task))
                if other != id && prefetch.count < 99 { prefetch.append(other) }
            }
        }
        let folder = list.folderId.flatMap { f in tree.spaces.contains { $0.id == f } ? nil : f }
        return DetailContext(folderId: folder, prefetch: prefetch)
    }

    mutating func openDetail(_ id: String) -> [Effect] {
        var d = DetailState()
        d.taskId = id
        d.taskStatus = .loading
        d.commentsStatus = .loading
        d.approvalsStatus = .loading
        d.dependenciesStatus = .loading
        d.attachmentsStatus = .loading
        d.timelogsStatus = .loading
        detail = d
        rebuildDetail()
        return [.loadDetail(taskId: id, context: detailContext(for: id))]
    }

    mutating func expand(_ row: TreeRow) -> [Effect] {
        tree.expanded.insert(row.path)
        var effects: [Effect] = []
        if row.kind == .space {
            switch tree.spaceLoad[row.id] ?? .notLoaded {
            case .notLoaded, .failed:
                tree.spaceLoad[row.id] = .loading
                effects.append(.loadTree(spaceId: row.id))
            case .loading, .loaded: break
            }
        }
        tree.rebuild()
        follow(.tree)
        return effects
    }

    mutating func toggleExpand() -> [Effect] {
        switch focus {
        case .tree:
            guard let row = tree.selected, row.hasChildren else { return [] }
            if row.expanded {
                tree.expanded.remove(row.path)
                tree.rebuild()
                follow(.tree)
                return []
            }
            return expand(row)
        case .list:
            list.toggleExpanded()
            follow(.list)
        case .detail: break
        }
        return []
    }

    mutating func back() -> [Effect] {
        if list.editingFilter {
            list.editingFilter = false
            list.setFilter("")
            follow(.list)
            return []
        }
        switch focus {
        case .detail: focus = .list
        case .list:
            if list.isFiltered {
                list.setFilter("")
                follow(.list)
            } else {
                focus = .tree
            }
        case .tree: status.lastError = nil
        }
        return []
    }

    mutating func refresh() -> [Effect] {
        revalidation.last = now
        var effects: [Effect] = [.invalidateCache]
        status.lastError = nil
        if case .failed = bootstrap { bootstrap = .loading; effects.append(.loadBootstrap) }
        if case .failed = directoryStatus { directoryStatus = .loading; effects.append(.loadDirectory) }
        for (space, load) in tree.spaceLoad where load != .notLoaded && load != .loading {
            tree.spaceLoad[space] = .loading
            effects.append(.loadTree(spaceId: space))
        }
        tree.rebuild()
        if list.source != nil {
            list.generation += 1
            if list.status != .loaded { list.status = .loading }
            list.loadingMore = false
            list.refreshing = true
            effects += loadListFirstPage(size: min(Self.pageSize, max(Self.firstPageSize, list.tasks.count)))
        }
        if let id = detail.taskId {
            let scroll = detail.scroll
            detail.taskStatus = .loading
            for kp in [\DetailState.commentsStatus, \.approvalsStatus, \.dependenciesStatus, \.attachmentsStatus,
                       \.timelogsStatus] {
                detail[keyPath: kp] = .loading
            }
            detail.scroll = scroll
            requestedTasks.removeAll()
            effects.append(.loadDetail(taskId: id, context: detailContext(for: id)))
        }
        requestedDependencies.removeAll()
        status.message = "Refreshing…"
        return effects
    }
}
