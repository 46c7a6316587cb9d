import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI

private func titles(_ s: AppState) -> [String] { s.list.rows.map { s.list.info[Int($0.task)].title } }
private func ids(_ s: AppState) -> [String] { s.list.rows.map { s.list.tasks[Int($0.task)].id } }

@Suite struct StartAndTreeTests {
    @Test func startLoadsBootstrapThenFirstSpaceTree() {
        var s = AppState(now: testNow, timeZone: utc)
        #expect(s.update(.start) == [.loadBootstrap, .timer(.read), .inbox(.load)])
        #expect(s.session.bootstrap == .loading)
        let effects = s.handle(.bootstrap(.success(Fixture.bootstrap)))
        #expect(effects.contains(.loadTree(spaceId: "SP1")))
        #expect(s.catalog.directory.accountName == "Northwind")
        #expect(s.tree.rows.map(\.title) == [MyWork.title, "Inbox", "Engineering", "loading…", "Marketing"])
    }

    @Test func bootstrapFailureReachesStatusLine() {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.start)
        _ = s.handle(.bootstrap(.failure(ServiceFailure("Cannot reach Wrike."))))
        #expect(s.session.bootstrap == .failed("Cannot reach Wrike."))
        #expect(s.status.lastError == "Cannot reach Wrike.")
    }

    /// The first read answered 404: the API address is wrong (a --base-url without /api/v4, a wrong
    /// WRIKE_HOST), not a deleted item; before, it said "Not found in Wrike; it may have been deleted or moved."
    @Test func aNotFoundFirstReadNamesTheAddress() {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.start)
        _ = s.handle(.bootstrap(.failure(ServiceFailure("Not found in Wrike; it may have been deleted or moved.",
                                                        notFound: true))))
        #expect(s.status.lastError == AppState.apiAddressNotFound)
        #expect(s.session.bootstrap == .failed(AppState.apiAddressNotFound))
        #expect(AppState.apiAddressNotFound.contains("--base-url") && AppState.apiAddressNotFound.contains("WRIKE_HOST"))
    }

    @Test func folderWithTwoParentsShowsUnderEach() throws {
        var s = loadedState()
        s.focus = .tree
        #expect(s.tree.rows.first { $0.id == "F1" }?.expanded == true)  // Platform was opened (and expanded)
        s.tree.cursor = try #require(s.tree.rows.firstIndex { $0.id == "P1" })
        #expect(s.tree.rows[s.tree.cursor].title == "Launch")
        _ = s.update(.toggleExpand)
        let shared = s.tree.rows.filter { $0.id == "SHARED" }
        #expect(shared.count == 2)
        #expect(Set(shared.map(\.path)) == ["SP1/F1/SHARED", "SP1/P1/SHARED"])
        #expect(s.tree.rows.first { $0.id == "P1" }?.project?.status == .green)
    }

    @Test func expandingAnUnloadedSpaceLoadsItsTreeLazily() {
        var s = loadedState()
        s.focus = .tree
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "SP2" } ?? 0
        #expect(s.update(.toggleExpand) == [.loadTree(spaceId: "SP2")])
        #expect(s.tree.spaceLoad["SP2"] == .loading)
        _ = s.handle(.tree(spaceId: "SP2", .failure(ServiceFailure("You do not have access to this in Wrike."))))
        #expect(s.tree.rows.contains { $0.failed && $0.title.contains("access") })
        // Collapse again.
        _ = s.update(.toggleExpand)
        #expect(!s.tree.rows.contains { $0.failed })
    }

    @Test func openOnTreeListsTasksAndFocusesList() {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.handle(.bootstrap(.success(Fixture.bootstrap)))
        _ = s.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "F1" } ?? 0
        let effects = s.update(.open)
        #expect(effects == [.loadTasks(read: .folder("F1"), generation: 1, pageToken: nil, pageSize: AppState.firstPageSize)])
        #expect(s.focus == .list)
        #expect(s.list.status == .loading)
        #expect(s.tree.openedPath == "SP1/F1")
        // Opening the same folder again does not reload.
        s.focus = .tree
        #expect(s.update(.open).isEmpty)
    }

    @Test func stalePagesAreDropped() {
        var s = loadedState()
        let old = s.list.generation
        s.focus = .tree
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "P1" } ?? 0
        _ = s.update(.open)
        _ = s.handle(.taskPage(read: .folder("F1"), generation: old, firstPage: true, .success(TaskPage(tasks: Fixture.tasks))))
        #expect(s.list.folderId == "P1")
        #expect(s.list.tasks.isEmpty)
        #expect(s.list.status == .loading)
    }
}

