import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

/// The client against the Wrike emulator, in process and over loopback HTTP.
@Suite struct ClientSandboxTests {
    static let dataset2500 = DatasetGenerator.generate(tasks: 2500, seed: 7)

    struct Env {
        let clock: TestClock
        let sandbox: Sandbox
        let client: WrikeClient
    }

    /// An in-process sandbox whose time is the client's TestClock.
    static func inProcess(_ dataset: Dataset = DemoDataset.make(now: Date(timeIntervalSince1970: 1_800_000_000)),
                          rateLimit: Int? = nil, random: Double = 0.5, clientRate: RateLimiterConfiguration = .init())
        -> Env {
        let clock = TestClock()
        let sandbox = Sandbox(dataset: dataset,
                              options: SandboxOptions(token: "tok", rateLimitPerMinute: rateLimit, now: { clock.now }))
        let client = makeClient(sandbox, clock: clock, random: random, rate: clientRate, tokens: StaticTokenProvider("tok"))
        return Env(clock: clock, sandbox: sandbox, client: client)
    }

    /// The same sandbox served on 127.0.0.1, with a client over URLSession.
    static func overHTTP(_ sandbox: Sandbox, clock: TestClock, random: Double = 0.5,
                         _ body: (WrikeClient) async throws -> Void) async throws {
        let server = SandboxServer(sandbox: sandbox)
        let base = try await server.start()
        do {
            let client = WrikeClient(transport: try SocketTransport(baseURL: base, timeout: inProcessHTTPTimeout), tokens: StaticTokenProvider("tok"),
                                     configuration: WrikeClientConfiguration(
                                        retry: RetryPolicy(random: constantRandom(random)), clock: clock))
            try await body(client)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static let listQuery = TaskQuery(subTasks: true, status: ["Active", "Completed", "Deferred", "Cancelled"],
                                     sortField: "CreatedDate", sortOrder: "Asc",
                                     fields: TaskQuery.listFields, pageSize: 1000)

    func checkPaged(_ log: [LoggedRequest], tasks: [WrikeTask], expected: Int) {
        let pages = log.filter { $0.path == "/tasks" }
        #expect(tasks.count == expected)
        #expect(Set(tasks.map(\.id)).count == expected)
        #expect(pages.count == 3)
        for (i, r) in pages.enumerated() {
            let q = Dictionary(r.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            #expect(q["subTasks"] == "true")
            #expect(q["status"] == #"["Active","Completed","Deferred","Cancelled"]"#)
            #expect(q["sortField"] == "CreatedDate")
            #expect(q["sortOrder"] == "Asc")
            #expect(q["fields"] == #"["responsibleIds","superTaskIds","subTaskIds","dependencyIds","parentIds"]"#)
            #expect(q["pageSize"] == "1000")
            #expect((q["nextPageToken"] != nil) == (i > 0))
        }
        // fields were honoured on every page (thin payloads have no parentIds).
        #expect(tasks.allSatisfy { $0.parentIds != nil })
    }

    @Test func pages2500TasksResendingFiltersAndFields() async throws {
        let env = Self.inProcess(Self.dataset2500)
        let tasks = try await env.client.tasks(in: .account, query: Self.listQuery)
        checkPaged(env.sandbox.requestLog, tasks: tasks, expected: 2500)
        // Cached now: the same list again makes no request.
        env.sandbox.resetLog()
        let again = try await env.client.tasks(in: .account, query: Self.listQuery)
        #expect(again.map(\.id) == tasks.map(\.id))
        #expect(env.sandbox.requestLog.isEmpty)
    }

    @Test func firstPageNowRestStreamed() async throws {
        let env = Self.inProcess(Self.dataset2500)
        let result = try await env.client.firstTaskPage(in: .account, query: Self.listQuery)
        #expect(result.first.items.count == 1000)
        #expect(result.first.responseSize == 2500)
        #expect(env.sandbox.requestLog.count == 1)
        var rest = 0
        var indices: [Int] = []
        for try await page in result.rest {
            rest += page.items.count
            indices.append(page.index)
        }
        #expect(rest == 1500)
        #expect(indices == [1, 2])
        #expect(env.sandbox.requestLog.count == 3)
    }

    @Test func taskPagesStreamThenCacheTheList() async throws {
        let env = Self.inProcess(Self.dataset2500)
        var counts: [Int] = []
        for try await page in env.client.taskPages(in: .account, query: Self.listQuery) { counts.append(page.items.count) }
        #expect(counts == [1000, 1000, 500])
        env.sandbox.resetLog()
        counts = []
        for try await page in env.client.taskPages(in: .account, query: Self.listQuery) { counts.append(page.items.count) }
        #expect(counts == [2500])
        #expect(env.sandbox.requestLog.isEmpty)
    }

    @Test func filtersReallyFilter() async throws {
        let env = Self.inProcess(Self.dataset2500)
        var q = Self.listQuery
        q.status = ["Completed"]
        let done = try await env.client.tasks(in: .account, query: q)
        #expect(!done.isEmpty)
        #expect(done.count < 2500)
        #expect(done.allSatisfy { $0.status == "Completed" })
    }

    @Test func fetches250IdsIn3RequestsInInputOrder() async throws {
        let env = Self.inProcess(Self.dataset2500)
        let all = env.sandbox.snapshot().tasks.map(\.id)
        let ids = Array(all.shuffled().prefix(250))
        env.sandbox.resetLog()
        let tasks = try await env.client.tasks(ids: ids)
        #expect(tasks.map(\.id) == ids)
        let log = env.sandbox.requestLog
        #expect(log.count == 3)
        #expect(log.map { $0.path.split(separator: "/").last?.split(separator: ",").count ?? 0 }.sorted() == [50, 100, 100])
        // Each task is now cached: a detail read and the same batch make no request.
        env.sandbox.resetLog()
        _ = try await env.client.task(ids[17])
        #expect(try await env.client.tasks(ids: ids).map(\.id) == ids)
        #expect(env.sandbox.requestLog.isEmpty)
    }

    @Test func tenConcurrentIdenticalGetsMakeOneRequest() async throws {
        let env = Self.inProcess()
        let client = env.client
        let results = try await withThrowingTaskGroup(of: Int.self) { g in
            for _ in 0..<10 { g.addTask { try await client.folderTree().count } }
            return try await g.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.count == 10)
        #expect(Set(results).count == 1)
        #expect(results[0] > 30)
        #expect(env.sandbox.requestLog.filter { $0.path == "/folders" }.count == 1)
        // A cached read makes no request at all.
        env.sandbox.resetLog()
        _ = try await client.folderTree()
        #expect(env.sandbox.requestLog.isEmpty)
        // Until the TTL has passed.
        env.clock.advance(by: CachePolicy.longTTL + 1)
        _ = try await client.folderTree()
        #expect(env.sandbox.requestLog.count == 1)
    }

    @Test func putUpdatesTheCachedTaskInListAndDetail() async throws {
        let env = Self.inProcess()
        let client = env.client
        let me = try await client.me()
        let workflows = try await client.workflows()
        let list = try await client.tasks(in: .account, query: TaskQuery(fields: TaskQuery.listFields))
        let target = try #require(list.first { $0.status == "Active" })
        _ = try await client.task(target.id)
        let done = try #require(workflows.flatMap { $0.customStatuses ?? [] }.first {
            $0.group == "Completed" && workflows.first { wf in (wf.customStatuses ?? []).contains { $0.id == target.customStatusId } }?
                .customStatuses?.contains($0) == true
        })
        env.sandbox.resetLog()
        let updated = try await client.updateTask(target.id, TaskUpdate(addResponsibles: [me.id], customStatus: done.id))
        #expect(updated.status == "Completed")
        #expect(env.sandbox.requestLog.count == 1)
        // Only writable params were sent.
        env.sandbox.resetLog()
        let cachedList = try await client.tasks(in: .account, query: TaskQuery(fields: TaskQuery.listFields))
        let cachedDetail = try await client.task(target.id)
        #expect(env.sandbox.requestLog.isEmpty)
        #expect(cachedList.first { $0.id == target.id }?.customStatusId == done.id)
        #expect(cachedList.first { $0.id == target.id }?.status == "Completed")
        #expect(cachedDetail.customStatusId == done.id)
        #expect(cachedDetail.responsibleIds?.contains(me.id) == true)
        #expect(cachedList.count == list.count)
    }

    @Test func newCommentAppearsInTheTasksComments() async throws {
        let env = Self.inProcess()
        let task = try #require(env.sandbox.snapshot().tasks.first)
        let before = try await env.client.comments(task: task.id, plainText: true)
        let c = try await env.client.addComment(task: task.id, CommentParams(text: "Shipped it", plainText: true))
        let after = try await env.client.comments(task: task.id, plainText: true)
        #expect(after.count == before.count + 1)
        #expect(after.contains { $0.id == c.id && $0.text.contains("Shipped it") })
    }

    @Test func staleWhileRevalidateYieldsCachedThenFresh() async throws {
        let env = Self.inProcess()
        let task = try #require(env.sandbox.snapshot().tasks.first)
        let endpoint = Endpoints.comments(task: task.id, plainText: true)
        let first = try await env.client.read(endpoint)
        // Someone else comments in Wrike meanwhile (not through this client).
        _ = try env.sandbox.handle(HTTPRequest(method: .post, path: "/tasks/\(task.id)/comments",
                                               headers: ["Authorization": "bearer tok"],
                                               body: Data(#"{"text":"from the web","plainText":true}"#.utf8)))
        env.sandbox.resetLog()
        var got: [Revalidated<[WrikeAPI.Comment]>] = []
        for try await r in env.client.readRevalidating(endpoint) { got.append(r) }
        #expect(got.count == 2)
        #expect(got.first?.isFromNetwork == false)
        #expect(got.first?.value.count == first.count)
        #expect(got.last?.isFromNetwork == true)
        #expect(got.last?.value.count == first.count + 1)
        #expect(env.sandbox.requestLog.count == 1)
        // The fresh value is cached now; with onlyIfStale a fresh entry makes no request.
        env.sandbox.resetLog()
        var only: [Revalidated<[WrikeAPI.Comment]>] = []
        for try await r in env.client.readRevalidating(endpoint, onlyIfStale: true) { only.append(r) }
        #expect(only.count == 1)
        #expect(only.first?.value.count == first.count + 1)
        #expect(env.sandbox.requestLog.isEmpty)
    }

    @Test func backoffScheduleOnScheduled429s() async throws {
        let env = Self.inProcess()
        env.sandbox.schedule(Fault(count: 4, status: 429, method: .get, pathPrefix: "/workflows"))
        let wfs = try await env.client.workflows()
        #expect(!wfs.isEmpty)
        let log = env.sandbox.requestLog.filter { $0.path == "/workflows" }
        #expect(log.map(\.status) == [429, 429, 429, 429, 200])
        let gaps = zip(log.dropFirst(), log).map { $0.date.timeIntervalSince($1.date) }
        #expect(gaps == [0.5, 1, 2, 4])
    }

    @Test func survivesARateLimitedStormWithoutExceedingTheLimiter() async throws {
        let env = Self.inProcess(rateLimit: 60, random: 0.7)
        let ids = env.sandbox.snapshot().tasks.prefix(150).map(\.id)
        let client = env.client
        try await withThrowingTaskGroup(of: Void.self) { g in
            for id in ids { g.addTask { _ = try await client.task(id) } }
            try await g.waitForAll()
        }
        let log = env.sandbox.requestLog
        let ok = log.filter { $0.status == 200 }
        let refused = log.filter { $0.status == 429 }
        #expect(ok.count == 150)
        #expect(!refused.isEmpty)
        #expect(maxInWindow(log.map(\.date), seconds: 60) <= 400 + 10)
        #expect(maxInWindow(ok.map(\.date), seconds: 60) <= 60)
        #expect(client.state.lastError == nil)
        #expect(client.state.inFlight == 0)
    }

    @Test func postWhoseAnswerIsLostIsNotSentTwice() async throws {
        let env = Self.inProcess()
        let task = try #require(env.sandbox.snapshot().tasks.first)
        let before = env.sandbox.comments(onTask: task.id).count
        env.sandbox.schedule(.applyThenDrop(method: .post, pathPrefix: "/tasks/\(task.id)/comments"))
        do {
            _ = try await env.client.addComment(task: task.id, CommentParams(text: "once only", plainText: true))
            Issue.record("expected outcomeUnknown")
        } catch let e as APIError {
            #expect(e.kind == .outcomeUnknown)
            #expect(e.plainMessage.contains("may or may not be saved"))
        }
        #expect(env.sandbox.requestLog.filter { $0.method == .post }.count == 1)
        #expect(env.sandbox.comments(onTask: task.id).count == before + 1)
        // A new read shows the applied comment (the cached list was dropped).
        let comments = try await env.client.comments(task: task.id, plainText: true)
        #expect(comments.filter { $0.text.contains("once only") }.count == 1)
    }

    @Test func wrikeErrorsFromTheSandboxMapToTheirSentences() async throws {
        let env = Self.inProcess()
        let c = env.client
        func error(_ body: () async throws -> Void) async -> APIError? {
            do { try await body(); return nil } catch let e as APIError { return e } catch { return nil }
        }
        let notFound = await error { _ = try await c.task("NOSUCHTASK") }
        #expect(notFound?.kind == .notFound)
        #expect(notFound?.code == "resource_not_found")
        #expect(notFound?.plainMessage.hasPrefix("Not found in Wrike") == true)
        let badParam = await error {
            _ = try await c.envelope(.get, "/tasks", query: [QueryItem("importance", "Urgent")], as: WrikeTask.self)
        }
        #expect(badParam?.kind == .invalidParameter)
        #expect(badParam?.plainMessage.hasPrefix("Wrike refused the request: ") == true)
        let unknownParam = await error {
            _ = try await c.envelope(.get, "/contacts", query: [QueryItem("firstName", "x")], as: Contact.self)
        }
        #expect(unknownParam?.kind == .invalidRequest)
        let task = try #require(env.sandbox.snapshot().tasks.first)
        let missing = await error {
            _ = try await c.write(.post, "/tasks/\(task.id)/timelogs", body: ["comment": "x", "trackedDate": "2027-01-15"],
                                  as: Timelog.self)
        }
        #expect(missing?.kind == .parameterRequired)
        let noMethod = await error { _ = try await c.envelope(.get, "/nonsense", as: Contact.self) }
        #expect(noMethod?.kind == .methodNotFound)
        env.sandbox.schedule(Fault(status: 403, pathPrefix: "/account"))
        let forbidden = await error { _ = try await c.account() }
        #expect(forbidden?.kind == .accessForbidden)
        let wrongToken = WrikeClient(transport: env.sandbox, tokens: StaticTokenProvider("wrong"),
                                     configuration: WrikeClientConfiguration(clock: env.clock))
        let unauth = await error { _ = try await wrongToken.account() }
        #expect(unauth?.kind == .notAuthorized)
        #expect(unauth?.plainMessage.contains("sign in again") == true)
    }

    // MARK: - over real loopback HTTP

    @Test func overHTTPPagingErrorsAnd429s() async throws {
        let clock = TestClock()
        let sandbox = Sandbox(dataset: Self.dataset2500,
                              options: SandboxOptions(token: "tok", rateLimitPerMinute: nil, now: { clock.now }))
        try await Self.overHTTP(sandbox, clock: clock) { client in
            let tasks = try await client.tasks(in: .account, query: Self.listQuery)
            checkPaged(sandbox.requestLog, tasks: tasks, expected: 2500)

            sandbox.resetLog()
            do {
                _ = try await client.task("NOSUCHTASK")
                Issue.record("expected 404")
            } catch let e as APIError {
                #expect(e.kind == .notFound)
                #expect(e.status == 404)
                #expect(e.code == "resource_not_found")
            }
            do {
                _ = try await client.envelope(.get, "/tasks", query: [QueryItem("importance", "Urgent")], as: WrikeTask.self)
                Issue.record("expected 400")
            } catch let e as APIError {
                #expect(e.kind == .invalidParameter)
            }

            sandbox.resetLog()
            sandbox.schedule(Fault(count: 3, status: 429, method: .get, pathPrefix: "/workflows"))
            let wfs = try await client.workflows()
            #expect(!wfs.isEmpty)
            let log = sandbox.requestLog.filter { $0.path == "/workflows" }
            #expect(log.map(\.status) == [429, 429, 429, 200])
            #expect(zip(log.dropFirst(), log).map { $0.date.timeIntervalSince($1.date) } == [0.5, 1, 2])

            sandbox.schedule(Fault(count: 2, status: 503, method: .get, pathPrefix: "/spaces"))
            #expect(try await client.spaces().count > 0)
        }
    }

    @Test func overHTTPLostAnswerToAPostIsNotRepeated() async throws {
        let clock = TestClock()
        let sandbox = Sandbox(dataset: DemoDataset.make(now: Date(timeIntervalSince1970: 1_800_000_000)),
                              options: SandboxOptions(token: "tok", rateLimitPerMinute: nil, now: { clock.now }))
        let task = try #require(sandbox.snapshot().tasks.first)
        let before = sandbox.comments(onTask: task.id).count
        try await Self.overHTTP(sandbox, clock: clock) { client in
            sandbox.schedule(.applyThenDrop(method: .post, pathPrefix: "/tasks/\(task.id)/comments"))
            do {
                _ = try await client.addComment(task: task.id, CommentParams(text: "over http", plainText: true))
                Issue.record("expected outcomeUnknown")
            } catch let e as APIError {
                #expect(e.kind == .outcomeUnknown)
            }
            #expect(sandbox.requestLog.filter { $0.method == .post }.count == 1)
            #expect(sandbox.comments(onTask: task.id).count == before + 1)
        }
    }
}
