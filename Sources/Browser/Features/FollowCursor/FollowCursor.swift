// The detail follows the list cursor (config `follow-cursor`, on by default): once the cursor rests on
// a task for `debounce` (measured on the state's ticks), that task is shown in the detail pane; a
// cursor moving on before then reads nothing. From the list or the detail pane, `next-task` /
// `prev-task` move the list's cursor and show that task without leaving the pane. A task read within
// the client cache's time is answered from it (with its neighbours, read with the first one), so
// walking a list costs at most 2 requests per task (bench `follow_cursor_requests_per_task`).
import Foundation

public struct FollowCursorState: Sendable, Equatable {
    /// The rest after which the task under the cursor is shown.
    public static let debounce: TimeInterval = 0.15
    /// Config `follow-cursor`: moving in the list shows the task under the cursor.
    public var enabled = true
    /// The task the cursor moved to, shown once the cursor rests on it.
    public private(set) var pending: String?
    /// When `pending` is shown; set by the first tick after the move.
    public private(set) var due: Date?

    public init() {}

    /// The cursor moved to `id`.
    mutating func moved(to id: String) {
        pending = id
        due = nil
    }

    mutating func cancel() {
        pending = nil
        due = nil
    }

    /// The task to show now (the cursor rested long enough), if any.
    mutating func tick(_ now: Date) -> String? {
        guard let id = pending else { return nil }
        guard let d = due else {
            due = now.addingTimeInterval(Self.debounce)
            return nil
        }
        guard now >= d else { return nil }
        cancel()
        return id
    }
}

extension AppState {
    /// The list's cursor moved (a key in the list pane): the detail follows once it rests.
    mutating func listCursorMoved() {
        guard features.followCursor.enabled else { return }
        followSelection()
    }

    private mutating func followSelection() {
        guard let id = list.selectedTaskId, !detailShows(id) else { return features.followCursor.cancel() }
        features.followCursor.moved(to: id)
    }

    /// Whether the detail pane shows `id` or is reading it.
    private func detailShows(_ id: String) -> Bool {
        guard detail.taskId == id else { return false }
        switch detail.taskStatus {
        case .loading, .loaded: return true
        case .notLoaded, .failed: return false
        }
    }

    /// `next-task` / `prev-task`: the list's cursor moves by `n` and its task is shown, from the list or
    /// the detail pane (the focus stays).
    mutating func stepTask(_ n: Int) -> [Effect] {
        guard focus != .tree else {
            status.message = "Next and previous task work in the task list and the task pane."
            return []
        }
        guard !list.rows.isEmpty else { return [] }
        list.cursor = max(0, min(list.rows.count - 1, list.cursor.addingReportingOverflow(n).partialValue))
        follow(.list)
        followSelection()
        return maybeLoadMore()
    }

    /// The clock moved: the task the cursor rests on is shown.
    mutating func followCursorTick() -> [Effect] {
        guard let id = features.followCursor.tick(now), list.selectedTaskId == id, !detailShows(id) else { return [] }
        return openDetail(id)
    }

    /// Whether something waits for the clock (a search or the detail following the cursor): the app
    /// then ticks soon instead of at its usual interval.
    public var wantsTickSoon: Bool { goToWaiting || features.followCursor.pending != nil }
}
