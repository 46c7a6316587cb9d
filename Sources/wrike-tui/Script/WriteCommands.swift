// `wrike-tui comment|status|log|open`: writes for scripts. docs/cli.md.
import ArgumentParser
import Browser
import Foundation
import WrikeAPI

struct CommentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment",
        abstract: "Add a comment to a task: --message TEXT, --file F, or - (stdin). Sent once; a lost answer is checked by reading.")

    @Argument(help: ArgumentHelp("The task's id or permalink.", valueName: "id|permalink"))
    var task: String

    @Argument(help: ArgumentHelp("- reads the comment from stdin.", valueName: "-"))
    var stdin: String?

    @Option(name: [.short, .long], parsing: .unconditional, help: ArgumentHelp("The comment's text (plain text).", valueName: "text"))
    var message: String?

    @Option(help: ArgumentHelp("Read the comment's text from a file.", valueName: "file"))
    var file: String?

    @OptionGroup var options: ScriptOptions

    func validate() throws {
        if let stdin, stdin != "-" { throw ValidationError("unexpected argument '\(stdin)' (give - to read stdin)") }
        let sources = [message != nil, file != nil, stdin != nil].filter { $0 }.count
        if sources != 1 { throw ValidationError("give the text once: --message TEXT, --file F, or - for stdin") }
    }

    func text() throws -> String {
        if let message { return message }
        let data: Data
        if let file {
            guard let d = FileManager.default.contents(atPath: file) else { throw ScriptFailure.usage("cannot read \(file)") }
            data = d
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        return String(decoding: data, as: UTF8.self)
    }

    func run() async throws {
        try await ScriptSession.run(options) { s in
            let text = try text().trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw ScriptFailure.usage("the comment is empty") }
            let client = s.client
            let id = try await ScriptLookup.taskId(task, client: client)
            let me = try await client.me().id
            let known = Set(try await client.comments(task: id, use: .refresh).map(\.id))
            let result = try await ScriptSend.once(kind: .comment, post: {
                try await client.addComment(task: id, CommentParams(text: text, plainText: true)).id
            }, reread: { sentAt in
                let comments = try await client.comments(task: id, use: .refresh)
                return OutcomeResolver.findComment(in: comments, text: text, me: me, sentAt: sentAt,
                                                   serverTextIsHTML: true, excluding: known)?.id
            })
            s.logger.info("script comment: task=\(id) comment=\(result.entityId) foundByReading=\(result.foundByReading)")
            try s.report(WriteResult(id: result.entityId, taskId: id, foundByReading: result.foundByReading),
                         text: "Comment \(result.entityId) added to \(id)" + (result.foundByReading ? " (the answer was lost; found by reading)." : "."),
                         plain: [result.entityId])
        }
    }
}

/// What `comment` and `log` print with `--json`.
struct WriteResult: Codable {
    var id: String
    var taskId: String
    /// The answer was lost and a re-read found the entry (it was sent once).
    var foundByReading: Bool
}

extension ScriptSession {
    /// Prints `value` as JSON, `text` on a terminal, or the `plain` cells tab-separated.
    func report<T: Encodable>(_ value: T, text: String, plain: [String]) throws {
        switch format {
        case .json: ScriptOutput.out(try ScriptOutput.json(value))
        case .table: ScriptOutput.out(ScriptTable.cell(text))
        case .plain: ScriptOutput.out(ScriptTable(headers: [], rows: [plain]).render(.plain, color: false))
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Set a task's status: a status name of its workflow (\"In Progress\"), or a group (Completed).")

    @Argument(help: ArgumentHelp("The task's id or permalink.", valueName: "id|permalink"))
    var task: String

    @Argument(help: ArgumentHelp("The status name.", valueName: "name"))
    var name: String

    @OptionGroup var options: ScriptOptions

    func run() async throws {
        try await ScriptSession.run(options) { s in
            let id = try await ScriptLookup.taskId(task, client: s.client)
            let current = try await s.client.task(id, use: .refresh)
            let workflows = try await s.client.workflows()
            let update: TaskUpdate
            if let custom = try? ScriptLookup.statusId(name, for: current, workflows: workflows) {
                update = TaskUpdate(customStatus: custom.id)
            } else if let group = TaskStatus.known.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) {
                update = TaskUpdate(status: group)
            } else {
                _ = try ScriptLookup.statusId(name, for: current, workflows: workflows)
                return
            }
            // A PUT of a status is idempotent: the client may retry it.
            let updated = try await s.client.updateTask(id, update)
            let names = try await ScriptNames.load(s.client, people: updated.responsibleIds ?? [])
            let item = TaskItem(updated, names: names)
            try s.report(item, text: "\(item.id): \(item.status)", plain: item.row)
        }
    }
}

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log time on a task (1.5, 1h30m, 90m). Sent once; a lost answer is checked by reading.")

