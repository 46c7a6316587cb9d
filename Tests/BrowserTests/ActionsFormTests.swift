import Foundation
import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

private let utcCalendar: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC") ?? .current
    return c
}()
// 2026-11-22 10:00 UTC
private let today = Date(timeIntervalSince1970: 1_795_341_600)

private let categories = [
    TimelogCategory(id: "CB", name: "Billable", order: 2),
    TimelogCategory(id: "CH", name: "Hidden", order: 0, hidden: true),
    TimelogCategory(id: "CM", name: "Meetings", order: 1),
]

@Suite struct ActionsTimeLogFormTests {
    func type(_ f: inout TimeLogForm, _ s: String) {
        for c in s { _ = f.handle(.insert(String(c)), today: today, calendar: utcCalendar) }
    }

    @Test func defaultsAndValidSubmit() {
        var f = TimeLogForm(categories: categories)
        #expect(f.categories.map(\.id) == ["CM", "CB"])  // hidden out, Wrike order
        #expect(!f.isDirty)
        #expect(f.handle(.cancel(confirmed: false), today: today, calendar: utcCalendar) == .cancelled)
        type(&f, "1h30m")
        #expect(f.isDirty)
        #expect(f.handle(.cancel(confirmed: false), today: today, calendar: utcCalendar) == .cancelRequested)
        let out = f.handle(.enter, today: today, calendar: utcCalendar)
        #expect(out == .submit(TimelogParams(hours: 1.5, trackedDate: "2026-11-22", categoryId: nil, comment: "")))
        if case .submit(let p) = out {
            #expect(p.queryItems == [QueryItem("hours", "1.5"), QueryItem("trackedDate", "2026-11-22"),
                                     QueryItem("comment", ""), QueryItem("plainText", "true")])
        }
    }

    @Test func allFieldsWithTabFocus() {
        var f = TimeLogForm(categories: categories)
        type(&f, "90m")
        _ = f.handle(.nextField, today: today, calendar: utcCalendar)
        #expect(f.focus == .date)
        type(&f, "yesterday")
        _ = f.handle(.nextField, today: today, calendar: utcCalendar)
        _ = f.handle(.right, today: today, calendar: utcCalendar)
        _ = f.handle(.right, today: today, calendar: utcCalendar)
        #expect(f.category?.id == "CB")
        _ = f.handle(.right, today: today, calendar: utcCalendar)
        #expect(f.category == nil)  // wraps to "none"
        _ = f.handle(.insert("meet"), today: today, calendar: utcCalendar)
        #expect(f.category?.id == "CM")
        _ = f.handle(.nextField, today: today, calendar: utcCalendar)
        type(&f, "Review ")
        _ = f.handle(.toggle, today: today, calendar: utcCalendar)
        type(&f, "漢字")
        _ = f.handle(.previousField, today: today, calendar: utcCalendar)
        #expect(f.focus == .category)
        let out = f.handle(.submit, today: today, calendar: utcCalendar)
        #expect(out == .submit(TimelogParams(hours: 1.5, trackedDate: "2026-11-21", categoryId: "CM", comment: "Review  漢字")))
    }

    @Test func plainMessagesAndFocusOnTheFirstBadField() {
        var f = TimeLogForm(categories: [])
        _ = f.handle(.nextField, today: today, calendar: utcCalendar)
        type(&f, "31-02")
        #expect(f.handle(.submit, today: today, calendar: utcCalendar) == .invalid)
        #expect(f.focus == .hours)
        #expect(f.errors[.hours] == "Enter the time spent, for example 1.5, 1h30m or 90m.")
        #expect(f.errors[.date]?.contains("is not a date") == true)
        type(&f, "25")
        #expect(f.errors[.hours] == nil)  // typing clears the field's message
        _ = f.handle(.submit, today: today, calendar: utcCalendar)
        #expect(f.errors[.hours] == "Wrike accepts at most 24 hours in one entry.")
        for _ in 0..<2 { _ = f.handle(.backspace, today: today, calendar: utcCalendar) }
        type(&f, "0")
        _ = f.handle(.submit, today: today, calendar: utcCalendar)
        #expect(f.errors[.hours] == "The time must be more than zero.")
        _ = f.handle(.backspace, today: today, calendar: utcCalendar)
        type(&f, "abc")
        _ = f.handle(.submit, today: today, calendar: utcCalendar)
        #expect(f.errors[.hours] == "“abc” is not a duration. Try 1.5, 1h30m or 90m.")
        #expect(f.resolvedDate(today: today, calendar: utcCalendar) == nil)
    }

    @Test func prefillFromADraft() {
        let d = Draft(id: "d", kind: .timelog, profile: "p", taskId: "T", taskTitle: "t", text: "notes",
                      timelog: .init(hours: 1.25, trackedDate: "2026-11-20", categoryId: "CB"), created: today)
        var f = TimeLogForm(categories: categories, prefill: d)
        #expect(f.hours.text == "1h15m")
        #expect(f.category?.id == "CB")
        #expect(f.handle(.submit, today: today, calendar: utcCalendar)
                == .submit(TimelogParams(hours: 1.25, trackedDate: "2026-11-20", categoryId: "CB", comment: "notes")))
    }

    @Test func decimals() {
        #expect(wrikeDecimal(1.5) == "1.5")
        #expect(wrikeDecimal(2) == "2")
        #expect(wrikeDecimal(1.0 + 1.0 / 3) == "1.33")
        #expect(wrikeDecimal(0.05) == "0.05")
        #expect(wrikeDecimal(24) == "24")
    }
}

