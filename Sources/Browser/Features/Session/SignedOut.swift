// The "sign in again" state. When Wrike refuses to refresh the OAuth token (revoked access, expired
// refresh token), the token provider reports it once (`TokenEvent.signInRequired`, posted to the loop as
// `Event.signInRequired`) and every later request would fail. From then on:
// - the status line shows one persistent sentence (`signedOutLine`) instead of an error per failed read;
// - no effect that needs Wrike leaves the model: each is answered here, at once, with the failure it
//   would have got (`gateSignedOut`), so every existing failure path runs (optimistic changes are rolled
//   back, a comment or time entry being sent is kept as a `failed` draft with its text in the editor);
// - what is on screen stays: `r`, the automatic retry and the periodic revalidation do nothing.
// See docs/auth.md.
import Foundation
import WrikeAPI

/// The sign-in the app runs on, for the signed-out line's advice.
public enum SignInKind: Sendable, Equatable {
    /// An OAuth profile: its refresh was refused.
    case oauth
    /// A permanent token stored in a profile (`wrike-tui auth token`): Wrike answered it with 401.
    case permanentToken
    /// `WRIKE_TOKEN` from the environment: Wrike answered it with 401.
    case environmentToken
}

extension AppState {
    /// The status line while signed out.
    public var signedOutLine: String {
        let profile = actions.profile == "default" ? "" : " --profile \(actions.profile)"
        switch actions.signIn {
        case .oauth:
            return "Signed out: your Wrike sign-in expired — run `wrike-tui auth login\(profile)` (q quits)"
        case .permanentToken:
            return "Signed out: Wrike refused the stored access token — run `wrike-tui auth token\(profile)` (q quits)"
        case .environmentToken:
            return "Signed out: Wrike refused the token in WRIKE_TOKEN — set a valid one and start again (q quits)"
        }
    }

    /// What a read that was not sent says (detail parts, a folder opened while signed out).
    public static let signedOutReadMessage = "Signed out: not read from Wrike (sign in again)."
    /// What a write that was not sent says.
    public static let signedOutWriteMessage = "Signed out: not sent to Wrike (sign in again)."
    /// The `WriteFailure.code` of a write that was not sent because the user is signed out.
    public static let signedOutCode = "signed_out"

    /// Whether a status-line error only repeats that the sign-in is gone (hidden behind `signedOutLine`).
    public static func isSignInMessage(_ text: String) -> Bool {
        text.contains("Signed out") || text.contains("did not accept the sign-in")
    }

    /// `Event.signInRequired`: enter the signed-out state (once; the provider reports it once).
    mutating func enterSignedOut() {
        session.signedOut = true
        session.autoRetry = nil
        actions.pendingSearch = nil
        if let e = status.lastError, e.hasSuffix("r to retry now") || Self.isSignInMessage(e) { status.lastError = nil }
        if status.message == "Retrying…" || status.message == "Refreshing…" { status.message = nil }
    }

    /// While signed out, answers every effect that needs Wrike with its failure (applied at once, with
    /// what follows from it gated again) and returns only the effects that stay local (clipboard,
    /// drafts on disk, quit). Unchanged when signed in.
    mutating func gateSignedOut(_ effects: [Effect], depth: Int = 0) -> [Effect] {
        guard session.signedOut, !effects.isEmpty else { return effects }
        var out: [Effect] = []
        for effect in effects {
            guard let events = signedOutAnswer(to: effect) else {
                out.append(effect)
                continue
            }
            for event in events {
                let follow = handleUngated(event)
                if depth < 4 { out += gateSignedOut(follow, depth: depth + 1) }
            }
            if Self.writes(effect) { status.message = "Not sent: you are signed out." }
        }
        return out
    }

    /// Whether an effect changes something in Wrike.
    static func writes(_ effect: Effect) -> Bool {
        switch effect {
        case .updateTask, .updateTasks, .addDependency, .updateDependency, .deleteDependency, .createApproval,
             .cancelApproval, .updateComment, .deleteComment, .deleteTask:
            true
        case .sendSteps(_, let steps): steps.contains(.post)
        case .timesheet(let e): e.writes
        case .inbox: false
        case .links: false
        case .loadBootstrap, .loadDirectory, .revalidateBootstrap, .loadTree, .loadTasks, .loadDependencies,
             .loadTasksById, .loadContacts, .loadDetail, .invalidateCache, .copyToClipboard, .showHyperlink,
             .keepDrafts, .quit, .loadTimelogCategories, .searchTasks, .loadMyApprovals, .loadMyTime,
             .revalidateTasks, .revalidateDetail, .listDrafts, .timer, .resolvePermalink, .descriptionDraft, .views, .goTo: false
        }
    }

