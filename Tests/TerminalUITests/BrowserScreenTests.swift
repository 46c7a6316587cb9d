import Browser
import BrowserRuntime
import Foundation
import Testing
@testable import TerminalUI
import TermText
import WrikeAPI

/// Golden screens of the browser at several sizes, with CJK, emoji and hostile server strings.
/// Regenerate after an intended change: `UPDATE_GOLDEN=1 swift test --filter BrowserScreenTests`.
@Suite struct BrowserScreenTests {
    static let now = Date(timeIntervalSince1970: 1_718_452_800)  // 2024-06-15 12:00 UTC
    static let esc = "\u{1B}"

    /// New, In Progress (active), Done (completed).
    static let workflow = Workflow(id: "WF", name: "W", customStatuses: [
        CustomStatus(id: "NEW", name: "New", color: .blue, group: .active),
        CustomStatus(id: "PROG", name: "In Progress", color: .yellow, group: .active),
        CustomStatus(id: "DONE", name: "Done", color: .green, group: .completed)])

    /// Start, then `boot`, the tree of S1, and `tasks` listed for F1 (the tree's second row).
    static func load(_ s: inout AppState, boot: Bootstrap, tree: [FolderTreeEntry], tasks: [WrikeTask], width: Int, height: Int) {
        _ = s.update(.layout(BrowserLayout.compute(width: width, height: height, focus: .tree).viewport(state: s)))
        _ = s.update(.start)
        _ = s.handle(.bootstrap(.success(boot)))
        _ = s.handle(.tree(spaceId: "S1", .success(tree)))
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "F1" } ?? 0
        _ = s.update(.open)
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: tasks, total: tasks.count))))
    }

    static func state(width: Int, height: Int, focus: Pane, openTask: Bool) -> AppState {
        var s = AppState(now: now, timeZone: TimeZone(identifier: "UTC") ?? .current)
        let wf = workflow
        let contacts = [Contact(id: "ME", firstName: "Alex", lastName: "Morgan", me: true),
                        Contact(id: "HS", firstName: "花子", lastName: "佐藤"),
                        Contact(id: "EV", firstName: "Mallory\(esc)]52;c;ZXZpbA==\u{07}", lastName: "\(esc)[2JX")]
        let boot = Bootstrap(account: Account(id: "A", name: "Northwind 北風"), me: contacts[0], contacts: contacts,
                             workflows: [wf], spaces: [Space(id: "S1", title: "Engineering 🛠️"), Space(id: "S2", title: "マーケティング")])
        let tree = [FolderTreeEntry(id: "S1", title: "Engineering", childIds: ["F1", "P1"]),
                    FolderTreeEntry(id: "F1", title: "Platform \(esc)[31mred\(esc)[0m", childIds: []),
                    FolderTreeEntry(id: "P1", title: "Launch 🚀 プロジェクト", childIds: [],
                                    project: Project(status: .red, startDate: "2024-06-01", endDate: "2024-07-01"))]
        func t(_ id: String, _ title: String, _ st: String, _ imp: Importance, _ due: String?, _ who: [String],
               sub: [String] = [], parent: String? = nil) -> WrikeTask {
            WrikeTask(id: id, title: title, responsibleIds: who, status: st == "DONE" ? .completed : .active, importance: imp,
                      createdDate: "2024-06-01T09:00:00Z", updatedDate: "2024-06-14T09:00:00Z",
                      dates: due.map { TaskDates(type: .planned, start: "2024-06-03", due: $0) }, authorIds: ["HS"],
                      customStatusId: st, permalink: "https://www.wrike.com/open.htm?id=\(id)",
                      superTaskIds: parent.map { [$0] } ?? [], subTaskIds: sub)
        }
        let tasks = [
            t("T1", "Evil \(esc)[31mred\(esc)[0m title\u{202E}gnp.exe with a long tail that never ends", "NEW", .high, "2024-06-10", ["EV"]),
            t("T2", "设计评审 design review 👩‍💻 with zero\u{200D}width joiner", "PROG", .normal, "2024-06-20", ["HS", "ME"], sub: ["T2a"]),
            t("T2a", "Sub-task ✔︎ variation selector", "NEW", .low, nil, [], parent: "T2"),
            t("T3", "Ship it 🚀🚀🚀", "DONE", .low, "2024-06-01", ["ME"]),
        ]
        load(&s, boot: boot, tree: tree, tasks: tasks, width: width, height: height)
        s.list.expanded = ["T2"]
        _ = s.update(.setSort(.status, ascending: true))
        if openTask {
            var full = tasks[0]
            full.description = "<p>Hi <a class=\"stream-user-id\">@花子 佐藤</a>, see <a href=\"https://x.example/a\">spec</a> \(esc)]8;;http://evil\(esc)\\link</p><ul><li>一</li><li>two 🎉</li></ul>"
            _ = s.update(.open)
            _ = s.handle(.detailTask(taskId: "T1", .success(full)))
            _ = s.handle(.comments(taskId: "T1", .success([Comment(id: "C1", authorId: "HS", text: "LGTM 👍 \(esc)[5mblink",
                                                                   createdDate: "2024-06-15T10:00:00Z")])))
            _ = s.handle(.approvals(taskId: "T1", .success([Approval(id: "A1", dueDate: "2024-06-17", decisions: [
                ApprovalDecision(approverId: "ME", status: .pending),
                ApprovalDecision(approverId: "HS", comment: "よろしい", status: .approved)], status: .pending)])))
            _ = s.handle(.taskDependencies(taskId: "T1", .success([Dependency(id: "D1", predecessorId: "T3", successorId: "T1", relationType: .finishToStart)])))
            _ = s.handle(.attachments(taskId: "T1", .success([Attachment(id: "AT", name: "図面.pdf", contentType: "application/pdf", size: 123_456)])))
            _ = s.handle(.timelogs(taskId: "T1", .success([Timelog(id: "L", userId: "ME", hours: 1.25, trackedDate: "2024-06-14")])))
        }
        _ = s.update(.focus(focus))
        _ = s.update(.layout(BrowserLayout.compute(width: width, height: height, focus: focus).viewport(state: s)))
        return s
    }

    static func render(_ s: AppState, _ w: Int, _ h: Int, ascii: Bool = false) -> Canvas {
        var c = Canvas(width: w, height: h)
        BrowserRender.render(s, into: &c, glyphs: ascii ? .ascii : .unicode)
        return c
    }

    static func check(_ name: String, _ c: Canvas) throws {
        // Invariants: nothing that can drive the terminal reached the canvas; every row fits.
        for y in 0..<c.height {
            for x in 0..<c.width {
                let cell = c[x, y]
                #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x200D || $0.value == 0xFE0F },
                        "control in cell \(x),\(y) of \(name)")
            }
            #expect(displayWidth(c.line(y)) <= c.width, "row \(y) of \(name) too wide")
        }
        let text = c.text() + "\n"
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let url = dir.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(name) differs from Golden/\(name).txt (UPDATE_GOLDEN=1 to accept)")
    }

    @Test(arguments: [(200, 50), (120, 40), (80, 24), (60, 20)])
    func listAndDetail(size: (Int, Int)) throws {
        let (w, h) = size
        let s = Self.state(width: w, height: h, focus: .list, openTask: true)
        try Self.check("list-\(w)x\(h)", Self.render(s, w, h))
    }

    @Test(arguments: [(200, 50), (120, 40), (80, 24), (60, 20)])
    func detailFocused(size: (Int, Int)) throws {
        let (w, h) = size
        let s = Self.state(width: w, height: h, focus: .detail, openTask: true)
        let c = Self.render(s, w, h)
        try Self.check("detail-\(w)x\(h)", c)
        #expect(c.text().contains("Evil red title"))
    }

    @Test func treeAsciiAt80x24() throws {
        let s = Self.state(width: 80, height: 24, focus: .tree, openTask: false)
        try Self.check("tree-ascii-80x24", Self.render(s, 80, 24, ascii: true))
    }

    @Test func helpOverlayAt120x40() throws {
        var s = Self.state(width: 120, height: 40, focus: .list, openTask: false)
        _ = s.update(.toggleHelp)
        let c = Self.render(s, 120, 40)
        try Self.check("help-120x40", c)
        for b in Keymap.defaults.bindings.prefix(10) { #expect(c.text().contains(b.help)) }
        #expect(c.text().contains("wrike-tui \(WrikeTUIVersion.string)"))   // the version, from its one definition
    }

    /// `?` tells each key's whole description: a long one is wrapped onto the rows below it, never cut with "…"
    /// (the box is at most 120 columns wide, 76 on 80 columns, and `o`, `I`, `w` … say more than fits on one row).
    @Test func helpShowsEveryDescriptionWhole() throws {
        var s = Self.state(width: 120, height: 40, focus: .list, openTask: false)
        _ = s.update(.toggleHelp)
        var rows: [String] = []
        for page in 0..<40 {
            s.modal = .help(HelpState(scroll: page * 30))
            for line in Self.render(s, 120, 40).text().components(separatedBy: "\n") {
                let parts = line.components(separatedBy: "┃")
                if parts.count >= 3 { rows.append(parts[1].trimmingCharacters(in: .whitespaces)) }
            }
        }
        let shown = rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
        for b in Keymap.defaults.bindings {
            let help = b.help.split(separator: " ").joined(separator: " ")
            #expect(shown.contains(help), "? does not show whole: \(b.action.rawValue): \(b.help)")
        }
    }

    @Test func filterLineAt80x24() throws {
        var s = Self.state(width: 80, height: 24, focus: .list, openTask: false)
        _ = s.update(.beginFilter)
        _ = s.update(.filterType("@花"))
        let c = Self.render(s, 80, 24)
        try Self.check("filter-80x24", c)
        #expect(c.text().contains("/@花"))
    }

    @Test func datesOfAnotherYearFitTheDueColumn() {
        // The Due column is six cells: this year's "Jun 10", another year's "Jan'25" (never cut to "2025-…").
        #expect(BrowserRender.shortDate("2024-06-10", today: "2024-06-15") == "Jun 10")
        #expect(BrowserRender.shortDate("2025-01-08", today: "2024-06-15") == "Jan'25")
        #expect(BrowserRender.shortDate("2023-12-31", today: "2024-06-15") == "Dec'23")
        for day in ["2025-01-08", "1999-12-01", "2024-02-29"] {
            #expect(displayWidth(BrowserRender.shortDate(day, today: "2024-06-15")) == 6)
        }
        #expect(BrowserRender.shortDate("garbage", today: "2024-06-15") == "garbage")
    }

    @Test func tooSmallSaysSo() {
        let s = Self.state(width: 30, height: 8, focus: .list, openTask: false)
        let c = Self.render(s, 30, 8)
        #expect(c.text().contains("Terminal too small"))
        #expect(c.text().contains("now 30x8"))
    }

    /// Config `columns`: the configured columns, in their order, with their values.
    @Test func configuredColumnsInOrder() throws {
        var s = Self.state(width: 200, height: 50, focus: .list, openTask: false)
        s.list.columns = [.id, .marker, .title, .start, .updated, .due]
        s.actions.marks.toggle("T3")
        let c = Self.render(s, 200, 50)
        let lines = c.lines()
        let header = try #require(lines.first { $0.contains("Title") && $0.contains("Updated") })
        let order = ["ID", "Title", "Start", "Updated", "Due"].map { header.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 }.sorted() == order.compactMap { $0 })
        #expect(!header.contains("Status") && !header.contains("Assignees"))
        // T3: its id first, the mark in the marker column (not before the title), start, updated, due.
        let t3 = try #require(lines.first { $0.contains("Ship it") })
        #expect(t3.contains("T3"))
        #expect(t3.components(separatedBy: "✓").count == 2, "one mark, in its column: \(t3)")
        #expect(t3.contains("Jun 03") && t3.contains("Jun 14") && t3.contains("Jun 01"))
        let id = try #require(t3.range(of: "T3")?.lowerBound)
        let title = try #require(t3.range(of: "Ship it")?.lowerBound)
        let check = try #require(t3.range(of: "✓")?.lowerBound)
        #expect(id < check && check < title)
        // Created and author come from the stored task (lists carry authors when asked for).
        s.list.columns = [.title, .created, .author]
        let t1 = try #require(Self.render(s, 200, 50).lines().first { $0.contains("Evil") })
        #expect(t1.contains("Jun 01") && t1.contains("花子"), "\(t1)")
    }

    @Test func signedOutIsOnePersistentSentenceOnTheStatusLine() {
        var s = Self.state(width: 200, height: 50, focus: .list, openTask: true)
        s.status.client = "Wrike did not accept the sign-in; sign in again (wrike-tui auth login)."
        s.status.lastError = "Signed out: not read from Wrike (sign in again)."
        s.session.signedOut = true
        let c = Self.render(s, 200, 50)
        let status = c.line(48)
        #expect(status.contains("Signed out: your Wrike sign-in expired — run `wrike-tui auth login` (q quits)"))
        #expect(!status.contains("did not accept"), "the client's sentence is not repeated")
        #expect(!status.contains("not read from Wrike"), "nor each failed read's")
        let x = status.range(of: "Signed out").map { status.distance(from: status.startIndex, to: $0.lowerBound) } ?? 0
        #expect(x > 0 && c[x, 48].style.role == .statusError)
        // An error about something else still shows.
        s.status.lastError = "No task selected."
        #expect(Self.render(s, 200, 50).line(48).contains("No task selected."))
    }

    @Test func rolesAreSemantic() {
        let s = Self.state(width: 200, height: 50, focus: .list, openTask: true)
        let c = Self.render(s, 200, 50)
        var roles: Set<Role> = []
        for y in 0..<c.height { for x in 0..<c.width { roles.insert(c[x, y].style.role) } }
        for r in [Role.borderFocused, .border, .selection, .overdue, .attention, .colorBlue, .colorYellow, .statusLine, .hintKey, .section] {
            #expect(roles.contains(r), "role \(r.name) missing")
        }
    }

    /// Focus is shown on the pane's top edge only (double top line, reversed title): a pane switch must
    /// not restyle the side and bottom borders (each side cell costs the terminal a cursor move).
    @Test(arguments: [(200, 50), (120, 40)])
    func paneSwitchChangesTopLinesTitlesAndSelectionOnly(size: (Int, Int)) {
        let (w, h) = size
        let a = Self.render(Self.state(width: w, height: h, focus: .list, openTask: true), w, h)
        let b = Self.render(Self.state(width: w, height: h, focus: .tree, openTask: true), w, h)
        let layout = BrowserLayout.compute(width: w, height: h, focus: .list)
        guard let tree = layout.tree, let list = layout.list else {
            Issue.record("wide layout expected")
            return
        }
        var changedRows: Set<Int> = []
        var changed = 0
        for y in 0..<h {
            for x in 0..<w where a[x, y] != b[x, y] {
                changed += 1
                changedRows.insert(y)
                // Never a side border of a pane (rows below the top edge, at the pane's left or right column).
                for r in [tree, list] where y > r.y && y < r.maxY && (x == r.x || x == r.maxX - 1) {
                    Issue.record("side border cell \(x),\(y) changed")
                }
            }
        }
        // Besides the top edge row and the hint line, only the two selected rows (tree and list).
        #expect(changedRows.subtracting([tree.y, layout.hint.y]).count <= 2, "rows changed: \(changedRows.sorted())")
        // Two top lines and two titles are at most the panes' widths; the two selected rows the same again.
        #expect(changed <= 2 * (tree.width + list.width) + w, "\(changed) cells changed")
        // The focused pane's top edge is marked, the other's is not.
        #expect(a[list.x, list.y].text == Glyphs.unicode.focusTop.topLeft && a[list.x + 1, list.y].text == "═")
        #expect(a[tree.x, tree.y].text == Glyphs.unicode.border.topLeft)
        #expect(b[tree.x, tree.y].text == Glyphs.unicode.focusTop.topLeft)
        #expect(a[list.x + 3, list.y].style == Style(.titleFocused, .reverse))
        #expect(b[list.x + 3, list.y].style == Style(.title))
    }

    @Test func focusIsShownInAsciiAndInTheNarrowLayout() {
        let s = Self.state(width: 80, height: 24, focus: .list, openTask: false)
        let c = Self.render(s, 80, 24, ascii: true)
        // Narrow: the tabs row marks the focused pane; the pane's top edge is "+=" and its title reversed.
        #expect(c.line(1).hasPrefix("+= Tasks . Platform red . 4"), "\(c.line(1))")
        #expect(c[3, 1].style == Style(.titleFocused, .reverse))
        #expect(c.line(2).hasPrefix("|"))
        #expect(c.roleLine(0, legend: [.selection: "S"]).contains("S"))
    }

    @Test func layoutsAtEachSize() {
        let wide = BrowserLayout.compute(width: 120, height: 40, focus: .list)
        #expect(wide.tree != nil && wide.list != nil && wide.detail != nil && wide.tabs == nil)
        let narrow = BrowserLayout.compute(width: 80, height: 24, focus: .detail)
        #expect(narrow.tree == nil && narrow.list == nil && narrow.detail?.width == 80 && narrow.tabs != nil)
        #expect(BrowserLayout.compute(width: 39, height: 20, focus: .tree).tooSmall)
    }
}
