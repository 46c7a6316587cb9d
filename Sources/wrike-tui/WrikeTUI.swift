import ArgumentParser
import Foundation
import WrikeAPI

/// The command line. Each subcommand lives in its own file:
/// - `BrowseCommand.swift`: the terminal UI (default), with its options in `BrowseOptions.swift`.
/// - `SandboxCommand.swift`: `sandbox serve`, `sandbox generate`.
/// - `AuthCommand.swift`: `auth login|token|status|logout`.
/// - `TimerCommand.swift`, `TimerStop.swift`: `timer start|stop|status`.
@main
struct WrikeTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrike-tui",
        abstract: "A keyboard-driven terminal client for Wrike.",
        usage: "wrike-tui [<browse options>]\nwrike-tui <subcommand> [<options>]",
        discussion: "With no subcommand, wrike-tui browses Wrike in the terminal (the same as `wrike-tui browse`). "
            + "Inside, press ? for the keys. Without an account: `wrike-tui --demo`; to sign in: "
            + "`wrike-tui auth login` or `wrike-tui auth token`.\n\nBROWSE OPTIONS:\n" + browseOptions,
        version: WrikeTUIVersion.string,
        subcommands: [BrowseCommand.self, SandboxCommand.self, AuthCommand.self, TimerCommand.self],
        defaultSubcommand: BrowseCommand.self
    )

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
}
