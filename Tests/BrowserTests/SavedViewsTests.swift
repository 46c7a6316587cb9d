// Saved views (Features/Views): a view turned into Wrike's filters (names, dates) and local filters,
// the waits (a path's space, "me"), the number keys and the menu, the first screen, and the screen
// remembered between runs.
import Foundation
import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

@Suite struct SavedViewsTests {
    static let platform = SavedView(name: "Platform mine", source: .path(["engineering", "Platform"]),
                                    filters: ViewFilters(statuses: ["In Progress"], assignees: ["me"], importance: [.high],
                                                         dueBefore: "+7d", dueAfter: "2024-06-01", updatedSince: "-7d"),
                                    sort: .due, ascending: false, columns: [.title, .due])
    static let urgent = SavedView(name: "Urgent anywhere", source: .account,
                                  filters: ViewFilters(statuses: ["Active"], assignees: ["José Álvarez"], importance: [.high, .low]))

    static func withViews(_ views: [SavedView] = [platform, urgent], startup: String? = nil) -> AppState {
        var s = loadedState()
        s.setViews(views, startup: startup, remember: true)
        return s
    }

    static func loads(_ effects: [Effect]) -> [ListRead] {
        effects.compactMap { if case .loadTasks(let read, _, _, _) = $0 { read } else { nil } }
    }

    @Test func aViewBecomesWrikesFiltersWithNamesAndDatesResolved() throws {
        var s = Self.withViews()
        let effects = s.update(.views(.number(1)))
        var q = TaskQuery(importance: .high, responsibles: ["ME"], customStatuses: ["CS_PROG"],
                          dueDate: DateFilter(start: "2024-06-01", end: "2024-06-22"),
                          updatedDate: TimestampRange(start: Date(timeIntervalSince1970: 1_717_804_800)))  // 2024-06-08 00:00 UTC
        q.status = nil
        #expect(Self.loads(effects) == [.folderTasks("F1", q)])
        #expect(s.list.source == .view("Platform mine") && s.list.title == "Platform mine" && s.focus == .list)
        #expect(s.list.sort == .due && !s.list.ascending)
        #expect(s.shownColumns == [.title, .due])
        #expect(s.tree.openedPath == "view:Platform mine")
        // The query is what the sandbox is sent: Wrike's parameter names and encodings.
        let items = Dictionary(uniqueKeysWithValues: q.queryItems(scope: .folder("F1")).map { ($0.name, $0.value) })
        #expect(items["customStatuses"] == "[\"CS_PROG\"]" && items["importance"] == "High" && items["responsibles"] == "[\"ME\"]")
        #expect(items["dueDate"] == "{\"end\":\"2024-06-22\",\"start\":\"2024-06-01\"}" || items["dueDate"] == "{\"start\":\"2024-06-01\",\"end\":\"2024-06-22\"}")
        #expect(items["updatedDate"] == "{\"start\":\"2024-06-08T00:00:00Z\"}")
    }

    @Test func severalImportancesAreFilteredHereAndGroupsGoToStatus() throws {
        var s = Self.withViews()
        let effects = s.update(.views(.number(2)))
        let q = TaskQuery(status: [.active], responsibles: ["U3"])
        #expect(Self.loads(effects) == [.tasks(q)])
        let page = TaskPage(tasks: Fixture.tasks, total: 99)
        _ = s.handle(.taskPage(read: .tasks(q), generation: s.list.generation, firstPage: true, .success(page)))
        // High (T1) and Low (T3) kept; the Normal ones dropped; the server's total no longer applies.
        #expect(s.list.tasks.map(\.id).sorted() == ["T1", "T3"])
        #expect(s.list.total == 2)
        #expect(s.shownColumns == ListColumn.defaults)
    }

    @Test func groupsAndNamesTogetherBecomeCustomStatuses() {
        let v = SavedView(name: "x", source: .account, filters: ViewFilters(statuses: ["completed", "new"]))
        var s = Self.withViews([v])
        #expect(Self.loads(s.update(.views(.number(1)))) == [.tasks(TaskQuery(customStatuses: ["CS_DONE", "CS_NEW"]))])
    }

    @Test func whatCannotBeResolvedFailsInPlainWords() {
        let cases: [(SavedView, String)] = [
            (SavedView(name: "a", source: .account, filters: ViewFilters(statuses: ["Parked"])), "no workflow has a status named “Parked”"),
            (SavedView(name: "b", source: .account, filters: ViewFilters(assignees: ["Nobody Here"])), "no one is named “Nobody Here”"),
            (SavedView(name: "c", source: .path(["Engineering", "Nope"])), "“Nope” is not a folder or project there"),
            (SavedView(name: "d", source: .path(["Sales"])), "No space is named “Sales”"),
        ]
        for (v, words) in cases {
            var s = Self.withViews([v])
            #expect(Self.loads(s.update(.views(.number(1)))).isEmpty)
            guard case .failed(let m) = s.list.status else { Issue.record("\(v.name) did not fail"); continue }
            #expect(m.contains(words), "\(m)")
        }
    }

