// A space's folder tree coming back.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func treeArrived(_ space: String, _ r: Result<[FolderTreeEntry], ServiceFailure>) -> [Effect] {
        switch r {
        case .success(let entries):
            for e in entries { tree.entries[e.id] = e }
            tree.spaceLoad[space] = .loaded
            autoRetrySucceeded()
            goToTreeChanged()
            return resumeWaitingList()
        case .failure(let f):
            tree.spaceLoad[space] = .failed(f.message)
            status.lastError = f.message
            scheduleAutoRetry(after: f)
            return resumeWaitingList()
        }
    }
}
