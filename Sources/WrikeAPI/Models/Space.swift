import Foundation

/// A space (`GET /spaces`, kind `spaces`). A space is also a folder: its id appears as a child of Root in the folder tree.
public struct Space: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var avatarUrl: String?
    /// `Locked`, `Personal`, `Private` or `Public`.
    public var accessType: String?
    public var archived: Bool?
    public var description: String?
    public var guestRoleId: String?
    public var defaultProjectWorkflowId: String?
    public var defaultTaskWorkflowId: String?
    public var suggestedProjectWorkflowIds: [String]?
    public var suggestedTaskWorkflowIds: [String]?
    public var members: [SpaceMember]?
    public var workScheduleId: String?

    public init(
        id: String,
        title: String,
        avatarUrl: String? = nil,
        accessType: String? = nil,
        archived: Bool? = nil,
        description: String? = nil,
        guestRoleId: String? = nil,
        defaultProjectWorkflowId: String? = nil,
        defaultTaskWorkflowId: String? = nil,
        suggestedProjectWorkflowIds: [String]? = nil,
        suggestedTaskWorkflowIds: [String]? = nil,
        members: [SpaceMember]? = nil,
        workScheduleId: String? = nil
    ) {
        self.id = id
        self.title = title
        self.avatarUrl = avatarUrl
        self.accessType = accessType
        self.archived = archived
        self.description = description
        self.guestRoleId = guestRoleId
        self.defaultProjectWorkflowId = defaultProjectWorkflowId
        self.defaultTaskWorkflowId = defaultTaskWorkflowId
        self.suggestedProjectWorkflowIds = suggestedProjectWorkflowIds
        self.suggestedTaskWorkflowIds = suggestedTaskWorkflowIds
        self.members = members
        self.workScheduleId = workScheduleId
    }
}

/// A member of a space (`fields=["members"]`).
public struct SpaceMember: Codable, Sendable, Hashable {
    public var id: String
    public var accessRoleId: String?
    public var isManager: Bool?

    public init(id: String, accessRoleId: String? = nil, isManager: Bool? = nil) {
        self.id = id
        self.accessRoleId = accessRoleId
        self.isManager = isManager
    }
}
