// Issue 16: the new-task form (title, description, dates, assignees, importance, status in one POST), its
// draft on disk with every field (autosaved, kept on Esc and on exit, reopened in the form), a paste as
// text, a refused date kept in the form.
import Foundation
import Testing
import Platform
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

@Suite struct NewTaskFormTests {
    func form(_ s: AppState) -> NewTaskForm? {
        if case .newTaskForm(let f)? = s.modal { return f }
        return nil
    }

    func key(_ s: inout AppState, _ name: String, typed: String? = nil) -> [Effect] {
        guard case .some(let intent?) = s.keyIntent(name, typed: typed) else { return [] }
        return s.update(intent)
    }

    func type(_ s: inout AppState, _ text: String) {
        for ch in text { _ = key(&s, String(ch), typed: String(ch)) }
    }

    func steps(_ effects: [Effect]) -> (Draft, [SendEffect])? {
        for e in effects { if case .sendSteps(let d, let st) = e { return (d, st) } }
        return nil
    }

    /// `+`, a title, Tab: the form, on the description.
    func opened(_ title: String = "Ship the beta") -> AppState {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        type(&s, title)
        _ = key(&s, "tab")
        return s
    }

    /// Every field filled from the keys of the key table.
    func filled() -> AppState {
        var s = opened()
        type(&s, "The **first** cut")
        _ = key(&s, "tab")
        type(&s, "fri")
        _ = key(&s, "tab")
        type(&s, "jos")            // the assignee picker opens, narrowed
        _ = key(&s, "enter")       // José Álvarez
        _ = key(&s, "esc")         // back to the form
        _ = key(&s, "tab")
        _ = key(&s, "right")       // High
        _ = key(&s, "tab")
        type(&s, "prog")           // In Progress
        return s
    }

    @Test func tabInTheTitleLineOpensTheFormWithTheTitle() throws {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        type(&s, "Ship")
        #expect(s.keyMode == .lineInput)
        #expect(s.keyIntent("tab", typed: nil) == .some(.taskEdit(.input(.moreFields))))
        _ = key(&s, "tab")
        let f = try #require(form(s))
        #expect(f.title.text == "Ship" && f.focus == .description && f.folderId == "F1" && f.place == "Platform")
        #expect(s.features.taskEdit.input == nil && s.keyMode == .form)
        #expect(f.statuses.map(\.id) == ["CS_NEW", "CS_PROG", "CS_DONE"], "the listed tasks' workflow")
        // Tab in another line input does nothing but say so.
        var r = loadedState()
        r.list.cursor = r.list.rowIndex(ofTask: "T1") ?? 0
        _ = r.update(.taskEdit(.editTitle))
        _ = key(&r, "tab")
        #expect(r.modal == nil && r.features.taskEdit.input != nil)
    }

