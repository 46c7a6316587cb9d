// The links feature's effects: opening a link or file (ExternalOpener, off the loop's thread), downloads
// streamed to a part file in the download directory (progress posted at most every 100 ms, cancellable,
// the part file removed on failure), and attachment links. See docs/links.md.
import Browser
import Foundation
import Platform
import Synchronization
import WrikeAPI

/// Downloads and attachment links: what `ClientService` adds to `WrikeService`.
public protocol WrikeFiles: Sendable {
    /// Streams the file's bytes to `sink` as they arrive.
    func downloadAttachment(_ id: String, to sink: @escaping @Sendable (Data) throws -> Void) async throws
    /// `GET /attachments/{id}/url`.
    func attachmentURL(_ id: String) async throws -> String
}

extension ClientService: WrikeFiles {
    public func downloadAttachment(_ id: String, to sink: @escaping @Sendable (Data) throws -> Void) async throws {
        try await client.downloadAttachment(id, to: sink)
        try Task.checkCancellation()
    }
    public func attachmentURL(_ id: String) async throws -> String { try await client.attachmentURL(id) }
}

public final class LinksRunner: Sendable {
    /// The environment for `$BROWSER`, the display, `$XDG_DOWNLOAD_DIR` and the home directory.
    public let environment: [String: String]
    /// How long a launch waits for the opener to exit (a program still running then counts as opened).
    let openerWait: TimeInterval
    private let downloads = Mutex<[Int: Task<Void, Never>]>([:])

    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(environment: environment, openerWait: 3)
    }

    public init(environment: [String: String], openerWait: TimeInterval) {
        self.environment = environment
        self.openerWait = openerWait
    }

    /// Starts the effect's work; returns its task (tests await it).
    @discardableResult
    public func perform(_ effect: LinksEffect, service: any WrikeService, post: @escaping @Sendable (Event) -> Void) -> Task<Void, Never>? {
        let env = environment
        let wait = openerWait
        switch effect {
        case .launch(let target):
            return Task.detached {
                let what = switch target {
                case .url(let u): u
                case .file(let p): p
                }
                // The opener waits for the program (3 s): on its own thread, not the pool's.
                let outcome = await OwnThread.run { ExternalOpener.open(what, environment: env, wait: wait) }
                if case .opened = outcome { post(.links(.opened(target, error: nil))) }
                else { post(.links(.opened(target, error: outcome.sentence))) }
            }
        case .cancelDownload(let token):
            downloads.withLock { $0[token] }?.cancel()
            return nil
        case .attachmentLink(let id, let name):
            return Task.detached {
                let r: Result<String, ServiceFailure>
                do {
                    guard let files = service as? any WrikeFiles else { throw ServiceFailure("This connection cannot read files.") }
                    r = .success(try await files.attachmentURL(id))
                } catch { r = .failure(ServiceFailure.from(error)) }
                post(.links(.attachmentLink(name: name, r)))
            }
        case .download(let d):
            let dir = DownloadDirectory.resolve(environment: env, paths: XDGPaths(environment: env))
            let task = Task.detached { [self] in
                post(.links(await Self.download(d, into: dir, service: service, post: post)))
                _ = downloads.withLock { $0.removeValue(forKey: d.token) }
            }
            downloads.withLock { $0[d.token] = task }
            return task
        }
    }

    /// Downloads into a part file, links it under a free name; the event that ends it.
    static func download(_ d: AttachmentDownload, into dir: String, service: any WrikeService,
                         post: @escaping @Sendable (Event) -> Void) async -> LinksEvent {
        guard let files = service as? any WrikeFiles else {
            return .downloadFailed(token: d.token, message: "This connection cannot read files.")
        }
        let file: DownloadFile
        do { file = try DownloadFile(directory: dir, name: DownloadFile.safeName(d.name)) } catch {
            return .downloadFailed(token: d.token, message: "Cannot write to \(dir): \(error.description).")
        }
        let lastPost = Mutex(ContinuousClock.now - .seconds(1))
        do {
            try await files.downloadAttachment(d.attachmentId) { chunk in
                try file.write(chunk)
                let due = lastPost.withLock { last in
                    guard ContinuousClock.now - last >= .milliseconds(100) else { return false }
                    last = .now
                    return true
                }
                if due { post(.links(.progress(token: d.token, received: file.written))) }
            }
            let path = try file.finish()
            return .downloaded(token: d.token, path: path, bytes: file.written)
        } catch is CancellationError {
            file.discard()
            return .downloadCancelled(token: d.token)
        } catch let e as FileWriteError {
            file.discard()
            return .downloadFailed(token: d.token, message: "Cannot write the file: \(e.description).")
        } catch {
            file.discard()
            if Task.isCancelled { return .downloadCancelled(token: d.token) }
            return .downloadFailed(token: d.token, message: ServiceFailure.from(error).message)
        }
    }
}
