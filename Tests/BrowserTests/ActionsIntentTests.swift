import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI

/// View-model tests for the action intents: status (optimistic + rollback), bulk status, assign me,
/// importance, the inline comment with its send state machine, dependencies, jumps and drafts.
@Suite struct ActionIntentTests {
    func select(_ s: inout AppState, _ id: String) {
        s.focus = .list
        guard let i = s.list.rows.firstIndex(where: { s.list.tasks[Int($0.task)].id == id }) else {
            Issue.record("\(id) not in the list")
            return
        }
        s.list.cursor = i
    }

    func token(_ effects: [Effect]) -> Int? {
        for e in effects {
            if case .updateTask(_, _, let t) = e { return t }
            if case .updateTasks(_, _, let t) = e { return t }
        }
        return nil
    }

    @Test func statusPickerAppliesAtOnceAndRollsBackWithAPlainMessage() throws {
        var s = loadedState()
        select(&s, "T1")
        #expect(s.update(.action(.changeStatus)).isEmpty)
        guard case .status(_, let ids)? = s.modal else { Issue.record("no picker"); return }
        #expect(ids == ["T1"])
        _ = s.update(.action(.picker(.type("Done"))))
        let effects = s.update(.action(.picker(.accept)))
        #expect(s.modal == nil)
        let t = try #require(token(effects))
        #expect(effects == [.updateTask(taskId: "T1", TaskUpdate(customStatus: "CS_DONE"), token: t)])
        #expect(s.list.tasks.first { $0.id == "T1" }?.customStatusId == "CS_DONE")   // optimistic
        _ = s.handle(.taskWrite(token: t, .failure(WriteFailure("Wrike refused the request: no such status"))))
        #expect(s.list.tasks.first { $0.id == "T1" }?.customStatusId == "CS_PROG")   // rolled back
        #expect(s.status.lastError?.contains("undone") == true)
        #expect(s.status.lastError?.contains("no such status") == true)
    }

    @Test func bulkStatusSendsOnePutForTheMarkedTasks() throws {
        var s = loadedState()
        select(&s, "T1")
        _ = s.update(.action(.toggleMark))
        select(&s, "T4")
        _ = s.update(.action(.toggleMark))
        #expect(s.actions.marks.ids == ["T1", "T4"])
        _ = s.update(.action(.changeStatus))
        guard case .status(_, let ids)? = s.modal else { Issue.record("no picker"); return }
        #expect(Set(ids) == ["T1", "T4"])
        _ = s.update(.action(.picker(.type("Done"))))
        let effects = s.update(.action(.picker(.accept)))
        let t = try #require(token(effects))
        #expect(effects.count == 1)
        guard case .updateTasks(let sent, let update, _)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(Set(sent) == ["T1", "T4"] && update == BulkTaskUpdate(customStatus: "CS_DONE"))
        #expect(s.actions.marks.isEmpty)
        #expect(s.list.tasks.filter { ["T1", "T4"].contains($0.id) }.allSatisfy { $0.customStatusId == "CS_DONE" })
        var done = Fixture.tasks.filter { ["T1", "T4"].contains($0.id) }
        for i in done.indices { done[i].customStatusId = "CS_DONE"; done[i].status = .completed }
        _ = s.handle(.taskWrite(token: t, .success(done)))
        #expect(s.status.message == "Status changed")
        #expect(s.status.lastError == nil)
    }

    @Test func assignMeAndImportanceAreOptimisticWrites() throws {
        var s = loadedState()
        select(&s, "T2")
        let e1 = s.update(.action(.assignMe))
        #expect(e1 == [.updateTask(taskId: "T2", TaskUpdate(addResponsibles: ["ME"]), token: try #require(token(e1)))])
        #expect(s.list.tasks.first { $0.id == "T2" }?.responsibleIds?.contains("ME") == true)
        select(&s, "T1")
        let e2 = s.update(.action(.assignMe))
        #expect(e2 == [.updateTask(taskId: "T1", TaskUpdate(removeResponsibles: ["ME"]), token: try #require(token(e2)))])
        let e3 = s.update(.action(.cycleImportance))
        #expect(e3 == [.updateTask(taskId: "T1", TaskUpdate(importance: .normal), token: try #require(token(e3)))])
        #expect(s.list.tasks.first { $0.id == "T1" }?.importance == .normal)
    }

