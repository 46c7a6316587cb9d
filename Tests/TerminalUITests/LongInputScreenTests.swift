import Browser
import Foundation
import Testing
@testable import TerminalUI

/// Text typed past the width of its field: the end shows (where the typing goes), after an ellipsis;
/// before, the start showed and what was being typed was cut off.
@Suite struct LongInputScreenTests {
    static let typed = "this is a rather long query that goes on and on past the end of the field, of any field width xyz"

    @Test func aLongGoToQueryShowsItsEnd() {
        let c = BrowserScreenTests.render(GoToScreenTests.state(Self.typed), 80, 24)
        let line = (0..<c.height).map { c.line($0) }.first { $0.contains(": …") } ?? ""
        #expect(line.contains("field width xyz"), "\(c.text())")
        #expect(!line.contains("this is a"))
    }

    @Test func aLongFilterShowsItsEndWhileTypedAndItsStartWhenKept() {
        var s = BrowserScreenTests.state(width: 100, height: 30, focus: .list, openTask: false)
        _ = s.update(.beginFilter)
        _ = s.update(.paste(Self.typed, truncated: false))
        var text = BrowserScreenTests.render(s, 100, 30).text()
        #expect(text.contains("/…") && text.contains("field width xyz"), "\(text)")
        _ = s.update(.endFilter(keep: true))
        text = BrowserScreenTests.render(s, 100, 30).text()
        #expect(text.contains("/this is a"), "\(text)")
    }

    @Test func aLongNewTaskTitleShowsItsEndAfterAnEllipsis() throws {
        var s = TaskEditScreenTests.state()
        _ = s.update(.taskEdit(.newTask))
        _ = s.update(.paste(Self.typed + " " + Self.typed, truncated: false))
        TaskEditScreenTests.relayout(&s)
        let c = BrowserScreenTests.render(s, 160, 30)
        let line = try #require((0..<c.height).map { c.line($0) }.first { $0.contains("New task in Platform") }, "\(c.text())")
        #expect(line.contains("…") && line.contains("field width xyz"), "\(line)")
        #expect(!line.contains("this is a rather"), "\(line)")
    }
}
