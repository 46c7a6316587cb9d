import Browser
import BrowserRuntime
import Foundation
import TermText
import Testing
import WrikeAPI
import WrikeSandbox

@testable import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// The hostile dataset drawn through the terminal layer (sanitizer, HTML to text, wrap, canvas, the real
/// ncurses backend) into a pseudo-terminal: the BYTES the terminal receives hold no injected sequence and
/// every row keeps its layout. In `ScreenTests` (serialized): curses is global state.
extension ScreenTests {
    /// Every piece of server text in the hostile dataset, as (single-line text, multi-line HTML) sources.
    static func hostileTexts() -> (lines: [String], documents: [String]) {
        let d = HostileDataset.make()
        var lines: [String] = []
        lines += d.tasks.map(\.title)
        lines += d.contacts.map { "\($0.firstName ?? "") \($0.lastName ?? "")" }
        lines += d.folders.map(\.title)
        lines += d.spaces.map(\.title)
        lines += d.workflows.flatMap { $0.customStatuses ?? [] }.map(\.name)
        lines += d.attachments.map(\.name)
        lines += d.timelogs.map { $0.comment ?? "" }
        lines += d.timelogCategories.map(\.name)
        lines += d.customFields.map(\.title)
        lines += [d.account?.name ?? ""]
        lines += HostileText.atoms
        var documents: [String] = []
        documents += d.comments.map(\.text)
        documents += d.tasks.compactMap(\.description)
        documents += d.approvals.compactMap(\.description)
        documents += d.approvals.flatMap { $0.decisions ?? [] }.compactMap(\.comment)
        documents += d.spaces.compactMap(\.description)
        return (lines, documents)
    }

    /// Problems in what a terminal received: escape sequences other than curses' own drawing, C1
    /// controls, text that only exists inside hostile OSC payloads.
    static func injectedSequences(_ bytes: [UInt8], sanitized: Bool) -> [String] {
        var problems: [String] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0xC2, i + 1 < n, (0x80...0x9F).contains(bytes[i + 1]) {
                problems.append("C1 control U+00\(String(bytes[i + 1], radix: 16)) at \(i)")
            }
            if b == 0x07 { problems.append("BEL at \(i)") }
            if b == 0x1B, i + 1 < n {
                let next = bytes[i + 1]
                switch next {
                case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X"):
                    problems.append("string sequence ESC \(Character(UnicodeScalar(next))) at \(i)")
                case UInt8(ascii: "c"):
                    problems.append("terminal reset ESC c at \(i)")
                case UInt8(ascii: "["):
                    var j = i + 2
                    while j < n, (0x20...0x3F).contains(bytes[j]) { j += 1 }
                    let seq = String(decoding: bytes[(i + 2)..<min(j + 1, n)], as: UTF8.self)
                    // curses does not clear the screen, query the terminal or leave the alternate screen
                    // while drawing.
                    if ["2J", "3J", "6n", "c", ">c", "?1049l", "?47l", "5n"].contains(seq) {
                        problems.append("CSI \(seq) at \(i)")
                    }
                default:
                    break
                }
            }
            i += 1
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for marker in ["]0;", "]2;", "]52;", "]8;", "]1337;", "]4;"] where sanitized && text.contains(marker) {
            problems.append("OSC payload \(marker.debugDescription) as text")
        }
        if sanitized, text.contains("pwned") { problems.append("a hostile OSC body ('pwned') reached the terminal") }
        for scalar in text.unicodeScalars where sanitized {
            let v = scalar.value
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || (0x200B...0x200F).contains(v)
                || v == 0xFEFF || (0xFE00...0xFE0F).contains(v) || v == 0x2028 || v == 0x2029 {
                problems.append("invisible/bidi U+\(String(v, radix: 16))")
                break
            }
        }
        return problems
    }

