// Each modal of `Overlay` as a `Modal`: its key mode, hint line and input. The pickers take the picker
// rows of the key table, the forms the form rows, the question the confirm rows; help takes intents.
// Their updates are AppState's (PickerInput.swift, FormInput.swift, ConfirmInput.swift here; GoToUpdate.swift).
import WrikeAPI

/// A modal that takes the picker rows (and typed text).
public protocol PickerModal: Modal {
    func pick(_ c: PickerCommand, app: inout AppState) -> [Effect]
}

extension PickerModal {
    public var keyMode: KeyMode { .picker }
    public func handle(_ input: ModalInput, app: inout AppState) -> [Effect]? {
        switch input {
        case .picker(let c): pick(c, app: &app)
        case .form, .confirm: []
        case .intent: nil
        }
    }
}

/// A modal that takes the form rows (and typed text).
public protocol FormModal: Modal {
    func fill(_ input: FormInput, app: inout AppState) -> [Effect]
}

extension FormModal {
    public var keyMode: KeyMode { .form }
    public func handle(_ input: ModalInput, app: inout AppState) -> [Effect]? {
        switch input {
        case .form(let f): fill(f, app: &app)
        case .picker, .confirm: []
        case .intent: nil
        }
    }
}

extension Hints {
    /// A picker's hint; `typing`: what typed text does (the picker then also names its clear key).
    static func picker(_ typing: String?, _ choose: String?, _ close: String) -> [HintPart] {
        (typing.map { [HintPart.note($0)] } ?? []) + [.keys([.pickerUp, .pickerDown], "move")]
            + (choose.map { [HintPart.key(.pickerChoose, $0)] } ?? []) + [.key(.pickerClose, close)]
            + (typing == nil ? [] : [.key(.pickerClear)])
    }
}

/// The status picker for one task or the marked ones.
public struct StatusModal: PickerModal {
    public var picker: StatusPickerModel
    public var taskIds: [String]
    public var hint: [HintPart] { Hints.picker("type to narrow", "apply", "close") }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.statusPickerInput(c, picker, ids: taskIds) }
}

extension DependencyFinderModel: PickerModal {
    public var hint: [HintPart] { Hints.picker("type to search", "choose", "back") }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.dependencyFinderInput(c, self) }
}

/// The relation type of the selected dependency.
public struct RelationModal: PickerModal {
    public var picker: RelationTypePicker
    public var dependencyId: String
    public var hint: [HintPart] { Hints.picker(nil, "change", "close") }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] {
        app.relationPickerInput(c, picker, dependencyId: dependencyId)
    }
}

/// The drafts on disk.
public struct DraftsModal: PickerModal {
    public var picker: PickerModel<Draft>
    public var hint: [HintPart] {
        Hints.picker(nil, "reopen", "later") + [.key(.discardDraft, "discard (asks)"), .key(.copyDraftText)]
    }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.draftsInput(c, picker) }
}

/// Approvals waiting for me.
public struct ApprovalsWaitingModal: PickerModal {
    public var picker: PickerModel<Approval>
    public var hint: [HintPart] { Hints.picker("type to narrow", "open the task", "close") }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.approvalsWaitingInput(c, picker) }
}

/// The status line's recent messages.
public struct MessagesModal: PickerModal {
    public var picker: PickerModel<StatusEntry>
    public var hint: [HintPart] { Hints.picker("type to narrow", nil, "close") }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.messagesInput(c, picker) }
}

extension GoToModel: PickerModal {
    /// Its box title says what can be typed; the hint stays short enough for the clear key on 80 columns.
    public var hint: [HintPart] { Hints.picker("type to find", "go", "close") }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.goToInput(c, self) }
}

/// The time-log form (a new entry, sent as a draft).
public struct TimeLogModal: FormModal {
    public var form: TimeLogForm
    public var taskId: String
    public var send: DraftSend?
    public var isSending: Bool { send.map { !$0.tracker.canEdit } ?? false }
    public var hint: [HintPart] {
        [.key(.formNextField), .keys([.formLeft, .formRight], "category"), .keys([.formAccept, .formSubmit], "log"),
         .key(.formRetrySend), .key(.formCancel)]
    }
    public func fill(_ input: FormInput, app: inout AppState) -> [Effect] {
        app.timelogFormInput(input, form: form, taskId: taskId, send: send)
    }
}

/// Changing one of my time entries (the timesheet).
public struct TimeLogEditModal: FormModal {
    public var form: TimeLogForm
    public var entry: Timelog
    public var hint: [HintPart] {
        [.key(.formNextField), .keys([.formLeft, .formRight], "category"), .keys([.formAccept, .formSubmit], "save"),
         .key(.formCancel)]
    }
    /// It saves with a PUT, not a draft: nothing to retry.
    public func takes(_ action: Action) -> Bool { action != .formRetrySend }
    public func fill(_ input: FormInput, app: inout AppState) -> [Effect] { app.timelogEditInput(input, form: form, entry: entry) }
}

/// Requesting an approval.
public struct ApprovalModal: FormModal {
    public var form: ApprovalRequestForm
    public var taskId: String
    public var hint: [HintPart] {
        [.key(.formToggle, "mark approver"), .key(.formNextField), .key(.formSubmit, "request"),
         .key(.formCancel, "close (kept as a draft)")]
    }
    /// Sent like a new task, after the form closes: nothing to retry here.
    public func takes(_ action: Action) -> Bool { action != .formRetrySend }
    public func fill(_ input: FormInput, app: inout AppState) -> [Effect] { app.approvalFormInput(input, form: form, taskId: taskId) }
}

/// A yes/no question before something that cannot be undone.
public struct ConfirmModal: Modal {
    public var model: ConfirmModel
    public var purpose: ConfirmPurpose
    public var keyMode: KeyMode { .confirm }
    public var hint: [HintPart] { [.key(.confirmYes), .keys([.confirmNo, .confirmCancel]), .key(.confirmAccept)] }
    public func handle(_ input: ModalInput, app: inout AppState) -> [Effect]? {
        switch input {
        case .confirm(let i): app.confirmInput(i, model, purpose: purpose)
        case .picker, .form: []
        case .intent: nil
        }
    }
}

extension HelpState: Modal {
    public var keyMode: KeyMode { .help }
    public var hint: [HintPart] { Hints.help }
    /// Help scrolls on the pane keys; any other intent closes it and goes on.
    public func handle(_ input: ModalInput, app: inout AppState) -> [Effect]? {
        switch input {
        case .intent(let i): app.helpInput(i, self)
        case .picker, .form, .confirm: []
        }
    }
}
