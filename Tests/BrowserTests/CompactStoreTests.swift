// The list store's packed fields (TaskStoreParts.swift, TaskStoreEncodings.swift): an 80-byte slot,
// timestamps as seconds since 1970, permalink numbers in 4 bytes, the three id lists behind one head;
// the tasks resolved by id (State/KnownTasks.swift) and the catalog's dependencies (State/DependencyTable.swift)
// kept compactly. Each round trip is checked at its edges, so a wrong packing fails here.
import Foundation
import Testing
import TermText
@testable import Browser
import WrikeAPI
import WrikeSandbox

@Suite struct CompactStoreTests {
    @Test func aSlotTakesEightyBytes() {
        #expect(MemoryLayout<Slot>.stride == 80)
    }

    @Test(arguments: ["1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2000-02-29T12:00:00Z", "2024-06-03T10:11:12Z",
                      "1999-12-31T23:59:59Z", "2038-01-19T03:14:08Z", "2106-02-07T06:28:14Z", "2100-03-01T00:00:01Z"])
    func timestampsComeBackAsSent(_ s: String) throws {
        let v = try #require(Store.timestamp(s))
        #expect(Store.formatTimestamp(v) == s)
    }

    @Test func timestampsOrderAsTheirText() {
        let texts = ["1970-01-01T00:00:00Z", "1970-01-01T00:00:01Z", "1999-12-31T23:59:59Z", "2000-01-01T00:00:00Z",
                     "2024-02-28T23:59:59Z", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", "2106-02-07T06:28:14Z"]
        let values = texts.compactMap { Store.timestamp($0) }
        #expect(values.count == texts.count)
        #expect(values == values.sorted())
        #expect(Set(values).count == values.count)
        #expect(Store.timestamp("1970-01-01T00:00:01Z") == 1)
        #expect(Store.timestamp("2024-06-03T10:11:12Z") == 1_717_409_472)
    }

    @Test(arguments: ["2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
                      "2024-04-31T00:00:00Z", "2024-06-03T24:00:00Z", "2024-06-03T10:60:00Z", "2024-06-03T10:11:60Z",
                      "1969-12-31T23:59:59Z", "2106-02-07T06:28:15Z", "9999-12-31T23:59:59Z", "2024-06-03T10:11:12",
                      "2024-06-03T10:11:12.000Z", "2024-06-03 10:11:12Z", "2024-06-0310:11:12ZZ", "", "2024-O6-03T10:11:12Z"])
    func otherTimestampsAreNone(_ s: String) {
        #expect(Store.timestamp(s) == nil)
    }

    @Test func permalinkNumbersUpToFourBytesSplitOthersStayWhole() {
        #expect(Store.splitPermalink("https://www.wrike.com/open.htm?id=1186536270") == ("https://www.wrike.com/open.htm?id=", 1_186_536_270))
        #expect(Store.splitPermalink("https://x/?id=4294967294") == ("https://x/?id=", 4_294_967_294))
        #expect(Store.splitPermalink("https://x/?id=4294967295") == ("https://x/?id=4294967295", Store.wholeLink))
        #expect(Store.splitPermalink("https://x/?id=10000000000") == ("https://x/?id=10000000000", Store.wholeLink))
        #expect(Store.splitPermalink("https://x/?id=0") == ("https://x/?id=", 0))
        #expect(Store.splitPermalink("https://x/?id=07") == ("https://x/?id=07", Store.wholeLink))
        let links = ["https://x/?id=4294967294", "https://x/?id=4294967295", "https://x/?id=0", "https://x/?id=99999999999"]
        var l = TaskListState()
        l.append(links.enumerated().map { WrikeTask(id: "P\($0.offset)", title: "t", permalink: $0.element) }, directory: Directory())
        #expect((0..<links.count).map { l.tasks[$0].permalink } == links)
    }

    /// Every combination of absent, empty and filled id lists comes back as it went in, next to tasks
    /// whose lists are all empty or all absent (which take no room in the link buffer).
    @Test func theThreeIdListsComeBackInEveryCombination() {
        let shapes: [[String]?] = [nil, [], ["IEAAAAAQKQAAAAA1"], ["IEAAAAAQKQAAAAA2", "a-much-longer-id-than-sixteen-bytes", "X"]]
        var tasks: [WrikeTask] = []
        for a in shapes { for b in shapes { for c in shapes {
            tasks.append(WrikeTask(id: "T\(tasks.count)", title: "t", superTaskIds: a, subTaskIds: b, dependencyIds: c))
        } } }
        var l = TaskListState()
        l.append(tasks, directory: Directory())
        for (i, t) in tasks.enumerated() {
            let back = l.tasks[i]
            #expect(back.superTaskIds == t.superTaskIds, "\(i)")
            #expect(back.subTaskIds == t.subTaskIds, "\(i)")
            #expect(back.dependencyIds == t.dependencyIds, "\(i)")
        }
        #expect(l.store.slots[0].links == LinkHead.absent)
        #expect(l.store.slots[21].links == LinkHead.empty)  // [], [], []
        #expect(l.store.isConsistent)
        // One head per task with an id in any list, then its ids.
        let filled = tasks.filter { t in
            let lists = [t.superTaskIds, t.subTaskIds, t.dependencyIds]
            return !lists.allSatisfy { $0 == nil } && !lists.allSatisfy { $0 == [] }
        }
        let ids = tasks.reduce(0) { $0 + ($1.superTaskIds?.count ?? 0) + ($1.subTaskIds?.count ?? 0) + ($1.dependencyIds?.count ?? 0) }
        #expect(l.store.links.count == filled.count + ids)
    }

    @Test func aDamagedLinkHeadIsRefused() {
        var l = TaskListState()
        l.append([WrikeTask(id: "A", title: "a", superTaskIds: ["B"], subTaskIds: [], dependencyIds: nil)], directory: Directory())
        var s = l.store
        #expect(s.isConsistent)
        s.links[0].lo = 5  // five super tasks, one id stored
        #expect(!s.isConsistent)
        s = l.store
        s.slots[0].links = 7  // a head past the buffer
        #expect(!s.isConsistent)
        s = l.store
        s.links[0].hi |= 1 << 32  // the super tasks absent, yet counted
        #expect(!s.isConsistent)
        s = l.store
        s.links[0].hi |= 1 << 40  // a flag that means nothing
        #expect(!s.isConsistent)
    }

    @Test func subtasksStillNestUnderTheirParent() {
        let tasks = [WrikeTask(id: "P", title: "parent", superTaskIds: [], subTaskIds: ["C"], dependencyIds: []),
                     WrikeTask(id: "C", title: "child", superTaskIds: ["P"], subTaskIds: [], dependencyIds: [])]
        var l = TaskListState()
        l.append(tasks, directory: Directory())
        #expect(l.store.slots[1].parent == 0)
        #expect(l.store.slots[0].parent == -1)
    }

    // MARK: Tasks resolved by id

    private func full(_ id: String, _ title: String, status: String = "CS1") -> WrikeTask {
        WrikeTask(id: id, title: title, description: String(repeating: "<p>long description</p>", count: 60),
                  responsibleIds: ["KUAAAAAB"], status: .active, importance: .high, updatedDate: "2024-06-03T10:11:12Z",
                  customStatusId: status, permalink: "https://www.wrike.com/open.htm?id=77",
                  superTaskIds: [], subTaskIds: [], dependencyIds: ["DEP1"])
    }

    @Test func aResolvedTaskKeepsItsListFields() throws {
        var k = KnownTasks()
        let t = full("IEAAAAAQKQAAAAAB", "Plan \u{1B}[31mQ3")
        k.addResolved([t])
        let back = try #require(k["IEAAAAAQKQAAAAAB"])
        #expect(back.title == Sanitizer.cleanLine(t.title))
        #expect(back.customStatusId == "CS1")
        #expect(back.status == .active)
        #expect(back.responsibleIds == t.responsibleIds)
        #expect(back.dependencyIds == t.dependencyIds)
        #expect(back.updatedDate == t.updatedDate)
        #expect(back.permalink == t.permalink)
        #expect(k.contains(t.id))
        #expect(!k.contains("IEAAAAAQKQAAAAAC"))
        #expect(k["IEAAAAAQKQAAAAAC"] == nil)
        let s = try #require(k.summary(t.id))
        #expect(s.title == Sanitizer.cleanLine(t.title) && s.customStatusId == "CS1" && s.status == .active)
    }

    @Test func aTaskPutWholeStaysWholeAndWins() throws {
        var k = KnownTasks()
        let whole = full("A", "whole")
        k["A"] = whole
        k.addResolved([full("A", "resolved later"), full("B", "b")])
        #expect(k["A"]?.description == whole.description)  // kept whole, updated with the newer read
        #expect(k["A"]?.title == "resolved later")
        #expect(k["B"]?.description == nil)  // compact: list fields only
        k["B"] = full("B", "b whole")
        #expect(k["B"]?.title == "b whole")
        #expect(k.values.map(\.id).sorted() == ["A", "B"])
        k["B"] = nil
        #expect(k["B"] == nil && !k.contains("B"))
        #expect(k.values.map(\.id) == ["A"])
        k.addResolved([full("B", "back")])
        #expect(k["B"]?.title == "back")
    }

    /// The point: thousands of tasks resolved for the markers cost ~100–200 bytes each, not a full model.
    @Test func resolvedTasksStaySmall() {
        let d = DatasetGenerator.generate(tasks: 2_000, seed: 5)
        var k = KnownTasks()
        k.addResolved(d.tasks)
        #expect(d.tasks.allSatisfy { k.contains($0.id) })
        let perTask = k.resolvedBytes / d.tasks.count
        #expect(perTask < 300, "\(perTask) bytes per task")
        #expect(perTask > 50)
    }
}

/// The catalog's dependencies (State/DependencyTable.swift): what goes in comes back out, found by id.
@Suite struct DependencyTableTests {
    private let odd: [Dependency] = [
        Dependency(id: "IEAGENGQIUAAAAAB", predecessorId: "IEAGENGQKQAAAAA1", successorId: "IEAGENGQKQAAAAA2",
                   relationType: .finishToStart, lagTime: 0),
        Dependency(id: "IEAGENGQIUAAAAA1AAAAA2", predecessorId: "a-much-longer-id-than-sixteen-bytes", successorId: "T",
                   relationType: .startToFinish, lagTime: nil),
        Dependency(id: "", predecessorId: "", successorId: "ÄÖÜ-ünï", relationType: "SomethingNew", lagTime: -480),
        Dependency(id: "IEAGENGQIUAAAAA", predecessorId: "P", successorId: "S", relationType: .startToStart,
                   lagTime: Int(Int32.max) + 5),
        Dependency(id: "🚀", predecessorId: "P", successorId: "S", relationType: .finishToFinish, lagTime: Int(Int32.min)),
    ]

