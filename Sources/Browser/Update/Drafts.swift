// Drafts while the app runs: text being typed is written to disk shortly after each change (so even
// `kill -9` loses at most the last moments), quitting keeps it, and drafts on disk can be listed and
// reopened in the same session. The timing comes from ticks (`now`), the writing is an effect
// (`.sendSteps(draft, [.saveDraft])`, performed by the runner). See docs/actions.md.
import Foundation
import TermText

/// When the comment editor's, the forms' and the line input's text changed without being saved yet.
public struct Autosave: Sendable, Equatable {
    /// A run of changes not on disk: the first one and the last one (times of the ticks before them).
    public struct Pending: Sendable, Equatable {
        public var since: Date
        public var last: Date
    }

    public var composer: Pending?
    public var timelog: Pending?
    /// The one-line input (a new task's title, a new title, a field's value) or the new-task form
    /// (Features/TaskEdit/NewTaskFormUpdate.swift).
    public var newTask: Pending?
    /// The approval request form (Features/TaskEdit/EditDraftsUpdate.swift).
    public var approval: Pending?

    /// Saved once typing paused this long...
    public static let quiet: TimeInterval = 1
    /// ...or this long after the first unsaved change while typing goes on. With the 500 ms tick the
    /// file is written at most about 1.5 s after a keystroke (`now` is the last tick's time).
    public static let maxWait: TimeInterval = 1.5

    public init() {}

    mutating func composerEdited(now: Date) { composer = Self.noted(composer, now: now) }
    mutating func timelogEdited(now: Date) { timelog = Self.noted(timelog, now: now) }
    mutating func newTaskEdited(now: Date) { newTask = Self.noted(newTask, now: now) }
    mutating func approvalEdited(now: Date) { approval = Self.noted(approval, now: now) }

    static func noted(_ p: Pending?, now: Date) -> Pending { Pending(since: p?.since ?? now, last: now) }

    /// Whether the run of changes is due to be saved at `now`.
    static func due(_ p: Pending?, now: Date) -> Bool {
        guard let p else { return false }
        return now.timeIntervalSince(p.last) >= quiet || now.timeIntervalSince(p.since) >= maxWait
    }
}

extension AppState {
    /// On each tick: the editor's and the form's text go to disk once typing paused (or every
    /// `Autosave.maxWait` while it goes on). Text emptied again removes a file written before.
    mutating func autosaveTick() -> [Effect] {
        var effects: [Effect] = []
        if Autosave.due(actions.autosave.composer, now: now) {
            actions.autosave.composer = nil
            effects += autosaveComposer()
        }
        if Autosave.due(actions.autosave.timelog, now: now) {
            actions.autosave.timelog = nil
            effects += autosaveTimelog()
        }
        if Autosave.due(actions.autosave.newTask, now: now) {
            actions.autosave.newTask = nil
            effects += autosaveNewTask()
        }
        if Autosave.due(actions.autosave.approval, now: now) {
            actions.autosave.approval = nil
            effects += autosaveApproval()
        }
        return effects
    }

    mutating func autosaveComposer() -> [Effect] {
        guard var comp = actions.composer, comp.editingCommentId == nil, comp.send.tracker.canEdit else { return [] }
        guard let draft = composerDraft(now: now) else {
            // Emptied: the file goes, unless a send was tried (its refused text stays until discarded).
            guard comp.send.onDisk, comp.send.tracker.attempts == 0 else { return [] }
            comp.send.onDisk = false
            actions.composer = comp
            return [fileDeletion(comp.send)]
        }
        comp.send.draft = draft
        comp.send.onDisk = true
        actions.composer = comp
        return [.sendSteps(draft, [.saveDraft(draft.state)])]
    }

