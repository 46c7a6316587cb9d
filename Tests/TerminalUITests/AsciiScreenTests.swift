import Browser
import BrowserRuntime
import Foundation
import Testing
@testable import TerminalUI
import TermText
import WrikeAPI
import WrikeSandbox

/// `--ascii` (and a non-UTF-8 locale): every screen state drawn with the ASCII glyphs holds no
/// non-ASCII cell except server text. The fixture's server text is ASCII but for a few known
/// characters (`設計`, `José Álvarez`); any other non-ASCII cell is a symbol or a punctuation mark the
/// app drew itself.
@Suite struct AsciiScreenTests {
    static let now = Date(timeIntervalSince1970: 1_718_452_800)  // 2024-06-15 12:00 UTC
    /// Every non-ASCII character of the fixture's server text.
    static let serverCharacters: Set<String> = ["設", "計", "é", "Á"]

    /// A loaded browser: tree, list (marks, a blocked task, subtasks), the open task with every section.
    static func state(_ glyphs: Glyphs, focus: Pane = .list, openTask: Bool = true, width: Int = 120, height: Int = 40) -> AppState {
        var s = AppState(now: now, timeZone: TimeZone(identifier: "UTC") ?? .current)
        s.setGlyphs(glyphs)
        let wf = BrowserScreenTests.workflow
        let contacts = [Contact(id: "ME", firstName: "Alex", lastName: "Morgan", me: true),
                        Contact(id: "HS", firstName: "Hanako", lastName: "Sato"),
                        Contact(id: "JO", firstName: "José", lastName: "Álvarez")]
        let people = CustomField(id: "CF1", title: "Reviewers", type: .contacts)
        let share = CustomField(id: "CF2", title: "Done", type: .percentage)
        let boot = Bootstrap(account: Account(id: "A", name: "Northwind"), me: contacts[0], contacts: contacts,
                             workflows: [wf], spaces: [Space(id: "S1", title: "Engineering"), Space(id: "S2", title: "Marketing")],
                             customFields: [people, share])
        let tree = [FolderTreeEntry(id: "S1", title: "Engineering", childIds: ["F1", "P1"]),
                    FolderTreeEntry(id: "F1", title: "Platform", childIds: []),
                    FolderTreeEntry(id: "P1", title: "Launch", childIds: [],
                                    project: Project(status: .red, startDate: "2024-06-01", endDate: "2024-07-01"))]
        func t(_ id: String, _ title: String, _ st: String, _ imp: Importance, _ due: String?, _ who: [String],
               sub: [String] = [], parent: String? = nil, deps: [String] = []) -> WrikeTask {
            WrikeTask(id: id, title: title, responsibleIds: who, status: st == "DONE" ? .completed : .active, importance: imp,
                      createdDate: "2024-06-01T09:00:00Z", updatedDate: "2024-06-14T09:00:00Z",
                      dates: due.map { TaskDates(type: .planned, start: "2024-06-03", due: $0) }, authorIds: ["HS"],
                      customStatusId: st, permalink: "https://www.wrike.com/open.htm?id=\(id)",
                      superTaskIds: parent.map { [$0] } ?? [], subTaskIds: sub, dependencyIds: deps)
        }
        let tasks = [
            t("T1", "Write the spec", "PROG", .high, "2024-06-10", ["ME", "JO"], deps: ["D1", "D2"]),
            t("T2", "Review 設計 docs with a long title that is cut", "NEW", .normal, "2024-06-20", ["HS"], sub: ["T2a", "T2b"]),
            t("T2a", "Sub one", "NEW", .low, nil, [], parent: "T2"),
            t("T2b", "Sub two", "DONE", .normal, nil, [], parent: "T2"),
            t("T3", "Ship it", "DONE", .low, "2024-06-01", ["ME"], deps: ["D1"]),
            t("T4", "Announce", "NEW", .high, "2024-06-30", ["HS"], deps: ["D2"]),
        ]
        let deps = [Dependency(id: "D1", predecessorId: "T3", successorId: "T1", relationType: .startToStart),
                    Dependency(id: "D2", predecessorId: "T1", successorId: "T4", relationType: .finishToStart)]
        BrowserScreenTests.load(&s, boot: boot, tree: tree, tasks: tasks, width: width, height: height)
        _ = s.handle(.dependencies(.success(deps)))
        s.list.expanded = ["T2"]
        s.actions.marks.toggle("T3")
        s.actions.myTimeToday = 1.5
        if openTask {
            _ = s.update(.focus(.list))
            s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
            var full = tasks[0]
            full.description = "<p>See <a href=\"https://x.example/a\">the spec</a></p><ul><li>one</li><li>two</li></ul>"
            full.customFields = [CustomFieldValue(id: "CF1", value: "HS,JO"), CustomFieldValue(id: "CF2", value: "40")]
            _ = s.update(.open)
            _ = s.handle(.detailTask(taskId: "T1", .success(full)))
            _ = s.handle(.comments(taskId: "T1", .success([Comment(id: "C1", authorId: "JO", text: "<p>Looks good</p>",
                                                                   createdDate: "2024-06-15T10:00:00Z")])))
            _ = s.handle(.approvals(taskId: "T1", .success([Approval(id: "A1", title: "Sign-off", dueDate: "2024-06-17", decisions: [
                ApprovalDecision(approverId: "ME", status: .pending),
                ApprovalDecision(approverId: "HS", comment: "Fine by me", status: .approved),
                ApprovalDecision(approverId: "JO", comment: "Not yet", status: .rejected)], status: .pending)])))
            _ = s.handle(.taskDependencies(taskId: "T1", .success(deps)))
            _ = s.handle(.attachments(taskId: "T1", .success([Attachment(id: "AT", name: "plan.pdf", contentType: "application/pdf", size: 123_456)])))
            _ = s.handle(.timelogs(taskId: "T1", .success([Timelog(id: "L", userId: "ME", hours: 1.25, trackedDate: "2024-06-14", comment: "Drafting")])))
            _ = s.update(.action(.selectDependency(1)))
        }
        _ = s.update(.focus(focus))
        _ = s.update(.layout(BrowserLayout.compute(width: width, height: height, focus: focus).viewport(state: s)))
        return s
    }

