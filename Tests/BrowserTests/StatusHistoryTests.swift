// Issue 12, item 10: the status line shows the newest message (an error no longer swallows later
// ones), keeps the last 50 with their times from the app's clock, and the `messages` key shows them.
import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI

@Suite struct StatusHistoryTests {
    @Test func theNewestMessageComesFirst() {
        var s = loadedState()
        s.status.lastError = "“Spec” has no dates (Backlog) but as predecessor needs dates. Set dates in Wrike first."
        #expect(s.status.newestFirst.map(\.text).first?.hasPrefix("“Spec”") == true)
        s.status.message = "Relation type changed."
        #expect(s.status.newestFirst.map(\.text) == ["Relation type changed.",
                                                     "“Spec” has no dates (Backlog) but as predecessor needs dates. Set dates in Wrike first."])
        #expect(s.status.newestFirst.map(\.isError) == [false, true])
        s.status.lastError = "Cannot reach Wrike."
        #expect(s.status.newestFirst.first?.text == "Cannot reach Wrike.")
        // The next key clears the message; the error stays until it is dealt with.
        _ = s.update(.move(1))
        #expect(s.status.newestFirst.map(\.text) == ["Cannot reach Wrike."])
    }

    @Test func historyKeepsFiftyWithTheClocksTimes() {
        var s = loadedState()
        let start = s.status.history.count
        for i in 0..<60 {
            _ = s.update(.tick(testNow.addingTimeInterval(Double(i))))
            if i.isMultiple(of: 2) { s.status.message = "message \(i)" } else { s.status.lastError = "error \(i)" }
        }
        #expect(start < 60)
        #expect(s.status.history.count == StatusState.historyLimit)
        #expect(s.status.history.last == StatusEntry(time: testNow.addingTimeInterval(59), text: "error 59", isError: true))
        #expect(s.status.history.first?.text == "message 10")
        // The same text set again is recorded once; a countdown rewriting its line is not recorded.
        s.status.lastError = "error 59"
        s.status.updateError("retrying in 3 s")
        #expect(s.status.history.count == StatusState.historyLimit && s.status.history.last?.text == "error 59")
        #expect(s.status.lastError == "retrying in 3 s")
    }

    @Test func theMessagesKeyShowsThemNewestFirst() {
        var s = loadedState()
        s.status = StatusState()
        _ = s.update(.tick(testNow.addingTimeInterval(3_725)))   // 13:02:05 UTC
        s.status.lastError = "Not found in Wrike."
        _ = s.update(.tick(testNow.addingTimeInterval(3_726)))
        s.status.message = "Copied https://www.wrike.com/open.htm?id=T1"
        #expect(Keymap.defaults.action(for: "m") == .messages)
        _ = s.update(Action.messages.intent)
        guard case .messages(var p)? = s.modal else { Issue.record("no messages overlay"); return }
        #expect(p.labels == ["13:02:06   Copied https://www.wrike.com/open.htm?id=T1", "13:02:05 ! Not found in Wrike."])
        p.type("found")
        #expect(p.current?.text == "Not found in Wrike.")
        _ = s.update(.action(.picker(.cancel)))
        #expect(s.modal == nil)
    }

    /// A read the user did not ask for (dependencies and titles for the list) says nothing on the
    /// status line when it fails.
    @Test func backgroundReadsFailQuietly() {
        var s = loadedState()
        _ = s.handle(.dependencies(.failure(ServiceFailure("Not found in Wrike; it may have been deleted or moved: Dependency not found."))))
        _ = s.handle(.tasksById(.failure(ServiceFailure("Not found in Wrike; it may have been deleted or moved: Task not found."))))
        #expect(s.status.lastError == nil && s.status.history.allSatisfy { !$0.isError })
    }
}
