import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

@Suite struct ActionsQuickTests {
    let task = WrikeTask(id: "T1", title: "Spec", responsibleIds: ["U2"], status: .active, importance: .normal, customStatusId: "C1")

    @Test func assignToggles() {
        let add = QuickActions.toggleAssignMe(task, me: "ME")
        #expect(add.queryItems == [QueryItem("addResponsibles", "[\"ME\"]")])
        #expect(add.optimistic.responsibleIds == ["U2", "ME"])
        #expect(add.rollback == task)
        let remove = QuickActions.toggleAssignMe(add.optimistic, me: "ME")
        #expect(remove.queryItems == [QueryItem("removeResponsibles", "[\"ME\"]")])
        #expect(remove.optimistic.responsibleIds == ["U2"])
        #expect(remove.summary == "Unassigned you")
    }

    @Test func importanceCyclesAndSets() {
        #expect(QuickActions.nextImportance(.high) == .normal)
        #expect(QuickActions.nextImportance(.normal) == .low)
        #expect(QuickActions.nextImportance(.low) == .high)
        #expect(QuickActions.nextImportance(nil) == .low)
        let e = QuickActions.setImportance(task, to: .high)
        #expect(e.queryItems == [QueryItem("importance", "High")])
        #expect(e.optimistic.importance == .high)
    }

    @Test func optimisticStatusAndRollback() {
        let option = StatusOption(id: "C2", name: "Completed", color: "Green", group: .completed, isCurrent: false, workflowName: "W")
        let e = QuickActions.setStatus(task, to: option)
        #expect(e.optimistic.customStatusId == "C2" && e.optimistic.status == .completed)
        #expect(e.rollback.customStatusId == "C1")
        #expect(e.queryItems == [QueryItem("customStatus", "C2")])
        #expect(QuickActions.rollbackMessage(e, reason: "access denied") == "Status: Completed was not applied: access denied")
    }

    @Test func marks() {
        var m = TaskMarks()
        m.toggle("A"); m.toggle("B"); m.toggle("C"); m.toggle("B")
        #expect(m.ids == ["A", "C"])
        #expect(m.contains("C") && !m.contains("B"))
        m.retain(["C", "Z"])
        #expect(m.ids == ["C"])
        m.clear()
        #expect(m.isEmpty)
    }
}
