import ArgumentParser
import Browser
import BrowserRuntime
import Foundation
import Logging
import Platform
import TerminalUI
import WrikeAPI
import WrikeSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse Wrike in the terminal (the default).",
        discussion: "With no option, uses the account signed in with `wrike-tui auth login` or `wrike-tui auth token` "
            + "(profile \"default\", or --profile NAME), or WRIKE_TOKEN (+ WRIKE_HOST). --demo runs on the built-in "
            + "demo workspace; --base-url runs against any Wrike-compatible API with the token in WRIKE_TOKEN "
            + "(never on the command line). Inside, press ? for the keys.")

    @OptionGroup var cli: BrowseOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = XDGPaths(environment: environment)
        let (config, configMessages) = Config.load(paths: paths)
        // Made before the client: the token provider reports a refused refresh through it.
        guard let inbox = Inbox<Browser.Event>() else {
            throw ValidationError("cannot create the event pipe")
        }
        let logger = Logger.wrikeTUI(paths: paths)
        logger.info("wrike-tui \(WrikeTUIVersion.string) starts")
        // One client per account: reads and writes share its rate limiter, retry budget and cache.
        var clientConfig = WrikeClientConfiguration()
        clientConfig.rateLimit.ceilingPerMinute = Double(max(10, min(400, config.rateLimit)))
        let client: WrikeClient
        var signIn = SignInKind.oauth
        // The warm-start file's identity (API host + profile name; never the token). None for --demo and --base-url.
        var warmIdentity: (host: String, profile: String)?
        func hostKey(_ url: URL) -> String { (url.host ?? "unknown") + (url.port.map { ":\($0)" } ?? "") }
        if cli.demo {
            let dataset: Dataset
            if let data = cli.data {
                do {
                    dataset = try Dataset.load(contentsOf: URL(fileURLWithPath: data))
                } catch {
                    throw ValidationError("cannot read the dataset \(data): \(error)")
                }
            } else {
                dataset = DemoDataset.make()
            }
            let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: 400))
            client = WrikeClient(transport: sandbox, tokens: StaticTokenProvider("demo"), configuration: clientConfig)
        } else if let baseURL = cli.baseURL, let url = URL(string: baseURL) {
            guard let token = environment["WRIKE_TOKEN"], !token.isEmpty else {
                throw ValidationError("set WRIKE_TOKEN to a Wrike access token (it is never taken from the command line)")
            }
            do {
                // A 401 on a fixed token: the status line says "Signed out…" from then on.
                let tokens = StaticTokenProvider(token, onRejected: { inbox.post(.signInRequired) })
                client = try WrikeClient(baseURL: url, tokens: tokens, configuration: clientConfig)
                signIn = .environmentToken
                // No warm start here: a development or test server (`sandbox serve`) is restarted with other
                // data on the same address, and tests must stay deterministic.
            } catch {
                throw ValidationError("--base-url: \(error)")
            }
        } else {
            // The signed-in profile (`wrike-tui auth login` or `auth token`), or WRIKE_TOKEN (+ WRIKE_HOST).
            // An OAuth profile refreshes its access token before it expires and after a 401.
            let resolved: ResolvedCredentials
            do {
                resolved = try Credentials.resolve(profile: cli.profile ?? Credentials.defaultProfile, environment: environment,
                                                   configClient: AuthSupport.configClient(environment: environment),
                                                   onEvent: { event in
                                                       switch event {
                                                       case .signInRequired:
                                                           // The status line says "Signed out…" from now on.
                                                           logger.warning("Wrike refused the sign-in (token refresh or a fixed token): sign in again")
                                                           inbox.post(.signInRequired)
                                                       case .saveFailed(let message):
                                                           logger.warning("refreshed credentials not saved: \(message)")
                                                       case .refreshed:
                                                           break
                                                       }
                                                   })
            } catch {
                throw ValidationError("\(error.description) "
                                      + "Or use --demo (the built-in workspace), or --base-url URL with WRIKE_TOKEN set; see --help.")
            }
            switch (resolved.kind, resolved.source) {
            case (.oauth, _): signIn = .oauth
            case (.permanent, .environment): signIn = .environmentToken
            case (.permanent, _): signIn = .permanentToken
            }
            do {
                client = try WrikeClient(baseURL: resolved.baseURL, tokens: resolved.tokens, configuration: clientConfig)
                if case .environment = resolved.source {
                    warmIdentity = (hostKey(resolved.baseURL), "WRIKE_TOKEN")
                } else {
                    warmIdentity = (hostKey(resolved.baseURL), cli.profile ?? Credentials.defaultProfile)
                }
            } catch {
                throw ValidationError("cannot use the stored API address: \(error)")
            }
        }

        let configured = ListColumn.parse(config.columns)
        let columns = configured.isEmpty ? ListColumn.defaults : configured
        // Lists carry authors only when asked for (the `author` column).
        // Workflows and spaces kept on disk so that the next start's first frame needs 2 requests, not 4.
        let warmStart = warmIdentity.map { id in
            WarmStartCache(paths: paths, host: id.host, profile: id.profile, log: { logger.info("\($0)") })
        }
        let service = ClientService(client: client, extraListFields: columns.contains(.author) ? ["authorIds"] : [],
                                    warmStart: warmStart)
        let (theme, themeMessages) = Theme.load(named: cli.theme ?? config.theme, paths: paths)
        let (keymap, keyMessages) = Keymap.from(config: config)
        let problems = configMessages.map(\.description) + themeMessages.map(\.description) + keyMessages
        for p in problems { logger.warning("\(p)") }

        var options = NcursesScreen.Options()
        options.theme = theme
        options.colors = config.colors
        options.ascii = cli.ascii || config.ascii
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(options: options)
        } catch {
            FileHandle.standardError.write(Data("wrike-tui: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let loop = EventLoop<BrowserApp>(screen: screen, inbox: inbox, tickInterval: .milliseconds(500))
        let drafts = DraftStore(paths: paths)
        // One `write-outcome` line per write in the log (ids only: no text, no token).
        let runner = EffectRunner(service: service, drafts: drafts, journal: { logger.info("\($0.logLine)") }) { inbox.post($0) }
        var state = AppState(now: Date(), environment: .live(), keymap: keymap)
        state.actions.profile = cli.profile ?? "default"
        state.actions.signIn = signIn
        state.listColumns = columns
        // At least 10 s apart (0 = off): each revalidation costs up to three requests.
        state.revalidation.interval = config.refreshInterval > 0 ? max(10, config.refreshInterval) : 0

        if !problems.isEmpty {
            state.status.lastError = problems.count == 1 ? problems[0] : "\(problems[0]) (+\(problems.count - 1) more in the log)"
        }
        var app = BrowserApp(state: state, runner: runner)
        app.startupDrafts = drafts.list(profile: cli.profile ?? "default")
        loop.run(&app)
        screen.shutdown()
        let notes = problems + app.exitNotes
        if !notes.isEmpty {
            // After a hangup the terminal is gone: the write fails (EIO), which must not crash the exit.
            try? FileHandle.standardError.write(contentsOf: Data(notes.map { "wrike-tui: \($0)\n" }.joined().utf8))
        }
        switch loop.exitReason {
        case .quit: return
        case .signal(let n): throw ExitCode(128 + n)
        case .terminalClosed: throw ExitCode(129)
        }
    }
}
