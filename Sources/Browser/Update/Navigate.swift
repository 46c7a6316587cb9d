// Enter and Back in the panes (the tree's own update: Features/Tree/TreeUpdate.swift), opening a task's detail (with the context a cheap
// read needs), refresh.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func open() -> [Effect] {
        switch focus {
        case .tree:
            guard let row = tree.selected, row.kind != .placeholder else { return [] }
            if row.kind == .inbox { return inboxIntent(.open) }
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
        dropPendingAttachmentAction(opening: id)
        var d = DetailState()
        d.taskId = id
        d.taskStatus = .loading
        d.commentsStatus = .loading
        d.approvalsStatus = .loading
        d.dependenciesStatus = .loading
        d.attachmentsStatus = .loading
        d.timelogsStatus = .loading
        detail = d
        return [.loadDetail(taskId: id, context: detailContext(for: id))]
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
        session.revalidation.last = now
        var effects: [Effect] = [.invalidateCache]
        status.lastError = nil
        if case .failed = session.bootstrap { session.bootstrap = .loading; effects.append(.loadBootstrap) }
        if case .failed = session.directoryStatus { session.directoryStatus = .loading; effects.append(.loadDirectory) }
        for (space, load) in tree.spaceLoad where load != .notLoaded && load != .loading {
            tree.spaceLoad[space] = .loading
            effects.append(.loadTree(spaceId: space))
        }
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
            catalog.requestedTasks.removeAll()
            effects.append(.loadDetail(taskId: id, context: detailContext(for: id)))
        }
        catalog.requestedDependencies.removeAll()
        catalog.dependencyQueue.removeAll()
        status.message = "Refreshing…"
        return effects
    }
}
