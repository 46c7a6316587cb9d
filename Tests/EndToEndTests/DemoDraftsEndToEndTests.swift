import Browser
import BrowserRuntime
import Foundation
import Testing

/// The demo's drafts are its own: a comment left unsent in the user's account is not offered by
/// `--demo` (whose sandbox knows none of the account's tasks), and a comment typed in the demo is not
/// offered to the account (before, both were profile "default": each session offered the other's).
@Suite(.serialized, .enabled(if: tmuxInstalled && findOnPath("bash") != nil, "tmux or bash is not installed"))
struct DemoDraftsEndToEndTests {
    @Test func theDemoAndTheAccountDoNotOfferEachOthersDrafts() throws {
        try PasteDraftEndToEndTests.withRig("demodrafts") { rig in
            let tmux = rig.tmux
            let account = Draft(id: "daccount1", kind: .comment, profile: "default", taskId: rig.task.id,
                                taskTitle: rig.task.title, text: "Words for my account", created: Date(), state: .editing)
            try rig.drafts.save(account)
            tmux.type("\(Reliability.appEnvironment(home: rig.base.home, token: rig.base.token)) '\(Reliability.binary)' "
                      + "--demo; echo __EX\"\"IT__$?")
            tmux.keys("Enter")
            var (ok, screen) = tmux.waitFor("Northwind Labs")
            try #require(ok, "the demo did not start:\n\(screen)")
            tmux.keys("u")
            (ok, screen) = tmux.waitFor("No unsent drafts")
            #expect(ok, "the demo offered or listed the account's draft:\n\(screen)")
            // A comment typed in the demo and kept by q.
            tmux.keys("j", "Enter")
            (ok, screen) = tmux.waitFor("the Platform list") { $0.contains("Tasks · Platform") && $0.contains("In Progress") }
            try #require(ok, "no list:\n\(screen)")
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("Comments (")
            try #require(ok, "no task:\n\(screen)")
            tmux.keys("c")
            (ok, screen) = tmux.waitFor("Comment · ")
            try #require(ok, "no comment editor:\n\(screen)")
            tmux.type("Words for the demo")
            (ok, screen) = tmux.waitFor("Words for the demo")
            try #require(ok, "typed text not shown:\n\(screen)")
            tmux.keys("C-c")
            (ok, screen) = tmux.waitFor("__EXIT__130")
            try #require(ok, "Ctrl-C did not end the demo:\n\(screen)")
            let texts = rig.drafts.list().drafts.map { "\($0.profile): \($0.text)" }.sorted()
            #expect(texts == ["default: Words for my account", "demo: Words for the demo"], "\(texts)")
            // The account's session offers its own draft only.
            tmux.type("clear")
            tmux.keys("Enter")
            rig.startApp()
            (ok, screen) = tmux.waitFor("Unsent drafts")
            try #require(ok, "the account's draft was not offered:\n\(screen)")
            #expect(screen.contains("Words for my account") || screen.contains(rig.task.title), "\(screen)")
            #expect(!screen.contains("Words for the demo"), "the demo's draft was offered to the account:\n\(screen)")
        }
    }
}
