import Foundation
import Testing
import TestSupport
@testable import Platform
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DownloadFileNameTests {
    /// Names a server could send, and the name the file gets: never a path, never hidden, never a control.
    @Test(arguments: [
        ("report.pdf", "report.pdf"),
        ("../../.bashrc", "bashrc"),
        ("/etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\evil.dll", "evil.dll"),
        ("a/b/../c.txt", "c.txt"),
        ("..", "attachment"),
        (".", "attachment"),
        ("...", "attachment"),
        ("", "attachment"),
        ("/", "attachment"),
        ("   ", "attachment"),
        (".hidden", "hidden"),
        ("-rf --no-preserve-root", "rf --no-preserve-root"),
        ("evil\u{1B}[31mred\u{1B}[0m.txt", "evil[31mred[0m.txt"),
        ("line\nbreak\r.txt", "linebreak.txt"),
        ("bidi\u{202E}txt.exe", "biditxt.exe"),
        ("zero\u{200B}width\u{FEFF}.md", "zerowidth.md"),
        ("nul\u{0}byte.bin", "nulbyte.bin"),
        ("trailing dots...", "trailing dots"),
        ("設計 docs.pdf", "設計 docs.pdf"),
    ])
    func safeName(raw: String, expected: String) {
        let name = DownloadFile.safeName(raw)
        #expect(name == expected)
        #expect(!name.contains("/") && !name.contains("\\") && !name.hasPrefix("."))
        #expect(!name.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test func longNamesKeepTheirExtensionWithin200Bytes() {
        let name = DownloadFile.safeName(String(repeating: "漢", count: 300) + ".tar.gz")
        #expect(name.utf8.count <= 200)
        #expect(name.hasSuffix(".gz"))
        #expect(name.hasPrefix("漢"))
    }

    @Test func numberedNamesKeepTheExtension() {
        #expect(DownloadFile.numbered("report.pdf", 0) == "report.pdf")
        #expect(DownloadFile.numbered("report.pdf", 1) == "report (1).pdf")
        #expect(DownloadFile.numbered("archive.tar.gz", 2) == "archive.tar (2).gz")
        #expect(DownloadFile.numbered("README", 3) == "README (3)")
    }
}

@Suite struct DownloadDirectoryTests {
    @Test func environmentThenUserDirsThenDownloads() throws {
        let scratch = ScratchDir()
        let home = scratch.path
        var env = ["HOME": home, "XDG_CONFIG_HOME": home + "/cfg"]
        let paths = { XDGPaths(environment: env) }
        #expect(DownloadDirectory.resolve(environment: env, paths: paths()) == home + "/Downloads")
        try FileManager.default.createDirectory(atPath: home + "/cfg", withIntermediateDirectories: true)
        try "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\nXDG_DOWNLOAD_DIR=\"$HOME/Fetched\"\n"
            .write(toFile: home + "/cfg/user-dirs.dirs", atomically: true, encoding: .utf8)
        #expect(DownloadDirectory.resolve(environment: env, paths: paths()) == home + "/Fetched")
        env["XDG_DOWNLOAD_DIR"] = "/srv/incoming/"
        #expect(DownloadDirectory.resolve(environment: env, paths: paths()) == "/srv/incoming")
        env["XDG_DOWNLOAD_DIR"] = "relative/dir"  // not absolute: ignored
        #expect(DownloadDirectory.resolve(environment: env, paths: paths()) == home + "/Fetched")
    }

    @Test func userDirsValues() {
        #expect(DownloadDirectory.userDirsValue("XDG_DOWNLOAD_DIR=\"/data/dl\"", home: "/h") == "/data/dl")
        #expect(DownloadDirectory.userDirsValue("  XDG_DOWNLOAD_DIR=\"$HOME\"", home: "/h") == "/h")
        #expect(DownloadDirectory.userDirsValue("XDG_DOWNLOAD_DIR=\"somewhere\"", home: "/h") == nil)
        #expect(DownloadDirectory.userDirsValue("XDG_MUSIC_DIR=\"$HOME/Music\"", home: "/h") == nil)
    }
}

