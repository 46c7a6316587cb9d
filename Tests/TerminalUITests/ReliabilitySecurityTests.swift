import Foundation
import Testing
@testable import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// `$EDITOR` is run without a shell: shell syntax in the variable is passed as literal words, never
/// interpreted; the temp file is private, and removed however the editor ends.
@Suite(.serialized) struct ReliabilitySecurityTests {
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "wtui-sec-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// An "editor" that records its arguments (one per line), the modes of the file and its
    /// directory, and appends a line to the file.
    func recorder(in root: String) throws -> (script: String, log: String) {
        let script = root + "/rec-editor"
        let log = root + "/argv.log"
        let body = """
            #!/bin/sh
            for a in "$@"; do printf '%s\\n' "$a" >> '\(log)'; done
            last=""; for a in "$@"; do last="$a"; done
            printf 'mode %s %s\\n' "$(stat -c %a "$last")" "$(stat -c %a "$(dirname "$last")")" >> '\(log)'
            printf 'edited\\n' >> "$last"
            """
        try body.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        return (script, log)
    }

    func env(_ editor: String) -> [String: String] {
        ["EDITOR": editor, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    }

    @Test func shellSyntaxInEditorIsNeverInterpreted() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (script, log) = try recorder(in: root)
        let marker = root + "/PWNED"
        let values = [
            "\(script) ; touch \(marker)",
            "\(script) $(touch \(marker))",
            "\(script) `touch \(marker)`",
            "\(script) && touch \(marker)",
            "\(script) | tee \(marker)",
            "\(script) > \(marker)",
            "\(script) \"$(touch \(marker))\"",
            "\(script) ${IFS}touch${IFS}\(marker)",
        ]
        for value in values {
            try? FileManager.default.removeItem(atPath: log)
            try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
            let out = try ExternalEditor.edit("draft", environment: env(value), tempRoot: root + "/tmp")
            #expect(out == "draft\nedited", "EDITOR=\(value)")
            #expect(!FileManager.default.fileExists(atPath: marker), "EDITOR=\(value) ran shell syntax")
            let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
            // The words after the script came through literally (quotes removed, nothing expanded).
            let words = ExternalEditor.splitWords(value).dropFirst()
            #expect(Array(lines.prefix(words.count)) == Array(words), "EDITOR=\(value): \(lines)")
            #expect(lines.last == "mode 600 700", "EDITOR=\(value): \(lines)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/tmp").isEmpty)
    }

    @Test func tempFileIsPrivateAndAlwaysRemoved() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (script, log) = try recorder(in: root)
        try FileManager.default.createDirectory(atPath: root + "/tmp", withIntermediateDirectories: true)
        // (umask is process-wide and tests run in parallel, so it is not changed here; the file and
        // directory are created with explicit modes 0600/0700, which a umask can only narrow.)
        let out = try ExternalEditor.edit("secret", environment: env(script), tempRoot: root + "/tmp")
        #expect(out == "secret\nedited")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.last == "mode 600 700")
        // An editor killed by a signal, and one that exits 1: the text is unchanged and the file gone.
        let killer = root + "/killer"
        try "#!/bin/sh\nkill -9 $$\n".write(toFile: killer, atomically: true, encoding: .utf8)
        chmod(killer, 0o755)
        do {
            _ = try ExternalEditor.edit("secret", environment: env(killer), tempRoot: root + "/tmp")
            Issue.record("a killed editor counted as success")
        } catch {
            #expect(error == .failed(command: killer, status: 128 + SIGKILL))
        }
        #expect(throws: ExternalEditorError.self) {
            try ExternalEditor.edit("secret", environment: env("false"), tempRoot: root + "/tmp")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/tmp").isEmpty)
    }
}
