// The detail follows the list cursor (Features/FollowCursor): debounced on the state's ticks, off by
// config, `next-task` / `prev-task` from the detail pane, and the requests a walk costs on the sandbox.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct FollowCursorTests {
    static func details(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .loadDetail(let id, _) = $0 { id } else { nil } }
    }

    static func ticks(_ s: inout AppState, _ seconds: TimeInterval, step: TimeInterval = 0.05) -> [Effect] {
        var out: [Effect] = []
        var t = 0.0
        while t < seconds - 1e-9 {
            t += step
            out += s.update(.tick(s.now.addingTimeInterval(step)))
        }
        return out
    }

    static func listed(_ s: AppState) -> AppState {
        var s = s
        s.focus = .list
        s.list.cursor = 0
        return s
    }

    @Test func theDetailShowsTheTaskTheCursorRestsOn() throws {
        var s = Self.listed(loadedState())
        let first = try #require(s.list.selectedTaskId)
        #expect(Self.details(s.update(.move(1))).isEmpty)
        let second = try #require(s.list.selectedTaskId)
        #expect(second != first && s.wantsTickSoon)
        // Not before the cursor rested `debounce` (0.15 s after the first tick after the key).
        #expect(Self.details(Self.ticks(&s, 0.1)).isEmpty)
        #expect(Self.details(Self.ticks(&s, 0.15)) == [second])
        #expect(s.focus == .list && s.detail.taskId == second && !s.wantsTickSoon)
        // Walking fast (a key every 50 ms) reads only where the cursor stops.
        var walked: [Effect] = []
        for _ in 0..<3 {
            walked += s.update(.move(1))
            walked += Self.ticks(&s, 0.05)
        }
        walked += Self.ticks(&s, 0.3)
        #expect(Self.details(walked) == [try #require(s.list.selectedTaskId)])
        // Back onto the task shown: nothing to read.
        let shown = try #require(s.list.selectedTaskId)
        _ = s.update(.move(-1))
        _ = s.update(.move(1))
        #expect(s.list.selectedTaskId == shown && Self.details(Self.ticks(&s, 0.5)).isEmpty)
    }

    @Test func offByConfigTheDetailStaysUntilEnter() throws {
        var s = Self.listed(loadedState())
        s.features.followCursor.enabled = false
        _ = s.update(.move(1))
        #expect(!s.wantsTickSoon && Self.details(Self.ticks(&s, 1)).isEmpty && s.detail.taskId == nil)
        let id = try #require(s.list.selectedTaskId)
        #expect(Self.details(s.update(.open)) == [id])
    }

    @Test func nextAndPreviousTaskFromTheDetailPane() throws {
        var s = Self.listed(loadedState())
        #expect(s.keymap.action(for: "J", in: .browse) == .nextTask)
        #expect(s.keymap.action(for: "K", in: .browse) == .prevTask)
        let first = try #require(s.list.selectedTaskId)
        _ = s.update(.open)
        _ = s.handle(.detailTask(taskId: first, .success(Fixture.tasks[0])))
        #expect(s.focus == .detail)
        _ = s.update(Action.nextTask.intent)
        let next = try #require(s.list.selectedTaskId)
        #expect(next != first && s.list.cursor == 1 && s.focus == .detail)
        #expect(Self.details(Self.ticks(&s, 0.25)) == [next])
        #expect(s.detail.taskId == next && s.focus == .detail)
        _ = s.update(Action.prevTask.intent)
        #expect(s.list.cursor == 0 && s.focus == .detail)
        #expect(Self.details(Self.ticks(&s, 0.25)) == [first])
        // At the top: stays; the keys work with follow-cursor off too.
        s.features.followCursor.enabled = false
        _ = s.update(Action.prevTask.intent)
        #expect(s.list.cursor == 0 && Self.details(Self.ticks(&s, 0.25)).isEmpty)
        _ = s.update(Action.nextTask.intent)
        #expect(Self.details(Self.ticks(&s, 0.25)) == [next])
        // In the tree they say where they work.
        s.focus = .tree
        _ = s.update(Action.nextTask.intent)
        #expect(s.status.message?.contains("task list") == true)
    }

    /// Walking a folder's list with j on the sandbox through the app's service: at most 2 requests per
    /// task walked, none when walking back over tasks read within the cache's time.
    @Test func walkingWithJCostsAtMostTwoRequestsPerTask() async throws {
        var (setup, _) = try await RequestCountTests.firstFrame()
        await RequestCountTests.settle(&setup)
        var s = setup.state
        s.features.inbox.interval = 0  // the inbox's polls are counted by its own figure, not this one
        s.focus = .list
        s.list.cursor = 0
        func run(_ effects: [Effect]) async {
            var pending = effects
            while !pending.isEmpty {
                let e = pending.removeFirst()
                let box = EventBox()
                await EffectRunner.perform(e, service: setup.service) { box.post($0) }
                for ev in box.take() { pending += s.handle(ev) }
            }
        }
        let walked = 20
        let before = setup.sandbox.requestLog.count
        var shown: [String] = []
        for _ in 0..<walked {
            await run(s.update(.move(1)))
            await run(Self.ticks(&s, 0.3))
            shown.append(s.detail.taskId ?? "")
            #expect(s.detail.taskId == s.list.selectedTaskId && s.detail.task != nil)
        }
        #expect(Set(shown).count == walked)
        let requests = setup.sandbox.requestLog.count - before
        #expect(Double(requests) / Double(walked) <= 2, "\(setup.sandbox.requestLog.dropFirst(before).map(\.path))")
        let back = setup.sandbox.requestLog.count
        for _ in 0..<(walked - 1) {
            await run(s.update(.move(-1)))
            await run(Self.ticks(&s, 0.3))
        }
        #expect(setup.sandbox.requestLog.count - back == 0, "\(setup.sandbox.requestLog.dropFirst(back).map(\.path))")
    }
}