@Suite struct ListTests {
    @Test func rowsSortedByStatusWithSubtasksCollapsed() {
        let s = loadedState()
        #expect(ids(s) == ["T4", "T2", "T1", "T3"])
        #expect(s.list.info[s.list.index["T2"] ?? 0].statusName == "New")
        #expect(s.list.info[s.list.index["T1"] ?? 0].assignees == "Alex Morgan")
        #expect(s.list.rows[1].childCount == 2)
    }

    @Test func hostileTitleIsSanitized() {
        let s = loadedState()
        let t = titles(s)[0]
        #expect(t == "Evil red title")
        #expect(!t.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func moveClampsAndScrollFollows() {
        var s = loadedState()
        #expect(s.focus == .list)
        _ = s.update(.move(1))
        #expect(s.list.cursor == 1)
        _ = s.update(.move(-5))
        #expect(s.list.cursor == 0)
        _ = s.update(.bottom)
        #expect(s.list.cursor == 3)
        _ = s.update(.top)
        #expect(s.list.cursor == 0)
        s.list.expanded = []
        _ = s.update(.move(1))
        _ = s.update(.toggleExpand)  // T2
        #expect(ids(s) == ["T4", "T2", "T2a", "T2b", "T1", "T3"])
        _ = s.update(.bottom)
        #expect(s.list.cursor == 5)
        #expect(s.list.scroll == 2)  // 4 visible rows
        _ = s.update(.page(-1))
        #expect(s.list.cursor == 2)
        _ = s.update(.halfPage(1))
        #expect(s.list.cursor == 4)
        _ = s.update(.halfPage(-1))
        #expect(s.list.cursor == 2)
        _ = s.update(.page(1))
        #expect(s.list.cursor == 5)
    }

    @Test func toggleExpandCollapsesAgain() {
        var s = loadedState()
        _ = s.update(.move(1))
        _ = s.update(.toggleExpand)
        #expect(s.list.rows.count == 6)
        #expect(s.list.rows[2].depth == 1)
        _ = s.update(.toggleExpand)
        #expect(s.list.rows.count == 4)
        #expect(s.list.selectedTask?.id == "T2")
    }

    @Test func sortCycleAndReverseKeepSelection() {
        var s = loadedState()
        _ = s.update(.move(2))  // T1
        _ = s.update(.cycleSort)
        #expect(s.list.sort == .due)
        #expect(ids(s) == ["T3", "T1", "T2", "T4"])  // no due date last
        #expect(s.list.selectedTask?.id == "T1")
        _ = s.update(.reverseSort)
        #expect(ids(s) == ["T4", "T2", "T1", "T3"])
        _ = s.update(.cycleSort)
        #expect(s.list.sort == .importance)
        #expect(ids(s).first == "T1")
        _ = s.update(.cycleSort)
        #expect(s.list.sort == .title)
        #expect(ids(s) == ["T4", "T2", "T3", "T1"])
        _ = s.update(.cycleSort)
        #expect(s.list.sort == .updated)
        #expect(ids(s) == ["T3", "T2", "T1", "T4"])  // newest first
        _ = s.update(.setSort(.title, ascending: false))
        #expect(ids(s) == ["T1", "T3", "T2", "T4"])
        #expect(s.list.selectedTask?.id == "T1")
    }

    @Test func filterAsYouTypeWithAssigneeAndStatus() {
        var s = loadedState()
        _ = s.update(.beginFilter)
        #expect(s.list.editingFilter)
        _ = s.update(.filterType("r"))
        _ = s.update(.filterType("e"))
        #expect(Set(ids(s)) == ["T4", "T2"])  // "re": evil RED, REview
        _ = s.update(.filterType("v"))
        #expect(ids(s) == ["T2"])
        _ = s.update(.filterBackspace)
        #expect(Set(ids(s)) == ["T4", "T2"])
        _ = s.update(.filterClear)
        #expect(ids(s).count == 4)
        _ = s.update(.setFilter("@alex"))
        #expect(Set(ids(s)) == ["T1", "T4"])
        _ = s.update(.setFilter("@alex #progress"))
        #expect(ids(s) == ["T1"])
        _ = s.update(.setFilter("#done"))
        #expect(ids(s) == ["T3", "T2b"] || ids(s) == ["T2b", "T3"])
        _ = s.update(.setFilter("ship 🚀"))
        #expect(ids(s) == ["T3"])
        _ = s.update(.filterDeleteWord)
        #expect(s.list.filter == "ship ")
        _ = s.update(.endFilter(keep: true))
        #expect(!s.list.editingFilter)
        #expect(s.list.filter == "ship ")
        _ = s.update(.endFilter(keep: false))
        #expect(s.list.filter.isEmpty)
    }

