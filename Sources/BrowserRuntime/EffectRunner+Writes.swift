// The effect runner's writes: task, dependency, approval and comment writes with their journal records, and
// the steps of a send (draft saved, POST, re-read, draft deleted), each journalled.
import Browser
import Foundation
import WrikeAPI

extension EffectRunner {
    static func writer(_ service: any WrikeService) throws -> any WrikeWriter {
        guard let w = service as? any WrikeWriter else { throw WriteFailure("This connection cannot change tasks.") }
        return w
    }

    static func write<T>(_ body: () async throws -> T) async -> Result<T, WriteFailure> {
        do { return .success(try await body()) } catch { return .failure(WriteFailure.from(error)) }
    }

    /// The journal record of a write without a draft.
    static func record<T>(_ kind: WriteRecord.Kind, _ r: Result<T, WriteFailure>, entity: (T) -> String?,
                          tasks: [String]) -> WriteRecord {
        switch r {
        case .success(let v): WriteRecord(kind: kind, outcome: .confirmed, entityId: entity(v), taskIds: tasks)
        case .failure(let f): WriteRecord(kind: kind, outcome: f.outcome == .unknown ? .unknown : .failed, taskIds: tasks,
                                          httpStatus: f.status)
        }
    }

    static func performWrite(_ effect: Effect, service: any WrikeService, journal: (@Sendable (WriteRecord) -> Void)? = nil,
                             post: @escaping @Sendable (Event) -> Void) async {
        switch effect {
        case .updateTask(let id, let update, let token):
            let r = await write { [try await writer(service).updateTask(id, update)] }
            journal?(record(update.customStatus != nil ? .status : .task, r, entity: { $0.first?.id }, tasks: [id]))
            post(.taskWrite(token: token, r))
        case .updateTasks(let ids, let update, let token):
            let r = await write { try await writer(service).updateTasks(ids: ids, update) }
            journal?(record(update.customStatus != nil ? .status : .task, r, entity: { $0.map(\.id).joined(separator: ",") }, tasks: ids))
            post(.taskWrite(token: token, r))
        case .deleteTask(let id, let token):
            let r = await write { [try await writer(service).deleteTask(id)] }
            journal?(record(.taskDelete, r, entity: { $0.first?.id }, tasks: [id]))
            post(.taskWrite(token: token, r))
        case .addDependency(let taskId, let params):
            let r = await write { try await writer(service).addDependency(taskId: taskId, params) }
            journal?(record(.dependencyAdd, r, entity: { $0.id }, tasks: [taskId]))
            post(.dependencyWrite(taskId: taskId, r.map { _ in "Dependency added." }))
        case .updateDependency(let id, let taskId, let params):
            let r = await write { try await writer(service).updateDependency(id, params) }
            journal?(record(.dependencyUpdate, r, entity: { _ in id }, tasks: [taskId]))
            post(.dependencyWrite(taskId: taskId, r.map { _ in "Relation type changed." }))
        case .deleteDependency(let id, let taskId):
            let r = await write { try await writer(service).deleteDependency(id) }
            journal?(record(.dependencyDelete, r, entity: { _ in id }, tasks: [taskId]))
            post(.dependencyWrite(taskId: taskId, r.map { _ in "Dependency removed." }))
        case .createApproval(let taskId, let params):
            let r = await write { try await writer(service).createApproval(taskId: taskId, params) }
            journal?(record(.approvalCreate, r, entity: { $0.id }, tasks: [taskId]))
            post(.approvalWrite(taskId: taskId, r.map { _ in "Approval requested." }))
        case .cancelApproval(let id, let taskId):
            let r = await write { try await writer(service).cancelApproval(id) }
            journal?(record(.approvalCancel, r, entity: { _ in id }, tasks: [taskId]))
            post(.approvalWrite(taskId: taskId, r.map { _ in "Approval cancelled." }))
        case .updateComment(let id, let taskId, let text):
            let r = await write { try await writer(service).updateComment(id, text: text) }
            journal?(record(.commentUpdate, r, entity: { _ in id }, tasks: [taskId]))
            post(.commentWrite(taskId: taskId, r.map { _ in "Comment updated." }))
        case .deleteComment(let id, let taskId):
            let r = await write { try await writer(service).deleteComment(id) }
            journal?(record(.commentDelete, r, entity: { _ in id }, tasks: [taskId]))
            post(.commentWrite(taskId: taskId, r.map { _ in "Comment deleted." }))
        case .loadTimelogCategories:
            post(.timelogCategories(await result { try await writer(service).timelogCategories() }))
        case .searchTasks(let q):
            post(.searchResults(query: q, await result { try await writer(service).searchTasks(title: q) }))
        case .resolvePermalink(let n):
            post(.permalinkResolved(number: n, await result { try await writer(service).taskId(permalinkNumber: n) }))
        case .loadMyApprovals(let me):
            post(.myApprovals(await result { try await writer(service).myPendingApprovals(meId: me) }))
        case .loadMyTime(let me, let date):
            post(.myTime(date: date, await result { try await writer(service).myTimelogs(meId: me, date: date) }))
        case .timesheet(let e):
            post(.timesheet(await performTimesheet(e, service: service, journal: journal)))
        case .goTo(let e):
            if let event = await performGoTo(e, service: service) { post(event) }
        case .loadBootstrap, .loadDirectory, .revalidateBootstrap, .loadTree, .loadTasks, .loadDependencies, .loadTasksById, .loadContacts,
             .loadDetail, .invalidateCache, .copyToClipboard, .showHyperlink, .keepDrafts, .quit, .sendSteps, .revalidateTasks,
             .revalidateDetail, .listDrafts, .timer, .descriptionDraft, .views, .inbox, .links:
            break  // `perform`'s
        }
    }

