import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Runs the real binary in tmux against `wrike-tui sandbox serve` over loopback HTTP:
/// start, walk the tree, open a space, filter, open a task, read comments and approvals, resize,
/// quit, and check that the terminal was restored. Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct BrowserEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var binary: String { root.appendingPathComponent(".build/debug/wrike-tui").path }

    static func which(_ tool: String) -> String? { findOnPath(tool) }

    /// One tmux server on a private socket, killed at the end.
    final class Tmux {
        let path: String
        let socket = "wtui-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        init(path: String) { self.path = path }

        @discardableResult
        func run(_ args: [String]) -> String {
            spawnAndWait(path, ["-L", socket, "-f", "/dev/null"] + args).output
        }

        func capture() -> String { run(["capture-pane", "-p", "-t", "e2e"]) }
        func keys(_ k: String...) { run(["send-keys", "-t", "e2e"] + k) }
        func type(_ text: String) { run(["send-keys", "-t", "e2e", "-l", text]) }

        /// Polls the screen until `predicate` holds or the deadline passes; returns the last screen. The
        /// default deadline is an upper bound for a loaded machine, not the expected time.
        @discardableResult
        func waitFor(_ what: String, timeout: TimeInterval = 120, _ predicate: (String) -> Bool) -> (Bool, String) {
            let end = Date().addingTimeInterval(timeout)
            var screen = ""
            while Date() < end {
                screen = capture()
                if predicate(screen) { return (true, screen) }
                Thread.sleep(forTimeInterval: 0.1)
            }
            FileHandle.standardError.write(Data("e2e: timed out waiting for \(what); screen:\n\(screen)\n".utf8))
            return (false, screen)
        }

        func waitFor(_ text: String, timeout: TimeInterval = 120) -> (Bool, String) {
            waitFor(text, timeout: timeout) { $0.contains(text) }
        }

        func kill() { run(["kill-server"]) }
    }

    /// `wrike-tui sandbox serve --port 0`; returns the process and its API base URL.
    static func startServer(token: String) throws -> (Process, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["sandbox", "serve", "--port", "0", "--token", token]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let b = handle.readData(ofLength: 1)
            if b.isEmpty || b == Data("\n".utf8) { break }
            line.append(b)
        }
        return (p, String(decoding: line, as: UTF8.self))
    }

    /// A task in the Engineering space with an approval waiting on me and at least one comment.
    static func pickTask() -> (title: String, commentAuthor: String)? {
        let d = DemoDataset.make()
        guard let me = d.me else { return nil }
        let eng = d.spaces.first { $0.title == "Engineering" }?.id
        var parents: [String: [String]] = [:]
        for f in d.folders { parents[f.id] = f.parentIds ?? [] }
        func inEngineering(_ ids: [String], depth: Int = 0) -> Bool {
            if depth > 20 { return false }
            return ids.contains { $0 == eng || inEngineering(parents[$0] ?? [], depth: depth + 1) }
        }
        let names = Dictionary(d.contacts.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        for a in d.approvals where a.status == .pending {
            guard let tid = a.taskId, (a.decisions ?? []).contains(where: { $0.approverId == me && $0.status == .pending }),
                  let t = d.tasks.first(where: { $0.id == tid }), (t.superTaskIds ?? []).isEmpty,
                  inEngineering(t.parentIds ?? []),
                  let c = d.comments.first(where: { $0.taskId == tid }), let author = c.authorId.flatMap({ names[$0] })
            else { continue }
            // Unique title prefix, ASCII for typing.
            guard t.title.allSatisfy({ $0.isASCII }),
                  d.tasks.filter({ $0.title.lowercased().contains(t.title.lowercased()) }).count == 1 else { continue }
            return (t.title, author)
        }
        return nil
    }

    @Test func browseOverHTTPInTmux() throws {
        let tmuxPath = try #require(Self.which("tmux"))
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary),
                     "build the binary first: swift build (looked for \(Self.binary))")
        let target = try #require(Self.pickTask(), "the demo dataset has no task with an approval waiting on me")
        let token = "e2e-\(UInt32.random(in: 0...UInt32.max))"
        let (server, url) = try Self.startServer(token: token)
        defer { server.terminate(); server.waitUntilExit() }
        try #require(url.hasPrefix("http://127.0.0.1"), "server did not print its URL: \(url)")

        let home = try Reliability.scratch("browse")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux(path: tmuxPath)
        defer { tmux.kill() }
        let command = "stty sane; printf 'BEFORE\\n'; \(Reliability.homeEnvironment(home))WRIKE_TOKEN='\(token)' TERM=xterm-256color '\(Self.binary)' --base-url '\(url)'; "
            + "echo __EXIT__$?; stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; echo __STTY__; sleep 60"
        tmux.run(["new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", command])
        tmux.run(["set", "-s", "escape-time", "0"])

        // Start: the first space opens by itself.
        var (ok, screen) = tmux.waitFor("Platform")
        #expect(ok, "tree did not load:\n\(screen)")
        #expect(screen.contains("Engineering"))
        // Walk the tree: down to Platform, expand it, back up to the space.
        tmux.keys("j")
        tmux.keys("e")
        (ok, screen) = tmux.waitFor("API v5 Migration")
        #expect(ok, "Platform did not expand:\n\(screen)")
        tmux.keys("k")
        // Open the space: its tasks.
        tmux.keys("Enter")
        (ok, screen) = tmux.waitFor("Tasks · Engineering")
        #expect(ok, "tasks did not load:\n\(screen)")
        (ok, screen) = tmux.waitFor("status") { $0.contains("Title") && $0.contains("Due") }
        #expect(ok)
        // Filter down to the chosen task.
        tmux.keys("/")
        tmux.type(target.title)
        (ok, screen) = tmux.waitFor("1 match") { $0.contains("/" + target.title) && $0.contains("· 1/") }
        #expect(ok, "filter did not narrow to one task:\n\(screen)")
        tmux.keys("Enter")  // keep the filter
        tmux.keys("Enter")  // open the task
        (ok, screen) = tmux.waitFor("waiting on you")
        #expect(ok, "approval waiting on me not shown:\n\(screen)")
        // Comments: jump there by sections.
        for _ in 0..<8 {
            if tmux.capture().contains(target.commentAuthor) && tmux.capture().contains("Comments (") { break }
            tmux.keys("]")
            Thread.sleep(forTimeInterval: 0.2)
        }
        (ok, screen) = tmux.waitFor(target.commentAuthor) { $0.contains("Comments (") && $0.contains(target.commentAuthor) }
        #expect(ok, "comments not shown:\n\(screen)")
        // Resize to a narrow terminal: the focused pane fills it, with pane tabs.
        tmux.run(["resize-window", "-t", "e2e", "-x", "80", "-y", "24"])
        (ok, screen) = tmux.waitFor("the pane tabs") { $0.hasPrefix(" Spaces   Tasks") }
        #expect(ok, "narrow layout not shown:\n\(screen)")
        #expect(screen.split(separator: "\n").count <= 24)
        // Help overlay and back.
        tmux.keys("?")
        (ok, screen) = tmux.waitFor("Keys · Esc closes")
        #expect(ok)
        tmux.keys("Escape")
        // Quit: the shell gets a sane terminal back and the alternate screen is gone.
        tmux.keys("q")
        (ok, screen) = tmux.waitFor("__STTY__")
        #expect(ok, "app did not exit:\n\(screen)")
        #expect(screen.contains("__EXIT__0"))
        #expect(screen.contains("BEFORE"), "the normal screen was not restored:\n\(screen)")
        #expect(!screen.contains("Keys · Esc closes") && !screen.contains("Tasks ·"))
        let stty = screen.components(separatedBy: "__EXIT__0").last ?? ""
        #expect(stty.contains("icanon") && !stty.contains("-icanon"), "terminal left in raw mode: \(stty)")
        #expect(stty.contains("echo") && !stty.contains("-echo "), "echo not restored: \(stty)")
    }

    @Test func badTokenShowsPlainErrorAndQuits() throws {
        let tmuxPath = try #require(Self.which("tmux"))
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the binary first: swift build")
        let (server, url) = try Self.startServer(token: "right-token")
        defer { server.terminate(); server.waitUntilExit() }
        let home = try Reliability.scratch("badtoken")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux(path: tmuxPath)
        defer { tmux.kill() }
        tmux.run(["new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30",
                  "\(Reliability.homeEnvironment(home))WRIKE_TOKEN=wrong TERM=xterm-256color '\(Self.binary)' --base-url '\(url)'; echo __EXIT__$?; sleep 60"])
        tmux.run(["set", "-s", "escape-time", "0"])
        let (ok, screen) = tmux.waitFor("Wrike refused the token in WRIKE_TOKEN")
        #expect(ok, "no plain error:\n\(screen)")
        tmux.keys("q")
        #expect(tmux.waitFor("__EXIT__0").0)
    }
}
