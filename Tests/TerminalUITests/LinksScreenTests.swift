import Browser
import BrowserRuntime
import Foundation
import Testing
import TermText
@testable import TerminalUI
import WrikeAPI
import WrikeSandbox

/// Attachments and the mouse on screen: the selected attachment is marked in the detail pane; a press on a
/// tree or list row selects it, on an attachment selects that one, on a narrow layout's tab focuses its
/// pane; the wheel moves; nothing happens over a modal.
@Suite struct LinksScreenTests {
    static func app(width: Int = 200, height: Int = 50) -> BrowserApp {
        let runner = EffectRunner(service: TransportService(transport: Sandbox(dataset: DemoDataset.make()), token: "t")) { _ in }
        var state = BrowserScreenTests.state(width: width, height: height, focus: .list, openTask: true)
        _ = state.handle(.attachments(taskId: "T1", .success([
            WrikeAPI.Attachment(id: "AT", name: "図面.pdf", contentType: "application/pdf", size: 123_456),
            WrikeAPI.Attachment(id: "AT2", name: "notes\u{1B}[31m.txt", size: 20),
        ])))
        var app = BrowserApp(state: state, runner: runner, clock: { BrowserScreenTests.now })
        // The state is laid out for this size already (a first resize would start the app: loading again).
        app.size = (width, height)
        return app
    }

    static func press(_ app: inout BrowserApp, _ kind: MouseEvent.Kind = .press, x: Int, y: Int) {
        var c = LoopContext(width: app.size.width, height: app.size.height, glyphs: .unicode, colorMode: .none)
        app.handle(mouse: MouseEvent(kind, x: x, y: y), context: &c)
    }

    static func screen(_ app: BrowserApp) -> Canvas { BrowserScreenTests.render(app.state, app.size.width, app.size.height) }

    /// The screen row showing `text` in the column range of `rect` (the first match).
    static func row(_ app: BrowserApp, _ text: String, in rect: Rect) -> Int? {
        let c = screen(app)
        return (rect.y..<rect.maxY).first { y in
            (rect.x..<rect.maxX).map { c[$0, y] }.filter { $0.width != 0 }.map(\.text).joined().contains(text)
        }
    }

    @Test func theSelectedAttachmentIsMarkedAndNamedSafely() throws {
        var app = Self.app()
        var c = LoopContext(width: 200, height: 50, glyphs: .unicode, colorMode: .none)
        app.handle(key: .char("f"), context: &c)
        app.handle(key: .char("f"), context: &c)
        #expect(app.state.features.links.selectedAttachment == "AT2")
        let text = Self.screen(app).text()
        #expect(text.contains("\(TermText.Glyphs.unicode.selectionMarker) notes.txt"))
        #expect(!text.contains("[31m"))
        #expect(text.contains("• 図面.pdf"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("L downloads it, Y copies a link to it."))
    }

    @Test func clicksSelectRowsAndAttachments() throws {
        var app = Self.app(width: 200, height: 24)
        let layout = BrowserLayout.compute(width: 200, height: 24, focus: app.state.focus)
        let tree = try #require(layout.tree), list = try #require(layout.list), detail = try #require(layout.detail)
        // A list row: the one showing "Ship it".
        let shipRow = try #require(Self.row(app, "Ship it", in: list))
        Self.press(&app, x: list.x + 5, y: shipRow)
        #expect(app.state.focus == .list)
        #expect(app.state.list.selectedTask?.id == "T3")
        // A tree row: the second space.
        let c = Self.screen(app)
        let spaceRow = try #require((tree.y..<tree.maxY).first { c.line($0).contains("マーケティング") })
        Self.press(&app, x: tree.x + 3, y: spaceRow)
        #expect(app.state.focus == .tree)
        #expect(app.state.tree.rows[app.state.tree.cursor].id == "S2")
        // The list's header row selects nothing.
        let before = app.state.list.cursor
        Self.press(&app, x: list.x + 5, y: list.y + 1)
        #expect(app.state.focus == .list && app.state.list.cursor == before)
        // An attachment in the detail (scrolled to its section first with the wheel).
        for _ in 0..<20 where Self.row(app, "notes", in: detail) == nil {
            Self.press(&app, .wheelDown, x: detail.x + 5, y: detail.y + 3)
        }
        #expect(app.state.focus == .detail)
        #expect(app.state.detail.scroll >= AppState.wheelLines)
        let notesRow = try #require(Self.row(app, "notes", in: detail))
        Self.press(&app, x: detail.x + 4, y: notesRow)
        #expect(app.state.features.links.selectedAttachment == "AT2")
        // The wheel up moves back.
        let scrolled = app.state.detail.scroll
        Self.press(&app, .wheelUp, x: detail.x + 5, y: detail.y + 3)
        #expect(app.state.detail.scroll == max(0, scrolled - AppState.wheelLines))
    }

    @Test func narrowTabsFocusAndModalsIgnoreTheMouse() throws {
        var app = Self.app(width: 80, height: 24)
        let layout = BrowserLayout.compute(width: 80, height: 24, focus: app.state.focus)
        let tabs = try #require(layout.tabs)
        let spans = BrowserRender.tabSpans(app.state, tabs)
        let treeTab = try #require(spans.first { $0.pane == .tree })
        Self.press(&app, x: treeTab.columns.lowerBound + 1, y: tabs.y)
        #expect(app.state.focus == .tree)
        // With the help open, a click changes nothing.
        var c = LoopContext(width: 80, height: 24, glyphs: .unicode, colorMode: .none)
        app.handle(key: .char("?"), context: &c)
        #expect(app.state.modal != nil)
        let detailTab = try #require(spans.first { $0.pane == .detail })
        Self.press(&app, x: detailTab.columns.lowerBound + 1, y: tabs.y)
        #expect(app.state.focus == .tree && app.state.modal != nil)
    }
}

extension LinksScreenTests {
    /// A list scrolled down by one row, with and without the filter line: a press on the first and second
    /// rows drawn selects the tasks drawn there (rows 1 and 2 of the list).
    @Test func aPressOnAScrolledListSelectsTheRowDrawnThere() throws {
        for filtered in [false, true] {
            var app = Self.app(width: 200, height: 24)
            var c = LoopContext(width: 200, height: 24, glyphs: .unicode, colorMode: .none)
            if filtered {
                for k: Key in [.char("/"), .char("e"), .enter] { app.handle(key: k, context: &c) }
            }
            try #require(app.state.list.rows.count >= 3)
            let list = try #require(BrowserLayout.compute(width: 200, height: 24, focus: app.state.focus).list)
            let first = list.y + 1 + (filtered ? 1 : 0) + 1  // the frame, the filter line, the header
            for (k, y) in [first, first + 1].enumerated() {
                app.state.list.scroll = 1
                let drawn = Self.screen(app)
                func text(_ y: Int) -> String { (list.x..<list.maxX).map { drawn[$0, y] }.filter { $0.width != 0 }.map(\.text).joined() }
                Self.press(&app, x: list.x + 20, y: y)
                #expect(app.state.list.cursor == 1 + k, "filtered \(filtered): the press on “\(text(y))”")
                let title = app.state.list.info[Int(app.state.list.rows[app.state.list.cursor].task)].title
                #expect(text(y).contains(String(title.prefix(6))), "filtered \(filtered): \(title) is not drawn on \(text(y))")
            }
        }
    }
}
