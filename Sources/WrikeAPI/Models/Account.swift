import Foundation

/// The account (`GET /account`, kind `accounts`).
public struct Account: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var dateFormat: String?
    public var firstDayOfWeek: String?
    public var workDays: [String]?
    public var rootFolderId: String?
    public var recycleBinId: String?
    public var createdDate: String?
    public var joinedDate: String?
    public var subscription: Subscription?
    public var metadata: [MetadataEntry]?
    public var customFields: [CustomField]?

    public init(
        id: String,
        name: String? = nil,
        dateFormat: String? = nil,
        firstDayOfWeek: String? = nil,
        workDays: [String]? = nil,
        rootFolderId: String? = nil,
        recycleBinId: String? = nil,
        createdDate: String? = nil,
        joinedDate: String? = nil,
        subscription: Subscription? = nil,
        metadata: [MetadataEntry]? = nil,
        customFields: [CustomField]? = nil
    ) {
        self.id = id
        self.name = name
        self.dateFormat = dateFormat
        self.firstDayOfWeek = firstDayOfWeek
        self.workDays = workDays
        self.rootFolderId = rootFolderId
        self.recycleBinId = recycleBinId
        self.createdDate = createdDate
        self.joinedDate = joinedDate
        self.subscription = subscription
        self.metadata = metadata
        self.customFields = customFields
    }
}

/// The account's subscription (`{type, paid, userLimit}`).
public struct Subscription: Codable, Sendable, Hashable {
    public var type: String?
    public var paid: Bool?
    public var userLimit: Int?

    public init(type: String? = nil, paid: Bool? = nil, userLimit: Int? = nil) {
        self.type = type
        self.paid = paid
        self.userLimit = userLimit
    }
}