    @Test func aPathInASpaceNotReadYetWaitsForItsFolders() {
        let v = SavedView(name: "m", source: .path(["Marketing", "Campaigns"]))
        var s = Self.withViews([v])
        let open = s.update(.views(.number(1)))
        #expect(open == [.loadTree(spaceId: "SP2")])
        #expect(s.list.waiting && s.list.status == .loading)
        let tree = [FolderTreeEntry(id: "SP2", title: "Marketing", childIds: ["C1"]), FolderTreeEntry(id: "C1", title: "Campaigns", childIds: [])]
        let after = s.handle(.tree(spaceId: "SP2", .success(tree)))
        #expect(Self.loads(after) == [.folderTasks("C1", TaskQuery())])
        #expect(!s.list.waiting)
    }

    @Test func meAndNamesWaitForContacts() {
        var s = startedWithoutNames()
        s.setViews([Self.platform], startup: nil, remember: true)
        let open = s.update(.views(.number(1)))
        #expect(Self.loads(open).isEmpty && open.contains(.loadDirectory))
        #expect(s.list.waiting)
        let names = s.handle(.directory(.success(Fixture.bootstrap)))
        #expect(Self.loads(names).count == 1)
    }

    @Test func numberKeysAndTheMenu() throws {
        var s = Self.withViews()
        #expect(s.keymap.action(for: "2")?.intent == .views(.number(2)) && s.keymap.action(for: "9") == .view9)
        #expect(s.keymap.action(for: "v")?.intent == .views(.menu))
        #expect(s.update(.views(.number(5))).isEmpty)
        #expect(s.status.message == "There is no view 5: config.toml has 2.")
        _ = s.update(.views(.number(2)))
        _ = s.update(.views(.menu))
        guard case .views(let menu)? = s.modal else { Issue.record("no menu"); return }
        #expect(menu.labels == ["1 Platform mine", "2 Urgent anywhere"])
        #expect(menu.current?.name == "Urgent anywhere")  // the open view is highlighted
        _ = s.update(.action(.picker(.up)))
        let chosen = s.update(.action(.picker(.accept)))
        #expect(s.modal == nil && s.list.source == .view("Platform mine") && Self.loads(chosen).count == 1)
        var none = loadedState()
        _ = none.update(.views(.menu))
        #expect(none.modal == nil && none.status.message == SavedViews.noViews)
    }

    @Test func theTreeListsViewsAfterMyWork() {
        let s = Self.withViews()
        // The Inbox row stays beside My Work (the app always sets the views, none configured too).
        #expect(s.tree.rows.prefix(4).map(\.title) == [MyWork.title, "Inbox", "Platform mine", "Urgent anywhere"])
        #expect(s.tree.rows[2].source == .view("Platform mine") && s.tree.rows[4].kind == .space)
        var none = loadedState()
        none.setViews([], startup: nil, remember: true)
        #expect(none.tree.rows.prefix(2).map(\.title) == [MyWork.title, "Inbox"])
        #expect(s.viewNumber("Urgent anywhere") == 2)
    }

    /// A state started as the app starts, with views set before the bootstrap.
    static func starting(startup: String?, remembered: RememberedView?) -> (AppState, [Effect]) {
        var s = AppState(now: testNow, timeZone: utc)
        s.setViews([platform, urgent], startup: startup, remember: true)
        s.features.views.remembered = remembered
        _ = s.update(.start)
        let effects = s.handle(.bootstrap(.success(Fixture.bootstrap)))
        return (s, effects)
    }

    @Test func startupViewOpensTheFirstScreen() {
        let (s, effects) = Self.starting(startup: "Urgent anywhere", remembered: nil)
        #expect(s.list.source == .view("Urgent anywhere"))
        #expect(Self.loads(effects) == [.tasks(TaskQuery(status: [.active], responsibles: ["U3"]))])
        let (none, quiet) = Self.starting(startup: nil, remembered: nil)
        #expect(none.list.source == nil && Self.loads(quiet).isEmpty)
    }

