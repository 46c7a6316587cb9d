// The new-task form's description over several lines: typed (Enter starts a line), pasted (its newlines
// kept, nothing in it a key), moved through with ↑/↓ (leaving the field from its first and last lines),
// kept with its lines in the draft on disk and reopened so, sent as Wrike's HTML of those lines.
import Foundation
import Testing
import Platform
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

@Suite struct NewTaskDescriptionTests {
    let t = NewTaskFormTests()

    @Test func enterAndAPasteMakeLinesThatTheDraftKeeps() throws {
        var s = t.opened()
        t.type(&s, "Plan:")
        _ = t.key(&s, "enter")
        _ = s.update(.paste("- **one**\n- two\n\nq then ctrl-s\u{13}", truncated: false))
        let f = try #require(t.form(s))
        #expect(f.description.text == "Plan:\n- **one**\n- two\n\nq then ctrl-s" && f.focus == .description)
        #expect(s.modal != nil && s.creatingTasks.isEmpty, "nothing in the paste ran as a key")
        // Autosaved with its lines, through the real draft store, and reopened with them.
        let (draft, _) = try #require(t.steps(s.update(.tick(testNow.addingTimeInterval(1.5)))))
        #expect(draft.newTask?.description == f.description.text)
        let dir = NSTemporaryDirectory() + "wrike-newtask-desc-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DraftStore(directory: dir)
        try store.save(draft)
        var r = loadedState()
        _ = r.resumeDraft(try store.load(id: draft.id))
        #expect(t.form(r)?.description.text == f.description.text)
        // Sent as the HTML of those lines: a paragraph and a list.
        let (sent, _) = try #require(t.steps(t.key(&r, "ctrl-s")))
        let html = NewTask.params(title: sent.text, fields: try #require(sent.newTask)).description ?? ""
        #expect(html.contains("Plan:") && html.contains("<li><b>one</b></li>") && html.contains("<li>two</li>")
                && html.contains("q then ctrl-s"), "\(html)")
    }

    @Test func upAndDownMoveThroughTheLinesThenLeaveTheField() throws {
        var s = t.opened()
        _ = s.update(.paste("first\nsecond\nthird", truncated: false))
        _ = t.key(&s, "up")
        _ = t.key(&s, "up")
        var f = try #require(t.form(s))
        #expect(f.focus == .description && f.description.cursorPosition().row == 0)
        t.type(&s, "X")
        #expect(t.form(s)?.description.text == "firstX\nsecond\nthird", "typed where ↑ went")
        _ = t.key(&s, "up")
        #expect(t.form(s)?.focus == .title, "↑ on the first line: the title")
        _ = t.key(&s, "down")
        for _ in 0..<2 { _ = t.key(&s, "down") }
        f = try #require(t.form(s))
        #expect(f.focus == .description && f.description.cursorPosition().row == 2)
        _ = t.key(&s, "down")
        #expect(t.form(s)?.focus == .dates, "↓ on the last line: the dates")
        // Tab leaves it from any line; Backspace and Home/End edit it as the comment editor does.
        _ = t.key(&s, "s-tab")
        _ = t.key(&s, "home")
        _ = t.key(&s, "backspace")
        #expect(t.form(s)?.description.text == "firstX\nsecondthird", "the line joined the one above")
    }

    @Test func aLongLineWrapsAtTheWidthShownSoUpAndDownFollowTheRowsOnScreen() throws {
        var s = t.opened()
        _ = s.update(.layout(Viewport(treeRows: 10, listRows: 4, detailRows: 10, detailWidth: 30, screenWidth: 40,
                                      screenHeight: 12)))
        let long = String(repeating: "word ", count: 12)   // 60 cells: wraps at the 40-column screen's field
        _ = s.update(.paste(long, truncated: false))
        var f = try #require(t.form(s))
        let l = s.newTaskFormLayout(f)
        #expect(l.descriptionWidth < 30 && f.descriptionRows(width: l.descriptionWidth) >= 2)
        _ = t.key(&s, "up")
        f = try #require(t.form(s))
        #expect(f.focus == .description && f.description.cursorPosition().row == f.descriptionRows(width: l.descriptionWidth) - 2,
                "↑ went one wrapped row up, not to the title")
    }
}
