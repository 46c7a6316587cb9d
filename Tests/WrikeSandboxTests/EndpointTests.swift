import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

@Suite struct AccountFolderEndpointTests {
    @Test func accountContactsWorkflows() throws {
        let api = APICaller(dataset: tinyDataset())
        let account = try api.ok(Account.self, .get, "/account")
        #expect(account.kind == "accounts" && account.data.first?.id == "IEAAAAAA")
        let me = try api.ok(Contact.self, .get, "/contacts", [("me", "true")])
        #expect(me.data.map(\.id) == ["ME"])
        #expect(me.data.first?.me == true)
        let all = try api.ok(Contact.self, .get, "/contacts")
        #expect(all.data.map(\.id) == ["ME", "U2", "U3"])
        #expect(all.data[1].me == nil)
        #expect(try api.ok(Contact.self, .get, "/contacts", [("deleted", "false")]).data.map(\.id) == ["ME", "U2"])
        #expect(try api.ok(Contact.self, .get, "/contacts/U2,U3").data.map(\.displayName) == ["花子 佐藤", "José Álvarez"])
        _ = try api.fail(404, "resource_not_found", .get, "/contacts/U2,NOPE")
        _ = try api.fail(400, "invalid_request", .get, "/contacts", [("firstName", "Alex")])
        _ = try api.fail(400, "invalid_parameter", .get, "/contacts", [("me", "maybe")])
        let wfs = try api.ok(Workflow.self, .get, "/workflows")
        #expect(wfs.data.first?.customStatuses?.map(\.id) == ["CS_NEW", "CS_WIP", "CS_DONE", "CS_HOLD", "CS_CANCEL"])
        #expect(try api.ok(TimelogCategory.self, .get, "/timelog_categories").data.map(\.name) == ["Development"])
    }

