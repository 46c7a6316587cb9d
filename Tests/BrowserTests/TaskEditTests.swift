// Issue 16: a new task from the keyboard (a draft on disk before the POST, optimistic, rolled back with
// Wrike's reason, a lost answer resolved by reading, never sent twice), a new title, dates, undo.
import Foundation
import Testing
import WrikeAPI
@testable import Browser

@Suite struct TaskEditTests {
    func typed(_ s: inout AppState, _ text: String) {
        for ch in text { _ = s.update(.taskEdit(.input(.type(String(ch))))) }
    }

    func steps(_ effects: [Effect]) -> (Draft, [SendEffect])? {
        for e in effects { if case .sendSteps(let d, let st) = e { return (d, st) } }
        return nil
    }

    func all(_ s: AppState) -> String { [s.status.lastError, s.status.message].compactMap { $0 }.joined(separator: " | ") }

    static func created(_ id: String, _ title: String, parent: String = "F1", at: Date = testNow, author: String = "ME",
                        superTask: String? = nil) -> WrikeTask {
        WrikeTask(id: id, title: title, parentIds: [parent], status: .active, importance: .normal,
                  createdDate: WrikeDate.formatTimestamp(at), scope: .wsTask, authorIds: [author], customStatusId: "CS_NEW",
                  superTaskIds: superTask.map { [$0] } ?? [])
    }

    @Test func newTaskIsADraftOnDiskBeforeThePostAndAppearsAtOnce() throws {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        #expect(s.features.taskEdit.input?.purpose == .newTask(folderId: "F1", superTaskId: nil, place: "Platform"))
        typed(&s, "Ship the beta")
        let (draft, st) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        #expect(st == [.saveDraft(.sending), .post], "the draft is saved before the POST leaves")
        #expect(draft.kind == .task && draft.text == "Ship the beta" && draft.newTask == Draft.NewTaskFields(folderId: "F1"))
        #expect(draft.state == .sending)
        #expect(s.features.taskEdit.input == nil)
        #expect(s.creatingTasks.map(\.draft.text) == ["Ship the beta"], "shown at once as creating")
        #expect(s.lineInputRows == 1)
        // Wrike answers: the task joins the list, the line goes, the draft file is deleted.
        let done = s.handle(.posted(draftId: draft.id, .success(.task(Self.created("NEW1", "Ship the beta")))))
        #expect(done.contains { if case .sendSteps(_, [.deleteDraft]) = $0 { true } else { false } })
        #expect(s.list.index["NEW1"] != nil)
        #expect(s.creatingTasks.isEmpty)
        #expect(all(s).contains("Created “Ship the beta”"))
    }

