import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// The monkey test: the real binary in tmux, thousands of seeded random keystrokes over the keymap
/// (every binding of `Keymap.defaults` but quit, with the task actions and the picker rows, text for
/// editors/pickers/filter, Esc, Enter, Backspace), random resizes and Ctrl-Z / `fg`, bracketed pastes of
/// text that would act if it were read as keys (quit, importance, a time entry of 7h07m sent with Ctrl-S), against
/// `sandbox serve` with faults on (503s, latency, a tight rate limit, dropped connections, writes
/// applied and their answer lost). Afterwards: the app still answers and quits cleanly, the terminal
/// is restored, no token in the app's files, every write the sandbox applied exactly once, every
/// draft readable, and no paste acted: the app never quit, no 7h07m time entry landed. The app is also
/// killed with `kill -9` at random moments (half of the write bursts right after the send) and started
/// again at once (the first three sends on a 4 s slow path, so some are cut in flight); a last session lets
/// every draft resolve by itself or discards it: 0 duplicates, 0 lost,
/// no draft left (MonkeyRestarts.swift).
///
/// Size: `WRIKE_TUI_MONKEY_KEYS` (default 2,400: about a minute), seed `WRIKE_TUI_MONKEY_SEED`;
/// `WRIKE_TUI_MONKEY_FAIL_RATE` / `WRIKE_TUI_MONKEY_DROP_RATE` set the sandbox's 503 and drop rates;
/// `WRIKE_TUI_MONKEY_KEEP=1` keeps the app's home (its log with the `write-outcome` lines, drafts).
@Suite(.serialized, .enabled(if: tmuxInstalled && findOnPath("bash") != nil, "tmux or bash is not installed"))
struct MonkeyTests {
    /// Config key name -> tmux key name.
    static func tmuxKey(_ name: String) -> String? {
        switch name {
        case "up": "Up"
        case "down": "Down"
        case "left": "Left"
        case "right": "Right"
        case "pgdn": "NPage"
        case "pgup": "PPage"
        case "home": "Home"
        case "end": "End"
        case "enter": "Enter"
        case "esc": "Escape"
        case "tab": "Tab"
        case "s-tab": "BTab"
        case "space": "Space"
        case "backspace": "BSpace"
        case "delete": "DC"
        default:
            if name.hasPrefix("ctrl-"), name.count == 6 { "C-" + name.suffix(1) }
            else if name.hasPrefix("f"), name.count >= 2, Int(name.dropFirst()) != nil { "F" + name.dropFirst() }
            else if name.count == 1 { name }
            else { nil }
        }
    }

    /// Strings typed literally (`send-keys -l`).
    static let texts = ["1h30m", "Hello monkey", "漢字", "é", "2026-01-15", "@", "#"]

    /// The hours of the time entry the pastes would log if they were read as keys.
    static let pastedHours = 7 + 7.0 / 60

    /// Pasted text (bracketed by tmux): read as keys, each would act — leave the editor, change the
    /// importance, assign, answer a question, log 7h07m with Ctrl-S, quit.
    static func pastes(seed: UInt64, n: Int) -> String {
        switch n % 5 {
        case 0: "abc\twith tab"
        case 1: "pasted \(seed)-\(n)\u{13}\tt7h07m\u{13}\r"
        case 2: "\u{1B}\u{1B}iia s\ry\r"
        case 3: "line one\nline two\n\nq"
        default: String(repeating: "iq\tx\r", count: 2_000)
        }
    }

    /// The alphabet of the walk, weighted: keymap keys (from the app's own table), the action keys,
    /// editor/picker/filter keys and text.
    static func alphabet() -> [String] {
        var keys: [String] = []
        // Every mode's rows, without quit's keys (a question's `q` is also the panes' quit).
        let quitKeys = Set(Keymap.defaults.keys(for: .quit))
        for binding in Keymap.defaults.bindings where binding.action != .quit {
            for k in binding.keys where !quitKeys.contains(k) { if let t = tmuxKey(k) { keys += [t, t] } }
        }
        keys += ["Escape", "Escape", "Enter", "Enter", "BSpace", "BSpace", "Tab", "Up", "Down", "C-s", "C-e", "C-w",
                 "C-k", "C-a", "C-j", "M-Enter", "Space"]
        // Text for editors, pickers, filters and the time field (no `q`: it quits the browser).
        for c in "abcdefhjklmnoprtuvwxyz0123456789 :.-" { keys.append(c == " " ? "Space" : String(c)) }
        keys += texts
        return keys
    }

