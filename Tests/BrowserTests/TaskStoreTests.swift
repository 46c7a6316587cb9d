// The compact task list (TaskStore.swift): what goes in comes back out, sorting, filtering and
// subtasks behave as they did on full WrikeTask values, and it stays small.
import Foundation
import Testing
import TestSupport
import TermText
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

private func generated(_ n: Int, seed: UInt64 = 11) -> (tasks: [WrikeTask], directory: Directory) {
    let d = DatasetGenerator.generate(tasks: n, seed: seed)
    let b = Bootstrap(account: d.account, me: d.contacts.first { $0.id == d.me }, contacts: d.contacts,
                      workflows: d.workflows, spaces: d.spaces)
    return (d.tasks, Directory(b))
}

/// The list's order, as it was computed on full tasks before the compact store (the reference).
private func referenceOrder(_ tasks: [WrikeTask], _ d: Directory, _ field: SortField, ascending: Bool) -> [String] {
    func key(_ t: WrikeTask) -> (Int, String?, String) {
        let s = d.status(of: t)
        let group: Int
        switch s.group {
        case .active: group = 0
        case .deferred: group = 1
        case .completed: group = 2
        case .cancelled: group = 3
        default: group = 4
        }
        switch field {
        case .status: return (group * 100_000 + (t.customStatusId.flatMap { d.statusOrder[$0] } ?? 99_999), nil, "")
        case .importance: return (t.importance == .high ? 0 : t.importance == .low ? 2 : 1, nil, "")
        case .due: return (0, t.dates?.due.map { String($0.prefix(10)) }, "")
        case .updated: return (0, nil, t.updatedDate ?? "")
        case .title: return (0, nil, "")
        }
    }
    func folded(_ t: WrikeTask) -> [UInt8] { TaskListState.fold(Sanitizer.cleanLine(t.title)) }
    func cmp(_ a: [UInt8], _ b: [UInt8]) -> Int { a == b ? 0 : (a.lexicographicallyPrecedes(b) ? -1 : 1) }
    let indexed = Array(tasks.enumerated())
    return indexed.sorted { x, y in
        let (a, b) = (x.element, y.element)
        var r: Int
        switch field {
        case .title: r = cmp(folded(a), folded(b))
        case .due:
            switch (key(a).1, key(b).1) {
            case (nil, nil): r = 0
            case (nil, _): r = 1
            case (_, nil): r = -1
            case let (p?, q?): r = p == q ? 0 : (p < q ? -1 : 1)
            }
        case .updated: r = key(a).2 == key(b).2 ? 0 : (key(a).2 < key(b).2 ? -1 : 1)
        default: r = key(a).0 == key(b).0 ? 0 : (key(a).0 < key(b).0 ? -1 : 1)
        }
        if r != 0 { return ascending ? r < 0 : r > 0 }
        if field != .title {
            let t = cmp(folded(a), folded(b))
            if t != 0 { return t < 0 }
        }
        return x.offset < y.offset
    }.map { $0.element.id }
}

/// Shown rows with every subtask expanded away: a flat filter shows matches in sort order.
private func shownIds(_ l: TaskListState) -> [String] { l.rows.map { l.taskId(at: Int($0.task)) } }

