// The new-task form (Browser/Features/TaskEdit/NewTaskForm.swift): a box naming where the task goes, a row
// per field (the dates read back as Wrike will take them, the assignees by name, importance and status
// as ‹ choice ›), the reason of a refused submit under its field, the hint; the assignee picker on top
// while it is open. Server text (names, statuses, the place) is sanitized here.
import Browser
import TermText
import WrikeAPI

enum NewTaskFormRender {
    static func draw(_ f: NewTaskForm, state: AppState, in area: Rect, canvas c: inout Canvas, glyphs: Glyphs) {
        let rect = Dialog.centered(in: area, width: min(76, area.width - 2), height: min(11, area.height - 2))
        let what = f.superTaskId == nil ? "New task in " : "New subtask of "
        let inner = Dialog.frame(&c, rect, title: glyphs.prose(what + Sanitizer.cleanLine(f.place)), glyphs: glyphs)
        guard inner.width > 14, inner.height > 2 else { return }
        let lw = min(12, inner.width / 3)
        var y = inner.y
        func text(_ label: String, _ field: NewTaskForm.Field, _ input: LineInput, _ placeholder: String) {
            y += FormWidget.field(label, text: input.text, cursorColumn: f.focus == field ? input.cursorColumn : nil,
                                  placeholder: placeholder, error: f.errors[field], labelWidth: lw, in: inner, y: y,
                                  canvas: &c, glyphs: glyphs)
        }
        text("Title", .title, f.title, "required")
        text("Description", .description, f.description, "optional, Markdown: **bold**, _italic_, [link](https://…)")
        let datesRow = y
        text("Dates", .dates, f.dates, "none (Backlog); fri, +3d, 2026-12-20, a..b, 3d")
        datesReading(f, today: state.today, row: datesRow, lw: lw, inner: inner, canvas: &c, glyphs: glyphs)
        let names = f.assignees.map { Sanitizer.cleanLine(state.catalog.directory.name($0)) }.joined(separator: ", ")
        choice("Assignees", names.isEmpty ? "nobody" : names, focused: f.focus == .assignees, arrows: false, lw: lw, inner: inner, y: &y,
               canvas: &c, glyphs: glyphs)
        choice("Importance", f.importance?.rawValue ?? "Normal (Wrike's default)", focused: f.focus == .importance, arrows: true,
               lw: lw, inner: inner, y: &y, canvas: &c, glyphs: glyphs)
        let status = f.status.map { Sanitizer.cleanLine($0.name) } ?? (f.statuses.isEmpty ? "Wrike's default (no workflow known)" : "the workflow's default")
        choice("Status", status, focused: f.focus == .status, arrows: !f.statuses.isEmpty, lw: lw, inner: inner, y: &y,
               canvas: &c, glyphs: glyphs)
        let hint = state.keymap.hint(f.hint, ascii: glyphs.isASCII)
        c.putPadded(glyphs.keys(hint), x: inner.x, y: inner.maxY - 1, width: inner.width, style: Style(.hint), ellipsis: glyphs.ellipsis)
        guard let p = f.picker else { return }
        let box = Dialog.centered(in: area, width: min(60, area.width - 4), height: min(16, area.height - 4))
        c.fill(box, style: Style(.dialog))
        EditPickerRender.draw(p, subject: "", title: "Assignees of the new task", in: box, canvas: &c, glyphs: glyphs)
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
    private static func choice(_ label: String, _ value: String, focused: Bool, arrows: Bool, lw: Int, inner: Rect, y: inout Int,
                               canvas c: inout Canvas, glyphs: Glyphs) {
        guard y < inner.maxY - 1 else { return }
        let shown = arrows ? glyphs.prose("‹ ") + value + glyphs.prose(" ›") : value
        c.putPadded(label, x: inner.x, y: y, width: lw, style: Style(focused ? .titleFocused : .dialog, focused ? .bold : []))
        c.putPadded(shown, x: inner.x + lw, y: y, width: inner.width - lw, style: Style(focused ? .selection : .input),
                    ellipsis: glyphs.ellipsis)
        y += 1
    }
}
