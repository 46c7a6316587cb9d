// The listed tasks, kept compactly: about 200 bytes per task instead of a decoded `WrikeTask` plus
// display strings (~2.5 KB). Ids are packed into 16 bytes, titles live in two shared byte buffers
// (as shown and folded for search), statuses, assignee sets, parent folders and small enumerations are
// interned once per distinct value, dates are integers. Display strings are made on demand for the rows
// on screen; `task(_:)` rebuilds a summary `WrikeTask` (the list fields) for actions.
import Foundation
import TermText
import WrikeAPI

/// The compact storage of the list.
struct Store: Sendable {
    var ids = IdPool()
    var slots: [Slot] = []
    var keyIndex = TaskKeyIndex()
    /// Titles as shown, back to back.
    var text: [UInt8] = []
    /// Folded titles back to back (task i: `foldStart[i]..<foldEnd[i]`): a filter over 100,000 titles reads
    /// one compact buffer instead of 100,000 scattered arrays. Only titles with non-ASCII bytes are here: an
    /// ASCII title (`foldStart[i] == asciiTitle`) is folded as it is read from `text` (`FoldedTitles`).
    var folded: [UInt8] = []
    var foldStart: [UInt32] = []
    var foldEnd: [UInt32] = []
    /// superTaskIds, subTaskIds and dependencyIds of every task, back to back.
    var links: [TaskKey] = []
    var statuses = Interner<StatusKey>()
    var statusLooks: [StatusLook] = []
    var assigneeSets = Interner<[TaskKey]>()
    var assigneeLooks: [AssigneeLook] = []
    var parentSets = Interner<[TaskKey]>()
    var authorSets = Interner<[TaskKey]>()
    /// Importance and date type values, permalink prefixes.
    var strings = Interner<String>()

    var count: Int { slots.count }

    /// The position of the task with `key`.
    func position(of key: TaskKey) -> Int32? { keyIndex.find(key, in: slots) }

    mutating func reserve(_ n: Int) {
        guard n > slots.capacity else { return }
        slots.reserveCapacity(n)
        foldStart.reserveCapacity(n)
        foldEnd.reserveCapacity(n)
        keyIndex.reserve(n, slots: slots)
    }

    /// Room for the titles and links of `total` tasks at the average of those stored (+1/16): the buffers
    /// then do not grow by doubling (up to twice their size, three times while copying) as pages arrive.
    mutating func reserveBuffers(for total: Int) {
        let n = slots.count
        guard n > 0, total > n else { return }
        func reserve<T>(_ a: inout [T]) {
            let need = a.count * total / n * 17 / 16
            if a.capacity < need * 15 / 16 { a.reserveCapacity(need) }
        }
        reserve(&text)
        reserve(&folded)
        reserve(&links)
    }

    // MARK: Writing

    /// Adds a task or replaces the stored one; returns its position and whether it was new.
    mutating func put(_ t: WrikeTask, _ d: Directory) -> (index: Int32, added: Bool) {
        let key = ids.key(t.id)
        let title = Sanitizer.cleanLine(t.title)
        let titleRun = Run(start: UInt32(text.count), count: UInt32(title.utf8.count))
        text.append(contentsOf: title.utf8)
        var fs = Self.asciiTitle, fe: UInt32 = 0
        if title.utf8.contains(where: { $0 >= 0x80 }) {
            fs = UInt32(folded.count)
            folded.append(contentsOf: TaskListState.fold(title))
            fe = UInt32(folded.count)
        }
        let status = statuses.intern(StatusKey(custom: t.customStatusId, status: t.status))
        if Int(status) == statusLooks.count { statusLooks.append(Self.look(statuses[status], d)) }
        var assignees: Int32 = -1
        if let r = t.responsibleIds {
            assignees = assigneeSets.intern(r.map { ids.key($0) })
            if Int(assignees) == assigneeLooks.count { assigneeLooks.append(look(assigneeSets[assignees], d)) }
        }
        let parents: Int32 = t.parentIds.map { p in parentSets.intern(p.map { ids.key($0) }) } ?? -1
        let authors: Int32 = t.authorIds.map { a in authorSets.intern(a.map { ids.key($0) }) } ?? -1
        var prefix: Int32 = -1, number = Self.wholeLink
        if let link = t.permalink {
            let (p, n) = Self.splitPermalink(link)
            prefix = strings.intern(p)
            number = n
        }
        let slot = Slot(key: key, title: titleRun, updated: Self.timestamp(t.updatedDate) ?? Self.noTime,
                        created: Self.timestamp(t.createdDate) ?? Self.noTime, permalinkNumber: number,
                        links: addLinks(t.superTaskIds, t.subTaskIds, t.dependencyIds), status: status,
                        assignees: assignees, parents: parents, authors: authors,
                        permalinkPrefix: prefix, importance: t.importance.map { strings.intern($0.rawValue) } ?? -1,
                        dateType: t.dates?.type.map { strings.intern($0.rawValue) } ?? -1,
                        start: Self.day(t.dates?.start) ?? 0, due: Self.day(t.dates?.due) ?? 0, parent: -1)
        if let at = position(of: key) {
            slots[Int(at)] = slot
            foldStart[Int(at)] = fs
            foldEnd[Int(at)] = fe
            return (at, false)
        }
        let at = Int32(slots.count)
        slots.append(slot)
        keyIndex.insert(at, slots: slots)
        foldStart.append(fs)
        foldEnd.append(fe)
        return (at, true)
    }

