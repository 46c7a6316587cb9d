// The values the scripting commands print, with their `--json` keys (documented in docs/cli.md; the keys
// are a contract: add, never rename). Server text is kept as it came in JSON and sanitized in tables.
import Browser
import Foundation
import TermText
import WrikeAPI

/// Names behind ids: people and custom statuses.
struct ScriptNames {
    var people: [String: String] = [:]
    var statuses: [String: CustomStatus] = [:]

    static func load(_ client: WrikeClient, people ids: [String]) async throws -> ScriptNames {
        var names = ScriptNames()
        for w in try await client.workflows() { for s in w.customStatuses ?? [] { names.statuses[s.id] = s } }
        let unique = Array(Set(ids)).sorted()
        if !unique.isEmpty {
            for c in try await client.contacts(ids: unique) {
                names.people[c.id] = [c.firstName, c.lastName].compactMap { $0 }.joined(separator: " ")
            }
        }
        return names
    }

    func person(_ id: String) -> String { people[id].flatMap { $0.isEmpty ? nil : $0 } ?? id }
}

/// A task as a row (`tasks`, `status`) and the head of `task`.
struct TaskItem: Codable {
    var id: String
    var title: String
    /// The custom status name (or the group when the workflow is unknown).
    var status: String
    /// Active, Completed, Deferred or Cancelled.
    var statusGroup: String
    var customStatusId: String?
    var importance: String?
    var assigneeIds: [String]
    var assignees: [String]
    var startDate: String?
    var dueDate: String?
    var permalink: String?
    var updatedDate: String?

    init(_ t: WrikeTask, names: ScriptNames) {
        id = t.id
        title = t.title
        let custom = t.customStatusId.flatMap { names.statuses[$0] }
        statusGroup = custom?.group?.rawValue ?? t.status?.rawValue ?? ""
        status = custom?.name ?? statusGroup
        customStatusId = t.customStatusId
        importance = t.importance?.rawValue
        assigneeIds = t.responsibleIds ?? []
        assignees = assigneeIds.map(names.person)
        startDate = t.dates?.start
        dueDate = t.dates?.due
        permalink = t.permalink
        updatedDate = t.updatedDate
    }

    static let headers = ["ID", "STATUS", "DUE", "ASSIGNEES", "TITLE"]
    var row: [String] { [id, status, Self.day(dueDate), assignees.joined(separator: ", "), title] }

    static func day(_ s: String?) -> String { s.map { String($0.prefix(10)) } ?? "" }
}

/// `task ID`: the detail.
struct TaskDetail: Codable {
    struct CommentItem: Codable {
        var id: String
        var authorId: String?
        var author: String
        var createdDate: String?
        /// Plain text (Wrike's HTML converted).
        var text: String
    }

    struct DependencyItem: Codable {
        var id: String
        var predecessorId: String
        var successorId: String
        var relationType: String
        /// The task on the other side, and whether it comes before this one (`predecessor`) or after (`successor`).
        var otherTaskId: String
        var side: String
    }

    var task: TaskItem
    var description: String
    var createdDate: String?
    var parentIds: [String]
    var comments: [CommentItem]
    var dependencies: [DependencyItem]

    /// Human-readable text: fields, description, dependencies, comments (server text sanitized).
    func text() -> String {
        let c = ScriptTable.cell
        var out = "\(c(task.title))\n"
        let fields: [(String, String)] = [("ID", task.id), ("Status", task.status), ("Importance", task.importance ?? ""),
                                          ("Assignees", task.assignees.joined(separator: ", ")),
                                          ("Start", TaskItem.day(task.startDate)), ("Due", TaskItem.day(task.dueDate)),
                                          ("Link", task.permalink ?? "")]
        for (k, v) in fields where !v.isEmpty { out += "\(k): \(c(v))\n" }
        if !description.isEmpty { out += "\n" + Sanitizer.clean(description) + "\n" }
        if !dependencies.isEmpty {
            out += "\nDependencies:\n"
            for d in dependencies { out += "  \(d.side == "predecessor" ? "after" : "before") \(c(d.otherTaskId)) (\(c(d.relationType)))\n" }
        }
        if !comments.isEmpty {
            out += "\nComments:\n"
            for m in comments { out += "  \(c(m.author)), \(c(m.createdDate ?? "")):\n    " + Sanitizer.clean(m.text).replacingOccurrences(of: "\n", with: "\n    ") + "\n" }
        }
        return out
    }

    /// `--plain`: one `key<TAB>value…` line per field, dependency and comment (text on one line).
    func plainRows() -> [[String]] {
        var rows: [[String]] = [["id", task.id], ["title", task.title], ["status", task.status],
                                ["statusGroup", task.statusGroup], ["importance", task.importance ?? ""],
                                ["assignees", task.assignees.joined(separator: ", ")], ["startDate", task.startDate ?? ""],
                                ["dueDate", task.dueDate ?? ""], ["permalink", task.permalink ?? ""], ["description", description]]
        rows += dependencies.map { ["dependency", $0.id, $0.side, $0.otherTaskId, $0.relationType] }
        rows += comments.map { ["comment", $0.id, $0.author, $0.createdDate ?? "", $0.text] }
        return rows
    }
}
