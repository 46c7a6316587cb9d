// The filters of `GET /tasks` (status, importance, custom statuses, people, dates, title), parsed once
// per request and applied to each task.
import Foundation
import WrikeAPI

/// The filters of a task list query, parsed once.
struct TaskFilter {
    var statuses: Set<TaskStatus>?
    var importance: Set<Importance>?
    var customStatuses: Set<String>?
    var responsibles: Set<String>?
    var authors: Set<String>?
    var title: String?
    var type: Set<DateType>?
    var permalink: String?
    var startDate: DateRange?
    var dueDate: DateRange?
    var scheduled: DateRange?
    var created: DateRange?
    var updated: DateRange?
    var completed: DateRange?
    var metadata: [String: JSONValue]?
    var customFieldConditions: [(id: String, comparator: String, values: [String])] = []

    init(_ p: Params, state: State) throws {
        statuses = try p.enumValues("status", TaskStatus.self).map(Set.init)
        importance = try p.enumValues("importance", Importance.self).map(Set.init)
        customStatuses = try p.stringArray("customStatuses").map(Set.init)
        responsibles = try p.stringArray("responsibles").map(Set.init)
        authors = try p.stringArray("authors").map(Set.init)
        title = try p.string("title")
        type = try p.enumValues("type", DateType.self).map(Set.init)
        permalink = try p.string("permalink")
        startDate = try p.range("startDate", .dates)
        dueDate = try p.range("dueDate", .dates)
        scheduled = try p.range("scheduledDate", .dates)
        if let s = scheduled, s.start == nil || s.end == nil { throw APIError.invalidParameter("scheduledDate", "start and end are required") }
        created = try p.range("createdDate", .timestamps)
        updated = try p.range("updatedDate", .timestamps)
        completed = try p.range("completedDate", .timestamps)
        metadata = try p.object("metadata")
        var conditions = try p.objectArray("customFields") ?? []
        if let single = try p.object("customField") { conditions.append(single) }
        let comparators: Set<String> = ["EqualTo", "NotEqualTo", "Contains", "StartsWith", "IsEmpty", "IsNotEmpty", "ContainsAny", "ContainsAll"]
        for c in conditions {
            guard let id = c["id"]?.scalarText else { throw APIError.invalidParameter("customFields") }
            let comparator = c["comparator"]?.scalarText ?? "EqualTo"
            guard comparators.contains(comparator) else { throw APIError.invalidParameter("customFields", "unsupported comparator") }
            var values: [String] = []
            if let v = c["value"]?.scalarText { values.append(v) }
            if case .array(let vs)? = c["values"] { values += vs.compactMap(\.scalarText) }
            customFieldConditions.append((id, comparator, values))
        }
    }

    /// True when no filter parameter was given.
    var isEmpty: Bool {
        statuses == nil && importance == nil && customStatuses == nil && responsibles == nil && authors == nil
            && title == nil && type == nil && permalink == nil && startDate == nil && dueDate == nil && scheduled == nil
            && created == nil && updated == nil && completed == nil && metadata == nil && customFieldConditions.isEmpty
    }

    func matches(_ t: borrowing WrikeTask) -> Bool {
        if let statuses, !statuses.contains(t.status ?? "") { return false }
        if let importance, !importance.contains(t.importance ?? "") { return false }
        if let customStatuses, !customStatuses.contains(t.customStatusId ?? "") { return false }
        if let responsibles, (t.responsibleIds ?? []).allSatisfy({ !responsibles.contains($0) }) { return false }
        if let authors, (t.authorIds ?? []).allSatisfy({ !authors.contains($0) }) { return false }
        if let title, t.title.range(of: title, options: [.caseInsensitive, .diacriticInsensitive]) == nil { return false }
        if let type, !type.contains(t.dates?.type ?? "") { return false }
        if let permalink, t.permalink != permalink { return false }
        if let startDate {
            guard let s = t.dates?.start.flatMap({ WrikeDate.parseLocal($0) }), startDate.containsLocal(s) else { return false }
        }
        if let dueDate {
            guard let d = t.dates?.due.flatMap({ WrikeDate.parseLocal($0) }), dueDate.containsLocal(d) else { return false }
        }
        if let scheduled, let from = scheduled.start, let to = scheduled.end {
            guard let due = t.dates?.due.flatMap({ WrikeDate.parseLocal($0) }) else { return false }
            let start = t.dates?.start.flatMap { WrikeDate.parseLocal($0) } ?? due
            if start > to.addingTimeInterval(86_399) || due < from { return false }
        }
        if let created, !(t.createdDate.flatMap(WrikeDate.parseTimestamp).map(created.contains) ?? false) { return false }
        if let updated, !(t.updatedDate.flatMap(WrikeDate.parseTimestamp).map(updated.contains) ?? false) { return false }
        if let completed, !(t.completedDate.flatMap(WrikeDate.parseTimestamp).map(completed.contains) ?? false) { return false }
        if let metadata, !State.metadataMatches(t.metadata, metadata) { return false }
        for c in customFieldConditions {
            let value = t.customFields?.first(where: { $0.id == c.id })?.value ?? ""
            switch c.comparator {
            case "EqualTo": if value != (c.values.first ?? "") { return false }
            case "NotEqualTo": if value == (c.values.first ?? "") { return false }
            case "Contains": if !value.localizedCaseInsensitiveContains(c.values.first ?? "") { return false }
            case "StartsWith": if !value.lowercased().hasPrefix((c.values.first ?? "").lowercased()) { return false }
            case "IsEmpty": if !value.isEmpty { return false }
            case "IsNotEmpty": if value.isEmpty { return false }
            case "ContainsAny":
                let parts = Set(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                if parts.isDisjoint(with: c.values) { return false }
            case "ContainsAll":
                let parts = Set(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                if !Set(c.values).isSubset(of: parts) { return false }
            default: return false
            }
        }
        return true
    }
}
