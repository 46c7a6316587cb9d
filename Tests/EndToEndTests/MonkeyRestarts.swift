import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI

/// The monkey's kills (issue 20): the app in the monkey's shell is killed with `kill -9` at random moments
/// (some right after a send) and started again at once; at the end a last session lets every draft settle
/// (interrupted sends are checked by themselves) and discards what is left from the drafts list.
struct MonkeyRestarts {
    let tmux: Reliability.Tmux
    /// The shell command that starts the app.
    let command: String
    let drafts: DraftStore
    private(set) var kills = 0
    /// Drafts on disk right after each kill, in state `sending` (a send cut off in flight).
    private(set) var cutInFlight = 0

    init(tmux: Reliability.Tmux, command: String, drafts: DraftStore) {
        self.tmux = tmux
        self.command = command
        self.drafts = drafts
    }

    /// The program in the pane's foreground (`bash` at the prompt).
    func foreground() -> String {
        tmux.run(["display", "-p", "-t", "e2e", "#{pane_current_command}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Types the command at the prompt and waits for the app's first frame (the tree, or the drafts offered).
    func start() -> (Bool, String) {
        tmux.keys("C-u")
        tmux.type(command)
        tmux.keys("Enter")
        var screen = ""
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            // Only the app's own frame counts, not what an earlier one left on the screen.
            if foreground() != "bash" {
                screen = tmux.capture()
                if screen.contains("Engineering") || screen.contains("Unsent drafts") { return (true, screen) }
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return (false, tmux.capture())
    }

    /// `kill -9`, back at the prompt, started again. Returns a failure, or nil.
    mutating func killAndRestart() -> String? {
        if let problem = tmux.killApp(seconds: 5) { return problem }
        kills += 1
        cutInFlight += drafts.list().drafts.filter { $0.state == .sending }.count
        // The shell is in the foreground again (its prompt is somewhere on the dead app's screen).
        var shell = false
        for _ in 0..<150 where !shell {
            shell = foreground() == "bash"
            if !shell { Thread.sleep(forTimeInterval: 0.1) }
        }
        guard shell else { return "the shell did not come back after kill -9 (\(foreground())):\n\(tmux.capture())" }
        // Started again at a size where its first frame can be recognised (a random resize may have left it tiny).
        tmux.run(["resize-window", "-t", "e2e", "-x", "120", "-y", "40"])
        // The app had no chance to leave the alternate screen: leave it, as its own exit would.
        tmux.keys("C-u")  // keys the dead app had not read yet are not part of the next command
        tmux.run(["send-keys", "-t", "e2e", "-l", "stty sane; printf '\\033[?1049l'; clear"])
        tmux.keys("Enter")
        Thread.sleep(forTimeInterval: 0.3)
        let (ok, s) = start()
        return ok ? nil : "the app did not start again after kill -9:\n\(s)\n\(diagnosis())"
    }

    /// What runs in the pane when a start fails: the session's processes (state, kernel wait channel) and,
    /// with gdb installed, the stacks of the app's threads.
    func diagnosis() -> String {
        guard let shell = Int32(tmux.run(["list-panes", "-t", "e2e", "-F", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) else { return "(no pane)" }
        var out = spawnAndWait("/bin/ps", ["-o", "pid,ppid,pgid,tpgid,stat,wchan:24,etime,args", "-s", String(shell)]).output
        if let pid = tmux.appPid(), let gdb = findOnPath("gdb") {
            out += spawnAndWait(gdb, ["-p", String(pid), "-batch", "-ex", "thread apply all bt 12"], withStderr: true).output
                .split(separator: "\n").filter { !$0.hasPrefix("[New LWP") }.joined(separator: "\n")
        }
        return out
    }

    /// What the last session did with the drafts left.
    struct Ending {
        var settled = false
        var atStart = 0, checkedAway = 0, discarded = 0
        var left: [Draft] = []
        var seconds: TimeInterval = 0
    }

    /// A last session: the interrupted sends are checked by themselves (found: the draft goes; not found
    /// once their time limit has passed: kept as failed), then every draft left is discarded from the
    /// drafts list (Del, then y). Ends with `q`.
    func settleAndDiscard(timeout: TimeInterval = 150) -> Ending {
        var end = Ending()
        let began = Date()
        end.atStart = drafts.list().drafts.count
        let (ok, _) = start()
        guard ok else { return end }
        func undecided() -> [Draft] { drafts.list().drafts.filter { $0.state == .sending || $0.state == .unknownOutcome } }
        while !undecided().isEmpty && Date().timeIntervalSince(began) < timeout { Thread.sleep(forTimeInterval: 0.5) }
        // The file of a send proved not to have arrived is rewritten as failed; give the last one a moment.
        Thread.sleep(forTimeInterval: 1)
        end.settled = undecided().isEmpty
        let remaining = drafts.list().drafts.count
        end.checkedAway = end.atStart - remaining
        var attempts = 0
        while !drafts.list().drafts.isEmpty && attempts < remaining * 3 + 3 {
            attempts += 1
            let before = drafts.list().drafts.count
            if !tmux.capture().contains("Unsent drafts") {
                tmux.keys("Escape", "Escape")
                Thread.sleep(forTimeInterval: 0.2)
                tmux.keys("u")
                _ = tmux.waitFor("Unsent drafts", timeout: 10)
            }
            tmux.keys("DC")
            guard tmux.waitFor("Discard draft", timeout: 10).0 else { continue }
            tmux.keys("y")
            for _ in 0..<100 where drafts.list().drafts.count == before { Thread.sleep(forTimeInterval: 0.05) }
            if drafts.list().drafts.count < before { end.discarded += 1 }
        }
        end.left = drafts.list().drafts
        tmux.keys("Escape", "Escape", "q")
        _ = tmux.waitFor("prompt", timeout: 30) { s in
            s.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("MONKEY$") ?? false
        }
        end.seconds = Date().timeIntervalSince(began)
        return end
    }
}
