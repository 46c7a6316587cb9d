// Every mode that takes a typed query has a key that clears it (Ctrl-U, as in the filter and the line
// input), a row of the key table; a pasted permalink in go-to replaces what was typed.
import Foundation
import Testing
@testable import Browser
import WrikeAPI

@Suite struct ClearQueryTests {
    /// Presses a key (canonical name) the way the app does: the key table's intent in the current mode.
    static func press(_ s: inout AppState, _ key: String, typed: String? = nil) {
        guard case .some(.some(let intent)) = s.keyIntent(key, typed: typed) else { return }
        _ = s.update(intent)
    }

    static func type(_ s: inout AppState, _ text: String) {
        for ch in text { press(&s, String(ch), typed: String(ch)) }
    }

    /// The typed query of the open picker (nil: no picker with a query is open).
    static func query(_ s: AppState) -> String? {
        if case .status(let m, _)? = s.modal { return m.picker.query }
        if case .dependency(let m)? = s.modal { return m.query }
        if case .approvalsWaiting(let p)? = s.modal { return p.query }
        if case .messages(let p)? = s.modal { return p.query }
        if case .goTo(let m)? = s.modal { return m.query }
        if case .editPicker(let m)? = s.modal { return m.shownQuery }
        if case .newTaskForm(let f)? = s.modal { return f.picker?.shownQuery }
        return nil
    }

    @Test func ctrlUIsARowOfThePickerAndFormModes() {
        let km = Keymap.defaults
        #expect(km.action(for: "ctrl-u", in: .picker)?.rawValue == "picker-clear")
        #expect(km.action(for: "ctrl-u", in: .form)?.rawValue == "form-clear")
        // The names the other modes already had stay.
        #expect(km.action(for: "ctrl-u", in: .filter)?.rawValue == "filter-clear")
        #expect(km.action(for: "ctrl-u", in: .lineInput)?.rawValue == "input-clear")
        #expect(km.markdown().contains("`picker-clear`") && km.markdown().contains("`form-clear`"))
    }

    /// Each picker with a typed query: type, Ctrl-U, the query is empty and the picker stays open.
    @Test func ctrlUClearsTheQueryOfEveryPicker() {
        let approvals = (0..<5).map { Approval(id: "A\($0)", taskId: "T1", title: "approval \($0)") }
        let candidates = (0..<5).map { DependencyCandidate(id: "X\($0)", title: "task \($0)") }
        let opens: [(String, (inout AppState) -> Void)] = [
            ("status", { $0.modal = .status(StatusPickerModel(workflows: testWorkflows, currentStatusId: "C1"), taskIds: ["T1"]) }),
            ("approvals", { $0.modal = .approvalsWaiting(PickerModel(items: approvals, ordering: .stable) { $0.title ?? "" }) }),
            ("finder", { $0.modal = .dependency(DependencyFinderModel(taskId: "T1", existing: [], loaded: candidates)) }),
            ("messages", { s in s.status.message = "hello"; s.modal = .messages(s.messagesPicker()) }),
            ("go-to", { _ = $0.update(.action(.goTo)) }),
            ("people", { s in s.focus = .list; _ = s.update(.taskEdit(.assign)) }),
            ("folders", { s in s.focus = .list; _ = s.update(.taskEdit(.move)) }),
            ("importance", { s in s.focus = .list; _ = s.update(.taskEdit(.editImportance)) }),
        ]
        for (name, open) in opens {
            var s = loadedState()
            open(&s)
            #expect(s.keyMode == .picker, "\(name) is a picker")
            Self.type(&s, "ab")
            #expect(Self.query(s) == "ab", "\(name) took the typed text")
            Self.press(&s, "ctrl-u")
            #expect(Self.query(s) == "", "\(name): Ctrl-U cleared the query")
            #expect(s.keyMode == .picker, "\(name) stays open")
        }
    }

