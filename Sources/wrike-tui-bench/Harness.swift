// The real browser (view models, renderer, ncurses backend) on a headless pseudo-terminal, driven
// key by key without the blocking event loop, so each step can be timed and its bytes counted.
import Browser
import Foundation
import TerminalUI
import WrikeAPI
import WrikeSandbox

#if canImport(Glibc)
import Glibc
#endif

enum BenchError: Error, CustomStringConvertible {
    case setup(String)
    case timeout(String)
    var description: String {
        switch self {
        case .setup(let s): "set-up failed: \(s)"
        case .timeout(let s): "timed out: \(s)"
        }
    }
}

/// The service the app itself uses for a transport (keep in step with `BrowseCommand`).
func makeService(transport: any Transport) -> any WrikeService {
    TransportService(transport: transport, token: "bench")
}

/// One headless browser. Only one may be alive at a time (curses has one current screen).
final class Harness {
    let pty: HeadlessTerminal
    let screen: NcursesScreen
    let inbox: Inbox<Browser.Event>
    let loop: EventLoop<BrowserApp>
    var app: BrowserApp
    private var closed = false

    init(service: any WrikeService, width: Int = 200, height: Int = 50) throws {
        guard let pty = HeadlessTerminal(width: width, height: height) else { throw BenchError.setup("no pty") }
        self.pty = pty
        do {
            screen = try NcursesScreen(options: pty.screenOptions(term: "xterm-256color"))
        } catch {
            throw BenchError.setup("\(error)")
        }
        guard let inbox = Inbox<Browser.Event>() else { throw BenchError.setup("no pipe") }
        self.inbox = inbox
        loop = EventLoop<BrowserApp>(screen: screen, inbox: inbox, tickInterval: nil)
        let runner = EffectRunner(service: service) { inbox.post($0) }
        app = BrowserApp(state: AppState(now: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current), runner: runner)
    }

    func close() {
        if closed { return }
        closed = true
        screen.shutdown()
    }

    deinit { close() }

    var state: AppState { app.state }

    func context() -> LoopContext {
        LoopContext(width: screen.width, height: screen.height, glyphs: screen.glyphs, colorMode: screen.colorMode)
    }

    /// What `EventLoop.run` does first: size, `.start`, first frame.
    func start() {
        var ctx = context()
        app.handle(key: .resize, context: &ctx)
        loop.renderFrame(&app)
    }

    /// One key as the loop handles it: intent (+ effects started) + render + screen update.
    func press(_ key: Key) {
        var ctx = context()
        app.handle(key: key, context: &ctx)
        if ctx.needsRender { loop.renderFrame(&app) }
    }

    /// An intent dispatched like a key (for steps no default key expresses, such as jumping the tree cursor).
    func dispatch(_ intent: Intent) {
        var ctx = context()
        app.dispatch(intent, context: &ctx)
        loop.renderFrame(&app)
    }

    /// Waits up to `timeoutMs` for posted events and processes them (then renders). True if any came.
    @discardableResult
    func pump(timeoutMs: Int) -> Bool {
        var fds = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
        let r = poll(&fds, 1, Int32(timeoutMs))
        guard r > 0 else { return false }
        loop.step(&app)
        return true
    }

    /// Processes events until `condition` holds; false on timeout.
    @discardableResult
    func pump(until condition: (AppState) -> Bool, timeoutMs: Int = 30_000) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        while !condition(app.state) {
            let left = deadline - ContinuousClock.now
            if left <= .zero { return false }
            pump(timeoutMs: max(1, min(50, Int(left.components.seconds * 1000) + 1)))
        }
        return true
    }

    /// Processes events until none arrive for `quietMs`.
    func settle(quietMs: Int = 20, maxMs: Int = 10_000) {
        let deadline = ContinuousClock.now + .milliseconds(maxMs)
        while ContinuousClock.now < deadline {
            if !pump(timeoutMs: quietMs) { return }
        }
    }

    // MARK: - Navigation used by several measurements

    /// Puts the tree cursor on the row of `folderId` (expanding its space) and opens it (Enter).
    func openFolder(_ folderId: String) -> Bool {
        guard let i = app.state.tree.rows.firstIndex(where: { $0.id == folderId }) else { return false }
        app.state.focus = .tree
        app.state.tree.cursor = i
        press(.enter)
        return true
    }

    /// The list pane's rectangle (inside the border) in the current layout.
    var listInner: Rect? {
        BrowserLayout.compute(width: screen.width, height: screen.height, focus: app.state.focus).list?.inset(by: 1)
    }
}

/// Milliseconds in a duration.
func ms(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

/// Times `body` in milliseconds.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let t0 = ContinuousClock.now
    try body()
    return ms(ContinuousClock.now - t0)
}

func percentile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let s = values.sorted()
    let rank = Int((Double(s.count) * q).rounded(.up)) - 1
    return s[max(0, min(s.count - 1, rank))]
}

func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

/// Peak resident set size of this process (VmHWM) in MB.
func peakRSSMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.filter { $0.isNumber }
        return (Double(String(digits)) ?? 0) / 1024
    }
    return 0
}
