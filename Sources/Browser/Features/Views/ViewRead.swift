// A saved view turned into what is read from Wrike and what is left to filter here. Wrike's task lists
// (`GET /tasks`, `GET /folders/{id}/tasks`) take the filters: `status` (groups), `customStatuses` (ids),
// `responsibles` (contact ids), `importance` (one value), `dueDate` and `updatedDate` ranges, `title`.
// Names are resolved against what the app knows (workflows, contacts, the tree); relative days are
// counted from the day the view was opened, so every page and refresh of it sends the same filters.
// What Wrike cannot take here (more than one importance) is filtered when the pages arrive.
import Foundation
import WrikeAPI

/// Why a view cannot be read, in plain words.
struct ViewError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// What a view reads, and what is filtered locally.
public struct ViewRead: Sendable, Hashable {
    public var read: ListRead
    /// Importances kept (nil: all), when the view names more than one (Wrike's filter takes one).
    public var importance: Set<Importance>?

    /// The tasks the local filters keep.
    public func keep(_ tasks: [WrikeTask]) -> [WrikeTask] {
        guard let importance else { return tasks }
        return tasks.filter { importance.contains($0.importance ?? .normal) }
    }
}

/// Where resolving a view stands.
public enum ViewResolution: Sendable, Hashable {
    case ready(ViewRead)
    /// Who "me" is, or contacts to match names, are not known yet.
    case needsDirectory
    /// The folders of this space are needed to find the view's path.
    case needsSpace(String)
    /// Bootstrap (workflows, spaces) has not come yet.
    case needsBootstrap
    case failed(String)
}

/// What a view is resolved against (taken from the state).
public struct ViewContext: Sendable {
    public var meId: String?
    public var directoryLoaded: Bool
    public var contacts: [String: Contact]
    public var statuses: [String: CustomStatus]
    public var bootstrapped: Bool
    public var spaces: [Space]
    public var entries: [String: FolderTreeEntry]
    public var spaceLoad: [String: LoadStatus]
    /// The day the view was opened (days since 1970-01-01) and the user's time zone.
    public var today: Int
    public var timeZone: TimeZone
}

extension SavedView {
    public func resolve(_ c: ViewContext) -> ViewResolution {
        guard c.bootstrapped else { return .needsBootstrap }
        var q = TaskQuery()
        var local: Set<Importance>?
        if case .myWork = source {
            q = MyWork.query(me: c.meId ?? "")
            if c.meId == nil { return .needsDirectory }
        }
        switch statusFilter(c) {
        case .failure(let e): return .failed(e.message)
        case .success(let (groups, ids)):
            if !groups.isEmpty { q.status = groups }
            if !ids.isEmpty { q.customStatuses = ids; q.status = source == .myWork ? q.status : nil }
        }
        if !filters.assignees.isEmpty {
            switch assigneeIds(c) {
            case .none: return .needsDirectory
            case .some(.failure(let e)): return .failed(e.message)
            case .some(.success(let ids)): q.responsibles = ids
            }
        }
        if filters.importance.count == 1 { q.importance = filters.importance[0] } else if filters.importance.count > 1 {
            local = Set(filters.importance)
        }
        switch dates(c) {
        case .failure(let e): return .failed(e.message)
        case .success(let (due, updated)):
            q.dueDate = due
            q.updatedDate = updated
        }
        if let t = filters.title, !t.isEmpty { q.title = t }
        switch source {
        case .myWork, .account: return .ready(ViewRead(read: .tasks(q), importance: local))
        case .folder(let id): return .ready(ViewRead(read: .folderTasks(id, q), importance: local))
        case .path(let titles):
            switch Self.find(titles, c) {
            case .ready(let r): return .ready(ViewRead(read: .folderTasks(r.read.folderId ?? "", q), importance: local))
            case let other: return other
            }
        }
    }

    /// Status groups go to `status`; names go to `customStatuses` (with every status of a named group,
    /// since Wrike ANDs the two parameters).
    private func statusFilter(_ c: ViewContext) -> Result<([TaskStatus], [String]), ViewError> {
        var groups: [TaskStatus] = []
        var names: [String] = []
        for s in filters.statuses {
            if let g = TaskStatus.known.first(where: { $0.rawValue.lowercased() == s.lowercased() }) { groups.append(g) } else { names.append(s) }
        }
        guard !names.isEmpty else { return .success((groups, [])) }
        var ids: [String] = []
        for n in names {
            let hits = c.statuses.values.filter { $0.name.lowercased() == n.lowercased() }.map(\.id)
            guard !hits.isEmpty else { return .failure(ViewError("View “\(name)”: no workflow has a status named “\(n)”.")) }
            ids += hits
        }
        for g in groups { ids += c.statuses.values.filter { $0.group == g }.map(\.id) }
        return .success(([], Array(Set(ids)).sorted()))
    }

