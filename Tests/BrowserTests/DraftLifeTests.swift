import Foundation
import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

/// Never lose the user's words (issue 12, item 1): text being typed is saved about a second after the
/// last change (time from ticks), quitting keeps it, and drafts on disk are reopened in the same session.
@Suite struct DraftLifeTests {
    func detail() -> AppState { ActionIntentTests().detailState() }

    /// The drafts an effect list saves (`.sendSteps` with `.saveDraft` and no POST).
    func saved(_ effects: [Effect]) -> [Draft] {
        effects.compactMap { e in
            if case .sendSteps(let d, let steps) = e, steps.contains(where: { if case .saveDraft = $0 { true } else { false } }),
               !steps.contains(.post) { return d }
            return nil
        }
    }

    func deleted(_ effects: [Effect]) -> [String] {
        effects.compactMap { e in
            if case .sendSteps(let d, let steps) = e, steps == [.deleteDraft] { return d.id }
            return nil
        }
    }

    func tick(_ s: inout AppState, _ seconds: Double) -> [Effect] { s.update(.tick(testNow.addingTimeInterval(seconds))) }

    @Test func typedTextIsSavedASecondAfterTheLastKeystroke() {
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Half a"))))
        #expect(tick(&s, 0.5).isEmpty, "saved before typing paused")
        _ = s.update(.action(.editor(.insert(" thought"))))  // recorded at the 0.5 s tick
        #expect(tick(&s, 1.0).isEmpty)
        let first = saved(tick(&s, 1.5))
        #expect(first.map(\.text) == ["Half a thought"])
        #expect(first.first?.state == .editing && first.first?.taskId == "T2" && first.first?.kind == .comment)
        #expect(first.first?.id == s.actions.composer?.send.draft.id, "the file is the editor's own draft")
        #expect(s.actions.composer?.send.onDisk == true)
        #expect(tick(&s, 2.0).isEmpty && tick(&s, 5.0).isEmpty, "nothing changed: nothing more to write")
    }

    @Test func continuousTypingIsStillSavedEveryMoment() {
        var s = detail()
        _ = s.update(.action(.comment))
        var writes: [Draft] = []
        for i in 0..<8 {
            _ = s.update(.action(.editor(.insert("w\(i) "))))
            writes += saved(tick(&s, 0.5 * Double(i + 1)))
        }
        // 4 s of typing with a keystroke every tick: at least two saves, the last with what came before it.
        #expect(writes.count >= 2, "\(writes.map(\.text))")
        #expect(writes.first.map { $0.text.hasPrefix("w0 w1 w2") } == true, "\(writes.map(\.text))")
    }

