import Foundation
import WrikeAPI

/// Everything the sandbox serves: one JSON object whose arrays hold Wrike objects exactly as the
/// API returns them (full models). Missing arrays mean empty. See docs/sandbox.md.
///
/// `account` is documented as one object; an array of accounts (as `GET /account` returns it) is
/// also accepted and its first element used. `me` is the contact id of the token's user; when
/// absent, the first contact with `"me": true`, else the first `Person`, is used.
public struct Dataset: Codable, Sendable {
    public var account: Account?
    public var me: String?
    public var contacts: [Contact]
    public var workflows: [Workflow]
    public var spaces: [Space]
    public var folders: [Folder]
    public var tasks: [WrikeTask]
    public var comments: [Comment]
    public var timelogs: [Timelog]
    public var timelogCategories: [TimelogCategory]
    public var dependencies: [Dependency]
    public var approvals: [Approval]
    public var attachments: [Attachment]
    public var customFields: [CustomField]
    /// `GET /workschedules` (seed 003's shape; none: the account has no schedule the app can use).
    public var workSchedules: [WorkSchedule]
    /// Time entries tracked on or before this day (`yyyy-MM-dd`) are locked: writes to them are refused.
    public var timelogsLockedThrough: String?

    public init(
        account: Account? = nil,
        me: String? = nil,
        contacts: [Contact] = [],
        workflows: [Workflow] = [],
        spaces: [Space] = [],
        folders: [Folder] = [],
        tasks: [WrikeTask] = [],
        comments: [Comment] = [],
        timelogs: [Timelog] = [],
        timelogCategories: [TimelogCategory] = [],
        dependencies: [Dependency] = [],
        approvals: [Approval] = [],
        attachments: [Attachment] = [],
        customFields: [CustomField] = [],
        workSchedules: [WorkSchedule] = [],
        timelogsLockedThrough: String? = nil
    ) {
        self.workSchedules = workSchedules
        self.timelogsLockedThrough = timelogsLockedThrough
        self.account = account
        self.me = me
        self.contacts = contacts
        self.workflows = workflows
        self.spaces = spaces
        self.folders = folders
        self.tasks = tasks
        self.comments = comments
        self.timelogs = timelogs
        self.timelogCategories = timelogCategories
        self.dependencies = dependencies
        self.approvals = approvals
        self.attachments = attachments
        self.customFields = customFields
    }

