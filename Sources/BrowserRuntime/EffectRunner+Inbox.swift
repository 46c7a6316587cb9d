// The inbox's effects (Features/Inbox): its polls on the shared client, its file through `InboxStore`.
import Foundation
import Browser
import WrikeAPI

extension InboxEffect {
    var isPoll: Bool {
        switch self {
        case .poll: true
        case .load, .save: false
        }
    }
}

extension EffectRunner {
    /// A poll on `service` (which must be able to read one); the file effects without a store: the inbox
    /// is kept in memory only (nothing on disk to read, nothing to write).
    static func performInbox(_ effect: InboxEffect, service: any WrikeService) async -> InboxEvent {
        switch effect {
        case .poll(let poll):
            return .polled(poll, await result {
                guard let reader = service as? any InboxReading else {
                    throw ServiceFailure("The inbox is not available on this connection.")
                }
                return try await reader.inboxAnswer(poll)
            })
        case .load, .save:
            return inboxFile(effect, store: nil)
        }
    }

    /// The file effects on `store`.
    static func inboxFile(_ effect: InboxEffect, store: InboxStore?) -> InboxEvent {
        switch effect {
        case .load: .loaded(store?.load() ?? .success(nil))
        case .save(let record): .saved(store?.save(record))
        case .poll(let poll): .polled(poll, .failure(ServiceFailure("An inbox poll is not a file effect.")))
        }
    }
}