    /// The three id lists in `links` (see `LinkHead`); what the slot keeps.
    private mutating func addLinks(_ a: [String]?, _ b: [String]?, _ c: [String]?) -> UInt32 {
        if a == nil && b == nil && c == nil { return LinkHead.absent }
        if a?.isEmpty == true && b?.isEmpty == true && c?.isEmpty == true { return LinkHead.empty }
        let at = UInt32(links.count)
        links.append(LinkHead.head(a?.count, b?.count, c?.count))
        for list in [a, b, c] {
            for s in list ?? [] { links.append(ids.key(s)) }
        }
        return at
    }

    /// The super task, subtask and dependency runs of task `i` in `links`.
    func linkRuns(_ i: Int) -> (super: Run, sub: Run, dependencies: Run) {
        links.withUnsafeBufferPointer { LinkHead.runs(slots[i].links, $0) } ?? (.none, .none, .none)
    }

    /// Re-derives what depends on the directory (status names, order and colours; assignee names).
    mutating func apply(_ d: Directory) {
        statusLooks = statuses.values.map { Self.look($0, d) }
        assigneeLooks = assigneeSets.values.map { look($0, d) }
    }

    static func look(_ s: StatusKey, _ d: Directory) -> StatusLook {
        let st = d.status(customStatusId: s.custom, status: s.status)
        let groupRank: Int32
        switch st.group {
        case .active: groupRank = 0
        case .deferred: groupRank = 1
        case .completed: groupRank = 2
        case .cancelled: groupRank = 3
        default: groupRank = 4
        }
        let order = s.custom.flatMap { d.statusOrder[$0] }.map { Int32(clamping: $0) } ?? 99_999
        return StatusLook(name: st.name, color: st.color, finished: st.group != .active && st.group != .deferred,
                          rank: groupRank * 100_000 + min(order, 99_999), folded: TaskListState.fold(st.name))
    }

    func look(_ people: [TaskKey], _ d: Directory) -> AssigneeLook {
        let text = people.map { d.name(ids.string($0)) }.joined(separator: ", ")
        return AssigneeLook(text: text, folded: TaskListState.fold(text))
    }

    // MARK: Reading

    func id(_ i: Int) -> String { ids.string(slots[i].key) }

    func title(_ i: Int) -> String {
        let r = slots[i].title
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(r.start)..<Int(r.start + r.count)]), as: UTF8.self) }
    }

    func string(_ ref: Int32) -> String? { ref >= 0 ? strings[ref] : nil }

    func keys(_ r: Run) -> [String]? {
        r.isNone ? nil : links[Int(r.start)..<Int(r.start + r.count)].map { ids.string($0) }
    }

    func isFinished(_ i: Int) -> Bool { statusLooks[Int(slots[i].status)].finished }

    func info(_ i: Int) -> TaskInfo {
        let s = slots[i]
        let look = statusLooks[Int(s.status)]
        return TaskInfo(id: ids.string(s.key), statusName: look.name, statusColor: look.color, finished: look.finished,
                        importance: string(s.importance).map { Importance(rawValue: $0) }, title: title(i),
                        assignees: s.assignees >= 0 ? assigneeLooks[Int(s.assignees)].text : "",
                        due: s.due > 0 ? Self.formatDay(s.due) : nil)
    }

    /// The task as the list knows it: the list fields of the summary Wrike sent (no description,
    /// custom fields or authors; dates without time of day). The detail pane reads the full task.
    func task(_ i: Int) -> WrikeTask {
        let s = slots[i]
        let st = statuses[s.status]
        var dates: TaskDates?
        if s.dateType >= 0 || s.start > 0 || s.due > 0 {
            dates = TaskDates(type: string(s.dateType).map { DateType(rawValue: $0) },
                              start: s.start > 0 ? Self.formatDay(s.start) : nil,
                              due: s.due > 0 ? Self.formatDay(s.due) : nil)
        }
        let link = string(s.permalinkPrefix).map { s.permalinkNumber == Self.wholeLink ? $0 : $0 + String(s.permalinkNumber) }
        let runs = linkRuns(i)
        return WrikeTask(id: ids.string(s.key), title: title(i),
                         parentIds: s.parents >= 0 ? parentSets[s.parents].map { ids.string($0) } : nil,
                         responsibleIds: s.assignees >= 0 ? assigneeSets[s.assignees].map { ids.string($0) } : nil,
                         status: st.status, importance: string(s.importance).map { Importance(rawValue: $0) },
                         createdDate: s.created != Self.noTime ? Self.formatTimestamp(s.created) : nil,
                         updatedDate: s.updated != Self.noTime ? Self.formatTimestamp(s.updated) : nil, dates: dates,
                         authorIds: s.authors >= 0 ? authorSets[s.authors].map { ids.string($0) } : nil,
                         customStatusId: st.custom, permalink: link,
                         superTaskIds: keys(runs.super), subTaskIds: keys(runs.sub), dependencyIds: keys(runs.dependencies))
    }

    /// Approximate heap bytes held (capacities of the buffers and tables).
    var bytes: Int {
        slots.capacity * MemoryLayout<Slot>.stride + keyIndex.bytes + text.capacity + folded.capacity
            + (foldStart.capacity + foldEnd.capacity) * 4 + links.capacity * 16 + ids.bytes
            + statuses.count * 200 + assigneeSets.values.reduce(0) { $0 + 120 + $1.count * 16 }
            + parentSets.values.reduce(0) { $0 + 80 + $1.count * 16 }
            + authorSets.values.reduce(0) { $0 + 80 + $1.count * 16 } + strings.count * 80
    }
}
