// Go-to (Features/GoTo): ranking places by name then path, actions by name then help text; permalink and
// task-id parsing; what Enter on each kind of row does; the permalink looked up against the sandbox.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct GoToTests {
    static func palette(_ s: AppState) -> GoToModel? {
        if case .goTo(let m)? = s.modal { m } else { nil }
    }

    static func typed(_ text: String, into s: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for ch in text { effects += s.update(.action(.picker(.type(String(ch))))) }
        return effects
    }

    @Test func theKeyOpensThePaletteAndReadsTheTreesNotReadYet() throws {
        var s = loadedState()
        #expect(s.keymap.action(for: ":", in: .browse) == .goTo)
        let effects = s.update(Action.goTo.intent)
        // SP1's tree is read; SP2's is not yet: go-to reads it so its folders can be found.
        #expect(effects == [.loadTree(spaceId: "SP2")])
        #expect(s.keyMode == .picker)
        let m = try #require(Self.palette(s))
        #expect(m.places.map(\.id) == ["SP1", "F1", "SHARED", "P1", "SP2"])
        // A tree arriving while it is open adds its folders.
        _ = s.handle(.tree(spaceId: "SP2", .success([FolderTreeEntry(id: "SP2", title: "Marketing", childIds: ["M1"]),
                                                     FolderTreeEntry(id: "M1", title: "Campaigns", childIds: [])])))
        #expect(Self.palette(s)?.places.map(\.id) == ["SP1", "F1", "SHARED", "P1", "SP2", "M1"])
    }

    @Test func namesRankBeforeActionsBeforePathsBeforeHelpText() throws {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        _ = Self.typed("plat", into: &s)
        let m = try #require(Self.palette(s))
        #expect(m.picker.current?.target == .folder(id: "F1", path: "SP1/F1", title: "Platform"))
        // "engshared" is in no name, but in Engineering / Platform / Shared docs.
        let places = GoTo.places(s.tree)
        let actions = GoTo.actions(s.keymap, ascii: true)
        let ranked = GoTo.rank("engshared", places: places, actions: actions)
        #expect(ranked.first?.target == .folder(id: "SHARED", path: "SP1/F1/SHARED", title: "Shared docs"))
        // An action's name before a folder's path; a name's match before the path's.
        let work = GoTo.rank("my-work", places: places, actions: actions)
        #expect(work.first?.target == .action(.myWork))
        let launch = GoTo.rank("launch", places: places, actions: actions)
        #expect(launch.first?.target == .folder(id: "P1", path: "SP1/P1", title: "Launch"))
        #expect(launch.first?.label == "Launch  (project in Engineering)")
        // Help text finds an action whose name does not match.
        let clip = GoTo.rank("clipboard", places: places, actions: actions)
        #expect(clip.first?.target == .action(.copyLink))
        #expect(GoTo.rank("zzzqqq", places: places, actions: actions).isEmpty)
    }

    @Test func everyPaneActionIsListedWithItsKeysButGoToItself() {
        let actions = GoTo.actions(Keymap.defaults, ascii: true)
        let browse = Keymap.defaults.bindings(in: .browse).map(\.action).filter { $0 != .goTo }
        #expect(actions.map(\.action) == browse)
        #expect(!actions.contains { $0.action == .goTo || $0.action == .pickerChoose })
        #expect(actions.first { $0.action == .top }?.keys == "g, Home")
        let items = GoTo.rank("", places: [], actions: actions)
        #expect(items.first?.label == "Move down  · move-down [j, Down]")
    }

    @Test func permalinksAndIdsAreRecognised() {
        #expect(GoTo.permalinkNumber("https://www.wrike.com/open.htm?id=1000500123") == "1000500123")
        #expect(GoTo.permalinkNumber("  open.htm?id=42 ") == "42")
        #expect(GoTo.permalinkNumber("https://www.wrike.com/workspace.htm?acc=7#/task-view?id=77&ov=1") == "77")
        #expect(GoTo.permalinkNumber("123") == "123")
        #expect(GoTo.permalinkNumber("https://example.com/page?id=5") == nil)
        #expect(GoTo.permalinkNumber("open.htm?id=") == nil)
        #expect(GoTo.permalinkNumber("plat") == nil)
        #expect(GoTo.permalinkNumber(String(repeating: "9", count: 40)) == nil)
        #expect(GoTo.looksLikeAPIId("IEAAAAAQKQAAAAAA"))
        #expect(!GoTo.looksLikeAPIId("PLATFORM1x") && !GoTo.looksLikeAPIId("12345678") && !GoTo.looksLikeAPIId("ABC"))
        let ranked = GoTo.rank("IEAAAAAQKQAAAAAA", places: [], actions: [])
        #expect(ranked.first?.target == .task(id: "IEAAAAAQKQAAAAAA"))
    }

    @Test func enterOnAFolderListsItAndShowsItInTheTree() throws {
        var s = loadedState()
        s.focus = .detail
        _ = s.update(.action(.goTo))
        _ = Self.typed("shared", into: &s)
        let effects = s.update(.action(.picker(.accept)))
        #expect(s.modal == nil)
        #expect(s.focus == .list && s.list.source == .folder("SHARED") && s.list.title == "Shared docs")
        #expect(effects.contains { if case .loadTasks(.folder("SHARED"), _, nil, _) = $0 { true } else { false } })
        #expect(s.tree.openedPath == "SP1/F1/SHARED" && s.tree.selected?.path == "SP1/F1/SHARED")
    }

    @Test func enterOnAnActionRunsItAndEscClosesAndBackspaceDeletes() throws {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        _ = Self.typed("my-workx", into: &s)
        #expect(Self.palette(s)?.picker.isEmpty == true)
        _ = s.update(.action(.picker(.deleteBackward)))
        #expect(Self.palette(s)?.query == "my-work")
        _ = s.update(.action(.picker(.accept)))
        #expect(s.list.source == .myWork && s.focus == .list)
        _ = s.update(.action(.goTo))
        _ = s.update(.action(.picker(.cancel)))
        #expect(s.modal == nil)
    }

    @Test func aPastedPermalinkIsTextAndIsLookedUpThenShown() throws {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        // A paste is text: "q" in it does not quit, Enter in it does not choose.
        _ = s.update(.paste("https://www.wrike.com/open.htm?id=42\nq", truncated: false))
        let m = try #require(Self.palette(s))
        #expect(m.picker.current?.target == .permalink(number: "42"))
        #expect(s.update(.action(.picker(.accept))) == [.resolvePermalink(number: "42")])
        let shown = s.handle(.permalinkResolved(number: "42", .success("T2")))
        #expect(s.focus == .detail && s.detail.taskId == "T2")
        #expect(shown.contains { if case .loadDetail(taskId: "T2", _) = $0 { true } else { false } })
        _ = s.handle(.permalinkResolved(number: "43", .success(nil)))
        #expect(s.status.lastError?.contains("No task has the permalink number 43") == true)
    }

    @Test func thePermalinkOfASandboxTaskOpensThatTask() async throws {
        let dataset = DemoDataset.make(now: testNow)
        let sandbox = Sandbox(dataset: dataset)
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test")))
        let task = try #require(dataset.tasks.first { $0.permalink != nil })
        let link = try #require(task.permalink)
        var s = loadedState()
        _ = s.update(.action(.goTo))
        _ = s.update(.paste(link, truncated: false))
        _ = await drive(&s, .action(.picker(.accept)), service: service)
        #expect(s.detail.taskId == task.id && s.focus == .detail)
        #expect(s.detail.task?.title == task.title)
        // A number no task has: said in plain words.
        _ = s.update(.action(.goTo))
        _ = s.update(.paste("open.htm?id=999", truncated: false))
        _ = await drive(&s, .action(.picker(.accept)), service: service)
        #expect(s.status.lastError?.contains("No task has the permalink number 999") == true)
    }
}
