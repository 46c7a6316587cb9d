// The last screen, kept on disk between runs (the instant start): the tree as it was expanded, the
// open list's rows, the open task's detail, the cursors and scrolls, the focus. `capture` takes it from
// the state cheaply (the list's compact store is a copy-on-write value: nothing is copied on the loop's
// thread); `encoded()` turns it into bytes off that thread; `decode` reads them back (nil for damage).
// The file around it (place, identity, age, permissions) is `ScreenSnapshotStore`'s.
//
// Layout: "WTSNAP" + format byte + "\n", a UInt32 (little-endian) length, that many bytes of JSON
// (`Screen`), then the list's compact store as it is in memory (TaskStoreFile.swift).
import Foundation
import WrikeAPI

/// What was on screen, without the listed tasks.
public struct ScreenSnapshotScreen: Codable, Sendable, Hashable {
    public struct Tree: Codable, Sendable, Hashable {
        public var expanded: [String] = []
        public var loadedSpaces: [String] = []
        public var entries: [FolderTreeEntry] = []
        public var cursorPath: String?
        public var scroll = 0
        public var openedPath: String?
    }
    public struct List: Codable, Sendable, Hashable {
        /// A folder, project or space id; nil with `myWork` or a saved view.
        public var folderId: String?
        public var myWork = false
        /// A saved view's name (Features/Views).
        public var view: String?
        public var title = ""
        public var sort = SortField.status.rawValue
        public var ascending = true
        /// The list's filter text (nil: none).
        public var filter: String?
        public var cursorTaskId: String?
        public var scroll = 0
    }
    public struct Detail: Codable, Sendable, Hashable {
        public var task: WrikeTask
        public var comments: [Comment] = []
        public var scroll = 0
    }
    /// The app's version that wrote it (another version's file is not used).
    public var appVersion: String
    /// The sign-in identity: API host, profile, and who "me" was (when known).
    public var host: String
    public var profile: String
    public var meId: String?
    /// Seconds since 1970 when it was written.
    public var savedAt: Double
    public var focus: Int
    public var tree: Tree
    public var list: List?
    public var detail: Detail?

    public var source: ListSource? { list?.source }
}

/// A screen taken from the state, ready to be written (encoding is the writer's, in the background).
public struct ScreenCapture: Sendable {
    public var screen: ScreenSnapshotScreen
    /// The list as it was (copy-on-write: taking it costs nothing); nil without a list.
    let list: TaskListState?

    /// The file's bytes (JSON part and binary rows).
    public func encoded() throws -> [UInt8] {
        let json = try JSONEncoder().encode(screen)
        var out = Array(ScreenSnapshot.magic.utf8)
        out.append(ScreenSnapshot.format)
        out.append(UInt8(ascii: "\n"))
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: json)
        out.append(contentsOf: (list ?? TaskListState()).keptRows())
        return out
    }
}

/// A screen read back from disk.
public struct ScreenSnapshot: Sendable {
    static let magic = "WTSNAP"
    /// Bumped whenever the layout changes.
    public static let format: UInt8 = 1
    public var screen: ScreenSnapshotScreen
    /// The open list's tasks and order (empty without a list).
    public var rows: KeptRows
    public var tasks: [WrikeTask] { rows.tasks }

    public enum DecodeFailure: Error, Equatable {
        /// Another layout (an older or newer wrike-tui): not damage, a cold start.
        case otherFormat(UInt8)
        case damaged(String)
    }

    public static func decode(_ bytes: [UInt8]) -> Result<ScreenSnapshot, DecodeFailure> {
        let head = Array(magic.utf8)
        guard bytes.count >= head.count + 6, Array(bytes[0..<head.count]) == head else { return .failure(.damaged("not a screen file")) }
        let format = bytes[head.count]
        guard format == Self.format else { return .failure(.otherFormat(format)) }
        var at = head.count + 2
        let n = Int(UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        at += 4
        guard n <= bytes.count - at else { return .failure(.damaged("short file")) }
        let screen: ScreenSnapshotScreen
        do {
            screen = try JSONDecoder().decode(ScreenSnapshotScreen.self, from: Data(bytes[at..<(at + n)]))
        } catch {
            return .failure(.damaged("unreadable screen part"))
        }
        guard let rows = TaskListState.readKeptRows(bytes[(at + n)...]) else { return .failure(.damaged("unreadable rows")) }
        return .success(ScreenSnapshot(screen: screen, rows: rows))
    }
}

extension AppState {
    /// The screen to keep, or nil when there is nothing settled to keep: before the first frame's data,
    /// signed out, or while the screen still shows what came from disk (writing it again would make
    /// old data look new). The list is kept only when loaded and not changing.
    public func captureScreen(host: String, profile: String, appVersion: String) -> ScreenCapture? {
        guard session.bootstrap == .loaded, !session.signedOut, !session.fromDisk.stale else { return nil }
        var t = ScreenSnapshotScreen.Tree()
        t.expanded = tree.expanded.sorted()
        t.loadedSpaces = tree.spaceLoad.filter { $0.value == .loaded }.map(\.key).sorted()
        t.entries = t.loadedSpaces.isEmpty ? [] : tree.entries.values.sorted { $0.id < $1.id }
        t.cursorPath = tree.selected?.path
        t.scroll = tree.scroll
        t.openedPath = tree.openedPath
        var screen = ScreenSnapshotScreen(appVersion: appVersion, host: host, profile: profile, meId: catalog.directory.meId,
                                          savedAt: now.timeIntervalSince1970, focus: focus.rawValue, tree: t)
        var keptList: TaskListState?
        if list.source != nil, list.status == .loaded, !list.refreshing, !list.waiting {
            screen.list = ScreenSnapshotScreen.List(list)
            keptList = list
        }
        if let task = detail.task, detail.taskStatus == .loaded {
            screen.detail = .init(task: task, comments: detail.commentsStatus == .loaded ? detail.comments : [],
                                  scroll: detail.scroll)
        }
        return ScreenCapture(screen: screen, list: keptList)
    }

    /// What changes the kept screen (compared on ticks to know when to write it again).
    public var screenSignature: Int {
        var h = Hasher()
        h.combine(focus)
        h.combine(tree.expanded)
        h.combine(tree.cursor)
        h.combine(tree.scroll)
        h.combine(tree.entries.count)
        h.combine(list.source)
        h.combine(list.generation)
        h.combine(list.taskCount)
        h.combine(list.selectedTaskId)
        h.combine(list.scroll)
        h.combine(list.sort)
        h.combine(list.ascending)
        h.combine(list.filter)
        h.combine(list.status)
        h.combine(detail.taskId)
        h.combine(detail.task)
        h.combine(detail.comments.count)
        h.combine(detail.scroll)
        h.combine(session.fromDisk.stale)
        return h.finalize()
    }
}
