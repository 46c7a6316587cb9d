import Browser
import Testing
@testable import TerminalUI

/// `[[commands]]`: TOML arrays of tables, the config entries, the key-table rows and the filled-in argv.
@Suite struct CustomCommandConfigTests {
    static let sample = """
        theme = "light"

        [[commands]]
        key = "B"
        name = "branch"
        panes = ["list", "detail"]
        command = ["git", "switch", "-c", "wrike/{id}-{title}"]
        confirm = true

        [[commands]]
        key = "ctrl-g"
        name = "link"
        command = "printf '%s\\n' {permalink}"
        output = true

        [keys]
        top = ["g"]
        """

    @Test func arraysOfTablesParseInOrder() throws {
        let doc = try TOML.parse(Self.sample)
        let items = try #require(doc["commands"]?.array)
        #expect(items.count == 2)
        #expect(items[0].table?["name"]?.string == "branch" && items[1].table?["name"]?.string == "link")
        #expect(doc["keys"]?.table?["top"]?.strings == ["g"])
        #expect(throws: TOMLError.self) { try TOML.parse("[[commands]]\nname = 1\n[commands]\n") }
        #expect(throws: TOMLError.self) { try TOML.parse("commands = 1\n[[commands]]\n") }
    }

    @Test func commandsAreReadWithTheirOptions() {
        let (config, messages) = Config.parse(Self.sample)
        #expect(messages.isEmpty, "\(messages)")
        #expect(config.commands == [
            CustomCommand(name: "branch", key: "B", panes: [.list, .detail], argv: ["git", "switch", "-c", "wrike/{id}-{title}"],
                          confirm: true),
            CustomCommand(name: "link", key: "ctrl-g", panes: [.list, .detail], argv: ["printf", "%s\n", "{permalink}"],
                          showOutput: true),
        ])
    }

    @Test func aBadEntryIsLeftOutWithItsLine() {
        let (config, messages) = Config.parse("""
            [[commands]]
            key = "not a key"
            name = "x"
            command = ["true"]

            [[commands]]
            key = "K"
            name = "ok"
            command = ["true"]
            panes = ["everywhere"]
            """)
        #expect(config.commands.isEmpty)
        #expect(messages.count == 2)
        #expect(messages.first?.line == 2 && messages.first?.message.contains("key must be a key") == true, "\(messages)")
    }

    @Test func rowsOfTheKeyTableWithConflictsReported() {
        let commands = [CustomCommand(name: "branch", key: "B", panes: [.list], argv: ["git"]),
                        CustomCommand(name: "clash", key: "j", panes: [.list], argv: ["true"]),
                        CustomCommand(name: "twice", key: "B", panes: [.list], argv: ["true"])]
        let (keymap, messages) = Keymap.defaults.adding(commands: commands)
        #expect(keymap.customCommand(for: "B")?.name == "branch")
        #expect(keymap.action(for: "B") == .customCommand)
        #expect(keymap.action(for: "j") == .moveDown)
        #expect(messages == ["commands: 'j' of command 'clash' is bound to move-down; the command has no key",
                             "commands: 'B' of command 'twice' is bound to command 'branch'; the command has no key"])
        #expect(keymap.bindings.filter { $0.group == "Custom commands" }.count == 3, "every command is a row (shown in ?)")
    }

    /// Values fill placeholders inside one argument each, in one pass; nothing is split or interpreted.
    @Test func placeholdersBecomeWholeArgumentsAndEnvironment() {
        let c = CustomCommand(name: "b", key: "B", panes: [.list], argv: ["git", "switch", "-c", "wrike/{id}", "{title}", "{nope}", "{"])
        let facts = CustomCommand.Facts(id: "T1", permalink: "https://x/open.htm?id=1", title: "$(rm -rf ~); {id} `x`",
                                        folder: "Eng", status: "New")
        let (argv, env) = c.invocation(facts)
        #expect(argv == ["git", "switch", "-c", "wrike/T1", "$(rm -rf ~); {id} `x`", "{nope}", "{"])
        #expect(env["WRIKE_TASK_TITLE"] == "$(rm -rf ~); {id} `x`" && env["WRIKE_TASK_ID"] == "T1"
                && env["WRIKE_TASK_PERMALINK"] == "https://x/open.htm?id=1" && env["WRIKE_TASK_FOLDER"] == "Eng"
                && env["WRIKE_TASK_STATUS"] == "New")
    }
}
