// The measurements. Each drives the real view models, renderer and ncurses backend (see Harness).
import Browser
import BrowserRuntime
import Foundation
import TerminalUI
import WrikeAPI
import WrikeSandbox

enum Measure {
    // MARK: 1. Decode

    struct Decode { var ms: Double; var megabytesPerSecond: Double; var bytes: Int }

    /// Decodes `tasks` (full models, as `GET /tasks/{ids}` returns them) from one JSON body, as the client does.
    static func decode(_ tasks: [WrikeTask], runs: Int = 5) throws -> Decode {
        let body = try JSONEncoder().encode(Envelope(kind: "tasks", data: tasks))
        var times: [Double] = []
        var count = 0
        for _ in 0..<runs {
            times.append(try timed {
                count = try JSONDecoder().decode(WirePage<WrikeTask>.self, from: body).data.count
            })
        }
        guard count == tasks.count else { throw BenchError.setup("decoded \(count) of \(tasks.count) tasks") }
        let t = median(times)
        return Decode(ms: t, megabytesPerSecond: Double(body.count) / 1e6 / (t / 1000), bytes: body.count)
    }

    // MARK: 2. First frame

    struct FirstFrame { var ms: [Double]; var requests: Int; var listed: Int; var requestPaths: [String] }

    /// From `.start` to the first frame that shows the tree and the first page of the folder's list
    /// (the folder is opened as soon as its tree row exists). The sandbox is already loaded.
    static func firstFrame(_ fd: FolderDataset, runs: Int) throws -> FirstFrame {
        let sandbox = Sandbox(dataset: fd.dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        var times: [Double] = []
        var requests = 0
        var listed = 0
        var paths: [String] = []
        for run in 0..<runs {
            sandbox.resetLog()
            let h = try Harness(service: makeService(transport: sandbox))
            defer { h.close() }
            let deadline = ContinuousClock.now + .seconds(30)
            let t0 = ContinuousClock.now
            h.start()
            var opened = false
            var before = 0
            while true {
                if !opened, h.state.tree.rows.contains(where: { $0.id == fd.folderId }) {
                    opened = h.openFolder(fd.folderId)
                }
                if opened, h.state.list.status == .loaded, h.state.session.bootstrap == .loaded, !h.state.list.rows.isEmpty { break }
                if ContinuousClock.now > deadline { throw BenchError.timeout("first frame") }
                // Requests logged before the step that draws the complete frame: the effects that step
                // starts (after its frame) are not counted.
                h.pump(timeoutMs: 50) { before = sandbox.requestLog.count }
            }
            let t = ms(ContinuousClock.now - t0)
            if run > 0 || runs == 1 { times.append(t) }  // the first run warms up lazily initialised code
            requests = before
            listed = h.state.list.total ?? h.state.list.tasks.count
            paths = sandbox.requestLog.prefix(before).map { $0.path }
            h.settle(quietMs: 20)
        }
        return FirstFrame(ms: times, requests: requests, listed: listed, requestPaths: paths)
    }

    // MARK: 3-5. Keys, filter, bytes on a big list

    /// Opens the folder and pages through all of it (End after each page), as a user would.
    static func loadBigList(folderId: String, transport: any Transport) throws -> Harness {
        try loadBigList(folderId: folderId, service: makeService(transport: transport))
    }

    static func loadBigList(folderId: String, service: any WrikeService, environment: CoreEnvironment? = nil) throws -> Harness {
        let h = try Harness(service: service, environment: environment)
        h.start()
        guard h.pump(until: { s in s.tree.rows.contains { $0.id == folderId } }) else { throw BenchError.timeout("tree") }
        _ = h.openFolder(folderId)
        guard h.pump(until: { $0.list.status == .loaded }) else { throw BenchError.timeout("list") }
        var lastCount = -1
        while h.state.list.nextPageToken != nil, h.state.list.tasks.count != lastCount {
            lastCount = h.state.list.tasks.count
            h.press(.end)
            guard h.pump(until: { $0.list.tasks.count > lastCount || $0.list.nextPageToken == nil }, timeoutMs: 60_000)
            else { throw BenchError.timeout("page after \(lastCount) tasks") }
        }
        h.settle(quietMs: 50, maxMs: 60_000)
        h.press(.home)
        h.settle(quietMs: 20)
        return h
    }

    struct Keys { var all: [Double]; var byKind: [(String, [Double])] }

    /// Keystroke latency: handle(key) (intent, effects started) + render + ncurses update, per key.
    static func keys(_ h: Harness, rounds: Int = 40) -> Keys {
        var byKind: [String: [Double]] = [:]
        var order: [String] = []
        func key(_ kind: String, _ k: Key) {
            let t = h.press(k)
            if byKind[kind] == nil { order.append(kind) }
            byKind[kind, default: []].append(t)
            _ = h.pty.settle(quietMilliseconds: 1, maxMilliseconds: 200)
        }
        h.app.state.focus = .list
        for r in 0..<rounds {
            for _ in 0..<10 { key("cursor (j/k)", .char("j")) }
            for _ in 0..<3 { key("cursor (j/k)", .char("k")) }
            key("page (PgDn/PgUp/^D)", .pageDown)
            key("page (PgDn/PgUp/^D)", .ctrl("d"))
            key("page (PgDn/PgUp/^D)", .pageUp)
            key("pane switch (l/h/Tab)", .char("l"))
            key("pane switch (l/h/Tab)", .char("h"))
            key("pane switch (l/h/Tab)", .tab)
            key("pane switch (l/h/Tab)", .backTab)
            key("open task (Enter)", .enter)
            // The detail arrives in the background; its frames are not keystrokes.
            h.settle(quietMs: 10)
            key("pane switch (l/h/Tab)", .char("h"))
            if r % 10 == 9 {
                key("top/bottom (G/g)", .char("G"))
                key("top/bottom (G/g)", .char("g"))
            }
        }
        let all = order.flatMap { byKind[$0] ?? [] }
        return Keys(all: all, byKind: order.map { ($0, byKind[$0] ?? []) })
    }

    /// Filter latency per typed character (handle + render + update) over the whole list.
    static func filter(_ h: Harness) -> [Double] {
        h.app.state.focus = .list
        h.press(.char("/"))
        var times: [Double] = []
        let queries = ["fix crash on launch 1", "review api client", "ship dashboard 99", "migrate", "login flow 7",
                       "document roadmap", "test search ranking 4", "plan budget sheet"]
        for q in queries {
            for c in q { times.append(h.press(.char(c))) }
            _ = h.pty.settle(quietMilliseconds: 1, maxMilliseconds: 200)
            h.press(.ctrl("u"))
        }
        h.press(.escape)
        h.settle(quietMs: 10)
        return times
    }

    struct Bytes { var step: [Double]; var minimum: [Double]; var scroll: [Double]; var page: [Double] }

    /// Terminal bytes per step in the task list at the harness's size.
    static func bytes(_ h: Harness) -> Bytes {
        // As in use: a task open in the detail pane, the cursor in the list.
        h.app.state.focus = .list
        h.press(.home)
        h.press(.enter)
        // The detail's reads (comments, dependencies, …) all answered: what arrives late is not a keystroke's.
        h.settle(quietMs: 200)
        h.press(.char("h"))
        h.settle(quietMs: 10)
        let dump = ProcessInfo.processInfo.environment["WRIKE_TUI_BENCH_DUMP"]
        func step(_ k: Key) -> (bytes: Double, minimum: Double) {
            h.settle(quietMs: 5)
            let before = h.loop.lastFrame
            // `sync` waits for every byte written so far (exact under load; a quiet period is a guess).
            let b0 = h.pty.sync() ?? h.pty.settle(quietMilliseconds: 3)
            h.pty.clearCaptured()
            h.press(k)
            let b1 = h.pty.sync() ?? h.pty.settle(quietMilliseconds: 3)
            if let dump {
                // The bytes of each step, for reading what curses sent (debugging only).
                let data = Data(h.pty.captured()) + Data("\n----\n".utf8)
                if let f = FileHandle(forWritingAtPath: dump) {
                    f.seekToEndOfFile()
                    f.write(data)
                    f.closeFile()
                } else {
                    _ = FileManager.default.createFile(atPath: dump, contents: data)
                }
            }
            return (Double(b1 - b0), Double(changedRowsText(before, h.loop.lastFrame, h.listInner)))
        }
        var out = Bytes(step: [], minimum: [], scroll: [], page: [])
        for _ in 0..<20 {
            let s = step(.char("j"))
            out.step.append(s.bytes)
            out.minimum.append(s.minimum)
        }
        // To the last visible row, then every step scrolls by one.
        let visible = h.state.visibleRows(.list)
        while h.state.list.cursor < h.state.list.scroll + visible - 1 { h.press(.char("j")) }
        for _ in 0..<20 { out.scroll.append(step(.char("j")).bytes) }
        for _ in 0..<10 { out.page.append(step(.pageDown).bytes) }
        return out
    }

    /// UTF-8 bytes of the visible text (trailing blanks trimmed) of the rows of `rect` that changed.
    static func changedRowsText(_ a: Canvas, _ b: Canvas, _ rect: Rect?) -> Int {
        guard let r = rect, a.width == b.width, a.height == b.height else { return 0 }
        var total = 0
        for y in r.y..<min(r.maxY, b.height) {
            var changed = false
            for x in r.x..<min(r.maxX, b.width) where a[x, y] != b[x, y] { changed = true; break }
            guard changed else { continue }
            var text = ""
            for x in r.x..<min(r.maxX, b.width) where b[x, y].width != 0 { text += b[x, y].text }
            while text.last == " " { text.removeLast() }
            total += text.utf8.count
        }
        return total
    }

    // MARK: 6. Requests while walking a folder

    struct Walk { var perTask: Double; var revisit: Int; var http429: Int; var http429Revisit: Int; var total: Int; var byPath: [String: Int] }

    /// Opens 50 tasks one after the other (Enter, wait for the detail, back, next), then the same 50 again.
    static func walk(_ fd: FolderDataset, tasks: Int = 50) throws -> Walk {
        let sandbox = Sandbox(dataset: fd.dataset, options: SandboxOptions(rateLimitPerMinute: 400))
        let h = try Harness(service: makeService(transport: sandbox))
        defer { h.close() }
        h.start()
        guard h.pump(until: { s in s.tree.rows.contains { $0.id == fd.folderId } }) else { throw BenchError.timeout("tree") }
        _ = h.openFolder(fd.folderId)
        guard h.pump(until: { $0.list.status == .loaded }) else { throw BenchError.timeout("list") }
        h.settle(quietMs: 50)
        func pass() throws -> [LoggedRequest] {
            let start = sandbox.requestLog.count
            for _ in 0..<tasks {
                guard let id = h.state.list.selectedTask?.id else { break }
                h.press(.enter)
                guard h.pump(until: { $0.detail.taskId == id && !$0.detail.isLoading }, timeoutMs: 120_000)
                else { throw BenchError.timeout("detail of \(id)") }
                h.settle(quietMs: 20)
                h.press(.char("h"))
                h.press(.char("j"))
            }
            h.settle(quietMs: 50)
            return Array(sandbox.requestLog.dropFirst(start))
        }
        let first = try pass()
        h.press(.home)
        let second = try pass()
        var byPath: [String: Int] = [:]
        for r in first { byPath[pathTemplate(r.path), default: 0] += 1 }
        return Walk(perTask: Double(first.count) / Double(tasks), revisit: second.count,
                    http429: first.filter { $0.status == 429 }.count, http429Revisit: second.filter { $0.status == 429 }.count,
                    total: first.count, byPath: byPath)
    }

    /// A request path without its ids: `/tasks/{id}/comments`, `/tasks/{ids}`, `/comments`.
    static func pathTemplate(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count >= 3 ? "/\(parts[0])/{id}/\(parts[2])"
            : parts.count == 2 ? "/\(parts[0])/{ids}" : "/\(parts.first ?? "")"
    }

    // MARK: Extra: first frame of `wrike-tui --demo` as a process

    /// Starts `binary --demo` on a 200x50 pty and waits until the tree shows the first space's folders.
    static func demoProcess(binary: String, runs: Int) throws -> [Double] {
        let demo = DemoDataset.make()
        guard let space = demo.spaces.first?.id else { throw BenchError.setup("demo has no space") }
        let needles = demo.folders.filter { $0.parentIds?.contains(space) == true }.map { Array($0.title.utf8) }
        guard !needles.isEmpty else { throw BenchError.setup("demo space has no folders") }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("wrike-tui-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        var times: [Double] = []
        for _ in 0..<runs {
            guard let pty = HeadlessTerminal(width: 200, height: 50, captureLimit: 4 << 20) else { throw BenchError.setup("no pty") }
            var env = ProcessInfo.processInfo.environment
            env["TERM"] = "xterm-256color"
            env["XDG_CONFIG_HOME"] = home.path
            env["XDG_STATE_HOME"] = home.path
            let app = try PtyProcess(binary, ["--demo"], environment: env, on: pty)
            let shown = app.msUntil(pollUs: 500) { out in needles.contains { contains(out, $0) } }
            app.quit()
            guard let t = shown else { throw BenchError.timeout("demo process first frame") }
            times.append(t)
        }
        return times
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        while i <= hay.count - needle.count {
            if hay[i] == first && Array(hay[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}