    @Test func everyFieldGoesInOnePost() throws {
        var s = filled()
        let f = try #require(form(s))
        #expect(f.assignees == ["U3"] && f.importance == .high && f.statusId == "CS_PROG" && f.picker == nil)
        let (draft, st) = try #require(steps(key(&s, "ctrl-s")))
        #expect(st == [.saveDraft(.sending), .post], "the draft is on disk before the POST leaves")
        #expect(s.modal == nil && s.creatingTasks.map(\.draft.text) == ["Ship the beta"])
        let fields = try #require(draft.newTask)
        #expect(fields.datesText == "fri" && fields.description == "The **first** cut")
        // 2024-06-15 is a Saturday: fri is 2024-06-21, due only (a Milestone).
        let due = TaskDates(type: .milestone, due: "2024-06-21T17:00:00")
        #expect(fields.dates == due)
        let params = NewTask.params(title: draft.text, fields: fields)
        #expect(params == TaskCreate(title: "Ship the beta", description: "The <b>first</b> cut", importance: .high, dates: due,
                                     responsibles: ["U3"], customStatus: "CS_PROG"))
        // The body as it goes on the wire: one request with every parameter.
        let body = String(decoding: try JSONEncoder().encode(params), as: UTF8.self)
        for name in ["\"title\"", "\"description\"", "\"importance\":\"High\"", "\"dates\"", "\"responsibles\":[\"U3\"]",
                     "\"customStatus\":\"CS_PROG\""] {
            #expect(body.contains(name), "\(name) missing in \(body)")
        }
    }

    @Test func theTitleAloneSendsNoFieldAndEnterInTheFormCreates() throws {
        var s = opened("Quick")
        // On the description Enter starts a line (blank: nothing to send); on the title it creates.
        #expect(steps(key(&s, "enter")) == nil && form(s)?.description.text == "\n")
        _ = key(&s, "s-tab")
        let (draft, _) = try #require(steps(key(&s, "enter")))
        #expect(NewTask.params(title: draft.text, fields: try #require(draft.newTask)) == TaskCreate(title: "Quick"))
    }

    @Test func aBadDateStaysInTheFormWithItsReason() throws {
        var s = opened()
        _ = key(&s, "tab")
        type(&s, "someday")
        #expect(key(&s, "ctrl-s").isEmpty)
        let f = try #require(form(s))
        #expect(f.focus == .dates && f.errors[.dates]?.contains("Not a date") == true)
        #expect(s.status.lastError?.contains("Not a date") == true)
        // An empty title is refused too, and the focus goes to it first.
        for _ in 0..<20 { _ = key(&s, "backspace") }
        type(&s, "+3d")
        _ = key(&s, "s-tab"); _ = key(&s, "s-tab")
        for _ in 0..<20 { _ = key(&s, "backspace") }
        #expect(key(&s, "ctrl-s").isEmpty)
        #expect(form(s)?.focus == .title && s.status.lastError == "A task needs a title.")
    }

    @Test func theDraftHoldsEveryFieldAndReopensInTheFormAfterARestart() throws {
        var s = filled()
        // Typing paused: the next ticks write the form to disk (what kill -9 leaves).
        #expect(steps(s.update(.tick(testNow.addingTimeInterval(0.5)))) == nil, "not while typing goes on")
        let saved = s.update(.tick(testNow.addingTimeInterval(1.5)))
        let (draft, st) = try #require(steps(saved))
        #expect(st == [.saveDraft(.editing)] && draft.kind == .task && draft.text == "Ship the beta")
        #expect(draft.newTask?.responsibles == ["U3"] && draft.newTask?.importance == "High"
                && draft.newTask?.customStatus == "CS_PROG" && draft.newTask?.datesText == "fri"
                && draft.newTask?.description == "The **first** cut")
        #expect(form(s)?.draft?.id == draft.id, "the next save and the send reuse the same file")
        // Through the real draft store, as after a restart.
        let dir = NSTemporaryDirectory() + "wrike-newtask-" + UUID().uuidString
        let store = DraftStore(directory: dir)
        try store.save(draft)
        let back = try store.load(id: draft.id)
        #expect(back.id == draft.id && back.kind == .task && back.text == draft.text && back.newTask == draft.newTask
                && back.state == .editing, "the file keeps every field")
        var r = loadedState()
        _ = r.resumeDraft(back)
        let f = try #require(form(r))
        #expect(f.title.text == "Ship the beta" && f.description.text == "The **first** cut" && f.dates.text == "fri")
        #expect(f.assignees == ["U3"] && f.importance == .high && f.statusId == "CS_PROG" && f.draft?.id == draft.id)
        // Sending it reuses that draft (no second file).
        let (sent, _) = try #require(steps(key(&r, "ctrl-s")))
        #expect(sent.id == draft.id && sent.newTask?.dates == TaskDates(type: .milestone, due: "2024-06-21T17:00:00"))
        // A draft with the title alone reopens in the title line.
        var t = loadedState()
        var plain = back
        plain.newTask = Draft.NewTaskFields(folderId: "F1")
        _ = t.resumeDraft(plain)
        #expect(t.modal == nil && t.features.taskEdit.input?.text == "Ship the beta")
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test func escAndQuittingKeepTheWordsAsADraft() throws {
        var s = filled()
        let exit = s.draftsToKeepOnExit(now: testNow)
        #expect(exit.count == 1 && exit.first?.newTask?.responsibles == ["U3"])
        let (kept, st) = try #require(steps(key(&s, "esc")))
        #expect(s.modal == nil && st == [.saveDraft(.editing)] && kept.newTask?.importance == "High")
        #expect(s.actions.savedDrafts.map(\.id) == [kept.id])
        #expect(s.status.message == "The new task stays as a draft (u lists it; Enter there reopens the form).")
        // Reopened from the drafts list: on the description, typing goes on where it stopped.
        _ = s.resumeDraft(kept)
        _ = key(&s, "end")
        type(&s, " more")
        #expect(form(s)?.description.text == "The **first** cut more" && form(s)?.draft?.id == kept.id)
        // The title line too: Esc with a title keeps it.
        var t = loadedState()
        _ = t.update(.taskEdit(.newTask))
        type(&t, "Half a thought")
        let (d, st2) = try #require(steps(key(&t, "esc")))
        #expect(d.text == "Half a thought" && st2 == [.saveDraft(.editing)] && t.features.taskEdit.input == nil)
        // Nothing typed: nothing kept.
        var u = loadedState()
        _ = u.update(.taskEdit(.newTask))
        #expect(key(&u, "esc").isEmpty)
    }

    @Test func aPasteIsTextInTheFocusedField() throws {
        var s = opened()
        _ = s.update(.paste("line one\nq\tesc", truncated: false))
        #expect(form(s)?.description.text == "line one\nq    esc" && s.modal != nil, "the description keeps the lines")
        _ = key(&s, "s-tab")
        _ = s.update(.paste(" and\r\nmore", truncated: false))
        #expect(form(s)?.title.text == "Ship the beta and more", "the title takes one line")
        _ = key(&s, "tab")
        _ = key(&s, "tab"); _ = key(&s, "tab")
        _ = s.update(.paste("Álv", truncated: false))
        let p = try #require(form(s)?.picker)
        #expect(p.shownQuery == "Álv" && p.picker.current?.id == "U3" && s.keyMode == .picker)
    }

    @Test func aRefusedCreateReopensTheFormWithItsFields() throws {
        var s = filled()
        let (draft, _) = try #require(steps(key(&s, "ctrl-s")))
        _ = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("Access denied", status: 403, code: "access_forbidden"))))
        let f = try #require(form(s))
        #expect(f.assignees == ["U3"] && f.draft?.id == draft.id && f.draft?.state == .failed)
        #expect(s.status.lastError?.contains("was not created") == true)
    }
}
