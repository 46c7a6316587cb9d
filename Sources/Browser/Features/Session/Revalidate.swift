// Quiet revalidation (config `refresh-interval`, seconds, 0 = off): every interval, while nothing is
// loading or being written, the open list (one page of its source: a folder, My Work) and the open task (the task and its
// comments) are read again through the shared client, in the background and at background priority.
// An answer that changes nothing changes nothing (no row rebuild); one that does replaces the data
// under the cursor: the selected task, the filter, the sort and the scroll positions stay. Failures are
// silent (the client's own status sentence says when Wrike is unreachable or limiting). Reads only: a
// write is never repeated here. Skipped while a load or a write is in flight, while the automatic retry
// waits, while the client is rate limited or backing off, and while signed out. Ticks drive it (no clock).
import Foundation
import WrikeAPI

/// Settings and bookkeeping of the periodic revalidation.
public struct Revalidation: Sendable, Hashable {
    /// Seconds between revalidations; 0 turns it off.
    public var interval: TimeInterval = 0
    /// When the last one went out (or when the count started); nil before the first tick.
    public var last: Date?
    /// Revalidation reads still out (the next waits for them).
    public var inFlight = 0
    /// Revalidations sent so far (for the status of tests and the log).
    public var count = 0
    public init(interval: TimeInterval = 0) { self.interval = interval }
}

extension AppState {
    /// Nothing is loading, being written or waiting, and the client is not under pressure.
    var idleForRevalidation: Bool {
        session.isSettled && !tree.isLoading && !list.isBusy && !detail.isLoading && !actions.isWriting
            && !(modal?.modal.isSending ?? false) && status.isQuiet
    }

    /// On every tick: when the interval has passed and the app is idle, the reads to send.
    mutating func revalidationTick() -> [Effect] {
        guard session.revalidation.interval > 0, !session.signedOut else { return [] }
        guard let last = session.revalidation.last else {
            session.revalidation.last = now
            return []
        }
        guard now.timeIntervalSince(last) >= session.revalidation.interval, idleForRevalidation else { return [] }
        session.revalidation.last = now
        var effects: [Effect] = []
        if let read = listRead, list.status == .loaded, list.tasks.count <= Self.pageSize {
            let size = min(Self.pageSize, max(Self.firstPageSize, list.tasks.count))
            effects.append(.revalidateTasks(read: read, generation: list.generation, pageSize: size))
        }
        if let id = detail.taskId, detail.taskStatus == .loaded {
            effects.append(.revalidateDetail(taskId: id))
        }
        session.revalidation.inFlight = effects.count
        if !effects.isEmpty { session.revalidation.count += 1 }
        // A warm start whose re-read of workflows and spaces failed tries again with the periodic reads.
        if session.warmStart == .pending {
            session.warmStart = .revalidating
            effects.append(.revalidateBootstrap)
        }
        return effects
    }

    /// A revalidated list page: applied only when it is still the same listing, nothing else changed it
    /// meanwhile, and it differs from what is shown.
    mutating func applyRevalidated(read: ListRead, generation: Int, _ result: Result<TaskPage, ServiceFailure>) -> [Effect] {
        session.revalidation.inFlight = max(0, session.revalidation.inFlight - 1)
        guard case .success(let answered) = result, read == listRead, generation == list.generation,
              list.status == .loaded, !list.loadingMore, !list.refreshing, actions.pending.isEmpty else { return [] }
        let page = viewKept(answered)
        // The list keeps only its own fields of a task (TaskStore): compared by id, last update and status
        // (Wrike moves `updatedDate` on every change of a task).
        let same = page.tasks.count == list.tasks.count && page.nextPageToken == list.nextPageToken
            && zip(page.tasks, list.tasks).allSatisfy {
                $0.id == $1.id && $0.updatedDate == $1.updatedDate && $0.customStatusId == $1.customStatusId
            }
        guard !same else { return [] }
        list.replace(page.tasks, directory: catalog.directory)
        list.nextPageToken = page.nextPageToken
        list.total = page.total ?? (page.nextPageToken == nil ? list.tasks.count : nil)
        follow(.list)
        let effects = requestDependencies(of: page.tasks)
        return effects
    }

    /// The open task and its comments read again: shown when they changed, at the same scroll position.
    mutating func applyRevalidated(taskId: String, task: Result<WrikeTask?, ServiceFailure>,
                                   comments: Result<[Comment], ServiceFailure>) -> [Effect] {
        session.revalidation.inFlight = max(0, session.revalidation.inFlight - 1)
        guard taskId == detail.taskId, !detail.isLoading else { return [] }
        var changed = false
        if case .success(let t?) = task, t != detail.task {
            detail.task = t
            catalog.knownTasks[t.id] = t
            changed = true
        }
        if case .success(let cs) = comments, cs != detail.comments {
            detail.comments = cs
            changed = true
        }
        guard changed else { return [] }
        return []
    }
}
