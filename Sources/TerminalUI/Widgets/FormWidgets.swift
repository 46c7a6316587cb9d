// Drawing the forms into a canvas: a labelled one-line field, the time-log form and the approval request
// form. Server text is sanitized here. See docs/actions.md.
import Browser
import TermText
import WrikeAPI

public enum FormWidget {
    /// One labelled single-line field; returns the rows used (1, or 2 with an error).
    @discardableResult
    static func field(_ label: String, text: String, cursorColumn: Int?, placeholder: String?, error: String?,
                      labelWidth: Int, in inner: Rect, y: Int, canvas: inout Canvas, glyphs: Glyphs) -> Int {
        guard y < inner.maxY else { return 0 }
        let focused = cursorColumn != nil
        canvas.putPadded(label, x: inner.x, y: y, width: labelWidth,
                         style: Style(focused ? .titleFocused : .dialog, focused ? .bold : []))
        let fx = inner.x + labelWidth
        let fw = inner.maxX - fx
        guard fw > 1 else { return 1 }
        // Keep the cursor visible in a long text: show its tail.
        var shown = text.sanitizedLine
        if let col = cursorColumn, col >= fw - 1 {
            var drop = 0
            var cut = shown.startIndex
            while cut < shown.endIndex && col - drop >= fw - 1 {
                drop += displayWidth(shown[cut])
                cut = shown.index(after: cut)
            }
            shown = String(shown[cut...])
            canvas.putPadded(shown, x: fx, y: y, width: fw, style: Style(.input))
            let cx = fx + (col - drop)
            canvas.restyle(Rect(x: cx, y: y, width: 1, height: 1), style: Style(.input, .reverse))
        } else {
            canvas.putPadded(shown, x: fx, y: y, width: fw, style: Style(.input), ellipsis: glyphs.ellipsis)
            if shown.isEmpty, let placeholder {
                canvas.put(placeholder, x: fx + (focused ? 1 : 0), y: y, style: Style(.dim), maxWidth: fw - 1)
            }
            if let col = cursorColumn {
                canvas.restyle(Rect(x: fx + col, y: y, width: 1, height: 1), style: Style(.input, .reverse))
            }
        }
        guard let error, y + 1 < inner.maxY else { return 1 }
        canvas.putPadded(glyphs.prose(error.sanitizedLine), x: fx, y: y + 1, width: fw, style: Style(.error), ellipsis: glyphs.ellipsis)
        return 2
    }

    /// The time-log form. `todayLabel` is the resolved date shown as the date placeholder ("today, 2026-11-22").
    public static func drawTimeLog(_ form: TimeLogForm, taskTitle: String, todayLabel: String, status: String? = nil,
                                   hint: String, title: String = "Log time", in rect: Rect, canvas: inout Canvas, glyphs: Glyphs) {
        let inner = Dialog.frame(&canvas, rect, title: "\(title) \(glyphs.dot) " + taskTitle, glyphs: glyphs)
        guard inner.width > 12, inner.height > 0 else { return }
        let lw = 10
        var y = inner.y
        y += field("Hours", text: form.hours.text, cursorColumn: form.focus == .hours ? form.hours.cursorColumn : nil,
                   placeholder: "1.5, 1h30m, 90m", error: form.errors[.hours], labelWidth: lw, in: inner, y: y,
                   canvas: &canvas, glyphs: glyphs)
        y += field("Date", text: form.date.text, cursorColumn: form.focus == .date ? form.date.cursorColumn : nil,
                   placeholder: todayLabel, error: form.errors[.date], labelWidth: lw, in: inner, y: y,
                   canvas: &canvas, glyphs: glyphs)
        let catName = form.category?.name ?? "none"
        let catText = form.categories.isEmpty ? "none (no categories)" : glyphs.prose("‹ ") + catName + glyphs.prose(" ›")
        y += field("Category", text: catText, cursorColumn: nil, placeholder: nil, error: form.errors[.category],
                   labelWidth: lw, in: inner, y: y, canvas: &canvas, glyphs: glyphs)
        if form.focus == .category, y - 1 >= inner.y {
            canvas.restyle(Rect(x: inner.x, y: y - 1, width: lw, height: 1), style: Style(.titleFocused, .bold))
            canvas.restyle(Rect(x: inner.x + lw, y: y - 1, width: min(displayWidth(catText), inner.width - lw), height: 1),
                           style: Style(.selection))
        }
        y += field("Comment", text: form.comment.text, cursorColumn: form.focus == .comment ? form.comment.cursorColumn : nil,
                   placeholder: "optional", error: form.errors[.comment], labelWidth: lw, in: inner, y: y,
                   canvas: &canvas, glyphs: glyphs)
        if let status, y < inner.maxY - 1 {
            y += Dialog.paragraph(&canvas, glyphs.prose(status), in: inner, y: y, style: Style(.error), maxLines: 2)
        }
        if inner.height > 1 {
            canvas.putPadded(glyphs.keys(hint), x: inner.x, y: inner.maxY - 1,
                             width: inner.width, style: Style(.hint), ellipsis: glyphs.ellipsis)
        }
    }

