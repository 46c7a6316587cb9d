import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The processes in session `e2e`'s pane: the app a test kills with `kill -9`, and the pane's own state.
extension BrowserEndToEndTests.Tmux {
    /// The app: the pane shell's child named wrike-tui. Not just any child: once the app has ended, the
    /// shell's child may be the `sleep` after it, whose kill ends the pane.
    func appPid() -> Int32? {
        guard let shell = Int32(run(["list-panes", "-t", "e2e", "-F", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let out = spawnAndWait("/bin/ps", ["-o", "pid=,comm=", "--ppid", String(shell)]).output
        for line in out.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2, parts[1].hasPrefix("wrike-tui"), let pid = Int32(parts[0]) { return pid }
        }
        return nil
    }

    /// The pane's process, whether it has ended (a pane kept by `remain-on-exit`) with which status or
    /// signal, and what runs in it; then the processes of its session.
    func paneReport() -> String {
        let pane = run(["list-panes", "-t", "e2e", "-F",
                        "pane pid #{pane_pid}, dead #{pane_dead}, status #{pane_dead_status}, signal #{pane_dead_signal}, running #{pane_current_command}"])
        guard let shell = Int32(pane.split(separator: ",").first?.split(separator: " ").last ?? "") else {
            return "(no pane: \(pane))"
        }
        return pane + spawnAndWait("/bin/ps", ["-o", "pid,ppid,pgid,stat,etime,args", "-s", String(shell)]).output
    }

    /// `kill -9` of the app, then waits until its process has ended: by its pid, not by what the shell prints
    /// after it (a terminal a process was killed in may be in any state). The pane is kept if its shell ends
    /// too (`remain-on-exit`: `respawn-pane` can still start the app in it, and `paneReport` tells how it
    /// ended). Nil once the app has ended, else what went wrong, with the screen and the pane's processes.
    func killApp(seconds: Double = 10) -> String? {
        run(["set", "-g", "remain-on-exit", "on"])
        guard let pid = appPid() else { return "no app process to kill:\n\(capture())\n\(paneReport())" }
        Glibc.kill(pid, SIGKILL)  // the function, not this type's kill-server
        guard DeadTerminalEndToEndTests.waitGone(pid, seconds: seconds) else {
            return "the app (\(pid)) still runs \(Int(seconds)) s after kill -9:\n\(capture())\n\(paneReport())"
        }
        return nil
    }
}

extension ActionsEndToEndTests.Session {
    /// `kill -9` of the app (`Tmux.killApp`); returns once its process has ended. The shell's `__EXIT__137`
    /// line is waited for 10 s at most: when it is not on the screen, the screen and the pane's state go to
    /// the log.
    func killApp() throws {
        let problem = tmux.killApp()
        try #require(problem == nil, "\(problem ?? "")")
        let (ok, screen) = tmux.waitFor("__EXIT__137", timeout: 10)
        if !ok { print("e2e: the app ended, its shell's __EXIT__137 is not on the screen:\n\(screen)\n\(tmux.paneReport())") }
    }

    /// The app started again in the same pane.
    func restartApp() {
        tmux.run(["respawn-pane", "-k", "-t", "e2e", command])
    }
}
