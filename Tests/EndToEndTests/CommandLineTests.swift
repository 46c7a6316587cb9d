import Foundation
import Testing
import WrikeAPI

/// The built binary's command line: what `--help` and `--version` say, and that the browse options given
/// without a subcommand reach `browse` while `sandbox` and `auth` keep their own options of the same names.
/// No terminal needed.
@Suite struct CommandLineTests {
    static var binary: String { BrowserEndToEndTests.binary }

    /// Runs the binary at a given terminal width (ArgumentParser reads COLUMNS); stdout and stderr together.
    static func run(_ args: [String], columns: Int = 80) throws -> (status: Int32, output: String) {
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build (looked for \(binary))")
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = String(columns)
        return spawnAndWait(binary, args, environment: env, withStderr: true)
    }

    @Test func topLevelHelpListsTheBrowseOptionsTheKeysAndTheVersion() throws {
        let (status, help) = try Self.run(["--help"])
        #expect(status == 0)
        for option in ["--demo", "--data <file>", "--base-url <url>", "--theme <name>", "--ascii", "--profile <name>",
                       "--version", "browse (default)", "sandbox", "auth"] {
            #expect(help.contains(option), "wrike-tui --help does not name \(option)")
        }
        #expect(help.contains("press ? for the keys"))
        // The config file's settings, saved views included.
        for setting in ["[[views]]", "startup-view", "remember-view", "columns", "[keys]"] {
            #expect(help.contains(setting), "wrike-tui --help does not name the setting \(setting)")
        }
        // Every option `browse --help` lists is in the top-level help, with the same description.
        let browse = try Self.run(["browse", "--help"]).output
        let rows = Self.section("OPTIONS:", of: browse).filter { !$0.contains("--help") && !$0.contains("--version") }
        #expect(rows.count >= 10)
        for row in rows { #expect(help.contains(row), "missing from wrike-tui --help: \(row)") }
        // The same text for `-h` and the `help` subcommand (the tail is only built when help is asked for).
        for args in [["-h"], ["help"]] {
            #expect(try Self.run(args).output.contains("BROWSE OPTIONS:\n  --demo"), "\(args)")
        }
    }

    @Test func versionIsTheOneVersionString() throws {
        for args in [["--version"], ["browse", "--version"]] {
            let (status, out) = try Self.run(args)
            #expect(status == 0)
            #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == WrikeTUIVersion.string, "\(args): \(out)")
        }
        #expect(WrikeTUIVersion.userAgent == "wrike-tui/\(WrikeTUIVersion.string)")
    }

    /// `--demo --data` with no subcommand reach `browse` (which then fails to read the file, before
    /// touching the terminal); `sandbox serve --data` stays the sandbox's (no "--data needs --demo").
    @Test func optionsReachTheirCommand() throws {
        let missing = "/nonexistent-\(UInt32.random(in: 0...UInt32.max)).json"
        for args in [["--demo", "--data", missing], ["browse", "--demo", "--data", missing]] {
            let (status, out) = try Self.run(args)
            #expect(status != 0)
            #expect(out.contains("cannot read the dataset"), "\(args): \(out)")
        }
        #expect(try Self.run(["--data", missing]).output.contains("--data needs --demo"))
        let serve = try Self.run(["sandbox", "serve", "--data", missing])
        #expect(serve.status != 0)
        #expect(serve.output.contains(missing) && !serve.output.contains("needs --demo"), "\(serve.output)")
    }

    /// Prose is wrapped by ArgumentParser, not by line breaks in the source: in every command's help (found
    /// through the SUBCOMMANDS sections), a line of a paragraph ends only where the next word would not fit.
    @Test func helpTextsAreWrappedToTheTerminalNotTheSource() throws {
        var queue: [[String]] = [[]]
        var seen = 0
        while let command = queue.popLast() {
            seen += 1
            let help = try Self.run(command + ["--help"], columns: 80).output
            #expect(help.contains("USAGE:"), "\(command): \(help)")
            let prose = help.components(separatedBy: "\nUSAGE:")[0].components(separatedBy: "\n\nBROWSE OPTIONS:")[0]
            let lines = prose.components(separatedBy: "\n")
            for (a, b) in zip(lines, lines.dropFirst()) where !a.isEmpty && !b.isEmpty {
                let next = b.split(separator: " ").first.map(String.init) ?? ""
                // ArgumentParser breaks at the last space within the first 80 characters.
                #expect(a.count + 1 + next.count >= 80, "\(command): a break the source made: \"\(a)\" / \"\(b)\"")
            }
            for row in Self.section("SUBCOMMANDS:", of: help) where row.hasPrefix("  ") && !row.hasPrefix("   ") {
                if let name = row.split(separator: " ").first { queue.append(command + [String(name)]) }
            }
        }
        #expect(seen >= 10)   // wrike-tui, browse, sandbox (serve, generate), auth (login, token, status, logout)
    }

    /// The commands that talk to Wrike go through the proxy of curl's variables: a SOCKS proxy is refused in
    /// plain words (not bypassed), an http proxy that cannot be reached is named without its password.
    /// (wrike.test resolves nowhere: a direct attempt would say "cannot resolve".)
    @Test func commandsTalkToWrikeThroughTheProxyOfTheEnvironment() throws {
        let home = NSTemporaryDirectory() + "wtui-proxy-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let base = ["HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
                    "XDG_CACHE_HOME": home + "/cache", "PATH": "/usr/bin:/bin", "WRIKE_TOKEN": "t0ken"]
        let commands = [["tasks", "--base-url", "https://wrike.test/api/v4"], ["auth", "status", "--base-url", "https://wrike.test"]]
        for args in commands {
            let socks = spawnAndWait(Self.binary, args, environment: base.merging(["https_proxy": "socks5://u:s3cret@127.0.0.1:1"]) { $1 },
                                     withStderr: true)
            #expect(socks.status != 0)
            #expect(socks.output.contains("https_proxy names a socks5:// proxy, which is not supported"), "\(args): \(socks.output)")
            let http = spawnAndWait(Self.binary, args, environment: base.merging(["HTTPS_PROXY": "http://u:s3cret@127.0.0.1:1"]) { $1 },
                                    withStderr: true)
            #expect(http.status != 0)
            #expect(http.output.contains("the proxy 127.0.0.1:1"), "\(args): \(http.output)")
            #expect(!(socks.output + http.output).contains("s3cret"))
        }
        #expect(try Self.run(["browse", "--help"]).output.contains("https_proxy"))
    }

