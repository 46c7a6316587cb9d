// A send's answers coming back: the entity Wrike created, or the re-read that tells whether a send with
// an unknown outcome arrived (never sent again on a guess).
import Foundation
import TermText
import WrikeAPI

extension AppState {
    /// A POST answered: a created comment or time entry joins the open task; the send is told.
    mutating func posted(_ id: String, _ result: Result<PostedEntity, WriteFailure>) -> [Effect] {
        switch result {
        case .success(let entity):
            if case .comment(let c) = entity, detail.taskId == c.taskId, !detail.comments.contains(where: { $0.id == c.id }) {
                detail.comments.append(c)
            }
            if case .timelog(let t) = entity {
                timesheetReceived(t)
                if detail.taskId == t.taskId, !detail.timelogs.contains(where: { $0.id == t.id }) {
                    detail.timelogs.append(t)
                }
                if t.trackedDate == today, t.userId == catalog.directory.meId || catalog.directory.meId == nil {
                    actions.myTimeToday = (actions.myTimeToday ?? 0) + t.hours
                }
            }
            var effects: [Effect] = []
            if case .task(let t) = entity { effects = taskCreated(t) }
            if case .changedTask(let t) = entity { replaceTask(t) }
            if case .approval(let a) = entity, let taskId = a.taskId { effects = reloadDetailPart(of: taskId, \.approvalsStatus) }
            return effects + sendEvent(draftId: id, .created(entityId: entity.id))
        case .failure(let f):
            let kind = sendKind(id) ?? .comment
            let message = SendErrors.explain(kind: kind, status: f.status, code: f.code, message: f.message)
            return sendEvent(draftId: id, f.outcome == .unknown ? .outcomeUnknown(message: f.message) : .notSent(message: message))
        }
    }

    /// The re-read after a send with an unknown outcome: the open task shows it, and the send is told
    /// whether what it sent is there.
    mutating func reread(_ id: String, _ result: Result<RereadResult, ServiceFailure>) -> [Effect] {
        guard let send = draftSend(id) else { return [] }
        switch result {
        case .failure(let f):
            if f.notFound { return sendEvent(draftId: id, .taskGone(message: Self.taskGoneMessage(send.draft.kind))) }
            return sendEvent(draftId: id, .resolveFailed(message: f.message))
        case .success(let r):
            if detail.taskId == send.draft.taskId {
                switch r {
                case .comments(let cs): detail.comments = cs
                case .timelogs(let ts): detail.timelogs = ts
                case .approvals(let aps): detail.approvals = aps
                case .tasks, .task: break
                }
            }
            // Who "me" is comes with the names, after the first frame; until then nothing in the
            // re-read can be proved ours, so "not found" would be a guess: checked again once known.
            guard let me = catalog.directory.meId else { return sendEvent(draftId: id, .waitForUser) }
            return resolveSend(id, send, in: r, me: me)
        }
    }

    /// Looks for what `send` sent in the re-read `r`.
    mutating func resolveSend(_ id: String, _ send: DraftSend, in r: RereadResult, me: String) -> [Effect] {
        let sentAt = send.tracker.sendStartedAt ?? send.draft.sendStartedAt ?? send.draft.updated
        let found: String?
        switch r {
        case .comments(let cs):
            found = OutcomeResolver.findComment(in: cs, text: send.draft.text, me: me, sentAt: sentAt,
                                                serverTextIsHTML: true, excluding: send.knownIds)?.id
        case .timelogs(let ts):
            found = send.draft.timelog.flatMap { fields in
                OutcomeResolver.findTimelog(in: ts, fields: fields, comment: send.draft.text, me: me,
                                            sentAt: sentAt, serverTextIsHTML: true, excluding: send.knownIds)?.id
            }
        case .tasks(let ts):
            let t = NewTask.find(in: ts, title: send.draft.text, me: me, sentAt: sentAt,
                                 superTaskId: send.draft.newTask?.superTaskId, excluding: send.knownIds)
            if let t { return taskCreated(t) + sendEvent(draftId: id, .resolvedFound(entityId: t.id)) }
            found = nil
        case .approvals(let aps):
            found = TaskEditDrafts.findApproval(in: aps, draft: send.draft, me: me, sentAt: sentAt, excluding: send.knownIds)?.id
        case .task(let t):
            guard let t else { return sendEvent(draftId: id, .taskGone(message: Self.taskGoneMessage(send.draft.kind))) }
            replaceTask(t)
            found = TaskEditDrafts.landed(send.draft, in: t) ? t.id : nil
        }
        return sendEvent(draftId: id, found.map { .resolvedFound(entityId: $0) } ?? .resolvedNotFound)
    }
}