    enum CodingKeys: String, CodingKey {
        case account, me, contacts, workflows, spaces, folders, tasks, comments, timelogs, timelogCategories,
             dependencies, approvals, attachments, customFields, workSchedules, timelogsLockedThrough
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.account), try !c.decodeNil(forKey: .account) {
            if let list = try? c.decode([Account].self, forKey: .account) {
                account = list.first
            } else {
                account = try c.decode(Account.self, forKey: .account)
            }
        } else {
            account = nil
        }
        me = try c.decodeIfPresent(String.self, forKey: .me)
        contacts = try c.decodeIfPresent([Contact].self, forKey: .contacts) ?? []
        workflows = try c.decodeIfPresent([Workflow].self, forKey: .workflows) ?? []
        spaces = try c.decodeIfPresent([Space].self, forKey: .spaces) ?? []
        folders = try c.decodeIfPresent([Folder].self, forKey: .folders) ?? []
        tasks = try c.decodeIfPresent([WrikeTask].self, forKey: .tasks) ?? []
        comments = try c.decodeIfPresent([Comment].self, forKey: .comments) ?? []
        timelogs = try c.decodeIfPresent([Timelog].self, forKey: .timelogs) ?? []
        timelogCategories = try c.decodeIfPresent([TimelogCategory].self, forKey: .timelogCategories) ?? []
        dependencies = try c.decodeIfPresent([Dependency].self, forKey: .dependencies) ?? []
        approvals = try c.decodeIfPresent([Approval].self, forKey: .approvals) ?? []
        attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? []
        customFields = try c.decodeIfPresent([CustomField].self, forKey: .customFields) ?? []
        workSchedules = try c.decodeIfPresent([WorkSchedule].self, forKey: .workSchedules) ?? []
        timelogsLockedThrough = try c.decodeIfPresent(String.self, forKey: .timelogsLockedThrough)
    }

    /// Reads a dataset file. Errors are `DatasetError`s naming the file and the JSON path.
    public static func load(contentsOf url: URL) throws -> Dataset {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DatasetError(file: url.path, path: "", message: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, file: url.path)
    }

    /// Decodes a dataset from JSON bytes; `file` names the source in errors.
    public static func decode(_ data: Data, file: String = "<data>") throws -> Dataset {
        let dataset: Dataset
        do {
            dataset = try JSONDecoder().decode(Dataset.self, from: data)
        } catch let error as DecodingError {
            throw DatasetError(file: file, decodingError: error)
        } catch {
            throw DatasetError(file: file, path: "", message: "\(error)")
        }
        try dataset.validate(file: file)
        return dataset
    }

    /// JSON for a dataset file (compact unless `pretty`).
    public func encoded(pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] : [.withoutEscapingSlashes, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The spaces a task sits in, through its folders (and its parent task's, for a subtask).
    public func spaces(of task: WrikeTask) -> Set<String> {
        let spaceIds = Set(spaces.map(\.id))
        var parents: [String: [String]] = [:]
        for f in folders { parents[f.id] = f.parentIds ?? [] }
        var out: Set<String> = [], seen: Set<String> = []
        var todo = (task.parentIds ?? []) + (task.superParentIds ?? [])
        while let id = todo.popLast() {
            guard seen.insert(id).inserted else { continue }
            if spaceIds.contains(id) { out.insert(id) } else { todo += parents[id] ?? [] }
        }
        return out
    }

    /// Checks what decoding cannot: duplicate ids and an unknown `me`.
    public func validate(file: String = "<data>") throws {
        func unique(_ ids: [String], _ name: String) throws {
            var seen = Set<String>()
            seen.reserveCapacity(ids.count)
            for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
                throw DatasetError(file: file, path: "\(name)[\(i)].id", message: "duplicate id \"\(id)\"")
            }
        }
        try unique(contacts.map(\.id), "contacts")
        try unique(workflows.map(\.id), "workflows")
        try unique(spaces.map(\.id), "spaces")
        try unique(folders.map(\.id), "folders")
        try unique(tasks.map(\.id), "tasks")
        try unique(comments.map(\.id), "comments")
        try unique(timelogs.map(\.id), "timelogs")
        try unique(dependencies.map(\.id), "dependencies")
        try unique(approvals.map(\.id), "approvals")
        try unique(attachments.map(\.id), "attachments")
        if let me, !contacts.isEmpty, !contacts.contains(where: { $0.id == me }) {
            throw DatasetError(file: file, path: "me", message: "no contact has id \"\(me)\"")
        }
    }
}

/// A dataset file that cannot be used: which file, where in it (a JSON path such as
/// `tasks[12].dates.type`), and what is wrong.
public struct DatasetError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public var file: String
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    init(file: String, decodingError: DecodingError) {
        self.file = file
        switch decodingError {
        case .typeMismatch(let type, let context):
            path = Self.render(context.codingPath)
            message = "expected \(Self.typeName(type)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            path = Self.render(context.codingPath)
            message = "missing value, expected \(Self.typeName(type))"
        case .keyNotFound(let key, let context):
            path = Self.render(context.codingPath + [key])
            message = "required key \"\(key.stringValue)\" is missing"
        case .dataCorrupted(let context):
            path = Self.render(context.codingPath)
            if let underlying = context.underlyingError {
                message = "not valid JSON: \((underlying as NSError).debugDescription)"
            } else {
                message = context.debugDescription
            }
        @unknown default:
            path = ""
            message = "\(decodingError)"
        }
    }

    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): at \(path): \(message)"
    }

    public var errorDescription: String? { description }

    static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "a boolean"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}