    /// An error a command finds while it runs (no credentials for `timer start`, no token typed for `auth token`)
    /// is said alone, not under the usage of `wrike-tui` itself (which pointed at the wrong help).
    @Test func anErrorWhileRunningIsNotFollowedByTheWrongUsage() throws {
        let home = NSTemporaryDirectory() + "wtui-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/c", "XDG_STATE_HOME": home + "/s", "XDG_CACHE_HOME": home + "/k",
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for args in [["timer", "start", "IEAAAAAAKQAAAAAA"], ["auth", "token", "--base-url", "http://127.0.0.1:1/api/v4"]] {
            let (status, out) = spawnAndWait(Self.binary, args, environment: env, withStderr: true)
            #expect(status != 0, "\(args)")
            #expect(out.contains("Not signed in") || out.contains("No token given"), "\(args): \(out)")
            #expect(!out.contains("<browse options>") && !out.contains("Usage:"), "\(args): \(out)")
        }
    }

    /// `timer --demo` is the demo's timer, the one `wrike-tui --demo` shows (profile `demo`): started on a task of
    /// the built-in workspace, seen by `status --demo`, not by the default profile's `status`, and stopped.
    @Test func theTimerOfTheDemo() throws {
        let home = NSTemporaryDirectory() + "wtui-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_CONFIG_HOME": home + "/c", "XDG_STATE_HOME": home + "/s", "XDG_CACHE_HOME": home + "/k",
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        func run(_ args: [String]) -> (status: Int32, output: String) {
            spawnAndWait(Self.binary, ["timer"] + args, environment: env, withStderr: true)
        }
        let started = run(["start", "IEACME42KQAAAAAB", "--demo"])
        #expect(started.status == 0 && started.output.contains("Port /tasks list to v5 pagination"), "\(started)")
        let demo = run(["status", "--demo", "--json"])
        #expect(demo.output.contains("\"running\":true") && demo.output.contains("IEACME42KQAAAAAB"), "\(demo)")
        #expect(FileManager.default.fileExists(atPath: home + "/s/wrike-tui/timer-demo.json"))
        let mine = run(["status", "--json"])
        #expect(mine.status == 0 && mine.output.contains("\"running\":false"), "\(mine)")
        let stopped = run(["stop", "--demo", "--discard"])
        #expect(stopped.status == 0 && stopped.output.contains("Discarded"), "\(stopped)")
        #expect(run(["status", "--demo"]).output.contains("No timer running"))
        let both = run(["status", "--demo", "--profile", "work"])
        #expect(both.status == 64 && both.output.contains("either --demo or --profile"), "\(both)")
    }

    /// The lines of a help section, up to the blank line that ends it.
    static func section(_ title: String, of help: String) -> [String] {
        guard let start = help.range(of: "\n" + title + "\n") else { return [] }
        return Array(help[start.upperBound...].components(separatedBy: "\n").prefix { !$0.isEmpty })
    }
}

/// The package claims only what it builds on: Linux (no Apple platform in the manifest, which stops with a
/// message elsewhere), and the README says so.
@Suite struct PlatformClaimTests {
    @Test func manifestAndReadmeSayLinuxOnly() throws {
        let root = BrowserEndToEndTests.root
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let code = manifest.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
        for apple in [".macOS(", ".iOS(", ".tvOS(", ".watchOS(", ".visionOS(", ".macCatalyst("] {
            #expect(!code.contains { $0.contains(apple) }, "Package.swift claims \(apple)")
        }
        #expect(code.contains { $0.contains("#if !os(Linux)") } && code.contains { $0.contains("#error(") })
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("Linux only"))
    }
}
