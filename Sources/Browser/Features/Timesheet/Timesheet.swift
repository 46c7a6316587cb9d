// The timesheet (action `timesheet`): my time entries of a week, a row per task and a column per day, with
// totals against my work schedule's capacity. Reads: the week's entries in one request, task titles 100 per
// request (`.loadTasksById`), the work schedules once. Edits and deletes are shown at once and rolled back
// with Wrike's reason when refused; a new entry goes through the time-log form's send path (drafts,
// exactly once). See docs/time.md.
import Foundation
import TermText
import WrikeAPI

/// What the user asks of the timesheet.
public enum TimesheetIntent: Sendable, Equatable {
    case open, close, refresh
    /// Move the cell cursor by columns (days) and rows (tasks).
    case move(days: Int, rows: Int)
    /// Another week (-1 previous, +1 next); `thisWeek` returns to today's.
    case week(Int)
    case thisWeek
    /// The next entry of a cell that holds several.
    case nextEntry
    /// Edit the selected entry (an empty cell: add one), add another, delete it (asks), change its category.
    case edit, add, delete, category
}

/// The timesheet's reads and writes, performed by the effect runner.
public enum TimesheetEffect: Sendable, Equatable {
    /// `GET /timelogs?me=true&trackedDate={first…last}`.
    case loadWeek(first: String, last: String, generation: Int)
    case loadSchedules
    case update(id: String, TimelogUpdate, token: Int)
    case delete(id: String, token: Int)

    public var writes: Bool {
        switch self {
        case .update, .delete: true
        case .loadWeek, .loadSchedules: false
        }
    }

    /// The answer while signed out (nothing is sent).
    func failed(read: ServiceFailure, write: WriteFailure) -> TimesheetEvent {
        switch self {
        case .loadWeek(_, _, let g): .week(generation: g, .failure(read))
        case .loadSchedules: .schedules(.failure(read))
        case .update(_, _, let token), .delete(_, let token): .write(token: token, .failure(write))
        }
    }
}

/// Their results.
public enum TimesheetEvent: Sendable {
    case week(generation: Int, Result<[Timelog], ServiceFailure>)
    case schedules(Result<[WorkSchedule], ServiceFailure>)
    /// An update (the entry as Wrike saved it) or a delete (nil) finished.
    case write(token: Int, Result<Timelog?, WriteFailure>)
}

/// The open timesheet.
public struct TimesheetState: Sendable {
    /// Weeks from the one holding today.
    public var offset = 0
    public var week: TimesheetWeek
    /// My entries tracked in `week` (comments as plain text).
    public var logs: [Timelog] = []
    public var load: LoadStatus = .loading
    var generation = 0
    /// The cursor: a task row, a day column, and which entry of the cell.
    public var row = 0
    public var column = 0
    public var entry = 0
    /// Writes waiting for Wrike: the entry as it was before (nil: it did not exist).
    var pending: [Int: (id: String, before: Timelog?)] = [:]

    public init(week: TimesheetWeek) { self.week = week }
}

/// The account's work schedules, read once (`GET /workschedules`).
public struct WorkScheduleState: Sendable {
    public var schedules: [WorkSchedule]?
    public var failed: String?
    public init() {}
}

extension AppState {
    /// The grid of the open timesheet (rows ordered by task title).
    public var timesheetGrid: TimesheetGrid? {
        guard let ts = features.timesheet else { return nil }
        return TimesheetGrid(logs: ts.logs, week: ts.week, title: taskTitle)
    }

    /// The timesheet's weeks: the environment's calendar (the locale's first weekday, its time zone), from
    /// Monday when the locale says nothing (`C`, `POSIX`, none).
    public var weekCalendar: Calendar {
        var c = environment.calendar
        let id = c.locale?.identifier ?? ""
        if id.isEmpty || id.hasPrefix("C") || id.contains("POSIX") { c.firstWeekday = 2 }
        return c
    }

    /// My work schedule when the account has one.
    public var mySchedule: WorkSchedule? { WorkSchedule.mine(catalog.workSchedules.schedules ?? [], me: catalog.directory.meId) }

