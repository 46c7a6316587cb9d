// Draws the action overlays (pickers, forms, confirmations) and the inline comment editor on top of
// the panes, with the widgets in Widgets/.
import Browser
import Foundation
import TermText
import WrikeAPI

public enum ActionRender {
    public static func render(_ state: AppState, layout: BrowserLayout, into c: inout Canvas, glyphs: Glyphs) {
        guard !layout.tooSmall else { return }
        if let comp = state.actions.composer, let d = layout.detail ?? layout.list ?? layout.tree {
            let h = min(max(6, d.height / 2), 12)
            let rect = Rect(x: d.x, y: d.maxY - h, width: d.width, height: h)
            c.fill(rect, style: Style(.dialog))
            let title = (comp.editingCommentId == nil ? "Comment" : "Edit comment") + " \(glyphs.dot) "
                + Sanitizer.cleanLine(comp.send.draft.taskTitle)
            let message = comp.send.tracker.message
            var isError = false
            if case .failed = comp.send.tracker.phase { isError = true }
            if case .unknown = comp.send.tracker.phase { isError = true }
            let hint = state.keymap.hint(comp.editingCommentId == nil ? Hints.composerPanel : Hints.commentEditPanel,
                                         ascii: glyphs.isASCII)
            EditorWidget.drawPanel(comp.editor, title: title, status: message, statusIsError: isError, hint: hint,
                                   in: rect, canvas: &c, glyphs: glyphs)
        }
        guard let overlay = state.modal else { return }
        func hint(_ parts: [HintPart]) -> String { state.keymap.hint(parts, ascii: glyphs.isASCII) }
        let dependencyHints = DependencyFinderHints(task: hint(Hints.findTaskPanel), side: hint(Hints.chooseSidePanel),
                                                    relation: hint(Hints.chooseRelationPanel))
        let area = Rect(x: 0, y: 0, width: c.width, height: max(1, c.height - 2))
        func box(_ w: Int, _ h: Int) -> Rect {
            let r = Dialog.centered(in: area, width: min(w, area.width - 2), height: min(h, area.height - 2))
            c.fill(r, style: Style(.dialog))
            return r
        }
        switch overlay {
        case .status(let m, let ids):
            let r = box(56, 20)
            PickerWidget.drawStatus(m, taskTitle: ids.first.map(state.taskTitle) ?? "", taskCount: ids.count, in: r,
                                    canvas: &c, glyphs: glyphs)
        case .confirm(let m, _):
            ConfirmWidget.draw(m, yesKey: state.keymap.keyName(.confirmYes, ascii: glyphs.isASCII) ?? "", in: area, canvas: &c,
                               glyphs: glyphs)
        case .timelog(let form, let taskId, let send):
            let r = box(64, 14)
            FormWidget.drawTimeLog(form, taskTitle: state.taskTitle(taskId), todayLabel: "today (\(state.today))",
                                   status: send?.tracker.message, hint: hint(Hints.timeLogPanel), in: r, canvas: &c, glyphs: glyphs)
        case .timelogEdit(let form, let entry):
            let r = box(64, 14)
            FormWidget.drawTimeLog(form, taskTitle: state.taskTitle(entry.taskId ?? ""), todayLabel: "today (\(state.today))",
                                   hint: hint(Hints.timeLogEditPanel), title: "Edit time entry", in: r, canvas: &c, glyphs: glyphs)
        case .dependency(let m):
            let r = box(72, 18)
            let dt = state.detail.task?.dates?.type
            PickerWidget.drawDependencyFinder(m, thisTaskDateType: dt, hints: dependencyHints, in: r, canvas: &c, glyphs: glyphs)
        case .relation(let p, _):
            let r = box(60, 10)
            let inner = Dialog.frame(&c, r, title: "Relation type", glyphs: glyphs)
            PickerWidget.drawList(p.picker, in: inner, canvas: &c, glyphs: glyphs, showQuery: false, appLabels: true)
        case .approval(let form, let taskId):
            let r = box(72, 20)
            FormWidget.drawApproval(form, taskTitle: state.taskTitle(taskId), hint: hint(Hints.approvalPanel), in: r,
                                    canvas: &c, glyphs: glyphs)
        case .drafts(let p):
            let r = box(76, 12)
            let inner = Dialog.frame(&c, r, title: "Unsent drafts", glyphs: glyphs)
            PickerWidget.drawList(p, in: inner, canvas: &c, glyphs: glyphs, showQuery: false)
        case .approvalsWaiting(let p):
            let r = box(80, 18)
            let inner = Dialog.frame(&c, r, title: glyphs.prose("Approvals waiting for my decision · decide in Wrike"), glyphs: glyphs)
            PickerWidget.drawList(p, in: inner, canvas: &c, glyphs: glyphs, empty: "None waiting (or still loading)")
        case .messages(let p):
            let r = box(100, 20)
            let inner = Dialog.frame(&c, r, title: "Messages · newest first · ! error", glyphs: glyphs)
            PickerWidget.drawList(p, in: inner, canvas: &c, glyphs: glyphs, empty: "No messages yet")
        case .goTo(let m):
            GoToRender.draw(m, in: box(100, 22), canvas: &c, glyphs: glyphs)
        case .editPicker(let m):
            let subject = String(state.taskTitle(m.taskIds.first ?? "").prefix(50))
            EditPickerRender.draw(m, subject: subject, in: box(m.kind == .importance ? 50 : 80, m.kind == .importance ? 8 : 20),
                                  canvas: &c, glyphs: glyphs)
        case .newTaskForm(let f):
            NewTaskFormRender.draw(f, state: state, in: area, canvas: &c, glyphs: glyphs)
        case .views(let p):
            ViewsRender.menu(p, in: box(60, min(20, p.items.count + 4)), canvas: &c, glyphs: glyphs)
        case .help:
            break  // drawn last, over the panes and the status line (HintRender.help)
        }
    }
}
