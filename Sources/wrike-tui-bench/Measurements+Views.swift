// The views' figures: what opening a list that is not a folder costs (My Work).
import Browser
import Foundation
import WrikeAPI
import WrikeSandbox

extension Measure {
    struct OpenView { var requests: Int; var paths: [String]; var ms: Double; var listed: Int; var spaces: Int }

    /// From the `my-work` key (`w`) to My Work on screen, names already read (a folder was opened
    /// first, as a user does): the requests the key leads to until the app is quiet, the time to its
    /// first page, the tasks listed and the spaces they come from.
    static func openMyWork(_ dataset: Dataset) throws -> OpenView {
        let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        let h = try Harness(service: makeService(transport: sandbox))
        defer { h.close() }
        h.start()
        guard h.pump(until: { s in s.tree.rows.contains { $0.kind == .folder || $0.kind == .project } }) else {
            throw BenchError.timeout("tree")
        }
        if let row = h.state.tree.rows.first(where: { $0.kind == .folder || $0.kind == .project }) { _ = h.openFolder(row.id) }
        guard h.pump(until: { $0.list.status == .loaded && $0.session.directoryStatus == .loaded }) else { throw BenchError.timeout("folder") }
        h.settle(quietMs: 50)
        let before = sandbox.requestLog.count
        let t0 = ContinuousClock.now
        h.press(.char("w"))
        guard h.pump(until: { $0.list.source == .myWork && $0.list.status == .loaded }) else { throw BenchError.timeout("My Work") }
        let t = ms(ContinuousClock.now - t0)
        h.settle(quietMs: 50)
        let log = sandbox.requestLog.dropFirst(before)
        var spaces: Set<String> = []
        for task in dataset.tasks where h.state.list.index[task.id] != nil { spaces.formUnion(dataset.spaces(of: task)) }
        return OpenView(requests: log.count, paths: log.map { "\($0.method) \($0.path)" }, ms: t,
                        listed: h.state.list.taskCount, spaces: spaces.count)
    }
}
