// The new-task form on the app: opened from the title line (`input-more-fields`) or from a draft with
// fields, its keys (the form rows; the assignee picker's rows while it is open), autosave, Esc keeping a
// draft, and the one POST (`createTask`, the same send as the title alone). See docs/editing.md.
import Foundation
import TermText
import WrikeAPI

extension NewTaskForm: Modal {
    public var keyMode: KeyMode { picker == nil ? .form : .picker }
    public var hint: [HintPart] {
        if picker != nil { return Hints.picker("type to narrow", "add or remove", "back to the form") }
        let enter = focus == .assignees ? "choose people" : focus == .description ? "new line" : "create"
        return [.keys([.formNextField, .formPreviousField], "field"), .key(.formAccept, enter), .key(.formSubmit, "create"),
                .keys([.formLeft, .formRight], "importance/status"), .key(.formCancel, "close (kept as a draft)")]
    }
    /// Sent like the title alone, after the form closes: nothing to retry here.
    public func takes(_ action: Action) -> Bool { action != .formRetrySend }
    public func handle(_ input: ModalInput, app: inout AppState) -> [Effect]? {
        switch input {
        case .form(let f): app.newTaskFormInput(f, self)
        case .picker(let c): app.newTaskFormPicker(c, self)
        case .confirm: []
        case .intent: nil
        }
    }
}

