import Foundation

/// An entry of the folder tree (`GET /folders` without filters, kind `folderTree`), including the virtual Root (`WsRoot`) and Recycle Bin (`RbRoot`).
public struct FolderTreeEntry: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var color: String?
    public var childIds: [String]?
    public var scope: Scope?
    public var project: Project?

    public init(
        id: String,
        title: String,
        color: String? = nil,
        childIds: [String]? = nil,
        scope: Scope? = nil,
        project: Project? = nil
    ) {
        self.id = id
        self.title = title
        self.color = color
        self.childIds = childIds
        self.scope = scope
        self.project = project
    }
}

/// The full folder model (`GET /folders/{ids}`, or `/folders` with a filter; kind `folders`). `parentIds` may hold several parents: the tree is a DAG.
public struct Folder: Codable, Sendable, Hashable {
    public var id: String
    public var accountId: String?
    public var title: String
    public var createdDate: String?
    public var updatedDate: String?
    public var briefDescription: String?
    public var description: String?
    public var color: String?
    public var sharedIds: [String]?
    public var parentIds: [String]?
    public var childIds: [String]?
    public var superParentIds: [String]?
    public var scope: Scope?
    public var hasAttachments: Bool?
    public var attachmentCount: Int?
    public var permalink: String?
    public var workflowId: String?
    public var metadata: [MetadataEntry]?
    public var customFields: [CustomFieldValue]?
    public var customColumnIds: [String]?
    public var customItemTypeId: String?
    public var contractType: String?
    public var project: Project?

    public init(
        id: String,
        accountId: String? = nil,
        title: String,
        createdDate: String? = nil,
        updatedDate: String? = nil,
        briefDescription: String? = nil,
        description: String? = nil,
        color: String? = nil,
        sharedIds: [String]? = nil,
        parentIds: [String]? = nil,
        childIds: [String]? = nil,
        superParentIds: [String]? = nil,
        scope: Scope? = nil,
        hasAttachments: Bool? = nil,
        attachmentCount: Int? = nil,
        permalink: String? = nil,
        workflowId: String? = nil,
        metadata: [MetadataEntry]? = nil,
        customFields: [CustomFieldValue]? = nil,
        customColumnIds: [String]? = nil,
        customItemTypeId: String? = nil,
        contractType: String? = nil,
        project: Project? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.title = title
        self.createdDate = createdDate
        self.updatedDate = updatedDate
        self.briefDescription = briefDescription
        self.description = description
        self.color = color
        self.sharedIds = sharedIds
        self.parentIds = parentIds
        self.childIds = childIds
        self.superParentIds = superParentIds
        self.scope = scope
        self.hasAttachments = hasAttachments
        self.attachmentCount = attachmentCount
        self.permalink = permalink
        self.workflowId = workflowId
        self.metadata = metadata
        self.customFields = customFields
        self.customColumnIds = customColumnIds
        self.customItemTypeId = customItemTypeId
        self.contractType = contractType
        self.project = project
    }
}

/// The `project` part of a folder that is a project.
public struct Project: Codable, Sendable, Hashable {
    public var authorId: String?
    public var ownerIds: [String]?
    public var status: ProjectStatus?
    public var customStatusId: String?
    public var startDate: String?
    public var endDate: String?
    public var createdDate: String?
    public var completedDate: String?

    public init(
        authorId: String? = nil,
        ownerIds: [String]? = nil,
        status: ProjectStatus? = nil,
        customStatusId: String? = nil,
        startDate: String? = nil,
        endDate: String? = nil,
        createdDate: String? = nil,
        completedDate: String? = nil
    ) {
        self.authorId = authorId
        self.ownerIds = ownerIds
        self.status = status
        self.customStatusId = customStatusId
        self.startDate = startDate
        self.endDate = endDate
        self.createdDate = createdDate
        self.completedDate = completedDate
    }
}
