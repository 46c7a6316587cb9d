// Go-to's server-side task title search (`GET /tasks?title=…`: Wrike matches titles containing the
// text). Typing changes the query; the search waits until the typing pauses (`debounce`, measured
// on the state's ticks), a newer query makes the answer of an older one stale (its `generation` is
// dropped) and cancels the request still out (the runner's `.goTo(.cancelSearch)`).
import Foundation
import TermText
import WrikeAPI

/// A task the title search found, as go-to lists it (sanitized).
public struct GoToTaskHit: Sendable, Equatable {
    public var id: String
    public var title: String
    public var status: String
}

/// The go-to feature's effects (the runner's `EffectRunner+GoTo.swift`).
public enum GoToEffect: Sendable, Equatable {
    /// Tasks whose title contains `query` (one request; the runner cancels an older one still out).
    case search(query: String, generation: Int)
    /// The query changed: the request still out is cancelled.
    case cancelSearch
}

/// The go-to feature's events.
public enum GoToEvent: Sendable {
    case searchResults(query: String, generation: Int, Result<[WrikeTask], ServiceFailure>)
}

public struct GoToSearch: Sendable, Equatable {
    /// The pause in typing after which the query is searched.
    public static let debounce: TimeInterval = 0.25
    /// Shorter queries are not searched (too many titles hold one letter).
    public static let minLength = 2
    /// At most this many tasks per answer (`WrikeClient.searchTasks`' limit).
    public static let resultLimit = 50

    public enum Phase: Sendable, Equatable {
        /// Nothing to search (an empty or short query, a permalink, an id).
        case idle
        /// Waiting for the typing to pause.
        case waiting
        case searching
        case answered
        case failed(String)
    }

    /// Bumped by every change of the query: an answer of an older generation is dropped.
    public private(set) var generation = 0
    /// The query to search once the typing pauses.
    public private(set) var pending: String?
    /// When `pending` is searched; set by the first tick after the last keystroke.
    public private(set) var due: Date?
    /// Whether a request is out.
    public private(set) var inFlight = false
    public private(set) var phase: Phase = .idle
    /// The query `hits` answer (nil: none yet).
    public private(set) var answered: String?
    public private(set) var hits: [GoToTaskHit] = []

    public init() {}

    /// Whether the query goes to the server: long enough, and not a permalink or an API id (those have
    /// their own row).
    public static func searchable(_ q: String) -> Bool {
        q.count >= minLength && GoTo.permalinkNumber(q) == nil && !GoTo.looksLikeAPIId(q)
    }

    /// The query changed (typed, deleted, pasted). Returns what the runner must do now.
    mutating func queryChanged(_ query: String) -> [GoToEffect] {
        generation += 1
        let effects: [GoToEffect] = inFlight ? [.cancelSearch] : []
        inFlight = false
        due = nil
        let q = query.trimmingCharacters(in: .whitespaces)
        if Self.searchable(q) {
            if answeredCovers(q) {
                pending = nil
                phase = .answered
            } else {
                pending = q
                phase = .waiting
            }
        } else {
            pending = nil
            phase = .idle
        }
        return effects
    }

    /// Whether the last answer holds every task whose title contains `q`: it answered `q` or a part
    /// of it, and was not cut at the limit.
    func answeredCovers(_ q: String) -> Bool {
        guard let a = answered else { return false }
        if a.caseInsensitiveCompare(q) == .orderedSame { return true }
        return hits.count < Self.resultLimit && q.range(of: a, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }

    /// The clock moved: the search starts once `debounce` has passed since the first tick after the
    /// last keystroke.
    mutating func tick(_ now: Date) -> [GoToEffect] {
        guard let q = pending else { return [] }
        guard let d = due else {
            due = now.addingTimeInterval(Self.debounce)
            return []
        }
        guard now >= d else { return [] }
        pending = nil
        due = nil
        inFlight = true
        phase = .searching
        return [.search(query: q, generation: generation)]
    }

    /// Whether the clock should tick soon (a search is waiting for its pause).
    public var waitingForPause: Bool { pending != nil }

    /// An answer; false when it is stale (an older generation) and was dropped.
    mutating func answer(_ query: String, generation g: Int, _ result: Result<[WrikeTask], ServiceFailure>,
                         directory: Directory) -> Bool {
        guard g == generation else { return false }
        inFlight = false
        switch result {
        case .success(let tasks):
            answered = query
            hits = tasks.map { t in
                GoToTaskHit(id: t.id, title: Sanitizer.cleanLine(t.title), status: directory.status(of: t).name)
            }
            phase = .answered
        case .failure(let f):
            phase = .failed(f.message)
        }
        return true
    }

    /// The hits that still match `query`: a title holding a longer query also holds the shorter one
    /// answered, so the hits of "lap" narrowed to "laptop" are exact (up to the answer's limit).
    func hits(matching query: String) -> [GoToTaskHit] {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard let a = answered, Self.searchable(q), q.range(of: a, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        else { return [] }
        return hits.filter { $0.title.range(of: q, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
    }

    /// The line said under the task rows (nil: nothing to say).
    func note(for query: String) -> String? {
        let q = query.trimmingCharacters(in: .whitespaces)
        switch phase {
        case .idle: return nil
        case .waiting, .searching: return "Searching task titles for “\(q)”…"
        case .answered: return hits(matching: q).isEmpty ? "No task title contains “\(q)”." : nil
        case .failed(let m): return "Task titles not searched: \(m)"
        }
    }
}
