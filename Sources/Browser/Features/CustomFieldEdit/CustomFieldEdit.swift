// edit-field: the open task's custom fields. The line input first takes the field (by name: the prompt
// lists the task's fields), then its value in words, checked for the field's type (`FieldValueInput`);
// the value is sent as `customFields` in `PUT /tasks/{id}`, shown at once, rolled back with Wrike's
// reason when refused, and undoable. Pure. See docs/editing.md.
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
        let names = fields.map { Sanitizer.cleanLine($0.title) }.joined(separator: ", ")
        features.taskEdit.input = EditLine(purpose: .chooseField(taskId: t.id, names: String(names.prefix(60)) + (names.count > 60 ? "…" : "")))
        focus = .list
        return []
    }

    /// The field named by `text` (equal ignoring case, else the one whose name it starts or contains).
    mutating func chooseField(_ text: String, taskId: String) -> [Effect] {
        guard let t = fullTask(taskId) else { features.taskEdit.input = nil; status.lastError = "That task is no longer open."; return [] }
        let fields = editableFields(t)
        let q = text.trimmingCharacters(in: .whitespaces).lowercased()
        let exact = fields.filter { $0.title.lowercased() == q }
        let starts = fields.filter { $0.title.lowercased().hasPrefix(q) }
        let contains = fields.filter { $0.title.lowercased().contains(q) }
        let found = !exact.isEmpty ? exact : !starts.isEmpty ? starts : contains
        guard !q.isEmpty, found.count == 1, let f = found.first else {
            let list = (found.count > 1 ? found : fields).map { Sanitizer.cleanLine($0.title) }.joined(separator: ", ")
            status.lastError = q.isEmpty ? "Type a field's name: \(list)."
                : found.isEmpty ? "No field called “\(Sanitizer.cleanLine(String(text.prefix(30))))”: \(list)."
                : "“\(Sanitizer.cleanLine(String(text.prefix(30))))” could be \(list): type more."
            return []
        }
        let current = t.customFields?.first { $0.id == f.id }?.value
        let start = FieldValueInput.describe(current, field: f, name: { catalog.directory.name($0) })
        features.taskEdit.input = EditLine(purpose: .fieldValue(taskId: taskId, fieldId: f.id, title: Sanitizer.cleanLine(f.title),
                                                       hint: FieldValueInput.hint(f)),
                                  text: Sanitizer.cleanLine(start))
        status.lastError = nil
        return []
    }

    /// The value typed for a field: checked, then sent (nothing when it is the value the task has).
    mutating func setField(_ text: String, taskId: String, fieldId: String) -> [Effect] {
        guard let t = fullTask(taskId), let f = catalog.directory.customFields[fieldId] else {
            features.taskEdit.input = nil
            status.lastError = "That task is no longer open."
            return []
        }
        let people = catalog.directory.contacts.values.filter { $0.deleted != true }.sorted { $0.id < $1.id }
        switch FieldValueInput.parse(text, field: f, today: today, people: people) {
        case .failure(let e):
            status.lastError = e.message
            return []
        case .success(let value):
            features.taskEdit.input = nil
            let current = t.customFields?.first { $0.id == f.id }?.value
            guard value != current, !(value == nil && (current ?? "").isEmpty) else {
                status.message = "\(Sanitizer.cleanLine(f.title)) is unchanged: nothing sent."
                return []
            }
            var changed = t
            var values = (t.customFields ?? []).filter { $0.id != f.id }
            if let value { values.append(CustomFieldValue(id: f.id, value: value)) }
            changed.customFields = values
            let shown = value.map { CustomFieldDisplay.text($0, field: f, name: { catalog.directory.name($0) }) } ?? "cleared"
            let edit = TaskEdit(taskId: t.id, queryItems: [], optimistic: changed, rollback: t,
                                summary: "\(Sanitizer.cleanLine(f.title)): \(shown)")
            return optimistic(edit, update: TaskUpdate(customFields: [CustomFieldUpdate(id: f.id, value: value)]))
        }
    }
}
