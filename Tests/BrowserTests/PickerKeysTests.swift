// Issue 12, item 4: every picker key works in every picker, and the keys are rows of the key table
// (`KeyMode.picker`). The app-level test (keys through `BrowserApp`) is in TerminalUITests/AppEffectTests.
import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI

@Suite struct PickerKeysTests {
    /// A workflow with 30 statuses: enough for PgDn to move a page.
    static let longWorkflow = Workflow(id: "WFL", name: "Long", customStatuses: (0..<30).map {
        CustomStatus(id: String(format: "L%02d", $0), name: String(format: "Step %02d", $0), color: .blue,
                     group: $0 < 28 ? .active : .completed)
    })

    static func statusPicker() -> AppState {
        var s = loadedState()
        s.actions.workflows = [longWorkflow]
        s.focus = .list
        s.modal = .status(StatusPickerModel(workflows: [longWorkflow], currentStatusId: "L00"), taskIds: ["T1"])
        return s
    }

    static func statusCursor(_ s: AppState) -> Int? {
        if case .status(let m, _)? = s.modal { return m.picker.cursor }
        return nil
    }

    @Test func pageHomeAndEndMoveInTheStatusPicker() {
        var s = Self.statusPicker()
        #expect(Self.statusCursor(s) == 0)
        #expect(s.update(.action(.picker(.pageDown))) == [])
        #expect(Self.statusCursor(s) == pickerPageRows)
        _ = s.update(.action(.picker(.bottom)))
        #expect(Self.statusCursor(s) == 29)
        _ = s.update(.action(.picker(.pageUp)))
        #expect(Self.statusCursor(s) == 29 - pickerPageRows)
        _ = s.update(.action(.picker(.top)))
        #expect(Self.statusCursor(s) == 0)
        _ = s.update(.action(.picker(.type("29"))))
        _ = s.update(.action(.picker(.deleteBackward)))
        _ = s.update(.action(.picker(.deleteBackward)))
        #expect(Self.statusCursor(s) == 0)
    }

    /// Each picker, each command: the cursor moves where it should, and Enter/Esc do what they say.
    @Test func everyCommandInEveryPicker() {
        let items = (0..<25).map { "item \($0)" }
        func cursorAfter(_ commands: [PickerCommand], in make: (inout AppState) -> Void, cursor: (AppState) -> Int?) -> Int? {
            var s = loadedState()
            make(&s)
            for c in commands { _ = s.update(.action(.picker(c))) }
            return cursor(s)
        }
        typealias Picker = (name: String, open: (inout AppState) -> Void, cursor: (AppState) -> Int?)
        let drafts = items.enumerated().map { i, t in
            Draft(id: "D\(i)", kind: .comment, profile: "default", taskId: "T1", taskTitle: "t", text: t, created: testNow)
        }
        let approvals = items.enumerated().map { i, t in Approval(id: "A\(i)", taskId: "T1", title: t) }
        let candidates = items.enumerated().map { i, t in DependencyCandidate(id: "X\(i)", title: t) }
        let pickers: [Picker] = [
            ("drafts", { $0.modal = .drafts(PickerModel(items: drafts, ordering: .stable) { $0.text }) },
             { if case .drafts(let p)? = $0.modal { p.cursor } else { nil } }),
            ("approvals", { $0.modal = .approvalsWaiting(PickerModel(items: approvals, ordering: .stable) { $0.title ?? "" }) },
             { if case .approvalsWaiting(let p)? = $0.modal { p.cursor } else { nil } }),
            ("finder", { $0.modal = .dependency(DependencyFinderModel(taskId: "T1", existing: [], loaded: candidates)) },
             { if case .dependency(let m)? = $0.modal { m.finder.cursor } else { nil } }),
            ("messages", { s in
                s.status = StatusState()
                for i in items.indices { s.status.message = items[i] }
                s.modal = .messages(s.messagesPicker())
            }, { if case .messages(let p)? = $0.modal { p.cursor } else { nil } }),
        ]
        for p in pickers {
            #expect(cursorAfter([.pageDown], in: p.open, cursor: p.cursor) == pickerPageRows, "\(p.name) PgDn")
            #expect(cursorAfter([.bottom], in: p.open, cursor: p.cursor) == 24, "\(p.name) End")
            #expect(cursorAfter([.bottom, .pageUp], in: p.open, cursor: p.cursor) == 24 - pickerPageRows, "\(p.name) PgUp")
            #expect(cursorAfter([.bottom, .top], in: p.open, cursor: p.cursor) == 0, "\(p.name) Home")
            #expect(cursorAfter([.down, .down, .up], in: p.open, cursor: p.cursor) == 1, "\(p.name) arrows")
            #expect(cursorAfter([.cancel], in: p.open, cursor: p.cursor) == nil, "\(p.name) Esc closes")
        }
        // The relation type picker has four entries and no query.
        var s = loadedState()
        s.modal = .relation(RelationTypePicker(current: .finishToStart), dependencyId: "D1")
        for c: PickerCommand in [.bottom, .type("x"), .deleteBackward] { _ = s.update(.action(.picker(c))) }
        guard case .relation(let r, _)? = s.modal else { Issue.record("relation picker closed"); return }
        #expect(r.picker.current == RelationType.known.last && r.picker.query.isEmpty)
        _ = s.update(.action(.picker(.top)))
        _ = s.update(.action(.picker(.pageDown)))
        guard case .relation(let r2, _)? = s.modal else { return }
        #expect(r2.picker.current == RelationType.known.last)
        // Enter in the drafts picker reopens the draft under the cursor; in messages it closes.
        var d = loadedState()
        pickers[0].open(&d)
        _ = d.update(.action(.picker(.bottom)))
        _ = d.update(.action(.picker(.accept)))
        #expect(d.actions.composer?.editor.text == "item 24")
        var m = loadedState()
        pickers[3].open(&m)
        _ = m.update(.action(.picker(.accept)))
        #expect(m.modal == nil)
    }