    /// Every state worth drawing, by name (each from `state(glyphs)`).
    static func scenarios(_ g: Glyphs) -> [(String, AppState)] {
        var out: [(String, AppState)] = []
        func add(_ name: String, focus: Pane = .list, open: Bool = true, _ change: (inout AppState) -> Void = { _ in }) {
            var s = state(g, focus: focus, openTask: open)
            change(&s)
            out.append((name, s))
        }
        add("tree", focus: .tree)
        add("list")
        add("detail", focus: .detail)
        add("detail scrolled", focus: .detail) { $0.detail.scroll = 12 }
        add("list loading more") { $0.list.loadingMore = true; $0.list.total = 900 }
        add("list loading", open: false) { $0.list.status = .loading }
        add("filter without match") { s in
            _ = s.update(.beginFilter)
            _ = s.update(.filterType("zzz"))
        }
        add("filter kept") { s in
            _ = s.update(.beginFilter)
            _ = s.update(.filterType("spec"))
            _ = s.update(.endFilter(keep: true))
        }
        for page in 0..<6 {
            add("help page \(page)") { s in
                _ = s.update(.toggleHelp)
                s.modal = .help(HelpState(scroll: page * 30))
            }
        }
        add("status line") { s in
            s.status.message = "Refreshing…"
            s.status.lastError = "Rate limited — try again in a minute “soon”."
            s.status.client = "Offline · retrying…"
            s.detail.commentsStatus = .loading
        }
        add("signed out") { s in s.session.signedOut = true }
        add("status picker") { s in _ = s.update(.action(.changeStatus)) }
        add("status picker, bulk") { s in
            s.actions.marks.toggle("T1")
            _ = s.update(.action(.changeStatus))
        }
        add("confirm", focus: .detail) { s in
            s.modal = .confirm(ConfirmModel(title: "Delete comment", message: "Delete your comment “Looks good”?"),
                                         .deleteComment(id: "C1", taskId: "T1"))
        }
        add("time form") { s in
            _ = s.update(.action(.logTime))
            _ = s.handle(.timelogCategories(.success([TimelogCategory(id: "TC", name: "Development")])))
            _ = s.update(.action(.form(.insert("x"))))
            _ = s.update(.action(.form(.submit)))
        }
        add("dependency finder") { s in
            _ = s.update(.action(.addDependency))
            _ = s.update(.action(.picker(.type("Ship"))))
        }
        add("dependency finder, side") { s in
            _ = s.update(.action(.addDependency))
            _ = s.update(.action(.picker(.accept)))
        }
        add("dependency finder, relation") { s in
            _ = s.update(.action(.addDependency))
            _ = s.update(.action(.picker(.accept)))
            _ = s.update(.action(.picker(.accept)))
        }
        add("relation picker", focus: .detail) { s in _ = s.update(.action(.changeRelation)) }
        add("approval form") { s in
            _ = s.update(.action(.requestApproval))
            _ = s.update(.action(.form(.submit)))
        }
        add("drafts") { s in
            let d = Draft(id: "D", kind: .comment, profile: "default", taskId: "T1", taskTitle: "Write the spec",
                          text: "Half written", created: now)
            _ = s.update(.action(.offerDrafts([d], problems: [])))
        }
        add("approvals waiting") { s in
            _ = s.update(.action(.approvalsWaiting))
            _ = s.handle(.myApprovals(.success([Approval(id: "A9", taskId: "T404", dueDate: "2024-06-20",
                                                         decisions: [ApprovalDecision(approverId: "ME", status: .pending)],
                                                         status: .pending)])))
        }
        add("detail loading", focus: .list) { s in
            s.list.cursor = s.list.rowIndex(ofTask: "T2") ?? 0
            _ = s.update(.open)
        }
        var starting = AppState(now: now, timeZone: TimeZone(identifier: "UTC") ?? .current)
        starting.setGlyphs(g)
        _ = starting.update(.layout(BrowserLayout.compute(width: 120, height: 40, focus: .tree).viewport(state: starting)))
        _ = starting.update(.start)
        out.append(("starting", starting))
        _ = starting.handle(.bootstrap(.success(Bootstrap(workflows: [], spaces: [Space(id: "S1", title: "Engineering")],
                                                          hasDirectory: false))))
        out.append(("tree loading", starting))
        add("composer sending", focus: .detail) { s in
            _ = s.update(.action(.comment))
            _ = s.update(.action(.editor(.insert("Hello"))))
            _ = s.update(.action(.editor(.send)))
        }
        return out
    }

