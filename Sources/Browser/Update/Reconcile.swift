// Acting on a task before its detail arrives (issue 12): the detail's read may have left before the
// change, and must not put the old values back on screen. See docs/architecture.md.
import WrikeAPI

extension AppState {
    /// A task read that may have left before a change made on it meanwhile (an action taken while the
    /// detail was on its way): the fields each change set are kept — those of a write Wrike answered
    /// meanwhile (`DetailState.editsWhileLoading`) and of a write still waiting for its answer.
    func reconciled(_ read: WrikeTask) -> WrikeTask {
        var edits = detail.editsWhileLoading.filter { $0.before.id == read.id }
        if let shown = catalog.knownTasks[read.id] ?? task(read.id) {
            for edit in actions.pending.values {
                for before in edit.rollback where before.id == read.id { edits.append((before, shown)) }
            }
        }
        var t = read
        for (before, after) in edits {
            if after.importance != before.importance { t.importance = after.importance }
            if after.responsibleIds != before.responsibleIds { t.responsibleIds = after.responsibleIds }
            if after.customStatusId != before.customStatusId {
                t.customStatusId = after.customStatusId
                t.status = after.status
            }
        }
        return t
    }
}
