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

    @Test func anAsynchronousTestResumesOnItsOwnThread() async throws {
        try await Task.sleep(for: .milliseconds(5))
        #expect(Self.threadName() == DedicatedThreadExecutor.threadName)
    }
}
