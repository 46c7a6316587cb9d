import Foundation
import Testing
import TestSupport

/// `.offPool` makes the marked test prefer the dedicated threads' executor over the cooperative pool (two
/// threads on two cores). Where the runtime then runs it is its choice: under load a test was seen on a pool
/// thread now and then; the loaded-run numbers in the notes measure the effect.
@Suite(.offPool) struct OffPoolTests {
    @Test func aMarkedTestPrefersTheDedicatedThreads() {
        let preferred = withUnsafeCurrentTask { $0?.unownedTaskExecutor }
        #expect(preferred == DedicatedThreadExecutor.shared.asUnownedTaskExecutor())
    }
}
