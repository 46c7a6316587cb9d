// Retrying the first loads by itself: when the startup read (workflows, spaces), the names (account,
// contacts: read after the first frame), a space's folders or the open list's first page
// could not be read for a reason that may pass (503 and other 5xx, 429, network) even after the
// client's own retries, the app tries again with a growing delay, shown in the status line
// ("Wrike unavailable, retrying in 8 s — r to retry now"). Reads only: a write (POST, PUT, DELETE) is
// never repeated here. See docs/reliability.md.
import Foundation

/// A scheduled retry of the failed first loads.
public struct AutoRetry: Sendable, Hashable {
    /// Retries already made in this run of failures (0 before the first).
    public var attempt: Int
    /// When the next retry goes out; nil while one is in flight.
    public var due: Date?
    /// "Wrike unavailable", "Cannot reach Wrike" or "Rate limited by Wrike".
    public var reason: String

    /// Seconds before retry number `attempt` (0-based): 4, 8, 16, 32, then every 60.
    public static func delay(attempt: Int) -> TimeInterval {
        min(60, 4 * pow(2, Double(min(attempt, 10))))
    }
}

extension AppState {
    /// The status line while a retry is scheduled.
    func autoRetryLine(_ r: AutoRetry) -> String {
        let left = max(1, Int((r.due ?? now).timeIntervalSince(now).rounded(.up)))
        return "\(r.reason), retrying in \(left) s — r to retry now"
    }

    /// A first load failed: schedules the next retry when the failure may pass (keeps an earlier one).
    mutating func scheduleAutoRetry(after f: ServiceFailure) {
        guard f.retryable else { return }
        if let r = session.autoRetry, r.due != nil { return }
        let attempt = session.autoRetry.map { $0.attempt + 1 } ?? 0
        let reason = f.message.hasPrefix("Cannot reach") ? "Cannot reach Wrike"
            : f.message.hasPrefix("Rate limited") ? "Rate limited by Wrike" : "Wrike unavailable"
        let r = AutoRetry(attempt: attempt, due: now.addingTimeInterval(AutoRetry.delay(attempt: attempt)), reason: reason)
        session.autoRetry = r
        status.lastError = autoRetryLine(r)
    }

    /// A first load succeeded: the run of failures is over once no retry is waiting.
    mutating func autoRetrySucceeded() {
        if let r = session.autoRetry, r.due == nil { session.autoRetry = nil }
    }

    /// On every tick: updates the countdown, and when it is due re-issues the failed loads.
    mutating func autoRetryTick() -> [Effect] {
        guard var r = session.autoRetry, let due = r.due else { return [] }
        guard now >= due else {
            status.updateError(autoRetryLine(r))
            return []
        }
        r.due = nil
        session.autoRetry = r
        status.lastError = nil
        var effects: [Effect] = []
        if case .failed = session.bootstrap {
            session.bootstrap = .loading
            effects.append(.loadBootstrap)
        }
        for (space, load) in tree.spaceLoad.sorted(by: { $0.key < $1.key }) {
            if case .failed = load {
                tree.spaceLoad[space] = .loading
                effects.append(.loadTree(spaceId: space))
            }
        }
        if case .failed = session.directoryStatus {
            session.directoryStatus = .loading
            effects.append(.loadDirectory)
        }
        if list.source != nil, case .failed = list.status {
            list.generation += 1
            list.status = .loading
            effects += loadListFirstPage(size: Self.firstPageSize)
        }
        if effects.isEmpty { session.autoRetry = nil }
        status.message = effects.isEmpty ? nil : "Retrying…"
        return effects
    }
}
