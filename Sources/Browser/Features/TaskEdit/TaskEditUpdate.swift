// The intents of creating and editing tasks: the one-line input's keys, a new task sent from a draft,
// a new title, new dates, and undo. See docs/editing.md.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    public mutating func taskEditIntent(_ intent: TaskEditIntent) -> [Effect] {
        if case .input(let c) = intent { return lineInput(c) }
        guard modal == nil, features.taskEdit.input == nil else { return [] }
        switch intent {
        case .newTask: return beginNewTask()
        case .newSubtask: return beginNewSubtask()
        case .editTitle:
            guard let t = actionTask else { status.lastError = "No task selected."; return [] }
            if let d = savedDraft(.title) { return resumeSaved(d) }
            features.taskEdit.input = EditLine(purpose: .rename(taskId: t.id), text: Sanitizer.cleanLine(t.title))
        case .editDates:
            let targets = editTargets
            if targets.count > 1 {
                features.taskEdit.input = EditLine(purpose: .bulkDates(taskIds: targets.map(\.id)))
            } else {
                guard let t = targets.first else { status.lastError = "No task selected."; return [] }
                features.taskEdit.input = EditLine(purpose: .dates(taskId: t.id), text: DateInput.describe(t.dates))
            }
        case .undo: return undoLast()
        case .editDescription:
            status.message = "The description opens in $VISUAL / $EDITOR (the app runs it)."
            return []
        case .editField: return beginFieldEdit()
        case .assign: return openEditPicker(.assign)
        case .move: return openEditPicker(.move)
        case .editImportance: return openEditPicker(.importance)
        case .deleteTask: return askDeleteTask()
        case .input: break
        }
        focus = .list
        return []
    }

    mutating func beginNewTask() -> [Effect] {
        guard let folderId = list.folderId else {
            status.lastError = list.source == nil
                ? "Open a folder or project first: the new task goes where the list is."
                : "This list has tasks from many folders: open a folder or project to add a task there."
            return []
        }
        features.taskEdit.input = EditLine(purpose: .newTask(folderId: folderId, superTaskId: nil, place: Sanitizer.cleanLine(list.title)))
        focus = .list
        return []
    }

    mutating func beginNewSubtask() -> [Effect] {
        guard let t = actionTask else { status.lastError = "No task selected: open the task to add a subtask to."; return [] }
        guard let folderId = t.parentIds?.first ?? t.superParentIds?.first ?? list.folderId else {
            status.lastError = "Wrike has not said which folder this task is in yet; try again once it is shown."
            return []
        }
        features.taskEdit.input = EditLine(purpose: .newTask(folderId: folderId, superTaskId: t.id,
                                                     place: "“\(Sanitizer.cleanLine(String(t.title.prefix(40))))”"))
        focus = .list
        return []
    }

    mutating func lineInput(_ c: LineInputCommand) -> [Effect] {
        guard var input = features.taskEdit.input else { return [] }
        switch c {
        case .type(let s):
            input.line.insert(s)
        case .deleteBackward:
            input.line.backspace()
        case .deleteWord:
            var t = input.text
            while t.last == " " { t.removeLast() }
            while let ch = t.last, ch != " " { t.removeLast() }
            input.line.set(t)
        case .clear:
            input.line.clear()
        case .cancel:
            let kept = lineDraft(now: now)
            features.taskEdit.input = nil
            actions.autosave.newTask = nil
            guard let d = kept else { return input.draft.map { [.sendSteps($0, [.deleteDraft])] } ?? [] }
            keepSaved(d)
            let what = d.kind == .task ? "The new task's title" : d.kind == .title ? "The new title" : "The value you typed"
            status.message = "\(what) stays as a draft (\(draftsKeyWords) lists the drafts)."
            return [.sendSteps(d, [.saveDraft(d.state)])]
        case .submit:
            actions.autosave.newTask = nil
            return submit(input)
        case .moreFields:
            actions.autosave.newTask = nil
            return openNewTaskForm(input)
        }
        switch input.purpose {
        case .newTask, .rename, .fieldValue: actions.autosave.newTaskEdited(now: now)
        case .dates, .bulkDates: break
        }
        features.taskEdit.input = input
        return []
    }

    mutating func submit(_ input: EditLine) -> [Effect] {
        switch input.purpose {
        case .newTask(let folderId, let superTaskId, let place):
            let title = NewTask.cleanTitle(input.text)
            guard !title.isEmpty else { status.lastError = "A task needs a title."; return [] }
            features.taskEdit.input = nil
            return createTask(title: title, fields: Draft.NewTaskFields(folderId: folderId, superTaskId: superTaskId),
                              place: place, reuse: input.draft)
        case .rename(let taskId):
            let title = NewTask.cleanTitle(input.text)
            guard !title.isEmpty else { status.lastError = "A task needs a title."; return [] }
            guard let t = task(taskId) else {
                status.lastError = "That task is not known yet: your title stays here; Enter again in a moment (Esc keeps it as a draft)."
                return []
            }
            features.taskEdit.input = nil
            guard title != t.title else { return input.draft.map { [.sendSteps($0, [.deleteDraft])] } ?? [] }
            var changed = t
            changed.title = title
            let d = keptDraft(input.draft, kind: .title, taskId: taskId, text: title, now: now)
            return sendTaskChange(d, before: t, after: changed, reused: input.draft != nil)
        case .dates(let taskId):
            guard let t = task(taskId) else { features.taskEdit.input = nil; status.lastError = "That task is no longer listed."; return [] }
            switch DateInput.parse(input.text, current: t.dates, today: today) {
            case .failure(let e):
                status.lastError = e.message
                return []
            case .success(let dates):
                features.taskEdit.input = nil
                var changed = t
                changed.dates = dates
                let edit = TaskEdit(taskId: t.id, queryItems: [], optimistic: changed, rollback: t,
                                    summary: "Dates: \(DateInput.describe(dates))")
                return optimistic(edit, update: TaskUpdate(dates: dates))
            }
        case .fieldValue(let taskId, let fieldId, _, _):
            return setField(input, taskId: taskId, fieldId: fieldId)
        case .bulkDates(let ids):
            return submitBulkDates(input.text, ids: ids)
        }
    }

    /// Sends a new task from a draft (saved before the POST leaves), followed like a comment without an
    /// editor: it shows in the list as "creating…" until Wrike answers.
    mutating func createTask(title: String, fields: Draft.NewTaskFields, place: String, reuse: Draft?) -> [Effect] {
        var d = reuse ?? Draft(id: newDraftId(), kind: .task, profile: actions.profile,
                               taskId: fields.superTaskId ?? fields.folderId, taskTitle: place, text: title, created: now)
        d.text = title
        d.newTask = fields
        guard let effects = sendDetached(d, reused: reuse != nil, knownIds: Set(list.tasks.map(\.id))) else {
            status.lastError = "That new task is still being sent."
            return []
        }
        return effects
    }

    /// New tasks being sent, oldest first (shown in the list as "creating…").
    public var creatingTasks: [DraftSend] {
        actions.detachedSends.values.filter { $0.draft.kind == .task }.sorted { ($0.draft.created, $0.draft.id) < ($1.draft.created, $1.draft.id) }
    }

    /// The status line for a new task's send.
    mutating func showNewTask(_ s: DraftSend) {
        let title = "“\(Sanitizer.cleanLine(String(s.draft.text.prefix(50))))”"
        showDetachedSend(s, done: "Created \(title).", pending: "New task \(title)",
                         refused: { "\(title) was not created: \(Self.lowerFirst($0)) The title is kept as a draft" },
                         reopen: { $0.reopenRefused($1) })
    }

    /// A refused new task's title goes back into the input when it is free and no key came since the
    /// send (else it stays a draft, named on the status line); false when it was not reopened.
    mutating func reopenRefused(_ s: DraftSend) -> Bool {
        let sentAt = features.taskEdit.sentAtIntent.removeValue(forKey: s.draft.id)
        guard features.taskEdit.input == nil, modal == nil, sentAt == features.taskEdit.userIntents,
              let f = s.draft.newTask else { return false }
        if reopenNewTaskForm(s.tracker.stamp(s.draft, state: .failed, now: now)) { return true }
        let place = s.draft.taskTitle
        features.taskEdit.input = EditLine(purpose: .newTask(folderId: f.folderId, superTaskId: f.superTaskId, place: place),
                                   text: s.draft.text, draft: s.tracker.stamp(s.draft, state: .failed, now: now))
        return true
    }

    /// A new task Wrike confirmed (its answer, or found by a re-read): into the list when it belongs there.
    mutating func taskCreated(_ t: WrikeTask) -> [Effect] {
        catalog.knownTasks[t.id] = t
        features.taskEdit.remember(UndoEntry(summary: "Created “\(String(t.title.prefix(40)))”", before: [], updates: [:],
                                    cannotUndo: "Wrike cannot take a new task back; delete it instead (to the Recycle Bin)."))
        let inList = list.folderId.map { f in (t.parentIds ?? []).contains(f) || (t.superParentIds ?? []).contains(f) } ?? false
        if inList && list.index[t.id] == nil { list.append([t], directory: catalog.directory) }
        if let sup = t.superTaskIds?.first, detail.taskId == sup {
            return [.loadDetail(taskId: sup, context: detailContext(for: sup))]
        }
        return []
    }
}

extension AppState {
    /// Enter on a new task's draft in the drafts list: a send still being checked stays followed (it
    /// says by itself when it is known); one not sent or refused goes back into the input.
    mutating func resumeNewTask(_ d: Draft) -> [Effect] {
        let (editable, followed) = reopenDetached(d)
        guard let send = editable else { return followed }
        guard let f = send.draft.newTask else { return [] }
        if reopenNewTaskForm(send.draft) {
            status.message = "Reopened your unsent new task with its fields (kept as a draft): Enter or Ctrl-S creates it."
            return []
        }
        features.taskEdit.input = EditLine(purpose: .newTask(folderId: f.folderId, superTaskId: f.superTaskId, place: send.draft.taskTitle),
                                   text: send.draft.text, draft: send.draft)
        focus = .list
        status.message = "Reopened your unsent new task (kept as a draft): Enter creates it."
        return []
    }
}

extension AppState {
    /// At most this many new tasks being sent are shown above the list.
    public static let creatingRowsShown = 3

    /// Rows the input and the new tasks being sent take above the list.
    public var lineInputRows: Int {
        (features.taskEdit.input == nil ? 0 : 1) + min(creatingTasks.count, Self.creatingRowsShown)
    }
}
