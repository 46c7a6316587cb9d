// Sending a comment or a time log: a POST that is not idempotent. A pure state machine decides what
// happens after each answer, and a resolver decides, from a re-read of the task, whether a send whose
// answer was lost landed. Nothing here ever sends twice on its own. See docs/actions.md.
import Foundation
import WrikeAPI

/// Where a send stands.
public enum SendPhase: Sendable, Equatable {
    /// Not sent (or sent and refused): the text can be edited and sent.
    case editing
    /// The POST is in flight (the draft was saved with state `sending` before it left).
    case sending(startedAt: Date)
    /// Wrike created it: the draft is deleted.
    case confirmed(entityId: String)
    /// It did not land (refused by Wrike, never left, or not found after a lost answer): retry allowed.
    case failed(message: String)
    /// The request left but no answer came back. A new send is not allowed until this is resolved.
    case unknown(startedAt: Date, message: String)
    /// Re-reading the task's comments or time logs to learn whether the lost send landed.
    case resolving(startedAt: Date)
}

/// What happened to a request, as the effect runner reports it.
public enum SendEvent: Sendable, Equatable {
    /// Wrike answered with the created entity.
    case created(entityId: String)
    /// Provably not applied: Wrike answered with an error (4xx, 429, 503), or the request never left.
    case notSent(message: String)
    /// Sent, or possibly sent, without a usable answer (timeout, reset, truncated body, 500/502/504).
    case outcomeUnknown(message: String)
    /// The re-read found it.
    case resolvedFound(entityId: String)
    /// The re-read did not find it: it did not land.
    case resolvedNotFound
    /// The re-read itself failed (offline?): still unknown.
    case resolveFailed(message: String)
    /// The re-read says the task is gone (deleted, or no longer visible): nothing can land on it.
    case taskGone(message: String)
    /// The re-read came before "me" was known: nothing in it can be proved ours yet; check again once known.
    case waitForUser
}

/// Work the machine asks the effect runner to do, in order.
public enum SendEffect: Sendable, Equatable {
    /// Save the draft with this state (and `lastError`, attempts, `sendStartedAt` from the tracker).
    /// Before `.post` it must complete first: the draft is on disk before the request leaves.
    case saveDraft(Draft.State)
    /// Send the POST (once).
    case post
    /// Re-read the task's comments / time logs (a GET: safe to repeat) and call `OutcomeResolver`.
    case reread(since: Date)
    /// Wrike has it: delete the draft file.
    case deleteDraft
}

/// The state machine for one draft's send. Pure: `now` is passed in.
///
/// A lost answer is never taken for "did not arrive" while the request can still arrive: each send has a
/// deadline (`requestWindow` after it started; the effect runner abandons the request then, so nothing
/// of it leaves later), kept in the draft on disk. A re-read that does not find the send before the
/// deadline plus `settleMargin` says "may still arrive" and schedules the next look itself (`nextCheck`,
/// driven by ticks); only a read after that time may conclude "did not reach Wrike".
public struct SendTracker: Sendable, Equatable {
    public private(set) var phase: SendPhase
    /// Send attempts so far (each `.post`).
    public private(set) var attempts: Int
    /// The last failure or unknown-outcome message (written to the draft's `lastError`).
    public private(set) var lastError: String?
    /// The latest moment the last send's request can leave this machine (saved in the draft).
    public private(set) var deadline: Date?
    /// When an unknown outcome is looked at again by itself (nil: no check scheduled).
    public private(set) var nextCheck: Date?
    /// The last re-read failed (offline, server error): the outcome cannot be learned for now.
    public private(set) var checkFailed = false
    /// Clock skew allowed between this machine and Wrike when matching by `createdDate`.
    public static let skew: TimeInterval = 300
    /// A write's time limit: the effect runner abandons the request this long after the send started.
    public static let requestWindow: TimeInterval = 30
    /// Added to the deadline before "not found" may mean "did not arrive": Wrike may still be working on
    /// a request it received, and the clock may have been set between a kill and the next start.
    public static let settleMargin: TimeInterval = 30
    /// How often a send that may still arrive is looked for again.
    public static let recheckInterval: TimeInterval = 5
    /// How long after a failed re-read (offline, server error) the next one starts.
    public static let failedCheckInterval: TimeInterval = 15

    public init() {
        phase = .editing
        attempts = 0
    }

    /// Resumes from a draft found on disk. A draft saved as `sending` or `unknownOutcome` means the app
    /// stopped without learning the outcome: it starts unknown, due for a check, and must be resolved
    /// before sending. A draft written before deadlines were kept gets one from its send start.
    public init(resuming draft: Draft) {
        attempts = draft.attempts
        lastError = draft.lastError
        switch draft.state {
        case .editing: phase = .editing
        case .failed: phase = .failed(message: draft.lastError ?? "The last send failed.")
        case .sending, .unknownOutcome:
            let start = draft.sendStartedAt ?? draft.updated
            deadline = draft.deadline ?? start.addingTimeInterval(Self.requestWindow)
            nextCheck = .distantPast
            phase = .unknown(startedAt: start, message: "The app stopped while sending; checking whether it arrived.")
        }
    }

    /// The text may be changed (not while a send is in flight or its outcome unknown).
    public var canEdit: Bool {
        switch phase {
        case .editing, .failed: true
        case .sending, .confirmed, .unknown, .resolving: false
        }
    }

    /// A send (or a retry) may start now.
    public var canSend: Bool { canEdit }

