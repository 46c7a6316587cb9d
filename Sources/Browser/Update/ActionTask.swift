// The task an action applies to, and how a changed task reaches every place that shows it (list,
// detail, known tasks); dependency selection and jumps; my editable comment; the finder's search debounce.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    /// The task an action applies to: the open one in the detail pane (known from the list or an earlier
    /// read while its own read is on the way), else the list's selection.
    var actionTask: WrikeTask? {
        if focus == .detail, let id = detail.taskId { return detail.task ?? catalog.knownTasks[id] ?? task(id) }
        return list.selectedTask ?? detail.task
    }

    /// The dependency under the detail cursor: the first dependency line at or below the scroll position.
    public var selectedDependency: Dependency? {
        let deps = orderedDependencies
        guard !deps.isEmpty else { return nil }
        let i = max(0, min(deps.count - 1, actions.dependencyCursor))
        return deps[i]
    }

    /// The open task's dependencies as the detail pane lists them: predecessors, then successors.
    public var orderedDependencies: [Dependency] {
        guard let id = detail.taskId else { return [] }
        let deps = detail.dependencyIds.compactMap { catalog.dependencies[$0] }
        return deps.filter { $0.successorId == id } + deps.filter { $0.predecessorId == id && $0.successorId != id }
    }

    mutating func nextToken() -> Int {
        defer { actions.nextToken += 1 }
        return actions.nextToken
    }

    /// Puts a changed task everywhere it is shown.
    mutating func replaceTask(_ t: WrikeTask) {
        catalog.knownTasks[t.id] = t
        list.update([t], directory: catalog.directory)
        if detail.taskId == t.id {
            detail.task = t
        }
    }

    mutating func replaceTasks(_ ts: [WrikeTask]) {
        guard !ts.isEmpty else { return }
        let byId = Dictionary(ts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for t in ts { catalog.knownTasks[t.id] = t }
        list.update(Array(byId.values), directory: catalog.directory)
        if let id = detail.taskId, let t = byId[id] {
            detail.task = t
        }
    }

    /// A task's title for a dialog: sanitized, one line; empty when the task is not known.
    public func taskTitle(_ id: String) -> String {
        taskSummary(id)?.title ?? task(id).map { Sanitizer.cleanLine($0.title) } ?? ""
    }

    func task(_ id: String) -> WrikeTask? {
        if let i = list.index[id] { return list.tasks[i] }
        return catalog.knownTasks[id] ?? (detail.taskId == id ? detail.task : nil)
    }

    /// Sends a task update with an optimistic change.
    mutating func optimistic(_ edit: TaskEdit, update: TaskUpdate) -> [Effect] {
        let token = nextToken()
        actions.pending[token] = PendingEdit(rollback: [edit.rollback], summary: edit.summary)
        replaceTask(edit.optimistic)
        status.message = edit.summary + "…"
        return [.updateTask(taskId: edit.taskId, update, token: token)]
    }

    /// `]` / `[`: selects the next or previous dependency of the open task and scrolls to them.
    mutating func selectDependency(_ n: Int) -> [Effect] {
        guard modal == nil, detail.taskId != nil else { return [] }
        let count = orderedDependencies.count
        guard count > 0 else { status.message = "This task has no dependencies."; return [] }
        focus = .detail
        actions.dependencyCursor = actions.dependencySelectionActive ? max(0, min(count - 1, actions.dependencyCursor + n)) : 0
        actions.dependencySelectionActive = true
        detail.scrollToSection = .dependencies
        return []
    }

    /// Back to the task a dependency jump left.
    mutating func jumpBack() -> [Effect] {
        guard let id = actions.jumpStack.popLast() else {
            status.message = "Nothing to go back to."
            return []
        }
        focus = .detail
        return openDetail(id)
    }

    /// Enter on a dependency in the detail pane: open the other task (even in another folder).
    mutating func jumpToDependency() -> [Effect] {
        guard actions.dependencySelectionActive, let id = detail.taskId, let d = selectedDependency else { return [] }
        let other = d.predecessorId == id ? d.successorId : d.predecessorId
        actions.jumpStack.append(id)
        actions.dependencyCursor = 0
        actions.dependencySelectionActive = false
        if let i = list.rowIndex(ofTask: other) {
            list.cursor = i
            follow(.list)
        }
        status.message = "Opened the linked task; b returns."
        return openDetail(other)
    }

    /// My newest comment on the open task if it is still inside Wrike's 5-minute edit window.
    mutating func myRecentComment() -> WrikeComment? {
        guard focus == .detail || detail.taskId != nil, let me = catalog.directory.meId else { return nil }
        guard let c = detail.comments.filter({ $0.authorId == me })
            .max(by: { ($0.createdDate ?? "") < ($1.createdDate ?? "") }) else {
            status.message = "You have no comment on this task."
            return nil
        }
        guard let created = c.createdDate.flatMap(WrikeDate.parseTimestamp), now.timeIntervalSince(created) <= 300 else {
            status.message = "Wrike lets you change a comment only within 5 minutes of posting it."
            return nil
        }
        return c
    }

    /// Debounce of the dependency finder's server title search: the newest query, once per tick.
    mutating func debouncedSearch() -> [Effect] {
        guard let q = actions.pendingSearch else { return [] }
        actions.pendingSearch = nil
        guard case .dependency(let m)? = modal, m.query.hasPrefix(q) || q.hasPrefix(m.query) else { return [] }
        let current = m.query
        guard current.count >= DependencyFinderModel.minSearchLength, actions.lastSearch != current else { return [] }
        actions.lastSearch = current
        return [.searchTasks(query: current)]
    }
}
