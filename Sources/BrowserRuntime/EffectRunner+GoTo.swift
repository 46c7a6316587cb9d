// Go-to's title search (Features/GoTo/GoToSearch.swift) on the shared client: one search out at a
// time; a newer query cancels the one still out (its answer, if any, is stale and not posted).
import Browser
import Foundation
import WrikeAPI

/// The go-to title search still out, cancelled by the next go-to effect.
final class GoToSearchSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Task<Void, Never>?

    /// Cancels the search out and keeps `next` (nil: none) as the one out.
    func replace(with next: Task<Void, Never>?) {
        lock.lock()
        let old = current
        current = next
        lock.unlock()
        old?.cancel()
    }
}

extension EffectRunner {
    /// Starts a go-to effect: a search cancels the one still out and runs; `.cancelSearch` only cancels.
    func runGoTo(_ effect: GoToEffect, slot: GoToSearchSlot) -> Task<Void, Never>? {
        switch effect {
        case .cancelSearch:
            slot.replace(with: nil)
            return nil
        case .search:
            let service = self.service
            let post = self.post
            let task = Task.detached { if let e = await Self.performGoTo(effect, service: service) { post(e) } }
            slot.replace(with: task)
            return task
        }
    }

    /// Performs a go-to effect; nil when there is nothing to post (cancelled: a newer query took over).
    static func performGoTo(_ effect: GoToEffect, service: any WrikeService) async -> Event? {
        switch effect {
        case .search(let q, let generation):
            let r = await result { try await writer(service).searchTasks(title: q) }
            if Task.isCancelled { return nil }
            return .goTo(.searchResults(query: q, generation: generation, r))
        case .cancelSearch:
            return nil
        }
    }
}
