// Finding things (issue 15): go-to's latency per typed character over a big tree (local ranking only:
// no tick, so no server search), the server searches sent while typing at a realistic speed (the
// debounce on the app's real clock and ticks), and the requests per task when the detail follows the
// list cursor (walking with j).
import Browser
import BrowserRuntime
import Foundation
import TerminalUI
import WrikeAPI
import WrikeSandbox

extension Harness {
    /// One tick of the loop, as `EventLoop.run` does when its interval (or a debounce's) is up.
    func tick() { loop.step(&app, timedOut: true) }

    /// Ticks every `everyMs` and handles what arrives, for `ms` milliseconds of wall-clock time.
    func run(ms: Int, everyMs: Int = 50) {
        let end = ContinuousClock.now + .milliseconds(ms)
        while ContinuousClock.now < end {
            tick()
            pump(timeoutMs: everyMs)
        }
    }
}

extension Measure {
    /// A tree of `folders` folders and projects across the generated spaces (every tree read).
    static func bigTree(folders: Int) -> Dataset {
        DatasetGenerator.generate(tasks: folders * 2, folders: folders, seed: 11)
    }

    struct GoToFigures { var keystrokes: [Double]; var places: Int; var searches: Int; var query: String }

    /// Opens go-to (`:`) on `dataset` once every space's tree is read, then types queries a character
    /// at a time and back (Backspace), timing each key to its frame. Then, on a fresh app, types a
    /// 10-character query with realistic gaps (80-300 ms) on the real clock and counts `GET /tasks?title=`.
    static func goTo(_ dataset: Dataset, rounds: Int = 6) throws -> GoToFigures {
        let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        var times: [Double] = []
        var places = 0
        do {
            let h = try Harness(service: makeService(transport: sandbox))
            defer { h.close() }
            h.start()
            guard h.pump(until: { !$0.tree.spaces.isEmpty }) else { throw BenchError.timeout("spaces") }
            h.press(.char(":"))
            guard h.pump(until: { s in s.tree.spaces.allSatisfy { s.tree.spaceLoad[$0.id] == .loaded } })
            else { throw BenchError.timeout("trees") }
            h.settle(quietMs: 50)
            guard case .goTo(let m)? = h.state.modal else { throw BenchError.setup("the go-to palette did not open") }
            places = m.places.count
            let queries = ["release notes", "eng platform", "zzqx", "sprint"]
            for r in 0..<rounds {
                let q = queries[r % queries.count]
                for ch in q { times.append(h.press(.char(ch))) }
                for _ in q { times.append(h.press(.backspace)) }
            }
        }
        // Typing at a realistic speed: the search waits for a pause.
        let h = try Harness(service: makeService(transport: sandbox))
        defer { h.close() }
        h.start()
        guard h.pump(until: { !$0.tree.spaces.isEmpty }) else { throw BenchError.timeout("spaces") }
        h.press(.char(":"))
        h.settle(quietMs: 50)
        guard case .goTo? = h.state.modal else { throw BenchError.setup("the go-to palette did not open") }
        let before = sandbox.requestLog.count
        let query = "deploy the"
        let gaps = [140, 180, 120, 220, 160, 300, 130, 150, 80, 170]
        for (ch, gap) in zip(query, gaps) {
            h.press(.char(ch))
            h.run(ms: gap)
        }
        h.run(ms: 1000)
        let searches = sandbox.requestLog.dropFirst(before).filter { $0.path == "/tasks" }.count
        return GoToFigures(keystrokes: times, places: places, searches: searches, query: query)
    }

    /// `revisit`: reads on the way back that name a walked task (its detail, comments, time, ...); `otherPaths`:
    /// the other reads meanwhile (periodic polls, the list's follow-up reads), as path templates.
    struct Follow { var perTask: Double; var revisit: Int; var walked: Int; var revisitPaths: [String] = []; var otherPaths: [String] = [] }

