import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

@Suite struct KeymapTests {
    /// The default keys of issue 5 are a contract.
    @Test func defaultTaskActionKeys() {
        let km = Keymap.defaults
        let expected: [String: Action] = ["s": .status, "c": .comment, "C": .commentInEditor, "t": .logTime,
                                          "d": .addDependency, "x": .removeDependency, "A": .requestApproval,
                                          "a": .assignMe, "i": .importance, "space": .mark]
        for (k, a) in expected { #expect(km.action(for: k) == a, "\(k) must be \(a.rawValue)") }
        for a in expected.values { #expect(km.binding(for: a)?.help.isEmpty == false) }
    }

    @Test func defaultsHaveNoDuplicateKeysAndCoverEveryAction() {
        var seen: Set<String> = []   // "mode key": a key is bound once per mode
        for b in Keymap.defaults.bindings {
            for k in b.keys {
                #expect(!seen.contains("\(b.mode) \(k)"), "\(k) bound twice in \(b.mode)")
                seen.insert("\(b.mode) \(k)")
            }
            #expect(!b.label.isEmpty && !b.help.isEmpty)
        }
        // Custom commands have rows only when config.toml has `[[commands]]`.
        #expect(Set(Keymap.defaults.bindings.map(\.action)) == Set(Action.allCases).subtracting([.customCommand]))
        #expect(Keymap.defaults.action(for: "j") == .moveDown)
        #expect(Keymap.defaults.action(for: "s-tab") == .previousPane)
        #expect(Keymap.defaults.action(for: "ctrl-d") == .halfPageDown)
    }

    @Test func rebindingReportsProblems() {
        let canon: (String) -> String? = { raw in
            switch raw {
            case "J": "J"
            case "G": "G"
            case "down", "Down": "down"
            case "k": "k"
            case "s": "s"
            case "j": "j"
            default: nil
            }
        }
        let (km, messages) = Keymap.defaults.applying(
            ["move-down": ["J", "down"], "help": ["J"], "bogus": ["x"], "top": ["s"], "quit": ["k"], "bottom": ["G", "nonsense"]],
            canonicalize: canon)
        #expect(km.action(for: "J") == .help)         // "help" sorts before "move-down": it wins J
        #expect(km.keys(for: .moveDown) == ["down"])
        #expect(km.action(for: "j") == nil)           // replaced
        #expect(km.action(for: "k") == .quit)         // taken from move-up's defaults
        #expect(km.keys(for: .moveUp) == ["up"])
        #expect(km.action(for: "s") == .top)
        let all = messages.joined(separator: "\n")
        #expect(all.contains("unknown action 'bogus'"))
        #expect(all.contains("keys.bottom: 'nonsense' is not a key; keeping the default (G, End)"))
        #expect(km.keys(for: .bottom) == ["G", "end"])
        #expect(all.contains("'J' is bound to both help and move-down"))
        #expect(all.contains("'s' was bound to status by default; now top"))
        #expect(all.contains("'k' was bound to move-up by default; now quit"))
    }

    static func canon(_ raw: String) -> String? { raw.isEmpty || raw.count > 3 ? nil : raw }

    @Test func aValueThatIsNotAKeyKeepsTheDefault() {
        for bad in [["xyz123"], [""], ["q", "xyz123"]] {
            let (km, messages) = Keymap.defaults.applying(["quit": bad, "help": bad], canonicalize: Self.canon)
            #expect(km.action(for: "q") == .quit && km.action(for: "?") == .help, "\(bad)")
            #expect(messages.count == 2 && messages.allSatisfy { $0.contains("is not a key; keeping the default") }, "\(messages)")
        }
    }

    @Test func essentialActionsRefuseAnEmptyList() {
        let (km, messages) = Keymap.defaults.applying(["quit": [], "help": [], "back": [], "move-down": []], canonicalize: Self.canon)
        #expect(km.keys(for: .quit) == ["q"])
        #expect(km.keys(for: .help) == ["?", "f1"])
        #expect(km.keys(for: .back) == ["esc"])
        #expect(km.keys(for: .moveDown).isEmpty)   // any other action may be unbound
        #expect(messages == ["keys.back: back must always have a key; keeping the default (Esc)",
                             "keys.help: help must always have a key; keeping the default (?, F1)",
                             "keys.quit: quit must always have a key; keeping the default (q)"], "\(messages)")
    }