    /// Opens T2 in the detail pane with one dependency (T1 → T2).
    func detailState() -> AppState {
        var s = loadedState()
        select(&s, "T2")
        _ = s.update(.open)
        let t2 = Fixture.tasks[1]
        _ = s.handle(.detailTask(taskId: "T2", .success(t2)))
        _ = s.handle(.comments(taskId: "T2", .success([WrikeAPI.Comment(id: "C0", authorId: "U2", text: "old", taskId: "T2")])))
        _ = s.handle(.taskDependencies(taskId: "T2", .success([Dependency(id: "D1", predecessorId: "T1", successorId: "T2",
                                                                          relationType: .finishToStart)])))
        return s
    }

    @Test func inlineCommentFailedSendKeepsTextAndRetriesOnce() throws {
        var s = detailState()
        _ = s.update(.action(.comment))
        #expect(s.actions.composer != nil && s.focus == .detail)
        _ = s.update(.action(.editor(.insert("Looks good"))))
        let send = s.update(.action(.editor(.send)))
        guard case .sendSteps(let draft, let steps)? = send.first else { Issue.record("\(send)"); return }
        #expect(steps == [.saveDraft(.sending), .post])          // saved before it leaves
        #expect(draft.state == .sending && draft.text == "Looks good" && draft.taskId == "T2" && draft.kind == .comment)
        // Wrike refuses (503): not applied, the text stays, the draft is kept as failed.
        let failed = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("Wrike had a server error", status: 503))))
        guard case .sendSteps(let d2, let st2)? = failed.first else { Issue.record("\(failed)"); return }
        #expect(st2 == [.saveDraft(.failed)] && d2.state == .failed)
        #expect(s.actions.composer?.editor.text == "Looks good")
        #expect(s.status.lastError?.isEmpty == false)
        // Retry: one new send.
        let retry = s.update(.action(.retrySend))
        guard case .sendSteps(_, let st3)? = retry.first else { Issue.record("\(retry)"); return }
        #expect(st3 == [.saveDraft(.sending), .post])
        let ok = s.handle(.posted(draftId: draft.id, .success(.comment(WrikeAPI.Comment(id: "C9", authorId: "ME", text: "Looks good", taskId: "T2")))))
        guard case .sendSteps(_, let st4)? = ok.first else { Issue.record("\(ok)"); return }
        #expect(st4 == [.deleteDraft])
        #expect(s.actions.composer == nil)
        #expect(s.detail.comments.map(\.id) == ["C0", "C9"])
    }

    @Test func unknownOutcomeRereadsAndNeverResends() throws {
        var s = detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Ship it"))))
        guard case .sendSteps(let draft, _)? = s.update(.action(.editor(.send))).first else { Issue.record("no send"); return }
        let lost = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        guard case .sendSteps(_, let steps)? = lost.first else { Issue.record("\(lost)"); return }
        #expect(steps.first == .saveDraft(.unknownOutcome))
        #expect(steps.contains { if case .reread = $0 { true } else { false } })
        #expect(!steps.contains(.post))
        // The send key does not resend while the outcome is unknown.
        let again = s.update(.action(.editor(.send)))
        #expect(again.allSatisfy { if case .sendSteps(_, let st) = $0 { !st.contains(.post) } else { true } })
        // The re-read finds it: confirmed, the draft deleted.
        let created = WrikeDate.formatTimestamp(testNow)
        let found = s.handle(.reread(draftId: draft.id, .success(.comments([
            WrikeAPI.Comment(id: "C0", authorId: "U2", text: "old", taskId: "T2"),
            WrikeAPI.Comment(id: "C7", authorId: "ME", text: "<p>Ship it</p>", createdDate: created, taskId: "T2"),
        ]))))
        guard case .sendSteps(_, let st2)? = found.first else { Issue.record("\(found)"); return }
        #expect(st2 == [.deleteDraft])
        #expect(s.actions.composer == nil)
    }

    /// Issue 20 item 3: a check before "me" is known proves nothing; it is made again by itself once
    /// "me" arrives (no key needed), and then finds the comment.
    @Test func aRereadBeforeMyUserIsKnownWaitsAndChecksWhenMeArrives() throws {
        var s = detailState()
        s.catalog.directory.meId = nil   // the names (and so "me") load after the first frame and may not be there yet
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Ship it"))))
        guard case .sendSteps(let draft, _)? = s.update(.action(.editor(.send))).first else { Issue.record("no send"); return }
        _ = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        // The comment is there, but it cannot be proved mine yet: neither "not sent" nor an error.
        let created = WrikeDate.formatTimestamp(testNow)
        let mine = [WrikeAPI.Comment(id: "C7", authorId: "ME", text: "<p>Ship it</p>", createdDate: created, taskId: "T2")]
        let reread = s.handle(.reread(draftId: draft.id, .success(.comments(mine))))
        #expect(reread.isEmpty, "\(reread)")
        #expect(s.actions.composer?.send.tracker.canSend == false)
        #expect(s.status.lastError == nil, "\(s.status.lastError ?? "")")
        #expect(s.detail.comments.map(\.id) == ["C7"])
        // Ticks do not check while "me" is unknown.
        #expect(s.update(.tick(testNow.addingTimeInterval(1))).isEmpty)
        // "Me" arrives: the check starts by itself.
        let known = s.handle(.directory(.success(Fixture.bootstrap)))
        guard let check = known.first(where: { if case .sendSteps = $0 { true } else { false } }),
              case .sendSteps(_, let st) = check else { Issue.record("no check when me arrived: \(known)"); return }
        #expect(st.count == 1 && { if case .reread = st[0] { true } else { false } }())
        let found = s.handle(.reread(draftId: draft.id, .success(.comments(mine))))
        guard case .sendSteps(_, let st2)? = found.first else { Issue.record("\(found)"); return }
        #expect(st2 == [.deleteDraft])
        #expect(s.actions.composer == nil)
        #expect(s.status.message == "Comment sent.")
    }

    @Test func removeDependencyAsksFirst() throws {
        var s = detailState()
        s.focus = .detail
        _ = s.update(.action(.selectDependency(1)))
        #expect(s.selectedDependency?.id == "D1")
        _ = s.update(.action(.removeDependency))
        guard case .confirm(let m, let purpose)? = s.modal else { Issue.record("no confirmation"); return }
        #expect(m.choice == .no)
        #expect(purpose == .removeDependency(id: "D1", taskId: "T2"))
        #expect(s.update(.action(.confirm(.no))).isEmpty)
        #expect(s.modal == nil)
        _ = s.update(.action(.removeDependency))
        #expect(s.update(.action(.confirm(.yes))) == [.deleteDependency(id: "D1", taskId: "T2")])
        let reload = s.handle(.dependencyWrite(taskId: "T2", .success("Dependency removed.")))
        #expect(reload == [.loadDetail(taskId: "T2", context: s.detailContext(for: "T2"))])
    }

    @Test func enterOnADependencyJumpsAndBackReturns() {
        var s = detailState()
        s.focus = .detail
        _ = s.update(.action(.selectDependency(1)))
        let jump = s.update(.open)
        #expect(jump == [.loadDetail(taskId: "T1", context: s.detailContext(for: "T1"))])
        #expect(s.detail.taskId == "T1")
        #expect(s.actions.jumpStack == ["T2"])
        let back = s.update(.action(.jumpBack))
        #expect(back == [.loadDetail(taskId: "T2", context: s.detailContext(for: "T2"))])
        #expect(s.detail.taskId == "T2")
    }

    @Test func addDependencyFromTheFinder() throws {
        var s = detailState()
        s.focus = .detail
        _ = s.update(.action(.addDependency))
        guard case .dependency? = s.modal else { Issue.record("no finder"); return }
        #expect(s.update(.action(.picker(.type("Shi")))).isEmpty)
        #expect(s.update(.action(.picker(.type("p")))).isEmpty)     // debounced: nothing yet
        #expect(s.update(.tick(testNow.addingTimeInterval(0.5))) == [.searchTasks(query: "Ship")])   // the newest query, once
        #expect(s.update(.tick(testNow.addingTimeInterval(1))).isEmpty)
        _ = s.update(.action(.picker(.accept)))   // T3
        _ = s.update(.action(.picker(.accept)))   // predecessor
        let add = s.update(.action(.picker(.accept)))   // FinishToStart
        #expect(add == [.addDependency(taskId: "T2", DependencyCreate(predecessorId: "T3", successorId: nil, relationType: .finishToStart))])
    }

    @Test func draftsFromACrashAreOfferedAndAnInterruptedSendIsCheckedFirst() {
        var s = detailState()
        let d = Draft(id: "d1", kind: .comment, profile: "default", taskId: "T2", taskTitle: "Review", text: "half sent",
                      created: testNow, sendStartedAt: testNow, attempts: 1, state: .sending)
        func rereads(_ effects: [Effect]) -> Int {
            effects.filter { if case .sendSteps(_, let st) = $0 { st.contains { if case .reread = $0 { true } else { false } } } else { false } }.count
        }
        func posts(_ effects: [Effect]) -> Int {
            effects.filter { if case .sendSteps(_, let st) = $0 { st.contains(.post) } else { false } }.count
        }
        // "Me" is known: the interrupted send is checked at once, before any key.
        let offered = s.update(.action(.offerDrafts([d], problems: [])))
        guard case .drafts? = s.modal else { Issue.record("drafts not offered"); return }
        #expect(rereads(offered) == 1)
        let effects = s.update(.action(.picker(.accept)))
        #expect(s.actions.composer?.editor.text == "half sent")
        #expect(s.actions.composer?.send.tracker.phase == .resolving(startedAt: testNow))
        #expect(rereads(effects) == 0)   // the check already under way is followed, not repeated
        #expect(posts(offered) + posts(effects) == 0)
        // Its answer reaches the editor that now holds it.
        let gone = s.handle(.reread(draftId: "d1", .success(.comments([
            WrikeAPI.Comment(id: "C8", authorId: "ME", text: "half sent", createdDate: WrikeDate.formatTimestamp(testNow), taskId: "T2"),
        ]))))
        #expect(gone.contains { if case .sendSteps(_, [.deleteDraft]) = $0 { true } else { false } })
        #expect(s.actions.composer == nil)
    }

    @Test func timeLogFormSendsAndUpdatesMyTimeToday() throws {
        var s = detailState()
        s.focus = .detail
        let open = s.update(.action(.logTime))
        #expect(open == [.loadTimelogCategories])
        _ = s.handle(.timelogCategories(.success([])))
        for c in "1h30m" { _ = s.update(.action(.form(.insert(String(c))))) }
        let sent = s.update(.action(.form(.submit)))
        guard case .sendSteps(let draft, let steps)? = sent.first else { Issue.record("\(sent)"); return }
        #expect(steps == [.saveDraft(.sending), .post])
        #expect(draft.kind == .timelog && draft.timelog?.hours == 1.5 && draft.timelog?.trackedDate == "2024-06-15")
        let log = Timelog(id: "L1", taskId: "T2", userId: "ME", hours: 1.5, createdDate: WrikeDate.formatTimestamp(testNow),
                          trackedDate: "2024-06-15", comment: "")
        _ = s.handle(.myTime(date: "2024-06-15", .success([])))
        let done = s.handle(.posted(draftId: draft.id, .success(.timelog(log))))
        guard case .sendSteps(_, let st)? = done.first else { Issue.record("\(done)"); return }
        #expect(st == [.deleteDraft])
        #expect(s.modal == nil)
        #expect(s.detail.timelogs.map(\.id) == ["L1"])
        #expect(s.actions.myTimeToday == 1.5)
    }
}