    @Test func whatGoesInComesBackByItsId() {
        var t = DependencyTable()
        for d in odd { t.insert(d) }
        #expect(t.count == odd.count)
        for d in odd.prefix(3) { #expect(t[d.id] == d) }
        #expect(t[odd[3].id]?.lagTime == Int(Int32.max))  // clamped to 32 bits
        #expect(t[odd[4].id]?.lagTime == Int(Int32.min) + 1)  // not read back as "no lag"
        #expect(t["IEAGENGQIUAAAAAC"] == nil)
        #expect(t["IEAGENGQIUAAAAA1AAAAA"] == nil)  // a prefix of a stored id
        #expect(Array(t.values.map(\.id)) == odd.map(\.id))
    }

    @Test func storingAnIdAgainReplacesIt() {
        var t = DependencyTable()
        for d in odd { t.insert(d) }
        var changed = odd[1]
        changed.successorId = "OTHER"
        changed.lagTime = 60
        t.insert(changed)
        #expect(t.count == odd.count)
        #expect(t[changed.id] == changed)
        #expect(t[odd[0].id] == odd[0])
    }

    /// Through growth of the index; the point: a dependency costs ~130 bytes, not a dictionary entry
    /// with three decoded strings (~300).
    @Test func thousandsAreFoundAndStaySmall() {
        var t = DependencyTable()
        func six(_ n: Int) -> String { String(String(1_000_000 + n).suffix(6)) }
        let deps = (0..<6_000).map { i in
            Dependency(id: "IEAGENGQIU" + six(i) + six(i * 7), predecessorId: "IEAGENGQKQ" + six(i),
                       successorId: "IEAGENGQKQ" + six(i + 1), relationType: .finishToStart, lagTime: i % 3 == 0 ? nil : i)
        }
        for d in deps { t.insert(d) }
        #expect(t.count == deps.count)
        #expect(deps.allSatisfy { t[$0.id] == $0 })
        // 48-byte entries, the id's bytes, 4-byte buckets; arrays grown by doubling.
        #expect(MemoryLayout<DependencyTable.Entry>.stride == 48)
        #expect(t.bytes / deps.count < 160, "\(t.bytes / deps.count) bytes per dependency")
    }
}

/// ASCII titles are folded as they are read (no second copy); the others keep their folded copy.
@Suite struct FoldedTitleTests {
    private let titles = ["Zeta report", "alpha PLAN", "Ärger mit Öl", "BETA plan", "ärmel", "Plan B", "", "[Draft] Zeta",
                          "alpha plan", "Épée", "zeta REPORT"]

