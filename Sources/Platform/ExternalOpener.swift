// Opening a link or a file in a program of the user's desktop: `$BROWSER` (a colon-separated list of
// commands, `%s` standing for the target, else the target appended as the last argument; no shell), else
// `xdg-open` when there is a display. Over SSH without either, nothing is started (the caller shows the
// link instead). See docs/links.md.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// glibc's `POSIX_SPAWN_SETSID` (a macro Swift does not import).
public let posixSpawnSetsid: Int16 = 0x80

public enum ExternalOpener {
    public enum Outcome: Sendable, Equatable {
        /// Started; `program` is the command's first word. It exited 0, or still runs (a browser that stays).
        case opened(program: String)
        /// No `$BROWSER`, no display: nothing to start.
        case noOpener
        /// The program is not installed (not in PATH).
        case notFound(program: String)
        /// It ended at once with this exit status (or 128 + signal).
        case failed(program: String, status: Int32)

        /// The status line's words.
        public var sentence: String {
            switch self {
            case .opened(let p): "Opened with \(p)."
            case .noOpener: "No display and no $BROWSER: nothing can be opened here."
            case .notFound(let p): "Cannot open: \(p) is not installed (not found in PATH)."
            case .failed(let p, let status): "Cannot open: \(p) exited with status \(status)."
            }
        }
    }

    /// Whether a display is there (X11 or Wayland).
    public static func hasDisplay(_ environment: [String: String]) -> Bool {
        !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
    }

    /// Whether `open` would start something: `$BROWSER` is set, or a display is there.
    public static func canOpen(_ environment: [String: String]) -> Bool {
        !commands(for: "x", environment: environment).isEmpty
    }

    /// The commands to try, in order, for `target` (argument vectors; the target is one argument).
    public static func commands(for target: String, environment: [String: String]) -> [[String]] {
        var out: [[String]] = []
        for entry in (environment["BROWSER"] ?? "").split(separator: ":") {
            let words = CommandWords.split(String(entry))
            guard !words.isEmpty else { continue }
            out.append(words.contains { $0.contains("%s") }
                       ? words.map { $0.replacingOccurrences(of: "%s", with: target) } : words + [target])
        }
        if hasDisplay(environment) { out.append(["xdg-open", target]) }
        return out
    }

    /// Starts the first command that can be started for `target` and waits up to `wait` seconds: an exit 0
    /// or a program still running is `.opened` (a program left running is reaped in the background).
    /// Blocks: call it off the loop's thread.
    public static func open(_ target: String, environment: [String: String], wait: TimeInterval = 3) -> Outcome {
        var last = Outcome.noOpener
        for argv in commands(for: target, environment: environment) {
            last = run(argv, environment: environment, wait: wait)
            if case .notFound = last { continue }
            return last
        }
        return last
    }

    static func run(_ argv: [String], environment: [String: String], wait: TimeInterval) -> Outcome {
        guard let program = argv.first else { return .noOpener }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Never the terminal: a program that wrote to it would draw over the screen.
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // Its own session: it keeps no hold on the terminal and gets no signal from it.
        ChildSignals.configure(&attr, extraFlags: posixSpawnSetsid)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attr, cArgs, cEnv)
        if rc == ENOENT { return .notFound(program: program) }
        if rc != 0 { return .failed(program: program, status: 126) }
        let deadline = Date().addingTimeInterval(wait)
        var status: Int32 = 0
        while Date() < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7f
                if signal != 0 { return .failed(program: program, status: 128 + signal) }
                let code = (status >> 8) & 0xff
                if code == 127 { return .notFound(program: program) }
                return code == 0 ? .opened(program: program) : .failed(program: program, status: code)
            }
            if r < 0 && errno != EINTR { return .opened(program: program) }
            usleep(20_000)
        }
        let child = pid
        let reaper = Thread {
            var s: Int32 = 0
            while waitpid(child, &s, 0) == -1 && errno == EINTR {}
        }
        reaper.name = "wrike-tui.reap"
        reaper.start()
        return .opened(program: program)
    }
}
