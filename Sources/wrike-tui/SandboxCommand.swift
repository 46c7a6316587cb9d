import ArgumentParser
import Foundation
import Platform
import WrikeAPI
import WrikeSandbox
#if canImport(Glibc)
import Glibc
#endif

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run or generate data for the built-in Wrike API v4 emulator.",
        subcommands: [Serve.self, Generate.self]
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the sandbox on 127.0.0.1; prints its API base URL as the first line.")

        @Option(help: "TCP port (0 = any free port).")
        var port: UInt16 = 0

        @Flag(name: .customLong("test-control"),
              help: "Test only: serve /__sandbox/snapshot, /__sandbox/log and /__sandbox/faults (see docs/sandbox.md).")
        var testControl = false

        @Option(help: "Dataset JSON file (default: the built-in demo workspace).")
        var data: String?

        @Option(help: "Accept only this bearer token (a sandbox test token; also WRIKE_SANDBOX_TOKEN). Default: any.")
        var token: String?

        @Option(name: .customLong("rate-limit"), help: "Requests per minute before 429 (0 = off).")
        var rateLimit: Int = 400

        @Option(name: .customLong("fail-rate"), help: "Probability (0...1) of answering 503.")
        var failRate: Double = 0

        @Option(name: .customLong("drop-rate"), help: "Probability (0...1) of dropping the connection without an answer (writes: half applied first).")
        var dropRate: Double = 0

        @Option(name: .customLong("dump-on-exit"), help: "On SIGINT/SIGTERM, write the current data (dataset JSON) to this file and request counts to stderr.")
        var dumpOnExit: String?

        @Option(name: .customLong("latency-ms"), help: "Added latency per request in ms: N or A-B.")
        var latencyMs: String?

        @Option(help: "Seed for failures and latency.")
        var seed: UInt64 = 1

        @Option(name: .customLong("oauth-client-id"), help: "Emulate Wrike's OAuth server (/oauth2/*) for this client id; API tokens then expire.")
        var oauthClientId: String?

        @Option(name: .customLong("oauth-client-secret"), help: "The OAuth client secret (also WRIKE_SANDBOX_CLIENT_SECRET).")
        var oauthClientSecret: String?

        @Option(name: .customLong("token-lifetime"), help: "Seconds an OAuth access token lives (with --oauth-client-id).")
        var tokenLifetime: Int = 3600

        func validate() throws {
            guard (0...1).contains(failRate) else { throw ValidationError("--fail-rate must be between 0 and 1") }
            guard (0...1).contains(dropRate) else { throw ValidationError("--drop-rate must be between 0 and 1") }
            guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 or more") }
            if let latencyMs, Self.parseLatency(latencyMs) == nil {
                throw ValidationError("--latency-ms must be N or A-B (milliseconds, A <= B)")
            }
        }

        static func parseLatency(_ text: String) -> ClosedRange<Duration>? {
            let parts = text.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let a = parts.first ?? nil, a >= 0 else { return nil }
            let b = parts.count == 2 ? (parts[1] ?? -1) : a
            guard b >= a else { return nil }
            return .milliseconds(a) ... .milliseconds(b)
        }

        func run() async throws {
            let dataset: Dataset
            if let data {
                do {
                    dataset = try Dataset.load(contentsOf: URL(fileURLWithPath: data))
                } catch {
                    throw ValidationError("\(error)")
                }
            } else {
                dataset = DemoDataset.make()
            }
            let envToken = ProcessInfo.processInfo.environment["WRIKE_SANDBOX_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            let options = SandboxOptions(token: token ?? envToken, rateLimitPerMinute: rateLimit == 0 ? nil : rateLimit,
                                         failureProbability: failRate, dropProbability: dropRate, latency: latencyMs.flatMap(Self.parseLatency), seed: seed)
            var oauth: OAuthEmulator?
            if let oauthClientId {
                let secret = oauthClientSecret ?? ProcessInfo.processInfo.environment["WRIKE_SANDBOX_CLIENT_SECRET"] ?? ""
                guard !secret.isEmpty, tokenLifetime > 0 else {
                    throw ValidationError("--oauth-client-id needs --oauth-client-secret and a positive --token-lifetime")
                }
                oauth = OAuthEmulator(clientId: oauthClientId, clientSecret: secret, tokenLifetime: tokenLifetime,
                                      permanentTokens: Set([token ?? envToken].compactMap { $0 }))
            }
            var sandboxOptions = options
            sandboxOptions.authorizer = oauth?.authorizer
            let sandbox = Sandbox(dataset: dataset, options: sandboxOptions)
            let control = testControl
            let emulator = oauth
            let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { @Sendable request in
                if control, let r = SandboxControl.handle(request, sandbox: sandbox) { return r }
                return emulator?.handle(request)
            })
            let url = try await server.start(port: port)
            FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))
            FileHandle.standardError.write(Data("sandbox: \(dataset.tasks.count) tasks, \(dataset.folders.count) folders; Ctrl-C to stop\n".utf8))
            await Self.waitForTermination()
            await server.stop()
            if let dumpOnExit {
                FileHandle.standardError.write(Data((Self.summary(sandbox.requestLog) + "\n").utf8))
                do {
                    try AtomicFile.write(try sandbox.snapshot().encoded(pretty: false), to: dumpOnExit, access: .everyone)
                } catch {
                    FileHandle.standardError.write(Data("sandbox: cannot write \(dumpOnExit): \(error)\n".utf8))
                    throw ExitCode(1)
                }
            }
        }

        /// One line of request counts: `sandbox-stats: requests=N ok=N 429=N 503=N dropped=N writes-applied=N`.
        static func summary(_ log: [LoggedRequest]) -> String {
            let ok = log.filter { ($0.status ?? 0) >= 200 && ($0.status ?? 0) < 300 }.count
            let limited = log.filter { $0.status == 429 }.count
            let failed = log.filter { $0.status == 503 }.count
            let dropped = log.filter { $0.status == nil }.count
            let writes = log.filter { $0.method != .get && $0.applied }.count
            return "sandbox-stats: requests=\(log.count) ok=\(ok) 429=\(limited) 503=\(failed) dropped=\(dropped) writes-applied=\(writes)"
        }

        /// Suspends until SIGINT or SIGTERM.
        static func waitForTermination() async {
            signal(SIGINT, SIG_IGN)
            signal(SIGTERM, SIG_IGN)
            let queue = DispatchQueue(label: "sandbox.signals")
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let once = Once(continuation)
                let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
                for source in sources {
                    source.setEventHandler { once.fire() }
                    source.resume()
                }
                once.keep(sources)
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a generated dataset (JSON) to stdout.")

        @Option(help: "Number of tasks.")
        var tasks: Int?

        @Option(help: "Number of folders and projects (default: about one per 60 tasks).")
        var folders: Int?

        @Option(help: "Seed: the same seed gives the same dataset.")
        var seed: UInt64 = 1

        @Flag(help: "Pretty-print the JSON.")
        var pretty = false

        @Flag(help: "Write the hostile dataset instead (escape sequences, controls, bidi, huge and malformed text).")
        var hostile = false

        func validate() throws {
            if hostile {
                guard tasks == nil, folders == nil else { throw ValidationError("--hostile takes no --tasks or --folders") }
                return
            }
            guard let tasks else { throw ValidationError("Missing expected argument '--tasks <tasks>'") }
            guard tasks >= 0 else { throw ValidationError("--tasks must be 0 or more") }
            if let folders, folders < 1 { throw ValidationError("--folders must be 1 or more") }
        }

        func run() throws {
            let dataset = hostile ? HostileDataset.make()
                : DatasetGenerator.generate(tasks: tasks ?? 0, folders: folders, seed: seed)
            FileHandle.standardOutput.write(try dataset.encoded(pretty: pretty))
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}

/// Resumes a continuation once; keeps the signal sources alive.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []
    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
    func keep(_ sources: [any DispatchSourceSignal]) { lock.withLock { self.sources = sources } }
    func fire() {
        let c: CheckedContinuation<Void, Never>? = lock.withLock {
            let c = continuation
            continuation = nil
            return c
        }
        c?.resume()
    }
}
