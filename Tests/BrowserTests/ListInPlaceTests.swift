// Pages joining a big list re-sort and rebuild the rows in the storage they had: no second order or
// second array of rows of every task while pages arrive (at 100,000 tasks, 0.4 and 1.2 MB more at the peak).
import Foundation
import Testing
@testable import Browser
import WrikeAPI

@Suite struct ListInPlaceTests {
    static func page(_ r: Range<Int>) -> [WrikeTask] {
        r.map { i in
            Fixture.task(String(format: "IEAB%012d", i), "Task \((i * 7919) % 1000) \(i % 3 == 0 ? "Été" : "plain")",
                         importance: [.high, .normal, .low][i % 3], updated: "2024-06-\(10 + i % 18)T00:00:00Z")
        }
    }

    static func base<T>(_ a: [T]) -> UnsafePointer<T>? { a.withUnsafeBufferPointer { $0.baseAddress } }

    @Test(arguments: [SortField.title, .importance, .updated, .status])
    func pagesReuseTheOrderAndTheRows(_ field: SortField) {
        var l = TaskListState()
        l.setSort(field, ascending: field != .updated)
        l.total = 3_000
        l.append(Self.page(0..<1_000), directory: Directory())
        let rows = Self.base(l.rows), order = Self.base(l.sorted)
        l.append(Self.page(1_000..<2_000), directory: Directory())
        l.append(Self.page(2_000..<3_000), directory: Directory())
        #expect(Self.base(l.rows) == rows)
        #expect(Self.base(l.sorted) == order)
        #expect(l.rows.count == 3_000 && l.sorted.count == 3_000)
        // The merged order is the order a full sort gives.
        let merged = l.sorted
        l.resort(added: nil)
        #expect(l.sorted == merged)
        #expect(l.rows.map(\.task) == merged)
    }
}