    /// Runs a send's steps in order. A draft that cannot be saved stops the steps before the POST.
    /// Every step of a send is journalled: `sending` once the draft is on disk, then `failed-kept-as-draft`,
    /// `unknown-kept-as-draft`, `confirmed` (a delete with the entity id) or `discarded` (a delete without,
    /// of a draft sent before). Saving and deleting text never sent (autosave) is not a write.
    /// `postDeadline`: the POST is abandoned then (reported as an unknown outcome), or not sent at all
    /// when the time is already up.
    public static func runSteps(draft: Draft, steps: [SendEffect], service: any WrikeService, drafts: DraftStore?,
                                gate: DraftGate = DraftGate(), journal: (@Sendable (WriteRecord) -> Void)? = nil,
                                postDeadline: ContinuousClock.Instant? = nil,
                                post: @escaping @Sendable (Event) -> Void) async {
        let kind = WriteRecord.Kind(draft.kind)
        func note(_ outcome: WriteRecord.Outcome, entity: String? = nil, saved: Bool = true) {
            journal?(WriteRecord(kind: kind, outcome: outcome, entityId: entity, taskIds: [draft.taskId], draftId: draft.id,
                                 httpStatus: nil, draftSaved: saved))
        }
        for step in steps {
            switch step {
            case .saveDraft(let state):
                var d = draft
                d.state = state
                var saved = true
                if let drafts {
                    do {
                        try gate.write(d.id) { () throws(DraftError) in try drafts.save(d) }
                    } catch {
                        saved = false
                        if state == .sending {
                            note(.notSent, saved: false)
                            post(.draftSaveFailed(draftId: draft.id, message: error.message))
                            return
                        }
                    }
                }
                switch state {
                case .sending: note(.sending, saved: saved)
                case .failed: note(.failedKeptAsDraft, saved: saved)
                case .unknownOutcome: note(.unknownKeptAsDraft, saved: saved)
                case .editing: break
                }
            case .post:
                post(.posted(draftId: draft.id, await postDraft(draft, service: service, deadline: postDeadline)))
            case .reread(let since):
                switch draft.kind {
                case .comment:
                    post(.reread(draftId: draft.id, await result { .comments(try await writer(service).freshComments(taskId: draft.taskId)) }))
                case .timelog:
                    post(.reread(draftId: draft.id, await result { .timelogs(try await writer(service).freshTimelogs(taskId: draft.taskId)) }))
                case .task:
                    let folder = draft.newTask?.folderId ?? draft.taskId
                    post(.reread(draftId: draft.id, await result {
                        .tasks(try await writer(service).createdTasks(folderId: folder, title: draft.text, since: since))
                    }))
                case .approval:
                    post(.reread(draftId: draft.id, await result { .approvals(try await writer(service).freshApprovals(taskId: draft.taskId)) }))
                case .title, .field:
                    post(.reread(draftId: draft.id, await result { .task(try await writer(service).freshTask(draft.taskId)) }))
                }
            case .deleteDraft:
                if let drafts { try? gate.write(draft.id) { () throws(DraftError) in try drafts.delete(id: draft.id) } }
                // Text never sent (an emptied or discarded draft) is no write: nothing to journal.
                if draft.entityId != nil || draft.attempts > 0 {
                    note(draft.entityId == nil ? .discarded : .confirmed, entity: draft.entityId)
                }
            }
        }
    }
}