    /// Contact ids of the assignees; nil while contacts are not known.
    private func assigneeIds(_ c: ViewContext) -> Result<[String], ViewError>? {
        var ids: [String] = []
        for a in filters.assignees {
            let key = a.lowercased()
            if key == "me" {
                guard let me = c.meId else { return c.directoryLoaded ? .failure(ViewError("View “\(name)”: Wrike did not say who you are.")) : nil }
                ids.append(me)
            } else if c.contacts[a] != nil {
                ids.append(a)
            } else {
                guard c.directoryLoaded else { return nil }
                let hits = c.contacts.values.filter { p in
                    let full = [p.firstName, p.lastName].compactMap { $0 }.joined(separator: " ").lowercased()
                    let mail = (p.primaryEmail ?? p.profiles?.first?.email)?.lowercased()
                    return full == key || mail == key || p.firstName?.lowercased() == key
                }
                guard hits.count == 1, let hit = hits.first else {
                    return .failure(ViewError("View “\(name)”: " + (hits.isEmpty ? "no one is named “\(a)”." : "“\(a)” names \(hits.count) people; use an e-mail address.")))
                }
                ids.append(hit.id)
            }
        }
        return .success(ids)
    }

    private func dates(_ c: ViewContext) -> Result<(DateFilter?, TimestampRange?), ViewError> {
        func day(_ text: String?, _ field: String) -> Result<Int?, ViewError> {
            guard let text else { return .success(nil) }
            guard let d = ViewDate.day(text, today: c.today) else { return .failure(ViewError("View “\(name)”: \(field) “\(text)” is not \(ViewDate.forms).")) }
            return .success(d)
        }
        let before: Int?, after: Int?, since: Int?
        switch (day(filters.dueBefore, "due-before"), day(filters.dueAfter, "due-after"), day(filters.updatedSince, "updated-since")) {
        case let (.success(b), .success(a), .success(s)): (before, after, since) = (b, a, s)
        case let (.failure(m), _, _), let (_, .failure(m), _), let (_, _, .failure(m)): return .failure(m)
        }
        var due: DateFilter?
        if before != nil || after != nil {
            due = DateFilter(start: after.map { DateInput.format($0) }, end: before.map { DateInput.format($0) })
        }
        let updated = since.map { TimestampRange(start: Self.midnight($0, c.timeZone)) }
        return .success((due, updated))
    }

    /// The start of day `day` in `zone`.
    static func midnight(_ day: Int, _ zone: TimeZone) -> Date {
        let utc = Date(timeIntervalSince1970: Double(day) * 86_400)
        return utc.addingTimeInterval(-Double(zone.secondsFromGMT(for: utc)))
    }

    /// The folder at `titles` (space title, then folder titles), matched without case.
    static func find(_ titles: [String], _ c: ViewContext) -> ViewResolution {
        let path = titles.joined(separator: "/")
        guard let first = titles.first,
              let space = c.spaces.first(where: { $0.title.lowercased() == first.lowercased() }) else {
            return .failed("No space is named “\(titles.first ?? "")” (the path “\(path)”).")
        }
        var id = space.id
        guard titles.count > 1 else { return .ready(ViewRead(read: .folder(id))) }
        switch c.spaceLoad[space.id] ?? .notLoaded {
        case .loaded: break
        case .failed(let m): return .failed("The folders of “\(space.title)” could not be read: \(m)")
        case .notLoaded, .loading: return .needsSpace(space.id)
        }
        for t in titles.dropFirst() {
            let kids = c.entries[id]?.childIds ?? []
            guard let next = kids.first(where: { c.entries[$0]?.title.lowercased() == t.lowercased() }) else {
                return .failed("“\(path)”: “\(t)” is not a folder or project there.")
            }
            id = next
        }
        return .ready(ViewRead(read: .folder(id)))
    }
}

extension ListRead {
    /// The folder a read lists, if any.
    public var folderId: String? {
        switch self {
        case .folder(let id), .folderTasks(let id, _): id
        case .tasks: nil
        }
    }
}
