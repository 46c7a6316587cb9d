// Config `refresh-interval`: every N seconds while idle, the open list and the open task are read again
// quietly. Ticks drive it (their dates are the clock); no test waits.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct RevalidateTests {
    /// The fixture state with T1 open (all parts loaded) and revalidation every 60 s.
    static func open(interval: TimeInterval = 60) -> AppState {
        var s = loadedState()
        s.session.revalidation.interval = interval
        s.focus = .list
        _ = s.update(.open)
        let id = s.detail.taskId ?? ""
        _ = s.handle(.detailTask(taskId: id, .success(Fixture.tasks.first { $0.id == id })))
        for e: Event in [.comments(taskId: id, .success([])), .approvals(taskId: id, .success([])),
                         .taskDependencies(taskId: id, .success([])), .attachments(taskId: id, .success([])),
                         .timelogs(taskId: id, .success([]))] {
            _ = s.handle(e)
        }
        return s
    }

    static func at(_ seconds: Double) -> Intent { .tick(testNow.addingTimeInterval(seconds)) }

    @Test func ticksDriveItOncePerIntervalAndNotWhileItsReadsAreOut() {
        var s = Self.open()
        let id = s.detail.taskId ?? ""
        #expect(s.update(Self.at(1)).isEmpty)    // the count starts
        #expect(s.update(Self.at(60)).isEmpty)   // 59 s: not yet
        let effects = s.update(Self.at(61))
        #expect(effects == [.revalidateTasks(read: .folder("F1"), generation: s.list.generation, pageSize: AppState.firstPageSize),
                            .revalidateDetail(taskId: id)])
        #expect(s.session.revalidation.inFlight == 2)
        // Long after, but its reads are still out: nothing more is sent.
        #expect(s.update(Self.at(200)).isEmpty)
        // Answers identical to what is shown (as Wrike sends them: all fields): nothing is rebuilt
        // (`total` would be recomputed by a rebuild).
        let rows = s.list.rows
        s.list.total = 999
        #expect(s.handle(.revalidatedTasks(read: .folder("F1"), generation: s.list.generation,
                                           .success(TaskPage(tasks: Fixture.tasks, total: Fixture.tasks.count)))).isEmpty)
        #expect(s.list.total == 999)
        _ = s.handle(.revalidatedDetail(taskId: id, task: .success(s.detail.task), comments: .success([])))
        #expect(s.session.revalidation.inFlight == 0)
        #expect(s.list.rows == rows)
        // The next one counts from when the last went out (61 s), so it is due at once (200 ≥ 121).
        #expect(s.update(Self.at(201)).count == 2)
        #expect(s.session.revalidation.count == 2)
    }

    @Test func offWhenTheIntervalIsZero() {
        var s = Self.open(interval: 0)
        for i in stride(from: 0.0, through: 3600, by: 30) { #expect(s.update(Self.at(i)).isEmpty) }
    }

    @Test func skippedWhileAnythingLoadsIsWrittenWaitsOrThrottles() {
        func due(_ change: (inout AppState) -> Void) -> [Effect] {
            var s = Self.open()
            _ = s.update(Self.at(0))
            change(&s)
            return s.update(Self.at(61))
        }
        #expect(due { _ in }.count == 2)
        #expect(due { $0.list.loadingMore = true }.isEmpty)
        #expect(due { $0.list.refreshing = true }.isEmpty)
        #expect(due { $0.detail.commentsStatus = .loading }.isEmpty)
        #expect(due { $0.tree.spaceLoad["SP2"] = .loading }.isEmpty)
        #expect(due { $0.actions.pending[7] = PendingEdit(rollback: [], summary: "Status changed") }.isEmpty)
        #expect(due { $0.session.autoRetry = AutoRetry(attempt: 0, due: testNow.addingTimeInterval(90), reason: "Wrike unavailable") }.isEmpty)
        #expect(due { $0.status.clientUnderPressure = true }.isEmpty)
        #expect(due { $0.status.client = "Rate limited by Wrike, retrying in 3 s." }.isEmpty)
        #expect(due { $0.session.signedOut = true }.isEmpty)
        // A comment being sent: the list and the detail are left alone until its answer.
        #expect(due { s in
            _ = s.update(.action(.comment))
            _ = s.update(.action(.editor(.insert("hi"))))
            _ = s.update(.action(.editor(.send)))
        }.isEmpty)
        // Once the load is over, the next tick sends it.
        var s = Self.open()
        _ = s.update(Self.at(0))
        s.list.loadingMore = true
        #expect(s.update(Self.at(61)).isEmpty)
        s.list.loadingMore = false
        #expect(s.update(Self.at(62)).count == 2)
    }

    @Test func aChangedListKeepsTheSelectionFilterAndScroll() throws {
        var s = Self.open()
        s.viewport.listRows = 2
        s.focus = .list
        _ = s.update(.setFilter("s"))  // matches several titles
        _ = s.update(.move(1))
        let selected = try #require(s.list.selectedTask?.id)
        let scroll = s.list.scroll
        let filter = s.list.filter
        _ = s.update(Self.at(0))
        _ = s.update(Self.at(61))
        // Wrike now has a renamed task and a new one (sorted before the others), the selected one unchanged.
        var tasks = Array(s.list.tasks)
        let other = try #require(tasks.firstIndex { $0.id != selected })
        tasks[other].title = "Renamed spec"
        tasks[other].updatedDate = "2024-06-15T11:59:00Z"
        tasks.insert(Fixture.task("T0", "A new task", importance: .high, updated: "2024-06-14T00:00:00Z"), at: 0)
        _ = s.handle(.revalidatedTasks(read: .folder("F1"), generation: s.list.generation, .success(TaskPage(tasks: tasks, total: tasks.count))))
        #expect(s.list.tasks.count == Fixture.tasks.count + 1)
        #expect(s.list.tasks.contains { $0.title == "Renamed spec" })
        #expect(s.list.selectedTask?.id == selected)
        #expect(s.list.filter == filter && s.list.isFiltered)
        #expect(s.list.status == .loaded && !s.list.refreshing)
        #expect(abs(s.list.scroll - scroll) <= 1)
        #expect(s.list.scroll <= s.list.cursor && s.list.cursor < s.list.scroll + 2)
        #expect(s.focus == .list)
    }

    @Test func aLateOrStaleAnswerIsDropped() {
        var s = Self.open()
        _ = s.update(Self.at(0))
        _ = s.update(Self.at(61))
        let generation = s.list.generation
        let tasks = Array(s.list.tasks)
        // The user opened another folder meanwhile (a new generation): the old folder's answer is not applied.
        s.list.generation += 1
        _ = s.handle(.revalidatedTasks(read: .folder("F1"), generation: generation, .success(TaskPage(tasks: [], total: 0))))
        #expect(s.list.tasks.elementsEqual(tasks))
        // A failure is silent.
        s.status.lastError = nil
        _ = s.handle(.revalidatedDetail(taskId: s.detail.taskId ?? "", task: .failure(ServiceFailure("Wrike unavailable (503).")),
                                        comments: .failure(ServiceFailure("Wrike unavailable (503)."))))
        #expect(s.status.lastError == nil)
        #expect(s.detail.taskStatus == .loaded && s.detail.commentsStatus == .loaded)
        #expect(s.session.revalidation.inFlight == 0)
    }

    @Test func aNewCommentAppearsAtTheSameScrollPosition() throws {
        var s = Self.open()
        s.viewport.detailRows = 3
        s.focus = .detail
        _ = s.update(.move(2))
        let scroll = s.detail.scroll
        _ = s.update(Self.at(0))
        _ = s.update(Self.at(61))
        let id = try #require(s.detail.taskId)
        let comment = Comment(id: "C9", authorId: "U2", text: "Looks good from here", createdDate: "2024-06-15T11:00:00Z", taskId: id)
        _ = s.handle(.revalidatedDetail(taskId: id, task: .success(s.detail.task), comments: .success([comment])))
        #expect(s.detail.comments.map(\.id) == ["C9"])
        #expect(s.detail.lines.contains { $0.text.contains("Looks good from here") })
        #expect(s.detail.scroll == scroll)
    }

    /// What one revalidation costs against the sandbox, through the app's service on the shared client:
    /// one list page, the task and its comments; nothing between intervals; never a write.
    @Test func requestCostPerIntervalOnTheSandbox() async throws {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow), options: SandboxOptions(rateLimitPerMinute: nil))
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test")))
        var s = AppState(now: testNow, timeZone: utc)
        s.session.revalidation.interval = 60
        _ = s.update(.layout(Viewport(treeRows: 20, listRows: 20, detailRows: 20, detailWidth: 60)))
        _ = await drive(&s, .start, service: service)
        s.tree.cursor = try #require(s.tree.rows.firstIndex { $0.kind == .folder || $0.kind == .project })
        _ = await drive(&s, .open, service: service)
        _ = await drive(&s, .open, service: service)
        #expect(s.detail.taskStatus == .loaded)
        _ = await drive(&s, Self.at(1), service: service)  // also loads the names
        let base = sandbox.requestLog.count
        for i in 2...60 { _ = await drive(&s, Self.at(Double(i)), service: service) }
        #expect(sandbox.requestLog.count == base, "nothing before the interval")
        _ = await drive(&s, Self.at(61), service: service)
        let first = Array(sandbox.requestLog.dropFirst(base))
        #expect(first.count == 3)
        #expect(first.filter { $0.path.hasPrefix("/folders/") && $0.path.hasSuffix("/tasks") }.count == 1)
        #expect(first.filter { $0.path.hasSuffix("/comments") }.count == 1)
        #expect(first.allSatisfy { $0.method == .get })
        // Ten more intervals: three requests each, and the screen is unchanged (nothing changed in Wrike).
        let rows = s.list.rows
        let generation = s.list.generation, count = s.list.tasks.count
        for i in 1...10 {
            for t in stride(from: 0.0, to: 60, by: 15) { _ = await drive(&s, Self.at(61 + Double(i) * 60 + t), service: service) }
        }
        #expect(sandbox.requestLog.count == base + 3 * 11)
        #expect(s.list.rows == rows)
        #expect(s.list.generation == generation && s.list.tasks.count == count)
        #expect(s.session.revalidation.count == 11)
        print("revalidation cost: \(first.count) requests per interval: \(first.map { "\($0.method) \($0.path)" })")
    }
}
