// Results of background work coming back into the state.
import Foundation
import WrikeAPI

extension AppState {
    /// Applies a result; returns follow-up effects (next pages, ids to resolve). While signed out, effects
    /// that need Wrike are answered at once with their failure instead (SignedOut.swift).
    public mutating func handle(_ event: Event) -> [Effect] {
        let effects = handleUngated(event)
        noteFromDisk(event)
        let gated = gateSignedOut(effects)
        deriveStale()
        return gated
    }

    mutating func handleUngated(_ event: Event) -> [Effect] {
        switch event {
        case .signInRequired:
            enterSignedOut()
        case .revalidatedTasks(let read, let generation, let result):
            return applyRevalidated(read: read, generation: generation, result)
        case .revalidatedDetail(let id, let task, let comments):
            return applyRevalidated(taskId: id, task: task, comments: comments)
        case .bootstrap(let r):
            return bootstrapArrived(r)
        case .bootstrapRevalidated(let result):
            return applyRevalidatedBootstrap(result)

        case .directory(let r):
            return directoryArrived(r)
        case .tree(let space, let r):
            return treeArrived(space, r)

        case .taskPage(let read, let generation, let first, let result):
            return pageArrived(read: read, generation: generation, first: first, result)

        case .dependencies(.success(let deps)):
            return dependenciesArrived(deps)
        case .dependencies(.failure):
            // Read for the list's "blocked" marker, not asked for by the user: nothing on the status line
            // (the client's own sentence says when Wrike cannot be reached). `r` asks again.
            return dependencyLoadEnded()

        case .tasksById(.success(let tasks)):
            tasksArrived(tasks)
        case .tasksById(.failure):
            // Titles of linked tasks, not asked for by the user: nothing on the status line (they show as
            // not known). `r` asks again.
            break
        case .contactsById(let ids, let result):
            applyContacts(ids: ids, result)

        case .detailTask(let id, let result):
            return detailTaskArrived(id, result)

        case .comments(let id, let r):
            guard id == detail.taskId else { return [] }
            return apply(r, to: \.comments, \.commentsStatus)
        case .approvals(let id, let r):
            guard id == detail.taskId else { return [] }
            return apply(r, to: \.approvals, \.approvalsStatus)
        case .attachments(let id, let r):
            guard id == detail.taskId else { return [] }
            return apply(r, to: \.attachments, \.attachmentsStatus) + attachmentsArrived(taskId: id)
        case .timelogs(let id, let r):
            guard id == detail.taskId else { return [] }
            return apply(r, to: \.timelogs, \.timelogsStatus)
        case .taskDependencies(let id, let r):
            return detailDependenciesArrived(id, r)

        case .taskWrite, .draftSaveFailed, .commentWrite, .posted, .reread, .dependencyWrite, .approvalWrite, .timelogCategories,
             .searchResults, .myApprovals, .myTime, .draftsListed:
            return handleAction(event)
        case .permalinkResolved(let number, let result):
            return permalinkResolved(number, result)
        case .descriptionEdited(let e):
            return descriptionEdited(e)
        case .goTo(let e):
            return goToEvent(e)
        case .externalComment(let text, let error):
            return act(.externalComment(text: text, error: error))
        case .timesheet(let e):
            return handleTimesheet(e)
        case .inbox(let e):
            return inboxEvent(e)
        case .links(let e):
            return linksEvent(e)
        case .customCommandDone(let message, let error):
            return act(.customCommandDone(message: message, error: error))
        case .clientStatus(let s):
            status.client = s
        case .timerFile(let change, let outcome):
            return timerFile(change, outcome)
        }
        return []
    }
}
