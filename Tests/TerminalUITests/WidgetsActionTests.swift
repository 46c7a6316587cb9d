import Foundation
import TermText
import Testing
import WrikeAPI
import Browser
import BrowserRuntime
@testable import TerminalUI

/// Golden screens for the action widgets (text form, `|` marks the left edge so leading spaces show).
private func screen(_ c: Canvas) -> String { c.lines().map { "|" + $0 }.joined(separator: "\n") }

private let wfs = [Workflow(id: "WF1", name: "Default", customStatuses: [
    CustomStatus(id: "C1", name: "New", color: "Blue", group: .active),
    CustomStatus(id: "C2", name: "Completed", color: "Green", group: .completed),
    CustomStatus(id: "C3", name: "进行中 In Progress", color: "Turquoise", group: .active),
    CustomStatus(id: "C4", name: "Hidden", color: "Gray", group: .active, hidden: true),
    CustomStatus(id: "C5", name: "Cancelled\u{1B}[31m", color: "Red", group: .cancelled)])]

private let day = Date(timeIntervalSince1970: 1_795_341_600)
private let utc: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC") ?? .current
    return c
}()

@Suite struct WidgetsActionTests {
    let g = Glyphs.unicode
    let timeLogHint = Keymap.defaults.hint(Hints.timeLogPanel, ascii: false)
    let dependencyHints = DependencyFinderHints(task: Keymap.defaults.hint(Hints.findTaskPanel, ascii: false),
                                                side: Keymap.defaults.hint(Hints.chooseSidePanel, ascii: false),
                                                relation: Keymap.defaults.hint(Hints.chooseRelationPanel, ascii: false))

    @Test func editorPanelWithCJKAndStatus() {
        let e = TextEditorState(text: "Hello 世界, this wraps around nicely\nsecond line", width: 20, height: 4)
        var c = Canvas(width: 24, height: 8)
        EditorWidget.drawPanel(e, title: "Comment · 漢字タスク", status: "Sending…", statusIsError: false,
                               hint: Keymap.defaults.hint(Hints.composerPanel, ascii: false), in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Comment · 漢字タ… ──┐
        |│Hello 世界, this      │
        |│wraps around nicely   │
        |│second line           │
        |│                      │
        |│Sending…              │
        |│Ctrl-s send · Esc can…│
        |└──────────────────────┘
        """)
        // The cursor is the reversed cell after "second line".
        #expect(c[12, 3].style == Style(.input, .reverse))
        #expect(c[11, 3].style == Style(.input))
    }

    @Test func editorScrollsAndMarksMoreBelow() {
        var e = TextEditorState(text: "Hello 世界, this wraps around nicely\nsecond line", width: 20, height: 4)
        e.apply(.documentStart)
        e.apply(.right); e.apply(.right); e.apply(.right); e.apply(.right); e.apply(.right); e.apply(.right)
        var c = Canvas(width: 12, height: 3)
        EditorWidget.draw(e, in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |Hello 世界,
        |this wraps
        |around     ↓
        """)
        // The cursor on 世 covers both of its cells.
        #expect(c[6, 0].text == "世")
        #expect(c[6, 0].style.attributes.contains(.reverse))
        #expect(c[7, 0].style.attributes.contains(.reverse))
        #expect(!c[8, 0].style.attributes.contains(.reverse))
        // Empty: the placeholder, dimmed.
        var empty = Canvas(width: 20, height: 2)
        EditorWidget.draw(TextEditorState(), in: empty.bounds, canvas: &empty, glyphs: g, placeholder: "Write")
        #expect(empty.line(0) == " Write")
        #expect(empty[1, 0].style.role == .dim)
        #expect(empty[0, 0].style == Style(.input, .reverse))
    }

    @Test func statusPickerGroupedColouredAndSanitized() {
        var sp = StatusPickerModel(workflows: wfs, currentStatusId: "C1")
        var c = Canvas(width: 30, height: 10)
        let evil = "Fix \u{1B}[31mlogin\u{202E}"
        PickerWidget.drawStatus(sp, taskTitle: evil, taskCount: 1, in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Status of “Fix login” ────┐
        |│/                           │
        |│Active                      │
        |│▶ • New ✓ current           │
        |│  • 进行中 In Progress      │
        |│Completed                   │
        |│  • Completed               │
        |│Cancelled                   │
        |│  • Cancelled               │
        |└────────────────────────────┘
        """)
        // Swatches take the status colours; the cursor row is the selection.
        #expect(c[3, 3].style.role == .colorBlue)
        #expect(c[3, 4].style.role == .colorTurquoise)
        #expect(c[3, 8].style.role == .colorRed)
        #expect(c[5, 3].style.role == .selection)
        #expect(c[1, 2].style.role == .section)
        // Wide enough, the workflow follows the task's name.
        var wide = Canvas(width: 48, height: 4)
        PickerWidget.drawStatus(sp, taskTitle: evil, taskCount: 1, in: wide.bounds, canvas: &wide, glyphs: g)
        #expect(wide.line(0) == "┌─ Status of “Fix login” · Default ────────────┐")
        sp.type("prog")
        c = Canvas(width: 30, height: 6)
        PickerWidget.drawStatus(sp, taskTitle: evil, taskCount: 1, in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Status of “Fix login” ────┐
        |│/ prog                      │
        |│Active                      │
        |│▶ • 进行中 In Progress      │
        |│                            │
        |└────────────────────────────┘
        """)
    }

