import ArgumentParser
import Browser
import Foundation
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
        discussion: """
            Run on the built-in demo workspace with --demo, or against a Wrike-compatible API with
            --base-url and the token in the WRIKE_TOKEN environment variable (never on the command line).
            Press ? inside for the keys.
            """)

    @Flag(help: "Run on the built-in demo workspace (an in-process Wrike sandbox); no account needed.")
    var demo = false

    @Option(help: "With --demo: a dataset JSON file instead of the built-in workspace.")
    var data: String?

    @Option(name: .customLong("base-url"),
            help: "API root of a Wrike-compatible server, e.g. http://127.0.0.1:8080/api/v4 from `wrike-tui sandbox serve`. The token comes from WRIKE_TOKEN.")
    var baseURL: String?

    @Option(help: "Theme name (default, light, high-contrast, monochrome, or a user theme); overrides the config file.")
    var theme: String?

    @Flag(help: "ASCII borders and symbols.")
    var ascii = false

    @Option(help: "Profile name (reserved for several accounts; not used yet).")
    var profile: String?

    func validate() throws {
        if data != nil && !demo { throw ValidationError("--data needs --demo") }
        if demo && baseURL != nil { throw ValidationError("use either --demo or --base-url, not both") }
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--base-url must be an http(s) URL such as http://127.0.0.1:8080/api/v4")
            }
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let service: any WrikeService
        if demo {
            let dataset: Dataset
            if let data {
                do {
                    dataset = try Dataset.load(contentsOf: URL(fileURLWithPath: data))
                } catch {
                    throw ValidationError("cannot read the dataset \(data): \(error)")
                }
            } else {
                dataset = DemoDataset.make()
            }
            let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: 400))
            service = TransportService(transport: sandbox, token: "demo")
        } else if let baseURL, let url = URL(string: baseURL) {
            guard let token = environment["WRIKE_TOKEN"], !token.isEmpty else {
                throw ValidationError("set WRIKE_TOKEN to a Wrike access token (it is never taken from the command line)")
            }
            service = TransportService(transport: HTTPTransport(baseURL: url), token: token)
        } else {
            throw ValidationError("choose --demo (the built-in workspace) or --base-url URL with WRIKE_TOKEN set; see --help")
        }

        let (config, configMessages) = Config.load(environment: environment)
        let (theme, themeMessages) = Theme.load(named: theme ?? config.theme, environment: environment)
        let (keymap, keyMessages) = Keymap.from(config: config)
        let logger = Logger.open(environment: environment)
        let problems = configMessages.map(\.description) + themeMessages.map(\.description) + keyMessages
        for p in problems { logger.warning(p) }

        var options = NcursesScreen.Options()
        options.theme = theme
        options.colors = config.colors
        options.ascii = ascii || config.ascii
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(options: options)
        } catch {
            FileHandle.standardError.write(Data("wrike-tui: \(error)\n".utf8))
            throw ExitCode(1)
        }
        guard let inbox = Inbox<Browser.Event>() else {
            screen.shutdown()
            FileHandle.standardError.write(Data("wrike-tui: cannot create the event pipe\n".utf8))
            throw ExitCode(1)
        }
        let loop = EventLoop<BrowserApp>(screen: screen, inbox: inbox, tickInterval: .milliseconds(500))
        let runner = EffectRunner(service: service) { inbox.post($0) }
        var state = AppState(now: Date(), keymap: keymap)
        if !problems.isEmpty {
            state.status.lastError = problems.count == 1 ? problems[0] : "\(problems[0]) (+\(problems.count - 1) more in the log)"
        }
        var app = BrowserApp(state: state, runner: runner)
        loop.run(&app)
        screen.shutdown()
        if !problems.isEmpty {
            FileHandle.standardError.write(Data(problems.map { "wrike-tui: \($0)\n" }.joined().utf8))
        }
        switch loop.exitReason {
        case .quit: return
        case .signal(let n): throw ExitCode(128 + n)
        case .terminalClosed: throw ExitCode(129)
        }
    }
}

/// Minimal HTTP transport over URLSession for `--base-url` until the shared client's
/// `URLSessionTransport` is on main (then this goes away).
struct HTTPTransport: Transport {
    let baseURL: URL
    let session: URLSession

    init(baseURL: URL) {
        self.baseURL = baseURL
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 30
        session = URLSession(configuration: config)
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var components = URLComponents(url: baseURL.appendingPathComponent(String(request.path.dropFirst())),
                                       resolvingAgainstBaseURL: false)
        if !request.query.isEmpty { components?.queryItems = request.query.map { URLQueryItem(name: $0.name, value: $0.value) } }
        guard let url = components?.url else { throw TransportError.notSent("bad URL") }
        var r = URLRequest(url: url)
        r.httpMethod = request.method.rawValue
        for (k, v) in request.headers { r.setValue(v, forHTTPHeaderField: k) }
        r.httpBody = request.body
        do {
            let (data, response) = try await session.data(for: r)
            guard let http = response as? HTTPURLResponse else { throw TransportError.outcomeUnknown("not HTTP") }
            var headers: [String: String] = [:]
            for (k, v) in http.allHeaderFields { headers[String(describing: k)] = String(describing: v) }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let e as TransportError {
            throw e
        } catch let e as URLError where [.cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet].contains(e.code) {
            throw TransportError.notSent(e.localizedDescription)
        } catch {
            throw TransportError.outcomeUnknown("\(error)")
        }
    }
}
