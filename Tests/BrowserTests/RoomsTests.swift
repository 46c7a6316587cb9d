// Issue 14, rule 2: the app state keeps focus, viewport, status, the modal and the features (at most
// about 15 fields), and every modal goes through the one `Modal` protocol.
import Foundation
import Testing
@testable import Browser
import WrikeAPI

@Suite struct RoomsTests {
    @Test func theAppStateHoldsAtMostFifteenFields() {
        let s = AppState(now: Date(timeIntervalSince1970: 0), timeZone: TimeZone(identifier: "UTC") ?? .gmt)
        let names = Mirror(reflecting: s).children.compactMap(\.label)
        #expect(names.count <= 15, "AppState has \(names.count) stored fields: \(names)")
        for group in ["session", "catalog", "features", "modal"] { #expect(names.contains(group)) }
    }

    /// One of each modal; the switch makes a new `Overlay` case fail to compile here until it has a sample.
    static func sample(of o: Overlay) -> Bool {
        switch o {
        case .status, .confirm, .timelog, .timelogEdit, .dependency, .relation, .approval, .drafts, .approvalsWaiting,
             .messages, .goTo, .views, .help, .editPicker, .newTaskForm: true
        }
    }

    static let samples: [Overlay] = [
        .status(StatusPickerModel(workflows: [Fixture.workflow], currentStatusId: nil), taskIds: ["T1"]),
        .confirm(ConfirmModel(title: "t", message: "m", needsY: true), .discardComment),
        .timelog(TimeLogForm(categories: []), taskId: "T1", send: nil),
        .timelogEdit(TimeLogForm(categories: []), entry: Timelog(id: "L1", taskId: "T1", hours: 1)),
        .dependency(DependencyFinderModel(taskId: "T1", existing: [], loaded: [])),
        .relation(RelationTypePicker(current: .finishToStart), dependencyId: "D1"),
        .approval(ApprovalRequestForm(contacts: Fixture.contacts), taskId: "T1"),
        .drafts(PickerModel(items: [], ordering: .stable) { (d: Draft) in d.id }),
        .approvalsWaiting(PickerModel(items: [], ordering: .stable) { (a: Approval) in a.id }),
        .messages(PickerModel(items: [], ordering: .stable) { (e: StatusEntry) in e.text }),
        .goTo(GoToModel(places: [], actions: [])),
        .views(PickerModel(items: [], ordering: .stable) { (v: SavedView) in v.name }),
        .help(HelpState()),
        .editPicker(EditPicker(kind: .assign, taskIds: ["T1"], choices: [], checked: [])),
        .newTaskForm(NewTaskForm(folderId: "F1", superTaskId: nil, place: "Platform", statuses: [])),
    ]

    @Test func everyModalHasAKeyModeWithRowsAndAHintFromTheTable() {
        #expect(Self.samples.allSatisfy(Self.sample(of:)))
        #expect(Self.samples.count == 15)
        let km = Keymap.defaults
        for o in Self.samples {
            let m = o.modal
            let rows = Set(km.bindings(in: m.keyMode).map(\.action))
            #expect(!rows.isEmpty, "\(m.keyMode) has no rows")
            let hinted = m.hint.flatMap { part -> [Action] in
                switch part {
                case .key(let a, _): [a]
                case .keys(let actions, _): actions
                case .text, .note: []
                }
            }
            #expect(!hinted.isEmpty, "\(type(of: m)) names no key")
            for a in hinted where a != .discardDraft && a != .copyDraftText {
                #expect(rows.contains(a), "\(type(of: m)) hints \(a), not a row of \(m.keyMode)")
            }
            #expect(!o.hint(keymap: km, ascii: true).isEmpty)
            var s = loadedState()
            s.modal = o
            #expect(s.keyMode == m.keyMode)
        }
    }

    @Test func aModalsInputGoesThroughTheProtocol() {
        var s = loadedState()
        s.modal = .relation(RelationTypePicker(current: .finishToStart), dependencyId: "D1")
        #expect(s.update(.action(.picker(.down))).isEmpty)
        guard case .relation(let p, "D1")? = s.modal else { Issue.record("relation picker closed"); return }
        #expect(p.picker.cursor == 1)
        // A form's input does nothing to a picker; an intent that is not the modal's goes on to the app.
        #expect(s.update(.action(.form(.enter))).isEmpty)
        guard case .relation(let p2, _)? = s.modal else { Issue.record("closed by a form key"); return }
        #expect(p2.picker.cursor == 1)
        s.modal = .help(HelpState())
        _ = s.update(.move(3))
        #expect(s.help?.scroll == 3)
        _ = s.update(.paneRight)
        #expect(s.modal == nil && s.focus != .tree)
    }
}
