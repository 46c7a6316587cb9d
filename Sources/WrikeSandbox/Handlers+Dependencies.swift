import Foundation
import WrikeAPI

extension State {
    func getTaskDependencies(_ p: Params, taskId: String) throws -> HTTPResponse {
        try p.allow([])
        let out = dependencies.items.filter { $0.predecessorId == taskId || $0.successorId == taskId }
        return Reply.json("dependencies", out)
    }

    func getDependencies(_ p: Params, ids: [String]) throws -> HTTPResponse {
        try p.allow([])
        let out = try ids.map { id -> Dependency in
            guard let d = dependencies[id] else { throw APIError.notFound("Dependency") }
            return d
        }
        return Reply.json("dependencies", out)
    }

    static let schedulingError = APIError.invalidRequest("Operation is not allowed due to invalid task scheduling type")

    /// Wrike's constraints per relation type: FS – predecessor Planned/Milestone, successor Planned;
    /// SS – both Planned; FF – both Planned/Milestone; SF – predecessor Planned, successor
    /// Planned/Milestone. Backlog (undated) tasks never qualify.
    func checkScheduling(_ relation: RelationType, predecessor: WrikeTask, successor: WrikeTask) throws {
        let pt = predecessor.dates?.type ?? .backlog
        let st = successor.dates?.type ?? .backlog
        let dated: Set<DateType> = [.planned, .milestone]
        let ok: Bool
        switch relation {
        case .finishToStart: ok = dated.contains(pt) && st == .planned
        case .startToStart: ok = pt == .planned && st == .planned
        case .finishToFinish: ok = dated.contains(pt) && dated.contains(st)
        case .startToFinish: ok = pt == .planned && dated.contains(st)
        default: ok = false
        }
        if !ok { throw Self.schedulingError }
    }

    mutating func postDependency(_ p: Params, taskId: String, now: Date) throws -> HTTPResponse {
        try p.allow(["predecessorId", "successorId", "relationType", "lagTime"])
        let pred = try p.string("predecessorId")
        let succ = try p.string("successorId")
        if pred != nil && succ != nil {
            throw APIError.invalidRequest("Only one of 'predecessorId' or 'successorId' may be specified")
        }
        guard let otherId = pred ?? succ else { throw APIError.parameterRequired("predecessorId") }
        let otherName = pred != nil ? "predecessorId" : "successorId"
        guard let other = tasks[otherId] else { throw APIError.invalidParameter(otherName, "unknown task") }
        guard otherId != taskId else { throw APIError.invalidParameter(otherName, "a task cannot depend on itself") }
        guard let me = tasks[taskId] else { throw APIError.notFound("Task") }
        let relation = try p.enumValue("relationType", RelationType.self) ?? .finishToStart
        let lag = try p.int("lagTime") ?? 0
        let (predecessor, successor) = pred != nil ? (other, me) : (me, other)
        if dependencies.items.contains(where: { $0.predecessorId == predecessor.id && $0.successorId == successor.id }) {
            throw APIError.invalidParameter(otherName, "the dependency already exists")
        }
        try checkScheduling(relation, predecessor: predecessor, successor: successor)
        let id = newId("IU")
        let dep = Dependency(id: id, predecessorId: predecessor.id, successorId: successor.id, relationType: relation, lagTime: lag)
        dependencies.append(dep)
        let stamp = WrikeDate.formatTimestamp(now)
        for tid in [predecessor.id, successor.id] {
            tasks.update(tid) { t in t.dependencyIds = Self.union(t.dependencyIds, [id]); t.updatedDate = stamp }
        }
        touch()
        return Reply.json("dependencies", [dep])
    }

    mutating func putDependency(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow(["relationType", "lagTime"])
        guard var dep = dependencies[id] else { throw APIError.notFound("Dependency") }
        if let relation = try p.enumValue("relationType", RelationType.self) {
            if let pt = tasks[dep.predecessorId], let st = tasks[dep.successorId] {
                try checkScheduling(relation, predecessor: pt, successor: st)
            }
            dep.relationType = relation
        }
        if let lag = try p.int("lagTime") { dep.lagTime = lag }
        dependencies.replace(dep)
        let stamp = WrikeDate.formatTimestamp(now)
        for tid in [dep.predecessorId, dep.successorId] { tasks.update(tid) { $0.updatedDate = stamp } }
        touch()
        return Reply.json("dependencies", [dep])
    }

    mutating func deleteDependency(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow([])
        guard let dep = dependencies[id] else { throw APIError.notFound("Dependency") }
        dependencies.remove(id)
        let stamp = WrikeDate.formatTimestamp(now)
        for tid in [dep.predecessorId, dep.successorId] {
            tasks.update(tid) { t in t.dependencyIds = Self.minus(t.dependencyIds, [id]); t.updatedDate = stamp }
        }
        touch()
        return Reply.json("dependencies", [Dependency]())
    }
}
