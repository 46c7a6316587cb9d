import Foundation
import WrikeAPI

/// The built-in demo workspace of "Northwind Labs": 3 spaces, 35 folders and projects (one folder
/// with two parents, one in the Recycle Bin), 300+ tasks with subtasks, 2 workflows, 15 people
/// (some CJK and accented names) and a group, HTML descriptions and comments with mentions,
/// timelogs, dependency chains, approvals (some waiting on `me`), attachments and custom fields.
///
/// Deterministic for a given day: every date is relative to the start of `now`'s UTC day, so some
/// tasks are overdue whenever the demo runs.
public enum DemoDataset {
    public static let accountId = "IEACME42"

    public static func make(now: Date = Date()) -> Dataset {
        var b = Builder(seed: 0x5EED_DE30, accountId: accountId, now: now)
        let (engWF, mktWF) = b.standardWorkflows()
        b.standardCategories()
        b.standardCustomFields()

        // People.
        let me = b.addContact(first: "Alex", last: "Morgan", email: "alex.morgan@northwind.example", admin: true, owner: true,
                              timezone: "Europe/London", title: "Engineering Manager")
        b.meId = me
        let hanako = b.addContact(first: "花子", last: "佐藤", email: "hanako.sato@northwind.example", timezone: "Asia/Tokyo", locale: "ja", title: "Staff Engineer")
        let jose = b.addContact(first: "José", last: "Álvarez", email: "jose.alvarez@northwind.example", timezone: "Europe/Madrid", locale: "es", title: "Backend Engineer")
        let zoe = b.addContact(first: "Zoë", last: "Müller", email: "zoe.mueller@northwind.example", timezone: "Europe/Berlin", locale: "de", title: "Product Designer")
        let wei = b.addContact(first: "伟", last: "李", email: "li.wei@northwind.example", timezone: "Asia/Shanghai", locale: "zh", title: "Mobile Engineer")
        let priya = b.addContact(first: "Priya", last: "Natarajan", email: "priya.n@northwind.example", timezone: "Asia/Kolkata", title: "QA Lead")
        let bjorn = b.addContact(first: "Björn", last: "Lindqvist", email: "bjorn.lindqvist@northwind.example", timezone: "Europe/Stockholm", locale: "sv", title: "SRE")
        let ngozi = b.addContact(first: "Ngozi", last: "Okafor", email: "ngozi.okafor@northwind.example", timezone: "Africa/Lagos", title: "Marketing Director")
        let chloe = b.addContact(first: "Chloé", last: "Dubois", email: "chloe.dubois@northwind.example", timezone: "Europe/Paris", locale: "fr", title: "Content Strategist")
        let mateus = b.addContact(first: "Mateus", last: "Ferreira", email: "mateus.ferreira@northwind.example", timezone: "America/Sao_Paulo", locale: "pt", title: "Growth Marketer")
        let hannah = b.addContact(first: "Hannah", last: "Kowalski", email: "hannah.kowalski@northwind.example", timezone: "America/Chicago", title: "People Partner")
        let minjun = b.addContact(first: "민준", last: "김", email: "minjun.kim@northwind.example", timezone: "Asia/Seoul", locale: "ko", title: "Finance Analyst")
        let sean = b.addContact(first: "Seán", last: "Ó Briain", email: "sean.obriain@northwind.example", timezone: "Europe/Dublin", title: "Office Manager")
        let aisha = b.addContact(first: "Aisha", last: "Rahman", email: "aisha.rahman@northwind.example", timezone: "Asia/Dubai", title: "Security Engineer")
        let guest = b.addContact(first: "Tomás", last: "Novák", email: "tomas@agency.example", role: "Collaborator", external: true,
                                 timezone: "Europe/Prague", locale: "cs", title: "Agency Copywriter")
        _ = b.addContact(first: "Engineering", last: "", email: "", type: .group, timezone: "Z",
                         memberIds: [me, hanako, jose, wei, priya, bjorn, aisha])
        let engineers = [me, hanako, jose, zoe, wei, priya, bjorn, aisha]
        let marketers = [ngozi, chloe, mateus, zoe, guest]
        let operators = [hannah, minjun, sean, me]

        // Spaces and folders.
        let eng = b.addSpace("Engineering", access: "Public", workflowId: engWF.id,
                             description: "Product engineering: platform, mobile and security.", members: engineers)
        let mkt = b.addSpace("Marketing", access: "Private", workflowId: mktWF.id,
                             description: "Campaigns, content and brand.", members: marketers + [me])
        let ops = b.addSpace("Operations", access: "Public", workflowId: engWF.id,
                             description: "People, finance, facilities and IT.", members: operators)
        func project(_ owner: String, _ status: ProjectStatus, start: Int, end: Int, completed: Bool = false) -> Project {
            Project(authorId: owner, ownerIds: [owner], status: status, customStatusId: nil, startDate: b.day(start),
                    endDate: b.day(end), createdDate: b.stamp(daysAgo: 90), completedDate: completed ? b.stamp(daysAgo: 5) : nil)
        }
        let e = engWF.id, m = mktWF.id
        let platform = b.addFolder("Platform", parents: [eng], workflowId: e, color: "Blue", shared: engineers)
        let apiV5 = b.addFolder("API v5 Migration", parents: [platform], workflowId: e, project: project(jose, .yellow, start: -40, end: 25),
                                description: "<p>Move every client to the <b>v5</b> endpoints before v4 is retired.</p>", shared: engineers)
        let sprint14 = b.addFolder("Sprint 14", parents: [apiV5], workflowId: e, shared: engineers)
        let sprint15 = b.addFolder("Sprint 15", parents: [apiV5], workflowId: e, shared: engineers)
        let observability = b.addFolder("Observability", parents: [platform], workflowId: e, project: project(bjorn, .green, start: -20, end: 40), shared: engineers)
        let release = b.addFolder("Release 2.4", parents: [platform], workflowId: e, project: project(me, .red, start: -30, end: 3), shared: engineers)
        let mobile = b.addFolder("Mobile", parents: [eng], workflowId: e, color: "Purple", shared: engineers)
        let ios = b.addFolder("iOS App Redesign", parents: [mobile], workflowId: e, project: project(wei, .green, start: -25, end: 50), shared: engineers)
        let beta = b.addFolder("Beta feedback", parents: [ios], workflowId: e, shared: engineers)
        let android = b.addFolder("Android Parity", parents: [mobile], workflowId: e, project: project(wei, .onHold, start: 10, end: 80), shared: engineers)
        let security = b.addFolder("Security", parents: [eng], workflowId: e, color: "Red", shared: engineers)
        let soc2 = b.addFolder("SOC 2 Audit", parents: [security], workflowId: e, project: project(aisha, .yellow, start: -60, end: 30), shared: engineers)
        let pentest = b.addFolder("Pen test 2026", parents: [security], workflowId: e, project: project(aisha, .completed, start: -90, end: -10, completed: true), shared: engineers)
        let engOnboarding = b.addFolder("Engineering Onboarding", parents: [eng], workflowId: e, shared: engineers)

        let campaigns = b.addFolder("Campaigns", parents: [mkt], workflowId: m, color: "Orange", shared: marketers)
        let spring = b.addFolder("Spring Launch", parents: [campaigns], workflowId: m, project: project(ngozi, .green, start: -15, end: 20), shared: marketers)
        let assets = b.addFolder("Assets", parents: [spring], workflowId: m, shared: marketers)
        let webinars = b.addFolder("Webinar Series", parents: [campaigns], workflowId: m, project: project(mateus, .yellow, start: -5, end: 60), shared: marketers)
        let content = b.addFolder("Content", parents: [mkt], workflowId: m, color: "Green", shared: marketers)
        let blog = b.addFolder("Blog calendar", parents: [content], workflowId: m, project: project(chloe, .green, start: -30, end: 90), shared: marketers)
        let cases = b.addFolder("Case studies", parents: [content], workflowId: m, project: project(chloe, .custom, start: -10, end: 45), shared: marketers)
        let social = b.addFolder("Social media", parents: [content], workflowId: m, shared: marketers)
        let brand = b.addFolder("Brand", parents: [mkt], workflowId: m, color: "Yellow", shared: marketers)
        // Two parents: Marketing/Brand and Engineering/Platform.
        let website = b.addFolder("Website refresh", parents: [brand, platform], workflowId: e,
                                  project: project(zoe, .green, start: -12, end: 35),
                                  description: "<p>Shared between <b>Brand</b> and <b>Platform</b>.</p>", shared: marketers + engineers)

        let people = b.addFolder("People", parents: [ops], workflowId: e, shared: operators)
        let hiring = b.addFolder("Hiring Q3", parents: [people], workflowId: e, project: project(hannah, .green, start: -20, end: 70), shared: operators)
        let onboarding = b.addFolder("Onboarding", parents: [people], workflowId: e, project: project(hannah, .green, start: -50, end: 100), shared: operators)
        let finance = b.addFolder("Finance", parents: [ops], workflowId: e, shared: operators)
        let budget = b.addFolder("Budget 2027", parents: [finance], workflowId: e, project: project(minjun, .yellow, start: -10, end: 40), shared: operators)
        let vendors = b.addFolder("Vendor contracts", parents: [finance], workflowId: e, shared: operators)
        let facilities = b.addFolder("Facilities", parents: [ops], workflowId: e, shared: operators)
        let move = b.addFolder("Office move — 東京", parents: [facilities], workflowId: e, project: project(sean, .red, start: -35, end: 15), shared: operators)
        let it = b.addFolder("IT", parents: [ops], workflowId: e, shared: operators)
        let laptops = b.addFolder("Laptop refresh", parents: [it], workflowId: e, project: project(sean, .green, start: -5, end: 30), shared: operators)
        _ = b.addFolder("Old experiments", parents: [b.recycleBinId], workflowId: e, shared: [me])

        // Task catalogue per folder: (folder, workflow, people, titles).
        let plans: [(String, Workflow, [String], [String])] = [
            (sprint14, engWF, engineers, ["Port /tasks list to v5 pagination", "Rate limiter: honour Retry-After", "Fix flaky contract test in CI",
                                          "Migrate comment endpoints", "Remove v4 fallback from SDK", "Document breaking changes",
                                          "Load test v5 gateway", "Deprecation headers for v4", "Update Postman collection", "Triage v5 beta bugs",
                                          "Schema diff between v4 and v5", "Backfill permalink ids"]),
            (sprint15, engWF, engineers, ["Batch endpoint for task updates", "Idempotency keys for POST", "Webhook retries with jitter",
                                          "Cursor-based paging for folders", "Client SDK 5.0 beta", "Customer migration guide",
                                          "Sunset dashboard", "Audit log for token refresh", "Timezone fixes for due dates", "Remove legacy ids table"]),
            (observability, engWF, engineers, ["Adopt OpenTelemetry in the gateway", "SLO: p99 latency for task lists", "Alert routing per team",
                                               "Dashboards for queue depth", "Trace sampling policy", "Log retention to 30 days", "Runbook: database failover",
                                               "Synthetic checks from three regions", "Error budget policy", "Cost report for metrics"]),
            (release, engWF, engineers, ["Release notes 2.4", "Freeze branch and tag rc1", "Smoke tests on staging", "Go/no-go meeting",
                                         "Roll out to 10% of accounts", "Roll out to everyone", "Post-release review", "Hotfix: CSV export encoding",
                                         "Update status page", "Verify analytics events"]),
            (ios, engWF, engineers, ["New task detail screen", "Offline mode for comments", "Dark mode colours", "Haptics on status change",
                                     "VoiceOver labels audit", "Widget: my tasks today", "App Store screenshots", "Crash: attachment preview on iPad",
                                     "Swipe actions in lists", "Onboarding carousel"]),
            (beta, engWF, engineers, ["Feedback: slow sync on 4G", "Feedback: font too small", "Feedback: 日本語 input drops characters",
                                      "Feedback: cannot log time offline", "Feedback: missing approvals tab", "Feedback: crash on rotate",
                                      "Feedback: emoji in titles 🎉 render wrong", "Feedback: push features.inbox twice"]),
            (android, engWF, engineers, ["Compose rewrite of task list", "Material You colours", "Background sync with WorkManager",
                                         "Parity matrix with iOS", "Tablet layout", "Play Store listing", "Accessibility scanner fixes", "Deep links"]),
            (soc2, engWF, engineers, ["Access review Q2", "Evidence: change management", "Vendor risk assessments", "Encryption at rest report",
                                      "Incident response tabletop", "Policy sign-off by all staff", "Background checks evidence",
                                      "Auditor kickoff call", "Backup restore test", "Collect MFA screenshots"]),
            (pentest, engWF, engineers, ["Scope document", "Fix: IDOR on attachment download", "Fix: missing rate limit on login",
                                         "Retest critical findings", "Executive summary", "Share report with customers"]),
            (engOnboarding, engWF, engineers, ["Laptop setup guide", "First week buddy list", "Architecture overview talk",
                                               "Access requests template", "Coding standards doc", "On-call shadowing"]),
            (spring, mktWF, marketers, ["Launch messaging", "Landing page copy", "Press release draft", "Customer quotes",
                                        "Paid social budget", "Email sequence (3 mails)", "Partner co-marketing", "Launch day checklist",
                                        "Analyst briefing deck", "Post-launch report"]),
            (assets, mktWF, marketers, ["Hero image 1920×1080", "Product screenshots", "Launch video storyboard", "Social cards",
                                        "Logo lock-ups for partners", "Banner set (IAB sizes)"]),
            (webinars, mktWF, marketers, ["Webinar 1: Getting started", "Webinar 2: Automation", "Webinar 3: Reporting",
                                          "Speaker prep sessions", "Registration page", "Follow-up emails", "Recording edits", "Q&A transcript"]),
            (blog, mktWF, marketers, ["Post: 10 keyboard shortcuts", "Post: How we run sprints", "Post: Remote rituals",
                                      "Post: Café culture in Zürich office", "Post: Año nuevo, planes nuevos", "Post: 新年の計画",
                                      "Editorial calendar Q3", "SEO keyword review", "Guest post pitch list", "Newsletter roundup"]),
            (cases, mktWF, marketers, ["Case study: Acme Corp", "Case study: Müller GmbH", "Case study: 株式会社サンプル",
                                       "Interview template", "Approval from legal", "Design layout"]),
            (social, mktWF, marketers, ["LinkedIn plan", "Mastodon account setup", "Weekly tips thread", "Community AMA", "Employee advocacy kit"]),
            (website, engWF, engineers + marketers, ["New navigation", "Pricing page redesign", "Accessibility audit (WCAG 2.2)",
                                                     "Migrate blog to new CMS", "Cookie banner update", "Performance budget", "Localised homepages (de, fr, ja)",
                                                     "404 page illustration", "Analytics consent mode", "Redirect map"]),
            (hiring, engWF, operators, ["Job post: Senior Backend Engineer", "Job post: Designer", "Interview loop training",
                                        "Take-home exercise review", "Offer letter template", "Referral bonus update", "Careers page refresh",
                                        "Recruiter sync", "Diversity sourcing plan"]),
            (onboarding, engWF, operators, ["Welcome pack", "Payroll setup", "Benefits enrolment", "30-60-90 day plan template",
                                            "Manager checklist", "Equipment order", "Onboarding survey"]),
            (budget, engWF, operators, ["Headcount model", "Cloud spend forecast", "Travel policy", "Software licences audit",
                                        "Board deck numbers", "Department budgets review", "Currency hedging options", "Q4 reforecast"]),
            (vendors, engWF, operators, ["Renew office cleaning", "Negotiate cloud commit", "Legal review: CRM vendor", "Consolidate SaaS tools",
                                         "DPA for analytics vendor"]),
            (move, engWF, operators, ["Sign lease in 渋谷", "Floor plan approval", "Furniture order", "Network cabling", "Moving company quotes",
                                      "Farewell party old office", "Update address everywhere", "Keys and access cards", "Desk booking setup"]),
            (laptops, engWF, operators, ["Inventory of current laptops", "Choose models", "Order 40 laptops", "Imaging and MDM enrolment",
                                         "Data migration sessions", "Recycle old devices", "Asset register update"]),
        ]

        let descriptions: [(String, String) -> String] = [
            { t, who in "<p>Goal: <b>\(t)</b>.</p><ul><li>Agree on scope with \(who)</li><li>Write it down</li><li>Ship it</li></ul>" },
            { t, _ in "<p>Context and acceptance criteria for &quot;\(t)&quot;.</p><br />See the linked spec &amp; comments." },
            { t, who in "<h3>Why</h3><p>\(t) unblocks the next milestone.</p><h3>Owner</h3><p>\(who)</p>" },
            { _, _ in "" },
            { t, who in "<p>\(who): please take a first pass at <i>\(t)</i> and report back in the comments.</p>" },
        ]
        let importances: [Importance] = [.normal, .normal, .normal, .high, .low, .high]
        let categoriesIds = b.categories.filter { $0.hidden != true }.map(\.id)
        var folderTasks: [String: [String]] = [:]
        var allTasks: [String] = []

        for (fi, plan) in plans.enumerated() {
            let (folder, wf, team, titles) = plan
            let visible = (wf.customStatuses ?? []).filter { $0.hidden != true }
            let hidden = (wf.customStatuses ?? []).filter { $0.hidden == true }
            var previousPlanned: String?
            for (ti, title) in titles.enumerated() {
                let k = fi * 31 + ti
                // Status: mostly active, some completed, a few deferred/cancelled, one hidden status per workflow.
                let roll = b.int(0...99)
                var status: CustomStatus
                if roll < 55 { status = visible.filter { $0.group == .active }[k % visible.filter { $0.group == .active }.count] }
                else if roll < 82 { status = visible.first { $0.group == .completed } ?? visible[0] }
                else if roll < 92 { status = visible.first { $0.group == .deferred } ?? visible[0] }
                else { status = visible.first { $0.group == .cancelled } ?? visible[0] }
                if ti == 3 && fi % 5 == 0, let h = hidden.first { status = h }
                // Dates: planned around today (some overdue), milestones, backlog.
                let dates: TaskDates
                let kind = k % 7
                if kind == 6 { dates = Builder.backlog }
                else if kind == 5 { dates = b.milestone(b.int(-10...40)) }
                else {
                    let start = b.int(-30...25)
                    dates = b.planned(start: start, length: b.int(1...8))
                }
                let owner = team[k % team.count]
                let responsibles = ti % 9 == 8 ? [] : (k % 4 == 0 ? [owner, team[(k + 3) % team.count]] : [owner])
                let who = b.contacts.first(where: { $0.id == owner })?.displayName ?? owner
                let description = descriptions[k % descriptions.count](title, b.mention(owner).replacingOccurrences(of: "@" + who, with: "@" + who))
                var cfs: [CustomFieldValue] = []
                if wf.id == engWF.id && k % 3 != 2 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAA", value: String([1, 2, 3, 5, 8, 13][k % 6]))) }
                if k % 5 == 1 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAC", value: ["Low", "Medium", "High"][k % 3])) }
                if wf.id == mktWF.id && k % 4 == 0 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAD", value: String(1000 * (k % 9 + 1)))) }
                if k % 6 == 0 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAE", value: team[(k + 1) % team.count])) }
                if k % 4 == 1 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAF", value: String(10 * (k % 11)))) }
                if k % 5 == 2 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAG", value: "\(k % 9):\(k % 2 == 0 ? "30" : "00")")) }
                if k % 7 == 3 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAH", value: b.day(k % 40 - 5))) }
                if k % 3 == 0 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAI", value: k % 2 == 0 ? "true" : "false")) }
                if k % 6 == 4 { cfs.append(CustomFieldValue(id: accountId + "JUAAAAAJ", value: ["[\"iOS\",\"Web\"]", "[\"Android\"]", "[\"Desktop\",\"Web\"]"][k % 3])) }
                let created = b.int(20...120)
                let id = b.addTask(title, parent: folder, status: status, importance: importances[k % importances.count],
                                   dates: dates, responsibles: responsibles, author: team[(k + 2) % team.count],
                                   description: description, createdDaysAgo: created, updatedDaysAgo: b.int(0...min(created, 19)),
                                   customFields: cfs, followers: k % 3 == 0 ? [me] : [])
                folderTasks[folder, default: []].append(id)
                allTasks.append(id)
                // Dependency chains among dated tasks.
                if dates.type == .planned {
                    if let prev = previousPlanned, k % 3 != 1 { b.link(prev, id, k % 11 == 0 ? .startToStart : .finishToStart, lag: k % 4 == 0 ? 480 : 0) }
                    previousPlanned = id
                }
                // Subtasks.
                if ti % 4 == 1 {
                    let subTitles = ["Draft", "Review", "Finalise", "Write tests", "Get sign-off"]
                    let count = 2 + k % 3
                    for si in 0..<count {
                        let subStatus = si == 0 ? (visible.first { $0.group == .completed } ?? status) : status
                        let subDates = dates.type == .planned ? b.planned(start: b.int(-10...20), length: 1) : Builder.backlog
                        let sub = b.addTask("\(subTitles[si % subTitles.count]): \(title)", parent: nil, superTask: id, status: subStatus,
                                            importance: .normal, dates: subDates, responsibles: [team[(k + si) % team.count]],
                                            author: owner, description: "", createdDaysAgo: max(created - 2, 1),
                                            updatedDaysAgo: b.int(0...10))
                        allTasks.append(sub)
                        if si == 1 && k % 8 == 1 {
                            let subsub = b.addTask("Checklist for \(title.lowercased())", parent: nil, superTask: sub, status: status,
                                                   importance: .low, dates: Builder.backlog, responsibles: [owner], author: owner,
                                                   description: "<ul><li>one</li><li>two</li></ul>", createdDaysAgo: 3, updatedDaysAgo: 1)
                            allTasks.append(subsub)
                        }
                    }
                }
            }
        }

        // A task in two folders, and a couple of tasks directly in a space.
        if let shared = folderTasks[website]?.first, let i = b.taskIndex[shared] {
            b.tasks[i].parentIds = (b.tasks[i].parentIds ?? []) + [brand]
        }
        let active = engWF.customStatuses?.first { $0.name == "In Progress" }
        if let active {
            _ = b.addTask("Quarterly planning (all of engineering)", parent: eng, status: active, importance: .high,
                          dates: b.planned(start: -3, length: 5), responsibles: [me], author: me,
                          description: "<p>Agenda in the doc. \(b.mention(hanako)) \(b.mention(jose)) please add your topics.</p>",
                          createdDaysAgo: 10, updatedDaysAgo: 1, followers: engineers)
            _ = b.addTask("Overdue: renew TLS certificates", parent: eng, status: active, importance: .high,
                          dates: b.planned(start: -6, length: 2), responsibles: [bjorn, me], author: aisha,
                          description: "<p>Certificates expire soon; <b>do not</b> let this slip.</p>", createdDaysAgo: 14, updatedDaysAgo: 2)
        }

        // Comments with mentions.
        let phrases: [(String, String) -> String] = [
            { m, _ in "<p>\(m) could you take a look when you have a minute?</p>" },
            { _, _ in "<p>Done on my side, moving to review.</p>" },
            { m, t in "<p>Blocked by the &quot;\(t)&quot; decision &mdash; \(m) any update?</p>" },
            { _, _ in "<p>Numbers look good 👍<br />See attached screenshot.</p>" },
            { m, _ in "<p>Thanks \(m)! Merci, gracias, ありがとう.</p>" },
            { _, _ in "<ul><li>pros: faster</li><li>cons: more memory</li></ul>" },
        ]
        for (i, taskId) in allTasks.enumerated() where i % 3 == 0 {
            guard let t = b.tasks.first(where: { $0.id == taskId }) else { continue }
            let count = 1 + i % 4
            let team = t.sharedIds ?? [me]
            for c in 0..<count {
                let author = c % 2 == 0 ? (team.first ?? me) : (i % 5 == 0 ? me : (team.last ?? me))
                let mentioned = [me, hanako, jose, zoe, ngozi, chloe][(i + c) % 6]
                b.comment(on: taskId, author: author, html: phrases[(i + c) % phrases.count](b.mention(mentioned), t.title),
                          daysAgo: max(0, 12 - c * 3 - i % 5), hour: 9 + c)
            }
        }

        // Timelogs.
        for (i, taskId) in allTasks.enumerated() where i % 5 == 2 {
            guard let t = b.tasks.first(where: { $0.id == taskId }) else { continue }
            let user = t.responsibleIds?.first ?? me
            for j in 0..<(1 + i % 3) {
                b.timelog(on: taskId, user: j == 0 ? user : me, hours: [0.5, 1, 1.5, 2, 3, 4, 6.25][(i + j) % 7],
                          daysAgo: (i + j * 2) % 15, comment: ["Implementation", "Sync with team", "Review", "Investigation", ""][(i + j) % 5],
                          category: (i + j) % 6 == 5 ? nil : categoriesIds[(i + j) % categoriesIds.count])
            }
        }

        // Attachments.
        let files: [(String, String, Int, AttachmentType, Int?, Int?)] = [
            ("spec.pdf", "application/pdf", 248_113, .wrike, nil, nil),
            ("mockup.png", "image/png", 512_004, .wrike, 1440, 900),
            ("budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 48_201, .wrike, nil, nil),
            ("notes.txt", "text/plain", 1_337, .wrike, nil, nil),
            ("Roadmap (Google Doc)", "application/vnd.google-apps.document", -1, .google, nil, nil),
            ("会議メモ.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 20_480, .wrike, nil, nil),
            ("design-review.key", "application/x-iwork-keynote-sffkey", 3_145_728, .external, nil, nil),
        ]
        for (i, taskId) in allTasks.enumerated() where i % 7 == 3 {
            let f = files[i % files.count]
            let author = b.tasks[b.taskIndex[taskId] ?? 0].authorIds?.first ?? me
            b.attach(to: taskId, name: f.0, author: author, type: f.3, contentType: f.1, size: f.3 == .external ? -1 : f.2,
                     daysAgo: i % 20, width: f.4, height: f.5)
        }

        // Approvals: pending on me, pending on others, finished ones, a draft, one on a folder.
        let approvalTargets = allTasks.enumerated().filter { $0.offset % 23 == 4 }.map(\.element)
        for (i, taskId) in approvalTargets.enumerated() {
            switch i % 6 {
            case 0: b.approval(task: taskId, author: jose, description: "Please approve the final version.",
                               decisions: [(me, .pending, ""), (hanako, .approved, "LGTM")], status: .pending, dueOffset: 2, daysAgo: 3)
            case 1: b.approval(task: taskId, author: ngozi, description: "Legal and brand sign-off",
                               decisions: [(chloe, .pending, ""), (me, .pending, "")], status: .pending, dueOffset: -1, daysAgo: 5)
            case 2: b.approval(task: taskId, author: me, description: "Design review",
                               decisions: [(zoe, .approved, "Beautiful ✨"), (wei, .approved, "")], status: .approved, dueOffset: -3, daysAgo: 8)
            case 3: b.approval(task: taskId, author: hannah, description: "Budget approval",
                               decisions: [(minjun, .rejected, "Over budget by 12%")], status: .rejected, dueOffset: nil, daysAgo: 12)
            case 4: b.approval(task: taskId, author: me, description: "Draft: waiting for the deck", decisions: [], status: .draft,
                               dueOffset: 10, daysAgo: 1)
            default: b.approval(task: taskId, author: priya, description: "QA sign-off",
                                decisions: [(bjorn, .pending, "")], status: .pending, dueOffset: 5, daysAgo: 2)
            }
        }
        b.approval(folder: spring, author: ngozi, description: "Approve the launch plan",
                   decisions: [(me, .pending, ""), (mateus, .approved, "Go!")], status: .pending, dueOffset: 4, daysAgo: 2)
        _ = sprint14; _ = pentest

        b.finishFolders()
        let account = Account(id: accountId, name: "Northwind Labs", dateFormat: "dd/MM/yyyy", firstDayOfWeek: "Mon",
                              workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], rootFolderId: b.rootId, recycleBinId: b.recycleBinId,
                              createdDate: b.stamp(daysAgo: 400), joinedDate: b.stamp(daysAgo: 400),
                              subscription: Subscription(type: "Business", paid: true, userLimit: 50), metadata: [],
                              customFields: b.customFields)
        var data = b.dataset(account: account)
        // Seed 003's example: the default schedule, Monday to Friday, 8 h a day.
        data.workSchedules = [WorkSchedule(id: account.id + "ML7ZIOF4", scheduleType: "Default", title: "Default Schedule",
                                           workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], capacityMinutes: 480,
                                           userIds: data.contacts.filter { $0.type == .person }.map(\.id))]
        return data
    }
}
