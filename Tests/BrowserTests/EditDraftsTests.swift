// Never lose the user's words, for the inputs that were not drafts: a new title (F2), a custom field's
// value typed in words, an approval request's description. Each is on disk while typed, kept on quit and
// when Wrike refuses it, deleted once confirmed, and a lost answer is resolved by reading, never re-sent.
import Foundation
import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

@Suite struct EditDraftsTests {
    func typed(_ s: inout AppState, _ text: String) {
        for ch in text { _ = s.update(.taskEdit(.input(.type(String(ch))))) }
    }
    func tick(_ s: inout AppState, _ seconds: Double) -> [Effect] { s.update(.tick(testNow.addingTimeInterval(seconds))) }
    /// Drafts saved without a send (`.saveDraft` without `.post`).
    func saved(_ effects: [Effect]) -> [Draft] {
        effects.compactMap { e in
            if case .sendSteps(let d, let st) = e, st.contains(where: { if case .saveDraft = $0 { true } else { false } }),
               !st.contains(.post) { return d }
            return nil
        }
    }
    func steps(_ effects: [Effect]) -> (Draft, [SendEffect])? {
        for e in effects { if case .sendSteps(let d, let st) = e { return (d, st) } }
        return nil
    }
    func deletes(_ effects: [Effect]) -> Bool {
        effects.contains { if case .sendSteps(_, [.deleteDraft]) = $0 { true } else { false } }
    }
    func kept(_ s: inout AppState) -> [Draft] {
        let effects = s.update(.quit)
        guard case .keepDrafts(let d)? = effects.first else { return [] }
        return d
    }
    func renaming(_ text: String) -> AppState {
        var s = loadedState()
        s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
        s.focus = .list
        _ = s.update(.taskEdit(.editTitle))
        _ = s.update(.taskEdit(.input(.clear)))
        typed(&s, text)
        return s
    }

    // MARK: - A new title
    // The tests of typing, quitting and Esc use only what the code had before (kinds by their raw
    // value), so they are seen failing on it.

    @Test func aTypedTitleIsOnDiskWithinSecondsAndKeptOnQuit() throws {
        var s = loadedState()
        s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
        s.focus = .list
        _ = s.update(.taskEdit(.editTitle))
        #expect(saved(tick(&s, 2)).isEmpty, "the title as it is is no draft")
        _ = s.update(.taskEdit(.input(.deleteWord)))
        typed(&s, "plan")
        #expect(saved(tick(&s, 2.5)).isEmpty, "saved before typing paused")
        let d = try #require(saved(tick(&s, 3.5)).first, "not saved a second after the last key")
        #expect(d.kind.rawValue == "title" && d.text == "Write the plan" && d.taskId == "T1" && d.state == .editing)
        #expect(s.features.taskEdit.input?.draft?.id == d.id)
        // Typed back to the title the task has: the file goes.
        _ = s.update(.taskEdit(.input(.deleteWord)))
        typed(&s, "spec")
        #expect(deletes(tick(&s, 5)))
        _ = s.update(.taskEdit(.input(.deleteWord)))
        typed(&s, "draft")
        let quit = kept(&s)
        #expect(quit.map(\.text) == ["Write the draft"] && quit.first?.kind.rawValue == "title")
        #expect(s.exitNote(kept: quit)?.contains("new title on “Write the spec” is kept as a draft") == true)
    }

    @Test func aTitleIsSentFromItsDraftAndTheConfirmationDeletesIt() throws {
        var s = renaming("Write the plan")
        let (d, st) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        #expect(st == [.saveDraft(.sending), .post] && d.kind == .title && d.text == "Write the plan")
        #expect(TaskEditDrafts.update(d) == TaskUpdate(title: "Write the plan"))
        #expect(s.task("T1")?.title == "Write the plan", "shown at once")
        var answered = Fixture.tasks[0]
        answered.title = "Write the plan"
        let done = s.handle(.posted(draftId: d.id, .success(.changedTask(answered))))
        #expect(deletes(done) && s.actions.detachedSends.isEmpty)
        #expect(s.status.message == "Renamed to “Write the plan”.")
        guard case .updateTask("T1", let undo, _)? = s.update(.taskEdit(.undo)).first else { Issue.record("no undo"); return }
        #expect(undo == TaskUpdate(title: "Write the spec"))
    }

