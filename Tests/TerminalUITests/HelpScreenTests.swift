import Browser
import Foundation
import Testing
@testable import TerminalUI
import TermText

/// The `?` box on a wide terminal uses more of it (up to 120 columns: descriptions wrap onto fewer rows,
/// the keys column shows every key), and is as it was on 80 columns. Goldens: help-200x50, help-80x24.
@Suite struct HelpScreenTests {
    static func helpScreen(_ w: Int, _ h: Int) -> Canvas {
        var s = BrowserScreenTests.state(width: w, height: h, focus: .list, openTask: false)
        _ = s.update(.toggleHelp)
        return BrowserScreenTests.render(s, w, h)
    }

    /// The box's left and right border columns on its top row (the row with "Keys · ").
    static func boxEdges(_ c: Canvas) -> (left: Int, right: Int)? {
        guard let y = (0..<c.height).first(where: { c.line($0).contains("Keys · ") }) else { return nil }
        let xs = (0..<c.width).filter { c[$0, y].text == "┏" || c[$0, y].text == "┓" }
        guard let l = xs.first, let r = xs.last, l < r else { return nil }
        return (l, r)
    }

    @Test func aWideTerminalGetsAWideBox() throws {
        let c = Self.helpScreen(200, 50)
        try BrowserScreenTests.check("help-200x50", c)
        let edges = try #require(Self.boxEdges(c))
        #expect(edges.right - edges.left + 1 == 120, "120 columns wide on 200: \(edges)")
        #expect(edges.left == 40, "centred")
        let text = c.text()
        // A long description on one row: `o`'s (169 characters) takes two rows, not three.
        let open = try #require(Keymap.defaults.binding(for: .showLink)).help
        let firstWords = String(open.prefix(60))
        let lines = text.components(separatedBy: "\n")
        let at = try #require(lines.firstIndex { $0.contains(firstWords) })
        #expect(lines[at].contains("over SSH show its"), "most of it on its first row: \(lines[at])")
    }

    @Test func eightyColumnsAreAsBefore() throws {
        let c = Self.helpScreen(80, 24)
        try BrowserScreenTests.check("help-80x24", c)
        let edges = try #require(Self.boxEdges(c))
        #expect(edges.right - edges.left + 1 == 76)
    }

    /// Every key of a row shows whole in the keys column of a wide box (`← → Tab S-Tab h l` is 17 cells).
    @Test func theKeysColumnShowsEveryKeyOnAWideTerminal() {
        var s = BrowserScreenTests.state(width: 200, height: 50, focus: .list, openTask: false)
        _ = s.update(.toggleHelp)
        var text = ""
        for p in 0..<20 {
            s.modal = .help(HelpState(scroll: p * 40))
            text += BrowserScreenTests.render(s, 200, 50).text()
        }
        for b in Keymap.defaults.bindings {
            let keys = b.keys.map { KeyNames.display($0, ascii: false) }.joined(separator: " ")
            #expect(text.contains(keys + " "), "keys of \(b.action.rawValue) whole: \(keys)")
        }
    }

    /// The same descriptions take fewer rows on a wide terminal (a screen tall enough for all of them:
    /// the box's height is its rows).
    @Test func fewerRowsOnAWideTerminal() throws {
        func boxHeight(_ w: Int) throws -> Int {
            let c = Self.helpScreen(w, 800)
            let top = try #require((0..<c.height).first { c.line($0).contains("┏") })
            let bottom = try #require((0..<c.height).last { c.line($0).contains("┗") })
            return bottom - top + 1
        }
        let wide = try boxHeight(200), narrow = try boxHeight(80)
        #expect(wide < narrow - 40, "wide \(wide) rows, 80 columns \(narrow)")
    }
}
