// Acting on tasks from the keyboard: status (single and bulk), marks, assign me, importance, the inline
// comment editor with drafts, the time-log form, dependencies and approvals. Intents change state and
// return effects; the effect runner does the writes through the shared client; results come back as
// events. The pure models live in Browser/Actions. See docs/actions.md.
import Foundation
import TermText
import WrikeAPI

/// Picker inputs: the rows of `KeyMode.picker` in the key table, and typed text.
public enum PickerCommand: Sendable, Equatable {
    case type(String), deleteBackward, up, down, pageUp, pageDown, top, bottom, accept, cancel
}

/// What the user asked for on a task.
public enum ActionIntent: Sendable, Equatable {
    case changeStatus
    case toggleMark
    case assignMe
    case cycleImportance
    case comment
    /// `C`: the app ran `$EDITOR`; `text` is what came back (nil: the editor failed or was quit).
    case externalComment(text: String?, error: String?)
    case logTime
    /// Edit / delete my newest comment on the open task (Wrike allows it for 5 minutes).
    case editMyComment
    case deleteMyComment
    case addDependency
    case removeDependency
    case changeRelation
    case requestApproval
    case cancelApproval
    case approvalsWaiting
    /// Go back to the task before the last dependency jump.
    case jumpBack
    /// Move the dependency selection in the detail pane.
    case selectDependency(Int)
    /// The drafts found at start.
    case offerDrafts([Draft], problems: [String])
    /// The drafts key: list the drafts on disk (Update/Drafts.swift).
    case listDrafts
    /// The app could not save text as a draft on quit: say why; the next quit goes ahead.
    case draftsNotKept(String)
    /// Retry a failed send / check an unknown one (the composer's and the time entry form's retry key).
    case retrySend
    /// In the drafts list: delete the highlighted draft (asks first; only `y` deletes) / copy its text.
    case discardDraft
    case copyDraftText
    /// The status line's recent messages, newest first, in an overlay.
    case showMessages
    /// The go-to palette (Features/GoTo).
    case goTo
    case picker(PickerCommand)
    case editor(EditorCommand)
    case form(FormInput)
    case confirm(ConfirmModel.Input)
}

/// A modal on top of the panes.
public enum Overlay: Sendable {
    case status(StatusPickerModel, taskIds: [String])
    case confirm(ConfirmModel, ConfirmPurpose)
    case timelog(TimeLogForm, taskId: String, send: DraftSend?)
    case dependency(DependencyFinderModel)
    case relation(RelationTypePicker, dependencyId: String)
    case approval(ApprovalRequestForm, taskId: String)
    case drafts(PickerModel<Draft>)
    case approvalsWaiting(PickerModel<Approval>)
    /// The status line's recent messages, newest first.
    case messages(PickerModel<StatusEntry>)
    /// The go-to palette (Features/GoTo).
    case goTo(GoToModel)
}

/// What a confirmation is for.
public enum ConfirmPurpose: Sendable, Equatable {
    case removeDependency(id: String, taskId: String)
    case cancelApproval(id: String, taskId: String)
    case discardComment
    case discardTimelog
    case deleteComment(id: String, taskId: String)
    /// Delete a draft from the drafts list.
    case discardDraft(id: String)
}

/// A draft on its way to Wrike: the draft, the send state machine, the ids known before the send.
public struct DraftSend: Sendable, Equatable {
    public var draft: Draft
    public var tracker: SendTracker
    public var knownIds: Set<String>
    /// Its file exists (autosaved, resumed from disk, or a send started): closing without sending deletes it.
    public var onDisk: Bool
    public init(draft: Draft, tracker: SendTracker = SendTracker(), knownIds: Set<String> = [], onDisk: Bool = false) {
        self.draft = draft
        self.tracker = tracker
        self.knownIds = knownIds
        self.onDisk = onDisk
    }

    /// Whether a file of this draft may exist (to delete when it is discarded).
    public var hasFile: Bool { onDisk || tracker.attempts > 0 }

