// `[keys]` from the config file applied to the key table: per mode, with a message for each problem.

extension Keymap {
    /// Applies `[keys]` from the config file (`action = ["key", ...]`). `canonicalize` turns a
    /// config key string into the canonical name (nil when it is not a key). Returns the keymap and
    /// one message per problem: unknown actions, unknown keys, conflicts within a mode (the first action
    /// in name order keeps the key), printable keys for rows of a mode that takes text (refused: they are typed text there).
    /// A value with something that is not a key keeps the default; `essential` actions keep a key.
    public func applying(_ requested: [String: [String]], canonicalize: (String) -> String?) -> (Keymap, [String]) {
        let (overrides, refused) = screening(requested, canonicalize: canonicalize)
        var messages = refused
        var bindings = self.bindings
        var claimed: [KeyMode: [String: Action]] = [:]
        for action in overrides.keys.sorted() {
            guard let a = Action(rawValue: action), a != .customCommand else {
                let known = Action.allCases.filter { $0 != .customCommand }.map(\.rawValue).joined(separator: ", ")
                messages.append("keys: unknown action '\(action)' (known: \(known))")
                continue
            }
            guard let i = bindings.firstIndex(where: { $0.action == a }) else { continue }
            let mode = bindings[i].mode
            var keys: [String] = []
            for raw in overrides[action] ?? [] {
                guard let k = canonicalize(raw) else { continue }
                if !Self.allows(k, for: a, in: mode) {
                    messages.append("keys.\(action): '\(raw)' types text in \(mode.textPlace); use a key that does not")
                    continue
                }
                if let other = claimed[mode]?[k], other != a {
                    messages.append("keys: '\(raw)' is bound to both \(other.rawValue) and \(action); using it for \(other.rawValue)")
                    continue
                }
                claimed[mode, default: [:]][k] = a
                if !keys.contains(k) { keys.append(k) }
            }
            bindings[i].keys = keys
        }
        // A key now claimed by an override leaves every other action of its mode that had it by default.
        for i in bindings.indices {
            let a = bindings[i].action
            let taken = claimed[bindings[i].mode] ?? [:]
            let before = bindings[i].keys
            bindings[i].keys = before.filter { k in taken[k] == nil || taken[k] == a }
            for k in before where !bindings[i].keys.contains(k) {
                if let other = taken[k] {
                    messages.append("keys: '\(KeyNames.display(k, ascii: true))' was bound to \(a.rawValue) by default; now \(other.rawValue)")
                }
            }
        }
        return keepingEssentialKeys(Keymap(bindings: bindings), messages: messages)
    }
}
