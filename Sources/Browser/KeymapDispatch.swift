// Key dispatch for every mode: which mode the app is in, and the intent a key has there, from the key table.

extension AppState {
    /// The mode whose rows of the key table take keys now.
    public var keyMode: KeyMode {
        let open = modal?.modal
        if open?.keyMode == .help { return .help }
        if list.editingFilter { return .filter }
        if features.taskEdit.input != nil && open == nil { return .lineInput }
        if let open { return open.keyMode }
        if actions.composer != nil && focus == .detail { return .editor }
        if features.timesheet != nil { return .timesheet }
        return .browse
    }

    /// The intent of a key (canonical name; `typed`: the character it types, if any) in the current mode.
    /// `.some(nil)`: the mode swallows the key. nil: the pane keys apply (in browse, and in help for a key
    /// that is none of help's: it closes help and does what it does in the panes).
    public func keyIntent(_ key: String, typed: String?) -> Intent?? {
        let mode = keyMode
        let action = keymap.action(for: key, in: mode)
        switch mode {
        case .browse: return nil
        case .help: return action.map { .some($0.intent) }
        case .form:
            if let action, let open = modal?.modal, !open.takes(action) { return .some(nil) }
            return .some(keymap.intent(for: key, typed: typed, in: mode))
        case .filter, .editor, .picker, .confirm, .lineInput: return .some(keymap.intent(for: key, typed: typed, in: mode))
        case .timesheet:
            // Its own rows; of the panes' keys only help, quit, messages, drafts and retry.
            if let action { return .some(action.intent) }
            let global: Set<Action> = [.help, .quit, .messages, .drafts, .retrySend]
            return .some(keymap.action(for: key).flatMap { global.contains($0) ? $0.intent : nil })
        }
    }
}

extension Keymap {
    /// The intent for a key in `mode`: its row's, else the typed character as text where the mode takes
    /// text; nil when the key does nothing there.
    public func intent(for key: String, typed: String?, in mode: KeyMode) -> Intent? {
        if let a = action(for: key, in: mode) { return a.intent }
        guard let typed else { return nil }
        switch mode {
        case .filter: return .filterType(typed)
        case .editor: return .action(.editor(.insert(typed)))
        case .form: return .action(.form(.insert(typed)))
        case .picker: return .action(.picker(.type(typed)))
        case .lineInput: return .taskEdit(.input(.type(typed)))
        case .browse, .confirm, .help, .timesheet: return nil
        }
    }
}
