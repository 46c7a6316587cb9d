// My Work (Features/MyWork): the tasks assigned to me, active, across the account, as a list source.
// Opened before contacts said who "me" is, it waits for them (never lists everyone's tasks); then it
// pages, revalidates, retries and acts like a folder's list.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct MyWorkTests {
    static let read = ListRead.tasks(MyWork.query(me: "ME"))

    static func isTaskLoad(_ e: Effect) -> Bool { if case .loadTasks = e { true } else { false } }

    /// My Work listed with the fixture's tasks assigned to ME (T1, T4), from a state where names are known.
    static func listed(page: TaskPage? = nil) -> AppState {
        var s = loadedState()
        _ = s.update(.openList(.myWork))
        let mine = Fixture.tasks.filter { ($0.responsibleIds ?? []).contains("ME") }
        _ = s.handle(.taskPage(read: read, generation: s.list.generation, firstPage: true,
                               .success(page ?? TaskPage(tasks: mine, total: mine.count))))
        return s
    }

    @Test func theTreeShowsItsRowAboveTheSpacesAndTheCursorStartsOnTheFirstSpace() throws {
        let s = startedWithoutNames()
        #expect(s.tree.rows.first == MyWork.treeRow)
        #expect(s.tree.rows.first?.source == .myWork)
        #expect(s.tree.rows[1].kind == .space)
        #expect(s.tree.cursor == 1)
    }

    @Test func openedBeforeMeIsKnownItWaitsThenLoadsMine() throws {
        var s = startedWithoutNames()
        #expect(s.session.directoryStatus == .notLoaded)
        let open = s.update(.openList(.myWork))
        // Names are asked for at once; no task is read without "me".
        #expect(open == [.loadDirectory])
        #expect(s.list.source == .myWork && s.list.title == MyWork.title)
        #expect(s.list.status == .loading && s.list.waiting)
        #expect(s.focus == .list && s.tree.openedPath == MyWork.treeRow.path)
        // Ticks while waiting send nothing more (the names are on their way).
        #expect(!s.update(.tick(testNow.addingTimeInterval(1))).contains { Self.isTaskLoad($0) || $0 == .loadDirectory })
        // Contacts arrive: my tasks are read.
        let names = s.handle(.directory(.success(Fixture.bootstrap)))
        #expect(names.contains(.loadTasks(read: Self.read, generation: s.list.generation, pageToken: nil,
                                          pageSize: AppState.firstPageSize)))
        #expect(!s.list.waiting && s.list.status == .loading)
        let mine = Fixture.tasks.filter { ($0.responsibleIds ?? []).contains("ME") }
        _ = s.handle(.taskPage(read: Self.read, generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: mine, total: mine.count))))
        #expect(s.list.status == .loaded && s.list.tasks.map(\.id) == ["T1", "T4"])
    }

    @Test func openedBeforeTheBootstrapItAsksForNamesWhenTheBootstrapArrives() {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.start)
        #expect(s.update(.openList(.myWork)).isEmpty)
        #expect(s.list.waiting)
        var first = Fixture.bootstrap
        first.me = nil; first.contacts = []; first.hasDirectory = false
        let boot = s.handle(.bootstrap(.success(first)))
        #expect(boot.contains(.loadDirectory) && !boot.contains { Self.isTaskLoad($0) })
        // A warm start whose file names me: listed at once.
        var w = AppState(now: testNow, timeZone: utc)
        _ = w.update(.start)
        _ = w.update(.openList(.myWork))
        var warm = Fixture.bootstrap
        warm.hasDirectory = false; warm.fromDiskCache = true
        #expect(w.handle(.bootstrap(.success(warm))).contains { $0 == .loadTasks(read: Self.read, generation: w.list.generation,
                                                                                  pageToken: nil, pageSize: AppState.firstPageSize) })
    }

    @Test func openedAfterMeIsKnownItLoadsAtOnceAndNotTwice() {
        var s = loadedState()
        let effects = s.update(.openList(.myWork))
        #expect(effects == [.loadTasks(read: Self.read, generation: s.list.generation, pageToken: nil,
                                       pageSize: AppState.firstPageSize)])
        #expect(s.list.folderId == nil)
        // The folder's late page is dropped.
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation - 1, firstPage: true,
                               .success(TaskPage(tasks: Fixture.tasks))))
        #expect(s.list.tasks.isEmpty)
        // Opening it again while it loads (or once loaded) reads nothing more; from the tree row neither.
        #expect(s.update(.openList(.myWork)).isEmpty)
        s.focus = .tree
        s.tree.cursor = 0
        #expect(s.update(.open).isEmpty)
        #expect(s.focus == .list)
    }

    @Test func contactsWithoutMeFailInPlainWordsAndReadNoTasks() {
        var s = startedWithoutNames()
        _ = s.update(.openList(.myWork))
        var nobody = Fixture.bootstrap
        nobody.me = nil
        let effects = s.handle(.directory(.success(nobody)))
        #expect(!effects.contains { Self.isTaskLoad($0) })
        #expect(s.list.status == .failed(AppState.meUnknownMessage) && !s.list.waiting)
    }

    @Test func aFailedDirectoryFailsTheWaitAndItsRetryResumesIt() {
        var s = startedWithoutNames()
        _ = s.update(.openList(.myWork))
        _ = s.handle(.directory(.failure(ServiceFailure("Wrike is having trouble (HTTP 503); try again soon.", retryable: true))))
        guard case .failed(let m) = s.list.status else { Issue.record("\(s.list.status)"); return }
        #expect(m.contains("HTTP 503"))
        // The automatic retry reads the names again (not the tasks), then the list follows.
        let retry = s.update(.tick(testNow.addingTimeInterval(10)))
        #expect(retry.contains(.loadDirectory) && !retry.contains { Self.isTaskLoad($0) })
        #expect(s.list.status == .loading && s.list.waiting)
        let names = s.handle(.directory(.success(Fixture.bootstrap)))
        #expect(names.contains { Self.isTaskLoad($0) })
        // `r` after a failed wait asks for the names again too.
        var r = startedWithoutNames()
        _ = r.update(.openList(.myWork))
        _ = r.handle(.directory(.failure(ServiceFailure("Cannot reach Wrike."))))
        #expect(r.update(.refresh).contains(.loadDirectory))
    }

    @Test func signedOutItFailsWithTheSignedOutWords() {
        var s = startedWithoutNames()
        _ = s.handle(.signInRequired)
        #expect(s.update(.openList(.myWork)).isEmpty)
        guard case .failed(let m) = s.list.status else { Issue.record("\(s.list.status)"); return }
        #expect(m.contains(AppState.signedOutReadMessage))
    }

    @Test func pagesFollowTheTokenWithTheSameRead() {
        let many = (0..<30).map { Fixture.task("M\($0)", "Mine \($0)", assignees: ["ME"]) }
        var s = Self.listed(page: TaskPage(tasks: Array(many.prefix(10)), nextPageToken: "P2", total: 30))
        #expect(s.list.title == MyWork.title && s.list.total == 30)
        s.focus = .list
        let more = s.update(.bottom)
        #expect(more == [.loadTasks(read: Self.read, generation: s.list.generation, pageToken: "P2", pageSize: AppState.pageSize)])
        _ = s.handle(.taskPage(read: Self.read, generation: s.list.generation, firstPage: false,
                               .success(TaskPage(tasks: Array(many.dropFirst(10)), total: 30))))
        #expect(s.list.tasks.count == 30 && s.list.nextPageToken == nil && !s.list.loadingMore)
    }

    @Test func revalidationRereadsMyWorkAndDropsWhatIsNoLongerMine() {
        var s = Self.listed()
        s.session.revalidation.interval = 60
        _ = s.update(.tick(testNow.addingTimeInterval(1)))
        let effects = s.update(.tick(testNow.addingTimeInterval(62)))
        #expect(effects == [.revalidateTasks(read: Self.read, generation: s.list.generation, pageSize: AppState.firstPageSize)])
        // T4 was reassigned in Wrike meanwhile: the revalidated page no longer has it.
        let t1 = Fixture.tasks.filter { $0.id == "T1" }
        _ = s.handle(.revalidatedTasks(read: Self.read, generation: s.list.generation, .success(TaskPage(tasks: t1, total: 1))))
        #expect(s.list.tasks.map(\.id) == ["T1"])
        // A refresh reads the same source again.
        let r = s.update(.refresh)
        #expect(r.contains { if case .loadTasks(let read, _, nil, _) = $0 { read == Self.read } else { false } })
    }

    @Test func aStatusChangeFromMyWorkWritesThroughToItsList() throws {
        var s = Self.listed()
        s.focus = .list
        s.list.cursor = try #require(s.list.rowIndex(ofTask: "T4"))
        #expect(s.update(.action(.changeStatus)).isEmpty)
        _ = s.update(.action(.picker(.type("Done"))))
        let effects = s.update(.action(.picker(.accept)))
        guard case .updateTask(let id, let update, let token)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(id == "T4" && update == TaskUpdate(customStatus: "CS_DONE"))
        #expect(s.list.tasks.first { $0.id == "T4" }?.customStatusId == "CS_DONE")
        var done = try #require(Fixture.tasks.first { $0.id == "T4" })
        done.customStatusId = "CS_DONE"
        done.status = .completed
        _ = s.handle(.taskWrite(token: token, .success([done])))
        #expect(s.list.info[try #require(s.list.index["T4"])].finished)
        #expect(s.list.source == .myWork)
    }

    @Test func theDetailOfAMyWorkTaskIsReadWithItsNeighboursAndNoFolder() {
        var s = Self.listed()
        let context = s.detailContext(for: "T1")
        #expect(context.folderId == nil && context.prefetch == ["T4"])
        s.focus = .list
        s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
        #expect(s.update(.open) == [.loadDetail(taskId: "T1", context: context)])
    }

    // MARK: - Requests (counted in the sandbox's log, through the app's service)

    /// Requests to open My Work once names are known: one `GET /tasks` page (then the dependencies of its
    /// tasks and the titles of predecessors it does not list, for the blocked marker, as a folder's list).
    static let openCeiling = 3

    static func query(_ r: LoggedRequest) -> [String: String] {
        Dictionary(r.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func requestsToOpenMyWork() async throws {
        var (setup, _) = try await RequestCountTests.firstFrame()
        await RequestCountTests.settle(&setup)
        let me = try #require(setup.state.catalog.directory.meId)
        let before = setup.sandbox.requestLog.count
        setup.followUps = setup.state.update(.openList(.myWork))
        await RequestCountTests.settle(&setup)
        let log = Array(setup.sandbox.requestLog.dropFirst(before))
        #expect(log.count <= Self.openCeiling, "\(log.map(\.path))")
        let lists = log.filter { $0.path == "/tasks" }
        #expect(lists.count == 1 && log.first?.path == "/tasks", "\(log.map(\.path))")
        let q = Self.query(try #require(lists.first))
        #expect(q["responsibles"] == "[\"\(me)\"]" && q["status"] == "[\"Active\"]" && q["subTasks"] == "true")
        #expect(q["fields"] == WrikeFormat.jsonArray(TaskQuery.listFields) && q["pageSize"] == String(AppState.firstPageSize))
        let s = setup.state
        #expect(s.list.status == .loaded && s.list.taskCount > 0)
        #expect(s.list.tasks.allSatisfy { ($0.responsibleIds ?? []).contains(me) && $0.status == .active })
        print("requests to open My Work: \(log.count): \(log.map { "\($0.method) \($0.path)" })")
    }

    /// Opened right after the first frame, before contacts: the names first, then one `GET /tasks` for
    /// me; never a task list without `responsibles`.
    @Test func requestsToOpenMyWorkBeforeNames() async throws {
        var (setup, _) = try await RequestCountTests.firstFrame()
        let before = setup.sandbox.requestLog.count
        setup.followUps += setup.state.update(.openList(.myWork))
        await RequestCountTests.settle(&setup)
        let log = Array(setup.sandbox.requestLog.dropFirst(before))
        let contacts = try #require(log.firstIndex { $0.path == "/contacts" })
        let lists = log.indices.filter { log[$0].path == "/tasks" }
        #expect(lists.count == 1 && lists.allSatisfy { $0 > contacts }, "\(log.map(\.path))")
        #expect(lists.allSatisfy { Self.query(log[$0])["responsibles"] == "[\"\(setup.sandbox.meId)\"]" })
        #expect(setup.state.list.status == .loaded && setup.state.list.source == .myWork)
    }

    /// `--demo`: My Work, opened before the names, lists my active tasks from more than one space.
    @Test func theDemoListsMyTasksFromSeveralSpaces() async throws {
        let data = DemoDataset.make(now: testNow)
        let sandbox = Sandbox(dataset: data)
        let service = RequestCountTests.appService(sandbox)
        var s = AppState(now: testNow, timeZone: utc)
        _ = await drive(&s, .start, service: service)
        #expect(s.session.directoryStatus == .notLoaded)
        _ = await drive(&s, .openList(.myWork), service: service)
        #expect(s.list.status == .loaded && s.list.source == .myWork)
        let me = try #require(data.me)
        let expected = data.tasks.filter { ($0.responsibleIds ?? []).contains(me) && $0.status == .active && $0.scope != .rbTask }
        #expect(Set(s.list.tasks.map(\.id)) == Set(expected.map(\.id)))
        // Every custom status of the Active group (not only "Active"); none of Deferred, Completed, Cancelled.
        let listed = Set(s.list.tasks.compactMap(\.customStatusId))
        let groups = Dictionary(data.workflows.flatMap { $0.customStatuses ?? [] }.map { ($0.id, $0.group) }, uniquingKeysWith: { a, _ in a })
        #expect(listed.count >= 2 && listed.allSatisfy { groups[$0] == .active }, "\(listed)")
        #expect(data.tasks.contains { ($0.responsibleIds ?? []).contains(me) && $0.status == .deferred })
        let spaces = Set(expected.flatMap { data.spaces(of: $0) })
        #expect(spaces.count >= 2, "my tasks are in \(spaces)")
    }

    /// Both services send My Work's read as the same `GET /tasks`, paged with the token.
    @Test func bothServicesSendTheSameMyWorkRequest() async throws {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow), options: SandboxOptions(token: "t", rateLimitPerMinute: nil))
        let me = sandbox.meId
        let read = try #require(ListSource.myWork.read(me: me))
        let client = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("t")))
        let first = try await client.tasks(read, pageSize: 5, pageToken: nil)
        let next = try #require(first.nextPageToken)
        _ = try await client.tasks(read, pageSize: 5, pageToken: next)
        _ = try await TransportService(transport: sandbox, token: "t").tasks(read, pageSize: 5, pageToken: nil)
        let log = sandbox.requestLog
        #expect(log.map(\.path) == ["/tasks", "/tasks", "/tasks"])
        let query = ["subTasks=true", #"status=["Active"]"#, #"responsibles=["\#(me)"]"#, "fields=\(ServiceRequestTests.listFields)",
                     "pageSize=5"]
        #expect(ServiceRequestTests.query(log[0]) == query)
        #expect(ServiceRequestTests.query(log[1]) == query + ["nextPageToken=\(next)"])
        #expect(ServiceRequestTests.query(log[2]) == query)
    }
}
