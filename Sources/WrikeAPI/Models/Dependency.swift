import Foundation

/// A dependency between two tasks (kind `dependencies`). `lagTime` in minutes (negative = lead).
public struct Dependency: Codable, Sendable, Hashable {
    public var id: String
    public var predecessorId: String
    public var successorId: String
    public var relationType: RelationType
    public var lagTime: Int?

    public init(
        id: String,
        predecessorId: String,
        successorId: String,
        relationType: RelationType,
        lagTime: Int? = nil
    ) {
        self.id = id
        self.predecessorId = predecessorId
        self.successorId = successorId
        self.relationType = relationType
        self.lagTime = lagTime
    }
}
