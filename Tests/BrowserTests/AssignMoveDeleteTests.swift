// Issue 16, second part: delete (asks, to the Recycle Bin, rolled back, undone by restore), the assignee,
// folder and importance pickers, bulk edits of the marked tasks (batches of at most 100 ids, a partial
// failure reported task by task), the detail pane's folders, and undo of each.
import Foundation
import Testing
import WrikeAPI
@testable import Browser

@Suite struct AssignMoveDeleteTests {
    static let group = Contact(id: "G1", firstName: "Design team", lastName: "", type: .group)

    static func task(_ id: String, _ title: String, parents: [String] = ["F1"], assignees: [String] = [],
                     importance: Importance = .normal) -> WrikeTask {
        WrikeTask(id: id, title: title, parentIds: parents, responsibleIds: assignees, status: .active, importance: importance,
                  scope: .wsTask, customStatusId: "CS_NEW")
    }

    /// F1 listed with `tasks` (default: three), the group among the contacts, the list focused.
    func state(_ tasks: [WrikeTask] = [task("A", "Alpha", assignees: ["ME"]), task("B", "Beta"), task("C", "Gamma")]) -> AppState {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 10, listRows: 10, detailRows: 10, detailWidth: 60)))
        _ = s.update(.start)
        var boot = Fixture.bootstrap
        boot.contacts = Fixture.contacts + [Self.group]
        _ = s.handle(.bootstrap(.success(boot)))
        _ = s.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "F1" } ?? 0
        _ = s.update(.open)
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: tasks, total: tasks.count))))
        s.focus = .list
        return s
    }

    func select(_ s: inout AppState, _ id: String) {
        s.list.cursor = s.list.rowIndex(ofTask: id) ?? 0
    }

    func all(_ s: AppState) -> String { [s.status.lastError, s.status.message].compactMap { $0 }.joined(separator: " | ") }

    func picker(_ s: AppState) -> EditPicker? {
        if case .editPicker(let m)? = s.modal { return m }
        return nil
    }

    func typed(_ s: inout AppState, _ text: String) -> [Effect] {
        var out: [Effect] = []
        for ch in text { out += s.update(.action(.picker(.type(String(ch))))) }
        return out
    }

    // MARK: delete

    @Test func deleteAsksFirstLeavesTheListAtOnceAndARefusalPutsItBackWithTheReason() throws {
        var s = state()
        select(&s, "B")
        #expect(s.update(.taskEdit(.deleteTask)).isEmpty)
        guard case .confirm(_, .deleteTask(id: "B"))? = s.modal else { Issue.record("no confirmation"); return }
        #expect(s.update(.action(.confirm(.no))).isEmpty, "No deletes nothing")
        #expect(s.list.index["B"] != nil)
        _ = s.update(.taskEdit(.deleteTask))
        let effects = s.update(.action(.confirm(.yes)))
        guard case .deleteTask("B", let token)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(s.list.index["B"] == nil, "gone from the list at once")
        _ = s.handle(.taskWrite(token: token, .failure(WriteFailure("You do not have access to this item in Wrike.", status: 403,
                                                                      code: "access_forbidden"))))
        #expect(s.list.index["B"] != nil, "back after the refusal")
        #expect(s.status.lastError == "“Beta” was not deleted: you do not have the rights to change this task in Wrike.", "\(all(s))")
    }

    @Test func aDeleteIsUndoneByRestoringFromTheRecycleBin() throws {
        var s = state()
        select(&s, "B")
        _ = s.update(.taskEdit(.deleteTask))
        guard case .deleteTask("B", let token)? = s.update(.action(.confirm(.yes))).first else { Issue.record("no delete"); return }
        var binned = Self.task("B", "Beta", parents: ["RB"])
        binned.scope = .rbTask
        _ = s.handle(.taskWrite(token: token, .success([binned])))
        #expect(s.status.message?.contains("“Beta” is in Wrike's Recycle Bin") == true, "\(all(s))")
        #expect(s.list.index["B"] == nil && s.task("B")?.scope == .rbTask)
        let undo = s.update(.taskEdit(.undo))
        guard case .updateTask("B", let u, let t2)? = undo.first else { Issue.record("\(undo)"); return }
        #expect(u == TaskUpdate(restore: true))
        #expect(s.list.index["B"] != nil, "back in the list at once")
        _ = s.handle(.taskWrite(token: t2, .success([Self.task("B", "Beta")])))
        #expect(s.status.message?.contains("Undid “Deleted “Beta””") == true, "\(all(s))")
        #expect(s.list.index["B"] != nil)
    }

    @Test func aRefusedRestoreTakesItOutOfTheListAgain() throws {
        var s = state()
        select(&s, "B")
        _ = s.update(.taskEdit(.deleteTask))
        guard case .deleteTask(_, let token)? = s.update(.action(.confirm(.yes))).first else { return }
        _ = s.handle(.taskWrite(token: token, .success([Self.task("B", "Beta", parents: ["RB"])])))
        guard case .updateTask(_, _, let t2)? = s.update(.taskEdit(.undo)).first else { Issue.record("no undo"); return }
        _ = s.handle(.taskWrite(token: t2, .failure(WriteFailure("Not found in Wrike", status: 404))))
        #expect(s.list.index["B"] == nil)
        #expect(s.status.lastError == "“Beta” could not be brought back from the Recycle Bin: the task is no longer in Wrike, or you cannot see it.", "\(all(s))")
    }

    // MARK: assign

    @Test func assignListsPeopleAndGroupsAndTogglesOptimisticallyWithRollback() throws {
        var s = state()
        select(&s, "A")
        _ = s.update(.taskEdit(.assign))
        let m = try #require(picker(s))
        #expect(m.picker.items.contains(.contact(id: "G1", name: "Design team", group: true)), "groups are offered")
        #expect(m.checkedIds == ["ME"], "the current assignee is checked")
        _ = typed(&s, "jos")
        let effects = s.update(.action(.picker(.accept)))
        guard case .updateTask("A", let u, let token)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(u == TaskUpdate(addResponsibles: ["U3"]))
        #expect(s.task("A")?.responsibleIds == ["ME", "U3"], "shown at once")
        #expect(picker(s)?.checkedIds == ["ME", "U3"], "the picker stays open and follows")
        _ = s.handle(.taskWrite(token: token, .failure(WriteFailure("Wrike refused the request: Parameter 'addResponsibles' value is invalid: unknown contact 'U3'.",
                                                                      status: 400, code: "invalid_parameter"))))
        #expect(s.task("A")?.responsibleIds == ["ME"], "rolled back")
        #expect(picker(s)?.checkedIds == ["ME"])
        #expect(s.status.lastError == "Assigned José Álvarez was undone: Wrike does not know that person or group (removed from the account?).", "\(all(s))")
    }

    @Test func assigningAGroupAndUnassigningAreUndoneMostRecentFirst() throws {
        var s = state()
        select(&s, "A")
        _ = s.update(.taskEdit(.assign))
        _ = typed(&s, "design")
        guard case .updateTask("A", _, let t1)? = s.update(.action(.picker(.accept))).first else { Issue.record("no add"); return }
        _ = s.handle(.taskWrite(token: t1, .success([Self.task("A", "Alpha", assignees: ["ME", "G1"])])))
        _ = s.update(.action(.picker(.cancel)))
        _ = s.update(.taskEdit(.assign))
        _ = typed(&s, "alex")
        guard case .updateTask("A", let u2, let t2)? = s.update(.action(.picker(.accept))).first else { Issue.record("no remove"); return }
        #expect(u2 == TaskUpdate(removeResponsibles: ["ME"]))
        _ = s.handle(.taskWrite(token: t2, .success([Self.task("A", "Alpha", assignees: ["G1"])])))
        _ = s.update(.action(.picker(.cancel)))
        guard case .updateTask("A", let undo1, _)? = s.update(.taskEdit(.undo)).first else { Issue.record("no undo"); return }
        #expect(undo1 == TaskUpdate(addResponsibles: ["ME"]))
        #expect(s.status.message == "Undoing “Unassigned Alex Morgan”…")
    }

    // MARK: bulk

    static func many(_ n: Int) -> [WrikeTask] { (0..<n).map { task(String(format: "K%03d", $0), "Task \($0)") } }

    @Test func aBulkAssigneeGoesIn100IdBatchesAndAPartialFailureNamesTheTasks() throws {
        var s = state(Self.many(250))
        for t in Self.many(250) { s.actions.marks.toggle(t.id) }
        _ = s.update(.taskEdit(.assign))
        #expect(picker(s)?.taskIds.count == 250)
        _ = typed(&s, "jos")
        let effects = s.update(.action(.picker(.accept)))
        let batches = effects.compactMap { e -> ([String], BulkTaskUpdate, Int)? in
            if case .updateTasks(let ids, let u, let t) = e { return (ids, u, t) }
            return nil
        }
        #expect(batches.count == 3 && effects.count == 3, "250 ids: 3 requests")
        #expect(batches.map(\.0.count) == [100, 100, 50])
        #expect(Set(batches.flatMap(\.0)).count == 250)
        #expect(batches.allSatisfy { $0.1 == BulkTaskUpdate(addResponsibles: ["U3"]) })
        #expect(s.task("K200")?.responsibleIds == ["U3"], "shown at once")
        #expect(s.actions.marks.isEmpty)
        func answered(_ ids: [String]) -> [WrikeTask] { ids.map { Self.task($0, "Task \(Int($0.dropFirst()) ?? 0)", assignees: ["U3"]) } }
        _ = s.handle(.taskWrite(token: batches[0].2, .success(answered(batches[0].0))))
        _ = s.handle(.taskWrite(token: batches[2].2, .success(answered(batches[2].0))))
        #expect(s.status.message?.contains("150 of 250 tasks answered") == true, "\(all(s))")
        // The middle batch is refused as a whole (an invalid parameter): its 100 tasks roll back.
        _ = s.handle(.taskWrite(token: batches[1].2, .failure(WriteFailure("Wrike refused the request: bad.", status: 400))))
        #expect(s.task(batches[1].0[0])?.responsibleIds == [])
        let report = try #require(s.status.lastError)
        #expect(report.hasPrefix("Assigned José Álvarez: 150 of 250 tasks changed; not changed: “Task 100”, “Task 101”, “Task 102” and 97 more: wrike refused the request: bad."), "\(report)")
        // Undo takes back what Wrike changed, in batches again.
        _ = s.update(.action(.picker(.cancel)))
        let undo = s.update(.taskEdit(.undo))
        #expect(undo.count == 2)
        #expect(undo.allSatisfy { if case .updateTasks(_, let u, _) = $0 { u == BulkTaskUpdate(removeResponsibles: ["U3"]) } else { false } })
    }

    @Test func aBatchRefusedBecauseOfOneTaskIsSentTaskByTaskToNameIt() throws {
        var s = state()
        for id in ["A", "B", "C"] { s.actions.marks.toggle(id) }
        _ = s.update(.taskEdit(.assign))
        _ = typed(&s, "jos")
        guard case .updateTasks(let ids, _, let token)? = s.update(.action(.picker(.accept))).first else { Issue.record("no batch"); return }
        #expect(ids == ["A", "B", "C"])
        let each = s.handle(.taskWrite(token: token, .failure(WriteFailure("Not found in Wrike", status: 404, code: "resource_not_found"))))
        let singles = each.compactMap { e -> (String, TaskUpdate, Int)? in
            if case .updateTask(let id, let u, let t) = e { return (id, u, t) }
            return nil
        }
        #expect(singles.map(\.0) == ["A", "B", "C"] && singles.allSatisfy { $0.1 == TaskUpdate(addResponsibles: ["U3"]) })
        _ = s.handle(.taskWrite(token: singles[0].2, .success([Self.task("A", "Alpha", assignees: ["ME", "U3"])])))
        _ = s.handle(.taskWrite(token: singles[1].2, .failure(WriteFailure("Not found in Wrike; it may have been deleted or moved.", status: 404))))
        _ = s.handle(.taskWrite(token: singles[2].2, .success([Self.task("C", "Gamma", assignees: ["U3"])])))
        #expect(s.status.lastError == "Assigned José Álvarez: 2 of 3 tasks changed; not changed: “Beta”: the task is no longer in Wrike, or you cannot see it.",
                "\(all(s))")
        #expect(s.task("B")?.responsibleIds == [])
    }

    @Test func bulkImportanceAndDatesAreOneRequestPerTaskAsWrikesBulkTakesNeither() throws {
        var s = state()
        for id in ["A", "B", "C"] { s.actions.marks.toggle(id) }
        _ = s.update(.taskEdit(.editImportance))
        _ = typed(&s, "high")
        let effects = s.update(.action(.picker(.accept)))
        #expect(effects.count == 3)
        #expect(effects.allSatisfy { if case .updateTask(_, let u, _) = $0 { u == TaskUpdate(importance: .high) } else { false } })
        #expect(s.modal == nil && s.task("B")?.importance == .high)
        for id in ["A", "B", "C"] { s.actions.marks.toggle(id) }
        _ = s.update(.taskEdit(.editDates))
        #expect(s.features.taskEdit.input?.purpose == .bulkDates(taskIds: ["A", "B", "C"]))
        for ch in "2026-12-20" { _ = s.update(.taskEdit(.input(.type(String(ch))))) }
        let dates = s.update(.taskEdit(.input(.submit)))
        #expect(dates.count == 3)
        #expect(dates.allSatisfy { if case .updateTask(_, let u, _) = $0 { u.dates?.due?.hasPrefix("2026-12-20") == true } else { false } })
    }

    // MARK: move

    @Test func moveAddsAndRemovesFoldersAndNeverTheLastOne() throws {
        var s = state()
        select(&s, "B")
        _ = s.update(.taskEdit(.move))
        let m = try #require(picker(s))
        #expect(m.picker.items.map(\.id) == ["SP1", "F1", "SHARED", "P1", "SP2"], "the spaces and the tree's folders, in tree order")
        #expect(m.checkedIds == ["F1"])
        // Out of its only folder: refused here, nothing sent.
        _ = typed(&s, "platform")
        #expect(s.update(.action(.picker(.accept))).isEmpty)
        #expect(s.status.lastError?.contains("“Beta” is only in Platform: add it to another folder first") == true, "\(all(s))")
        for _ in 0..<8 { _ = s.update(.action(.picker(.deleteBackward))) }
        _ = typed(&s, "launch")
        guard case .updateTask("B", let add, let t1)? = s.update(.action(.picker(.accept))).first else { Issue.record("no add"); return }
        #expect(add == TaskUpdate(addParents: ["P1"]))
        _ = s.handle(.taskWrite(token: t1, .success([Self.task("B", "Beta", parents: ["F1", "P1"])])))
        #expect(picker(s)?.checkedIds == ["P1"], "checked as it is now (the rows shown: “launch”)")
        #expect(s.task("B")?.parentIds == ["F1", "P1"])
        for _ in 0..<6 { _ = s.update(.action(.picker(.deleteBackward))) }
        _ = typed(&s, "platform")
        guard case .updateTask("B", let remove, let t2)? = s.update(.action(.picker(.accept))).first else { Issue.record("no remove"); return }
        #expect(remove == TaskUpdate(removeParents: ["F1"]))
        _ = s.handle(.taskWrite(token: t2, .success([Self.task("B", "Beta", parents: ["P1"])])))
        _ = s.update(.action(.picker(.cancel)))
        guard case .updateTask("B", let undo, _)? = s.update(.taskEdit(.undo)).first else { Issue.record("no undo"); return }
        #expect(undo == TaskUpdate(addParents: ["F1"]))
    }

    @Test func theDetailPaneListsEveryFolderTheTaskIsIn() {
        let s = state()
        #expect(s.folderLine(Self.task("X", "x", parents: ["F1", "SHARED"])) == "Platform, Shared docs")
        #expect(s.folderLine(Self.task("X", "x", parents: ["F1", "NOPE1", "NOPE2"])) == "Platform, 2 folders not read yet")
        var binned = Self.task("X", "x", parents: ["RB"])
        binned.scope = .rbTask
        #expect(s.folderLine(binned) == "Recycle Bin")
        var sub = Self.task("X", "x", parents: [])
        sub.superParentIds = ["P1"]
        #expect(s.folderLine(sub) == "through its super task: Launch")
    }

    @Test func importanceOnOneTaskIsOptimisticAndUndoable() throws {
        var s = state()
        select(&s, "C")
        _ = s.update(.taskEdit(.editImportance))
        #expect(picker(s)?.checkedIds == ["Normal"])
        _ = typed(&s, "low")
        guard case .updateTask("C", let u, let t)? = s.update(.action(.picker(.accept))).first else { Issue.record("no update"); return }
        #expect(u == TaskUpdate(importance: .low) && s.task("C")?.importance == .low)
        _ = s.handle(.taskWrite(token: t, .success([Self.task("C", "Gamma", importance: .low)])))
        guard case .updateTask("C", let undo, _)? = s.update(.taskEdit(.undo)).first else { Issue.record("no undo"); return }
        #expect(undo == TaskUpdate(importance: .normal))
    }
}
