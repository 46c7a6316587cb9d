import ArgumentParser
import Browser
import BrowserRuntime
import Foundation
import Platform
import WrikeAPI

/// `wrike-tui timer start ID | stop | status`: the app's timer file from the shell (docs/time.md).
struct TimerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: "A timer on a task that survives closed sessions and reboots (the same one the app shows).",
        discussion: "The timer is a start time in $XDG_STATE_HOME/wrike-tui/timer-<profile>.json, shared with the app "
            + "(key `timer`). `status` reads only that file (no network): fit for shell prompts and tmux status bars.",
        subcommands: [Start.self, Stop.self, Status.self]
    )

    struct Options: ParsableArguments {
        @Option(help: ArgumentHelp("Credentials profile (default: default); each profile has its own timer.", valueName: "name"))
        var profile: String?

        @Option(name: .customLong("base-url"),
                help: ArgumentHelp("API root of a Wrike-compatible server (e.g. `sandbox serve`); the token comes from WRIKE_TOKEN.",
                                   valueName: "url"))
        var baseURL: String?

        var profileName: String { profile ?? Credentials.defaultProfile }

        /// The timer file of the profile; `host` only names a new timer's API host.
        func store(host: String = "-") -> TimerStore { Self.store(profile: profileName, host: host) }

        static func store(profile: String, host: String = "-") -> TimerStore {
            TimerStore(paths: XDGPaths(environment: ProcessInfo.processInfo.environment), profile: profile, host: host)
        }

        /// The signed-in client, as the app makes it: --base-url with WRIKE_TOKEN, or the profile's credentials.
        func client() throws -> (WrikeClient, host: String) {
            let env = ProcessInfo.processInfo.environment
            func hostKey(_ url: URL) -> String { (url.host ?? "unknown") + (url.port.map { ":\($0)" } ?? "") }
            if let baseURL {
                guard let url = URL(string: baseURL), url.scheme == "http" || url.scheme == "https" else {
                    throw ValidationError("--base-url must be an http(s) URL such as http://127.0.0.1:8080/api/v4")
                }
                guard let token = env["WRIKE_TOKEN"], !token.isEmpty else {
                    throw ValidationError("set WRIKE_TOKEN to a Wrike access token (it is never taken from the command line)")
                }
                return (try WrikeClient(baseURL: url, tokens: StaticTokenProvider(token)), hostKey(url))
            }
            do {
                let r = try Credentials.resolve(profile: profileName, environment: env,
                                                configClient: AuthSupport.configClient(environment: env))
                return (try WrikeClient(baseURL: r.baseURL, tokens: r.tokens), hostKey(r.baseURL))
            } catch let error as AuthError {
                throw ValidationError(error.description)
            }
        }
    }

    static func fail(_ message: String) -> ExitCode {
        AuthSupport.err("wrike-tui: " + message)
        return ExitCode.failure
    }

    /// Says a problem of the file (a damaged one was set aside) or a change that no longer fit.
    static func report(_ outcome: TimerOutcome) throws {
        if let p = outcome.problem {
            AuthSupport.err("wrike-tui: " + p.message)
            if case .io = p { throw ExitCode.failure }
        }
        if let c = outcome.conflict { throw fail(c.message) }
    }

    // MARK: - start

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the timer on a task (its title is read from Wrike).")

        @Argument(help: "The task's API id (as in the app's detail pane or `wrike-tui tasks`).")
        var id: String

        @OptionGroup var options: Options

        func run() async throws {
            let (client, host) = try options.client()
            let task: WrikeTask
            do {
                task = try await client.task(id)
            } catch {
                throw TimerCommand.fail("cannot read task \(id): \(WriteFailure.from(error).message)")
            }
            let entry = TimerEntry(taskId: task.id, taskTitle: task.title, startedAt: Date())
            let outcome = options.store(host: host).apply(.start(entry, replacing: nil))
            try TimerCommand.report(outcome)
            AuthSupport.out("Timer started on “\(TimerStatus.clean(task.title))” (\(task.id)).")
        }
    }

    // MARK: - status

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The running timer: task and elapsed time (no network). Exit code 0 either way.")

        @Flag(help: "JSON with stable keys: running, taskId, title, startedAt, elapsedSeconds (and stopped: time waiting to be logged).")
        var json = false

        @Option(help: ArgumentHelp("Credentials profile (default: default); each profile has its own timer.", valueName: "name"))
        var profile: String?

        func run() throws {
            let outcome = Options.store(profile: profile ?? Credentials.defaultProfile).apply(.read)
            try TimerCommand.report(outcome)
            let status = TimerStatus(record: outcome.record, now: Date())
            AuthSupport.out(json ? status.json : status.text)
        }
    }
}
