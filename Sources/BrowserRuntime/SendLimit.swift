// The POST (or PUT) of a draft under its time limit, the per-draft order of send steps, and the
// one-at-a-time draft file writes.
// A write's deadline is kept in its draft (`Draft.deadline`): the request is abandoned when it passes,
// so nothing of it leaves later, and until the deadline plus a margin "not found" means "may still
// arrive" (SendTracker). See docs/actions.md.
import Browser
import Foundation
import WrikeAPI

extension EffectRunner {
    /// Sends the draft's POST once. With a deadline: not sent at all when it has passed already (it
    /// provably never left), abandoned (an unknown outcome) when it passes while the request is out.
    static func postDraft(_ draft: Draft, service: any WrikeService,
                          deadline: ContinuousClock.Instant?) async -> Result<PostedEntity, WriteFailure> {
        let request: @Sendable () async -> Result<PostedEntity, WriteFailure>
        switch draft.kind {
        case .comment:
            request = { await write { PostedEntity.comment(try await writer(service).addComment(taskId: draft.taskId, text: draft.text)) } }
        case .timelog:
            guard let f = draft.timelog else { return .failure(WriteFailure("The time entry has no hours.")) }
            let params = TimelogCreate(hours: f.hours, trackedDate: f.trackedDate, comment: draft.text, categoryId: f.categoryId)
            request = { await write { PostedEntity.timelog(try await writer(service).logTime(taskId: draft.taskId, params)) } }
        case .task:
            guard let f = draft.newTask else { return .failure(WriteFailure("The new task has no folder.")) }
            let params = NewTask.params(title: draft.text, fields: f)
            request = { await write { PostedEntity.task(try await writer(service).createTask(folderId: f.folderId, params)) } }
        case .approval:
            guard let params = TaskEditDrafts.approvalParams(draft) else { return .failure(WriteFailure("The approval request has no approvers.")) }
            request = { await write { PostedEntity.approval(try await writer(service).createApproval(taskId: draft.taskId, params)) } }
        case .title, .field:
            guard let update = TaskEditDrafts.update(draft) else { return .failure(WriteFailure("The field value has no field.")) }
            request = { await write { PostedEntity.changedTask(try await writer(service).changeTask(draft.taskId, update)) } }
        }
        guard let deadline else { return await request() }
        guard ContinuousClock.now < deadline else {
            return .failure(WriteFailure("It waited too long to leave, so nothing was sent."))
        }
        let what = draft.kind.noun
        let expired = WriteFailure("No answer from Wrike in time: the \(what) may or may not be saved.", outcome: .unknown)
        return await limited(until: deadline, expired: .failure(expired), request)
    }

    /// Runs `body` until `deadline`. When the time is up first, `expired` is returned and the body's task
    /// is cancelled (a request in flight is abandoned; one not sent yet never leaves).
    static func limited<T: Sendable>(until deadline: ContinuousClock.Instant, expired: T,
                                     _ body: @escaping @Sendable () async -> T) async -> T {
        let first = FirstResult<T>()
        let work = Task { await body() }
        let timer = Task {
            do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return }
            if first.offer(expired) { work.cancel() }
        }
        Task {
            let value = await work.value
            timer.cancel()
            _ = first.offer(value)
        }
        return await first.value()
    }
}

/// The first of several values offered from different tasks; later offers are dropped.
final class FirstResult<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: T?
    private var waiter: CheckedContinuation<T, Never>?

    /// True when `v` was the first.
    func offer(_ v: T) -> Bool {
        let (taken, w): (Bool, CheckedContinuation<T, Never>?) = lock.withLock {
            guard result == nil else { return (false, nil) }
            result = v
            defer { waiter = nil }
            return (true, waiter)
        }
        w?.resume(returning: v)
        return taken
    }

    func value() async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            let ready: T? = lock.withLock {
                if let result { return result }
                waiter = c
                return nil
            }
            if let ready { c.resume(returning: ready) }
        }
    }
}

/// Runs closures one after another per key (a draft id), in the order they were enqueued; different
/// keys run independently.
final class SerialQueues: @unchecked Sendable {
    private let lock = NSLock()
    private var last: [String: (number: Int, task: Task<Void, Never>)] = [:]
    private var count = 0

    func enqueue(_ key: String, _ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        let number = count
        let before = last[key]?.task
        let t = Task.detached {
            await before?.value
            await body()
            self.finished(key, number)
        }
        last[key] = (number, t)
        return t
    }

    /// Forgets a key once its newest closure has run (the map does not keep every draft ever sent).
    private func finished(_ key: String, _ number: Int) {
        lock.withLock {
            if last[key]?.number == number { last[key] = nil }
        }
    }
}

/// Draft file writes of one process, one at a time. A draft saved as final (on the way out) is not
/// written or deleted again by a step that was queued before: an autosave of older text finishing
/// after the quit's save must not replace it.
public final class DraftGate: @unchecked Sendable {
    private let lock = NSLock()
    private var final: Set<String> = []

    public init() {}

    func write(_ id: String, final isFinal: Bool = false, _ body: () throws(DraftError) -> Void) throws(DraftError) {
        lock.lock()
        defer { lock.unlock() }
        if final.contains(id) { return }
        try body()
        if isFinal { final.insert(id) }
    }
}
