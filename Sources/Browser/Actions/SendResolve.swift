// Whether a send whose answer was lost landed (found in a re-read of the task), and Wrike's refusals of
// a send in plain words. See docs/actions.md.
import Foundation
import WrikeAPI

/// Finds a sent comment or time log in a re-read of the task.
public enum OutcomeResolver {
    /// Plain text with whitespace runs collapsed and trimmed. `isHTML`: Wrike's HTML (comments read
    /// without `plainText=true`) is converted to text first.
    public static func normalize(_ text: String, isHTML: Bool) -> String {
        let plain = isHTML ? HTMLText.toText(text) : text
        return plain.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The comment that is the one sent: same text (normalised), author `me`, created at or after
    /// `sentAt − skew`, not among `excluding` (ids known before the send). The newest match wins.
    public static func findComment(in comments: [WrikeComment], text: String, me: String, sentAt: Date,
                                   serverTextIsHTML: Bool, excluding: Set<String> = [],
                                   skew: TimeInterval = SendTracker.skew) -> WrikeComment? {
        let want = normalize(text, isHTML: false)
        let since = sentAt.addingTimeInterval(-skew)
        return comments.filter { c in
            guard !excluding.contains(c.id), c.authorId == me else { return false }
            guard let created = c.createdDate.flatMap(WrikeDate.parseTimestamp), created >= since else { return false }
            return normalize(c.text, isHTML: serverTextIsHTML) == want
        }.max { ($0.createdDate ?? "") < ($1.createdDate ?? "") }
    }

    /// The time log that is the one sent: user `me`, same hours (to the minute), tracked date, category
    /// and comment, created at or after `sentAt − skew`, not among `excluding`.
    public static func findTimelog(in logs: [Timelog], fields: Draft.TimelogFields, comment: String, me: String,
                                   sentAt: Date, serverTextIsHTML: Bool, excluding: Set<String> = [],
                                   skew: TimeInterval = SendTracker.skew) -> Timelog? {
        let want = normalize(comment, isHTML: false)
        let since = sentAt.addingTimeInterval(-skew)
        return logs.filter { t in
            guard !excluding.contains(t.id), t.userId == me else { return false }
            guard abs(t.hours - fields.hours) < 1.0 / 120, t.trackedDate == fields.trackedDate else { return false }
            if let cat = fields.categoryId, t.categoryId != cat { return false }
            guard let created = t.createdDate.flatMap(WrikeDate.parseTimestamp), created >= since else { return false }
            return normalize(t.comment ?? "", isHTML: serverTextIsHTML) == want
        }.max { ($0.createdDate ?? "") < ($1.createdDate ?? "") }
    }
}

/// Wrike's refusals of a draft's send (a comment, a time entry, a new title, a field value, an approval
/// request; a new task's words are `NewTask.explain`), in plain words.
public enum SendErrors {
    public static func explain(kind: Draft.Kind, status: Int?, code: String?, message: String) -> String {
        let signIn = code == "signed_out" || code == "not_authorized" || message.contains("did not accept the sign-in")
        if kind == .task && !signIn { return NewTask.explain(status: status, code: code, message: message) }
        if !signIn, let particular = TaskEditDrafts.refusal(kind: kind, code: code, message: message) { return particular }
        let what = "the \(kind.noun)"
        // A new title and a field value are "the change" in Wrike's refusals.
        let refused = kind == .title || kind == .field ? "the change" : what
        switch code {
        case "not_allowed":
            return kind == .timelog
                ? "Time tracking is not available on your Wrike plan (Wrike refused the time entry)."
                : "Wrike's plan limits refused \(refused)."
        case "access_forbidden":
            return "You do not have the rights to add \(what) on this task."
        case "resource_not_found":
            return "The task no longer exists, or you cannot see it."
        case "signed_out":
            return "Signed out: \(what) was not sent and stays as a draft; sign in again (wrike-tui auth login)."
        case "not_authorized":
            return "Wrike did not accept the sign-in: \(what) was not sent and stays as a draft; sign in again (wrike-tui auth login)."
        case "rate_limit_exceeded":
            return "Wrike is rate limiting; \(refused) was not sent. Try again in a moment."
        default:
            break
        }
        // The client refused to send without a usable token (a refused refresh): no status, no code.
        if message.contains("did not accept the sign-in") {
            return "Wrike did not accept the sign-in: \(what) was not sent and stays as a draft; sign in again (wrike-tui auth login)."
        }
        if status == 429 { return "Wrike is rate limiting; \(refused) was not sent. Try again in a moment." }
        if let s = status, s >= 500 { return "Wrike had a server error (\(s)); \(refused) was not sent." }
        let lower = message.lowercased()
        if kind == .timelog && lower.contains("'hours'") { return "Wrike refused the hours: they must be more than 0 and at most 24." }
        if kind == .timelog && lower.contains("'trackeddate'") { return "Wrike refused the date." }
        if kind == .timelog && lower.contains("'categoryid'") { return "That time-log category no longer exists; choose another." }
        if kind == .comment && lower.contains("'text'") { return "Wrike refused an empty comment." }
        return message.isEmpty ? "Wrike refused \(refused)." : "Wrike refused \(refused): \(message)"
    }
}