    /// A three-pane frame like the browser's: a list of single-line texts, and a detail pane with a
    /// wrapped document. `sanitize` false puts the raw text (the canvas itself must stay harmless).
    static func frame(width: Int, height: Int, lines: ArraySlice<String>, document: String, scroll: Int,
                      sanitize: Bool) -> Canvas {
        var c = Canvas(width: width, height: height)
        let split = width / 2
        let clean: (String) -> String = sanitize ? { Sanitizer.cleanLine($0) } : { $0 }
        let title = clean(lines.first ?? "")
        c.box(Rect(x: 0, y: 0, width: split, height: height - 1), chars: .light, style: Style(.border), title: title)
        c.box(Rect(x: split, y: 0, width: width - split, height: height - 1), chars: .light, style: Style(.border),
              title: clean(lines.last ?? ""))
        for (row, text) in lines.prefix(height - 3).enumerated() {
            c.putPadded(clean(text), x: 1, y: 1 + row, width: split - 2, style: Style(row == 0 ? .selection : .normal))
        }
        let body = sanitize ? Sanitizer.clean(HTMLText.toText(document)) : HTMLText.toText(document)
        let wrapped = wrap(body, width: width - split - 2)
        let visible = wrapped.dropFirst(min(scroll, max(0, wrapped.count - 1))).prefix(height - 3)
        for (row, text) in visible.enumerated() {
            c.putPadded(text, x: split + 1, y: 1 + row, width: width - split - 2)
        }
        c.putPadded(clean(lines.dropFirst().first ?? ""), x: 0, y: height - 1, width: width, style: Style(.statusLine))
        return c
    }

    func renderHostile(width: Int, height: Int, sanitize: Bool) throws -> (bytes: [UInt8], frames: Int) {
        let (lines, documents) = Self.hostileTexts()
        let pty = try #require(HeadlessTerminal(width: width, height: height, captureLimit: 16 << 20))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        // curses' own start-up (alternate screen, the first refresh's clear) is not under test. A blank
        // canvas would send nothing (nothing changed), leaving curses' first clear for the frames under test.
        var warmUp = Canvas(width: width, height: height)
        warmUp.put("warm-up", x: 0, y: 0)
        screen.draw(warmUp)
        _ = pty.waitForOutput(containing: "warm-up")
        pty.clearCaptured()
        let split = width / 2
        var frames = 0
        let pageSize = max(1, height - 3)
        var start = 0
        var docIndex = 0
        while start < lines.count {
            let page = lines[start..<min(lines.count, start + pageSize)]
            let document = documents[docIndex % documents.count]
            for scroll in [0, 37] {
                let canvas = Self.frame(width: width, height: height, lines: page, document: document, scroll: scroll,
                                        sanitize: sanitize)
                for (y, line) in canvas.lines(trim: false).enumerated() {
                    #expect(displayWidth(line) == width, "canvas row \(y) is \(displayWidth(line)) wide at \(width)x\(height)")
                }
                screen.draw(canvas)
                frames += 1
                // Layout on the (virtual) screen curses holds: borders where they belong on every row.
                for y in 1..<(height - 2) {
                    #expect(screen.cellText(x: 0, y: y) == "│", "row \(y) left border at \(width)x\(height)")
                    #expect(screen.cellText(x: split - 1, y: y) == "│", "row \(y) middle border")
                    #expect(screen.cellText(x: split, y: y) == "│", "row \(y) detail border")
                    #expect(screen.cellText(x: width - 1, y: y) == "│", "row \(y) right border")
                }
            }
            start += pageSize
            docIndex += 1
        }
        // The rest of the documents, one frame each.
        while docIndex < documents.count {
            let canvas = Self.frame(width: width, height: height, lines: lines[0..<min(lines.count, pageSize)],
                                    document: documents[docIndex], scroll: docIndex * 7, sanitize: sanitize)
            screen.draw(canvas)
            frames += 1
            docIndex += 1
        }
        try #require(pty.sync() != nil)
        return (pty.captured(), frames)
    }

