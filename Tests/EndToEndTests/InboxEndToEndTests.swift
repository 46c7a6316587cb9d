import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// The inbox in the real binary, in tmux, against `wrike-tui sandbox serve --test-control`, with a second
/// writer changing the sandbox while the app runs: a colleague's comment that mentions me (posted through
/// the control endpoint, as another author) and a task assigned to me (`PUT /tasks/{id}` over HTTP). The
/// inbox shows both with their reasons; an item marked read stays read after a restart (the state file).
/// Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct InboxEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    @Test func aMentionAndAnAssignmentArriveWithTheirReasonsAndReadMarksSurviveARestart() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = ActionsEndToEndTests.Demo()
        let me = demo.me
        let pool = demo.candidates.filter { !($0.responsibleIds ?? []).contains(me) }
        let assigned = try #require(pool.first, "a task not assigned to me")
        let discussed = try #require(pool.dropFirst().first, "another task")
        let colleague = try #require(demo.d.contacts.first { $0.id != me && $0.type != .group })

        var (ok, screen) = s.tmux.waitFor("Platform")
        try #require(ok, "tree did not load:\n\(screen)")
        // The first look (the baseline): the demo's last day (its mentions, approvals waiting on me).
        s.tmux.keys("I")
        (ok, screen) = s.tmux.waitFor("Inbox · N unread · checked") { Self.unread($0, "Inbox · ") != nil && $0.contains("unread · checked") }
        try #require(ok, "the inbox did not check:\n\(screen)")
        let base = try #require(Self.unread(screen, "Inbox · "))
        let firstPoll = try s.log().filter { $0.method == "GET" }.count

        // The second writer.
        let html = #"Could you look? <a class="stream-user-id avatar" rel="\#(me)">&#64;me</a>"#
        let body = try String(decoding: JSONEncoder().encode(["taskId": discussed.id, "authorId": colleague.id, "text": html]),
                              as: UTF8.self)
        try #require(s.request("comment", method: "POST", body: body) != nil, "the control comment failed")
        let ids = #"[""# + me + #""]"#
        let form = "addResponsibles=" + (ids.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ids)
        try #require(InstantStartEndToEndTests.put(s.api + "/tasks/" + assigned.id, form: form, token: s.token) != nil)

        s.tmux.keys("r")
        (ok, screen) = s.tmux.waitFor("\(base + 2) unread") {
            $0.contains("Inbox · \(base + 2) unread") && $0.contains("mentioned you") && $0.contains("assigned to you")
        }
        #expect(ok, "the inbox did not show both:\n\(screen)")
        // Newest first: the assignment (made second), then the mention.
        let rows = screen.split(separator: "\n").map(String.init)
        #expect(rows.count > 3 && rows[1].contains("assigned to you") && rows[1].contains(String(assigned.title.prefix(20))),
                "\(rows.prefix(3))")
        #expect(rows.count > 3 && rows[2].contains("mentioned you") && rows[2].contains("Could you look? @me"), "\(rows.prefix(3))")
        #expect(screen.contains("inbox \(base + 2) unread"))  // the status line
        let poll = try s.log().filter { $0.method == "GET" }.dropFirst(firstPoll)
        #expect(poll.contains { $0.path == "/comments" } && poll.contains { $0.path == "/tasks" })

        // Mark the assignment read.
        s.tmux.keys("g")
        s.tmux.keys("m")
        (ok, screen) = s.tmux.waitFor("\(base + 1) unread") { $0.contains("Inbox · \(base + 1) unread") }
        #expect(ok, "mark read did not take:\n\(screen)")

        // A restart: the mark is read from the state file.
        s.tmux.keys("Escape")
        s.tmux.keys("q")
        s.waitStatus("__EXIT__")
        s.tmux.run(["respawn-pane", "-k", "-t", "e2e", s.command])
        (ok, screen) = s.tmux.waitFor("inbox \(base + 1) unread") { $0.contains("inbox \(base + 1) unread") && $0.contains("Platform") }
        #expect(ok, "the unread count did not come back after the restart:\n\(screen)")
        s.tmux.keys("I")
        (ok, screen) = s.tmux.waitFor("Inbox · \(base + 1) unread") { $0.contains("Inbox · \(base + 1) unread") && $0.contains("assigned to you") }
        #expect(ok, "the inbox after the restart:\n\(screen)")

        // Enter on the mention opens its task and marks it read.
        s.tmux.keys("g")
        s.tmux.keys("j")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("Comments (") { $0.contains("Comments (") && $0.contains(String(discussed.title.prefix(20))) }
        #expect(ok, "Enter did not open the task:\n\(screen)")
        #expect(screen.contains("inbox \(base) unread") || base == 0)
    }

    /// The unread count after `prefix` ("Inbox · 3 unread"), if on the screen.
    static func unread(_ screen: String, _ prefix: String) -> Int? {
        guard let r = screen.range(of: prefix) else { return nil }
        let digits = screen[r.upperBound...].prefix { $0.isNumber }
        guard !digits.isEmpty, screen[r.upperBound...].dropFirst(digits.count).hasPrefix(" unread") else { return nil }
        return Int(digits)
    }
}
