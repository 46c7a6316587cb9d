import Foundation
import Testing
@testable import TerminalUI

@Suite struct WidgetsExternalEditorTests {
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "ext-editor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func env(_ editor: String) -> [String: String] {
        ["EDITOR": editor, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    }

    @Test func splitsLikeAShellWithoutOne() {
        #expect(ExternalEditor.splitWords("vim") == ["vim"])
        #expect(ExternalEditor.splitWords("  code   --wait ") == ["code", "--wait"])
        #expect(ExternalEditor.splitWords("\"/opt/my editor/ed\" -n") == ["/opt/my editor/ed", "-n"])
        #expect(ExternalEditor.splitWords("emacs -nw '+set ft=md' $HOME") == ["emacs", "-nw", "+set ft=md", "$HOME"])
        #expect(ExternalEditor.splitWords("a\\ b \"c\\\"d\" 'e\\f'") == ["a b", "c\"d", "e\\f"])
        #expect(ExternalEditor.splitWords("''") == [""])
        #expect(ExternalEditor.splitWords("   ").isEmpty)
    }

    @Test func chooseVisualThenEditorThenVi() {
        #expect(ExternalEditor.command(environment: ["VISUAL": "nvim", "EDITOR": "nano"]) == ["nvim"])
        #expect(ExternalEditor.command(environment: ["VISUAL": " ", "EDITOR": "nano -R"]) == ["nano", "-R"])
        #expect(ExternalEditor.command(environment: [:]) == ["vi"])
    }

    @Test func editsAPrivateFileAndCleansUp() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let perms = root + "/perms"
        let editor = "/bin/sh -c 'stat -c %a \"$1\" > \"\(perms)\"; stat -c %a \"${1%/*}\" >> \"\(perms)\"; printf \" world\\033[2J\\n\" >> \"$1\"' sh"
        let out = try ExternalEditor.edit("hello", environment: env(editor), tempRoot: root)
        #expect(out == "hello\n world")
        let modes = try String(contentsOfFile: perms, encoding: .utf8).split(separator: "\n")
        #expect(modes == ["600", "700"])
        // The temp directory and file are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["perms"])
    }

    @Test func failingOrMissingEditorLeavesTheTextAlone() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: ExternalEditorError.failed(command: "false", status: 1)) {
            try ExternalEditor.edit("x", environment: env("false"), tempRoot: root)
        }
        do {
            _ = try ExternalEditor.edit("x", environment: env("/nonexistent/editor --flag"), tempRoot: root)
            Issue.record("expected an error")
        } catch {
            guard case .cannotStart(let cmd, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(cmd == "/nonexistent/editor")
            #expect(error.description.contains("Set VISUAL or EDITOR"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }
}
