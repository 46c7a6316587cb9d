import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

let testWorkflows: [Workflow] = [
    Workflow(id: "WF1", name: "Default Workflow", customStatuses: [
        CustomStatus(id: "C1", name: "New", color: "Blue", standard: true, group: .active),
        CustomStatus(id: "C2", name: "Completed", color: "Green", standard: true, group: .completed),
        CustomStatus(id: "C3", name: "In Progress", color: "Turquoise", group: .active),
        CustomStatus(id: "C4", name: "On Hold", color: "Gray", standard: true, group: .deferred),
        CustomStatus(id: "C5", name: "Cancelled", color: "Red", standard: true, group: .cancelled),
        CustomStatus(id: "C6", name: "Secret", color: "Purple", group: .active, hidden: true),
        CustomStatus(id: "C7", name: "Verified", color: "DarkCyan", group: .completed),
    ]),
    Workflow(id: "WF2", name: "Marketing", customStatuses: [
        CustomStatus(id: "M1", name: "Idea", color: "Yellow", standard: true, group: .active),
        CustomStatus(id: "M2", name: "Published", color: "Green", standard: true, group: .completed),
        CustomStatus(id: "M3", name: "Parked", color: "Gray", group: .deferred, hidden: true),
    ]),
]

@Suite struct ActionsPickerTests {
    @Test func pickerNarrowsAndMoves() {
        var p = PickerModel(items: ["Alpha", "Beta", "Gamma", "Alphabet"]) { $0 }
        #expect(p.current == "Alpha")
        p.moveDown(); p.moveDown()
        #expect(p.current == "Gamma")
        p.moveDown(); p.moveDown()
        #expect(p.current == "Alphabet")  // clamped at the bottom
        p.type("al")
        #expect(p.matches.map { p.items[$0] } == ["Alpha", "Alphabet"])
        #expect(p.current == "Alpha")
        p.type("z")
        #expect(p.isEmpty)
        #expect(p.current == nil)
        p.deleteBackward()
        #expect(p.matches.count == 2)
        p.setQuery("")
        #expect(p.matches.count == 4)
    }

    @Test func stableOrderingKeepsOrderButJumpsToBest() {
        var p = PickerModel(items: ["New", "In Progress", "Completed", "On Progress Hold"], ordering: .stable) { $0 }
        p.type("prog")
        #expect(p.matches.map { p.items[$0] } == ["In Progress", "On Progress Hold"])
        #expect(p.current == "In Progress")
    }

    @Test func disabledItemsAreSkippedAndMarksToggle() {
        var p = PickerModel(items: ["h", "a", "b", "c"], disabled: [0, 2]) { $0 }
        #expect(p.current == "a")
        p.moveDown()
        #expect(p.current == "c")
        p.moveUp()
        #expect(p.current == "a")
        p.moveUp()
        #expect(p.current == "a")
        p.toggleMark()
        p.moveDown(); p.toggleMark()
        #expect(p.markedItems == ["a", "c"])
        p.toggleMark()
        #expect(p.markedItems == ["a"])
    }

    @Test func replaceItemsKeepsCursorAndMarksById() {
        var p = PickerModel(items: [(1, "one"), (2, "two")].map { Pair(id: $0.0, name: $0.1) }) { $0.name }
        p.moveDown(); p.toggleMark()
        p.replaceItems([Pair(id: 0, name: "zero"), Pair(id: 1, name: "one"), Pair(id: 2, name: "two")], id: \.id, label: \.name)
        #expect(p.current?.id == 2)
        #expect(p.markedItems.map(\.id) == [2])
    }

    @Test func windowKeepsCursorVisible() {
        var p = PickerModel(items: Array(0..<20)) { String($0) }
        #expect(p.window(height: 5) == 0..<5)
        for _ in 0..<10 { p.moveDown() }
        #expect(p.window(height: 5) == 8..<13)
        p.moveToBottom()
        #expect(p.window(height: 5) == 15..<20)
        #expect(p.current == 19)
    }

    @Test func lineInput() {
        var l = LineInput("ab")
        l.left(); l.insert("X\u{1B}[2J\nY")
        #expect(l.text == "aX Yb")
        #expect(l.cursorColumn == 4)
        l.home(); l.delete(); l.end(); l.backspace()
        #expect(l.text == "X Y")
        l.set("漢字"); #expect(l.cursorColumn == 4)
        var short = LineInput(maxLength: 3)
        short.insert("abcdef")
        #expect(short.text == "abc")
    }

    @Test func confirmDefaultsToNo() {
        var c = ConfirmModel(title: "Remove dependency", message: "Remove it?")
        #expect(c.choice == .no)
        #expect(c.handle(.accept) == .declined)
        #expect(c.handle(.toggle) == .pending)
        #expect(c.handle(.accept) == .confirmed)
        #expect(c.handle(.cancel) == .declined)
        #expect(c.handle(.yes) == .confirmed)
    }

