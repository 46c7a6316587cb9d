import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// Creating and editing tasks on screen: the line input at the top of the list (a hostile title pasted
/// into it stays text), the new task's "creating…" line, and the refusal's words on the status line.
@Suite struct TaskEditScreenTests {
    static func state() -> AppState {
        BrowserScreenTests.state(width: 160, height: 30, focus: .list, openTask: false)
    }

    static func relayout(_ s: inout AppState) {
        _ = s.update(.layout(BrowserLayout.compute(width: 160, height: 30, focus: s.focus).viewport(state: s)))
    }

    @Test func theInputLineTheCreatingLineAndTheRefusal() throws {
        var s = Self.state()
        let rowsBefore = s.viewport.listRows
        _ = s.update(.taskEdit(.newTask))
        _ = s.update(.paste("Plan \u{1B}[31mQ3\u{1B}[0m\nroadmap", truncated: false))
        Self.relayout(&s)
        #expect(s.viewport.listRows == rowsBefore - 1, "the input takes a row of the list")
        var c = BrowserScreenTests.render(s, 160, 30)
        var rows = (0..<c.height).map { c.line($0) }
        let input = try #require(rows.firstIndex { $0.contains("New task in Platform") })
        let line = rows[input]
        #expect(line.contains("Plan [31mQ3[0m roadmap") || line.contains("Plan Q3 roadmap"), "\(line)")
        #expect(line.contains("roadmap"))
        #expect(!c.text().contains("\u{1B}"))
        let header = try #require(rows.firstIndex { $0.contains("Title") && $0.contains("Status") })
        #expect(input < header, "the input sits above the list")

        // Enter: the line shows the new task being created.
        var draftId = ""
        for e in s.update(.taskEdit(.input(.submit))) { if case .sendSteps(let d, _) = e { draftId = d.id } }
        c = BrowserScreenTests.render(s, 160, 30)
        rows = (0..<c.height).map { c.line($0) }
        #expect(rows.contains { $0.contains("+ Plan") && $0.contains("creating…") }, "\(c.text())")

        // Refused: the creating line goes, Wrike's reason is on the status line, the title is back.
        _ = s.handle(.posted(draftId: draftId, .failure(WriteFailure("forbidden", status: 403, code: "access_forbidden"))))
        c = BrowserScreenTests.render(s, 160, 30)
        let text = c.text()
        #expect(!text.contains("creating…"))
        #expect(text.contains("was not created: you do not have the rights to add tasks there."), "\(text)")
        #expect(text.contains("New task in Platform"))
    }

    @Test func renameShowsAtOnceAndTheRollbackSaysWhy() throws {
        var s = Self.state()
        s.list.cursor = s.list.rowIndex(ofTask: "T3") ?? 0
        _ = s.update(.taskEdit(.editTitle))
        _ = s.update(.taskEdit(.input(.clear)))
        _ = s.update(.paste("Shipped", truncated: false))
        let effects = s.update(.taskEdit(.input(.submit)))
        // The new title is a draft sent like a comment (EditDraftsTests).
        guard case .sendSteps(let draft, _)? = effects.first else { Issue.record("\(effects)"); return }
        Self.relayout(&s)
        #expect(BrowserScreenTests.render(s, 160, 30).text().contains("Shipped"))
        _ = s.handle(.posted(draftId: draft.id, .failure(WriteFailure("Access to the task denied", status: 403, code: "access_forbidden"))))
        Self.relayout(&s)
        let text = BrowserScreenTests.render(s, 160, 30).text()
        #expect(text.contains("Ship it 🚀🚀🚀"), "rolled back: \(text)")
        #expect(text.contains("“Shipped” was not saved: You do not have the rights to change this task."), "\(text)")
        #expect(text.contains("Title: Shipped"), "the words are back in the input: \(text)")
    }

    /// The edit pickers and the delete question on screen: what they act on in the title, the checks, a
    /// hostile name drawn as text, the hint line's words.
    @Test func theAssignAndMovePickersAndTheDeleteQuestion() throws {
        var s = Self.state()
        s.list.cursor = s.list.rowIndex(ofTask: "T2") ?? 0
        _ = s.update(.taskEdit(.assign))
        var text = BrowserScreenTests.render(s, 160, 30).text()
        #expect(text.contains("Assignees of “设计评审 design review"), "\(text)")
        let rows = text.split(separator: "\n")
        let alex = try #require(rows.first { $0.contains("Alex Morgan") })
        let hanako = try #require(rows.first { $0.contains("] 花子") || $0.contains("] 佐藤") }, "\(text)")
        let mallory = try #require(rows.first { $0.contains("] Mallory") }, "\(text)")
        #expect(alex.contains("] Alex Morgan") && !alex.contains("[ ] Alex"), "checked: \(alex)")
        #expect(!hanako.contains("[ ]") && mallory.contains("[ ]"), "\(hanako) / \(mallory)")
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("add or remove"), "the hint line")
        _ = s.update(.action(.picker(.cancel)))

        s.list.cursor = s.list.rowIndex(ofTask: "T1") ?? 0
        _ = s.update(.action(.toggleMark))
        s.list.cursor = s.list.rowIndex(ofTask: "T3") ?? 0
        _ = s.update(.action(.toggleMark))
        _ = s.update(.taskEdit(.move))
        text = BrowserScreenTests.render(s, 160, 30).text()
        #expect(text.contains("Folders of 2 marked tasks"), "\(text)")
        #expect(text.contains("Launch 🚀 プロジェクト  (project in Engineering"), "\(text)")
        _ = s.update(.action(.picker(.cancel)))

        _ = s.update(.taskEdit(.deleteTask))
        text = BrowserScreenTests.render(s, 160, 30).text()
        #expect(text.contains("Delete task") && text.contains("to Wrike's Recycle Bin?"), "\(text)")
    }
}
