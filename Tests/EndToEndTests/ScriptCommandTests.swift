import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The scripting commands (`tasks`, `task`, `comment`, `status`, `log`, `open`): the real binary against
/// `wrike-tui sandbox serve --test-control` as a process. Output, the `--json` keys (docs/cli.md), exit codes,
/// and a comment whose answer is lost sent once. No terminal needed.
@Suite(.serialized) struct ScriptCommandTests {
    static let taskKeys: Set<String> = ["id", "title", "status", "statusGroup", "customStatusId", "importance", "assigneeIds",
                                        "assignees", "startDate", "dueDate", "permalink", "updatedDate"]

    final class Fixture {
        let server: Reliability.Server
        let home: String
        let token = "cli-\(UInt32.random(in: 0...UInt32.max))"

        init() throws {
            try #require(FileManager.default.isExecutableFile(atPath: Reliability.binary), "build the binary first: swift build")
            home = try Reliability.scratch("cli")
            server = try Reliability.Server(args: ["--token", token, "--test-control"], stderrPath: home + "/serve.err")
            try #require(server.url.hasPrefix("http://127.0.0.1"), "sandbox serve printed no URL: \(server.url)")
        }

        deinit {
            server.stop()
            try? FileManager.default.removeItem(atPath: home)
        }

        func environment(token: String? = nil) -> [String: String] {
            var env = ["HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
                       "XDG_CACHE_HOME": home + "/cache", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            let t = token ?? self.token
            if !t.isEmpty { env["WRIKE_TOKEN"] = t }
            return env
        }

        /// Runs `wrike-tui ARGS --base-url URL` (stdout only unless `withStderr`).
        func run(_ args: [String], env: [String: String]? = nil, withStderr: Bool = false) -> (status: Int32, output: String) {
            spawnAndWait(Reliability.binary, args + ["--base-url", server.url], environment: env ?? environment(), withStderr: withStderr)
        }

        func json(_ args: [String]) throws -> Any {
            let (status, out) = run(args + ["--json"])
            try #require(status == 0, "\(args) exited \(status): \(out)")
            return try JSONSerialization.jsonObject(with: Data(out.utf8))
        }

        func firstTask() throws -> [String: Any] {
            let list = try #require(try json(["tasks", "--limit", "3"]) as? [[String: Any]])
            return try #require(list.first)
        }
    }