    @Test func narrowingFilterEqualsFullFilter() {
        var a = loadedState()
        var b = loadedState()
        for ch in "@jos" { _ = a.update(.filterType(String(ch))) }
        _ = b.update(.setFilter("@jos"))
        #expect(ids(a) == ids(b))
        #expect(Set(ids(a)) == ["T3", "T4"])
    }

    @Test func escClearsFilterThenGoesBack() {
        var s = loadedState()
        _ = s.update(.setFilter("spec"))
        _ = s.update(.back)
        #expect(s.list.filter.isEmpty)
        #expect(s.focus == .list)
        _ = s.update(.back)
        #expect(s.focus == .tree)
    }

    @Test func nextPageLoadsNearTheEnd() {
        var s = loadedState()
        let gen = s.list.generation
        var page = TaskPage(tasks: Fixture.tasks, nextPageToken: "NEXT", total: 50)
        _ = s.handle(.taskPage(read: .folder("F1"), generation: gen, firstPage: true, .success(page)))
        // 4 rows, 4 visible: the cursor is already near the end, so the first page asked for more.
        #expect(s.list.loadingMore)
        page = TaskPage(tasks: [Fixture.task("T9", "Late page")], total: 50)
        _ = s.handle(.taskPage(read: .folder("F1"), generation: gen, firstPage: false, .success(page)))
        #expect(s.list.tasks.count == 7)
        #expect(!s.list.loadingMore)
        #expect(s.list.nextPageToken == nil)
        #expect(s.update(.bottom).isEmpty)
    }

    @Test func scrollingRequestsNextPage() {
        var s = loadedState(viewport: Viewport(treeRows: 5, listRows: 1, detailRows: 5, detailWidth: 40))
        let many = (0..<20).map { Fixture.task("X\($0)", "Task \($0)") }
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: many, nextPageToken: "P2", total: 40))))
        #expect(!s.list.loadingMore)
        #expect(s.update(.move(1)).isEmpty)
        let effects = s.update(.bottom)
        #expect(effects == [.loadTasks(read: .folder("F1"), generation: s.list.generation, pageToken: "P2", pageSize: AppState.pageSize)])
        #expect(s.update(.move(-1)).isEmpty)  // already loading
    }

    @Test func pageFailureKeepsListAndReportsError() {
        var s = loadedState()
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: false,
                               .failure(ServiceFailure("Rate limited by Wrike; try again in a minute."))))
        #expect(s.list.status == .loaded)
        #expect(s.status.lastError == "Rate limited by Wrike; try again in a minute.")
    }

    @Test func blockedMarkerFromUnfinishedPredecessor() {
        var s = loadedState()
        #expect(s.list.blocked.isEmpty)
        // T2 lists dependency D1; the page asked for it.
        #expect(s.catalog.requestedDependencies.contains("D1"))
        let fx = s.handle(.dependencies(.success([Dependency(id: "D1", predecessorId: "EXT", successorId: "T2", relationType: .finishToStart)])))
        #expect(fx == [.loadTasksById(ids: ["EXT"])])
        _ = s.handle(.tasksById(.success([Fixture.task("EXT", "Outside", status: "CS_PROG")])))
        #expect(s.list.blocked == ["T2"])
        _ = s.handle(.tasksById(.success([Fixture.task("EXT", "Outside", status: "CS_DONE")])))
        #expect(s.list.blocked.isEmpty)
    }

    /// A finished task is not blocked, whatever its predecessor: T2b (Done) waits for T1 (In Progress),
    /// T2 for the same open T1; only T2 carries the marker. A cancelled task neither.
    @Test func finishedTasksAreNotBlocked() {
        var s = loadedState()
        var cancelled = Fixture.task("T5", "Dropped", status: "CS_NEW")
        cancelled.customStatusId = nil
        cancelled.status = .cancelled
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: false,
                               .success(TaskPage(tasks: [cancelled], total: 7))))
        _ = s.handle(.dependencies(.success([
            Dependency(id: "D1", predecessorId: "T1", successorId: "T2", relationType: .finishToStart),
            Dependency(id: "D2", predecessorId: "T1", successorId: "T2b", relationType: .finishToStart),
            Dependency(id: "D3", predecessorId: "T1", successorId: "T5", relationType: .finishToStart)])))
        #expect(s.list.blocked == ["T2"])
    }
}

