import Foundation

/// Attachment metadata (kind `attachments`). `size` is -1 for external files.
public struct Attachment: Codable, Sendable, Hashable {
    public var id: String
    public var authorId: String?
    public var name: String
    public var createdDate: String?
    public var version: Int?
    public var type: AttachmentType?
    public var contentType: String?
    public var size: Int?
    public var taskId: String?
    public var folderId: String?
    public var commentId: String?
    public var currentAttachmentId: String?
    public var previewUrl: String?
    public var url: String?
    public var reviewIds: [String]?
    public var width: Int?
    public var height: Int?

    public init(
        id: String,
        authorId: String? = nil,
        name: String,
        createdDate: String? = nil,
        version: Int? = nil,
        type: AttachmentType? = nil,
        contentType: String? = nil,
        size: Int? = nil,
        taskId: String? = nil,
        folderId: String? = nil,
        commentId: String? = nil,
        currentAttachmentId: String? = nil,
        previewUrl: String? = nil,
        url: String? = nil,
        reviewIds: [String]? = nil,
        width: Int? = nil,
        height: Int? = nil
    ) {
        self.id = id
        self.authorId = authorId
        self.name = name
        self.createdDate = createdDate
        self.version = version
        self.type = type
        self.contentType = contentType
        self.size = size
        self.taskId = taskId
        self.folderId = folderId
        self.commentId = commentId
        self.currentAttachmentId = currentAttachmentId
        self.previewUrl = previewUrl
        self.url = url
        self.reviewIds = reviewIds
        self.width = width
        self.height = height
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        authorId = try c.decodeIfPresent(String.self, forKey: .authorId)
        name = try c.decode(String.self, forKey: .name)
        createdDate = try c.decodeIfPresent(String.self, forKey: .createdDate)
        version = try c.decodeLenientIntIfPresent(forKey: .version)
        type = try c.decodeIfPresent(AttachmentType.self, forKey: .type)
        contentType = try c.decodeIfPresent(String.self, forKey: .contentType)
        size = try c.decodeLenientIntIfPresent(forKey: .size)
        taskId = try c.decodeIfPresent(String.self, forKey: .taskId)
        folderId = try c.decodeIfPresent(String.self, forKey: .folderId)
        commentId = try c.decodeIfPresent(String.self, forKey: .commentId)
        currentAttachmentId = try c.decodeIfPresent(String.self, forKey: .currentAttachmentId)
        previewUrl = try c.decodeIfPresent(String.self, forKey: .previewUrl)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        reviewIds = try c.decodeIfPresent([String].self, forKey: .reviewIds)
        width = try c.decodeIfPresent(Int.self, forKey: .width)
        height = try c.decodeIfPresent(Int.self, forKey: .height)
    }
}