    @Test func pickerKeysAreRowsOfTheKeyTable() {
        let km = Keymap.defaults
        let expected: [String: Action] = ["up": .pickerUp, "down": .pickerDown, "ctrl-p": .pickerUp, "ctrl-n": .pickerDown,
                                          "pgup": .pickerPageUp, "pgdn": .pickerPageDown, "home": .pickerTop,
                                          "end": .pickerBottom, "enter": .pickerChoose, "esc": .pickerClose,
                                          "backspace": .pickerDeleteChar, "ctrl-u": .pickerClear]
        for (k, a) in expected {
            #expect(km.action(for: k, in: .picker) == a, "\(k) in pickers")
            #expect(km.binding(for: a)?.mode == .picker)
        }
        // Typed text narrows: no picker row takes a printable key, and a rebinding to one is refused.
        for b in km.bindings where b.mode == .picker { #expect(!b.keys.contains(where: Keymap.isPrintable), "\(b.action)") }
        let (rebound, messages) = km.applying(["picker-down": ["j", "ctrl-j"]]) { $0 }
        #expect(rebound.keys(for: .pickerDown) == ["ctrl-j"])
        #expect(messages.contains { $0.contains("'j' types text in pickers") })
        // The browse rows are not affected by the picker rows' keys, and the other way round.
        #expect(rebound.action(for: "down") == .moveDown && rebound.action(for: "down", in: .picker) == nil)
        #expect(km.markdown().contains("| `PgDn` | `picker-page-down` |"))
    }

    /// The hint line names the picker keys from the table (so a rebinding shows there).
    @Test func hintFollowsTheTable() {
        let (km, _) = Keymap.defaults.applying(["picker-choose": ["ctrl-o"]]) { $0 }
        let o = Overlay.status(StatusPickerModel(workflows: testWorkflows, currentStatusId: "C1"), taskIds: ["T1"])
        #expect(o.hint(keymap: .defaults, ascii: true) == "type to narrow · Up/Down move · Enter apply · Esc close · Ctrl-u clear")
        #expect(o.hint(keymap: km, ascii: true) == "type to narrow · Up/Down move · Ctrl-o apply · Esc close · Ctrl-u clear")
    }
}