    @Test func textEmptiedAgainRemovesTheFileAndADiscardDeletesAnAutosavedDraft() {
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("ab"))))
        let id = saved(tick(&s, 1)).first?.id
        #expect(id != nil)
        _ = s.update(.action(.editor(.backspace)))
        _ = s.update(.action(.editor(.backspace)))
        #expect(deleted(tick(&s, 2)) == [id].compactMap { $0 })
        _ = s.update(.action(.editor(.insert("again"))))
        #expect(saved(tick(&s, 3)).map(\.id) == [id].compactMap { $0 })
        _ = s.update(.action(.editor(.cancel(confirmed: false))))
        let discard = s.update(.action(.confirm(.yes)))
        #expect(deleted(discard) == [id].compactMap { $0 }, "a discarded draft stayed on disk: \(discard)")
        #expect(tick(&s, 4).isEmpty)
    }

    @Test func theTimeFormIsSavedTooEvenWithOnlyAComment() {
        var s = detail()
        _ = s.update(.action(.logTime))
        _ = s.handle(.timelogCategories(.success([])))
        for _ in 0..<3 { _ = s.update(.action(.form(.nextField))) }
        for c in "met the client" { _ = s.update(.action(.form(.insert(String(c))))) }
        let d = saved(tick(&s, 1))
        #expect(d.count == 1)
        #expect(d.first?.kind == .timelog && d.first?.text == "met the client" && d.first?.timelog == nil)
        #expect(s.draftsToKeepOnExit(now: testNow).map(\.text) == ["met the client"])
        // The same draft (same id) when hours come.
        for _ in 0..<3 { _ = s.update(.action(.form(.previousField))) }
        for c in "2h" { _ = s.update(.action(.form(.insert(String(c))))) }
        let again = saved(tick(&s, 2))
        #expect(again.map(\.id) == d.map(\.id) && again.first?.timelog?.hours == 2)
    }

    @Test func quitWithUnsentTextKeepsItAsADraft() {
        var s = detail()
        #expect(s.update(.quit) == [.quit])
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Do not lose me"))))
        _ = s.update(.focusNext)  // Tab leaves the editor; then q
        let effects = s.update(.quit)
        guard case .keepDrafts(let drafts)? = effects.first, effects.last == .quit, effects.count == 2 else {
            Issue.record("\(effects)"); return
        }
        #expect(drafts.map(\.text) == ["Do not lose me"])
        #expect(drafts.first?.state == .editing && drafts.first?.taskId == "T2")
        #expect(s.exitNote(kept: drafts)?.contains("comment on “Review 設計 docs” is kept as a draft") == true)
        // A failed save stops the quit once; the next q quits.
        _ = s.update(.action(.draftsNotKept("Cannot save the draft: the disk is full.")))
        #expect(s.status.lastError?.contains("q again") == true)
        #expect(s.update(.quit) == [.quit])
    }

    @Test func aDraftLeftForLaterIsReopenedByCOnItsTask() {
        var s = detail()
        let d = Draft(id: "dlater", kind: .comment, profile: "default", taskId: "T2", taskTitle: "Review", text: "for later",
                      created: testNow)
        let other = Draft(id: "dother", kind: .timelog, profile: "default", taskId: "T1", taskTitle: "Write", text: "",
                          timelog: .init(hours: 1, trackedDate: "2024-06-14"), created: testNow)
        _ = s.update(.action(.offerDrafts([d, other], problems: [])))
        _ = s.update(.action(.picker(.cancel)))  // Esc: later
        #expect(s.modal == nil)
        let effects = s.update(.action(.comment))
        #expect(s.actions.composer?.editor.text == "for later")
        #expect(s.actions.composer?.send.draft.id == "dlater", "a new draft instead of the one on disk")
        #expect(s.actions.composer?.send.onDisk == true)
        #expect(!effects.contains { if case .sendSteps(_, let st) = $0 { st.contains(.post) } else { false } })
        // Discarding it now deletes its file.
        _ = s.update(.action(.editor(.cancel(confirmed: false))))
        #expect(deleted(s.update(.action(.confirm(.yes)))) == ["dlater"])
        // `c` again: a new, empty comment (that draft is gone); `t` on T2: no saved time entry, a new form.
        _ = s.update(.action(.comment))
        #expect(s.actions.composer?.editor.text == "" && s.actions.composer?.send.draft.id != "dlater")
    }

    @Test func theDraftsKeyListsTheDraftsOnDiskButNotTheOpenOne() {
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("open"))))
        let openId = s.actions.composer?.send.draft.id ?? ""
        _ = s.update(.focusNext)
        #expect(s.update(.action(.listDrafts)) == [.listDrafts(profile: "default")])
        let mine = Draft(id: openId, kind: .comment, profile: "default", taskId: "T2", taskTitle: "Review", text: "open", created: testNow)
        let old = Draft(id: "dold", kind: .comment, profile: "default", taskId: "T1", taskTitle: "Write the spec", text: "older",
                        created: testNow)
        _ = s.handle(.draftsListed(DraftListing(drafts: [mine, old], problems: [])))
        guard case .drafts(let p)? = s.modal else { Issue.record("no list"); return }
        #expect(p.items.map(\.id) == ["dold"])
        #expect(s.status.message == "1 unsent draft")
        _ = s.update(.action(.picker(.cancel)))
        _ = s.handle(.draftsListed(DraftListing(drafts: [mine], problems: [])))
        #expect(s.modal == nil)
        #expect(s.status.message?.hasPrefix("No other unsent drafts") == true)
    }

    @Test func aSendRefusedAfterItsEditorClosedCanBeReopenedInTheSameSession() {
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("refused later"))))
        guard case .sendSteps(let draft, _)? = s.update(.action(.editor(.send))).first else { Issue.record("no send"); return }
        _ = s.update(.action(.editor(.cancel(confirmed: false))))  // Esc while sending: detached
        #expect(s.actions.composer == nil)
        _ = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("nope", status: 400))))
        _ = s.update(.action(.comment))
        #expect(s.actions.composer?.send.draft.id == draft.id)
        #expect(s.actions.composer?.editor.text == "refused later")
        #expect(s.actions.composer?.send.tracker.canSend == true)
    }
}
