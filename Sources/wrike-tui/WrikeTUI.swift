import ArgumentParser
import Foundation
import TerminalUI
import WrikeAPI

/// The command line. Each subcommand lives in its own file:
/// - `BrowseCommand.swift`: the terminal UI (default), with its options in `BrowseOptions.swift`.
/// - `SandboxCommand.swift`: `sandbox serve`, `sandbox generate`.
/// - `AuthCommand.swift`: `auth login|token|status|logout`.
/// - `Script/`: `tasks`, `task`, `comment`, `status`, `log`, `open` for scripts (docs/cli.md).
/// - `TimerCommand.swift`, `TimerStop.swift`: `timer start|stop|status`.
/// Every command names itself (`commandName:`): ArgumentParser builds the whole command tree at each start
/// and would otherwise derive each name with `String(describing:)`, whose dynamic casts scan every protocol
/// conformance of the process (Foundation's included) once per type: the biggest item of the parse in a
/// `perf` profile of the start.
@main
struct WrikeTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrike-tui",
        abstract: "A keyboard-driven terminal client for Wrike.",
        usage: "wrike-tui [<browse options>]\nwrike-tui <subcommand> [<options>]",
        discussion: "With no subcommand, wrike-tui browses Wrike in the terminal (the same as `wrike-tui browse`). "
            + "Inside, press ? for the keys. Without an account: `wrike-tui --demo`; to sign in: "
            + "`wrike-tui auth login` or `wrike-tui auth token`." + (helpAsked ? helpTail : ""),
        version: WrikeTUIVersion.string,
        subcommands: [BrowseCommand.self, SandboxCommand.self, AuthCommand.self, TasksCommand.self, TaskCommand.self,
                      CommentCommand.self, StatusCommand.self, LogCommand.self, OpenCommand.self, TimerCommand.self],
        defaultSubcommand: BrowseCommand.self
    )

    /// The browse options and settings at the end of `--help`. ArgumentParser builds the configuration on
    /// every start; rendering BrowseCommand's help for it costs ~3 ms of CPU (release, `perf stat`), so it
    /// is only made when help is asked for.
    static var helpAsked: Bool {
        CommandLine.arguments.dropFirst().contains { ["-h", "--help", "help", "--experimental-dump-help"].contains($0) }
    }

    static var helpTail: String {
        "\n\nBROWSE OPTIONS:\n" + browseOptions
            + "\n\nSETTINGS ($XDG_CONFIG_HOME/wrike-tui/config.toml; docs/terminal.md, docs/views.md, docs/cli.md, docs/auth.md): "
            + Config.settingNames.joined(separator: ", ") + "."
    }

    /// The options of `wrike-tui browse --help`, as it lists them at 80 columns (without `--help`): the
    /// top-level help shows the default subcommand's options from their one definition (`BrowseOptions`).
    /// Declaring them on this command instead would make it take `--data`, `--profile` and `--base-url`
    /// away from `sandbox serve` and `auth`.
    static var browseOptions: String {
        let help = BrowseCommand.helpMessage(columns: 80)
        guard let start = help.range(of: "OPTIONS:\n") else { return "" }
        return help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .filter { !$0.hasPrefix("  -h, --help") }
            .joined(separator: "\n")
    }

    /// ArgumentParser's parse and run, after a first parse of a scripting command's arguments: its usage errors
    /// exit with 2 (docs/cli.md), not 64. A `ValidationError` a command throws while it runs (not signed in, no
    /// token typed) is said alone: ArgumentParser's `main` would add the usage of `wrike-tui` itself under it,
    /// whatever the command.
    static func main() async {
        let words = Array(CommandLine.arguments.dropFirst())
        if let first = words.first(where: { !$0.hasPrefix("-") }), ScriptExit.commands.contains(first) {
            do {
                _ = try parseAsRoot(words)
            } catch where exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ScriptExit.usage.rawValue)
            } catch {
                // --help, --version and the like: shown by the run below.
            }
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(words)
        } catch {
            exit(withError: error)
        }
        do {
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data(("Error: " + error.message + "\n").utf8))
            Foundation.exit(exitCode(for: error).rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
