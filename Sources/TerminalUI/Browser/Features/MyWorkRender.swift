// My Work on screen (Browser/Features/MyWork): its tree row and the list's words. The list itself is
// the task list's drawing (BrowserRender.list), as for a folder.
import Browser
import TermText

enum MyWorkRender {
    /// The tree row: a bullet before the name and, while My Work is the list shown and loaded, how
    /// many tasks it holds (" · 23", or " · 200 of 1500" while pages are still to come).
    static func treeRow(_ state: AppState, glyphs: Glyphs) -> (marker: String, suffix: String?) {
        let l = state.list
        guard l.source == .myWork, l.status == .loaded else { return (glyphs.bullet, nil) }
        var count = " \(glyphs.dot) \(l.taskCount)"
        if let total = l.total, total > l.taskCount { count += " of \(total)" }
        return (glyphs.bullet, count)
    }

    /// What the list says while it loads (waiting for contacts to say who "me" is, first) and when
    /// nothing is assigned.
    static func words(_ l: TaskListState) -> (loading: String, empty: String) {
        (l.waiting ? "loading: who you are…" : "loading your tasks…", "No active task is assigned to you.")
    }
}