    /// The new-task form's people picker (opened from its Assignees field) clears too; the form's own
    /// fields clear with the same key.
    @Test func ctrlUClearsTheNewTaskFormsFieldsAndItsPeoplePicker() {
        var s = loadedState()
        s.focus = .list
        _ = s.update(.taskEdit(.newTask))
        Self.type(&s, "Plan")
        Self.press(&s, "tab")  // the form with more fields, the title kept
        guard case .newTaskForm(let f0)? = s.modal else { Issue.record("no form: \(String(describing: s.modal))"); return }
        #expect(f0.title.text == "Plan" && f0.focus == .description)
        Self.type(&s, "first")
        Self.press(&s, "enter")
        Self.type(&s, "second line")
        Self.press(&s, "ctrl-u")  // in the Description: to the start of the line, as in the comment editor
        guard case .newTaskForm(let f1)? = s.modal else { Issue.record("form closed"); return }
        #expect(f1.description.text == "first\n")
        Self.press(&s, "s-tab")
        Self.press(&s, "ctrl-u")
        guard case .newTaskForm(let f2)? = s.modal else { Issue.record("form closed"); return }
        #expect(f2.focus == .title && f2.title.text == "", "Ctrl-U cleared the title field")
        while case .newTaskForm(let f)? = s.modal, f.focus != .assignees { Self.press(&s, "tab") }
        Self.press(&s, "enter")  // the people picker
        Self.type(&s, "jo")
        #expect(Self.query(s) == "jo")
        Self.press(&s, "ctrl-u")
        #expect(Self.query(s) == "")
    }

    @Test func ctrlUClearsAFormFieldAndTheApproversQuery() {
        var s = loadedState()
        s.modal = .timelog(TimeLogForm(categories: []), taskId: "T1", send: nil)
        Self.type(&s, "1.5")
        guard case .timelog(let f, _, _)? = s.modal else { Issue.record("no form"); return }
        #expect(f.hours.text == "1.5")
        Self.press(&s, "ctrl-u")
        guard case .timelog(let f2, _, _)? = s.modal else { Issue.record("form closed"); return }
        #expect(f2.hours.text == "")
        s.modal = .approval(ApprovalRequestForm(contacts: Fixture.contacts), taskId: "T1")
        Self.type(&s, "jos")
        guard case .approval(let a, _)? = s.modal else { Issue.record("no form"); return }
        #expect(a.approvers.query == "jos" && a.approvers.matches.count == 1)
        Self.press(&s, "ctrl-u")
        guard case .approval(let a2, _)? = s.modal else { Issue.record("form closed"); return }
        #expect(a2.approvers.query == "" && a2.approvers.matches.count == a2.approvers.items.count)
    }

    /// A picker's hint line names the clear key where typing narrows (not in the drafts list, which has no query).
    @Test func theHintNamesTheClearKey() {
        let o = Overlay.status(StatusPickerModel(workflows: testWorkflows, currentStatusId: "C1"), taskIds: ["T1"])
        #expect(o.hint(keymap: .defaults, ascii: true).hasSuffix("Esc close · Ctrl-u clear"))
        let d = Overlay.drafts(PickerModel<Draft>(items: [], ordering: .stable) { $0.text })
        #expect(!d.hint(keymap: .defaults, ascii: true).contains("Ctrl-u"))
    }

    // MARK: go-to and a pasted permalink

    static func goTo(typed: String) -> AppState {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        type(&s, typed)
        return s
    }

    /// A whole permalink (or API id) pasted after something typed replaces it: joined to the typed text
    /// it would name no task; the first row is the permalink's task.
    @Test func aPastedPermalinkReplacesTheTypedQuery() {
        var s = Self.goTo(typed: "plat")
        _ = s.update(.paste("https://www.wrike.com/open.htm?id=4711 ", truncated: false))
        #expect(Self.query(s) == "https://www.wrike.com/open.htm?id=4711")
        guard case .goTo(let m)? = s.modal else { Issue.record("go-to closed"); return }
        #expect(m.picker.current?.target == .permalink(number: "4711"))
        var t = Self.goTo(typed: "12")
        _ = t.update(.paste("IEAAAAAQKQAAAAAA", truncated: false))
        #expect(Self.query(t) == "IEAAAAAQKQAAAAAA")
    }

    /// Other text (a word, a bare number, which may be part of a name) is typed: it joins the query.
    @Test func otherPastesJoinTheTypedQuery() {
        var s = Self.goTo(typed: "plat")
        _ = s.update(.paste("form", truncated: false))
        #expect(Self.query(s) == "platform")
        var t = Self.goTo(typed: "Sprint ")
        _ = t.update(.paste("42", truncated: false))
        #expect(Self.query(t) == "Sprint 42")
    }
}
