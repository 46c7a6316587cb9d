// edit-field: the open task's custom fields. A picker lists the fields that apply (name and type, narrowed
// by typing); the one chosen takes its value by its type (FieldPicker.swift): a drop-down's options or the
// people in a picker, a checkbox toggles, the others in the line input in words checked for the type
// (`FieldValueInput`). The value goes as `customFields` in `PUT /tasks/{id}`, shown at once, rolled back
// with Wrike's reason when refused, and undoable; a value typed in words is a draft like a comment
// (EditDraftsUpdate.swift). Pure. See docs/editing.md.
import TermText
import WrikeAPI

extension AppState {
    /// The task as Wrike sent it in full (the open task), or nil when only its list summary is known.
    func fullTask(_ id: String) -> WrikeTask? {
        if detail.taskId == id, let t = detail.task { return t }
        return nil
    }

    /// The fields edit-field offers for `t`: editable ones of the account, and any the task has a value of.
    func editableFields(_ t: WrikeTask) -> [CustomField] {
        let has = Set((t.customFields ?? []).map(\.id))
        return catalog.directory.customFields.values
            .filter { FieldValueInput.editable($0) && ($0.spaceId == nil || has.contains($0.id)) }
            .sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
    }

    /// `edit-field`: the picker of the open task's fields.
    mutating func beginFieldEdit() -> [Effect] {
        guard let t = actionTask else { status.lastError = "No task selected."; return [] }
        guard let full = fullTask(t.id) else {
            status.lastError = "Open the task first (Enter): its custom fields are read with it."
            return []
        }
        let fields = editableFields(full)
        guard !fields.isEmpty else {
            status.lastError = catalog.directory.customFields.isEmpty
                ? "No custom fields known yet: they arrive with the account's data (or the account has none)."
                : "This task has no custom field that can be edited here."
            return []
        }
        let rows = fields.map { EditChoice.field(id: $0.id, title: Sanitizer.cleanLine($0.title), kind: FieldValueInput.kindName($0)) }
        modal = .editPicker(EditPicker(kind: .fields, taskIds: [t.id], choices: rows, checked: []))
        return []
    }

    /// The value typed for a field (`input`): checked, then sent from its draft (nothing when it is the
    /// value the task has). The words stay in the input while the task is not open or the value is wrong.
    mutating func setField(_ input: EditLine, taskId: String, fieldId: String) -> [Effect] {
        guard let t = fullTask(taskId), let f = catalog.directory.customFields[fieldId] else {
            status.lastError = "The task is not open (or still loading): your value stays here; Enter again in a moment "
                + "(Esc keeps it as a draft)."
            return []
        }
        let people = catalog.directory.contacts.values.filter { $0.deleted != true }.sorted { $0.id < $1.id }
        switch FieldValueInput.parse(input.text, field: f, today: today, people: people) {
        case .failure(let e):
            status.lastError = e.message
            return []
        case .success(let value):
            features.taskEdit.input = nil
            guard let (changed, _) = fieldChange(value, field: f, on: t) else {
                return input.draft.map { [.sendSteps($0, [.deleteDraft])] } ?? []
            }
            var d = keptDraft(input.draft, kind: .field, taskId: taskId, text: input.text, now: now)
            d.field = Draft.FieldFields(fieldId: f.id, fieldTitle: Sanitizer.cleanLine(f.title), value: value)
            return sendTaskChange(d, before: t, after: changed, reused: input.draft != nil)
        }
    }

    /// Sends a field's new value (nil clears it), shown at once; the same value sends nothing.
    mutating func sendField(_ value: String?, field f: CustomField, on t: WrikeTask) -> [Effect] {
        guard let (changed, shown) = fieldChange(value, field: f, on: t) else { return [] }
        let edit = TaskEdit(taskId: t.id, queryItems: [], optimistic: changed, rollback: t,
                            summary: "\(Sanitizer.cleanLine(f.title)): \(shown)")
        return optimistic(edit, update: TaskUpdate(customFields: [CustomFieldUpdate(id: f.id, value: value)]))
    }

    /// The task with the field's new value and the value in words; nil (said on the status line) when unchanged.
    mutating func fieldChange(_ value: String?, field f: CustomField, on t: WrikeTask) -> (WrikeTask, String)? {
        let current = t.customFields?.first { $0.id == f.id }?.value
        guard value != current, !(value == nil && (current ?? "").isEmpty) else {
            status.message = "\(Sanitizer.cleanLine(f.title)) is unchanged: nothing sent."
            return nil
        }
        var changed = t
        var values = (t.customFields ?? []).filter { $0.id != f.id }
        if let value { values.append(CustomFieldValue(id: f.id, value: value)) }
        changed.customFields = values
        return (changed, value.map { CustomFieldDisplay.text($0, field: f, name: { catalog.directory.name($0) }) } ?? "cleared")
    }
}
