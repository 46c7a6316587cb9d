// A new task is sent like a comment (SendOutcome.swift): its title is a draft on disk before the POST
// leaves, a lost answer is resolved by reading the folder's tasks created since the send (title,
// author, creation time), and nothing is sent twice by itself. Pure. See docs/editing.md.
import Foundation
import WrikeAPI

public enum NewTask {
    /// The `POST /folders/{id}/tasks` parameters of a draft.
    /// The `POST /folders/{id}/tasks` parameters of a draft: the title, the super task, and the form's
    /// fields (the description from Markdown to Wrike's HTML; the dates as resolved when submitted).
    public static func params(title: String, fields f: Draft.NewTaskFields) -> TaskCreate {
        let md = f.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let dates = f.dates.flatMap { $0.type == .backlog ? nil : $0 }
        return TaskCreate(title: title, description: md.isEmpty ? nil : RichHTML.fromMarkdown(md),
                          importance: f.importance.map { Importance(rawValue: $0) }, dates: dates,
                          responsibles: f.responsibles.flatMap { $0.isEmpty ? nil : $0 },
                          superTasks: f.superTaskId.map { [$0] }, customStatus: f.customStatus)
    }

    /// The title as sent: one line, trimmed.
    public static func cleanTitle(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// The task that is the one sent: same title (whitespace collapsed), authored by `me`, created at or
    /// after `sentAt − skew`, a subtask of `superTaskId` when there is one, not among `excluding` (ids
    /// listed before the send). The newest match wins.
    public static func find(in tasks: [WrikeTask], title: String, me: String, sentAt: Date, superTaskId: String?,
                            excluding: Set<String> = [], skew: TimeInterval = SendTracker.skew) -> WrikeTask? {
        let want = OutcomeResolver.normalize(title, isHTML: false)
        let since = sentAt.addingTimeInterval(-skew)
        return tasks.filter { t in
            guard !excluding.contains(t.id), t.scope != .rbTask, (t.authorIds ?? []).contains(me) else { return false }
            if let sup = superTaskId, !(t.superTaskIds ?? []).contains(sup) { return false }
            guard let created = t.createdDate.flatMap(WrikeDate.parseTimestamp), created >= since else { return false }
            return OutcomeResolver.normalize(t.title, isHTML: false) == want
        }.max { ($0.createdDate ?? "") < ($1.createdDate ?? "") }
    }

    /// Wrike's refusal of a new task in plain words.
    public static func explain(status: Int?, code: String?, message: String) -> String {
        switch code {
        case "resource_not_found": return "The folder (or super task) no longer exists, or you cannot see it."
        case "access_forbidden": return "You do not have the rights to add tasks there."
        case "not_allowed": return "Wrike's plan limits refused the new task."
        case "rate_limit_exceeded": return "Wrike is rate limiting; the new task was not created. Try again in a moment."
        default: break
        }
        if status == 429 { return "Wrike is rate limiting; the new task was not created. Try again in a moment." }
        if let s = status, s >= 500 { return "Wrike had a server error (\(s)); the new task was not created." }
        if message.lowercased().contains("'title'") { return "Wrike refused the title: a task needs one." }
        return message.isEmpty ? "Wrike refused the new task." : "Wrike refused the new task: \(message)"
    }
}

extension AppState {
    /// A new task's title being typed when the app ends: kept as a draft (offered at the next start).
    mutating func newTaskDraft(now: Date) -> Draft? {
        guard let input = features.taskEdit.input, case .newTask(let folderId, let superTaskId, let place) = input.purpose else { return nil }
        let title = NewTask.cleanTitle(input.text)
        guard !title.isEmpty else { return nil }
        var d = input.draft ?? Draft(id: newDraftId(), kind: .task, profile: actions.profile,
                                     taskId: superTaskId ?? folderId, taskTitle: place, text: title, created: now)
        d.text = title
        d.newTask = Draft.NewTaskFields(folderId: folderId, superTaskId: superTaskId)
        if d.state != .failed { d.state = .editing }
        d.updated = now
        return d
    }
}
