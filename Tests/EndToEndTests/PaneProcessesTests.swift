import Foundation
import Testing

/// The harness's `kill -9` of the app (`Tmux.killApp`), in a pane whose shell ends with the app: the pane is
/// kept and `respawn-pane` starts a program in it again.
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
        // The pane is kept once tmux has seen its pty close. How the shell ended (`signal 9`) comes later, when
        // tmux reaps it; on the CI machine a shell stayed a zombie for the whole 5 s wait, so that is only logged.
        var report = ""
        for _ in 0..<100 where !report.contains("dead 1") {
            report = tmux.paneReport()
            if !report.contains("dead 1") { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(report.contains("dead 1"), "the pane was not kept: \(report)")
        print("PaneProcessesTests: \(report.split(separator: "\n").first ?? "")")
        tmux.run(["respawn-pane", "-k", "-t", "e2e", "echo RESPAWNED; sleep 30"])
        let (ok, screen) = tmux.waitFor("RESPAWNED", timeout: 30)
        #expect(ok, "the pane was not there to start again:\n\(screen)\n\(tmux.paneReport())")
    }
}