    @Test(arguments: [(200, 50), (120, 40), (80, 24), (60, 20)])
    func hostileDatasetReachesTheTerminalOnlyAsSanitizedText(size: (Int, Int)) throws {
        let (bytes, frames) = try renderHostile(width: size.0, height: size.1, sanitize: true)
        #expect(frames > 10)
        #expect(bytes.count > 1000)
        let problems = Self.injectedSequences(bytes, sanitized: true)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test func rawHostileTextInTheCanvasStillCannotInjectSequences() throws {
        // Defence in depth: even text that skipped the sanitizer cannot get an ESC, C1 or BEL through
        // the canvas (controls take no cell) and the ncurses backend.
        let (bytes, _) = try renderHostile(width: 100, height: 30, sanitize: false)
        let problems = Self.injectedSequences(bytes, sanitized: false)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test func clipboardAndHyperlinksWithHostileTextStayWellFormed() throws {
        let pty = try #require(HeadlessTerminal(width: 80, height: 24))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        try #require(pty.sync() != nil)
        pty.clearCaptured()
        let title = HostileText.setTitle + "Task" + HostileText.clipboardWrite + HostileText.bidiOverride
        #expect(screen.copyToClipboard(title))
        screen.showHyperlink(url: "https://www.wrike.com/open.htm?id=1" + HostileText.setTitle,
                             text: Sanitizer.cleanLine(title), x: 2, y: 2)
        // Both OSC 8 sequences (open and close) must have arrived before the bytes are judged.
        let text = pty.waitForOutput { $0.components(separatedBy: "\u{1B}]8;;").count - 1 >= 2 }
        // Exactly one clipboard write (ours), and the hostile text travels base64-encoded inside it.
        #expect(text.components(separatedBy: "\u{1B}]52;").count - 1 == 1)
        #expect(!text.contains("\u{1B}]0;pwned"))
        #expect(!text.contains("\u{202E}"))
        // Our own OSC 8 opens and closes; the URL's ESC/BEL are percent-encoded.
        #expect(text.components(separatedBy: "\u{1B}]8;;").count - 1 == 2)
        #expect(text.contains("%1B]0;pwned%07"))
    }

    /// Replays the bytes the pty received into tmux (a real terminal emulator with its own parser):
    /// the window title and tmux's paste buffers stay untouched, and the screen shows sane text.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"), "tmux is not installed"))
    func hostileBytesThroughARealTerminalEmulatorKeepTitleAndClipboard() throws {
        let (bytes, _) = try renderHostile(width: 80, height: 24, sanitize: true)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reliab-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("frames.bin")
        try Data(bytes).write(to: file)
        let socket = "reliab-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func tmux(_ args: [String]) -> String { TmuxRunner.run(["-L", socket, "-f", "/dev/null"] + args) }
        defer { _ = tmux(["kill-server"]) }
        _ = tmux(["new-session", "-d", "-s", "s", "-x", "80", "-y", "24", "sleep 120"])
        _ = tmux(["set", "-g", "set-clipboard", "on"])      // OSC 52 would fill a paste buffer
        _ = tmux(["set", "-g", "allow-rename", "on"])       // OSC 0/2 would rename
        let pane = tmux(["new-window", "-d", "-P", "-F", "#{pane_id}", "-t", "s:", "-n", "original-title",
                         "cat \(file.path); printf '\\033[24;60HDONE-MARKER'; sleep 60"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(pane.hasPrefix("%"))
        var screenText = ""
        eventually(pauseMicroseconds: 20_000) {
            screenText = tmux(["capture-pane", "-p", "-t", pane])
            return screenText.contains("DONE-MARKER")
        }
        #expect(screenText.contains("DONE-MARKER"))
        #expect(!screenText.contains("pwned"))
        let title = tmux(["display-message", "-p", "-t", pane, "#{pane_title}|#{window_name}"])
        #expect(title.contains("original-title"), "title: \(title)")
        #expect(!title.contains("pwned"), "title: \(title)")
        #expect(tmux(["list-buffers"]).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        // The frame is intact: the last drawn frame's borders are on every row.
        let rows = screenText.split(separator: "\n", omittingEmptySubsequences: false)
        let bordered = rows.dropFirst().prefix(20).filter { $0.hasPrefix("│") }
        #expect(bordered.count >= 19, "\(rows.prefix(22).joined(separator: "\n"))")
    }
}

/// Runs tmux synchronously through `/bin/sh` (`system`): Foundation's `Process` can wait on the
/// tmux server the first command forks, which holds on to the descriptors it inherited.
enum TmuxRunner {
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static func run(_ args: [String]) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("reliab-tmux-out-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let command = (["/usr/bin/tmux"] + args).map(quote).joined(separator: " ") + " >" + quote(path) + " 2>/dev/null </dev/null"
        _ = system(command)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
