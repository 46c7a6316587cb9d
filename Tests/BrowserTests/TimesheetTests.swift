// The timesheet (Features/Timesheet): the week from `now` and a calendar value (first weekday, time zone),
// the grid with totals and capacity, and the grid's intents: reads, optimistic edits and deletes rolled
// back with Wrike's reason, a new entry through the time-log form's send path.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser

@Suite struct TimesheetWeekTests {
    static func calendar(_ zone: String, firstWeekday: Int = 2) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: zone) ?? .current
        c.firstWeekday = firstWeekday
        return c
    }
    static func date(_ iso: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: iso)) }

    @Test func mondayOrSundayFirst() throws {
        let sat = try Self.date("2024-06-15T12:00:00Z")
        let monday = TimesheetWeek(containing: sat, calendar: Self.calendar("UTC"))
        #expect(monday.days == ["2024-06-10", "2024-06-11", "2024-06-12", "2024-06-13", "2024-06-14", "2024-06-15", "2024-06-16"])
        #expect((0..<7).map(monday.dayName) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        let sunday = TimesheetWeek(containing: sat, calendar: Self.calendar("UTC", firstWeekday: 1))
        #expect(sunday.first == "2024-06-09" && sunday.last == "2024-06-15" && sunday.dayName(0) == "Sun")
        // The day is the calendar's: 23:30 UTC on Saturday is Sunday in Auckland.
        let late = try Self.date("2024-06-15T23:30:00Z")
        #expect(TimesheetWeek(containing: late, calendar: Self.calendar("Pacific/Auckland", firstWeekday: 1)).first == "2024-06-16")
        #expect(TimesheetWeek(containing: late, calendar: Self.calendar("America/Los_Angeles")).first == "2024-06-10")
    }

    @Test func acrossTheYearEnd() throws {
        let newYearsEve = try Self.date("2026-12-31T10:00:00Z")
        let w = TimesheetWeek(containing: newYearsEve, calendar: Self.calendar("UTC"))
        #expect(w.days == ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"])
        #expect(TimesheetWeek(containing: newYearsEve, calendar: Self.calendar("UTC"), offset: 1).first == "2027-01-04")
        #expect(TimesheetWeek(containing: try Self.date("2027-01-02T10:00:00Z"), calendar: Self.calendar("UTC"), offset: -1).first
                == "2026-12-21")
    }

    @Test func acrossDaylightSavingChanges() throws {
        let berlin = Self.calendar("Europe/Berlin")
        // Clocks go forward on Sunday 2026-03-29 (a 23-hour day) and back on Sunday 2026-10-25 (25 hours).
        let spring = try Self.date("2026-03-28T23:30:00Z")  // 00:30 on the 29th in Berlin
        #expect(TimesheetWeek(containing: spring, calendar: berlin).days
                == ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"])
        #expect(TimesheetWeek(containing: spring, calendar: berlin, offset: 1).days
                == ["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05"])
        let autumn = try Self.date("2026-10-25T22:30:00Z")  // 23:30 on the 25th in Berlin
        let w = TimesheetWeek(containing: autumn, calendar: berlin)
        #expect(w.first == "2026-10-19" && w.last == "2026-10-25")
        #expect(TimesheetWeek(containing: autumn, calendar: berlin, offset: 1).days
                == ["2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30", "2026-10-31", "2026-11-01"])
        #expect(Set(TimesheetWeek(containing: autumn, calendar: berlin, offset: -30).days).count == 7)
    }

    @Test func theWeekStartsOnTheLocalesFirstWeekdayOrMonday() {
        func first(locale: String?, firstWeekday: Int) -> Int {
            var c = Calendar(identifier: .gregorian)
            c.locale = locale.map { Locale(identifier: $0) }
            c.firstWeekday = firstWeekday
            return AppState(now: testNow, environment: CoreEnvironment(calendar: c, idPrefix: "t")).weekCalendar.firstWeekday
        }
        #expect(first(locale: "en_US", firstWeekday: 1) == 1)  // the locale says Sunday
        #expect(first(locale: "de_DE", firstWeekday: 2) == 2)
        #expect(first(locale: "en_US_POSIX", firstWeekday: 1) == 2)  // says nothing: Monday
        #expect(first(locale: "C", firstWeekday: 1) == 2)
        #expect(first(locale: nil, firstWeekday: 1) == 2)
    }

    static func log(_ id: String, _ task: String, _ day: String, _ hours: Double, created: String = "2024-06-01T00:00:00Z") -> Timelog {
        Timelog(id: id, taskId: task, userId: "ME", hours: hours, createdDate: created, trackedDate: day, comment: "c \(id)")
    }

    @Test func gridTotalsAndCapacity() throws {
        let week = TimesheetWeek(containing: testNow, calendar: Self.calendar("UTC"))
        let logs = [Self.log("L1", "TB", "2024-06-10", 1.5), Self.log("L2", "TB", "2024-06-10", 2, created: "2024-05-01T00:00:00Z"),
                    Self.log("L3", "TA", "2024-06-16", 9.25), Self.log("L4", "TA", "2024-06-17", 5), Self.log("L5", "TA", "2024-06-09", 5)]
        let grid = TimesheetGrid(logs: logs, week: week, title: { ["TA": "beta", "TB": "Alpha"][$0] ?? "" })
        #expect(grid.rows.map(\.taskId) == ["TB", "TA"])  // by title, case folded
        #expect(grid.rows[0].cells[0].map(\.id) == ["L2", "L1"])  // in the order Wrike created them
        #expect(grid.rows[0].hours(0) == 3.5 && grid.rows[1].hours(6) == 9.25)
        #expect(grid.dayTotals == [3.5, 0, 0, 0, 0, 0, 9.25] && grid.weekTotal == 12.75)
        let schedule = WorkSchedule(id: "W", scheduleType: "Default", workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], capacityMinutes: 480)
        let cap = try #require(TimesheetGrid.capacity(schedule, week: week))
        #expect(cap.days == [8, 8, 8, 8, 8, 0, 0] && cap.week == 40)
        let sundayWeek = TimesheetWeek(containing: testNow, calendar: Self.calendar("UTC", firstWeekday: 1))
        #expect(TimesheetGrid.capacity(schedule, week: sundayWeek)?.days == [0, 8, 8, 8, 8, 8, 0])
        #expect(TimesheetGrid.capacity(WorkSchedule(id: "X", workDays: ["Mon"]), week: week) == nil)
        let custom = WorkSchedule(id: "C", scheduleType: "Custom", workDays: ["Mon"], capacityMinutes: 240, userIds: ["ME"])
        #expect(WorkSchedule.mine([schedule, custom], me: "ME")?.id == "C")
        #expect(WorkSchedule.mine([schedule, custom], me: "U2")?.id == "W")
    }
}

