// An attachment key pressed while the open task's attachments are still being read: it is kept and done
// when they arrive (download, copy its link, select the first), and dropped when another task is opened.
// See docs/links.md.

/// The attachment key waiting for the open task's attachments.
public struct PendingAttachmentAction: Sendable, Equatable {
    public var taskId: String
    public var intent: LinksIntent
}

extension AppState {
    /// The first key of `action`, for the status line's words.
    func linksKey(_ action: Action) -> String { keymap.keyName(action, ascii: true) ?? action.rawValue }

    /// `intent` found no attachment to act on: none there, none readable, or not read yet (then it waits).
    mutating func attachmentsNotThere(for intent: LinksIntent) -> [Effect] {
        switch detail.attachmentsStatus {
        case .loaded:
            status.lastError = "This task has no attachments."
        case .failed(let why):
            status.lastError = "The attachments could not be read: \(why) (\(linksKey(.refresh)) reads them again)"
        case .loading, .notLoaded:
            guard let id = detail.taskId else { return [] }
            features.links.pending = PendingAttachmentAction(taskId: id, intent: intent)
            let title = taskTitle(id)
            let of = title.isEmpty ? "" : " of “\(title)”"
            status.message = "Reading the attachments\(of)… " + Self.pendingWords(intent)
        }
        return []
    }

    /// What will happen once the attachments arrive.
    static func pendingWords(_ intent: LinksIntent) -> String {
        switch intent {
        case .download: "The download starts when they arrive."
        case .copyAttachmentLink: "Its link is copied when they arrive."
        case .selectAttachment(let n): n < 0 ? "The last is selected when they arrive." : "The first is selected when they arrive."
        case .selectAttachmentAt: "It is selected when they arrive."
        }
    }

    /// The open task's attachments were read (or failed): the key that waited for them is done now.
    /// The focus stays where the user put it meanwhile.
    mutating func attachmentsArrived(taskId: String) -> [Effect] {
        guard let p = features.links.pending, p.taskId == taskId, detail.taskId == taskId,
              !detail.attachmentsStatus.isLoading else { return [] }
        features.links.pending = nil
        let keep = focus
        let effects = linksIntent(p.intent)
        focus = keep
        return effects
    }

    /// Another task is opened in the detail: a key waiting for the last one's attachments is dropped.
    mutating func dropPendingAttachmentAction(opening id: String) {
        guard let p = features.links.pending, p.taskId != id else { return }
        features.links.pending = nil
        let title = taskTitle(p.taskId)
        let what: String = switch p.intent {
        case .download: "download"
        case .copyAttachmentLink: "link"
        case .selectAttachment, .selectAttachmentAt: "attachment"
        }
        status.message = "The \(what) waiting for the attachments\(title.isEmpty ? "" : " of “\(title)”") was dropped: another task is open."
    }
}
