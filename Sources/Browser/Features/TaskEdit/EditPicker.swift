// The pickers of task editing: assignees (`assign`: anyone, people and groups), folders (`move`: the
// tree's folders and projects, ranked as the go-to palette ranks them) and importance (`edit-importance`).
// Each acts on the open task or on the marked tasks; the checked rows are what the tasks have now. Pure:
// the update is AssignMove.swift. See docs/editing.md.
import TermText
import WrikeAPI

/// One row of an edit picker.
public enum EditChoice: Sendable, Equatable {
    /// A person or a group (`group` true), by contact id.
    case contact(id: String, name: String, group: Bool)
    /// A space, folder or project.
    case folder(GoToPlace)
    case importance(Importance)
    /// A custom field (`edit-field`), by id, with its title and what it takes ("drop-down").
    case field(id: String, title: String, kind: String)
    /// An option of a drop-down field.
    case option(String)

    public var id: String {
        switch self {
        case .contact(let id, _, _): id
        case .folder(let p): p.id
        case .importance(let i): i.rawValue
        case .field(let id, _, _): id
        case .option(let v): v
        }
    }

    public var label: String {
        switch self {
        case .contact(_, let name, let group): group ? "\(name)  (group)" : name
        case .folder(let p): GoTo.item(p).label
        case .importance(let i): i.rawValue
        case .field(_, let title, let kind): "\(title)  (\(kind))"
        case .option(let v): v
        }
    }
}

public enum EditPickerKind: Sendable, Equatable {
    case assign, move, importance
    /// `edit-field`: the task's custom fields, then the options (or people) of the one chosen.
    case fields
    case fieldValue(fieldId: String, title: String, multiple: Bool)

    /// The title's verb ("Assignees of …").
    public var title: String {
        switch self {
        case .assign: "Assignees"
        case .move: "Folders"
        case .importance: "Importance"
        case .fields: "Custom fields"
        case .fieldValue(_, let title, _): title
        }
    }

    /// Whether its rows carry checks (what the tasks have now).
    public var checks: Bool { self != .fields }
}

/// An open edit picker: its rows, the tasks it acts on, the rows checked (what every one of them has).
public struct EditPicker: Sendable {
    public let kind: EditPickerKind
    public let taskIds: [String]
    public private(set) var query = ""
    public private(set) var picker: PickerModel<EditChoice>
    /// Folders of the move picker (ranked again as the query changes: `GoTo.rank`).
    private var places: [GoToPlace]

    public init(kind: EditPickerKind, taskIds: [String], choices: [EditChoice], places: [GoToPlace] = [], checked: Set<String>) {
        self.kind = kind
        self.taskIds = taskIds
        self.places = places
        picker = PickerModel(items: choices, ordering: kind == .move ? .stable : .ranked) { $0.label }
        check(checked)
    }

    public static func folders(_ places: [GoToPlace], taskIds: [String], checked: Set<String>) -> EditPicker {
        EditPicker(kind: .move, taskIds: taskIds, choices: rankFolders("", places), places: places, checked: checked)
    }

    /// The folders for `query`: by name first, then by path (the go-to palette's ranking, places only).
    static func rankFolders(_ query: String, _ places: [GoToPlace]) -> [EditChoice] {
        let byId = Dictionary(places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return GoTo.rank(query, places: places, actions: []).compactMap { item in
            if case .folder(let id, _, _) = item.target, let p = byId[id] { return .folder(p) }
            return nil
        }
    }

    /// Checks the rows whose ids are in `ids`.
    public mutating func check(_ ids: Set<String>) {
        picker.setMarked(Set(picker.items.indices.filter { ids.contains(picker.items[$0].id) }))
    }

    public var checkedIds: Set<String> { Set(picker.markedItems.map(\.id)) }

    /// A key of the picker rows (accept and cancel are the caller's).
    public mutating func input(_ c: PickerCommand) {
        guard kind == .move else { picker.navigate(c); return }
        switch c {
        case .type(let s): setQuery(query + s)
        case .deleteBackward: if !query.isEmpty { setQuery(String(query.dropLast())) }
        case .clear: setQuery("")
        case .up, .down, .pageUp, .pageDown, .top, .bottom, .accept, .cancel: picker.navigate(c, typing: false)
        }
    }

    /// The tree read more folders (the move picker lists every loaded one).
    public mutating func setPlaces(_ p: [GoToPlace]) {
        guard kind == .move, p != places else { return }
        places = p
        setQuery(query)
    }

    private mutating func setQuery(_ q: String) {
        query = Sanitizer.cleanLine(q)
        let checked = checkedIds
        picker = PickerModel(items: Self.rankFolders(query, places), ordering: .stable) { $0.label }
        check(checked)
    }

    /// The query as typed (the move picker keeps its own; the others the picker's).
    public var shownQuery: String { kind == .move ? query : picker.query }
}

extension EditPicker: PickerModal {
    public var hint: [HintPart] {
        switch kind {
        case .importance: Hints.picker("type to narrow", "set", "close")
        case .fields: Hints.picker("type to narrow", "edit", "close")
        case .fieldValue(_, _, let multiple): Hints.picker("type to narrow", multiple ? "add or remove" : "set", "close")
        case .assign, .move: Hints.picker("type to narrow", "add or remove", "close")
        }
    }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.editPickerInput(c, self) }
}
