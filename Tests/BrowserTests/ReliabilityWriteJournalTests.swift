// The app's account of its writes (`write-outcome` log lines), sends whose editor was closed while in
// flight, and what is saved when a signal ends the app. See docs/reliability.md.
import Foundation
import Synchronization
import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

@Suite struct ReliabilityWriteJournalTests {
    final class Journal: Sendable {
        private let records = Mutex<[WriteRecord]>([])
        func add(_ r: WriteRecord) { records.withLock { $0.append(r) } }
        var all: [WriteRecord] { records.withLock { $0 } }
    }

    /// Runs a state's send effects through the runner until nothing follows; returns the last events' effects.
    func run(_ s: inout AppState, _ effects: [Effect], writer: any WrikeService, store: DraftStore, journal: Journal) async {
        var pending = effects
        while !pending.isEmpty {
            let e = pending.removeFirst()
            guard case .sendSteps(let draft, let steps) = e else { continue }
            let box = EventBox()
            await EffectRunner.runSteps(draft: draft, steps: steps, service: writer, drafts: store,
                                        journal: { journal.add($0) }, post: { box.post($0) })
            for ev in box.take() { pending += s.handle(ev) }
        }
    }

    func scratch() -> String { NSTemporaryDirectory() + "wtui-journal-\(UInt32.random(in: 0...UInt32.max))" }

    @Test func aConfirmedCommentIsJournalledWithTheIdWrikeGave() async throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DraftStore(directory: dir)
        let writer = ActionRunnerTests.Writer(dir: dir)
        let journal = Journal()
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Looks good"))))
        await run(&s, s.update(.action(.editor(.send))), writer: writer, store: store, journal: journal)
        let draftId = try #require(journal.all.first?.draftId)
        #expect(journal.all == [
            WriteRecord(kind: .comment, outcome: .sending, taskIds: ["T2"], draftId: draftId),
            WriteRecord(kind: .comment, outcome: .confirmed, entityId: "C1", taskIds: ["T2"], draftId: draftId),
        ])
        #expect(store.list().drafts.isEmpty)
        #expect(s.status.message == "Comment sent.")
    }

    @Test func aDiscardedFailedDraftIsJournalledAsDiscardedNotConfirmed() async throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DraftStore(directory: dir)
        let journal = Journal()
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Nope"))))
        guard case .sendSteps(let draft, _)? = s.update(.action(.editor(.send))).first else { Issue.record("no send"); return }
        try store.save(draft)
        let refused = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("Wrike had a server error", status: 503))))
        await run(&s, refused, writer: ActionRunnerTests.Writer(dir: dir), store: store, journal: journal)
        // Esc, then "yes, lose it".
        _ = s.update(.action(.editor(.cancel(confirmed: false))))
        await run(&s, s.update(.action(.confirm(.yes))), writer: ActionRunnerTests.Writer(dir: dir), store: store, journal: journal)
        #expect(journal.all.map(\.outcome) == [.failedKeptAsDraft, .discarded])
        #expect(journal.all.allSatisfy { $0.entityId == nil && $0.draftId == draft.id })
        #expect(store.list().drafts.isEmpty)
    }

    @Test func writesWithoutADraftAreJournalledToo() async {
        let journal = Journal()
        let writer = ActionRunnerTests.Writer(dir: "/nonexistent")
        await EffectRunner.performWrite(.updateTask(taskId: "T1", TaskUpdate(customStatus: "CS_DONE"), token: 1), service: writer,
                                        journal: { journal.add($0) }, post: { _ in })
        await EffectRunner.performWrite(.deleteDependency(id: "D1", taskId: "T2"), service: writer,
                                        journal: { journal.add($0) }, post: { _ in })
        #expect(journal.all == [
            WriteRecord(kind: .status, outcome: .failed, taskIds: ["T1"]),
            WriteRecord(kind: .dependencyDelete, outcome: .confirmed, entityId: "D1", taskIds: ["T2"]),
        ])
    }

    @Test func logLinesCarryIdsOnlyAndReadBack() {
        let r = WriteRecord(kind: .timelog, outcome: .unknownKeptAsDraft, entityId: nil, taskIds: ["T1", "T2"], draftId: "d1-2_x",
                            httpStatus: 504, draftSaved: false)
        #expect(r.logLine == "write-outcome kind=timelog outcome=unknown-kept-as-draft entity=- task=T1,T2 draft=d1-2_x http=504 draft-saved=no")
        #expect(WriteRecord.parse("2026-11-22T10:00:00Z [info] " + r.logLine) == r)
        #expect(WriteRecord.parse("2026-11-22T10:00:00Z [info] something else") == nil)
        // A hostile id from the server cannot forge fields or carry escapes into the log.
        let hostile = WriteRecord(kind: .comment, outcome: .confirmed, entityId: "C1 outcome=discarded\u{1B}]0;x\u{07}",
                                  taskIds: ["T 1"], draftId: "d")
        #expect(hostile.logLine == "write-outcome kind=comment outcome=confirmed entity=C1outcomediscarded0x task=T1 draft=d")
        for kind in WriteRecord.Kind.allCases {
            for outcome in WriteRecord.Outcome.allCases {
                let x = WriteRecord(kind: kind, outcome: outcome, entityId: "E", taskIds: ["T"], draftId: "D")
                #expect(WriteRecord.parse(x.logLine) == x)
            }
        }
    }
}