    @Test func aRefusalRollsBackWithWrikesReasonAndKeepsTheTitle() throws {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        typed(&s, "Nope")
        let (draft, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        let refused = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("Access denied", status: 403, code: "access_forbidden"))))
        #expect(refused.contains { if case .sendSteps(_, [.saveDraft(.failed)]) = $0 { true } else { false } })
        #expect(s.creatingTasks.isEmpty && s.list.index.count == Fixture.tasks.count)
        #expect(s.status.lastError?.contains("“Nope” was not created: you do not have the rights to add tasks there.") == true, "\(all(s))")
        // The words are back in the input, with the same draft: Enter sends it again (no second file).
        #expect(s.features.taskEdit.input?.text == "Nope" && s.features.taskEdit.input?.draft?.id == draft.id)
        let (again, st) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        #expect(again.id == draft.id && st == [.saveDraft(.sending), .post] && again.attempts == 2)
    }

    @Test func aRefusalAfterOtherKeysDoesNotOpenAnInputByItself() throws {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        typed(&s, "Nope")
        let (draft, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        // The user goes on (a cursor step; the clock does not count), then Wrike refuses.
        _ = s.update(.tick(testNow.addingTimeInterval(1)))
        _ = s.update(.move(1))
        _ = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("Access denied", status: 403, code: "access_forbidden"))))
        #expect(s.features.taskEdit.input == nil && s.modal == nil, "an input opened by itself: the next key (q, j) would be typed into it")
        #expect(s.status.lastError?.contains("“Nope” was not created") == true, "\(all(s))")
        #expect(s.status.lastError?.contains("kept as a draft (u opens it).") == true, "\(all(s))")
        #expect(s.features.taskEdit.sentAtIntent.isEmpty)
    }

    @Test func aLostAnswerIsResolvedByReadingNeverSentAgain() throws {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        typed(&s, "Ship the beta")
        let (draft, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        _ = s.update(.tick(testNow.addingTimeInterval(30)))
        let lost = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        let (_, st) = try #require(steps(lost))
        #expect(st.contains(.saveDraft(.unknownOutcome)) && st.contains { if case .reread = $0 { true } else { false } })
        #expect(!st.contains(.post))
        // The read finds one with the same title by someone else, and one made before the send: neither is it.
        let other = Self.created("X1", "Ship the beta", author: "U2")
        let old = Self.created("X2", "Ship the beta", at: testNow.addingTimeInterval(-3600))
        let mine = Self.created("NEW1", "Ship  the beta", at: testNow.addingTimeInterval(1))
        #expect(NewTask.find(in: [other, old], title: "Ship the beta", me: "ME", sentAt: testNow, superTaskId: nil) == nil)
        let found = s.handle(.reread(draftId: draft.id, .success(.tasks([other, old, mine]))))
        #expect(found.contains { if case .sendSteps(_, [.deleteDraft]) = $0 { true } else { false } })
        #expect(s.list.index["NEW1"] != nil && s.list.index["X1"] == nil)
    }

    @Test func aSubtaskGoesToItsSuperTasksFolder() throws {
        var s = loadedState()
        var t = Fixture.tasks[1]
        t.parentIds = ["P1"]
        s.replaceTask(t)
        s.list.cursor = s.list.rowIndex(ofTask: "T2") ?? 0
        _ = s.update(.taskEdit(.newSubtask))
        typed(&s, "Part")
        let (draft, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        #expect(draft.newTask == Draft.NewTaskFields(folderId: "P1", superTaskId: "T2"))
        #expect(NewTask.params(title: "Part", fields: try #require(draft.newTask)) == TaskCreate(title: "Part", superTasks: ["T2"]))
    }

    @Test func aPasteIsTextAndAnEmptyTitleIsRefusedHere() {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        _ = s.update(.paste("q\ti\nShip", truncated: false))
        #expect(s.features.taskEdit.input?.text == "q i Ship")
        #expect(s.modal == nil && !s.list.editingFilter)
        _ = s.update(.taskEdit(.input(.clear)))
        #expect(s.update(.taskEdit(.input(.submit))).isEmpty)
        #expect(s.status.lastError == "A task needs a title." && s.features.taskEdit.input != nil)
        _ = s.update(.taskEdit(.input(.cancel)))
        #expect(s.features.taskEdit.input == nil)
    }

    @Test func myWorkHasNoFolderToCreateIn() {
        var s = loadedState()
        s.list.reset(source: .myWork, title: "My Work")
        _ = s.update(.taskEdit(.newTask))
        #expect(s.features.taskEdit.input == nil && s.status.lastError?.contains("open a folder or project") == true)
    }

    @Test func renameIsOptimisticAndRollsBackWithTheReason() throws {
        var s = loadedState()
        s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
        s.focus = .list
        _ = s.update(.taskEdit(.editTitle))
        #expect(s.features.taskEdit.input?.text == "Write the spec")
        _ = s.update(.taskEdit(.input(.deleteWord)))
        typed(&s, "plan")
        let (draft, st) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        #expect(st == [.saveDraft(.sending), .post] && TaskEditDrafts.update(draft) == TaskUpdate(title: "Write the plan"))
        #expect(s.task("T1")?.title == "Write the plan")
        _ = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("Parameter 'title' value is invalid", status: 400, code: "invalid_parameter"))))
        #expect(s.task("T1")?.title == "Write the spec")
        #expect(s.status.lastError?.contains("was not saved: Wrike refused the title: Parameter 'title' value is invalid") == true, "\(all(s))")
    }

    @Test func undoRevertsTheLastChangesMostRecentFirst() throws {
        var s = loadedState()
        s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
        s.focus = .list
        // Importance High → Normal, confirmed.
        guard case .updateTask(_, _, let t1)? = s.update(.action(.cycleImportance)).first else { Issue.record("no write"); return }
        var normal = try #require(s.task("T1"))
        normal.importance = .normal
        _ = s.handle(.taskWrite(token: t1, .success([normal])))
        // Then assigned to U2 as well, confirmed.
        var assigned = normal
        assigned.responsibleIds = ["ME", "U2"]
        let token = s.nextToken()
        s.actions.pending[token] = PendingEdit(rollback: [normal], summary: "Assigned 佐藤")
        _ = s.handle(.taskWrite(token: token, .success([assigned])))
        // Undo: the assignment first, named; then the importance.
        let first = s.update(.taskEdit(.undo))
        guard case .updateTask("T1", let u1, let k1)? = first.first else { Issue.record("\(first)"); return }
        #expect(u1 == TaskUpdate(removeResponsibles: ["U2"]))
        #expect(s.status.message?.contains("Assigned 佐藤") == true)
        #expect(s.task("T1")?.responsibleIds == ["ME"])
        _ = s.handle(.taskWrite(token: k1, .success([normal])))
        guard case .updateTask("T1", let u2, _)? = s.update(.taskEdit(.undo)).first else { Issue.record("no second undo"); return }
        #expect(u2 == TaskUpdate(importance: .high))
        #expect(s.task("T1")?.importance == .high)
        // An undo is not itself undone; nothing is left.
        #expect(s.update(.taskEdit(.undo)).isEmpty)
        #expect(s.status.message?.contains("Nothing to undo") == true)
    }

    @Test func aCreateCannotBeUndoneAndSaysSo() throws {
        var s = loadedState()
        _ = s.update(.taskEdit(.newTask))
        typed(&s, "Keep")
        let (draft, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        _ = s.handle(.posted(draftId: draft.id, .success(.task(Self.created("NEW1", "Keep")))))
        #expect(s.update(.taskEdit(.undo)).isEmpty)
        #expect(s.status.lastError?.contains("“Created “Keep”” cannot be undone") == true, "\(all(s))")
    }

    @Test func datesAreTypedInWords() throws {
        var s = loadedState()
        s.list.cursor = s.list.rowIndex(ofTask: "T3") ?? 0
        s.focus = .list
        _ = s.update(.taskEdit(.editDates))
        #expect(s.features.taskEdit.input?.text == "2024-06-01")
        _ = s.update(.taskEdit(.input(.clear)))
        typed(&s, "soon")
        #expect(s.update(.taskEdit(.input(.submit))).isEmpty)
        #expect(s.status.lastError?.contains("Not a date") == true)
        _ = s.update(.taskEdit(.input(.clear)))
        typed(&s, "+3d")
        guard case .updateTask("T3", let u, _)? = s.update(.taskEdit(.input(.submit))).first else { Issue.record("no write"); return }
        #expect(u.dates == TaskDates(type: .milestone, due: "2024-06-18T17:00:00"))
        #expect(s.task("T3")?.dates?.due?.hasPrefix("2024-06-18") == true)
    }
}

