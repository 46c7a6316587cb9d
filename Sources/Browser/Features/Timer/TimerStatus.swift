// What `wrike-tui timer status` prints: a line for people, or JSON with stable keys for shell prompts and
// tmux status bars. Pure: the record and the time are passed in.
import Foundation
import TermText

public struct TimerStatus: Sendable {
    public var record: TimerRecord?
    public var now: Date
    public init(record: TimerRecord?, now: Date) {
        self.record = record
        self.now = now
    }

    /// A title for one terminal line (the file could have been edited by hand).
    public static func clean(_ title: String) -> String { Sanitizer.cleanLine(String(title.prefix(80))) }

    static func iso(_ d: Date) -> String { WrikeDateFormat.iso(d) }

    /// "Timer: 1:05:09 on “Title” (ID) since 2026-12-06T12:00:00Z", or "No timer running.", and a line
    /// for a stopped timer whose time waits to be logged.
    public var text: String {
        var lines: [String] = []
        if let r = record?.running {
            lines.append("Timer: \(TimerMath.clock(TimerMath.elapsed(from: r.startedAt, to: now))) on “\(Self.clean(r.taskTitle))” "
                         + "(\(Self.clean(r.taskId))) since \(Self.iso(r.startedAt))")
        } else {
            lines.append("No timer running.")
        }
        if let s = record?.stopped, let end = s.stoppedAt {
            let minutes = Int((TimerMath.elapsed(from: s.startedAt, to: end) / 60).rounded())
            lines.append("Stopped, not logged yet: \(TimerMath.minutesText(minutes)) on “\(Self.clean(s.taskTitle))” (\(Self.clean(s.taskId))); "
                         + "`wrike-tui timer stop --log` logs it, `--discard` throws it away.")
        }
        return lines.joined(separator: "\n")
    }

    /// `{"elapsedSeconds":3909,"running":true,"startedAt":"…","stopped":null,"taskId":"…","title":"…"}`: every key
    /// always present (null when not running); `stopped` is `{taskId, title, seconds}` for time waiting to be logged.
    public var json: String {
        let r = record?.running
        var object: [String: Any] = [
            "running": r != nil,
            "taskId": r.map { $0.taskId as Any } ?? NSNull(),
            "title": r.map { Self.clean($0.taskTitle) as Any } ?? NSNull(),
            "startedAt": r.map { Self.iso($0.startedAt) as Any } ?? NSNull(),
            "elapsedSeconds": r.map { Int(TimerMath.elapsed(from: $0.startedAt, to: now)) as Any } ?? NSNull(),
        ]
        if let s = record?.stopped, let end = s.stoppedAt {
            object["stopped"] = ["taskId": s.taskId, "title": Self.clean(s.taskTitle),
                                 "seconds": Int(TimerMath.elapsed(from: s.startedAt, to: end))] as [String: Any]
        } else {
            object["stopped"] = NSNull()
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// ISO 8601 in UTC, whole seconds: `2026-12-06T12:00:00Z`.
enum WrikeDateFormat {
    static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }
}
