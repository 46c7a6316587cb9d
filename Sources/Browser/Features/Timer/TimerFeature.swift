// The timer in the app (action `timer`, docs/time.md): start it on the selected or open task, stop it,
// and log the stopped timer's time through the time-log form, one form per day it ran. The file is
// read and changed by the effect runner (`Effect.timer` → `TimerStore` → `Event.timerFile`); here only
// what the screen shows and which change to ask for. Time comes from `now` and `timeZone`.
import Foundation
import TermText
import WrikeAPI

/// What the app knows of the timer file.
public struct TimerState: Sendable, Equatable {
    /// The file as last read or written (nil: no timer).
    public var record: TimerRecord?
    /// The stopped timer's day in the time-log form, or on its way to Wrike.
    public var logging: TimerLogging?
    public init() {}
}

/// One day of a stopped timer being logged.
public struct TimerLogging: Sendable, Equatable {
    public var entry: TimerEntry
    public var day: TimerDay
    /// What the form was opened with (hours, date, the task's last category).
    public var prefill: Draft
    /// The draft of the send, once the form was submitted.
    public var draftId: String?
}

extension AppState {
    var timerCalendar: Calendar { TimerMath.calendar(timeZone) }

    /// The status line's timer: "⏱ Title 1:05" while it runs, "stopped 1h 05m: Title" while its time waits.
    public var timerLabel: String? {
        if let r = features.timer.record?.running {
            let minutes = Int(TimerMath.elapsed(from: r.startedAt, to: now) / 60)
            return "timer \(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60) "
                + Sanitizer.cleanLine(String(r.taskTitle.prefix(40)))
        }
        if let s = features.timer.record?.stopped, let end = s.stoppedAt {
            let minutes = Int((TimerMath.elapsed(from: s.startedAt, to: end) / 60).rounded())
            return "timer stopped, \(TimerMath.minutesText(minutes)) to log: " + Sanitizer.cleanLine(String(s.taskTitle.prefix(40)))
        }
        return nil
    }

    /// The `timer` key: log a stopped timer's time first; else stop the running timer (on its task, or
    /// with no task chosen), ask before replacing it with one on another task, or start one.
    mutating func timerKey() -> [Effect] {
        if let s = features.timer.record?.stopped {
            if s.sending != nil, features.timer.logging?.draftId != nil {
                status.message = "The stopped timer's time entry is on its way to Wrike."
                return []
            }
            return openTimerForm(s)
        }
        let task = actionTask
        if let r = features.timer.record?.running {
            if task == nil || task?.id == r.taskId { return [.timer(.stop(r, at: now))] }
            guard let t = task else { return [] }
            let minutes = Int(TimerMath.elapsed(from: r.startedAt, to: now) / 60)
            let old = Sanitizer.cleanLine(String(r.taskTitle.prefix(40))), new = Sanitizer.cleanLine(String(t.title.prefix(40)))
            modal = .confirm(ConfirmModel(title: "Timer",
                                                    message: "Stop the timer on “\(old)” (\(TimerMath.minutesText(minutes))) and start one on “\(new)”?",
                                                    yesLabel: "Stop and start", noLabel: "Keep it"),
                                       .replaceTimer(TimerEntry(taskId: t.id, taskTitle: t.title, startedAt: now), replacing: r))
            return []
        }
        guard let t = task else { status.lastError = "No task selected."; return [] }
        return [.timer(.start(TimerEntry(taskId: t.id, taskTitle: t.title, startedAt: now), replacing: nil))]
    }

    /// Opens the time-log form on the stopped timer's first day left, filled in; says each day's hours.
    mutating func openTimerForm(_ s: TimerEntry) -> [Effect] {
        let days = TimerMath.split(from: s.startedAt, to: s.stoppedAt ?? s.startedAt, calendar: timerCalendar)
        guard let day = days.first else {
            status.message = "The timer ran less than half a minute: nothing to log."
            return [.timer(.discardStopped(s))]
        }
        let fields = Draft.TimelogFields(hours: day.hours, trackedDate: day.date, categoryId: lastCategory(taskId: s.taskId))
        let prefill = Draft(id: "timer", kind: .timelog, profile: actions.profile, taskId: s.taskId, taskTitle: s.taskTitle,
                            text: "", timelog: fields, created: now)
        features.timer.logging = TimerLogging(entry: s, day: day, prefill: prefill)
        modal = .timelog(TimeLogForm(categories: actions.categories ?? [], prefill: prefill), taskId: s.taskId, send: nil)
        let title = Sanitizer.cleanLine(String(s.taskTitle.prefix(40)))
        status.message = days.count == 1
            ? "Timer on “\(title)”: \(TimerMath.minutesText(day.minutes)) on \(day.date). Enter logs it; Esc keeps it for later."
            : "Timer on “\(title)” ran \(days.count) days, one entry each: " + TimerMath.describe(days).joined(separator: ", ")
                + ". Entry 1: \(day.date)."
        return actions.categories == nil ? [.loadTimelogCategories] : []
    }

    /// The category of my newest time log on the task, when its time logs were read.
    func lastCategory(taskId: String) -> String? {
        guard detail.taskId == taskId, let me = catalog.directory.meId else { return nil }
        return detail.timelogs.filter { $0.userId == me && $0.categoryId != nil }
            .max { ($0.createdDate ?? "") < ($1.createdDate ?? "") }?.categoryId
    }

