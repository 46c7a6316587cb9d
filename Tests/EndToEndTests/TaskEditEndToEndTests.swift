import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Creating and editing tasks in the real binary, in tmux, against `wrike-tui sandbox serve`: a new task
/// from the list, a refused one (Wrike's reason on screen, nothing created), a new title, and undo — each
/// read back from the sandbox's data. Keys are looked up by action name in docs/keys.md.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct TaskEditEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    /// The tmux key for an action's first key in docs/keys.md (`+` → "+", `F2` → "F2", `Ctrl-t` → "C-t").
    static func key(_ action: String) throws -> String {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/keys.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let row = try #require(text.split(separator: "\n").first { $0.contains("| `\(action)` |") }, "no row for \(action)")
        let cell = row.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
        let first = try #require(cell.split(separator: "`").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0 != ", " })
        let k = String(first)
        if k.hasPrefix("Ctrl-") { return "C-" + k.dropFirst(5) }
        return k
    }

    func press(_ s: Session, _ action: String) throws {
        let k = try Self.key(action)
        if k.count == 1 { s.tmux.type(k) } else { s.tmux.keys(k) }
    }

    @Test func createRefuseRenameAndUndo() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        s.openTaskList()
        let space = try #require(try s.snapshot().spaces.first { $0.title == "Engineering" })
        let title = "Launch checklist e2e"

        // Create: the title inline, Enter; one POST, one task in the space, authored by me.
        try press(s, "new-task")
        s.waitStatus("New task in Engineering")
        s.tmux.type(title)
        s.tmux.keys("Enter")
        s.waitStatus("Created “\(title)”")
        var (ok, d) = try s.waitForData { $0.tasks.contains { $0.title == title } }
        #expect(ok, "not created in the sandbox")
        let made = d.tasks.filter { $0.title == title }
        #expect(made.count == 1 && made.first?.parentIds == [space.id] && made.first?.authorIds == [d.me ?? ""])
        let posts = try s.log().filter { $0.method == "POST" }
        #expect(posts.map(\.path) == ["/folders/\(space.id)/tasks"], "\(posts.map(\.path))")
        #expect(s.draftFiles.isEmpty, "the draft stays after a confirmed create: \(s.draftFiles)")
        let task = try #require(made.first)

        // Refused by Wrike: its reason on screen, the title back in the input, nothing created.
        s.fault(#"{"count":1,"status":403,"method":"POST","pathPrefix":"/folders"}"#)
        try press(s, "new-task")
        s.tmux.type("Refused one")
        s.tmux.keys("Enter")
        s.waitStatus("“Refused one” was not created")
        #expect(try s.snapshot().tasks.allSatisfy { $0.title != "Refused one" })
        s.tmux.keys("Escape")
        s.waitStatus("stays as a draft")

        // Rename the new task, then undo: each read back from the sandbox.
        s.select(title)
        try press(s, "edit-title")
        s.waitStatus("Title: \(title)")
        s.tmux.keys("C-u")
        s.tmux.type("Launch list renamed")
        s.tmux.keys("Enter")
        (ok, d) = try s.waitForData { $0.tasks.first { $0.id == task.id }?.title == "Launch list renamed" }
        #expect(ok, "title not changed in the sandbox: \(String(describing: d.tasks.first { $0.id == task.id }?.title))")
        s.waitStatus("Renamed to")
        try press(s, "undo")
        (ok, d) = try s.waitForData { $0.tasks.first { $0.id == task.id }?.title == title }
        #expect(ok, "undo did not restore the title: \(String(describing: d.tasks.first { $0.id == task.id }?.title))")
        s.waitStatus("Undid")
    }
}
