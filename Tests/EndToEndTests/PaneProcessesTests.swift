import Foundation
import Testing

/// The harness's `kill -9` of the app (`Tmux.killApp`), in a pane whose shell ends with the app: the pane is
/// kept, tells how its shell ended, and `respawn-pane` starts a program in it again.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct PaneProcessesTests {
    @Test func aKilledAppsPaneIsKeptWhenItsShellEndsToo() throws {
        let tmux = Reliability.Tmux(path: try #require(findOnPath("tmux")))
        defer { Reliability.shutdown(tmux) }
        // The app (a long-running `sandbox serve`), then a shell that kills itself: it ends as soon as the app has.
        tmux.run(["new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24",
                  "'\(Reliability.binary)' sandbox serve --port 0 --token pane-test; kill -9 $$"])
        var started = false
        for _ in 0..<300 where !started {
            started = tmux.appPid() != nil
            if !started { Thread.sleep(forTimeInterval: 0.1) }
        }
        try #require(started, "the app did not start:\n\(tmux.capture())")
        let problem = tmux.killApp()
        #expect(problem == nil, "\(problem ?? "")")
        // tmux may see the pty close before the shell's exit status.
        var report = ""
        for _ in 0..<100 where !report.contains("signal 9") {
            report = tmux.paneReport()
            if !report.contains("signal 9") { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(report.contains("dead 1") && report.contains("signal 9"), "the shell's end: \(report)")
        tmux.run(["respawn-pane", "-k", "-t", "e2e", "echo RESPAWNED; sleep 30"])
        let (ok, screen) = tmux.waitFor("RESPAWNED", timeout: 30)
        #expect(ok, "the pane was not there to start again:\n\(screen)\n\(tmux.paneReport())")
    }
}