    /// The state its file gets while it is not being sent: `failed` after a refusal not edited since.
    public var restingState: Draft.State {
        if case .failed = tracker.phase { return .failed }
        return .editing
    }
}

/// The inline comment editor in the detail pane.
public struct Composer: Sendable, Equatable {
    public var editor: TextEditorState
    public var send: DraftSend
    /// Esc with text: asking whether to lose it.
    public var confirmingDiscard = false
    /// Editing my own comment (within Wrike's 5-minute window) instead of writing a new one.
    public var editingCommentId: String?
    public var savingEdit = false
}

/// A task write waiting for Wrike's answer, with what to put back if it is refused.
public struct PendingEdit: Sendable, Equatable {
    public var rollback: [WrikeTask]
    public var summary: String
}

/// State of the actions (kept in AppState).
public struct ActionState: Sendable {
    public var overlay: Overlay?
    public var composer: Composer?
    public var marks = TaskMarks()
    public var workflows: [Workflow] = []
    public var categories: [TimelogCategory]?
    public var pending: [Int: PendingEdit] = [:]
    public var nextToken = 1
    /// Draft ids given so far (`AppState.newDraftId`).
    public var draftCount = 0
    /// Task ids to return to with the back key after a dependency jump.
    public var jumpStack: [String] = []
    /// Hours I logged today (status line), nil until known.
    public var myTimeToday: Double?
    public var profile = "default"
    /// What kind of sign-in the app runs on: it decides what the signed-out line tells the user to do.
    public var signIn: SignInKind = .oauth
    /// The last server title search asked for (only the newest query's answer is used).
    public var lastSearch: String?
    /// A query typed in the dependency finder, sent on the next tick (at most one search per tick).
    public var pendingSearch: String?
    /// Which of the open task's dependencies `x`, `T` and `Enter` act on.
    public var dependencyCursor = 0
    /// n/N was used: the selected dependency is marked in the detail pane.
    public var dependencySelectionActive = false
    var pendingTimelog: PendingTimelog?
    /// Sends whose editor or form was closed while in flight (Esc): still followed to the end, so a
    /// confirmed one deletes its draft and a refused one is saved as failed (ActionEvents.swift).
    public var detachedSends: [String: DraftSend] = [:]
    /// Drafts on disk that no editor or form holds (offered at start, listed with the drafts key, or a
    /// send refused after its editor closed): `c` / `t` on their task reopens them (Update/Drafts.swift).
    public var savedDrafts: [Draft] = []
    /// When the editor's and the time-log form's text last changed without being saved (Autosave).
    public var autosave = Autosave()
    /// Saving text as a draft on quit failed once: the next quit goes ahead anyway.
    public var quitLosingText = false
    /// The status-line sentence a send wrote last (replaced by its next one: Sends.swift).
    public var sendLine: String?
    public init() {}
}

struct PendingTimelog: Sendable {
    var form: TimeLogForm
    var taskId: String
    var send: DraftSend?
}

extension AppState {
    /// The task an action applies to: the open one in the detail pane (known from the list or an earlier
    /// read while its own read is on the way), else the list's selection.
    var actionTask: WrikeTask? {
        if focus == .detail, let id = detail.taskId { return detail.task ?? knownTasks[id] ?? task(id) }
        return list.selectedTask ?? detail.task
    }

    /// The dependency under the detail cursor: the first dependency line at or below the scroll position.
    public var selectedDependency: Dependency? {
        let deps = orderedDependencies
        guard !deps.isEmpty else { return nil }
        let i = max(0, min(deps.count - 1, actions.dependencyCursor))
        return deps[i]
    }

    /// The open task's dependencies as the detail pane lists them: predecessors, then successors.
    public var orderedDependencies: [Dependency] {
        guard let id = detail.taskId else { return [] }
        let deps = detail.dependencyIds.compactMap { dependencies[$0] }
        return deps.filter { $0.successorId == id } + deps.filter { $0.predecessorId == id && $0.successorId != id }
    }