    /// The message to show next to the draft, if any.
    public var message: String? {
        switch phase {
        case .editing, .confirmed: nil
        case .sending: "Sending…"
        case .failed(let m): m
        case .unknown(_, let m): m + " It is never sent twice."
        case .resolving: "Checking whether it arrived…"
        }
    }

    /// When the last send started (for the draft file and for resolving).
    public var sendStartedAt: Date? {
        switch phase {
        case .sending(let d), .unknown(let d, _), .resolving(let d): d
        case .editing, .confirmed, .failed: nil
        }
    }

    /// From this moment a re-read that does not find the send proves it did not arrive.
    public var settlesAt: Date? { deadline.map { $0.addingTimeInterval(Self.settleMargin) } }

    /// An unknown outcome whose scheduled check is due at `now`.
    public func isCheckDue(now: Date) -> Bool {
        guard case .unknown = phase, let next = nextCheck else { return false }
        return next <= now
    }

    /// The send key. Returns the effects, or `[]` when a send is not allowed now.
    public mutating func send(now: Date) -> [SendEffect] {
        guard canSend else { return [] }
        attempts += 1
        phase = .sending(startedAt: now)
        deadline = now.addingTimeInterval(Self.requestWindow)
        nextCheck = nil
        return [.saveDraft(.sending), .post]
    }

    /// Starts (or repeats) the re-read of an unknown outcome.
    public mutating func resolve() -> [SendEffect] {
        guard case .unknown(let start, _) = phase else { return [] }
        phase = .resolving(startedAt: start)
        nextCheck = nil
        checkFailed = false
        return [.reread(since: start.addingTimeInterval(-Self.skew))]
    }

    /// Feeds an answer that came at `now`. Events that do not fit the phase (a late answer) are ignored: `[]`.
    public mutating func handle(_ event: SendEvent, now: Date) -> [SendEffect] {
        switch (phase, event) {
        case (.sending, .created(let id)):
            phase = .confirmed(entityId: id)
            return [.deleteDraft]
        case (.sending, .notSent(let m)):
            phase = .failed(message: m)
            lastError = m
            return [.saveDraft(.failed)]
        case (.sending(let start), .outcomeUnknown(let m)):
            phase = .resolving(startedAt: start)
            lastError = m
            return [.saveDraft(.unknownOutcome), .reread(since: start.addingTimeInterval(-Self.skew))]
        case (.resolving, .resolvedFound(let id)):
            phase = .confirmed(entityId: id)
            return [.deleteDraft]
        case (.resolving(let start), .resolvedNotFound):
            if let settle = settlesAt, now < settle {
                // The same sentence at every look (the status line's history records it once).
                phase = .unknown(startedAt: start, message: "Not in Wrike yet, but it may still arrive: looking again "
                                 + "by itself every \(Int(Self.recheckInterval)) s until it is sure.")
                nextCheck = min(now.addingTimeInterval(Self.recheckInterval), settle)
                return []
            }
            phase = .failed(message: "It did not reach Wrike. Safe to send again.")
            lastError = "It did not reach Wrike. Safe to send again."
            return [.saveDraft(.failed)]
        case (.resolving, .taskGone(let m)):
            phase = .failed(message: m)
            lastError = m
            return [.saveDraft(.failed)]
        case (.resolving(let start), .resolveFailed(let m)):
            let wait = Int(Self.failedCheckInterval)
            phase = .unknown(startedAt: start, message: "Could not check whether it arrived (\(Self.clause(m))); "
                             + "looking again in \(wait) s.")
            nextCheck = now.addingTimeInterval(Self.failedCheckInterval)
            checkFailed = true
            return []
        case (.resolving, .waitForUser):
            awaitUser(now: now)
            return []
        case (.editing, _), (.confirmed, _), (.failed, _), (.unknown, _),
             (.sending, .resolvedFound), (.sending, .resolvedNotFound), (.sending, .resolveFailed),
             (.sending, .taskGone), (.sending, .waitForUser),
             (.resolving, .created), (.resolving, .notSent), (.resolving, .outcomeUnknown):
            return []
        }
    }

    /// Nothing can be proved ours before "me" is known: the check waits for it (due as soon as it is).
    public mutating func awaitUser(now: Date) {
        guard let start = sendStartedAt, phase != .sending(startedAt: start) else { return }
        phase = .unknown(startedAt: start, message: "Checking whether it arrived once your Wrike user is known…")
        nextCheck = now
    }

    /// A message as a clause inside a sentence: no final period, no trailing space.
    static func clause(_ m: String) -> String {
        var s = m.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = s.last, last == "." || last == "!" { s.removeLast() }
        return s.isEmpty ? "no reason given" : s
    }

    /// The user edited the text after a failure: back to editing.
    public mutating func edited() {
        if case .failed = phase { phase = .editing }
    }

    /// Applies the tracker's state to a draft before saving it.
    public func stamp(_ draft: Draft, state: Draft.State, now: Date) -> Draft {
        var d = draft
        d.state = state
        d.attempts = attempts
        d.updated = now
        d.sendStartedAt = sendStartedAt ?? d.sendStartedAt
        d.deadline = deadline ?? d.deadline
        d.lastError = lastError
        if case .confirmed(let id) = phase { d.entityId = id }
        return d
    }

    /// Classifies an HTTP status from a POST: 2xx created; 400-499 (including 429) and 503 were not
    /// applied; anything else (500, 502, 504...) is unknown.
    public static func classify(status: Int) -> SendEventKind {
        switch status {
        case 200..<300: .created
        case 400..<500, 503: .notSent
        default: .unknown
        }
    }

    public enum SendEventKind: Sendable, Equatable { case created, notSent, unknown }
}
