import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

/// Writes that third-party clients make and the app does not: folders and projects, the user's own
/// contact, timelogs by category (official 2020 method model: `POST /folders/{id}/folders`, `PUT
/// /folders/{id}`, `DELETE /folders/{id}`, `PUT /contacts/{id}`, `GET /timelog_categories/{id}/timelogs`;
/// WrikePy 1.0.4 and PyWrike 1.955 call them, scripts/third-party-clients.sh).
@Suite struct FolderWriteTests {
    /// Shapes as the docs' `createdFolderData` / `deletedFolderData` examples.
    @Test func createRenameMoveAndDeleteAFolder() throws {
        let clock = TestClock(fixedNow)
        let api = APICaller(dataset: tinyDataset(), clock: clock)
        let made = try #require(try api.ok(Folder.self, .post, "/folders/F1/folders",
                                           [("title", "From WrikePy"), ("description", "made elsewhere"), ("shareds", "[U2]")]).data.first)
        #expect(made.title == "From WrikePy" && made.parentIds == ["F1"] && made.scope == .wsFolder)
        #expect(made.description == "made elsewhere" && made.sharedIds == ["ME", "U2"] && made.workflowId == "WF1")
        #expect(made.createdDate == WrikeDate.formatTimestamp(fixedNow) && made.permalink?.contains("open.htm?id=") == true)
        #expect(api.sandbox.folder("F1")?.childIds?.contains(made.id) == true)
        #expect(try api.ok(FolderTreeEntry.self, .get, "/folders/F1/folders").data.map(\.id).contains(made.id))

        clock.advance(60)
        let moved = try #require(try api.ok(Folder.self, .put, "/folders/\(made.id)",
                                            json: #"{"title":"Renamed","addParents":["F2"],"removeParents":["F1"]}"#).data.first)
        #expect(moved.title == "Renamed" && moved.parentIds == ["F2"] && moved.updatedDate == WrikeDate.formatTimestamp(clock.now))
        #expect(api.sandbox.folder("F1")?.childIds?.contains(made.id) == false)
        _ = try api.fail(400, "invalid_parameter", .put, "/folders/\(made.id)", json: #"{"removeParents":["F2"]}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/folders/\(made.id)", json: #"{"title":"  "}"#)

        let deleted = try #require(try api.ok(Folder.self, .delete, "/folders/\(made.id)").data.first)
        #expect(deleted.scope == .rbFolder && deleted.parentIds == ["IEAAAAAAI7777776"])
        #expect(!(try api.ok(FolderTreeEntry.self, .get, "/folders/F2/folders").data.map(\.id).contains(made.id)))
        let restored = try #require(try api.ok(Folder.self, .put, "/folders/\(made.id)", json: #"{"restore":true}"#).data.first)
        #expect(restored.scope == .wsFolder && restored.parentIds == ["F2"])
        _ = try api.fail(404, "resource_not_found", .post, "/folders/NOPE/folders", [("title", "x")])
        _ = try api.fail(400, "parameter_required", .post, "/folders/F1/folders")
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/folders", [("title", "x"), ("shareds", "[NOPE]")])
    }

    @Test func projectsAreCreatedChangedAndTurnedBackIntoFolders() throws {
        let api = APICaller(dataset: tinyDataset())
        // In the account root, as the docs say for `rootFolderId`; PyWrike's `create_wrike_project` body.
        let p = try #require(try api.ok(Folder.self, .post, "/folders/IEAAAAAAI7777777/folders",
                                        json: #"{"title":"Launch","project":{"ownerIds":["U2"],"startDate":"2027-03-01","endDate":"2027-04-30"}}"#).data.first)
        #expect(p.project?.ownerIds == ["U2"] && p.project?.startDate == "2027-03-01" && p.project?.authorId == "ME")
        #expect(p.project?.status == .green)
        let q = try #require(try api.ok(Folder.self, .put, "/folders/\(p.id)",
                                        [("project", #"{"ownersAdd":["ME"],"ownersRemove":["U2"],"customStatusId":"CS_WIP","endDate":null}"#)]).data.first)
        #expect(q.project?.ownerIds == ["ME"] && q.project?.status == .custom && q.project?.customStatusId == "CS_WIP")
        #expect(q.project?.endDate == nil)
        #expect(try api.ok(Folder.self, .put, "/folders/\(p.id)", json: #"{"project":null}"#).data.first?.project == nil)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/folders", json: #"{"title":"x","project":{"startDate":"soon"}}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/folders", json: #"{"title":"x","project":{"color":"Red"}}"#)
    }

    @Test func theUserChangesTheirOwnContactMetadata() throws {
        let api = APICaller(dataset: tinyDataset())
        let c = try api.ok(Contact.self, .put, "/contacts/ME", [("metadata", #"[{"key":"client","value":"WrikePy 1.0.4"}]"#)])
        #expect(c.data.first?.metadata == [MetadataEntry(key: "client", value: "WrikePy 1.0.4")])
        let removed = try api.ok(Contact.self, .put, "/contacts/ME", json: #"{"metadata":[{"key":"client","value":null}]}"#)
        #expect(removed.data.first?.metadata == [])
        _ = try api.fail(403, "access_forbidden", .put, "/contacts/U2", [("metadata", #"[{"key":"k","value":"v"}]"#)])
        _ = try api.fail(400, "invalid_request", .put, "/contacts/ME", [("firstName", "Al")])
    }

    @Test func timelogsOfACategory() throws {
        let api = APICaller(dataset: tinyDataset())
        #expect(try api.ok(Timelog.self, .get, "/timelog_categories/CAT1/timelogs").data.map(\.id) == ["L1"])
        _ = try api.fail(404, "resource_not_found", .get, "/timelog_categories/NOPE/timelogs")
    }
}
