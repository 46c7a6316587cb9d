// Every action a key can have, in every mode, and the intent each stands for. The rows that bind keys
// to them are in KeymapTable.swift; action names are a contract (docs/keys.md).

/// Everything a key can do.
public enum Action: String, Sendable, Hashable, CaseIterable {
    case moveDown = "move-down"
    case moveUp = "move-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case halfPageDown = "half-page-down"
    case halfPageUp = "half-page-up"
    case top
    case bottom
    case paneLeft = "pane-left"
    case paneRight = "pane-right"
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case open
    case back
    case toggleExpand = "toggle-expand"
    case myWork = "my-work"
    /// Saved views (Features/Views): the menu, and the first nine by number.
    case views
    case view1 = "view-1", view2 = "view-2", view3 = "view-3", view4 = "view-4", view5 = "view-5"
    case view6 = "view-6", view7 = "view-7", view8 = "view-8", view9 = "view-9"
    case refresh
    case copyLink = "copy-link"
    case showLink = "show-link"
    case nextAttachment = "next-attachment"
    case downloadAttachment = "download-attachment"
    case copyAttachmentLink = "copy-attachment-link"
    case filter
    case sortNext = "sort"
    case sortReverse = "sort-reverse"
    case nextSection = "next-section"
    case previousSection = "previous-section"
    case help
    case quit
    case status
    case mark
    case assignMe = "assign-me"
    case importance
    case comment
    case commentInEditor = "comment-in-editor"
    case retrySend = "retry-send"
    case drafts
    case discardDraft = "discard-draft"
    case copyDraftText = "copy-draft-text"
    case editComment = "edit-comment"
    case deleteComment = "delete-comment"
    case logTime = "log-time"
    case timer
    case addDependency = "add-dependency"
    case removeDependency = "remove-dependency"
    case relationType = "relation-type"
    case nextDependency = "next-dependency"
    case previousDependency = "previous-dependency"
    case jumpBack = "jump-back"
    case requestApproval = "request-approval"
    case cancelApproval = "cancel-approval"
    case approvalsWaiting = "approvals-waiting"
    case messages
    case goTo = "goto"
    case nextTask = "next-task"
    case prevTask = "prev-task"
    case timesheet
    // In the timesheet (`KeyMode.timesheet`).
    case timesheetLeft = "timesheet-left"
    case timesheetRight = "timesheet-right"
    case timesheetUp = "timesheet-up"
    case timesheetDown = "timesheet-down"
    case timesheetPreviousWeek = "timesheet-previous-week"
    case timesheetNextWeek = "timesheet-next-week"
    case timesheetThisWeek = "timesheet-this-week"
    case timesheetNextEntry = "timesheet-next-entry"
    case timesheetEdit = "timesheet-edit"
    case timesheetAdd = "timesheet-add"
    case timesheetDelete = "timesheet-delete"
    case timesheetCategory = "timesheet-category"
    case timesheetRefresh = "timesheet-refresh"
    case timesheetClose = "timesheet-close"
    case inbox
    // In the inbox (`KeyMode.inbox`, Features/Inbox/InboxKeys.swift).
    case inboxDown = "inbox-down"
    case inboxUp = "inbox-up"
    case inboxTop = "inbox-top"
    case inboxBottom = "inbox-bottom"
    case inboxOpen = "inbox-open"
    case inboxMarkRead = "inbox-mark-read"
    case inboxMarkAllRead = "inbox-mark-all-read"
    case inboxRefresh = "inbox-refresh"
    case inboxClose = "inbox-close"
    /// A `[[commands]]` entry of config.toml (rows added by `Keymap.adding(commands:)`, none by default).
    case customCommand = "custom-command"
    // Creating and editing tasks (Features/TaskEdit).
    case newTask = "new-task"
    case newSubtask = "new-subtask"
    case editTitle = "edit-title"
    case editDates = "edit-dates"
    case editDescription = "edit-description"
    case editField = "edit-field"
    case undo
    case assign
    case move
    case editImportance = "edit-importance"
    case deleteTask = "delete-task"
    // In the one-line input (`KeyMode.lineInput`).
    case inputSubmit = "input-submit"
    case inputCancel = "input-cancel"
    case inputDeleteChar = "input-delete-char"
    case inputDeleteWord = "input-delete-word"
    case inputClear = "input-clear"
    case inputMoreFields = "input-more-fields"
    // In pickers (`KeyMode.picker`).
    case pickerUp = "picker-up"
    case pickerDown = "picker-down"
    case pickerPageUp = "picker-page-up"
    case pickerPageDown = "picker-page-down"
    case pickerTop = "picker-top"
    case pickerBottom = "picker-bottom"
    case pickerDeleteChar = "picker-delete-char"
    case pickerClear = "picker-clear"
    case pickerChoose = "picker-choose"
    case pickerClose = "picker-close"
    // In the filter (`KeyMode.filter`); typed characters go into the filter.
    case filterKeep = "filter-keep"
    case filterCancel = "filter-cancel"
    case filterDeleteChar = "filter-delete-char"
    case filterDeleteWord = "filter-delete-word"
    case filterClear = "filter-clear"
    case filterDown = "filter-down"
    case filterUp = "filter-up"
    case filterPageDown = "filter-page-down"
    case filterPageUp = "filter-page-up"
    // In the comment editor (`KeyMode.editor`); typed characters go into the text.
    case editorSend = "editor-send"
    case editorCancel = "editor-cancel"
    case editorNewline = "editor-newline"
    case editorRetrySend = "editor-retry-send"
    case editorNextPane = "editor-next-pane"
    case editorPreviousPane = "editor-previous-pane"
    case editorDeleteChar = "editor-delete-char"
    case editorDeleteForward = "editor-delete-forward"
    case editorDeleteWord = "editor-delete-word"
    case editorDeleteToLineStart = "editor-delete-to-line-start"
    case editorDeleteToLineEnd = "editor-delete-to-line-end"
    case editorLeft = "editor-left"
    case editorRight = "editor-right"
    case editorUp = "editor-up"
    case editorDown = "editor-down"
    case editorWordLeft = "editor-word-left"
    case editorWordRight = "editor-word-right"
    case editorLineStart = "editor-line-start"
    case editorLineEnd = "editor-line-end"
    case editorPageUp = "editor-page-up"
    case editorPageDown = "editor-page-down"
    // In the time-log and approval forms (`KeyMode.form`); typed characters go into the focused field.
    case formNextField = "form-next-field"
    case formPreviousField = "form-previous-field"
    case formAccept = "form-accept"
    case formSubmit = "form-submit"
    case formCancel = "form-cancel"
    case formToggle = "form-toggle"
    case formRetrySend = "form-retry-send"
    case formDeleteChar = "form-delete-char"
    case formDeleteForward = "form-delete-forward"
    case formClear = "form-clear"
    case formLeft = "form-left"
    case formRight = "form-right"
    case formUp = "form-up"
    case formDown = "form-down"
    case formStart = "form-start"
    case formEnd = "form-end"
    // In a confirmation (`KeyMode.confirm`).
    case confirmYes = "confirm-yes"
    case confirmNo = "confirm-no"
    case confirmCancel = "confirm-cancel"
    case confirmAccept = "confirm-accept"
    case confirmToggle = "confirm-toggle"
    // In the help overlay (`KeyMode.help`); other keys close it and do what they do in the panes.
    case helpDown = "help-down"
    case helpUp = "help-up"
    case helpPageDown = "help-page-down"
    case helpPageUp = "help-page-up"
    case helpTop = "help-top"
    case helpClose = "help-close"

