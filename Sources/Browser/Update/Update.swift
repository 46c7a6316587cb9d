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
        let effects = gateSignedOut(updateUngated(intent))
        deriveStale()
        return effects
    }

    mutating func updateUngated(_ intent: Intent) -> [Effect] {
        clearMessage(before: intent)
        if let effects = offerToModal(intent) { return effects }
        switch intent {
        case .action(let a): return act(a)
        case .start:
            let inbox = loadInboxFile()
            if let effects = startFromDisk() { return effects + inbox }
            session.bootstrap = .loading
            return [.loadBootstrap, .timer(.read)] + inbox
        case .move(let n): return move(by: n)
        case .page(let n): return move(by: n * max(1, visibleRows(focus) - 1))
        case .halfPage(let n): return move(by: n * max(1, visibleRows(focus) / 2))
        case .top: return move(by: -Int(Int32.max))
        case .bottom: return move(by: Int(Int32.max))
        case .paneLeft: if let p = Pane(rawValue: focus.rawValue - 1) { focus = p }
        case .paneRight: if let p = Pane(rawValue: focus.rawValue + 1) { focus = p }
        case .focusNext: focus = Pane(rawValue: (focus.rawValue + 1) % 3) ?? .tree
        case .focusPrevious: focus = Pane(rawValue: (focus.rawValue + 2) % 3) ?? .tree
        case .focus(let p): focus = p
        case .open: return open()
        case .openList(let source): return showList(source)
        case .taskEdit(let i): return taskEditIntent(i)
        case .back: return back()
        case .toggleExpand: return toggleExpand()
        case .refresh: return refreshIntent()
        case .copyPermalink: return permalink(copy: true)
        case .showPermalink: return permalink(copy: false)
        case .beginFilter:
            focus = .list
            list.editingFilter = true
        case .setFilter(let q): return setFilter(q)
        case .filterType(let s): return typeInFilter(s)
        case .filterBackspace: return list.filter.isEmpty ? [] : setFilter(String(list.filter.dropLast()))
        case .filterDeleteWord: return deleteFilterWord()
        case .filterClear: return setFilter("")
        case .endFilter(let keep): endFilter(keep: keep)
        case .cycleSort: sortList(by: list.sort.next, ascending: list.sort.next.defaultAscending)
        case .reverseSort: sortList(by: list.sort, ascending: !list.ascending)
        case .setSort(let f, let asc): sortList(by: f, ascending: asc)
        case .nextSection: jumpSection(next: true)
        case .previousSection: jumpSection(next: false)
        case .toggleHelp: modal = help == nil ? .help(HelpState()) : nil
        case .quit: return quit()
        case .paste(let text, let truncated): return paste(text, truncated: truncated)
        case .timesheet(let i): return timesheetIntent(i)
        case .inbox(let i): return inboxIntent(i)
        case .mouse(let m): return mouse(m)
        case .views(let i): return viewsIntent(i)
        case .layout(let v): return layout(v)
        case .tick(let date): return tick(date)
        case .stepTask(let n): return stepTask(n)
        }
        return []
    }

    /// A key clears the status line's message and link, and is counted; the clock and a resize do not.
    mutating func clearMessage(before intent: Intent) {
        switch intent {
        case .tick, .layout: break
        case .start, .move, .page, .halfPage, .top, .bottom, .paneLeft, .paneRight, .focusNext, .focusPrevious,
             .focus, .open, .back, .openList, .toggleExpand, .refresh, .copyPermalink, .showPermalink,
             .beginFilter, .setFilter, .filterType, .filterBackspace, .filterDeleteWord, .filterClear,
             .endFilter, .cycleSort, .reverseSort, .setSort, .nextSection, .previousSection, .toggleHelp,
             .quit, .action, .paste, .timesheet, .taskEdit, .views, .inbox, .stepTask, .mouse:
            features.taskEdit.userIntents &+= 1
            status.message = nil
            status.link = nil
        }
    }

    /// Keys while the `?` overlay is open: scrolling and closing it; any other key closes it and goes on
    /// (nil: carry on with the intent).
    mutating func helpInput(_ intent: Intent, _ h: HelpState) -> [Effect]? {
        switch intent {
        case .move(let n): modal = .help(HelpState(scroll: max(0, h.scroll + n)))
        case .page(let n), .halfPage(let n): modal = .help(HelpState(scroll: max(0, h.scroll + n * 10)))
        case .top: modal = .help(HelpState(scroll: 0))
        case .back, .toggleHelp: modal = nil
        case .quit: return quit()
        case .paste: status.message = Self.pasteIgnored
        case .layout, .tick: return nil
        case .start, .bottom, .paneLeft, .paneRight, .focusNext, .focusPrevious, .focus, .open, .openList,
             .toggleExpand, .refresh, .copyPermalink, .showPermalink, .beginFilter, .setFilter,
             .filterType, .filterBackspace, .filterDeleteWord, .filterClear, .endFilter, .cycleSort,
             .reverseSort, .setSort, .nextSection, .previousSection, .action, .timesheet, .taskEdit, .views, .inbox, .stepTask, .mouse:
            modal = nil
            return nil
        }
        return []
    }

    mutating func refreshIntent() -> [Effect] {
        session.autoRetry = nil
        if session.signedOut {
            status.message = "Signed out: nothing can be read until you sign in again."
            return []
        }
        return refresh()
    }

    /// Copies (`copy`) or shows as a hyperlink the permalink of the task the link keys act on.
    mutating func permalink(copy: Bool) -> [Effect] {
        guard let task = currentTask else {
            status.lastError = "No task selected."
            return []
        }
        guard let link = task.permalink, !link.isEmpty else {
            status.lastError = "This task has no permalink."
            return []
        }
        let url = Sanitizer.cleanLine(link)
        if copy {
            status.message = "Copied \(url)"
            return [.copyToClipboard(url)]
        }
        return openLink(url)
    }

    /// Scrolls the detail pane to the next or previous section.
    mutating func jumpSection(next: Bool) {
        guard detail.taskId != nil else { return }
        focus = .detail
        let s = detail.scroll
        let target = next ? detail.sections.first { $0.line > s }?.line : detail.sections.last { $0.line < s }?.line
        if let t = target { detail.scroll = min(t, maxDetailScroll) } else if !next { detail.scroll = 0 }
    }

    /// A new terminal size: the detail is laid out again for a new width, the cursors stay in view, and
    /// a cursor now near the end of the loaded tasks asks for the next page.
    mutating func layout(_ v: Viewport) -> [Effect] {
        viewport = v
        follow(.tree)
        follow(.list)
        detail.scroll = max(0, min(detail.scroll, maxDetailScroll))
        return maybeLoadMore()
    }

    /// The clock: autosaves, the finder's search, send checks, the directory after the first frame, the
    /// automatic retry and the periodic revalidation.
    mutating func tick(_ date: Date) -> [Effect] {
        now = date
        // Drafts are local: saved while signed out too; go-to's search is answered (signed out) at once.
        let saves = autosaveTick() + goToTick()
        if session.signedOut { return saves }
        var effects = saves + debouncedSearch() + followCursorTick() + sendCheckTick()
        if session.directoryStatus == .notLoaded && firstFrameComplete { effects += loadDirectoryAfterFirstFrame() }
        effects += autoRetryTick()
        return effects + revalidationTick() + rememberTick() + inboxTick()
    }

    // MARK: - Helpers

    /// The task the copy/link keys act on: the open one in the detail pane, else the list's selection.
    public var currentTask: WrikeTask? {
        if focus == .detail, let t = detail.task ?? detail.taskId.flatMap({ catalog.knownTasks[$0] }) { return t }
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
            listCursorMoved()
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
}
