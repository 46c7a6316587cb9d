import Foundation
import Testing

/// The warm start, as a user meets it: the real binary signed in with WRIKE_TOKEN + WRIKE_HOST against
/// `sandbox serve` over loopback HTTP. The first start reads Wrike's reference data and keeps it in
/// `$XDG_CACHE_HOME/wrike-tui/` (0600, no token); the second start draws its first frame with no
/// `/workflows` or `/spaces` request before the folder tree, and re-reads them after it.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct WarmStartEndToEndTests {
    @Test func theSecondStartSkipsTheReferenceReadsBeforeItsFirstFrame() throws {
        let tmuxPath = try #require(BrowserEndToEndTests.which("tmux"))
        try #require(FileManager.default.isExecutableFile(atPath: Reliability.binary), "build the binary first: swift build")
        let home = try Reliability.scratch("warm")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let token = "warm-\(UInt32.random(in: 0...UInt32.max))"
        // The warm start alone: the kept screen (InstantStartEndToEndTests) is off here.
        try Reliability.writeConfig(home: home, "snapshot-max-age = 0\n")
        let server = try Reliability.Server(args: ["--token", token, "--rate-limit", "0", "--test-control"],
                                            stderrPath: home + "/sandbox.err")
        defer { server.stop() }
        try #require(server.url.hasPrefix("http://127.0.0.1"), "server did not print its URL: \(server.url)")
        let tmux = Reliability.Tmux(path: tmuxPath)
        defer { Reliability.shutdown(tmux) }

        tmux.run(["new-session", "-d", "-s", "keep", "sleep 600"])
        /// One run of the app until its tree shows, then `q`; returns the sandbox log of that run.
        func run(_ n: Int) throws -> [Reliability.Server.LogLine] {
            let before = server.requestLog()?.count ?? 0
            tmux.run(["new-session", "-d", "-s", "e2e", "-x", "160", "-y", "40",
                      "env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \(Reliability.appEnvironment(home: home, token: token)) "
                        + "WRIKE_HOST='\(server.url)' '\(Reliability.binary)'; echo __EX\"\"IT__$?; sleep 60"])
            tmux.run(["set", "-s", "escape-time", "0"])
            var (ok, screen) = tmux.waitFor("Platform")
            try #require(ok, "run \(n): the tree did not show:\n\(screen)")
            // Let the reads that follow the first frame go out before quitting.
            (ok, screen) = tmux.waitFor("account name") { $0.contains("Northwind Labs │") }
            #expect(ok, "run \(n): the names did not load:\n\(screen)")
            Thread.sleep(forTimeInterval: 1)
            tmux.keys("q")
            (ok, screen) = tmux.waitFor("__EXIT__0")
            #expect(ok, "run \(n): q did not exit cleanly:\n\(screen)")
            // The next run gets a new session on the same server (a server killed and restarted at once
            // can take the new session down with it).
            tmux.run(["kill-session", "-t", "e2e"])
            for _ in 0..<50 where tmux.run(["list-sessions"]).contains("e2e:") { Thread.sleep(forTimeInterval: 0.1) }
            return Array((server.requestLog() ?? []).dropFirst(before))
        }

        let cold = try run(1)
        let coldPaths = cold.map(\.path)
        #expect(coldPaths.prefix(2).sorted() == ["/spaces", "/workflows"], "cold start: \(coldPaths)")

        // The cache file: one, private, without the token.
        let dir = home + "/cache/wrike-tui"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        #expect(files.count == 1 && files.allSatisfy { $0.hasPrefix("bootstrap-") && $0.hasSuffix(".json") }, "\(files)")
        for f in files {
            let attrs = try FileManager.default.attributesOfItem(atPath: dir + "/" + f)
            #expect((attrs[.posixPermissions] as? Int) == 0o600)
            let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            #expect(!text.contains(token), "the token is in the cache file")
        }
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: dir)
        #expect((dirAttrs[.posixPermissions] as? Int) == 0o700)

        let warm = try run(2)
        let warmPaths = warm.map(\.path)
        // The first request is the folder tree; the reference reads come after the first frame.
        #expect(warmPaths.first?.hasSuffix("/folders") == true, "warm start: \(warmPaths)")
        if let tree = warmPaths.firstIndex(where: { $0.hasSuffix("/folders") }) {
            #expect(!warmPaths[..<tree].contains("/workflows") && !warmPaths[..<tree].contains("/spaces"))
        }
        #expect(warmPaths.contains("/workflows") && warmPaths.contains("/spaces"), "not re-read after the first frame: \(warmPaths)")
        print("WarmStartEndToEndTests: cold start \(coldPaths.prefix(4)); warm start \(warmPaths.prefix(4))")
    }
}
