// What the scripting commands (`tasks`, `task`, `comment`, `status`, `log`, `open`) share: the options,
// the session (the app's client through `ClientSetup`), the exit codes and the output formats. docs/cli.md.
import ArgumentParser
import Browser
import Foundation
import Logging
import Platform
import TerminalUI
import WrikeAPI
#if canImport(Glibc)
import Glibc
#endif

/// The exit codes of the scripting commands (docs/cli.md).
enum ScriptExit: Int32 {
    case ok = 0
    /// Wrike answered with a refusal (not found, no access, invalid value, plan limits).
    case refused = 1
    /// A wrong option or argument.
    case usage = 2
    /// No credentials, or Wrike no longer accepts them.
    case notSignedIn = 3
    /// Wrike could not be reached, or gave no answer.
    case network = 4

    /// The names of the commands that use these codes (ArgumentParser's usage errors become 2 for them).
    static let commands: Set<String> = ["tasks", "task", "comment", "status", "log", "open"]
}

/// A failure with its exit code and one plain sentence for stderr.
struct ScriptFailure: Error {
    var exit: ScriptExit
    var message: String

    static func usage(_ m: String) -> ScriptFailure { ScriptFailure(exit: .usage, message: m) }

    static func from(_ error: any Error) -> ScriptFailure {
        if let f = error as? ScriptFailure { return f }
        if let s = error as? ClientSetup.Failure {
            switch s {
            case .usage(let m): return .usage(m)
            case .notSignedIn(let m): return ScriptFailure(exit: .notSignedIn, message: m)
            }
        }
        if let t = error as? TokenProviderError, t == .signInRequired {
            return ScriptFailure(exit: .notSignedIn, message: "Wrike did not accept the sign-in; sign in again (wrike-tui auth login).")
        }
        if let a = error as? APIError {
            switch a.kind {
            case .notAuthorized: return ScriptFailure(exit: .notSignedIn, message: a.plainMessage)
            case .offline, .outcomeUnknown: return ScriptFailure(exit: .network, message: a.plainMessage)
            case .notAllowed, .accessForbidden, .notFound, .methodNotFound, .invalidRequest, .invalidParameter,
                 .parameterRequired, .wrongHost, .rateLimited, .serverError, .malformedResponse, .unexpectedStatus:
                return ScriptFailure(exit: .refused, message: a.plainMessage)
            }
        }
        if let t = error as? TransportError {
            switch t {
            case .notSent(let m), .refused(let m):
                let why = TransportError.proxyProblem(m).map { ": \($0)." } ?? "; check the network connection."
                return ScriptFailure(exit: .network, message: "Cannot reach Wrike" + why)
            case .outcomeUnknown: return ScriptFailure(exit: .network, message: "No answer from Wrike.")
            case .cancelled: return ScriptFailure(exit: .network, message: "Cancelled.")
            }
        }
        return ScriptFailure(exit: .refused, message: "\(error)")
    }
}

/// Output format: a table on a terminal, `--plain` (tab-separated, no header, no colour) or `--json`.
enum OutputFormat { case table, plain, json }

/// The options of every scripting command: where to connect (as `browse`), and the output format.
struct ScriptOptions: ParsableArguments {
    @Flag(help: "Use the built-in demo workspace (an in-process sandbox; writes are forgotten at exit).")
    var demo = false

    @Option(help: ArgumentHelp("With --demo: a dataset JSON file instead of the built-in workspace.", valueName: "file"))
    var data: String?

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("API root of a Wrike-compatible server; the token comes from WRIKE_TOKEN.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Credentials profile (default: default).", valueName: "name"))
    var profile: String?

    @Flag(help: "JSON output with the keys documented in docs/cli.md.")
    var json = false

    @Flag(help: "Tab-separated output without a header or colour (the default when stdout is not a terminal).")
    var plain = false

    func validate() throws {
        try Connection.validate(demo: demo, data: data, baseURL: baseURL)
        if json && plain { throw ValidationError("use either --json or --plain, not both") }
    }

    var format: OutputFormat {
        if json { return .json }
        if plain || isatty(STDOUT_FILENO) != 1 { return .plain }
        return .table
    }
}

/// One scripting command's session: the app's client and settings, and where its output goes.
struct ScriptSession {
    let client: WrikeClient
    let format: OutputFormat
    let color: Bool
    let logger: Logger
    let environment: [String: String]

    /// Runs `body` with a session; any failure is printed in plain words and becomes its exit code.
    static func run(_ options: ScriptOptions, _ body: (ScriptSession) async throws -> Void) async throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = XDGPaths(environment: environment)
        let (config, _) = Config.load(paths: paths)
        let logger = Logger.wrikeTUI(paths: paths)
        do {
            let setup = try ClientSetup.make(Connection(demo: options.demo, data: options.data, baseURL: options.baseURL,
                                                        profile: options.profile),
                                             config: config, environment: environment, logger: logger,
                                             onSignInRequired: {})
            let term = environment["TERM"] ?? ""
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            let color = options.format == .table && !noColor && term != "dumb"
            try await body(ScriptSession(client: setup.client, format: options.format, color: color, logger: logger,
                                         environment: environment))
        } catch {
            let failure = ScriptFailure.from(error)
            logger.info("script command failed (exit \(failure.exit.rawValue)): \(failure.message)")
            ScriptOutput.err("wrike-tui: " + failure.message)
            throw ExitCode(failure.exit.rawValue)
        }
    }
}

enum ScriptOutput {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") || text.isEmpty ? text : text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Stable JSON: sorted keys, pretty, slashes unescaped.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