    @Test func theRememberedScreenWinsAndComesBackWithSortAndFilter() throws {
        // Remembered: a view, sorted by title descending, filtered.
        var s = Self.withViews()
        _ = s.update(.views(.number(2)))
        _ = s.update(.setSort(.title, ascending: false))
        _ = s.update(.setFilter("ship"))
        let tick = s.update(.tick(testNow.addingTimeInterval(1)))
        let kept = try #require(tick.compactMap { if case .views(.remember(let r)) = $0 { r } else { nil } }.first)
        #expect(kept.list.view == "Urgent anywhere" && kept.list.sort == "title" && !kept.list.ascending && kept.list.filter == "ship")
        // Not handed over again while nothing changes; on quit only when changed.
        #expect(!s.update(.tick(testNow.addingTimeInterval(2))).contains { if case .views = $0 { true } else { false } })
        // Through the file and back.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("views-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ViewStateStore(directory: dir, profile: "p/../x")
        #expect(store.path.hasSuffix("/view-p_.._x.json"))
        #expect(store.load() == nil)
        store.perform(.remember(kept))
        let read = try #require(store.load())
        #expect(read == kept)
        // The next run: the remembered view over startup-view, with its sort and filter.
        let (next, effects) = Self.starting(startup: "Platform mine", remembered: read)
        #expect(next.list.source == .view("Urgent anywhere"))
        #expect(next.list.sort == .title && !next.list.ascending && next.list.filter == "ship")
        #expect(next.tree.openedPath == "view:Urgent anywhere")
        #expect(Self.loads(effects).count == 1)
        // A remembered view no longer in the config: startup-view instead.
        var gone = read
        gone.list.view = "Deleted"
        #expect(Self.starting(startup: "Platform mine", remembered: gone).0.list.source == .view("Platform mine"))
        // A remembered folder comes back as a folder.
        var folder = ScreenSnapshotScreen.List()
        folder.folderId = "F1"
        folder.title = "Platform"
        let (f, opened) = Self.starting(startup: nil, remembered: RememberedView(list: folder, openedPath: "SP1/F1"))
        #expect(f.list.source == .folder("F1") && f.tree.openedPath == "SP1/F1")
        // Its space is expanded down to it; once its folders arrive the cursor is on it.
        #expect(opened.contains(.loadTree(spaceId: "SP1")) && f.tree.expanded.contains("SP1"))
        var g = f
        _ = g.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
        #expect(g.tree.rows.contains { $0.path == "SP1/F1" })
    }

    @Test func aDamagedOrOtherVersionFileIsIgnored() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("views-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let logged = EventBox()
        let store = ViewStateStore(directory: dir, profile: "p", log: { _ in logged.post(.signInRequired) })
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(store.load() == nil)
        try Data("{\"version\":99,\"list\":{\"myWork\":true,\"title\":\"\",\"sort\":\"status\",\"ascending\":true,\"scroll\":0}}".utf8)
            .write(to: URL(fileURLWithPath: store.path))
        #expect(store.load() == nil)
        #expect(logged.take().count == 2)
    }

    @Test func daysInViews() {
        let today = DateInput.day("2024-06-15") ?? 0
        #expect(ViewDate.day("-7d", today: today).map { DateInput.format($0) } == "2024-06-08")
        #expect(ViewDate.day("-2w", today: today).map { DateInput.format($0) } == "2024-06-01")
        #expect(ViewDate.day("yesterday", today: today).map { DateInput.format($0) } == "2024-06-14")
        #expect(ViewDate.day("fri", today: today).map { DateInput.format($0) } == "2024-06-21")
        #expect(ViewDate.day("2024-02-30", today: today) == nil && !ViewDate.isValid("soon"))
        #expect(SavedView.Source.parse("My Work") == .myWork && SavedView.Source.parse("all") == .account)
        #expect(SavedView.Source.parse("IEAAAAAQI4AB5BGU") == .folder("IEAAAAAQI4AB5BGU"))
        #expect(SavedView.Source.parse("id:abc") == .folder("abc"))
        #expect(SavedView.Source.parse(" Engineering / Platform ") == .path(["Engineering", "Platform"]))
        #expect(SortField.parseView("-updated")! == (.updated, false) && SortField.parseView("title asc")! == (.title, true))
        #expect(SortField.parseView("due")! == (.due, nil) && SortField.parseView("colour") == nil)
    }

    @Test func theInstantStartsScreenKeepsTheViewAndItsFilterAndIsTheFirstScreen() throws {
        var s = Self.withViews()
        _ = s.update(.views(.number(2)))
        let q = TaskQuery(status: [.active], responsibles: ["U3"])
        _ = s.handle(.taskPage(read: .tasks(q), generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: Fixture.tasks, total: 6))))
        _ = s.update(.setFilter("ship"))
        let snap = try InstantStartTests.kept(s)
        #expect(snap.screen.list?.view == "Urgent anywhere" && snap.screen.list?.filter == "ship")
        var n = AppState(now: testNow, timeZone: utc)
        n.setViews([Self.platform, Self.urgent], startup: "Platform mine", remember: true)
        var b = Fixture.bootstrap
        b.fromDiskCache = true
        n.session.fromDisk.pending = (snap, b)
        let effects = n.update(.start)
        // Drawn from disk with its filter; read again with the view's filters; startup-view not opened.
        #expect(n.list.source == .view("Urgent anywhere") && n.list.filter == "ship" && n.list.tasks.count == 2)
        #expect(Self.loads(effects) == [.tasks(q)])
        // With `remember-view = false` the last screen is drawn, its filter is not kept.
        var off = AppState(now: testNow, timeZone: utc)
        off.setViews([Self.platform, Self.urgent], startup: "Platform mine", remember: false)
        off.session.fromDisk.pending = (snap, b)
        _ = off.update(.start)
        #expect(off.list.source == .view("Urgent anywhere") && off.list.filter.isEmpty && !off.list.isFiltered)
    }
}
