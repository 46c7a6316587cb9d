import ArgumentParser
import Foundation
import Platform
import TerminalUI
import WrikeAPI
#if canImport(Glibc)
import Glibc
#endif

/// `wrike-tui auth login|token|status|logout`. See docs/auth.md.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Sign in to Wrike, show or remove stored credentials.",
        subcommands: [Login.self, Token.self, Status.self, Logout.self]
    )

    struct ProfileOptions: ParsableArguments {
        @Option(help: "Credentials profile (several accounts or data centers).")
        var profile: String = Credentials.defaultProfile

        func validate() throws {
            guard !profile.isEmpty, profile.count <= 64,
                  profile.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                throw ValidationError("--profile: use letters, digits, '-', '_' or '.'")
            }
        }
    }

    // MARK: - login

    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login",
            abstract: "Sign in with OAuth 2.0 (works on a headless server: ssh -L, or paste the redirected URL).")

        @OptionGroup var options: ProfileOptions

        @Option(help: "Port of the one-shot listener on 127.0.0.1 that receives the browser's redirect.")
        var port: UInt16 = 8765

        @Option(name: .customLong("login-url"), help: "OAuth server (https; plain http only on loopback, e.g. the sandbox).")
        var loginURL: String = OAuthClient.defaultLoginURL

        @Option(name: .customLong("redirect-uri"), help: "Redirect URI registered in the Wrike app (default http://localhost:PORT/callback).")
        var redirectURI: String?

        @Flag(name: .customLong("no-listener"), help: "Do not listen on 127.0.0.1: only paste the redirected URL.")
        var noListener = false

        @Option(help: "OAuth scope to request (comma separated).")
        var scope: String = OAuthClient.defaultScope

        func run() async throws {
            let env = ProcessInfo.processInfo.environment
            let profile = options.profile
            do {
                guard let client = AuthSupport.clientCredentials(environment: env) else { throw AuthError.missingClientCredentials }
                let oauth = try OAuthClient(client: client, loginURL: loginURL)
                var listener: LoopbackListener?
                if !noListener {
                    do {
                        listener = try await LoopbackListener.oauth(port: port)
                    } catch {
                        AuthSupport.err("\(error)\nContinuing without the listener: paste the redirected URL instead.")
                    }
                }
                let redirect = redirectURI ?? OAuthLogin.loopbackRedirectURI(port: listener?.port ?? port)
                let login = OAuthLogin(oauth: oauth, redirectURI: redirect, scope: scope)
                var text = "Open this address in a browser (on your own computer is fine) and allow access:\n\n  "
                    + login.authorizeURL.absoluteString + "\n\n"
                if let listener {
                    text += "Then either:\n"
                        + "  - let the browser come back to \(redirect); on a remote server forward the port first,\n"
                        + "    from your computer: ssh -L \(listener.port):127.0.0.1:\(listener.port) USER@SERVER\n"
                        + "  - or paste here the address the browser ended on (or just the code) and press Enter.\n"
                } else {
                    text += "Then paste here the address the browser ended on (or just the code) and press Enter.\n"
                }
                AuthSupport.out(text)
                let pasted = AuthSupport.stdinLines()
                let credentials = try await login.complete(listener: listener, pasted: pasted, onInvalidPaste: { AuthSupport.err($0) })
                let store = CredentialStore(environment: env)
                try store.save(credentials, profile: profile)
                guard let baseURL = URL(string: credentials.baseURL) else { throw AuthError.invalidURL(credentials.baseURL) }
                let provider = RefreshingTokenProvider(profile: profile, credentials: credentials, oauth: oauth, store: store)
                let identity = try await AccountCheck.whoAmI(baseURL: baseURL, tokens: provider)
                AuthSupport.out("Signed in as \(AuthSupport.who(identity)) on \(credentials.host) (profile \(profile)).\n"
                                + "Credentials saved in \(store.path).")
            } catch {
                throw AuthSupport.fail(error)
            }
        }
    }

    // MARK: - token

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Store a permanent access token (read from a hidden prompt, or from stdin when piped; never from argv).")

        @OptionGroup var options: ProfileOptions

        @Option(help: "Data-center host (www.wrike.com, app-eu.wrike.com, app-us2.wrike.com); default: try each.")
        var host: String?

        @Option(name: .customLong("base-url"), help: "API root to use instead (e.g. the sandbox: http://127.0.0.1:8080/api/v4).")
        var baseURL: String?

        func run() async throws {
            let env = ProcessInfo.processInfo.environment
            do {
                let candidates: [URL]
                if let baseURL {
                    candidates = [try Credentials.apiRoot(fromHostSetting: baseURL.contains("://") ? baseURL : "https://" + baseURL,
                                                          what: "--base-url").baseURL]
                } else if let host {
                    candidates = [try Credentials.apiRoot(fromHostSetting: host, what: "--host").baseURL]
                } else {
                    candidates = try AuthHosts.knownHosts.map { h throws(AuthError) in
                        try Credentials.apiRoot(fromHostSetting: h, what: "host").baseURL
                    }
                }
                guard let token = AuthSupport.readSecret(prompt: "Wrike permanent access token (input hidden): "), !token.isEmpty else {
                    throw ValidationError("No token given (type it at the prompt, or pipe it on stdin).")
                }
                guard token.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
                    throw ValidationError("That does not look like a Wrike token (spaces or non-ASCII characters).")
                }
                if candidates.count > 1 { AuthSupport.err("Finding your data center (\(AuthHosts.knownHosts.joined(separator: ", ")))...") }
                let (apiRoot, identity) = try await AccountCheck.discoverHost(token: token, candidates: candidates)
                let authority = apiRoot.port.map { "\(apiRoot.host ?? ""):\($0)" } ?? (apiRoot.host ?? "")
                let store = CredentialStore(environment: env)
                try store.save(StoredCredentials(kind: .permanent, accessToken: token, host: authority,
                                                 baseURL: apiRoot.absoluteString), profile: options.profile)
                AuthSupport.out("Signed in as \(AuthSupport.who(identity)) on \(authority) (profile \(options.profile)).\n"
                                + "Credentials saved in \(store.path).")
            } catch {
                throw AuthSupport.fail(error)
            }
        }
    }

    // MARK: - status

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Who is signed in, on which host, and whether the credentials work (exit code 0 only then).")

        @OptionGroup var options: ProfileOptions

        @Option(name: .customLong("base-url"), help: "Check against this API root instead of the stored one.")
        var baseURL: String?

        func run() async throws {
            let env = ProcessInfo.processInfo.environment
            let store = CredentialStore(environment: env)
            let resolved: ResolvedCredentials
            do {
                resolved = try Credentials.resolve(profile: options.profile, environment: env, store: store,
                                                   configClient: AuthSupport.configClient(environment: env))
            } catch {
                throw AuthSupport.fail(error)
            }
            var root = resolved.baseURL
            if let baseURL {
                do { root = try Credentials.apiRoot(fromHostSetting: baseURL, what: "--base-url").baseURL } catch { throw AuthSupport.fail(error) }
            }
            var report = AuthStatusReport(profile: options.profile, source: resolved.source, kind: resolved.kind,
                                          host: root == resolved.baseURL ? resolved.host : (root.host ?? ""),
                                          baseURL: root.absoluteString, expiresAt: resolved.expiresAt, scope: resolved.scope,
                                          credentialsPath: store.path)
            do {
                report.identity = try await AccountCheck.whoAmI(baseURL: root, tokens: resolved.tokens)
            } catch {
                report.problem = AuthStatusReport.problem(for: error, kind: resolved.kind, source: resolved.source,
                                                          profile: options.profile)
            }
            if let provider = resolved.tokens as? RefreshingTokenProvider {
                report.expiresAt = await provider.expiresAt
            }
            AuthSupport.out(report.formatted())
            if !report.ok { throw ExitCode.failure }
        }
    }

    // MARK: - logout

    struct Logout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "logout", abstract: "Remove the profile's stored credentials.")

        @OptionGroup var options: ProfileOptions

        func run() async throws {
            let env = ProcessInfo.processInfo.environment
            let store = CredentialStore(environment: env)
            do {
                if try store.remove(profile: options.profile) {
                    AuthSupport.out("Removed the credentials of profile \(options.profile) from \(store.path).")
                } else {
                    AuthSupport.out("No credentials stored for profile \(options.profile).")
                }
                if let t = env["WRIKE_TOKEN"], !t.isEmpty {
                    AuthSupport.err("Note: WRIKE_TOKEN is set in the environment and still overrides the file.")
                }
            } catch {
                throw AuthSupport.fail(error)
            }
        }
    }
}

