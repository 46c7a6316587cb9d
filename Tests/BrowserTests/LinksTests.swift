import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import Platform
import WrikeAPI
import WrikeSandbox

@Suite struct LinksTests {
    static let files = [
        WrikeAPI.Attachment(id: "AT1", name: "spec.pdf", type: .wrike, contentType: "application/pdf", size: 2_500_000, taskId: "T1"),
        WrikeAPI.Attachment(id: "AT2", name: "../../evil\u{1B}[31m.sh", type: .wrike, size: 10, taskId: "T1"),
        WrikeAPI.Attachment(id: "AT3", name: "Drive doc", type: .google, size: -1, taskId: "T1"),
    ]

    /// T1 open in the detail with its attachments; `canOpen`: a browser can be started.
    static func withTask(canOpen: Bool, files: [WrikeAPI.Attachment] = files) -> AppState {
        var s = loadedState()
        s.environment.canOpenLocally = canOpen
        _ = s.update(.move(2))  // T1
        _ = s.update(.open)
        _ = s.handle(.detailTask(taskId: "T1", .success(Fixture.tasks[0])))
        _ = s.handle(.attachments(taskId: "T1", .success(files)))
        return s
    }

    @Test func openLinkStartsTheBrowserWhereOneCanBeStarted() {
        var s = Self.withTask(canOpen: true)
        let url = "https://www.wrike.com/open.htm?id=T1"
        #expect(s.update(.showPermalink) == [.links(.launch(.url(url)))])
        #expect(s.status.link == nil)
        _ = s.handle(.links(.opened(.url(url), error: "Cannot open: firefox is not installed (not found in PATH).")))
        #expect(s.status.lastError?.contains("firefox is not installed") == true)
        _ = s.handle(.links(.opened(.url(url), error: nil)))
        #expect(s.status.message == "Opened \(url)")
    }

    @Test func overSSHTheLinkIsShownAndCopied() {
        var s = Self.withTask(canOpen: false)
        let url = "https://www.wrike.com/open.htm?id=T1"
        #expect(s.update(.showPermalink) == [.showHyperlink(url: url, text: url), .copyToClipboard(url)])
        #expect(s.status.link == url)
    }

    @Test func attachmentKeysSelectDownloadAndCancel() {
        var s = Self.withTask(canOpen: false)
        #expect(s.update(.action(.links(.selectAttachment(1)))).isEmpty)
        #expect(s.features.links.selectedAttachment == "AT1")
        #expect(s.focus == .detail)
        let marked = s.detail.lines.map(\.text).filter { $0.contains("spec.pdf") }
        #expect(marked.count == 1 && marked[0].contains(s.glyphs.selectionMarker))
        _ = s.update(.action(.links(.selectAttachment(1))))
        #expect(s.features.links.selectedAttachment == "AT2")
        _ = s.update(.action(.links(.selectAttachment(-1))))
        #expect(s.features.links.selectedAttachment == "AT1")

        let effects = s.update(.action(.links(.download)))
        let d = AttachmentDownload(attachmentId: "AT1", name: "spec.pdf", size: 2_500_000, token: 1)
        #expect(effects == [.links(.download(d))])
        _ = s.handle(.links(.progress(token: 1, received: 1_250_000)))
        #expect(s.status.message == "Downloading spec.pdf: 1.2 MB of 2.4 MB (50%) (L again cancels)")
        // Another attachment while one downloads: refused, in words.
        _ = s.update(.action(.links(.selectAttachment(1))))
        #expect(s.update(.action(.links(.download))).isEmpty)
        #expect(s.status.lastError?.contains("one download at a time") == true)
        // Again on the one downloading: cancel.
        _ = s.update(.action(.links(.selectAttachment(-1))))
        #expect(s.update(.action(.links(.download))) == [.links(.cancelDownload(token: 1))])
        _ = s.handle(.links(.downloadCancelled(token: 1)))
        #expect(s.features.links.download == nil)
        #expect(s.status.message == "The download of spec.pdf was cancelled; nothing was kept.")
    }

    @Test func aFinishedDownloadIsOpenedWithADisplayAndOffersItsLinkWithout() {
        for canOpen in [true, false] {
            var s = Self.withTask(canOpen: canOpen)
            _ = s.update(.action(.links(.download)))
            let effects = s.handle(.links(.downloaded(token: 1, path: "/home/u/Downloads/spec.pdf", bytes: 2_500_000)))
            #expect(s.features.links.download == nil)
            if canOpen {
                #expect(effects == [.links(.launch(.file(path: "/home/u/Downloads/spec.pdf")))])
            } else {
                #expect(effects.isEmpty)
                #expect(s.status.message?.contains("Y copies a link") == true)
            }
            #expect(s.status.message?.hasPrefix("Saved spec.pdf (2.4 MB) to /home/u/Downloads/spec.pdf") == true)
        }
    }

