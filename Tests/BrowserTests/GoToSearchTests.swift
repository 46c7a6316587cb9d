// Go-to's server-side title search (Features/GoTo/GoToSearch.swift): debounced on the state's ticks,
// stale answers dropped by generation, the request out cancelled as you type (in the runner too), rows
// after the local matches, Enter opens the task; offline and signed out in plain words.
import Foundation
import Synchronization
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct GoToSearchTests {
    static func searches(_ effects: [Effect]) -> [GoToEffect] {
        effects.compactMap { if case .goTo(let e) = $0 { e } else { nil } }
    }

    /// Types `text` one character at a time, a tick `gap` seconds after each.
    static func type(_ text: String, into s: inout AppState, gap: TimeInterval) -> [GoToEffect] {
        var out: [GoToEffect] = []
        for ch in text {
            out += searches(s.update(.action(.picker(.type(String(ch))))))
            out += searches(s.update(.tick(s.now.addingTimeInterval(gap))))
        }
        return out
    }

    static func ticks(_ s: inout AppState, _ seconds: TimeInterval, step: TimeInterval = 0.05) -> [GoToEffect] {
        var out: [GoToEffect] = []
        var t = 0.0
        while t < seconds {
            t += step
            out += searches(s.update(.tick(s.now.addingTimeInterval(step))))
        }
        return out
    }

    static func labels(_ s: AppState) -> [String] {
        guard case .goTo(let m)? = s.modal else { return [] }
        return m.picker.matches.map { m.picker.labels[$0] }
    }

    @Test func typingWaitsForAPauseThenSearchesOnce() {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        // 120 ms between keys: no search while typing.
        #expect(Self.type("deploy", into: &s, gap: 0.12).isEmpty)
        #expect(s.wantsTickSoon)
        // The pause: one search for the whole query, after the debounce (not before).
        #expect(Self.ticks(&s, 0.2).isEmpty)
        let fired = Self.ticks(&s, 0.2)
        let generation = try? #require(GoToTests.palette(s)?.search.generation)
        #expect(fired == [.search(query: "deploy", generation: generation ?? -1)])
        #expect(!s.wantsTickSoon)
        #expect(Self.labels(s).last == "Searching task titles for “deploy”…")
        // Nothing more while it is out.
        #expect(Self.ticks(&s, 1).isEmpty)
    }

    @Test func typingOnCancelsTheSearchOutAndDropsItsAnswer() throws {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        _ = Self.type("dep", into: &s, gap: 0.05)
        let first = Self.ticks(&s, 0.5)
        guard case .search(_, let oldGeneration)? = first.first else { Issue.record("no search"); return }
        // A key while it is out: the runner is told to cancel it.
        #expect(Self.searches(s.update(.action(.picker(.type("l"))))) == [.cancelSearch])
        // Its answer, arriving anyway, is stale: dropped.
        _ = s.handle(.goTo(.searchResults(query: "dep", generation: oldGeneration,
                                          .success([Fixture.task("X1", "Deploy the thing")]))))
        #expect(!Self.labels(s).contains { $0.contains("Deploy the thing") })
        let second = Self.ticks(&s, 0.5)
        let m = try #require(GoToTests.palette(s))
        #expect(second == [.search(query: "depl", generation: m.search.generation)])
        // Esc with a search out cancels it too.
        #expect(Self.searches(s.update(.action(.picker(.cancel)))) == [.cancelSearch])
    }

    @Test func resultsFollowTheLocalMatchesAndEnterOpensTheTask() throws {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        _ = Self.type("pl", into: &s, gap: 0.05)
        guard case .search(let q, let g)? = Self.ticks(&s, 0.5).first else { Issue.record("no search"); return }
        let found = [Fixture.task("X1", "Plan the \u{1B}[31mlaunch\u{202E}", status: "CS_PROG"), Fixture.task("X2", "Replace the platform")]
        _ = s.handle(.goTo(.searchResults(query: q, generation: g, .success(found))))
        let labels = Self.labels(s)
        // The folder "Platform" (a local match by name) first; the tasks after, sanitized, with their status.
        #expect(labels.first?.hasPrefix("Platform") == true)
        let tasks = labels.filter { $0.hasSuffix("(task)") }
        #expect(tasks == ["Plan the launch  · In Progress  (task)", "Replace the platform  · New  (task)"])
        let firstTask = try #require(labels.firstIndex(of: tasks[0]))
        #expect(labels[..<firstTask].allSatisfy { !$0.hasSuffix("(task)") })
        // Narrowing to "pla" needs no new search: titles holding "pla" hold "pl".
        #expect(Self.searches(s.update(.action(.picker(.type("a"))))).isEmpty)
        #expect(Self.ticks(&s, 0.5).isEmpty)
        #expect(Self.labels(s).filter { $0.hasSuffix("(task)") }.count == 2)
        // Enter on a task row: the detail pane shows it.
        _ = s.update(.action(.picker(.bottom)))
        let effects = s.update(.action(.picker(.accept)))
        #expect(s.modal == nil && s.focus == .detail && s.detail.taskId == "X2")
        #expect(effects.contains { if case .loadDetail(taskId: "X2", _) = $0 { true } else { false } })
    }

    @Test func failuresAndNoMatchAreSaidInPlainWordsAndTypingGoesOn() throws {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        _ = Self.type("zzqq", into: &s, gap: 0.05)
        guard case .search(let q, let g)? = Self.ticks(&s, 0.5).first else { Issue.record("no search"); return }
        _ = s.handle(.goTo(.searchResults(query: q, generation: g,
                                          .failure(ServiceFailure("Cannot reach Wrike (offline or the server is down).")))))
        #expect(Self.labels(s).last == "Task titles not searched: Cannot reach Wrike (offline or the server is down).")
        // The note row cannot be chosen; Enter leaves the palette open.
        _ = s.update(.action(.picker(.accept)))
        #expect(GoToTests.palette(s) != nil)
        _ = Self.type("x", into: &s, gap: 0.05)
        guard case .search(let q2, let g2)? = Self.ticks(&s, 0.5).first else { Issue.record("no second search"); return }
        _ = s.handle(.goTo(.searchResults(query: q2, generation: g2, .success([]))))
        #expect(Self.labels(s) == ["No task title contains “zzqqx”."])
    }

    @Test func signedOutTheSearchIsAnsweredAtOnce() {
        var s = loadedState()
        _ = s.handle(.signInRequired)
        _ = s.update(.action(.goTo))
        _ = Self.type("spec", into: &s, gap: 0.05)
        #expect(Self.ticks(&s, 0.5).isEmpty)  // answered inside update: no effect leaves
        #expect(Self.labels(s).last?.hasPrefix("Task titles not searched: ") == true)
        #expect(Self.labels(s).last?.contains("sign") == true)
    }

    @Test func permalinksIdsAndOneLetterAreNotSearched() {
        var s = loadedState()
        _ = s.update(.action(.goTo))
        #expect(Self.type("p", into: &s, gap: 0.05).isEmpty && Self.ticks(&s, 0.5).isEmpty)
        _ = s.update(.action(.picker(.deleteBackward)))
        _ = s.update(.paste("https://www.wrike.com/open.htm?id=42", truncated: false))
        #expect(Self.ticks(&s, 0.5).isEmpty)
        #expect(!s.wantsTickSoon)
    }

    @Test func aTaskInNoLoadedFolderIsFoundOnTheSandboxAndOpens() async throws {
        let dataset = DemoDataset.make(now: testNow)
        let sandbox = Sandbox(dataset: dataset)
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test")))
        let task = try #require(dataset.tasks.first { $0.title.count > 12 && !(Fixture.tasks.map(\.id).contains($0.id)) })
        let part = String(task.title.dropFirst(2).prefix(8)).uppercased()
        var s = loadedState()
        _ = s.update(.action(.goTo))
        _ = Self.type(part, into: &s, gap: 0.05)
        var effects: [Effect] = []
        for _ in 0..<10 { effects += s.update(.tick(s.now.addingTimeInterval(0.05))) }
        let before = sandbox.requestLog.count
        for e in effects {
            let box = EventBox()
            await EffectRunner.perform(e, service: service) { box.post($0) }
            for ev in box.take() { _ = s.handle(ev) }
        }
        let searches = sandbox.requestLog.dropFirst(before).filter { $0.path == "/tasks" }
        #expect(searches.count == 1)
        let labels = Self.labels(s)
        let row = try #require(labels.firstIndex { $0.hasPrefix(task.title) && $0.hasSuffix("(task)") })
        for _ in 0..<row { _ = s.update(.action(.picker(.down))) }
        _ = await drive(&s, .action(.picker(.accept)), service: service)
        #expect(s.detail.taskId == task.id && s.detail.task?.title == task.title && s.focus == .detail)
    }
}

