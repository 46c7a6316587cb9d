import Foundation

/// Cacheable reads, as values: pass them to `WrikeClient.read(_:)` or
/// `WrikeClient.readRevalidating(_:)` (stale-while-revalidate). The typed methods on
/// `WrikeClient` (`folderTree()`, `tasks(in:query:)`, …) are shorthands for `read(Endpoints.…)`. Each is
/// built on one of `Endpoints.Request` (Endpoints+Requests.swift), where every path and query is made.
public enum Endpoints {
    /// Tags that writes use to find cached entries.
    public enum Tag {
        public static func task(_ id: String) -> String { "task:\(id)" }
        public static func taskDetail(_ id: String) -> String { "taskDetail:\(id)" }
        public static func comments(_ taskId: String) -> String { "comments:\(taskId)" }
        public static func timelogs(_ taskId: String) -> String { "timelogs:\(taskId)" }
        public static func dependencies(_ taskId: String) -> String { "dependencies:\(taskId)" }
        public static func approvals(_ taskId: String) -> String { "approvals:\(taskId)" }
        /// Every folder-wide time-log listing (`/folders/{id}/timelogs`): a new time log on any task drops them.
        public static let folderTimelogs = "timelogs:folders"
        public static let taskList = "taskList"
    }

    /// One GET whose envelope `data` is the value.
    public static func list<Item: Decodable & Sendable>(
        _ request: HTTPRequest, kind: CacheKind, tags: @escaping @Sendable ([Item]) -> Set<String> = { _ in [] }
    ) -> Endpoint<[Item]> {
        Endpoint(key: Endpoint<[Item]>.cacheKey(request.path, request.query), kind: kind) { client, priority in
            let page = try await client.envelope(request, as: Item.self, priority: priority)
            return Loaded(page.data, bytes: page.bytes, tags: tags(page.data))
        }
    }

    /// Every page of a paged GET, concatenated.
    public static func allPages<Item: Decodable & Sendable>(
        _ request: HTTPRequest, pageSize: Int?, kind: CacheKind,
        tags: @escaping @Sendable ([Item]) -> Set<String> = { _ in [] }
    ) -> Endpoint<[Item]> {
        var keyQuery = request.query
        if let pageSize { keyQuery.append(QueryItem("pageSize", String(pageSize))) }
        return Endpoint(key: Endpoint<[Item]>.cacheKey(request.path, keyQuery), kind: kind) { client, priority in
            let loaded = try await client.allPages(request, pageSize: pageSize, as: Item.self, priority: priority)
            return Loaded(loaded.value, bytes: loaded.bytes, tags: tags(loaded.value))
        }
    }

    static func taskTags(_ tasks: [WrikeTask]) -> Set<String> {
        var s: Set<String> = [Tag.taskList]
        for t in tasks { s.insert(Tag.task(t.id)) }
        return s
    }

    // MARK: account, people, workflows

    public static func account() -> Endpoint<[Account]> { list(Request.account, kind: .account) }

    /// `GET /contacts?me=true`.
    public static func me() -> Endpoint<[Contact]> { list(Request.me, kind: .contacts) }

    public static func contacts(fields: [String]? = nil) -> Endpoint<[Contact]> {
        list(Request.contacts(fields: fields), kind: .contacts)
    }

    public static func workflows() -> Endpoint<[Workflow]> { list(Request.workflows, kind: .workflows) }

    public static func workflows(space spaceId: String) -> Endpoint<[Workflow]> {
        list(Request.workflows(space: spaceId), kind: .workflows)
    }

    public static func customFields() -> Endpoint<[CustomField]> { list(Request.customFields, kind: .customFields) }

    public static func customFields(space spaceId: String) -> Endpoint<[CustomField]> {
        list(Request.customFields(space: spaceId), kind: .customFields)
    }

    public static func timelogCategories() -> Endpoint<[TimelogCategory]> {
        list(Request.timelogCategories, kind: .timelogCategories)
    }

    // MARK: spaces and folders

