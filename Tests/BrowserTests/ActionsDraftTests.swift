import Foundation
import Testing
import Platform
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

#if canImport(Glibc)
import Glibc
#endif

private func tempDir() -> String {
    let base = NSTemporaryDirectory() + "wrike-drafts-" + UUID().uuidString
    return base
}

private let t0 = Date(timeIntervalSince1970: 1_790_000_000)

private func sample(_ id: String, profile: String = "default", created: Date = t0) -> Draft {
    Draft(id: id, kind: .comment, profile: profile, taskId: "T1", taskTitle: "Write spec 漢字", text: "Hello\nworld",
          created: created)
}

private func mode(_ path: String) -> UInt32 {
    var st = stat()
    guard stat(path, &st) == 0 else { return 0 }
    return UInt32(st.st_mode) & 0o777
}

@Suite struct ActionsDraftStoreTests {
    @Test func defaultDirectoryFollowsXDG() {
        func directory(_ environment: [String: String]) -> String { DraftStore(paths: XDGPaths(environment: environment)).directory }
        #expect(directory(["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/wrike-tui/drafts")
        #expect(directory(["XDG_STATE_HOME": "rel", "HOME": "/h"]) == "/h/.local/state/wrike-tui/drafts")
        #expect(directory(["HOME": "/h"]) == "/h/.local/state/wrike-tui/drafts")
    }

    @Test func saveLoadListDeleteWithPrivatePermissions() throws {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = DraftStore(directory: root + "/state/wrike-tui/drafts")
        var d = sample("a1")
        d.timelog = .init(hours: 1.5, trackedDate: "2026-11-20", categoryId: "CAT1")
        try store.save(d)
        #expect(mode(store.directory) == 0o700)
        #expect(mode(store.directory + "/a1.json") == 0o600)
        #expect(try store.load(id: "a1") == d)
        // Rewriting replaces the file; no temp files stay behind.
        d.text = "changed"
        try store.save(d)
        #expect(try store.load(id: "a1").text == "changed")
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory)
        #expect(files == ["a1.json"])
        try store.save(sample("b2", profile: "work", created: t0.addingTimeInterval(-60)))
        let all = store.list()
        #expect(all.drafts.map(\.id) == ["b2", "a1"])  // oldest first
        #expect(all.problems.isEmpty)
        #expect(store.list(profile: "work").drafts.map(\.id) == ["b2"])
        try store.delete(id: "a1")
        try store.delete(id: "a1")  // already gone: fine
        #expect(store.list().drafts.map(\.id) == ["b2"])
    }

    @Test func missingDirectoryMeansNoDrafts() {
        let store = DraftStore(directory: tempDir() + "/nothing")
        #expect(store.list() == DraftListing(drafts: [], problems: []))
    }

    @Test func corruptDraftIsMovedAsideAndReported() throws {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = DraftStore(directory: root)
        try store.save(sample("good"))
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: root + "/bad.json"))
        // A valid draft whose id does not match its file name is not trusted either.
        try FileManager.default.copyItem(atPath: root + "/good.json", toPath: root + "/other.json")
        let listing = store.list()
        #expect(listing.drafts.map(\.id) == ["good"])
        #expect(listing.problems.count == 2)
        #expect(listing.problems.allSatisfy { $0.contains(".corrupt") })
        #expect(FileManager.default.fileExists(atPath: root + "/bad.json.corrupt"))
        #expect(!FileManager.default.fileExists(atPath: root + "/bad.json"))
        // Listing again finds nothing new to complain about.
        #expect(store.list().problems.isEmpty)
    }

    @Test func unwritableLocationGivesAClearError() throws {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        let store = DraftStore(directory: root + "/file/drafts")
        do {
            try store.save(sample("x1"))
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .notADirectory)
            #expect(error.message.contains("The text is kept in the editor"))
        }
        if geteuid() != 0 {
            let ro = DraftStore(directory: root + "/ro")
            try FileManager.default.createDirectory(atPath: ro.directory, withIntermediateDirectories: true)
            chmod(ro.directory, 0o500)
            defer { chmod(ro.directory, 0o700) }
            #expect(throws: DraftError.self) { try ro.save(sample("x2")) }
        }
    }

    @Test func errnoMessages() {
        #expect(DraftError.from(errno: EROFS, path: "/p", doing: "save").reason == .readOnly)
        #expect(DraftError.from(errno: EACCES, path: "/p", doing: "save").message.contains("/p is read-only"))
        #expect(DraftError.from(errno: ENOSPC, path: "/p", doing: "save").message.contains("disk holding /p is full"))
        #expect(DraftError.from(errno: EIO, path: "/p", doing: "save").reason == .other)
    }

    @Test func idsAreUniqueAndSafe() throws {
        var state = AppState(now: t0, environment: .live())
        let ids = (0..<200).map { _ in state.newDraftId() }
        #expect(Set(ids).count == 200)
        #expect(ids.allSatisfy(DraftStore.isValidId))
        #expect(!DraftStore.isValidId("../etc/passwd"))
        #expect(!DraftStore.isValidId(""))
        let store = DraftStore(directory: tempDir())
        #expect(throws: DraftError.self) { try store.save(sample("../x")) }
        #expect(throws: DraftError.self) { try store.delete(id: "a/b") }
    }

    /// The core's ids come from the environment's prefix, the state's time and a counter: the same
    /// environment and time give the same ids (the reducer is deterministic).
    @Test func idsComeFromTheEnvironment() {
        var s = AppState(now: t0, environment: CoreEnvironment(idPrefix: "p7"))
        let ms = Int64(t0.timeIntervalSince1970 * 1000)
        #expect(s.newDraftId() == "d\(ms)-p7-1")
        #expect(s.newDraftId() == "d\(ms)-p7-2")
        #expect(DraftStore.isValidId(s.newDraftId()))
    }

    @Test func twoStoresOnOneDirectoryDoNotClobber() throws {
        let root = tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let a = DraftStore(directory: root), b = DraftStore(directory: root)
        // Two instances: each has its own live environment (process id and a random number).
        var one = AppState(now: t0, environment: .live()), two = AppState(now: t0, environment: .live())
        try a.save(sample(one.newDraftId()))
        try b.save(sample(two.newDraftId()))
        #expect(a.list().drafts.count == 2)
    }
}

