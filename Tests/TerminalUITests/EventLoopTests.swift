import CTerminal
import TermText
#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import TerminalUI

/// The event loop's signal paths, driven with `cterm_signals_post` (what the signal handler does) on a
/// pty: no real signal, no timing. In the serialized `ScreenTests` suite (curses and the pending-signal
/// bits are process-wide).
extension ScreenTests {
    /// An app that asks for no frame on ticks and on `x` (as the browser does for keys it does not bind).
    struct Quiet: App {
        var size = (0, 0)
        var keys: [Key] = []
        var renders = 0
        var ticks = 0
        var prepared = 0
        mutating func handle(key: Key, context: inout LoopContext) {
            if key == .resize { size = (context.width, context.height); return }
            keys.append(key)
            if key == .char("x") { context.needsRender = false }
            if key == .char("d") { context.tickWithin(.milliseconds(20)) }  // a debounce waits
        }
        mutating func handle(event: String, context: inout LoopContext) {}
        mutating func tick(context: inout LoopContext) {
            ticks += 1
            context.needsRender = false
        }
        mutating func prepareToExit() { prepared += 1 }
        mutating func render(into canvas: inout Canvas, context: RenderContext) {
            renders += 1
            canvas.put("\(canvas.width)x\(canvas.height) keys \(keys.count)", x: 0, y: 0)
        }
    }

    /// A resize whose step also runs a tick was drawn only at the next key (the tick's "nothing to draw"
    /// overwrote the resize's frame request). Now the frame comes at once, at the new size.
    @Test func aResizeIsDrawnEvenWhenATickRunsInTheSameStep() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        let inbox = try #require(Inbox<String>())
        let loop = EventLoop<Quiet>(screen: screen, inbox: inbox, tickInterval: .milliseconds(1))
        var app = Quiet()
        _ = cterm_signals_take()
        loop.start(&app)
        let before = app.renders
        pty.resize(width: 60, height: 12)
        cterm_signals_post(UInt32(CTERM_SIG_WINCH))
        #expect(loop.step(&app, timedOut: true))
        #expect(app.ticks == 1, "the tick must run in this same step for the test to mean anything")
        #expect(app.size == (60, 12))
        #expect(app.renders == before + 1, "the resize was not drawn")
        #expect(loop.lastFrame.width == 60 && loop.lastFrame.height == 12)
        #expect(loop.lastFrame.line(0).hasPrefix("60x12"))
        #expect(screen.cellText(x: 0, y: 0) == "6")
    }

    /// A key that changes nothing (`x`) after one that does (`j`) in the same batch: `j` is still drawn.
    @Test func aQuietKeyDoesNotCancelTheFrameOfAnEarlierKey() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        let inbox = try #require(Inbox<String>())
        let loop = EventLoop<Quiet>(screen: screen, inbox: inbox)
        var app = Quiet()
        loop.start(&app)
        pty.send("jx")
        eventually {
            loop.step(&app)
            return app.keys.count >= 2
        }
        #expect(app.keys == [.char("j"), .char("x")])
        #expect(loop.lastFrame.line(0).hasPrefix("40x10 keys 2"), "frame: \(loop.lastFrame.line(0))")
    }

    /// An app waiting on a debounce asks for a tick sooner than the loop's interval (`tickWithin`).
    @Test func aDebounceGetsATickSoonerThanTheInterval() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        let inbox = try #require(Inbox<String>())
        let loop = EventLoop<Quiet>(screen: screen, inbox: inbox, tickInterval: .seconds(60))
        var app = Quiet()
        loop.start(&app)
        pty.send("j")
        eventually {
            loop.step(&app)
            return app.keys.count >= 1
        }
        usleep(40_000)
        loop.step(&app)
        #expect(app.ticks == 0, "no tick before the interval without a request")
        pty.send("d")
        eventually {
            loop.step(&app)
            return app.keys.count >= 2
        }
        usleep(40_000)
        loop.step(&app)
        #expect(app.ticks == 1, "the tick asked for 20 ms after the key did not come")
        usleep(40_000)
        loop.step(&app)
        #expect(app.ticks == 1, "only one early tick per request")
    }

    /// SIGHUP / SIGTERM: the loop stops and the app saves first (the handler itself only noted the signal).
    @Test func aHangupStopsTheLoopAfterTheAppSaved() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        let inbox = try #require(Inbox<String>())
        let loop = EventLoop<Quiet>(screen: screen, inbox: inbox)
        var app = Quiet()
        _ = cterm_signals_take()
        loop.start(&app)
        #expect(loop.step(&app))
        #expect(app.prepared == 0)
        cterm_signals_post(UInt32(CTERM_SIG_HUP))
        #expect(!loop.step(&app))
        #expect(loop.exitReason == .signal(SIGHUP))
        #expect(app.prepared == 1)
        cterm_signals_post(UInt32(CTERM_SIG_TERM))
        #expect(!loop.step(&app))
        #expect(loop.exitReason == .signal(SIGTERM))
        #expect(app.prepared == 2)
    }
}