/// The effect runner saves the draft before the POST leaves.
@Suite struct ActionRunnerTests {
    final class Writer: WrikeService, WrikeWriter, @unchecked Sendable {
        let dir: String
        var sawDraftOnDisk = false
        var posts = 0
        /// Task updates are refused unless this is set (then recorded and answered).
        var acceptsUpdates = false
        var updates: [TaskUpdate] = []
        init(dir: String) { self.dir = dir }
        func bootstrap() async throws -> Bootstrap { Bootstrap() }
        func folderTree(spaceId: String) async throws -> [FolderTreeEntry] { [] }
        func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage { TaskPage(tasks: []) }
        func tasks(ids: [String]) async throws -> [WrikeTask] { [] }
        func dependencies(ids: [String]) async throws -> [Dependency] { [] }
        func comments(taskId: String) async throws -> [WrikeAPI.Comment] { [] }
        func approvals(taskId: String) async throws -> [Approval] { [] }
        func dependencies(taskId: String) async throws -> [Dependency] { [] }
        func attachments(taskId: String) async throws -> [WrikeAPI.Attachment] { [] }
        func timelogs(taskId: String) async throws -> [Timelog] { [] }
        func statusLine() -> String? { nil }
        func invalidate() async {}
        func updateTask(_ id: String, _ update: TaskUpdate) async throws -> WrikeTask {
            guard acceptsUpdates else { throw WriteFailure("no") }
            updates.append(update)
            sawDraftOnDisk = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".json") }
            return WrikeTask(id: id, title: update.title ?? "")
        }
        func freshTask(_ id: String) async throws -> WrikeTask? { WrikeTask(id: id, title: "read") }
        func updateTasks(ids: [String], _ update: BulkTaskUpdate) async throws -> [WrikeTask] { [] }
        func addComment(taskId: String, text: String) async throws -> WrikeAPI.Comment {
            posts += 1
            sawDraftOnDisk = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".json") }
            return WrikeAPI.Comment(id: "C1", authorId: "ME", text: text, taskId: taskId)
        }
        func logTime(taskId: String, _ params: TimelogCreate) async throws -> Timelog { throw WriteFailure("no") }
        func addDependency(taskId: String, _ params: DependencyCreate) async throws -> Dependency { throw WriteFailure("no") }
        func updateDependency(_ id: String, _ params: DependencyUpdate) async throws -> Dependency { throw WriteFailure("no") }
        func deleteDependency(_ id: String) async throws {}
        func createApproval(taskId: String, _ params: ApprovalCreate) async throws -> Approval { throw WriteFailure("no") }
        func cancelApproval(_ id: String) async throws -> Approval { throw WriteFailure("no") }
        func timelogCategories() async throws -> [TimelogCategory] { [] }
        func searchTasks(title: String) async throws -> [WrikeTask] { [] }
        func myPendingApprovals(meId: String) async throws -> [Approval] { [] }
        func myTimelogs(meId: String, date: String) async throws -> [Timelog] { [] }
        func freshComments(taskId: String) async throws -> [WrikeAPI.Comment] { [] }
        func freshTimelogs(taskId: String) async throws -> [Timelog] { [] }
    }

    @Test func draftIsOnDiskBeforeThePostAndGoneAfter() async throws {
        let dir = NSTemporaryDirectory() + "wtui-runner-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DraftStore(directory: dir)
        let writer = Writer(dir: dir)
        let box = EventBox()
        let draft = Draft(id: "r1", kind: .comment, profile: "default", taskId: "T1", taskTitle: "t", text: "hello",
                          created: testNow, state: .sending)
        await EffectRunner.runSteps(draft: draft, steps: [.saveDraft(.sending), .post], service: writer, drafts: store,
                                    post: { box.post($0) })
        #expect(writer.sawDraftOnDisk)
        #expect(writer.posts == 1)
        let events = box.take()
        guard case .posted(let id, .success(let entity))? = events.first else { Issue.record("\(events)"); return }
        #expect(id == "r1" && entity.id == "C1")
        await EffectRunner.runSteps(draft: draft, steps: [.deleteDraft], service: writer, drafts: store, post: { box.post($0) })
        #expect(store.list().drafts.isEmpty)
    }

    @Test func aDraftThatCannotBeSavedIsNotSent() async throws {
        let writer = Writer(dir: "/nonexistent")
        let box = EventBox()
        let store = DraftStore(directory: "/proc/wtui-cannot-write-here")
        let draft = Draft(id: "r2", kind: .comment, profile: "default", taskId: "T1", taskTitle: "t", text: "hello",
                          created: testNow, state: .sending)
        await EffectRunner.runSteps(draft: draft, steps: [.saveDraft(.sending), .post], service: writer, drafts: store,
                                    post: { box.post($0) })
        #expect(writer.posts == 0)
        let events = box.take()
        guard case .draftSaveFailed(let id, _)? = events.first else { Issue.record("\(events)"); return }
        #expect(id == "r2")
    }
}

