// Issue 12 through `BrowserApp` (keys in, effects run by the real `EffectRunner`, events back in):
// a resize keeps paging (item 3), picker keys (item 4), acting before the detail arrives over a slow
// service (item 5), the status picker's title and the status line's newest message (item 10).
import Browser
import BrowserRuntime
import Foundation
import Synchronization
import Testing
@testable import TerminalUI
import TermText
import WrikeAPI
import WrikeSandbox

/// A `BrowserApp` driven like the event loop drives it, without a terminal: keys and resizes in, the
/// work handed to the loop after the frame run, events posted by the runner handled when the test pumps.
struct AppDriver {
    var app: BrowserApp
    var width: Int
    var height: Int

    init(service: any WrikeService, width: Int, height: Int, now: Date = BrowserScreenTests.now) {
        let box = EventMailbox()
        let state = AppState(now: now, timeZone: TimeZone(identifier: "UTC") ?? .current)
        app = BrowserApp(state: state, runner: EffectRunner(service: service) { box.post($0) }, clock: { now })
        mailbox = box
        self.width = width
        self.height = height
    }

    private let mailbox: EventMailbox

    /// Runs what the app asked the loop to do after the frame (the runner starts the effects); the number.
    @discardableResult
    static func runAfterFrame(_ c: LoopContext) -> Int {
        var n = 0
        for case .afterFrame(let body) in c.outputs {
            body()
            n += 1
        }
        return n
    }

    func context() -> LoopContext { LoopContext(width: width, height: height, glyphs: .unicode, colorMode: .none) }

    /// A key; returns how many batches of work it handed to the runner.
    @discardableResult
    mutating func key(_ k: Key) -> Int {
        var c = context()
        app.handle(key: k, context: &c)
        return Self.runAfterFrame(c)
    }

    @discardableResult
    mutating func resize(_ w: Int, _ h: Int) -> Int {
        width = w
        height = h
        return key(.resize)
    }

    /// Handles posted events until `done` holds (false if it never does within five minutes of waiting
    /// for events). Waits without blocking a thread: the runner's tasks need the same pool. The bound is a
    /// hang guard for a loaded machine, not the expected time: other suites' blocking waits (pty and
    /// process tests) can hold both cooperative threads of a 2-core machine for over a minute.
    @discardableResult
    mutating func pump(until done: (AppState) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(300)
        while !done(app.state) {
            let batch = mailbox.take()
            if batch.isEmpty {
                if Date() > deadline { return false }
                try? await Task.sleep(for: .milliseconds(2))
                continue
            }
            for e in batch {
                var c = context()
                app.handle(event: e, context: &c)
                Self.runAfterFrame(c)
            }
        }
        return true
    }

    func screen() -> String {
        var c = Canvas(width: width, height: height)
        BrowserRender.render(app.state, into: &c, glyphs: .unicode)
        return c.text()
    }
}

final class EventMailbox: Sendable {
    private let events = Mutex<[Browser.Event]>([])
    func post(_ e: Browser.Event) { events.withLock { $0.append(e) } }
    func take() -> [Browser.Event] { events.withLock { e in defer { e.removeAll() }; return e } }
}

/// One space, one folder of `total` tasks, paged like Wrike (the token is the offset).
final class BigFolderService: WrikeService, @unchecked Sendable {
    let total: Int
    private let tokens = Mutex<[String?]>([])
    init(total: Int) { self.total = total }
    var pageTokens: [String?] { tokens.withLock { $0 } }

    func bootstrap() async throws -> Bootstrap {
        Bootstrap(account: Account(id: "A", name: "Big"), me: Contact(id: "ME", firstName: "Alex", me: true),
                  contacts: [Contact(id: "ME", firstName: "Alex", me: true)],
                  workflows: [Workflow(id: "W", name: "W", customStatuses: [CustomStatus(id: "NEW", name: "New", group: .active)])],
                  spaces: [Space(id: "S1", title: "Space")])
    }
    func folderTree(spaceId: String) async throws -> [FolderTreeEntry] {
        [FolderTreeEntry(id: "S1", title: "Space", childIds: ["F1"]), FolderTreeEntry(id: "F1", title: "Big folder", childIds: [])]
    }
    func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage {
        tokens.withLock { $0.append(pageToken) }
        let start = Int(pageToken ?? "0") ?? 0
        let end = min(total, start + pageSize)
        let tasks = (start..<end).map {
            WrikeTask(id: String(format: "T%05d", $0), title: String(format: "Task %05d", $0), status: .active,
                      importance: .normal, customStatusId: "NEW", superTaskIds: [], subTaskIds: [], dependencyIds: [])
        }
        return TaskPage(tasks: tasks, nextPageToken: end < total ? String(end) : nil, total: total)
    }
    func tasks(ids: [String]) async throws -> [WrikeTask] { [] }
    func dependencies(ids: [String]) async throws -> [Dependency] { [] }
    func comments(taskId: String) async throws -> [WrikeAPI.Comment] { [] }
    func approvals(taskId: String) async throws -> [Approval] { [] }
    func dependencies(taskId: String) async throws -> [Dependency] { [] }
    func attachments(taskId: String) async throws -> [WrikeAPI.Attachment] { [] }
    func timelogs(taskId: String) async throws -> [Timelog] { [] }
    func statusLine() -> String? { nil }
    func invalidate() async {}
}

