// A page of the list coming back: its tasks join the store, then what they need (dependencies for the
// blocked markers, names, the next page, the directory after the first frame).
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func pageArrived(read: ListRead, generation: Int, first: Bool, _ result: Result<TaskPage, ServiceFailure>) -> [Effect] {
        guard read == listRead, generation == list.generation else { return [] }
        switch result {
        case .success(let page):
            let page = viewKept(page)
            let lookUps = lookUpContacts(people(in: page.tasks))
            if first {
                list.replace(page.tasks, directory: catalog.directory)
            } else {
                list.append(page.tasks, directory: catalog.directory)
            }
            list.refreshing = false
            list.status = .loaded
            if first { autoRetrySucceeded() }
            list.loadingMore = false
            list.nextPageToken = page.nextPageToken
            list.total = page.total ?? (page.nextPageToken == nil ? list.tasks.count : nil)
            follow(.list)
            var effects = revalidateBootstrapIfStatusUnknown(page.tasks)
            effects += requestDependencies(of: page.tasks)
            effects += lookUps
            effects += maybeLoadMore()
            // The first complete frame (tree and list) is drawn with this event: now the rest.
            effects += loadDirectoryAfterFirstFrame()
            return effects
        case .failure(let f):
            list.loadingMore = false
            list.refreshing = false
            if list.status != .loaded { list.status = .failed(f.message) }
            status.lastError = f.message
            if first, case .failed = list.status { scheduleAutoRetry(after: f) }
            return loadDirectoryAfterFirstFrame()
        }
    }
}
