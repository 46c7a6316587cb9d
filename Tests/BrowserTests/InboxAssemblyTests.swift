import Foundation
import Testing
@testable import Browser
import WrikeAPI

/// The inbox's items from Wrike's answers (pure, injected time) and Wrike's mention markup.
@Suite struct InboxAssemblyTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func stamp(_ offset: TimeInterval) -> String { WrikeDate.formatTimestamp(t0.addingTimeInterval(offset)) }
    static func task(_ id: String, _ title: String, resp: [String] = [], created: TimeInterval = -90_000,
                     updated: TimeInterval = -60, completed: TimeInterval? = nil, deps: [String] = []) -> WrikeTask {
        var t = WrikeTask(id: id, title: title, responsibleIds: resp, status: completed == nil ? .active : .completed,
                          createdDate: stamp(created), updatedDate: stamp(updated), dependencyIds: deps)
        t.completedDate = completed.map(stamp)
        return t
    }
    static func mention(_ id: String) -> String { #"<a class="stream-user-id avatar" rel="\#(id)">&#64;Someone</a>"# }
    /// A poll that is not the first: the window is the last ten minutes.
    static let poll = InboxPoll(me: "ME", since: t0.addingTimeInterval(-600), at: t0, baseline: false, generation: 1)
    static let known = InboxRecord(me: "ME", polledThrough: t0.addingTimeInterval(-480), mine: ["OLD"])

    // MARK: mentions

    @Test func wrikesMarkupNamesThePerson() {
        #expect(Mentions.targets("Hi " + Self.mention("KUATMOGX") + ", see this") == ["KUATMOGX"])
        #expect(Mentions.targets(#"<A REL='ME' Class='avatar Stream-User-Id'>@x</A>"#) == ["ME"])
        #expect(Mentions.targets(#"<a rel="&#77;&#69;" class="stream-user-id">@me</a>"#) == ["ME"])
        #expect(Mentions.targets(#"<a class="stream-user-id avatar quasi-contact" rel="@assignees">@assignees</a>"#)
                == [Mentions.assignees])
    }

    @Test func hostileHTMLIsNoMention() {
        // Only the class token counts, not text that looks like it.
        #expect(Mentions.targets(#"<a class="stream-user-idx" rel="ME">@me</a>"#).isEmpty)
        #expect(Mentions.targets(#"<a class="x" rel="ME" title="class=stream-user-id">@me</a>"#).isEmpty)
        #expect(Mentions.targets(#"<span class="stream-user-id" rel="ME">@me</span>"#).isEmpty)
        #expect(Mentions.targets("@Alex Morgan typed as text, &lt;a class=\"stream-user-id\" rel=\"ME\"&gt;").isEmpty)
        // Quoted, commented out, in a script: not a new mention.
        #expect(Mentions.targets("<blockquote><p>" + Self.mention("ME") + "</p></blockquote>reply").isEmpty)
        #expect(Mentions.targets("<blockquote>old</blockquote>" + Self.mention("ME")) == ["ME"])
        #expect(Mentions.targets("<!-- " + Self.mention("ME") + " -->").isEmpty)
        #expect(Mentions.targets("<script>" + Self.mention("ME") + "</script>").isEmpty)
        // Ids with control characters or spaces, empty, absurdly long: not ids.
        #expect(Mentions.targets(#"<a class="stream-user-id" rel="M&#10;E">x</a>"#).isEmpty)
        #expect(Mentions.targets(#"<a class="stream-user-id" rel="">x</a><a class="stream-user-id">x</a>"#).isEmpty)
        #expect(Mentions.targets(#"<a class="stream-user-id" rel="\#(String(repeating: "A", count: 500))">x</a>"#).isEmpty)
        // Unterminated tags and quotes end without a mention and without hanging.
        #expect(Mentions.targets(#"<a class="stream-user-id" rel="ME"#).isEmpty)
        #expect(Mentions.targets(String(repeating: "<a class='", count: 50_000)).isEmpty)
        #expect(Mentions.targets(String(repeating: "<blockquote>", count: 100_000) + Self.mention("ME")).isEmpty)
        // A mention past the scanned prefix of a huge comment is not read (bounded work).
        #expect(Mentions.targets(String(repeating: "x", count: 300_000) + Self.mention("ME")).isEmpty)
    }

    @Test func theAssigneesCountOnlyForATaskOfMine() {
        let html = #"<a class="stream-user-id avatar quasi-contact" rel="@assignees">@assignees</a>"#
        #expect(Mentions.mentions(html, me: "ME", responsibles: ["U2", "ME"]))
        #expect(!Mentions.mentions(html, me: "ME", responsibles: ["U2"]))
        #expect(!Mentions.mentions(Self.mention("U2"), me: "ME", responsibles: ["ME"]))
    }

    // MARK: assembly

    @Test func eachReasonWithItsTime() throws {
        let answer = InboxAnswer(
            changedTasks: [Self.task("NEW", "Fresh task", resp: ["ME"], updated: -300),
                           Self.task("OLD", "Still mine", resp: ["ME"], updated: -200),
                           Self.task("PRED", "Design", completed: -120, deps: ["D1"])],
            comments: [Comment(id: "C1", authorId: "U2", text: "look " + Self.mention("ME"), createdDate: Self.stamp(-100), taskId: "T9"),
                       Comment(id: "C2", authorId: "ME", text: Self.mention("ME"), createdDate: Self.stamp(-90), taskId: "T9"),
                       Comment(id: "C3", authorId: "U2", text: Self.mention("U3"), createdDate: Self.stamp(-80), taskId: "T9"),
                       Comment(id: "C4", authorId: "U2", text: Self.mention("ME"), createdDate: Self.stamp(-70), folderId: "F1")],
            approvals: [Approval(id: "AP1", taskId: "T9", authorId: "U3", description: "<p>Sign off</p>", updatedDate: Self.stamp(-50),
                                 decisions: [ApprovalDecision(approverId: "ME", status: .pending, updatedDate: Self.stamp(-55))],
                                 status: .pending),
                        Approval(id: "AP2", taskId: "T9", updatedDate: Self.stamp(-40),
                                 decisions: [ApprovalDecision(approverId: "ME", status: .approved)], status: .pending)],
            dependencies: [Dependency(id: "D1", predecessorId: "PRED", successorId: "MINE2", relationType: .finishToStart)],
            tasksById: [Self.task("T9", "Budget", resp: ["U2"]), Self.task("MINE2", "Build", resp: ["ME"])])
        let (record, added) = InboxAssembly.apply(answer, poll: Self.poll, to: Self.known)
        #expect(Set(added.map(\.id)) == ["approval:AP1", "mentioned:C1", "unblocked:MINE2:PRED", "assigned:NEW"])
        // Newest first.
        #expect(record.items.map(\.id) == ["approval:AP1", "mentioned:C1", "unblocked:MINE2:PRED", "assigned:NEW"])
        let m = try #require(record.items.first { $0.reason == .mentioned })
        #expect(m.taskId == "T9" && m.title == "Budget" && m.by == "U2" && m.at == Self.t0.addingTimeInterval(-100))
        #expect(m.note == "look @Someone" && !m.read)
        let ap = try #require(record.items.first { $0.reason == .approval })
        #expect(ap.note == "Sign off" && ap.by == "U3" && ap.at == Self.t0.addingTimeInterval(-55))
        let u = try #require(record.items.first { $0.reason == .unblocked })
        #expect(u.taskId == "MINE2" && u.title == "Build" && u.note == "Design" && u.at == Self.t0.addingTimeInterval(-120))
        #expect(record.mine == ["NEW", "OLD"] && record.polledThrough == Self.t0 && record.unread == 4)
    }

    @Test func aSecondPollOverTheSameWindowAddsNothingAndKeepsReadMarks() {
        let answer = InboxAnswer(
            changedTasks: [Self.task("NEW", "Fresh task", resp: ["ME"])],
            comments: [Comment(id: "C1", authorId: "U2", text: Self.mention("ME"), createdDate: Self.stamp(-100), taskId: "T9")])
        var (record, added) = InboxAssembly.apply(answer, poll: Self.poll, to: Self.known)
        #expect(added.count == 2)
        record.items[0].read = true
        let again = InboxPoll.next(me: "ME", record: record, now: Self.t0.addingTimeInterval(60), generation: 2)
        #expect(again.since == Self.t0.addingTimeInterval(-InboxPoll.overlap) && !again.baseline)
        let (after, addedAgain) = InboxAssembly.apply(answer, poll: again, to: record)
        #expect(addedAgain.isEmpty && after.items == record.items && after.unread == 1)
    }

    @Test func theFirstPollLearnsWhatIsMineWithoutFlooding() {
        let first = InboxPoll.next(me: "ME", record: nil, now: Self.t0, generation: 1)
        #expect(first.baseline && first.since == Self.t0.addingTimeInterval(-InboxPoll.lookBack))
        #expect(first.approvals.updatedDate == nil && Poll.hasUpdated(first.changedTasks))
        let answer = InboxAnswer(
            changedTasks: [Self.task("LONG", "Mine for a year", resp: ["ME"], created: -400 * 86_400, updated: -3600),
                           Self.task("TODAY", "Created for me today", resp: ["ME"], created: -7200, updated: -3600)],
            myTaskIds: ["LONG", "TODAY", "QUIET"],
            comments: [Comment(id: "OLDC", authorId: "U2", text: Self.mention("ME"), createdDate: Self.stamp(-2 * 86_400), taskId: "T9"),
                       Comment(id: "C1", authorId: "U2", text: Self.mention("ME"), createdDate: Self.stamp(-3600), taskId: "T9")])
        let (record, added) = InboxAssembly.apply(answer, poll: first, to: nil)
        // A comment older than the look-back window would not be in Wrike's answer; the assembly keeps what
        // is asked for. The task mine for a year is not "assigned"; the one created today is.
        #expect(added.map(\.id).contains("assigned:TODAY") && !added.map(\.id).contains("assigned:LONG"))
        #expect(record.mine == ["LONG", "QUIET", "TODAY"])
        // Later, a change to a task that was quietly mine is no news; a task that became mine is.
        let next = InboxPoll.next(me: "ME", record: record, now: Self.t0.addingTimeInterval(120), generation: 2)
        let (_, later) = InboxAssembly.apply(InboxAnswer(changedTasks: [Self.task("QUIET", "q", resp: ["ME"]),
                                                                        Self.task("GIVEN", "g", resp: ["ME", "U2"])]),
                                             poll: next, to: record)
        #expect(later.map(\.id) == ["assigned:GIVEN"])
    }

    @Test func unassignedThenAssignedAgainIsNewsAgainOnlyWhenSeenUnassigned() {
        var (record, _) = InboxAssembly.apply(InboxAnswer(changedTasks: [Self.task("T", "t", resp: ["U2"])]),
                                              poll: Self.poll, to: Self.known)
        #expect(!record.mine.contains("T"))
        (record, _) = InboxAssembly.apply(InboxAnswer(changedTasks: [Self.task("OLD", "taken away", resp: ["U2"])]),
                                          poll: Self.poll, to: record)
        #expect(!record.mine.contains("OLD"))
        let (_, added) = InboxAssembly.apply(InboxAnswer(changedTasks: [Self.task("OLD", "back", resp: ["ME"])]),
                                             poll: Self.poll, to: record)
        #expect(added.map(\.id) == ["assigned:OLD"])
    }

    @Test func predecessorsCompletedBeforeTheWindowOrOfOthersTasksAreNoNews() {
        let answer = InboxAnswer(
            changedTasks: [Self.task("EARLY", "Done long ago", updated: -60, completed: -86_400, deps: ["D1"]),
                           Self.task("P2", "Done now", completed: -60, deps: ["D2", "D3"])],
            dependencies: [Dependency(id: "D1", predecessorId: "EARLY", successorId: "MINE", relationType: .finishToStart),
                           Dependency(id: "D2", predecessorId: "P2", successorId: "THEIRS", relationType: .finishToStart),
                           Dependency(id: "D3", predecessorId: "P2", successorId: "MINEDONE", relationType: .finishToStart)],
            tasksById: [Self.task("MINE", "m", resp: ["ME"]), Self.task("THEIRS", "t", resp: ["U2"]),
                        Self.task("MINEDONE", "d", resp: ["ME"], completed: -10)])
        #expect(answer.dependencyIdsToRead(since: Self.poll.since) == ["D2", "D3"])
        #expect(InboxAssembly.apply(answer, poll: Self.poll, to: Self.known).added.isEmpty)
    }

    @Test func whatThePollReadsNext() {
        let answer = InboxAnswer(
            changedTasks: [Self.task("P", "p", completed: -60, deps: ["D1"]), Self.task("HAVE", "h")],
            comments: [Comment(id: "C1", authorId: "U2", text: Self.mention("U3"), taskId: "T1"),
                       Comment(id: "C5", authorId: "U2", text: #"<a class="stream-user-id" rel="@assignees">@a</a>"#, taskId: "T5"),
                       Comment(id: "C2", authorId: "U2", text: "no mention", taskId: "T2"),
                       Comment(id: "C3", authorId: "ME", text: Self.mention("ME"), taskId: "T3"),
                       Comment(id: "C4", authorId: "U2", text: Self.mention("ME"), taskId: "HAVE")],
            approvals: [Approval(id: "A", taskId: "T4")],
            dependencies: [Dependency(id: "D1", predecessorId: "P", successorId: "S", relationType: .finishToStart)])
        // Comments that mention someone else need no read; one to the assignees needs the task's.
        #expect(answer.taskIdsToRead(me: "ME", since: Self.poll.since) == ["T5", "T4", "S"])
        // What the previous poll saw is not read about again.
        var again = answer
        again.dropHandled(Set(answer.seen))
        #expect(again.taskIdsToRead(me: "ME", since: Self.poll.since).isEmpty)
        #expect(again.dependencyIdsToRead(since: Self.poll.since).isEmpty)
    }

    @Test func anotherPersonsRecordStartsANewInbox() {
        let theirs = InboxRecord(me: "U2", polledThrough: Self.t0, mine: ["X"],
                                 items: [InboxItem(id: "assigned:X", reason: .assigned, taskId: "X", title: "x", at: Self.t0)])
        let poll = InboxPoll.next(me: "ME", record: theirs, now: Self.t0, generation: 1)
        #expect(poll.baseline)
        let (record, _) = InboxAssembly.apply(InboxAnswer(), poll: poll, to: theirs)
        #expect(record.me == "ME" && record.items.isEmpty && record.mine.isEmpty)
    }

    @Test func aLongAbsenceReadsAtMostAWeek() {
        let record = InboxRecord(me: "ME", polledThrough: Self.t0.addingTimeInterval(-90 * 86_400))
        let poll = InboxPoll.next(me: "ME", record: record, now: Self.t0, generation: 1)
        #expect(poll.since == Self.t0.addingTimeInterval(-InboxPoll.maxWindow) && !poll.baseline)
    }

    @Test func theRecordRoundTripsAndRefusesDamage() throws {
        let r = InboxRecord(me: "ME", polledThrough: Self.t0, mine: ["A"],
                            items: [InboxItem(id: "mentioned:C", reason: .mentioned, taskId: "T", title: "t\u{1B}[2J", note: "n",
                                              by: "U2", at: Self.t0, read: true)])
        #expect(try InboxRecord.decode(Array(r.encoded())).get() == r)
        #expect(InboxRecord.decode(Array("{\"version\":1".utf8)) == .failure(.damaged("not an inbox file")))
        var future = r
        future.version = 99
        #expect(InboxRecord.decode(Array(try future.encoded())) == .failure(.damaged("format version 99")))
    }
}

enum Poll {
    static func hasUpdated(_ q: TaskQuery) -> Bool { q.updatedDate?.start != nil && q.subTasks == true }
}