    /// Walks `tasks` tasks with j in a folder's list, the detail following the cursor (each waits for
    /// the detail of the task under the cursor), then walks back: requests per task, and on the way back.
    static func followCursor(_ fd: FolderDataset, tasks: Int = 50) throws -> Follow {
        let sandbox = Sandbox(dataset: fd.dataset, options: SandboxOptions(rateLimitPerMinute: 400))
        let client = WrikeClient(transport: sandbox, tokens: StaticTokenProvider("bench"), configuration: WrikeClientConfiguration())
        let h = try Harness(service: ClientService(client: client))
        defer { h.close() }
        h.start()
        guard h.pump(until: { s in s.tree.rows.contains { $0.id == fd.folderId } }) else { throw BenchError.timeout("tree") }
        _ = h.openFolder(fd.folderId)
        guard h.pump(until: { $0.list.status == .loaded && $0.session.directoryStatus == .loaded }) else { throw BenchError.timeout("list") }
        // The list's own follow-up reads (the dependencies for the blocked markers, one batch at a time at the
        // rate limiter's pace) finish first: the walks count what following the cursor costs.
        guard Measure.waitUntilIdle(h, client) else { throw BenchError.timeout("reads after the list") }
        var walkedIds: Set<String> = []
        func walk(_ key: Key, _ n: Int) throws -> Int {
            let start = sandbox.requestLog.count
            for _ in 0..<n {
                if let id = h.state.list.selectedTaskId { walkedIds.insert(id) }
                h.press(key)
                let deadline = ContinuousClock.now + .seconds(120)
                while !(h.state.detail.taskId == h.state.list.selectedTaskId && !h.state.detail.isLoading) {
                    guard ContinuousClock.now < deadline else { throw BenchError.timeout("detail following the cursor") }
                    h.run(ms: 50)
                }
            }
            h.settle(quietMs: 50)
            return sandbox.requestLog.count - start
        }
        let forward = try walk(.char("j"), tasks)
        let backStart = sandbox.requestLog.count
        _ = try walk(.char("k"), tasks - 1)
        let reads = sandbox.requestLog.dropFirst(backStart)
        let names: (LoggedRequest) -> Bool = { r in
            r.path.split(separator: "/").contains { part in part.split(separator: ",").contains { walkedIds.contains(String($0)) } }
        }
        let revisits = reads.filter(names)
        return Follow(perTask: Double(forward) / Double(tasks), revisit: revisits.count, walked: tasks,
                      revisitPaths: revisits.map { "\($0.method.rawValue) \($0.path)" },
                      otherPaths: reads.filter { !names($0) }.map { "\($0.method.rawValue) \(Measure.pathTemplate($0.path))" })
    }
}

/// A figure as `record` takes it.
struct Figure { var key: String?; var label: String; var value: Double; var shown: String; var target = ""; var met: Bool? }

/// The figures of finding things (docs/benchmarks.md, "Finding things").
func findFigures(_ fd: FolderDataset) throws -> [Figure] {
    let g = try Measure.goTo(Measure.bigTree(folders: 5000))
    let p50 = percentile(g.keystrokes, 0.5), p99 = percentile(g.keystrokes, 0.99)
    let f = try Measure.followCursor(fd)
    return [
        Figure(key: nil, label: "go-to keystroke p50, \(g.places) places (local ranking, \(g.keystrokes.count) keys)", value: p50,
               shown: "\(fmt(p50, 2)) ms"),
        Figure(key: "goto_keystroke_p99_ms", label: "go-to keystroke p99", value: p99, shown: "\(fmt(p99, 2)) ms",
               target: "≤ 20 ms", met: p99 <= 20),
        Figure(key: "goto_search_requests", label: "title searches typing \"\(g.query)\" (80-300 ms between keys)",
               value: Double(g.searches), shown: "\(g.searches)", target: "≤ 2", met: g.searches <= 2),
        Figure(key: "follow_cursor_requests_per_task", label: "requests per task, walking \(f.walked) with j (detail follows)",
               value: f.perTask, shown: fmt(f.perTask, 2), target: "≤ 2", met: f.perTask <= 2),
        Figure(key: "follow_cursor_requests_revisit", label: "requests naming a walked task, walking back with k", value: Double(f.revisit),
               shown: "\(f.revisit)", target: "0", met: f.revisit == 0),
        Figure(key: nil, label: "  re-read walking back: " + (f.revisitPaths.isEmpty ? "nothing" : f.revisitPaths.joined(separator: ", ")),
               value: 0, shown: ""),
        Figure(key: nil, label: "  other reads meanwhile (polls, the list's follow-ups): "
                   + (f.otherPaths.isEmpty ? "none" : f.otherPaths.joined(separator: ", ")), value: 0, shown: ""),
    ]
}
