import Foundation

/// A Wrike enumeration kept open: any raw string decodes and re-encodes unchanged, so values Wrike
/// adds later never break decoding. Known values are static constants (`TaskStatus.active`).
public protocol OpenEnum: RawRepresentable, Codable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String {
    init(rawValue: String)
}

extension OpenEnum {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public init(_ raw: String) { self.init(rawValue: raw) }
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(rawValue: try container.decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
}

/// A known-values list for enums that have one (the sandbox validates against it).
public protocol KnownValues {
    static var known: [Self] { get }
}

extension OpenEnum where Self: KnownValues {
    /// True when the raw value is one of the documented values (exact case).
    public var isKnown: Bool { Self.known.contains(self) }
}

/// Task status group: `Active | Completed | Deferred | Cancelled`.
public struct TaskStatus: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active: Self = "Active"
    public static let completed: Self = "Completed"
    public static let deferred: Self = "Deferred"
    public static let cancelled: Self = "Cancelled"
    public static let known: [Self] = [.active, .completed, .deferred, .cancelled]
}

/// The group of a custom status (same four values as `TaskStatus`).
public typealias StatusGroup = TaskStatus

/// Task importance: `High | Normal | Low`.
public struct Importance: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let high: Self = "High"
    public static let normal: Self = "Normal"
    public static let low: Self = "Low"
    public static let known: [Self] = [.high, .normal, .low]
}

/// Task scheduling type: `Backlog | Milestone | Planned`.
public struct DateType: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let backlog: Self = "Backlog"
    public static let milestone: Self = "Milestone"
    public static let planned: Self = "Planned"
    public static let known: [Self] = [.backlog, .milestone, .planned]
}

/// Custom status colour.
public struct StatusColor: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let brown: Self = "Brown"
    public static let red: Self = "Red"
    public static let purple: Self = "Purple"
    public static let indigo: Self = "Indigo"
    public static let darkBlue: Self = "DarkBlue"
    public static let blue: Self = "Blue"
    public static let turquoise: Self = "Turquoise"
    public static let darkCyan: Self = "DarkCyan"
    public static let green: Self = "Green"
    public static let yellowGreen: Self = "YellowGreen"
    public static let yellow: Self = "Yellow"
    public static let orange: Self = "Orange"
    public static let gray: Self = "Gray"
    public static let known: [Self] = [.brown, .red, .purple, .indigo, .darkBlue, .blue, .turquoise, .darkCyan,
                                       .green, .yellowGreen, .yellow, .orange, .gray]
}

/// Dependency relation type (exact case).
public struct RelationType: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let finishToStart: Self = "FinishToStart"
    public static let startToStart: Self = "StartToStart"
    public static let finishToFinish: Self = "FinishToFinish"
    public static let startToFinish: Self = "StartToFinish"
    public static let known: [Self] = [.finishToStart, .startToStart, .finishToFinish, .startToFinish]
}

/// Approval status.
public struct ApprovalStatus: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let draft: Self = "Draft"
    public static let pending: Self = "Pending"
    public static let approved: Self = "Approved"
    public static let rejected: Self = "Rejected"
    public static let cancelled: Self = "Cancelled"
    public static let notRequired: Self = "NotRequired"
    public static let known: [Self] = [.draft, .pending, .approved, .rejected, .cancelled, .notRequired]
}

/// One approver's decision status.
public struct DecisionStatus: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let pending: Self = "Pending"
    public static let approved: Self = "Approved"
    public static let rejected: Self = "Rejected"
    public static let known: [Self] = [.pending, .approved, .rejected]
}

/// Approval type: `Regular | FilesOnly`.
public struct ApprovalType: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let regular: Self = "Regular"
    public static let filesOnly: Self = "FilesOnly"
    public static let known: [Self] = [.regular, .filesOnly]
}

/// Project status.
public struct ProjectStatus: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let green: Self = "Green"
    public static let yellow: Self = "Yellow"
    public static let red: Self = "Red"
    public static let completed: Self = "Completed"
    public static let onHold: Self = "OnHold"
    public static let cancelled: Self = "Cancelled"
    public static let custom: Self = "Custom"
    public static let known: [Self] = [.green, .yellow, .red, .completed, .onHold, .cancelled, .custom]
}

/// Folder and task scope: `WsRoot, RbRoot, WsFolder, RbFolder, WsTask, RbTask`.
public struct Scope: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let wsRoot: Self = "WsRoot"
    public static let rbRoot: Self = "RbRoot"
    public static let wsFolder: Self = "WsFolder"
    public static let rbFolder: Self = "RbFolder"
    public static let wsTask: Self = "WsTask"
    public static let rbTask: Self = "RbTask"
    public static let known: [Self] = [.wsRoot, .rbRoot, .wsFolder, .rbFolder, .wsTask, .rbTask]
    /// True for the Recycle Bin scopes.
    public var isRecycleBin: Bool { rawValue.hasPrefix("Rb") }
}

/// Contact type: `Person | Group | Asset | Robot` (invitations may appear as `Invitation`).
public struct ContactType: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let person: Self = "Person"
    public static let group: Self = "Group"
    public static let asset: Self = "Asset"
    public static let robot: Self = "Robot"
    public static let invitation: Self = "Invitation"
    public static let known: [Self] = [.person, .group, .asset, .robot]
}

/// Attachment storage type.
public struct AttachmentType: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let wrike: Self = "Wrike"
    public static let google: Self = "Google"
    public static let dropBox: Self = "DropBox"
    public static let box: Self = "Box"
    public static let oneDrive: Self = "OneDrive"
    public static let external: Self = "External"
    public static let dam: Self = "DAM"
    public static let sharePoint: Self = "SharePoint"
    public static let whiteboard: Self = "Whiteboard"
    public static let known: [Self] = [.wrike, .google, .dropBox, .box, .oneDrive, .external, .dam, .sharePoint, .whiteboard]
}

/// Custom field type.
public struct CustomFieldType: OpenEnum, KnownValues {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let text: Self = "Text"
    public static let dropDown: Self = "DropDown"
    public static let numeric: Self = "Numeric"
    public static let currency: Self = "Currency"
    public static let percentage: Self = "Percentage"
    public static let date: Self = "Date"
    public static let duration: Self = "Duration"
    public static let checkbox: Self = "Checkbox"
    public static let contacts: Self = "Contacts"
    public static let multiple: Self = "Multiple"
    public static let calculatedNumeric: Self = "CalculatedNumeric"
    public static let calculatedDate: Self = "CalculatedDate"
    public static let linkToDatabase: Self = "LinkToDatabase"
    public static let known: [Self] = [.text, .dropDown, .numeric, .currency, .percentage, .date, .duration, .checkbox,
                                       .contacts, .multiple, .calculatedNumeric, .calculatedDate, .linkToDatabase]
}
