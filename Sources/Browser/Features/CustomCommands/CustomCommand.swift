// Your own commands on keys (`[[commands]]` in config.toml): what runs, with which arguments. Pure: the
// app (TerminalUI) runs the argv without a shell. See docs/cli.md, "Custom commands".
import TermText
import WrikeAPI

/// One `[[commands]]` entry.
public struct CustomCommand: Sendable, Hashable {
    public var name: String
    /// Canonical key name ("ctrl-g", "B").
    public var key: String
    /// Panes where the key runs it.
    public var panes: Set<Pane>
    /// The program and its arguments; each word may hold placeholders.
    public var argv: [String]
    /// Ask (y/n) before running.
    public var confirm: Bool
    /// Run with the terminal (curses suspended) when false; in the background with the output shown when true.
    public var showOutput: Bool

    public init(name: String, key: String, panes: Set<Pane>, argv: [String], confirm: Bool = false, showOutput: Bool = false) {
        self.name = name
        self.key = key
        self.panes = panes
        self.argv = argv
        self.confirm = confirm
        self.showOutput = showOutput
    }

    public static let placeholders = ["id", "permalink", "title", "folder", "status"]

    /// What a command gets about the task: each value replaces `{name}` inside a word (the word stays one
    /// argument; nothing is ever given to a shell) and is exported as `WRIKE_TASK_<NAME>`.
    public struct Facts: Sendable, Hashable {
        public var values: [String: String]
        public init(id: String, permalink: String, title: String, folder: String, status: String) {
            values = ["id": id, "permalink": permalink, "title": title, "folder": folder, "status": status]
        }
    }

    /// The argv with placeholders filled in, one pass (a value holding `{id}` stays as it is), and the
    /// environment variables to add.
    public func invocation(_ facts: Facts) -> (argv: [String], environment: [String: String]) {
        let argv = self.argv.map { Self.fill($0, facts.values) }
        var env: [String: String] = [:]
        for (k, v) in facts.values { env["WRIKE_TASK_" + k.uppercased()] = v }
        return (argv, env)
    }

    static func fill(_ word: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(word)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                out += value
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}

extension AppState {
    /// The facts of the task a command would act on (the open task in the detail pane, else the list's
    /// selection); nil when there is none.
    public var customCommandFacts: CustomCommand.Facts? {
        guard let t = actionTask else { return nil }
        return CustomCommand.Facts(id: t.id, permalink: t.permalink ?? "", title: t.title, folder: list.title,
                                   status: catalog.directory.status(of: t).name)
    }
}

extension AppState {
    /// The key of a custom command: checks the pane and the task, asks first when it says `confirm`, else
    /// leaves it in `actions.pendingCommand` for the app to run.
    mutating func customCommand(_ name: String) -> [Effect] {
        guard let command = keymap.bindings.compactMap(\.command).first(where: { $0.name == name }) else { return [] }
        guard command.panes.contains(focus) else { return [] }
        guard let facts = customCommandFacts else {
            status.lastError = "\(command.name): no task selected."
            return []
        }
        guard command.confirm else {
            actions.pendingCommand = name
            return []
        }
        let shown = command.invocation(facts).argv.joined(separator: " ")
        let model = ConfirmModel(title: "Run \(command.name)?", message: shown, yesLabel: "Run", noLabel: "Cancel")
        modal = .confirm(model, .runCustomCommand(name: name))
        return []
    }

    mutating func customCommandDone(message: String?, error: String?) -> [Effect] {
        if let error { status.lastError = Sanitizer.cleanLine(error, maxLength: 500) }
        if let message { status.message = Sanitizer.cleanLine(message, maxLength: 500) }
        return []
    }
}

extension Keymap {
    /// Adds a row per custom command (group "Custom commands", browse mode). A key already bound in
    /// browse mode, or a second command on a key, is reported and the command gets no key.
    public func adding(commands: [CustomCommand]) -> (Keymap, [String]) {
        var bindings = self.bindings
        var messages: [String] = []
        var taken: [String: String] = [:]
        for b in bindings where b.mode == .browse { for k in b.keys where taken[k] == nil { taken[k] = b.action.rawValue } }
        for c in commands {
            var keys: [String] = []
            if let other = taken[c.key] {
                messages.append("commands: '\(KeyNames.display(c.key, ascii: true))' of command '\(c.name)' is bound to \(other); "
                                + "the command has no key")
            } else {
                taken[c.key] = "command '\(c.name)'"
                keys = [c.key]
            }
            let help = "Run: " + c.argv.joined(separator: " ") + (c.confirm ? " (asks first)" : "")
            bindings.append(Binding(.customCommand, keys, c.name, help, group: "Custom commands", command: c))
        }
        return (Keymap(bindings: bindings), messages)
    }

    /// The custom command on a key (browse mode).
    public func customCommand(for key: String) -> CustomCommand? {
        bindings.first { $0.command != nil && $0.keys.contains(key) }?.command
    }
}
