import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI

/// The inbox in the app: polls from ticks (one in flight, paused while signed out, after the file and
/// "me"), errors in plain words, unread marks saved by effects, Enter opens the task.
@Suite struct InboxFeatureTests {
    static func mention(_ id: String) -> String { #"<a class="stream-user-id avatar" rel="\#(id)">@x</a>"# }

    /// Started, names known (me = "ME"), the inbox file read (none yet).
    static func started() -> AppState {
        var s = loadedState()
        _ = s.handle(.inbox(.loaded(.success(nil))))
        return s
    }

    static func polls(_ effects: [Effect]) -> [InboxPoll] {
        effects.compactMap { if case .inbox(.poll(let p)) = $0 { p } else { nil } }
    }

    static func saves(_ effects: [Effect]) -> [InboxRecord] {
        effects.compactMap { if case .inbox(.save(let r)) = $0 { r } else { nil } }
    }

    static func answer(_ poll: InboxPoll) -> InboxAnswer {
        InboxAnswer(changedTasks: [WrikeTask(id: "NEW", title: "Given to me", responsibleIds: ["ME"], status: .active,
                                             createdDate: WrikeDate.formatTimestamp(poll.at.addingTimeInterval(-60)),
                                             updatedDate: WrikeDate.formatTimestamp(poll.at.addingTimeInterval(-60)))],
                    myTaskIds: poll.baseline ? ["T1", "T4"] : nil,
                    comments: [Comment(id: "C1", authorId: "U2", text: "see " + mention("ME"),
                                       createdDate: WrikeDate.formatTimestamp(poll.at.addingTimeInterval(-30)), taskId: "T1")],
                    requests: 4)
    }

    @Test func theStartReadsTheFileAndPollsWaitForIt() {
        var s = loadedState()
        #expect(s.features.inbox.file == .loading)
        // The file has not answered: ticks never poll.
        for i in 0..<400 { #expect(Self.polls(s.update(.tick(testNow.addingTimeInterval(Double(i))))).isEmpty) }
        _ = s.handle(.inbox(.loaded(.success(nil))))
        #expect(s.features.inbox.file == .loaded)
        #expect(!Self.polls(s.update(.tick(testNow.addingTimeInterval(401)))).isEmpty)
    }

    @Test func theFirstPollFollowsTheStartAndPollsNeverStack() throws {
        var s = Self.started()
        var t = testNow
        func tick(_ dt: TimeInterval) -> [Effect] { t += dt; return s.update(.tick(t)) }
        #expect(Self.polls(tick(1)).isEmpty)  // the first tick starts the count
        #expect(Self.polls(tick(InboxState.firstDelay - 2)).isEmpty)
        let first = try #require(Self.polls(tick(2)).first)
        #expect(first.baseline && first.me == "ME" && first.at == t)
        // While it is out, no other poll goes, however long it takes; `r` neither.
        #expect(Self.polls(tick(3 * s.features.inbox.interval)).isEmpty)
        #expect(Self.polls(s.update(.inbox(.refresh))).isEmpty)
        let effects = s.handle(.inbox(.polled(first, .success(Self.answer(first)))))
        #expect(Self.saves(effects).count == 1 && s.features.inbox.unread == 2)
        #expect(s.status.message == "Inbox: 2 new items.")
        // The interval counts from when a poll went out: this one took longer, so the next goes at once,
        // reading from the last poll on; then the interval again.
        let second = try #require(Self.polls(tick(0.5)).first)
        #expect(!second.baseline && second.since == first.at.addingTimeInterval(-InboxPoll.overlap) && second.at == t)
        _ = s.handle(.inbox(.polled(second, .success(InboxAnswer()))))
        #expect(Self.polls(tick(s.features.inbox.interval - 1)).isEmpty)
        #expect(Self.polls(tick(1)).count == 1)
    }

    @Test func noPollBeforeMeIsKnownNorWhileSignedOut() throws {
        var s = startedWithoutNames()
        _ = s.handle(.inbox(.loaded(.success(nil))))
        for i in 0..<300 { #expect(Self.polls(s.update(.tick(testNow.addingTimeInterval(Double(i))))).isEmpty) }
        _ = s.update(.inbox(.refresh))
        #expect(s.status.message?.contains("once Wrike has said who you are") == true)

        var out = Self.started()
        _ = out.handle(.signInRequired)
        for i in 0..<300 { #expect(Self.polls(out.update(.tick(testNow.addingTimeInterval(Double(i))))).isEmpty) }
        _ = out.update(.inbox(.refresh))
        #expect(out.status.lastError == "The inbox is not checked while signed out.")
        // A poll already out when the sign-in is lost is answered at once with the signed-out failure.
        var s2 = Self.started()
        let poll = try #require(Self.polls(s2.update(.inbox(.open))).first)
        _ = s2.handle(.signInRequired)
        let gated = s2.gateSignedOut([.inbox(.poll(poll)), .inbox(.save(InboxRecord(me: "ME")))])
        #expect(gated == [.inbox(.save(InboxRecord(me: "ME")))])
    }

    @Test func aFailureIsSaidInPlainWordsAndTheNextPollTriesAgain() throws {
        var s = Self.started()
        let poll = try #require(Self.polls(s.update(.inbox(.open))).first)
        _ = s.handle(.inbox(.polled(poll, .failure(ServiceFailure("Cannot reach Wrike (offline or the server is down).")))))
        #expect(s.status.lastError == "Could not check the inbox: Cannot reach Wrike (offline or the server is down).")
        #expect(!s.features.inbox.inFlight)
        #expect(!Self.polls(s.update(.inbox(.refresh))).isEmpty)
        // A late answer of an older poll is dropped.
        _ = s.handle(.inbox(.polled(poll, .success(Self.answer(poll)))))
        #expect(s.features.inbox.items.isEmpty && s.features.inbox.inFlight)
    }

    @Test func markReadMarkAllReadAndEnterOpensTheTask() throws {
        var s = Self.started()
        let poll = try #require(Self.polls(s.update(.inbox(.open))).first)
        _ = s.handle(.inbox(.polled(poll, .success(Self.answer(poll)))))
        #expect(s.keyMode == .inbox && s.features.inbox.unread == 2)
        #expect(s.tree.views.contains { $0.kind == .inbox && $0.title == "Inbox (2)" })
        // Newest first: the mention (30 s ago), then the assignment (60 s ago).
        #expect(s.features.inbox.items.map(\.reason) == [.mentioned, .assigned])
        var saved = Self.saves(s.update(.inbox(.toggleRead)))
        #expect(saved.first?.items.first?.read == true && s.features.inbox.unread == 1)
        saved = Self.saves(s.update(.inbox(.toggleRead)))
        #expect(saved.first?.items.first?.read == false && s.features.inbox.unread == 2)
        saved = Self.saves(s.update(.inbox(.markAllRead)))
        #expect(saved.first?.unread == 0 && s.features.inbox.unread == 0)
        #expect(s.tree.views.contains { $0.kind == .inbox && $0.title == "Inbox" })
        _ = s.update(.inbox(.markAllRead))  // nothing unread: nothing to save
        #expect(Self.saves(s.update(.inbox(.markAllRead))).isEmpty)

        _ = s.update(.inbox(.move(1)))
        _ = s.update(.inbox(.toggleRead))  // the assignment unread again
        let effects = s.update(.inbox(.openTask))
        #expect(!s.features.inbox.isOpen && s.focus == .detail && s.detail.taskId == "NEW")
        #expect(effects.contains { if case .loadDetail("NEW", _) = $0 { true } else { false } })
        #expect(Self.saves(effects).first?.unread == 0)
    }

    @Test func theTreeRowOpensTheInboxAndTheKeysAreTheTables() throws {
        var s = Self.started()
        s.focus = .tree
        let row = try #require(s.tree.rows.firstIndex { $0.kind == .inbox })
        #expect(s.tree.rows[row - 1].title == MyWork.title)  // beside My Work
        s.tree.cursor = row
        _ = s.update(.open)
        #expect(s.features.inbox.isOpen && s.keyMode == .inbox)
        #expect(s.keyIntent("esc", typed: nil) == .some(.inbox(.close)))
        #expect(s.keyIntent("m", typed: "m") == .some(.inbox(.toggleRead)))
        #expect(s.keyIntent("M", typed: "M") == .some(.inbox(.markAllRead)))
        #expect(s.keyIntent("enter", typed: nil) == .some(.inbox(.openTask)))
        #expect(s.keyIntent("?", typed: "?") == .some(.toggleHelp))
        #expect(s.keyIntent("x", typed: "x") == .some(nil))  // a pane key does nothing here
        _ = s.update(.inbox(.close))
        #expect(s.keymap.action(for: "I") == .inbox)
        #expect(Keymap.defaults.bindings.contains { $0.action == .inbox })
    }

    @Test func aDamagedFileIsSaidAndTheInboxStartsAnew() {
        var s = loadedState()
        _ = s.handle(.inbox(.loaded(.failure(.damaged("not an inbox file")))))
        #expect(s.status.lastError?.contains("set aside") == true && s.features.inbox.file == .loaded)
        _ = s.handle(.inbox(.saved(.io("disk full"))))
        #expect(s.status.lastError == "The inbox file cannot be used: disk full")
    }
}
