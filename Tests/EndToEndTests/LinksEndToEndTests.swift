import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
#if canImport(Glibc)
import Glibc
#endif

/// Links and files in the real app against `sandbox serve`: an attachment downloaded (`F`) is byte for byte
/// what the server sends, a second download does not replace it, `Y` asks for its link; `o` over "SSH" (no
/// display, no $BROWSER) shows the link, with `$BROWSER` runs it with the permalink and opens a downloaded
/// file; with `mouse = true` a click (an SGR mouse sequence) selects a list row.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct LinksEndToEndTests {
    /// A top-level active task of Engineering with a unique ASCII title and a downloadable attachment.
    static func taskWithFile() -> (WrikeTask, WrikeAPI.Attachment)? {
        let demo = ActionsEndToEndTests.Demo()
        for t in demo.candidates {
            if let a = demo.d.attachments.first(where: { $0.taskId == t.id && ($0.size ?? 0) > 1000 && $0.type == .wrike }) {
                return (t, a)
            }
        }
        return nil
    }

    static func start(_ rig: SignalEndToEndTests.Rig, extraEnv: String = "") -> Int32? {
        rig.tmux.run(["new-session", "-d", "-s", "e2e", "-x", "200", "-y", "50",
                      "exec env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \(Reliability.appEnvironment(home: rig.home, token: rig.token)) "
                        + "XDG_DOWNLOAD_DIR='\(rig.home)/dl' \(extraEnv) '\(Reliability.binary)' --base-url '\(rig.server.url)'"])
        rig.tmux.run(["set", "-s", "escape-time", "0"])
        return Int32(rig.tmux.run(["list-panes", "-t", "e2e", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func waitForFile(_ path: String, seconds: Double = 60) -> Data? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let d = FileManager.default.contents(atPath: path) { return d }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    @Test func downloadOverSSHKeepsTheServersBytesAndNeverReplacesAFile() throws {
        let (task, file) = try #require(Self.taskWithFile(), "the demo has no task with a file")
        try SignalEndToEndTests.withRig("links-dl") { base in
            var rig = base
            rig.task = task
            _ = try #require(Self.start(rig))
            try rig.openTask()
            // The detail's parts arrive one by one: the attachments may come after the comments.
            var (ok, screen) = rig.tmux.waitFor("Attachments (1)")
            try #require(ok, "no attachments:\n\(screen)")
            rig.tmux.keys("L")
            (ok, screen) = rig.tmux.waitFor("Saved ")
            try #require(ok, "no download:\n\(screen)")
            #expect(screen.contains("No display here: Y copies a link"), "\(screen)")
            let expected = try #require(try? Sandbox(dataset: DemoDataset.make()).sendSync(attachment: file.id))
            let name = file.name  // the demo's names are safe as they are
            let first = try #require(Self.waitForFile(rig.home + "/dl/" + name))
            #expect(first == expected, "downloaded \(first.count) bytes, the server has \(expected.count)")
            // Again: a second file beside the first.
            rig.tmux.keys("L")
            (ok, screen) = rig.tmux.waitFor("(1)")
            #expect(ok, "second download:\n\(screen)")
            let dot = name.lastIndex(of: ".")
            let second = dot.map { "\(name[..<$0]) (1)\(name[$0...])" } ?? "\(name) (1)"
            #expect(Self.waitForFile(rig.home + "/dl/" + second) == expected)
            let names = try FileManager.default.contentsOfDirectory(atPath: rig.home + "/dl").sorted()
            #expect(names == [name, second].sorted(), "no part file may be left: \(names)")
            // Its link.
            rig.tmux.keys("Y")
            (ok, screen) = rig.tmux.waitFor("Copied a link to")
            #expect(ok, "Y:\n\(screen)")
            // The task's link, shown (no display, no $BROWSER).
            rig.tmux.keys("o")
            (ok, screen) = rig.tmux.waitFor("Link: ")
            #expect(ok && screen.contains("open.htm?id="), "o over SSH:\n\(screen)")
            print("LinksEndToEndTests: downloaded \(expected.count) bytes twice (\(names.joined(separator: ", "))), byte-identical")
        }
    }

    @Test func browserOpensTheTaskAndTheDownloadedFile() throws {
        let (task, file) = try #require(Self.taskWithFile(), "the demo has no task with a file")
        try SignalEndToEndTests.withRig("links-open") { base in
            var rig = base
            rig.task = task
            let log = rig.home + "/opened.txt"
            let browser = rig.home + "/browser.sh"
            try "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '\(log)'\n".write(toFile: browser, atomically: true, encoding: .utf8)
            chmod(browser, 0o755)
            _ = try #require(Self.start(rig, extraEnv: "BROWSER='\(browser)'"))
            try rig.openTask()
            var (ok, screen) = rig.tmux.waitFor("Attachments (1)")
            try #require(ok, "no attachments:\n\(screen)")
            rig.tmux.keys("o")
            (ok, screen) = rig.tmux.waitFor("Opened https://")
            #expect(ok, "o with $BROWSER:\n\(screen)")
            rig.tmux.keys("L")
            (ok, screen) = rig.tmux.waitFor("Opened /")
            #expect(ok, "the file was not opened:\n\(screen)")
            let lines = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("https://") == true && lines.first?.contains("open.htm?id=") == true)
            #expect(lines.last == rig.home + "/dl/" + file.name)
        }
    }

    /// Once flaky, for two reasons: a report reaching the app split came as Esc and keys after the lone Esc
    /// (`M` opened the move picker; `MouseReport` now decodes it: MouseReportTests, ScreenTests.anSGRReport…),
    /// and the title read off the row carried the ⊘ marker when the dependencies had arrived by then.
    @Test func aMouseClickSelectsAListRow() throws {
        try SignalEndToEndTests.withRig("links-mouse") { rig in
            try Reliability.writeConfig(home: rig.home, "mouse = true\n")
            _ = try #require(Self.start(rig))
            var (ok, screen) = rig.tmux.waitFor("Platform")
            try #require(ok, "tree did not load:\n\(screen)")
            rig.tmux.keys("Enter")
            (ok, screen) = rig.tmux.waitFor("tasks") { $0.contains("Tasks · Engineering") && $0.contains("Title") }
            try #require(ok, "tasks did not load:\n\(screen)")
            // The 4th task row of the list: below the frame and the header.
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let header = try #require(lines.firstIndex { $0.contains("Title") })
            let row = header + 4
            let listX = try #require(lines[header].range(of: "Title").map { lines[header].distance(from: lines[header].startIndex, to: $0.lowerBound) })
            try #require(String(lines[row].dropFirst(listX)).trimmingCharacters(in: .whitespaces).count > 3, "no task on row \(row):\n\(screen)")
            // SGR mouse: ESC [ < button ; column ; row M (1-based).
            rig.tmux.run(["send-keys", "-t", "e2e", "-l", "\u{1B}[<0;\(listX + 3);\(row + 1)M"])
            rig.tmux.run(["send-keys", "-t", "e2e", "-l", "\u{1B}[<0;\(listX + 3);\(row + 1)m"])
            Thread.sleep(forTimeInterval: 0.5)
            // The task on the clicked row as the click found it (a list still settling may have moved before it).
            let after = rig.tmux.capture().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // The title without the markers drawn before it (⊘ blocked, ▸ subtasks: they come and go as the
            // dependencies are read) and not shown in the detail's header.
            let cell = after.count > row ? String(after[row].dropFirst(listX).prefix(30)) : ""
            let title = String(cell.drop { !$0.isLetter && !$0.isNumber }).trimmingCharacters(in: .whitespaces)
            try #require(title.count > 3, "no task on row \(row) after the click")
            rig.tmux.keys("Enter")
            // Opened: its title is in the list and, as the header, in the detail.
            (ok, screen) = rig.tmux.waitFor("the clicked task in the detail") { s in
                s.contains("Comments (") && s.components(separatedBy: String(title.prefix(20))).count > 2
            }
            #expect(ok, "the clicked row (\(title)) was not the one opened:\n\(screen)")
        }
    }
}

extension Sandbox {
    /// The bytes `GET /attachments/{id}/download` answers (the sandbox's deterministic content).
    func sendSync(attachment id: String) throws -> Data {
        final class Box: @unchecked Sendable { var data: Data? }
        let box = Box()
        let sem = DispatchSemaphore(value: 0)
        Task {
            box.data = try? await self.send(HTTPRequest(path: "/attachments/\(id)/download",
                                                        headers: ["Authorization": "bearer t"])).body
            sem.signal()
        }
        sem.wait()
        guard let d = box.data else { throw POSIXError(.EIO) }
        return d
    }
}
