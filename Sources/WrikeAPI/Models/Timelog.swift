import Foundation

/// A time entry (kind `timelogs`). `trackedDate` is `yyyy-MM-dd`.
public struct Timelog: Codable, Sendable, Hashable {
    public var id: String
    public var taskId: String?
    public var userId: String?
    public var categoryId: String?
    public var hours: Double
    public var createdDate: String?
    public var updatedDate: String?
    public var trackedDate: String?
    public var comment: String?
    public var approvalStatus: String?
    public var lockStatus: String?
    public var exportStatus: String?
    public var billingType: String?

    public init(
        id: String,
        taskId: String? = nil,
        userId: String? = nil,
        categoryId: String? = nil,
        hours: Double,
        createdDate: String? = nil,
        updatedDate: String? = nil,
        trackedDate: String? = nil,
        comment: String? = nil,
        approvalStatus: String? = nil,
        lockStatus: String? = nil,
        exportStatus: String? = nil,
        billingType: String? = nil
    ) {
        self.id = id
        self.taskId = taskId
        self.userId = userId
        self.categoryId = categoryId
        self.hours = hours
        self.createdDate = createdDate
        self.updatedDate = updatedDate
        self.trackedDate = trackedDate
        self.comment = comment
        self.approvalStatus = approvalStatus
        self.lockStatus = lockStatus
        self.exportStatus = exportStatus
        self.billingType = billingType
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        taskId = try c.decodeIfPresent(String.self, forKey: .taskId)
        userId = try c.decodeIfPresent(String.self, forKey: .userId)
        categoryId = try c.decodeIfPresent(String.self, forKey: .categoryId)
        hours = try c.decodeLenientDouble(forKey: .hours)
        createdDate = try c.decodeIfPresent(String.self, forKey: .createdDate)
        updatedDate = try c.decodeIfPresent(String.self, forKey: .updatedDate)
        trackedDate = try c.decodeIfPresent(String.self, forKey: .trackedDate)
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
        approvalStatus = try c.decodeIfPresent(String.self, forKey: .approvalStatus)
        lockStatus = try c.decodeIfPresent(String.self, forKey: .lockStatus)
        exportStatus = try c.decodeIfPresent(String.self, forKey: .exportStatus)
        billingType = try c.decodeIfPresent(String.self, forKey: .billingType)
    }
}

/// A timelog category (`GET /timelog_categories`).
public struct TimelogCategory: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var order: Int?
    public var hidden: Bool?

    public init(
        id: String,
        name: String,
        order: Int? = nil,
        hidden: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.order = order
        self.hidden = hidden
    }
}
