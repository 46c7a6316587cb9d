// What events bring into the catalog (State/Catalog.swift): the directory after the first frame, a
// revalidated bootstrap, dependencies and tasks asked for by id, and the blocked markers derived from them.
import Foundation
import TermText
import WrikeAPI

extension AppState {
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
        }
        return effects
    }

    /// The tree is on screen (or there is none to load) and nothing is being listed: the first frame is complete.
    var firstFrameComplete: Bool {
        session.bootstrap == .loaded && !tree.spaceLoad.values.contains(.loading) && list.status != .loading
    }

    /// Asks for the dependencies of tasks that have some (once per id).
    /// They are read `dependencyBatch` at a time, one read in flight (`sendDependencyLoad`).
    mutating func requestDependencies(of tasks: [WrikeTask]) -> [Effect] {
        for t in tasks {
            for d in t.dependencyIds ?? [] where !catalog.requestedDependencies.contains(d) && catalog.dependencies[d] == nil {
                catalog.requestedDependencies.insert(d)
                catalog.dependencyQueue.append(d)
            }
        }
        return sendDependencyLoad()
    }

    /// Dependency ids per `.loadDependencies` (Wrike reads 100 per request).
    static let dependencyBatch = 500

    /// The next read of queued dependency ids, when none is in flight.
    mutating func sendDependencyLoad() -> [Effect] {
        guard catalog.dependencyLoadsInFlight == 0, !catalog.dependencyQueue.isEmpty else { return [] }
        let n = min(Self.dependencyBatch, catalog.dependencyQueue.count)
        let ids = Array(catalog.dependencyQueue.prefix(n))
        catalog.dependencyQueue.removeFirst(n)
        catalog.dependencyLoadsInFlight += 1
        return [.loadDependencies(ids: ids)]
    }

    /// A read of dependencies answered (or failed): the next one may go.
    mutating func dependencyLoadEnded() -> [Effect] {
        catalog.dependencyLoadsInFlight = max(0, catalog.dependencyLoadsInFlight - 1)
        return sendDependencyLoad()
    }

    /// Asks for tasks we know nothing about (once per id).
    mutating func requestUnknownTasks(_ candidates: [String]) -> [Effect] {
        var ids: [String] = []
        for id in candidates where list.index[id] == nil && !catalog.knownTasks.contains(id) && !catalog.requestedTasks.contains(id) {
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
        if let t = catalog.knownTasks.summary(id) {
            let s = catalog.directory.status(customStatusId: t.customStatusId, status: t.status)
            return (t.title, s.name, s.color, s.group != .active && s.group != .deferred)
        }
        return nil
    }

    /// Open tasks in the list with a predecessor that is not finished (a completed or cancelled task is
    /// never blocked).
    mutating func recomputeBlocked() {
        var blocked: Set<Int32> = []
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
            if !finished { blocked.insert(Int32(successor)) }
        }
        if blocked != list.blockedTasks { list.blockedTasks = blocked }
    }

    mutating func dependenciesArrived(_ deps: [Dependency]) -> [Effect] {
        for d in deps {
            catalog.dependencies.insert(d)
            // Known now (`requestDependencies` skips those in the table): only ids still awaited stay asked for.
            catalog.requestedDependencies.remove(d.id)
        }
        if catalog.requestedDependencies.isEmpty { catalog.requestedDependencies = [] }  // its table's room too
        let effects = requestUnknownTasks(deps.flatMap { [$0.predecessorId, $0.successorId] })
        return effects + dependencyLoadEnded()
    }

    mutating func tasksArrived(_ tasks: [WrikeTask]) {
        catalog.knownTasks.addResolved(tasks)
        // Known now (`requestUnknownTasks` skips known tasks): only ids still awaited or not found stay asked for.
        for t in tasks { catalog.requestedTasks.remove(t.id) }
        if catalog.requestedTasks.isEmpty { catalog.requestedTasks = [] }
        if case .approvalsWaiting(let p)? = modal { relabelWaiting(p.items) }
    }
}