/// The runner keeps one go-to search out: a newer one (or `.cancelSearch`) cancels it, and a cancelled
/// search posts nothing.
@Suite struct GoToSearchRunnerTests {
    /// The sandbox, but a title search for anything but "fast" waits 30 s (or until cancelled).
    final class SlowSearch: Transport, @unchecked Sendable {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow))
        let cancelled = Mutex<[String]>([])
        let started = Mutex<[String]>([])
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            if let title = request.query.first(where: { $0.name == "title" })?.value {
                started.withLock { $0.append(title) }
                if title != "fast" {
                    try await withTaskCancellationHandler {
                        try await Task.sleep(for: .seconds(30))
                    } onCancel: { self.cancelled.withLock { $0.append(title) } }
                }
            }
            return try await sandbox.send(request)
        }
    }

    @Test func aNewerSearchCancelsTheOneOutAndOnlyItsAnswerIsPosted() async throws {
        let service = SlowSearch()
        let box = EventBox()
        let runner = EffectRunner(service: ClientService(client: WrikeClient(transport: service, tokens: StaticTokenProvider("t")))) {
            box.post($0)
        }
        let slow = runner.run([.goTo(.search(query: "slow", generation: 1))])
        while service.started.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(5)) }
        let fast = runner.run([.goTo(.search(query: "fast", generation: 2))])
        for t in slow + fast { await t.value }
        #expect(service.cancelled.withLock { $0 } == ["slow"])
        let posted = box.take().compactMap { e -> String? in
            if case .goTo(.searchResults(let q, _, _)) = e { q } else { nil }
        }
        #expect(posted == ["fast"])
        // `.cancelSearch` alone cancels the one out.
        let third = runner.run([.goTo(.search(query: "third", generation: 3))])
        while !service.started.withLock({ $0.contains("third") }) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(runner.run([.goTo(.cancelSearch)]).isEmpty)
        for t in third { await t.value }
        #expect(service.cancelled.withLock { $0 } == ["slow", "third"])
        #expect(box.take().isEmpty)
    }
}