extension AppState {
    /// The statuses a new task in the list can take: the workflow most of the listed tasks are in (the
    /// super task's for a subtask), else the account's standard one; hidden statuses left out.
    func newTaskStatuses(superTaskId: String?) -> [CustomStatus] {
        let flows = actions.workflows
        func flow(of status: String?) -> Workflow? {
            status.flatMap { id in flows.first { ($0.customStatuses ?? []).contains { $0.id == id } } }
        }
        var counts: [String: Int] = [:]
        for t in list.tasks.prefix(500) { if let w = flow(of: t.customStatusId) { counts[w.id, default: 0] += 1 } }
        let common = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }.flatMap { c in flows.first { $0.id == c.key } }
        let wf = flow(of: superTaskId.flatMap { task($0)?.customStatusId }) ?? common ?? flows.first { $0.standard == true } ?? flows.first
        return (wf?.customStatuses ?? []).filter { $0.hidden != true }
    }

    /// `input-more-fields` in the title line of a new task: the form, with the title typed so far.
    mutating func openNewTaskForm(_ input: EditLine) -> [Effect] {
        guard case .newTask(let folderId, let superTaskId, let place) = input.purpose else {
            status.message = "More fields are for a new task; this input takes one line."
            return []
        }
        features.taskEdit.input = nil
        var draft = input.draft
        draft?.newTask = Draft.NewTaskFields(folderId: folderId, superTaskId: superTaskId)
        modal = .newTaskForm(NewTaskForm(folderId: folderId, superTaskId: superTaskId, place: place,
                                         statuses: newTaskStatuses(superTaskId: superTaskId), title: input.text, draft: draft))
        return []
    }

    /// A new task's draft with fields goes back into the form (one with the title alone into the line).
    mutating func reopenNewTaskForm(_ d: Draft) -> Bool {
        guard let f = d.newTask else { return false }
        let form = NewTaskForm(folderId: f.folderId, superTaskId: f.superTaskId, place: d.taskTitle,
                               statuses: newTaskStatuses(superTaskId: f.superTaskId), title: d.text, fields: f, draft: d)
        guard form.hasFields, modal == nil else { return false }
        modal = .newTaskForm(form)
        focus = .list
        return true
    }

    mutating func newTaskFormInput(_ input: FormInput, _ f0: NewTaskForm) -> [Effect] {
        var form = fitted(f0)
        let outcome = form.handle(input)
        return newTaskForm(outcome, fitted(form))
    }

    /// A paste in the form: text in the focused field (the description keeps its newlines).
    mutating func newTaskFormPaste(_ text: String, _ f0: NewTaskForm) -> [Effect] {
        var form = fitted(f0)
        let outcome = form.paste(text)
        return newTaskForm(outcome, fitted(form))
    }

    /// The form's rows on this screen (the area over the panes: the screen less the status and hint lines).
    func newTaskFormLayout(_ f: NewTaskForm) -> NewTaskFormLayout {
        NewTaskFormLayout.compute(f, width: viewport.screenWidth, height: viewport.screenHeight - 2)
    }

    private func fitted(_ f: NewTaskForm) -> NewTaskForm {
        var form = f
        form.fit(newTaskFormLayout(f))
        return form
    }

    private mutating func newTaskForm(_ outcome: NewTaskForm.Outcome, _ f0: NewTaskForm) -> [Effect] {
        var form = f0
        switch outcome {
        case .edited:
            actions.autosave.newTaskEdited(now: now)
        case .ignored:
            break
        case .choosePeople(let query):
            guard catalog.directory.contactsLoaded else {
                status.lastError = "Still loading people; try again in a moment."
                break
            }
            var p = EditPicker(kind: .assign, taskIds: [], choices: assigneeChoices(), checked: Set(form.assignees))
            if !query.isEmpty { p.input(.type(query)) }
            form.picker = p
        case .submit:
            guard let (title, fields) = form.validate(today: today) else {
                status.lastError = form.errors[form.focus]
                modal = .newTaskForm(form)
                return []
            }
            modal = nil
            actions.autosave.newTask = nil
            return createTask(title: title, fields: fields, place: form.place, reuse: form.draft)
        case .cancel:
            return closeNewTaskForm(form)
        }
        modal = .newTaskForm(form)
        return []
    }

    /// The assignee picker over the form: Enter adds or removes the highlighted one, Esc goes back.
    mutating func newTaskFormPicker(_ c: PickerCommand, _ f0: NewTaskForm) -> [Effect] {
        var form = f0
        guard var p = form.picker else { return [] }
        switch c {
        case .cancel:
            form.picker = nil
        case .accept:
            guard case .contact(let id, _, _)? = p.picker.current else { return [] }
            if let i = form.assignees.firstIndex(of: id) { form.assignees.remove(at: i) } else { form.assignees.append(id) }
            p.check(Set(form.assignees))
            form.picker = p
            actions.autosave.newTaskEdited(now: now)
        case .type, .deleteBackward, .clear, .up, .down, .pageUp, .pageDown, .top, .bottom:
            p.input(c)
            form.picker = p
        }
        modal = .newTaskForm(form)
        return []
    }

    /// Esc: words typed stay as a draft on disk (listed by the drafts key); an emptied form's file goes.
    mutating func closeNewTaskForm(_ form: NewTaskForm) -> [Effect] {
        modal = nil
        actions.autosave.newTask = nil
        guard let d = newTaskFormDraft(form, now: now) else {
            return form.draft.map { [.sendSteps($0, [.deleteDraft])] } ?? []
        }
        keepSaved(d)
        let drafts = keymap.keyName(.drafts, ascii: true).map { "\($0) lists it" } ?? "the drafts list has it"
        status.message = "The new task stays as a draft (\(drafts); Enter there reopens the form)."
        return [.sendSteps(d, [.saveDraft(d.state)])]
    }

    /// The form as a draft to keep (nil when nothing is typed or chosen).
    mutating func newTaskFormDraft(_ form: NewTaskForm, now: Date) -> Draft? {
        guard form.hasWords else { return nil }
        var d = form.draft ?? Draft(id: newDraftId(), kind: .task, profile: actions.profile,
                                    taskId: form.superTaskId ?? form.folderId, taskTitle: form.place, text: "", created: now)
        d.text = NewTask.cleanTitle(form.title.text)
        d.newTask = form.draftFields
        if d.state != .failed { d.state = .editing }
        d.updated = now
        return d
    }

    /// On a tick after typing paused: the form (or the one-line input) goes to disk, so even
    /// `kill -9` loses at most the last moments.
    mutating func autosaveNewTask() -> [Effect] {
        if case .newTaskForm(var form)? = modal {
            guard let d = newTaskFormDraft(form, now: now) else { return [] }
            form.draft = d
            modal = .newTaskForm(form)
            return [.sendSteps(d, [.saveDraft(d.state)])]
        }
        guard var input = features.taskEdit.input else { return [] }
        guard let d = lineDraft(now: now) else {
            // Emptied, or typed back to what the task has: a file written before goes.
            let drop = dropUnsentFile(input.draft)
            if !drop.isEmpty { input.draft = nil }
            features.taskEdit.input = input
            return drop
        }
        input.draft = d
        features.taskEdit.input = input
        return [.sendSteps(d, [.saveDraft(d.state)])]
    }
}
