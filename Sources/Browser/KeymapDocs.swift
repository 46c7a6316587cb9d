// docs/keys.md, generated from the key table (a test keeps the file equal to `markdown()`).

extension Keymap {
    /// Markdown for docs/keys.md: one table per group, every mode's rows.
    public func markdown() -> String {
        let essential = Self.essential.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        var out = "# Keys\n\n"
        out += "Generated from the key table (`Sources/Browser/KeymapTable.swift`, `KeymapModeRows.swift`); "
        out += "a test checks this file against it.\n"
        out += "Rebind in `$XDG_CONFIG_HOME/wrike-tui/config.toml` under `[keys]`, e.g. `move-down = [\"j\", \"down\"]`; "
        out += "a rebound key shows in `?` and in the hint line.\n"
        out += "Conflicts within a mode and unknown names are reported at start. A value with something that is not a key keeps "
        out += "the action's default keys; \(essential) always keep a key (an empty list is refused). "
        out += "Where typed characters are text (the filter, pickers, the comment editor, forms), a key that types a "
        out += "character is refused for those rows.\n"
        var groups: [String] = []
        for b in bindings where !groups.contains(b.group) { groups.append(b.group) }
        for g in groups {
            out += "\n## \(g)\n\n| keys | action | what it does |\n|---|---|---|\n"
            for b in bindings where b.group == g {
                let keys = b.keys.map { "`\(KeyNames.display($0, ascii: true))`" }.joined(separator: ", ")
                out += "| \(keys) | `\(b.action.rawValue)` | \(b.help) |\n"
            }
        }
        out += "\n## Text and pastes\n\n"
        out += "In the filter, a picker's query, the comment editor and a form's fields, a typed character that is no "
        out += "row's key is text. A paste is text, never keys: newlines and tabs stay in the editor and become spaces "
        out += "in the filter; where no text field has the focus it is ignored. Filter words match the title; `@name` "
        out += "matches an assignee, `#name` the status. The editor's text is saved as a draft about a second after you "
        out += "stop typing, and kept as a draft when you quit. A question that loses something on yes (discard, delete, "
        out += "remove, cancel) is answered yes only by `confirm-yes`; moving the highlight does not reach yes there.\n"
        return out
    }
}