    /// The events a Wrike effect gets while signed out; nil for an effect that stays local.
    mutating func signedOutAnswer(to effect: Effect) -> [Event]? {
        let read = ServiceFailure(Self.signedOutReadMessage)
        let write = WriteFailure(Self.signedOutWriteMessage, code: Self.signedOutCode)
        switch effect {
        case .copyToClipboard, .showHyperlink, .keepDrafts, .quit, .invalidateCache, .listDrafts, .timer, .descriptionDraft, .views:
            return nil
        case .sendSteps(let draft, let steps):
            if steps.contains(.post) { return [.posted(draftId: draft.id, .failure(write))] }
            if steps.contains(where: { if case .reread = $0 { true } else { false } }) {
                return [.reread(draftId: draft.id, .failure(read))]
            }
            return nil  // saving or deleting the draft file: local
        case .loadBootstrap: return [.bootstrap(.failure(read))]
        case .loadDirectory: return [.directory(.failure(read))]
        case .revalidateBootstrap: return [.bootstrapRevalidated(.failure(read))]
        case .loadTree(let space): return [.tree(spaceId: space, .failure(read))]
        case .loadTasks(let list, let generation, let token, _):
            return [.taskPage(read: list, generation: generation, firstPage: token == nil, .failure(read))]
        case .loadDependencies: return [.dependencies(.failure(read))]
        case .loadTasksById: return [.tasksById(.failure(read))]
        case .loadContacts(let ids): return [.contactsById(ids: ids, .failure(read))]
        case .loadDetail(let id, _):
            if id == detail.taskId, detail.task != nil {
                // A re-read of the open task (after a write): what is shown stays.
                for kp in [\DetailState.taskStatus, \.commentsStatus, \.approvalsStatus, \.dependenciesStatus,
                           \.attachmentsStatus, \.timelogsStatus] where detail[keyPath: kp] == .loading {
                    detail[keyPath: kp] = .loaded
                }
                return []
            }
            return [.detailTask(taskId: id, .failure(read)), .comments(taskId: id, .failure(read)),
                    .approvals(taskId: id, .failure(read)), .taskDependencies(taskId: id, .failure(read)),
                    .attachments(taskId: id, .failure(read)), .timelogs(taskId: id, .failure(read))]
        case .updateTask(_, _, let token), .updateTasks(_, _, let token), .deleteTask(_, let token):
            return [.taskWrite(token: token, .failure(write))]
        case .addDependency(let taskId, _), .updateDependency(_, let taskId, _), .deleteDependency(_, let taskId):
            return [.dependencyWrite(taskId: taskId, .failure(write))]
        case .createApproval(let taskId, _), .cancelApproval(_, let taskId):
            return [.approvalWrite(taskId: taskId, .failure(write))]
        case .updateComment(_, let taskId, _), .deleteComment(_, let taskId):
            return [.commentWrite(taskId: taskId, .failure(write))]
        case .loadTimelogCategories: return [.timelogCategories(.failure(read))]
        case .searchTasks(let q): return [.searchResults(query: q, .failure(read))]
        case .loadMyApprovals: return [.myApprovals(.failure(read))]
        case .resolvePermalink(let n): return [.permalinkResolved(number: n, .failure(read))]
        case .goTo(.search(let q, let generation)): return [.goTo(.searchResults(query: q, generation: generation, .failure(read)))]
        case .goTo(.cancelSearch): return nil
        case .loadMyTime(_, let date): return [.myTime(date: date, .failure(read))]
        case .revalidateTasks(let list, let generation, _):
            return [.revalidatedTasks(read: list, generation: generation, .failure(read))]
        case .revalidateDetail(let id): return [.revalidatedDetail(taskId: id, task: .failure(read), comments: .failure(read))]
        case .timesheet(let e): return [.timesheet(e.failed(read: read, write: write))]
        case .inbox(let e):
            switch e {
            case .load, .save: return nil  // the file: local
            case .poll(let p): return [.inbox(.polled(p, .failure(read)))]
            }
        case .links(let e): return e.signedOut(read)
        }
    }
}