    /// The entry under the cursor, and the cell's entries.
    public var timesheetSelection: (taskId: String, day: String, entries: [Timelog], entry: Timelog?)? {
        guard let ts = features.timesheet, let grid = timesheetGrid, grid.rows.indices.contains(ts.row) else { return nil }
        let entries = grid.rows[ts.row].cells[ts.column]
        let entry = entries.isEmpty ? nil : entries[min(ts.entry, entries.count - 1)]
        return (grid.rows[ts.row].taskId, ts.week.days[ts.column], entries, entry)
    }

    mutating func timesheetIntent(_ intent: TimesheetIntent) -> [Effect] {
        if intent == .open {
            var ts = TimesheetState(week: TimesheetWeek(containing: now, calendar: weekCalendar))
            ts.column = ts.week.days.firstIndex(of: today) ?? 0
            features.timesheet = ts
            var effects = loadTimesheetWeek()
            if catalog.workSchedules.schedules == nil { effects.append(.timesheet(.loadSchedules)) }
            if actions.categories == nil { effects.append(.loadTimelogCategories) }
            return effects
        }
        guard var ts = features.timesheet, modal == nil else { return [] }
        let rows = timesheetGrid?.rows.count ?? 0
        switch intent {
        case .open: return []
        case .close:
            features.timesheet = nil
            return []
        case .refresh:
            return loadTimesheetWeek()
        case .move(let days, let dy):
            ts.column = max(0, min(6, ts.column + days))
            ts.row = max(0, min(max(0, rows - 1), ts.row + dy))
            ts.entry = 0
            features.timesheet = ts
        case .week(let n):
            return showWeek(offset: ts.offset + n)
        case .thisWeek:
            return showWeek(offset: 0)
        case .nextEntry:
            let count = timesheetSelection?.entries.count ?? 0
            guard count > 1 else { status.message = "This cell holds one entry or none."; return [] }
            ts.entry = (ts.entry + 1) % count
            features.timesheet = ts
        case .edit, .category:
            guard let sel = timesheetSelection else { return timesheetEmpty() }
            guard let entry = sel.entry else { return logTimeIn(taskId: sel.taskId, day: sel.day) }
            var form = TimeLogForm(categories: actions.categories ?? [], prefill: prefillDraft(entry))
            if intent == .category { form.focus(.category) }
            modal = .timelogEdit(form, entry: entry)
        case .add:
            guard let sel = timesheetSelection else { return timesheetEmpty() }
            return logTimeIn(taskId: sel.taskId, day: sel.day)
        case .delete:
            guard let entry = timesheetSelection?.entry else { status.message = "No entry in this cell."; return [] }
            let what = "\(TimeInput.formatHours(entry.hours)) on \(entry.trackedDate ?? "")"
            modal = .confirm(ConfirmModel(title: "Delete time entry", message: "Delete \(what) from Wrike?",
                                                    yesLabel: "Delete", needsY: true), .deleteTimelog(id: entry.id))
        }
        return []
    }

    private mutating func showWeek(offset: Int) -> [Effect] {
        guard var ts = features.timesheet else { return [] }
        ts.offset = offset
        ts.week = TimesheetWeek(containing: now, calendar: weekCalendar, offset: offset)
        ts.logs = []
        ts.row = 0
        ts.entry = 0
        features.timesheet = ts
        return loadTimesheetWeek()
    }

    private mutating func timesheetEmpty() -> [Effect] {
        status.message = "No task this week yet: log time on a task (t) and it gets a row."
        return []
    }

    mutating func loadTimesheetWeek() -> [Effect] {
        guard var ts = features.timesheet else { return [] }
        ts.generation += 1
        ts.load = .loading
        features.timesheet = ts
        return [.timesheet(.loadWeek(first: ts.week.first, last: ts.week.last, generation: ts.generation))]
    }

    /// The time-log form (the POST path with its draft) for a task and day.
    private mutating func logTimeIn(taskId: String, day: String) -> [Effect] {
        var form = TimeLogForm(categories: actions.categories ?? [])
        form.date.set(day)
        modal = .timelog(form, taskId: taskId, send: nil)
        return actions.categories == nil ? [.loadTimelogCategories] : []
    }

    private func prefillDraft(_ t: Timelog) -> Draft {
        Draft(id: "", kind: .timelog, profile: actions.profile, taskId: t.taskId ?? "", taskTitle: taskTitle(t.taskId ?? ""),
              text: Sanitizer.cleanLine(t.comment ?? ""), timelog: Draft.TimelogFields(hours: t.hours, trackedDate: t.trackedDate ?? "",
                                                                 categoryId: t.categoryId), created: now)
    }

