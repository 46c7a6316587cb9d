// `[[commands]]` in config.toml: your own commands on keys. See docs/cli.md, "Custom commands".
import Browser
import Platform

extension Config {
    /// Reads the `[[commands]]` array; an entry with a problem is left out with a message naming its line.
    static func parseCommands(_ value: TOMLValue, doc: TOMLTable, file: String) -> ([CustomCommand], [ConfigMessage]) {
        var commands: [CustomCommand] = []
        var messages: [ConfigMessage] = []
        guard let items = value.array else {
            return ([], [ConfigMessage(file: file, line: doc.line(of: "commands"), message: "commands must be [[commands]] tables")])
        }
        for (i, item) in items.enumerated() {
            guard let t = item.table else { continue }
            let line = t.keys.first.flatMap { t.line(of: $0) }
            func bad(_ m: String) { messages.append(ConfigMessage(file: file, line: line, message: "commands #\(i + 1): \(m); left out")) }
            guard let name = t["name"]?.string, !name.isEmpty else { bad("name must be a non-empty string"); continue }
            guard let keyText = t["key"]?.string, let key = Key(parsing: keyText)?.canonicalName else {
                bad("key must be a key such as \"B\" or \"ctrl-g\""); continue
            }
            let argv: [String]
            if let words = t["command"]?.strings { argv = words } else if let line = t["command"]?.string {
                argv = CommandWords.split(line)
            } else {
                bad("command must be a list of words or a string"); continue
            }
            guard let program = argv.first, !program.isEmpty else { bad("command is empty"); continue }
            var panes: Set<Pane> = [.list, .detail]
            if let names = t["panes"]?.strings {
                let known = ["tree": Pane.tree, "list": .list, "detail": .detail]
                guard names.allSatisfy({ known[$0] != nil }), !names.isEmpty else { bad("panes must name tree, list or detail"); continue }
                panes = Set(names.compactMap { known[$0] })
            }
            let confirm = t["confirm"]?.bool ?? false
            let output = t["output"]?.bool ?? false
            commands.append(CustomCommand(name: name, key: key, panes: panes, argv: argv, confirm: confirm, showOutput: output))
        }
        return (commands, messages)
    }
}
