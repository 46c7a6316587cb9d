// Results of the action effects coming back into the state.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func handleAction(_ event: Event) -> [Effect] {
        switch event {
        case .taskWrite(let token, let result):
            if let effects = taskEditWritten(token, result) { return effects }
            guard let pending = actions.pending.removeValue(forKey: token) else { return [] }
            switch result {
            case .success(let tasks):
                // The open task's own read is still on its way: it may have left before this change.
                if detail.taskStatus == .loading, let id = detail.taskId, let before = pending.rollback.first(where: { $0.id == id }),
                   let after = tasks.first(where: { $0.id == id }) {
                    detail.editsWhileLoading.append((before, after))
                }
                replaceTasks(tasks)
                if pending.undoable { rememberForUndo(before: pending.rollback, after: tasks, summary: pending.summary) }
                status.message = pending.summary
                status.lastError = nil
            case .failure(let f):
                replaceTasks(pending.rollback)
                status.lastError = "\(pending.summary.isEmpty ? "The change" : pending.summary) was undone: \(EditRefusal.parameter(f) ?? f.message)"
                status.message = nil
            }
            if pending.keptDescription { return descriptionWritten(pending, ok: (try? result.get()) != nil) }
            refreshEditPicker()

        case .draftSaveFailed(let id, let message):
            return sendEvent(draftId: id, .notSent(message: "The draft could not be saved, so nothing was sent: \(message)"))

        case .posted(let id, let result):
            switch result {
            case .success(let entity):
                if case .comment(let c) = entity, detail.taskId == c.taskId, !detail.comments.contains(where: { $0.id == c.id }) {
                    detail.comments.append(c)
                    rebuildDetail()
                }
                if case .timelog(let t) = entity {
                    timesheetReceived(t)
                    if detail.taskId == t.taskId, !detail.timelogs.contains(where: { $0.id == t.id }) {
                        detail.timelogs.append(t)
                        rebuildDetail()
                    }
                    if t.trackedDate == today, t.userId == catalog.directory.meId || catalog.directory.meId == nil {
                        actions.myTimeToday = (actions.myTimeToday ?? 0) + t.hours
                    }
                }
                var effects: [Effect] = []
                if case .task(let t) = entity { effects = taskCreated(t) }
                return effects + sendEvent(draftId: id, .created(entityId: entity.id))
            case .failure(let f):
                let kind = sendKind(id) ?? .comment
                let message = SendErrors.explain(kind: kind, status: f.status, code: f.code, message: f.message)
                return sendEvent(draftId: id, f.outcome == .unknown ? .outcomeUnknown(message: f.message) : .notSent(message: message))
            }

        case .reread(let id, let result):
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
                    case .tasks: break
                    }
                    rebuildDetail()
                }
                // Who "me" is comes with the names, after the first frame; until then nothing in the
                // re-read can be proved ours, so "not found" would be a guess: checked again once known.
                guard let me = catalog.directory.meId else { return sendEvent(draftId: id, .waitForUser) }
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
                }
                return sendEvent(draftId: id, found.map { .resolvedFound(entityId: $0) } ?? .resolvedNotFound)
            }

        case .dependencyWrite(let taskId, let result):
            switch result {
            case .success(let m): status.message = m
            case .failure(let f):
                status.lastError = DependencyErrors.explain(code: f.code, message: f.message)
            }
            if detail.taskId == taskId {
                detail.dependenciesStatus = .loading
                return [.loadDetail(taskId: taskId, context: detailContext(for: taskId))]
            }
        case .approvalWrite(let taskId, let result):
            switch result {
            case .success(let m): status.message = m
            case .failure(let f): status.lastError = f.message
            }
            if detail.taskId == taskId {
                detail.approvalsStatus = .loading
                return [.loadDetail(taskId: taskId, context: detailContext(for: taskId))]
            }

        case .commentWrite(let taskId, let result):
            switch result {
            case .success(let m):
                status.message = m
                if actions.composer?.editingCommentId != nil { actions.composer = nil }
            case .failure(let f):
                actions.composer?.savingEdit = false
                let window = f.code == "not_allowed" || f.code == "access_forbidden" || f.status == 403
                status.lastError = window ? "Wrike refused: own comments can be changed only within 5 minutes of posting."
                    : f.message
            }
            if detail.taskId == taskId {
                detail.commentsStatus = .loading
                return [.loadDetail(taskId: taskId, context: detailContext(for: taskId))]
            }
        case .timelogCategories(let r):
            switch r {
            case .success(let cs):
                let visible = cs.filter { $0.hidden != true }
                actions.categories = visible
                if case .timelog(let form, let taskId, let send)? = modal {
                    if let prefill = timerPrefill(form: form, taskId: taskId) {
                        modal = .timelog(TimeLogForm(categories: visible, prefill: prefill), taskId: taskId, send: send)
                    } else if !form.isDirty {
                        modal = .timelog(TimeLogForm(categories: visible, prefill: send?.draft), taskId: taskId, send: send)
                    }
                }
            case .failure:
                actions.categories = []
            }

        case .searchResults(let q, let r):
            guard case .dependency(var m)? = modal, actions.lastSearch == q else { return [] }
            if case .success(let tasks) = r {
                for t in tasks where !catalog.knownTasks.contains(t.id) { catalog.knownTasks[t.id] = t }
                m.mergeSearchResults(tasks.map { DependencyCandidate(task: $0, statusName: catalog.directory.status(of: $0).name) })
                modal = .dependency(m)
            }

        case .myApprovals(let r):
            guard case .approvalsWaiting = modal else { return [] }
            switch r {
            case .success(let list):
                relabelWaiting(list)
                status.message = list.isEmpty ? "No approvals are waiting for your decision."
                    : "\(list.count) approval\(list.count == 1 ? "" : "s") waiting for your decision (decide in Wrike: y copies the link)"
                let unknown = list.compactMap(\.taskId)
                return requestUnknownTasks(unknown)
            case .failure(let f):
                status.lastError = f.message
            }

        case .myTime(let date, let r):
            if case .success(let logs) = r, date == today {
                let me = catalog.directory.meId
                actions.myTimeToday = logs.filter { me == nil || $0.userId == me }.reduce(0) { $0 + $1.hours }
            }
        case .draftsListed(let listing):
            return showDrafts(listing)
        case .bootstrap, .directory, .bootstrapRevalidated, .tree, .taskPage, .dependencies, .tasksById,
             .contactsById, .detailTask, .comments, .approvals, .taskDependencies, .attachments, .timelogs,
             .clientStatus, .externalComment, .descriptionEdited, .customCommandDone, .signInRequired, .revalidatedTasks, .revalidatedDetail,
             .timesheet, .timerFile, .permalinkResolved, .inbox, .goTo, .links: break
        }
        return []
    }

    /// The "waiting for my decision" list, labelled with task titles as they become known.
    mutating func relabelWaiting(_ list: [Approval]) {
        let labels = list.map { a -> String in
            let t = a.taskId.flatMap { taskSummary($0)?.title } ?? (a.taskId == nil ? "folder approval" : glyphs.prose("…"))
            let due = a.dueDate.map { " \(glyphs.dot) due \(String($0.prefix(10)))" } ?? ""
            let what = [a.title, a.description].compactMap { $0 }.first { !$0.isEmpty }.map { ": " + $0 } ?? ""
            return Sanitizer.cleanLine("\(t)\(what)\(due)")
        }
        modal = .approvalsWaiting(PickerModel(items: list, ordering: .stable) { a in
            labels[list.firstIndex { $0.id == a.id } ?? 0]
        })
    }

    func draftSend(_ id: String) -> DraftSend? {
        if let s = liveSend(id) { return s }
        if let p = actions.pendingTimelog, let s = p.send, s.draft.id == id { return s }
        return nil
    }

    func sendKind(_ id: String) -> Draft.Kind? { draftSend(id)?.draft.kind }
}