    @Test func anEssentialKeyTakenByAnotherActionComesBack() {
        // help takes q (quit's only key), back takes ? (help's): each gets its default back, in turn.
        let (km, messages) = Keymap.defaults.applying(["help": ["q"], "back": ["?"]], canonicalize: Self.canon)
        #expect(km.action(for: "q") == .quit)
        #expect(km.action(for: "?") == .help)
        #expect(km.action(for: "esc") == .back)
        for a in Keymap.essential { #expect(!km.keys(for: a).isEmpty, "\(a) has no key") }
        #expect(messages.contains("keys: quit must always have a key; 'q' stays on quit, not help"), "\(messages)")
        // Per mode: picker-close's Esc is not back's Esc; a printable key is refused there, and Esc comes back.
        let (picker, _) = Keymap.defaults.applying(["back": ["x"], "picker-close": ["z"]], canonicalize: Self.canon)
        #expect(picker.action(for: "esc", in: .picker) == .pickerClose && picker.action(for: "x") == .back)
        #expect(picker.action(for: "esc") == nil)
        // Keys an essential action does not need stay where they were put.
        let (other, _) = Keymap.defaults.applying(["help": ["q", "x"]], canonicalize: Self.canon)
        #expect(other.action(for: "q") == .quit && other.action(for: "x") == .help)
    }

    @Test func docsKeysMatchesTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("docs/keys.md")
        if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1" {
            try Keymap.defaults.markdown().write(to: url, atomically: true, encoding: .utf8)
        }
        let doc = try String(contentsOf: url, encoding: .utf8)
        #expect(doc == Keymap.defaults.markdown(), "regenerate: UPDATE_DOCS=1 swift test --filter docsKeysMatchesTheTable")
    }

    @Test func everyActionMapsToAnIntent() {
        #expect(Action.moveDown.intent == .move(1))
        #expect(Action.filter.intent == .beginFilter)
        #expect(Action.quit.intent == .quit)
        // Within a mode no two rows do the same (help scrolls on the pane moves, the editor's Tab is next-pane).
        for mode in KeyMode.allCases {
            let intents = Keymap.defaults.bindings(in: mode).map(\.action.intent)
            for (i, a) in intents.enumerated() {
                for b in intents[(i + 1)...] { #expect(a != b, "\(mode)") }
            }
        }
    }
}

@Suite struct SandboxDriveTests {
    @Test func walkTreeOpenFolderAndTaskOnTheSandbox() async throws {
        let (service, sandbox) = demoService()
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 30, listRows: 30, detailRows: 30, detailWidth: 70)))
        _ = await drive(&s, .start, service: service)
        #expect(s.catalog.directory.accountName != nil)
        #expect(s.tree.rows.first { $0.kind == .space }?.title == "Engineering")
        #expect(s.tree.rows.contains { $0.title == "Platform" })
        s.tree.cursor = s.tree.rows.firstIndex { $0.title == "Platform" } ?? 0
        _ = await drive(&s, .open, service: service)
        #expect(s.list.status == .loaded)
        #expect(s.list.tasks.count > 20)
        #expect(s.list.info.allSatisfy { !$0.statusName.isEmpty })
        // Names, not ids.
        #expect(s.list.info.contains { $0.assignees.contains("Alex Morgan") })
        // Find a task with an approval waiting on me.
        let me = sandbox.meId
        let snapshot = sandbox.snapshot()
        let waiting = snapshot.approvals.first { a in
            a.status == .pending && (a.decisions ?? []).contains { $0.approverId == me && $0.status == .pending } && a.taskId != nil
        }
        let taskId = try #require(waiting?.taskId)
        let task = try #require(sandbox.task(taskId))
        _ = await drive(&s, .setFilter(""), service: service)
        s.list.cursor = 0
        // Open it directly through the detail path.
        _ = await drive(&s, .focus(.list), service: service)
        var d = s
        d.detail = DetailState()
        let fx = d.openDetail(taskId)
        for e in fx {
            let box = EventBox()
            await EffectRunner.perform(e, service: service) { box.post($0) }
            for ev in box.take() { _ = d.handle(ev) }
        }
        let text = d.detail.lines.map(\.text).joined(separator: "\n")
        #expect(text.contains(task.title))
        #expect(text.contains("waiting on you"))
        #expect(d.detail.commentsStatus == .loaded)
        #expect(d.detail.approvalsStatus == .loaded)
        #expect(!d.detail.isLoading)
    }

    @Test func pagesStreamWhileScrolling() async throws {
        let sandbox = Sandbox(dataset: DatasetGenerator.generate(tasks: 900, folders: 2, seed: 7))
        let service = TransportService(transport: sandbox, token: "t")
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 30, listRows: 30, detailRows: 30, detailWidth: 70)))
        _ = await drive(&s, .start, service: service)
        let space = try #require(s.tree.spaces.first)
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == space.id } ?? 0
        _ = await drive(&s, .open, service: service)
        #expect(s.list.tasks.count == AppState.firstPageSize)
        #expect(s.list.nextPageToken != nil)
        let total = try #require(s.list.total)
        #expect(total > AppState.firstPageSize)
        _ = await drive(&s, .bottom, service: service)
        #expect(s.list.tasks.count == min(total, AppState.firstPageSize + AppState.pageSize))
        #expect(Set(s.list.tasks.map(\.id)).count == s.list.tasks.count)
    }

    @Test func unauthorizedTokenGivesPlainWords() async {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow), options: SandboxOptions(token: "right"))
        var s = AppState(now: testNow, timeZone: utc)
        _ = await drive(&s, .start, service: TransportService(transport: sandbox, token: "wrong"))
        #expect(s.status.lastError == "Wrike did not accept the token: sign in again.")
    }
}
