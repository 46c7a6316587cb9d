// The rules `[keys]` overrides are held to before and after they are applied: a value that names
// something that is not a key keeps the default, and the actions the app cannot be used without keep a key.

extension Keymap {
    /// Actions that must always have a key: leaving the app, its help, backing out of a pane, an overlay,
    /// a picker, the filter, the editor, a form, a question or help, and sending a comment.
    public static let essential: [Action] = [.back, .help, .quit, .pickerClose, .filterCancel, .editorSend, .editorCancel,
                                             .formCancel, .confirmCancel, .helpClose, .timesheetClose, .inputCancel,
                                             .inboxClose]

    /// The overrides to apply, and a message for each one refused: a value with a string that is not a key,
    /// or an empty list for an essential action (both keep the action's default keys).
    func screening(_ overrides: [String: [String]], canonicalize: (String) -> String?) -> ([String: [String]], [String]) {
        var kept: [String: [String]] = [:]
        var messages: [String] = []
        for action in overrides.keys.sorted() {
            let keys = overrides[action] ?? []
            // An unknown action is reported by `applying`.
            guard let a = Action(rawValue: action) else { kept[action] = keys; continue }
            let defaults = shown(self.keys(for: a))
            if let wrong = keys.first(where: { canonicalize($0) == nil }) {
                messages.append("keys.\(action): '\(wrong)' is not a key; keeping the default (\(defaults))")
            } else if keys.isEmpty, Self.essential.contains(a) {
                messages.append("keys.\(action): \(action) must always have a key; keeping the default (\(defaults))")
            } else {
                kept[action] = keys
            }
        }
        return (kept, messages)
    }

    /// `keymap` with each essential action that lost all its keys to other actions given its default keys
    /// back (taken from the actions that claimed them), with a message for each. Taking a key may leave
    /// another essential action without one: it gets its defaults in turn (the defaults never overlap).
    func keepingEssentialKeys(_ keymap: Keymap, messages: [String]) -> (Keymap, [String]) {
        var current = keymap
        var messages = messages
        var restored: Set<Action> = []
        while let a = Self.essential.first(where: { current.keys(for: $0).isEmpty && !restored.contains($0) }) {
            restored.insert(a)
            let defaults = keys(for: a)
            var bindings = current.bindings
            guard !defaults.isEmpty, let i = bindings.firstIndex(where: { $0.action == a }) else { continue }
            for k in defaults {
                guard let other = current.action(for: k, in: bindings[i].mode), let j = bindings.firstIndex(where: { $0.action == other }) else { continue }
                bindings[j].keys.removeAll { $0 == k }
                messages.append("keys: \(a.rawValue) must always have a key; '\(shown([k]))' stays on \(a.rawValue), not \(other.rawValue)")
            }
            bindings[i].keys = defaults
            current = Keymap(bindings: bindings)
        }
        return (current, messages)
    }

    private func shown(_ keys: [String]) -> String {
        keys.map { KeyNames.display($0, ascii: true) }.joined(separator: ", ")
    }
}
