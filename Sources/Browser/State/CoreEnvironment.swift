// What the core takes from the machine, passed in by the runtime (`CoreEnvironment.live()` in
// BrowserRuntime): the user's calendar and time zone, and a prefix that keeps the ids the core gives
// (drafts) unique across app instances. The time itself comes with `.tick` (`AppState.now`); ids are the
// prefix, that time and a counter in the state, so the reducer stays deterministic.
import Foundation

public struct CoreEnvironment: Sendable {
    /// Days and dates ("today", "mon", a time log's date) are read in this calendar and its time zone.
    public var calendar: Calendar
    /// Unique to this app instance (the runtime picks it); letters, digits and `-` only.
    public var idPrefix: String
    /// A browser or file opener can be started here (`$BROWSER` is set or a display is there): `o` opens
    /// the task's link and a downloaded file is opened; else (over SSH) links are shown and copied.
    public var canOpenLocally = false

    public var timeZone: TimeZone {
        get { calendar.timeZone }
        set { calendar.timeZone = newValue }
    }

    public init(calendar: Calendar, idPrefix: String) {
        self.calendar = calendar
        self.idPrefix = idPrefix
    }

    /// A Gregorian calendar in `timeZone` (UTC by default) and a fixed prefix: for tests and tools.
    public init(timeZone: TimeZone = .gmt, idPrefix: String = "0") {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        self.init(calendar: c, idPrefix: idPrefix)
    }
}

extension AppState {
    /// A new draft id: `d<milliseconds>-<instance prefix>-<counter>` (letters, digits and `-`).
    mutating func newDraftId() -> String {
        actions.draftCount += 1
        let stamp = Int64(now.timeIntervalSince1970 * 1000)
        return "d\(stamp)-\(environment.idPrefix)-\(actions.draftCount)"
    }
}