    @Test func statusPickerSmallScrollsToTheCursor() {
        var sp = StatusPickerModel(workflows: wfs, currentStatusId: "C1")
        sp.moveDown(); sp.moveDown(); sp.moveDown()
        var c = Canvas(width: 20, height: 6)
        PickerWidget.drawStatus(sp, taskTitle: "Ship the release", taskCount: 1, in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Status of “S…” ─┐
        |│/                 │
        |│  • Completed     │
        |│Cancelled         │
        |│▶ • Cancelled     │
        |└──────────────────┘
        """)
    }

    @Test func bulkGroupsInASCII() {
        let bulk = StatusPickerModel(workflows: wfs + [Workflow(id: "W2", name: "Other", customStatuses: [
            CustomStatus(id: "O1", name: "x", group: .active)])], currentStatusIds: ["C1", "O1"])
        var c = Canvas(width: 40, height: 11)
        PickerWidget.drawStatus(bulk, taskTitle: "", taskCount: 3, in: c.bounds, canvas: &c, glyphs: .ascii)
        #expect(screen(c) == """
        |+- Status of 3 marked tasks -----------+
        ||/                                     |
        ||These tasks use different workflows   |
        ||(Default, Other). Choose a status     |
        ||group: each task gets its own         |
        ||workflow's status for it.             |
        ||> Active                              |
        ||  Completed                           |
        ||  Deferred                            |
        ||  Cancelled                           |
        |+--------------------------------------+
        """)
    }

    @Test func confirmDialogDefaultsToNo() {
        var conf = ConfirmModel(title: "Remove dependency", message: "Remove the dependency on “设计评审”?")
        var c = Canvas(width: 50, height: 7)
        ConfirmWidget.draw(conf, yesKey: "y", in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |
        |     ┌─ Remove dependency ──────────────────┐
        |     │ Remove the dependency on “设计评审”? │
        |     │                                      │
        |     │           [ Yes ]  [ No ]            │
        |     └──────────────────────────────────────┘
        |
        """)
        #expect(c.roleLine(4, legend: [.selection: "S"]).filter { $0 == "S" }.count == 6)   // "[ No ]"
        #expect(c[27, 4].style.role == .selection)
        _ = conf.handle(.toggle)
        c = Canvas(width: 50, height: 7)
        ConfirmWidget.draw(conf, yesKey: "y", in: c.bounds, canvas: &c, glyphs: g)
        #expect(c[17, 4].style.role == .selection)
        #expect(c[27, 4].style.role == .dialog)
        // Narrow: the message wraps and the dialog fits.
        c = Canvas(width: 30, height: 8)
        ConfirmWidget.draw(ConfirmModel(title: "Cancel approval", message: "Cancel the approval requested from 王小明 and two others?"),
                           yesKey: "y", in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Cancel approval ──────────┐
        |│ Cancel the approval        │
        |│ requested from 王小明 and  │
        |│ two others?                │
        |│                            │
        |│      [ Yes ]  [ No ]       │
        |└────────────────────────────┘
        |
        """)
    }

    @Test func timeLogFormWithErrors() {
        var tl = TimeLogForm(categories: [TimelogCategory(id: "A", name: "Billable")])
        _ = tl.handle(.insert("30"), today: day, calendar: utc)
        _ = tl.handle(.submit, today: day, calendar: utc)
        var c = Canvas(width: 44, height: 9)
        FormWidget.drawTimeLog(tl, taskTitle: "写规格 spec", todayLabel: "today (2026-11-22)", hint: timeLogHint, in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Log time · 写规格 spec ─────────────────┐
        |│Hours     30                              │
        |│          Wrike accepts at most 24 hours …│
        |│Date      today (2026-11-22)              │
        |│Category  ‹ none ›                        │
        |│Comment   optional                        │
        |│                                          │
        |│Tab next · ←/→ category · Enter log · Esc…│
        |└──────────────────────────────────────────┘
        """)
        #expect(c[11, 2].style.role == .error)
        #expect(c[13, 1].style == Style(.input, .reverse))   // cursor after "30"
        _ = tl.handle(.nextField, today: day, calendar: utc)
        _ = tl.handle(.nextField, today: day, calendar: utc)
        _ = tl.handle(.right, today: day, calendar: utc)
        c = Canvas(width: 60, height: 8)
        FormWidget.drawTimeLog(tl, taskTitle: "写规格 spec", todayLabel: "today (2026-11-22)", hint: timeLogHint, in: c.bounds, canvas: &c, glyphs: g)
        #expect(c.line(4) == "│Category  ‹ Billable ›                                    │")
        #expect(c[11, 4].style.role == .selection)
    }

