// Wrike's reasons for refusing a task edit, in plain words: the parameter it names (an unknown person,
// folder, the Recycle Bin, a task's last folder), else what its status means. See docs/editing.md.
import WrikeAPI

public enum EditRefusal {
    /// Words for a refusal that names a task parameter; nil when it names none of these.
    public static func parameter(_ f: WriteFailure) -> String? {
        let m = f.message.lowercased()
        let people = m.contains("responsibles'"), folders = m.contains("parents'")
        if people && m.contains("unknown contact") {
            return "Wrike does not know that person or group (removed from the account?)."
        }
        if folders && m.contains("recycle bin") { return "a task goes to the Recycle Bin by deleting it, not by moving it." }
        if folders && m.contains("at least one") { return "a task stays in at least one folder: add it to another first." }
        if folders && (m.contains("unknown folder") || m.contains("value is invalid")) {
            return "that folder no longer exists in Wrike, or you cannot see it."
        }
        return nil
    }

    /// Words for any refusal of a task edit, delete or restore.
    public static func explain(_ f: WriteFailure) -> String {
        if let p = parameter(f) { return p }
        if f.outcome == .unknown { return "no answer from Wrike: it may or may not be changed; refresh (r) to see." }
        switch f.status {
        case 403: return "you do not have the rights to change this task in Wrike."
        case 404: return "the task is no longer in Wrike, or you cannot see it."
        default: return f.message
        }
    }
}
