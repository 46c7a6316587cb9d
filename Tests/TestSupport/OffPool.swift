// Swift's cooperative thread pool has one thread per core: two on a two-core machine. A test that blocks
// (pty and process waits, `usleep` polling) or computes for seconds without suspending holds one of them,
// and every async test in the parallel run (the effect runner's tasks, sandbox servers, HTTP clients)
// waits behind it. `.offPool` runs each test of the suite or test it marks on a thread of its own.
import Foundation
import Testing

/// Makes every test it marks prefer threads of its own (shared by the marked tests) to the pool: the test
/// body and its task-locals are unchanged (expectations still belong to the test). The runtime decides where
/// a job runs: under load a marked test was seen now and then on a pool thread (at its start, after a
/// `Task.sleep`, after a continuation resumed from another thread), so this lightens the pool, it does not
/// guarantee a thread; blocking work inside an async test still goes through a `Thread` (`OwnThread.run`).
public struct OffPool: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        try await withTaskExecutorPreference(DedicatedThreadExecutor.shared) { try await function() }
    }
}

extension Trait where Self == OffPool {
    /// Runs each marked test on a thread of its own instead of the cooperative pool (see `OffPool`).
    public static var offPool: Self { OffPool() }
}

/// A task executor with threads of its own that run its jobs as they come. One for the whole process, never
/// ended: a job the runtime hands it after a test returned still runs, and no thread is made per test.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    public static let threadName = "test-off-pool"
    public static let shared = DedicatedThreadExecutor(threads: max(2, ProcessInfo.processInfo.activeProcessorCount))
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    init(threads: Int) {
        for _ in 0..<threads {
            Thread { [self] in
                Thread.current.name = Self.threadName  // set on the thread itself: Linux names only the calling thread
                runJobs()
            }.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.withLock {
            jobs.append(unowned)
            condition.signal()
        }
    }

    private func runJobs() {
        while true {
            let job = condition.withLock {
                while jobs.isEmpty { condition.wait() }
                return jobs.removeFirst()
            }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
