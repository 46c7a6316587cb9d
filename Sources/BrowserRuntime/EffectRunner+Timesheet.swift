// The timesheet's effects (Features/Timesheet) on the shared client.
import Foundation
import Browser
import WrikeAPI

extension EffectRunner {
    static func performTimesheet(_ effect: TimesheetEffect, service: any WrikeService,
                                 journal: (@Sendable (WriteRecord) -> Void)?) async -> TimesheetEvent {
        switch effect {
        case .loadWeek(let first, let last, let generation):
            return .week(generation: generation, await result { try await writer(service).myTimelogs(from: first, through: last) })
        case .loadSchedules:
            return .schedules(await result { try await writer(service).workSchedules() })
        case .update(let id, let update, let token):
            let r = await write { try await writer(service).updateTimelog(id, update) }
            journal?(record(.timelogUpdate, r, entity: { $0.id }, tasks: (try? r.get().taskId).flatMap { $0.map { [$0] } } ?? []))
            return .write(token: token, r.map { Optional($0) })
        case .delete(let id, let token):
            let r = await write { try await writer(service).deleteTimelog(id) }
            journal?(record(.timelogDelete, r, entity: { _ in id }, tasks: []))
            return .write(token: token, r.map { nil })
        }
    }
}
