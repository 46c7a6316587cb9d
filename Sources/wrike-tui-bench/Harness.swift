// The real browser (view models, renderer, ncurses backend) on a headless pseudo-terminal, driven
// key by key without the blocking event loop, so each step can be timed and its bytes counted.
import Browser
import BrowserRuntime
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
    // As the app does (BrowseCommand): one shared client with its cache, rate limiter and retries.
    ClientService(client: WrikeClient(transport: transport, tokens: StaticTokenProvider("bench"),
                                      configuration: WrikeClientConfiguration()))
}

/// One headless browser. Only one may be alive at a time (curses has one current screen).
final class Harness {
    let pty: HeadlessTerminal
    let screen: NcursesScreen
    let inbox: Inbox<Browser.Event>
    let loop: EventLoop<BrowserApp>
    var app: BrowserApp
    private var closed = false

    /// `environment`: the core's calendar and ids; nil: UTC's (the same figures on any machine). The memory
    /// children pass the app's own (`CoreEnvironment.live()`: the user's calendar, locale and time zone), so
    /// that what the app touches at start is counted.
    init(service: any WrikeService, width: Int = 200, height: Int = 50, environment: CoreEnvironment? = nil) throws {
        guard let pty = HeadlessTerminal(width: width, height: height) else { throw BenchError.setup("no pty") }
        self.pty = pty
        do {
            var o = pty.screenOptions(term: "xterm-256color")
            // For comparisons only: without insert/delete line (idlok off).
            if ProcessInfo.processInfo.environment["WRIKE_TUI_BENCH_NO_IDL"] != nil { o.useInsertDeleteLine = false }
            // For comparisons only: the default theme without bold (bold forces sgr0 resets).
            if ProcessInfo.processInfo.environment["WRIKE_TUI_BENCH_NO_BOLD"] != nil, let text = Theme.builtinText("default"),
               let t = try? Theme.parse(text.replacingOccurrences(of: "attrs = [\"bold\"]", with: "")).theme {
                o.theme = t
            }
            screen = try NcursesScreen(options: o)
        } catch {
            throw BenchError.setup("\(error)")
        }
        guard let inbox = Inbox<Browser.Event>() else { throw BenchError.setup("no pipe") }
        self.inbox = inbox
        loop = EventLoop<BrowserApp>(screen: screen, inbox: inbox, tickInterval: nil)
        let runner = EffectRunner(service: service) { inbox.post($0) }
        let state = environment.map { AppState(now: Date(), environment: $0) }
            ?? AppState(now: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current)
        app = BrowserApp(state: state, runner: runner)
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

    /// What `EventLoop.run` does first: size, `.start`, first frame, then the effects start.
    func start() {
        loop.start(&app)
    }

    /// One key as the terminal sends it: curses reads and decodes it, the app turns it into an intent
    /// (state change, effects), renders, curses updates the terminal; then the effects start. Returns
    /// the milliseconds from reading the key to the frame being written (the key is already waiting).
    @discardableResult
    func press(_ key: Key) -> Double {
        pty.send(Self.bytes(for: key))
        // Wait (untimed) until the key is readable on the terminal side.
        var fds = pollfd(fd: pty.slaveFD, events: Int16(POLLIN), revents: 0)
        _ = poll(&fds, 1, 1000)
        let t0 = ContinuousClock.now
        loop.step(&app)
        return ms(ContinuousClock.now - t0)
    }

    /// `press` under its own name, for profiling some keys only:
    /// `valgrind --tool=callgrind --toggle-collect='*13profiledPress*' BENCH --profile pane|open N`.
    @inline(never) @discardableResult
    func profiledPress(_ key: Key) -> Double { press(key) }

    /// What xterm-256color sends for a key (keypad transmit mode, as curses sets it).
    static func bytes(for key: Key) -> [UInt8] {
        switch key {
        case .char(let c): return Array(String(c).utf8)
        case .ctrl(let c): return [UInt8((c.asciiValue ?? 64) & 0x1F)]
        case .up: return Array("\u{1B}OA".utf8)
        case .down: return Array("\u{1B}OB".utf8)
        case .right: return Array("\u{1B}OC".utf8)
        case .left: return Array("\u{1B}OD".utf8)
        case .home: return Array("\u{1B}OH".utf8)
        case .end: return Array("\u{1B}OF".utf8)
        case .pageUp: return Array("\u{1B}[5~".utf8)
        case .pageDown: return Array("\u{1B}[6~".utf8)
        case .enter: return [13]
        case .tab: return [9]
        case .backTab: return Array("\u{1B}[Z".utf8)
        case .backspace: return [127]
        case .escape: return [27]
        case .delete: return Array("\u{1B}[3~".utf8)
        case .insert: return Array("\u{1B}[2~".utf8)
        case .function: return []  // not used by the benchmark
        case .resize: return []
        }
    }

    /// Waits up to `timeoutMs` for posted events and processes them (then renders). True if any came.
    @discardableResult
    func pump(timeoutMs: Int, beforeStep: () -> Void = {}) -> Bool {
        var fds = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
        let r = poll(&fds, 1, Int32(timeoutMs))
        guard r > 0 else { return false }
        beforeStep()
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

/// Resident memory now, split as the kernel counts it (/proc/self/status, MB): `anon` (heap, stacks, the
/// relocated data of libraries: private to the process) and `file` (pages of the program's and the shared
/// libraries' files that were touched, shared with every process mapping the same files).
func residentSplit() -> (anon: Double, file: Double) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func kb(_ name: String) -> Double {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return Double(String(line.filter { $0.isNumber })) ?? 0
    }
    return (kb("RssAnon:") / 1024, (kb("RssFile:") + kb("RssShmem:")) / 1024)
}

/// `VmRSS` and `VmHWM` of this process, as /proc/self/status shows them.
func memoryStatus() -> String {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
    return text.split(separator: "\n").filter { $0.hasPrefix("VmRSS:") || $0.hasPrefix("VmHWM:") }
        .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }.joined(separator: ", ")
}

/// glibc's heap from `malloc_info` (looked up at run time: Swift's Glibc module does not export it):
/// in use, free inside the heap, and mmapped, in MB.
func mallocStatus() -> String {
    typealias Fn = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
    guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_info") else { return "" }
    let path = "/tmp/wrike-tui-bench-malloc-\(getpid()).xml"
    guard let f = fopen(path, "w") else { return "" }
    _ = unsafeBitCast(sym, to: Fn.self)(0, f)
    fclose(f)
    defer { unlink(path) }
    guard let xml = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
    // The totals over all arenas are the last lines.
    var free = 0, mmap = 0, current = 0
    for line in xml.split(separator: "\n").suffix(6) {
        func size() -> Int {
            guard let r = line.range(of: "size=\"") else { return 0 }
            return Int(line[r.upperBound...].prefix { $0.isNumber }) ?? 0
        }
        if line.contains("<total type=\"fast\"") || line.contains("<total type=\"rest\"") { free += size() }
        if line.contains("<total type=\"mmap\"") { mmap = size() }
        if line.contains("<system type=\"current\"") { current = size() }
    }
    return "heap: system \(current >> 20) MB, free in it \(free >> 20) MB, in use \((current - free) >> 20) MB, mmapped \(mmap >> 20) MB"
}

/// Resident memory by mapping (`/proc/self/smaps`): the largest `count` (a file's name, `[heap]`, or
/// `anon` for anonymous mappings such as malloc's other arenas and thread stacks), in KB.
func smapsStatus(count: Int = 10) -> String {
    // Read line by line (procfs files have no size: a whole-file read may stop early).
    guard let f = fopen("/proc/self/smaps", "r") else { return "" }
    defer { fclose(f) }
    var lines: [String] = []
    var buf: UnsafeMutablePointer<CChar>? = nil
    var cap = 0
    while getline(&buf, &cap, f) > 0, let b = buf { lines.append(String(cString: b)) }
    free(buf)
    var byName: [String: Int] = [:]
    var name = "anon"
    for line in lines {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let first = fields.first else { continue }
        if first.contains("-") && fields.count >= 5 {
            name = fields.count >= 6 ? String(fields[5].split(separator: "/").last ?? "anon") : "anon"
        } else if first == "Rss:", fields.count >= 2, let kb = Int(fields[1]) {
            byName[name, default: 0] += kb
        }
    }
    let total = byName.values.reduce(0, +)
    return "rss by mapping (total \(total) KB): " + byName.sorted { $0.value > $1.value }.prefix(count)
        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}
