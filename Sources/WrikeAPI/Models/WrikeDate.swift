import Foundation

/// Wrike's two date shapes, parsed and formatted without `DateFormatter` (fast, thread-safe):
/// - timestamps `yyyy-MM-dd'T'HH:mm:ss'Z'` (UTC, seconds precision, no milliseconds):
///   `createdDate`, `updatedDate`, `completedDate`, comment and timelog dates;
/// - local dates `yyyy-MM-dd` or date-times `yyyy-MM-dd'T'HH:mm:ss` without a zone: task `dates`,
///   project `startDate`/`endDate`, timelog `trackedDate`, approval `dueDate`.
public enum WrikeDate {
    /// Parses `2019-02-18T11:17:43Z` (also accepts fractional seconds `…43.123Z`, dropped).
    public static func parseTimestamp(_ text: String) -> Date? {
        guard text.hasSuffix("Z"), let parts = components(text.dropLast()) else { return nil }
        guard parts.hasTime else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(parts.epochSeconds))
    }

    /// Formats as `2019-02-18T11:17:43Z` (seconds precision, UTC).
    public static func formatTimestamp(_ date: Date) -> String {
        format(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)), withTime: true) + "Z"
    }

    /// Parses a local `yyyy-MM-dd` or `yyyy-MM-dd'T'HH:mm:ss` in `timeZone` (default UTC).
    public static func parseLocal(_ text: String, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) -> Date? {
        guard let parts = components(Substring(text)) else { return nil }
        let local = parts.epochSeconds
        // Resolve the offset at the local instant (good enough around DST changes for display).
        let guess = Date(timeIntervalSince1970: TimeInterval(local))
        let offset = Int64(timeZone.secondsFromGMT(for: guess))
        return Date(timeIntervalSince1970: TimeInterval(local - offset))
    }

    /// Formats a local date `yyyy-MM-dd` in `timeZone` (default UTC).
    public static func formatDate(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) -> String {
        let offset = Int64(timeZone.secondsFromGMT(for: date))
        return format(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)) + offset, withTime: false)
    }

    /// Formats a local date-time `yyyy-MM-dd'T'HH:mm:ss` in `timeZone` (default UTC).
    public static func formatLocalDateTime(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) -> String {
        let offset = Int64(timeZone.secondsFromGMT(for: date))
        return format(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)) + offset, withTime: true)
    }

    /// True when `text` is exactly `yyyy-MM-dd` with a valid calendar date.
    public static func isDate(_ text: String) -> Bool {
        text.utf8.count == 10 && (components(Substring(text)).map { !$0.hasTime } ?? false)
    }

    /// True when `text` is exactly `yyyy-MM-dd'T'HH:mm:ss'Z'` (no milliseconds).
    public static func isTimestamp(_ text: String) -> Bool {
        text.utf8.count == 20 && parseTimestamp(text) != nil
    }

    // MARK: - Civil calendar arithmetic (Howard Hinnant's algorithms), proleptic Gregorian, UTC.

    /// Days since 1970-01-01 for a civil date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Civil date for days since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    private struct Parts {
        var epochSeconds: Int64
        var hasTime: Bool
    }

    private static func components(_ text: Substring) -> Parts? {
        let bytes = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                let b = bytes[i]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let year = num(0, 4), let month = num(5, 2), let day = num(8, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if bytes.count == 10 { return Parts(epochSeconds: seconds, hasTime: false) }
        guard bytes.count >= 19, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
              let hour = num(11, 2), let minute = num(14, 2), let second = num(17, 2),
              hour < 24, minute < 60, second < 61 else { return nil }
        if bytes.count > 19 {
            // Optional fractional seconds, nothing else.
            guard bytes[19] == 46, bytes.count > 20, bytes[20...].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        return Parts(epochSeconds: seconds, hasTime: true)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func format(epochSeconds: Int64, withTime: Bool) -> String {
        let days = Int((epochSeconds >= 0 ? epochSeconds : epochSeconds - 86_399) / 86_400)
        let secs = Int(epochSeconds - Int64(days) * 86_400)
        let (y, m, d) = civilFromDays(days)
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
        if withTime {
            out += "T" + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2)
        }
        return out
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