/// Terminal helpers for the auth commands.
enum AuthSupport {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Prints the error (never a token: our errors carry none) and returns the exit code to throw.
    static func fail(_ error: any Error) -> any Error {
        if error is ValidationError || error is ExitCode || error is CleanExit { return error }
        if let e = error as? TokenProviderError, e == .signInRequired {
            err("wrike-tui: the credentials no longer work; sign in again with `wrike-tui auth login`.")
        } else if error is CancellationError {
            err("wrike-tui: cancelled.")
        } else {
            err("wrike-tui: \(error)")
        }
        return ExitCode.failure
    }

    static func who(_ identity: AccountIdentity) -> String {
        var s = identity.email.map { "\(identity.name) <\($0)>" } ?? identity.name
        if let account = identity.accountName { s += ", account \(account)" }
        return s
    }

    /// `[auth] client_id / client_secret` from config.toml (the environment wins, see OAuthClientCredentials).
    static func configClient(environment: [String: String]) -> OAuthClientCredentials? {
        let path = XDGPaths(environment: environment).configFile
        guard let file = try? SafeFile.read(path, limit: SafeFile.textLimit),
              let doc = try? TOML.parse(file.text), let auth = doc["auth"]?.table else { return nil }
        let id = auth["client_id"]?.string ?? ""
        let secret = auth["client_secret"]?.string ?? ""
        if !secret.isEmpty, file.mode & 0o077 != 0 {
            err("Warning: \(path) holds client_secret and is readable by others; chmod 600 it.")
        }
        return OAuthClientCredentials(clientId: id, clientSecret: secret)
    }

