import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// The new-task form and edit-field's pickers on screen, at 80x24 and narrow: every field's row, the dates
/// read back, the assignees by name (a hostile name stays text), the assignee picker over the form, the
/// fields picker with each field's type, a drop-down's options with the current one checked.
@Suite struct NewTaskFormScreenTests {
    static func key(_ s: inout AppState, _ name: String, typed: String? = nil) {
        guard case .some(let intent?) = s.keyIntent(name, typed: typed) else { return }
        _ = s.update(intent)
    }

    static func type(_ s: inout AppState, _ text: String) {
        for ch in text { key(&s, String(ch), typed: String(ch)) }
    }

    static func filledForm(width: Int, height: Int) -> AppState {
        var s = BrowserScreenTests.state(width: width, height: height, focus: .list, openTask: false)
        _ = s.update(.taskEdit(.newTask))
        type(&s, "Ship the beta")
        key(&s, "tab")
        _ = s.update(.paste("The **first** cut, pasted\nover two lines", truncated: false))
        key(&s, "tab")
        type(&s, "fri")
        key(&s, "tab")
        type(&s, "mal")        // the hostile contact
        key(&s, "enter")
        key(&s, "esc")
        type(&s, "佐藤")       // 花子 佐藤 (typing on Assignees opens the picker again)
        key(&s, "enter")
        key(&s, "esc")
        key(&s, "tab")
        key(&s, "right")
        key(&s, "tab")
        return s
    }

    @Test(arguments: [(80, 24), (46, 18)])
    func theFormShowsEveryField(size: (Int, Int)) throws {
        let (w, h) = size
        let s = Self.filledForm(width: w, height: h)
        guard case .newTaskForm(let f)? = s.modal else { Issue.record("no form"); return }
        #expect(f.assignees == ["EV", "HS"] && f.importance == .high && f.focus == .status)
        let c = BrowserScreenTests.render(s, w, h)
        let text = c.text()
        #expect(text.contains("New task in Platform"))
        #expect(text.contains("Title") && text.contains("Ship the beta"))
        #expect(text.contains("Importance") && text.contains("High"))
        #expect(text.contains("Status"))
        if w >= 80 {
            #expect(text.contains("fri = 2024-06-21"), "the dates read back\n\(text)")
            #expect(text.contains("佐藤") && text.contains("Mallory"))
            #expect(text.contains("Tab") && text.contains("Ctrl-s create"), "the hint names the keys\n\(text)")
        }
        try BrowserScreenTests.check("new-task-form-\(w)x\(h)", c)
    }

    @Test func theAssigneePickerOpensOverTheForm() throws {
        var s = Self.filledForm(width: 80, height: 24)
        Self.key(&s, "s-tab"); Self.key(&s, "s-tab")
        Self.key(&s, "enter")
        #expect(s.keyMode == .picker)
        let c = BrowserScreenTests.render(s, 80, 24)
        let text = c.text()
        #expect(text.contains("Assignees of the new task"))
        #expect(text.contains("[✓] 花子 佐藤") || text.contains("[✓] 佐藤 花子"), "\(text)")
        try BrowserScreenTests.check("new-task-form-picker-80x24", c)
    }

    static func fieldState(width: Int, height: Int) -> AppState {
        var s = BrowserScreenTests.state(width: width, height: height, focus: .detail, openTask: true)
        let fields = [
            CustomField(id: "CF_DROP", title: "Risk", type: .dropDown,
                        settings: CustomFieldSettings(options: ["Low", "Medium", "High"].map { CustomFieldOption(value: $0) })),
            CustomField(id: "CF_NUM", title: "Story points", type: .numeric),
            CustomField(id: "CF_BAD", title: "Evil \u{1B}[31mfield", type: .text),
        ]
        for f in fields { s.catalog.directory.customFields[f.id] = f }
        var t = s.detail.task
        t?.customFields = [CustomFieldValue(id: "CF_DROP", value: "Medium")]
        if let t { _ = s.handle(.detailTask(taskId: t.id, .success(t))) }
        return s
    }

    @Test(arguments: [(80, 24), (46, 18)])
    func theFieldPickerAndADropDownsOptions(size: (Int, Int)) throws {
        let (w, h) = size
        var s = Self.fieldState(width: w, height: h)
        _ = s.update(.taskEdit(.editField))
        var c = BrowserScreenTests.render(s, w, h)
        var text = c.text()
        #expect(text.contains("Custom fields of"), "\(text)")
        #expect(text.contains("Risk  (drop-down)") && text.contains("Story points  (number)"))
        #expect(!text.contains("\u{1B}"))
        try BrowserScreenTests.check("field-picker-\(w)x\(h)", c)
        Self.type(&s, "risk")
        Self.key(&s, "enter")
        c = BrowserScreenTests.render(s, w, h)
        text = c.text()
        #expect(text.contains("Risk of"), "\(text)")
        #expect(text.contains("[✓] Medium") && text.contains("[ ] High"))
    }
}
