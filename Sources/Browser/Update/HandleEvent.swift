// Results of background work coming back into the state.
import Foundation
import WrikeAPI

extension AppState {
    /// Applies a result; returns follow-up effects (next pages, ids to resolve).
    public mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case .bootstrap(.success(let b)):
            bootstrap = .loaded
            autoRetrySucceeded()
            directory.merge(b)
            if b.hasDirectory { directoryStatus = .loaded }
            tree.spaces = b.spaces
            actions.workflows = b.workflows
            var effects: [Effect] = []
            if let me = b.me?.id { effects.append(.loadMyTime(meId: me, date: today)) }
            if tree.expanded.isEmpty, let first = b.spaces.first {
                tree.expanded.insert(first.id)
                tree.spaceLoad[first.id] = .loading
                effects.append(.loadTree(spaceId: first.id))
            }
            tree.rebuild()
            follow(.tree)
            if !list.tasks.isEmpty { list.replace(list.tasks, directory: directory) }
            rebuildDetail()
            return effects
        case .bootstrap(.failure(let f)):
            bootstrap = .failed(f.message)
            status.lastError = f.message
            scheduleAutoRetry(after: f)

        case .directory(.success(let b)):
            directory.merge(b)
            directoryStatus = .loaded
            autoRetrySucceeded()
            // Names replace the placeholders: the list's rows and search keys, the detail.
            if !list.tasks.isEmpty { list.replace(list.tasks, directory: directory) }
            if case .approvalsWaiting(let p)? = actions.overlay { relabelWaiting(p.items) }
            rebuildDetail()
            if let me = directory.meId { return [.loadMyTime(meId: me, date: today)] }
        case .directory(.failure(let f)):
            directoryStatus = .failed(f.message)
            status.lastError = "Names and account not loaded: \(f.message)"
            scheduleAutoRetry(after: f)

        case .tree(let space, .success(let entries)):
            for e in entries { tree.entries[e.id] = e }
            tree.spaceLoad[space] = .loaded
            autoRetrySucceeded()
            tree.rebuild()
            follow(.tree)
        case .tree(let space, .failure(let f)):
            tree.spaceLoad[space] = .failed(f.message)
            status.lastError = f.message
            scheduleAutoRetry(after: f)
            tree.rebuild()

        case .taskPage(let folder, let generation, let first, let result):
            guard folder == list.folderId, generation == list.generation else { return [] }
            switch result {
            case .success(let page):
                if first {
                    list.replace(page.tasks, directory: directory)
                } else {
                    list.append(page.tasks, directory: directory)
                }
                list.refreshing = false
                list.status = .loaded
                if first { autoRetrySucceeded() }
                list.loadingMore = false
                list.nextPageToken = page.nextPageToken
                list.total = page.total ?? (page.nextPageToken == nil ? list.tasks.count : nil)
                follow(.list)
                var effects = requestDependencies(of: page.tasks)
                recomputeBlocked()
                effects += maybeLoadMore()
                // The first complete frame (tree and list) is drawn with this event: now the rest.
                effects += loadDirectoryAfterFirstFrame()
                return effects
            case .failure(let f):
                list.loadingMore = false
                list.refreshing = false
                if list.status != .loaded { list.status = .failed(f.message) }
                status.lastError = f.message
                if first, case .failed = list.status { scheduleAutoRetry(after: f) }
                return loadDirectoryAfterFirstFrame()
            }

        case .dependencies(.success(let deps)):
            for d in deps { dependencies[d.id] = d }
            let effects = requestUnknownTasks(deps.flatMap { [$0.predecessorId, $0.successorId] })
            recomputeBlocked()
            return effects
        case .dependencies(.failure(let f)):
            status.lastError = f.message

        case .tasksById(.success(let tasks)):
            for t in tasks { knownTasks[t.id] = t }
            if case .approvalsWaiting(let p)? = actions.overlay { relabelWaiting(p.items) }
            recomputeBlocked()
            rebuildDetail()
        case .tasksById(.failure(let f)):
            status.lastError = f.message

        case .detailTask(let id, let result):
            guard id == detail.taskId else { return [] }
            switch result {
            case .success(let t?):
                detail.task = t
                detail.taskStatus = .loaded
                knownTasks[t.id] = t
                let effects = requestUnknownTasks((t.subTaskIds ?? []) + (t.superTaskIds ?? []))
                rebuildDetail()
                return effects
            case .success(nil):
                detail.taskStatus = .failed("Not found in Wrike (deleted or moved?).")
            case .failure(let f):
                detail.taskStatus = .failed(f.message)
                status.lastError = f.message
            }
            rebuildDetail()

