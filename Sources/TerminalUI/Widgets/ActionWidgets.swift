// Drawing the action models into a canvas: the inline editor, pickers (statuses grouped and coloured),
// the dependency finder, the time-log and approval forms, and the confirm dialog. Server text is
// sanitized here (titles, names, status names). See docs/actions.md.
import Browser
import TermText
import WrikeAPI

/// Shared pieces: dialog frames and placement.
public enum Dialog {
    /// A `width` x `height` rectangle centred in `area` (clamped to it).
    public static func centered(in area: Rect, width: Int, height: Int) -> Rect {
        let w = min(width, area.width), h = min(height, area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// Clears `rect`, draws a dialog box with `title`, returns the interior.
    @discardableResult
    public static func frame(_ canvas: inout Canvas, _ rect: Rect, title: String, glyphs: Glyphs) -> Rect {
        canvas.fill(rect, style: Style(.dialog))
        canvas.box(rect, chars: glyphs.border, style: Style(.dialogBorder), title: title.sanitizedLine,
                   titleStyle: Style(.title, .bold), ellipsis: glyphs.ellipsis)
        return rect.inset(by: 1)
    }

    /// Word-wrapped `text` from `y` in `rect` (relative to the canvas region), at most `maxLines`.
    /// Returns the number of lines drawn.
    @discardableResult
    static func paragraph(_ canvas: inout Canvas, _ text: String, in rect: Rect, y: Int, style: Style,
                          maxLines: Int = Int.max) -> Int {
        let lines = wrap(text.sanitized, width: rect.width)
        var n = 0
        for line in lines where n < maxLines && y + n < rect.maxY {
            canvas.put(line, x: rect.x, y: y + n, style: style, maxWidth: rect.width)
            n += 1
        }
        return n
    }
}

// MARK: - Editor

public enum EditorWidget {
    /// Draws the editor's text in `rect` (no border): soft-wrapped at `rect.width - 1` (the last column
    /// is kept for the cursor and the scroll marks), the cursor cell in reverse video when `focused`.
    /// Empty text shows `placeholder` dimmed.
    public static func draw(_ state: TextEditorState, in rect: Rect, canvas: inout Canvas, glyphs: Glyphs,
                            focused: Bool = true, placeholder: String? = nil) {
        guard rect.width >= 2, rect.height >= 1 else { return }
        canvas.fill(rect, style: Style(.input))
        let textWidth = rect.width - 1
        let view = state.viewport(width: textWidth, height: rect.height)
        if state.buffer.isEmpty, let placeholder {
            canvas.put(truncate(placeholder.sanitizedLine, to: textWidth, ellipsis: glyphs.ellipsis), x: rect.x + 1,
                       y: rect.y, style: Style(.dim), maxWidth: textWidth - 1)
        }
        for (i, line) in view.lines.enumerated() {
            canvas.put(line.text, x: rect.x, y: rect.y + i, style: Style(.input), maxWidth: rect.width)
        }
        if view.moreAbove { canvas.put(glyphs.arrowUp, x: rect.maxX - 1, y: rect.y, style: Style(.scrollbar)) }
        if view.moreBelow { canvas.put(glyphs.arrowDown, x: rect.maxX - 1, y: rect.maxY - 1, style: Style(.scrollbar)) }
        guard focused else { return }
        let cx = rect.x + min(view.cursorColumn, rect.width - 1)
        let cy = rect.y + view.cursorRow
        // The cursor covers the whole grapheme under it (two cells for a wide one).
        var cells = 1
        if state.cursor < state.buffer.count, state.buffer[state.cursor] != "\n" {
            cells = max(1, displayWidth(state.buffer[state.cursor]))
        }
        canvas.restyle(Rect(x: cx, y: cy, width: min(cells, rect.maxX - cx), height: 1), style: Style(.input, .reverse))
    }

    /// The comment editor panel: a box titled with the task, the editor, a status line (the send
    /// state or error from `SendTracker.message`), and the key hint.
    public static func drawPanel(_ state: TextEditorState, title: String, status: String?, statusIsError: Bool,
                                 hint: String, in rect: Rect, canvas: inout Canvas, glyphs: Glyphs) {
        guard rect.width >= 4, rect.height >= 3 else { return }
        let inner = Dialog.frame(&canvas, rect, title: title, glyphs: glyphs)
        let footer = (status == nil ? 0 : 1) + 1
        let editorRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - footer))
        draw(state, in: editorRect, canvas: &canvas, glyphs: glyphs, placeholder: "Write a comment")
        var y = editorRect.maxY
        if let status, y < inner.maxY {
            canvas.putPadded(glyphs.prose(status.sanitizedLine), x: inner.x, y: y, width: inner.width,
                             style: Style(statusIsError ? .error : .statusBusy), ellipsis: glyphs.ellipsis)
            y += 1
        }
        if y < inner.maxY {
            canvas.putPadded(glyphs.keys(hint), x: inner.x, y: y, width: inner.width, style: Style(.hint), ellipsis: glyphs.ellipsis)
        }
    }
}