    public static func spaces(withArchived: Bool? = nil, fields: [String]? = nil) -> Endpoint<[Space]> {
        list(Request.spaces(withArchived: withArchived, fields: fields), kind: .spaces)
    }

    public static func space(_ id: String) -> Endpoint<[Space]> { list(Request.space(id), kind: .spaces) }

    /// `GET /folders` (the whole account), `/spaces/{id}/folders` or `/folders/{id}/folders` in
    /// tree mode: flat entries with `childIds` (Root and Recycle Bin included account-wide).
    public static func folderTree(space spaceId: String? = nil, folder folderId: String? = nil) -> Endpoint<[FolderTreeEntry]> {
        list(Request.folderTree(space: spaceId, folder: folderId), kind: .folderTree)
    }

    // MARK: tasks

    /// Every task of a list, all pages, with `query` resent on every page.
    public static func tasks(in scope: TaskScope, query: TaskQuery = TaskQuery(), pageSize: Int? = nil) -> Endpoint<[WrikeTask]> {
        allPages(Request.tasks(in: scope, query: query), pageSize: query.pageSize ?? pageSize, kind: .taskList,
                 tags: taskTags)
    }

    /// One task, full model. Shares its cache entry with `WrikeClient.tasks(ids:)`.
    public static func task(_ id: String, fields: [String]? = nil) -> Endpoint<[WrikeTask]> {
        list(Request.tasks(ids: id, fields: fields), kind: .task) { tasks in
            Set(tasks.flatMap { [Tag.task($0.id), Tag.taskDetail($0.id)] })
        }
    }

    public static func comments(task taskId: String, plainText: Bool? = nil) -> Endpoint<[Comment]> {
        list(Request.comments(task: taskId, plainText: plainText), kind: .comments) { _ in [Tag.comments(taskId)] }
    }

    public static func timelogs(task taskId: String) -> Endpoint<[Timelog]> {
        list(Request.timelogs(task: taskId), kind: .timelogs) { _ in [Tag.timelogs(taskId)] }
    }

    /// `GET /folders/{id}/timelogs` with `descendants=true&subTasks=true` (Wrike's defaults, sent
    /// explicitly): the time logs of every task in the folder's subtree and of their subtasks, in one
    /// request (no `pageSize`: Wrike then returns them all).
    public static func timelogs(folder folderId: String) -> Endpoint<[Timelog]> {
        list(Request.timelogs(folder: folderId), kind: .timelogs) { logs in
            var tags: Set<String> = [Tag.folderTimelogs]
            for l in logs { if let t = l.taskId { tags.insert(Tag.timelogs(t)) } }
            return tags
        }
    }

    /// One dependency by id. Shares its cache entry with `WrikeClient.dependencies(ids:)`.
    public static func dependency(_ id: String) -> Endpoint<[Dependency]> {
        list(Request.dependencies(ids: id), kind: .dependencies) { deps in
            Set(deps.flatMap { [Tag.dependencies($0.predecessorId), Tag.dependencies($0.successorId)] })
        }
    }

    public static func dependencies(task taskId: String) -> Endpoint<[Dependency]> {
        list(Request.dependencies(task: taskId), kind: .dependencies) { _ in [Tag.dependencies(taskId)] }
    }

    public static func approvals(task taskId: String) -> Endpoint<[Approval]> {
        list(Request.approvals(task: taskId), kind: .approvals) { _ in [Tag.approvals(taskId)] }
    }

    public static func approvals(folder folderId: String) -> Endpoint<[Approval]> {
        list(Request.approvals(folder: folderId), kind: .approvals)
    }

    /// Account-wide approvals (all pages).
    public static func approvals(_ query: ApprovalQuery, pageSize: Int? = nil) -> Endpoint<[Approval]> {
        allPages(Request.approvals(query), pageSize: pageSize, kind: .approvals)
    }

    public static func attachments(task taskId: String, withUrls: Bool? = nil) -> Endpoint<[Attachment]> {
        list(Request.attachments(task: taskId, withUrls: withUrls), kind: .attachments)
    }
}
