// Saved views' update: the number keys and the views menu open a view; a view's read waits for what it
// needs (who "me" is, the folders of the space its path names) or fails in plain words; the pages of a
// view keep only the tasks its local filters keep. See ViewRead.swift and docs/views.md.
import WrikeAPI

/// The views menu as a modal: the picker rows, Enter opens the highlighted view.
public struct ViewsMenuModal: PickerModal {
    public var picker: PickerModel<SavedView>
    public var hint: [HintPart] { Hints.picker("type to narrow", "open", "close") }
    public func pick(_ c: PickerCommand, app: inout AppState) -> [Effect] { app.viewsMenuInput(c, picker) }
}

extension AppState {
    mutating func viewsIntent(_ i: ViewsIntent) -> [Effect] {
        switch i {
        case .number(let n):
            guard features.views.all.indices.contains(n - 1) else {
                status.message = features.views.all.isEmpty ? SavedViews.noViews : "There is no view \(n): config.toml has \(features.views.all.count)."
                return []
            }
            return openView(features.views.all[n - 1].name)
        case .menu:
            guard !features.views.all.isEmpty else {
                status.message = SavedViews.noViews
                return []
            }
            var menu = PickerModel(items: features.views.all, ordering: .stable) { v in
                let n = viewNumber(v.name).map { "\($0) " } ?? "  "
                return n + v.name
            }
            if case .view(let name)? = list.source, let i = features.views.all.firstIndex(where: { $0.name == name }) {
                menu.select(index: i)
            }
            modal = .views(menu)
            return []
        }
    }

    /// Keys in the views menu: Enter opens the highlighted view.
    mutating func viewsMenuInput(_ c: PickerCommand, _ p: PickerModel<SavedView>) -> [Effect] {
        var p = p
        switch c {
        case .cancel: modal = nil
        case .accept:
            modal = nil
            guard let v = p.current else { return [] }
            return openView(v.name)
        case .type, .deleteBackward, .clear, .up, .down, .pageUp, .pageDown, .top, .bottom:
            p.navigate(c)
            modal = .views(p)
        }
        return []
    }

    /// Lists view `name` (its relative days counted from today), with its sort unless `applySort` is false.
    mutating func openView(_ name: String, applySort: Bool = true) -> [Effect] {
        let source = ListSource.view(name)
        if list.source != source { features.views.openedDay = DateInput.day(today) }
        let effects = showList(source)
        if applySort, let v = features.views.view(named: name), let sort = v.sort {
            list.setSort(sort, ascending: v.ascending ?? sort.defaultAscending)
            follow(.list)
        }
        return effects
    }

    /// The open view's read when it cannot be made yet: the list waits (for the bootstrap, or for the
    /// folders of the space its path names, which are asked for) or fails with the reason. Nil when the
    /// list is not a view, when the read can be made, or when it waits for "me" (ListLoading's wait).
    mutating func viewNotReady() -> [Effect]? {
        guard let r = openViewResolution else { return nil }
        switch r {
        case .ready, .needsDirectory: return nil
        case .needsBootstrap:
            list.waiting = true
            return []
        case .needsSpace(let id):
            list.waiting = true
            switch tree.spaceLoad[id] ?? .notLoaded {
            case .loading, .loaded: return []
            case .notLoaded, .failed:
                tree.spaceLoad[id] = .loading
                return [.loadTree(spaceId: id)]
            }
        case .failed(let m):
            list.waiting = false
            list.refreshing = false
            list.status = .failed(m)
            return []
        }
    }

    /// A page for the open list, with the view's local filters applied (the total then is what is kept).
    func viewKept(_ page: TaskPage) -> TaskPage {
        guard case .ready(let r)? = openViewResolution, r.importance != nil else { return page }
        var p = page
        p.tasks = r.keep(page.tasks)
        p.total = nil
        return p
    }
}