    @Test func spaces() throws {
        let api = APICaller(dataset: DemoDataset.make(now: fixedNow))
        let spaces = try api.ok(Space.self, .get, "/spaces")
        #expect(spaces.data.map(\.title) == ["Engineering", "Marketing", "Operations"])
        #expect(spaces.data[0].members == nil)
        let withMembers = try api.ok(Space.self, .get, "/spaces/\(spaces.data[0].id)", [("fields", #"["members"]"#)])
        #expect((withMembers.data.first?.members ?? []).count >= 5)
        _ = try api.fail(404, "resource_not_found", .get, "/spaces/NOPE")
        _ = try api.fail(400, "invalid_parameter", .get, "/spaces", [("fields", #"["owners"]"#)])
    }

    @Test func folderTreeAndFolders() throws {
        let api = APICaller(dataset: tinyDataset())
        let tree = try api.ok(FolderTreeEntry.self, .get, "/folders")
        #expect(tree.kind == "folderTree")
        #expect(tree.data.map(\.id) == ["IEAAAAAAI7777777", "IEAAAAAAI7777776", "SP1", "F1", "F2", "F3"])
        #expect(tree.data[0].scope == .wsRoot && tree.data[0].title == "Root" && tree.data[0].childIds == ["SP1"])
        #expect(tree.data[1].scope == .rbRoot && tree.data[1].childIds == ["F3"])
        #expect(tree.data[3].childIds == ["F2"])
        #expect(tree.data[4].project?.status == .green)
        let spaceTree = try api.ok(FolderTreeEntry.self, .get, "/spaces/SP1/folders")
        #expect(spaceTree.data.map(\.id) == ["SP1", "F1", "F2"])
        #expect(try api.ok(FolderTreeEntry.self, .get, "/folders/F1/folders").data.map(\.id) == ["F1", "F2"])
        let projects = try api.ok(Folder.self, .get, "/folders", [("project", "true")])
        #expect(projects.kind == "folders" && projects.data.map(\.id) == ["F2"])
        #expect(projects.data[0].parentIds == ["F1"])
        let shallow = try api.ok(Folder.self, .get, "/spaces/SP1/folders", [("descendants", "false")])
        #expect(shallow.data.map(\.id) == ["SP1", "F1"])
        let deleted = try api.ok(Folder.self, .get, "/folders", [("deleted", "true")])
        #expect(deleted.data.map(\.id) == ["F3"])
        let paged = try api.ok(Folder.self, .get, "/folders", [("descendants", "true"), ("pageSize", "2")])
        #expect(paged.data.count == 2 && paged.responseSize == 3 && paged.nextPageToken != nil)
        _ = try api.fail(400, "invalid_request", .get, "/folders", [("pageSize", "10")])
        _ = try api.fail(400, "invalid_request", .get, "/folders", [("bogus", "1")])
        let byIds = try api.ok(Folder.self, .get, "/folders/F2,F1")
        #expect(byIds.data.map(\.title) == ["API", "Platform"])
        #expect(byIds.data[1].childIds == ["F2"])
        #expect(try api.ok(Folder.self, .get, "/folders/SP1").data.first?.childIds == ["F1"])
        _ = try api.fail(404, "resource_not_found", .get, "/folders/NOPE")
        _ = try api.fail(404, "resource_not_found", .get, "/folders/NOPE/folders")
    }

    @Test func demoTreeHasTwoParentFolderUnderBoth() throws {
        let api = APICaller(dataset: DemoDataset.make(now: fixedNow))
        let tree = try api.ok(FolderTreeEntry.self, .get, "/folders").data
        let website = try #require(tree.first { $0.title == "Website refresh" })
        let parents = tree.filter { ($0.childIds ?? []).contains(website.id) }.map(\.title).sorted()
        #expect(parents == ["Brand", "Platform"])
        #expect(tree.filter { $0.id == website.id }.count == 1)
    }

    @Test func unknownPathsAndMethods() throws {
        let api = APICaller(dataset: tinyDataset())
        _ = try api.fail(404, "method_not_found", .get, "/nothing")
        _ = try api.fail(404, "method_not_found", .get, "/tasks/T1/nothing")
        _ = try api.fail(404, "method_not_found", .get, "/a/b/c/d")
        _ = try api.fail(400, "invalid_request", .post, "/account")
        let v = try api.call(.get, "/api/v4/version")
        #expect(v.status == 200)
    }
}

@Suite struct CommentTimelogEndpointTests {
    @Test func comments() throws {
        let clock = TestClock()
        let api = APICaller(dataset: tinyDataset(), clock: clock)
        let html = try api.ok(WrikeComment.self, .get, "/tasks/T1/comments")
        #expect(html.data.first?.text.contains("<a class=\"stream-user-id avatar\"") == true)
        let plain = try api.ok(WrikeComment.self, .get, "/tasks/T1/comments", [("plainText", "true")])
        #expect(plain.data.first?.text == "Hi @Alex Morgan,\nsee \"spec\"")
        _ = try api.fail(404, "resource_not_found", .get, "/tasks/NOPE/comments")

        let posted = try api.ok(WrikeComment.self, .post, "/tasks/T2/comments", json: #"{"text":"<p>Looks <b>good</b></p>"}"#)
        let c = try #require(posted.data.first)
        #expect(c.taskId == "T2" && c.authorId == "ME" && c.text == "<p>Looks <b>good</b></p>")
        #expect(c.createdDate == WrikeDate.formatTimestamp(clock.now))
        #expect(api.sandbox.task("T2")?.updatedDate == WrikeDate.formatTimestamp(clock.now))
        let plainPost = try api.ok(WrikeComment.self, .post, "/tasks/T2/comments", json: #"{"text":"a < b\nc","plainText":true}"#)
        #expect(api.sandbox.comment(plainPost.data[0].id)?.text == "a &lt; b<br />c")
        #expect(plainPost.data[0].text == "a < b\nc")
        _ = try api.fail(400, "parameter_required", .post, "/tasks/T2/comments", json: #"{}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/comments", json: #"{"text":"   "}"#)
        _ = try api.fail(400, "invalid_request", .post, "/tasks/T2/comments", json: #"{"text":"x","authorId":"U2"}"#)

        clock.advance(299)
        let edited = try api.ok(WrikeComment.self, .put, "/comments/\(c.id)", json: #"{"text":"edited"}"#)
        #expect(edited.data.first?.text == "edited")
        clock.advance(2)
        let late = try api.fail(400, "invalid_request", .put, "/comments/\(c.id)", json: #"{"text":"too late"}"#)
        #expect(late.errorDescription?.contains("5 minutes") == true)
        _ = try api.fail(403, "access_forbidden", .put, "/comments/C1", json: #"{"text":"not mine"}"#)
        let deleted = try api.ok(WrikeComment.self, .delete, "/comments/\(c.id)")
        #expect(deleted.data.isEmpty)
        #expect(api.sandbox.comment(c.id) == nil)
        _ = try api.fail(404, "resource_not_found", .delete, "/comments/\(c.id)")
        #expect(try api.ok(WrikeComment.self, .get, "/comments/C1").data.count == 1)
        // Folder comments.
        let onFolder = try api.ok(WrikeComment.self, .post, "/folders/F2/comments", json: #"{"text":"folder note"}"#)
        #expect(onFolder.data.first?.folderId == "F2")
    }

    @Test func timelogs() throws {
        let clock = TestClock()
        let api = APICaller(dataset: tinyDataset(), clock: clock)
        #expect(try api.ok(Timelog.self, .get, "/tasks/T1/timelogs").data.map(\.id) == ["L1"])
        let ok = try api.ok(Timelog.self, .post, "/tasks/T2/timelogs",
                            json: #"{"hours":1.5,"trackedDate":"2026-11-03","comment":"review","categoryId":"CAT1"}"#)
        let log = try #require(ok.data.first)
        #expect(log.hours == 1.5 && log.trackedDate == "2026-11-03" && log.userId == "ME" && log.categoryId == "CAT1" && log.taskId == "T2")
        #expect(api.sandbox.timelogs(onTask: "T2").count == 1)
        _ = try api.fail(400, "parameter_required", .post, "/tasks/T2/timelogs", json: #"{"trackedDate":"2026-11-03","comment":"x"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/timelogs", json: #"{"hours":0,"trackedDate":"2026-11-03","comment":"x"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/timelogs", json: #"{"hours":24.5,"trackedDate":"2026-11-03","comment":"x"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/timelogs", json: #"{"hours":"abc","trackedDate":"2026-11-03","comment":"x"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/timelogs", json: #"{"hours":1,"comment":"x"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/timelogs", json: #"{"hours":1,"trackedDate":"03/11/2026","comment":"x"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/timelogs", json: #"{"hours":1,"trackedDate":"2026-11-03"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/timelogs", json: #"{"hours":1,"trackedDate":"2026-11-03","comment":"x","categoryId":"NOPE"}"#)
        _ = try api.fail(404, "resource_not_found", .post, "/tasks/NOPE/timelogs", json: #"{"hours":1,"trackedDate":"2026-11-03","comment":"x"}"#)
        #expect(try api.ok(Timelog.self, .post, "/tasks/T2/timelogs", [("hours", "24"), ("trackedDate", "2026-11-04"), ("comment", "")]).data.count == 1)
        #expect(api.sandbox.timelogs(onTask: "T2").count == 2)

        clock.advance(10)
        let put = try api.ok(Timelog.self, .put, "/timelogs/\(log.id)", json: #"{"hours":3,"comment":"more review"}"#)
        #expect(put.data.first?.hours == 3 && put.data.first?.comment == "more review")
        #expect(put.data.first?.updatedDate == WrikeDate.formatTimestamp(clock.now))
        _ = try api.fail(400, "invalid_parameter", .put, "/timelogs/\(log.id)", json: #"{"hours":-1}"#)
        // A semi-open interval (official 2020 method model): the end day is not in it.
        let tracked = try api.ok(Timelog.self, .get, "/timelogs", [("trackedDate", #"{"start":"2026-11-01","end":"2026-11-04"}"#)])
        #expect(tracked.data.map(\.id) == [log.id])
        #expect(try api.ok(Timelog.self, .get, "/timelogs", [("trackedDate", #"{"start":"2026-11-01","end":"2026-11-03"}"#)]).data.isEmpty)
        #expect(try api.ok(Timelog.self, .delete, "/timelogs/\(log.id)").data.isEmpty)
        _ = try api.fail(404, "resource_not_found", .put, "/timelogs/\(log.id)", json: #"{"hours":1}"#)
    }
}

@Suite struct DependencyApprovalAttachmentTests {
    @Test func dependencies() throws {
        let api = APICaller(dataset: tinyDataset())
        let created = try api.ok(Dependency.self, .post, "/tasks/T2/dependencies", json: #"{"predecessorId":"T1","relationType":"FinishToStart"}"#)
        let dep = try #require(created.data.first)
        #expect(dep.predecessorId == "T1" && dep.successorId == "T2" && dep.relationType == .finishToStart && dep.lagTime == 0)
        #expect(api.sandbox.task("T1")?.dependencyIds == [dep.id])
        #expect(api.sandbox.task("T2")?.dependencyIds == [dep.id])
        #expect(try api.ok(Dependency.self, .get, "/tasks/T1/dependencies").data == [dep])
        #expect(try api.ok(Dependency.self, .get, "/dependencies/\(dep.id)").data == [dep])
        // Milestone successor of a finish-to-finish is fine; T4 is a milestone.
        let ff = try api.ok(Dependency.self, .post, "/tasks/T1/dependencies", json: #"{"successorId":"T4","relationType":"FinishToFinish","lagTime":-60}"#)
        #expect(ff.data.first?.successorId == "T4" && ff.data.first?.lagTime == -60)

        _ = try api.fail(400, "invalid_request", .post, "/tasks/T2/dependencies", json: #"{"predecessorId":"T1","successorId":"T4"}"#)
        _ = try api.fail(400, "parameter_required", .post, "/tasks/T2/dependencies", json: #"{"relationType":"FinishToStart"}"#)
        let badType = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/dependencies", json: #"{"predecessorId":"T4","relationType":"finishToStart"}"#)
        #expect(badType.errorDescription == "Parameter 'relationType' value is invalid")
        let undated = try api.fail(400, "invalid_request", .post, "/tasks/T3/dependencies", json: #"{"predecessorId":"T1","relationType":"FinishToStart"}"#)
        #expect(undated.errorDescription == "Operation is not allowed due to invalid task scheduling type")
        _ = try api.fail(400, "invalid_request", .post, "/tasks/T2/dependencies", json: #"{"predecessorId":"T4","relationType":"StartToStart"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/dependencies", json: #"{"predecessorId":"NOPE"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/dependencies", json: #"{"predecessorId":"T2"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/dependencies", json: #"{"predecessorId":"T1"}"#)  // exists

        let updated = try api.ok(Dependency.self, .put, "/dependencies/\(dep.id)", json: #"{"relationType":"StartToStart","lagTime":120}"#)
        #expect(updated.data.first?.relationType == .startToStart && updated.data.first?.lagTime == 120)
        _ = try api.fail(400, "invalid_parameter", .put, "/dependencies/\(dep.id)", json: #"{"relationType":"Sideways"}"#)
        #expect(try api.ok(Dependency.self, .delete, "/dependencies/\(dep.id)").data.isEmpty)
        #expect(api.sandbox.task("T2")?.dependencyIds == [])
        #expect(api.sandbox.task("T1")?.dependencyIds == [ff.data[0].id])
        _ = try api.fail(404, "resource_not_found", .get, "/dependencies/\(dep.id)")
    }

    @Test func approvals() throws {
        let api = APICaller(dataset: tinyDataset())
        #expect(try api.ok(Approval.self, .get, "/tasks/T1/approvals").data.map(\.id) == ["A1"])
        #expect(try api.ok(Approval.self, .get, "/folders/F2/approvals").data.map(\.id) == ["A2"])
        #expect(try api.ok(Approval.self, .get, "/approvals/A2,A1").data.map(\.id) == ["A2", "A1"])
        #expect(try api.ok(Approval.self, .get, "/approvals", [("pendingApprovers", #"["ME"]"#)]).data.map(\.id) == ["A1"])
        #expect(try api.ok(Approval.self, .get, "/approvals", [("statuses", #"["Approved"]"#)]).data.map(\.id) == ["A2"])
        #expect(try api.ok(Approval.self, .get, "/approvals", [("approvers", #"["U2"]"#)]).data.map(\.id) == ["A2"])
        _ = try api.fail(400, "invalid_parameter", .get, "/approvals", [("statuses", #"["Maybe"]"#)])

        let draft = try api.ok(Approval.self, .post, "/tasks/T2/approvals", json: #"{"description":"Check it"}"#).data[0]
        #expect(draft.status == .draft && draft.taskId == "T2" && draft.authorId == "ME" && draft.decisions == [])
        let pending = try api.ok(Approval.self, .post, "/tasks/T2/approvals", json: #"{"approvers":["U2"],"dueDate":"2026-12-01"}"#).data[0]
        #expect(pending.status == .pending && pending.decisions?.map(\.approverId) == ["U2"] && pending.dueDate == "2026-12-01")
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/approvals", json: #"{"approvers":["GHOST"]}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/approvals", json: #"{"dueDate":"tomorrow"}"#)

        let promoted = try api.ok(Approval.self, .put, "/approvals/\(draft.id)", json: #"{"addApprovers":["ME","U2"],"description":"Check it again"}"#).data[0]
        #expect(promoted.status == .pending && promoted.decisions?.count == 2 && promoted.description == "Check it again")
        let demoted = try api.ok(Approval.self, .put, "/approvals/\(draft.id)", json: #"{"removeApprovers":["ME","U2"]}"#).data[0]
        #expect(demoted.status == .draft)
        let cancelled = try api.ok(Approval.self, .delete, "/approvals/\(pending.id)").data[0]
        #expect(cancelled.status == .cancelled && cancelled.finished == true)
        _ = try api.fail(400, "invalid_request", .put, "/approvals/\(pending.id)", json: #"{"description":"x"}"#)
        _ = try api.fail(404, "resource_not_found", .delete, "/approvals/NOPE")

        let decided = api.sandbox.decide(approvalId: "A1", approverId: "ME", status: .approved, comment: "ok")
        #expect(decided?.status == .approved && decided?.finished == true)
    }

    @Test func attachments() throws {
        let api = APICaller(dataset: tinyDataset())
        let list = try api.ok(Attachment.self, .get, "/tasks/T1/attachments")
        #expect(list.data.map(\.name) == ["spec.pdf"])
        #expect(list.data[0].url == nil)
        #expect(try api.ok(Attachment.self, .get, "/tasks/T1/attachments", [("withUrls", "true")]).data[0].url != nil)
        let r1 = try api.call(.get, "/attachments/AT1/download")
        let r2 = try api.call(.get, "/attachments/AT1/download")
        #expect(r1.status == 200 && r1.body.count == 1000 && r1.body == r2.body)
        #expect(r1.header("Content-Type") == "application/pdf")
        #expect(Set(r1.body).count > 50)
        _ = try api.fail(404, "resource_not_found", .get, "/attachments/NOPE/download")
        #expect(try api.ok(Attachment.self, .get, "/tasks/T2/attachments").data.isEmpty)
    }
}