@Suite struct DownloadFileTests {
    @Test func finishNeverOverwritesAndLeavesNoPartFile() throws {
        let scratch = ScratchDir()
        try "mine".write(toFile: scratch.path + "/report.pdf", atomically: true, encoding: .utf8)
        var paths: [String] = []
        for n in 0..<2 {
            let f = try DownloadFile(directory: scratch.path, name: "report.pdf")
            try f.write(Data("bytes \(n)".utf8))
            paths.append(try f.finish())
        }
        #expect(paths == [scratch.path + "/report (1).pdf", scratch.path + "/report (2).pdf"])
        #expect(contents(scratch.path + "/report.pdf") == "mine")
        #expect(contents(paths[0]) == "bytes 0")
        #expect(contents(paths[1]) == "bytes 1")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(names == ["report (1).pdf", "report (2).pdf", "report.pdf"])
    }

    @Test func discardRemovesThePartFile() throws {
        let scratch = ScratchDir()
        let f = try DownloadFile(directory: scratch.path + "/new", name: "x.bin")
        try f.write(Data(repeating: 7, count: 1000))
        #expect(f.written == 1000)
        #expect(FileManager.default.fileExists(atPath: f.partPath))
        f.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/new").isEmpty)
    }
}

@Suite(.offPool) struct ExternalOpenerTests {
    @Test func browserListThenXdgOpen() {
        #expect(ExternalOpener.commands(for: "U", environment: [:]).isEmpty)
        #expect(!ExternalOpener.canOpen([:]))
        #expect(ExternalOpener.commands(for: "U", environment: ["DISPLAY": ":0"]) == [["xdg-open", "U"]])
        #expect(ExternalOpener.commands(for: "U", environment: ["BROWSER": "firefox --new-tab:w3m %s"]) ==
                [["firefox", "--new-tab", "U"], ["w3m", "U"]])
        #expect(ExternalOpener.commands(for: "U", environment: ["BROWSER": "b", "WAYLAND_DISPLAY": "wayland-0"]) ==
                [["b", "U"], ["xdg-open", "U"]])
        // The target is one argument, whatever it holds: no shell.
        #expect(ExternalOpener.commands(for: "a b;rm -rf ~", environment: ["BROWSER": "echo"]) == [["echo", "a b;rm -rf ~"]])
    }

    @Test func outcomesInPlainWords() throws {
        let scratch = ScratchDir()
        let ok = scratch.path + "/ok.sh"
        let bad = scratch.path + "/bad.sh"
        let stays = scratch.path + "/stays.sh"
        try "#!/bin/sh\nprintf '%s' \"$1\" > '\(scratch.path)/got'\n".write(toFile: ok, atomically: true, encoding: .utf8)
        try "#!/bin/sh\nexit 3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        try "#!/bin/sh\nexec sleep 30\n".write(toFile: stays, atomically: true, encoding: .utf8)
        for p in [ok, bad, stays] { chmod(p, 0o755) }
        let env = ["PATH": "/usr/bin:/bin"]
        #expect(ExternalOpener.open("https://x/y?a=1&b=2", environment: env.merging(["BROWSER": ok]) { $1 }) == .opened(program: ok))
        #expect(contents(scratch.path + "/got") == "https://x/y?a=1&b=2")
        let failed = ExternalOpener.open("u", environment: env.merging(["BROWSER": bad]) { $1 })
        #expect(failed == .failed(program: bad, status: 3))
        #expect(failed.sentence == "Cannot open: \(bad) exited with status 3.")
        let missing = ExternalOpener.open("u", environment: env.merging(["BROWSER": "no-such-browser-xyz"]) { $1 })
        #expect(missing == .notFound(program: "no-such-browser-xyz"))
        #expect(missing.sentence.contains("not installed"))
        // The first that exists is used.
        #expect(ExternalOpener.open("u", environment: env.merging(["BROWSER": "no-such-browser-xyz:\(ok)"]) { $1 }) == .opened(program: ok))
        // A browser that stays open counts as opened (after the wait).
        #expect(ExternalOpener.open("u", environment: env.merging(["BROWSER": stays]) { $1 }, wait: 0.3) == .opened(program: stays))
        #expect(ExternalOpener.open("u", environment: env) == .noOpener)
    }
}
