import Foundation

/// An approval on a task or folder (kind `approvals`).
public struct Approval: Codable, Sendable, Hashable {
    public var id: String
    public var taskId: String?
    public var folderId: String?
    public var authorId: String?
    public var title: String?
    public var description: String?
    public var updatedDate: String?
    public var dueDate: String?
    public var decisions: [ApprovalDecision]?
    public var attachmentIds: [String]?
    public var type: ApprovalType?
    public var autoFinishOnApprove: Bool?
    public var autoFinishOnReject: Bool?
    public var finished: Bool?
    public var finisherId: String?
    public var status: ApprovalStatus?
    public var reviewId: String?

    public init(
        id: String,
        taskId: String? = nil,
        folderId: String? = nil,
        authorId: String? = nil,
        title: String? = nil,
        description: String? = nil,
        updatedDate: String? = nil,
        dueDate: String? = nil,
        decisions: [ApprovalDecision]? = nil,
        attachmentIds: [String]? = nil,
        type: ApprovalType? = nil,
        autoFinishOnApprove: Bool? = nil,
        autoFinishOnReject: Bool? = nil,
        finished: Bool? = nil,
        finisherId: String? = nil,
        status: ApprovalStatus? = nil,
        reviewId: String? = nil
    ) {
        self.id = id
        self.taskId = taskId
        self.folderId = folderId
        self.authorId = authorId
        self.title = title
        self.description = description
        self.updatedDate = updatedDate
        self.dueDate = dueDate
        self.decisions = decisions
        self.attachmentIds = attachmentIds
        self.type = type
        self.autoFinishOnApprove = autoFinishOnApprove
        self.autoFinishOnReject = autoFinishOnReject
        self.finished = finished
        self.finisherId = finisherId
        self.status = status
        self.reviewId = reviewId
    }
}

/// One approver's decision.
public struct ApprovalDecision: Codable, Sendable, Hashable {
    public var approverId: String
    public var comment: String?
    public var status: DecisionStatus?
    public var updatedDate: String?

    public init(
        approverId: String,
        comment: String? = nil,
        status: DecisionStatus? = nil,
        updatedDate: String? = nil
    ) {
        self.approverId = approverId
        self.comment = comment
        self.status = status
        self.updatedDate = updatedDate
    }
}
