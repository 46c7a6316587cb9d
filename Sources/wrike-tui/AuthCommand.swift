import ArgumentParser
import Foundation

struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth", abstract: "Sign in to Wrike, show or remove stored credentials.")
    func run() async throws { print("auth: under construction") }
}
