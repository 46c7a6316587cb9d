// Links and files: the task opened in a browser, its attachments downloaded (with progress, cancellable)
// and opened, or their access links copied. The values the core trades with the runtime (`LinksRunner`).
// See docs/links.md.
import Foundation
import WrikeAPI

/// What to open in a program of the user's desktop.
public enum ExternalTarget: Sendable, Equatable {
    case url(String)
    case file(path: String)
}

/// The attachment keys (Keymap rows `next-attachment`, `download-attachment`, `copy-attachment-link`).
public enum LinksIntent: Sendable, Equatable {
    /// Select the next (1) or previous (-1) attachment of the open task.
    case selectAttachment(Int)
    /// Select the attachment at this index (a mouse click on its row).
    case selectAttachmentAt(Int)
    /// Download the selected attachment; on the one downloading: cancel it.
    case download
    case copyAttachmentLink
}

public enum LinksEffect: Sendable, Equatable {
    /// `$BROWSER` / `xdg-open` (ExternalOpener); the answer comes back as `.opened`.
    case launch(ExternalTarget)
    /// Stream the attachment's bytes to a new file in the download directory.
    case download(AttachmentDownload)
    case cancelDownload(token: Int)
    /// `GET /attachments/{id}/url`, then copied.
    case attachmentLink(attachmentId: String, name: String)
}

public enum LinksEvent: Sendable, Equatable {
    /// `error` nil: started; else what went wrong in plain words.
    case opened(ExternalTarget, error: String?)
    case progress(token: Int, received: Int64)
    case downloaded(token: Int, path: String, bytes: Int64)
    case downloadFailed(token: Int, message: String)
    case downloadCancelled(token: Int)
    case attachmentLink(name: String, Result<String, ServiceFailure>)
}

extension LinksEffect {
    /// The answer while signed out: Wrike's reads fail at once; opening and cancelling stay local.
    func signedOut(_ failure: ServiceFailure) -> [Event]? {
        switch self {
        case .launch, .cancelDownload: nil
        case .download(let d): [.links(.downloadFailed(token: d.token, message: failure.message))]
        case .attachmentLink(_, let name): [.links(.attachmentLink(name: name, .failure(failure)))]
        }
    }
}

/// One download: which attachment, under what (display) name, how far.
public struct AttachmentDownload: Sendable, Equatable {
    public var attachmentId: String
    /// The server's name (the runtime makes it safe before creating a file).
    public var name: String
    /// Bytes expected (Wrike's `size`), when known.
    public var size: Int64?
    public var token: Int
    public var received: Int64 = 0

    public init(attachmentId: String, name: String, size: Int64?, token: Int) {
        self.attachmentId = attachmentId
        self.name = name
        self.size = size
        self.token = token
    }
}

/// The feature's state (in `AppState.links`).
public struct LinksState: Sendable, Equatable {
    /// The selected attachment's id (of the open task: `AppState.selectedAttachment`), shown marked.
    public var selectedAttachment: String?
    /// The download under way (one at a time).
    public var download: AttachmentDownload?
    /// A key pressed before the open task's attachments were read (LinksPending.swift).
    public var pending: PendingAttachmentAction?
    var nextToken = 1
    public init() {}
}

extension LinksState {
    /// "1.2 MB of 3.4 MB (35%)" / "120 KB".
    public static func progressWords(received: Int64, size: Int64?) -> String {
        let got = AppState.formatSize(Int(clamping: received))
        guard let size, size > 0 else { return got }
        let pct = Int(min(100, received * 100 / size))
        return "\(got) of \(AppState.formatSize(Int(clamping: size))) (\(pct)%)"
    }
}
