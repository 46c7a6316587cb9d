import Foundation
import Testing

/// Shared by the hostile-data, security and monkey end-to-end tests: a sandbox server with options,
/// a private state/config home for the app, and checks on the raw bytes a tmux pane received.
enum Reliability {
    typealias Tmux = BrowserEndToEndTests.Tmux

    static var binary: String { BrowserEndToEndTests.binary }

    /// A fresh private directory (0700) under the system temp dir.
    static func scratch(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "wtui-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return dir
    }

    /// A running `wrike-tui sandbox serve --port 0 <args>`; stderr goes to `stderrPath`.
    final class Server {
        let process: Process
        let url: String
        let stderrPath: String

        init(args: [String], stderrPath: String) throws {
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Reliability.binary)
            p.arguments = ["sandbox", "serve", "--port", "0"] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
            try p.run()
            var line = Data()
            let handle = out.fileHandleForReading
            while true {
                let b = handle.readData(ofLength: 1)
                if b.isEmpty || b == Data("\n".utf8) { break }
                line.append(b)
            }
            process = p
            url = String(decoding: line, as: UTF8.self)
            self.stderrPath = stderrPath
        }

        /// SIGTERM, wait, and return what it wrote to stderr.
        @discardableResult
        func stop() -> String {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
            return (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        }

        /// `sandbox-stats: requests=N ok=N ...` as a dictionary (after `stop`).
        func stats() -> [String: Int] {
            let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("sandbox-stats:") }) else { return [:] }
            var out: [String: Int] = [:]
            for part in line.split(separator: " ").dropFirst() {
                let kv = part.split(separator: "=", maxSplits: 1)
                if kv.count == 2, let v = Int(kv[1]) { out[String(kv[0])] = v }
            }
            return out
        }
    }

    /// Environment assignments that keep the app's config, state (log, drafts) and credentials in `home`.
    static func appEnvironment(home: String, token: String) -> String {
        "HOME='\(home)' XDG_CONFIG_HOME='\(home)/config' XDG_STATE_HOME='\(home)/state' "
            + "XDG_CACHE_HOME='\(home)/cache' WRIKE_TOKEN='\(token)' TERM=xterm-256color "
            // `C` hands the terminal to $VISUAL/$EDITOR: an editor that returns at once keeps random keys in the app.
            + "VISUAL=true EDITOR=true"
    }

    /// What a terminal must never receive from server text: returns one line per violation.
    /// `ownOSC` allows the app's own OSC 52/8 (only when the test pressed `y`/`o`).
    static func injectedSequences(in bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let text = String(decoding: bytes, as: UTF8.self)
        func has(_ s: String) -> Bool { text.contains(s) }
        for (needle, name) in [("\u{1B}]", "OSC"), ("\u{1B}P", "DCS"), ("\u{1B}_", "APC"), ("\u{1B}^", "PM"),
                               ("\u{1B}X", "SOS"), ("\u{1B}c", "RIS (ESC c)"), ("\u{1B}k", "tmux window name"),
                               ("\u{1B}[6n", "cursor report request"), ("\u{1B}[c", "device attributes"),
                               ("\u{1B}[3J", "clear scrollback"), ("pwned", "hostile payload text"),
                               ("]52;", "OSC 52 payload"), ("]0;", "OSC 0 payload"), ("]8;", "OSC 8 payload")] where has(needle) {
            problems.append("\(name) reached the terminal")
        }
        if bytes.contains(0x07) { problems.append("BEL reached the terminal") }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x80...0x9F).contains(v) { problems.append("C1 control U+\(String(v, radix: 16))"); break }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F {
                problems.append("bidi control U+\(String(v, radix: 16))"); break
            }
            if v == 0x200B || v == 0x2060 || v == 0xFEFF || v == 0x2028 || v == 0x2029 {
                problems.append("zero-width/separator U+\(String(v, radix: 16))"); break
            }
        }
        return problems
    }

    /// Rows of a captured screen whose left and right border cells are not box-drawing verticals/corners.
    /// `width` is the pane width; returns the bad row numbers.
    static func rowsWithBrokenBorders(_ screen: String, width: Int, rows: Int) -> [Int] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var bad: [Int] = []
        let borderish: Set<Character> = ["│", "┃", "║", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╭", "╮", "╰", "╯",
                                         "─", "━", "═", "|", "+", "-", "┏", "┓", "┗", "┛", "╒", "╕", "█", "#", "="]
        // The panes' frame rows: all rows but the last (status/hint line) and maybe the first (header).
        for (i, line) in lines.prefix(rows).enumerated() {
            guard let first = line.first else { continue }
            if borderish.contains(first) {
                // A framed row: its last cell must also be a border at the pane width.
                let chars = Array(line)
                if chars.count < 2 || !borderish.contains(chars[chars.count - 1]) { bad.append(i) }
            }
        }
        return bad
    }

    /// Ends a test's tmux server for sure: `kill-server` alone left servers behind (their pane shell
    /// survived the hangup), so the pane's process and then the server itself are killed by pid.
    static func shutdown(_ tmux: Tmux) {
        let pids = tmux.run(["list-panes", "-a", "-F", "#{pane_pid}"]).split(separator: "\n").compactMap { Int32($0) }
        let server = Int32(tmux.run(["display", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
        for pid in pids where pid > 1 { kill(pid, SIGKILL) }
        tmux.kill()
        if let server, server > 1 { kill(server, SIGTERM) }
    }

    static func readBytes(_ path: String) -> [UInt8] {
        (FileManager.default.contents(atPath: path)).map { [UInt8]($0) } ?? []
    }
}