    @Test func monkeyWalkUnderFaults() throws {
        let tmuxPath = try #require(BrowserEndToEndTests.which("tmux"))
        try #require(FileManager.default.isExecutableFile(atPath: Reliability.binary), "build the binary first: swift build")
        let env = ProcessInfo.processInfo.environment
        let total = env["WRIKE_TUI_MONKEY_KEYS"].flatMap { Int($0) } ?? 2_400
        let seed = env["WRIKE_TUI_MONKEY_SEED"].flatMap { UInt64($0) } ?? 20_261_122
        let latency = total > 5_000 ? "0-2000" : "0-500"
        // Heavier weather on request: WRIKE_TUI_MONKEY_FAIL_RATE (503s, default 0.1), WRIKE_TUI_MONKEY_DROP_RATE (0.03).
        let failRate = env["WRIKE_TUI_MONKEY_FAIL_RATE"].flatMap { Double($0) } ?? 0.1
        let dropRate = env["WRIKE_TUI_MONKEY_DROP_RATE"].flatMap { Double($0) } ?? 0.03
        var rng = SplitMix64(seed: seed)

        let home = try Reliability.scratch("monkey")
        // WRIKE_TUI_MONKEY_KEEP=1 keeps the app's home (log, drafts) and the sandbox dump for a look.
        defer {
            if env["WRIKE_TUI_MONKEY_KEEP"] == "1" { print("MonkeyTests: kept \(home)") }
            else { try? FileManager.default.removeItem(atPath: home) }
        }
        let token = "monkey-secret-\(UInt32.random(in: 0...UInt32.max))-token"
        let dump = home + "/sandbox-dump.json"
        let server = try Reliability.Server(
            args: ["--token", token, "--fail-rate", String(failRate), "--latency-ms", latency, "--rate-limit", "90",
                   "--drop-rate", String(dropRate), "--seed", String(seed), "--dump-on-exit", dump, "--test-control"],
            stderrPath: home + "/sandbox.err")
        defer { server.stop() }
        try #require(server.url.hasPrefix("http://127.0.0.1"), "server did not print its URL: \(server.url)")

        let tmux = Reliability.Tmux(path: tmuxPath)
        defer { Reliability.shutdown(tmux) }
        #expect(Reliability.startShell(tmux, home: home, prompt: "MONKEY$", width: 120, height: 40), "shell did not start")
        tmux.run(["set", "-g", "history-limit", "100"])
        // After Ctrl-Z and `fg`, bash drops the rest of a command list: the exit status and `stty` are
        // asked for at the prompt after the app exits.
        let command = "stty sane; \(Reliability.appEnvironment(home: home, token: token)) '\(Reliability.binary)' "
            + "--base-url '\(server.url)'"
        var restarts = MonkeyRestarts(tmux: tmux, command: command, drafts: DraftStore(directory: home + "/state/wrike-tui/drafts"))
        tmux.type(command)
        tmux.keys("Enter")
        // With 10% 503s the first load may fail: the app retries by itself ("retrying in 4 s"), no `r`.
        var (ok, screen) = (false, "")
        var startRetries = 0
        let startDeadline = Date().addingTimeInterval(90)
        while !ok && Date() < startDeadline {
            screen = tmux.capture()
            ok = screen.contains("Engineering")
            if screen.contains("retrying in") && startRetries == 0 { startRetries = 1 }
            if !ok { Thread.sleep(forTimeInterval: 0.2) }
        }
        try #require(ok, "the app did not start by itself:\n\(screen)")
        // Lost answers on writes, for sure: the first comment/time-log POSTs are applied and then their
        // connection dropped, one is dropped before being applied, then one more applied-and-lost (the
        // random drops rarely hit a write). The app must find the applied ones by re-reading and never
        // send them again.
        for kind in ["applyThenDrop", "dropConnection", "applyThenDrop"] {
            _ = server.control("faults", post: #"{"kind":"\#(kind)","method":"POST","pathPrefix":"/tasks/"}"#)
            _ = server.control("faults", post: #"{"kind":"\#(kind)","method":"POST","pathPrefix":"/folders/"}"#)
        }
        // And a slow path for the first sends (held 4 s, then applied even if the app is gone meanwhile):
        // a kill right after the send cuts them in flight, the race of a quick restart.
        _ = server.control("faults", post: #"{"kind":"delay","ms":4000,"count":3,"method":"POST","pathPrefix":"/tasks/"}"#)

        let alphabet = Self.alphabet()
        var sent = 0, resizes = 0, suspends = 0, probes = 0, bursts = 0, pastes = 0
        var failures: [String] = []

        /// Esc until the browser is back in normal mode, then `?` must show the help overlay.
        func probe() -> Bool {
            probes += 1
            // The help overlay needs room: probe at a normal size.
            tmux.run(["resize-window", "-t", "e2e", "-x", "120", "-y", "40"])
            for _ in 0..<2 {
                // Esc leaves pickers and forms; a form or editor holding text asks "Lose what you typed?",
                // answered with y (elsewhere y only copies the permalink).
                tmux.keys("Escape", "y", "Escape", "y", "Escape", "Escape")
                Thread.sleep(forTimeInterval: 0.2)
                tmux.keys("?")
                if tmux.waitFor("Keys · Esc closes", timeout: 15).0 {
                    tmux.keys("Escape")
                    return true
                }
            }
            return false
        }

        while sent < total && failures.isEmpty {
            let roll = rng.next() % 1000
            if roll < 6 {
                let w = Int(10 + rng.next() % 190), h = Int(3 + rng.next() % 60)
                tmux.run(["resize-window", "-t", "e2e", "-x", String(w), "-y", String(h)])
                resizes += 1
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            if roll < 8 {
                // Suspend and resume.
                tmux.run(["resize-window", "-t", "e2e", "-x", "120", "-y", "40"])
                tmux.keys("C-z")
                // bash notices a job stopped from inside (not by the tty) at its next prompt: give it one.
                var (stopped, s) = (false, "")
                for _ in 0..<10 where !stopped {
                    (stopped, s) = tmux.waitFor("Stopped", timeout: 2) { $0.contains("Stopped") && $0.contains("MONKEY$") }
                    if !stopped { tmux.keys("Enter") }
                }
                if !stopped { failures.append("Ctrl-Z did not suspend the app:\n\(s)"); break }
                tmux.run(["send-keys", "-t", "e2e", "-l", "clear; fg"])
                tmux.keys("Enter")
                Thread.sleep(forTimeInterval: 0.3)
                suspends += 1
                if !probe() { failures.append("the app did not answer after fg:\n\(tmux.capture())") }
                continue
            }
            if roll < 30 {
                // A write burst: leave whatever is open, then a whole comment or time entry with a unique
                // text (so a resend would show as a duplicate), sent under the same faults.
                bursts += 1
                tmux.keys("Escape", "y", "Escape", "Escape")
                Thread.sleep(forTimeInterval: 0.1)
                switch rng.next() % 4 {
                case 0:
                    tmux.keys("c")
                    Thread.sleep(forTimeInterval: 0.2)
                    tmux.type("monkey-note-\(seed)-\(bursts)")
                    tmux.keys("C-s")
                case 1:
                    tmux.keys("t")
                    Thread.sleep(forTimeInterval: 0.2)
                    tmux.type("1h30m")
                    tmux.keys("Tab", "Tab", "Tab")  // date (empty: today), category, comment
                    tmux.type("monkey-log-\(seed)-\(bursts)")
                    tmux.keys("C-s")
                default:
                    // A new task (a POST not to be repeated) in a folder listed through go-to.
                    tmux.keys(":")
                    Thread.sleep(forTimeInterval: 0.2)
                    tmux.type("Platform")
                    tmux.keys("Enter")
                    Thread.sleep(forTimeInterval: 0.2)
                    tmux.keys("Escape", "+")
                    Thread.sleep(forTimeInterval: 0.2)
                    tmux.type("\(Self.taskPrefix)\(seed)-\(bursts)")
                    tmux.keys("Enter")
                }
                sent += 3
                if rng.next() % 2 == 0 {
                    // Killed while the send may be in flight, then started again at once.
                    Thread.sleep(forTimeInterval: Double(rng.next() % 800) / 1000)
                    if let f = restarts.killAndRestart() { failures.append(f) }
                    continue
                }
                Thread.sleep(forTimeInterval: 0.2)
                continue
            }
            if roll < 36 {
                // kill -9 at any moment, and a quick restart.
                if let f = restarts.killAndRestart() { failures.append(f) }
                continue
            }
            if roll < 53 {
                // A paste: text for whatever has the focus, never keys.
                tmux.paste(Self.pastes(seed: seed, n: pastes))
                pastes += 1
                sent += 1
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            // A small batch of keys, then a pause so tmux and the app keep up.
            let n = Int(1 + rng.next() % 6)
            var batch: [String] = []
            for _ in 0..<n { batch.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let named = batch.filter { !Self.texts.contains($0) }
            if !named.isEmpty { tmux.run(["send-keys", "-t", "e2e", "--"] + named) }
            for text in batch where Self.texts.contains(text) { tmux.run(["send-keys", "-t", "e2e", "-l", "--", text]) }
            sent += n
            Thread.sleep(forTimeInterval: 0.03)
            if sent % 400 < n {
                if !probe() { failures.append("the app stopped answering after \(sent) keys:\n\(tmux.capture())") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n---\n"))")

        // Still alive: answers, then `q` quits cleanly and gives a sane terminal back.
        tmux.run(["resize-window", "-t", "e2e", "-x", "120", "-y", "40"])
        #expect(probe(), "the app does not answer at the end:\n\(tmux.capture())")
        tmux.keys("Escape", "Escape", "Escape")
        Thread.sleep(forTimeInterval: 0.2)
        tmux.keys("q")
        (ok, screen) = tmux.waitFor("prompt", timeout: 30) { screen in
            screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("MONKEY$") ?? false
        }
        #expect(ok, "the app did not exit on q:\n\(screen)")
        tmux.type("echo __EX\"\"IT__$?; stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; echo __ST\"\"TY__")
        tmux.keys("Enter")
        (ok, screen) = tmux.waitFor("__STTY__", timeout: 30)
        #expect(ok, "the app did not exit on q:\n\(screen)")
        #expect(screen.contains("__EXIT__0"), "exit status:\n\(screen)")
        let stty = screen.components(separatedBy: "__EXIT__").last ?? ""
        #expect(stty.contains("icanon") && !stty.contains("-icanon"), "terminal left in raw mode: \(stty)")
        #expect(stty.contains("echo") && !stty.contains("-echo "), "echo not restored: \(stty)")
        #expect(!screen.contains("Fatal error") && !screen.contains("Segmentation") && !screen.contains("core dumped"))

        // A last session: every draft left is resolved by itself (an interrupted send found or proved not
        // to have arrived) or discarded from the drafts list.
        let ending = restarts.settleAndDiscard()
        #expect(ending.settled, "drafts still undecided after \(Int(ending.seconds)) s: \(ending.left.map { "\($0.state)" })")
        #expect(ending.left.isEmpty, "drafts neither resolved nor discarded: \(ending.left.map { "\($0.state) \($0.lastError ?? "")" })")

        // The sandbox's view: its request log (every write applied or not), then its data after the run.
        let requestLog = server.requestLog()
        #expect(requestLog != nil, "no request log from --test-control")
        server.stop()
        let stats = server.stats()
        let data = try #require(FileManager.default.contents(atPath: dump), "no --dump-on-exit file")
        let after = try Dataset.decode(data)
        let before = DemoDataset.make()
        let exactlyOnce = Self.duplicatedWrites(before: before, after: after)
        #expect(exactlyOnce.duplicates.isEmpty, "writes applied more than once: \(exactlyOnce.duplicates.prefix(5))")
        // New tasks: each burst's title is unique, so one there twice was created twice.
        let created = Self.createdTasks(before: before, after: after)
        #expect(created.twice.isEmpty, "tasks created twice: \(created.twice.prefix(5))")
        #expect(created.count > 0, "the run created no task")
        // No paste acted: read as keys, a paste would have logged 7h07m with its own Ctrl-S (the app quitting
        // on a pasted `q` fails the probes above).
        let oldLogs = Set(before.timelogs.map(\.id))
        let fromPastes = after.timelogs.filter { !oldLogs.contains($0.id) && abs($0.hours - Self.pastedHours) < 1.0 / 120 }
        #expect(fromPastes.isEmpty, "a paste was read as keys: time logged \(fromPastes.map { "\($0.hours) h on \($0.taskId ?? "-")" })")

        // Drafts left: every one readable (nothing corrupt); each is a write the app did not confirm.
        let drafts = DraftStore(directory: home + "/state/wrike-tui/drafts").list()
        #expect(drafts.problems.isEmpty, "\(drafts.problems)")

        // The app's own account of its writes (`write-outcome` lines in its log) against the sandbox:
        // confirmed = there exactly once; not confirmed = a draft on disk; nothing landed unaccounted.
        let appLog = (try? String(contentsOfFile: home + "/state/wrike-tui/log/wrike-tui.log", encoding: .utf8)) ?? ""
        let accounting = WriteAccounting(records: WriteAccounting.parseLog(appLog), before: before, after: after,
                                         drafts: drafts.drafts, log: requestLog ?? [])
        #expect(accounting.violations.isEmpty, "write accounting:\n\(accounting.violations.joined(separator: "\n"))")

        // No token anywhere in the app's files (log, drafts, config, cache).
        let leaks = Self.filesContaining(token, under: home, skipping: [dump, home + "/sandbox.err"])
        #expect(leaks.isEmpty, "the token is written in \(leaks)")
        let logBytes = Self.totalSize(under: home + "/state/wrike-tui/log")

        print("""
            MonkeyTests: seed \(seed): \(sent) keys sent, \(pastes) pastes (none acted), \(resizes) resizes, \(suspends) suspend/resume, \(bursts) write bursts, \
            \(probes) liveness probes passed, automatic start retry seen: \(startRetries == 1); sandbox: \(stats["requests"] ?? -1) requests, \(stats["503"] ?? -1) × 503, \
            \(stats["429"] ?? -1) × 429, \(stats["dropped"] ?? -1) dropped; writes applied \(stats["writes-applied"] ?? -1), \
            new comments \(exactlyOnce.newComments), new time logs \(exactlyOnce.newTimelogs), new tasks \(created.count) (\(created.twice.count) twice), duplicates \(exactlyOnce.duplicates.count); \
            drafts on disk \(drafts.drafts.count); log \(logBytes) bytes, token found in \(leaks.count) files
            MonkeyTests: \(accounting.summary)
            MonkeyTests: kill -9 and restart \(restarts.kills) times (\(restarts.cutInFlight) sends cut in flight); last session: \(ending.atStart) drafts, \
            \(ending.checkedAway) resolved by their own check, \(ending.discarded) discarded, \(ending.left.count) left, in \(Int(ending.seconds)) s
            """)
        #expect((stats["requests"] ?? 0) > 0, "the sandbox saw no request: \(stats)")
    }

    /// Titles of the new tasks the write bursts create (`+`), unique per burst.
    static let taskPrefix = "monkey-task-"

    /// The tasks the bursts created (not in the starting data), and the titles there more than once.
    static func createdTasks(before: Dataset, after: Dataset) -> (count: Int, twice: [String]) {
        let old = Set(before.tasks.map(\.id))
        let made = after.tasks.filter { !old.contains($0.id) && $0.title.hasPrefix(taskPrefix) }
        let counts = Dictionary(made.map { ($0.title, 1) }, uniquingKeysWith: +)
        return (made.count, counts.filter { $0.value > 1 }.map { "\($0.key) ×\($0.value)" }.sorted())
    }

    /// New comments and time logs (not in the starting data), and any that landed twice
    /// (same task, same text / hours and date): a resent write.
    static func duplicatedWrites(before: Dataset, after: Dataset) -> (newComments: Int, newTimelogs: Int, duplicates: [String]) {
        let oldComments = Set(before.comments.map(\.id)), oldLogs = Set(before.timelogs.map(\.id))
        let comments = after.comments.filter { !oldComments.contains($0.id) }
        let logs = after.timelogs.filter { !oldLogs.contains($0.id) }
        var seen: [String: Int] = [:]
        for c in comments { seen["comment \(c.taskId ?? "-") \(c.text)", default: 0] += 1 }
        for t in logs { seen["timelog \(t.taskId ?? "-") \(t.hours) \(t.trackedDate ?? "") \(t.comment ?? "")", default: 0] += 1 }
        return (comments.count, logs.count, seen.filter { $0.value > 1 }.map(\.key).sorted())
    }

    static func filesContaining(_ needle: String, under root: String, skipping: Set<String>) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var hits: [String] = []
        let bytes = Data(needle.utf8)
        while let rel = walker.nextObject() as? String {
            let path = root + "/" + rel
            if skipping.contains(path) { continue }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            if data.range(of: bytes) != nil { hits.append(rel) }
        }
        return hits
    }

    static func totalSize(under root: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return 0 }
        var total = 0
        while let rel = walker.nextObject() as? String {
            total += (try? FileManager.default.attributesOfItem(atPath: root + "/" + rel)[.size] as? Int) ?? 0
        }
        return total
    }
}
