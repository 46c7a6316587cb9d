// Generic fuzzy picker, single-line input and yes/no confirmation: the small models the status
// picker, the dependency finder, the approval form and destructive actions are built from.
// See docs/actions.md.

/// A list narrowed by typing (Fuzzy), with a cursor and optional multi-selection ("marks").
public struct PickerModel<Item: Sendable>: Sendable {
    /// How matches are ordered while a query is typed.
    public enum Ordering: Sendable {
        /// Best match first (finders).
        case ranked
        /// Keep the items' order (grouped lists); the cursor jumps to the best match.
        case stable
    }

    public private(set) var items: [Item]
    /// The text each item is matched and shown by.
    public private(set) var labels: [String]
    public let ordering: Ordering
    public private(set) var query: String = ""
    /// Indices into `items` that match the query, in display order.
    public private(set) var matches: [Int]
    /// Position in `matches`.
    public private(set) var cursor: Int = 0
    /// Marked item indices (multi-select).
    public private(set) var marked: Set<Int> = []
    /// Items that cannot be chosen (headers, the current value): skipped by the cursor.
    public private(set) var disabled: Set<Int> = []

    public init(items: [Item], ordering: Ordering = .ranked, disabled: Set<Int> = [], label: (Item) -> String) {
        self.items = items
        self.labels = items.map(label)
        self.ordering = ordering
        self.disabled = disabled
        matches = Array(items.indices)
        cursor = 0
        skipDisabled(forward: true)
    }

    /// The item under the cursor.
    public var current: Item? { currentIndex.map { items[$0] } }
    /// The index (into `items`) under the cursor.
    public var currentIndex: Int? {
        guard cursor >= 0, cursor < matches.count else { return nil }
        let i = matches[cursor]
        return disabled.contains(i) ? nil : i
    }
    /// Marked items in their original order.
    public var markedItems: [Item] { marked.sorted().map { items[$0] } }
    public var isEmpty: Bool { matches.isEmpty }

    // MARK: - Query

    public mutating func setQuery(_ q: String) {
        query = q
        refilter()
    }

    public mutating func type(_ text: String) { setQuery(query + text) }

    public mutating func deleteBackward() {
        guard !query.isEmpty else { return }
        query.removeLast()
        refilter()
    }

    private mutating func refilter() {
        if query.isEmpty {
            matches = Array(items.indices)
            cursor = 0
            skipDisabled(forward: true)
            return
        }
        let ranked = Fuzzy.rank(query, Array(items.indices.filter { !disabled.contains($0) })) { labels[$0] }
        switch ordering {
        case .ranked:
            matches = ranked
            cursor = 0
        case .stable:
            let set = Set(ranked)
            matches = items.indices.filter { set.contains($0) }
            cursor = ranked.first.flatMap { best in matches.firstIndex(of: best) } ?? 0
        }
    }

    // MARK: - Cursor

    public mutating func moveDown() { move(by: 1) }
    public mutating func moveUp() { move(by: -1) }
    public mutating func page(by rows: Int) { move(by: rows) }
    public mutating func moveToTop() { cursor = 0; skipDisabled(forward: true) }
    public mutating func moveToBottom() { cursor = max(0, matches.count - 1); skipDisabled(forward: false) }

    /// Puts the cursor on an item (by index into `items`) if it is shown.
    public mutating func select(index: Int) {
        if let p = matches.firstIndex(of: index) { cursor = p }
    }

    private mutating func move(by delta: Int) {
        guard !matches.isEmpty else { cursor = 0; return }
        let before = cursor
        cursor = min(max(0, cursor + delta), matches.count - 1)
        skipDisabled(forward: delta >= 0)
        if currentIndex == nil { cursor = before }
    }

    private mutating func skipDisabled(forward: Bool) {
        guard !matches.isEmpty else { return }
        var c = cursor
        while c >= 0 && c < matches.count && disabled.contains(matches[c]) { c += forward ? 1 : -1 }
        if c < 0 || c >= matches.count {
            // Nothing enabled in that direction: try the other one.
            c = cursor
            while c >= 0 && c < matches.count && disabled.contains(matches[c]) { c += forward ? -1 : 1 }
        }
        cursor = min(max(0, c), matches.count - 1)
    }

