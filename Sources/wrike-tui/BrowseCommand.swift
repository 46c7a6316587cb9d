import ArgumentParser
import Browser
import BrowserRuntime
import Foundation
import Logging
import Platform
import TerminalUI
import WrikeAPI
import WrikeSandbox

struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse Wrike in the terminal (the default).",
        discussion: "With no option, uses the account signed in with `wrike-tui auth login` or `wrike-tui auth token` "
            + "(profile \"default\", or --profile NAME), or WRIKE_TOKEN (+ WRIKE_HOST). --demo runs on the built-in "
            + "demo workspace; --base-url runs against any Wrike-compatible API with the token in WRIKE_TOKEN "
            + "(never on the command line). Requests to Wrike go through the HTTP proxy of https_proxy (or HTTPS_PROXY, "
            + "all_proxy), except hosts listed in no_proxy (docs/api-client.md). Inside, press ? for the keys.")

    @OptionGroup var cli: BrowseOptions

    func run() throws {
        ProcessMemory.tune()
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
        let setup: ClientSetup
        do {
            setup = try ClientSetup.make(cli.connection, config: config, environment: environment, logger: logger,
                                         onSignInRequired: { inbox.post(.signInRequired) })
        } catch {
            switch error {
            case .usage(let m): throw ValidationError(m)
            case .notSignedIn(let m):
                throw ValidationError(m + " Or use --demo (the built-in workspace), or --base-url URL with WRIKE_TOKEN set; see --help.")
            }
        }
        let client = setup.client, signIn = setup.signIn, warmIdentity = setup.warmIdentity

        let configured = ListColumn.parse(config.columns)
        let columns = configured.isEmpty ? ListColumn.defaults : configured
        // Lists carry authors only when asked for (the `author` column).
        // Workflows and spaces kept on disk so that the next start's first frame needs 2 requests, not 4.
        var warmStart = warmIdentity.map { id in
            WarmStartCache(paths: paths, host: id.host, profile: id.profile, log: { logger.info("\($0)") })
        }
        if config.snapshotMaxAge > 0 { warmStart?.maxAge = config.snapshotMaxAge }
        // A view's own columns may show authors too.
        let authors = columns.contains(.author) || config.views.contains { $0.columns?.contains(.author) == true }
        let service = ClientService(client: client, extraListFields: authors ? ["authorIds"] : [],
                                    warmStart: warmStart)
        let (theme, themeMessages) = Theme.load(named: cli.theme ?? config.theme, paths: paths)
        let (keymap, keyMessages) = Keymap.from(config: config)
        let problems = configMessages.map(\.description) + themeMessages.map(\.description) + keyMessages
        for p in problems { logger.warning("\(p)") }

        var options = NcursesScreen.Options()
        options.theme = theme
        options.colors = config.colors
        options.synchronizedOutput = config.synchronizedOutput
        options.ascii = cli.ascii || config.ascii
        options.mouse = config.mouse
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
        // Local state is the profile's (the demo has its own, so its tasks never mix with an account's).
        let profileName = cli.demo ? "demo" : cli.profile ?? Credentials.defaultProfile
        // The timer file: one per profile.
        let timer = TimerStore(paths: paths, profile: profileName, host: setup.timerHost, log: { logger.info("\($0)") })
        // The last list, its sort and filter, and the open folder: one file per profile and API host.
        let viewState = ViewStateStore(paths: paths, profile: setup.timerHost + "-" + profileName, log: { logger.info("\($0)") })
        // The inbox's unread marks: one file per API host and profile. The file of one per profile (older
        // versions) holds the marks of the profile's own sign-in or the demo: taken over there, not by --base-url.
        let inboxFile = InboxStore(paths: paths, profile: profileName, host: setup.timerHost,
                                   adoptsUnkeyedFile: cli.demo || warmIdentity != nil, log: { logger.info("\($0)") })
        let runner = EffectRunner(service: service, drafts: drafts, timer: timer, inbox: inboxFile, viewState: viewState,
                                  journal: { logger.info("\($0.logLine)") }) { inbox.post($0) }
        var state = AppState(now: Date(), environment: .live(), keymap: keymap)
        // Drafts are the profile's: the demo has its own, so its words are never offered to an account's
        // session (nor an account's to the demo, which knows none of its tasks).
        state.actions.profile = profileName
        state.actions.signIn = signIn
        state.list.columns = columns
        state.setViews(config.views, startup: config.startupView, remember: config.rememberView)
        if config.rememberView { state.features.views.remembered = viewState.load() }
        // At least 10 s apart (0 = off): each revalidation costs up to three requests.
        state.session.revalidation.interval = config.refreshInterval > 0 ? max(10, config.refreshInterval) : 0
        // At least 15 s apart (0 = only on opening the inbox or `r` there): each poll costs three requests or more.
        state.features.inbox.interval = config.inboxInterval > 0 ? max(15, config.inboxInterval) : 0
        state.features.followCursor.enabled = config.followCursor

        if !problems.isEmpty {
            state.status.lastError = problems.count == 1 ? problems[0] : "\(problems[0]) (+\(problems.count - 1) more in the log)"
        }
        // The instant start: the last screen, drawn before any request (not for --demo or --base-url).
        let keeper = warmStart.flatMap { w in
            InstantStart.prepare(&state, warmStart: w, maxAge: config.snapshotMaxAge, log: { logger.info("\($0)") })
        }
        var app = BrowserApp(state: state, runner: runner)
        app.screenKeeper = keeper
        app.startupDrafts = drafts.list(profile: profileName)
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
