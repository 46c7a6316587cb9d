// The session's first reads coming back: workflows and spaces (the bootstrap), then the directory (account,
// contacts, custom fields) after the first frame.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func bootstrapArrived(_ r: Result<Bootstrap, ServiceFailure>) -> [Effect] {
        switch r {
        case .success(let b):
            session.bootstrap = .loaded
            autoRetrySucceeded()
            session.warmStart = b.fromDiskCache ? .pending : .notWarm
            if b.fromDiskCache, !b.contacts.isEmpty {
                // Names from the disk for the first frame; `.loadDirectory` still follows it and replaces them.
                var named = b
                named.hasDirectory = true
                catalog.directory.merge(named)
            } else {
                catalog.directory.merge(b)
            }
            if b.hasDirectory { session.directoryStatus = .loaded }
            tree.spaces = b.spaces
            actions.workflows = b.workflows
            var effects: [Effect] = []
            if b.hasDirectory, let me = b.me?.id { effects.append(.loadMyTime(meId: me, date: today)) }
            if tree.expanded.isEmpty, let first = b.spaces.first {
                tree.expanded.insert(first.id)
                tree.spaceLoad[first.id] = .loading
                effects.append(.loadTree(spaceId: first.id))
            }
            if b.hasDirectory { effects += lookUpContactsOnScreen() }
            list.setDirectory(catalog.directory)
            effects += openStartScreen()
            return effects + resumeWaitingList()
        case .failure(let f):
            // Workflows and spaces exist for every account: "not found" means the address is not Wrike's API.
            let message = f.notFound ? Self.apiAddressNotFound : f.message
            session.bootstrap = .failed(message)
            status.lastError = message
            scheduleAutoRetry(after: f)
            return []
        }
    }

    /// Said when the first read (workflows, spaces) answers 404.
    public static let apiAddressNotFound = "No Wrike API at this address (the first read answered “not found”): "
        + "check --base-url (it ends in /api/v4), WRIKE_HOST, or sign in again (wrike-tui auth login)."

    mutating func directoryArrived(_ r: Result<Bootstrap, ServiceFailure>) -> [Effect] {
        switch r {
        case .success(let b):
            catalog.directory.merge(b)
            session.directoryStatus = .loaded
            autoRetrySucceeded()
            let lookUps = lookUpContactsOnScreen()
            // Names replace the placeholders: the list's rows and search keys, the detail.
            list.setDirectory(catalog.directory)
            if case .approvalsWaiting(let p)? = modal { relabelWaiting(p.items) }
            // Interrupted sends waited for "me": they are checked now.
            let effects = lookUps + resumeWaitingList()
            if let me = catalog.directory.meId { return [.loadMyTime(meId: me, date: today)] + effects + sendCheckTick() }
            return effects
        case .failure(let f):
            session.directoryStatus = .failed(f.message)
            status.lastError = "Names and account not loaded: \(f.message)"
            scheduleAutoRetry(after: f)
            return resumeWaitingList()
        }
    }
}