// MARK: - Pickers

/// The dependency finder's hint for each step (built from the key table by the caller).
public struct DependencyFinderHints: Sendable {
    public var task: String
    public var side: String
    public var relation: String
    public init(task: String, side: String, relation: String) {
        self.task = task
        self.side = side
        self.relation = relation
    }
}

public enum PickerWidget {
    /// A query line ("/ text" with the cursor) at `y`.
    static func queryLine(_ query: String, in rect: Rect, y: Int, canvas: inout Canvas, glyphs: Glyphs, prompt: String = "/ ") {
        let text = prompt + query.sanitizedLine
        let shown = truncate(text, to: rect.width - 1, ellipsis: glyphs.ellipsis)
        canvas.putPadded(shown, x: rect.x, y: y, width: rect.width, style: Style(.input))
        let cx = rect.x + min(displayWidth(shown), rect.width - 1)
        canvas.restyle(Rect(x: cx, y: y, width: 1, height: 1), style: Style(.input, .reverse))
    }

    /// A generic list: one row per match (label, optional mark box), the cursor row highlighted.
    /// `appLabels`: the labels are the app's words ("Finish → Start"), spelled in the glyphs' set.
    public static func drawList<T>(_ picker: PickerModel<T>, in rect: Rect, canvas: inout Canvas, glyphs: Glyphs,
                                   showQuery: Bool = true, multiSelect: Bool = false, appLabels: Bool = false,
                                   detail: ((T) -> String?)? = nil, empty: String = "No match") {
        guard rect.width > 2, rect.height > 0 else { return }
        var y = rect.y
        if showQuery {
            queryLine(picker.query, in: rect, y: y, canvas: &canvas, glyphs: glyphs)
            y += 1
        }
        let listHeight = rect.maxY - y
        guard listHeight > 0 else { return }
        if picker.matches.isEmpty {
            canvas.put(glyphs.prose(empty), x: rect.x + 2, y: y, style: Style(.dim), maxWidth: rect.width - 2)
            return
        }
        for pos in picker.window(height: listHeight) {
            let index = picker.matches[pos]
            let selected = pos == picker.cursor
            let style = Style(selected ? .selection : .dialog)
            var prefix = selected ? glyphs.selectionMarker + " " : "  "
            if multiSelect {
                prefix += picker.marked.contains(index) ? "[" + glyphs.check + "] " : "[ ] "
            }
            let text = picker.labels[index].sanitizedLine
            var label = prefix + (appLabels ? glyphs.prose(text) : text)
            if let extra = detail?(picker.items[index]), !extra.isEmpty { label += "  " + extra.sanitizedLine }
            canvas.putPadded(label, x: rect.x, y: y, width: rect.width, style: style, ellipsis: glyphs.ellipsis)
            y += 1
        }
    }

