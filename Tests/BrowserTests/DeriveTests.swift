// Issue 14, rule 3: derived state (the tree's rows, the blocked markers, the detail's lines) is made in
// one place, `AppState.deriveStale`, at the end of each update. Random sequences of intents and events
// check that after every step what is shown equals what a fresh derivation from the inputs gives; a scan
// of the sources checks the derive functions are called from that one place only.
import Foundation
import Testing
@testable import Browser
import WrikeAPI

/// A small seeded generator (SplitMix64): the same seed gives the same sequence on every machine.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct DeriveTests {
    /// One random step: a key the user could press or an answer Wrike could send.
    enum Step: CustomStringConvertible {
        case intent(Intent)
        case event(Event)
        var description: String {
            switch self {
            case .intent(let i): "intent \(i)"
            case .event(let e): "event \(String(describing: e).prefix(120))"
            }
        }
    }

    static let statuses = ["CS_NEW", "CS_PROG", "CS_DONE"]

    /// The fixture's tasks with changed titles and statuses (the same ids).
    static func changedTasks(_ r: inout SeededRandom) -> [WrikeTask] {
        Fixture.tasks.map { t in
            var t = t
            if Bool.random(using: &r) { t.title += " v\(Int.random(in: 1...9, using: &r))" }
            if Bool.random(using: &r), let s = statuses.randomElement(using: &r) {
                t.customStatusId = s
                t.status = s == "CS_DONE" ? .completed : .active
            }
            return t
        }
    }

    static func randomStep(_ s: AppState, _ r: inout SeededRandom) -> Step {
        let ids = Fixture.tasks.map(\.id)
        let width = Int.random(in: 24...90, using: &r)
        let intents: [Intent] = [
            .move(1), .move(-1), .move(3), .page(1), .top, .bottom, .focusNext, .focusPrevious, .focus(.list),
            .focus(.tree), .open, .back, .toggleExpand, .setFilter("T"), .setFilter(""), .cycleSort, .reverseSort,
            .nextSection, .previousSection, .stepTask(1),
            .layout(Viewport(treeRows: 10, listRows: 4, detailRows: 10, detailWidth: width)),
            .tick(s.now.addingTimeInterval(Double(Int.random(in: 1...90, using: &r)))),
        ]
        let dependency = Dependency(id: "D\(Int.random(in: 1...3, using: &r))", predecessorId: ids.randomElement(using: &r) ?? "T1",
                                    successorId: ids.randomElement(using: &r) ?? "T2", relationType: .finishToStart)
        let page = TaskPage(tasks: changedTasks(&r), total: Fixture.tasks.count)
        var events: [Event] = [
            .taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true, .success(page)),
            .dependencies(.success([dependency])),
            .tasksById(.success(Array(changedTasks(&r).shuffled(using: &r).prefix(2)))),
            .tree(spaceId: "SP1", .success(Fixture.tree)),
            .tree(spaceId: "SP2", .failure(ServiceFailure("The space could not be read."))),
            .directory(.success(Fixture.bootstrap)),
        ]
        if let id = s.detail.taskId {
            let task = changedTasks(&r).first { $0.id == id }
            events += [.detailTask(taskId: id, .success(task)), .taskDependencies(taskId: id, .success([dependency])),
                       .comments(taskId: id, .success([]))]
        }
        if Int.random(in: 0..<5, using: &r) < 3, let i = intents.randomElement(using: &r) { return .intent(i) }
        return .event(events.randomElement(using: &r) ?? .dependencies(.success([])))
    }

    /// What the state shows equals what deriving everything again from its inputs gives.
    static func staleParts(_ s: AppState) -> [String] {
        var fresh = s
        fresh.tree.rebuild()
        fresh.recomputeBlocked()
        fresh.rebuildDetail()
        var stale: [String] = []
        if fresh.tree.rows != s.tree.rows { stale.append("tree rows") }
        if fresh.list.blocked != s.list.blocked { stale.append("blocked \(s.list.blocked.sorted()) vs \(fresh.list.blocked.sorted())") }
        if fresh.detail.lines != s.detail.lines { stale.append("detail lines") }
        return stale
    }

    @Test func derivedStateMatchesAFreshDerivationAfterEveryStep() {
        for seed in UInt64(1)...40 {
            var r = SeededRandom(state: seed)
            var s = loadedState()
            var steps: [Step] = []
            for _ in 0..<30 {
                let step = Self.randomStep(s, &r)
                steps.append(step)
                switch step {
                case .intent(let i): _ = s.update(i)
                case .event(let e): _ = s.handle(e)
                }
                let stale = Self.staleParts(s)
                if !stale.isEmpty {
                    let trail = steps.map(\.description).joined(separator: "\n")
                    Issue.record("seed \(seed): \(stale) after:\n\(trail)")
                    break
                }
            }
        }
    }

    /// The list's cursor moving over tasks (the keystroke hot path) leaves the open task's lines as they are:
    /// nothing the detail is made from changed, so it is not laid out again.
    @Test func aCursorStepDoesNotLayTheDetailOutAgain() {
        var s = loadedState()
        s.focus = .list
        _ = s.update(.open)
        _ = s.handle(.detailTask(taskId: s.detail.taskId ?? "", .success(Fixture.tasks[0])))
        _ = s.update(.focus(.list))
        let before = s.detailStamp
        #expect(s.detail.builtFrom == before)
        _ = s.update(.move(1))
        _ = s.update(.move(-1))
        #expect(s.detailStamp == before)
        #expect(s.detail.builtFrom == before)
    }

    /// The derive functions are called from `deriveStale` only (their own definitions aside), and
    /// `deriveStale` runs at the end of `update` and `handle`.
    @Test func theDeriveFunctionsAreCalledInOnePlace() throws {
        let files = try swiftFiles(under: "Browser").map { "Browser/" + $0 }
        let calls = try matches(of: [#"\b(rebuildDetail|recomputeBlocked)\("#, #"\.rebuild\(\)"#, #"\brebuild\(\)"#], in: files)
            .filter { !$0.contains("func ") && !$0.hasPrefix("Browser/Update/Derive.swift:") }
        #expect(calls.isEmpty, "derived state made outside AppState.deriveStale:\n\(calls.joined(separator: "\n"))")
        let entries = try matches(of: [#"deriveStale\(\)"#], in: ["Browser/Update/Update.swift", "Browser/Update/HandleEvent.swift"])
        #expect(entries.count == 2, "\(entries)")
    }
}
