import Browser
import Foundation
import TermText
import Testing
@testable import TerminalUI
import WrikeAPI

/// The new-task form at every size (120x30, 80x24, 200x50, and the small 60x15, 60x12, 40x10): each field,
/// Tab by Tab, is drawn in the box while it has the focus (label in the focused style), with the refusal
/// rows and a description of many lines too; when the rows do not all fit the box scrolls (↑/↓ on its
/// border) and the hint row stays; the description shows one line per row.
@Suite struct NewTaskFormWindowScreenTests {
    typealias S = NewTaskFormScreenTests
    static let sizes = [(120, 30), (80, 24), (200, 50), (60, 15), (60, 12), (40, 10)]
    static let labels: [NewTaskForm.Field: String] = [.title: "Title", .description: "Description", .dates: "Dates",
                                                      .assignees: "Assignees", .importance: "Importance", .status: "Status"]

    static func opened(width: Int, height: Int) -> AppState {
        var s = BrowserScreenTests.state(width: width, height: height, focus: .list, openTask: false)
        _ = s.update(.taskEdit(.newTask))
        S.type(&s, "Ship the beta")
        S.key(&s, "tab")
        return s
    }

    static func form(_ s: AppState) -> NewTaskForm? {
        if case .newTaskForm(let f)? = s.modal { return f }
        return nil
    }

    /// The row where `label` is drawn in the focused label style, if any.
    static func focusedLabelRow(_ c: Canvas, _ label: String) -> Int? {
        (0..<c.height).first { y in
            guard let r = c.line(y, trim: false).range(of: "│" + label) ?? c.line(y, trim: false).range(of: "|" + label) else { return false }
            let x = displayWidth(c.line(y, trim: false)[..<r.lowerBound]) + 1
            return c[x, y].style.role == .titleFocused
        }
    }

    /// Tab through every field: each is drawn, focused, and the hint row is the box's last inside row.
    static func checkEveryField(_ s0: AppState, _ w: Int, _ h: Int, context: String) {
        var s = s0
        var seen: Set<NewTaskForm.Field> = []
        for _ in 0..<NewTaskForm.Field.allCases.count {
            guard let f = form(s), let label = labels[f.focus] else { Issue.record("no form \(context)"); return }
            let c = BrowserScreenTests.render(s, w, h)
            let row = focusedLabelRow(c, label)
            #expect(row != nil, "\(context): \(label) has the focus but is not drawn\n\(c.text())")
            if let row {
                let hintRow = (row..<c.height).first { c.line($0).contains("Tab/S-Tab") || c.line($0).contains("Tab/S-tab") }
                #expect(hintRow != nil && hintRow != c.height - 1, "\(context): no hint row in the box under \(label)\n\(c.text())")
            }
            seen.insert(f.focus)
            S.key(&s, "tab")
        }
        #expect(seen.count == NewTaskForm.Field.allCases.count, "\(context): Tab did not reach every field")
    }

    @Test(arguments: sizes)
    func everyFieldIsDrawnWhileItHasTheFocus(size: (Int, Int)) {
        let (w, h) = size
        Self.checkEveryField(Self.opened(width: w, height: h), w, h, context: "\(w)x\(h)")
    }

    @Test(arguments: sizes)
    func withTheReasonsOfARefusalToo(size: (Int, Int)) throws {
        let (w, h) = size
        var s = Self.opened(width: w, height: h)
        S.key(&s, "tab")
        S.type(&s, "someday maybe")
        S.key(&s, "s-tab"); S.key(&s, "s-tab")
        for _ in 0..<20 { S.key(&s, "backspace") }
        S.key(&s, "ctrl-s")
        let f = try #require(Self.form(s))
        #expect(f.errors[.title] != nil && f.errors[.dates] != nil && f.focus == .title)
        let c = BrowserScreenTests.render(s, w, h)
        #expect(c.text().contains("A task needs a title."), "\(c.text())")
        Self.checkEveryField(s, w, h, context: "\(w)x\(h) refused")
    }

    @Test(arguments: sizes)
    func withADescriptionOfManyLines(size: (Int, Int)) throws {
        let (w, h) = size
        var s = Self.opened(width: w, height: h)
        let lines = (1...10).map { "line \($0) of the pasted description" }
        _ = s.update(.paste(lines.joined(separator: "\n"), truncated: false))
        #expect(Self.form(s)?.description.text == lines.joined(separator: "\n"))
        let c = BrowserScreenTests.render(s, w, h)
        // At 40 columns the last line wraps and the description has one row: its last word, where the cursor is.
        let shown = w >= 60 ? c.text().contains("line 10 of the pasted") : c.lines().contains { $0.contains("Description description") }
        #expect(shown, "the cursor's line is shown\n\(c.text())")
        if h >= 24 {
            let rows = c.lines()
            let at = try #require(rows.firstIndex { $0.contains("line 5 of the pasted") })
            #expect(rows[at + 1].contains("line 6 of the pasted"), "one line per row\n\(c.text())")
        }
        Self.checkEveryField(s, w, h, context: "\(w)x\(h) with 10 lines")
    }

    @Test func aDescriptionOverSeveralRowsAt80x24() throws {
        var s = Self.opened(width: 80, height: 24)
        _ = s.update(.paste("Plan:\n- **one**\n- two", truncated: false))
        S.key(&s, "tab")
        try BrowserScreenTests.check("new-task-form-description-80x24", BrowserScreenTests.render(s, 80, 24))
    }

    @Test func aScrolledBoxSaysSoOnItsBorder() throws {
        var s = Self.opened(width: 40, height: 10)
        /// The marks on the box's right border: at its first and at its last field row.
        func marks(_ s: AppState) throws -> (up: String, down: String) {
            let f = try #require(Self.form(s))
            let l = NewTaskFormLayout.compute(f, width: 40, height: 8)
            let box = Dialog.centered(in: Rect(x: 0, y: 0, width: 40, height: 8), width: l.boxWidth, height: l.boxHeight)
            let c = BrowserScreenTests.render(s, 40, 10)
            return (c[box.maxX - 1, box.y + 1].text, c[box.maxX - 1, box.y + l.shownRows].text)
        }
        #expect(try marks(s) == ("│", "↓"))
        for _ in 0..<4 { S.key(&s, "tab") }
        #expect(Self.form(s)?.focus == .status)
        #expect(try marks(s) == ("↑", "│"))
        try BrowserScreenTests.check("new-task-form-40x10-status", BrowserScreenTests.render(s, 40, 10))
    }
}