@Suite struct ActionsApprovalFormTests {
    let contacts = [
        Contact(id: "U1", firstName: "Zoe", lastName: "Ng", type: .person),
        Contact(id: "U2", firstName: "Ann", lastName: "Lee", type: .person),
        Contact(id: "G1", firstName: "Team", type: .group),
        Contact(id: "U3", firstName: "Old", lastName: "Timer", type: .person, deleted: true),
        Contact(id: "U4", firstName: "王", lastName: "小明", type: .person),
    ]

    @Test func peopleOnlyMultiSelectAndParams() {
        var f = ApprovalRequestForm(contacts: contacts)
        #expect(f.approvers.items.map(\.id) == ["U2", "U1", "U4"])
        #expect(f.handle(.submit, today: today, calendar: utcCalendar) == .invalid)
        #expect(f.errors[.approvers]?.contains("at least one approver") == true)
        _ = f.handle(.insert("zo"), today: today, calendar: utcCalendar)
        _ = f.handle(.toggle, today: today, calendar: utcCalendar)
        _ = f.handle(.backspace, today: today, calendar: utcCalendar)
        _ = f.handle(.backspace, today: today, calendar: utcCalendar)
        _ = f.handle(.toggle, today: today, calendar: utcCalendar)  // cursor back on the first: Ann
        #expect(f.chosen.map(\.id) == ["U2", "U1"])
        _ = f.handle(.enter, today: today, calendar: utcCalendar)
        #expect(f.focus == .dueDate)
        _ = f.handle(.insert("2026-11-30"), today: today, calendar: utcCalendar)
        _ = f.handle(.enter, today: today, calendar: utcCalendar)
        _ = f.handle(.insert("Please check \"v2\""), today: today, calendar: utcCalendar)
        let out = f.handle(.enter, today: today, calendar: utcCalendar)
        let expected = ApprovalParams(approverIds: ["U2", "U1"], dueDate: "2026-11-30", description: "Please check \"v2\"")
        #expect(out == .submit(expected))
        #expect(expected.queryItems == [QueryItem("approvers", "[\"U2\",\"U1\"]"),
                                        QueryItem("description", "Please check \"v2\""),
                                        QueryItem("dueDate", "2026-11-30")])
    }

    @Test func badDueDateAndEmptyDueDate() {
        var f = ApprovalRequestForm(contacts: contacts)
        _ = f.handle(.toggle, today: today, calendar: utcCalendar)
        _ = f.handle(.nextField, today: today, calendar: utcCalendar)
        _ = f.handle(.insert("soon"), today: today, calendar: utcCalendar)
        #expect(f.handle(.submit, today: today, calendar: utcCalendar) == .invalid)
        #expect(f.focus == .dueDate)
        for _ in 0..<4 { _ = f.handle(.backspace, today: today, calendar: utcCalendar) }
        #expect(f.handle(.submit, today: today, calendar: utcCalendar)
                == .submit(ApprovalParams(approverIds: ["U2"], dueDate: nil, description: "")))
        #expect(f.handle(.cancel(confirmed: false), today: today, calendar: utcCalendar) == .cancelRequested)
    }

    @Test func decisionHelp() {
        let lines = ApprovalHelp.decideInWrike(permalink: "https://www.wrike.com/open.htm?id=1")
        #expect(lines[0].contains("in Wrike"))
        #expect(lines[1].contains("y: copy the link"))
        #expect(ApprovalHelp.decideInWrike(permalink: nil)[1].contains("not loaded"))
    }
}

@Suite struct ActionsDependencyTests {
    let loaded = [
        DependencyCandidate(id: "T1", title: "This task", dateType: .planned),
        DependencyCandidate(id: "T2", title: "Design review", dateType: .planned),
        DependencyCandidate(id: "T3", title: "Deploy", dateType: .backlog),
        DependencyCandidate(id: "T4", title: "Already linked", dateType: .planned),
        DependencyCandidate(id: "T2", title: "Design review (dup)", dateType: .planned),
    ]
    let existing = [Dependency(id: "D1", predecessorId: "T4", successorId: "T1", relationType: .finishToStart),
                    Dependency(id: "D2", predecessorId: "X8", successorId: "X9", relationType: .finishToStart)]

