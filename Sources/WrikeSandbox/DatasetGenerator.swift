import Foundation
import WrikeAPI

/// Datasets of any size for tests and benchmarks, deterministic for a seed (and a day: dates are
/// relative to the start of `now`'s UTC day; pass a fixed `now` for byte-identical output).
public enum DatasetGenerator {
    /// - tasks: number of tasks (about 15% of them subtasks).
    /// - folders: folders and projects (default: one per ~60 tasks, at least 6), nested up to 3
    ///   levels under 3–6 spaces.
    public static func generate(tasks taskCount: Int, folders folderCount: Int? = nil, seed: UInt64,
                                now: Date = Date(timeIntervalSince1970: 1_798_761_600)) -> Dataset {
        let accountId = "IEAGEN" + String(Paging.base32(String(seed)).prefix(2)).padding(toLength: 2, withPad: "A", startingAt: 0)
        var b = Builder(seed: seed ^ 0x9E37_79B9, accountId: accountId, now: now)
        let (engWF, mktWF) = b.standardWorkflows()
        b.standardCategories()
        b.standardCustomFields()
        let taskCount = max(0, taskCount)
        b.tasks.reserveCapacity(taskCount)

        // People.
        let firsts = ["Alex", "Sam", "Maria", "José", "Zoë", "Björn", "Chloé", "Ngozi", "Priya", "Kenji", "花子", "伟", "민준",
                      "Hannah", "Mateus", "Aisha", "Seán", "Élodie", "Łukasz", "Olga", "Ravi", "Fatima", "Lucas", "Mei"]
        let lasts = ["Morgan", "Smith", "García", "Álvarez", "Müller", "Lindqvist", "Dubois", "Okafor", "Natarajan", "渡辺",
                     "佐藤", "李", "김", "Kowalski", "Ferreira", "Rahman", "Ó Briain", "Lefèvre", "Wiśniewski", "Ivanova"]
        let peopleCount = min(200, max(12, taskCount / 500))
        var people: [String] = []
        for i in 0..<peopleCount {
            let first = firsts[i % firsts.count], last = lasts[(i * 7 + i / firsts.count) % lasts.count]
            people.append(b.addContact(first: first, last: last, email: "user\(i)@example.com", admin: i == 0, owner: i == 0))
        }
        b.meId = people[0]

        // Spaces and folders.
        let spaceNames = ["Engineering", "Marketing", "Operations", "Sales", "Support", "Research"]
        let spaceCount = min(spaceNames.count, max(3, (folderCount ?? taskCount / 60) / 20))
        var spaces: [String] = []
        for i in 0..<spaceCount {
            let wf = i == 1 ? mktWF.id : engWF.id
            spaces.append(b.addSpace(spaceNames[i], access: i % 3 == 1 ? "Private" : "Public", workflowId: wf,
                                     description: "\(spaceNames[i]) space", members: Array(people.prefix(8))))
        }
        let nouns = ["Platform", "Mobile", "Billing", "Search", "Onboarding", "Reporting", "Infra", "Website", "Campaign",
                     "Hiring", "Budget", "Compliance", "Integrations", "Analytics", "Support tools", "Localisation"]
        let quals = ["Q1", "Q2", "Q3", "Q4", "v2", "v3", "Phase 1", "Phase 2", "Pilot", "Rollout", "Revamp", "2027"]
        let wantedFolders = max(6, folderCount ?? max(6, taskCount / 60))
        var containers: [(id: String, depth: Int, workflow: String)] = []
        var leafs: [String] = []
        for i in 0..<wantedFolders {
            let parent: (id: String, depth: Int, workflow: String)
            if i < spaces.count * 2 || containers.isEmpty {
                let s = spaces[i % spaces.count]
                parent = (s, 0, i % spaces.count == 1 ? mktWF.id : engWF.id)
            } else {
                let candidates = containers.filter { $0.depth < 3 }
                parent = candidates.isEmpty ? (spaces[0], 0, engWF.id) : b.pick(candidates)
            }
            let isProject = parent.depth >= 1 && b.chance(0.5)
            let title = "\(nouns[i % nouns.count]) \(quals[(i / nouns.count) % quals.count])" + (i >= nouns.count * quals.count ? " #\(i)" : "")
            let owner = b.pick(people)
            let project = isProject ? Project(authorId: owner, ownerIds: [owner], status: b.pick([ProjectStatus.green, .yellow, .red, .onHold]),
                                              startDate: b.day(b.int(-60...0)), endDate: b.day(b.int(1...90)),
                                              createdDate: b.stamp(daysAgo: 100)) : nil
            var parents = [parent.id]
            if i == wantedFolders / 2, let other = containers.first(where: { $0.id != parent.id && $0.depth >= 1 }) {
                parents.append(other.id)  // one folder with two parents
            }
            let id = b.addFolder(title, parents: parents, workflowId: parent.workflow, project: project, shared: [owner])
            containers.append((id, parent.depth + 1, parent.workflow))
            leafs.append(id)
        }

        // Tasks.
        let verbs = ["Write", "Review", "Fix", "Plan", "Design", "Test", "Ship", "Document", "Migrate", "Measure", "Refactor", "Draft"]
        let objects = ["login flow", "pricing page", "API client", "release notes", "budget sheet", "onboarding email", "dashboard",
                       "database index", "search ranking", "crash on launch", "contract", "roadmap", "タスク一覧", "Übersicht", "diseño"]
        let engStatuses = (engWF.customStatuses ?? []).filter { $0.hidden != true }
        let mktStatuses = (mktWF.customStatuses ?? []).filter { $0.hidden != true }
        let importances: [Importance] = [.normal, .normal, .high, .low]
        var lastPlannedInFolder: [String: String] = [:]
        var parentsForSubtasks: [String] = []
        let folderWorkflow = Dictionary(uniqueKeysWithValues: containers.map { ($0.id, $0.workflow) })
        for n in 0..<taskCount {
            let isSub = n > 10 && !parentsForSubtasks.isEmpty && b.chance(0.15)
            let folder = b.pick(leafs)
            let statuses = folderWorkflow[folder] == mktWF.id ? mktStatuses : engStatuses
            let status = b.pick(statuses)
            let kind = b.int(0...9)
            let dates: TaskDates = kind < 6 ? b.planned(start: b.int(-40...40), length: b.int(1...10))
                : kind < 8 ? b.milestone(b.int(-20...60)) : Builder.backlog
            let owner = b.pick(people)
            let title = "\(b.pick(verbs)) \(b.pick(objects)) \(n + 1)"
            let description = n % 4 == 0 ? "<p>\(title): see \(b.mention(owner)) for details.</p>" : ""
            let created = b.int(1...200)
            let id: String
            if isSub {
                let parentTask = b.pick(parentsForSubtasks)
                id = b.addTask(title, parent: nil, superTask: parentTask, status: status, importance: b.pick(importances), dates: dates,
                               responsibles: [owner], author: owner, description: description, createdDaysAgo: created,
                               updatedDaysAgo: b.int(0...min(created, 30)))
            } else {
                id = b.addTask(title, parent: folder, status: status, importance: b.pick(importances), dates: dates,
                               responsibles: b.chance(0.1) ? [] : [owner], author: b.pick(people), description: description,
                               createdDaysAgo: created, updatedDaysAgo: b.int(0...min(created, 30)),
                               customFields: b.chance(0.3) ? [CustomFieldValue(id: accountId + "JUAAAAAA", value: String(b.int(1...13)))] : [])
                if parentsForSubtasks.count < 2000 && b.chance(0.05) { parentsForSubtasks.append(id) }
                if dates.type == .planned {
                    if let prev = lastPlannedInFolder[folder], b.chance(0.3) { b.link(prev, id) }
                    lastPlannedInFolder[folder] = id
                }
            }
            if b.chance(0.1) {
                b.comment(on: id, author: b.pick(people), html: "<p>Update from \(b.mention(b.pick(people))): on track.</p>", daysAgo: b.int(0...20))
            }
            if b.chance(0.08) {
                b.timelog(on: id, user: owner, hours: Double(b.int(1...16)) / 2, daysAgo: b.int(0...30), comment: "Work",
                          category: b.categories[b.int(0...4)].id)
            }
            if b.chance(0.03) {
                b.attach(to: id, name: "file\(n).pdf", author: owner, contentType: "application/pdf", size: b.int(1_000...900_000), daysAgo: b.int(0...30))
            }
            if b.chance(0.01) {
                let approver = b.pick(people)
                b.approval(task: id, author: owner, description: "Please approve", decisions: [(approver, .pending, "")],
                           status: .pending, dueOffset: b.int(-5...20), daysAgo: b.int(0...10))
            }
        }
        b.finishFolders()
        let account = Account(id: accountId, name: "Generated \(seed)", dateFormat: "MM/dd/yyyy", firstDayOfWeek: "Mon",
                              workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], rootFolderId: b.rootId, recycleBinId: b.recycleBinId,
                              createdDate: b.stamp(daysAgo: 365), joinedDate: b.stamp(daysAgo: 365))
        return b.dataset(account: account)
    }
}