@Suite struct AppEffectTests {
    /// Item 3: 200 of 1,500 loaded, the cursor on row 129, the terminal made taller: the next page is
    /// read (it was asked for by `.layout` and dropped, leaving "loading more tasks" forever).
    @Test func aResizeNearTheEndKeepsPaging() async throws {
        let service = BigFolderService(total: 1500)
        var d = AppDriver(service: service, width: 120, height: 30)
        d.resize(120, 30)
        #expect(await d.pump { $0.tree.rows.contains { $0.id == "F1" } })
        d.key(.char("j"))
        d.key(.enter)
        #expect(await d.pump { $0.list.tasks.count == 200 })
        for _ in 0..<129 { d.key(.char("j")) }
        let rows = d.app.state.viewport.listRows
        #expect(d.app.state.list.cursor == 129 && !d.app.state.list.loadingMore)
        #expect(129 < 200 - 2 * rows, "the test needs the cursor away from the end at 30 rows (\(rows))")

        let handed = d.resize(120, 60)
        #expect(129 >= 200 - 2 * d.app.state.viewport.listRows)
        #expect(d.app.state.list.loadingMore)
        try #require(handed > 0, "the resize's page load never reached the runner")
        #expect(await d.pump { $0.list.tasks.count == 1200 && !$0.list.loadingMore })
        #expect(service.pageTokens == [nil, "200"])
        #expect(d.screen().contains("1200 of 1500") || d.screen().contains("1,200 of 1,500"), "\(d.screen())")
        #expect(!d.screen().contains("loading more tasks"))
    }

