import Foundation

/// A workflow with its custom statuses (`GET /workflows`).
public struct Workflow: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var standard: Bool?
    public var hidden: Bool?
    public var description: String?
    public var customStatuses: [CustomStatus]?

    public init(
        id: String,
        name: String,
        standard: Bool? = nil,
        hidden: Bool? = nil,
        description: String? = nil,
        customStatuses: [CustomStatus]? = nil
    ) {
        self.id = id
        self.name = name
        self.standard = standard
        self.hidden = hidden
        self.description = description
        self.customStatuses = customStatuses
    }
}

/// A workflow status. `group` is the coarse task status it maps to.
public struct CustomStatus: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var standardName: Bool?
    public var color: StatusColor?
    public var standard: Bool?
    public var group: StatusGroup?
    public var hidden: Bool?

    public init(
        id: String,
        name: String,
        standardName: Bool? = nil,
        color: StatusColor? = nil,
        standard: Bool? = nil,
        group: StatusGroup? = nil,
        hidden: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.standardName = standardName
        self.color = color
        self.standard = standard
        self.group = group
        self.hidden = hidden
    }
}
