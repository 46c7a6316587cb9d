// The new-task form (Browser/Features/TaskEdit/NewTaskForm.swift): a box naming where the task goes, a row
// per field (the description's lines on as many rows as the layout gives them) (the dates read back as Wrike will take them, the assignees by name, importance and status
// as ‹ choice ›), the reason of a refused submit under its field, the hint; the assignee picker on top
// while it is open. Where the rows go, and which of them show when they do not all fit, is
// NewTaskFormLayout (Browser). Server text (names, statuses, the place) is sanitized here.
import Browser
import TermText
import WrikeAPI

enum NewTaskFormRender {
    static func draw(_ f: NewTaskForm, state: AppState, in area: Rect, canvas c: inout Canvas, glyphs: Glyphs) {
        let l = NewTaskFormLayout.compute(f, width: area.width, height: area.height)
        let rect = Dialog.centered(in: area, width: l.boxWidth, height: l.boxHeight)
        let what = f.superTaskId == nil ? "New task in " : "New subtask of "
        let inner = Dialog.frame(&c, rect, title: glyphs.prose(what + Sanitizer.cleanLine(f.place)), glyphs: glyphs)
        guard inner.width > 14, inner.height > 1 else { return }
        // The rows that fit, scrolled so that the focused field is among them; ↑/↓ on the border say more.
        c.withRegion(Rect(x: inner.x, y: inner.y, width: inner.width, height: l.shownRows)) { c in
            c.withRegion(Rect(x: 0, y: -l.top, width: inner.width, height: l.totalRows)) { c in
                fields(f, l, state: state, in: Rect(x: 0, y: 0, width: inner.width, height: l.totalRows), canvas: &c, glyphs: glyphs)
            }
        }
        if l.moreAbove { c.put(glyphs.arrowUp, x: rect.maxX - 1, y: inner.y, style: Style(.scrollbar)) }
        if l.moreBelow { c.put(glyphs.arrowDown, x: rect.maxX - 1, y: inner.y + l.shownRows - 1, style: Style(.scrollbar)) }
        let hint = state.keymap.hint(f.hint, ascii: glyphs.isASCII)
        c.putPadded(glyphs.keys(hint), x: inner.x, y: inner.maxY - 1, width: inner.width, style: Style(.hint), ellipsis: glyphs.ellipsis)
        guard let p = f.picker else { return }
        let box = Dialog.centered(in: area, width: min(60, area.width - 4), height: min(16, area.height - 4))
        c.fill(box, style: Style(.dialog))
        EditPickerRender.draw(p, subject: "", title: "Assignees of the new task", in: box, canvas: &c, glyphs: glyphs)
    }

    /// Every field's rows at the layout's places, in `rows` (the form's own row numbers).
    private static func fields(_ f: NewTaskForm, _ l: NewTaskFormLayout, state: AppState, in rows: Rect, canvas c: inout Canvas,
                               glyphs: Glyphs) {
        let lw = l.labelWidth
        for b in l.blocks {
            let focused = f.focus == b.field
            func text(_ label: String, _ input: LineInput, _ placeholder: String) {
                FormWidget.field(label, text: input.text, cursorColumn: focused ? input.cursorColumn : nil, placeholder: placeholder,
                                 error: f.errors[b.field], labelWidth: lw, in: rows, y: b.y, canvas: &c, glyphs: glyphs)
            }
            switch b.field {
            case .title: text("Title", f.title, "required")
            case .description: description(f, b, lw: lw, in: rows, canvas: &c, glyphs: glyphs)
            case .dates:
                text("Dates", f.dates, "none (Backlog); fri, +3d, 2026-12-20, a..b, 3d")
                datesReading(f, today: state.today, row: b.y, lw: lw, inner: rows, canvas: &c, glyphs: glyphs)
            case .assignees:
                let names = f.assignees.map { Sanitizer.cleanLine(state.catalog.directory.name($0)) }.joined(separator: ", ")
                choice("Assignees", names.isEmpty ? "nobody" : names, focused: focused, arrows: false, lw: lw, inner: rows, y: b.y,
                       canvas: &c, glyphs: glyphs)
            case .importance:
                choice("Importance", f.importance?.rawValue ?? "Normal (Wrike's default)", focused: focused, arrows: true, lw: lw,
                       inner: rows, y: b.y, canvas: &c, glyphs: glyphs)
            case .status:
                let status = f.status.map { Sanitizer.cleanLine($0.name) }
                    ?? (f.statuses.isEmpty ? "Wrike's default (no workflow known)" : "the workflow's default")
                choice("Status", status, focused: focused, arrows: !f.statuses.isEmpty, lw: lw, inner: rows, y: b.y, canvas: &c,
                       glyphs: glyphs)
            }
        }
    }

    /// The description: its lines as the comment editor draws them (wrapped, scrolled to the cursor), on
    /// the block's rows, and the reason of a refusal under them.
    private static func description(_ f: NewTaskForm, _ b: NewTaskFormLayout.Block, lw: Int, in rows: Rect, canvas c: inout Canvas,
                                    glyphs: Glyphs) {
        let focused = f.focus == .description
        c.putPadded("Description", x: rows.x, y: b.y, width: lw, style: Style(focused ? .titleFocused : .dialog, focused ? .bold : []))
        let field = Rect(x: rows.x + lw, y: b.y, width: rows.width - lw, height: b.rows)
        EditorWidget.draw(f.description, in: field, canvas: &c, glyphs: glyphs, focused: focused,
                          placeholder: "optional, Markdown: **bold**, _italic_, [link](https://…), lists, several lines")
        guard let error = f.errors[.description] else { return }
        c.putPadded(glyphs.prose(error.sanitizedLine), x: field.x, y: field.maxY, width: field.width, style: Style(.error),
                    ellipsis: glyphs.ellipsis)
    }

    /// The dates as Wrike will take them, after the typed words when they read otherwise ("fri = 2026-12-11").
    private static func datesReading(_ f: NewTaskForm, today: String, row: Int, lw: Int, inner: Rect, canvas c: inout Canvas,
                                     glyphs: Glyphs) {
        let typed = f.dates.text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty, f.errors[.dates] == nil, case .success(let d) = DateInput.parse(typed, current: nil, today: today) else { return }
        let reading = DateInput.describe(d)
        guard reading != typed.lowercased() else { return }
        let note = "= " + (d.type == .backlog ? "Backlog" : reading)
        let x = inner.x + lw + displayWidth(f.dates.text) + 1
        guard x + displayWidth(note) <= inner.maxX else { return }
        c.put(note, x: x, y: row, style: Style(.dim))
    }

    /// A row whose value is chosen, not typed: focused, its value in the selection style (‹ › where ←/→ step).
    private static func choice(_ label: String, _ value: String, focused: Bool, arrows: Bool, lw: Int, inner: Rect, y: Int,
                               canvas c: inout Canvas, glyphs: Glyphs) {
        let shown = arrows ? glyphs.prose("‹ ") + value + glyphs.prose(" ›") : value
        c.putPadded(label, x: inner.x, y: y, width: lw, style: Style(focused ? .titleFocused : .dialog, focused ? .bold : []))
        c.putPadded(shown, x: inner.x + lw, y: y, width: inner.width - lw, style: Style(focused ? .selection : .input),
                    ellipsis: glyphs.ellipsis)
    }
}