    @Test func tasksPrintsTheDocumentedJsonKeysAndTabSeparatedPlainLines() throws {
        let f = try Fixture()
        let list = try #require(try f.json(["tasks", "--limit", "5"]) as? [[String: Any]])
        #expect(list.count == 5)
        for item in list { #expect(Set(item.keys).isSubset(of: Self.taskKeys) && item["id"] != nil && item["title"] != nil, "\(item.keys)") }
        let plain = f.run(["tasks", "--limit", "5", "--plain"])
        #expect(plain.status == 0)
        let lines = plain.output.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines { #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 5, "\(line)") }
        #expect(!plain.output.contains("\u{1B}"), "no colour or escapes in --plain")
        // Filters: a status group, and the title search.
        let done = try #require(try f.json(["tasks", "--status", "completed"]) as? [[String: Any]])
        #expect(!done.isEmpty && done.allSatisfy { $0["statusGroup"] as? String == "Completed" })
        let title = try #require(list.first?["title"] as? String)
        let found = try #require(try f.json(["tasks", "--search", title]) as? [[String: Any]])
        #expect(found.contains { $0["title"] as? String == title })
    }

    @Test func taskByIdAndByPermalinkShowsTheDetail() throws {
        let f = try Fixture()
        let first = try f.firstTask()
        let id = try #require(first["id"] as? String), link = try #require(first["permalink"] as? String)
        let detail = try #require(try f.json(["task", link]) as? [String: Any])
        let task = try #require(detail["task"] as? [String: Any])
        #expect(task["id"] as? String == id)
        #expect(Set(detail.keys) == ["task", "description", "createdDate", "parentIds", "comments", "dependencies"])
        let text = f.run(["task", id, "--plain"])
        #expect(text.status == 0 && text.output.hasPrefix("id\t\(id)\n"), "\(text.output)")
    }

    @Test func exitCodesSayWhatWentWrong() throws {
        let f = try Fixture()
        // 2: usage.
        #expect(f.run(["tasks", "--limit", "0"]).status == 2)
        #expect(f.run(["comment", "X1"]).status == 2)
        #expect(f.run(["tasks", "--json", "--plain"]).status == 2)
        #expect(f.run(["tasks", "--status", "no-such-status"]).status == 2)
        // 1: Wrike refused (no such task).
        let missing = f.run(["task", "IEACME42KQZZZZZZ"], withStderr: true)
        #expect(missing.status == 1, "\(missing.output)")
        // 3: not signed in (no WRIKE_TOKEN, no credentials file).
        let signedOut = spawnAndWait(Reliability.binary, ["tasks"], environment: f.environment(token: ""), withStderr: true)
        #expect(signedOut.status == 3 && signedOut.output.contains("Not signed in"), "\(signedOut.output)")
        // 3: a token Wrike does not accept.
        #expect(f.run(["tasks"], env: f.environment(token: "wrong")).status == 3)
        // 4: network (a closed port).
        let closed = spawnAndWait(Reliability.binary, ["tasks", "--base-url", "http://127.0.0.1:1/api/v4"],
                                  environment: f.environment(), withStderr: true)
        #expect(closed.status == 4 && closed.output.contains("Cannot reach Wrike"), "\(closed.output)")
    }

    /// The comment POST is applied and its answer lost (`applyThenDrop`): the command finds it by reading and
    /// exits 0; Wrike got exactly one POST and holds exactly one such comment.
    @Test func aCommentWhoseAnswerIsLostIsFoundByReadingNotSentTwice() throws {
        let f = try Fixture()
        let id = try #require(try f.firstTask()["id"] as? String)
        let fault = "{\"kind\":\"applyThenDrop\",\"method\":\"POST\",\"pathPrefix\":\"/tasks/\(id)/comments\"}"
        try #require(f.server.control("faults", post: fault) != nil)
        let text = "lost answer \(UInt32.random(in: 0...UInt32.max))"
        let result = try #require(try f.json(["comment", id, "--message", text]) as? [String: Any])
        #expect(result["foundByReading"] as? Bool == true)
        let posts = (f.server.requestLog() ?? []).filter { $0.method == "POST" && $0.path == "/tasks/\(id)/comments" }
        #expect(posts.count == 1, "\(posts)")
        let detail = try #require(try f.json(["task", id]) as? [String: Any])
        let comments = try #require(detail["comments"] as? [[String: Any]])
        #expect(comments.filter { ($0["text"] as? String)?.contains(text) == true }.count == 1)
        #expect(comments.contains { $0["id"] as? String == result["id"] as? String })
    }

    @Test func commentFromAFileStatusLogAndOpenWrite() throws {
        let f = try Fixture()
        let id = try #require(try f.firstTask()["id"] as? String)
        let file = f.home + "/comment.txt"
        try "from a file".write(toFile: file, atomically: true, encoding: .utf8)
        let added = f.run(["comment", id, "--file", file, "--plain"])
        #expect(added.status == 0 && !added.output.isEmpty)
        let status = try #require(try f.json(["status", id, "Completed"]) as? [String: Any])
        #expect(status["statusGroup"] as? String == "Completed")
        let logged = try #require(try f.json(["log", id, "1h30m", "--comment", "cli"]) as? [String: Any])
        #expect(logged["foundByReading"] as? Bool == false && logged["taskId"] as? String == id)
        let posts = (f.server.requestLog() ?? []).filter { $0.method == "POST" && $0.path == "/tasks/\(id)/timelogs" }
        #expect(posts.count == 1)
        var env = f.environment()
        env["BROWSER"] = ""
        let open = f.run(["open", id, "--json"], env: env)
        #expect(open.status == 0 && open.output.contains("\"opened\" : false") && open.output.contains("open.htm?id="), "\(open.output)")
    }

    /// `log --help` and docs/cli.md name `--date -2` (two days ago): a value that starts with a dash is the
    /// option's value, not another option; so is a comment's text that starts with one.
    @Test func optionValuesMayStartWithADash() throws {
        let f = try Fixture()
        let id = try #require(try f.firstTask()["id"] as? String)
        var env = f.environment()
        env["TZ"] = "UTC"
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .gmt
        func day(_ offset: Int) -> String {
            let c = cal.dateComponents([.year, .month, .day], from: cal.date(byAdding: .day, value: offset, to: Date()) ?? Date())
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        let before = day(-2)
        let out = f.run(["log", id, "15m", "--date", "-2", "--comment", "-1 for the meeting", "--json"], env: env, withStderr: true)
        #expect(out.status == 0, "\(out.output)")
        let logged = try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: Any]
        let timelogId = try #require(logged?["id"] as? String, "\(out.output)")
        let snapshot = try Dataset.decode(try #require(f.server.control("snapshot"), "no snapshot"))
        let entry = try #require(snapshot.timelogs.first { $0.id == timelogId })
        #expect([before, day(-2)].contains(entry.trackedDate ?? ""), "\(entry.trackedDate ?? "none")")
        #expect(entry.comment == "-1 for the meeting")
        let comment = f.run(["comment", id, "--message", "- done, see the log"], withStderr: true)
        #expect(comment.status == 0, "\(comment.output)")
    }

    /// "today" is the day where the user is: the binary carries Foundation and ICU inside (Package.swift,
    /// `selfContained`), and a statically linked Foundation that lost ICU's time zones would say GMT for every
    /// `TZ`. Kiritimati (UTC+14) and Pago Pago (UTC-11) never share a date.
    @Test func logTodayIsTheDayOfTheUsersTimeZone() throws {
        let f = try Fixture()
        let id = try #require(try f.firstTask()["id"] as? String)
        func localDay(_ zone: String, _ date: Date) -> String {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(identifier: zone) ?? .gmt
            let c = cal.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        var days: [String] = []
        for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            var env = f.environment()
            env["TZ"] = zone
            let before = Date()
            let out = f.run(["log", id, "15m", "--json"], env: env)
            let expected = Set([localDay(zone, before), localDay(zone, Date())])
            let logged = try JSONSerialization.jsonObject(with: Data(out.output.utf8)) as? [String: Any]
            let timelogId = try #require(logged?["id"] as? String, "TZ=\(zone): \(out.output)")
            let snapshot = try Dataset.decode(try #require(f.server.control("snapshot"), "no snapshot"))
            let day = snapshot.timelogs.first { $0.id == timelogId }?.trackedDate ?? "none"
            #expect(expected.contains(day), "TZ=\(zone): expected \(expected.sorted()), logged on \(day)")
            days.append(day)
        }
        #expect(days.count == 2 && days[0] != days[1], "\(days)")
    }

    /// Server text reaches a table or --plain sanitized: a title with escape sequences and a tab.
    @Test func serverTextIsSanitizedInTableAndPlainOutput() async throws {
        let f = try Fixture()
        let id = try #require(try f.firstTask()["id"] as? String)
        let client = try WrikeClient(baseURL: try #require(URL(string: f.server.url)), tokens: StaticTokenProvider(f.token))
        _ = try await client.updateTask(id, TaskUpdate(title: "evil\u{1B}]52;c;cHduZWQ=\u{07}\tTITLE\u{1B}[2J\u{202E}"))
        let plain = f.run(["tasks", "--plain", "--search", "evil"])
        #expect(plain.status == 0)
        let line = try #require(plain.output.split(separator: "\n").first)
        #expect(!plain.output.contains("\u{1B}") && !plain.output.contains("\u{07}") && !plain.output.contains("\u{202E}"))
        #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 5, "a tab in a title makes no column")
        // JSON keeps the text as Wrike has it (escaped by the encoder).
        let json = f.run(["tasks", "--json", "--search", "evil"]).output
        #expect(json.contains("\\u001b") || json.contains("\\u001B"), "\(json)")
    }
}
