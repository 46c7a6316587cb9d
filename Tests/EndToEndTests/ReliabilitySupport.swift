import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Shared by the hostile-data, security and monkey end-to-end tests: a sandbox server with options,
/// a private state/config home for the app, and checks on the raw bytes a tmux pane received.
enum Reliability {
    typealias Tmux = BrowserEndToEndTests.Tmux

    static var binary: String { BrowserEndToEndTests.binary }

    /// A fresh private directory (0700) under the system temp dir, with the test config
    /// (`writeConfig`) in `config/wrike-tui/`.
    static func scratch(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "wtui-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try writeConfig(home: dir)
        return dir
    }

    /// Writes `home/config/wrike-tui/config.toml` (the app's config with `XDG_CONFIG_HOME=home/config`):
    /// `remember-view = false`, then `settings`. Every end-to-end app starts from it, so that a restarted app
    /// starts as a first run does (no remembered list, no filter that typing `/` would extend); the tests of
    /// remembering turn it on (`remember-view = true` in `settings` replaces the default line).
    static func writeConfig(home: String, _ settings: String = "") throws {
        let dir = home + "/config/wrike-tui"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = settings.contains("remember-view") ? settings : "remember-view = false\n" + settings
        try text.write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
    }

    /// A running `wrike-tui sandbox serve --port 0 <args>`; stderr goes to `stderrPath`.
    final class Server {
        let process: Process
        let url: String
        let stderrPath: String

        init(args: [String], stderrPath: String) throws {
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Reliability.binary)
            p.arguments = ["sandbox", "serve", "--port", "0"] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
            try p.run()
            var line = Data()
            let handle = out.fileHandleForReading
            while true {
                let b = handle.readData(ofLength: 1)
                if b.isEmpty || b == Data("\n".utf8) { break }
                line.append(b)
            }
            process = p
            url = String(decoding: line, as: UTF8.self)
            self.stderrPath = stderrPath
        }

