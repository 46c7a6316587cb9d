// Derived state in one place: the tree's rows, the blocked markers and the detail's lines are made again
// here, at the end of every entry that changes the state (`update`, `handle`, `setGlyphs`, `setViews`),
// when what they are made from moved since they were made. The inputs say so themselves: the tree, the
// detail and the catalog count their changes (`revision`, bumped by `didSet`), the list its data's
// (`dataRevision`); a few numbers are compared per update, so a keystroke that changes none of them
// pays that much. The list's rows are the exception: its own mutators derive them at once (docs/architecture.md).
import Foundation
import TermText
import WrikeAPI

extension AppState {
    /// Makes again what is stale. The derive functions (`TreeState.rebuild`, `recomputeBlocked`,
    /// `rebuildDetail`) are called from here only (`DeriveTests.theDeriveFunctionsAreCalledInOnePlace`).
    mutating func deriveStale() {
        if tree.isStale {
            tree.rebuild()
            follow(.tree)
        }
        let blockedStamp = BlockedStamp(catalog: catalog.revision, list: list.dataRevision)
        if list.blockedFrom != blockedStamp {
            recomputeBlocked()
            list.blockedFrom = blockedStamp
        }
        let stamp = detailStamp
        if detail.builtFrom != stamp {
            rebuildDetail()
            detail.builtFrom = stamp
        }
        if let section = detail.scrollToSection {
            detail.scrollToSection = nil
            if let line = detail.sections.first(where: { $0.section == section })?.line {
                detail.scroll = min(line, maxDetailScroll)
            }
        }
    }

    /// What the detail's lines are made from now.
    var detailStamp: DetailStamp {
        let fallback = detail.task == nil && detail.taskId != nil
        return DetailStamp(detail: detail.revision, catalog: catalog.revision, width: viewport.detailWidth,
                           minute: Int(now.timeIntervalSince1970 / 60),
                           dependencyCursor: actions.dependencySelectionActive ? actions.dependencyCursor : -1,
                           attachment: features.links.selectedAttachment,
                           listTask: fallback ? list.selectedTaskId : nil, listData: list.dataRevision)
    }

    /// The time zone or the symbols changed: the detail is laid out again.
    mutating func detailInputsChanged() {
        detail.builtFrom = nil
    }
}
