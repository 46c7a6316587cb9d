// The open task's parts coming back: the task, its dependencies, comments, approvals, attachments, time logs.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func detailTaskArrived(_ id: String, _ result: Result<WrikeTask?, ServiceFailure>) -> [Effect] {
        guard id == detail.taskId else { return [] }
        switch result {
        case .success(let read?):
            let t = reconciled(read)
            detail.editsWhileLoading = []
            detail.task = t
            detail.taskStatus = .loaded
            catalog.knownTasks[t.id] = t
            let effects = requestUnknownTasks((t.subTaskIds ?? []) + (t.superTaskIds ?? []))
                + lookUpContacts(peopleInDetail)
            return effects
        case .success(nil):
            detail.taskStatus = .failed("Not found in Wrike (deleted or moved?).")
        case .failure(let f):
            detail.taskStatus = .failed(f.message)
            status.lastError = f.message
        }
        return []
    }

    mutating func detailDependenciesArrived(_ id: String, _ r: Result<[Dependency], ServiceFailure>) -> [Effect] {
        guard id == detail.taskId else { return [] }
        switch r {
        case .success(let deps):
            for d in deps { catalog.dependencies.insert(d) }
            detail.dependencyIds = deps.map(\.id)
            detail.dependenciesStatus = .loaded
            let effects = requestUnknownTasks(deps.flatMap { [$0.predecessorId, $0.successorId] })
            return effects
        case .failure(let f):
            detail.dependenciesStatus = .failed(f.message)
            status.lastError = f.message
        }
        return []
    }

    /// A part of the detail arrived; the people it names that contacts do not are asked for.
    mutating func apply<T>(_ r: Result<[T], ServiceFailure>, to items: WritableKeyPath<DetailState, [T]>,
                           _ load: WritableKeyPath<DetailState, LoadStatus>) -> [Effect] {
        var effects: [Effect] = []
        switch r {
        case .success(let v):
            detail[keyPath: items] = v
            detail[keyPath: load] = .loaded
            effects = lookUpContacts(peopleInDetail)
        case .failure(let f):
            detail[keyPath: load] = .failed(f.message)
            status.lastError = f.message
        }
        return effects
    }
}
