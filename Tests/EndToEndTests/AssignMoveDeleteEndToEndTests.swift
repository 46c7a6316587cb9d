import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Assign, move, importance, delete and bulk edits in the real binary, in tmux, against `wrike-tui
/// sandbox serve`: each change read back from the sandbox's data, each undone and read back again; the
/// requests counted in the sandbox's log. Keys are looked up by action name in docs/keys.md.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct AssignMoveDeleteEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    /// The tmux key of an action (docs/keys.md): a character is typed, a named key sent.
    func press(_ s: Session, _ action: String) throws {
        let k = try TaskEditEndToEndTests.key(action)
        if k.count == 1 { s.tmux.type(k) } else { s.tmux.keys(k == "Delete" ? "DC" : k) }
    }

    func clearQuery(_ s: Session, _ n: Int) { s.tmux.keys("-N", "\(n)", "BSpace") }

    @Test func assignMoveImportanceDeleteEachUndone() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        s.openTaskList()
        let d0 = try s.snapshot()
        let jose = try #require(d0.contacts.first { $0.firstName == "José" })
        let group = try #require(d0.contacts.first { $0.type == .group })
        let sprint = try #require(d0.folders.first { $0.title == "Sprint 15" })
        let title = "Edit target e2e"
        try press(s, "new-task")
        s.tmux.type(title)
        s.tmux.keys("Enter")
        var (ok, d) = try s.waitForData { $0.tasks.contains { $0.title == title } }
        let id = try #require(d.tasks.first { $0.title == title }?.id)
        func task(_ d: Dataset) -> WrikeTask? { d.tasks.first { $0.id == id } }
        s.select(title)

        // Assign a person, then a group; undo takes the group back.
        try press(s, "assign")
        s.waitStatus("Assignees of “\(title)”")
        s.tmux.type("José")
        s.tmux.keys("Enter")
        (ok, d) = try s.waitForData { task($0)?.responsibleIds == [jose.id] }
        #expect(ok, "José not assigned: \(String(describing: task(d)?.responsibleIds))")
        clearQuery(s, 4)
        s.tmux.type(group.firstName ?? "")
        s.tmux.keys("Enter")
        (ok, d) = try s.waitForData { task($0)?.responsibleIds == [jose.id, group.id] }
        #expect(ok, "group not assigned: \(String(describing: task(d)?.responsibleIds))")
        s.tmux.keys("Escape")
        try press(s, "undo")
        (ok, d) = try s.waitForData { task($0)?.responsibleIds == [jose.id] }
        #expect(ok, "undo did not take the group back: \(String(describing: task(d)?.responsibleIds))")
        s.waitStatus("Undid “Assigned \(group.firstName ?? "")")

        // Importance.
        try press(s, "edit-importance")
        s.tmux.type("High")
        s.tmux.keys("Enter")
        (ok, d) = try s.waitForData { task($0)?.importance == .high }
        #expect(ok, "importance not set")

        // Move: into Sprint 15 too; the detail pane lists both folders.
        try press(s, "move")
        s.waitStatus("Folders of “\(title)”")
        s.tmux.type("Sprint 15")
        s.tmux.keys("Enter")
        (ok, d) = try s.waitForData { task($0)?.parentIds == [d0.spaces.first { $0.title == "Engineering" }?.id ?? "", sprint.id] }
        #expect(ok, "not added to Sprint 15: \(String(describing: task(d)?.parentIds))")
        s.tmux.keys("Escape")
        s.tmux.keys("Enter")
        s.waitStatus("Engineering, Sprint 15")

        // A refused change: Wrike's reason on screen, nothing changed.
        s.fault(#"{"count":1,"status":403,"method":"PUT","pathPrefix":"/tasks"}"#)
        try press(s, "move")
        s.tmux.type("Sprint 14")
        s.tmux.keys("Enter")
        s.waitStatus("Added to Sprint 14 was undone")
        s.tmux.keys("Escape")
        #expect(task(try s.snapshot())?.parentIds?.count == 2)

        // Delete: asks, then to the Recycle Bin; undo brings it back into its folders.
        try press(s, "delete-task")
        s.waitStatus("Move “\(title)” to Wrike's Recycle Bin?")
        s.tmux.type("y")
        (ok, d) = try s.waitForData { task($0)?.scope == .rbTask }
        #expect(ok, "not deleted")
        s.waitStatus("is in Wrike's Recycle Bin")
        try press(s, "undo")
        (ok, d) = try s.waitForData { task($0)?.scope == .wsTask && task($0)?.parentIds?.contains(sprint.id) == true }
        #expect(ok, "not restored: \(String(describing: task(d)))")
        s.waitStatus("it is back in its folders")
        #expect(try s.log().filter { $0.method == "DELETE" }.count == 1)
    }

    /// 250 marked tasks get an assignee in 3 requests (100, 100, 50 ids); undo takes it back in 3 more.
    @Test func aBulkAssigneeOver250MarkedTasksIsThreeRequests() throws {
        var data = DemoDataset.make()
        let sprint = try #require(data.folders.first { $0.title == "Sprint 15" })
        let template = try #require(data.tasks.first { $0.parentIds == [sprint.id] && ($0.superTaskIds ?? []).isEmpty })
        for i in 0..<250 {
            var t = template
            t.id = String(format: "IEACME42KQBULK%03d", i)
            t.title = String(format: "Bulk item %03d", i)
            t.responsibleIds = []
            t.subTaskIds = []
            t.dependencyIds = []
            data.tasks.append(t)
        }
        let file = NSTemporaryDirectory() + "wtui-e2e-bulk-\(getpid()).json"
        try data.encoded().write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard let s = try Session(serverArgs: ["--data", file]) else { return }
        defer { s.close() }
        s.openTaskList()
        let jose = try #require(data.contacts.first { $0.firstName == "José" })
        s.tmux.keys("/")
        s.tmux.type("Bulk item")
        let (ok, screen) = s.tmux.waitFor("250 matches") { $0.contains("· 250/") }
        #expect(ok, "the filter did not find the 250 tasks:\n\(screen)")
        s.tmux.keys("Enter")
        s.tmux.keys("-N", "250", "Space")
        s.waitStatus("250 marked")
        try press(s, "assign")
        s.waitStatus("Assignees of 250 marked tasks")
        s.tmux.type("José")
        s.tmux.keys("Enter")
        func bulk(_ d: Dataset) -> [WrikeTask] { d.tasks.filter { $0.title.hasPrefix("Bulk item") } }
        var (done, d) = try s.waitForData { bulk($0).allSatisfy { $0.responsibleIds == [jose.id] } }
        #expect(done, "\(bulk(d).filter { $0.responsibleIds != [jose.id] }.count) tasks not assigned")
        s.waitStatus("Assigned José Álvarez: 250 tasks changed.")
        let puts = try s.log().filter { $0.method == "PUT" }
        #expect(puts.map { $0.path.split(separator: ",").count }.sorted() == [50, 100, 100], "\(puts.map(\.path.count))")
        s.tmux.keys("Escape")
        try press(s, "undo")
        (done, d) = try s.waitForData { bulk($0).allSatisfy { $0.responsibleIds == [] } }
        #expect(done, "undo left \(bulk(d).filter { $0.responsibleIds != [] }.count) assigned")
        s.waitStatus("Undid “Assigned José Álvarez (250 tasks)”: 250 tasks changed.")
        let all = try s.log().filter { $0.method == "PUT" }
        #expect(all.count == 6, "\(all.count) PUTs")
    }
}
