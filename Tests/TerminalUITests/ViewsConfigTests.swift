import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// `[[views]]`, `startup-view`, `remember-view`: every field read; a bad entry reported by view, field and
/// line and left out while the others load.
@Suite struct ViewsConfigTests {
    static let sample = """
        startup-view = "Mine this week"
        remember-view = false

        [[views]]
        name = "Mine this week"
        source = "my-work"
        due-before = "+7d"
        sort = "-due"

        [[views]]
        name = "Platform review"
        source = "Engineering/Platform"
        status = ["Active", "In Review"]
        assignee = ["me", "ana@example.com"]
        importance = "high"
        due-after = "2026-12-01"
        updated-since = "-2w"
        title = "API"
        columns = ["status", "title", "updated"]

        [[views]]
        name = "By id"
        source = "IEAAAAAQI4AB5BGU"
        """

    @Test func everyFieldIsRead() {
        let (config, messages) = Config.parse(Self.sample)
        #expect(messages.isEmpty, "\(messages)")
        #expect(config.startupView == "Mine this week" && !config.rememberView)
        #expect(config.views == [
            SavedView(name: "Mine this week", source: .myWork, filters: ViewFilters(dueBefore: "+7d"), sort: .due, ascending: false),
            SavedView(name: "Platform review", source: .path(["Engineering", "Platform"]),
                      filters: ViewFilters(statuses: ["Active", "In Review"], assignees: ["me", "ana@example.com"],
                                           importance: [.high], dueAfter: "2026-12-01", updatedSince: "-2w", title: "API"),
                      columns: [.status, .title, .updated]),
            SavedView(name: "By id", source: .folder("IEAAAAAQI4AB5BGU")),
        ])
    }

    @Test func aBadEntryIsNamedWithItsFieldAndLineAndTheOthersLoad() throws {
        let text = """
            [[views]]
            name = "Good"

            [[views]]
            name = "Bad importance"
            importance = ["High", "Urgent"]

            [[views]]
            name = "Bad date"
            due-before = "someday"

            [[views]]
            name = "Good"

            [[views]]
            name = "Typo"
            stauts = "Active"

            [[views]]
            source = "my-work"

            [[views]]
            name = "Bad sort"
            sort = "colour"

            [[views]]
            name = "Bad columns"
            columns = ["title", "priority"]

            [[views]]
            name = "Fine too"
            status = "Completed"
            """
        let (config, messages) = Config.parse(text, file: "c.toml")
        #expect(config.views.map(\.name) == ["Good", "Fine too"])
        let said = messages.map(\.description)
        #expect(said.count == 7, "\(said)")
        func has(_ line: Int, _ words: String) {
            #expect(said.contains { $0.hasPrefix("c.toml:\(line):") && $0.contains(words) && $0.contains("left out") }, "\(line) \(words) in \(said)")
        }
        has(6, "view “Bad importance”: importance “Urgent” is not High, Normal or Low")
        has(10, "view “Bad date”: due-before must be a date such as 2026-12-20")
        has(13, "view “Good”: name is used by an earlier view")
        has(17, "view “Typo”: unknown field 'stauts'")
        has(20, "view #6: name must be a non-empty string")
        has(24, "view “Bad sort”: sort must be one of status, due, importance, title, updated")
        has(28, "view “Bad columns”: columns has unknown column(s) priority")
    }

    @Test func anUnknownStartupViewIsReported() {
        let (config, messages) = Config.parse("startup-view = \"Nope\"\n[[views]]\nname = \"A\"\n")
        #expect(config.startupView == nil && config.views.count == 1)
        #expect(messages.map(\.description) == ["config.toml:1: startup-view “Nope” is not one of the [[views]]; starting as without it"])
        #expect(Config.parse("remember-view = 1").messages.count == 1)
        #expect(Config.parse("views = 3").messages.map(\.message) == ["views must be [[views]] tables"])
    }

    /// The converse: a setting the parser reads (a `case "name"` in Config.swift) is named in `--help`
    /// (found missing: inbox-interval, follow-cursor and mouse).
    @Test func everySettingTheParserKnowsIsNamedInHelp() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/TerminalUI/Config.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let named = Set(Config.settingNames.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) })
        var read: [String] = []
        for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("case \"") {
            if let first = line.split(separator: "\"").dropFirst().first { read.append(String(first)) }
        }
        #expect(read.count > 10, "no settings found in \(source.path)")
        let aliases: Set = ["colours"]
        for key in read where !aliases.contains(key) && !key.contains("_") {
            #expect(named.contains(key), "\(key) is read from config.toml but --help does not name it")
        }
    }

    @Test func everySettingHelpNamesIsOneTheParserKnows() {
        for name in Config.settingNames {
            let key = name.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            let said = Config.parse("\(key) = 0\n").messages.map(\.message)
            #expect(!said.contains { $0.contains("unknown setting") }, "\(name): \(said)")
        }
    }
}
