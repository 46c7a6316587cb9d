// Saved views (`[[views]]` in config.toml): a named list — My Work, a folder, space or project (by id or
// by its path of titles), or the account's tasks — narrowed by filters, with its own sort and columns.
// This file is the definition as the config gives it; ViewRead.swift turns it into the read Wrike makes
// (the filters `GET /tasks` takes) and what is left to filter here; ViewsUpdate.swift opens them.
// See docs/views.md.
import WrikeAPI

/// One `[[views]]` entry, checked (ViewsConfig in TerminalUI reports a bad one and leaves it out).
public struct SavedView: Sendable, Hashable {
    /// What the view lists before its filters.
    public enum Source: Sendable, Hashable {
        /// My Work's tasks (assigned to me, active), then the view's filters.
        case myWork
        /// A folder, project or space by its id.
        case folder(String)
        /// A space, folder or project by its titles from the space down ("Engineering/Platform").
        case path([String])
        /// Every task of the account matching the filters (`GET /tasks`).
        case account
    }

    public var name: String
    public var source: Source
    public var filters: ViewFilters
    /// The list's sort when the view opens (nil: the list's current sort).
    public var sort: SortField?
    public var ascending: Bool?
    /// The list's columns while the view is shown (nil: the config's `columns`).
    public var columns: [ListColumn]?

    public init(name: String, source: Source, filters: ViewFilters = ViewFilters(), sort: SortField? = nil,
                ascending: Bool? = nil, columns: [ListColumn]? = nil) {
        self.name = name
        self.source = source
        self.filters = filters
        self.sort = sort
        self.ascending = ascending
        self.columns = columns
    }
}

/// A view's filters, as typed in the config (names and dates are resolved when the view is read).
public struct ViewFilters: Sendable, Hashable {
    /// Status groups (Active, Completed, Deferred, Cancelled) or custom status names ("In Review").
    public var statuses: [String] = []
    /// "me", a contact id, a name or an e-mail address.
    public var assignees: [String] = []
    public var importance: [Importance] = []
    /// Due on or before / on or after this day (any form of `ViewDate`).
    public var dueBefore: String?
    public var dueAfter: String?
    /// Changed on or after this day (any form of `ViewDate`; "-7d": a week ago).
    public var updatedSince: String?
    /// Words the title contains (Wrike's `title`: a contains match).
    public var title: String?

    public init(statuses: [String] = [], assignees: [String] = [], importance: [Importance] = [],
                dueBefore: String? = nil, dueAfter: String? = nil, updatedSince: String? = nil, title: String? = nil) {
        self.statuses = statuses
        self.assignees = assignees
        self.importance = importance
        self.dueBefore = dueBefore
        self.dueAfter = dueAfter
        self.updatedSince = updatedSince
        self.title = title
    }
}

/// Days in a view's filters: what the date input takes (today, tomorrow, fri, +3d, +2w, 2026-12-20) and
/// days past (-3d, -2w, yesterday). Relative forms are counted from the day the view is opened.
public enum ViewDate {
    /// The day number (days since 1970-01-01) of `text` seen from `today`, or nil when it is not a day.
    public static func day(_ text: String, today: Int) -> Int? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s == "yesterday" { return today - 1 }
        if s.hasPrefix("-"), let n = DateInput.length(String(s.dropFirst()), working: false) { return today - n }
        return DateInput.point(s, today)
    }

    /// Whether `text` names a day (checked when the config is read, against any day).
    public static func isValid(_ text: String) -> Bool { day(text, today: 20_000) != nil }

    public static let forms = "a date such as 2026-12-20, today, tomorrow, yesterday, fri, +3d, -7d or -2w"
}

extension SavedView.Source {
    /// `source` as the config writes it: "my-work", "all", "id:IEAB…", a path "Space/Folder", or a bare id.
    /// Wrike's ids are upper-case letters and digits, 8 or more; anything else is a path.
    public static func parse(_ text: String) -> SavedView.Source? {
        let s = text.trimmingCharacters(in: .whitespaces)
        switch s.lowercased() {
        case "my-work", "my work", "mywork": return .myWork
        case "all", "account", "query", "everything": return .account
        default: break
        }
        if s.lowercased().hasPrefix("id:") {
            let id = s.dropFirst(3).trimmingCharacters(in: .whitespaces)
            return id.isEmpty ? nil : .folder(id)
        }
        if s.count >= 8, !s.contains("/"), s.allSatisfy({ ($0.isUppercase || $0.isNumber) && $0.isASCII }) { return .folder(s) }
        let parts = s.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : .path(parts)
    }
}

extension SortField {
    /// "due", "-updated", "title desc", "importance asc" → the field and direction (nil direction: the
    /// field's natural one).
    public static func parseView(_ text: String) -> (SortField, Bool?)? {
        var s = text.trimmingCharacters(in: .whitespaces).lowercased()
        var ascending: Bool?
        if s.hasPrefix("-") { ascending = false; s.removeFirst() }
        for (suffix, asc) in [(" desc", false), (" asc", true)] where s.hasSuffix(suffix) {
            ascending = asc
            s = String(s.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        guard let f = SortField(rawValue: s) else { return nil }
        return (f, ascending)
    }
}