@Suite struct ActionsSendOutcomeTests {
    @Test func happyPathSavesBeforePostingAndDeletesOnConfirm() {
        var s = SendTracker()
        #expect(s.canSend)
        #expect(s.send(now: t0) == [.saveDraft(.sending), .post])
        #expect(s.phase == .sending(startedAt: t0))
        #expect(!s.canEdit)
        #expect(s.send(now: t0) == [])  // no double send while in flight
        #expect(s.handle(.created(entityId: "C9"), now: t0) == [.deleteDraft])
        #expect(s.phase == .confirmed(entityId: "C9"))
        #expect(s.send(now: t0) == [])
        #expect(s.attempts == 1)
    }

    @Test func refusedSendKeepsTheDraftAndAllowsRetry() {
        var s = SendTracker()
        _ = s.send(now: t0)
        #expect(s.handle(.notSent(message: "Wrike refused: text is empty"), now: t0) == [.saveDraft(.failed)])
        #expect(s.phase == .failed(message: "Wrike refused: text is empty"))
        #expect(s.canEdit && s.canSend)
        let d = s.stamp(sample("d1"), state: .failed, now: t0)
        #expect(d.lastError == "Wrike refused: text is empty" && d.attempts == 1 && d.state == .failed)
        s.edited()
        #expect(s.phase == .editing)
        #expect(s.send(now: t0.addingTimeInterval(5)) == [.saveDraft(.sending), .post])
        #expect(s.attempts == 2)
    }

