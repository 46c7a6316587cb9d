// A second writer for end-to-end tests: a comment by someone other than the token's user
// (`POST /__sandbox/comment {"taskId","authorId","text"}`), as a colleague's comment arrives in Wrike.
// The public API always writes as the token's user, so tests need this to mention "me" as someone else.
import Foundation
import WrikeAPI

extension SandboxControl {
    struct CommentSpec: Decodable {
        var taskId: String
        var authorId: String
        /// HTML, as Wrike keeps comments (mentions are markup).
        var text: String
    }
}

extension Sandbox {
    /// Adds `text` (HTML) to the task as `authorId`'s comment, now; nil when the task does not exist.
    public func addComment(taskId: String, authorId: String, text: String) -> Comment? {
        let stamp = WrikeDate.formatTimestamp(options.now())
        return state.withLock { s in
            guard s.tasks[taskId] != nil else { return nil }
            let c = Comment(id: s.newId("IM"), authorId: authorId, text: text, createdDate: stamp, updatedDate: stamp,
                            taskId: taskId, type: "Regular")
            s.tasks.update(taskId) { $0.updatedDate = stamp }
            s.comments.append(c)
            s.touch()
            return c
        }
    }
}