    mutating func autosaveTimelog() -> [Effect] {
        guard case .timelog(let form, let taskId, let send)? = modal else { return [] }
        guard let s0 = timelogDraft(form, taskId: taskId, send: send, now: now) else {
            guard var s = send, s.onDisk, s.tracker.canEdit, s.tracker.attempts == 0 else { return [] }
            s.onDisk = false
            modal = .timelog(form, taskId: taskId, send: s)
            return [fileDeletion(s)]
        }
        var s = s0
        s.draft = s.tracker.stamp(s.draft, state: s.restingState, now: now)
        s.onDisk = true
        modal = .timelog(form, taskId: taskId, send: s)
        return [.sendSteps(s.draft, [.saveDraft(s.draft.state)])]
    }

    /// `q`: text being typed is saved as drafts by the app before it exits (`.keepDrafts`), unless that
    /// failed once already (`quitLosingText`).
    mutating func quit() -> [Effect] {
        let keep = draftsToKeepOnExit(now: now)
        let remember = rememberTick()
        return remember + (keep.isEmpty || actions.quitLosingText ? [.quit] : [.keepDrafts(keep), .quit])
    }

    // MARK: - Drafts on disk in this session

    /// A saved draft (or one followed without an editor) of this kind for the task the key acts on.
    func savedDraft(_ kind: Draft.Kind) -> Draft? {
        guard let t = actionTask else { return nil }
        return draftsToList().last { $0.kind == kind && $0.taskId == t.id }
    }

    /// Reopens a saved draft (`c` / `t` on its task) and says so.
    mutating func resumeSaved(_ d: Draft) -> [Effect] {
        let effects = resumeDraft(d)
        status.message = "Reopened your unsent \(d.kind.noun) (kept as a draft)."
        return effects
    }

    /// Remembers a draft that stays on disk without an editor (replacing an older copy).
    mutating func keepSaved(_ d: Draft) {
        actions.savedDrafts.removeAll { $0.id == d.id }
        actions.savedDrafts.append(d)
    }

    /// The drafts key: read the drafts on disk (the list opens when they arrive).
    mutating func listDrafts() -> [Effect] {
        status.message = "Reading the drafts…"
        return [.listDrafts(profile: actions.profile)]
    }

    /// The drafts on disk arrived: all but those open in an editor, in a picker (sends followed without an
    /// editor are listed with their state).
    mutating func showDrafts(_ listing: DraftListing) -> [Effect] {
        if let p = listing.problems.first { status.lastError = p }
        var open = Set(actions.detachedSends.keys)
        if let c = actions.composer { open.insert(c.send.draft.id) }
        if case .timelog(_, _, let s?)? = modal { open.insert(s.draft.id) }
        if let s = actions.pendingTimelog?.send { open.insert(s.draft.id) }
        if let d = features.taskEdit.input?.draft { open.insert(d.id) }
        if case .approval(let f, _)? = modal, let d = f.draft { open.insert(d.id) }
        actions.savedDrafts = listing.drafts.filter { !open.contains($0.id) }
        let drafts = draftsToList()
        if status.message == "Reading the drafts…" { status.message = nil }
        guard modal == nil else { return [] }
        guard !drafts.isEmpty else {
            status.message = open.isEmpty ? "No unsent drafts." : "No other unsent drafts (the open one is saved as you type)."
            return []
        }
        modal = .drafts(Self.draftsPicker(drafts, checking: Set(actions.detachedSends.keys)))
        status.message = "\(drafts.count) unsent draft\(drafts.count == 1 ? "" : "s")"
        return []
    }

    /// The drafts list; `checking`: drafts whose interrupted send is being checked.
    static func draftsPicker(_ drafts: [Draft], checking: Set<String> = []) -> PickerModel<Draft> {
        PickerModel(items: drafts, ordering: .stable) { d in
            let what: String
            switch d.kind {
            case .comment: what = "comment"
            case .timelog: what = "time"
            case .task: what = "new task"
            case .approval: what = "approval"
            case .title: what = "title"
            case .field: what = "“\(Sanitizer.cleanLine(d.field?.fieldTitle ?? "field"))”"
            }
            let text = d.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let state = checking.contains(d.id) ? " (interrupted: checking whether it arrived)" : ""
            return "\(what) on \(Sanitizer.cleanLine(d.taskTitle)): \(Sanitizer.cleanLine(text))\(state)"
        }
    }
}
