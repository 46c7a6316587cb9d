import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Hostile data end to end: the real binary in tmux (with `set-clipboard on`, `allow-rename on`)
/// against `sandbox serve --data <wrike-tui sandbox generate --hostile>`. Walks the tree, opens
/// folders and tasks with hostile titles, descriptions and comments, pages through them, resizes.
/// Checks the raw bytes the pane received (`pipe-pane`), the pane title and window name (unchanged),
/// the paste buffers (none), the borders on every framed row, that the app still answers and quits
/// cleanly, and that the token is in none of the app's files.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct HostileEndToEndTests {
    @Test func hostileDatasetInTmux() throws {
        let tmuxPath = try #require(BrowserEndToEndTests.which("tmux"))
        try #require(FileManager.default.isExecutableFile(atPath: Reliability.binary), "build the binary first: swift build")
        let home = try Reliability.scratch("hostile")
        defer { try? FileManager.default.removeItem(atPath: home) }

        // The dataset, through the CLI as a user would make it.
        let data = home + "/hostile.json"
        let gen = Process()
        gen.executableURL = URL(fileURLWithPath: Reliability.binary)
        gen.arguments = ["sandbox", "generate", "--hostile"]
        _ = FileManager.default.createFile(atPath: data, contents: nil)
        gen.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: data))
        try gen.run()
        gen.waitUntilExit()
        try #require(gen.terminationStatus == 0)

        let token = "hostile-secret-\(UInt32.random(in: 0...UInt32.max))-token"
        let server = try Reliability.Server(args: ["--data", data, "--token", token], stderrPath: home + "/sandbox.err")
        defer { server.stop() }
        try #require(server.url.hasPrefix("http://127.0.0.1"), "server did not start: \(server.stop())")

        let script = home + "/run.sh"
        try """
            read go
            stty sane
            \(Reliability.appEnvironment(home: home, token: token)) '\(Reliability.binary)' --base-url '\(server.url)'
            echo __EXIT__$?
            stty -a | tr -s ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; echo __STTY__
            sleep 60
            """.write(toFile: script, atomically: true, encoding: .utf8)

        let tmux = Reliability.Tmux(path: tmuxPath)
        defer { Reliability.shutdown(tmux) }
        let width = 120, height = 40
        tmux.run(["new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height), "sh '\(script)'"])
        tmux.run(["set", "-s", "escape-time", "0"])
        tmux.run(["set", "-s", "set-clipboard", "on"])
        tmux.run(["set", "-g", "allow-rename", "on"])
        tmux.run(["set", "-g", "set-titles", "on"])
        tmux.run(["setw", "-g", "automatic-rename", "off"])
        tmux.run(["rename-window", "-t", "e2e", "wtui-window"])
        tmux.run(["select-pane", "-t", "e2e", "-T", "wtui-title"])
        let bytesFile = home + "/pane.bytes"
        tmux.run(["pipe-pane", "-t", "e2e", "-O", "cat >> '\(bytesFile)'"])
        func identity() -> String { tmux.run(["display", "-p", "-t", "e2e", "#{pane_title}|#{window_name}"]) }
        let before = identity()
        #expect(before.hasPrefix("wtui-title|wtui-window"), "tmux did not take the title: \(before)")
        tmux.keys("Enter")  // start the app

        var frames = 0
        var broken: [String] = []
        func check(_ what: String, rows: Int = height) {
            let screen = tmux.capture()
            frames += 1
            let bad = Reliability.rowsWithBrokenBorders(screen, width: width, rows: rows)
            if !bad.isEmpty { broken.append("\(what): rows \(bad)\n\(screen)") }
        }

        var (ok, screen) = tmux.waitFor("tree", timeout: 60) { $0.contains("│") && $0.contains("help") }
        try #require(ok, "the app did not start on the hostile data:\n\(screen)")
        Thread.sleep(forTimeInterval: 1)
        check("start")
        // Walk the tree, expanding every folder on the way.
        for i in 0..<12 {
            tmux.keys(i % 2 == 0 ? "e" : "j")
            Thread.sleep(forTimeInterval: 0.3)
            check("tree step \(i)")
        }
        // Open folders one after another and look at their tasks.
        tmux.keys("g")
        for f in 0..<6 {
            tmux.keys("Enter")
            Thread.sleep(forTimeInterval: 1.0)
            check("folder \(f) opened")
            // Into the list, open a few tasks, page through description, comments, everything.
            tmux.keys("l")
            for t in 0..<3 {
                tmux.keys("Enter")
                Thread.sleep(forTimeInterval: 1.5)
                check("folder \(f) task \(t)")
                for _ in 0..<4 {
                    tmux.keys("]")
                    Thread.sleep(forTimeInterval: 0.15)
                }
                check("folder \(f) task \(t) sections")
                for _ in 0..<3 {
                    tmux.keys("NPage")
                    Thread.sleep(forTimeInterval: 0.15)
                }
                check("folder \(f) task \(t) paged")
                tmux.keys("G")
                Thread.sleep(forTimeInterval: 0.2)
                check("folder \(f) task \(t) end")
                tmux.keys("h")  // back to the list
                tmux.keys("j")
            }
            tmux.keys("h")  // back to the tree
            tmux.keys("j")
            tmux.keys("e")
        }
        // Smaller and larger terminals with the hostile text on screen.
        // The app redraws for the new size once it has re-wrapped everything (the 1 MB comment too):
        // wait for a frame whose bottom border is on row h-3 and whose framed rows are closed.
        var settle: [String] = []
        var neededAKey: [String] = []
        for (w, h) in [(80, 24), (60, 20), (200, 60), (width, height)] {
            tmux.run(["resize-window", "-t", "e2e", "-x", String(w), "-y", String(h)])
            let start = Date()
            func framed(_ screen: String) -> Bool {
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                guard lines.count >= h, let corner = lines[h - 3].first, "└┗+".contains(corner) else { return false }
                return Reliability.rowsWithBrokenBorders(screen, width: w, rows: h).isEmpty
            }
            // A resize is drawn without a key (it used to wait for one when a tick ran in the same
            // loop step: EventLoopTests). Generous: re-wrapping the 1 MB comment is slow under load.
            var (settled, screen) = tmux.waitFor("\(w)x\(h)", timeout: 60, framed)
            var note = ""
            if !settled {
                neededAKey.append("\(w)x\(h)")
                // Any key renders again (help on and off): a missed resize still draws at the old size.
                tmux.keys("?")
                tmux.keys("Escape")
                (settled, screen) = tmux.waitFor("\(w)x\(h)", timeout: 20, framed)
                note = settled ? " (after a key)" : " (never)"
            }
            frames += 1
            settle.append(String(format: "%dx%d %.1fs", w, h, Date().timeIntervalSince(start)) + note)
            if !settled {
                broken.append("\(w)x\(h): rows \(Reliability.rowsWithBrokenBorders(screen, width: w, rows: h))\n\(screen)")
            }
        }
        print("HostileEndToEndTests: redraw after resize: \(settle.joined(separator: ", "))")
        #expect(neededAKey.isEmpty, "resizes drawn only after a key: \(neededAKey)")
        #expect(broken.isEmpty, "layout broken in \(broken.count) of \(frames) frames:\n\(broken.prefix(2).joined(separator: "\n---\n"))")

        // Still answers: the help overlay opens and closes.
        tmux.keys("Escape", "Escape")
        tmux.keys("?")
        (ok, screen) = tmux.waitFor("Keys · Esc closes", timeout: 20)
        #expect(ok, "the app stopped answering:\n\(screen)")
        tmux.keys("Escape")

        // Nothing took over tmux.
        #expect(identity() == before, "pane title / window name changed: \(identity()) (was \(before))")
        let buffers = tmux.run(["list-buffers"])
        #expect(buffers.isEmpty, "a paste buffer was created: \(buffers)")

        tmux.keys("q")
        (ok, screen) = tmux.waitFor("__STTY__", timeout: 30)
        #expect(ok, "the app did not exit:\n\(screen)")
        #expect(screen.contains("__EXIT__0"))
        let stty = screen.components(separatedBy: "__EXIT__").last ?? ""
        #expect(stty.contains("icanon") && !stty.contains("-icanon"), "terminal left in raw mode: \(stty)")
        tmux.run(["pipe-pane", "-t", "e2e"])  // close the pipe

        // The bytes the pane received: nothing but sanitized text.
        let bytes = Reliability.readBytes(bytesFile)
        #expect(bytes.count > 10_000, "pipe-pane captured only \(bytes.count) bytes")
        let problems = Reliability.injectedSequences(in: bytes)
        #expect(problems.isEmpty, "\(problems)")

        let leaks = MonkeyTests.filesContaining(token, under: home, skipping: [home + "/run.sh", home + "/sandbox.err", bytesFile])
        #expect(leaks.isEmpty, "the token is written in \(leaks)")
        print("HostileEndToEndTests: \(frames) frames checked, \(bytes.count) bytes from the pane, \(problems.count) injected sequences, "
              + "title \(identity() == before ? "unchanged" : "CHANGED"), \(buffers.isEmpty ? 0 : buffers.split(separator: "\n").count) paste buffers")
    }
}