@Suite struct DateInputTests {
    // 2026-12-06 is a Sunday.
    let today = "2026-12-06"

    func due(_ text: String, current: TaskDates? = nil) -> TaskDates? {
        try? DateInput.parse(text, current: current, today: today).get()
    }

    @Test func namedDaysAndOffsets() {
        #expect(due("fri") == TaskDates(type: .milestone, due: "2026-12-11T17:00:00"))
        #expect(due("Friday") == due("fri"))
        #expect(due("sun")?.due == "2026-12-06T17:00:00", "today counts")
        #expect(due("mon")?.due == "2026-12-07T17:00:00")
        #expect(due("tomorrow")?.due == "2026-12-07T17:00:00")
        #expect(due("+3d")?.due == "2026-12-09T17:00:00")
        #expect(due("+2w")?.due == "2026-12-20T17:00:00")
        #expect(due("2026-12-20")?.due == "2026-12-20T17:00:00")
        #expect(due("2028-02-29")?.due == "2028-02-29T17:00:00")
        #expect(due("2026-02-29") == nil && due("2026-13-01") == nil && due("soon") == nil && due("") == nil)
        #expect(due("none") == TaskDates(type: .backlog) && due("-") == TaskDates(type: .backlog))
    }

    @Test func aDueDateKeepsAPlannedStartNotAfterIt() {
        let planned = TaskDates(type: .planned, duration: 960, start: "2026-12-01T09:00:00", due: "2026-12-02T17:00:00")
        #expect(due("2026-12-04", current: planned) == TaskDates(type: .planned, duration: 4 * 480, start: "2026-12-01T09:00:00",
                                                                 due: "2026-12-04T17:00:00"))
        #expect(due("2026-11-20", current: planned)?.type == .milestone)
    }

    @Test func rangesAndDurationsCountWorkingDays() {
        // Fri 2026-12-11 .. Mon 2026-12-14: two working days.
        #expect(due("2026-12-11..2026-12-14") == TaskDates(type: .planned, duration: 960, start: "2026-12-11T09:00:00",
                                                           due: "2026-12-14T17:00:00"))
        #expect((try? DateInput.parse("2026-12-14..2026-12-11", current: nil, today: today).get()) == nil)
        // 3 working days from Thu 2026-12-10: Thu, Fri, Mon.
        let start = TaskDates(type: .planned, start: "2026-12-10T09:00:00", due: "2026-12-10T17:00:00")
        #expect(due("3d", current: start) == TaskDates(type: .planned, duration: 3 * 480, start: "2026-12-10T09:00:00",
                                                       due: "2026-12-14T17:00:00"))
        // From today (a Sunday) without a start: Sun is not a working day, so Sun..Wed holds 3.
        #expect(due("3d")?.due == "2026-12-09T17:00:00")
        #expect(due("1w")?.due == "2026-12-11T17:00:00")
    }

    @Test func dayNumbersRoundTrip() {
        for n in stride(from: -600_000, through: 800_000, by: 997) {
            #expect(DateInput.day(DateInput.format(n)) == n)
        }
        #expect(DateInput.day("1970-01-01") == 0 && DateInput.day("2000-03-01") == 11_017)
    }

    @Test func describeReadsBack() {
        let planned = TaskDates(type: .planned, start: "2026-12-01T09:00:00", due: "2026-12-03T17:00:00")
        #expect(DateInput.describe(planned) == "2026-12-01..2026-12-03")
        #expect(due(DateInput.describe(planned)) == TaskDates(type: .planned, duration: 3 * 480, start: "2026-12-01T09:00:00",
                                                              due: "2026-12-03T17:00:00"))
        #expect(DateInput.describe(nil) == "none")
    }
}

