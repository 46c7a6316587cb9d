import ArgumentParser
import Browser
import Foundation
import Logging
import Platform
import TerminalUI
import WrikeAPI
import WrikeSandbox

/// Where the client talks to: `--demo [--data F]`, `--base-url URL` (token in WRIKE_TOKEN), or a profile.
struct Connection: Sendable {
    var demo = false
    var data: String?
    var baseURL: String?
    var profile: String?

    /// The option checks shared by `browse` and the scripting commands.
    static func validate(demo: Bool, data: String?, baseURL: String?) throws {
        if data != nil && !demo { throw ValidationError("--data needs --demo") }
        if demo && baseURL != nil { throw ValidationError("use either --demo or --base-url, not both") }
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--base-url must be an http(s) URL such as http://127.0.0.1:8080/api/v4")
            }
        }
    }
}

/// The one client of the app and of the scripting commands: the same rate limiter, retry budget, cache and
/// sign-in (profile, OAuth refresh, token_command, WRIKE_TOKEN).
struct ClientSetup {
    enum Failure: Error {
        /// A bad option or file: a usage problem.
        case usage(String)
        /// No credentials, or they cannot be used: sign in first.
        case notSignedIn(String)
    }

    let client: WrikeClient
    let signIn: SignInKind
    /// The warm-start file's identity (API host + profile name; never the token). None for --demo and --base-url.
    let warmIdentity: (host: String, profile: String)?
    /// The API host the timer file is kept for (`demo` for --demo).
    let timerHost: String

    /// `onSignInRequired`: a refused refresh or a 401 on a fixed token.
    static func make(_ connection: Connection, config: Config, environment: [String: String], logger: Logger,
                     onSignInRequired: @escaping @Sendable () -> Void) throws(Failure) -> ClientSetup {
        // Proxies by curl's environment variables, for every request of the client and of its sign-in.
        let proxies = ProxySettings.fromEnvironment(environment)
        var clientConfig = WrikeClientConfiguration()
        clientConfig.rateLimit.ceilingPerMinute = Double(max(10, min(400, config.rateLimit)))
        func hostKey(_ url: URL) -> String { (url.host ?? "unknown") + (url.port.map { ":\($0)" } ?? "") }
        if connection.demo {
            let dataset: Dataset
            if let data = connection.data {
                do {
                    dataset = try Dataset.load(contentsOf: URL(fileURLWithPath: data))
                } catch {
                    throw .usage("cannot read the dataset \(data): \(error)")
                }
            } else {
                dataset = DemoDataset.make()
            }
            let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: 400))
            let client = WrikeClient(transport: sandbox, tokens: StaticTokenProvider("demo"), configuration: clientConfig)
            return ClientSetup(client: client, signIn: .oauth, warmIdentity: nil, timerHost: "demo")
        }
        if let baseURL = connection.baseURL, let url = URL(string: baseURL) {
            guard let token = environment["WRIKE_TOKEN"], !token.isEmpty else {
                throw .notSignedIn("set WRIKE_TOKEN to a Wrike access token (it is never taken from the command line)")
            }
            do {
                let tokens = StaticTokenProvider(token, onRejected: onSignInRequired)
                let client = try WrikeClient(baseURL: url, tokens: tokens, configuration: clientConfig, proxies: proxies)
                // No warm start here: a development or test server (`sandbox serve`) is restarted with other
                // data on the same address, and tests must stay deterministic.
                return ClientSetup(client: client, signIn: .environmentToken, warmIdentity: nil, timerHost: hostKey(url))
            } catch {
                throw .usage("--base-url: \(error)")
            }
        }
        // The signed-in profile (`wrike-tui auth login` or `auth token`), or WRIKE_TOKEN (+ WRIKE_HOST).
        // An OAuth profile refreshes its access token before it expires and after a 401.
        let profile = connection.profile ?? Credentials.defaultProfile
        let resolved: ResolvedCredentials
        do {
            resolved = try Credentials.resolve(profile: profile, environment: environment,
                                               configClient: AuthSupport.configClient(environment: environment),
                                               transports: HTTPTransports(proxies: proxies),
                                               onEvent: { event in
                                                   switch event {
                                                   case .signInRequired:
                                                       logger.warning("Wrike refused the sign-in (token refresh or a fixed token): sign in again")
                                                       onSignInRequired()
                                                   case .saveFailed(let message):
                                                       logger.warning("refreshed credentials not saved: \(message)")
                                                   case .refreshed:
                                                       break
                                                   }
                                               })
        } catch {
            throw .notSignedIn(error.description)
        }
        let signIn: SignInKind
        switch (resolved.kind, resolved.source) {
        case (.oauth, _): signIn = .oauth
        case (.permanent, .environment): signIn = .environmentToken
        case (.permanent, _): signIn = .permanentToken
        }
        do {
            let client = try WrikeClient(baseURL: resolved.baseURL, tokens: resolved.tokens, configuration: clientConfig,
                                         proxies: proxies)
            let identity: String
            if case .environment = resolved.source { identity = "WRIKE_TOKEN" } else { identity = profile }
            return ClientSetup(client: client, signIn: signIn, warmIdentity: (hostKey(resolved.baseURL), identity),
                               timerHost: hostKey(resolved.baseURL))
        } catch {
            throw .usage("cannot use the stored API address: \(error)")
        }
    }
}
