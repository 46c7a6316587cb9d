import ArgumentParser
import Browser
import BrowserRuntime
import Foundation
import Logging
import Platform
import TerminalUI
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
        @Flag(help: "The demo's timer (the one `wrike-tui --demo` shows), on the built-in demo workspace (writes are forgotten at exit).")
        var demo = false

        @Option(help: ArgumentHelp("Credentials profile (default: default); each profile has its own timer.", valueName: "name"))
        var profile: String?

        @Option(name: .customLong("base-url"),
                help: ArgumentHelp("API root of a Wrike-compatible server (e.g. `sandbox serve`); the token comes from WRIKE_TOKEN.",
                                   valueName: "url"))
        var baseURL: String?

        var profileName: String { TimerCommand.profileName(demo: demo, profile: profile) }

        func validate() throws {
            try TimerCommand.validate(demo: demo, profile: profile)
            try Connection.validate(demo: demo, data: nil, baseURL: baseURL)
        }

        /// The timer file of the profile; `host` only names a new timer's API host.
        func store(host: String = "-") -> TimerStore { Self.store(profile: profileName, host: host) }

        static func store(profile: String, host: String = "-") -> TimerStore {
            TimerStore(paths: XDGPaths(environment: ProcessInfo.processInfo.environment), profile: profile, host: host)
        }

        /// The signed-in client, made as the app and the scripting commands make it (`ClientSetup`):
        /// --demo, --base-url with WRIKE_TOKEN, or the profile's credentials (incl. `token_command`).
        func client() throws -> (WrikeClient, host: String) {
            let env = ProcessInfo.processInfo.environment
            let paths = XDGPaths(environment: env)
            let (config, _) = Config.load(paths: paths)
            do {
                let setup = try ClientSetup.make(Connection(demo: demo, baseURL: baseURL, profile: profile), config: config,
                                                 environment: env, logger: Logger.wrikeTUI(paths: paths),
                                                 onSignInRequired: {})
                return (setup.client, setup.timerHost)
            } catch {
                switch error {
                case .usage(let m), .notSignedIn(let m): throw ValidationError(m)
                }
            }
        }
    }

    /// The demo keeps its own timer, as the app does with `--demo` (profile `demo`).
    static func profileName(demo: Bool, profile: String?) -> String {
        demo ? "demo" : profile ?? Credentials.defaultProfile
    }

    static func validate(demo: Bool, profile: String?) throws {
        if demo && profile != nil { throw ValidationError("use either --demo or --profile, not both") }
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
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the timer on a task (its title is read from Wrike).")

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
            commandName: "status",
            abstract: "The running timer: task and elapsed time (no network). Exit code 0 either way.")

        @Flag(help: "JSON with stable keys: running, taskId, title, startedAt, elapsedSeconds (and stopped: time waiting to be logged).")
        var json = false

        @Flag(help: "The demo's timer (the one `wrike-tui --demo` shows).")
        var demo = false

        @Option(help: ArgumentHelp("Credentials profile (default: default); each profile has its own timer.", valueName: "name"))
        var profile: String?

        func validate() throws { try TimerCommand.validate(demo: demo, profile: profile) }

        func run() throws {
            let outcome = Options.store(profile: TimerCommand.profileName(demo: demo, profile: profile)).apply(.read)
            try TimerCommand.report(outcome)
            let status = TimerStatus(record: outcome.record, now: Date())
            AuthSupport.out(json ? status.json : status.text)
        }
    }
}