@Suite struct TimesheetIntentTests {
    static let week = ["2024-06-10", "2024-06-11", "2024-06-12", "2024-06-13", "2024-06-14", "2024-06-15", "2024-06-16"]
    static let logs = [TimesheetWeekTests.log("L1", "T1", "2024-06-10", 1.5), TimesheetWeekTests.log("L2", "T1", "2024-06-10", 2),
                       TimesheetWeekTests.log("L3", "T9", "2024-06-12", 3)]

    /// The fixture's state with the timesheet open on the week of 2024-06-15 and its entries read.
    static func opened() -> (AppState, [Effect]) {
        var s = loadedState()
        _ = s.handle(.timelogCategories(.success([TimelogCategory(id: "CAT1", name: "Dev"), TimelogCategory(id: "CAT2", name: "Ops")])))
        let open = s.update(.timesheet(.open))
        var effects = open
        effects += s.handle(.timesheet(.week(generation: 1, .success(logs))))
        return (s, effects)
    }

    @Test func openReadsTheWeekInOneRequestThenTitlesOfTasksNotKnown() throws {
        let (s, effects) = Self.opened()
        #expect(effects.first == .timesheet(.loadWeek(first: "2024-06-10", last: "2024-06-16", generation: 1)))
        #expect(effects.contains(.timesheet(.loadSchedules)))
        #expect(effects.last == .loadTasksById(ids: ["T9"]))  // T1 is listed already
        let ts = try #require(s.features.timesheet)
        #expect(ts.week.days == Self.week && ts.column == 5)  // today, Saturday
        #expect(s.timesheetGrid?.rows.map(\.taskId) == ["T9", "T1"])  // T9 has no title yet (sorted first)
        var t = s
        _ = t.handle(.tasksById(.success([Fixture.task("T9", "Zebra")])))
        #expect(t.timesheetGrid?.rows.map(\.taskId) == ["T1", "T9"])
    }

