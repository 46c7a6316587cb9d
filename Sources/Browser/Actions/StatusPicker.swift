// The status picker (`s`): the statuses of the task's own workflow, grouped Active / Completed /
// Deferred / Cancelled, hidden ones left out, narrowed by typing. Bulk variant for marked tasks,
// and the chunking of `PUT /tasks/{ids}`. See docs/actions.md.
import WrikeAPI

/// One status the picker offers.
public struct StatusOption: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Wrike's colour name ("Blue", "DarkCyan"...); the widget maps it with `Role.statusColor`.
    public var color: String
    public var group: StatusGroup
    /// The task's current status (bulk: every marked task already has it).
    public var isCurrent: Bool
    public var workflowName: String
}

/// The order groups are shown in.
public let statusGroupOrder: [StatusGroup] = [.active, .completed, .deferred, .cancelled]

/// What the bulk picker offers when the marked tasks are not all in one workflow.
public enum StatusChoice: Sendable, Equatable {
    /// A custom status of the (common) workflow.
    case status(StatusOption)
    /// A status group: each task gets its own workflow's status for that group (see `BulkStatus.plan`).
    case group(StatusGroup)
}

public struct StatusPickerModel: Sendable {
    /// The workflow offered (nil when the tasks' workflows differ or the status is unknown).
    public let workflow: Workflow?
    /// Plain explanation shown above the list when the picker falls back to groups, or cannot help.
    public let note: String?
    /// The options (statuses, or the four groups in `groupMode`).
    public private(set) var picker: PickerModel<StatusChoice>
    public var groupMode: Bool { workflow == nil }

    /// Single task: the statuses of the workflow that holds `currentStatusId`.
    public init(workflows: [Workflow], currentStatusId: String?) {
        self.init(workflows: workflows, currentStatusIds: currentStatusId.map { [$0] } ?? [])
    }

    /// Several tasks (bulk): their common workflow's statuses, or, when they differ, the four groups.
    public init(workflows: [Workflow], currentStatusIds: [String?]) {
        let owners = currentStatusIds.map { id in id.flatMap { StatusPickerModel.workflow(of: $0, in: workflows) } }
        let distinct = Dictionary(grouping: owners.compactMap { $0 }, by: \.id)
        let unknownCount = owners.filter { $0 == nil }.count
        if distinct.count == 1, unknownCount == 0, let wf = distinct.values.first?.first {
            workflow = wf
            note = nil
            let current = Set(currentStatusIds.compactMap { $0 })
            let allSame = current.count == 1
            let options = StatusPickerModel.options(of: wf, current: allSame ? current : [])
            picker = PickerModel(items: options.map { .status($0) }, ordering: .stable) { choice in
                if case .status(let o) = choice { return o.name }
                return ""
            }
            if let i = options.firstIndex(where: \.isCurrent) { picker.select(index: i) }
        } else {
            workflow = nil
            if currentStatusIds.isEmpty {
                note = "No task selected."
            } else if unknownCount > 0 && distinct.isEmpty {
                note = "The task's workflow is not known yet (workflows still loading?). Choose a status group."
            } else {
                let names = distinct.values.compactMap { $0.first?.name }.sorted()
                note = "These tasks use different workflows (\(names.joined(separator: ", ")))"
                    + (unknownCount > 0 ? " or an unknown one" : "")
                    + ". Choose a status group: each task gets its own workflow's status for it."
            }
            picker = PickerModel(items: statusGroupOrder.map { .group($0) }, ordering: .stable) { choice in
                if case .group(let g) = choice { return g.rawValue }
                return ""
            }
        }
    }

    /// The workflow holding a custom status.
    public static func workflow(of statusId: String, in workflows: [Workflow]) -> Workflow? {
        workflows.first { wf in (wf.customStatuses ?? []).contains { $0.id == statusId } }
    }

