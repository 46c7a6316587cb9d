import Foundation

/// A person, group, robot or invitation (`GET /contacts`, kind `contacts`).
public struct Contact: Codable, Sendable, Hashable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var type: ContactType?
    public var profiles: [ContactProfile]?
    public var avatarUrl: String?
    public var timezone: String?
    public var locale: String?
    public var deleted: Bool?
    public var me: Bool?
    public var memberIds: [String]?
    public var metadata: [MetadataEntry]?
    public var phone: String?
    public var title: String?
    public var companyName: String?
    public var location: String?
    public var primaryEmail: String?
    public var myTeam: Bool?
    public var userTypeId: String?
    public var workScheduleId: String?
    public var jobRoleId: String?

    public init(
        id: String,
        firstName: String? = nil,
        lastName: String? = nil,
        type: ContactType? = nil,
        profiles: [ContactProfile]? = nil,
        avatarUrl: String? = nil,
        timezone: String? = nil,
        locale: String? = nil,
        deleted: Bool? = nil,
        me: Bool? = nil,
        memberIds: [String]? = nil,
        metadata: [MetadataEntry]? = nil,
        phone: String? = nil,
        title: String? = nil,
        companyName: String? = nil,
        location: String? = nil,
        primaryEmail: String? = nil,
        myTeam: Bool? = nil,
        userTypeId: String? = nil,
        workScheduleId: String? = nil,
        jobRoleId: String? = nil
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.type = type
        self.profiles = profiles
        self.avatarUrl = avatarUrl
        self.timezone = timezone
        self.locale = locale
        self.deleted = deleted
        self.me = me
        self.memberIds = memberIds
        self.metadata = metadata
        self.phone = phone
        self.title = title
        self.companyName = companyName
        self.location = location
        self.primaryEmail = primaryEmail
        self.myTeam = myTeam
        self.userTypeId = userTypeId
        self.workScheduleId = workScheduleId
        self.jobRoleId = jobRoleId
    }
    /// "First Last", trimmed; falls back to the primary email, then the id.
    public var displayName: String {
        let name = [firstName ?? "", lastName ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        if !name.isEmpty { return name }
        if let email = primaryEmail ?? profiles?.first?.email, !email.isEmpty { return email }
        return id
    }
}

/// One account profile of a contact.
public struct ContactProfile: Codable, Sendable, Hashable {
    public var accountId: String?
    public var email: String?
    /// `User` or `Collaborator`.
    public var role: String?
    public var external: Bool?
    public var admin: Bool?
    public var owner: Bool?
    public var active: Bool?

    public init(
        accountId: String? = nil,
        email: String? = nil,
        role: String? = nil,
        external: Bool? = nil,
        admin: Bool? = nil,
        owner: Bool? = nil,
        active: Bool? = nil
    ) {
        self.accountId = accountId
        self.email = email
        self.role = role
        self.external = external
        self.admin = admin
        self.owner = owner
        self.active = active
    }
}

/// A user group (`GET /groups`, kind `groups`).
public struct Group: Codable, Sendable, Hashable {
    public var id: String
    public var accountId: String?
    public var title: String?
    public var memberIds: [String]?
    public var childIds: [String]?
    public var parentIds: [String]?
    public var avatarUrl: String?
    public var myTeam: Bool?
    public var metadata: [MetadataEntry]?

    public init(
        id: String,
        accountId: String? = nil,
        title: String? = nil,
        memberIds: [String]? = nil,
        childIds: [String]? = nil,
        parentIds: [String]? = nil,
        avatarUrl: String? = nil,
        myTeam: Bool? = nil,
        metadata: [MetadataEntry]? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.title = title
        self.memberIds = memberIds
        self.childIds = childIds
        self.parentIds = parentIds
        self.avatarUrl = avatarUrl
        self.myTeam = myTeam
        self.metadata = metadata
    }
}