    @Test func editShowsAtOnceAndRollsBackWithWrikesReason() throws {
        var (s, _) = Self.opened()
        _ = s.handle(.tasksById(.success([Fixture.task("T9", "Zebra")])))
        _ = s.update(.timesheet(.move(days: -5, rows: 0)))  // Monday, T1: two entries
        #expect(s.timesheetSelection?.entries.map(\.id) == ["L1", "L2"] && s.timesheetSelection?.entry?.id == "L1")
        _ = s.update(.timesheet(.nextEntry))
        #expect(s.timesheetSelection?.entry?.id == "L2")
        _ = s.update(.timesheet(.edit))
        guard case .timelogEdit(let form, let entry)? = s.modal else { Issue.record("no edit form"); return }
        #expect(entry.id == "L2" && form.hours.text == "2h")
        for _ in 0..<2 { _ = s.update(.action(.form(.backspace))) }
        _ = s.update(.action(.form(.insert("4.5"))))
        let sent = s.update(.action(.form(.submit)))
        guard case .timesheet(.update(let id, let update, let token))? = sent.first else { Issue.record("\(sent)"); return }
        #expect(id == "L2" && update == TimelogUpdate(hours: 4.5, plainText: true))
        #expect(s.modal == nil)
        #expect(s.timesheetGrid?.rows[0].hours(0) == 6)  // shown at once
        _ = s.handle(.timesheet(.write(token: token, .failure(WriteFailure(
            "You do not have access to this item in Wrike: Time entries tracked on or before 2024-06-14 are locked.")))))
        #expect(s.timesheetGrid?.rows[0].hours(0) == 3.5)  // put back
        #expect(s.status.lastError?.contains("locked") == true && s.status.lastError?.hasPrefix("Not saved") == true)
    }

    @Test func categoryChangeIsAPutOfTheCategoryOnly() throws {
        var (s, _) = Self.opened()
        _ = s.update(.timesheet(.move(days: -5, rows: 1)))
        #expect(s.timesheetSelection?.entry?.id == "L1")
        _ = s.update(.timesheet(.category))
        guard case .timelogEdit(let form, _)? = s.modal else { Issue.record("no form"); return }
        #expect(form.focus == .category)
        _ = s.update(.action(.form(.right)))
        let sent = s.update(.action(.form(.submit)))
        guard case .timesheet(.update(_, let update, let token))? = sent.first else { Issue.record("\(sent)"); return }
        #expect(update == TimelogUpdate(categoryId: "CAT1", plainText: true))
        var saved = Self.logs[0]
        saved.categoryId = "CAT1"
        _ = s.handle(.timesheet(.write(token: token, .success(saved))))
        #expect(s.features.timesheet?.logs.first { $0.id == "L1" }?.categoryId == "CAT1" && s.status.lastError == nil)
    }

    @Test func deleteAsksFirstThenRollsBackWhenRefused() throws {
        var (s, _) = Self.opened()
        _ = s.update(.timesheet(.move(days: -3, rows: -5)))  // Wednesday, T9
        #expect(s.timesheetSelection?.entry?.id == "L3")
        #expect(s.update(.timesheet(.delete)).isEmpty)
        guard case .confirm(_, .deleteTimelog(let id))? = s.modal else { Issue.record("no question"); return }
        #expect(id == "L3")
        #expect(s.update(.action(.confirm(.accept))).isEmpty)  // Enter is No
        #expect(s.features.timesheet?.logs.count == 3)
        _ = s.update(.timesheet(.delete))
        let sent = s.update(.action(.confirm(.yes)))
        guard case .timesheet(.delete("L3", let token))? = sent.first else { Issue.record("\(sent)"); return }
        #expect(s.features.timesheet?.logs.map(\.id) == ["L1", "L2"])
        _ = s.handle(.timesheet(.write(token: token, .failure(WriteFailure("Cannot reach Wrike.")))))
        #expect(s.features.timesheet?.logs.map(\.id).sorted() == ["L1", "L2", "L3"])
        #expect(s.status.lastError?.contains("Cannot reach Wrike.") == true)
    }