    /// The approval request form: approver list (multi-select), due date, description, and the note that
    /// decisions are made in Wrike.
    public static func drawApproval(_ form: ApprovalRequestForm, taskTitle: String, hint: String, in rect: Rect,
                                    canvas: inout Canvas, glyphs: Glyphs) {
        let inner = Dialog.frame(&canvas, rect, title: "Request approval \(glyphs.dot) " + taskTitle, glyphs: glyphs)
        guard inner.width > 12, inner.height > 4 else { return }
        let lw = 13
        var y = inner.y
        let chosen = form.chosen.map { $0.displayName.sanitizedLine }.joined(separator: ", ")
        let focusApprovers = form.focus == .approvers
        canvas.putPadded("Approvers", x: inner.x, y: y, width: lw,
                         style: Style(focusApprovers ? .titleFocused : .dialog, focusApprovers ? .bold : []))
        canvas.putPadded(chosen.isEmpty ? "none yet" : chosen, x: inner.x + lw, y: y, width: inner.width - lw,
                         style: Style(chosen.isEmpty ? .dim : .input), ellipsis: glyphs.ellipsis)
        y += 1
        if let e = form.errors[.approvers] {
            canvas.putPadded(glyphs.prose(e), x: inner.x + lw, y: y, width: inner.width - lw, style: Style(.error), ellipsis: glyphs.ellipsis)
            y += 1
        }
        // The list takes what the other rows leave.
        let listHeight = max(1, inner.maxY - y - 5)
        PickerWidget.drawList(form.approvers, in: Rect(x: inner.x + 2, y: y, width: inner.width - 2, height: listHeight),
                              canvas: &canvas, glyphs: glyphs, multiSelect: true)
        y += listHeight
        y += field("Due date", text: form.dueDate.text, cursorColumn: form.focus == .dueDate ? form.dueDate.cursorColumn : nil,
                   placeholder: "optional: 2026-11-30, 30, -1", error: form.errors[.dueDate], labelWidth: lw, in: inner,
                   y: y, canvas: &canvas, glyphs: glyphs)
        y += field("Description", text: form.description.text,
                   cursorColumn: form.focus == .description ? form.description.cursorColumn : nil,
                   placeholder: "optional", error: nil, labelWidth: lw, in: inner, y: y, canvas: &canvas, glyphs: glyphs)
        if y < inner.maxY - 1 {
            canvas.putPadded(glyphs.prose(ApprovalHelp.noDecisionAPI), x: inner.x, y: inner.maxY - 2, width: inner.width,
                             style: Style(.dim), ellipsis: glyphs.ellipsis)
        }
        canvas.putPadded(glyphs.keys(hint), x: inner.x, y: inner.maxY - 1,
                         width: inner.width, style: Style(.hint), ellipsis: glyphs.ellipsis)
    }
}