    /// The status picker: statuses grouped under their group names, each with a colour swatch in its
    /// Wrike colour and the current one checked; group mode lists the four groups after the note.
    /// The title names what changes: the task (`taskTitle`, quoted and shortened to fit) or, for a bulk
    /// change, how many marked tasks; then the workflow offered (or "status group").
    public static func drawStatus(_ model: StatusPickerModel, taskTitle: String, taskCount: Int, in rect: Rect,
                                  canvas: inout Canvas, glyphs: Glyphs) {
        let tail = " \(glyphs.dot) " + (model.workflow.map { $0.name.sanitizedLine } ?? "status group")
        let room = rect.width - 6 - displayWidth("Status of ")
        let subject: String
        if taskCount == 1 {
            let titleRoom = room - 2 - (room - displayWidth(tail) >= 12 ? displayWidth(tail) : 0)
            subject = "“" + truncate(taskTitle.sanitizedLine, to: max(1, titleRoom), ellipsis: glyphs.ellipsis) + "”"
        } else {
            subject = "\(taskCount) marked tasks"
        }
        let title = glyphs.prose("Status of " + subject + (displayWidth(subject) + displayWidth(tail) <= room ? tail : ""))
        let inner = Dialog.frame(&canvas, rect, title: title, glyphs: glyphs)
        guard inner.width > 2, inner.height > 1 else { return }
        var y = inner.y
        queryLine(model.picker.query, in: inner, y: y, canvas: &canvas, glyphs: glyphs)
        y += 1
        if let note = model.note {
            y += Dialog.paragraph(&canvas, glyphs.prose(note), in: inner, y: y, style: Style(.warningText), maxLines: 4)
        }
        // Rows: a header before each group change, then the options.
        enum Row { case header(String), option(pos: Int) }
        var rows: [Row] = []
        var lastGroup: StatusGroup?
        var cursorRow = 0
        for (pos, index) in model.picker.matches.enumerated() {
            if case .status(let o) = model.picker.items[index], o.group != lastGroup {
                rows.append(.header(o.group.rawValue))
                lastGroup = o.group
            }
            if pos == model.picker.cursor { cursorRow = rows.count }
            rows.append(.option(pos: pos))
        }
        let height = inner.maxY - y
        guard height > 0 else { return }
        if rows.isEmpty {
            canvas.put("No status matches", x: inner.x + 2, y: y, style: Style(.dim), maxWidth: inner.width - 2)
            return
        }
        var top = 0
        if rows.count > height { top = min(max(0, cursorRow - height / 2), rows.count - height) }
        // Keep the header of the first visible group when the cursor allows it.
        for row in rows[top..<min(rows.count, top + height)] {
            switch row {
            case .header(let name):
                canvas.putPadded(name, x: inner.x, y: y, width: inner.width, style: Style(.section, .bold))
            case .option(let pos):
                let index = model.picker.matches[pos]
                let selected = pos == model.picker.cursor
                let base = Style(selected ? .selection : .dialog)
                canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base)
                var x = inner.x
                x += canvas.put(selected ? glyphs.selectionMarker : " ", x: x, y: y, style: base)
                x += canvas.put(" ", x: x, y: y, style: base)
                switch model.picker.items[index] {
                case .status(let o):
                    x += canvas.put(glyphs.bullet, x: x, y: y, style: Style(Role.statusColor(o.color), .bold))
                    x += canvas.put(" ", x: x, y: y, style: base)
                    let suffix = o.isCurrent ? " " + glyphs.check + " current" : ""
                    let room = inner.maxX - x
                    let name = truncate(o.name.sanitizedLine, to: max(0, room - displayWidth(suffix)), ellipsis: glyphs.ellipsis)
                    x += canvas.put(name, x: x, y: y, style: base, maxWidth: room)
                    canvas.put(suffix, x: x, y: y, style: Style(selected ? .selection : .dim), maxWidth: inner.maxX - x)
                case .group(let g):
                    canvas.put(g.rawValue, x: x, y: y, style: base, maxWidth: inner.maxX - x)
                }
            }
            y += 1
        }
    }

    /// The dependency finder, one step at a time.
    public static func drawDependencyFinder(_ model: DependencyFinderModel, thisTaskDateType: DateType?,
                                            hints: DependencyFinderHints, in rect: Rect, canvas: inout Canvas, glyphs: Glyphs) {
        let inner = Dialog.frame(&canvas, rect, title: "Add dependency", glyphs: glyphs)
        guard inner.width > 2, inner.height > 1 else { return }
        switch model.step {
        case .task:
            let listRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
            drawList(model.finder, in: listRect, canvas: &canvas, glyphs: glyphs, detail: { c in
                [c.status, c.dates.map(glyphs.prose)].compactMap { $0 }.joined(separator: "  ")
            }, empty: model.query.count >= DependencyFinderModel.minSearchLength ? "No match (searching Wrike…)" : "No match")
            canvas.putPadded(glyphs.keys(hints.task), x: inner.x, y: inner.maxY - 1,
                             width: inner.width, style: Style(.hint), ellipsis: glyphs.ellipsis)
        case .side:
            let other = model.chosen?.title.sanitizedLine ?? ""
            canvas.putPadded("Other task: " + other, x: inner.x, y: inner.y, width: inner.width, style: Style(.header),
                             ellipsis: glyphs.ellipsis)
            var labels = PickerModel(items: DependencySide.allCases) { glyphs.prose($0.explanation(other: other)) }
            if let c = model.sides.currentIndex { labels.select(index: c) }
            drawList(labels, in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 3),
                     canvas: &canvas, glyphs: glyphs, showQuery: false)
            canvas.putPadded(glyphs.keys(hints.side), x: inner.x, y: inner.maxY - 1, width: inner.width,
                             style: Style(.hint), ellipsis: glyphs.ellipsis)
        case .relation:
            var labels = PickerModel(items: RelationType.known) { glyphs.prose($0.shortName + ": " + $0.explanation) }
            if let c = model.relations.currentIndex { labels.select(index: c) }
            drawList(labels, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: min(4, inner.height - 1)),
                     canvas: &canvas, glyphs: glyphs, showQuery: false)
            var y = inner.y + 5
            if let warning = model.schedulingWarning(thisTask: thisTaskDateType), y < inner.maxY - 1 {
                y += Dialog.paragraph(&canvas, glyphs.prose(warning), in: inner, y: y, style: Style(.warningText),
                                      maxLines: inner.maxY - 1 - y)
            }
            canvas.putPadded(glyphs.keys(hints.relation), x: inner.x, y: inner.maxY - 1, width: inner.width,
                             style: Style(.hint), ellipsis: glyphs.ellipsis)
        }
    }
}

