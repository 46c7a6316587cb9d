import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// edit-description and edit-field in the real binary, in tmux, against `wrike-tui sandbox serve`: a
/// scripted `$EDITOR` rewrites the description's Markdown, read back from the sandbox as Wrike HTML; a
/// refused save keeps the text on disk; custom fields of four types set (one refused in words first) and
/// read back. Keys are looked up by action name in docs/keys.md.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct FieldEditEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    func press(_ s: Session, _ action: String) throws {
        let k = try TaskEditEndToEndTests.key(action)
        if k.count == 1 { s.tmux.type(k) } else { s.tmux.keys(k) }
    }

    /// An editor that replaces the file with `markdown` and records what it was given.
    static func scriptedEditor(_ markdown: String) throws -> (dir: String, script: String) {
        let dir = NSTemporaryDirectory() + "wtui-e2e-editor-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try markdown.write(toFile: dir + "/new.md", atomically: true, encoding: .utf8)
        let script = dir + "/editor.sh"
        try "#!/bin/sh\ncp \"$1\" '\(dir)/given.md'\ncp '\(dir)/new.md' \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        _ = chmod(script, 0o755)
        return (dir, script)
    }

    @Test func descriptionFromAScriptedEditorAndFieldsOfFourTypes() throws {
        let markdown = "**Edited** by _script_ with `code`\n\n- one\n  - nested\n- [two](https://example.com/x)"
        let editor = try Self.scriptedEditor(markdown)
        defer { try? FileManager.default.removeItem(atPath: editor.dir) }
        guard let s = try Session(environment: "VISUAL='' EDITOR='\(editor.script)' ") else { return }
        defer { s.close() }
        s.openTaskList()
        let d0 = try s.snapshot()
        let screen = s.tmux.capture()
        let task = try #require(d0.tasks.first { t in
            t.title.count > 8 && screen.contains(t.title) && d0.tasks.filter { $0.title == t.title }.count == 1
        }, "no task title on screen:\n\(screen)")
        s.select(task.title)
        s.open(task.title)

        // The description: Markdown to the editor, Wrike HTML back to the sandbox.
        let html = "<b>Edited</b> by <i>script</i> with <code>code</code><ul><li>one<ul><li>nested</li></ul></li>"
            + "<li><a href=\"https://example.com/x\" rel=\"nofollow\">two</a></li></ul>"
        try press(s, "edit-description")
        var (ok, d) = try s.waitForData { $0.tasks.first { $0.id == task.id }?.description == html }
        #expect(ok, "description not saved: \(String(describing: d.tasks.first { $0.id == task.id }?.description))")
        let given = (try? String(contentsOfFile: editor.dir + "/given.md", encoding: .utf8)) ?? ""
        #expect(!given.contains("<") || given.contains("\\<"), "the editor got HTML, not Markdown: \(given)")
        s.waitStatus("Description edited")
        let puts = try s.log().filter { $0.method == "PUT" && $0.path == "/tasks/\(task.id)" }
        #expect(puts.count == 1, "\(puts)")
        var waited = 0
        while try !Self.keptDescriptions(s).isEmpty && waited < 50 { Thread.sleep(forTimeInterval: 0.1); waited += 1 }
        #expect(try Self.keptDescriptions(s).isEmpty, "the kept text stays after Wrike confirmed")

        // The same text again: no request.
        try press(s, "edit-description")
        s.waitStatus("unchanged: nothing sent")
        #expect(try s.log().filter { $0.method == "PUT" }.count == 1)

        // Custom fields: a drop-down, a percentage (a refusal in words first), a duration, a date.
        let fields = Dictionary(uniqueKeysWithValues: d.customFields.map { ($0.title, $0.id) })
        func set(_ name: String, _ value: String) throws {
            try press(s, "edit-field")
            s.waitStatus("Custom fields of")
            s.tmux.type(name)
            s.tmux.keys("Enter")
            s.waitStatus("\(name) (")
            s.tmux.keys("C-u")
            s.tmux.type(value)
            s.tmux.keys("Enter")
        }
        func value(_ d: Dataset, _ name: String) -> String? {
            d.tasks.first { $0.id == task.id }?.customFields?.first { $0.id == fields[name] }?.value
        }
        // A drop-down through the pickers: the fields (narrowed by typing), then its options.
        try press(s, "edit-field")
        s.waitStatus("Custom fields of")
        s.tmux.type("Risk")
        s.tmux.keys("Enter")
        s.waitStatus("Risk of")
        s.tmux.type("high")
        s.tmux.keys("Enter")
        (ok, d) = try s.waitForData { value($0, "Risk") == "High" }
        #expect(ok, "Risk: \(String(describing: value(d, "Risk")))")
        s.waitStatus("Risk: High")
        try set("Done", "forty")
        s.waitStatus("is not a percentage")
        s.tmux.keys("C-u")
        s.tmux.type("40%")
        s.tmux.keys("Enter")
        (ok, d) = try s.waitForData { value($0, "Done") == "40" }
        #expect(ok, "Done: \(String(describing: value(d, "Done")))")
        try set("Estimate", "1h30m")
        (ok, d) = try s.waitForData { value($0, "Estimate") == "1:30" }
        #expect(ok, "Estimate: \(String(describing: value(d, "Estimate")))")
        try set("Launch", "2026-12-20")
        (ok, d) = try s.waitForData { value($0, "Launch") == "2026-12-20" }
        #expect(ok, "Launch: \(String(describing: value(d, "Launch")))")

        // A refused description save: rolled back on screen, the text kept on disk for the next try.
        try "Refused words".write(toFile: editor.dir + "/new.md", atomically: true, encoding: .utf8)
        s.fault(#"{"count":1,"status":403,"method":"PUT","pathPrefix":"/tasks"}"#)
        try press(s, "edit-description")
        s.waitStatus("Your text is kept")
        #expect(try s.snapshot().tasks.first { $0.id == task.id }?.description == html)
        #expect(try Self.keptDescriptions(s).count == 1)
        try press(s, "edit-description")
        (ok, d) = try s.waitForData { $0.tasks.first { $0.id == task.id }?.description == "Refused words" }
        #expect(ok, "the kept text was not sent again by the next edit")
        let given2 = (try? String(contentsOfFile: editor.dir + "/given.md", encoding: .utf8)) ?? ""
        #expect(given2.hasPrefix("Refused words"), "the editor did not get the kept text: \(given2)")
    }

    static func keptDescriptions(_ s: Session) throws -> [String] {
        let dir = s.stateDir + "/wrike-tui/drafts"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("description-") }
    }
}
