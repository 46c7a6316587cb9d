// Go-to's update: opening the palette (and reading the trees of the spaces not read yet, so every
// folder can be found), its keys (the picker rows of the key table; typed or pasted text is the query)
// and what choosing a row does. See GoTo.swift and docs/goto.md.
import Foundation
import WrikeAPI

extension AppState {
    /// The `goto` key: the palette over the panes.
    mutating func openGoTo() -> [Effect] {
        let effects = readUnreadSpaces()
        modal = .goTo(GoToModel(places: GoTo.places(tree), actions: GoTo.actions(keymap, ascii: true)))
        return effects
    }

    /// The trees of the spaces not read yet (go-to and the move picker list every folder).
    mutating func readUnreadSpaces() -> [Effect] {
        var effects: [Effect] = []
        for s in tree.spaces {
            switch tree.spaceLoad[s.id] ?? .notLoaded {
            case .notLoaded, .failed:
                tree.spaceLoad[s.id] = .loading
                effects.append(.loadTree(spaceId: s.id))
            case .loading, .loaded: break
            }
        }
        return effects
    }

    /// A tree arrived while the palette is open: its folders join the candidates.
    mutating func goToTreeChanged() {
        guard case .goTo(var m)? = modal else { return }
        m.setPlaces(GoTo.places(tree))
        modal = .goTo(m)
    }

    mutating func goToInput(_ c: PickerCommand, _ m: GoToModel) -> [Effect] {
        var m = m
        var effects: [GoToEffect] = []
        switch c {
        case .cancel:
            modal = nil
            return m.search.inFlight ? [.goTo(.cancelSearch)] : []
        case .accept:
            guard let item = m.picker.current, item.target != .note else { return [] }
            modal = nil
            return (m.search.inFlight ? [.goTo(.cancelSearch)] : []) + goTo(item.target)
        case .type(let s): effects = m.setQuery(m.query + s)
        case .deleteBackward:
            if !m.query.isEmpty { effects = m.setQuery(String(m.query.dropLast())) }
        case .clear: effects = m.setQuery("")
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            m.move(c)
        }
        if case .goTo? = modal { modal = .goTo(m) }
        return effects.map(Effect.goTo)
    }

    /// A paste into go-to: a whole permalink or task id (`GoTo.isWholeAddress`) replaces the query (it
    /// names one task by itself: joined to what was typed it would find nothing); other text is typed.
    mutating func goToPaste(_ line: String, _ m: GoToModel) -> [Effect] {
        guard GoTo.isWholeAddress(line) else { return goToInput(.type(line), m) }
        var m = m
        let effects = m.setQuery(line.trimmingCharacters(in: .whitespaces))
        modal = .goTo(m)
        return effects.map(Effect.goTo)
    }

    /// The clock moved: a title search whose typing paused starts.
    mutating func goToTick() -> [Effect] {
        guard case .goTo(var m)? = modal, m.search.pending != nil else { return [] }
        let effects = m.tick(now)
        modal = .goTo(m)
        return effects.map(Effect.goTo)
    }

    /// Whether go-to waits for a pause in typing (the app then ticks soon).
    public var goToWaiting: Bool {
        if case .goTo(let m)? = modal { return m.search.waitingForPause }
        return false
    }

    mutating func goToEvent(_ e: GoToEvent) -> [Effect] {
        switch e {
        case .searchResults(let q, let generation, let r):
            guard case .goTo(var m)? = modal else { return [] }  // closed meanwhile
            if m.searchAnswered(q, generation: generation, r, directory: catalog.directory) { modal = .goTo(m) }
            return []
        }
    }

    mutating func goTo(_ target: GoToTarget) -> [Effect] {
        switch target {
        case .folder(let id, let path, let title):
            var prefix = ""
            for part in path.split(separator: "/").dropLast() {
                prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
                tree.expanded.insert(prefix)
            }
            tree.reveal(path)
            tree.openedPath = path
            focus = .list
            return openList(.folder(id), title: title)
        case .task(let id):
            focus = .detail
            return openDetail(id)
        case .permalink(let number):
            status.message = "Looking up the task with permalink number \(number)…"
            return [.resolvePermalink(number: number)]
        case .action(let a):
            return update(a.intent)
        case .note:
            return []
        }
    }

    /// The answer to `.resolvePermalink`.
    mutating func permalinkResolved(_ number: String, _ result: Result<String?, ServiceFailure>) -> [Effect] {
        switch result {
        case .success(let id?):
            status.message = nil
            focus = .detail
            return openDetail(id)
        case .success(nil):
            status.lastError = "No task has the permalink number \(number) (or you cannot see it)."
        case .failure(let f):
            status.lastError = "Could not look up permalink number \(number): \(f.message)"
        }
        return []
    }
}
