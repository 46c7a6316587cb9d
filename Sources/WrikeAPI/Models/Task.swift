import Foundation

/// A task (kind `tasks`). List endpoints return a thin payload unless `fields` asks for more; `GET /tasks/{ids}` returns the full model.
public struct WrikeTask: Codable, Sendable, Hashable {
    public var id: String
    public var accountId: String?
    public var title: String
    /// HTML.
    public var description: String?
    public var briefDescription: String?
    public var parentIds: [String]?
    public var superParentIds: [String]?
    public var sharedIds: [String]?
    public var responsibleIds: [String]?
    public var status: TaskStatus?
    public var importance: Importance?
    public var createdDate: String?
    public var updatedDate: String?
    public var completedDate: String?
    public var dates: TaskDates?
    public var scope: Scope?
    public var authorIds: [String]?
    public var customStatusId: String?
    public var hasAttachments: Bool?
    public var attachmentCount: Int?
    public var permalink: String?
    public var priority: String?
    public var followedByMe: Bool?
    public var followerIds: [String]?
    public var recurrent: Bool?
    public var superTaskIds: [String]?
    public var subTaskIds: [String]?
    public var dependencyIds: [String]?
    public var metadata: [MetadataEntry]?
    public var customFields: [CustomFieldValue]?
    public var customItemTypeId: String?
    public var responsiblePlaceholderIds: [String]?
    public var billingType: String?
    public var workScheduleId: String?
    public var effortAllocation: EffortAllocation?

    public init(
        id: String,
        accountId: String? = nil,
        title: String,
        description: String? = nil,
        briefDescription: String? = nil,
        parentIds: [String]? = nil,
        superParentIds: [String]? = nil,
        sharedIds: [String]? = nil,
        responsibleIds: [String]? = nil,
        status: TaskStatus? = nil,
        importance: Importance? = nil,
        createdDate: String? = nil,
        updatedDate: String? = nil,
        completedDate: String? = nil,
        dates: TaskDates? = nil,
        scope: Scope? = nil,
        authorIds: [String]? = nil,
        customStatusId: String? = nil,
        hasAttachments: Bool? = nil,
        attachmentCount: Int? = nil,
        permalink: String? = nil,
        priority: String? = nil,
        followedByMe: Bool? = nil,
        followerIds: [String]? = nil,
        recurrent: Bool? = nil,
        superTaskIds: [String]? = nil,
        subTaskIds: [String]? = nil,
        dependencyIds: [String]? = nil,
        metadata: [MetadataEntry]? = nil,
        customFields: [CustomFieldValue]? = nil,
        customItemTypeId: String? = nil,
        responsiblePlaceholderIds: [String]? = nil,
        billingType: String? = nil,
        workScheduleId: String? = nil,
        effortAllocation: EffortAllocation? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.title = title
        self.description = description
        self.briefDescription = briefDescription
        self.parentIds = parentIds
        self.superParentIds = superParentIds
        self.sharedIds = sharedIds
        self.responsibleIds = responsibleIds
        self.status = status
        self.importance = importance
        self.createdDate = createdDate
        self.updatedDate = updatedDate
        self.completedDate = completedDate
        self.dates = dates
        self.scope = scope
        self.authorIds = authorIds
        self.customStatusId = customStatusId
        self.hasAttachments = hasAttachments
        self.attachmentCount = attachmentCount
        self.permalink = permalink
        self.priority = priority
        self.followedByMe = followedByMe
        self.followerIds = followerIds
        self.recurrent = recurrent
        self.superTaskIds = superTaskIds
        self.subTaskIds = subTaskIds
        self.dependencyIds = dependencyIds
        self.metadata = metadata
        self.customFields = customFields
        self.customItemTypeId = customItemTypeId
        self.responsiblePlaceholderIds = responsiblePlaceholderIds
        self.billingType = billingType
        self.workScheduleId = workScheduleId
        self.effortAllocation = effortAllocation
    }
}

/// Task dates. `start` only for Planned, `due` for Planned and Milestone; local date-times without zone (`2024-09-06T17:00:00`). `duration` in minutes.
public struct TaskDates: Codable, Sendable, Hashable {
    public var type: DateType?
    public var duration: Int?
    public var start: String?
    public var due: String?
    public var workOnWeekends: Bool?

    public init(
        type: DateType? = nil,
        duration: Int? = nil,
        start: String? = nil,
        due: String? = nil,
        workOnWeekends: Bool? = nil
    ) {
        self.type = type
        self.duration = duration
        self.start = start
        self.due = due
        self.workOnWeekends = workOnWeekends
    }
}

/// Effort allocation of a task (`fields=["effortAllocation"]`), minutes.
public struct EffortAllocation: Codable, Sendable, Hashable {
    public var mode: String?
    public var totalEffort: Int?
    public var allocatedEffort: Int?

    public init(mode: String? = nil, totalEffort: Int? = nil, allocatedEffort: Int? = nil) {
        self.mode = mode
        self.totalEffort = totalEffort
        self.allocatedEffort = allocatedEffort
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mode = try c.decodeIfPresent(String.self, forKey: .mode)
        totalEffort = try c.decodeLenientIntIfPresent(forKey: .totalEffort)
        allocatedEffort = try c.decodeLenientIntIfPresent(forKey: .allocatedEffort)
    }
}