    @Test func excludesSelfLinkedAndDuplicates() {
        let m = DependencyFinderModel(taskId: "T1", existing: existing, loaded: loaded)
        #expect(m.finder.items.map(\.id) == ["T2", "T3"])
        #expect(m.excluded == ["T1", "T4"])
    }

    @Test func searchIsAskedOnceAndMergedWithoutDuplicates() {
        var m = DependencyFinderModel(taskId: "T1", existing: existing, loaded: loaded)
        #expect(m.type("de") == nil)      // too short
        #expect(m.type("p") == "dep")
        #expect(m.finder.matches.map { m.finder.items[$0].id } == ["T3"])
        m.deleteBackward()
        #expect(m.type("p") == nil)       // asked already
        m.mergeSearchResults([DependencyCandidate(id: "T3", title: "Deploy"), DependencyCandidate(id: "T9", title: "Deploy docs"),
                              DependencyCandidate(id: "T1", title: "This task"), DependencyCandidate(id: "T4", title: "Already linked")])
        #expect(m.finder.items.map(\.id) == ["T2", "T3", "T9"])
        #expect(m.finder.matches.map { m.finder.items[$0].id } == ["T3", "T9"])
        #expect(m.finder.current?.id == "T3")
    }

    @Test func stepsProduceTheRequest() {
        var m = DependencyFinderModel(taskId: "T1", existing: existing, loaded: loaded)
        _ = m.type("design")
        #expect(m.confirm() == nil)
        #expect(m.step == .side)
        #expect(m.chosen?.id == "T2")
        m.moveDown()  // successor
        #expect(m.confirm() == nil)
        #expect(m.step == .relation)
        m.moveDown()  // StartToStart
        let req = m.confirm()
        #expect(req == DependencyRequest(taskId: "T1", otherId: "T2", side: .successor, relationType: .startToStart))
        #expect(req?.predecessorId == "T1" && req?.successorId == "T2")
        #expect(req?.queryItems == [QueryItem("successorId", "T2"), QueryItem("relationType", "StartToStart")])
        var wentBack = m.back()
        #expect(wentBack && m.step == .side)
        wentBack = m.back()
        #expect(wentBack && m.step == .task)
        wentBack = m.back()
        #expect(!wentBack)
    }

    @Test func emptyFinderCannotConfirm() {
        var m = DependencyFinderModel(taskId: "T1", existing: [], loaded: [])
        #expect(m.confirm() == nil)
        #expect(m.step == .task)
    }

    @Test func schedulingAdviceNamesTheUndatedTask() {
        var m = DependencyFinderModel(taskId: "T1", existing: existing, loaded: loaded)
        _ = m.type("deploy")
        _ = m.confirm(); _ = m.confirm()   // predecessor, FinishToStart
        let w = m.schedulingWarning(thisTask: .planned)
        #expect(w == "“Deploy” has no dates (Backlog) but as predecessor needs dates (Planned or Milestone) for Finish → Start. Set dates in Wrike first.")
        #expect(m.schedulingWarning(thisTask: .milestone)?.contains("This task has a Milestone but as successor needs Planned dates") == true)
    }

    @Test func explainsWrikeErrors() {
        let generic = DependencyErrors.explain(code: "invalid_request",
                                               message: "Operation is not allowed due to invalid task scheduling type")
        #expect(generic.hasPrefix("Both tasks need dates (Planned or Milestone) for a dependency"))
        let specific = DependencyErrors.explain(code: "invalid_request",
                                                message: "Operation is not allowed due to invalid task scheduling type",
                                                relation: .finishToFinish, predecessor: ("A", .planned), successor: ("B", .backlog))
        #expect(specific.hasPrefix("“B” has no dates (Backlog)"))
        #expect(DependencyErrors.explain(code: "invalid_parameter", message: "Parameter 'successorId' value is invalid: the dependency already exists")
                == "These tasks are already linked.")
        #expect(DependencyErrors.explain(code: "resource_not_found", message: "Task not found").contains("no longer exists"))
        #expect(SendErrors.explain(kind: .timelog, status: 403, code: "not_allowed", message: "x").contains("not available on your Wrike plan"))
        #expect(SendErrors.explain(kind: .comment, status: 400, code: "invalid_parameter", message: "Parameter 'text' value is invalid: must not be empty")
                == "Wrike refused an empty comment.")
    }

    @Test func relationPicker() {
        var p = RelationTypePicker(current: .startToStart)
        #expect(p.picker.current == .startToStart)
        #expect(p.changed == nil)
        p.moveDown()
        #expect(p.changed == .finishToFinish)
        #expect(RelationType.known.allSatisfy { !$0.explanation.isEmpty && $0.shortName.contains("→") })
    }
}
