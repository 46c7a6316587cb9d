import Foundation

extension Endpoints {
    /// Every request the app sends to Wrike API v4, as values: method, path under the API root and
    /// query. The cached reads (`Endpoints.account()`, …) are built on these; writes add their body;
    /// the sign-in check (`AccountCheck`) and `TransportService` send them as they are.
    public enum Request {
        static func fetch(_ path: String, _ query: [QueryItem] = []) -> HTTPRequest {
            HTTPRequest(method: .get, path: path, query: query)
        }

        static func fields(_ fields: [String]?) -> [QueryItem] {
            var q = QueryBuilder()
            q.add("fields", fields)
            return q.items
        }

        /// One page of a paged GET: its query, then `pageSize` and, after the first page, `nextPageToken`.
        public static func page(_ request: HTTPRequest, size: Int, token: String?) -> HTTPRequest {
            var r = request
            r.query.append(QueryItem("pageSize", String(size)))
            if let token { r.query.append(QueryItem("nextPageToken", token)) }
            return r
        }

        // MARK: account, people, workflows

        public static var account: HTTPRequest { fetch("/account") }
        /// `GET /contacts?me=true`: the signed-in user.
        public static var me: HTTPRequest { fetch("/contacts", [QueryItem("me", "true")]) }
        public static func contacts(fields: [String]? = nil) -> HTTPRequest { fetch("/contacts", Self.fields(fields)) }
        /// `ids`: comma-separated, at most 100.
        public static func contacts(ids: String) -> HTTPRequest { fetch("/contacts/\(ids)") }
        public static var workflows: HTTPRequest { fetch("/workflows") }
        public static func workflows(space spaceId: String) -> HTTPRequest { fetch("/spaces/\(spaceId)/workflows") }
        public static var customFields: HTTPRequest { fetch("/customfields") }
        public static func customFields(space spaceId: String) -> HTTPRequest { fetch("/spaces/\(spaceId)/customfields") }
        public static var timelogCategories: HTTPRequest { fetch("/timelog_categories") }
        /// `GET /ids?type=ApiV2Task&ids=[N]`: today's ids for API v2 ids (the number of a permalink).
        public static func legacyIds(type: String, ids: [String]) -> HTTPRequest {
            var q = QueryBuilder()
            q.add("type", type)
            q.add("ids", ids)
            return fetch("/ids", q.items)
        }

        // MARK: spaces and folders

        public static func spaces(withArchived: Bool? = nil, fields: [String]? = nil) -> HTTPRequest {
            var q = QueryBuilder()
            q.add("withArchived", withArchived)
            q.add("fields", fields)
            return fetch("/spaces", q.items)
        }

        public static func space(_ id: String) -> HTTPRequest { fetch("/spaces/\(id)") }

        /// The folder tree of the account (`/folders`), a space or a folder subtree.
        public static func folderTree(space spaceId: String? = nil, folder folderId: String? = nil) -> HTTPRequest {
            if let spaceId { return fetch("/spaces/\(spaceId)/folders") }
            if let folderId { return fetch("/folders/\(folderId)/folders") }
            return fetch("/folders")
        }

        public static func folders(ids: String) -> HTTPRequest { fetch("/folders/\(ids)") }

        // MARK: tasks

        /// `GET /tasks`, `/folders/{id}/tasks` or `/spaces/{id}/tasks` with the list's filters and fields.
        public static func tasks(in scope: TaskScope, query: TaskQuery = TaskQuery()) -> HTTPRequest {
            let path: String
            switch scope {
            case .account: path = "/tasks"
            case .folder(let id): path = "/folders/\(id)/tasks"
            case .space(let id): path = "/spaces/\(id)/tasks"
            }
            return fetch(path, query.queryItems(scope: scope))
        }

        /// `GET /tasks/{ids}` (comma-separated, at most 100): the full models.
        public static func tasks(ids: String, fields: [String]? = nil) -> HTTPRequest {
            fetch("/tasks/\(ids)", Self.fields(fields))
        }