    @Test func unknownOutcomeRereadsAndNeverResends() {
        var s = SendTracker()
        _ = s.send(now: t0)
        #expect(s.deadline == t0.addingTimeInterval(SendTracker.requestWindow))
        let effects = s.handle(.outcomeUnknown(message: "timeout"), now: t0.addingTimeInterval(30))
        #expect(effects == [.saveDraft(.unknownOutcome), .reread(since: t0.addingTimeInterval(-SendTracker.skew))])
        #expect(s.phase == .resolving(startedAt: t0))
        #expect(s.send(now: t0) == [])  // never sent again while unknown
        let stamped = s.stamp(sample("d"), state: .unknownOutcome, now: t0)
        #expect(stamped.sendStartedAt == t0 && stamped.deadline == t0.addingTimeInterval(SendTracker.requestWindow))
        // Found: confirmed.
        var found = s
        #expect(found.handle(.resolvedFound(entityId: "C1"), now: t0.addingTimeInterval(31)) == [.deleteDraft])
        #expect(found.phase == .confirmed(entityId: "C1"))
        // Not found once the deadline and the margin have passed: safe to retry, by the user.
        let settled = t0.addingTimeInterval(SendTracker.requestWindow + SendTracker.settleMargin)
        var missing = s
        #expect(missing.handle(.resolvedNotFound, now: settled) == [.saveDraft(.failed)])
        #expect(missing.canSend)
        // The re-read failed: still unknown, looked at again by itself; the user can ask now.
        var offline = s
        #expect(offline.handle(.resolveFailed(message: "offline."), now: t0.addingTimeInterval(31)) == [])
        #expect(!offline.canSend)
        #expect(offline.message?.contains("never sent twice") == true)
        #expect(offline.message?.contains("..") == false)
        #expect(offline.nextCheck == t0.addingTimeInterval(31 + SendTracker.failedCheckInterval))
        #expect(offline.resolve() == [.reread(since: t0.addingTimeInterval(-SendTracker.skew))])
        #expect(offline.phase == .resolving(startedAt: t0))
    }

    /// Issue 20 item 1: while the request can still arrive, not finding it is no verdict.
    @Test func notFoundBeforeTheDeadlineMayStillArriveAndIsLookedForAgain() {
        var s = SendTracker()
        _ = s.send(now: t0)
        _ = s.handle(.outcomeUnknown(message: "No answer from Wrike."), now: t0.addingTimeInterval(30))
        let early = t0.addingTimeInterval(31)
        #expect(s.handle(.resolvedNotFound, now: early) == [])
        guard case .unknown(_, let m) = s.phase else { Issue.record("\(s.phase)"); return }
        #expect(m.contains("may still arrive"), "\(m)")
        #expect(!s.canSend)
        #expect(s.nextCheck == early.addingTimeInterval(SendTracker.recheckInterval))
        #expect(!s.isCheckDue(now: early.addingTimeInterval(4)))
        #expect(s.isCheckDue(now: early.addingTimeInterval(5)))
        // Looked for again until the deadline plus the margin; the last look is exactly then.
        var t = early
        while s.phase != .failed(message: "It did not reach Wrike. Safe to send again.") {
            guard let next = s.nextCheck else { Issue.record("no check scheduled: \(s.phase)"); return }
            t = next
            #expect(s.resolve().count == 1)
            _ = s.handle(.resolvedNotFound, now: t)
        }
        #expect(t == t0.addingTimeInterval(SendTracker.requestWindow + SendTracker.settleMargin))
        #expect(s.canSend)
    }

    /// After kill -9: the deadline comes from the draft on disk.
    @Test func aResumedSendKeepsItsDeadlineFromDisk() {
        var d = sample("d")
        d.state = .sending
        d.sendStartedAt = t0
        d.deadline = t0.addingTimeInterval(30)
        var s = SendTracker(resuming: d)
        #expect(s.isCheckDue(now: t0))
        _ = s.resolve()
        #expect(s.handle(.resolvedNotFound, now: t0.addingTimeInterval(2)) == [])
        #expect(!s.canSend)
        // A draft written before deadlines were kept: its send start plus the window.
        d.deadline = nil
        #expect(SendTracker(resuming: d).deadline == t0.addingTimeInterval(SendTracker.requestWindow))
    }

    @Test func lateOrMisplacedEventsAreIgnored() {
        var s = SendTracker()
        #expect(s.handle(.created(entityId: "X"), now: t0) == [])
        #expect(s.resolve() == [])
        _ = s.send(now: t0)
        #expect(s.handle(.resolvedFound(entityId: "X"), now: t0) == [])
        #expect(s.phase == .sending(startedAt: t0))
    }

    @Test func resumingADraftFoundOnDisk() {
        var d = sample("d")
        d.state = .sending
        d.sendStartedAt = t0
        d.attempts = 1
        var s = SendTracker(resuming: d)
        #expect(s.phase == .unknown(startedAt: t0, message: "The app stopped while sending; checking whether it arrived."))
        #expect(!s.canSend)
        #expect(s.resolve().count == 1)
        d.state = .failed
        d.lastError = "503"
        #expect(SendTracker(resuming: d).phase == .failed(message: "503"))
        d.state = .editing
        #expect(SendTracker(resuming: d).canSend)
    }