    @Test func aRefusedTitleIsRolledBackKeptAndBackInTheInput() throws {
        var s = renaming("Write the plan")
        let (d, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        let refused = s.handle(.posted(draftId: d.id, .failure(WriteFailure("Parameter 'title' value is invalid", status: 400,
                                                                            code: "invalid_parameter"))))
        #expect(steps(refused)?.1 == [.saveDraft(.failed)], "kept on disk as failed")
        #expect(s.task("T1")?.title == "Write the spec", "rolled back")
        #expect(s.status.lastError?.contains("“Write the plan” was not saved: Wrike refused the title") == true, "\(s.status.lastError ?? "")")
        #expect(s.features.taskEdit.input?.text == "Write the plan" && s.features.taskEdit.input?.draft?.id == d.id)
        let (again, st) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        #expect(again.id == d.id && again.attempts == 2 && st == [.saveDraft(.sending), .post])
    }

    @Test func aLostTitleIsResolvedByReadingTheTaskBackNeverSentAgain() throws {
        var s = renaming("Write the plan")
        let (d, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        let lost = s.handle(.posted(draftId: d.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        let (_, st) = try #require(steps(lost))
        #expect(st.contains(.saveDraft(.unknownOutcome)) && st.contains { if case .reread = $0 { true } else { false } })
        #expect(!st.contains(.post))
        var read = Fixture.tasks[0]
        read.title = "Write  the plan"
        #expect(deletes(s.handle(.reread(draftId: d.id, .success(.task(read))))), "the task has the new title: it landed")
        #expect(s.actions.detachedSends.isEmpty && s.status.message == "Renamed to “Write the plan”.")

        // Another one the read does not find: "may still arrive" until its deadline has settled, then kept.
        var t = renaming("Write the memo")
        let (d2, _) = try #require(steps(t.update(.taskEdit(.input(.submit)))))
        _ = t.handle(.posted(draftId: d2.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        #expect(t.handle(.reread(draftId: d2.id, .success(.task(Fixture.tasks[0])))).isEmpty)
        #expect(t.status.message?.contains("may still arrive") == true, "\(t.status.message ?? "")")
        let check = tick(&t, SendTracker.requestWindow + SendTracker.settleMargin + 1)
        #expect(check.contains { e in
            if case .sendSteps(_, let st) = e { st.contains { if case .reread = $0 { true } else { false } } } else { false }
        }, "looked at again by itself: \(check)")
        _ = t.handle(.reread(draftId: d2.id, .success(.task(Fixture.tasks[0]))))
        #expect(t.status.lastError?.contains("did not reach Wrike") == true, "\(t.status.lastError ?? "")")
        #expect(t.actions.savedDrafts.map(\.id) == [d2.id], "kept as a draft")
    }

    @Test func aTitleDraftFromTheLastRunIsOfferedAndReopensInTheInput() throws {
        var s = loadedState()
        let d = Draft(id: "dtitle", kind: .title, profile: "default", taskId: "T1", taskTitle: "Write the spec",
                      text: "Write the plan", created: testNow)
        _ = s.update(.action(.offerDrafts([d], problems: [])))
        guard case .drafts(let p)? = s.modal else { Issue.record("not offered"); return }
        #expect(p.current?.id == "dtitle")
        _ = s.update(.action(.picker(.accept)))
        let input = try #require(s.features.taskEdit.input)
        #expect(input.purpose == .rename(taskId: "T1") && input.text == "Write the plan" && input.draft?.id == "dtitle")
        // Esc keeps it; F2 on its task opens it again.
        let esc = s.update(.taskEdit(.input(.cancel)))
        #expect(saved(esc).map(\.id) == ["dtitle"] && s.status.message?.contains("stays as a draft") == true)
        s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
        s.focus = .list
        _ = s.update(.taskEdit(.editTitle))
        #expect(s.features.taskEdit.input?.text == "Write the plan" && s.features.taskEdit.input?.draft?.id == "dtitle")
    }

    @Test func aTitleWhoseSendWasInterruptedIsCheckedByReadingAtStart() throws {
        var s = loadedState()
        let d = Draft(id: "dsent", kind: .title, profile: "default", taskId: "T1", taskTitle: "Write the spec",
                      text: "Write the plan", created: testNow, sendStartedAt: testNow.addingTimeInterval(-120), attempts: 1,
                      state: .sending)
        let start = s.update(.action(.offerDrafts([d], problems: [])))
        let (_, st) = try #require(steps(start))
        #expect(st.count == 1 && { if case .reread = st[0] { true } else { false } }(), "read, never sent again: \(st)")
        #expect(s.handle(.reread(draftId: "dsent", .success(.task(Fixture.tasks[0])))).contains { e in
            if case .sendSteps(_, [.saveDraft(.failed)]) = e { true } else { false }
        }, "not there after its deadline: it did not arrive, kept as failed")
    }

    // MARK: - A field's value typed in words

    func fieldTyped(_ text: String) -> AppState {
        var s = FieldFixture.opened()
        _ = s.update(.taskEdit(.editField))
        guard case .editPicker(var p)? = s.modal else { return s }
        p.input(.type("budget"))
        s.modal = .editPicker(p)
        _ = s.update(.action(.picker(.accept)))
        typed(&s, text)
        return s
    }

    @Test func aTypedFieldValueIsOnDiskAndKeptOnQuitAndEsc() throws {
        var s = fieldTyped("1,200.50")
        let d = try #require(saved(tick(&s, 2)).first, "the typed value is not saved")
        #expect(d.kind.rawValue == "field" && d.text == "1,200.50" && d.taskId == "T1")
        #expect(kept(&s).map(\.id) == [d.id], "kept on quit")
        #expect(saved(s.update(.taskEdit(.input(.cancel)))).map(\.id) == [d.id], "kept on Esc")
    }

    @Test func aFieldValueIsADraftKeptWhenRefusedAndResolvedByReading() throws {
        var s = fieldTyped("1,200.50")
        let d0 = try #require(saved(tick(&s, 2)).first, "the typed value is not saved")
        #expect(d0.field?.fieldId == "CF_CUR" && d0.field?.fieldTitle == "Budget")
        let (d, st) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        #expect(d.id == d0.id && st == [.saveDraft(.sending), .post] && d.field?.value == "1200.5")
        #expect(TaskEditDrafts.update(d) == TaskUpdate(customFields: [CustomFieldUpdate(id: "CF_CUR", value: "1200.5")]))
        _ = s.handle(.posted(draftId: d.id, .failure(WriteFailure("Parameter 'customFields' value is invalid", status: 400,
                                                                  code: "invalid_parameter"))))
        #expect(s.detail.task?.customFields == [CustomFieldValue(id: "CF_DROP", value: "Low")], "rolled back")
        #expect(s.status.lastError?.hasPrefix("The value of “Budget” was not saved: Wrike refused the change") == true,
                "\(s.status.lastError ?? "")")
        #expect(s.features.taskEdit.input?.text == "1,200.50", "the words are back in the input")
        // Sent again; the answer is lost; the task read back has the value: it landed.
        let (again, _) = try #require(steps(s.update(.taskEdit(.input(.submit)))))
        _ = s.handle(.posted(draftId: again.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        var read = try #require(s.detail.task)
        read.customFields = [CustomFieldValue(id: "CF_DROP", value: "Low"), CustomFieldValue(id: "CF_CUR", value: "1200.5")]
        #expect(deletes(s.handle(.reread(draftId: again.id, .success(.task(read))))))
        #expect(s.status.message?.contains("Budget") == true && s.actions.detachedSends.isEmpty)
    }

    @Test func aFieldDraftReopensInItsInputOnItsTask() throws {
        var s = FieldFixture.opened()
        let d = Draft(id: "dfield", kind: .field, profile: "default", taskId: "T1", taskTitle: "Write the spec",
                      text: "300", created: testNow)
        var fd = d
        fd.field = Draft.FieldFields(fieldId: "CF_CUR", fieldTitle: "Budget")
        _ = s.update(.action(.offerDrafts([fd], problems: [])))
        _ = s.update(.action(.picker(.accept)))
        let input = try #require(s.features.taskEdit.input)
        #expect(input.purpose == .fieldValue(taskId: "T1", fieldId: "CF_CUR", title: "Budget", hint: "an amount in EUR"))
        #expect(input.text == "300" && input.draft?.id == "dfield")
    }

    // MARK: - An approval request's description

    func approvalTyped(_ text: String) -> AppState {
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.requestApproval))
        _ = s.update(.action(.form(.down)))
        _ = s.update(.action(.form(.toggle)))            // 佐藤 or José: the second person by name
        _ = s.update(.action(.form(.nextField)))
        _ = s.update(.action(.form(.nextField)))
        _ = s.update(.action(.form(.insert(text))))
        return s
    }

    @Test func anApprovalDescriptionIsOnDiskAndEscKeepsIt() throws {
        var s = approvalTyped("Please check v2")
        let d = try #require(saved(tick(&s, 2)).first, "the description is not saved")
        #expect(d.kind.rawValue == "approval" && d.text == "Please check v2" && d.taskId == "T2")
        #expect(kept(&s).map(\.id) == [d.id], "kept on quit")
        let esc = s.update(.action(.form(.cancel(confirmed: false))))
        #expect(saved(esc).map(\.text) == ["Please check v2"] && s.modal == nil)
        #expect(s.status.message?.contains("stays as a draft") == true)
    }

    @Test func anApprovalDraftReopensWithItsApproversAndDescription() throws {
        var s = approvalTyped("Please check v2")
        let d = try #require(saved(tick(&s, 2)).first, "the description is not saved")
        #expect(d.approval?.approverIds.count == 1)
        _ = s.update(.action(.form(.cancel(confirmed: false))))
        // The approval key on the task reopens it with its approver and description.
        _ = s.update(.action(.requestApproval))
        guard case .approval(let form, "T2")? = s.modal else { Issue.record("not reopened: \(String(describing: s.modal))"); return }
        #expect(form.description.text == "Please check v2" && form.chosen.map(\.id) == d.approval?.approverIds && form.draft?.id == d.id)
    }

    @Test func anApprovalDraftWaitsForThePeopleBeforeItReopens() throws {
        var s = ActionIntentTests().detailState()
        s.catalog.directory.contactsLoaded = false
        var d = Draft(id: "dappr", kind: .approval, profile: "default", taskId: "T2", taskTitle: "Review", text: "Check it",
                      created: testNow)
        d.approval = Draft.ApprovalFields(approverIds: ["U3"])
        _ = s.update(.action(.offerDrafts([d], problems: [])))
        _ = s.update(.action(.picker(.accept)))
        #expect(s.modal == nil && s.status.lastError?.contains("Still loading people") == true)
        #expect(s.actions.savedDrafts.map(\.id) == ["dappr"], "still offered")
        s.catalog.directory.contactsLoaded = true
        _ = s.update(.action(.requestApproval))
        guard case .approval(let form, "T2")? = s.modal else { Issue.record("not reopened"); return }
        #expect(form.chosen.map(\.id) == ["U3"] && form.description.text == "Check it")
    }

    @Test func anApprovalIsSentFromItsDraftKeptWhenRefusedAndFoundByReading() throws {
        var s = approvalTyped("Please check v2")
        let (d, st) = try #require(steps(s.update(.action(.form(.submit)))))
        #expect(st == [.saveDraft(.sending), .post] && d.kind == .approval && s.modal == nil)
        let params = try #require(TaskEditDrafts.approvalParams(d))
        #expect(params.description == "Please check v2" && params.approvers == d.approval?.approverIds)
        _ = s.handle(.posted(draftId: d.id, .failure(WriteFailure("Parameter 'approvers' value is invalid", status: 400,
                                                                  code: "invalid_parameter"))))
        #expect(s.status.lastError?.contains("The approval request was not saved: Wrike refused an approver") == true,
                "\(s.status.lastError ?? "")")
        guard case .approval(let form, "T2")? = s.modal else { Issue.record("the form did not come back"); return }
        #expect(form.description.text == "Please check v2" && form.draft?.id == d.id)
        // Sent again, the answer lost: a read of the task's approvals finds it (mine, same text and approvers).
        let (again, _) = try #require(steps(s.update(.action(.form(.submit)))))
        let lost = s.handle(.posted(draftId: again.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        #expect(!(steps(lost)?.1.contains(.post) ?? true))
        let stamp = WrikeDate.formatTimestamp(testNow)
        let decisions = (again.approval?.approverIds ?? []).map { ApprovalDecision(approverId: $0) }
        let other = Approval(id: "AP0", taskId: "T2", authorId: "U2", description: "Please check v2", updatedDate: stamp, decisions: decisions)
        let mine = Approval(id: "AP1", taskId: "T2", authorId: "ME", description: "Please  check v2", updatedDate: stamp, decisions: decisions)
        #expect(TaskEditDrafts.findApproval(in: [other], draft: again, me: "ME", sentAt: testNow) == nil)
        #expect(deletes(s.handle(.reread(draftId: again.id, .success(.approvals([other, mine]))))))
        #expect(s.status.message == "Approval requested." && s.detail.approvals.map(\.id) == ["AP0", "AP1"])
    }

    // MARK: - The runner

    @Test func theRunnerSendsATitleAsAPutAndReadsTheTaskBack() async throws {
        let dir = NSTemporaryDirectory() + "wtui-editdrafts-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DraftStore(directory: dir)
        let writer = ActionRunnerTests.Writer(dir: dir)
        writer.acceptsUpdates = true
        let box = EventBox()
        let d = Draft(id: "rt1", kind: .title, profile: "default", taskId: "T1", taskTitle: "t", text: "New name",
                      created: testNow, state: .sending)
        await EffectRunner.runSteps(draft: d, steps: [.saveDraft(.sending), .post, .reread(since: testNow)], service: writer,
                                    drafts: store, post: { box.post($0) })
        #expect(writer.updates == [TaskUpdate(title: "New name")] && writer.sawDraftOnDisk)
        let events = box.take()
        guard case .posted("rt1", .success(.changedTask(let t)))? = events.first else { Issue.record("\(events)"); return }
        #expect(t.title == "New name")
        guard case .reread("rt1", .success(.task(let read)))? = events.last else { Issue.record("\(events)"); return }
        #expect(read?.id == "T1")
    }
}
