import Foundation

/// Where a task list comes from.
public enum TaskScope: Sendable, Hashable {
    /// `GET /tasks` (the whole account).
    case account
    /// `GET /folders/{id}/tasks` (a folder or project).
    case folder(String)
    /// `GET /spaces/{id}/tasks`.
    case space(String)
}

/// Filters, sorting and fields of a task list (`GET /tasks`, `/folders/{id}/tasks`,
/// `/spaces/{id}/tasks`). Every page resends all of them.
public struct TaskQuery: Sendable, Hashable {
    /// Only for folder and space lists (Wrike's default: true).
    public var descendants: Bool?
    /// Include subtasks (Wrike's default: false).
    public var subTasks: Bool?
    public var status: [TaskStatus]?
    public var importance: Importance?
    public var responsibles: [String]?
    public var authors: [String]?
    public var customStatuses: [String]?
    /// Contains match.
    public var title: String?
    public var type: DateType?
    public var startDate: DateFilter?
    public var dueDate: DateFilter?
    public var scheduledDate: DateFilter?
    public var createdDate: TimestampRange?
    public var updatedDate: TimestampRange?
    public var completedDate: TimestampRange?
    public var sortField: String?
    public var sortOrder: String?
    /// Optional fields (`responsibleIds`, `parentIds`, `subTaskIds`, `hasAttachments`, …).
    public var fields: [String]?
    /// Overrides the client's page size.
    public var pageSize: Int?
    public var limit: Int?

    public init(descendants: Bool? = nil, subTasks: Bool? = nil, status: [TaskStatus]? = nil,
                importance: Importance? = nil, responsibles: [String]? = nil, authors: [String]? = nil,
                customStatuses: [String]? = nil, title: String? = nil, type: DateType? = nil,
                startDate: DateFilter? = nil, dueDate: DateFilter? = nil, scheduledDate: DateFilter? = nil,
                createdDate: TimestampRange? = nil, updatedDate: TimestampRange? = nil,
                completedDate: TimestampRange? = nil, sortField: String? = nil, sortOrder: String? = nil,
                fields: [String]? = nil, pageSize: Int? = nil, limit: Int? = nil) {
        self.descendants = descendants
        self.subTasks = subTasks
        self.status = status
        self.importance = importance
        self.responsibles = responsibles
        self.authors = authors
        self.customStatuses = customStatuses
        self.title = title
        self.type = type
        self.startDate = startDate
        self.dueDate = dueDate
        self.scheduledDate = scheduledDate
        self.createdDate = createdDate
        self.updatedDate = updatedDate
        self.completedDate = completedDate
        self.sortField = sortField
        self.sortOrder = sortOrder
        self.fields = fields
        self.pageSize = pageSize
        self.limit = limit
    }

    /// The optional fields of a task list: the one list of them (list payloads are thin without them).
    /// The browser adds `authorIds` when its `author` column is shown.
    public static let listFields = ["responsibleIds", "superTaskIds", "subTaskIds", "dependencyIds", "parentIds"]

    /// A browser list: subtasks included, the list fields (plus `extraFields`).
    public static func list(extraFields: [String] = []) -> TaskQuery {
        TaskQuery(subTasks: true, fields: listFields + extraFields)
    }

    /// This query's filters with `list`'s subtasks and fields (a browser list of the account's tasks).
    public func listing(_ list: TaskQuery) -> TaskQuery {
        var q = self
        q.subTasks = list.subTasks
        q.fields = list.fields
        return q
    }

    /// The query items, without paging parameters.
    public func queryItems(scope: TaskScope) -> [QueryItem] {
        var q = QueryBuilder()
        if scope != .account { q.add("descendants", descendants) }
        q.add("subTasks", subTasks)
        q.add("status", status.map { $0.map(\.rawValue) })
        q.add("importance", importance?.rawValue)
        q.add("responsibles", responsibles)
        q.add("authors", authors)
        q.add("customStatuses", customStatuses)
        q.add("title", title)
        q.add("type", type?.rawValue)
        q.add("startDate", startDate)
        q.add("dueDate", dueDate)
        q.add("scheduledDate", scheduledDate)
        q.add("createdDate", createdDate)
        q.add("updatedDate", updatedDate)
        q.add("completedDate", completedDate)
        q.add("sortField", sortField)
        q.add("sortOrder", sortOrder)
        q.add("limit", limit)
        q.add("fields", fields)
        return q.items
    }
}

/// A custom field value to set; `value: nil` is sent as JSON `null` (removes the value).
public struct CustomFieldUpdate: Encodable, Sendable, Hashable {
    public var id: String
    public var value: String?
    public init(id: String, value: String?) {
        self.id = id
        self.value = value
    }
    enum CodingKeys: String, CodingKey { case id, value }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(value, forKey: .value)
    }
}

