// The first loads retry by themselves after a failure that may pass (503, network), with a growing
// delay shown in the status line; writes never do. Driven against the in-process sandbox with a fault
// schedule; time only moves through `.tick` dates (no clock, no sleeping: the client's own retries are
// configured without delay).
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct AutoRetryTests {
    /// The app's service (its startup reads workflows and spaces; the names follow the first frame), with the client retrying once at once (no jitter sleep).
    static func service(_ sandbox: Sandbox) -> any WrikeService {
        var config = WrikeClientConfiguration()
        config.retry = RetryPolicy(maxAttempts: 2, random: { 0 })
        return ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test"), configuration: config))
    }

    static func sandbox() -> Sandbox {
        Sandbox(dataset: DemoDataset.make(now: testNow), options: SandboxOptions(rateLimitPerMinute: nil))
    }

    static func fresh() -> AppState {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 20, listRows: 20, detailRows: 20, detailWidth: 60)))
        return s
    }

    static func count(_ sandbox: Sandbox, _ path: String, method: HTTPMethod = .get) -> Int {
        sandbox.requestLog.filter { $0.method == method && $0.path == path }.count
    }

    @Test func bootstrap503IsRetriedWithGrowingDelaysShownInTheStatusLine() async throws {
        let sandbox = Self.sandbox()
        let service = Self.service(sandbox)
        // 2 attempts per load: the first load and the first automatic retry fail, the second retry works.
        sandbox.schedule(Fault(count: 4, status: 503, method: .get, pathPrefix: "/spaces"))
        var s = Self.fresh()
        _ = await drive(&s, .start, service: service)
        #expect(s.session.bootstrap == .failed(s.session.bootstrap.failureMessage ?? ""))
        #expect(Self.count(sandbox, "/spaces") == 2)
        #expect(s.session.autoRetry?.attempt == 0)
        #expect(s.status.lastError == "Wrike unavailable, retrying in 4 s — r to retry now")

        // The countdown moves with the ticks; nothing is sent before it is due.
        var effects = await drive(&s, .tick(testNow.addingTimeInterval(1.5)), service: service)
        #expect(effects.isEmpty)
        #expect(s.status.lastError == "Wrike unavailable, retrying in 3 s — r to retry now")
        #expect(Self.count(sandbox, "/spaces") == 2)

        // Due: the bootstrap goes out again by itself, fails again: the next delay is 8 s.
        effects = await drive(&s, .tick(testNow.addingTimeInterval(4)), service: service)
        #expect(Self.count(sandbox, "/spaces") == 4)
        #expect(s.session.autoRetry?.attempt == 1)
        #expect(s.status.lastError == "Wrike unavailable, retrying in 8 s — r to retry now")
        _ = await drive(&s, .tick(testNow.addingTimeInterval(11)), service: service)
        #expect(Self.count(sandbox, "/spaces") == 4, "sent before the 8 s were over")

        // The second retry works: loaded, the tree follows, the message and the schedule are gone.
        _ = await drive(&s, .tick(testNow.addingTimeInterval(12)), service: service)
        #expect(Self.count(sandbox, "/spaces") == 5)
        #expect(s.session.bootstrap == .loaded)
        #expect(s.session.autoRetry == nil)
        #expect(s.status.lastError == nil)
        #expect(s.tree.rows.contains { $0.title == "Engineering" })
        #expect(!s.tree.rows.filter { $0.kind != .space }.isEmpty, "the first space's folders were not loaded")
    }

    @Test func namesThatFailAfterTheFirstFrameAreRetried() async throws {
        let sandbox = Self.sandbox()
        let service = Self.service(sandbox)
        sandbox.schedule(Fault(count: 2, status: 503, method: .get, pathPrefix: "/contacts"))
        var s = Self.fresh()
        _ = await drive(&s, .start, service: service)
        // The names load once the first frame is complete (on a tick).
        _ = await drive(&s, .tick(testNow.addingTimeInterval(0.5)), service: service)
        #expect(Self.count(sandbox, "/contacts") == 2)
        if case .failed = s.session.directoryStatus {} else { Issue.record("expected the names to fail: \(s.session.directoryStatus)") }
        #expect(s.status.lastError == "Wrike unavailable, retrying in 4 s — r to retry now")
        _ = await drive(&s, .tick(testNow.addingTimeInterval(5)), service: service)
        #expect(Self.count(sandbox, "/contacts") == 3)
        #expect(s.session.directoryStatus == .loaded)
        #expect(s.catalog.directory.meId != nil)
        #expect(s.session.autoRetry == nil)
    }

    @Test func theDelayGrowsToAMinuteAndStaysThere() {
        #expect((0..<7).map { AutoRetry.delay(attempt: $0) } == [4, 8, 16, 32, 60, 60, 60])
        #expect(AutoRetry.delay(attempt: 10_000) == 60)
    }

    @Test func rRetriesAtOnceAndCancelsTheSchedule() async throws {
        let sandbox = Self.sandbox()
        let service = Self.service(sandbox)
        sandbox.schedule(Fault(count: 2, status: 503, method: .get, pathPrefix: "/workflows"))
        var s = Self.fresh()
        _ = await drive(&s, .start, service: service)
        #expect(s.session.autoRetry != nil)
        _ = await drive(&s, .refresh, service: service)
        #expect(s.session.bootstrap == .loaded)
        #expect(s.session.autoRetry == nil)
        // No second bootstrap from the old schedule.
        _ = await drive(&s, .tick(testNow.addingTimeInterval(60)), service: service)
        #expect(Self.count(sandbox, "/workflows") == 3)
    }

    @Test func aRefusalIsNotRetried() async throws {
        let sandbox = Self.sandbox()
        let service = Self.service(sandbox)
        sandbox.schedule(Fault(count: 1, status: 403, method: .get, pathPrefix: "/workflows"))
        var s = Self.fresh()
        _ = await drive(&s, .start, service: service)
        #expect(s.session.autoRetry == nil)
        #expect(s.status.lastError?.contains("retrying") == false)
        _ = await drive(&s, .tick(testNow.addingTimeInterval(600)), service: service)
        #expect(Self.count(sandbox, "/spaces") == 1)
        if case .failed = s.session.bootstrap {} else { Issue.record("expected the bootstrap to stay failed: \(s.session.bootstrap)") }
    }

    @Test func aFailedTreeAndListFirstPageAreRetried() async throws {
        let sandbox = Self.sandbox()
        let service = Self.service(sandbox)
        var s = Self.fresh()
        let demo = DemoDataset.make(now: testNow)
        let space = try #require(demo.spaces.first)
        // The first space's folder tree fails twice (one load), then works.
        sandbox.schedule(Fault(count: 2, status: 503, method: .get, pathPrefix: "/spaces/\(space.id)/folders"))
        _ = await drive(&s, .start, service: service)
        #expect(s.session.bootstrap == .loaded)
        #expect(s.tree.spaceLoad[space.id] == .failed(s.tree.spaceLoad[space.id]?.failureMessage ?? ""))
        #expect(s.status.lastError == "Wrike unavailable, retrying in 4 s — r to retry now")
        _ = await drive(&s, .tick(testNow.addingTimeInterval(4)), service: service)
        #expect(s.tree.spaceLoad[space.id] == .loaded)
        #expect(s.session.autoRetry == nil)

        // Open a folder whose first page fails (a dropped connection on a GET: retried by the client,
        // then by the app).
        let row = try #require(s.tree.rows.firstIndex { $0.kind == .folder || $0.kind == .project })
        s.tree.cursor = row
        let folder = s.tree.rows[row].id
        sandbox.schedule(Fault.dropConnection(count: 2, method: .get, pathPrefix: "/folders/\(folder)/tasks"))
        _ = await drive(&s, .open, service: service)
        if case .failed = s.list.status {} else { Issue.record("expected the list to fail: \(s.list.status)") }
        #expect(s.session.autoRetry?.due != nil)
        _ = await drive(&s, .tick(testNow.addingTimeInterval(10)), service: service)
        #expect(s.list.status == .loaded)
        #expect(!s.list.rows.isEmpty)
        #expect(s.session.autoRetry == nil)
    }

    @Test func aCommentPostRefusedWith503IsNeverResentByItself() async throws {
        let sandbox = Self.sandbox()
        let service = Self.service(sandbox)
        var s = Self.fresh()
        _ = await drive(&s, .start, service: service)
        let row = try #require(s.tree.rows.firstIndex { $0.kind == .folder || $0.kind == .project })
        s.tree.cursor = row
        _ = await drive(&s, .open, service: service)
        let task = try #require(s.list.selectedTask)
        _ = await drive(&s, .open, service: service)
        sandbox.schedule(Fault(count: 5, status: 503, method: .post, pathPrefix: "/tasks/\(task.id)/comments"))
        _ = await drive(&s, .action(.comment), service: service)
        for ch in "Hello" { _ = await drive(&s, .action(.editor(.insert(String(ch)))), service: service) }
        let sent = await drive(&s, .action(.editor(.send)), service: service)
        #expect(sent.isEmpty)
        let posts = { sandbox.requestLog.filter { $0.method == .post && $0.path.hasSuffix("/comments") }.count }
        #expect(posts() == 1)
        #expect(s.session.autoRetry == nil)
        // Minutes pass: nothing is sent again.
        for minute in 1...10 {
            let effects = await drive(&s, .tick(testNow.addingTimeInterval(Double(minute) * 60)), service: service)
            #expect(effects.isEmpty)
        }
        #expect(posts() == 1)
        #expect(s.actions.composer?.editor.text == "Hello")
    }
}

extension LoadStatus {
    var failureMessage: String? {
        if case .failed(let m) = self { return m }
        return nil
    }
}
