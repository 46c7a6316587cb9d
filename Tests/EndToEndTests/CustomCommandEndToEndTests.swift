import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `[[commands]]` in config.toml, end to end: the real app in tmux against `sandbox serve`, on a task whose
/// title is a shell attack. The values reach the commands as whole arguments and environment variables;
/// no shell ever sees them, so nothing in the title runs. Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct CustomCommandEndToEndTests {
    /// PUT /tasks/{id} title=… with the sandbox's token (blocking).
    static func rename(_ server: Reliability.Server, token: String, task: String, to title: String) throws {
        let url = try #require(URL(string: server.url + "/tasks/" + task))
        var request = URLRequest(url: url)
        request.httpMethod = "PUT"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var form = URLComponents()
        form.queryItems = [URLQueryItem(name: "title", value: title)]
        let body = (form.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        request.httpBody = Data(body.utf8)
        final class Box: @unchecked Sendable { var status = 0 }
        let box = Box()
        let sem = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, _ in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            sem.signal()
        }.resume()
        _ = sem.wait(timeout: .now() + 30)
        try #require(box.status == 200, "rename answered \(box.status)")
    }

    @Test func customCommandsGetTheHostileTitleAsOneArgumentAndRunNothingFromIt() throws {
        try SignalEndToEndTests.withRig("commands") { rig in
            let (home, tmux) = (rig.home, rig.tmux)
            let mark = "/tmp/wtui-\(UInt32.random(in: 0...UInt32.max))-"
            let title = "Hostile $(touch \(mark)1); touch \(mark)2 `touch \(mark)3` {id}"
            try Self.rename(rig.server, token: rig.token, task: rig.task.id, to: title)
            // 1: output shown, run in the background. 2: a string command, asks first, gets the terminal; a
            // shell script that takes the title as "$1" and from the environment (the safe way to use a shell).
            // 3: a key taken by the key table: reported, not bound.
            let config = """
            [[commands]]
            key = "B"
            name = "echo-title"
            command = ["printf", "%s\\n", "got={title}|{id}"]
            output = true

            [[commands]]
            key = "ctrl-g"
            name = "save-title"
            command = "sh -c 'printf %s \\"$1\\" > \(home)/arg.txt; printf %s \\"$WRIKE_TASK_TITLE\\" > \(home)/env.txt' sh {title}"
            confirm = true

            [[commands]]
            key = "j"
            name = "clash"
            command = ["true"]
            """
            try Reliability.writeConfig(home: home, config)
            tmux.run(["new-session", "-d", "-s", "e2e", "-x", "200", "-y", "50",
                      "exec env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \(Reliability.appEnvironment(home: home, token: rig.token)) "
                        + "'\(Reliability.binary)' --base-url '\(rig.server.url)'"])
            tmux.run(["set", "-s", "escape-time", "0"])
            var (ok, screen) = tmux.waitFor("Platform")
            try #require(ok, "tree did not load:\n\(screen)")
            #expect(screen.contains("'j' of command 'clash' is bound to move-down"), "the clash is reported:\n\(screen)")
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("tasks") { $0.contains("Tasks · Engineering") && $0.contains("Title") }
            try #require(ok, "tasks did not load:\n\(screen)")
            tmux.keys("/")
            tmux.type("Hostile")
            (ok, screen) = tmux.waitFor("1 match") { $0.contains("· 1/") }
            try #require(ok, "filter did not narrow to one task:\n\(screen)")
            tmux.keys("Enter")
            // In the list: B prints the title as one argument; the status line shows it.
            tmux.keys("B")
            (ok, screen) = tmux.waitFor("echo-title output") { $0.contains("echo-title: got=Hostile $(touch") }
            #expect(ok, "the output did not reach the status line:\n\(screen)")
            #expect(screen.contains("|\(rig.task.id)"), "{id} is filled in once, not inside the title's value:\n\(screen)")
            // ? lists the custom commands as rows of the key table.
            tmux.keys("?")
            _ = tmux.waitFor("Keys · Esc closes")
            tmux.run(["send-keys", "-t", "e2e"] + Array(repeating: "j", count: 400))
            (ok, screen) = tmux.waitFor("Custom commands") { $0.contains("Custom commands") && $0.contains("Run: printf") }
            #expect(ok, "help does not show the custom commands:\n\(screen)")
            tmux.keys("Escape")
            // Ctrl-G asks first; y runs it with the terminal.
            tmux.keys("C-g")
            (ok, screen) = tmux.waitFor("Run save-title?")
            #expect(ok, "no confirmation:\n\(screen)")
            tmux.keys("y")
            var written = false
            for _ in 0..<400 where !written {
                written = FileManager.default.fileExists(atPath: home + "/env.txt")
                if !written { Thread.sleep(forTimeInterval: 0.05) }
            }
            #expect(written, "the confirmed command did not run")
            Thread.sleep(forTimeInterval: 0.3)
            #expect((try? String(contentsOfFile: home + "/arg.txt", encoding: .utf8)) == title)
            #expect((try? String(contentsOfFile: home + "/env.txt", encoding: .utf8)) == title)
            (ok, screen) = tmux.waitFor("save-title: done.")
            #expect(ok, "the app did not come back after the command:\n\(screen)")
            for n in 1...3 { #expect(!FileManager.default.fileExists(atPath: mark + "\(n)"), "the title ran a command (\(mark)\(n))") }
        }
    }
}
