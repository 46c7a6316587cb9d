// Opening and loading the task list through its source (Features/List/ListSource.swift): the tree's Enter and
// `Intent.openList` open a source; the first page, a refresh and the automatic retry ask for it with
// `loadListFirstPage`. A source whose read needs who "me" is (My Work) waits while contacts have not
// said: the list shows "loading", the directory is asked for at once, and `resumeWaitingList` (after
// the bootstrap and the directory) loads it — or says why it cannot. It never reads without "me".
import WrikeAPI

extension AppState {
    /// The list's read, once it can be made (nil without a source, or while it waits for "me").
    public var listRead: ListRead? {
        if let r = openViewResolution {
            if case .ready(let v) = r { return v.read }
            return nil
        }
        return list.source?.read(me: catalog.directory.meId)
    }

    /// Said when contacts were read and none of them is me.
    public static let meUnknownMessage = "Wrike did not say who you are (no contact is marked as you): this list cannot be made."

    /// `Intent.openList`: lists `source` whichever pane has the focus; its tree row is marked as opened.
    mutating func showList(_ source: ListSource) -> [Effect] {
        let row = tree.rows.first { $0.source == source }
        if let row { tree.openedPath = row.path }
        focus = .list
        return openList(source, title: row?.title ?? list.title)
    }

    /// Lists `source` from its first page. The source already listed stays as it is, unless it failed.
    mutating func openList(_ source: ListSource, title: String) -> [Effect] {
        if list.source == source && list.status != .notLoaded {
            if case .failed = list.status {} else { return [] }
        }
        let generation = list.generation + 1
        list.reset(source: source, title: title)
        list.generation = generation
        list.status = .loading
        return loadListFirstPage(size: Self.firstPageSize)
    }

    /// Asks for the first page of the list's source (`list.status` is the caller's). When the read
    /// needs "me" and it is not known, the list waits and the directory is asked for (again, when it
    /// failed: this is an open, a refresh or a retry).
    mutating func loadListFirstPage(size: Int) -> [Effect] {
        guard list.source != nil else { return [] }
        if let effects = viewNotReady() { return effects }
        guard let read = listRead else {
            list.waiting = true
            if case .failed = session.directoryStatus, session.bootstrap == .loaded {
                session.directoryStatus = .loading
                return [.loadDirectory]
            }
            return resumeWaitingList()
        }
        list.waiting = false
        return [.loadTasks(read: read, generation: list.generation, pageToken: nil, pageSize: size)]
    }

    /// A waiting list after the bootstrap or the directory: loads once "me" is known; fails when
    /// contacts were read without it; shows the directory's failure (a retry of it resumes the wait).
    mutating func resumeWaitingList() -> [Effect] {
        guard list.waiting else { return [] }
        if let effects = viewNotReady() { return effects }
        if listRead != nil {
            list.status = .loading
            return loadListFirstPage(size: Self.firstPageSize)
        }
        switch session.directoryStatus {
        case .loaded:
            list.waiting = false
            list.refreshing = false
            list.status = .failed(Self.meUnknownMessage)
        case .failed(let m):
            list.refreshing = false
            list.status = .failed("Who you are is not known yet: \(m)")
        case .notLoaded:
            // The names follow the first frame; this list cannot wait for it (before the bootstrap,
            // its answer comes back here).
            guard session.bootstrap == .loaded else { return [] }
            session.directoryStatus = .loading
            return [.loadDirectory]
        case .loading: break
        }
        return []
    }
}
