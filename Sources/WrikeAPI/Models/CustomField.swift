import Foundation

/// A custom field definition (kind `customfields`).
public struct CustomField: Codable, Sendable, Hashable {
    public var id: String
    public var accountId: String?
    public var title: String
    public var type: CustomFieldType?
    public var spaceId: String?
    public var sharedIds: [String]?
    public var settings: CustomFieldSettings?
    public var description: String?
    public var archived: Bool?

    public init(
        id: String,
        accountId: String? = nil,
        title: String,
        type: CustomFieldType? = nil,
        spaceId: String? = nil,
        sharedIds: [String]? = nil,
        settings: CustomFieldSettings? = nil,
        description: String? = nil,
        archived: Bool? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.title = title
        self.type = type
        self.spaceId = spaceId
        self.sharedIds = sharedIds
        self.settings = settings
        self.description = description
        self.archived = archived
    }
}

/// Settings of a custom field; which keys appear depends on the type.
public struct CustomFieldSettings: Codable, Sendable, Hashable {
    public var inheritanceType: String?
    public var applicableEntityTypes: [String]?
    public var values: [String]?
    public var options: [CustomFieldOption]?
    public var currency: String?
    public var decimalPlaces: Int?
    public var useThousandsSeparator: Bool?
    public var aggregation: String?
    public var allowOtherValues: Bool?
    public var readOnly: Bool?
    public var allowTime: Bool?
    public var contacts: [String]?

    public init(
        inheritanceType: String? = nil,
        applicableEntityTypes: [String]? = nil,
        values: [String]? = nil,
        options: [CustomFieldOption]? = nil,
        currency: String? = nil,
        decimalPlaces: Int? = nil,
        useThousandsSeparator: Bool? = nil,
        aggregation: String? = nil,
        allowOtherValues: Bool? = nil,
        readOnly: Bool? = nil,
        allowTime: Bool? = nil,
        contacts: [String]? = nil
    ) {
        self.inheritanceType = inheritanceType
        self.applicableEntityTypes = applicableEntityTypes
        self.values = values
        self.options = options
        self.currency = currency
        self.decimalPlaces = decimalPlaces
        self.useThousandsSeparator = useThousandsSeparator
        self.aggregation = aggregation
        self.allowOtherValues = allowOtherValues
        self.readOnly = readOnly
        self.allowTime = allowTime
        self.contacts = contacts
    }
}

/// A drop-down option.
public struct CustomFieldOption: Codable, Sendable, Hashable {
    public var value: String
    public var color: String?

    public init(value: String, color: String? = nil) {
        self.value = value
        self.color = color
    }
}