@Suite struct UndoPlanTests {
    @Test func theInversePutsBackEveryRevertibleField() {
        let before = WrikeTask(id: "T", title: "A", description: "<p>x</p>", parentIds: ["F1"], responsibleIds: ["ME"],
                               status: .active, importance: .high, dates: TaskDates(type: .backlog), customStatusId: "CS_NEW")
        var after = before
        after.title = "B"
        after.description = "<p>y</p>"
        after.parentIds = ["F2"]
        after.responsibleIds = ["U2"]
        after.importance = .low
        after.dates = TaskDates(type: .milestone, due: "2026-12-20T17:00:00")
        after.customStatusId = "CS_DONE"
        let u = UndoPlan.inverse(before: before, after: after)
        #expect(u == TaskUpdate(title: "A", description: "<p>x</p>", importance: .high, dates: TaskDates(type: .backlog),
                                addParents: ["F1"], removeParents: ["F2"], addResponsibles: ["ME"], removeResponsibles: ["U2"],
                                customStatus: "CS_NEW"))
        #expect(UndoPlan.inverse(before: before, after: before) == nil)
    }

    /// A list row keeps the days, not the time of day or the duration: an importance change answered
    /// with the full task undoes the importance only (found end to end: undo also sent the dates).
    @Test func datesOfAListRowAgainstTheFullAnswerAreNoChange() {
        let row = WrikeTask(id: "T", title: "A", status: .active, importance: .high,
                            dates: TaskDates(type: .planned, start: "2026-12-01", due: "2026-12-03"))
        var answer = row
        answer.importance = .low
        answer.dates = TaskDates(type: .planned, duration: 1440, start: "2026-12-01T09:00:00", due: "2026-12-03T17:00:00")
        #expect(UndoPlan.inverse(before: row, after: answer) == TaskUpdate(importance: .high))
        answer.dates?.due = "2026-12-04T17:00:00"
        #expect(UndoPlan.inverse(before: row, after: answer)?.dates == row.dates)
    }
}
