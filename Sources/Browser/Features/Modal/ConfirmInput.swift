// Answers to a confirmation (discard, delete, remove, cancel).
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func confirmInput(_ input: ConfirmModel.Input, _ m0: ConfirmModel, purpose: ConfirmPurpose) -> [Effect] {
        var model = m0
        switch model.handle(input) {
        case .pending:
            modal = .confirm(model, purpose)
            return []
        case .declined:
            modal = nil
            switch purpose {
            case .discardComment: actions.composer?.confirmingDiscard = false
            case .discardTimelog:
                if let p = actions.pendingTimelog { modal = .timelog(p.form, taskId: p.taskId, send: p.send) }
                actions.pendingTimelog = nil
            case .discardTimer:
                features.timer.logging = nil
                status.message = "The timer's time is kept: press \(timerKeyName) to log it."
            case .discardDraft:
                let list = draftsToList()
                if !list.isEmpty { modal = .drafts(Self.draftsPicker(list, checking: Set(actions.detachedSends.keys))) }
            case .removeDependency, .cancelApproval, .deleteComment, .deleteTimelog, .runCustomCommand, .replaceTimer, .deleteTask: break
            }
            return []
        case .confirmed:
            modal = nil
            switch purpose {
            case .removeDependency(let id, let taskId):
                status.message = "Removing the dependency…"
                return [.deleteDependency(id: id, taskId: taskId)]
            case .cancelApproval(let id, let taskId):
                status.message = "Cancelling the approval…"
                return [.cancelApproval(id: id, taskId: taskId)]
            case .deleteComment(let id, let taskId):
                status.message = "Deleting the comment…"
                return [.deleteComment(id: id, taskId: taskId)]
            case .discardComment:
                guard let comp = actions.composer else { return [] }
                actions.composer = nil
                actions.autosave.composer = nil
                return comp.send.hasFile ? [fileDeletion(comp.send)] : []
            case .discardDraft(let id):
                return discardDraft(id: id) + timerSendDropped(draftId: id)
            case .replaceTimer(let entry, let old):
                return [.timer(.start(entry, replacing: old))]
            case .discardTimer(let entry):
                return [.timer(.discardStopped(entry))]
            case .deleteTimelog(let id):
                return deleteTimelog(id: id)
            case .deleteTask(let id):
                return deleteTaskConfirmed(id)
            case .runCustomCommand(let name):
                actions.pendingCommand = name
                return []
            case .discardTimelog:
                let p = actions.pendingTimelog
                actions.pendingTimelog = nil
                actions.autosave.timelog = nil
                let timerSteps = p?.send.map { timerSendDropped(draftId: $0.draft.id) } ?? []
                if let s = p?.send, s.hasFile { return [fileDeletion(s)] + timerSteps }
                return timerSteps
            }
        }
    }
}
