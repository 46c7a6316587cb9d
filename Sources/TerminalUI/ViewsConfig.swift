// `[[views]]`, `startup-view` and `remember-view` in config.toml: saved views (Browser/Features/Views).
// A view with a problem is left out with a message naming it, its field and its line; the others load.
// See docs/views.md.
import Browser
import WrikeAPI

extension Config {
    /// The fields of a `[[views]]` entry.
    public static let viewFields = ["name", "source", "status", "assignee", "importance", "due-before", "due-after",
                                    "updated-since", "title", "sort", "columns"]

    /// Reads the `[[views]]` array.
    static func parseViews(_ value: TOMLValue, doc: TOMLTable, file: String) -> ([SavedView], [ConfigMessage]) {
        var views: [SavedView] = []
        var messages: [ConfigMessage] = []
        guard let items = value.array else {
            return ([], [ConfigMessage(file: file, line: doc.line(of: "views"), message: "views must be [[views]] tables")])
        }
        for (i, item) in items.enumerated() {
            guard let t = item.table else {
                messages.append(ConfigMessage(file: file, line: doc.line(of: "views"), message: "views #\(i + 1) is not a table; left out"))
                continue
            }
            switch parseView(t, number: i + 1, taken: Set(views.map(\.name))) {
            case .success(let v): views.append(v)
            case .failure(let p):
                messages.append(ConfigMessage(file: file, line: p.key.flatMap { t.line(of: $0) } ?? t.keys.first.flatMap { t.line(of: $0) },
                                              message: p.message + "; the view is left out"))
            }
        }
        return (views, messages)
    }

    struct ViewProblem: Error {
        var key: String?
        var message: String
    }

    /// One `[[views]]` table, or what is wrong with it (which view, which field).
    static func parseView(_ t: TOMLTable, number: Int, taken: Set<String>) -> Result<SavedView, ViewProblem> {
        guard let name = t["name"]?.string?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            return .failure(ViewProblem(key: "name", message: "view #\(number): name must be a non-empty string"))
        }
        func bad(_ key: String, _ m: String) -> Result<SavedView, ViewProblem> {
            .failure(ViewProblem(key: key, message: "view “\(name)”: \(key) \(m)"))
        }
        guard !taken.contains(name) else { return bad("name", "is used by an earlier view") }
        if let unknown = t.keys.first(where: { !viewFields.contains($0.replacingOccurrences(of: "_", with: "-")) }) {
            return .failure(ViewProblem(key: unknown, message: "view “\(name)”: unknown field '\(unknown)' (known: \(viewFields.joined(separator: ", ")))"))
        }
        func field(_ key: String) -> TOMLValue? { t[key] ?? t[key.replacingOccurrences(of: "-", with: "_")] }
        var source = SavedView.Source.account
        if let v = field("source") {
            guard let s = v.string, let parsed = SavedView.Source.parse(s) else {
                return bad("source", "must be \"my-work\", \"all\", a folder id (\"id:IEAB…\") or a path like \"Engineering/Platform\"")
            }
            source = parsed
        }
        let f: ViewFilters
        switch parseFilters(field) {
        case .success(let filters): f = filters
        case .failure(let p): return bad(p.key ?? "", p.message)
        }
        var view = SavedView(name: name, source: source, filters: f)
        if let v = field("sort") {
            guard let s = v.string, let (sort, ascending) = SortField.parseView(s) else {
                return bad("sort", "must be one of \(SortField.allCases.map(\.rawValue).joined(separator: ", ")), with \"-\" before or \" desc\" after for the other direction")
            }
            view.sort = sort
            view.ascending = ascending
        }
        if let v = field("columns") {
            guard let cols = v.strings, !cols.isEmpty else { return bad("columns", "must be a non-empty list of column names") }
            let unknown = cols.filter { !knownColumns.contains($0.lowercased()) }
            guard unknown.isEmpty else {
                return bad("columns", "has unknown column(s) \(unknown.joined(separator: ", ")) (known: \(knownColumns.joined(separator: ", ")))")
            }
            view.columns = ListColumn.parse(cols)
        }
        return .success(view)
    }

    /// A view's filters (a problem names the field and says what is wrong with it).
    static func parseFilters(_ field: (String) -> TOMLValue?) -> Result<ViewFilters, ViewProblem> {
        func bad(_ key: String, _ m: String) -> Result<ViewFilters, ViewProblem> { .failure(ViewProblem(key: key, message: m)) }
        func words(_ key: String) -> [String]?? {
            guard let v = field(key) else { return .some(nil) }
            if let s = v.string { return .some([s]) }
            return v.strings.map { .some($0) } ?? nil
        }
        var f = ViewFilters()
        guard let statuses = words("status") else { return bad("status", "must be a status or a list of them, like [\"Active\", \"In Review\"]") }
        f.statuses = statuses ?? []
        guard let assignees = words("assignee") else { return bad("assignee", "must be \"me\", a name, an e-mail or a contact id, or a list of them") }
        f.assignees = assignees ?? []
        guard let importance = words("importance") else { return bad("importance", "must be High, Normal or Low, or a list of them") }
        for word in importance ?? [] {
            guard let imp = Importance.known.first(where: { $0.rawValue.lowercased() == word.lowercased() }) else {
                return bad("importance", "“\(word)” is not High, Normal or Low")
            }
            if !f.importance.contains(imp) { f.importance.append(imp) }
        }
        for (key, path) in [("due-before", \ViewFilters.dueBefore), ("due-after", \.dueAfter), ("updated-since", \.updatedSince)] {
            guard let v = field(key) else { continue }
            guard let s = v.string, ViewDate.isValid(s) else { return bad(key, "must be \(ViewDate.forms)") }
            f[keyPath: path] = s
        }
        if let v = field("title") {
            guard let s = v.string else { return bad("title", "must be a string") }
            f.title = s
        }
        return .success(f)
    }
}