    @Test func statusClassification() {
        #expect(SendTracker.classify(status: 200) == .created)
        #expect(SendTracker.classify(status: 400) == .notSent)
        #expect(SendTracker.classify(status: 429) == .notSent)
        #expect(SendTracker.classify(status: 503) == .notSent)
        #expect(SendTracker.classify(status: 500) == .unknown)
        #expect(SendTracker.classify(status: 504) == .unknown)
    }
}

@Suite struct ActionsOutcomeResolverTests {
    let start = t0
    func stamp(_ offset: TimeInterval) -> String { WrikeDate.formatTimestamp(t0.addingTimeInterval(offset)) }

    @Test func findsTheCommentByPlainTextAuthorAndTime() {
        let comments = [
            WrikeComment(id: "old", authorId: "ME", text: "<p>Looks   good</p>", createdDate: stamp(-3600)),
            WrikeComment(id: "other", authorId: "YOU", text: "Looks good", createdDate: stamp(2)),
            WrikeComment(id: "new", authorId: "ME", text: "<p>Looks<br />good &amp; done</p>", createdDate: stamp(1)),
        ]
        let hit = OutcomeResolver.findComment(in: comments, text: "Looks\ngood & done", me: "ME", sentAt: start,
                                              serverTextIsHTML: true)
        #expect(hit?.id == "new")
        // The same text from an hour ago is not the one just sent.
        #expect(OutcomeResolver.findComment(in: comments, text: "Looks good", me: "ME", sentAt: start,
                                            serverTextIsHTML: true) == nil)
        // Clock skew: created slightly "before" the send started still counts.
        let skewed = [WrikeComment(id: "s", authorId: "ME", text: "hi", createdDate: stamp(-60))]
        #expect(OutcomeResolver.findComment(in: skewed, text: "hi", me: "ME", sentAt: start, serverTextIsHTML: false)?.id == "s")
        #expect(OutcomeResolver.findComment(in: skewed, text: "hi", me: "ME", sentAt: start, serverTextIsHTML: false,
                                            excluding: ["s"]) == nil)
    }

    @Test func plainTextWithAngleBracketsIsNotTreatedAsHTML() {
        let plain = [WrikeComment(id: "p", authorId: "ME", text: "use <b> tags", createdDate: stamp(1))]
        #expect(OutcomeResolver.findComment(in: plain, text: "use <b> tags", me: "ME", sentAt: start,
                                            serverTextIsHTML: false)?.id == "p")
        let html = [WrikeComment(id: "h", authorId: "ME", text: "use &lt;b&gt; tags", createdDate: stamp(1))]
        #expect(OutcomeResolver.findComment(in: html, text: "use <b> tags", me: "ME", sentAt: start,
                                            serverTextIsHTML: true)?.id == "h")
    }

    @Test func findsTheTimelog() {
        let fields = Draft.TimelogFields(hours: 1.5, trackedDate: "2026-11-20", categoryId: nil)
        let logs = [
            Timelog(id: "a", userId: "ME", hours: 1.5, createdDate: stamp(1), trackedDate: "2026-11-19", comment: "x"),
            Timelog(id: "b", userId: "ME", hours: 2, createdDate: stamp(1), trackedDate: "2026-11-20", comment: "x"),
            Timelog(id: "c", userId: "ME", hours: 1.5, createdDate: stamp(1), trackedDate: "2026-11-20", comment: "x"),
        ]
        #expect(OutcomeResolver.findTimelog(in: logs, fields: fields, comment: " x ", me: "ME", sentAt: start,
                                            serverTextIsHTML: false)?.id == "c")
        #expect(OutcomeResolver.findTimelog(in: logs, fields: fields, comment: "y", me: "ME", sentAt: start,
                                            serverTextIsHTML: false) == nil)
        var withCat = fields
        withCat.categoryId = "CAT"
        #expect(OutcomeResolver.findTimelog(in: logs, fields: withCat, comment: "x", me: "ME", sentAt: start,
                                            serverTextIsHTML: false) == nil)
    }
}
