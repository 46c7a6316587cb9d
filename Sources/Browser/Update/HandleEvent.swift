// Results of background work coming back into the state.
import Foundation
import WrikeAPI

extension AppState {
    /// Applies a result; returns follow-up effects (next pages, ids to resolve). While signed out, effects
    /// that need Wrike are answered at once with their failure instead (SignedOut.swift).
    public mutating func handle(_ event: Event) -> [Effect] {
        let effects = handleUngated(event)
        noteFromDisk(event)
        return gateSignedOut(effects)
    }

    mutating func handleUngated(_ event: Event) -> [Effect] {
        switch event {
        case .signInRequired:
            enterSignedOut()
        case .revalidatedTasks(let read, let generation, let result):
            return applyRevalidated(read: read, generation: generation, result)
        case .revalidatedDetail(let id, let task, let comments):
            return applyRevalidated(taskId: id, task: task, comments: comments)
        case .bootstrap(.success(let b)):
            session.bootstrap = .loaded
            autoRetrySucceeded()
            session.warmStart = b.fromDiskCache ? .pending : .notWarm
            if b.fromDiskCache, !b.contacts.isEmpty {
                // Names from the disk for the first frame; `.loadDirectory` still follows it and replaces them.
                var named = b
                named.hasDirectory = true
                catalog.directory.merge(named)
            } else {
                catalog.directory.merge(b)
            }
            if b.hasDirectory { session.directoryStatus = .loaded }
            tree.spaces = b.spaces
            actions.workflows = b.workflows
            var effects: [Effect] = []
            if b.hasDirectory, let me = b.me?.id { effects.append(.loadMyTime(meId: me, date: today)) }
            if tree.expanded.isEmpty, let first = b.spaces.first {
                tree.expanded.insert(first.id)
                tree.spaceLoad[first.id] = .loading
                effects.append(.loadTree(spaceId: first.id))
            }
            if b.hasDirectory { effects += lookUpContactsOnScreen() }
            tree.rebuild()
            follow(.tree)
            list.setDirectory(catalog.directory)
            rebuildDetail()
            return effects + resumeWaitingList()
        case .bootstrap(.failure(let f)):
            session.bootstrap = .failed(f.message)
            status.lastError = f.message
            scheduleAutoRetry(after: f)

        case .bootstrapRevalidated(let result):
            return applyRevalidatedBootstrap(result)

        case .directory(.success(let b)):
            catalog.directory.merge(b)
            session.directoryStatus = .loaded
            autoRetrySucceeded()
            let lookUps = lookUpContactsOnScreen()
            // Names replace the placeholders: the list's rows and search keys, the detail.
            list.setDirectory(catalog.directory)
            if case .approvalsWaiting(let p)? = modal { relabelWaiting(p.items) }
            rebuildDetail()
            // Interrupted sends waited for "me": they are checked now.
            let effects = lookUps + resumeWaitingList()
            if let me = catalog.directory.meId { return [.loadMyTime(meId: me, date: today)] + effects + sendCheckTick() }
            return effects
        case .directory(.failure(let f)):
            session.directoryStatus = .failed(f.message)
            status.lastError = "Names and account not loaded: \(f.message)"
            scheduleAutoRetry(after: f)
            return resumeWaitingList()

        case .tree(let space, .success(let entries)):
            for e in entries { tree.entries[e.id] = e }
            tree.spaceLoad[space] = .loaded
            autoRetrySucceeded()
            tree.rebuild()
            follow(.tree)
            goToTreeChanged()
        case .tree(let space, .failure(let f)):
            tree.spaceLoad[space] = .failed(f.message)
            status.lastError = f.message
            scheduleAutoRetry(after: f)
            tree.rebuild()

        case .taskPage(let read, let generation, let first, let result):
            guard read == listRead, generation == list.generation else { return [] }
            switch result {
            case .success(let page):
                let lookUps = lookUpContacts(people(in: page.tasks))
                if first {
                    list.replace(page.tasks, directory: catalog.directory)
                } else {
                    list.append(page.tasks, directory: catalog.directory)
                }
                list.refreshing = false
                list.status = .loaded
                if first { autoRetrySucceeded() }
                list.loadingMore = false
                list.nextPageToken = page.nextPageToken
                list.total = page.total ?? (page.nextPageToken == nil ? list.tasks.count : nil)
                follow(.list)
                var effects = revalidateBootstrapIfStatusUnknown(page.tasks)
                effects += requestDependencies(of: page.tasks)
                effects += lookUps
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
            for d in deps { catalog.dependencies[d.id] = d }
            let effects = requestUnknownTasks(deps.flatMap { [$0.predecessorId, $0.successorId] })
            recomputeBlocked()
            return effects
        case .dependencies(.failure):
            // Read for the list's "blocked" marker, not asked for by the user: nothing on the status line
            // (the client's own sentence says when Wrike cannot be reached). `r` asks again.
            break

        case .tasksById(.success(let tasks)):
            for t in tasks { catalog.knownTasks[t.id] = t }
            if case .approvalsWaiting(let p)? = modal { relabelWaiting(p.items) }
            recomputeBlocked()
            rebuildDetail()
        case .tasksById(.failure):
            // Titles of linked tasks, not asked for by the user: nothing on the status line (they show as
            // not known). `r` asks again.
            break
        case .contactsById(let ids, let result):
            applyContacts(ids: ids, result)

        case .detailTask(let id, let result):
            guard id == detail.taskId else { return [] }
            switch result {
            case .success(let read?):
                let t = reconciled(read)
                detail.editsWhileLoading = []
                detail.task = t
                detail.taskStatus = .loaded
                catalog.knownTasks[t.id] = t
                let effects = requestUnknownTasks((t.subTaskIds ?? []) + (t.superTaskIds ?? []))
                    + lookUpContacts(peopleInDetail)
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
            return apply(r, to: \.comments, \.commentsStatus)
        case .approvals(let id, let r):
            guard id == detail.taskId else { return [] }
            return apply(r, to: \.approvals, \.approvalsStatus)
        case .attachments(let id, let r):
            guard id == detail.taskId else { return [] }
            return apply(r, to: \.attachments, \.attachmentsStatus)
        case .timelogs(let id, let r):
            guard id == detail.taskId else { return [] }
            return apply(r, to: \.timelogs, \.timelogsStatus)
        case .taskDependencies(let id, let r):
            guard id == detail.taskId else { return [] }
            switch r {
            case .success(let deps):
                for d in deps { catalog.dependencies[d.id] = d }
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
             .searchResults, .myApprovals, .myTime, .draftsListed:
            return handleAction(event)
        case .permalinkResolved(let number, let result):
            return permalinkResolved(number, result)
        case .externalComment(let text, let error):
            return act(.externalComment(text: text, error: error))
        case .timesheet(let e):
            return handleTimesheet(e)
        case .customCommandDone(let message, let error):
            return act(.customCommandDone(message: message, error: error))
        case .clientStatus(let s):
            status.client = s
        case .timerFile(let change, let outcome):
            return timerFile(change, outcome)
        }
        return []
    }

    /// A part of the detail arrived; the people it names that contacts do not are asked for.
    private mutating func apply<T>(_ r: Result<[T], ServiceFailure>, to items: WritableKeyPath<DetailState, [T]>,
                                   _ load: WritableKeyPath<DetailState, LoadStatus>) -> [Effect] {
        var effects: [Effect] = []
        switch r {
        case .success(let v):
            detail[keyPath: items] = v
            detail[keyPath: load] = .loaded
            effects = lookUpContacts(peopleInDetail)
        case .failure(let f):
            detail[keyPath: load] = .failed(f.message)
            status.lastError = f.message
        }
        rebuildDetail()
        return effects
    }

    /// Account, contacts and custom fields once the first frame is complete: after the first page of a
    /// list, or (from `.tick`) once the tree is shown and no list is loading. Only once.
    /// Also, after a warm start, the re-read of workflows and spaces (once).
    mutating func loadDirectoryAfterFirstFrame() -> [Effect] {
        var effects: [Effect] = []
        if session.warmStart == .pending, session.bootstrap == .loaded {
            session.warmStart = .revalidating
            effects.append(.revalidateBootstrap)
        }
        guard session.directoryStatus == .notLoaded, session.bootstrap == .loaded else { return effects }
        session.directoryStatus = .loading
        return effects + [.loadDirectory]
    }

    /// A task whose status the disk's workflows do not know: the re-read cannot wait.
    mutating func revalidateBootstrapIfStatusUnknown(_ tasks: [WrikeTask]) -> [Effect] {
        guard session.warmStart == .pending,
              tasks.contains(where: { t in t.customStatusId.map { catalog.directory.statuses[$0] == nil } ?? false })
        else { return [] }
        session.warmStart = .revalidating
        return [.revalidateBootstrap]
    }

    /// Wrike's workflows and spaces replace the disk's quietly: status names and the tree are re-derived
    /// when they changed; a space that vanished leaves the tree. A failure keeps the disk's data on screen,
    /// quietly, and the next periodic revalidation (`revalidationTick`) tries again.
    mutating func applyRevalidatedBootstrap(_ result: Result<Bootstrap, ServiceFailure>) -> [Effect] {
        guard case .success(let b) = result else {
            if session.warmStart == .revalidating { session.warmStart = .pending }
            return []
        }
        session.warmStart = .revalidated
        var effects: [Effect] = []
        if b.workflows != actions.workflows {
            actions.workflows = b.workflows
            catalog.directory.merge(Bootstrap(workflows: b.workflows, hasDirectory: false))
            list.setDirectory(catalog.directory)
            rebuildDetail()
        }
        if b.spaces != tree.spaces {
            let ids = Set(b.spaces.map(\.id))
            for gone in tree.spaces.map(\.id) where !ids.contains(gone) {
                tree.expanded.remove(gone)
                tree.spaceLoad[gone] = nil
            }
            tree.spaces = b.spaces
            if !tree.spaces.contains(where: { tree.expanded.contains($0.id) }), let first = b.spaces.first,
               tree.spaceLoad[first.id] == nil {
                tree.expanded.insert(first.id)
                tree.spaceLoad[first.id] = .loading
                effects.append(.loadTree(spaceId: first.id))
            }
            tree.rebuild()
            follow(.tree)
        }
        return effects
    }

    /// The tree is on screen (or there is none to load) and nothing is being listed: the first frame is complete.
    var firstFrameComplete: Bool {
        session.bootstrap == .loaded && !tree.spaceLoad.values.contains(.loading) && list.status != .loading
    }

    /// Asks for the dependencies of tasks that have some (once per id).
    mutating func requestDependencies(of tasks: [WrikeTask]) -> [Effect] {
        var ids: [String] = []
        for t in tasks {
            for d in t.dependencyIds ?? [] where !catalog.requestedDependencies.contains(d) && catalog.dependencies[d] == nil {
                catalog.requestedDependencies.insert(d)
                ids.append(d)
            }
        }
        return ids.isEmpty ? [] : [.loadDependencies(ids: ids)]
    }

    /// Asks for tasks we know nothing about (once per id).
    mutating func requestUnknownTasks(_ candidates: [String]) -> [Effect] {
        var ids: [String] = []
        for id in candidates where list.index[id] == nil && catalog.knownTasks[id] == nil && !catalog.requestedTasks.contains(id) {
            catalog.requestedTasks.insert(id)
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
        if let t = catalog.knownTasks[id] {
            let s = catalog.directory.status(of: t)
            return (t.title.sanitizedLine, s.name, s.color, s.group != .active && s.group != .deferred)
        }
        return nil
    }

    /// Open tasks in the list with a predecessor that is not finished (a completed or cancelled task is
    /// never blocked).
    mutating func recomputeBlocked() {
        var blocked: Set<String> = []
        let index = list.index
        for d in catalog.dependencies.values {
            guard let successor = index[d.successorId], !list.isFinished(at: successor) else { continue }
            let finished: Bool
            if let i = index[d.predecessorId] {
                finished = list.isFinished(at: i)
            } else if let p = taskSummary(d.predecessorId) {
                finished = p.finished
            } else {
                continue
            }
            if !finished { blocked.insert(d.successorId) }
        }
        if blocked != list.blocked { list.blocked = blocked }
    }
}