/// `PUT /tasks/{id}`: only the parameters that are set are sent.
public struct TaskUpdate: Encodable, Sendable, Hashable {
    public var title: String?
    /// HTML.
    public var description: String?
    /// The status group; prefer `customStatus` (not available on the Team plan).
    public var status: TaskStatus?
    public var importance: Importance?
    public var dates: TaskDates?
    public var addParents: [String]?
    public var removeParents: [String]?
    public var addShareds: [String]?
    public var removeShareds: [String]?
    public var addResponsibles: [String]?
    public var removeResponsibles: [String]?
    public var addFollowers: [String]?
    public var follow: Bool?
    public var addSuperTasks: [String]?
    public var removeSuperTasks: [String]?
    public var metadata: [MetadataEntry]?
    public var customFields: [CustomFieldUpdate]?
    /// A custom status id from the task's workflow.
    public var customStatus: String?
    public var restore: Bool?
    public var billingType: String?

    public init(title: String? = nil, description: String? = nil, status: TaskStatus? = nil,
                importance: Importance? = nil, dates: TaskDates? = nil, addParents: [String]? = nil,
                removeParents: [String]? = nil, addShareds: [String]? = nil, removeShareds: [String]? = nil,
                addResponsibles: [String]? = nil, removeResponsibles: [String]? = nil,
                addFollowers: [String]? = nil, follow: Bool? = nil, addSuperTasks: [String]? = nil,
                removeSuperTasks: [String]? = nil, metadata: [MetadataEntry]? = nil,
                customFields: [CustomFieldUpdate]? = nil, customStatus: String? = nil, restore: Bool? = nil,
                billingType: String? = nil) {
        self.title = title
        self.description = description
        self.status = status
        self.importance = importance
        self.dates = dates
        self.addParents = addParents
        self.removeParents = removeParents
        self.addShareds = addShareds
        self.removeShareds = removeShareds
        self.addResponsibles = addResponsibles
        self.removeResponsibles = removeResponsibles
        self.addFollowers = addFollowers
        self.follow = follow
        self.addSuperTasks = addSuperTasks
        self.removeSuperTasks = removeSuperTasks
        self.metadata = metadata
        self.customFields = customFields
        self.customStatus = customStatus
        self.restore = restore
        self.billingType = billingType
    }
}

/// `PUT /tasks/{ids}`: the smaller parameter set Wrike accepts in bulk.
public struct BulkTaskUpdate: Encodable, Sendable, Hashable {
    public var customStatus: String?
    public var addParents: [String]?
    public var removeParents: [String]?
    public var addResponsibles: [String]?
    public var removeResponsibles: [String]?
    public var customFields: [CustomFieldUpdate]?

    public init(customStatus: String? = nil, addParents: [String]? = nil, removeParents: [String]? = nil,
                addResponsibles: [String]? = nil, removeResponsibles: [String]? = nil,
                customFields: [CustomFieldUpdate]? = nil) {
        self.customStatus = customStatus
        self.addParents = addParents
        self.removeParents = removeParents
        self.addResponsibles = addResponsibles
        self.removeResponsibles = removeResponsibles
        self.customFields = customFields
    }
}

/// `POST /tasks/{id}/comments`, `PUT /comments/{id}`.
public struct CommentParams: Encodable, Sendable, Hashable {
    public var text: String
    /// Treat `text` as plain text rather than HTML.
    public var plainText: Bool?
    public init(text: String, plainText: Bool? = nil) {
        self.text = text
        self.plainText = plainText
    }
}

/// `POST /tasks/{id}/timelogs` (Wrike needs hours, trackedDate and comment).
public struct TimelogCreate: Encodable, Sendable, Hashable {
    /// 0 < hours ≤ 24.
    public var hours: Double
    /// `yyyy-MM-dd`.
    public var trackedDate: String
    public var comment: String
    public var categoryId: String?
    public var plainText: Bool?
    public init(hours: Double, trackedDate: String, comment: String, categoryId: String? = nil,
                plainText: Bool? = nil) {
        self.hours = hours
        self.trackedDate = trackedDate
        self.comment = comment
        self.categoryId = categoryId
        self.plainText = plainText
    }
}

/// `PUT /timelogs/{id}`.
public struct TimelogUpdate: Encodable, Sendable, Hashable {
    public var hours: Double?
    public var trackedDate: String?
    public var comment: String?
    public var categoryId: String?
    public var plainText: Bool?
    public init(hours: Double? = nil, trackedDate: String? = nil, comment: String? = nil,
                categoryId: String? = nil, plainText: Bool? = nil) {
        self.hours = hours
        self.trackedDate = trackedDate
        self.comment = comment
        self.categoryId = categoryId
        self.plainText = plainText
    }
}

