// Keys in the pickers (status, dependency finder, relation type, drafts, approvals waiting, messages):
// every `PickerCommand` in every picker. The keys are rows of the key table (`KeyMode.picker`);
// typed characters narrow the list. See docs/actions.md.
import Foundation
import WrikeAPI

/// Rows PgUp / PgDn move in a picker.
public let pickerPageRows = 10

extension PickerModel {
    /// Moves or narrows for a picker command. `typing` false: the list has no query (typed characters
    /// and Backspace are ignored). `accept` and `cancel` are the caller's and do nothing here.
    public mutating func navigate(_ c: PickerCommand, typing: Bool = true) {
        switch c {
        case .type(let s): if typing { type(s) }
        case .deleteBackward: if typing { deleteBackward() }
        case .up: moveUp()
        case .down: moveDown()
        case .pageUp: page(by: -pickerPageRows)
        case .pageDown: page(by: pickerPageRows)
        case .top: moveToTop()
        case .bottom: moveToBottom()
        case .accept, .cancel: break
        }
    }
}

extension AppState {
    mutating func pickerInput(_ c: PickerCommand) -> [Effect] {
        guard let overlay = actions.overlay else { return [] }
        switch overlay {
        case .status(var m, let ids):
            switch c {
            case .cancel: actions.overlay = nil
            case .accept:
                actions.overlay = nil
                return applyStatus(m, ids: ids)
            case .type, .deleteBackward, .up, .down, .pageUp, .pageDown, .top, .bottom:
                m.navigate(c)
                actions.overlay = .status(m, taskIds: ids)
            }
        case .dependency(var m):
            return dependencyFinderInput(c, &m)
        case .relation(var p, let id):
            switch c {
            case .cancel: actions.overlay = nil
            case .accept:
                actions.overlay = nil
                guard let r = p.changed else { return [] }
                status.message = "Changing the relation type…"
                return [.updateDependency(id: id, taskId: detail.taskId ?? "", DependencyUpdate(relationType: r))]
            case .type, .deleteBackward, .up, .down, .pageUp, .pageDown, .top, .bottom:
                p.navigate(c)
                actions.overlay = .relation(p, dependencyId: id)
            }
        case .drafts(var p):
            switch c {
            case .cancel: actions.overlay = nil
            case .accept:
                actions.overlay = nil
                guard let d = p.current else { return [] }
                return resumeDraft(d)
            case .type, .deleteBackward, .up, .down, .pageUp, .pageDown, .top, .bottom:
                p.navigate(c, typing: false)
                actions.overlay = .drafts(p)
            }
        case .approvalsWaiting(var p):
            switch c {
            case .cancel: actions.overlay = nil
            case .accept:
                actions.overlay = nil
                guard let a = p.current, let tid = a.taskId else { return [] }
                focus = .detail
                return openDetail(tid)
            case .type, .deleteBackward, .up, .down, .pageUp, .pageDown, .top, .bottom:
                p.navigate(c)
                actions.overlay = .approvalsWaiting(p)
            }
        case .messages(var p):
            switch c {
            case .cancel, .accept: actions.overlay = nil
            case .type, .deleteBackward, .up, .down, .pageUp, .pageDown, .top, .bottom:
                p.navigate(c)
                actions.overlay = .messages(p)
            }
        case .goTo(let m):
            return goToInput(c, m)
        case .editPicker(let m):
            return editPickerInput(c, m)
        case .confirm, .timelog, .timelogEdit, .approval:
            break  // the confirmation's and the forms' own keys (`confirmInput`, `formInput`)
        }
        return []
    }

    private mutating func dependencyFinderInput(_ c: PickerCommand, _ m: inout DependencyFinderModel) -> [Effect] {
        switch c {
        case .cancel:
            if !m.back() { actions.overlay = nil; return [] }
        case .accept:
            if let req = m.confirm() {
                actions.overlay = nil
                status.message = "Adding the dependency…"
                return [.addDependency(taskId: req.taskId,
                                       DependencyCreate(predecessorId: req.side == .predecessor ? req.otherId : nil,
                                                        successorId: req.side == .successor ? req.otherId : nil,
                                                        relationType: req.relationType))]
            }
        case .type(let s):
            if let q = m.type(s), actions.lastSearch != q { actions.pendingSearch = q }
        case .deleteBackward, .up, .down, .pageUp, .pageDown, .top, .bottom:
            m.navigate(c)
        }
        actions.overlay = .dependency(m)
        return []
    }

    /// The status line's history, newest first, each with its time (the app's clock) in the user's zone.
    func messagesPicker() -> PickerModel<StatusEntry> {
        let calendar = environment.calendar
        return PickerModel(items: status.history.reversed(), ordering: .stable) { e in
            let t = calendar.dateComponents([.hour, .minute, .second], from: e.time)
            let time = String(format: "%02d:%02d:%02d", t.hour ?? 0, t.minute ?? 0, t.second ?? 0)
            return time + (e.isError ? " ! " : "   ") + e.text
        }
    }
}