    mutating func nextToken() -> Int {
        defer { actions.nextToken += 1 }
        return actions.nextToken
    }

    /// Puts a changed task everywhere it is shown.
    mutating func replaceTask(_ t: WrikeTask) {
        knownTasks[t.id] = t
        list.update([t], directory: directory)
        if detail.taskId == t.id {
            detail.task = t
            rebuildDetail()
        }
    }

    mutating func replaceTasks(_ ts: [WrikeTask]) {
        guard !ts.isEmpty else { return }
        let byId = Dictionary(ts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for t in ts { knownTasks[t.id] = t }
        list.update(Array(byId.values), directory: directory)
        if let id = detail.taskId, let t = byId[id] {
            detail.task = t
            rebuildDetail()
        }
        recomputeBlocked()
    }

    /// A task's title for a dialog: sanitized, one line; empty when the task is not known.
    public func taskTitle(_ id: String) -> String {
        taskSummary(id)?.title ?? task(id).map { Sanitizer.cleanLine($0.title) } ?? ""
    }

    func task(_ id: String) -> WrikeTask? {
        if let i = list.index[id] { return list.tasks[i] }
        return knownTasks[id] ?? (detail.taskId == id ? detail.task : nil)
    }

    /// Sends a task update with an optimistic change.
    mutating func optimistic(_ edit: TaskEdit, update: TaskUpdate) -> [Effect] {
        let token = nextToken()
        actions.pending[token] = PendingEdit(rollback: [edit.rollback], summary: edit.summary)
        replaceTask(edit.optimistic)
        status.message = edit.summary + "…"
        return [.updateTask(taskId: edit.taskId, update, token: token)]
    }

    // MARK: - intents

    public mutating func act(_ intent: ActionIntent) -> [Effect] {
        switch intent {
        case .picker(let c): return pickerInput(c)
        case .editor(let c): return editorInput(c)
        case .form(let f): return formInput(f)
        case .confirm(let c): return confirmInput(c)
        case .offerDrafts(let drafts, let problems):
            if let p = problems.first { status.lastError = p }
            guard !drafts.isEmpty else { return [] }
            // Interrupted sends are followed (checked once "me" is known); the others wait in the list.
            followInterrupted(drafts)
            for d in drafts where actions.detachedSends[d.id] == nil { keepSaved(d) }
            actions.overlay = .drafts(Self.draftsPicker(draftsToList(), checking: Set(actions.detachedSends.keys)))
            status.message = "\(drafts.count) unsent draft\(drafts.count == 1 ? "" : "s") from a previous session"
            return sendCheckTick()
        case .retrySend:
            return checkOrRetry()
        case .discardDraft:
            return askDiscardDraft()
        case .copyDraftText:
            return copyDraftText()
        case .externalComment(let text, let error):
            if let error { status.lastError = error; return [] }
            guard let text else { return [] }
            return openComposer(text: text)
        case .listDrafts:
            return listDrafts()
        case .draftsNotKept(let message):
            actions.quitLosingText = true
            status.lastError = "\(message) Press q again to quit and lose it."
            return []
        case .selectDependency(let n):
            guard actions.overlay == nil, detail.taskId != nil else { return [] }
            let count = orderedDependencies.count
            guard count > 0 else { status.message = "This task has no dependencies."; return [] }
            focus = .detail
            actions.dependencyCursor = actions.dependencySelectionActive ? max(0, min(count - 1, actions.dependencyCursor + n)) : 0
            actions.dependencySelectionActive = true
            rebuildDetail()
            if let line = detail.sections.first(where: { $0.section == .dependencies })?.line {
                detail.scroll = min(line, maxDetailScroll)
            }
            return []
        case .goTo:
            return openGoTo()
        case .jumpBack:
            guard let id = actions.jumpStack.popLast() else {
                status.message = "Nothing to go back to."
                return []
            }
            focus = .detail
            return openDetail(id)
        case .changeStatus, .toggleMark, .assignMe, .cycleImportance, .comment, .logTime, .editMyComment,
             .deleteMyComment, .addDependency, .removeDependency, .changeRelation, .requestApproval,
             .cancelApproval, .approvalsWaiting, .showMessages: break
        }
        guard actions.overlay == nil else { return [] }
        switch intent {
        case .toggleMark:
            guard let t = list.selectedTask, focus == .list else {
                status.message = "Marks are set in the task list."
                return []
            }
            actions.marks.toggle(t.id)
            status.message = actions.marks.isEmpty ? "No tasks marked" : "\(actions.marks.count) marked"
            return move(by: 1)
        case .changeStatus:
            if !actions.marks.isEmpty && focus == .list {
                let tasks = actions.marks.ids.compactMap { task($0) }
                let model = StatusPickerModel(workflows: actions.workflows, currentStatusIds: tasks.map(\.customStatusId))
                actions.overlay = .status(model, taskIds: tasks.map(\.id))
                return []
            }
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            let model = StatusPickerModel(workflows: actions.workflows, currentStatusId: t.customStatusId)
            actions.overlay = .status(model, taskIds: [t.id])
        case .assignMe:
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            guard let me = directory.meId else { status.lastError = "Still loading who you are."; return [] }
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
            actions.overlay = .messages(messagesPicker())
        case .editMyComment, .deleteMyComment:
            guard let c = myRecentComment() else { return [] }
            guard let taskId = detail.taskId else { return [] }
            if intent == .deleteMyComment {
                let preview = Sanitizer.cleanLine(HTMLText.toText(c.text)).prefix(60)
                actions.overlay = .confirm(ConfirmModel(title: "Delete comment", message: "Delete your comment “\(preview)”?",
                                                        yesLabel: "Delete", needsY: true), .deleteComment(id: c.id, taskId: taskId))
                return []
            }
            // An open editor (text being typed, or a send in flight) is never replaced: focus it instead.
            if actions.composer != nil { focus = .detail; return [] }
            let effects = openComposer(text: HTMLText.toText(c.text))
            actions.composer?.editingCommentId = c.id
            return effects
        case .logTime:
            if let d = savedDraft(.timelog) { return resumeSaved(d) }
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            actions.overlay = .timelog(TimeLogForm(categories: actions.categories ?? []), taskId: t.id, send: nil)
            return actions.categories == nil ? [.loadTimelogCategories] : []
        case .addDependency:
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            let existing = detail.taskId == t.id ? detail.dependencyIds.compactMap { dependencies[$0] } : []
            // Built one task at a time from the compact list (no array of 100,000 WrikeTasks at once).
            let loaded = list.tasks.map { DependencyCandidate(task: $0, statusName: directory.status(of: $0).name) }
                + knownTasks.values.map { DependencyCandidate(task: $0, statusName: directory.status(of: $0).name) }
            var seen = Set<String>()
            actions.overlay = .dependency(DependencyFinderModel(taskId: t.id, existing: existing,
                                                                loaded: loaded.filter { seen.insert($0.id).inserted }))
            actions.lastSearch = nil
        case .removeDependency:
            guard focus == .detail, let d = selectedDependency, let id = detail.taskId else {
                status.message = "Open a task and select one of its dependencies (]/[ to reach them)."
                return []
            }
            let other = d.predecessorId == id ? d.successorId : d.predecessorId
            let title = taskSummary(other)?.title ?? other
            actions.overlay = .confirm(ConfirmModel(title: "Remove dependency",
                                                    message: "Remove the link with “\(title)”?", yesLabel: "Remove", needsY: true),
                                       .removeDependency(id: d.id, taskId: id))
        case .changeRelation:
            guard focus == .detail, let d = selectedDependency else {
                status.message = "Open a task and select one of its dependencies."
                return []
            }
            actions.overlay = .relation(RelationTypePicker(current: d.relationType), dependencyId: d.id)
        case .requestApproval:
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            guard directory.contactsLoaded else { status.lastError = "Still loading people; try again in a moment."; return [] }
            let people = directory.contacts.values.filter { $0.type != .group && $0.deleted != true }
                .sorted { $0.displayName < $1.displayName }
            actions.overlay = .approval(ApprovalRequestForm(contacts: people), taskId: t.id)
        case .cancelApproval:
            guard let id = detail.taskId,
                  let a = detail.approvals.first(where: { $0.status == .pending || $0.status == .draft }) else {
                status.message = "This task has no open approval to cancel."
                return []
            }
            actions.overlay = .confirm(ConfirmModel(title: "Cancel approval",
                                                    message: "Cancel the approval “\(Sanitizer.cleanLine([a.title, a.description].compactMap { $0 }.first { !$0.isEmpty } ?? "approval"))”?",
                                                    yesLabel: "Cancel it", noLabel: "Keep", needsY: true),
                                       .cancelApproval(id: a.id, taskId: id))
        case .approvalsWaiting:
            guard let me = directory.meId else { status.lastError = "Still loading who you are."; return [] }
            actions.overlay = .approvalsWaiting(PickerModel(items: [], ordering: .stable) { $0.title ?? $0.id })
            status.message = "Loading approvals waiting for you…"
            return [.loadMyApprovals(meId: me)]
        case .externalComment, .jumpBack, .selectDependency, .offerDrafts, .listDrafts, .draftsNotKept,
             .retrySend, .discardDraft, .copyDraftText, .picker, .editor, .form, .confirm, .goTo: break
        }
        return []
    }

    /// Enter on a dependency in the detail pane: open the other task (even in another folder).
    mutating func jumpToDependency() -> [Effect] {
        guard actions.dependencySelectionActive, let id = detail.taskId, let d = selectedDependency else { return [] }
        let other = d.predecessorId == id ? d.successorId : d.predecessorId
        actions.jumpStack.append(id)
        actions.dependencyCursor = 0
        actions.dependencySelectionActive = false
        if let i = list.rowIndex(ofTask: other) {
            list.cursor = i
            follow(.list)
        }
        status.message = "Opened the linked task; b returns."
        return openDetail(other)
    }

    /// My newest comment on the open task if it is still inside Wrike's 5-minute edit window.
    mutating func myRecentComment() -> WrikeComment? {
        guard focus == .detail || detail.taskId != nil, let me = directory.meId else { return nil }
        guard let c = detail.comments.filter({ $0.authorId == me })
            .max(by: { ($0.createdDate ?? "") < ($1.createdDate ?? "") }) else {
            status.message = "You have no comment on this task."
            return nil
        }
        guard let created = c.createdDate.flatMap(WrikeDate.parseTimestamp), now.timeIntervalSince(created) <= 300 else {
            status.message = "Wrike lets you change a comment only within 5 minutes of posting it."
            return nil
        }
        return c
    }

    /// Debounce of the dependency finder's server title search: the newest query, once per tick.
    mutating func debouncedSearch() -> [Effect] {
        guard let q = actions.pendingSearch else { return [] }
        actions.pendingSearch = nil
        guard case .dependency(let m)? = actions.overlay, m.query.hasPrefix(q) || q.hasPrefix(m.query) else { return [] }
        let current = m.query
        guard current.count >= DependencyFinderModel.minSearchLength, actions.lastSearch != current else { return [] }
        actions.lastSearch = current
        return [.searchTasks(query: current)]
    }

    // MARK: - comment composer

    mutating func openComposer(text: String) -> [Effect] {
        guard let t = actionTask else { status.lastError = "No task selected."; return [] }
        let draft = commentDraft(for: t, text: text, now: now)
        let width = max(10, viewport.detailWidth - 2)
        actions.composer = Composer(editor: TextEditorState(text: text, width: width, height: 5),
                                    send: DraftSend(draft: draft, knownIds: Set(detail.comments.map(\.id))))
        if !text.isEmpty { actions.autosave.composerEdited(now: now) }
        focus = .detail
        if detail.taskId != t.id { return openDetail(t.id) }
        return []
    }

    mutating func editorInput(_ c: EditorCommand) -> [Effect] {
        guard var comp = actions.composer else { return [] }
        if comp.confirmingDiscard { return [] }
        if case .cancel(let confirmed) = c, !comp.send.tracker.canEdit {
            // Sending or unknown: the editor closes, the draft stays on disk; the answer is still followed.
            _ = confirmed
            actions.detachedSends[comp.send.draft.id] = comp.send
            actions.composer = nil
            status.message = "The comment stays as a draft; it will be offered at the next start."
            return []
        }
        guard comp.send.tracker.canEdit || c == .send else { return [] }
        if c == .send {
            if !comp.send.tracker.canSend { return retryComposer() }
        }
        let before = comp.editor.text
        let outcome = comp.editor.apply(c)
        if comp.editor.text != before {
            comp.send.tracker.edited()
            actions.autosave.composerEdited(now: now)
        }
        switch outcome {
        case .send where comp.editingCommentId != nil:
            guard !comp.savingEdit, let id = comp.editingCommentId else { return [] }
            comp.savingEdit = true
            actions.composer = comp
            status.message = "Saving the comment…"
            return [.updateComment(id: id, taskId: comp.send.draft.taskId, text: comp.editor.text)]
        case .send:
            comp.send.draft.text = comp.editor.text
            comp.send.knownIds = Set(detail.comments.map(\.id))
            let steps = comp.send.tracker.send(now: now)
            if !steps.isEmpty { comp.send.onDisk = true }
            actions.autosave.composer = nil
            actions.composer = comp
            return steps.isEmpty ? [] : [.sendSteps(stamp(comp.send, steps), steps)]
        case .cancelRequested:
            comp.confirmingDiscard = true
            actions.composer = comp
            actions.overlay = .confirm(ConfirmModel(title: "Discard comment", message: "Lose the text you typed?",
                                                    yesLabel: "Discard", noLabel: "Keep editing", needsY: true), .discardComment)
        case .cancelled:
            actions.composer = nil
            actions.autosave.composer = nil
            return comp.send.hasFile ? [fileDeletion(comp.send)] : []
        case .edited, .ignored:
            actions.composer = comp
        }
        return []
    }

    /// Deletes a draft's file (discarded, or emptied): with its send count, so the journal tells a
    /// refused send the user dropped (`discarded`) from text that was never sent (not journalled).
    func fileDeletion(_ s: DraftSend) -> Effect {
        .sendSteps(s.tracker.stamp(s.draft, state: s.restingState, now: now), [.deleteDraft])
    }

    func stamp(_ s: DraftSend, _ steps: [SendEffect]) -> Draft {
        var state: Draft.State = .editing
        for step in steps { if case .saveDraft(let st) = step { state = st } }
        return s.tracker.stamp(s.draft, state: state, now: now)
    }

    mutating func retryComposer() -> [Effect] {
        guard var comp = actions.composer else { return [] }
        let steps: [SendEffect]
        switch comp.send.tracker.phase {
        case .unknown: steps = comp.send.tracker.resolve()
        case .failed, .editing:
            comp.send.draft.text = comp.editor.text
            steps = comp.send.tracker.send(now: now)
            if !steps.isEmpty { comp.send.onDisk = true }
            actions.autosave.composer = nil
        case .sending, .confirmed, .resolving: steps = []
        }
        actions.composer = comp
        return steps.isEmpty ? [] : [.sendSteps(stamp(comp.send, steps), steps)]
    }

    // MARK: - pickers, forms, confirmations

    mutating func resumeDraft(_ d: Draft) -> [Effect] {
        let (send, steps) = reopenSend(d)
        let draft = send.draft
        var effects: [Effect] = []
        focus = .detail
        if detail.taskId != draft.taskId { effects += openDetail(draft.taskId) }
        switch draft.kind {
        case .comment:
            let width = max(10, viewport.detailWidth - 2)
            actions.composer = Composer(editor: TextEditorState(text: draft.text, width: width, height: 5), send: send)
        case .timelog:
            actions.overlay = .timelog(TimeLogForm(categories: actions.categories ?? [], prefill: draft), taskId: draft.taskId,
                                       send: send)
            if actions.categories == nil { effects.append(.loadTimelogCategories) }
        }
        if !steps.isEmpty { effects.append(.sendSteps(stamp(send, steps), steps)) }
        if send.tracker.message != nil { showSend(send, detached: false) }
        return effects
    }

    mutating func applyStatus(_ m: StatusPickerModel, ids: [String]) -> [Effect] {
        guard let choice = m.selection else { return [] }
        let tasks = ids.compactMap { task($0) }
        var changes: [StatusChange] = []
        switch choice {
        case .status(let o):
            if o.isCurrent && ids.count == 1 { return [] }
            changes = BulkStatus.plan(statusId: o.id, tasks: tasks.map { ($0.id, $0.customStatusId) })
        case .group(let g):
            let plan = BulkStatus.plan(group: g, tasks: tasks.map { ($0.id, $0.customStatusId) }, workflows: actions.workflows)
            changes = plan.changes
            if !plan.skipped.isEmpty { status.lastError = "\(plan.skipped.count) task(s) have no such status in their workflow; left unchanged." }
        }
        guard !changes.isEmpty else { status.message = "Nothing to change."; return [] }
        var effects: [Effect] = []
        for ch in changes {
            let token = nextToken()
            let affected = ch.taskIds.compactMap { task($0) }
            actions.pending[token] = PendingEdit(rollback: affected, summary: "Status changed")
            let status = directory.statuses[ch.customStatusId]
            replaceTasks(affected.map { t in
                var n = t
                n.customStatusId = ch.customStatusId
                if let g = status?.group { n.status = g }
                return n
            })
            if ids.count == 1 && ch.taskIds.count == 1 {
                effects.append(.updateTask(taskId: ch.taskIds[0], TaskUpdate(customStatus: ch.customStatusId), token: token))
            } else {
                effects.append(.updateTasks(ids: ch.taskIds, BulkTaskUpdate(customStatus: ch.customStatusId), token: token))
            }
        }
        if ids.count > 1 { actions.marks.clear() }
        status.message = ids.count > 1 ? "Changing the status of \(ids.count) tasks…" : "Changing the status…"
        return effects
    }

    mutating func formInput(_ input: FormInput) -> [Effect] {
        guard let overlay = actions.overlay else { return [] }
        let cal = environment.calendar
        switch overlay {
        case .timelog(var form, let taskId, var send):
            if let s = send, !s.tracker.canEdit {
                switch input {
                case .cancel:
                    // Closed while sending or unknown: still followed (and checked) without the form.
                    actions.detachedSends[s.draft.id] = s
                    actions.overlay = nil
                    status.message = "The time entry stays as a draft; it is still checked by itself."
                case .submit, .enter:
                    if case .unknown = s.tracker.phase { return checkNow(s) }
                case .insert, .backspace, .delete, .left, .right, .up, .down, .home, .end, .nextField,
                     .previousField, .toggle:
                    break
                }
                return []
            }
            switch form.handle(input, today: now, calendar: cal) {
            case .submit(let p):
                let title = task(taskId)?.title ?? ""
                var s = send ?? DraftSend(draft: Draft(id: newDraftId(), kind: .timelog, profile: actions.profile,
                                                       taskId: taskId, taskTitle: title, text: p.comment, created: now))
                s.draft.text = p.comment
                s.draft.timelog = p.draftFields
                s.knownIds = Set(detail.taskId == taskId ? detail.timelogs.map(\.id) : [])
                let steps = s.tracker.send(now: now)
                if !steps.isEmpty { s.onDisk = true }
                actions.autosave.timelog = nil
                send = s
                actions.overlay = .timelog(form, taskId: taskId, send: send)
                return steps.isEmpty ? [] : [.sendSteps(stamp(s, steps), steps)]
            case .cancelRequested:
                actions.overlay = .confirm(ConfirmModel(title: "Discard time entry", message: "Lose what you typed?",
                                                        yesLabel: "Discard", noLabel: "Keep editing", needsY: true), .discardTimelog)
                actions.pendingTimelog = PendingTimelog(form: form, taskId: taskId, send: send)
            case .cancelled:
                actions.overlay = nil
                actions.autosave.timelog = nil
                if let s = send, s.hasFile { return [fileDeletion(s)] }
            case .edited, .invalid, .ignored:
                if let s = send { var s2 = s; s2.tracker.edited(); send = s2 }
                actions.autosave.timelogEdited(now: now)
                actions.overlay = .timelog(form, taskId: taskId, send: send)
            }
        case .approval(var form, let taskId):
            switch form.handle(input, today: now, calendar: cal) {
            case .submit(let p):
                actions.overlay = nil
                status.message = "Requesting the approval…"
                return [.createApproval(taskId: taskId, ApprovalCreate(description: p.description.isEmpty ? nil : p.description,
                                                                       dueDate: p.dueDate, approvers: p.approverIds))]
            case .cancelled, .cancelRequested:
                actions.overlay = nil
            case .edited, .invalid, .ignored:
                actions.overlay = .approval(form, taskId: taskId)
            }
        case .status, .confirm, .dependency, .relation, .drafts, .approvalsWaiting, .messages, .goTo:
            break  // pickers (PickerInput.swift) and the confirmation
        }
        return []
    }

    mutating func confirmInput(_ input: ConfirmModel.Input) -> [Effect] {
        guard case .confirm(var model, let purpose)? = actions.overlay else { return [] }
        switch model.handle(input) {
        case .pending:
            actions.overlay = .confirm(model, purpose)
            return []
        case .declined:
            actions.overlay = nil
            switch purpose {
            case .discardComment: actions.composer?.confirmingDiscard = false
            case .discardTimelog:
                if let p = actions.pendingTimelog { actions.overlay = .timelog(p.form, taskId: p.taskId, send: p.send) }
                actions.pendingTimelog = nil
            case .discardDraft:
                let list = draftsToList()
                if !list.isEmpty { actions.overlay = .drafts(Self.draftsPicker(list, checking: Set(actions.detachedSends.keys))) }
            case .removeDependency, .cancelApproval, .deleteComment: break
            }
            return []
        case .confirmed:
            actions.overlay = nil
            switch purpose {
            case .removeDependency(let id, let taskId):
                status.message = "Removing the dependency…"
                return [.deleteDependency(id: id, taskId: taskId)]
            case .cancelApproval(let id, let taskId):
                status.message = "Cancelling the approval…"
                return [.cancelApproval(id: id, taskId: taskId)]
            case .deleteComment(let id, let taskId):
                status.message = "Deleting the comment…"
                return [.deleteComment(id: id, taskId: taskId)]
            case .discardComment:
                guard let comp = actions.composer else { return [] }
                actions.composer = nil
                actions.autosave.composer = nil
                return comp.send.hasFile ? [fileDeletion(comp.send)] : []
            case .discardDraft(let id):
                return discardDraft(id: id)
            case .discardTimelog:
                let p = actions.pendingTimelog
                actions.pendingTimelog = nil
                actions.autosave.timelog = nil
                if let s = p?.send, s.hasFile { return [fileDeletion(s)] }
                return []
            }
        }
    }
}