@Suite struct PaneTests {
    @Test func paneMovesAndWrap() {
        var s = loadedState()
        s.focus = .tree
        _ = s.update(.paneLeft)
        #expect(s.focus == .tree)
        _ = s.update(.paneRight)
        _ = s.update(.paneRight)
        #expect(s.focus == .detail)
        _ = s.update(.paneRight)
        #expect(s.focus == .detail)
        _ = s.update(.focusNext)
        #expect(s.focus == .tree)
        _ = s.update(.focusPrevious)
        #expect(s.focus == .detail)
        _ = s.update(.focus(.list))
        #expect(s.focus == .list)
    }

    @Test func helpOverlayTakesKeysUntilClosed() {
        var s = loadedState()
        _ = s.update(.toggleHelp)
        #expect(s.help != nil)
        _ = s.update(.move(3))
        #expect(s.help?.scroll == 3)
        #expect(s.list.cursor == 0)
        _ = s.update(.top)
        #expect(s.help?.scroll == 0)
        _ = s.update(.back)
        #expect(s.help == nil)
        _ = s.update(.toggleHelp)
        #expect(s.update(.quit) == [.quit])
        _ = s.update(.toggleHelp)
        #expect(s.help == nil)
    }

    @Test func quitAsksToQuit() {
        var s = loadedState()
        #expect(s.update(.quit) == [.quit])
    }

    @Test func tickMovesTimeAndLayoutClamps() {
        var s = loadedState()
        _ = s.update(.tick(testNow.addingTimeInterval(86_400 * 30)))
        #expect(s.today == "2024-07-15")
        _ = s.update(.bottom)
        _ = s.update(.layout(Viewport(treeRows: 2, listRows: 2, detailRows: 2, detailWidth: 30)))
        #expect(s.list.scroll == 2)
        #expect(s.viewport.detailWidth == 30)
    }
}

@Suite struct DetailTests {
    func opened() -> AppState {
        var s = loadedState(viewport: Viewport(treeRows: 10, listRows: 10, detailRows: 8, detailWidth: 60))
        _ = s.update(.move(2))  // T1
        return s
    }

    @Test func openLoadsDetailAndShowsSections() {
        var s = opened()
        let effects = s.update(.open)
        #expect(effects == [.loadDetail(taskId: "T1", context: s.detailContext(for: "T1"))])
        // The listed folder and the list's other rows (read with it in one batch).
        #expect(s.detailContext(for: "T1").folderId == "F1")
        #expect(Set(s.detailContext(for: "T1").prefetch) == Set(s.list.rows.map { s.list.tasks[Int($0.task)].id }).subtracting(["T1"]))
        #expect(s.focus == .detail)
        #expect(s.detail.isLoading)
        var full = Fixture.tasks[0]
        full.description = "<p>Hello <b>world</b> &amp; <a class=\"stream-user-id\">@José Álvarez</a></p><ul><li>one</li></ul>"
        full.authorIds = ["U3"]
        full.createdDate = "2024-06-14T12:00:00Z"
        full.customFields = [CustomFieldValue(id: "CF1", value: "8")]
        _ = s.handle(.detailTask(taskId: "T1", .success(full)))
        _ = s.handle(.comments(taskId: "T1", .success([Comment(id: "C1", authorId: "U2", text: "<p>Looks <i>good</i></p>",
                                                               createdDate: "2024-06-15T11:00:00Z")])))
        _ = s.handle(.approvals(taskId: "T1", .success([Approval(id: "A1", dueDate: "2024-06-17", decisions: [
            ApprovalDecision(approverId: "ME", status: .pending), ApprovalDecision(approverId: "U2", comment: "LGTM", status: .approved),
        ], status: .pending)])))
        _ = s.handle(.taskDependencies(taskId: "T1", .success([Dependency(id: "D9", predecessorId: "T1", successorId: "T3",
                                                                          relationType: .finishToStart)])))
        _ = s.handle(.attachments(taskId: "T1", .success([Attachment(id: "AT1", name: "spec.pdf", contentType: "application/pdf", size: 2_500_000)])))
        _ = s.handle(.timelogs(taskId: "T1", .success([Timelog(id: "L1", userId: "ME", hours: 1.5, trackedDate: "2024-06-14"),
                                                        Timelog(id: "L2", userId: "U2", hours: 2, trackedDate: "2024-06-15")])))
        #expect(!s.detail.isLoading)
        let text = s.detail.lines.map(\.text).joined(separator: "\n")
        #expect(text.hasPrefix("Write the spec"))
        #expect(text.contains("In Progress"))
        #expect(text.contains("2024-06-10 overdue"))
        #expect(text.contains("Author     José Álvarez"))
        #expect(text.contains("24 h ago (2024-06-14 12:00)"))
        #expect(text.contains("Hello world & @José Álvarez"))
        #expect(text.contains("• one"))
        #expect(text.contains("佐藤") || text.contains("花子"))
        #expect(text.contains("Looks good"))
        #expect(text.contains("waiting on you"))
        #expect(text.contains("LGTM"))
        #expect(text.contains("→ blocks Ship it 🚀  Done"))
        #expect(text.contains("spec.pdf  2.4 MB, application/pdf"))
        #expect(text.contains("Total  3h 30m"))
        #expect(s.detail.lines.contains { $0.spans.contains { $0.kind == .attention } })
        #expect(s.detail.sections.map(\.section).contains(.comments))
    }

