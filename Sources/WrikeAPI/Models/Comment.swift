import Foundation

/// A comment on a task or folder (kind `comments`). `text` is HTML unless requested with `plainText=true`.
public struct Comment: Codable, Sendable, Hashable {
    public var id: String
    public var authorId: String?
    public var text: String
    public var createdDate: String?
    public var updatedDate: String?
    public var taskId: String?
    public var folderId: String?
    public var type: String?
    public var emailSubject: String?
    public var direction: String?

    public init(
        id: String,
        authorId: String? = nil,
        text: String,
        createdDate: String? = nil,
        updatedDate: String? = nil,
        taskId: String? = nil,
        folderId: String? = nil,
        type: String? = nil,
        emailSubject: String? = nil,
        direction: String? = nil
    ) {
        self.id = id
        self.authorId = authorId
        self.text = text
        self.createdDate = createdDate
        self.updatedDate = updatedDate
        self.taskId = taskId
        self.folderId = folderId
        self.type = type
        self.emailSubject = emailSubject
        self.direction = direction
    }
}

/// Alias for code that also imports Swift Testing (whose `Comment` type shadows this one).
public typealias WrikeComment = Comment