/// `POST /tasks/{id}/dependencies`: exactly one of `predecessorId` / `successorId` (the other
/// side is the task in the path).
public struct DependencyCreate: Encodable, Sendable, Hashable {
    public var predecessorId: String?
    public var successorId: String?
    public var relationType: RelationType?
    /// Minutes; negative is lead time.
    public var lagTime: Int?

    public static func predecessor(_ id: String, _ relation: RelationType = "FinishToStart", lagTime: Int? = nil) -> Self {
        DependencyCreate(predecessorId: id, successorId: nil, relationType: relation, lagTime: lagTime)
    }
    public static func successor(_ id: String, _ relation: RelationType = "FinishToStart", lagTime: Int? = nil) -> Self {
        DependencyCreate(predecessorId: nil, successorId: id, relationType: relation, lagTime: lagTime)
    }
    public init(predecessorId: String?, successorId: String?, relationType: RelationType? = nil, lagTime: Int? = nil) {
        self.predecessorId = predecessorId
        self.successorId = successorId
        self.relationType = relationType
        self.lagTime = lagTime
    }
}

/// `PUT /dependencies/{id}`.
public struct DependencyUpdate: Encodable, Sendable, Hashable {
    public var relationType: RelationType?
    public var lagTime: Int?
    public init(relationType: RelationType? = nil, lagTime: Int? = nil) {
        self.relationType = relationType
        self.lagTime = lagTime
    }
}

/// `POST /tasks/{id}/approvals`, `POST /folders/{id}/approvals`.
public struct ApprovalCreate: Encodable, Sendable, Hashable {
    public var description: String?
    /// `yyyy-MM-dd`.
    public var dueDate: String?
    public var approvers: [String]?
    public var attachments: [String]?
    public var autoFinishOnApprove: Bool?
    public var autoFinishOnReject: Bool?
    public init(description: String? = nil, dueDate: String? = nil, approvers: [String]? = nil,
                attachments: [String]? = nil, autoFinishOnApprove: Bool? = nil, autoFinishOnReject: Bool? = nil) {
        self.description = description
        self.dueDate = dueDate
        self.approvers = approvers
        self.attachments = attachments
        self.autoFinishOnApprove = autoFinishOnApprove
        self.autoFinishOnReject = autoFinishOnReject
    }
}

/// `PUT /approvals/{id}`.
public struct ApprovalUpdate: Encodable, Sendable, Hashable {
    public var description: String?
    public var dueDate: String?
    public var addApprovers: [String]?
    public var removeApprovers: [String]?
    public var addAttachments: [String]?
    public var removeAttachments: [String]?
    public var autoFinishOnApprove: Bool?
    public var autoFinishOnReject: Bool?
    public init(description: String? = nil, dueDate: String? = nil, addApprovers: [String]? = nil,
                removeApprovers: [String]? = nil, addAttachments: [String]? = nil,
                removeAttachments: [String]? = nil, autoFinishOnApprove: Bool? = nil,
                autoFinishOnReject: Bool? = nil) {
        self.description = description
        self.dueDate = dueDate
        self.addApprovers = addApprovers
        self.removeApprovers = removeApprovers
        self.addAttachments = addAttachments
        self.removeAttachments = removeAttachments
        self.autoFinishOnApprove = autoFinishOnApprove
        self.autoFinishOnReject = autoFinishOnReject
    }
}

/// Filters of the account-wide `GET /approvals`.
public struct ApprovalQuery: Sendable, Hashable {
    public var statuses: [ApprovalStatus]?
    public var approvers: [String]?
    public var pendingApprovers: [String]?
    public var type: ApprovalType?
    public var dueDate: DateFilter?
    public var updatedDate: TimestampRange?
    public var limit: Int?
    public init(statuses: [ApprovalStatus]? = nil, approvers: [String]? = nil, pendingApprovers: [String]? = nil,
                type: ApprovalType? = nil, dueDate: DateFilter? = nil, updatedDate: TimestampRange? = nil,
                limit: Int? = nil) {
        self.statuses = statuses
        self.approvers = approvers
        self.pendingApprovers = pendingApprovers
        self.type = type
        self.dueDate = dueDate
        self.updatedDate = updatedDate
        self.limit = limit
    }
    func queryItems() -> [QueryItem] {
        var q = QueryBuilder()
        q.add("statuses", statuses.map { $0.map(\.rawValue) })
        q.add("approvers", approvers)
        q.add("pendingApprovers", pendingApprovers)
        q.add("type", type?.rawValue)
        q.add("dueDate", dueDate)
        q.add("updatedDate", updatedDate)
        q.add("limit", limit)
        return q.items
    }
}
