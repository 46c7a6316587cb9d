// The dependencies of a big folder's pages are read one batch at a time: a read per page would pile up
// behind the rate limiter (a 100,000-task folder: 100 reads waiting at once, each holding its task).
import Foundation
import Testing
@testable import Browser
import WrikeAPI

@Suite struct DependencyQueueTests {
    static func loads(_ effects: [Effect]) -> [[String]] {
        effects.compactMap { if case .loadDependencies(let ids) = $0 { ids } else { nil } }
    }

    static func page(_ s: AppState, _ tasks: [WrikeTask]) -> Event {
        .taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: false,
                  .success(TaskPage(tasks: tasks, nextPageToken: nil, total: nil)))
    }

    @Test func oneReadInFlightTheRestWaitsInBatches() {
        var s = loadedState()
        // The first page asked for D1 at once.
        #expect(s.catalog.dependencyLoadsInFlight == 1)
        let deps = (0..<600).map { "P\($0)" }
        let tasks = deps.enumerated().map { Fixture.task("N\($0.offset)", "New \($0.offset)", deps: [$0.element]) }
        #expect(Self.loads(s.handle(Self.page(s, tasks))).isEmpty, "waits for the read in flight")
        #expect(s.catalog.dependencyQueue == deps)

        #expect(Self.loads(s.handle(.dependencies(.success([])))) == [Array(deps.prefix(AppState.dependencyBatch))])
        // A failed read lets the next one go too.
        #expect(Self.loads(s.handle(.dependencies(.failure(ServiceFailure("offline"))))) == [Array(deps.dropFirst(AppState.dependencyBatch))])
        #expect(Self.loads(s.handle(.dependencies(.success([])))).isEmpty)
        #expect(s.catalog.dependencyLoadsInFlight == 0 && s.catalog.dependencyQueue.isEmpty)

        // Nothing in flight: the next page's dependencies are read at once, each id once.
        let more = [Fixture.task("M1", "More", deps: ["Q1", "P3"]), Fixture.task("M2", "More 2", deps: ["Q1"])]
        #expect(Self.loads(s.handle(Self.page(s, more))) == [["Q1"]])
    }

    @Test func aRefreshDropsWhatWaits() {
        var s = loadedState()
        let tasks = (0..<3).map { Fixture.task("N\($0)", "New \($0)", deps: ["P\($0)"]) }
        _ = s.handle(Self.page(s, tasks))
        #expect(s.catalog.dependencyQueue == ["P0", "P1", "P2"])
        _ = s.update(.refresh)
        #expect(s.catalog.dependencyQueue.isEmpty)
        // The read in flight still ends: the refreshed list's dependencies are asked for again.
        _ = s.handle(.dependencies(.success([])))
        #expect(s.catalog.dependencyLoadsInFlight == 0)
    }
    /// What arrived is not kept as "asked for" too (at 100,000 tasks: ~15,000 dependency ids, 1.2 MB of
    /// strings and table); it is not asked for again either (it is in the catalog).
    @Test func answeredIdsAreNotKeptAsAskedFor() {
        var s = loadedState()
        #expect(s.catalog.requestedDependencies == ["D1"])
        let d1 = Dependency(id: "D1", predecessorId: "EXT", successorId: "T2", relationType: .finishToStart)
        #expect(s.handle(.dependencies(.success([d1]))) == [.loadTasksById(ids: ["EXT"])])
        #expect(s.catalog.requestedDependencies.isEmpty)
        #expect(s.catalog.requestedTasks == ["EXT"])
        _ = s.handle(.tasksById(.success([Fixture.task("EXT", "Outside", status: "CS_PROG")])))
        #expect(s.catalog.requestedTasks.isEmpty)
        #expect(s.list.blocked == ["T2"])
        let again = [Fixture.task("N1", "Again", deps: ["D1"]), Fixture.task("N2", "Again 2", deps: ["D1"])]
        #expect(s.handle(Self.page(s, again)).allSatisfy {
            if case .loadDependencies = $0 { false } else if case .loadTasksById = $0 { false } else { true }
        })
        #expect(s.catalog.requestedDependencies.isEmpty)
    }

    /// The blocked markers are kept as positions in the list: a refresh that lists the tasks in another
    /// order moves them with their tasks.
    @Test func blockedMarkersFollowTheirTasksThroughARefresh() {
        var s = loadedState()
        _ = s.handle(.dependencies(.success([Dependency(id: "D1", predecessorId: "EXT", successorId: "T2", relationType: .finishToStart)])))
        _ = s.handle(.tasksById(.success([Fixture.task("EXT", "Outside", status: "CS_PROG")])))
        let before = s.list.index["T2"]
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: Fixture.tasks.reversed(), total: Fixture.tasks.count))))
        let at = s.list.index["T2"]
        #expect(at != nil && at != before)
        #expect(s.list.blocked == ["T2"])
        #expect((0..<s.list.taskCount).filter { s.list.isBlocked(at: $0) } == [at].compactMap { $0 })
    }
}