    @Test func onlyNonASCIITitlesKeepAFoldedCopy() {
        var l = TaskListState()
        l.append(titles.enumerated().map { WrikeTask(id: "T\($0.offset)", title: $0.element) }, directory: Directory())
        let nonASCII = titles.filter { $0.utf8.contains { $0 >= 0x80 } }
        #expect(l.store.folded.count == nonASCII.reduce(0) { $0 + TaskListState.fold($1).count })
        #expect(l.store.foldStart.filter { $0 == Store.asciiTitle }.count == titles.count - nonASCII.count)
        #expect(l.store.isConsistent)
    }

    @Test func filterAndSortSeeEveryTitleFolded() {
        var l = TaskListState()
        l.setSort(.title, ascending: true)
        l.append(titles.enumerated().map { WrikeTask(id: "T\($0.offset)", title: $0.element) }, directory: Directory())
        func shown() -> [String] { l.rows.map { l.info[Int($0.task)].title } }
        // The reference: byte order of the folded titles, then arrival.
        let expected = titles.enumerated().sorted { a, b in
            let x = TaskListState.fold(a.element), y = TaskListState.fold(b.element)
            return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
        }.map(\.element)
        #expect(shown() == expected)
        l.setSort(.title, ascending: false)
        let descending = titles.enumerated().sorted { a, b in
            let x = TaskListState.fold(a.element), y = TaskListState.fold(b.element)
            return x == y ? a.offset < b.offset : y.lexicographicallyPrecedes(x)
        }.map(\.element)
        #expect(shown() == descending)
        l.setSort(.title, ascending: true)
        l.setFilter("plan")
        #expect(shown() == ["alpha PLAN", "alpha plan", "BETA plan", "Plan B"])
        l.setFilter("ZETA R")  // both words, anywhere: "r" is in "Draft"
        #expect(shown() == ["[Draft] Zeta", "Zeta report", "zeta REPORT"])
        l.setFilter("eta rep")
        #expect(shown() == ["Zeta report", "zeta REPORT"])
        l.setFilter("är")
        #expect(shown() == ["Ärger mit Öl", "ärmel"])
        l.setFilter("[d")
        #expect(shown() == ["[Draft] Zeta"])
    }
}