    @Test func failuresAndRefusalsInPlainWords() {
        var s = Self.withTask(canOpen: false)
        _ = s.update(.action(.links(.download)))
        _ = s.handle(.links(.progress(token: 7, received: 5)))  // another download's: ignored
        #expect(s.features.links.download?.received == 0)
        _ = s.handle(.links(.downloadFailed(token: 1, message: "Wrike could not be reached.")))
        #expect(s.status.lastError == "The download of spec.pdf failed: Wrike could not be reached. Nothing was kept.")
        // An external file is not downloaded: its link is offered.
        _ = s.update(.action(.links(.selectAttachment(-1))))
        #expect(s.features.links.selectedAttachment == "AT3")
        #expect(s.update(.action(.links(.download))).isEmpty)
        #expect(s.status.lastError == "Drive doc is stored in Google, not in Wrike: Y copies its link.")
        // No attachments / no task.
        var none = Self.withTask(canOpen: false, files: [])
        #expect(none.update(.action(.links(.download))).isEmpty)
        #expect(none.status.lastError == "This task has no attachments.")
        var empty = loadedState()
        #expect(empty.update(.action(.links(.download))).isEmpty)
        #expect(empty.status.lastError == "Open a task first.")
    }

    @Test func copyingALinkAsksWrikeThenCopiesSanitized() {
        var s = Self.withTask(canOpen: false)
        _ = s.update(.action(.links(.selectAttachment(1))))
        _ = s.update(.action(.links(.selectAttachment(1))))
        #expect(s.update(.action(.links(.copyAttachmentLink))) ==
                [.links(.attachmentLink(attachmentId: "AT2", name: "../../evil\u{1B}[31m.sh"))])
        let effects = s.handle(.links(.attachmentLink(name: "../../evil\u{1B}[31m.sh", .success("https://x/a\u{1B}]52;b"))))
        #expect(effects == [.copyToClipboard("https://x/a")])  // the OSC sequence is dropped whole
        #expect(s.status.message?.contains("\u{1B}") == false)
        _ = s.handle(.links(.attachmentLink(name: "spec.pdf", .failure(ServiceFailure("Wrike says: not found.")))))
        #expect(s.status.lastError == "No link to spec.pdf: Wrike says: not found.")
    }

    @Test func whileSignedOutDownloadsFailAtOnce() {
        var s = Self.withTask(canOpen: false)
        s.session.signedOut = true
        let effects = s.update(.action(.links(.download)))
        #expect(effects.isEmpty)
        #expect(s.features.links.download == nil)
        #expect(s.status.lastError?.hasPrefix("The download of spec.pdf failed:") == true)
    }

    /// The runtime against the in-process sandbox: the file's bytes are the sandbox's, under a safe name,
    /// beside an existing file it does not replace; a missing attachment leaves no file.
    @Test func theRunnerStreamsToAFreeSafeName() async throws {
        let dataset = DemoDataset.make(now: testNow)
        let a = try #require(dataset.attachments.first { ($0.size ?? 0) > 1000 })
        let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test")))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let name = DownloadFile.safeName(a.name)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "keep me".write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        let box = EventBox()
        let d = AttachmentDownload(attachmentId: a.id, name: a.name, size: a.size.map { Int64($0) }, token: 3)
        let end = await LinksRunner.download(d, into: dir, service: service) { box.post($0) }
        let expected = try await sandbox.send(HTTPRequest(path: "/attachments/\(a.id)/download",
                                                          headers: ["Authorization": "bearer test"])).body
        #expect(end == .downloaded(token: 3, path: dir + "/" + DownloadFile.numbered(name, 1), bytes: Int64(expected.count)))
        #expect(FileManager.default.contents(atPath: dir + "/" + DownloadFile.numbered(name, 1)) == expected)
        #expect(FileManager.default.contents(atPath: dir + "/" + name) == Data("keep me".utf8))

        let missing = await LinksRunner.download(AttachmentDownload(attachmentId: "NOPE", name: "x", size: nil, token: 4),
                                                 into: dir, service: service) { box.post($0) }
        guard case .downloadFailed(4, let message) = missing else { Issue.record("\(missing)"); return }
        #expect(!message.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 2)
    }
}