    static func sandboxService(latency: ClosedRange<Duration>? = nil) -> (Sandbox, any WrikeService) {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: BrowserScreenTests.now),
                              options: SandboxOptions(rateLimitPerMinute: nil, latency: latency, seed: 3))
        let client = WrikeClient(transport: sandbox, tokens: StaticTokenProvider("t"), configuration: WrikeClientConfiguration())
        return (sandbox, ClientService(client: client))
    }

    /// Starts on the demo workspace and lists the first folder with tasks; the cursor on the first task.
    static func listed(_ d: inout AppDriver) async throws {
        d.resize(d.width, d.height)
        #expect(await d.pump { $0.tree.rows.contains { $0.kind == .space } })
        for _ in 0..<d.app.state.tree.rows.count {
            d.key(.char("j"))
            d.key(.enter)
            if await d.pump(until: { $0.list.status != .loading }), !d.app.state.list.rows.isEmpty { break }
            d.key(.escape)
        }
        try #require(!d.app.state.list.rows.isEmpty)
        // Who "me" is follows the first frame.
        #expect(await d.pump { $0.catalog.directory.meId != nil })
    }

    static func statusCursor(_ s: AppState) -> Int? {
        if case .status(let m, _)? = s.modal { return m.picker.cursor }
        return nil
    }

    /// Item 4: PgDn, PgUp, Home and End in the status picker, through the key table.
    @Test func pageHomeAndEndInTheStatusPicker() async throws {
        let (_, service) = Self.sandboxService()
        var d = AppDriver(service: service, width: 120, height: 40)
        try await Self.listed(&d)
        d.key(.char("s"))
        guard case .status(let m, _)? = d.app.state.modal else { Issue.record("no picker"); return }
        let count = m.picker.matches.count
        try #require(count > 2)
        d.key(.home)
        #expect(Self.statusCursor(d.app.state) == 0)
        d.key(.end)
        #expect(Self.statusCursor(d.app.state) == count - 1)
        d.key(.pageUp)
        #expect(Self.statusCursor(d.app.state) == max(0, count - 1 - pickerPageRows))
        d.key(.home)
        d.key(.pageDown)
        #expect(Self.statusCursor(d.app.state) == min(count - 1, pickerPageRows))
        d.key(.char("j"))   // a letter narrows, never moves
        guard case .status(let typed, _)? = d.app.state.modal else { Issue.record("closed"); return }
        #expect(typed.picker.query == "j")
        d.key(.backspace)
        d.key(.escape)
        #expect(d.app.state.modal == nil)
        // The messages key opens its overlay and the picker keys work there too.
        d.key(.char("m"))
        guard case .messages? = d.app.state.modal else { Issue.record("no messages"); return }
        d.key(.end)
        d.key(.escape)
        #expect(d.app.state.modal == nil)
    }

    /// Item 5: over a slow link, Enter on a task and at once `s`, `t`, `c`, `a`, `i`: each acts on the task
    /// (nothing of its detail has arrived: events are handled only when the test pumps them).
    @Test func actingBeforeTheDetailArrives() async throws {
        let (sandbox, service) = Self.sandboxService(latency: .milliseconds(20) ... .milliseconds(60))
        var d = AppDriver(service: service, width: 160, height: 45)
        try await Self.listed(&d)
        let id = try #require(d.app.state.list.selectedTaskId)
        let importance = try #require(sandbox.task(id)?.importance)
        d.key(.enter)
        #expect(d.app.state.focus == .detail && d.app.state.detail.task == nil)
        d.key(.char("s"))
        guard case .status(_, let ids)? = d.app.state.modal else { Issue.record("s: \(d.app.state.status)"); return }
        #expect(ids == [id])
        d.key(.escape)
        d.key(.char("t"))
        guard case .timelog(_, let t, _)? = d.app.state.modal else { Issue.record("t: \(d.app.state.status)"); return }
        #expect(t == id)
        d.key(.escape)
        d.key(.char("c"))
        #expect(d.app.state.actions.composer?.send.draft.taskId == id)
        d.key(.escape)
        d.key(.char("a"))
        d.key(.char("i"))
        #expect(d.app.state.status.lastError == nil)
        #expect(!d.app.state.status.history.contains { $0.text == "No task selected." })
        let shown = d.app.state.detail.task?.importance
        #expect(shown != nil && shown != importance)
        // Everything arrives, in whatever order the link gives: the change stays, and it is in Wrike.
        #expect(await d.pump { s in s.detail.taskStatus == .loaded && s.actions.pending.isEmpty })
        #expect(sandbox.task(id)?.importance == shown)
        #expect(d.app.state.detail.task?.importance == shown)
        let me = try #require(d.app.state.catalog.directory.meId)
        #expect((sandbox.task(id)?.responsibleIds ?? []).contains(me) == (d.app.state.detail.task?.responsibleIds ?? []).contains(me))
    }

    /// Item 10: the status picker says which task (sanitized, shortened) or how many marked tasks.
    @Test func theStatusPickerNamesItsTasks() {
        var s = BrowserScreenTests.state(width: 120, height: 40, focus: .list, openTask: false)
        s.list.cursor = s.list.rows.firstIndex { s.list.taskId(at: Int($0.task)) == "T1" } ?? 0
        _ = s.update(.action(.changeStatus))
        var text = BrowserScreenTests.render(s, 120, 40).text()
        #expect(text.contains("Status of “Evil red title"), "\(text)")
        #expect(!text.contains("\u{1B}"))
        _ = s.update(.action(.picker(.cancel)))
        _ = s.update(.action(.toggleMark))
        _ = s.update(.action(.toggleMark))
        _ = s.update(.action(.changeStatus))
        text = BrowserScreenTests.render(s, 120, 40).text()
        #expect(text.contains("Status of 2 marked tasks"), "\(text)")
    }

    /// Item 10: an error no longer swallows a later message on the status line.
    @Test func theStatusLineShowsTheNewestMessage() {
        var s = BrowserScreenTests.state(width: 100, height: 30, focus: .list, openTask: false)
        s.status.lastError = "“Sub-task ✔︎ variation selector” has no dates (Backlog) but as predecessor needs dates "
            + "(Planned or Milestone) for Finish → Start. Set dates in Wrike first."
        s.status.message = "Relation type changed."
        let line = BrowserScreenTests.render(s, 100, 30).line(28)
        let message = line.range(of: "Relation type changed.")
        #expect(message != nil, "\(line)")
        if let m = message, let e = line.range(of: "“Sub-task") { #expect(m.lowerBound < e.lowerBound, "\(line)") }
    }
}
