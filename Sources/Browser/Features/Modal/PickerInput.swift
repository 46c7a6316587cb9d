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
        case .clear: if typing && !query.isEmpty { setQuery("") }
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
    mutating func statusPickerInput(_ c: PickerCommand, _ m0: StatusPickerModel, ids: [String]) -> [Effect] {
        var m = m0
        switch c {
        case .cancel: modal = nil
        case .accept:
            modal = nil
            return applyStatus(m, ids: ids)
        case .type, .deleteBackward, .clear, .up, .down, .pageUp, .pageDown, .top, .bottom:
            m.navigate(c)
            modal = .status(m, taskIds: ids)
        }
        return []
    }

    mutating func relationPickerInput(_ c: PickerCommand, _ p0: RelationTypePicker, dependencyId id: String) -> [Effect] {
        var p = p0
        switch c {
        case .cancel: modal = nil
        case .accept:
            modal = nil
            guard let r = p.changed else { return [] }
            status.message = "Changing the relation type…"
            return [.updateDependency(id: id, taskId: detail.taskId ?? "", DependencyUpdate(relationType: r))]
        case .type, .deleteBackward, .clear, .up, .down, .pageUp, .pageDown, .top, .bottom:
            p.navigate(c)
            modal = .relation(p, dependencyId: id)
        }
        return []
    }

    /// A list picker's step: cancel closes it, accept closes it and does `choose` with it, the other commands
    /// move (and narrow, when `typing`) and keep it open as `reopen` makes it.
    mutating func listPickerInput<Item>(_ c: PickerCommand, _ p0: PickerModel<Item>, typing: Bool = true,
                                        reopen: (PickerModel<Item>) -> Overlay,
                                        choose: (inout AppState, PickerModel<Item>) -> [Effect]) -> [Effect] {
        var p = p0
        switch c {
        case .cancel: modal = nil
        case .accept:
            modal = nil
            return choose(&self, p)
        case .type, .deleteBackward, .clear, .up, .down, .pageUp, .pageDown, .top, .bottom:
            p.navigate(c, typing: typing)
            modal = reopen(p)
        }
        return []
    }

    mutating func draftsInput(_ c: PickerCommand, _ p: PickerModel<Draft>) -> [Effect] {
        listPickerInput(c, p, typing: false, reopen: Overlay.drafts) { app, p in
            guard let d = p.current else { return [] }
            return app.resumeDraft(d)
        }
    }

    mutating func approvalsWaitingInput(_ c: PickerCommand, _ p: PickerModel<Approval>) -> [Effect] {
        listPickerInput(c, p, reopen: Overlay.approvalsWaiting) { app, p in
            guard let a = p.current, let tid = a.taskId else { return [] }
            app.focus = .detail
            return app.openDetail(tid)
        }
    }

    /// Enter closes it too: the messages are only read.
    mutating func messagesInput(_ c: PickerCommand, _ p: PickerModel<StatusEntry>) -> [Effect] {
        listPickerInput(c, p, reopen: Overlay.messages) { _, _ in [] }
    }

    mutating func dependencyFinderInput(_ c: PickerCommand, _ m0: DependencyFinderModel) -> [Effect] {
        var m = m0
        switch c {
        case .cancel:
            if !m.back() { modal = nil; return [] }
        case .accept:
            if let req = m.confirm() {
                modal = nil
                status.message = "Adding the dependency…"
                return [.addDependency(taskId: req.taskId,
                                       DependencyCreate(predecessorId: req.side == .predecessor ? req.otherId : nil,
                                                        successorId: req.side == .successor ? req.otherId : nil,
                                                        relationType: req.relationType))]
            }
        case .type(let s):
            if let q = m.type(s), actions.lastSearch != q { actions.pendingSearch = q }
        case .deleteBackward, .clear, .up, .down, .pageUp, .pageDown, .top, .bottom:
            m.navigate(c)
        }
        modal = .dependency(m)
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