@Suite struct CommentEditWindowTests {
    func state(commentAge: TimeInterval) -> AppState {
        var s = loadedState()
        s.focus = .list
        if let i = s.list.rows.firstIndex(where: { s.list.tasks[Int($0.task)].id == "T2" }) { s.list.cursor = i }
        _ = s.update(.open)
        _ = s.handle(.detailTask(taskId: "T2", .success(Fixture.tasks[1])))
        let created = WrikeDate.formatTimestamp(testNow.addingTimeInterval(-commentAge))
        _ = s.handle(.comments(taskId: "T2", .success([WrikeAPI.Comment(id: "C5", authorId: "ME", text: "<p>mine</p>",
                                                                         createdDate: created, taskId: "T2")])))
        return s
    }

    @Test func editMyCommentWithinFiveMinutes() {
        var s = state(commentAge: 120)
        _ = s.update(.action(.editMyComment))
        #expect(s.actions.composer?.editingCommentId == "C5")
        #expect(s.actions.composer?.editor.text == "mine")
        _ = s.update(.action(.editor(.insert("!"))))
        _ = s.update(.action(.editor(.documentEnd)))
        let e = s.update(.action(.editor(.send)))
        #expect(e.count == 1)
        guard case .updateComment(let id, let task, _)? = e.first else { Issue.record("\(e)"); return }
        #expect(id == "C5" && task == "T2")
        #expect(s.update(.action(.editor(.send))).isEmpty)    // not twice while saving
        let reload = s.handle(.commentWrite(taskId: "T2", .success("Comment updated.")))
        #expect(s.actions.composer == nil && reload == [.loadDetail(taskId: "T2", context: s.detailContext(for: "T2"))])
    }

    @Test func olderCommentsCannotBeChangedAndDeleteAsksFirst() {
        var old = state(commentAge: 600)
        #expect(old.update(.action(.editMyComment)).isEmpty)
        #expect(old.actions.composer == nil)
        #expect(old.status.message?.contains("5 minutes") == true)
        var s = state(commentAge: 30)
        _ = s.update(.action(.deleteMyComment))
        guard case .confirm(_, let purpose)? = s.modal else { Issue.record("no confirmation"); return }
        #expect(purpose == .deleteComment(id: "C5", taskId: "T2"))
        #expect(s.update(.action(.confirm(.accept))).isEmpty)   // Enter starts on No
        _ = s.update(.action(.deleteMyComment))
        #expect(s.update(.action(.confirm(.yes))) == [.deleteComment(id: "C5", taskId: "T2")])
    }
}
