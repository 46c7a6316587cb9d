import Foundation

/// `POST /folders/{id}/tasks`: only the parameters that are set are sent. `title` is required.
public struct TaskCreate: Encodable, Sendable, Hashable {
    public var title: String
    /// HTML.
    public var description: String?
    public var importance: Importance?
    public var dates: TaskDates?
    public var responsibles: [String]?
    /// More folders besides the one in the path.
    public var parents: [String]?
    /// Makes it a subtask of these tasks.
    public var superTasks: [String]?
    public var customStatus: String?
    public var customFields: [CustomFieldUpdate]?

    public init(title: String, description: String? = nil, importance: Importance? = nil, dates: TaskDates? = nil,
                responsibles: [String]? = nil, parents: [String]? = nil, superTasks: [String]? = nil,
                customStatus: String? = nil, customFields: [CustomFieldUpdate]? = nil) {
        self.title = title
        self.description = description
        self.importance = importance
        self.dates = dates
        self.responsibles = responsibles
        self.parents = parents
        self.superTasks = superTasks
        self.customStatus = customStatus
        self.customFields = customFields
    }
}
