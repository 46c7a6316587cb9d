import Browser
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The instant start, as a user meets it: the real binary signed in with WRIKE_TOKEN + WRIKE_HOST against
/// `sandbox serve`. The first run opens a folder and a task and quits; a task is changed in the sandbox
/// through its HTTP API; every request of the second run is held 3 s by the sandbox. The second run
/// shows the folder's list and the task, marked "from disk", while the request log has no request of it
/// yet; then the changed title replaces the old one and the marker goes.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct InstantStartEndToEndTests {
    @Test func theSecondStartDrawsTheLastScreenBeforeItsFirstRequestThenTheChange() throws {
        let tmuxPath = try #require(BrowserEndToEndTests.which("tmux"))
        try #require(FileManager.default.isExecutableFile(atPath: Reliability.binary), "build the binary first: swift build")
        let home = try Reliability.scratch("instant")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let token = "instant-\(UInt32.random(in: 0...UInt32.max))"
        let server = try Reliability.Server(args: ["--token", token, "--rate-limit", "0", "--test-control"],
                                            stderrPath: home + "/sandbox.err")
        defer { server.stop() }
        try #require(server.url.hasPrefix("http://127.0.0.1"), "server did not print its URL: \(server.url)")
        let tmux = Reliability.Tmux(path: tmuxPath)
        defer { Reliability.shutdown(tmux) }
        tmux.run(["new-session", "-d", "-s", "keep", "sleep 600"])
        func start() {
            tmux.run(["new-session", "-d", "-s", "e2e", "-x", "200", "-y", "50",
                      "env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \(Reliability.appEnvironment(home: home, token: token)) "
                        + "WRIKE_HOST='\(server.url)' '\(Reliability.binary)'; echo __EX\"\"IT__$?; sleep 60"])
            tmux.run(["set", "-s", "escape-time", "0"])
        }
        func quit(_ n: Int) {
            tmux.keys("q")
            let (ok, screen) = tmux.waitFor("__EXIT__0")
            #expect(ok, "run \(n): q did not exit cleanly:\n\(screen)")
            tmux.run(["kill-session", "-t", "e2e"])
            for _ in 0..<50 where tmux.run(["list-sessions"]).contains("e2e:") { Thread.sleep(forTimeInterval: 0.1) }
        }

        // Run 1: the folder "Platform" (below the first space) and its first task.
        start()
        var (ok, screen) = tmux.waitFor("Platform")
        try #require(ok, "run 1: the tree did not show:\n\(screen)")
        tmux.keys("j", "Enter")
        (ok, screen) = tmux.waitFor("the Platform list") { $0.contains("Tasks · Platform") && $0.contains("In Progress") }
        try #require(ok, "run 1: the list did not show:\n\(screen)")
        tmux.keys("Enter")
        (ok, screen) = tmux.waitFor("the task") { $0.contains("Overview") && $0.contains("Comments (") }
        try #require(ok, "run 1: the task did not show:\n\(screen)")
        Thread.sleep(forTimeInterval: 0.5)
        quit(1)

        // The kept screen: private, no token, the task that was open.
        let dir = home + "/cache/wrike-tui"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("screen-") }
        try #require(files.count == 1, "\(files)")
        let path = dir + "/" + files[0]
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int) == 0o700)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "the token is in the screen file")
        guard case .success(let kept) = ScreenSnapshot.decode(bytes), let task = kept.screen.detail?.task else {
            Issue.record("the screen file has no open task")
            return
        }
        #expect(kept.screen.list?.title == "Platform" && kept.tasks.count > 10, "\(kept.screen.list as Any) \(kept.tasks.count)")

        // Changed in between, through the sandbox's API; then every request held 3 s.
        let newTitle = "Renamed while away \(UInt16.random(in: 1000...9999))"
        let put = try #require(Self.put(server.url + "/tasks/\(task.id)", form: "title=" + newTitle.replacingOccurrences(of: " ", with: "%20"),
                                        token: token), "PUT /tasks/\(task.id) did not answer")
        #expect(String(decoding: put, as: UTF8.self).contains(newTitle), "the change was not applied: \(String(decoding: put, as: UTF8.self))")
        _ = server.control("faults", post: #"{"count":1000,"kind":"delay","ms":3000}"#)
        let before = try #require(server.requestLog()).count

        // Run 2: the last screen first, before any request of this run was answered.
        start()
        (ok, screen) = tmux.waitFor("the screen from disk", timeout: 30) {
            $0.contains("from disk") && $0.contains("Tasks · Platform") && $0.contains(task.title.prefix(20))
        }
        let logged = try #require(server.requestLog()).dropFirst(before)
        #expect(ok, "run 2: the last screen did not show:\n\(screen)")
        #expect(logged.isEmpty, "run 2: requests answered before the screen from disk showed: \(logged.map(\.path))")
        #expect(!screen.contains(newTitle))
        // Then Wrike's data, quietly: the new title in the list and the detail, the marker gone.
        (ok, screen) = tmux.waitFor("the changed task", timeout: 90) {
            $0.components(separatedBy: newTitle.prefix(20)).count >= 3 && !$0.contains("from disk")
        }
        #expect(ok, "run 2: the change did not show:\n\(screen)")
        let after = Array(try #require(server.requestLog()).dropFirst(before))
        print("InstantStartEndToEndTests: run 2 requests \(after.map { String($0.path.prefix(40)) }.prefix(8))")
        quit(2)
    }

    static func put(_ url: String, form: String, token: String) -> Data? {
        guard let u = URL(string: url) else { return nil }
        var r = URLRequest(url: u)
        r.httpMethod = "PUT"
        r.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        r.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        r.httpBody = Data(form.utf8)
        final class Box: @unchecked Sendable { var data: Data? }
        let box = Box()
        let sem = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: r) { data, _, _ in
            box.data = data
            sem.signal()
        }.resume()
        _ = sem.wait(timeout: .now() + 30)
        return box.data
    }
}
