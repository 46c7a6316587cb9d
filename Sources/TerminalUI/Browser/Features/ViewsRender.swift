// Saved views on screen (Browser/Features/Views): their tree rows (the number key before the name, the
// count once listed), the list's words, and the views menu. The list itself is the task list's drawing.
import Browser
import TermText

enum ViewsRender {
    /// The tree row: its number key (1-9; a bullet beyond) and, while it is the list shown and loaded, how
    /// many tasks it holds.
    static func treeRow(_ state: AppState, _ name: String, glyphs: Glyphs) -> (marker: String, suffix: String?) {
        let marker = state.viewNumber(name).map(String.init) ?? glyphs.bullet
        let l = state.list
        guard l.source == .view(name), l.status == .loaded else { return (marker, nil) }
        var count = " \(glyphs.dot) \(l.taskCount)"
        if let total = l.total, total > l.taskCount { count += " of \(total)" }
        return (marker, count)
    }

    static func words(_ l: TaskListState) -> (loading: String, empty: String) {
        (l.waiting ? "loading: what the view needs…" : "loading the view…", "No task matches this view.")
    }

    /// The views menu: each view with its number key.
    static func menu(_ p: PickerModel<SavedView>, in r: Rect, canvas c: inout Canvas, glyphs: Glyphs) {
        let inner = Dialog.frame(&c, r, title: "Saved views", glyphs: glyphs)
        PickerWidget.drawList(p, in: inner, canvas: &c, glyphs: glyphs)
    }
}
