// The timesheet's rows of the key table (`KeyMode.timesheet`).

extension Keymap {
    static let timesheetRows: [Binding] = [
        (Action.timesheetLeft, ["h", "left"], "day left", "Move to the day before"),
        (.timesheetRight, ["l", "right"], "day right", "Move to the day after"),
        (.timesheetUp, ["k", "up"], "up", "Move to the task above"),
        (.timesheetDown, ["j", "down"], "down", "Move to the task below"),
        (.timesheetPreviousWeek, ["[", "pgup"], "prev week", "Show the previous week"),
        (.timesheetNextWeek, ["]", "pgdn"], "next week", "Show the next week"),
        (.timesheetThisWeek, ["."], "this week", "Back to this week"),
        (.timesheetNextEntry, ["tab"], "next entry", "Select the next entry of a cell that holds several"),
        (.timesheetEdit, ["enter"], "edit", "Edit the selected entry: hours, date, category, comment (an empty cell: log time there)"),
        (.timesheetAdd, ["a"], "add", "Log another entry in this cell (the time-log form, saved as a draft first)"),
        (.timesheetDelete, ["x", "delete"], "delete", "Delete the selected entry from Wrike (asks first)"),
        (.timesheetCategory, ["c"], "category", "Change the selected entry's category"),
        (.timesheetRefresh, ["r", "f5"], "refresh", "Read the week again from Wrike"),
        (.timesheetClose, ["esc", "H"], "close", "Close the timesheet"),
    ].map { Binding($0.0, $0.1, $0.2, $0.3, group: "In the timesheet", mode: .timesheet) }
}
