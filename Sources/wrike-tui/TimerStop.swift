import ArgumentParser
import Browser
import BrowserRuntime
import Foundation
import WrikeAPI

extension TimerCommand {
    /// `timer stop`: stops the timer and prints its time per day; logs it only with `--log`, each day's entry
    /// once: the file notes a send before its POST, and a send whose answer was lost is looked for in the
    /// task's time logs, never sent again by itself.
    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Stop the timer and show its time per day; --log logs it (one entry per day), --discard throws it away.")

        @Flag(help: "Log the time in Wrike (one time entry per day the timer ran).")
        var log = false

        @Option(parsing: .unconditional, help: ArgumentHelp("With --log: the time entries' comment.", valueName: "text"))
        var comment: String = ""

        @Option(help: ArgumentHelp("With --log: the time-log category, by name (as in Wrike).", valueName: "name"))
        var category: String?

        @Flag(help: "Throw the stopped timer's time away (nothing is logged).")
        var discard = false

        @OptionGroup var options: Options

        func validate() throws {
            if log && discard { throw ValidationError("use either --log or --discard") }
            if !log && (category != nil || !comment.isEmpty) { throw ValidationError("--comment and --category go with --log") }
        }

        func run() async throws {
            let store = options.store()
            var outcome = store.apply(.read)
            try TimerCommand.report(outcome)
            if outcome.record?.stopped == nil, let r = outcome.record?.running {
                outcome = store.apply(.stop(r, at: Date()))
                try TimerCommand.report(outcome)
            } else if outcome.record?.running != nil {
                AuthSupport.out("A stopped timer waits to be logged first; the running one goes on.")
            }
            guard let stopped = outcome.record?.stopped else {
                AuthSupport.out("No timer running.")
                return
            }
            let days = TimerMath.split(from: stopped.startedAt, to: stopped.stoppedAt ?? stopped.startedAt,
                                       calendar: TimerMath.calendar(.current))
            AuthSupport.out("Stopped: “\(TimerStatus.clean(stopped.taskTitle))” (\(TimerStatus.clean(stopped.taskId))), per day:\n"
                            + (days.isEmpty ? "  less than half a minute" : TimerMath.describe(days).map { "  " + $0 }.joined(separator: "\n")))
            if discard || days.isEmpty {
                try TimerCommand.report(store.apply(.discardStopped(stopped)))
                AuthSupport.out("Discarded: nothing logged.")
                return
            }
            guard log else {
                AuthSupport.out("Not logged. `wrike-tui timer stop --log [--comment TEXT] [--category NAME]` logs it, "
                                + "`--discard` throws it away; the app's timer key logs it too.")
                return
            }
            let (client, _) = try options.client()
            try await TimerSend(client: client, store: store, comment: comment).logAll(stopped, category: category)
        }
    }
}

/// Logs a stopped timer's days one by one, each exactly once.
struct TimerSend {
    let client: WrikeClient
    let store: TimerStore
    let comment: String
    /// A send whose answer was lost may still land this long after it started (the app's rule: the
    /// request window plus the settle margin).
    static let settle: TimeInterval = SendTracker.requestWindow + SendTracker.settleMargin

