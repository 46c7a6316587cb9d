// The event loop: poll() on the terminal, the inbox's wake pipe and the signal wake pipe; keys, posted
// events and signals go to an `App`; after each batch the app renders into a canvas that the screen
// copies to the terminal. See docs/terminal.md.
import CTerminal
import TermText

#if canImport(Glibc)
import Glibc
#endif

/// Runs an `App` on an `NcursesScreen` until the app quits or a signal (INT, TERM, HUP) asks to.
public final class EventLoop<A: App> {
    public let screen: NcursesScreen
    public let inbox: Inbox<A.Event>
    /// Interval for `App.tick`; nil for none.
    public var tickInterval: Duration?
    /// Why the last run ended.
    public private(set) var exitReason: ExitReason = .quit

    public enum ExitReason: Sendable, Equatable {
        case quit
        case signal(Int32)
        case terminalClosed
    }

    private var front: Canvas
    private var lastTick = ContinuousClock.now
    /// An earlier tick the app asked for (`LoopContext.tickWithin`).
    private var soonTick: ContinuousClock.Instant?

    public init(screen: NcursesScreen, inbox: Inbox<A.Event>, tickInterval: Duration? = nil) {
        self.screen = screen
        self.inbox = inbox
        self.tickInterval = tickInterval
        front = Canvas(width: screen.width, height: screen.height)
    }

    private func makeContext() -> LoopContext {
        LoopContext(width: screen.width, height: screen.height, glyphs: screen.glyphs, colorMode: screen.colorMode)
    }

    /// A context with the screen's (new) size that keeps what `ctx` asked for so far.
    private func resized(_ ctx: LoopContext) -> LoopContext {
        var c = makeContext()
        c.outputs = ctx.outputs
        c.needsRender = ctx.needsRender
        return c
    }

    /// Tells the app the screen's size (after a resize, a resume or a released terminal).
    private func announceSize(_ app: inout A) {
        var c = makeContext()
        app.handle(key: .resize, context: &c)
    }

    /// Renders and draws one frame now (also used by benchmarks).
    public func renderFrame(_ app: inout A) {
        if front.width != screen.width || front.height != screen.height {
            front.resize(width: screen.width, height: screen.height)
        }
        front.clear()
        app.render(into: &front, context: RenderContext(glyphs: screen.glyphs, colorMode: screen.colorMode))
        screen.draw(front)
    }

    /// The canvas of the last frame (for tests).
    public var lastFrame: Canvas { front }

    /// Processes whatever is pending (signals, posted events, keys) without waiting; renders if needed.
    /// Returns false when the loop should stop. `run` calls this after every wake-up.
    ///
    /// A frame is drawn when any handler of this step asked for one: each handler starts with
    /// `needsRender = true` and may clear it for itself only, so a key that changes nothing (or a tick
    /// with nothing to update) never cancels the frame an earlier event, key or resize needs. (It did:
    /// a resize that came with a tick or an unbound key was drawn only at the next key.)
    @discardableResult
    public func step(_ app: inout A, timedOut: Bool = false) -> Bool {
        var ctx = makeContext()
        ctx.needsRender = false
        var render = false
        /// Runs one handler with its own `needsRender` (default `initial`) and keeps its other requests.
        func run(initial: Bool = true, _ body: (inout LoopContext) -> Void) {
            var c = ctx
            c.needsRender = initial
            body(&c)
            render = render || c.needsRender
            c.needsRender = false
            ctx = c
        }
        /// Stopped (Ctrl-Z, SIGTSTP) until `fg`; then the size may have changed.
        func suspend() {
            screen.suspend()
            ctx = resized(ctx)
            run { app.handle(key: .resize, context: &$0) }
            render = true
        }
        let sigs = cterm_signals_take()
        if sigs & (sigInt | sigTerm | sigHup) != 0 {
            // Only noted by the signal handler: saving here is ordinary code on the loop's thread.
            return end(&app, signal: sigs & sigHup != 0 ? SIGHUP : sigs & sigTerm != 0 ? SIGTERM : SIGINT)
        }
        if sigs & sigTstp != 0 { suspend() }
        if sigs & (sigWinch | sigCont) != 0 {
            if screen.handleResize() {
                ctx = resized(ctx)
                run { app.handle(key: .resize, context: &$0) }
                render = true
            }
            // SIGCONT without a size change: the terminal may have been drawn over while stopped.
            if sigs & sigCont != 0 { screen.forceFullRepaint(); render = true }
        }
        for event in inbox.drain() {
            run { app.handle(event: event, context: &$0) }
            if ctx.quitRequested { return finish(&app, ctx) }
        }
        while let input = screen.readInput() {
            switch input {
            case .key(let key):
                if key == .resize {
                    if screen.handleResize() { render = true }
                    ctx = resized(ctx)
                }
                run { app.handle(key: key, context: &$0) }
            case .paste(let paste):
                run { app.handle(paste: paste, context: &$0) }
            case .mouse(let mouse):
                run { app.handle(mouse: mouse, context: &$0) }
            case .signal(let signal):
                // The terminal's Ctrl-C, Ctrl-\ or Ctrl-Z, typed (the tty's own signal characters are off).
                if signal == SIGTSTP { suspend() } else { return end(&app, signal: signal) }
            }
            if ctx.quitRequested { return finish(&app, ctx) }
        }
        if timedOut || tickDue() {
            lastTick = .now
            soonTick = nil
            run(initial: false) { app.tick(context: &$0) }
        }
        ctx.needsRender = render
        return finish(&app, ctx)
    }

