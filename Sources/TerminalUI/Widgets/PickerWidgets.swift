// Drawing the pickers into a canvas: a generic list (with a query line and marks), the status picker
// (statuses grouped and coloured) and the dependency finder. Server text is sanitized here (titles,
// names, status names). See docs/actions.md.
import Browser
import TermText
import WrikeAPI

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
        // Longer than the line: its end shows (where the typing goes), after the prompt.
        let room = rect.width - 1 - displayWidth(prompt)
        let shown = room > 0 ? prompt + truncateKeepingEnd(query.sanitizedLine, to: room, ellipsis: glyphs.ellipsis)
            : truncate(prompt, to: rect.width - 1, ellipsis: glyphs.ellipsis)
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
