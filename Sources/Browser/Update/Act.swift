// `act(_:)`: every action intent (the task-action keys, the pickers', editor's, forms' and
// confirmations' input) to its reducer. A task action waits while a picker, form or confirmation is
// open. See docs/actions.md.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    public mutating func act(_ intent: ActionIntent) -> [Effect] {
        switch intent {
        case .picker(let c): return modalInput(.picker(c))
        case .editor(let c): return editorInput(c)
        case .form(let f): return modalInput(.form(f))
        case .confirm(let c): return modalInput(.confirm(c))
        case .offerDrafts(let drafts, let problems): return offerDrafts(drafts, problems: problems)
        case .retrySend: return checkOrRetry()
        case .discardDraft: return askDiscardDraft()
        case .copyDraftText: return copyDraftText()
        case .externalComment(let text, let error):
            if let error { status.lastError = error; return [] }
            guard let text else { return [] }
            return openComposer(text: text)
        case .listDrafts: return listDrafts()
        case .customCommand(let name): return customCommand(name)
        case .customCommandDone(let message, let error): return customCommandDone(message: message, error: error)
        case .draftsNotKept(let message):
            actions.quitLosingText = true
            status.lastError = "\(message) Press q again to quit and lose it."
            return []
        case .selectDependency(let n): return selectDependency(n)
        case .jumpBack: return jumpBack()
        case .goTo: return openGoTo()
        case .links(let i): return linksIntent(i)
        case .changeStatus, .toggleMark, .assignMe, .cycleImportance, .comment, .logTime, .editMyComment,
             .deleteMyComment, .addDependency, .removeDependency, .changeRelation, .requestApproval,
             .cancelApproval, .approvalsWaiting, .showMessages, .timer:
            return modal == nil ? actOnTask(intent) : []
        }
    }

    /// The task-action keys (nothing open over the panes).
    mutating func actOnTask(_ intent: ActionIntent) -> [Effect] {
        switch intent {
        case .toggleMark: return toggleMark()
        case .changeStatus: return openStatusPicker()
        case .assignMe:
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            guard let me = catalog.directory.meId else { status.lastError = "Still loading who you are."; return [] }
            let edit = QuickActions.toggleAssignMe(t, me: me)
            let assigned = (t.responsibleIds ?? []).contains(me)
            return optimistic(edit, update: assigned ? TaskUpdate(removeResponsibles: [me]) : TaskUpdate(addResponsibles: [me]))
        case .cycleImportance:
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            let next = QuickActions.nextImportance(t.importance)
            return optimistic(QuickActions.setImportance(t, to: next), update: TaskUpdate(importance: next))
        case .comment:
            if actions.composer != nil { focus = .detail; return [] }
            if let d = savedDraft(.comment) { return resumeSaved(d) }
            return openComposer(text: "")
        case .showMessages:
            modal = .messages(messagesPicker())
            return []
        case .timer: return timerKey()
        case .editMyComment: return editMyComment(delete: false)
        case .deleteMyComment: return editMyComment(delete: true)
        case .logTime:
            if let d = savedDraft(.timelog) { return resumeSaved(d) }
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            modal = .timelog(TimeLogForm(categories: actions.categories ?? []), taskId: t.id, send: nil)
            return actions.categories == nil ? [.loadTimelogCategories] : []
        case .addDependency: return openDependencyFinder()
        case .removeDependency: return askRemoveDependency()
        case .changeRelation:
            guard focus == .detail, let d = selectedDependency else {
                status.message = "Open a task and select one of its dependencies."
                return []
            }
            modal = .relation(RelationTypePicker(current: d.relationType), dependencyId: d.id)
            return []
        case .requestApproval: return openApprovalForm()
        case .cancelApproval: return askCancelApproval()
        case .approvalsWaiting:
            guard let me = catalog.directory.meId else { status.lastError = "Still loading who you are."; return [] }
            modal = .approvalsWaiting(PickerModel(items: [], ordering: .stable) { $0.title ?? $0.id })
            status.message = "Loading approvals waiting for you…"
            return [.loadMyApprovals(meId: me)]
        case .externalComment, .jumpBack, .selectDependency, .offerDrafts, .listDrafts, .draftsNotKept,
             .retrySend, .discardDraft, .copyDraftText, .picker, .editor, .form, .confirm, .customCommand,
             .customCommandDone, .goTo, .links:
            return []
        }
    }

    /// Drafts found at start: interrupted sends are followed (checked once "me" is known); the others
    /// wait in the drafts list.
    mutating func offerDrafts(_ drafts: [Draft], problems: [String]) -> [Effect] {
        if let p = problems.first { status.lastError = p }
        guard !drafts.isEmpty else { return [] }
        followInterrupted(drafts)
        for d in drafts where actions.detachedSends[d.id] == nil { keepSaved(d) }
        modal = .drafts(Self.draftsPicker(draftsToList(), checking: Set(actions.detachedSends.keys)))
        status.message = "\(drafts.count) unsent draft\(drafts.count == 1 ? "" : "s") from a previous session"
        return sendCheckTick()
    }

    mutating func toggleMark() -> [Effect] {
        guard let t = list.selectedTask, focus == .list else {
            status.message = "Marks are set in the task list."
            return []
        }
        actions.marks.toggle(t.id)
        status.message = actions.marks.isEmpty ? "No tasks marked" : "\(actions.marks.count) marked"
        return move(by: 1)
    }

    /// The status picker for the marked tasks (in the list), else for the task an action applies to.
    mutating func openStatusPicker() -> [Effect] {
        if let wait = statusPickerWaitsForWorkflows() { return wait }
        if !actions.marks.isEmpty && focus == .list {
            let tasks = actions.marks.ids.compactMap { task($0) }
            let model = StatusPickerModel(workflows: actions.workflows, currentStatusIds: tasks.map(\.customStatusId))
            modal = .status(model, taskIds: tasks.map(\.id))
            return []
        }
        guard let t = actionTask else { status.lastError = "No task selected."; return [] }
        let model = StatusPickerModel(workflows: actions.workflows, currentStatusId: t.customStatusId)
        modal = .status(model, taskIds: [t.id])
        return []
    }

    /// My newest comment, to edit in the inline editor or (`delete`) to delete after a confirmation.
    mutating func editMyComment(delete: Bool) -> [Effect] {
        guard let c = myRecentComment() else { return [] }
        guard let taskId = detail.taskId else { return [] }
        if delete {
            let preview = Sanitizer.cleanLine(HTMLText.toText(c.text)).prefix(60)
            modal = .confirm(ConfirmModel(title: "Delete comment", message: "Delete your comment “\(preview)”?",
                                                    yesLabel: "Delete", needsY: true), .deleteComment(id: c.id, taskId: taskId))
            return []
        }
        // An open editor (text being typed, or a send in flight) is never replaced: focus it instead.
        if actions.composer != nil { focus = .detail; return [] }
        let effects = openComposer(text: HTMLText.toText(c.text))
        actions.composer?.editingCommentId = c.id
        return effects
    }

    mutating func openDependencyFinder() -> [Effect] {
        guard let t = actionTask else { status.lastError = "No task selected."; return [] }
        let existing = detail.taskId == t.id ? detail.dependencyIds.compactMap { catalog.dependencies[$0] } : []
        // Built one task at a time from the compact list (no array of 100,000 WrikeTasks at once).
        let loaded = list.tasks.map { DependencyCandidate(task: $0, statusName: catalog.directory.status(of: $0).name) }
            + catalog.knownTasks.values.map { DependencyCandidate(task: $0, statusName: catalog.directory.status(of: $0).name) }
        var seen = Set<String>()
        modal = .dependency(DependencyFinderModel(taskId: t.id, existing: existing,
                                                            loaded: loaded.filter { seen.insert($0.id).inserted }))
        actions.lastSearch = nil
        return []
    }

    mutating func askRemoveDependency() -> [Effect] {
        guard focus == .detail, let d = selectedDependency, let id = detail.taskId else {
            status.message = "Open a task and select one of its dependencies (]/[ to reach them)."
            return []
        }
        let other = d.predecessorId == id ? d.successorId : d.predecessorId
        let title = taskSummary(other)?.title ?? other
        modal = .confirm(ConfirmModel(title: "Remove dependency",
                                                message: "Remove the link with “\(title)”?", yesLabel: "Remove", needsY: true),
                                   .removeDependency(id: d.id, taskId: id))
        return []
    }

    mutating func openApprovalForm() -> [Effect] {
        guard let t = actionTask else { status.lastError = "No task selected."; return [] }
        guard catalog.directory.contactsLoaded else { status.lastError = "Still loading people; try again in a moment."; return [] }
        if let d = savedDraft(.approval) { return resumeSaved(d) }
        let people = catalog.directory.contacts.values.filter { $0.type != .group && $0.deleted != true }
            .sorted { $0.displayName < $1.displayName }
        modal = .approval(ApprovalRequestForm(contacts: people), taskId: t.id)
        return []
    }

    mutating func askCancelApproval() -> [Effect] {
        guard let id = detail.taskId,
              let a = detail.approvals.first(where: { $0.status == .pending || $0.status == .draft }) else {
            status.message = "This task has no open approval to cancel."
            return []
        }
        let name = Sanitizer.cleanLine([a.title, a.description].compactMap { $0 }.first { !$0.isEmpty } ?? "approval")
        modal = .confirm(ConfirmModel(title: "Cancel approval", message: "Cancel the approval “\(name)”?",
                                                yesLabel: "Cancel it", noLabel: "Keep", needsY: true),
                                   .cancelApproval(id: a.id, taskId: id))
        return []
    }
}