    /// Ends the loop for a signal (or a typed signal character): the app saves what must not be lost.
    private func end(_ app: inout A, signal: Int32) -> Bool {
        exitReason = .signal(signal)
        app.prepareToExit()
        return false
    }

    private func tickDue() -> Bool {
        guard let t = tickInterval else { return false }
        if let s = soonTick, ContinuousClock.now >= s { return true }
        return ContinuousClock.now - lastTick >= t
    }

    /// Milliseconds until the next tick (the loop's interval, or sooner when the app asked).
    private func msUntilTick(_ t: Duration) -> Int32 {
        var left = t - (ContinuousClock.now - lastTick)
        if let s = soonTick { left = min(left, s - ContinuousClock.now) }
        let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms))
    }

    private func finish(_ app: inout A, _ ctx: LoopContext) -> Bool {
        if let d = ctx.tickSoon {
            let at = ContinuousClock.now.advanced(by: d)
            soonTick = min(soonTick ?? at, at)
        }
        if ctx.quitRequested {
            exitReason = .quit
            return false
        }
        var render = ctx.needsRender
        for output in ctx.outputs {
            switch output {
            case .repaint: screen.forceFullRepaint(); render = true
            case .theme(let t): screen.setTheme(t); render = true
            default: break
            }
        }
        if render { renderFrame(&app) }
        for output in ctx.outputs {
            switch output {
            case .clipboard(let text): screen.copyToClipboard(text)
            case .hyperlink(let url, let text, let x, let y): screen.showHyperlink(url: url, text: text, x: x, y: y)
            case .bell: screen.bell()
            case .suspend:
                screen.suspend()
                announceSize(&app)
                renderFrame(&app)
            case .release(let body):
                screen.withTerminalReleased(body)
                // The terminal may have been resized meanwhile (its SIGWINCH then finds the size unchanged).
                screen.handleResize()
                announceSize(&app)
                renderFrame(&app)
            case .afterFrame(let body): body()
            case .repaint, .theme: break
            }
        }
        return true
    }

    /// The first frame: tells the app its size, draws, then carries out what the app asked for (such as
    /// starting background work). `run` begins with this; tests and benchmarks that drive `step` call it
    /// first. Returns false when the app quit at once.
    @discardableResult
    public func start(_ app: inout A) -> Bool {
        var ctx = makeContext()
        app.handle(key: .resize, context: &ctx)
        ctx.needsRender = true
        return finish(&app, ctx)
    }

    /// Runs until the app quits, a signal (INT, TERM, HUP) arrives or the terminal goes away. The screen
    /// is NOT shut down here: call `screen.shutdown()` afterwards (also on error paths).
    public func run(_ app: inout A) {
        guard start(&app) else { return }
        let signalFD = cterm_signals_wake_fd()
        while true {
            var timeout: Int32 = -1
            if let t = tickInterval { timeout = msUntilTick(t) }
            // An unfinished paste (or paste marker) times out even when no more input comes.
            var inputFirst = false
            if let deadline = screen.inputDeadline {
                let ms = Int32(clamping: max(0, Int(((deadline - NcursesScreen.monotonicSeconds()) * 1000).rounded(.up))))
                inputFirst = timeout < 0 || ms < timeout
                timeout = inputFirst ? ms : timeout
            }
            var ready: [Int32] = [0, 0, 0]
            let r = cterm_poll3(screen.options.inputFD, inbox.wakeFD, signalFD, timeout, &ready)
            if ready[0] == 2 {
                exitReason = .terminalClosed
                app.prepareToExit()
                return
            }
            if !step(&app, timedOut: r == 0 && tickInterval != nil && !inputFirst) { return }
        }
    }
}
