// The "sign in again" state: after the token provider reports a refused refresh, the status line says so
// once and for all, nothing more goes to Wrike, what is on screen stays, and typed text stays a draft.
// First on plain values, then with the real RefreshingTokenProvider against the sandbox's OAuth emulator.
import Foundation
import Synchronization
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

/// Effects that reach Wrike (anything but the terminal's and the draft files').
private func wrikeEffects(_ effects: [Effect]) -> [Effect] {
    effects.filter { e in
        switch e {
        case .copyToClipboard, .showHyperlink, .keepDrafts, .quit, .listDrafts: false
        case .sendSteps(_, let steps): steps.contains(.post) || steps.contains { if case .reread = $0 { true } else { false } }
        default: true
        }
    }
}

@Suite struct SignedOutTests {
    /// The fixture state with T1 open in the detail pane (everything loaded) and a comment being typed.
    static func typing() -> AppState {
        var s = loadedState()
        s.focus = .list
        _ = s.update(.open)
        let id = s.detail.taskId ?? ""
        let task = Fixture.tasks.first { $0.id == id }
        _ = s.handle(.detailTask(taskId: id, .success(task)))
        for e: Event in [.comments(taskId: id, .success([])), .approvals(taskId: id, .success([])),
                         .taskDependencies(taskId: id, .success([])), .attachments(taskId: id, .success([])),
                         .timelogs(taskId: id, .success([]))] {
            _ = s.handle(e)
        }
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("Half a thought"))))
        return s
    }

    @Test func theStatusLineSaysSignedOutAndStaysSo() {
        var s = Self.typing()
        s.status.lastError = "Wrike did not accept the sign-in; sign in again (wrike-tui auth login)."
        #expect(s.handle(.signInRequired).isEmpty)
        #expect(s.session.signedOut)
        #expect(s.signedOutLine == "Signed out: your Wrike sign-in expired — run `wrike-tui auth login` (q quits)")
        #expect(s.status.lastError == nil)
        // Keys and ticks do not end the state (only a new start after `auth login` does).
        _ = s.update(.move(1))
        _ = s.update(.tick(testNow.addingTimeInterval(600)))
        #expect(s.session.signedOut)
        s.actions.profile = "work"
        #expect(s.signedOutLine.contains("`wrike-tui auth login --profile work`"))
    }

    @Test func theAdviceFollowsTheKindOfSignIn() {
        var s = Self.typing()
        _ = s.handle(.signInRequired)
        s.actions.signIn = .permanentToken
        #expect(s.signedOutLine == "Signed out: Wrike refused the stored access token — run `wrike-tui auth token` (q quits)")
        s.actions.profile = "work"
        #expect(s.signedOutLine.contains("`wrike-tui auth token --profile work`"))
        s.actions.signIn = .environmentToken
        #expect(s.signedOutLine == "Signed out: Wrike refused the token in WRIKE_TOKEN — set a valid one and start again (q quits)")
    }

    /// `wrike-tui auth status` gives the same advice as the app for the same refused token.
    @Test func authStatusAdvisesWhatTheAppAdvises() {
        let cases: [(SignInKind, CredentialKind, ResolvedCredentials.Source, String)] = [
            (.oauth, .oauth, .profile("work"), "`wrike-tui auth login --profile work`"),
            (.permanentToken, .permanent, .profile("work"), "`wrike-tui auth token --profile work`"),
            (.environmentToken, .permanent, .environment, "WRIKE_TOKEN"),
        ]
        for (sign, kind, source, advice) in cases {
            var s = Self.typing()
            _ = s.handle(.signInRequired)
            s.actions.signIn = sign
            s.actions.profile = "work"
            #expect(s.signedOutLine.contains(advice))
            for error: any Error in [TokenProviderError.signInRequired, AuthError.api(status: 401, code: "not_authorized", message: nil)] {
                let problem = AuthStatusReport.problem(for: error, kind: kind, source: source, profile: "work")
                #expect(problem.contains(advice), "\(sign), \(error): \(problem)")
                #expect(sign == .oauth || !problem.contains("auth login"), "\(problem)")
            }
        }
    }

    @Test func nothingMoreGoesToWrikeAndTheScreenStays() {
        var s = Self.typing()
        // An automatic retry was waiting when the sign-in went: it is dropped, not fired.
        s.session.autoRetry = AutoRetry(attempt: 0, due: testNow.addingTimeInterval(4), reason: "Wrike unavailable")
        _ = s.handle(.signInRequired)
        #expect(s.session.autoRetry == nil)
        let rows = s.list.rows
        let lines = s.detail.lines
        let cursor = s.list.cursor

        // r: nothing is marked loading, nothing is sent, nothing disappears.
        #expect(s.update(.refresh).isEmpty)
        #expect(s.list.status == .loaded && s.list.refreshing == false)
        #expect(s.detail.taskStatus == .loaded && s.detail.commentsStatus == .loaded)
        #expect(s.status.message == "Signed out: nothing can be read until you sign in again.")
        #expect(s.list.rows == rows && s.list.cursor == cursor && s.detail.lines == lines)
        // Ticks: no retry, no directory, no search; only the text being typed is saved as a draft (local).
        var local: [Effect] = []
        for i in 1...130 {
            let effects = s.update(.tick(testNow.addingTimeInterval(Double(i))))
            #expect(wrikeEffects(effects).isEmpty)
            local += effects
        }
        #expect(local.count == 1, "the autosave of the editor's text, once: \(local)")

        // A status change is not sent: the optimistic change is rolled back at once.
        s.focus = .list
        let before = s.list.selectedTask
        _ = s.update(.action(.changeStatus))
        _ = s.update(.action(.picker(.type("Done"))))
        let effects = s.update(.action(.picker(.accept)))
        #expect(wrikeEffects(effects).isEmpty)
        #expect(s.list.selectedTask == before)
        #expect(s.actions.pending.isEmpty)
        #expect(s.status.message == "Not sent: you are signed out.")

        // Opening another folder reads nothing: it says why instead of loading forever.
        s.focus = .tree
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "P1" } ?? 0
        #expect(wrikeEffects(s.update(.open)).isEmpty)
        #expect(s.list.status == .failed(AppState.signedOutReadMessage))
        #expect(s.session.autoRetry == nil)
    }

    @Test func aCommentSentWhileSignedOutStaysADraftWithItsText() throws {
        var s = Self.typing()
        _ = s.handle(.signInRequired)
        s.focus = .detail
        let effects = s.update(.action(.editor(.send)))
        #expect(wrikeEffects(effects).isEmpty)
        // The only effect saves the draft (state failed) so that it is offered at the next start.
        guard case .sendSteps(let draft, let steps)? = effects.first, effects.count == 1 else {
            Issue.record("expected one local send step, got \(effects)")
            return
        }
        #expect(steps == [.saveDraft(.failed)])
        #expect(draft.state == .failed && draft.text == "Half a thought")
        let comp = try #require(s.actions.composer)
        #expect(comp.editor.text == "Half a thought")
        #expect(comp.send.tracker.canEdit)
        #expect(comp.send.tracker.message
                == "Signed out: the comment was not sent and stays as a draft; sign in again (wrike-tui auth login).")
        // Quitting (or a signal) keeps it.
        #expect(s.draftsToKeepOnExit(now: testNow).map(\.text) == ["Half a thought"])
    }

    /// The automatic retry of first loads never retries a refused sign-in (it cannot pass by itself).
    @Test func aSignInFailureIsNotRetriedAutomatically() {
        let f = ServiceFailure.from(APIError(kind: .notAuthorized, status: 401, code: "not_authorized"))
        #expect(!f.retryable)
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.start)
        _ = s.handle(.bootstrap(.failure(f)))
        #expect(s.session.autoRetry == nil)
        for i in 1...120 { #expect(s.update(.tick(testNow.addingTimeInterval(Double(i)))).isEmpty) }
        // A 503 is retried: the difference is the failure, not the state.
        var t = AppState(now: testNow, timeZone: utc)
        _ = t.update(.start)
        _ = t.handle(.bootstrap(.failure(ServiceFailure.from(APIError(kind: .serverError, status: 503)))))
        #expect(t.session.autoRetry != nil)
    }

    @Test func signedInNothingChanges() {
        var s = Self.typing()
        #expect(!s.session.signedOut)
        let effects = s.update(.refresh)
        #expect(effects.contains(.invalidateCache))
        #expect(effects.contains { if case .loadTasks = $0 { true } else { false } })
    }
}