    func logAll(_ first: TimerEntry, category: String?) async throws {
        let me: String
        let categoryId: String?
        do {
            me = try await client.me().id
            categoryId = try await categoryNamed(category)
        } catch let e as ExitCode {
            throw e
        } catch {
            throw TimerCommand.fail("cannot reach Wrike: \(WriteFailure.from(error).message) Nothing was logged.")
        }
        var entry = first
        if let sending = entry.sending {
            guard let left = try await settle(entry, sending, me: me, mayResend: true) else { return }
            entry = left
        }
        while let end = entry.stoppedAt,
              let day = TimerMath.split(from: entry.startedAt, to: end, calendar: TimerMath.calendar(.current)).first {
            let sending = TimerEntry.Sending(draftId: nil, sentAt: Date(), trackedDate: day.date, hours: day.hours,
                                             categoryId: categoryId, comment: comment, through: day.end)
            try TimerCommand.report(store.apply(.sending(entry, sending)))
            entry.sending = sending
            do {
                let t = try await client.logTime(task: entry.taskId, TimelogCreate(hours: day.hours, trackedDate: day.date, comment: comment,
                                                                                  categoryId: categoryId, plainText: true))
                AuthSupport.out("Logged \(TimerMath.minutesText(day.minutes)) on \(day.date) (time log \(t.id)).")
            } catch {
                let f = WriteFailure.from(error)
                guard f.outcome == .unknown else {
                    _ = store.apply(.notSent(entry))
                    throw TimerCommand.fail(SendErrors.explain(kind: .timelog, status: f.status, code: f.code, message: f.message)
                                            + " Nothing was logged for \(day.date); the time is kept.")
                }
                guard let left = try await settle(entry, sending, me: me, mayResend: false) else { return }
                entry = left
                continue
            }
            guard let next = try advance(entry, through: day.end) else { return }
            entry = next
        }
    }

    /// A send whose answer is unknown: found in the task's time logs → that day is logged; not found once it
    /// can no longer arrive → forgotten (the time stays to be sent); else stop and say to look again later.
    /// The entry left to log (nil: all logged).
    /// `mayResend`: false right after the lost answer (this run never sends the same day twice).
    func settle(_ entry: TimerEntry, _ sending: TimerEntry.Sending, me: String, mayResend: Bool) async throws -> TimerEntry? {
        if sending.draftId != nil {
            throw TimerCommand.fail("The app is sending this timer's entry for \(sending.trackedDate); open the app to follow it.")
        }
        let logs: [Timelog]
        do {
            logs = try await client.timelogs(task: entry.taskId, use: .refresh)
        } catch {
            throw TimerCommand.fail("The entry for \(sending.trackedDate) may or may not be in Wrike, and its time logs cannot be read "
                                    + "(\(WriteFailure.from(error).message)). Nothing is sent again; run this again later.")
        }
        let fields = Draft.TimelogFields(hours: sending.hours, trackedDate: sending.trackedDate, categoryId: sending.categoryId)
        if let found = OutcomeResolver.findTimelog(in: logs, fields: fields, comment: sending.comment, me: me, sentAt: sending.sentAt,
                                                   serverTextIsHTML: true) {
            AuthSupport.out("The entry for \(sending.trackedDate) reached Wrike (time log \(found.id)).")
            return try advance(entry, through: sending.through)
        }
        guard Date() >= sending.sentAt.addingTimeInterval(Self.settle) else {
            throw TimerCommand.fail("No answer from Wrike for \(sending.trackedDate), and it is not in the task's time logs yet; "
                                    + "it may still arrive. Nothing is sent again: run `wrike-tui timer stop --log` in a minute to check.")
        }
        let outcome = store.apply(.notSent(entry))
        try TimerCommand.report(outcome)
        guard mayResend else {
            throw TimerCommand.fail("The entry for \(sending.trackedDate) did not reach Wrike. Run `wrike-tui timer stop --log` again to send it.")
        }
        AuthSupport.out("The entry for \(sending.trackedDate) did not reach Wrike; sending it now.")
        return outcome.record?.stopped ?? entry
    }

    /// Marks the time up to `through` as logged; the entry left, or nil when all is logged.
    func advance(_ entry: TimerEntry, through: Date) throws -> TimerEntry? {
        let outcome = store.apply(.logged(entry, through: through))
        try TimerCommand.report(outcome)
        guard let next = outcome.record?.stopped else {
            AuthSupport.out("The timer's time is logged.")
            return nil
        }
        return next
    }

    func categoryNamed(_ name: String?) async throws -> String? {
        guard let name else { return nil }
        let all = try await client.timelogCategories().filter { $0.hidden != true }
        if let c = all.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) { return c.id }
        throw TimerCommand.fail("no time-log category named “\(name)”; the categories are: "
                                + all.map { TimerStatus.clean($0.name) }.joined(separator: ", "))
    }
}
