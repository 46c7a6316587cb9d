// A send's known ids survive a restart: the check by reading never takes an earlier comment with the
// same text (posted before this send) for the one sent (seen in the monkey: two equal comments 2 s apart,
// the second's answer lost, the app killed; the check after the restart "found" the first).
import Foundation
import Testing
@testable import Browser
import WrikeAPI

@Suite struct DraftKnownIdsTests {
    func draft(_ kind: Draft.Kind) -> Draft {
        Draft(id: "d1", kind: kind, profile: "p", taskId: "T", taskTitle: "t", text: "same words",
              created: Date(timeIntervalSince1970: 1_000))
    }

    @Test func knownIdsGoToTheDraftFileAndComeBack() throws {
        var s = DraftSend(draft: draft(.comment), knownIds: ["C1"])
        s.knownIds = ["C1", "C2"]
        let data = try JSONEncoder().encode(s.draft)
        let back = try JSONDecoder().decode(Draft.self, from: data)
        #expect(back.knownIds == ["C1", "C2"])
        let reopened = DraftSend(draft: back, onDisk: true)
        #expect(reopened.knownIds == ["C1", "C2"])
    }

    @Test func aNewTasksListIsNotWrittenToItsDraft() {
        let s = DraftSend(draft: draft(.task), knownIds: Set((0..<1000).map { "T\($0)" }))
        #expect(s.draft.knownIds == nil)
    }

    @Test func anOldDraftFileWithoutThemStillReads() throws {
        let data = try JSONEncoder().encode(draft(.comment))
        let json = String(decoding: data, as: UTF8.self)
        #expect(!json.contains("knownIds"))
        #expect(try JSONDecoder().decode(Draft.self, from: data).knownIds == nil)
    }

    @Test func theCheckAfterARestartSkipsTheEarlierComment() throws {
        let sentAt = Date(timeIntervalSince1970: 2_000)
        let earlier = WrikeComment(id: "C1", authorId: "me", text: "same words", createdDate: "1970-01-01T00:33:18Z", taskId: "T")
        var s = DraftSend(draft: draft(.comment), knownIds: ["C1"])
        s.knownIds = ["C1"]
        let back = DraftSend(draft: try JSONDecoder().decode(Draft.self, from: JSONEncoder().encode(s.draft)))
        #expect(OutcomeResolver.findComment(in: [earlier], text: "same words", me: "me", sentAt: sentAt,
                                            serverTextIsHTML: true, excluding: back.knownIds) == nil)
        #expect(OutcomeResolver.findComment(in: [earlier], text: "same words", me: "me", sentAt: sentAt,
                                            serverTextIsHTML: true, excluding: []) != nil)
    }
}
