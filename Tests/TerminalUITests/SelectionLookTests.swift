import Browser
import Testing

@testable import TerminalUI

/// The selected list row: reverse video in the default theme (a cursor step turns one attribute on and
/// off instead of sending two colours), over every column but the status and importance badges, which
/// keep their colours and are not sent again. Blank cells that look like plain blanks are sent as such.
extension ScreenTests {
    /// The list row of the cursor in a rendered 200x50 browser, and the list's columns.
    static func selectedListRow(_ c: Canvas) -> Int? {
        (0..<c.height).first { y in (0..<c.width).contains { c[$0, y].style.role == .selection } && y > 1 }
    }

    @Test func theSelectedRowKeepsItsStatusAndImportanceBadges() throws {
        let s = BrowserScreenTests.state(width: 200, height: 50, focus: .list, openTask: true)
        let c = BrowserScreenTests.render(s, 200, 50)
        let y = try #require(Self.selectedListRow(c))
        let list = try #require(BrowserLayout.compute(width: 200, height: 50, focus: .list).list)
        let line = c.line(y)
        // The status word keeps its own role; the title and the rest of the row take the selection.
        let title = try #require(s.list.selectedTask?.title.prefix(8))
        let tx = try #require(line.range(of: String(title)).map { line.distance(from: line.startIndex, to: $0.lowerBound) })
        #expect(c[tx, y].style.role == .selection)
        #expect(c[list.maxX - 2, y].style.role == .selection, "the highlight reaches the pane's edge")
        #expect(c[list.x + 1, y].style.role != .selection, "status badge: \(c.roleLine(y, legend: [.selection: "S"]))")
    }

    /// What the terminal receives for a selected row and a plain one, per colour mode.
    func selectionOutput(term: String, noColor: Bool = false) throws -> String {
        let pty = try #require(HeadlessTerminal(width: 40, height: 4))
        var o = pty.screenOptions(term: term, theme: Theme.fallback)
        if noColor { o.environment["NO_COLOR"] = "1" }
        let screen = try NcursesScreen(options: o)
        defer { screen.shutdown() }
        var c = Canvas(width: 40, height: 4)
        screen.draw(c)
        try #require(pty.sync() != nil)
        pty.clearCaptured()
        c.fill(Rect(x: 0, y: 1, width: 40, height: 1), style: Style(.selection))
        c.put("picked row", x: 2, y: 1, style: Style(.selection))
        screen.draw(c)
        return pty.waitForOutput(containing: "picked row")
    }

    @Test func theDefaultSelectionIsReverseVideoInEveryMode() throws {
        for (term, noColor) in [("xterm-256color", false), ("xterm", false), ("linux", false), ("xterm-256color", true)] {
            let out = try selectionOutput(term: term, noColor: noColor)
            #expect(Self.sgr(out).contains(7), "\(term) no-color \(noColor): \(out.debugDescription)")
            #expect(Self.sgr(out).isDisjoint(with: Set(40...48)), "no background colour: \(out.debugDescription)")
            if noColor { #expect(Self.sgr(out).contains(1), "monochrome: reverse and bold") }
        }
    }

    /// A blank in a foreground-only role (the dim padding of an empty assignees cell) is a plain blank:
    /// no colour is sent for it. A blank that shows (underline, reverse, a background) keeps its look.
    @Test func blanksThatLookPlainAreSentPlain() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 4))
        let screen = try NcursesScreen(options: pty.screenOptions())
        defer { screen.shutdown() }
        var c = Canvas(width: 40, height: 4)
        c.fill(Rect(x: 0, y: 1, width: 40, height: 1), with: "#")
        screen.draw(c)
        try #require(pty.sync() != nil)
        pty.clearCaptured()
        c.put("title", x: 0, y: 1)
        c.fill(Rect(x: 5, y: 1, width: 20, height: 1), style: Style(.dim))
        c.put("end", x: 25, y: 1)
        screen.draw(c)
        let out = pty.waitForOutput(containing: "end")
        #expect(!out.contains("38;5;243"), "dim blanks sent in their colour: \(out.debugDescription)")
        #expect(screen.pair(for: .dim) != screen.pair(for: .normal))
        pty.clearCaptured()
        c.fill(Rect(x: 5, y: 2, width: 10, height: 1), style: Style(.link))
        c.put("x", x: 16, y: 2)
        screen.draw(c)
        let link = pty.waitForOutput(containing: "x")
        #expect(Self.sgr(link).contains(4), "underlined blanks keep their underline: \(link.debugDescription)")
        #expect(NcursesScreen.blankStyles(Theme.fallback.resolved(for: .full))[Int(Role.selection.rawValue) * 32]
                == Int32(Role.selection.rawValue) * 32)
    }
}
