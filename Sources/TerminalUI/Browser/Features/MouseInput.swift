// The mouse on the browser (config `mouse = true`): a screen cell to a pane and a row inside its frame (or a
// pane tab of the narrow layout), handed to the core as `Intent.mouse`. Only over the panes: while a
// picker, form, editor or help is open the mouse does nothing. See docs/links.md.
import Browser

extension BrowserLayout {
    /// What a press at (x, y) means: a pane and the row inside its frame (0: the first row inside), or a
    /// tab (row nil); nil outside the panes.
    public func mouseTarget(x: Int, y: Int, state: AppState) -> (pane: Pane, row: Int?)? {
        if let t = tabs, t.contains(x: x, y: y) {
            return BrowserRender.tabSpans(state, t).first { $0.columns.contains(x) }.map { ($0.pane, nil) }
        }
        for (pane, rect) in [(Pane.tree, tree), (.list, list), (.detail, detail)] {
            if let r = rect, r.contains(x: x, y: y) { return (pane, y - r.y - 1) }
        }
        return nil
    }
}

extension BrowserApp {
    public mutating func handle(mouse: MouseEvent, context: inout LoopContext) {
        let layout = BrowserLayout.compute(width: size.width, height: size.height, focus: state.focus)
        guard !layout.tooSmall, state.keyMode == .browse, state.modal == nil, state.features.timesheet == nil,
              let target = layout.mouseTarget(x: mouse.x, y: mouse.y, state: state) else {
            context.needsRender = false
            return
        }
        switch mouse.kind {
        case .press:
            if let row = target.row { dispatch(.mouse(.click(target.pane, row: row)), context: &context) }
            else { dispatch(.focus(target.pane), context: &context) }
        case .wheelUp: dispatch(.mouse(.wheel(target.pane, lines: -AppState.wheelLines)), context: &context)
        case .wheelDown: dispatch(.mouse(.wheel(target.pane, lines: AppState.wheelLines)), context: &context)
        }
    }
}