/// A send whose editor was closed (Esc) while in flight is still followed to its end.
@Suite struct DetachedSendTests {
    func sending(_ text: String) -> (AppState, Draft)? {
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert(text))))
        guard case .sendSteps(let draft, _)? = s.update(.action(.editor(.send))).first else { return nil }
        _ = s.update(.action(.editor(.cancel(confirmed: false))))
        return (s, draft)
    }

    @Test func confirmedAfterTheEditorClosedDeletesTheDraft() throws {
        guard case (var s, let draft)? = sending("Closed early") else { Issue.record("no send"); return }
        #expect(s.actions.composer == nil)
        #expect(s.actions.detachedSends[draft.id] != nil)
        let ok = s.handle(.posted(draftId: draft.id, .success(.comment(WrikeAPI.Comment(id: "C9", authorId: "ME", text: "Closed early",
                                                                                     taskId: "T2")))))
        guard case .sendSteps(let d, let steps)? = ok.first else { Issue.record("\(ok)"); return }
        #expect(steps == [.deleteDraft])
        #expect(d.entityId == "C9")
        #expect(s.status.message == "Comment sent.")
        #expect(s.actions.detachedSends.isEmpty)
        #expect(s.actions.composer == nil, "nothing reopens")
    }

    @Test func refusedAfterTheEditorClosedIsSavedAsFailed() throws {
        guard case (var s, let draft)? = sending("Closed early") else { Issue.record("no send"); return }
        let refused = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("busy", status: 429))))
        guard case .sendSteps(let d, let steps)? = refused.first else { Issue.record("\(refused)"); return }
        #expect(steps == [.saveDraft(.failed)])
        #expect(d.state == .failed && d.text == "Closed early")
        #expect(s.status.lastError?.hasPrefix("The comment stays as a draft") == true)
        #expect(s.actions.detachedSends.isEmpty)
    }

    @Test func aLostAnswerAfterTheEditorClosedIsResolvedByRereading() throws {
        guard case (var s, let draft)? = sending("Ship it") else { Issue.record("no send"); return }
        let lost = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("No answer", outcome: .unknown))))
        guard case .sendSteps(_, let steps)? = lost.first else { Issue.record("\(lost)"); return }
        #expect(steps.first == .saveDraft(.unknownOutcome) && !steps.contains(.post))
        let found = s.handle(.reread(draftId: draft.id, .success(.comments([
            WrikeAPI.Comment(id: "C7", authorId: "ME", text: "<p>Ship it</p>", createdDate: WrikeDate.formatTimestamp(testNow), taskId: "T2"),
        ]))))
        guard case .sendSteps(let d, let st2)? = found.first else { Issue.record("\(found)"); return }
        #expect(st2 == [.deleteDraft] && d.entityId == "C7")
        #expect(s.actions.detachedSends.isEmpty)
    }
}

/// What a signal (SIGHUP, SIGTERM) saves before the app exits.
@Suite struct ExitDraftTests {
    @Test func theEditorTextIsKeptAsAnEditingDraft() {
        var s = ActionIntentTests().detailState()
        #expect(s.draftsToKeepOnExit(now: testNow).isEmpty)
        _ = s.update(.action(.comment))
        #expect(s.draftsToKeepOnExit(now: testNow).isEmpty, "an empty editor is not a draft")
        _ = s.update(.action(.editor(.insert("Half a thought"))))
        let drafts = s.draftsToKeepOnExit(now: testNow.addingTimeInterval(5))
        #expect(drafts.count == 1)
        #expect(drafts.first?.text == "Half a thought" && drafts.first?.state == .editing && drafts.first?.taskId == "T2")
        #expect(drafts.first?.updated == testNow.addingTimeInterval(5))
    }

    @Test func aTimeEntryWithValidHoursIsKeptTooAndAnInvalidOneIsNot() {
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.logTime))
        for ch in "1h30m" { _ = s.update(.action(.form(.insert(String(ch))))) }
        let drafts = s.draftsToKeepOnExit(now: testNow)
        #expect(drafts.count == 1)
        #expect(drafts.first?.kind == .timelog && drafts.first?.timelog?.hours == 1.5 && drafts.first?.state == .editing)
        #expect(drafts.first?.timelog?.trackedDate == s.today)
        _ = s.update(.action(.form(.insert("x"))))  // "1h30mx": not a duration, nothing to save
        #expect(s.draftsToKeepOnExit(now: testNow).isEmpty)
    }

    @Test func aDraftInFlightIsLeftAsItIsOnDisk() {
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Sent"))))
        guard case .sendSteps(let draft, _)? = s.update(.action(.editor(.send))).first else { Issue.record("no send"); return }
        #expect(s.draftsToKeepOnExit(now: testNow).isEmpty, "sending: its file says so already")
        _ = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("busy", status: 503))))
        let failed = s.draftsToKeepOnExit(now: testNow)
        #expect(failed.map(\.state) == [.failed], "refused and not edited since: still failed")
        _ = s.update(.action(.editor(.insert("!"))))
        #expect(s.draftsToKeepOnExit(now: testNow).map(\.state) == [.editing])
        #expect(s.draftsToKeepOnExit(now: testNow).first?.text == "Sent!")
    }
}
