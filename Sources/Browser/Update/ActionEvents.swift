// Results of the action effects coming back into the state.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    /// An action's effect answered: each answer has its function (the sends' in ActionEvents+Sends.swift).
    mutating func handleAction(_ event: Event) -> [Effect] {
        switch event {
        case .taskWrite(let token, let result): return taskWritten(token, result)
        case .draftSaveFailed(let id, let message):
            return sendEvent(draftId: id, .notSent(message: "The draft could not be saved, so nothing was sent: \(message)"))
        case .posted(let id, let result): return posted(id, result)
        case .reread(let id, let result): return reread(id, result)
        case .dependencyWrite(let taskId, let result):
            switch result {
            case .success(let m): status.message = m
            case .failure(let f): status.lastError = DependencyErrors.explain(code: f.code, message: f.message)
            }
            return reloadDetailPart(of: taskId, \.dependenciesStatus)
        case .approvalWrite(let taskId, let result):
            switch result {
            case .success(let m): status.message = m
            case .failure(let f): status.lastError = f.message
            }
            return reloadDetailPart(of: taskId, \.approvalsStatus)
        case .commentWrite(let taskId, let result): return commentWritten(taskId, result)
        case .timelogCategories(let r): timelogCategoriesArrived(r)
        case .searchResults(let q, let r): dependencySearchArrived(q, r)
        case .myApprovals(let r): return myApprovalsArrived(r)
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

    /// A task write answered: the change kept (or rolled back on failure), undo remembered, the outcome said.
    mutating func taskWritten(_ token: Int, _ result: Result<[WrikeTask], WriteFailure>) -> [Effect] {
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
        return []
    }

    /// After a write to a part of the open task (dependencies, approvals, comments): that part is read again.
    mutating func reloadDetailPart(of taskId: String, _ part: WritableKeyPath<DetailState, LoadStatus>) -> [Effect] {
        guard detail.taskId == taskId else { return [] }
        detail[keyPath: part] = .loading
        return [.loadDetail(taskId: taskId, context: detailContext(for: taskId))]
    }

    mutating func commentWritten(_ taskId: String, _ result: Result<String, WriteFailure>) -> [Effect] {
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
        return reloadDetailPart(of: taskId, \.commentsStatus)
    }

    /// The time-log form's categories: an open form that was not typed into takes them.
    mutating func timelogCategoriesArrived(_ r: Result<[TimelogCategory], ServiceFailure>) {
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
    }

    /// The dependency finder's server search answered (for the query still typed).
    mutating func dependencySearchArrived(_ q: String, _ r: Result<[WrikeTask], ServiceFailure>) {
        guard case .dependency(var m)? = modal, actions.lastSearch == q else { return }
        if case .success(let tasks) = r {
            for t in tasks where !catalog.knownTasks.contains(t.id) { catalog.knownTasks[t.id] = t }
            m.mergeSearchResults(tasks.map { DependencyCandidate(task: $0, statusName: catalog.directory.status(of: $0).name) })
            modal = .dependency(m)
        }
    }

    mutating func myApprovalsArrived(_ r: Result<[Approval], ServiceFailure>) -> [Effect] {
        guard case .approvalsWaiting = modal else { return [] }
        switch r {
        case .success(let list):
            relabelWaiting(list)
            status.message = list.isEmpty ? "No approvals are waiting for your decision."
                : "\(list.count) approval\(list.count == 1 ? "" : "s") waiting for your decision (decide in Wrike: y copies the link)"
            return requestUnknownTasks(list.compactMap(\.taskId))
        case .failure(let f):
            status.lastError = f.message
            return []
        }
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
