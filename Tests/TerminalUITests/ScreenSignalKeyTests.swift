import TermText
#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import TerminalUI

/// The line discipline's signal characters are off while the app has the terminal: a paste holding a
/// Ctrl-C, Ctrl-\ or Ctrl-Z is text (with them on, the kernel turned those bytes into SIGINT, SIGQUIT,
/// SIGTSTP: the app quit, dumped core with the terminal raw and the draft unsaved, or stopped); typed, they
/// still interrupt, quit (drafts kept) and suspend, through the loop.
extension ScreenTests {
    struct Leaver: App {
        var typist = Typist()
        var preparedToExit = false
        mutating func handle(key: Key, context: inout LoopContext) { typist.handle(key: key, context: &context) }
        mutating func handle(paste: Paste, context: inout LoopContext) { typist.handle(paste: paste, context: &context) }
        mutating func handle(event: String, context: inout LoopContext) {}
        mutating func render(into canvas: inout Canvas, context: RenderContext) {}
        mutating func prepareToExit() { preparedToExit = true }
    }

    @Test func aPasteOfTheSignalCharactersIsTextAndATypedCtrlCEndsTheLoopAsSIGINT() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        var tty = termios()
        #expect(tcgetattr(pty.slaveFD, &tty) == 0)
        #expect(tty.c_lflag & tcflag_t(ISIG) == 0, "the line discipline still turns Ctrl-C into SIGINT")
        let inbox = try #require(Inbox<String>())
        let loop = EventLoop<Leaver>(screen: screen, inbox: inbox)
        var app = Leaver()
        loop.start(&app)
        pty.send("\u{1B}[200~a\u{03}b\u{1C}c\u{1A}d\u{1B}[201~j")
        for _ in 0..<1000 where app.typist.keys.isEmpty {
            loop.step(&app)
            usleep(2000)
        }
        #expect(app.typist.pastes == [Paste(text: "a\u{03}b\u{1C}c\u{1A}d")])
        #expect(app.typist.keys == [.char("j")])
        #expect(!app.preparedToExit)
        pty.send([0x03])
        var running = true
        for _ in 0..<1000 where running {
            running = loop.step(&app)
            usleep(2000)
        }
        #expect(!running, "a typed Ctrl-C did not end the loop")
        #expect(loop.exitReason == .signal(SIGINT))
        #expect(app.preparedToExit, "the app was not asked to keep its drafts")
    }
}