    /// The edit form's Enter: the change shown at once, `PUT /timelogs/{id}` sent.
    mutating func saveTimelogEdit(_ p: TimelogParams, entry: Timelog) -> [Effect] {
        var after = entry
        after.hours = p.hours
        after.trackedDate = p.trackedDate
        after.comment = p.comment
        after.categoryId = p.categoryId ?? entry.categoryId
        let update = TimelogUpdate(hours: p.hours == entry.hours ? nil : p.hours,
                                   trackedDate: p.trackedDate == entry.trackedDate ? nil : p.trackedDate,
                                   comment: p.comment == (entry.comment ?? "") ? nil : p.comment,
                                   categoryId: p.categoryId == entry.categoryId ? nil : p.categoryId, plainText: true)
        guard update != TimelogUpdate(plainText: true) else { status.message = "Nothing changed."; return [] }
        let token = nextToken()
        features.timesheet?.pending[token] = (entry.id, entry)
        replaceTimesheetEntry(id: entry.id, with: after)
        status.message = "Saving the time entry…"
        return [.timesheet(.update(id: entry.id, update, token: token))]
    }

    /// The delete confirmation's yes: the entry leaves the grid at once, `DELETE /timelogs/{id}` sent.
    mutating func deleteTimelog(id: String) -> [Effect] {
        guard let entry = features.timesheet?.logs.first(where: { $0.id == id }) else { return [] }
        let token = nextToken()
        features.timesheet?.pending[token] = (id, entry)
        replaceTimesheetEntry(id: id, with: nil)
        status.message = "Deleting the time entry…"
        return [.timesheet(.delete(id: id, token: token))]
    }

    private mutating func replaceTimesheetEntry(id: String, with t: Timelog?) {
        guard var ts = features.timesheet else { return }
        ts.logs.removeAll { $0.id == id }
        if let t, let d = t.trackedDate, ts.week.days.contains(String(d.prefix(10))) { ts.logs.append(t) }
        features.timesheet = ts
    }

    /// A time entry Wrike created (the form's send): into the grid when it belongs to the week shown.
    mutating func timesheetReceived(_ t: Timelog) {
        guard features.timesheet?.logs.contains(where: { $0.id == t.id }) == false else { return }
        if let me = catalog.directory.meId, let user = t.userId, user != me { return }
        replaceTimesheetEntry(id: t.id, with: t)
    }

    mutating func handleTimesheet(_ event: TimesheetEvent) -> [Effect] {
        switch event {
        case .schedules(.success(let s)):
            catalog.workSchedules.schedules = s
        case .schedules(.failure(let f)):
            // The capacity is extra: the grid works without it. Said once in the footer, not as an error.
            catalog.workSchedules.schedules = []
            catalog.workSchedules.failed = f.message
        case .week(let generation, let result):
            guard var ts = features.timesheet, ts.generation == generation else { return [] }
            switch result {
            case .success(let logs):
                ts.logs = logs.map { var t = $0; t.comment = t.comment.map { Sanitizer.clean($0) }; return t }
                ts.load = .loaded
                features.timesheet = ts
                let ids = Set(logs.compactMap(\.taskId)).filter { task($0) == nil && !catalog.requestedTasks.contains($0) }
                guard !ids.isEmpty else { return [] }
                catalog.requestedTasks.formUnion(ids)
                return [.loadTasksById(ids: ids.sorted())]
            case .failure(let f):
                ts.load = .failed(f.message)
                features.timesheet = ts
                status.lastError = "Could not read your time entries: \(f.message)"
            }
        case .write(let token, let result):
            guard let p = features.timesheet?.pending.removeValue(forKey: token) else { return [] }
            switch result {
            case .success(let saved?):
                replaceTimesheetEntry(id: p.id, with: saved)
                status.message = "Time entry saved."
            case .success(nil):
                status.message = "Time entry deleted."
            case .failure(let f):
                replaceTimesheetEntry(id: p.id, with: p.before)
                status.lastError = "Not saved, put back as it was: \(f.message)"
            }
        }
        return []
    }
}
