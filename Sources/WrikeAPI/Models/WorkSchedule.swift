import Foundation

/// A work schedule (`GET /workschedules`). Two shapes of `workweek` are public and neither is confirmed by
/// a live answer: seed 003 (an API gateway's reference) shows `[{"workDays":["Mon",…],"capacityMinutes":480}]`;
/// Wrike's 2020 method model describes the create/update week as `[{"dayOfWeek":"Mon","isWorkDay":true}]`
/// without a capacity. Both are read; anything else in `workweek` is skipped, never fatal.
public struct WorkSchedule: Codable, Sendable, Hashable {
    public var id: String
    /// `Default` (everyone not assigned to a custom one) or `Custom`.
    public var scheduleType: String?
    public var title: String?
    /// Working days by three-letter name (`Mon` … `Sun`).
    public var workDays: Set<String>
    /// Minutes of capacity per working day, when the answer says (seed 003's shape).
    public var capacityMinutes: Int?
    /// Users assigned to it (`fields=["userIds"]`).
    public var userIds: [String]?

    public init(id: String, scheduleType: String? = nil, title: String? = nil, workDays: Set<String>,
                capacityMinutes: Int? = nil, userIds: [String]? = nil) {
        self.id = id
        self.scheduleType = scheduleType
        self.title = title
        self.workDays = workDays
        self.capacityMinutes = capacityMinutes
        self.userIds = userIds
    }

    public static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    enum CodingKeys: String, CodingKey { case id, scheduleType, title, workweek, userIds }
    enum WeekKeys: String, CodingKey { case workDays, capacityMinutes, dayOfWeek, isWorkDay }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        scheduleType = try? c.decodeLenientStringIfPresent(forKey: .scheduleType)
        title = try? c.decodeLenientStringIfPresent(forKey: .title)
        userIds = try? c.decodeIfPresent([String].self, forKey: .userIds)
        var days = Set<String>()
        var capacity: Int?
        if var week = try? c.nestedUnkeyedContainer(forKey: .workweek) {
            while !week.isAtEnd {
                guard let entry = try? week.nestedContainer(keyedBy: WeekKeys.self) else {
                    _ = try? week.decode(Skip.self)
                    continue
                }
                for d in (try? entry.decodeIfPresent([String].self, forKey: .workDays)) ?? [] {
                    if let name = Self.dayName(d) { days.insert(name) }
                }
                if let m = try? entry.decodeLenientIntIfPresent(forKey: .capacityMinutes), m >= 0, m <= 24 * 60 {
                    capacity = capacity ?? m
                }
                if let d = try? entry.decodeIfPresent(String.self, forKey: .dayOfWeek), let name = Self.dayName(d),
                   (try? entry.decodeIfPresent(Bool.self, forKey: .isWorkDay)) == true {
                    days.insert(name)
                }
            }
        }
        workDays = days
        capacityMinutes = capacity
    }

    /// `Mon`, `monday`, `MONDAY` → `Mon`; nil for anything else.
    static func dayName(_ s: String) -> String? {
        let p = s.trimmingCharacters(in: .whitespaces).prefix(3).lowercased()
        return dayNames.first { $0.lowercased() == p }
    }

    /// Capacity in hours of a weekday (`weekday` 1 = Sunday … 7 = Saturday, as `Calendar`): the capacity
    /// on working days, 0 on the others; nil when the schedule does not say its capacity.
    public func capacityHours(weekday: Int) -> Double? {
        guard let capacityMinutes, (1...7).contains(weekday) else { return nil }
        return workDays.contains(Self.dayNames[weekday - 1]) ? Double(capacityMinutes) / 60 : 0
    }

    /// Written in seed 003's shape (the sandbox serves it so).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(scheduleType, forKey: .scheduleType)
        try c.encodeIfPresent(title, forKey: .title)
        var week = c.nestedUnkeyedContainer(forKey: .workweek)
        var entry = week.nestedContainer(keyedBy: WeekKeys.self)
        try entry.encode(Self.dayNames.filter { workDays.contains($0) }, forKey: .workDays)
        try entry.encodeIfPresent(capacityMinutes, forKey: .capacityMinutes)
        try c.encodeIfPresent(userIds, forKey: .userIds)
    }

    private struct Skip: Decodable { init(from decoder: any Decoder) throws {} }
}
