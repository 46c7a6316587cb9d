// The memory figures: child processes (the bench re-executing itself) that load data and report their peak RSS.
import Browser
import BrowserRuntime
import Foundation
import TerminalUI
import WrikeAPI
import WrikeSandbox

extension Measure {
    // MARK: 7. Memory (child processes)

    /// Child: the demo dataset in process, a folder and a task opened; prints the peak RSS.
    static func rssDemoChild() throws -> String {
        let sandbox = Sandbox(dataset: DemoDataset.make(), options: SandboxOptions(rateLimitPerMinute: 400))
        let h = try Harness(service: makeService(transport: sandbox), environment: .live())
        h.start()
        guard h.pump(until: { s in s.tree.rows.contains { $0.kind == .folder || $0.kind == .project } }) else {
            throw BenchError.timeout("demo tree")
        }
        if let row = h.state.tree.rows.first(where: { $0.kind == .folder || $0.kind == .project }) { _ = h.openFolder(row.id) }
        _ = h.pump(until: { $0.list.status == .loaded })
        h.press(.enter)
        _ = h.pump(until: { $0.detail.taskId != nil && !$0.detail.isLoading })
        h.settle(quietMs: 50)
        let tasks = h.state.list.tasks.count
        if ProcessInfo.processInfo.environment["WRIKE_TUI_BENCH_RSS_DETAIL"] != nil {
            FileHandle.standardError.write(Data("demo: \(memoryStatus()) \(mallocStatus()); \(smapsStatus())\n".utf8))
        }
        h.close()
        return rssLine(tasks: tasks)
    }

    /// Child: the app side only, talking HTTP to the parent's sandbox; every page of the folder loaded.
    static func rssListChild(baseURL: URL, folderId: String) async throws -> String {
        let transport = try SocketTransport(baseURL: baseURL)
        // As makeService, keeping the client to read its cache statistics.
        let client = WrikeClient(transport: transport, tokens: StaticTokenProvider("bench"),
                                 configuration: WrikeClientConfiguration())
        let h = try loadBigList(folderId: folderId, service: ClientService(client: client), environment: .live())
        // Loaded means also what the list asks for after its pages (the dependencies for the "blocked"
        // marker, the titles of predecessors outside the folder): those reads go at the rate limiter's pace
        // (400 a minute), slower than `settle`'s quiet time, so without waiting the end state (and the
        // peak, when the list ends before them) would depend on how far they got.
        guard waitUntilIdle(h, client) else { throw BenchError.timeout("reads after the list") }
        let tasks = h.state.list.tasks.count
        if ProcessInfo.processInfo.environment["WRIKE_TUI_BENCH_RSS_DETAIL"] != nil {
            // Where the memory is (stderr): resident now vs peak, the malloc heap in use, the list's store,
            // the client's response cache.
            let cache = await client.cache.stats
            FileHandle.standardError.write(Data("""
                loaded: \(memoryStatus()) \(mallocStatus()); the list's store \(h.state.list.storeBytes >> 10) KB \
                (\(h.state.list.storeBytes / max(1, tasks)) bytes per task); the catalog: \(h.state.catalog.dependencies.count) \
                dependencies (\(h.state.catalog.dependencies.bytes >> 10) KB), \(h.state.catalog.knownTasks.resolvedCount) tasks \
                resolved by id (\(h.state.catalog.knownTasks.resolvedBytes >> 10) KB); response cache \(cache.entries) entries, \
                \(cache.bytes >> 10) KB of response bodies; \(smapsStatus())

                """.utf8))
        }
        h.close()
        return rssLine(tasks: tasks)
    }

    /// Processes events until the client has no request on the wire or queued and no dependency read is
    /// waiting in the app, for 200 ms (at most `timeoutMs`).
    static func waitUntilIdle(_ h: Harness, _ client: WrikeClient, timeoutMs: Int = 180_000) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        while ContinuousClock.now < deadline {
            h.settle(quietMs: 200, maxMs: 5_000)
            let c = client.state, catalog = h.state.catalog
            if c.inFlight == 0 && c.queued == 0 && catalog.dependencyLoadsInFlight == 0 && catalog.dependencyQueue.isEmpty {
                return true
            }
        }
        return false
    }

    /// What a memory child prints: its peak RSS, then how its resident memory splits at the end.
    static func rssLine(tasks: Int) -> String {
        let split = residentSplit()
        return "rss_mb \(peakRSSMegabytes()) anon_mb \(split.anon) file_mb \(split.file) tasks \(tasks)"
    }

    /// Runs this binary with `arguments` and returns the peak RSS it reports, and its end-state split.
    static func runChild(_ arguments: [String]) throws -> (mb: Double, anon: Double, file: Double, tasks: Int) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard p.terminationStatus == 0, let i = words.firstIndex(of: "rss_mb"), i + 1 < words.count,
              let mb = Double(words[i + 1]) else {
            throw BenchError.setup("child \(arguments) failed (\(p.terminationStatus)): \(text)")
        }
        func value(_ name: Substring) -> Double? {
            words.firstIndex(of: name).flatMap { $0 + 1 < words.count ? Double(words[$0 + 1]) : nil }
        }
        return (mb, value("anon_mb") ?? 0, value("file_mb") ?? 0, Int(value("tasks") ?? 0))
    }
}
