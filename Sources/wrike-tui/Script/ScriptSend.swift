// A comment or time log from the command line, sent the app's way: once. A lost answer is resolved by
// re-reading the task (the app's `SendTracker` and `OutcomeResolver`), never by sending again.
import Browser
import Foundation
import WrikeAPI

enum ScriptSend {
    struct Result {
        var entityId: String
        /// The answer was lost and the re-read found it.
        var foundByReading: Bool
    }

    /// `post` sends once and returns the created id; `reread` re-reads the task and returns the id of the one
    /// sent, if there (ids in `known` existed before the send).
    static func once(kind: Draft.Kind, post: @escaping @Sendable () async throws -> String,
                     reread: @escaping @Sendable (_ sentAt: Date) async throws -> String?) async throws -> Result {
        var tracker = SendTracker()
        // The command line keeps no draft (the text is the caller's): `.saveDraft` and `.deleteDraft` have
        // nothing to act on; `.post` and `.reread` are the steps below.
        var effects = tracker.send(now: Date())
        guard effects.contains(.post) else { throw ScriptFailure(exit: .refused, message: "Nothing was sent.") }
        do {
            let id = try await withDeadline(SendTracker.requestWindow, post)
            effects = tracker.handle(.created(entityId: id), now: Date())
        } catch {
            let failure = WriteFailure.from(error)
            if failure.outcome == .notApplied {
                var f = ScriptFailure.from(error)
                f.message = SendErrors.explain(kind: kind, status: failure.status, code: failure.code, message: failure.message)
                throw f
            }
            ScriptOutput.err("wrike-tui: no answer from Wrike; checking by reading whether it arrived (it is never sent twice)…")
            effects = tracker.handle(.outcomeUnknown(message: failure.message), now: Date())
        }
        return try await resolve(&tracker, effects: &effects, reread: reread)
    }

    /// Follows the tracker to the end: confirmed (at once, or found by re-reading), not arrived, or unknown
    /// after `maxFailedChecks` failed reads.
    static func resolve(_ tracker: inout SendTracker, effects: inout [SendEffect],
                        reread: @Sendable (Date) async throws -> String?, maxFailedChecks: Int = 3) async throws -> Result {
        var failedChecks = 0
        var read = false
        while true {
            if effects.contains(where: { if case .reread = $0 { true } else { false } }), let sentAt = tracker.sendStartedAt {
                let event: SendEvent
                read = true
                do {
                    event = try await reread(sentAt).map { .resolvedFound(entityId: $0) } ?? .resolvedNotFound
                } catch {
                    let f = ScriptFailure.from(error)
                    failedChecks += 1
                    if case .refused = f.exit { event = .taskGone(message: f.message) } else { event = .resolveFailed(message: f.message) }
                }
                effects = tracker.handle(event, now: Date())
            }
            switch tracker.phase {
            case .confirmed(let id):
                return Result(entityId: id, foundByReading: read)
            case .failed(let m):
                throw ScriptFailure(exit: .network, message: m)
            case .unknown(_, let m):
                if failedChecks >= maxFailedChecks {
                    throw ScriptFailure(exit: .network, message: m + " Giving up for now: check with `wrike-tui task` before sending again.")
                }
                let wait = max(0, (tracker.nextCheck ?? Date()).timeIntervalSinceNow)
                try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                effects = tracker.resolve()
            case .editing, .sending, .resolving:
                throw ScriptFailure(exit: .network, message: "The send's outcome is unknown; check with `wrike-tui task` before sending again.")
            }
        }
    }

    /// Runs `body`; after `seconds` it is cancelled and the outcome is unknown (the request may have left).
    static func withDeadline<T: Sendable>(_ seconds: TimeInterval, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw TransportError.outcomeUnknown("no answer within \(Int(seconds)) s")
            }
            return value
        }
    }
}