    static func clientCredentials(environment: [String: String]) -> OAuthClientCredentials? {
        let config = configClient(environment: environment)
        return OAuthClientCredentials.from(environment: environment, configClientId: config?.clientId,
                                           configClientSecret: config?.clientSecret)
    }

    /// Lines typed or pasted on stdin, read on a background thread so the listener keeps running.
    static func stdinLines() -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                while let line = readLine(strippingNewline: true) { continuation.yield(line) }
                continuation.finish()
            }
            thread.name = "wrike-tui.stdin"
            thread.start()
        }
    }

    /// A secret from a no-echo prompt on a terminal, or all of stdin when it is not a terminal.
    static func readSecret(prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let haveTermios = tcgetattr(STDIN_FILENO, &saved) == 0
        if haveTermios {
            SecretPrompt.saved = saved
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
            // Ctrl-C while echo is off: restore the terminal, then die of the signal.
            signal(SIGINT, SecretPrompt.restoreAndDie)
            signal(SIGTERM, SecretPrompt.restoreAndDie)
        }
        let line = readLine(strippingNewline: true)
        if haveTermios {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        return line?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

enum SecretPrompt {
    nonisolated(unsafe) static var saved = termios()
    static let restoreAndDie: @convention(c) (Int32) -> Void = { sig in
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &SecretPrompt.saved)
        signal(sig, SIG_DFL)
        raise(sig)
    }
}
