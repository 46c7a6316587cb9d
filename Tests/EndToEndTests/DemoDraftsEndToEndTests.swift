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
            // A comment typed in the demo, kept by Ctrl-C (a typed Ctrl-C ends the app as SIGINT does).
            /// Sends `keys` (typed as text when `text`), then waits for `shown`.
            func step(_ keys: [String], text: Bool = false, until shown: String, _ what: String) throws {
                if text { keys.forEach { tmux.type($0) } } else { tmux.run(["send-keys", "-t", "e2e"] + keys) }
                let (ok, screen) = tmux.waitFor(shown)
                try #require(ok, "\(what):\n\(screen)")
            }
            try step(["j", "Enter"], until: "status↑", "no list")
            try step(["Enter"], until: "Comments (", "no task")
            try step(["c"], until: "Comment · ", "no comment editor")
            try step(["Words for the demo"], text: true, until: "Words for the demo", "typed text not shown")
            try step(["C-c"], until: "__EXIT__130", "Ctrl-C did not end the demo")
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
