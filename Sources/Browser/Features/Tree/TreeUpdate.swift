// The tree's update: expanding a space or folder (its folders are read once), listing a row's tasks.
// Its state is TreeState.swift; Enter and Back reach it from Update/Navigate.swift.
import Foundation
import WrikeAPI

extension AppState {
    mutating func listTasks(of row: TreeRow) -> [Effect] {
        guard let source = row.source else { return [] }
        tree.openedPath = row.path
        return openList(source, title: row.title)
    }

    mutating func expand(_ row: TreeRow) -> [Effect] {
        tree.expanded.insert(row.path)
        var effects: [Effect] = []
        if row.kind == .space {
            switch tree.spaceLoad[row.id] ?? .notLoaded {
            case .notLoaded, .failed:
                tree.spaceLoad[row.id] = .loading
                effects.append(.loadTree(spaceId: row.id))
            case .loading, .loaded: break
            }
        }
        return effects
    }

    mutating func toggleExpand() -> [Effect] {
        switch focus {
        case .tree:
            guard let row = tree.selected, row.hasChildren else { return [] }
            if row.expanded {
                tree.expanded.remove(row.path)
                return []
            }
            return expand(row)
        case .list:
            list.toggleExpanded()
            follow(.list)
        case .detail: break
        }
        return []
    }
}