        case .comments(let id, let r):
            guard id == detail.taskId else { return [] }
            apply(r, to: \.comments, \.commentsStatus)
        case .approvals(let id, let r):
            guard id == detail.taskId else { return [] }
            apply(r, to: \.approvals, \.approvalsStatus)
        case .attachments(let id, let r):
            guard id == detail.taskId else { return [] }
            apply(r, to: \.attachments, \.attachmentsStatus)
        case .timelogs(let id, let r):
            guard id == detail.taskId else { return [] }
            apply(r, to: \.timelogs, \.timelogsStatus)
        case .taskDependencies(let id, let r):
            guard id == detail.taskId else { return [] }
            switch r {
            case .success(let deps):
                for d in deps { dependencies[d.id] = d }
                detail.dependencyIds = deps.map(\.id)
                detail.dependenciesStatus = .loaded
                let effects = requestUnknownTasks(deps.flatMap { [$0.predecessorId, $0.successorId] })
                recomputeBlocked()
                rebuildDetail()
                return effects
            case .failure(let f):
                detail.dependenciesStatus = .failed(f.message)
                status.lastError = f.message
                rebuildDetail()
            }

        case .taskWrite, .draftSaveFailed, .commentWrite, .posted, .reread, .dependencyWrite, .approvalWrite, .timelogCategories,
             .searchResults, .myApprovals, .myTime:
            return handleAction(event)
        case .externalComment(let text, let error):
            return act(.externalComment(text: text, error: error))
        case .clientStatus(let s):
            status.client = s
        }
        return []
    }

    private mutating func apply<T>(_ r: Result<[T], ServiceFailure>, to items: WritableKeyPath<DetailState, [T]>,
                                   _ load: WritableKeyPath<DetailState, LoadStatus>) {
        switch r {
        case .success(let v):
            detail[keyPath: items] = v
            detail[keyPath: load] = .loaded
        case .failure(let f):
            detail[keyPath: load] = .failed(f.message)
            status.lastError = f.message
        }
        rebuildDetail()
    }

    /// Account, contacts and custom fields once the first frame is complete: after the first page of a
    /// list, or (from `.tick`) once the tree is shown and no list is loading. Only once.
    mutating func loadDirectoryAfterFirstFrame() -> [Effect] {
        guard directoryStatus == .notLoaded, bootstrap == .loaded else { return [] }
        directoryStatus = .loading
        return [.loadDirectory]
    }

    /// The tree is on screen (or there is none to load) and nothing is being listed: the first frame is complete.
    var firstFrameComplete: Bool {
        bootstrap == .loaded && !tree.spaceLoad.values.contains(.loading) && list.status != .loading
    }

    /// Asks for the dependencies of tasks that have some (once per id).
    mutating func requestDependencies(of tasks: [WrikeTask]) -> [Effect] {
        var ids: [String] = []
        for t in tasks {
            for d in t.dependencyIds ?? [] where !requestedDependencies.contains(d) && dependencies[d] == nil {
                requestedDependencies.insert(d)
                ids.append(d)
            }
        }
        return ids.isEmpty ? [] : [.loadDependencies(ids: ids)]
    }

    /// Asks for tasks we know nothing about (once per id).
    mutating func requestUnknownTasks(_ candidates: [String]) -> [Effect] {
        var ids: [String] = []
        for id in candidates where list.index[id] == nil && knownTasks[id] == nil && !requestedTasks.contains(id) {
            requestedTasks.insert(id)
            ids.append(id)
        }
        return ids.isEmpty ? [] : [.loadTasksById(ids: ids)]
    }

    /// A task's status (name, colour, finished) from the list or the tasks resolved by id.
    public func taskSummary(_ id: String) -> (title: String, status: String, color: StatusColor?, finished: Bool)? {
        if let i = list.index[id] {
            let info = list.info[i]
            return (info.title, info.statusName, info.statusColor, info.finished)
        }
        if let t = knownTasks[id] {
            let s = directory.status(of: t)
            return (t.title.sanitizedLine, s.name, s.color, s.group != .active && s.group != .deferred)
        }
        return nil
    }

    /// Tasks in the list with a predecessor that is not finished.
    mutating func recomputeBlocked() {
        var blocked: Set<String> = []
        for d in dependencies.values where list.index[d.successorId] != nil {
            if let p = taskSummary(d.predecessorId), !p.finished { blocked.insert(d.successorId) }
        }
        if blocked != list.blocked { list.blocked = blocked }
    }
}
