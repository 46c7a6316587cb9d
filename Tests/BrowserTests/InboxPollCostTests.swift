import Foundation
import Synchronization
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

/// What an inbox poll costs against the sandbox, through the app's service on the shared client, and
/// that a colleague's changes come back as items: the first poll, a poll with news, a quiet poll.
@Suite struct InboxPollCostTests {
    @Test func aQuietPollIsThreeRequestsAndNewsCostsAtMostTwoMore() async throws {
        let clock = Mutex(testNow)
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow),
                              options: SandboxOptions(rateLimitPerMinute: nil, now: { clock.withLock { $0 } }))
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test")))
        var s = AppState(now: testNow, timeZone: utc)
        s.session.revalidation.interval = 0
        s.features.inbox.interval = 0
        func at(_ dt: TimeInterval) async {
            clock.withLock { $0 = testNow.addingTimeInterval(dt) }
            _ = await drive(&s, .tick(testNow.addingTimeInterval(dt)), service: service)
        }
        _ = await drive(&s, .start, service: service)
        s.tree.cursor = try #require(s.tree.rows.firstIndex { $0.kind == .folder || $0.kind == .project })
        _ = await drive(&s, .open, service: service)
        await at(1)  // the names, so "me"
        let me = try #require(s.catalog.directory.meId)

        var before = sandbox.requestLog.count
        _ = await drive(&s, .inbox(.open), service: service)
        let baseline = Array(sandbox.requestLog.dropFirst(before))
        #expect(s.features.inbox.polls == 1 && s.features.inbox.lastError == nil)
        #expect(baseline.map(\.path) == ["/tasks", "/tasks", "/comments", "/approvals"]
                || baseline.count <= 6, "\(baseline.map(\.path))")

        // A colleague: a comment mentioning me, a task given to me, a predecessor of mine completed.
        await at(60)
        let d = sandbox.snapshot()
        let others = d.tasks.filter { !($0.responsibleIds ?? []).contains(me) && $0.status == .active && $0.scope != .rbTask }
        let colleague = try #require(d.contacts.first { $0.id != me && $0.type != .group })
        #expect(sandbox.addComment(taskId: others[0].id, authorId: colleague.id,
                                   text: #"<p>ok? <a class="stream-user-id avatar" rel="\#(me)">@me</a></p>"#) != nil)
        func put(_ id: String, _ name: String, _ value: String) {
            let r = sandbox.respond(to: HTTPRequest(method: .put, path: "/tasks/\(id)", query: [QueryItem(name, value)]))
            if case .response(let response) = r { #expect(response.status == 200) } else { Issue.record("dropped") }
        }
        put(others[1].id, "addResponsibles", #"["\#(me)"]"#)
        let dep = d.dependencies.first { dep in
            d.tasks.contains { $0.id == dep.successorId && ($0.responsibleIds ?? []).contains(me) && $0.status == .active }
                && d.tasks.contains { $0.id == dep.predecessorId && $0.status == .active }
        }
        if let dep { put(dep.predecessorId, "status", "Completed") }
        await at(90)

        before = sandbox.requestLog.count
        _ = await drive(&s, .inbox(.refresh), service: service)
        let news = Array(sandbox.requestLog.dropFirst(before))
        let reasons = Set(s.features.inbox.items.map(\.reason))
        #expect(reasons.isSuperset(of: [.mentioned, .assigned]), "\(s.features.inbox.items)")
        if dep != nil { #expect(reasons.contains(.unblocked)) }
        #expect(news.count <= 5, "\(news.map(\.path))")
        #expect(news.allSatisfy { $0.method == .get })

        await at(200)
        before = sandbox.requestLog.count
        let items = s.features.inbox.items
        _ = await drive(&s, .inbox(.refresh), service: service)
        let quiet = Array(sandbox.requestLog.dropFirst(before))
        #expect(quiet.map(\.path) == ["/tasks", "/comments", "/approvals"])
        #expect(s.features.inbox.items == items)
        print("inbox poll cost: first \(baseline.count), with news \(news.count) (\(news.map(\.path))), quiet \(quiet.count)")
    }
}
