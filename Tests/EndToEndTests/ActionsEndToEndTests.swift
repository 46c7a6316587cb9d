import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Acting on tasks from the keyboard: the real binary in tmux against `wrike-tui sandbox serve
/// --test-control` over loopback HTTP. Every test reads the result back from the sandbox's data
/// (`GET /__sandbox/snapshot`, `/__sandbox/log`), not only from the screen; faults are scheduled with
/// `POST /__sandbox/faults`. Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct ActionsEndToEndTests {
    typealias Tmux = BrowserEndToEndTests.Tmux

    // MARK: - Session

    final class Session {
        let tmux: Tmux
        let server: Process
        let api: String
        let control: String
        let stateDir: String
        let token: String
        /// The shell command that runs the app (`tmux respawn-pane` starts it again).
        let command: String

        /// Nil without tmux (the suite is then disabled). `environment`: more `NAME='value' ` words before the app;
        /// `serverArgs`: more `sandbox serve` options (`--data`).
        init?(environment: String = "", serverArgs: [String] = []) throws {
            guard let tmuxPath = BrowserEndToEndTests.which("tmux") else { return nil }
            let binary = BrowserEndToEndTests.binary
            try #require(FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build")
            token = "e2e-\(UInt32.random(in: 0...UInt32.max))"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["sandbox", "serve", "--port", "0", "--token", token, "--test-control"] + serverArgs
            let out = Pipe()
            p.standardOutput = out
            p.standardError = Pipe()
            try p.run()
            var line = Data()
            while true {
                let b = out.fileHandleForReading.readData(ofLength: 1)
                if b.isEmpty || b == Data("\n".utf8) { break }
                line.append(b)
            }
            server = p
            api = String(decoding: line, as: UTF8.self)
            control = api.replacingOccurrences(of: "/api/v4", with: "/__sandbox/")
            stateDir = NSTemporaryDirectory() + "wtui-e2e-state-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
            try Reliability.writeConfig(home: stateDir)
            tmux = Tmux(path: tmuxPath)
            try #require(api.hasPrefix("http://127.0.0.1"), "server did not print its URL: \(api)")
            command = environment + "XDG_CONFIG_HOME='\(stateDir)/config' XDG_STATE_HOME='\(stateDir)' WRIKE_TOKEN='\(token)' TERM=xterm-256color '\(binary)' --base-url '\(api)'; "
                + "echo __EXIT__$?; sleep 60"
            tmux.run(["new-session", "-d", "-s", "e2e", "-x", "200", "-y", "50", command])
            tmux.run(["set", "-s", "escape-time", "0"])
        }

        func close() {
            tmux.keys("q")
            _ = tmux.waitFor("__EXIT__", timeout: 10)
            tmux.kill()
            server.terminate()
            server.waitUntilExit()
            try? FileManager.default.removeItem(atPath: stateDir)
        }

        var draftFiles: [String] {
            let dir = stateDir + "/wrike-tui/drafts"
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }
        }

        func request(_ name: String, method: String = "GET", body: String? = nil) -> Data? {
            guard let url = URL(string: control + name) else { return nil }
            var r = URLRequest(url: url)
            r.httpMethod = method
            r.httpBody = body.map { Data($0.utf8) }
            let box = ResultBox()
            let sem = DispatchSemaphore(value: 0)
            URLSession.shared.dataTask(with: r) { data, _, _ in
                box.data = data
                sem.signal()
            }.resume()
            _ = sem.wait(timeout: .now() + 20)
            return box.data
        }

        func snapshot() throws -> Dataset {
            let data = try #require(request("snapshot"), "no snapshot")
            return try Dataset.decode(data)
        }

        struct LogLine: Decodable { var method: String; var path: String; var status: Int?; var applied: Bool }
        func log() throws -> [LogLine] {
            try JSONDecoder().decode([LogLine].self, from: try #require(request("log")))
        }

        func fault(_ json: String) { _ = request("faults", method: "POST", body: json) }

        /// Polls the sandbox's data until `predicate` holds.
        @discardableResult
        func waitForData(timeout: TimeInterval = 120, _ predicate: (Dataset) -> Bool) throws -> (Bool, Dataset) {
            let end = Date().addingTimeInterval(timeout)
            var d = try snapshot()
            while Date() < end {
                if predicate(d) { return (true, d) }
                Thread.sleep(forTimeInterval: 0.2)
                d = try snapshot()
            }
            return (predicate(d), d)
        }

        /// Opens the first space's task list.
        func openTaskList() {
            var (ok, screen) = tmux.waitFor("Platform")
            #expect(ok, "tree did not load:\n\(screen)")
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("Title") { $0.contains("Tasks · Engineering") && $0.contains("Title") }
            #expect(ok, "tasks did not load:\n\(screen)")
        }

        /// Filters the list down to one title (the cursor on it).
        func select(_ title: String) {
            tmux.keys("/")
            tmux.keys("C-u")  // a filter remembered from the last run (remember-view) is replaced, not extended
            tmux.type(title)
            let (ok, screen) = tmux.waitFor("1 match") { $0.contains("/" + title) && $0.contains("· 1/") }
            #expect(ok, "filter did not narrow to one task:\n\(screen)")
            tmux.keys("Enter")
        }

        /// Opens the selected task in the detail pane.
        func open(_ title: String) {
            tmux.keys("Enter")
            let (ok, screen) = tmux.waitFor("Comments (") { $0.contains("Comments (") && $0.contains("Dependencies (") }
            #expect(ok, "task \(title) did not open:\n\(screen)")
        }

        /// `s` on `task` (found with the filter), `target` typed and applied; then read back from the
        /// sandbox: the task's custom status, and one PUT of it.
        func changeStatus(of task: WrikeTask, to target: CustomStatus) throws {
            select(task.title)
            tmux.keys("s")
            waitStatus("Status of “\(String(task.title.prefix(12)))")   // the picker names the task
            tmux.type(target.name)
            tmux.keys("Enter")
            waitStatus("Status changed")
            let (ok, d) = try waitForData { $0.tasks.first { $0.id == task.id }?.customStatusId == target.id }
            #expect(ok, "status not changed in the sandbox: \(String(describing: d.tasks.first { $0.id == task.id }?.customStatusId))")
            let puts = try log().filter { $0.method == "PUT" }
            #expect(puts.count == 1 && puts.first?.path == "/tasks/\(task.id)", "\(puts.map(\.path))")
        }

        func waitStatus(_ text: String, timeout: TimeInterval = 120) {
            let (ok, screen) = tmux.waitFor(text, timeout: timeout)
            #expect(ok, "expected “\(text)”:\n\(screen)")
        }
    }

    final class ResultBox: @unchecked Sendable { var data: Data? }

    // MARK: - Picking tasks from the demo dataset

    struct Demo {
        let d = DemoDataset.make()
        var me: String { d.me ?? "" }

        var engineering: [WrikeTask] {
            let eng = d.spaces.first { $0.title == "Engineering" }?.id
            var parents: [String: [String]] = [:]
            for f in d.folders { parents[f.id] = f.parentIds ?? [] }
            func inEng(_ ids: [String], depth: Int = 0) -> Bool {
                depth < 20 && ids.contains { $0 == eng || inEng(parents[$0] ?? [], depth: depth + 1) }
            }
            return d.tasks.filter { inEng($0.parentIds ?? []) }
        }

        func unique(_ t: WrikeTask) -> Bool {
            t.title.allSatisfy { $0.isASCII && $0 != "'" && $0 != "\"" } && t.title.count >= 6
                && d.tasks.filter { $0.title.lowercased().contains(t.title.lowercased()) }.count == 1
        }

        /// Top-level, active, unique ASCII titles.
        var candidates: [WrikeTask] {
            engineering.filter { ($0.superTaskIds ?? []).isEmpty && $0.status == .active && unique($0) }
        }

        func workflow(of t: WrikeTask) -> Workflow? {
            d.workflows.first { ($0.customStatuses ?? []).contains { $0.id == t.customStatusId } }
        }
    }

    // MARK: - Tests

    @Test func statusChangeFromTheList() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let task = try #require(demo.candidates.first { t in
            (demo.workflow(of: t)?.customStatuses ?? []).contains { $0.group == .active && $0.id != t.customStatusId && $0.hidden != true }
        })
        let target = try #require(demo.workflow(of: task)?.customStatuses?.first {
            $0.group == .active && $0.id != task.customStatusId && $0.hidden != true && $0.name.allSatisfy(\.isASCII)
        })
        s.openTaskList()
        try s.changeStatus(of: task, to: target)
    }

    @Test func rateLimitedStatusChangeIsRetriedAndLandsOnce() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let task = try #require(demo.candidates.dropFirst(3).first { t in
            (demo.workflow(of: t)?.customStatuses ?? []).contains { $0.group == .completed && $0.hidden != true }
        })
        let target = try #require(demo.workflow(of: task)?.customStatuses?.first {
            $0.group == .completed && $0.hidden != true && $0.name.allSatisfy(\.isASCII)
        })
        s.openTaskList()
        s.select(task.title)
        s.fault(#"{"count":1,"status":429,"method":"PUT","pathPrefix":"/tasks"}"#)
        s.tmux.keys("s")
        s.waitStatus("Status of “\(String(task.title.prefix(12)))")
        s.tmux.type(target.name)
        s.tmux.keys("Enter")
        s.waitStatus("Status changed")
        let (ok, _) = try s.waitForData { $0.tasks.first { $0.id == task.id }?.customStatusId == target.id }
        #expect(ok)
        let puts = try s.log().filter { $0.method == "PUT" }
        #expect(puts.map(\.status) == [429, 200], "\(puts.map { "\($0.path) \($0.status ?? 0)" })")
        #expect(puts.filter(\.applied).count == 1, "the change must land exactly once")
    }

    @Test func bulkStatusChangeWithMarks() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        // A word that matches 2-4 top-level active tasks in the list and nothing else there.
        var chosen: (word: String, tasks: [WrikeTask])?
        let inList = Set(demo.engineering.map(\.id))
        for t in demo.candidates {
            for w in t.title.split(separator: " ").map(String.init) where w.count >= 5 && w.allSatisfy({ $0.isLetter && $0.isASCII }) {
                // Every task whose title has the word (subtasks are listed too) must be a top-level active one here.
                let hits = demo.d.tasks.filter { $0.title.lowercased().contains(w.lowercased()) }
                if (2...4).contains(hits.count), hits.allSatisfy({
                    inList.contains($0.id) && ($0.superTaskIds ?? []).isEmpty && $0.status == .active
                }) {
                    chosen = (w, hits)
                    break
                }
            }
            if chosen != nil { break }
        }
        let (word, tasks) = try #require(chosen, "no suitable word in the demo dataset")
        s.openTaskList()
        s.tmux.keys("/")
        s.tmux.type(word)
        let (ok0, screen0) = s.tmux.waitFor("· \(tasks.count)/")
        #expect(ok0, "filter did not find \(tasks.count) tasks:\n\(screen0)")
        s.tmux.keys("Enter")
        for _ in tasks { s.tmux.keys("Space") }
        s.waitStatus("\(tasks.count) marked")
        s.tmux.keys("s")
        s.waitStatus("type to narrow")
        s.tmux.type("Completed")
        s.tmux.keys("Enter")
        s.waitStatus("Status changed")
        let ids = Set(tasks.map(\.id))
        let (ok, d) = try s.waitForData { d in d.tasks.filter { ids.contains($0.id) }.allSatisfy { $0.status == .completed } }
        #expect(ok, "not all marked tasks completed: \(d.tasks.filter { ids.contains($0.id) }.map { "\($0.title): \($0.status?.rawValue ?? "-")" })")
        let puts = try s.log().filter { $0.method == "PUT" && $0.applied }
        #expect(!puts.isEmpty && puts.count < tasks.count, "expected bulk PUTs, got \(puts.map(\.path))")
        #expect(puts.contains { $0.path.contains(",") }, "no PUT /tasks/{ids} with several ids: \(puts.map(\.path))")
    }

    @Test func inlineCommentIsSentAndItsDraftRemoved() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let task = try #require(demo.candidates.dropFirst(1).first)
        s.openTaskList()
        s.select(task.title)
        s.open(task.title)
        s.tmux.keys("c")
        s.waitStatus("Comment · ")
        let text = "Inline e2e comment \(UInt16.random(in: 0...UInt16.max))"
        s.tmux.type(text)
        s.tmux.keys("C-s")
        s.waitStatus("Comment sent.")
        let (ok, d) = try s.waitForData { $0.comments.contains { $0.taskId == task.id && $0.text.contains(text) } }
        #expect(ok)
        #expect(d.comments.filter { $0.text.contains(text) }.count == 1)
        #expect(d.comments.first { $0.text.contains(text) }?.authorId == demo.me)
        #expect(s.draftFiles.isEmpty, "draft left behind: \(s.draftFiles)")
    }

    @Test func failedCommentStaysAsDraftAndIsSentOnceOnRetry() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let task = try #require(demo.candidates.dropFirst(2).first)
        s.openTaskList()
        s.select(task.title)
        s.open(task.title)
        s.fault(#"{"count":1,"status":503,"method":"POST","pathPrefix":"/tasks/\#(task.id)/comments"}"#)
        s.tmux.keys("c")
        s.waitStatus("Comment · ")
        let text = "Retry e2e comment \(UInt16.random(in: 0...UInt16.max))"
        s.tmux.type(text)
        s.tmux.keys("C-s")
        let (failed, screen) = s.tmux.waitFor("not sent") { $0.contains("was not sent") || $0.contains("refused") }
        #expect(failed, "no failure shown:\n\(screen)")
        #expect(screen.contains(text), "the text must stay in the editor")
        // The draft is on disk, marked failed, and nothing landed.
        #expect(s.draftFiles.count == 1)
        if let name = s.draftFiles.first,
           let data = FileManager.default.contents(atPath: s.stateDir + "/wrike-tui/drafts/" + name),
           let draft = try? JSONDecoder.wrikeDraft.decode(DraftProbe.self, from: data) {
            #expect(draft.state == "failed" && draft.text == text)
        } else {
            Issue.record("draft file unreadable")
        }
        #expect(try s.snapshot().comments.filter { $0.text.contains(text) }.isEmpty)
        s.tmux.keys("C-r")
        s.waitStatus("Comment sent.")
        let (ok, d) = try s.waitForData { $0.comments.contains { $0.text.contains(text) } }
        #expect(ok)
        #expect(d.comments.filter { $0.text.contains(text) }.count == 1, "sent more than once")
        let posts = try s.log().filter { $0.method == "POST" && $0.path.hasSuffix("/comments") }
        #expect(posts.map(\.status) == [503, 200], "\(posts.map { $0.status ?? 0 })")
        #expect(s.draftFiles.isEmpty)
    }

    struct DraftProbe: Decodable { var state: String; var text: String }

    @Test func lostAnswerIsResolvedByRereadingNeverBySendingTwice() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let task = try #require(demo.candidates.dropFirst(6).first)
        s.openTaskList()
        s.select(task.title)
        s.open(task.title)
        // The comment lands, but the answer is lost on the way back.
        s.fault(#"{"kind":"applyThenDrop","method":"POST","pathPrefix":"/tasks/\#(task.id)/comments"}"#)
        s.tmux.keys("c")
        s.waitStatus("Comment · ")
        let text = "Lost answer e2e \(UInt16.random(in: 0...UInt16.max))"
        s.tmux.type(text)
        s.tmux.keys("C-s")
        s.waitStatus("Comment sent.")
        let d = try s.snapshot()
        #expect(d.comments.filter { $0.text.contains(text) }.count == 1)
        let posts = try s.log().filter { $0.method == "POST" && $0.path.hasSuffix("/comments") }
        #expect(posts.count == 1, "the comment was sent \(posts.count) times")
        let rereads = try s.log().filter { $0.method == "GET" && $0.path == "/tasks/\(task.id)/comments" }
        #expect(rereads.count >= 2, "expected a re-read of the comments after the lost answer")
        #expect(s.draftFiles.isEmpty)
    }

    @Test func timeLogUpdatesTheTaskAndTheStatusLine() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let task = try #require(demo.candidates.dropFirst(4).first)
        s.openTaskList()
        s.select(task.title)
        s.open(task.title)
        s.tmux.keys("t")
        s.waitStatus("Log time · ")
        s.tmux.type("1h30m")
        s.tmux.keys("Tab", "Tab", "Tab")
        s.tmux.type("e2e hours")
        s.tmux.keys("Enter")
        s.waitStatus("Time logged.")
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.locale = Locale(identifier: "en_US_POSIX")
        let today = f.string(from: Date())
        let (ok, d) = try s.waitForData { $0.timelogs.contains { $0.taskId == task.id && $0.comment == "e2e hours" } }
        #expect(ok)
        let log = try #require(d.timelogs.first { $0.taskId == task.id && $0.comment == "e2e hours" })
        #expect(abs(log.hours - 1.5) < 0.001 && log.trackedDate == today && log.userId == demo.me)
        #expect(d.timelogs.filter { $0.comment == "e2e hours" }.count == 1)
        var screen = s.tmux.capture()
        #expect(screen.contains("today 1h 30m"), "my time today not on the status line:\n\(screen)")
        for _ in 0..<10 where !screen.contains("e2e hours") {
            s.tmux.keys("]")
            Thread.sleep(forTimeInterval: 0.2)
            screen = s.tmux.capture()
        }
        #expect(screen.contains("e2e hours"), "the time log is not listed at once:\n\(screen)")
    }

    @Test func dependencyAddedAndRemoved() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let planned = demo.candidates.filter { $0.dates?.type == .planned && ($0.dependencyIds ?? []).isEmpty }
        let task = try #require(planned.first)
        let other = try #require(planned.dropFirst().first { !$0.title.lowercased().contains(task.title.lowercased()) })
        s.openTaskList()
        s.select(task.title)
        s.open(task.title)
        s.tmux.keys("d")
        s.waitStatus("Add dependency")
        s.tmux.type(other.title)
        Thread.sleep(forTimeInterval: 1)
        s.tmux.keys("Enter")   // the task
        s.waitStatus("Other task: ")
        s.tmux.keys("Enter")   // side: it is the predecessor
        s.tmux.keys("Enter")   // Finish → Start
        s.waitStatus("Dependency added.")
        let (ok, d) = try s.waitForData { $0.dependencies.contains { $0.predecessorId == other.id && $0.successorId == task.id } }
        #expect(ok, "dependency not in the sandbox")
        #expect(d.dependencies.first { $0.successorId == task.id }?.relationType == .finishToStart)
        s.waitStatus("Dependencies (1)")
        s.tmux.keys("n")
        s.tmux.keys("x")
        s.waitStatus("Remove dependency")
        s.tmux.keys("y")
        s.waitStatus("Dependency removed.")
        let (gone, _) = try s.waitForData { !$0.dependencies.contains { $0.successorId == task.id && $0.predecessorId == other.id } }
        #expect(gone, "dependency still in the sandbox")
    }

    @Test func approvalRequestedAndCancelled() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = Demo()
        let task = try #require(demo.candidates.dropFirst(5).first { t in !demo.d.approvals.contains { $0.taskId == t.id } })
        // Space marks in the approver list, so type one word of the name that only this person has.
        func firstWord(_ c: Contact) -> String { String(c.displayName.split(separator: " ").first ?? "") }
        let approver = try #require(demo.d.contacts.first { p in
            p.id != demo.me && p.type == .person && p.deleted != true && p.displayName.allSatisfy(\.isASCII)
                && firstWord(p).count >= 3
                && demo.d.contacts.filter { c in c.displayName.lowercased().contains(firstWord(p).lowercased()) }.count == 1
        })
        s.openTaskList()
        s.select(task.title)
        s.open(task.title)
        s.tmux.keys("A")
        s.waitStatus("Request approval")
        s.tmux.type(firstWord(approver))
        s.tmux.keys("Space", "Tab")
        s.tmux.type("2030-01-15")
        s.tmux.keys("Tab")
        s.tmux.type("e2e approval")
        // Applied, then the connection dropped: the request is a draft, resolved by reading the approvals.
        s.fault(#"{"kind":"applyThenDrop","method":"POST","pathPrefix":"/tasks/"}"#)
        s.tmux.keys("C-s")
        s.waitStatus("Approval requested.")
        let (ok, d) = try s.waitForData { $0.approvals.contains { $0.taskId == task.id && $0.description == "e2e approval" } }
        #expect(ok, "approval not in the sandbox")
        let posts = try s.log().filter { $0.method == "POST" && $0.path.hasSuffix("/approvals") }
        #expect(posts.count == 1 && posts.first?.status == nil, "sent once, its answer lost: \(posts.map { "\($0.status ?? 0)" })")
        #expect(d.approvals.filter { $0.description == "e2e approval" }.count == 1)
        let a = try #require(d.approvals.first { $0.taskId == task.id && $0.description == "e2e approval" })
        #expect(a.status == .pending)
        #expect((a.decisions ?? []).map(\.approverId) == [approver.id])
        #expect(a.dueDate?.hasPrefix("2030-01-15") == true)
        s.waitStatus("Approvals (1)")
        s.tmux.keys("X")
        s.waitStatus("Cancel approval")
        s.tmux.keys("y")
        s.waitStatus("Approval cancelled.")
        let (cancelled, _) = try s.waitForData { $0.approvals.first { $0.id == a.id }?.status == .cancelled }
        #expect(cancelled, "approval not cancelled in the sandbox")
    }
}

extension JSONDecoder {
    static var wrikeDraft: JSONDecoder { JSONDecoder() }
}