    static func nonASCII(_ c: Canvas) -> [(x: Int, y: Int, text: String)] {
        var out: [(Int, Int, String)] = []
        for y in 0..<c.height {
            for x in 0..<c.width where !c[x, y].text.unicodeScalars.allSatisfy(\.isASCII) {
                out.append((x, y, c[x, y].text))
            }
        }
        return out
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func noSymbolOfTheAppIsOutsideASCII(size: (Int, Int)) {
        let (w, h) = size
        for (name, var s) in Self.scenarios(.ascii) {
            _ = s.update(.layout(BrowserLayout.compute(width: w, height: h, focus: s.focus).viewport(state: s)))
            var c = Canvas(width: w, height: h)
            BrowserRender.render(s, into: &c, glyphs: .ascii)
            let bad = Self.nonASCII(c).filter { !Self.serverCharacters.contains($0.text) }
            #expect(bad.isEmpty, "\(name) at \(w)x\(h): \(bad.prefix(5).map { "\($0.text) at \($0.x),\($0.y): \(c.line($0.y))" })")
        }
    }

    /// The same states in Unicode do draw the app's symbols (the test above is not vacuous), and the
    /// server text shows unchanged in ASCII.
    @Test func theUnicodeScreensDrawTheSymbolsAndServerTextStays() {
        var symbols: Set<String> = []
        for (_, s) in Self.scenarios(.unicode) {
            var c = Canvas(width: 120, height: 40)
            BrowserRender.render(s, into: &c, glyphs: .unicode)
            for cell in Self.nonASCII(c) where !Self.serverCharacters.contains(cell.text) { symbols.insert(cell.text) }
        }
        for s in ["·", "→", "←", "•", "↑", "↓", "…", "✓", "✗", "○", "●", "▶", "⊘", "“", "—", "▾"] {
            #expect(symbols.contains(s), "\(s) never drawn in Unicode")
        }
        var c = Canvas(width: 120, height: 40)
        BrowserRender.render(Self.state(.ascii, focus: .detail), into: &c, glyphs: .ascii)
        #expect(c.text().contains("José Álvarez"))
        #expect(c.text().contains("設計"))
    }

    /// In ASCII, the list's and the detail's symbols stay apart: high importance `!`, blocked `#`, a
    /// mark `*`, a collapsed or expanded row `+`/`-`; in the detail a bullet `-`, `<-`/`->` before
    /// dependencies, `>` on the selected one, `*`/`x`/`o` for decisions, `@` for one waiting on me.
    @Test func asciiSymbolsStayDistinct() throws {
        var s = Self.state(.ascii, focus: .detail)
        s.detail.scroll = 0
        var c = Canvas(width: 200, height: 50)
        BrowserRender.render(s, into: &c, glyphs: .ascii)
        let lines = c.lines()
        let t4 = try #require(lines.first { $0.contains("Announce") })
        #expect(t4.contains("!# Announce"), "high importance and blocked differ: \(t4)")
        let t3 = try #require(lines.first { $0.contains("Ship it") && $0.contains("Done") })
        #expect(t3.contains("_* Ship it"), "low importance, marked: \(t3)")
        let text = c.text()
        for piece in ["> <- waits for Ship it", "||-> blocks Announce", "- one", "- plan.pdf", "@ waiting on",
                      "* Hanako Sato", "x José Álvarez", "o Alex Morgan", "2024-06-03 -> 2024-06-10", "Done            40%",
                      "+ Review", "Platform . 6 . status^"] {
            #expect(text.contains(piece), "\(piece)")
        }
    }

    /// The app takes the screen's glyphs (ASCII here) for the text its model lays out.
    @Test func theAppTakesTheScreensGlyphs() {
        let runner = EffectRunner(service: TransportService(transport: Sandbox(dataset: DemoDataset.make()), token: "t")) { _ in }
        var app = BrowserApp(state: Self.state(.unicode, focus: .detail), runner: runner, clock: { Self.now })
        var context = LoopContext(width: 120, height: 40, glyphs: .ascii, colorMode: .none)
        app.handle(key: .resize, context: &context)
        #expect(app.state.glyphs == .ascii)
        var c = Canvas(width: 120, height: 40)
        app.render(into: &c, context: RenderContext(glyphs: .ascii, colorMode: .none))
        let bad = Self.nonASCII(c).filter { !Self.serverCharacters.contains($0.text) }
        #expect(bad.isEmpty, "\(bad.prefix(5).map { "\($0.text) at \($0.x),\($0.y)" })")
    }
}
