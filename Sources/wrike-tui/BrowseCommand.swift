import ArgumentParser
import Foundation

struct BrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "browse", abstract: "Browse Wrike in the terminal (the default).")

    @Flag(help: "Run on the built-in demo workspace (an in-process Wrike sandbox); no account needed.")
    var demo = false

    func run() async throws {
        print("wrike-tui: the terminal UI is under construction")
    }
}