    // MARK: - Marks

    /// Marks or unmarks the item under the cursor.
    public mutating func toggleMark() {
        guard let i = currentIndex else { return }
        if marked.contains(i) { marked.remove(i) } else { marked.insert(i) }
    }

    public mutating func setMarked(_ indices: Set<Int>) { marked = indices.filter { $0 >= 0 && $0 < items.count } }

    /// Replaces the items (a search result arrived), keeping the query, the cursor's item and the marks
    /// by `id`.
    public mutating func replaceItems<ID: Hashable>(_ newItems: [Item], id: (Item) -> ID, label: (Item) -> String) {
        let cursorId = current.map(id)
        let markedIds = Set(marked.map { id(items[$0]) })
        items = newItems
        labels = newItems.map(label)
        disabled = []
        marked = Set(newItems.indices.filter { markedIds.contains(id(newItems[$0])) })
        refilter()
        if let cursorId, let i = newItems.firstIndex(where: { id($0) == cursorId }) { select(index: i) }
    }

    /// The rows to show in `height` rows keeping the cursor visible: (first position in `matches`, count).
    public func window(height: Int) -> Range<Int> {
        let h = max(1, height)
        guard matches.count > h else { return 0..<matches.count }
        let top = min(max(0, cursor - h / 2), matches.count - h)
        return top..<(top + h)
    }
}

/// A single-line text input (form fields, finder queries).
public struct LineInput: Sendable, Equatable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 1000) {
        self.maxLength = maxLength
        characters = Array(Sanitizer.cleanLineForInput(text).prefix(maxLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public mutating func insert(_ s: String) {
        let clean = Array(Sanitizer.cleanLineForInput(s))
        let room = maxLength - characters.count
        guard room > 0, !clean.isEmpty else { return }
        characters.insert(contentsOf: clean.prefix(room), at: cursor)
        cursor += min(room, clean.count)
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func delete() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(characters.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = characters.count }
    public mutating func clear() { characters = []; cursor = 0 }
    public mutating func set(_ text: String) {
        characters = Array(Sanitizer.cleanLineForInput(text).prefix(maxLength))
        cursor = characters.count
    }

    /// Width in cells of the text before the cursor (where to draw it).
    public var cursorColumn: Int { characters[0..<cursor].reduce(0) { $0 + TermText.displayWidth($1) } }
}

import TermText

extension Sanitizer {
    /// Input for a single-line field: controls, escapes, bidi overrides removed; newlines and tabs
    /// become spaces.
    static func cleanLineForInput(_ s: String) -> String { Sanitizer.cleanLine(s) }
}

/// A yes/no question for destructive actions. The default answer is No.
public struct ConfirmModel: Sendable, Equatable {
    public enum Answer: Sendable, Equatable { case yes, no }
    /// What a key did.
    public enum Outcome: Sendable, Equatable {
        case confirmed
        case declined
        /// Still asking (the highlighted choice may have changed).
        case pending
    }
    /// An input to the dialog (TerminalUI maps keys: y/n, Enter, Esc, arrows/Tab).
    public enum Input: Sendable, Equatable {
        case yes, no, accept, cancel, toggle
    }

    public var title: String
    public var message: String
    public var yesLabel: String
    public var noLabel: String
    /// The highlighted answer; Enter takes it. Starts at No.
    public private(set) var choice: Answer = .no
    /// Only `y` says yes (a destructive answer): moving the highlight does nothing, Enter is No.
    public let needsY: Bool

    public init(title: String, message: String, yesLabel: String = "Yes", noLabel: String = "No", needsY: Bool = false) {
        self.title = title
        self.message = message
        self.yesLabel = yesLabel
        self.noLabel = noLabel
        self.needsY = needsY
    }

    public mutating func handle(_ input: Input) -> Outcome {
        switch input {
        case .yes: return .confirmed
        case .no, .cancel: return .declined
        case .accept: return choice == .yes ? .confirmed : .declined
        case .toggle:
            if !needsY { choice = choice == .yes ? .no : .yes }
            return .pending
        }
    }
}
