import Foundation
import Testing
import TestSupport

/// `.offPool` runs a test on its own thread, not on one of the cooperative pool's (two on two cores).
@Suite(.offPool) struct OffPoolTests {
    /// The kernel's name of the calling thread.
    static func threadName() -> String {
        let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
        return comm.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aSynchronousTestRunsOnItsOwnThread() {
        #expect(Self.threadName() == DedicatedThreadExecutor.threadName)
    }

    /// Resumed from another thread (as a process or socket wait resumes it), the test is back on its own.
    @Test func anAsynchronousTestResumesOnItsOwnThread() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in Thread { c.resume() }.start() }
        #expect(Self.threadName() == DedicatedThreadExecutor.threadName)
    }
}