    @Test func sectionJumpsAndScroll() {
        var s = opened()
        _ = s.update(.open)
        _ = s.handle(.detailTask(taskId: "T1", .success(Fixture.tasks[0])))
        for e in [Event.comments(taskId: "T1", .success([])), .approvals(taskId: "T1", .success([])),
                  .taskDependencies(taskId: "T1", .success([])), .attachments(taskId: "T1", .success([])),
                  .timelogs(taskId: "T1", .success([]))] { _ = s.handle(e) }
        #expect(s.detail.lines.count > 8)
        _ = s.update(.nextSection)
        #expect(s.detail.scroll == s.detail.sections[0].line)
        _ = s.update(.nextSection)
        #expect(s.detail.scroll == min(s.detail.sections[1].line, s.detail.lines.count - 8))
        _ = s.update(.previousSection)
        #expect(s.detail.scroll == s.detail.sections[0].line)
        _ = s.update(.bottom)
        #expect(s.detail.scroll == s.detail.lines.count - 8)
        _ = s.update(.move(-1))
        #expect(s.detail.scroll == s.detail.lines.count - 9)
        _ = s.update(.top)
        #expect(s.detail.scroll == 0)
        _ = s.update(.back)
        #expect(s.focus == .list)
    }

    @Test func lateResultsForAnotherTaskAreIgnored() {
        var s = opened()
        _ = s.update(.open)
        _ = s.handle(.comments(taskId: "OTHER", .success([Comment(id: "C", text: "x")])))
        #expect(s.detail.comments.isEmpty)
        #expect(s.detail.commentsStatus == .loading)
        _ = s.handle(.comments(taskId: "T1", .failure(ServiceFailure("Wrike is having trouble (HTTP 503); try again soon."))))
        #expect(s.detail.commentsStatus == .failed("Wrike is having trouble (HTTP 503); try again soon."))
        #expect(s.detail.lines.contains { $0.text.contains("HTTP 503") })
    }

    @Test func copyAndShowPermalink() {
        var s = opened()
        #expect(s.update(.copyPermalink) == [.copyToClipboard("https://www.wrike.com/open.htm?id=T1")])
        #expect(s.status.message?.contains("Copied") == true)
        // No browser can be started (the default environment): shown and copied.
        #expect(s.update(.showPermalink) == [.showHyperlink(url: "https://www.wrike.com/open.htm?id=T1",
                                                             text: "https://www.wrike.com/open.htm?id=T1"),
                                              .copyToClipboard("https://www.wrike.com/open.htm?id=T1")])
        #expect(s.status.link == "https://www.wrike.com/open.htm?id=T1")
        _ = s.update(.move(1))
        #expect(s.status.link == nil)
        var empty = AppState(now: testNow, timeZone: utc)
        #expect(empty.update(.copyPermalink).isEmpty)
        #expect(empty.status.lastError == "No task selected.")
    }

    @Test func refreshReloadsWhatIsOnScreenWithoutClearing() {
        var s = opened()
        _ = s.update(.open)
        let effects = s.update(.refresh)
        #expect(effects.contains(.invalidateCache))
        #expect(effects.contains(.loadTree(spaceId: "SP1")))
        #expect(effects.contains(.loadDetail(taskId: "T1", context: s.detailContext(for: "T1"))))
        #expect(effects.contains { if case .loadTasks(let f, _, nil, _) = $0 { f == .folder("F1") } else { false } })
        #expect(s.list.tasks.count == Fixture.tasks.count)  // still shown while refreshing
        #expect(s.list.status == .loaded)
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: Array(Fixture.tasks.prefix(2))))))
        #expect(s.list.tasks.count == 2)
        #expect(!s.list.refreshing)
    }
}