    @Test func anEmptyCellOpensTheTimeLogFormOnItsDayAndThePostLandsInTheGrid() throws {
        var (s, _) = Self.opened()
        _ = s.update(.timesheet(.move(days: 0, rows: 1)))  // Saturday, T1: empty
        #expect(s.timesheetSelection?.entry == nil)
        _ = s.update(.timesheet(.edit))
        guard case .timelog(let form, let taskId, nil)? = s.modal else { Issue.record("no form"); return }
        #expect(taskId == "T1" && form.date.text == "2024-06-15")
        _ = s.update(.action(.form(.insert("1h"))))
        let sent = s.update(.action(.form(.submit)))
        guard case .sendSteps(let draft, let steps)? = sent.first else { Issue.record("\(sent)"); return }
        #expect(steps.contains(.post) && draft.timelog?.trackedDate == "2024-06-15")
        let created = Timelog(id: "NEW", taskId: "T1", userId: "ME", hours: 1, trackedDate: "2024-06-15", comment: "")
        _ = s.handle(.posted(draftId: draft.id, .success(.timelog(created))))
        #expect(s.timesheetSelection?.entry?.id == "NEW")
    }

    @Test func anotherWeekDropsALateAnswerForTheOldOne() throws {
        var (s, _) = Self.opened()
        let prev = s.update(.timesheet(.week(-1)))
        #expect(prev == [.timesheet(.loadWeek(first: "2024-06-03", last: "2024-06-09", generation: 2))])
        _ = s.handle(.timesheet(.week(generation: 1, .success(Self.logs))))
        #expect(s.features.timesheet?.logs.isEmpty == true && s.features.timesheet?.load == .loading)
        _ = s.handle(.timesheet(.week(generation: 2, .failure(ServiceFailure("Wrike is down.")))))
        #expect(s.features.timesheet?.load == .failed("Wrike is down.") && s.status.lastError?.contains("Wrike is down.") == true)
        #expect(s.update(.timesheet(.thisWeek)).first == .timesheet(.loadWeek(first: "2024-06-10", last: "2024-06-16", generation: 3)))
        _ = s.update(.timesheet(.close))
        #expect(s.features.timesheet == nil)
    }

    @Test func signedOutTheWritesAnswerAtOnceAndRollBack() throws {
        var (s, _) = Self.opened()
        _ = s.handle(.signInRequired)
        _ = s.update(.timesheet(.move(days: -3, rows: -5)))
        _ = s.update(.timesheet(.delete))
        let sent = s.update(.action(.confirm(.yes)))
        #expect(sent.isEmpty)
        #expect(s.features.timesheet?.logs.count == 3)
    }
}

/// The timesheet's reads counted in the sandbox's request log (the app's service on the shared client).
@Suite struct TimesheetRequestTests {
    @Test func oneReadPerWeekAndTitlesInBatchesOf100() async throws {
        var d = DatasetGenerator.generate(tasks: 600, seed: 7)
        let me = try #require(d.me)
        let taskIds = d.tasks.prefix(250).map(\.id)
        for (i, id) in taskIds.enumerated() {
            d.timelogs.append(Timelog(id: "TS\(i)", taskId: id, userId: me, hours: 0.5, createdDate: "2024-06-12T10:00:00Z",
                                      trackedDate: ["2024-06-10", "2024-06-12", "2024-06-16"][i % 3], comment: "x"))
        }
        d.workSchedules = [WorkSchedule(id: "W", scheduleType: "Default", workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], capacityMinutes: 480)]
        let sandbox = Sandbox(dataset: d, options: SandboxOptions(rateLimitPerMinute: nil))
        let service = RequestCountTests.appService(sandbox)
        var s = AppState(now: testNow, timeZone: utc)
        _ = await drive(&s, .timesheet(.open), service: service)
        let paths: [String] = sandbox.requestLog.map { $0.path }
        #expect(paths.filter { $0 == "/timelogs" }.count == 1)
        #expect(paths.filter { $0 == "/workschedules" }.count == 1)
        let titleReads = paths.filter { $0.hasPrefix("/tasks/") }
        #expect(titleReads.count == 3, "250 titles: \(titleReads.count) reads")
        #expect(s.timesheetGrid?.rows.count == 250 && s.timesheetGrid?.weekTotal == 125)
        #expect(s.timesheetGrid?.rows.allSatisfy { !s.taskTitle($0.taskId).isEmpty } == true)
        #expect(TimesheetGrid.capacity(s.mySchedule, week: try #require(s.features.timesheet?.week))?.week == 40)
        // Another week and back: one read each, no title read again.
        sandbox.resetLog()
        _ = await drive(&s, .timesheet(.week(-1)), service: service)
        _ = await drive(&s, .timesheet(.thisWeek), service: service)
        let again: [String] = sandbox.requestLog.map { $0.path }
        #expect(again == ["/timelogs", "/timelogs"])
        #expect(s.timesheetGrid?.rows.count == 250)
    }
}