    @Test func aDestructiveYesTakesOnlyY() {
        var c = ConfirmModel(title: "Discard comment", message: "Lose the text you typed?", needsY: true)
        for input in [ConfirmModel.Input.toggle, .toggle, .toggle] {
            #expect(c.handle(input) == .pending)
            #expect(c.choice == .no, "the highlight moved to the destructive answer")
        }
        #expect(c.handle(.accept) == .declined)
        #expect(c.handle(.cancel) == .declined)
        #expect(c.handle(.no) == .declined)
        #expect(c.handle(.yes) == .confirmed)
    }
}

struct Pair: Sendable, Equatable {
    var id: Int
    var name: String
}

@Suite struct ActionsStatusPickerTests {
    @Test func singleTaskOffersItsWorkflowGroupedWithoutHidden() {
        let m = StatusPickerModel(workflows: testWorkflows, currentStatusId: "C3")
        #expect(m.workflow?.id == "WF1")
        #expect(!m.groupMode)
        let names = m.picker.items.compactMap { c -> String? in if case .status(let o) = c { return o.name }; return nil }
        #expect(names == ["New", "In Progress", "Completed", "Verified", "On Hold", "Cancelled"])
        // The cursor starts on the current status, which is marked and not re-sent.
        guard case .status(let cur)? = m.selection else { Issue.record("no selection"); return }
        #expect(cur.id == "C3" && cur.isCurrent && cur.color == "Turquoise")
        #expect(m.selectedStatusId == nil)
    }

    @Test func typingNarrowsAndChoosesTheBestMatch() {
        var m = StatusPickerModel(workflows: testWorkflows, currentStatusId: "C1")
        m.type("ver")
        #expect(m.selectedStatusId == "C7")
        m.deleteBackward(); m.deleteBackward(); m.deleteBackward()
        m.type("canc")
        #expect(m.selectedStatusId == "C5")
        m.type("zzz")
        #expect(m.selection == nil)
    }

    @Test func hiddenCurrentStatusIsStillShown() {
        let m = StatusPickerModel(workflows: testWorkflows, currentStatusId: "C6")
        #expect(m.picker.items.contains { if case .status(let o) = $0 { return o.id == "C6" && o.isCurrent }; return false })
    }

    @Test func bulkSameWorkflow() {
        var m = StatusPickerModel(workflows: testWorkflows, currentStatusIds: ["C1", "C3"])
        #expect(m.workflow?.id == "WF1")
        #expect(m.selection.map { if case .status(let o) = $0 { return o.id }; return "" } == "C1")
        #expect(m.selectedStatusId == "C1")  // not current for every task: sendable
        m.moveDown()
        #expect(m.selectedStatusId == "C3")
    }

    @Test func bulkDifferentWorkflowsFallsBackToGroups() {
        var m = StatusPickerModel(workflows: testWorkflows, currentStatusIds: ["C1", "M1"])
        #expect(m.groupMode)
        #expect(m.note?.contains("Default Workflow, Marketing") == true)
        #expect(m.picker.items == statusGroupOrder.map { .group($0) })
        m.type("compl")
        #expect(m.selection == .group(.completed))
        let unknown = StatusPickerModel(workflows: testWorkflows, currentStatusIds: ["ZZ"])
        #expect(unknown.groupMode)
        #expect(unknown.note?.contains("not known") == true)
    }

    @Test func chunking() {
        let ids = (0..<250).map { "T\($0)" }
        let chunks = BulkStatus.chunked(ids, 100)
        #expect(chunks.map(\.count) == [100, 100, 50])
        #expect(chunks.flatMap { $0 } == ids)
        #expect(BulkStatus.chunked([Int](), 100).isEmpty)
        #expect(BulkStatus.chunked([1, 2, 3], 0) == [[1], [2], [3]])
        let plan = BulkStatus.plan(statusId: "C2", tasks: ids.map { ($0, $0 == "T0" ? "C2" : "C1") })
        #expect(plan.map(\.taskIds.count) == [100, 100, 49])
        #expect(plan.allSatisfy { $0.customStatusId == "C2" })
    }

    @Test func groupPlanUsesEachWorkflowsStandardStatus() {
        let tasks: [(id: String, customStatusId: String?)] = [("A", "C1"), ("B", "M1"), ("C", "C2"), ("D", nil), ("E", "M2")]
        let done = BulkStatus.plan(group: .completed, tasks: tasks, workflows: testWorkflows)
        #expect(done.changes == [StatusChange(customStatusId: "C2", taskIds: ["A"]),
                                 StatusChange(customStatusId: "M2", taskIds: ["B"])])
        #expect(done.skipped == ["D"])
        // Marketing's only Deferred status is hidden: those tasks are skipped, not silently changed.
        let deferred = BulkStatus.plan(group: .deferred, tasks: tasks, workflows: testWorkflows)
        #expect(deferred.changes == [StatusChange(customStatusId: "C4", taskIds: ["A", "C"])])
        #expect(deferred.skipped == ["B", "D", "E"])
    }
}
