import TermText
#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import TerminalUI

/// Bracketed paste on the real ncurses backend (a pty): the mode is on while the app has the terminal
/// and off whenever it gives the terminal back; a paste reaches the app as one paste, never as keys.
extension ScreenTests {
    /// Records keys and pastes separately.
    struct Typist: App {
        var keys: [Key] = []
        var pastes: [Paste] = []
        mutating func handle(key: Key, context: inout LoopContext) {
            if key != .resize { keys.append(key) }
        }
        mutating func handle(paste: Paste, context: inout LoopContext) { pastes.append(paste) }
        mutating func handle(event: String, context: inout LoopContext) {}
        mutating func render(into canvas: inout Canvas, context: RenderContext) {}
    }

    static let on = "\u{1B}[?2004h", off = "\u{1B}[?2004l"

    @Test func bracketedPasteIsOnWhileTheAppHasTheTerminal() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        var out = pty.waitForOutput(containing: Self.on)
        #expect(out.contains(Self.on), "not enabled at start: \(out.debugDescription)")
        pty.clearCaptured()
        // $EDITOR (and Ctrl-Z, which releases the terminal the same way): off around it, on after.
        var during = ""
        screen.withTerminalReleased {
            during = pty.waitForOutput(containing: Self.off)
        }
        #expect(during.contains(Self.off), "still on while the terminal is released: \(during.debugDescription)")
        out = pty.waitForOutput(containing: Self.on)
        #expect(out.contains(Self.on), "not enabled again after: \(out.debugDescription)")
        pty.clearCaptured()
        screen.shutdown()
        out = pty.waitForOutput(containing: Self.off)
        #expect(out.contains(Self.off), "not disabled on exit: \(out.debugDescription)")
    }

    /// The bytes a terminal sends for a paste of `abc<Tab>with tab`, a newline and `iq`, in two writes:
    /// the loop hands the app one paste and no key; keys typed after it are keys.
    @Test func aPasteReachesTheAppAsOnePasteNeverAsKeys() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        let inbox = try #require(Inbox<String>())
        let loop = EventLoop<Typist>(screen: screen, inbox: inbox)
        var app = Typist()
        loop.start(&app)
        pty.send("\u{1B}[200~abc\twith tab\ri")
        for _ in 0..<20 {
            loop.step(&app)
            usleep(2000)
        }
        #expect(app.keys.isEmpty && app.pastes.isEmpty, "nothing before the paste ends: \(app.keys) \(app.pastes)")
        pty.send("q\u{1B}[201~j")
        for _ in 0..<500 where app.keys.isEmpty {
            loop.step(&app)
            usleep(2000)
        }
        #expect(app.pastes == [Paste(text: "abc\twith tab\riq")])
        #expect(app.keys == [.char("j")])
    }
}
