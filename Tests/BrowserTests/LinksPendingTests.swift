import Foundation
import Testing
@testable import Browser
import WrikeAPI

/// An attachment key pressed while the open task's attachments are still being read waits for them, is
/// done when they arrive, and is dropped when another task is opened meanwhile.
@Suite struct LinksPendingTests {
    /// T1 open in the detail (its task read), its attachments not read yet.
    static func openedWithoutAttachments() -> AppState {
        var s = loadedState()
        s.environment.canOpenLocally = false
        _ = s.update(.move(2))  // T1
        _ = s.update(.open)
        _ = s.handle(.detailTask(taskId: "T1", .success(Fixture.tasks[0])))
        return s
    }

    @Test func aDownloadPressedBeforeTheAttachmentsArriveStartsWhenTheyDo() {
        var s = Self.openedWithoutAttachments()
        #expect(s.detail.attachmentsStatus == .loading)
        #expect(s.update(.action(.links(.download))).isEmpty)
        #expect(s.status.message == "Reading the attachments of “Write the spec”… The download starts when they arrive.")
        #expect(s.features.links.pending == PendingAttachmentAction(taskId: "T1", intent: .download))
        // The user goes back to the list meanwhile: the focus stays there when the download starts.
        _ = s.update(.back)
        let focus = s.focus
        let effects = s.handle(.attachments(taskId: "T1", .success(LinksTests.files)))
        let d = AttachmentDownload(attachmentId: "AT1", name: "spec.pdf", size: 2_500_000, token: 1)
        #expect(effects == [.links(.download(d))])
        #expect(s.features.links.pending == nil)
        #expect(s.features.links.selectedAttachment == "AT1")
        #expect(s.focus == focus)
        #expect(s.status.message == "Downloading spec.pdf… (L again cancels)")
    }

    @Test func copyingALinkAndSelectingWaitToo() {
        var s = Self.openedWithoutAttachments()
        _ = s.update(.action(.links(.copyAttachmentLink)))
        #expect(s.status.message?.hasSuffix("Its link is copied when they arrive.") == true)
        #expect(s.handle(.attachments(taskId: "T1", .success(LinksTests.files))) ==
                [.links(.attachmentLink(attachmentId: "AT1", name: "spec.pdf"))])

        var t = Self.openedWithoutAttachments()
        _ = t.update(.action(.links(.selectAttachment(-1))))
        #expect(t.status.message?.hasSuffix("The last is selected when they arrive.") == true)
        #expect(t.handle(.attachments(taskId: "T1", .success(LinksTests.files))).isEmpty)
        #expect(t.features.links.selectedAttachment == "AT3")
        #expect(t.status.message == "Drive doc: L downloads it, Y copies a link to it.")
    }

    @Test func openingAnotherTaskDropsTheWaitingKey() {
        var s = Self.openedWithoutAttachments()
        _ = s.update(.action(.links(.download)))
        _ = s.update(.back)
        _ = s.update(.move(1))
        _ = s.update(.open)
        #expect(s.detail.taskId != "T1")
        #expect(s.features.links.pending == nil)
        #expect(s.status.message == "The download waiting for the attachments of “Write the spec” was dropped: another task is open.")
        // The late answer for T1 and the new task's attachments start nothing.
        #expect(s.handle(.attachments(taskId: "T1", .success(LinksTests.files))).isEmpty)
        let other = s.detail.taskId ?? ""
        #expect(s.handle(.attachments(taskId: other, .success(LinksTests.files))).isEmpty)
        #expect(s.features.links.download == nil)
    }

    @Test func noAttachmentsOrAFailedReadAfterWaitingAreSaid() {
        var s = Self.openedWithoutAttachments()
        _ = s.update(.action(.links(.download)))
        #expect(s.handle(.attachments(taskId: "T1", .success([]))).isEmpty)
        #expect(s.status.lastError == "This task has no attachments.")
        #expect(s.features.links.pending == nil)

        var t = Self.openedWithoutAttachments()
        _ = t.update(.action(.links(.download)))
        _ = t.handle(.attachments(taskId: "T1", .failure(ServiceFailure("Wrike could not be reached."))))
        #expect(t.status.lastError == "The attachments could not be read: Wrike could not be reached. (r reads them again)")
        #expect(t.features.links.pending == nil)
    }
}
