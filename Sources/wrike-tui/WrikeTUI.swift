import ArgumentParser
import Foundation

/// The command line. Each subcommand lives in its own file:
/// - `BrowseCommand.swift`: the terminal UI (default; `--demo`, `--base-url`).
/// - `SandboxCommand.swift`: `sandbox serve`, `sandbox generate`.
/// - `AuthCommand.swift`: `auth login|token|status|logout`.
@main
struct WrikeTUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrike-tui",
        abstract: "A keyboard-driven terminal client for Wrike.",
        subcommands: [BrowseCommand.self, SandboxCommand.self, AuthCommand.self],
        defaultSubcommand: BrowseCommand.self
    )
}
