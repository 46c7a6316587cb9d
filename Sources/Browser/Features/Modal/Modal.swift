// The one protocol of the modals on top of the panes. `Overlay` is their sum type (one modal at a time, in
// `AppState.modal`); `Overlay.modal` gives each case's modal, and every key, hint and input of a modal goes
// through this protocol. Adding a modal: a case in `Overlay`, a type conforming to `Modal` (its key mode,
// hint and input handling) and its arm in `Overlay.modal`; its keys are rows of the key table's mode.
import WrikeAPI

/// What a modal receives: the inputs of the key modes (rows of the key table), or any other intent first.
public enum ModalInput: Sendable, Equatable {
    case picker(PickerCommand)
    case form(FormInput)
    case confirm(ConfirmModel.Input)
    /// An intent, offered to the open modal before the app handles it.
    case intent(Intent)
}

/// A modal: its key mode, its hint line and how it handles input.
public protocol Modal: Sendable {
    /// The mode of the key table whose rows take keys while it is open.
    var keyMode: KeyMode { get }
    /// Its hint line, as actions of the key table.
    var hint: [HintPart] { get }
    /// Whether a row of its mode applies to it (a form that does not send takes no retry key).
    func takes(_ action: Action) -> Bool
    /// Its draft is on its way to Wrike (the app does not revalidate meanwhile).
    var isSending: Bool { get }
    /// Handles `input` on `app`, where it is `app.modal`: it sets `app.modal` to what follows (itself
    /// changed, another modal, or nil) and returns the effects. nil: the input is not the modal's, the app
    /// goes on with it (with `app.modal` as the modal left it).
    func handle(_ input: ModalInput, app: inout AppState) -> [Effect]?
}

extension Modal {
    public func takes(_ action: Action) -> Bool { true }
    public var isSending: Bool { false }
}

extension Overlay {
    /// The open modal: each case's payload as a `Modal`.
    public var modal: any Modal {
        switch self {
        case .status(let m, let ids): StatusModal(picker: m, taskIds: ids)
        case .confirm(let m, let purpose): ConfirmModal(model: m, purpose: purpose)
        case .timelog(let form, let taskId, let send): TimeLogModal(form: form, taskId: taskId, send: send)
        case .timelogEdit(let form, let entry): TimeLogEditModal(form: form, entry: entry)
        case .dependency(let m): m
        case .relation(let p, let id): RelationModal(picker: p, dependencyId: id)
        case .approval(let form, let taskId): ApprovalModal(form: form, taskId: taskId)
        case .drafts(let p): DraftsModal(picker: p)
        case .approvalsWaiting(let p): ApprovalsWaitingModal(picker: p)
        case .messages(let p): MessagesModal(picker: p)
        case .goTo(let m): m
        case .editPicker(let m): m
        case .newTaskForm(let f): f
        case .views(let p): ViewsMenuModal(picker: p)
        case .help(let h): h
        }
    }

    /// The hint line while it is open, with the keys of `keymap`.
    public func hint(keymap: Keymap, ascii: Bool) -> String { keymap.hint(modal.hint, ascii: ascii) }
}

extension AppState {
    /// The `?` overlay when it is open.
    public var help: HelpState? {
        if case .help(let h)? = modal { return h }
        return nil
    }

    /// An input for the open modal (none open: nothing happens).
    mutating func modalInput(_ input: ModalInput) -> [Effect] {
        guard let m = modal?.modal else { return [] }
        return m.handle(input, app: &self) ?? []
    }

    /// Offers an intent to the open modal first; nil: the app handles it.
    mutating func offerToModal(_ intent: Intent) -> [Effect]? {
        guard let m = modal?.modal else { return nil }
        return m.handle(.intent(intent), app: &self)
    }
}
