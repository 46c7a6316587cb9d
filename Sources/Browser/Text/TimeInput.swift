import Foundation

/// Parsing what a user types into the time-log form.
public enum TimeInput {
    /// Hours from `1.5`, `1,5`, `1h30m`, `1h 30m`, `90m`, `2h`, `1:30`, `45min`. Nil when unreadable.
    /// The result is rounded to the minute. Range checks (0 < h ≤ 24) are the caller's: this only parses.
    public static func parseHours(_ input: String) -> Double? {
        let s = input.lowercased().filter { !$0.isWhitespace }
        guard !s.isEmpty, s.count <= 32 else { return nil }
        if s.contains(":") {
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, (0..<60).contains(m) else { return nil }
            return round(Double(h) + Double(m) / 60)
        }
        if let v = Double(s.replacingOccurrences(of: ",", with: ".")), v.isFinite, v >= 0 {
            return round(v)
        }
        // (Values beyond `maxHours` are refused by `round`: they are not time anyone logs, and `1e308`
        // would become infinity once turned into minutes.)
        // Units: h, hr, hrs, hour(s); m, min, mins, minute(s).
        var total = 0.0
        var number = ""
        var unit = ""
        var sawAny = false
        func flush() -> Bool {
            guard !number.isEmpty else { return unit.isEmpty }
            guard let v = Double(number.replacingOccurrences(of: ",", with: ".")), v.isFinite else { return false }
            switch unit {
            case "h", "hr", "hrs", "hour", "hours": total += v
            case "m", "min", "mins", "minute", "minutes": total += v / 60
            default: return false
            }
            sawAny = true
            number = ""; unit = ""
            return true
        }
        for ch in s {
            if ch.isNumber || ch == "." || ch == "," {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else if ch.isLetter {
                guard !number.isEmpty || !unit.isEmpty else { return nil }
                unit.append(ch)
            } else {
                return nil
            }
        }
        guard flush(), sawAny else { return nil }
        return round(total)
    }

    /// Larger numbers are unreadable: far beyond any time log, and safe to turn into whole minutes.
    static let maxHours = 1_000_000_000.0

    private static func round(_ hours: Double) -> Double? {
        guard hours.isFinite, hours <= maxHours else { return nil }
        return (hours * 60).rounded() / 60
    }

    /// A day from `today`, `yesterday`, `-2` (two days ago), `2026-11-20`, `11-20` or `20` (day of this month),
    /// as a calendar date `yyyy-MM-dd` in `calendar`'s time zone. Nil when unreadable.
    public static func parseDate(_ input: String, today: Date, calendar: Calendar) -> String? {
        let s = input.lowercased().trimmingCharacters(in: .whitespaces)
        let base = calendar.startOfDay(for: today)
        func offset(_ days: Int) -> String? {
            calendar.date(byAdding: .day, value: days, to: base).map { format($0, calendar: calendar) }
        }
        switch s {
        case "", "today", "t", "0": return offset(0)
        case "yesterday", "y": return offset(-1)
        default: break
        }
        if s.hasPrefix("-"), let n = Int(s.dropFirst()), (0...3650).contains(n) { return offset(-n) }
        let parts = s.split(separator: "-").map(String.init)
        var comps = calendar.dateComponents([.year, .month, .day], from: base)
        switch parts.count {
        case 3:
            guard let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4 else { return nil }
            comps.year = y; comps.month = m; comps.day = d
        case 2:
            guard let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
            comps.month = m; comps.day = d
        case 1:
            guard let d = Int(parts[0]), (1...31).contains(d) else { return nil }
            comps.day = d
        default:
            return nil
        }
        guard let date = calendar.date(from: comps) else { return nil }
        // Reject dates the calendar had to roll over (Feb 30 → Mar 2).
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == comps.year, back.month == comps.month, back.day == comps.day else { return nil }
        return format(date, calendar: calendar)
    }

    public static func format(_ date: Date, calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// `1.5` → `1h 30m`, `0.25` → `15m`, `2` → `2h`.
    public static func formatHours(_ hours: Double) -> String {
        guard hours.isFinite, abs(hours) <= maxHours else { return "\(hours)h" }
        let minutes = Int((hours * 60).rounded())
        let h = minutes / 60, m = minutes % 60
        switch (h, m) {
        case (0, _): return "\(m)m"
        case (_, 0): return "\(h)h"
        default: return "\(h)h \(m)m"
        }
    }
}

/// Relative time for the detail pane ("5 min ago", "in 3 days").
public enum RelativeTime {
    public static func describe(_ date: Date, now: Date) -> String {
        let delta = date.timeIntervalSince(now)
        let past = delta < 0
        let secs = abs(delta)
        let text: String
        switch secs {
        case ..<45: return "just now"
        case ..<(90 * 60): text = "\(max(1, Int((secs / 60).rounded()))) min"
        case ..<(36 * 3600): let h = Int((secs / 3600).rounded()); text = "\(h) h"
        case ..<(45 * 86400): let d = Int((secs / 86400).rounded()); text = d == 1 ? "1 day" : "\(d) days"
        case ..<(548 * 86400): let m = Int((secs / (30 * 86400)).rounded()); text = m == 1 ? "1 month" : "\(m) months"
        default: let y = Int((secs / (365 * 86400)).rounded()); text = y == 1 ? "1 year" : "\(y) years"
        }
        return past ? "\(text) ago" : "in \(text)"
    }
}
