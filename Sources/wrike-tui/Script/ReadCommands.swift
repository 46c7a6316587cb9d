// `wrike-tui tasks` and `wrike-tui task`: reads for scripts. docs/cli.md.
import ArgumentParser
import Browser
import Foundation
import WrikeAPI

struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "List tasks (all of the account, a folder's, mine), as a table, --plain or --json.")

    @Flag(help: "Only tasks assigned to me.")
    var me = false

    @Option(help: ArgumentHelp("A folder or project: its id, or its path of titles (Space/Folder/Project).", valueName: "path|id"))
    var folder: String?

    @Option(help: ArgumentHelp("A status name of a workflow (\"In Progress\"), or a group: Active, Completed, Deferred, Cancelled.",
                               valueName: "name|group"))
    var status: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Only tasks whose title contains this text.", valueName: "text"))
    var search: String?

    @Option(help: ArgumentHelp("At most this many tasks.", valueName: "n"))
    var limit: Int?

    @OptionGroup var options: ScriptOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        try await ScriptSession.run(options) { s in
            var query = TaskQuery(title: search, fields: ["responsibleIds"], limit: limit)
            if me { query.responsibles = [try await s.client.me().id] }
            if let status {
                let workflows = try await s.client.workflows()
                switch try ScriptLookup.statusFilter(status, workflows: workflows) {
                case .group(let g): query.status = [g]
                case .custom(let ids): query.customStatuses = ids
                }
            }
            var scope = TaskScope.account
            if let folder { scope = .folder(try ScriptLookup.folderId(folder, tree: try await s.client.folderTree())) }
            var tasks = try await s.client.tasks(in: scope, query: query)
            if let limit { tasks = Array(tasks.prefix(limit)) }
            let names = try await ScriptNames.load(s.client, people: tasks.flatMap { $0.responsibleIds ?? [] })
            let items = tasks.map { TaskItem($0, names: names) }
            if s.format == .json { return ScriptOutput.out(try ScriptOutput.json(items)) }
            ScriptOutput.out(ScriptTable(headers: TaskItem.headers, rows: items.map(\.row)).render(s.format, color: s.color))
        }
    }
}

struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Show a task: fields, description as text, dependencies and comments.")

    @Argument(help: ArgumentHelp("The task's id, or its permalink (https://www.wrike.com/open.htm?id=N).", valueName: "id|permalink"))
    var task: String

    @OptionGroup var options: ScriptOptions

    func run() async throws {
        try await ScriptSession.run(options) { s in
            let id = try await ScriptLookup.taskId(task, client: s.client)
            let t = try await s.client.task(id)
            let comments = try await s.client.comments(task: id, plainText: true)
            let deps = try await s.client.dependencies(task: id)
            let names = try await ScriptNames.load(s.client, people: (t.responsibleIds ?? []) + comments.compactMap(\.authorId))
            let detail = TaskDetail(
                task: TaskItem(t, names: names), description: HTMLText.toText(t.description ?? ""), createdDate: t.createdDate,
                parentIds: t.parentIds ?? [],
                comments: comments.map { c in
                    TaskDetail.CommentItem(id: c.id, authorId: c.authorId, author: c.authorId.map(names.person) ?? "",
                                           createdDate: c.createdDate, text: c.text)
                },
                dependencies: deps.map { d in
                    let before = d.successorId == id
                    return TaskDetail.DependencyItem(id: d.id, predecessorId: d.predecessorId, successorId: d.successorId,
                                                     relationType: d.relationType.rawValue,
                                                     otherTaskId: before ? d.predecessorId : d.successorId,
                                                     side: before ? "predecessor" : "successor")
                })
            switch s.format {
            case .json: ScriptOutput.out(try ScriptOutput.json(detail))
            case .table: ScriptOutput.out(detail.text())
            case .plain: ScriptOutput.out(ScriptTable(headers: [], rows: detail.plainRows()).render(.plain, color: false))
            }
        }
    }
}
