import Foundation
import Testing

/// The documentation names what the program has: every page of docs/ is listed in the README, every subcommand
/// the built binary's `--help` lists is shown as `wrike-tui <path>` in a doc, and every option a subcommand's
/// help lists is explained on that subcommand's page. No terminal needed.
@Suite struct DocsTruthTests {
    static let root = BrowserEndToEndTests.root

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The docs page that explains a command's options (browse's are in `--help` itself).
    static func page(of path: [String]) -> String? {
        switch path.first {
        case "sandbox": "docs/sandbox.md"
        case "auth": "docs/auth.md"
        case "timer": "docs/time.md"
        case "browse": nil
        default: "docs/cli.md"
        }
    }

    @Test func theReadmeNamesEveryDocsPage() throws {
        let readme = try Self.text("README.md")
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }
        #expect(pages.count > 10)
        for page in pages {
            #expect(readme.contains("`\(page)`"), "README.md's Documentation does not name docs/\(page)")
        }
    }

    @Test func everySubcommandAndOptionInHelpIsDocumented() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }
            .map { try Self.text("docs/" + $0) }.joined(separator: "\n") + (try Self.text("README.md"))
        var leaves: [[String]] = []
        var queue: [[String]] = [[]]
        while let path = queue.popLast() {
            let help = try CommandLineTests.run(["help"] + path).output
            // A row is "  name   description"; a wrapped description's lines are indented deeper.
            let subcommands = path.count >= 2 ? [] : CommandLineTests.section("SUBCOMMANDS:", of: help)
                .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
                .compactMap { $0.split(separator: " ").first.map(String.init) }
            if subcommands.isEmpty { leaves.append(path) }
            queue += subcommands.map { path + [$0] }
        }
        #expect(leaves.count >= 15, "\(leaves)")
        for path in leaves {
            let spelled = (["wrike-tui"] + path).joined(separator: " ")
            #expect(docs.contains(spelled), "no doc shows `\(spelled)`")
            guard let page = Self.page(of: path) else { continue }
            let pageText = try Self.text(page)
            let help = try CommandLineTests.run(["help"] + path).output
            for option in Self.options(in: help) where !pageText.contains(option) {
                Issue.record("\(spelled) \(option) is not explained in \(page)")
            }
        }
    }

    /// The long options of a help's OPTIONS section (without --help and --version).
    static func options(in help: String) -> [String] {
        CommandLineTests.section("OPTIONS:", of: help).compactMap { line -> String? in
            guard let range = line.range(of: #"--[a-z][a-z-]*"#, options: .regularExpression),
                  line.trimmingCharacters(in: .whitespaces).hasPrefix("-") else { return nil }
            let option = String(line[range])
            return ["--help", "--version"].contains(option) ? nil : option
        }
    }
}

extension DocsTruthTests {
    /// Every setting `--help` names (`Config.settingNames`) is explained in docs/terminal.md, the config file's page.
    @Test func everySettingHelpNamesIsInTheConfigFilePage() throws {
        let help = try CommandLineTests.run(["--help"], columns: 2000).output
        let line = try #require(help.components(separatedBy: "\n").first { $0.hasPrefix("SETTINGS (") })
        let list = try #require(line.components(separatedBy: "): ").last)
        let names = list.trimmingCharacters(in: CharacterSet(charactersIn: ".")).components(separatedBy: ", ")
        #expect(names.count > 10 && names.contains("[auth]"), "\(names)")
        let page = try Self.text("docs/terminal.md")
        for name in names {
            let spelled = name.hasPrefix("[") ? "`\(name)`" : "\(name) ="
            #expect(page.contains(spelled), "docs/terminal.md does not explain the setting \(name)")
        }
    }
}
