import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// The inbox on screen: a row per item with its unread mark, when and why, newest first; Wrike's text
/// sanitized (escape sequences, bidi controls); the unread count on the status line and the tree row.
@Suite struct InboxScreenTests {
    static let now = BrowserScreenTests.now
    static let esc = BrowserScreenTests.esc

    /// The golden screens' state with the inbox polled once: a hostile title and comment, a mention by a
    /// contact whose name carries escape sequences, an approval, an unblocked task.
    static func state(open: Bool) -> AppState {
        var s = BrowserScreenTests.state(width: 120, height: 30, focus: .tree, openTask: false)
        _ = s.handle(.inbox(.loaded(.success(nil))))
        let poll = InboxPoll(me: "ME", since: now.addingTimeInterval(-3600), at: now, baseline: false, generation: 0)
        func stamp(_ dt: TimeInterval) -> String { WrikeDate.formatTimestamp(now.addingTimeInterval(dt)) }
        let mention = #"<a class="stream-user-id avatar" rel="ME">&#64;Alex</a>"#
        let answer = InboxAnswer(
            changedTasks: [WrikeTask(id: "A1", title: "Evil \(esc)[31mred\(esc)[0m title\u{202E}", responsibleIds: ["ME"],
                                     status: .active, createdDate: stamp(-7200), updatedDate: stamp(-300))],
            comments: [Comment(id: "C1", authorId: "EV", text: "<p>ping \(mention) \(esc)]52;c;ZXZpbA==\u{07}now</p>",
                               createdDate: stamp(-120), taskId: "M1")],
            approvals: [Approval(id: "AP", taskId: "M1", authorId: "HS", description: "Sign the budget", updatedDate: stamp(-60),
                                 decisions: [ApprovalDecision(approverId: "ME", status: .pending, updatedDate: stamp(-60))],
                                 status: .pending)],
            tasksById: [WrikeTask(id: "M1", title: "Quarterly planning", responsibleIds: ["ME"], status: .active)])
        if open { _ = s.update(.inbox(.open)) }
        _ = s.handle(.inbox(.polled(InboxPoll(me: "ME", since: poll.since, at: poll.at, baseline: false,
                                              generation: s.features.inbox.generation), .success(answer))))
        return s
    }

    @Test func theViewWithItsReasonsSanitized() throws {
        let c = BrowserScreenTests.render(Self.state(open: true), 120, 30)
        try BrowserScreenTests.check("inbox-120x30", c)
        let text = c.text()
        #expect(text.contains("Inbox · 3 unread · checked just now"))
        let rows = (0..<c.height).map { c.line($0) }
        let approval = try #require(rows.firstIndex { $0.contains("approval waiting on you") })
        let mention = try #require(rows.firstIndex { $0.contains("mentioned you") })
        let assigned = try #require(rows.firstIndex { $0.contains("assigned to you") })
        #expect(approval < mention && mention < assigned)  // newest first
        #expect(rows[approval].contains("● 1 min ago") && rows[approval].contains("Quarterly planning · 花子 佐藤: Sign the budget"))
        #expect(rows[mention].contains("2 min ago") && rows[mention].contains("ping @Alex"))
        #expect(rows[assigned].contains("5 min ago") && rows[assigned].contains("Evil"))
        #expect(!text.contains("\u{202E}") && !text.contains(Self.esc) && !text.contains("ZXZpbA==\u{07}"))
        #expect(text.contains("inbox 3 unread"))  // the status line
        #expect(text.contains("Enter open task") && text.contains("m mark read"))  // the hint line
        // The selected (first) item in full, with its time, on the bottom line.
        #expect(text.contains("2024-06-15 11:59 · approval waiting on you · Quarterly planning"))
    }

    @Test func theCountOnTheTreeRowAndTheStatusLineGoesWithTheMarks() {
        var s = Self.state(open: false)
        var text = BrowserScreenTests.render(s, 120, 30).text()
        #expect(text.contains("• Inbox (3)") && text.contains("inbox 3 unread"))
        _ = s.update(.inbox(.open))
        _ = s.update(.inbox(.toggleRead))
        text = BrowserScreenTests.render(s, 120, 30).text()
        #expect(text.contains("Inbox · 2 unread") && text.contains("inbox 2 unread"))
        _ = s.update(.inbox(.markAllRead))
        _ = s.update(.inbox(.close))
        text = BrowserScreenTests.render(s, 120, 30).text()
        #expect(text.contains("• Inbox ") && !text.contains("Inbox (") && !text.contains("unread"))
    }

    @Test func beforeTheFirstCheckAndAfterAFailure() {
        var s = BrowserScreenTests.state(width: 100, height: 24, focus: .tree, openTask: false)
        _ = s.handle(.inbox(.loaded(.success(nil))))
        let effects = s.update(.inbox(.open))
        var text = BrowserScreenTests.render(s, 100, 24).text()
        #expect(text.contains("Checking Wrike for what is new for you…") && text.contains("checking…"))
        guard case .inbox(.poll(let poll))? = effects.first else {
            Issue.record("no poll: \(effects)")
            return
        }
        _ = s.handle(.inbox(.polled(poll, .failure(ServiceFailure("Cannot reach Wrike (offline or the server is down).")))))
        text = BrowserScreenTests.render(s, 100, 24).text()
        #expect(text.contains("Could not check the inbox: Cannot reach Wrike"))
    }
}
