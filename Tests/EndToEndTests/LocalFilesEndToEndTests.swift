import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The app's own files are read as regular files only: a FIFO named config.toml, a theme file or
/// credentials.json must not hang the start (nothing on screen, `q` ignored) or `auth status`. Each run
/// is in tmux, so a hang fails the wait instead of hanging the test.
@Suite(.serialized, .enabled(if: BrowserEndToEndTests.which("tmux") != nil, "tmux is not installed"))
struct LocalFilesEndToEndTests {
    typealias Tmux = BrowserEndToEndTests.Tmux

    /// A home whose config directory holds FIFOs where the app reads files.
    static func home(fifos: [String]) throws -> String {
        let home = NSTemporaryDirectory() + "wtui-fifo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: home + "/config/wrike-tui/themes", withIntermediateDirectories: true)
        for f in fifos { #expect(mkfifo(home + "/config/wrike-tui/" + f, 0o600) == 0, "mkfifo \(f)") }
        return home
    }

    static func start(_ tmux: Tmux, home: String, _ command: String) {
        tmux.run(["new-session", "-d", "-s", "e2e", "-x", "120", "-y", "30",
                  "env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME='\(home)' XDG_CONFIG_HOME='\(home)/config' "
                    + "XDG_STATE_HOME='\(home)/state' XDG_CACHE_HOME='\(home)/cache' TERM=xterm-256color "
                    + "\(command); echo __EX\"\"IT__$?; sleep 60"])
        tmux.run(["set", "-s", "escape-time", "0"])
    }

    @Test func theAppStartsWithFIFOsForConfigAndThemeAndQQuits() throws {
        try #require(FileManager.default.isExecutableFile(atPath: BrowserEndToEndTests.binary), "build the binary first: swift build")
        let home = try Self.home(fifos: ["config.toml", "themes/piped.toml", "credentials.json"])
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux(path: try #require(BrowserEndToEndTests.which("tmux")))
        defer { tmux.kill() }
        Self.start(tmux, home: home, "'\(BrowserEndToEndTests.binary)' --demo --theme piped")
        let (shown, screen) = tmux.waitFor("Engineering", timeout: 20)
        #expect(shown, "no screen with a FIFO config:\n\(screen)")
        // The status line says the config file was not read (the first of the problems; the rest are in the log).
        #expect(screen.contains("config.toml") && screen.contains("not a regular file"), "\(screen)")
        tmux.keys("q")
        let (quit, after) = tmux.waitFor("__EXIT__", timeout: 10)
        #expect(quit && after.contains("__EXIT__0"), "q did not quit:\n\(after)")
        // What was not read is said after exit too: the config and the theme.
        #expect(after.contains("themes/piped.toml"), "\(after)")
    }

    @Test func authStatusWithAFIFOForCredentialsEndsWithAMessage() throws {
        try #require(FileManager.default.isExecutableFile(atPath: BrowserEndToEndTests.binary), "build the binary first: swift build")
        let home = try Self.home(fifos: ["credentials.json"])
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = Tmux(path: try #require(BrowserEndToEndTests.which("tmux")))
        defer { tmux.kill() }
        Self.start(tmux, home: home, "'\(BrowserEndToEndTests.binary)' auth status")
        let (ended, screen) = tmux.waitFor("__EXIT__", timeout: 20)
        #expect(ended, "auth status hung on a FIFO:\n\(screen)")
        #expect(screen.contains("credentials.json") && screen.contains("not a regular file"), "\(screen)")
        #expect(!screen.contains("__EXIT__0"), "\(screen)")
    }
}
