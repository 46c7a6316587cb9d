// The inbox's rows of the key table (`KeyMode.inbox`).

extension Keymap {
    static let inboxRows: [Binding] = [
        (Action.inboxDown, ["j", "down"], "down", "Select the next item"),
        (.inboxUp, ["k", "up"], "up", "Select the previous item"),
        (.inboxTop, ["g", "home"], "first", "Select the newest item"),
        (.inboxBottom, ["G", "end"], "last", "Select the oldest item"),
        (.inboxOpen, ["enter"], "open task", "Open the item's task in the detail pane (marks the item read)"),
        (.inboxMarkRead, ["m", "space"], "mark read", "Mark the selected item read (unread again if it was read)"),
        (.inboxMarkAllRead, ["M"], "mark all read", "Mark every item read"),
        (.inboxRefresh, ["r", "f5"], "check now", "Check Wrike for new items now"),
        (.inboxClose, ["esc", "I"], "close", "Close the inbox"),
    ].map { Binding($0.0, $0.1, $0.2, $0.3, group: "In the inbox", mode: .inbox) }
}