    /// Visible statuses of `workflow` in group order (workflow order inside a group); unknown groups last.
    public static func options(of workflow: Workflow, current: Set<String>) -> [StatusOption] {
        let statuses = (workflow.customStatuses ?? []).filter { $0.hidden != true || current.contains($0.id) }
        func rank(_ g: StatusGroup?) -> Int { g.flatMap { statusGroupOrder.firstIndex(of: $0) } ?? statusGroupOrder.count }
        let sorted = statuses.enumerated().sorted { a, b in
            let ra = rank(a.element.group), rb = rank(b.element.group)
            return ra != rb ? ra < rb : a.offset < b.offset
        }
        return sorted.map { _, s in
            StatusOption(id: s.id, name: s.name, color: s.color?.rawValue ?? "Gray", group: s.group ?? .active,
                         isCurrent: current.contains(s.id), workflowName: workflow.name)
        }
    }

    // MARK: - Intents

    public mutating func type(_ text: String) { picker.type(text) }
    public mutating func deleteBackward() { picker.deleteBackward() }
    public mutating func moveUp() { picker.moveUp() }
    public mutating func moveDown() { picker.moveDown() }
    /// Moves or narrows (every picker key but Enter and Esc).
    public mutating func navigate(_ c: PickerCommand) { picker.navigate(c) }

    /// The choice under the cursor (nil when nothing matches).
    public var selection: StatusChoice? { picker.current }

    /// The custom status id to send for a single-workflow choice (nil in group mode or when it is
    /// already the current status of every task).
    public var selectedStatusId: String? {
        guard case .status(let o)? = selection, !o.isCurrent else { return nil }
        return o.id
    }
}

/// One `PUT /tasks/{ids}` worth of status change.
public struct StatusChange: Sendable, Equatable {
    public var customStatusId: String
    public var taskIds: [String]
}

public enum BulkStatus {
    /// Wrike's limit of ids per `PUT /tasks/{ids}`.
    public static let maxIds = 100

    /// `items` cut into consecutive chunks of at most `size` (size < 1 counts as 1).
    public static func chunked<T>(_ items: [T], _ size: Int) -> [[T]] {
        let n = max(1, size)
        return stride(from: 0, to: items.count, by: n).map { Array(items[$0..<min($0 + n, items.count)]) }
    }

    /// The requests for setting `statusId` on `taskIds` (already-there tasks left out), ≤ 100 ids each.
    public static func plan(statusId: String, tasks: [(id: String, customStatusId: String?)]) -> [StatusChange] {
        let ids = tasks.filter { $0.customStatusId != statusId }.map(\.id)
        return chunked(ids, maxIds).map { StatusChange(customStatusId: statusId, taskIds: $0) }
    }

    /// The requests for moving tasks to `group`: in each task's workflow, the standard status of that
    /// group (else its first visible status of the group). Tasks already in the group are left out;
    /// tasks whose workflow is unknown or has no status in the group are returned in `skipped`.
    public static func plan(group: StatusGroup, tasks: [(id: String, customStatusId: String?)],
                            workflows: [Workflow]) -> (changes: [StatusChange], skipped: [String]) {
        var byStatus: [String: [String]] = [:]
        var order: [String] = []
        var skipped: [String] = []
        for t in tasks {
            guard let cs = t.customStatusId, let wf = StatusPickerModel.workflow(of: cs, in: workflows) else {
                skipped.append(t.id)
                continue
            }
            let statuses = wf.customStatuses ?? []
            if statuses.first(where: { $0.id == cs })?.group == group { continue }
            let inGroup = statuses.filter { $0.group == group && $0.hidden != true }
            guard let target = inGroup.first(where: { $0.standard == true }) ?? inGroup.first else {
                skipped.append(t.id)
                continue
            }
            if byStatus[target.id] == nil { order.append(target.id) }
            byStatus[target.id, default: []].append(t.id)
        }
        let changes = order.flatMap { sid in
            chunked(byStatus[sid] ?? [], maxIds).map { StatusChange(customStatusId: sid, taskIds: $0) }
        }
        return (changes, skipped)
    }
}