    @Test func approvalFormListsPeopleWithMarks() {
        var ap = ApprovalRequestForm(contacts: [Contact(id: "U1", firstName: "Ann", lastName: "Lee", type: .person),
                                                Contact(id: "U2", firstName: "王", lastName: "小明", type: .person)])
        _ = ap.handle(.toggle, today: day, calendar: utc)
        var c = Canvas(width: 50, height: 12)
        FormWidget.drawApproval(ap, taskTitle: "Spec", hint: Keymap.defaults.hint(Hints.approvalPanel, ascii: false), in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Request approval · Spec ──────────────────────┐
        |│Approvers    Ann Lee                            │
        |│  /                                             │
        |│  ▶ [✓] Ann Lee                                 │
        |│    [ ] 王 小明                                 │
        |│                                                │
        |│Due date     optional: 2026-11-30, 30, -1       │
        |│Description  optional                           │
        |│                                                │
        |│Wrike's API cannot approve or reject. Decide in…│
        |│Tab next · Space mark · Ctrl-s request · Esc ca…│
        |└────────────────────────────────────────────────┘
        """)
    }

    @Test func dependencyFinderSteps() {
        var df = DependencyFinderModel(taskId: "T1", existing: [], loaded: [
            DependencyCandidate(id: "T2", title: "Design 设计", status: "New", dateType: .backlog),
            DependencyCandidate(id: "T3", title: "Deploy\u{1B}]52;c;AAAA\u{7}", status: "Done", dateType: .planned,
                                dates: "2026-11-20 → 2026-11-28")])
        var c = Canvas(width: 50, height: 6)
        PickerWidget.drawDependencyFinder(df, thisTaskDateType: .planned, hints: dependencyHints, in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Add dependency ───────────────────────────────┐
        |│/                                               │
        |│▶ Design 设计  New                              │
        |│  Deploy  Done  2026-11-20 → 2026-11-28         │
        |│Type to search · ↑/↓ choose · Enter next · Esc …│
        |└────────────────────────────────────────────────┘
        """)
        _ = df.confirm(); _ = df.confirm()
        c = Canvas(width: 50, height: 11)
        PickerWidget.drawDependencyFinder(df, thisTaskDateType: .planned, hints: dependencyHints, in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Add dependency ───────────────────────────────┐
        |│▶ Finish → Start: the successor starts when the…│
        |│  Start → Start: the successor starts when the …│
        |│  Finish → Finish: the successor finishes when …│
        |│  Start → Finish: the successor finishes when t…│
        |│                                                │
        |│“Design 设计” has no dates (Backlog) but as     │
        |│predecessor needs dates (Planned or Milestone)  │
        |│for Finish → Start. Set dates in Wrike first.   │
        |│↑/↓ choose · Enter add · Esc back               │
        |└────────────────────────────────────────────────┘
        """)
    }

    /// A short question with long answers ("Lose what you typed?" / "[ y: Discard ]  [ Keep editing ]"):
    /// the box is as wide as the answers, which stay inside its frame; narrower than both, they are cut.
    @Test func theAnswersStayInsideTheBox() {
        let conf = ConfirmModel(title: "Discard time entry", message: "Lose what you typed?", yesLabel: "Discard",
                                noLabel: "Keep editing", needsY: true)
        var c = Canvas(width: 50, height: 6)
        ConfirmWidget.draw(conf, yesKey: "y", in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |    ┌─ Discard time entry ───────────────────┐
        |    │ Lose what you typed?                   │
        |    │                                        │
        |    │    [ y: Discard ]  [ Keep editing ]    │
        |    └────────────────────────────────────────┘
        |
        """)
        c = Canvas(width: 26, height: 6)
        ConfirmWidget.draw(conf, yesKey: "y", in: c.bounds, canvas: &c, glyphs: g)
        #expect(screen(c) == """
        |┌─ Discard time entry ───┐
        |│ Lose what you typed?   │
        |│                        │
        |│[ y: Discard ]  [ Keep …│
        |└────────────────────────┘
        |
        """)
    }

    @Test func tinyRectsDoNotCrash() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (5, 3)] {
            var c = Canvas(width: w, height: h)
            EditorWidget.drawPanel(TextEditorState(text: "漢字"), title: "t", status: "s", statusIsError: true, hint: "h",
                                   in: c.bounds, canvas: &c, glyphs: g)
            PickerWidget.drawStatus(StatusPickerModel(workflows: wfs, currentStatusId: "C1"), taskTitle: "漢字", taskCount: 1,
                                    in: c.bounds, canvas: &c, glyphs: g)
            ConfirmWidget.draw(ConfirmModel(title: "t", message: "m"), yesKey: "y", in: c.bounds, canvas: &c, glyphs: g)
            FormWidget.drawTimeLog(TimeLogForm(categories: []), taskTitle: "t", todayLabel: "d", hint: "h", in: c.bounds, canvas: &c, glyphs: g)
            FormWidget.drawApproval(ApprovalRequestForm(contacts: []), taskTitle: "t", hint: "h", in: c.bounds, canvas: &c, glyphs: g)
            #expect(c.width == w)
        }
    }
}
