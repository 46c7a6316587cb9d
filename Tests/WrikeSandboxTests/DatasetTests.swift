import Foundation
import Testing
import TestSupport
import WrikeAPI
@testable import WrikeSandbox

@Suite(.offPool) struct DatasetTests {
    func tempFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wsb-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func missingArraysAreEmptyAndAccountMayBeAnArray() throws {
        let url = try tempFile(#"{"account":[{"id":"ACC1","name":"X"}],"me":"U1","contacts":[{"id":"U1","firstName":"A"}]}"#)
        defer { try? FileManager.default.removeItem(at: url) }
        let d = try Dataset.load(contentsOf: url)
        #expect(d.account?.id == "ACC1")
        #expect(d.me == "U1")
        #expect(d.tasks.isEmpty && d.folders.isEmpty && d.comments.isEmpty && d.customFields.isEmpty)
        let object = try Dataset.decode(Data(#"{"account":{"id":"ACC2"}}"#.utf8))
        #expect(object.account?.id == "ACC2")
    }

    @Test func malformedFileNamesFileAndPath() throws {
        let url = try tempFile(#"{"tasks":[{"id":"T1","title":"ok"},{"id":"T2","title":42}]}"#)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Dataset.load(contentsOf: url)
            Issue.record("expected an error")
        } catch let error as DatasetError {
            #expect(error.file == url.path)
            #expect(error.path == "tasks[1].title")
            #expect(error.description.contains(url.lastPathComponent))
            #expect(error.description.contains("tasks[1].title"))
        }
        let missingKey = #expect(throws: DatasetError.self) { try Dataset.decode(Data(#"{"folders":[{"title":"no id"}]}"#.utf8), file: "f.json") }
        #expect(missingKey?.path == "folders[0].id")
        let badJSON = #expect(throws: DatasetError.self) { try Dataset.decode(Data(#"{"tasks": [ }"#.utf8), file: "bad.json") }
        #expect(badJSON?.message.contains("not valid JSON") == true)
        let dup = #expect(throws: DatasetError.self) { try Dataset.decode(Data(#"{"tasks":[{"id":"A","title":"a"},{"id":"A","title":"b"}]}"#.utf8)) }
        #expect(dup?.path == "tasks[1].id")
        let unreadable = #expect(throws: DatasetError.self) { try Dataset.load(contentsOf: URL(fileURLWithPath: "/nonexistent/x.json")) }
        #expect(unreadable?.file == "/nonexistent/x.json")
    }

    @Test func datasetRoundTrips() throws {
        let demo = DemoDataset.make(now: fixedNow)
        let again = try Dataset.decode(try demo.encoded())
        #expect(again.tasks == demo.tasks)
        #expect(again.folders == demo.folders)
        #expect(again.account == demo.account)
        #expect(again.approvals == demo.approvals)
    }

    @Test func demoDatasetIsBelievable() throws {
        let d = DemoDataset.make(now: fixedNow)
        #expect(d.spaces.map(\.title) == ["Engineering", "Marketing", "Operations"])
        #expect(d.folders.count >= 30)
        #expect(d.folders.filter { $0.project != nil }.count >= 15)
        #expect(d.folders.contains { ($0.parentIds ?? []).count == 2 })
        #expect(d.folders.contains { $0.scope == .rbFolder })
        // Three levels below a space: space > Platform > API v5 Migration > Sprint 14.
        let byId = Dictionary(uniqueKeysWithValues: d.folders.map { ($0.id, $0) })
        let sprint = try #require(d.folders.first { $0.title == "Sprint 14" })
        let project = try #require(byId[sprint.parentIds?.first ?? ""])
        let platform = try #require(byId[project.parentIds?.first ?? ""])
        #expect(d.spaces.contains { $0.id == platform.parentIds?.first })
        #expect(d.tasks.count >= 300)
        #expect(d.tasks.filter { !($0.superTaskIds ?? []).isEmpty }.count >= 30)
        #expect(d.workflows.count == 2)
        for wf in d.workflows {
            #expect((wf.customStatuses ?? []).count >= 6)
            #expect(wf.customStatuses?.contains { $0.hidden == true } == true)
        }
        let people = d.contacts.filter { $0.type == .person }
        #expect(people.count >= 12)
        #expect(people.contains { $0.displayName == "花子 佐藤" })
        #expect(people.contains { $0.displayName == "José Álvarez" })
        #expect(people.contains { $0.displayName == "Zoë Müller" })
        let me = try #require(d.me)
        #expect(d.comments.count >= 50)
        #expect(d.comments.contains { $0.text.contains("<a class=\"stream-user-id avatar\" rel=\"") })
        #expect(d.tasks.contains { ($0.description ?? "").contains("<ul>") })
        #expect(d.timelogs.count >= 30)
        #expect(d.timelogCategories.count >= 4)
        #expect(d.dependencies.count >= 20)
        let taskById = Dictionary(uniqueKeysWithValues: d.tasks.map { ($0.id, $0) })
        for dep in d.dependencies {
            #expect(taskById[dep.predecessorId]?.dependencyIds?.contains(dep.id) == true)
            #expect(taskById[dep.successorId]?.dependencyIds?.contains(dep.id) == true)
            #expect(taskById[dep.predecessorId]?.dates?.type != .backlog)
        }
        #expect(d.approvals.contains { $0.status == .pending && $0.decisions?.contains { $0.approverId == me && $0.status == .pending } == true })
        #expect(d.approvals.contains { $0.status == .approved })
        #expect(d.approvals.contains { $0.status == .rejected })
        #expect(d.attachments.count >= 20)
        #expect(d.customFields.count >= 4)
        // Some active tasks are overdue relative to "now".
        let today = WrikeDate.formatDate(fixedNow)
        #expect(d.tasks.filter { $0.status == .active && ($0.dates?.due.map { String($0.prefix(10)) < today } ?? false) }.count >= 10)
        // Deterministic.
        #expect(try DemoDataset.make(now: fixedNow).encoded() == d.encoded())
    }

    @Test func generatorIsDeterministicAndSized() throws {
        let a = DatasetGenerator.generate(tasks: 2_000, folders: 40, seed: 7)
        let b = DatasetGenerator.generate(tasks: 2_000, folders: 40, seed: 7)
        let c = DatasetGenerator.generate(tasks: 2_000, folders: 40, seed: 8)
        #expect(a.tasks.count == 2_000)
        #expect(a.folders.count == 40)
        #expect(try a.encoded() == b.encoded())
        #expect(try a.encoded() != c.encoded())
        #expect(a.tasks.contains { !($0.superTaskIds ?? []).isEmpty })
        #expect(a.folders.contains { ($0.parentIds ?? []).count == 2 })
        #expect(!a.dependencies.isEmpty && !a.comments.isEmpty && !a.timelogs.isEmpty)
        try Dataset.decode(try a.encoded()).validate()
        let empty = DatasetGenerator.generate(tasks: 0, seed: 1)
        #expect(empty.tasks.isEmpty)
    }
}
