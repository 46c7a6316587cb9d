// edit-description: the open task's description in $VISUAL / $EDITOR as Markdown (`RichMarkdown`),
// saved as Wrike HTML (`RichHTML`). The app runs the editor (it needs the terminal); the text that comes
// back is kept on disk before the `PUT /tasks/{id}` leaves and in memory until Wrike confirms it, so a
// refused or lost save offers it again at the next edit-description. Unchanged text sends nothing; the
// change shows at once, is rolled back with Wrike's reason, and can be undone. Pure. See docs/editing.md.
import TermText
import WrikeAPI

/// What edit-description opens the editor with.
public struct DescriptionEditStart: Sendable, Equatable {
    public var taskId: String
    /// The description as Wrike has it, in Markdown.
    public var original: String
    /// What the editor starts with: `original`, or the text kept from an edit not saved yet.
    public var text: String
    public var kept: Bool
}

/// `$EDITOR` came back from editing a description.
public struct DescriptionEdited: Sendable, Equatable {
    public var start: DescriptionEditStart
    /// The edited Markdown (nil: the editor failed).
    public var text: String?
    /// What went wrong, in words (with `text`: the text could not be kept on disk).
    public var error: String?
    public init(start: DescriptionEditStart, text: String?, error: String?) {
        self.start = start
        self.text = text
        self.error = error
    }
}

extension AppState {
    /// edit-description pressed: the editor's starting text, or nil with the reason in the status line.
    /// `keptOnDisk` reads the text kept for a task from an earlier run.
    public mutating func beginDescriptionEdit(keptOnDisk: (String) -> String?) -> DescriptionEditStart? {
        guard let t = actionTask else { status.lastError = "No task selected."; return nil }
        guard let full = fullTask(t.id), let html = full.description else {
            status.lastError = "Open the task first (Enter): its description is read with it."
            return nil
        }
        guard let read = RichHTML.read(html) else {
            status.lastError = "This description is too long to edit here; edit it in Wrike."
            return nil
        }
        let original = RichMarkdown.write(read.doc)
        let name = "“\(Sanitizer.cleanLine(String(t.title.prefix(40))))”"
        if let kept = features.taskEdit.descriptionKept[t.id] ?? keptOnDisk(t.id) {
            status.message = "Your unsaved description of \(name) is back in the editor."
            return DescriptionEditStart(taskId: t.id, original: original, text: kept, kept: true)
        }
        if !read.lost.isEmpty && features.taskEdit.descriptionLossWarned != t.id {
            features.taskEdit.descriptionLossWarned = t.id
            status.lastError = "This description has \(read.lost.joined(separator: ", ")) that Markdown cannot hold: "
                + "a saved change keeps only their text. Press edit-description again to edit it."
            return nil
        }
        features.taskEdit.descriptionLossWarned = nil
        return DescriptionEditStart(taskId: t.id, original: original, text: original, kept: false)
    }

    /// The editor's text: sent when it changes the description (the app kept it on disk already).
    mutating func descriptionEdited(_ e: DescriptionEdited) -> [Effect] {
        let id = e.start.taskId
        guard let text = e.text else {
            status.lastError = e.error ?? "The editor gave nothing back; the description was not changed."
            return []
        }
        if RichMarkdown.parse(text) == RichMarkdown.parse(e.start.original) {
            let had = features.taskEdit.descriptionKept.removeValue(forKey: id) != nil || e.start.kept
            status.message = "The description is unchanged: nothing sent."
            return had ? [.descriptionDraft(profile: actions.profile, taskId: id, text: nil)] : []
        }
        features.taskEdit.descriptionKept[id] = text
        guard let t = fullTask(id) else {
            status.lastError = "That task is no longer open: your text is kept; open it and press edit-description."
            return []
        }
        let html = RichHTML.fromMarkdown(text)
        var changed = t
        changed.description = html
        let token = nextToken()
        actions.pending[token] = PendingEdit(rollback: [t], summary: "Description edited", keptDescription: true)
        replaceTask(changed)
        status.message = "Saving the description…"
        if let problem = e.error { status.lastError = problem }
        return [.updateTask(taskId: id, TaskUpdate(description: html), token: token)]
    }

    /// Wrike answered a description edit: confirmed drops the kept text; refused keeps it and says so.
    mutating func descriptionWritten(_ p: PendingEdit, ok: Bool) -> [Effect] {
        guard let id = p.rollback.first?.id else { return [] }
        if ok {
            features.taskEdit.descriptionKept[id] = nil
            return [.descriptionDraft(profile: actions.profile, taskId: id, text: nil)]
        }
        status.lastError = (status.lastError ?? "The description was not saved.") + " Your text is kept: edit-description opens it again."
        return []
    }
}
