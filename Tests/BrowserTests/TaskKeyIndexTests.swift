// The store's key index (TaskKeyIndex.swift): finds every stored task, nothing else, through growth and
// crowded buckets, in a few bytes per task; and the rest of the list's per-task memory.
import Testing
import TestSupport
@testable import Browser
import WrikeAPI
import WrikeSandbox

@Suite(.offPool) struct TaskKeyIndexTests {
    private func slot(_ key: TaskKey) -> Slot {
        Slot(key: key, title: .none, updated: Store.noTime, created: Store.noTime, permalinkNumber: Store.wholeLink,
             links: LinkHead.absent, status: 0, assignees: -1, parents: -1, authors: -1, permalinkPrefix: -1,
             importance: -1, dateType: -1, start: 0, due: 0, parent: -1)
    }

    private func dataset(_ n: Int, seed: UInt64) -> (tasks: [WrikeTask], directory: Directory) {
        let d = DatasetGenerator.generate(tasks: n, seed: seed)
        let b = Bootstrap(account: d.account, me: d.contacts.first { $0.id == d.me }, contacts: d.contacts,
                          workflows: d.workflows, spaces: d.spaces)
        return (d.tasks, Directory(b))
    }

    @Test func findsEveryKeyThroughGrowthAndNoOther() {
        var slots: [Slot] = []
        var index = TaskKeyIndex()
        // Ids of one account share their first bytes; the index must still spread them.
        for n in 0..<5_000 {
            slots.append(slot(TaskKey(lo: 0x4141_4147_4145_4549, hi: UInt64(n) << 40)))
            index.insert(Int32(n), slots: slots)
        }
        #expect(index.count == 5_000)
        for (i, s) in slots.enumerated() { #expect(index.find(s.key, in: slots) == Int32(i)) }
        #expect(index.find(TaskKey(lo: 0x4141_4147_4145_4549, hi: 5_000 << 40), in: slots) == nil)
        #expect(index.find(TaskKey(lo: 0, hi: 0), in: slots) == nil)
        #expect(TaskKeyIndex().find(TaskKey(lo: 1, hi: 1), in: slots) == nil)
    }

    @Test func reservingKeepsWhatIsIndexed() {
        var slots: [Slot] = []
        var index = TaskKeyIndex()
        for n in 0..<100 {
            slots.append(slot(TaskKey(lo: UInt64(n), hi: 7)))
            index.insert(Int32(n), slots: slots)
        }
        index.reserve(10_000, slots: slots)
        for (i, s) in slots.enumerated() { #expect(index.find(s.key, in: slots) == Int32(i)) }
    }

    /// The point: 100,000 listed tasks cost ~1 MB of index, where a `[TaskKey: Int32]` took ~5 MB.
    @Test func aListedTaskCostsAFewBytesOfIndex() {
        let d = dataset(10_000, seed: 3)
        var l = TaskListState()
        l.total = d.tasks.count
        l.append(d.tasks, directory: d.directory)
        #expect(l.store.keyIndex.count == 10_000)
        #expect(l.store.keyIndex.bytes / 10_000 <= 16)
        for t in d.tasks.prefix(500) { #expect(l.index[t.id].map { l.taskId(at: $0) } == t.id) }
    }

    @Test func aShownRowTakesTwelveBytes() {
        #expect(MemoryLayout<ListRow>.stride == 12)
    }

    /// After a listing's first page the title and link buffers have room for the whole listing at once
    /// (growing by doubling would hold up to twice the titles, three times while copying).
    @Test func theFirstPageReservesTheTitlesOfTheWholeListing() {
        let d = dataset(10_000, seed: 4)
        var l = TaskListState()
        l.total = d.tasks.count
        l.append(Array(d.tasks.prefix(1_000)), directory: d.directory)
        let s = l.store
        #expect(s.text.capacity >= s.text.count * 10, "\(s.text.capacity) for \(s.text.count)")
        #expect(s.folded.capacity >= s.folded.count * 10)
        #expect(s.text.capacity <= s.text.count * 12)
        for start in stride(from: 1_000, to: 10_000, by: 1_000) {
            l.append(Array(d.tasks[start..<start + 1_000]), directory: d.directory)
        }
        #expect(l.taskCount == 10_000)
        #expect(l.store.text.capacity <= l.store.text.count * 5 / 4)
    }
}
