import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// The monkey's write accounting must be able to fail: each rule is shown catching what it is for.
@Suite struct WriteAccountingTests {
    typealias Line = Reliability.Server.LogLine
    let before = DemoDataset.make()

    func with(comments: [WrikeAPI.Comment]) -> Dataset {
        var d = before
        d.comments += comments
        return d
    }

    func draft(_ id: String, text: String, state: Draft.State) -> Draft {
        Draft(id: id, kind: .comment, profile: "default", taskId: "T1", taskTitle: "t", text: text, created: Date(), state: state)
    }

    let post = Line(method: "POST", path: "/tasks/T1/comments", status: 200, applied: true)
    let lost = Line(method: "POST", path: "/tasks/T1/comments", status: nil, applied: true)

    @Test func aConfirmedCommentFoundOnceIsClean() {
        let c = WrikeAPI.Comment(id: "NEW1", authorId: "me", text: "hi", taskId: "T1")
        let a = WriteAccounting(records: [
            WriteRecord(kind: .comment, outcome: .sending, taskIds: ["T1"], draftId: "d1"),
            WriteRecord(kind: .comment, outcome: .confirmed, entityId: "NEW1", taskIds: ["T1"], draftId: "d1"),
        ], before: before, after: with(comments: [c]), drafts: [], log: [post])
        #expect(a.violations.isEmpty, "\(a.violations)")
        #expect(a.confirmedFound == 1 && a.draftsConfirmed == 1)
    }

    @Test func aConfirmedCommentMissingFromTheDataIsCaught() {
        let a = WriteAccounting(records: [
            WriteRecord(kind: .comment, outcome: .confirmed, entityId: "GHOST", taskIds: ["T1"], draftId: "d1"),
        ], before: before, after: before, drafts: [], log: [])
        #expect(a.violations.contains { $0.hasPrefix("confirmed but not found") })
    }

    @Test func anUnconfirmedSendWithoutADraftIsCaught() {
        let a = WriteAccounting(records: [
            WriteRecord(kind: .comment, outcome: .failedKeptAsDraft, taskIds: ["T1"], draftId: "d1"),
        ], before: before, after: before, drafts: [], log: [])
        #expect(a.violations.contains { $0.contains("has no readable draft on disk") })
    }

    @Test func aCommentThatLandedSilentlyIsCaughtAndOneKeptToCheckIsNot() {
        let c = WrikeAPI.Comment(id: "NEW2", authorId: "me", text: "<p>lost answer</p>", taskId: "T1")
        let silent = WriteAccounting(records: [], before: before, after: with(comments: [c]), drafts: [], log: [lost])
        #expect(silent.violations.contains { $0.contains("neither confirmed nor kept") })
        let kept = WriteAccounting(records: [
            WriteRecord(kind: .comment, outcome: .unknownKeptAsDraft, taskIds: ["T1"], draftId: "d2"),
        ], before: before, after: with(comments: [c]), drafts: [draft("d2", text: "lost answer", state: .unknownOutcome)], log: [lost])
        #expect(kept.violations.isEmpty, "\(kept.violations)")
        #expect(kept.landedKeptAsDraft == 1 && kept.draftsRecovered == 1)
        // The same draft marked failed ("did not reach Wrike") while it did land: caught.
        let wrong = WriteAccounting(records: [
            WriteRecord(kind: .comment, outcome: .failedKeptAsDraft, taskIds: ["T1"], draftId: "d2"),
        ], before: before, after: with(comments: [c]), drafts: [draft("d2", text: "lost answer", state: .failed)], log: [lost])
        #expect(wrong.violations.contains { $0.contains("neither confirmed nor kept") })
    }

    @Test func aPostAppliedTwiceIsCaught() {
        let c = WrikeAPI.Comment(id: "NEW3", authorId: "me", text: "once", taskId: "T1")
        let a = WriteAccounting(records: [
            WriteRecord(kind: .comment, outcome: .confirmed, entityId: "NEW3", taskIds: ["T1"], draftId: "d3"),
        ], before: before, after: with(comments: [c]), drafts: [], log: [post, post])
        #expect(a.violations.contains { $0.hasPrefix("applied comment POSTs 2") })
    }
}
