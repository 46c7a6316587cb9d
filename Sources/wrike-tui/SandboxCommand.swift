import ArgumentParser
import Foundation

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Run or generate data for the built-in Wrike API v4 emulator.")
    func run() async throws { print("sandbox: under construction") }
}