        /// SIGTERM, wait, and return what it wrote to stderr.
        @discardableResult
        func stop() -> String {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
            return (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        }

        /// A `--test-control` endpoint (`log`, `snapshot`), or nil when it did not answer.
        func control(_ name: String, post body: String? = nil) -> Data? {
            guard let u = URL(string: url.replacingOccurrences(of: "/api/v4", with: "/__sandbox/") + name) else { return nil }
            final class Box: @unchecked Sendable { var data: Data? }
            let box = Box()
            let sem = DispatchSemaphore(value: 0)
            var request = URLRequest(url: u)
            if let body {
                request.httpMethod = "POST"
                request.httpBody = Data(body.utf8)
            }
            URLSession.shared.dataTask(with: request) { data, _, _ in
                box.data = data
                sem.signal()
            }.resume()
            _ = sem.wait(timeout: .now() + 30)
            return box.data
        }

        struct LogLine: Decodable { var method: String; var path: String; var status: Int?; var applied: Bool }
        /// The sandbox's request log (`--test-control`).
        func requestLog() -> [LogLine]? {
            control("log").flatMap { try? JSONDecoder().decode([LogLine].self, from: $0) }
        }

        /// `sandbox-stats: requests=N ok=N ...` as a dictionary (after `stop`).
        func stats() -> [String: Int] {
            let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("sandbox-stats:") }) else { return [:] }
            var out: [String: Int] = [:]
            for part in line.split(separator: " ").dropFirst() {
                let kv = part.split(separator: "=", maxSplits: 1)
                if kv.count == 2, let v = Int(kv[1]) { out[String(kv[0])] = v }
            }
            return out
        }
    }

    /// `HOME` and the XDG directories in `home` (each assignment followed by a space).
    static func homeEnvironment(_ home: String) -> String {
        "HOME='\(home)' XDG_CONFIG_HOME='\(home)/config' XDG_STATE_HOME='\(home)/state' XDG_CACHE_HOME='\(home)/cache' "
    }

    /// Environment assignments that keep the app's config, state (log, drafts) and credentials in `home`.
    static func appEnvironment(home: String, token: String) -> String {
        homeEnvironment(home) + "WRIKE_TOKEN='\(token)' TERM=xterm-256color "
            // `C` hands the terminal to $VISUAL/$EDITOR: an editor that returns at once keeps random keys in the app.
            + "VISUAL=true EDITOR=true"
    }

    /// What a terminal must never receive from server text: returns one line per violation.
    /// `ownOSC` allows the app's own OSC 52/8 (only when the test pressed `y`/`o`).
    static func injectedSequences(in bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let text = String(decoding: bytes, as: UTF8.self)
        func has(_ s: String) -> Bool { text.contains(s) }
        for (needle, name) in [("\u{1B}]", "OSC"), ("\u{1B}P", "DCS"), ("\u{1B}_", "APC"), ("\u{1B}^", "PM"),
                               ("\u{1B}X", "SOS"), ("\u{1B}c", "RIS (ESC c)"), ("\u{1B}k", "tmux window name"),
                               ("\u{1B}[6n", "cursor report request"), ("\u{1B}[c", "device attributes"),
                               ("\u{1B}[3J", "clear scrollback"), ("pwned", "hostile payload text"),
                               ("]52;", "OSC 52 payload"), ("]0;", "OSC 0 payload"), ("]8;", "OSC 8 payload")] where has(needle) {
            problems.append("\(name) reached the terminal")
        }
        if bytes.contains(0x07) { problems.append("BEL reached the terminal") }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x80...0x9F).contains(v) { problems.append("C1 control U+\(String(v, radix: 16))"); break }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F {
                problems.append("bidi control U+\(String(v, radix: 16))"); break
            }
            if v == 0x200B || v == 0x2060 || v == 0xFEFF || v == 0x2028 || v == 0x2029 {
                problems.append("zero-width/separator U+\(String(v, radix: 16))"); break
            }
        }
        return problems
    }

    /// Rows of a captured screen whose left and right border cells are not box-drawing verticals/corners.
    /// `width` is the pane width; returns the bad row numbers.
    static func rowsWithBrokenBorders(_ screen: String, width: Int, rows: Int) -> [Int] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var bad: [Int] = []
        let borderish: Set<Character> = ["│", "┃", "║", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╭", "╮", "╰", "╯",
                                         "─", "━", "═", "|", "+", "-", "┏", "┓", "┗", "┛", "╒", "╕", "█", "#", "="]
        // The panes' frame rows: all rows but the last (status/hint line) and maybe the first (header).
        for (i, line) in lines.prefix(rows).enumerated() {
            guard let first = line.first else { continue }
            if borderish.contains(first) {
                // A framed row: its last cell must also be a border at the pane width.
                let chars = Array(line)
                if chars.count < 2 || !borderish.contains(chars[chars.count - 1]) { bad.append(i) }
            }
        }
        return bad
    }

    /// Ends a test's tmux server for sure: `kill-server` alone left servers behind (their pane shell
    /// survived the hangup), so the pane's process and then the server itself are killed by pid.
    static func shutdown(_ tmux: Tmux) {
        let pids = tmux.run(["list-panes", "-a", "-F", "#{pane_pid}"]).split(separator: "\n").compactMap { Int32($0) }
        let server = Int32(tmux.run(["display", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
        for pid in pids where pid > 1 { kill(pid, SIGKILL) }
        tmux.kill()
        if let server, server > 1 { kill(server, SIGTERM) }
    }

    /// Session `e2e` running an interactive bash (prompt `prompt`) with `home` as HOME, so the app can be
    /// run, suspended and run again as a user would; waits for the prompt.
    static func startShell(_ tmux: Tmux, home: String, prompt: String, width: Int, height: Int) -> Bool {
        tmux.run(["new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height),
                  "env -i PATH=/usr/bin:/bin HOME='\(home)' LANG=C.UTF-8 TERM=screen PS1='\(prompt) ' bash --norc --noprofile -i"])
        tmux.run(["set", "-s", "escape-time", "0"])
        return tmux.waitFor(prompt).0
    }

    static func readBytes(_ path: String) -> [UInt8] {
        (FileManager.default.contents(atPath: path)).map { [UInt8]($0) } ?? []
    }
}

/// Matches the app's own account of its writes (`write-outcome` lines in its log) against the sandbox:
/// every write it reported confirmed is there exactly once; every comment or time log it did not
/// confirm is a draft on disk (and one whose POST landed anyway is a draft the user can check, never
/// resent); nothing landed that the app neither confirmed nor kept as a draft.
struct WriteAccounting {
    var records: [WriteRecord] = []
    /// Confirmed writes, and how many of them were found in the sandbox's data and log exactly once.
    var confirmed = 0, confirmedFound = 0
    /// Comment/time-log sends per final outcome (by draft id).
    var draftsConfirmed = 0, draftsKeptFailed = 0, draftsKeptUnknown = 0, draftsKeptSending = 0, draftsDiscarded = 0
    /// Drafts on disk whose POST had landed (unknown outcome: kept for the user to check).
    var landedKeptAsDraft = 0
    /// Unconfirmed sends whose draft was read back from disk.
    var draftsRecovered = 0
    var appliedCommentPosts = 0, appliedTimelogPosts = 0, newComments = 0, newTimelogs = 0
    /// Lost answers resolved by re-reading: found (then confirmed) / not found (then failed, safe to resend).
    var unknownResolvedFound = 0, unknownResolvedNotFound = 0
    var violations: [String] = []

    static func parseLog(_ text: String) -> [WriteRecord] {
        text.split(separator: "\n").compactMap { WriteRecord.parse($0) }
    }

    static func norm(_ s: String) -> String {
        OutcomeResolver.normalize(s, isHTML: false)
    }

    init(records: [WriteRecord], before: Dataset, after: Dataset, drafts: [Draft], log: [Reliability.Server.LogLine]) {
        self.records = records
        let oldComments = Set(before.comments.map(\.id)), oldLogs = Set(before.timelogs.map(\.id))
        let newC = after.comments.filter { !oldComments.contains($0.id) }
        let newT = after.timelogs.filter { !oldLogs.contains($0.id) }
        newComments = newC.count
        newTimelogs = newT.count
        let commentIds = Set(after.comments.map(\.id)), timelogIds = Set(after.timelogs.map(\.id))
        let depIds = Set(after.dependencies.map(\.id)), approvalIds = Set(after.approvals.map(\.id))
        let onDisk = Dictionary(drafts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let applied = log.filter { $0.applied && $0.method != "GET" }
        func appliedCount(_ method: String, _ match: (String) -> Bool) -> Int {
            applied.filter { $0.method == method && match($0.path) }.count
        }
        appliedCommentPosts = appliedCount("POST") { $0.hasSuffix("/comments") }
        appliedTimelogPosts = appliedCount("POST") { $0.hasSuffix("/timelogs") }
        // Comments created in this run and deleted again (DELETE /comments/{id} applied).
        let deletedNew = Set(applied.filter { $0.method == "DELETE" && $0.path.hasPrefix("/comments/") }
            .map { String($0.path.dropFirst("/comments/".count)) }.filter { !oldComments.contains($0) })
        let confirmedDeletes = Set(records.filter { $0.kind == .commentDelete && $0.outcome == .confirmed }.compactMap(\.entityId))
        let confirmedDepDeletes = Set(records.filter { $0.kind == .dependencyDelete && $0.outcome == .confirmed }.compactMap(\.entityId))

        // Exactly once on the wire: every applied POST is one new entity (or one deleted since).
        if appliedCommentPosts != newComments + deletedNew.count {
            violations.append("applied comment POSTs \(appliedCommentPosts) != new comments \(newComments) + deleted \(deletedNew.count)")
        }
        if appliedTimelogPosts != newTimelogs {
            violations.append("applied time-log POSTs \(appliedTimelogPosts) != new time logs \(newTimelogs)")
        }

        // 1. Every confirmed write is in the sandbox exactly once.
        var confirmedIds: [String: Int] = [:]
        for r in records where r.outcome == .confirmed {
            confirmed += 1
            let id = r.entityId ?? ""
            var found = false
            switch r.kind {
            case .comment:
                confirmedIds[id, default: 0] += 1
                found = (commentIds.contains(id) && newC.filter { $0.id == id }.count == 1)
                    || (deletedNew.contains(id) && confirmedDeletes.contains(id))
            case .timelog:
                confirmedIds[id, default: 0] += 1
                found = timelogIds.contains(id) && newT.filter { $0.id == id }.count == 1
            case .taskCreate:
                confirmedIds[id, default: 0] += 1
                let oldTasks = Set(before.tasks.map(\.id))
                found = after.tasks.filter { $0.id == id && !oldTasks.contains(id) }.count == 1
            case .status, .task:
                found = r.taskIds.allSatisfy { t in applied.contains { $0.method == "PUT" && $0.path.hasPrefix("/tasks/") && $0.path.contains(t) } }
            case .dependencyAdd:
                found = depIds.contains(id) || confirmedDepDeletes.contains(id)
            case .dependencyUpdate:
                found = appliedCount("PUT") { $0 == "/dependencies/\(id)" } >= 1
            case .dependencyDelete:
                found = !depIds.contains(id) && appliedCount("DELETE") { $0 == "/dependencies/\(id)" } == 1
            case .approvalCreate:
                found = approvalIds.contains(id) && appliedCount("POST") { $0.hasSuffix("/approvals") } >= 1
            case .approvalCancel:
                found = appliedCount("DELETE") { $0 == "/approvals/\(id)" } == 1
            case .commentUpdate:
                found = commentIds.contains(id) || confirmedDeletes.contains(id)
            case .commentDelete:
                found = !commentIds.contains(id) && appliedCount("DELETE") { $0 == "/comments/\(id)" } == 1
            case .timelogUpdate:
                found = timelogIds.contains(id) && appliedCount("PUT") { $0 == "/timelogs/\(id)" } >= 1
            case .timelogDelete:
                found = !timelogIds.contains(id) && appliedCount("DELETE") { $0 == "/timelogs/\(id)" } == 1
            case .taskDelete:
                found = appliedCount("DELETE") { $0 == "/tasks/\(id)" } >= 1
            }
            if found { confirmedFound += 1 } else { violations.append("confirmed but not found exactly once: \(r.logLine)") }
        }
        for (id, n) in confirmedIds where n > 1 { violations.append("entity \(id) confirmed \(n) times") }

        // 2. Every comment/time-log send the app did not confirm is a draft on disk (by its last outcome).
        var last: [String: WriteRecord] = [:]
        for r in records where r.kind == .comment || r.kind == .timelog {
            guard let d = r.draftId else { continue }
            if last[d]?.outcome == .unknownKeptAsDraft {
                if r.outcome == .confirmed { unknownResolvedFound += 1 }
                if r.outcome == .failedKeptAsDraft { unknownResolvedNotFound += 1 }
            }
            last[d] = r
        }
        for (id, r) in last {
            switch r.outcome {
            case .confirmed:
                draftsConfirmed += 1
                if onDisk[id] != nil { violations.append("draft \(id) confirmed but still on disk") }
            case .discarded:
                draftsDiscarded += 1
                if onDisk[id] != nil { violations.append("draft \(id) discarded but still on disk") }
            case .sending, .failedKeptAsDraft, .unknownKeptAsDraft:
                switch r.outcome {
                case .sending: draftsKeptSending += 1
                case .failedKeptAsDraft: draftsKeptFailed += 1
                default: draftsKeptUnknown += 1
                }
                if let d = onDisk[id], d.taskId == r.taskIds.first, (d.kind == .comment) == (r.kind == .comment) {
                    draftsRecovered += 1
                } else {
                    violations.append("unconfirmed send \(r.logLine) has no readable draft on disk")
                }
            case .notSent:
                if r.draftSaved { violations.append("not sent although the draft was saved: \(r.logLine)") }
            case .failed, .unknown:
                violations.append("a draft send with a non-draft outcome: \(r.logLine)")
            }
        }

        // 3. Nothing landed that the app neither confirmed nor kept as a draft the user can check.
        let confirmedSet = Set(confirmedIds.keys)
        let checkable = drafts.filter { $0.state == .sending || $0.state == .unknownOutcome }
        var usedDrafts: Set<String> = []
        for c in newC where !confirmedSet.contains(c.id) {
            if let d = checkable.first(where: { !usedDrafts.contains($0.id) && $0.kind == .comment && $0.taskId == c.taskId
                && Self.norm($0.text) == OutcomeResolver.normalize(c.text, isHTML: true) }) {
                usedDrafts.insert(d.id)
                landedKeptAsDraft += 1
            } else if records.contains(where: { $0.kind == .commentUpdate && $0.entityId == c.id }),
                      checkable.contains(where: { $0.kind == .comment && $0.taskId == c.taskId }) {
                landedKeptAsDraft += 1  // edited since it landed: matched by task
            } else {
                violations.append("comment \(c.id) on \(c.taskId ?? "-") landed but was neither confirmed nor kept as a draft")
            }
        }
        for t in newT where !confirmedSet.contains(t.id) {
            if let d = checkable.first(where: { d in
                guard !usedDrafts.contains(d.id), d.kind == .timelog, d.taskId == t.taskId, let f = d.timelog else { return false }
                return abs(f.hours - t.hours) < 1.0 / 120 && f.trackedDate == t.trackedDate
            }) {
                usedDrafts.insert(d.id)
                landedKeptAsDraft += 1
            } else {
                violations.append("time log \(t.id) on \(t.taskId ?? "-") landed but was neither confirmed nor kept as a draft")
            }
        }
    }

    var summary: String {
        "write records \(records.count): confirmed \(confirmed) (found exactly once \(confirmedFound)); comment/time-log sends: "
            + "confirmed \(draftsConfirmed), kept as drafts \(draftsKeptFailed) failed + \(draftsKeptUnknown) unknown + "
            + "\(draftsKeptSending) sending (recovered from disk \(draftsRecovered)), discarded \(draftsDiscarded), "
            + "landed but unconfirmed, kept as drafts \(landedKeptAsDraft); lost answers resolved by re-reading: "
            + "\(unknownResolvedFound) found, \(unknownResolvedNotFound) not found; applied POSTs: \(appliedCommentPosts) comments, "
            + "\(appliedTimelogPosts) time logs"
    }
}
