// Creating and editing tasks on screen (Browser/Features/TaskEdit): the one-line input at the top of the
// task list and, under it, the new tasks being created ("creating…") until Wrike answers.
import Browser
import TermText

enum TaskEditRender {
    /// Draws the input and the new tasks being sent at the top of `body`; returns the rows used.
    static func draw(_ state: AppState, in body: Rect, into c: inout Canvas, glyphs: Glyphs) -> Int {
        var y = 0
        let width = body.width
        if let input = state.features.taskEdit.input, y < body.height {
            c.withRegion(Rect(x: body.x, y: body.y + y, width: width, height: 1)) { c in
                var info = BrowserRender.key(state, .inputSubmit, glyphs) + " save " + glyphs.dot + " " + BrowserRender.key(state, .inputCancel, glyphs) + " cancel"
                if case .newTask = input.purpose {
                    info = BrowserRender.key(state, .inputSubmit, glyphs) + " create " + glyphs.dot + " "
                        + BrowserRender.key(state, .inputMoreFields, glyphs) + " more fields " + glyphs.dot + " "
                        + BrowserRender.key(state, .inputCancel, glyphs) + " close"
                }
                let iw = displayWidth(info)
                let prompt = truncate(Sanitizer.cleanLine(input.prompt), to: max(8, width / 2), ellipsis: glyphs.ellipsis)
                let whole = Sanitizer.cleanLine(input.text)
                let showInfo = displayWidth(prompt) + displayWidth(whole) + iw + 3 <= width
                let room = width - 1 - (showInfo ? iw + 2 : 0)
                // The end of a long text stays in view (the cursor is there), after an ellipsis as in the filter.
                let text = truncateKeepingEnd(whole, to: room - displayWidth(prompt), ellipsis: glyphs.ellipsis)
                let x = c.put(prompt, x: 0, y: 0, style: Style(.dim))
                let w = c.put(text, x: x, y: 0, style: Style(.input))
                c.put(glyphs.inputCursor, x: x + w, y: 0, style: Style(.input))
                if showInfo { c.put(info, x: width - iw, y: 0, style: Style(.dim)) }
            }
            y += 1
        }
        for s in state.creatingTasks.prefix(AppState.creatingRowsShown) where y < body.height {
            let line = "+ " + Sanitizer.cleanLine(s.draft.text) + " " + glyphs.dot + " " + glyphs.prose(phase(s.tracker.phase))
            c.withRegion(Rect(x: body.x, y: body.y + y, width: width, height: 1)) { c in
                c.put(truncate(line, to: width, ellipsis: glyphs.ellipsis), x: 0, y: 0, style: Style(.dim))
            }
            y += 1
        }
        return y
    }

    static func phase(_ p: SendPhase) -> String {
        switch p {
        case .sending: "creating…"
        case .resolving: "checking whether it arrived…"
        case .unknown: "unknown: checking by itself, never sent twice"
        case .confirmed: "created"
        case .failed: "not created"
        case .editing: "not sent"
        }
    }
}

/// The edit pickers (Browser/Features/TaskEdit/EditPicker.swift): a framed box naming the task (or how
/// many marked tasks), the query line and the rows, `[✓]` on what every one of the tasks has now.
enum EditPickerRender {
    static func draw(_ m: EditPicker, subject: String, title: String? = nil, in rect: Rect, canvas c: inout Canvas, glyphs: Glyphs) {
        let what = m.taskIds.count == 1 ? "“\(subject)”" : "\(m.taskIds.count) marked tasks"
        let title = title ?? "\(m.kind.title) of \(what)"
        let inner = Dialog.frame(&c, rect, title: glyphs.prose(title), glyphs: glyphs)
        guard inner.width > 2, inner.height > 1 else { return }
        PickerWidget.queryLine(m.shownQuery, in: inner, y: inner.y, canvas: &c, glyphs: glyphs)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let empty = m.kind == .move ? "No match (the spaces' folders may still be loading)" : "No match"
        PickerWidget.drawList(m.picker, in: list, canvas: &c, glyphs: glyphs, showQuery: false, multiSelect: m.kind.checks, empty: empty)
    }
}