    @Argument(help: ArgumentHelp("The task's id or permalink.", valueName: "id|permalink"))
    var task: String

    @Argument(help: ArgumentHelp("Hours: 1.5, 1h30m, 90m, 1:30 (more than 0, at most 24).", valueName: "hours"))
    var hours: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The day: today (default), yesterday, -2, 2026-11-20.", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("A time-log category, by name or id.", valueName: "category"))
    var category: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A comment on the entry.", valueName: "text"))
    var comment: String?

    @OptionGroup var options: ScriptOptions

    func validate() throws {
        guard let h = TimeInput.parseHours(hours), h > 0, h <= 24 else {
            throw ValidationError("hours must be more than 0 and at most 24 (1.5, 1h30m, 90m)")
        }
        if let date, TimeInput.parseDate(date, today: Date(), calendar: .current) == nil { throw ValidationError("--date: cannot read '\(date)' (today, yesterday, -2, 2026-11-20)") }
    }

    func run() async throws {
        try await ScriptSession.run(options) { s in
            let client = s.client
            guard let h = TimeInput.parseHours(hours), let day = TimeInput.parseDate(date ?? "today", today: Date(), calendar: .current) else {
                throw ScriptFailure.usage("cannot read the hours or the date")
            }
            let id = try await ScriptLookup.taskId(task, client: client)
            var chosen: String?
            if let category {
                let all = try await client.timelogCategories()
                guard let c = all.first(where: { $0.id == category || $0.name.caseInsensitiveCompare(category) == .orderedSame }) else {
                    throw ScriptFailure.usage("no time-log category '\(category)' (known: \(all.map(\.name).joined(separator: ", ")))")
                }
                chosen = c.id
            }
            let categoryId = chosen
            let text = comment ?? ""
            let fields = Draft.TimelogFields(hours: h, trackedDate: day, categoryId: categoryId)
            let me = try await client.me().id
            let known = Set(try await client.timelogs(task: id, use: .refresh).map(\.id))
            let result = try await ScriptSend.once(kind: .timelog, post: {
                try await client.logTime(task: id, TimelogCreate(hours: h, trackedDate: day, comment: text, categoryId: categoryId,
                                                                 plainText: true)).id
            }, reread: { sentAt in
                let logs = try await client.timelogs(task: id, use: .refresh)
                return OutcomeResolver.findTimelog(in: logs, fields: fields, comment: text, me: me, sentAt: sentAt,
                                                   serverTextIsHTML: true, excluding: known)?.id
            })
            s.logger.info("script log: task=\(id) timelog=\(result.entityId) foundByReading=\(result.foundByReading)")
            try s.report(WriteResult(id: result.entityId, taskId: id, foundByReading: result.foundByReading),
                         text: "Logged \(hours) on \(day) to \(id) (\(result.entityId))"
                            + (result.foundByReading ? "; the answer was lost, found by reading." : "."),
                         plain: [result.entityId])
        }
    }
}

struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a task in the browser ($BROWSER), or print its permalink when there is no display.")

    @Argument(help: ArgumentHelp("The task's id or permalink.", valueName: "id|permalink"))
    var task: String

    @OptionGroup var options: ScriptOptions

    func run() async throws {
        try await ScriptSession.run(options) { s in
            let id = try await ScriptLookup.taskId(task, client: s.client)
            guard let link = try await s.client.task(id).permalink, !link.isEmpty else {
                throw ScriptFailure(exit: .refused, message: "Wrike gave no permalink for \(id).")
            }
            let opened = BrowserLauncher.open(link, environment: s.environment)
            try s.report(OpenResult(permalink: link, opened: opened), text: link, plain: [link])
        }
    }
}

struct OpenResult: Codable {
    var permalink: String
    /// A browser was started ($BROWSER, or xdg-open with a display).
    var opened: Bool
}