@Suite(.offPool) struct TaskStoreTests {
    @Test func aTaskComesBackWithItsListFields() {
        let t = WrikeTask(id: "IEAAAAAQKQAAAAAB", title: "Plan \u{1B}[31mQ3\u{1B}[0m", parentIds: ["IEAAAAAQI4AAAAAB"],
                          responsibleIds: ["KUAAAAAB", "KUAAAAAC"], status: .active, importance: .high,
                          updatedDate: "2024-06-03T10:11:12Z",
                          dates: TaskDates(type: .planned, start: "2024-06-01T09:00:00", due: "2024-06-10T17:00:00"),
                          customStatusId: "IEAAAAAQJMAAAAAA", permalink: "https://www.wrike.com/open.htm?id=123456789",
                          superTaskIds: [], subTaskIds: ["IEAAAAAQKQAAAAAC", "a-much-longer-id-than-sixteen-bytes"],
                          dependencyIds: ["IEAAAAAQKQAAAAAB|IEAAAAAQKQAAAAAD"])
        var l = TaskListState()
        l.append([t], directory: Directory())
        let back = l.tasks[0]
        #expect(back.id == t.id)
        #expect(back.title == Sanitizer.cleanLine(t.title))
        #expect(back.parentIds == t.parentIds)
        #expect(back.responsibleIds == t.responsibleIds)
        #expect(back.status == .active)
        #expect(back.importance == .high)
        #expect(back.updatedDate == "2024-06-03T10:11:12Z")
        #expect(back.dates == TaskDates(type: .planned, start: "2024-06-01", due: "2024-06-10"))
        #expect(back.customStatusId == t.customStatusId)
        #expect(back.permalink == t.permalink)
        #expect(back.superTaskIds == [])
        #expect(back.subTaskIds == t.subTaskIds)
        #expect(back.dependencyIds == t.dependencyIds)
        #expect(l.index["a-much-longer-id-than-sixteen-bytes"] == nil)
        #expect(l.index[t.id] == 0)
        #expect(l.info[0].due == "2024-06-10")
        #expect(l.info[0].importance == .high)
    }

    @Test func oddIdsAndLinksSurvive() {
        let ids = ["T1", "", "ÄÖÜ-ünïcödé", "0123456789ABCDEF", "0123456789ABCDEFG", "with\u{0}nul", "🚀🚀🚀🚀🚀"]
        let links: [String?] = [nil, "https://x/open.htm?id=007", "no-equals", "https://eu.wrike.com/open.htm?id=42",
                                "https://x/?id=99999999999999999999", "https://x/?id=", "=1"]
        let tasks = ids.enumerated().map { i, id in WrikeTask(id: id, title: "t\(i)", permalink: links[i]) }
        var l = TaskListState()
        l.append(tasks, directory: Directory())
        #expect(l.taskCount == ids.count)
        for (i, id) in ids.enumerated() {
            #expect(l.index[id] == i)
            #expect(l.taskId(at: i) == id)
            #expect(l.tasks[i].permalink == links[i])
        }
        #expect(l.index["T2"] == nil)
        #expect(l.index["0123456789ABCDEFH"] == nil)
    }

    @Test(arguments: SortField.allCases)
    func sortingMatchesTheFullTaskOrder(_ field: SortField) {
        let (tasks, d) = generated(1500)
        for ascending in [true, false] {
            var l = TaskListState()
            l.setSort(field, ascending: ascending)
            l.append(tasks, directory: d)
            l.setFilter("e")  // flat rows (no subtask nesting), in sort order
            let expected = referenceOrder(tasks, d, field, ascending: ascending).filter { id in
                l.index[id].map { l.info[$0].title.lowercased().contains("e") } ?? false
            }
            #expect(shownIds(l) == expected, "\(field) ascending \(ascending)")
        }
    }

    @Test func pagesMergedInMatchOneSort() {
        let (tasks, d) = generated(1200, seed: 5)
        for field in SortField.allCases {
            var whole = TaskListState()
            whole.setSort(field, ascending: field.defaultAscending)
            whole.append(tasks, directory: d)
            var paged = TaskListState()
            paged.setSort(field, ascending: field.defaultAscending)
            var i = 0
            while i < tasks.count {
                paged.append(Array(tasks[i..<min(tasks.count, i + 97)]), directory: d)
                i += 97
            }
            #expect(shownIds(paged) == shownIds(whole), "\(field)")
            #expect(paged.rows.map(\.childCount) == whole.rows.map(\.childCount))
        }
    }

