// The status line: the client's sentence, the last error and message (the newest shown first), a
// permalink, and the history the `messages` key shows.
import Foundation

/// One message of the status line, kept in its history.
public struct StatusEntry: Sendable, Hashable {
    public var time: Date
    public var text: String
    public var isError: Bool
}

/// The status line.
public struct StatusState: Sendable, Hashable {
    /// What the client says about the connection (rate limited, offline, retrying...).
    public var client: String?
    /// The last error, in plain words. Setting it records it in `history`.
    public var lastError: String? {
        get { error }
        set {
            defer { error = newValue }
            set(newValue, isError: true, changed: newValue != error)
        }
    }
    /// A short confirmation ("Link copied"). Setting it records it in `history`.
    public var message: String? {
        get { note }
        set {
            defer { note = newValue }
            set(newValue, isError: false, changed: newValue != note)
        }
    }
    /// A permalink shown on the status line (the app makes it an OSC 8 hyperlink).
    public var link: String?
    /// The client is queueing or slowed down by the rate limiter (set by the app on each tick): the
    /// periodic revalidation waits.
    public var clientUnderPressure = false
    /// The client is neither failing nor being held back.
    public var isQuiet: Bool { client == nil && !clientUnderPressure }
    /// The newest messages and errors, oldest first, at most `historyLimit` (the `messages` key shows them).
    public private(set) var history: [StatusEntry] = []
    /// Whether `lastError` was set after `message` (the status line shows the newer one first).
    public private(set) var errorIsNewer = false
    /// The time new messages are recorded with: `AppState.now`, from the app's clock.
    public var clock = Date(timeIntervalSince1970: 0)
    public static let historyLimit = 50

    private var error: String?
    private var note: String?

    public init() {}

    /// Rewrites the error without recording it again (a countdown that updates its own line).
    public mutating func updateError(_ text: String?) { error = text }

    /// `lastError` and `message` that are set, the newest first.
    public var newestFirst: [(text: String, isError: Bool)] {
        let e = error.map { (text: $0, isError: true) }
        let m = note.map { (text: $0, isError: false) }
        return (errorIsNewer ? [e, m] : [m, e]).compactMap { $0 }
    }

    /// A message set again unchanged is the newest once more, but is recorded once.
    private mutating func set(_ text: String?, isError: Bool, changed: Bool) {
        guard let text, !text.isEmpty else { return }
        errorIsNewer = isError
        guard changed else { return }
        history.append(StatusEntry(time: clock, text: text, isError: isError))
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
    }
}