    /// The intent this action stands for.
    public var intent: Intent {
        switch self {
        case .moveDown: .move(1)
        case .moveUp: .move(-1)
        case .pageDown: .page(1)
        case .pageUp: .page(-1)
        case .halfPageDown: .halfPage(1)
        case .halfPageUp: .halfPage(-1)
        case .top: .top
        case .bottom: .bottom
        case .paneLeft: .paneLeft
        case .paneRight: .paneRight
        case .nextPane: .focusNext
        case .previousPane: .focusPrevious
        case .open: .open
        case .back: .back
        case .toggleExpand: .toggleExpand
        case .myWork: .openList(.myWork)
        case .views: .views(.menu)
        case .view1: .views(.number(1))
        case .view2: .views(.number(2))
        case .view3: .views(.number(3))
        case .view4: .views(.number(4))
        case .view5: .views(.number(5))
        case .view6: .views(.number(6))
        case .view7: .views(.number(7))
        case .view8: .views(.number(8))
        case .view9: .views(.number(9))
        case .refresh: .refresh
        case .copyLink: .copyPermalink
        case .showLink: .showPermalink
        case .nextAttachment: .action(.links(.selectAttachment(1)))
        case .downloadAttachment: .action(.links(.download))
        case .copyAttachmentLink: .action(.links(.copyAttachmentLink))
        case .filter: .beginFilter
        case .sortNext: .cycleSort
        case .sortReverse: .reverseSort
        case .nextSection: .nextSection
        case .previousSection: .previousSection
        case .help: .toggleHelp
        case .quit: .quit
        case .status: .action(.changeStatus)
        case .mark: .action(.toggleMark)
        case .assignMe: .action(.assignMe)
        case .importance: .action(.cycleImportance)
        case .comment: .action(.comment)
        // The app runs $EDITOR (it needs the terminal) and then sends `.externalComment`.
        case .commentInEditor: .action(.externalComment(text: nil, error: nil))
        case .retrySend: .action(.retrySend)
        case .drafts: .action(.listDrafts)
        case .discardDraft: .action(.discardDraft)
        case .copyDraftText: .action(.copyDraftText)
        case .editComment: .action(.editMyComment)
        case .deleteComment: .action(.deleteMyComment)
        case .logTime: .action(.logTime)
        case .timer: .action(.timer)
        case .addDependency: .action(.addDependency)
        case .removeDependency: .action(.removeDependency)
        case .relationType: .action(.changeRelation)
        case .nextDependency: .action(.selectDependency(1))
        case .previousDependency: .action(.selectDependency(-1))
        case .jumpBack: .action(.jumpBack)
        case .requestApproval: .action(.requestApproval)
        case .cancelApproval: .action(.cancelApproval)
        case .approvalsWaiting: .action(.approvalsWaiting)
        case .messages: .action(.showMessages)
        case .goTo: .action(.goTo)
        case .nextTask: .stepTask(1)
        case .prevTask: .stepTask(-1)
        case .timesheet: .timesheet(.open)
        case .timesheetLeft: .timesheet(.move(days: -1, rows: 0))
        case .timesheetRight: .timesheet(.move(days: 1, rows: 0))
        case .timesheetUp: .timesheet(.move(days: 0, rows: -1))
        case .timesheetDown: .timesheet(.move(days: 0, rows: 1))
        case .timesheetPreviousWeek: .timesheet(.week(-1))
        case .timesheetNextWeek: .timesheet(.week(1))
        case .timesheetThisWeek: .timesheet(.thisWeek)
        case .timesheetNextEntry: .timesheet(.nextEntry)
        case .timesheetEdit: .timesheet(.edit)
        case .timesheetAdd: .timesheet(.add)
        case .timesheetDelete: .timesheet(.delete)
        case .timesheetCategory: .timesheet(.category)
        case .timesheetRefresh: .timesheet(.refresh)
        case .timesheetClose: .timesheet(.close)
        case .inbox: .inbox(.open)
        case .inboxDown: .inbox(.move(1))
        case .inboxUp: .inbox(.move(-1))
        case .inboxTop: .inbox(.top)
        case .inboxBottom: .inbox(.bottom)
        case .inboxOpen: .inbox(.openTask)
        case .inboxMarkRead: .inbox(.toggleRead)
        case .inboxMarkAllRead: .inbox(.markAllRead)
        case .inboxRefresh: .inbox(.refresh)
        case .inboxClose: .inbox(.close)
        // The app asks for the row's command by name (`Keymap.customCommand(for:)`).
        case .customCommand: .action(.customCommand(name: ""))
        case .newTask: .taskEdit(.newTask)
        case .newSubtask: .taskEdit(.newSubtask)
        case .editTitle: .taskEdit(.editTitle)
        case .editDates: .taskEdit(.editDates)
        case .editDescription: .taskEdit(.editDescription)
        case .editField: .taskEdit(.editField)
        case .undo: .taskEdit(.undo)
        case .assign: .taskEdit(.assign)
        case .move: .taskEdit(.move)
        case .editImportance: .taskEdit(.editImportance)
        case .deleteTask: .taskEdit(.deleteTask)
        case .inputSubmit: .taskEdit(.input(.submit))
        case .inputCancel: .taskEdit(.input(.cancel))
        case .inputDeleteChar: .taskEdit(.input(.deleteBackward))
        case .inputDeleteWord: .taskEdit(.input(.deleteWord))
        case .inputClear: .taskEdit(.input(.clear))
        case .inputMoreFields: .taskEdit(.input(.moreFields))
        case .pickerUp: .action(.picker(.up))
        case .pickerDown: .action(.picker(.down))
        case .pickerPageUp: .action(.picker(.pageUp))
        case .pickerPageDown: .action(.picker(.pageDown))
        case .pickerTop: .action(.picker(.top))
        case .pickerBottom: .action(.picker(.bottom))
        case .pickerDeleteChar: .action(.picker(.deleteBackward))
        case .pickerClear: .action(.picker(.clear))
        case .pickerChoose: .action(.picker(.accept))
        case .pickerClose: .action(.picker(.cancel))
        case .filterKeep: .endFilter(keep: true)
        case .filterCancel: .endFilter(keep: false)
        case .filterDeleteChar: .filterBackspace
        case .filterDeleteWord: .filterDeleteWord
        case .filterClear: .filterClear
        case .filterDown: .move(1)
        case .filterUp: .move(-1)
        case .filterPageDown: .page(1)
        case .filterPageUp: .page(-1)
        case .editorSend: .action(.editor(.send))
        case .editorCancel: .action(.editor(.cancel(confirmed: false)))
        case .editorNewline: .action(.editor(.newline))
        case .editorRetrySend: .action(.retrySend)
        case .editorNextPane: .focusNext
        case .editorPreviousPane: .focusPrevious
        case .editorDeleteChar: .action(.editor(.backspace))
        case .editorDeleteForward: .action(.editor(.delete))
        case .editorDeleteWord: .action(.editor(.deleteWordBackward))
        case .editorDeleteToLineStart: .action(.editor(.deleteToLineStart))
        case .editorDeleteToLineEnd: .action(.editor(.deleteToLineEnd))
        case .editorLeft: .action(.editor(.left))
        case .editorRight: .action(.editor(.right))
        case .editorUp: .action(.editor(.up))
        case .editorDown: .action(.editor(.down))
        case .editorWordLeft: .action(.editor(.wordLeft))
        case .editorWordRight: .action(.editor(.wordRight))
        case .editorLineStart: .action(.editor(.home))
        case .editorLineEnd: .action(.editor(.end))
        case .editorPageUp: .action(.editor(.pageUp))
        case .editorPageDown: .action(.editor(.pageDown))
        case .formNextField: .action(.form(.nextField))
        case .formPreviousField: .action(.form(.previousField))
        case .formAccept: .action(.form(.enter))
        case .formSubmit: .action(.form(.submit))
        case .formCancel: .action(.form(.cancel(confirmed: false)))
        case .formToggle: .action(.form(.toggle))
        case .formRetrySend: .action(.retrySend)
        case .formDeleteChar: .action(.form(.backspace))
        case .formDeleteForward: .action(.form(.delete))
        case .formClear: .action(.form(.clear))
        case .formLeft: .action(.form(.left))
        case .formRight: .action(.form(.right))
        case .formUp: .action(.form(.up))
        case .formDown: .action(.form(.down))
        case .formStart: .action(.form(.home))
        case .formEnd: .action(.form(.end))
        case .confirmYes: .action(.confirm(.yes))
        case .confirmNo: .action(.confirm(.no))
        case .confirmCancel: .action(.confirm(.cancel))
        case .confirmAccept: .action(.confirm(.accept))
        case .confirmToggle: .action(.confirm(.toggle))
        // The help overlay scrolls on the pane movements (Update.swift).
        case .helpDown: .move(1)
        case .helpUp: .move(-1)
        case .helpPageDown: .page(1)
        case .helpPageUp: .page(-1)
        case .helpTop: .top
        case .helpClose: .toggleHelp
        }
    }
}