    @Test func filterWordsNamesAndStatusesMatchTheFullTasks() {
        let (tasks, d) = generated(1500, seed: 3)
        var l = TaskListState()
        l.append(tasks, directory: d)
        let someone = d.contacts.values.sorted { $0.id < $1.id }.first.map { Sanitizer.cleanLine($0.displayName) } ?? ""
        let word = String(someone.split(separator: " ").first ?? "").lowercased()
        for query in ["a", "re th", "@\(word)", "#progress", "#done e", "zzzznotthere", "@"] {
            l.setFilter(query)
            let terms = query.split(separator: " ").map(String.init)
            let expected = Set(tasks.filter { t in
                terms.allSatisfy { term in
                    if term.hasPrefix("@") {
                        let n = String(term.dropFirst()).lowercased()
                        if n.isEmpty { return true }
                        let names = (t.responsibleIds ?? []).map { d.name($0) }.joined(separator: ", ").lowercased()
                        return t.responsibleIds != nil && names.contains(n)
                    }
                    if term.hasPrefix("#") {
                        let n = String(term.dropFirst()).lowercased()
                        return n.isEmpty || d.status(of: t).name.lowercased().contains(n)
                    }
                    return Sanitizer.cleanLine(t.title).lowercased().contains(term.lowercased())
                }
            }.map(\.id))
            #expect(Set(shownIds(l)) == expected, "\(query)")
            #expect(l.matchCount == expected.count)
        }
    }

    @Test func writeThroughReplacesOnlyListedTasksAndKeepsTheCursor() {
        var s = loadedState()
        s.list.cursor = 2
        let selected = s.list.selectedTaskId
        var t3 = s.list.tasks[s.list.index["T3"] ?? 0]
        t3.title = "Ship it later"
        t3.customStatusId = "CS_PROG"
        let outsider = WrikeTask(id: "ELSEWHERE", title: "not in this folder")
        let changed = s.list.update([t3, outsider], directory: s.catalog.directory)
        #expect(changed)
        #expect(s.list.taskCount == Fixture.tasks.count)
        #expect(s.list.index["ELSEWHERE"] == nil)
        let i = s.list.index["T3"] ?? -1
        #expect(s.list.info[i].title == "Ship it later")
        #expect(s.list.info[i].statusName == "In Progress")
        #expect(s.list.info[i].finished == false)
        #expect(s.list.selectedTaskId == selected)
        let unchanged = s.list.update([outsider], directory: s.catalog.directory)
        #expect(!unchanged)
    }

    @Test func aNewDirectoryRenamesWithoutReloading() {
        var l = TaskListState()
        l.append(Fixture.tasks, directory: Directory())
        let i = l.index["T1"] ?? -1
        #expect(l.info[i].statusName == "Active")       // workflows not known yet
        #expect(l.info[i].assignees == Directory.pendingName)  // contacts not known yet
        l.setDirectory(Directory(Fixture.bootstrap))
        #expect(l.info[i].statusName == "In Progress")
        #expect(l.info[i].assignees == "Alex Morgan")
        l.setFilter("@alex")
        #expect(Set(shownIds(l)) == ["T1", "T4"])
    }

    @Test func visibleIdsAndRowLookups() {
        let s = loadedState()
        let ids = s.list.taskIds(rows: 0..<100)
        #expect(ids.count == s.list.rows.count)
        #expect(ids.first == s.list.selectedTaskId)
        #expect(s.list.taskIds(rows: 1..<3) == Array(ids[1..<3]))
        for (r, id) in ids.enumerated() { #expect(s.list.rowIndex(ofTask: id) == r) }
        #expect(s.list.rowIndex(ofTask: "T2a") == nil)  // a collapsed subtask is not shown
    }

    /// The point of the store: a listed task costs a few hundred bytes, not kilobytes.
    @Test func tenThousandTasksStaySmall() {
        let (tasks, d) = generated(10_000, seed: 2)
        var l = TaskListState()
        var i = 0
        while i < tasks.count {
            l.append(Array(tasks[i..<min(tasks.count, i + 1000)]), directory: d)
            if i == 0 { l.total = tasks.count }
            i += 1000
        }
        #expect(l.taskCount == 10_000)
        let perTask = l.storeBytes / l.taskCount
        #expect(perTask < 400, "\(perTask) bytes per task")
        #expect(perTask > 100)  // the estimate counts something real
    }
}