/// OAuth requests in process: `/oauth2/*` to the emulator (the API goes through the sandbox transport).
private struct EmulatorTransport: TransportFactory, Transport {
    let oauth: OAuthEmulator
    func transport(to root: URL) throws -> any Transport { self }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var r = request
        r.headers["Host"] = "127.0.0.1:9"
        return oauth.handle(r) ?? HTTPResponse(status: 404)
    }
}

@Suite struct SignedOutProviderTests {
    /// A fixed token (WRIKE_TOKEN, `auth token`) that Wrike answers with 401: the provider reports it, the
    /// app signs out after the one refused read, and nothing more is sent.
    @Test func aRefusedFixedTokenSignsTheAppOut() async throws {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow),
                              options: SandboxOptions(token: "right", rateLimitPerMinute: nil))
        let loop = EventBox()
        let service = ClientService(client: WrikeClient(transport: sandbox,
                                                        tokens: StaticTokenProvider("wrong", onRejected: { loop.post(.signInRequired) })))
        var s = AppState(now: testNow, timeZone: utc)
        s.actions.signIn = .environmentToken
        _ = s.update(.layout(Viewport(treeRows: 20, listRows: 20, detailRows: 20, detailWidth: 60)))
        var pending = s.update(.start)
        while !pending.isEmpty {
            let e = pending.removeFirst()
            let box = EventBox()
            await EffectRunner.perform(e, service: service) { box.post($0) }
            for ev in loop.take() + box.take() { pending += s.handle(ev) }
        }
        #expect(s.session.signedOut)
        #expect(s.signedOutLine.contains("WRIKE_TOKEN"))
        let sent = sandbox.requestLog.count
        #expect(sent >= 1 && sandbox.requestLog.allSatisfy { $0.status == 401 })
        for intent: Intent in [.refresh, .tick(testNow.addingTimeInterval(60)), .open] {
            for e in s.update(intent) {
                let box = EventBox()
                await EffectRunner.perform(e, service: service) { box.post($0) }
                for ev in box.take() { _ = s.handle(ev) }
            }
        }
        #expect(sandbox.requestLog.count == sent, "nothing more goes to Wrike once it refused the token")
    }

    /// The app's wiring: a RefreshingTokenProvider whose `onEvent` posts `.signInRequired` to the loop, the
    /// shared client on the sandbox (which accepts only the emulator's live tokens), the app's service.
    /// `lapsed`: the 60 s token runs out (the provider refreshes before sending, and is refused: nothing is
    /// sent); otherwise Wrike forgets the token early (the POST meets a 401, the refresh is refused).
    /// Time is a clock the test moves (shared by the emulator and the provider).
    @Test(arguments: [false, true])
    func aRefusedRefreshSignsTheAppOutWithoutMoreRequests(lapsed: Bool) async throws {
        let clock = Mutex(testNow)
        let now: @Sendable () -> Date = { clock.withLock { $0 } }
        let oauth = OAuthEmulator(clientId: "cid", clientSecret: "csecret", tokenLifetime: 60, now: now)
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow),
                              options: SandboxOptions(authorizer: oauth.authorizer, rateLimitPerMinute: nil))
        let signIn = try OAuthClient(client: OAuthClientCredentials(clientId: "cid", clientSecret: "csecret"),
                                     loginURL: "http://127.0.0.1:9", transports: EmulatorTransport(oauth: oauth))
        let redirect = "http://localhost:8765/callback"
        let stored = try await signIn.exchange(code: oauth.issueCode(redirectURI: redirect), redirectURI: redirect, now: now())
        let loop = EventBox()  // what the app's inbox receives from the provider
        let provider = RefreshingTokenProvider(profile: "default", credentials: stored, oauth: signIn, store: nil, now: now,
                                               onEvent: { if $0 == .signInRequired { loop.post(.signInRequired) } })
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: provider))

        /// Like `drive`, plus what the provider posted.
        func run(_ s: inout AppState, _ intent: Intent) async {
            var pending = s.update(intent)
            while true {
                for e in loop.take() { pending += s.handle(e) }
                guard !pending.isEmpty else { break }
                let e = pending.removeFirst()
                let box = EventBox()
                await EffectRunner.perform(e, service: service) { box.post($0) }
                for ev in box.take() { pending += s.handle(ev) }
            }
        }

        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 20, listRows: 20, detailRows: 20, detailWidth: 60)))
        await run(&s, .start)
        s.focus = .tree
        s.tree.cursor = try #require(s.tree.rows.firstIndex { $0.kind == .folder || $0.kind == .project })
        await run(&s, .open)
        #expect(s.list.status == .loaded && !s.list.tasks.isEmpty)
        await run(&s, .open)  // the first task's detail
        #expect(s.detail.taskStatus == .loaded)
        await run(&s, .action(.comment))
        _ = s.update(.action(.editor(.insert("Written before the sign-in went"))))
        #expect(!s.session.signedOut)

        // Wrike refuses the refresh token (revoked access); the access token lapses or is forgotten.
        oauth.revokeRefreshTokens()
        if lapsed { clock.withLock { $0 = $0.addingTimeInterval(61) } } else { oauth.expireAccessTokens() }
        let requestsBefore = sandbox.requestLog.count
        s.focus = .detail
        await run(&s, .action(.editor(.send)))
        #expect(s.session.signedOut)
        #expect(await provider.needsSignIn)
        #expect(oauth.stats.refusedGrants == 1)
        let comp = try #require(s.actions.composer)
        #expect(comp.editor.text == "Written before the sign-in went")
        #expect(comp.send.tracker.canEdit, "the refused send is a failed draft, editable and sendable later")
        #expect(comp.send.tracker.message
                == "Wrike did not accept the sign-in: the comment was not sent and stays as a draft; sign in again (wrike-tui auth login).")
        // Lapsed: nothing was sent. Forgotten: the one POST, answered 401 (so not applied).
        let sent = lapsed ? 0 : 1
        #expect(sandbox.requestLog.count == requestsBefore + sent)
        #expect(sandbox.requestLog.filter { $0.method == .post }.count == sent)
        let rows = s.list.rows
        let shown = s.detail.lines

        // From now on nothing reaches Wrike: not r, not the retry key, not ticks, not another send.
        await run(&s, .refresh)
        await run(&s, .action(.retrySend))
        await run(&s, .action(.editor(.send)))
        for i in 1...10 { await run(&s, .tick(testNow.addingTimeInterval(Double(i) * 30))) }
        s.focus = .list
        await run(&s, .move(1))
        await run(&s, .open)
        #expect(sandbox.requestLog.count == requestsBefore + sent)
        #expect(oauth.stats.refusedGrants == 1, "no refresh loop")
        #expect(s.list.rows == rows && s.list.status == .loaded)
        #expect(s.actions.composer?.editor.text == "Written before the sign-in went")
        #expect(!shown.isEmpty)
        #expect(s.session.autoRetry == nil)
    }
}