        /// Tasks and subtasks of the account whose title contains `title` (Wrike: "contains match", see
        /// /work/shared/wrike/api-reference.md §4.3; the sandbox matches case-insensitively): the first
        /// `limit`, with the list fields. The dependency finder's and go-to's search.
        public static func searchTasks(title: String, limit: Int = 50) -> HTTPRequest {
            fetch("/tasks", [QueryItem("title", title), QueryItem("subTasks", "true"), QueryItem("pageSize", String(limit)),
                           QueryItem("fields", WrikeFormat.jsonArray(TaskQuery.listFields))])
        }

        /// `GET /ids?type=ApiV2Task&ids=[N,…]`: the API ids of permalink numbers (`open.htm?id=N`).
        public static func legacyTaskIds(_ numbers: [String]) -> HTTPRequest {
            fetch("/ids", [QueryItem("type", "ApiV2Task"), QueryItem("ids", WrikeFormat.jsonArray(numbers))])
        }

        /// `PUT /tasks/{ids}` (one id, or up to 100 comma-separated).
        public static func updateTasks(ids: String) -> HTTPRequest { HTTPRequest(method: .put, path: "/tasks/\(ids)") }

        /// `POST /folders/{id}/tasks`: a new task in the folder or project.
        public static func createTask(folder folderId: String) -> HTTPRequest {
            HTTPRequest(method: .post, path: "/folders/\(folderId)/tasks")
        }

        /// `DELETE /tasks/{id}`: to the Recycle Bin.
        public static func deleteTask(_ id: String) -> HTTPRequest { HTTPRequest(method: .delete, path: "/tasks/\(id)") }

