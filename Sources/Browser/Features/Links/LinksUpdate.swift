// The links feature's reducer: `o` opens the task in a browser (or shows and copies its link where none can
// be started), the attachment keys select, download (again: cancel) and copy a link; the runtime's answers
// come back as `LinksEvent`. See docs/links.md.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    /// `o` on a task: the browser when one can be started here (`CoreEnvironment.canOpenLocally`);
    /// otherwise (over SSH) the link as an OSC 8 hyperlink on the status line, and copied (OSC 52).
    mutating func openLink(_ url: String) -> [Effect] {
        if environment.canOpenLocally {
            status.message = "Opening \(url) …"
            return [.links(.launch(.url(url)))]
        }
        status.message = url
        status.link = url
        return [.showHyperlink(url: url, text: url), .copyToClipboard(url)]
    }

    /// The open task's attachments, once read.
    var openAttachments: [Attachment] { detail.attachmentsStatus == .loaded ? detail.attachments : [] }

    /// The selected attachment (nil when none is, or it is not the open task's).
    public var selectedAttachment: Attachment? {
        guard let id = features.links.selectedAttachment else { return nil }
        return openAttachments.first { $0.id == id }
    }

    mutating func linksIntent(_ intent: LinksIntent) -> [Effect] {
        guard detail.taskId != nil else {
            status.lastError = "Open a task first."
            return []
        }
        let all = openAttachments
        guard !all.isEmpty else { return attachmentsNotThere(for: intent) }
        switch intent {
        case .selectAttachment(let n):
            let at = all.firstIndex { $0.id == features.links.selectedAttachment }
            let next = at.map { ($0 + n + all.count) % all.count } ?? (n >= 0 ? 0 : all.count - 1)
            selectAttachment(all[next])
        case .selectAttachmentAt(let i):
            if all.indices.contains(i) { selectAttachment(all[i]) }
        case .download:
            let a = selectedAttachment ?? all[0]
            selectAttachment(a)
            return download(a)
        case .copyAttachmentLink:
            let a = selectedAttachment ?? all[0]
            selectAttachment(a)
            status.message = "Asking Wrike for a link to \(Sanitizer.cleanLine(a.name))…"
            return [.links(.attachmentLink(attachmentId: a.id, name: a.name))]
        }
        return []
    }

    mutating func selectAttachment(_ a: Attachment) {
        features.links.selectedAttachment = a.id
        focus = .detail
        detail.scrollToSection = .attachments
        let size = a.size.map { $0 >= 0 ? " (\(Self.formatSize($0)))" : "" } ?? ""
        status.message = "\(Sanitizer.cleanLine(a.name))\(size): \(linksKey(.downloadAttachment)) downloads it, \(linksKey(.copyAttachmentLink)) copies a link to it."
    }

    mutating func download(_ a: Attachment) -> [Effect] {
        let name = Sanitizer.cleanLine(a.name)
        if let d = features.links.download {
            if d.attachmentId == a.id {
                status.message = "Cancelling the download of \(name)…"
                return [.links(.cancelDownload(token: d.token))]
            }
            status.lastError = "\(Sanitizer.cleanLine(d.name)) is downloading: \(linksKey(.downloadAttachment)) on it cancels it; one download at a time."
            return []
        }
        if (a.size ?? 0) < 0 || (a.type != nil && a.type != .wrike) {
            status.lastError = "\(name) is stored in \(a.type?.rawValue ?? "another service"), not in Wrike: \(linksKey(.copyAttachmentLink)) copies its link."
            return []
        }
        let d = AttachmentDownload(attachmentId: a.id, name: a.name, size: a.size.map { Int64($0) }, token: features.links.nextToken)
        features.links.nextToken += 1
        features.links.download = d
        status.message = "Downloading \(name)… (\(linksKey(.downloadAttachment)) again cancels)"
        return [.links(.download(d))]
    }

    mutating func linksEvent(_ event: LinksEvent) -> [Effect] {
        switch event {
        case .opened(let target, let error):
            let what: String = switch target {
            case .url(let u): u
            case .file(let p): p
            }
            if let error { status.lastError = "Cannot open \(what): \(error)" } else { status.message = "Opened \(what)" }
        case .progress(let token, let received):
            guard var d = features.links.download, d.token == token else { return [] }
            d.received = received
            features.links.download = d
            status.message = "Downloading \(Sanitizer.cleanLine(d.name)): "
                + LinksState.progressWords(received: received, size: d.size) + " (\(linksKey(.downloadAttachment)) again cancels)"
        case .downloaded(let token, let path, let bytes):
            guard let d = features.links.download, d.token == token else { return [] }
            features.links.download = nil
            let saved = "Saved \(Sanitizer.cleanLine(d.name)) (\(Self.formatSize(Int(clamping: bytes)))) to \(Sanitizer.cleanLine(path))"
            if environment.canOpenLocally {
                status.message = saved + "; opening it…"
                return [.links(.launch(.file(path: path)))]
            }
            status.message = saved + ". No display here: \(linksKey(.copyAttachmentLink)) copies a link to open it on your machine."
        case .downloadFailed(let token, let message):
            guard let d = features.links.download, d.token == token else { return [] }
            features.links.download = nil
            status.lastError = "The download of \(Sanitizer.cleanLine(d.name)) failed: \(message) Nothing was kept."
        case .downloadCancelled(let token):
            guard let d = features.links.download, d.token == token else { return [] }
            features.links.download = nil
            status.message = "The download of \(Sanitizer.cleanLine(d.name)) was cancelled; nothing was kept."
        case .attachmentLink(let name, .success(let url)):
            let clean = Sanitizer.cleanLine(url)
            status.message = "Copied a link to \(Sanitizer.cleanLine(name)) (it works without signing in, for 24 h)."
            return [.copyToClipboard(clean)]
        case .attachmentLink(let name, .failure(let f)):
            status.lastError = "No link to \(Sanitizer.cleanLine(name)): \(f.message)"
        }
        return []
    }
}
