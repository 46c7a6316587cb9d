import Foundation
import WrikeAPI

/// Shared machinery of the demo dataset and the generator: ids, dates, tasks, links.
struct Builder {
    var rng: SplitMix64
    let accountId: String
    let today: Int  // days since 1970 (UTC)
    let nowSeconds: Int64
    var counters: [String: Int] = [:]

    var contacts: [Contact] = []
    var workflows: [Workflow] = []
    var spaces: [Space] = []
    var folders: [Folder] = []
    var tasks: [WrikeTask] = []
    var taskIndex: [String: Int] = [:]
    var folderIndex: [String: Int] = [:]
    var comments: [Comment] = []
    var timelogs: [Timelog] = []
    var categories: [TimelogCategory] = []
    var dependencies: [Dependency] = []
    var approvals: [Approval] = []
    var attachments: [Attachment] = []
    var customFields: [CustomField] = []
    var meId = ""

    init(seed: UInt64, accountId: String, now: Date) {
        rng = SplitMix64(seed: seed)
        self.accountId = accountId
        nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        today = Int((Double(nowSeconds) / 86_400).rounded(.down))
    }

    var rootId: String { accountId + "I7777777" }
    var recycleBinId: String { accountId + "I7777776" }

    // MARK: Randomness

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }

    // MARK: Ids and dates

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    mutating func id(_ kind: String, width: Int = 6) -> String {
        let n = (counters[kind] ?? 0) + 1
        counters[kind] = n
        var v = n, tail = ""
        while v > 0 { tail = String(Self.alphabet[v % 32]) + tail; v /= 32 }
        if tail.count < width { tail = String(repeating: "A", count: width - tail.count) + tail }
        return accountId + kind + tail
    }

    mutating func contactId() -> String {
        let n = (counters["KU"] ?? 0) + 1
        counters["KU"] = n
        var v = n, tail = ""
        while v > 0 { tail = String(Self.alphabet[v % 32]) + tail; v /= 32 }
        return "KU" + String(repeating: "A", count: max(0, 6 - tail.count)) + tail
    }

    /// Timestamp `daysAgo` days (plus `hour` o'clock UTC) before today.
    func stamp(daysAgo: Int, hour: Int = 10, minute: Int = 0) -> String {
        let secs = Int64(today - daysAgo) * 86_400 + Int64(hour * 3600 + minute * 60)
        return WrikeDate.formatTimestamp(Date(timeIntervalSince1970: TimeInterval(min(secs, nowSeconds))))
    }

    /// Local date `yyyy-MM-dd` at `offset` days from today.
    func day(_ offset: Int) -> String {
        let (y, m, d) = WrikeDate.civilFromDays(today + offset)
        return Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2)
    }

    static func pad(_ value: Int, _ width: Int, radix: Int = 10) -> String {
        let s = String(value, radix: radix)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    func permalink(_ n: Int) -> String { "https://www.wrike.com/open.htm?id=\(1_000_000_000 + n)" }

    // MARK: Entities

    mutating func addContact(first: String, last: String, email: String, type: ContactType = .person,
                             role: String = "User", admin: Bool = false, owner: Bool = false, external: Bool = false,
                             timezone: String = "Europe/London", locale: String = "en", title: String? = nil,
                             memberIds: [String]? = nil) -> String {
        let id = contactId()
        contacts.append(Contact(
            id: id, firstName: first, lastName: last, type: type,
            profiles: [ContactProfile(accountId: accountId, email: type == .person ? email : nil, role: role,
                                      external: external, admin: admin, owner: owner, active: true)],
            avatarUrl: "https://www.wrike.com/avatars/\(id).png", timezone: timezone, locale: locale, deleted: false,
            memberIds: memberIds, title: title, primaryEmail: type == .person ? email : nil))
        return id
    }

    mutating func addSpace(_ title: String, access: String, workflowId: String, description: String, members: [String]) -> String {
        let id = id("IS", width: 4)
        spaces.append(Space(id: id, title: title, avatarUrl: "https://www.wrike.com/static/spaceicons2/v3/\(spaces.count + 1).png",
                            accessType: access, archived: false, description: description,
                            defaultProjectWorkflowId: workflowId, defaultTaskWorkflowId: workflowId,
                            members: members.enumerated().map { SpaceMember(id: $1, accessRoleId: accountId + "ND777777", isManager: $0 == 0) }))
        return id
    }

    mutating func addFolder(_ title: String, parents: [String], workflowId: String?, project: Project? = nil,
                            description: String = "", color: String = "None", daysAgo: Int = 120, shared: [String]) -> String {
        let id = id("I4")
        let n = folders.count + 1
        folderIndex[id] = folders.count
        folders.append(Folder(
            id: id, accountId: accountId, title: title, createdDate: stamp(daysAgo: daysAgo, hour: 9),
            updatedDate: stamp(daysAgo: max(0, daysAgo / 3), hour: 15), briefDescription: String(description.prefix(120)),
            description: description, color: color, sharedIds: shared, parentIds: parents, childIds: [], superParentIds: [],
            scope: parents == [recycleBinId] ? .rbFolder : .wsFolder, hasAttachments: false,
            permalink: permalink(500_000 + n), workflowId: workflowId, metadata: [], customFields: [], project: project))
        return id
    }

    /// A task in `parent` (a folder) or under `superTask`.
    mutating func addTask(_ title: String, parent: String?, superTask: String? = nil, status: CustomStatus,
                          importance: Importance, dates: TaskDates, responsibles: [String], author: String,
                          description: String, createdDaysAgo: Int, updatedDaysAgo: Int,
                          customFields: [CustomFieldValue] = [], followers: [String] = []) -> String {
        let id = id("KQ")
        let n = tasks.count + 1
        var superParents: [String] = []
        if let superTask, let i = taskIndex[superTask] {
            superParents = Array(Set((tasks[i].parentIds ?? []) + (tasks[i].superParentIds ?? []))).sorted()
            tasks[i].subTaskIds = (tasks[i].subTaskIds ?? []) + [id]
        }
        let group = status.group ?? .active
        let completed = group == .completed ? stamp(daysAgo: max(0, updatedDaysAgo), hour: 16) : nil
        taskIndex[id] = tasks.count
        tasks.append(WrikeTask(
            id: id, accountId: accountId, title: title, description: description,
            briefDescription: State.brief(description), parentIds: parent.map { [$0] } ?? [],
            superParentIds: superParents, sharedIds: Array(Set(responsibles + [author])).sorted(),
            responsibleIds: responsibles, status: group, importance: importance,
            createdDate: stamp(daysAgo: createdDaysAgo, hour: 9, minute: n % 60),
            updatedDate: stamp(daysAgo: updatedDaysAgo, hour: 11 + n % 6, minute: (n * 7) % 60),
            completedDate: completed, dates: dates, scope: .wsTask, authorIds: [author], customStatusId: status.id,
            hasAttachments: false, attachmentCount: 0, permalink: permalink(n), priority: "00000800" + Self.pad(n * 256, 16, radix: 16),
            followerIds: Array(Set(followers + [author])).sorted(), recurrent: false, superTaskIds: superTask.map { [$0] } ?? [],
            subTaskIds: [], dependencyIds: [], metadata: [], customFields: customFields))
        return id
    }

    /// Planned dates around `startOffset` (days from today) lasting `length` working days.
    func planned(start startOffset: Int, length: Int) -> TaskDates {
        let end = startOffset + max(length, 1) - 1
        return TaskDates(type: .planned, duration: max(length, 1) * 480, start: day(startOffset) + "T09:00:00",
                         due: day(end) + "T17:00:00", workOnWeekends: false)
    }

    func milestone(_ offset: Int) -> TaskDates {
        TaskDates(type: .milestone, duration: 0, due: day(offset) + "T17:00:00", workOnWeekends: false)
    }

    static let backlog = TaskDates(type: .backlog)

    mutating func link(_ predecessor: String, _ successor: String, _ relation: RelationType = .finishToStart, lag: Int = 0) {
        guard let pi = taskIndex[predecessor], let si = taskIndex[successor] else { return }
        let id = accountId + "IU" + String(predecessor.suffix(6)) + String(successor.suffix(6))
        dependencies.append(Dependency(id: id, predecessorId: predecessor, successorId: successor, relationType: relation, lagTime: lag))
        tasks[pi].dependencyIds = (tasks[pi].dependencyIds ?? []) + [id]
        tasks[si].dependencyIds = (tasks[si].dependencyIds ?? []) + [id]
    }

    mutating func comment(on task: String, author: String, html: String, daysAgo: Int, hour: Int = 14) {
        let id = id("IM")
        let s = stamp(daysAgo: daysAgo, hour: hour, minute: comments.count % 60)
        comments.append(Comment(id: id, authorId: author, text: html, createdDate: s, updatedDate: s, taskId: task, type: "Regular"))
    }

    mutating func timelog(on task: String, user: String, hours: Double, daysAgo: Int, comment: String, category: String?) {
        let id = id("TL")
        let s = stamp(daysAgo: daysAgo, hour: 18)
        timelogs.append(Timelog(id: id, taskId: task, userId: user, categoryId: category, hours: hours, createdDate: s,
                                updatedDate: s, trackedDate: day(-daysAgo), comment: comment))
    }

    mutating func attach(to task: String, name: String, author: String, type: AttachmentType = .wrike,
                         contentType: String, size: Int, daysAgo: Int, width: Int? = nil, height: Int? = nil) {
        let id = id("IY")
        attachments.append(Attachment(id: id, authorId: author, name: name, createdDate: stamp(daysAgo: daysAgo, hour: 12),
                                      version: 1, type: type, contentType: contentType, size: size, taskId: task,
                                      url: type == .external ? "https://drive.example.com/\(name)" : nil,
                                      width: width, height: height))
        if let i = taskIndex[task] {
            tasks[i].hasAttachments = true
            tasks[i].attachmentCount = (tasks[i].attachmentCount ?? 0) + 1
        }
    }

    mutating func approval(task: String? = nil, folder: String? = nil, author: String, description: String,
                           decisions: [(String, DecisionStatus, String)], status: ApprovalStatus, dueOffset: Int?, daysAgo: Int) {
        let id = id("AP")
        let s = stamp(daysAgo: daysAgo, hour: 13)
        let finished = [ApprovalStatus.approved, .rejected, .cancelled].contains(status)
        approvals.append(Approval(
            id: id, taskId: task, folderId: folder, authorId: author, title: "", description: description, updatedDate: s,
            dueDate: dueOffset.map { day($0) },
            decisions: decisions.map { ApprovalDecision(approverId: $0.0, comment: $0.2, status: $0.1, updatedDate: s) },
            attachmentIds: [], type: .regular, autoFinishOnApprove: true, autoFinishOnReject: false, finished: finished,
            finisherId: finished ? decisions.last?.0 : nil, status: status))
    }

    func mention(_ contactId: String) -> String {
        let name = contacts.first(where: { $0.id == contactId })?.displayName ?? contactId
        return "<a class=\"stream-user-id avatar\" rel=\"\(contactId)\">@\(name)</a>"
    }

    /// Folders' childIds from parentIds; space children are derived by the sandbox.
    mutating func finishFolders() {
        var children: [String: [String]] = [:]
        for f in folders { for p in f.parentIds ?? [] { children[p, default: []].append(f.id) } }
        for i in folders.indices { folders[i].childIds = children[folders[i].id] ?? [] }
        for i in folders.indices {
            // superParentIds: none for folders here (kept simple).
            folders[i].hasAttachments = false
        }
    }

    func dataset(account: Account) -> Dataset {
        Dataset(account: account, me: meId, contacts: contacts, workflows: workflows, spaces: spaces, folders: folders,
                tasks: tasks, comments: comments, timelogs: timelogs, timelogCategories: categories,
                dependencies: dependencies, approvals: approvals, attachments: attachments, customFields: customFields)
    }

    // MARK: Shared catalogue

    mutating func standardWorkflows() -> (engineering: Workflow, marketing: Workflow) {
        func st(_ id: String, _ name: String, _ group: TaskStatus, _ color: StatusColor, standard: Bool = false, hidden: Bool = false) -> CustomStatus {
            CustomStatus(id: accountId + "JM" + id, name: name, standardName: standard, color: color, standard: standard,
                         group: group, hidden: hidden)
        }
        let eng = Workflow(id: accountId + "K7777777", name: "Default Workflow", standard: true, hidden: false, customStatuses: [
            st("AAAAAA", "New", .active, .blue, standard: true),
            st("AAAAAB", "In Progress", .active, .turquoise),
            st("AAAAAC", "In Review", .active, .purple),
            st("AAAAAD", "Blocked", .active, .red),
            st("AAAAAE", "Completed", .completed, .green, standard: true),
            st("AAAAAF", "On Hold", .deferred, .gray, standard: true),
            st("AAAAAG", "Cancelled", .cancelled, .brown, standard: true),
            st("AAAAAH", "Legacy triage", .active, .yellow, hidden: true),
        ])
        let mkt = Workflow(id: accountId + "K4AAAAAB", name: "Content Pipeline", standard: false, hidden: false,
                           description: "Ideas to published pieces", customStatuses: [
            st("AAAABA", "Idea", .active, .yellow, standard: true),
            st("AAAABB", "Drafting", .active, .orange),
            st("AAAABC", "Legal review", .active, .indigo),
            st("AAAABD", "Scheduled", .active, .darkCyan),
            st("AAAABE", "Published", .completed, .green, standard: true),
            st("AAAABF", "Parked", .deferred, .gray, standard: true),
            st("AAAABG", "Dropped", .cancelled, .red, standard: true),
            st("AAAABH", "Archived idea", .deferred, .brown, hidden: true),
        ])
        workflows = [eng, mkt]
        return (eng, mkt)
    }

    mutating func standardCategories() {
        categories = [
            TimelogCategory(id: accountId + "TC1", name: "Development", order: 1, hidden: false),
            TimelogCategory(id: accountId + "TC2", name: "Meetings", order: 2, hidden: false),
            TimelogCategory(id: accountId + "TC3", name: "Design", order: 3, hidden: false),
            TimelogCategory(id: accountId + "TC4", name: "Research", order: 4, hidden: false),
            TimelogCategory(id: accountId + "TC5", name: "Support", order: 5, hidden: false),
            TimelogCategory(id: accountId + "TC6", name: "Legacy (do not use)", order: 6, hidden: true),
        ]
    }

    mutating func standardCustomFields() {
        customFields = [
            CustomField(id: accountId + "JUAAAAAA", accountId: accountId, title: "Story points", type: .numeric, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All", decimalPlaces: 0, aggregation: "Sum")),
            CustomField(id: accountId + "JUAAAAAB", accountId: accountId, title: "Customer", type: .text, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All")),
            CustomField(id: accountId + "JUAAAAAC", accountId: accountId, title: "Risk", type: .dropDown, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All", values: ["Low", "Medium", "High"],
                                                      options: [CustomFieldOption(value: "Low", color: "Green"),
                                                                CustomFieldOption(value: "Medium", color: "Yellow"),
                                                                CustomFieldOption(value: "High", color: "Red")],
                                                      allowOtherValues: false)),
            CustomField(id: accountId + "JUAAAAAD", accountId: accountId, title: "Budget", type: .currency, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All", currency: "EUR", decimalPlaces: 2)),
            CustomField(id: accountId + "JUAAAAAE", accountId: accountId, title: "Reviewer", type: .contacts, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All")),
            CustomField(id: accountId + "JUAAAAAF", accountId: accountId, title: "Done", type: .percentage, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All", decimalPlaces: 0)),
            CustomField(id: accountId + "JUAAAAAG", accountId: accountId, title: "Estimate", type: .duration, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All")),
            CustomField(id: accountId + "JUAAAAAH", accountId: accountId, title: "Launch", type: .date, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All", allowTime: false)),
            CustomField(id: accountId + "JUAAAAAI", accountId: accountId, title: "Signed off", type: .checkbox, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All")),
            CustomField(id: accountId + "JUAAAAAJ", accountId: accountId, title: "Platforms", type: .multiple, sharedIds: [],
                        settings: CustomFieldSettings(inheritanceType: "All", values: ["iOS", "Android", "Web", "Desktop"],
                                                      options: [CustomFieldOption(value: "iOS"), CustomFieldOption(value: "Android"),
                                                                CustomFieldOption(value: "Web"), CustomFieldOption(value: "Desktop")],
                                                      allowOtherValues: false)),
        ]
    }
}