extension Role {
    /// Warnings inside dialogs.
    static var warningText: Role { .statusWarning }
}

// MARK: - Forms

public enum FormWidget {
    /// One labelled single-line field; returns the rows used (1, or 2 with an error).
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

// MARK: - Confirm

public enum ConfirmWidget {
    /// Draws the question centred in `area`: title, wrapped message, and the two answers with the
    /// highlighted one (No by default) in the selection style; a yes that needs its key (`yesKey`, the key
    /// table's `confirm-yes`) says so ("[ y: Delete ]").
    public static func draw(_ model: ConfirmModel, yesKey: String, in area: Rect, canvas: inout Canvas, glyphs: Glyphs) {
        let message = glyphs.prose(model.message.sanitized)
        let width = min(max(30, displayWidth(message.sanitizedLine) + 4), min(60, area.width))
        let lines = wrap(message, width: max(1, width - 4))
        let height = min(area.height, lines.count + 4)
        let rect = Dialog.centered(in: area, width: width, height: height)
        let inner = Dialog.frame(&canvas, rect, title: model.title, glyphs: glyphs)
        guard inner.width > 2, inner.height > 0 else { return }
        for (i, line) in lines.enumerated() where inner.y + i < inner.maxY - 1 {
            canvas.put(line, x: inner.x + 1, y: inner.y + i, style: Style(.dialog), maxWidth: inner.width - 1)
        }
        // A destructive answer names its key: only that key takes it.
        let yes = "[ " + (model.needsY ? yesKey + ": " : "") + model.yesLabel.sanitizedLine + " ]"
        let no = "[ " + model.noLabel.sanitizedLine + " ]"
        let buttons = displayWidth(yes) + 2 + displayWidth(no)
        var x = inner.x + max(0, (inner.width - buttons) / 2)
        let y = inner.maxY - 1
        x += canvas.put(yes, x: x, y: y, style: Style(model.choice == .yes ? .selection : .dialog, model.choice == .yes ? .bold : []))
        x += 2
        canvas.put(no, x: x, y: y, style: Style(model.choice == .no ? .selection : .dialog, model.choice == .no ? .bold : []))
    }
}
