import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// The new-task form in the real binary, in tmux against `wrike-tui sandbox serve`, used as a user would: the
/// title, Tab to the form, a description pasted over two lines (kept as two), a due date, an assignee from the picker,
/// importance; the terminal resized to 80x24 with the form open; Esc (the draft stays, with its fields) and
/// reopened from the drafts list; `kill -9` mid-form and a restart (the draft offered with its fields);
/// then one POST, read back from the sandbox. Keys are looked up by action name in docs/keys.md.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct NewTaskFormEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    func press(_ s: Session, _ action: String) throws {
        let k = try TaskEditEndToEndTests.key(action)
        if k.count == 1 { s.tmux.type(k) } else { s.tmux.keys(k) }
    }

    /// The one draft file's text, once `predicate` holds for it (autosave writes within about 2 s).
    func draftText(_ s: Session, _ predicate: (String) -> Bool) -> String? {
        for _ in 0..<100 {
            let texts = s.draftFiles.compactMap { try? String(contentsOfFile: s.stateDir + "/wrike-tui/drafts/" + $0, encoding: .utf8) }
            if texts.count == 1, let t = texts.first, predicate(t) { return t }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    @Test func createWithDescriptionDatesAssigneeAndImportance() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        s.openTaskList()
        let demo = try s.snapshot()
        let space = try #require(demo.spaces.first { $0.title == "Engineering" })
        let person = try #require(demo.contacts.filter { $0.id != demo.me && $0.type == .person && $0.deleted != true }
            .sorted { $0.id < $1.id }.first)
        let first = String(person.displayName.split(separator: " ").first ?? "")
        let title = "Form task e2e"

        try press(s, "new-task")
        s.waitStatus("New task in Engineering")
        s.tmux.type(title)
        try press(s, "input-more-fields")
        s.waitStatus("Description")
        s.tmux.paste("Plan **bold**\nsecond line")
        s.tmux.keys("Tab")
        s.tmux.type("2027-01-15")
        s.tmux.keys("Tab")
        s.tmux.type(first)
        s.waitStatus("Assignees of the new task")
        s.tmux.keys("Enter")
        s.tmux.keys("Escape")
        s.tmux.keys("Tab")
        s.tmux.keys("Right")
        var (ok, screen) = s.tmux.waitFor("‹ High ›")
        #expect(ok, "importance not set:\n\(screen)")

        // 80x24 with the form open: every row still there.
        s.tmux.run(["resize-window", "-t", "e2e", "-x", "80", "-y", "24"])
        (ok, screen) = s.tmux.waitFor("2027-01-15") { $0.contains("2027-01-15") && $0.contains("‹ High ›") && $0.contains(first) }
        #expect(ok, "the form at 80x24:\n\(screen)")
        let rows = screen.components(separatedBy: "\n")
        let planRow = rows.firstIndex { $0.contains("Description Plan **bold**") }
        #expect(planRow.map { rows[$0 + 1].contains("second line") } == true, "the pasted lines on two rows:\n\(screen)")

        // Esc with words typed: the draft stays on disk with every field; the drafts list reopens the form.
        s.tmux.keys("Escape")
        s.waitStatus("stays as a draft")
        let kept = draftText(s) { $0.contains("High") && $0.contains(person.id) && $0.contains("2027-01-15") }
        #expect(kept?.contains("Plan **bold**\\nsecond line") == true, "the draft on disk keeps the lines: \(kept ?? "none")")
        try press(s, "drafts")
        s.waitStatus("new task on Engineering")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("‹ High ›") { $0.contains("‹ High ›") && $0.contains(title) && $0.contains(first) }
        #expect(ok, "the form did not come back with its fields:\n\(screen)")

        // kill -9 mid-form (a change typed after reopening, in the description where the form reopens),
        // then a restart: the draft is offered with it.
        s.tmux.keys("C-e")   // form-end (tmux sends End as \e[4~, which xterm-256color does not name)
        s.tmux.type(" more")
        #expect(draftText(s) { $0.contains("second line more") } != nil, "the change was not autosaved")
        try s.killApp()
        s.restartApp()
        s.waitStatus("1 unsent draft from a previous session")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("‹ High ›") { $0.contains("‹ High ›") && $0.contains("more") && $0.contains(first) }
        #expect(ok, "after kill -9 the draft did not reopen with its fields:\n\(screen)")
        #expect(try s.log().filter { $0.method == "POST" }.isEmpty, "nothing was sent yet")

        // Create: one POST with every field, read back from the sandbox.
        try press(s, "form-submit")
        s.waitStatus("Created “\(title)”")
        let d: Dataset
        (ok, d) = try s.waitForData { $0.tasks.contains { $0.title == title } }
        #expect(ok, "not created in the sandbox")
        let made = d.tasks.filter { $0.title == title }
        #expect(made.count == 1)
        let t = try #require(made.first)
        #expect(t.parentIds == [space.id] && t.importance == .high && t.responsibleIds == [person.id])
        #expect(t.dates?.type == .milestone && t.dates?.due == "2027-01-15T17:00:00", "\(String(describing: t.dates))")
        #expect(t.description?.contains("<b>bold</b>") == true && t.description?.contains("second line more") == true
                && t.description?.contains("</b> second") == false, "two lines, not one: \(t.description ?? "")")
        let posts = try s.log().filter { $0.method == "POST" }
        #expect(posts.map(\.path) == ["/folders/\(space.id)/tasks"], "\(posts.map(\.path))")
        var waited = 0
        while !s.draftFiles.isEmpty && waited < 50 { Thread.sleep(forTimeInterval: 0.1); waited += 1 }
        #expect(s.draftFiles.isEmpty, "the draft stays after a confirmed create: \(s.draftFiles)")
    }
}