    /// The timer's form (still untouched) when the categories arrive: filled in again with them.
    func timerPrefill(form: TimeLogForm, taskId: String) -> Draft? {
        guard let l = features.timer.logging, l.draftId == nil, l.entry.taskId == taskId, form.categories.isEmpty else { return nil }
        return l.prefill
    }

    /// Esc on the timer's form: ask whether to throw the time away (only `y`); No keeps it for later.
    mutating func timerFormCancel(taskId: String) -> Bool {
        guard let l = features.timer.logging, l.draftId == nil, l.entry.taskId == taskId else { return false }
        let title = Sanitizer.cleanLine(String(l.entry.taskTitle.prefix(40)))
        modal = .confirm(ConfirmModel(title: "Timer", message: "Discard the timer's time on “\(title)”? No keeps it to log later.",
                                                yesLabel: "Discard", noLabel: "Keep for later", needsY: true),
                                   .discardTimer(l.entry))
        return true
    }

    /// The timer's form was submitted: the file notes the draft, so the time is not offered again.
    mutating func timerSubmitted(_ s: DraftSend, taskId: String) -> [Effect] {
        guard var l = features.timer.logging, l.entry.taskId == taskId, let f = s.draft.timelog else { return [] }
        l.draftId = s.draft.id
        features.timer.logging = l
        return [.timer(.sending(l.entry, TimerEntry.Sending(draftId: s.draft.id, sentAt: now, trackedDate: f.trackedDate,
                                                            hours: f.hours, categoryId: f.categoryId, comment: s.draft.text,
                                                            through: l.day.end)))]
    }

    /// A send was confirmed: when it is the timer's, that day is logged.
    mutating func timerSendConfirmed(draftId: String) -> [Effect] {
        guard let l = features.timer.logging, l.draftId == draftId else { return [] }
        features.timer.logging = nil
        return [.timer(.logged(features.timer.record?.stopped ?? l.entry, through: l.day.end))]
    }

    /// The answer of the timer file.
    mutating func timerFile(_ change: TimerChange, _ outcome: TimerOutcome) -> [Effect] {
        if let p = outcome.problem { status.lastError = p.message }
        if let c = outcome.conflict { status.lastError = c.message }
        features.timer.record = outcome.record
        guard outcome.conflict == nil, !(outcome.problem.map { if case .io = $0 { true } else { false } } ?? false) else { return [] }
        switch change {
        case .read:
            if let s = outcome.record?.stopped {
                if let sending = s.sending {
                    followTimerSend(s, sending)
                } else {
                    status.message = "A stopped timer on “\(Sanitizer.cleanLine(String(s.taskTitle.prefix(40))))” waits to be logged: press \(timerKeyName)."
                }
            }
        case .start(let entry, let replacing):
            status.message = "Timer started on “\(Sanitizer.cleanLine(String(entry.taskTitle.prefix(40))))”."
            if replacing != nil, let s = outcome.record?.stopped { return openTimerForm(s) }
        case .stop:
            if let s = outcome.record?.stopped { return openTimerForm(s) }
        case .logged:
            if let s = outcome.record?.stopped { return openTimerForm(s) }
            status.message = "Timer logged."
        case .discardStopped:
            features.timer.logging = nil
            status.message = "The timer's time was discarded."
        case .sending, .notSent:
            break
        }
        return []
    }

    /// A stopped timer's entry that was on its way when the app (or `wrike-tui timer`) ended: followed as
    /// an interrupted send (checked by reading the task's time logs once "me" is known, never re-sent);
    /// its confirmation logs the day, a verdict of "did not arrive" gives the time back to the form.
    mutating func followTimerSend(_ s: TimerEntry, _ sending: TimerEntry.Sending) {
        let id = sending.draftId ?? "timer-\(Int(sending.sentAt.timeIntervalSince1970))"
        let fields = Draft.TimelogFields(hours: sending.hours, trackedDate: sending.trackedDate, categoryId: sending.categoryId)
        let draft = Draft(id: id, kind: .timelog, profile: actions.profile, taskId: s.taskId, taskTitle: s.taskTitle,
                          text: sending.comment, timelog: fields, created: sending.sentAt, sendStartedAt: sending.sentAt,
                          attempts: 1, state: .unknownOutcome)
        features.timer.logging = TimerLogging(entry: s, day: TimerDay(date: sending.trackedDate, seconds: sending.hours * 3600, end: sending.through),
                                     prefill: draft, draftId: id)
        if liveSend(id) == nil {
            actions.detachedSends[id] = DraftSend(draft: draft, tracker: SendTracker(resuming: draft), onDisk: sending.draftId != nil)
        }
    }

    /// The timer's entry will not arrive (proved, refused, or its draft discarded): its time waits again.
    mutating func timerSendDropped(draftId: String) -> [Effect] {
        guard let l = features.timer.logging, l.draftId == draftId else { return [] }
        features.timer.logging = nil
        return [.timer(.notSent(features.timer.record?.stopped ?? l.entry))]
    }

    var timerKeyName: String { keymap.keys(for: .timer).first.map { KeyNames.display($0, ascii: true) } ?? "the timer key" }
}
