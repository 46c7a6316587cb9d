import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeSandbox

@testable import TerminalUI

/// A question whose yes loses something (discard typed text, delete a comment, remove a dependency,
/// cancel an approval) is answered yes only by `y`: h, l, arrows, Tab and Enter keep the safe answer.
@Suite struct DestructiveConfirmTests {
    static let moves: [[Key]] = [[.char("l"), .enter], [.char("h"), .enter], [.tab, .enter], [.backTab, .enter],
                                 [.right, .enter], [.left, .enter], [.enter]]

    @Test func escThenMovesAndEnterKeepTheTypedComment() throws {
        let root = try BrowserAppDraftPasteTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var app = BrowserAppDraftPasteTests.app(drafts: DraftStore(directory: root + "/drafts"))
        _ = BrowserAppDraftPasteTests.type(&app, [.char("c")] + "Words to keep".map { .char($0) })
        for keys in Self.moves {
            _ = BrowserAppDraftPasteTests.type(&app, [.escape])
            guard case .confirm(let model, .discardComment)? = app.state.modal else {
                Issue.record("Esc did not ask: \(String(describing: app.state.modal))")
                return
            }
            #expect(model.needsY)
            _ = BrowserAppDraftPasteTests.type(&app, keys)
            #expect(app.state.actions.composer?.editor.text == "Words to keep", "\(keys) discarded the text")
            #expect(app.state.modal == nil)
        }
        _ = BrowserAppDraftPasteTests.type(&app, [.escape, .char("y")])
        #expect(app.state.actions.composer == nil)
    }

    @Test func escThenMovesAndEnterKeepTheTimeEntry() throws {
        let root = try BrowserAppDraftPasteTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var app = BrowserAppDraftPasteTests.app(drafts: DraftStore(directory: root + "/drafts"))
        _ = BrowserAppDraftPasteTests.type(&app, [.char("t"), .char("2")])
        for keys in Self.moves {
            _ = BrowserAppDraftPasteTests.type(&app, [.escape])
            guard case .confirm(_, .discardTimelog)? = app.state.modal else {
                Issue.record("Esc did not ask: \(String(describing: app.state.modal))")
                return
            }
            _ = BrowserAppDraftPasteTests.type(&app, keys)
            guard case .timelog? = app.state.modal else {
                Issue.record("\(keys) discarded the time entry")
                return
            }
        }
        _ = BrowserAppDraftPasteTests.type(&app, [.escape, .char("y")])
        #expect(app.state.modal == nil)
    }

    @Test func theYesButtonNamesItsKey() {
        var c = Canvas(width: 50, height: 7)
        ConfirmWidget.draw(ConfirmModel(title: "Discard comment", message: "Lose the text you typed?", yesLabel: "Discard",
                                        noLabel: "Keep editing", needsY: true), yesKey: "y", in: c.bounds, canvas: &c, glyphs: .unicode)
        let buttons = (0..<c.width).map { c[$0, 4].text }.joined()
        #expect(buttons.contains("[ y: Discard ]  [ Keep editing ]"), "\(buttons)")
    }
}