        /// The tasks created in the folder (with its subtasks) since `since` (a timestamp) whose title
        /// contains `title`: the read that learns whether a create whose answer was lost landed.
        public static func createdTasks(folder folderId: String, title: String, since: String) -> HTTPRequest {
            fetch("/folders/\(folderId)/tasks", [
                QueryItem("title", title), QueryItem("createdDate", #"{"start":"\#(since)"}"#), QueryItem("subTasks", "true"),
                QueryItem("fields", WrikeFormat.jsonArray(["authorIds", "superTaskIds", "parentIds"])),
            ])
        }

        // MARK: comments

        public static func comments(task taskId: String, plainText: Bool? = nil) -> HTTPRequest {
            var q = QueryBuilder()
            q.add("plainText", plainText)
            return fetch("/tasks/\(taskId)/comments", q.items)
        }

        /// Comments created in `created` across the account (`GET /comments?createdDate=…`; Wrike allows at
        /// most 7 days): the inbox's mentions. HTML text (mentions are markup).
        public static func comments(created: TimestampRange) -> HTTPRequest {
            var q = QueryBuilder()
            q.add("createdDate", created)
            return fetch("/comments", q.items)
        }

        public static func addComment(task taskId: String) -> HTTPRequest {
            HTTPRequest(method: .post, path: "/tasks/\(taskId)/comments")
        }
        public static func updateComment(_ id: String) -> HTTPRequest { HTTPRequest(method: .put, path: "/comments/\(id)") }
        public static func deleteComment(_ id: String) -> HTTPRequest { HTTPRequest(method: .delete, path: "/comments/\(id)") }

        // MARK: time logs

        public static func timelogs(task taskId: String) -> HTTPRequest { fetch("/tasks/\(taskId)/timelogs") }

        /// `GET /folders/{id}/timelogs` with `descendants=true&subTasks=true`.
        public static func timelogs(folder folderId: String) -> HTTPRequest {
            fetch("/folders/\(folderId)/timelogs", [QueryItem("descendants", "true"), QueryItem("subTasks", "true")])
        }

        /// The signed-in user's time logs tracked on `date` (`yyyy-MM-dd`). `trackedDate` is a semi-open
        /// interval that Wrike refuses when `start >= end` (docs/sandbox.md): the day's first to last second
        /// holds the day whether the end counts or not.
        public static func myTimelogs(date: String) -> HTTPRequest {
            fetch("/timelogs", [QueryItem("me", "true"), QueryItem("trackedDate", trackedRange(date, date))])
        }

        /// The signed-in user's time logs tracked from `first` through `last` (`yyyy-MM-dd`, both included),
        /// comments as plain text: one request, unpaged (without `pageSize` Wrike returns every match).
        public static func myTimelogs(from first: String, through last: String) -> HTTPRequest {
            fetch("/timelogs", [QueryItem("me", "true"), QueryItem("trackedDate", trackedRange(first, last)),
                                QueryItem("plainText", "true")])
        }

        static func trackedRange(_ first: String, _ last: String) -> String {
            #"{"start":"\#(first)T00:00:00Z","end":"\#(last)T23:59:59Z"}"#
        }

        /// `GET /workschedules` (the account's work schedules; `fields=["userIds"]` says who has which).
        public static var workSchedules: HTTPRequest { fetch("/workschedules", Self.fields(["userIds"])) }

        public static func logTime(task taskId: String) -> HTTPRequest {
            HTTPRequest(method: .post, path: "/tasks/\(taskId)/timelogs")
        }
        public static func updateTimelog(_ id: String) -> HTTPRequest { HTTPRequest(method: .put, path: "/timelogs/\(id)") }
        public static func deleteTimelog(_ id: String) -> HTTPRequest { HTTPRequest(method: .delete, path: "/timelogs/\(id)") }

        // MARK: dependencies

        /// `ids`: comma-separated, at most 100.
        public static func dependencies(ids: String) -> HTTPRequest { fetch("/dependencies/\(ids)") }
        public static func dependencies(task taskId: String) -> HTTPRequest { fetch("/tasks/\(taskId)/dependencies") }
        public static func addDependency(task taskId: String) -> HTTPRequest {
            HTTPRequest(method: .post, path: "/tasks/\(taskId)/dependencies")
        }
        public static func updateDependency(_ id: String) -> HTTPRequest {
            HTTPRequest(method: .put, path: "/dependencies/\(id)")
        }
        public static func deleteDependency(_ id: String) -> HTTPRequest {
            HTTPRequest(method: .delete, path: "/dependencies/\(id)")
        }

        // MARK: approvals

        public static func approvals(task taskId: String) -> HTTPRequest { fetch("/tasks/\(taskId)/approvals") }
        public static func approvals(folder folderId: String) -> HTTPRequest { fetch("/folders/\(folderId)/approvals") }
        /// Account-wide approvals with filters.
        public static func approvals(_ query: ApprovalQuery) -> HTTPRequest { fetch("/approvals", query.queryItems()) }
        /// `ids`: comma-separated, at most 100.
        public static func approvals(ids: String) -> HTTPRequest { fetch("/approvals/\(ids)") }
        public static func createApproval(task taskId: String) -> HTTPRequest {
            HTTPRequest(method: .post, path: "/tasks/\(taskId)/approvals")
        }
        public static func createApproval(folder folderId: String) -> HTTPRequest {
            HTTPRequest(method: .post, path: "/folders/\(folderId)/approvals")
        }
        public static func updateApproval(_ id: String) -> HTTPRequest { HTTPRequest(method: .put, path: "/approvals/\(id)") }
        /// `DELETE /approvals/{id}` cancels it.
        public static func cancelApproval(_ id: String) -> HTTPRequest { HTTPRequest(method: .delete, path: "/approvals/\(id)") }

        // MARK: attachments

        public static func attachments(task taskId: String, withUrls: Bool? = nil) -> HTTPRequest {
            var q = QueryBuilder()
            q.add("withUrls", withUrls)
            return fetch("/tasks/\(taskId)/attachments", q.items)
        }

        /// The file's bytes (any content type).
        public static func downloadAttachment(_ id: String) -> HTTPRequest {
            HTTPRequest(path: "/attachments/\(id)/download", headers: ["Accept": "*/*"])
        }

        /// `GET /attachments/{id}/url`: a link to the file that works without a token (Wrike: for 24 h).
        public static func attachmentURL(_ id: String) -> HTTPRequest { HTTPRequest(path: "/attachments/\(id)/url") }
    }
}
