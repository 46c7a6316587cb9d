// edit-field's picker (an `EditPicker` of kind `.fields`, then `.fieldValue`): Enter on a field opens what
// its type takes: a single drop-down's options (Enter sets it and closes), a multiple drop-down's options
// or the people of a contacts field (Enter adds or removes one; the picker stays open and its checks
// follow), a checkbox toggles at once, any other type the line input in words. Pure. See docs/editing.md.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    /// Enter on a field of the fields picker.
    mutating func pickField(_ fieldId: String, taskId: String) -> [Effect] {
        guard let t = fullTask(taskId), let f = catalog.directory.customFields[fieldId] else {
            modal = nil
            status.lastError = "That task is no longer open."
            return []
        }
        let title = Sanitizer.cleanLine(f.title)
        let current = t.customFields?.first { $0.id == f.id }?.value
        switch f.type {
        case .dropDown?, .multiple?:
            let rows = FieldValueInput.options(f).map { EditChoice.option(Sanitizer.cleanLine($0)) }
            modal = .editPicker(EditPicker(kind: .fieldValue(fieldId: f.id, title: title, multiple: f.type == .multiple),
                                           taskIds: [taskId], choices: rows, checked: fieldValues(f.id, taskId: taskId)))
            return []
        case .contacts?:
            modal = .editPicker(EditPicker(kind: .fieldValue(fieldId: f.id, title: title, multiple: true), taskIds: [taskId],
                                           choices: assigneeChoices(), checked: fieldValues(f.id, taskId: taskId)))
            return []
        case .checkbox?:
            modal = nil
            return sendField(current == "true" ? "false" : "true", field: f, on: t)
        default:
            modal = nil
            if let d = savedFieldDraft(f.id, taskId: taskId) { return resumeSaved(d) }
            let start = FieldValueInput.describe(current, field: f, name: { catalog.directory.name($0) })
            features.taskEdit.input = EditLine(purpose: .fieldValue(taskId: taskId, fieldId: f.id, title: title,
                                                                    hint: FieldValueInput.hint(f)),
                                               text: Sanitizer.cleanLine(start))
            focus = .list
            return []
        }
    }

    /// Enter on an option or a person of a field's picker.
    mutating func pickFieldValue(_ id: String, fieldId: String, taskId: String) -> [Effect] {
        guard let t = fullTask(taskId), let f = catalog.directory.customFields[fieldId] else {
            modal = nil
            status.lastError = "That task is no longer open."
            return []
        }
        let value: String?
        switch f.type {
        case .dropDown?:
            modal = nil
            guard let option = FieldValueInput.options(f).first(where: { Sanitizer.cleanLine($0) == id }) else { return [] }
            return sendField(option, field: f, on: t)
        case .multiple?:
            let options = FieldValueInput.options(f)
            var chosen = fieldValues(f.id, taskId: taskId)
            guard let option = options.first(where: { Sanitizer.cleanLine($0) == id }) else { return [] }
            if chosen.contains(option) { chosen.remove(option) } else { chosen.insert(option) }
            value = chosen.isEmpty ? nil : FieldValueInput.jsonArray(options.filter(chosen.contains))
        case .contacts?:
            var ids = CustomFieldDisplay.contactIds(t.customFields?.first { $0.id == f.id }?.value ?? "")
            if let i = ids.firstIndex(of: id) { ids.remove(at: i) } else { ids.append(id) }
            value = ids.isEmpty ? nil : ids.joined(separator: ",")
        default:
            modal = nil
            return []
        }
        let effects = sendField(value, field: f, on: t)
        refreshEditPicker()
        return effects
    }

    /// What the open task's field holds now, as the picker's row ids (options, or contact ids).
    func fieldValues(_ fieldId: String, taskId: String) -> Set<String> {
        guard let raw = fullTask(taskId)?.customFields?.first(where: { $0.id == fieldId })?.value,
              let f = catalog.directory.customFields[fieldId] else { return [] }
        switch f.type {
        case .multiple?: return Set(CustomFieldDisplay.jsonStrings(raw) ?? [])
        case .contacts?: return Set(CustomFieldDisplay.contactIds(raw))
        default: return [raw]
        }
    }
}
