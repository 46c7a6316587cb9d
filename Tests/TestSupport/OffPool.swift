// Swift's cooperative thread pool has one thread per core: two on a two-core machine. A test that blocks
// (pty and process waits, `usleep` polling) or computes for seconds without suspending holds one of them,
// and every async test in the parallel run (the effect runner's tasks, sandbox servers, HTTP clients)
// waits behind it. `.offPool` runs each test of the suite or test it marks on a thread of its own.
import Foundation
import Testing

/// Runs every test it marks on a dedicated thread (one per test): the test body and its task-locals are
/// unchanged (expectations still belong to the test), only the thread under it is not the pool's. For the
/// synchronous and blocking tests it is made for: a `Task.sleep` resumes on the pool (Swift 6.3 schedules
/// sleeps on the global executor), a resumed continuation comes back to the dedicated thread.
public struct OffPool: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        let executor = DedicatedThreadExecutor(name: DedicatedThreadExecutor.threadName)
        defer { executor.finish() }
        try await withTaskExecutorPreference(executor) { try await function() }
    }
}

extension Trait where Self == OffPool {
    /// Runs each marked test on its own thread instead of the cooperative pool (see `OffPool`).
    public static var offPool: Self { OffPool() }
}

/// A task executor that runs its jobs one after another on one thread, until `finish()`.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    public static let threadName = "test-off-pool"
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false
    private var ended = false

    public init(name: String) {
        let thread = Thread { [self] in
            Thread.current.name = name  // set on the thread itself: Linux names only the calling thread
            runJobs()
        }
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let taken = condition.withLock {
            if ended { return false }
            jobs.append(unowned)
            condition.signal()
            return true
        }
        // A job that comes after the thread ended (none should) runs on the pool rather than never.
        if !taken { globalConcurrentExecutor.enqueue(unowned) }
    }

    /// Lets the thread end once the jobs enqueued so far have run.
    public func finish() {
        condition.withLock {
            finished = true
            condition.signal()
        }
    }

    private func runJobs() {
        while let job = next() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func next() -> UnownedJob? {
        condition.withLock {
            while jobs.isEmpty && !finished { condition.wait() }
            if jobs.isEmpty { ended = true }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
