import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

/// Endpoints and shapes from live recordings and the official method model (issue 13, items 4, 5, 6, 8).
@Suite struct LiveShapeTests {
    /// tinyDataset plus two groups and a user with every contact field nodkz/wrike-graphql asserts.
    static func directory() -> Dataset {
        var d = tinyDataset()
        d.contacts[0] = Contact(id: "ME", firstName: "Alex", lastName: "Morgan", type: .person,
                                profiles: [ContactProfile(accountId: "IEAAAAAA", email: "alex@example.com", role: "User",
                                                          external: false, admin: true, owner: true)],
                                avatarUrl: "https://www.wrike.com/avatars/ME.png", timezone: "Europe/London", locale: "en",
                                deleted: false, phone: "+44 1", title: "Engineer", companyName: "Tiny")
        d.contacts.append(Contact(id: "KX77AAAA", firstName: "Engineering", lastName: "", type: .group, avatarUrl: "",
                                  deleted: false, memberIds: ["ME"], myTeam: true))
        d.contacts.append(Contact(id: "KX77AAAB", firstName: "Design", lastName: "", type: .group, deleted: false,
                                  memberIds: ["U2"]))
        return d
    }

    /// Item 4. `GET /groups`: amp-labs/connectors `providers/wrike/test/groups-page1.json` (live):
    /// `{"id","accountId","title","memberIds","childIds","parentIds","avatarUrl","myTeam"}`; it pages with
    /// `pageSize` and `pageToken` (api-reference §4.3, V154).
    @Test func groups() throws {
        let api = APICaller(dataset: Self.directory())
        let r = try api.call(.get, "/groups")
        #expect(r.status == 200)
        let body = try #require(Ordered.read(r.body))
        #expect(body["kind"].map { if case .scalar(let k) = $0 { k } else { "" } } == "groups")
        #expect(body["data"]?[0]?.keys == ["id", "accountId", "title", "memberIds", "childIds", "parentIds", "avatarUrl", "myTeam"])
        #expect(body["data"]?[1]?.keys == ["id", "accountId", "title", "memberIds", "childIds", "parentIds", "avatarUrl"])
        let page1 = try api.ok(WrikeGroup.self, .get, "/groups", [("pageSize", "1")])
        #expect(page1.data.map(\.id) == ["KX77AAAA"] && page1.data.first?.title == "Engineering")
        let token = try #require(page1.nextPageToken)
        let page2 = try api.ok(WrikeGroup.self, .get, "/groups", [("pageSize", "1"), ("pageToken", token)])
        #expect(page2.data.map(\.id) == ["KX77AAAB"] && page2.nextPageToken == nil)
        #expect(try api.ok(WrikeGroup.self, .get, "/groups/KX77AAAB").data.first?.memberIds == ["U2"])
        _ = try api.fail(404, "resource_not_found", .get, "/groups/ME")
        _ = try api.fail(400, "invalid_parameter", .get, "/groups", [("fields", "[title]")])
    }

    /// Item 4. `GET /users/{id}`: nodkz/wrike-graphql `src/vendor/user/userFindById-spec.ts` asserts the
    /// live answer's `Object.keys`.
    @Test func userById() throws {
        let api = APICaller(dataset: Self.directory())
        let r = try api.call(.get, "/users/ME")
        #expect(r.status == 200)
        let body = try #require(Ordered.read(r.body))
        #expect(body["data"]?[0]?.keys == ["id", "firstName", "lastName", "type", "profiles", "avatarUrl", "timezone", "locale",
                                           "deleted", "me", "title", "companyName", "phone"])
        #expect(String(decoding: r.body, as: UTF8.self).contains(#""kind":"users""#))
        _ = try api.fail(404, "resource_not_found", .get, "/users/KX77AAAA")
        _ = try api.fail(404, "resource_not_found", .get, "/users/NOPE")
    }

    /// Item 4. `GET /colors` and `GET /ids` (official 2020 method model: "Colors Info" `{name, hex}`,
    /// "APIv3/APIv2 ID pair" `{id, apiV2Id}`; `type` one of ApiV2Account…ApiV2Timelog).
    @Test func colorsAndLegacyIds() throws {
        let api = APICaller()
        let colors = try api.ok(ColorInfo.self, .get, "/colors").data
        #expect(colors.map(\.name).contains("DarkCyan") && colors.allSatisfy { $0.hex.hasPrefix("#") && $0.hex.count == 7 })

        let task = try #require(api.sandbox.snapshot().tasks.first { $0.scope == .wsTask })
        let legacy = try #require(task.permalink?.components(separatedBy: "id=").last)
        let ids = try api.ok(LegacyIdPair.self, .get, "/ids", [("type", "ApiV2Task"), ("ids", "[\(legacy)]")])
        #expect(ids.data.map(\.id) == [task.id] && ids.data.first?.apiV2Id == legacy)
        let quoted = try api.ok(LegacyIdPair.self, .get, "/ids", [("type", "ApiV2Task"), ("ids", #"["\#(legacy)"]"#)])
        #expect(quoted.data.map(\.id) == [task.id])
        let folder = try #require(api.sandbox.snapshot().folders.first)
        let fLegacy = try #require(folder.permalink?.components(separatedBy: "id=").last)
        #expect(try api.ok(LegacyIdPair.self, .get, "/ids", [("type", "ApiV2Folder"), ("ids", "[\(fLegacy)]")]).data.map(\.id) == [folder.id])
        _ = try api.fail(404, "resource_not_found", .get, "/ids", [("type", "ApiV2Task"), ("ids", "[1]")])
        _ = try api.fail(400, "invalid_parameter", .get, "/ids", [("type", "Task"), ("ids", "[\(legacy)]")])
        _ = try api.fail(400, "parameter_required", .get, "/ids", [("ids", "[\(legacy)]")])
    }

    /// Item 5. Official 2020 method model, `GET /comments`: `updatedDate` "default: last 7 days". Airbyte's
    /// Wrike source (PyPI `airbyte-source-wrike` 0.2.12, `manifest.yaml`) reads `/comments` with no range.
    @Test func accountCommentsDefaultToTheLastSevenDays() throws {
        let clock = TestClock(fixedNow)
        let api = APICaller(dataset: tinyDataset(), clock: clock)
        _ = try api.ok(WrikeComment.self, .post, "/tasks/T2/comments", [("text", "fresh")])
        let recent = try api.ok(WrikeComment.self, .get, "/comments")
        #expect(recent.data.map { HTMLText.plain($0.text) } == ["fresh"])  // C1 (2026-10-02) is weeks old
        clock.advance(8 * 86_400)
        #expect(try api.ok(WrikeComment.self, .get, "/comments").data.isEmpty)
        let old = try api.ok(WrikeComment.self, .get, "/comments",
                             [("createdDate", #"{"start":"2026-10-01T00:00:00Z","end":"2026-10-08T00:00:00Z"}"#)])
        #expect(old.data.map(\.id) == ["C1"])
        _ = try api.fail(400, "invalid_parameter", .get, "/comments",
                         [("createdDate", #"{"start":"2026-10-01T00:00:00Z","end":"2026-10-09T00:00:00Z"}"#)])
    }

    /// Item 6. Official 2020 method model: `trackedDate`, `createdDate`, `updatedDate` are a "Timestamp
    /// semi-open interval" `{start, end}` in `yyyy-MM-dd'T'HH:mm:ss'Z'`; amp-labs/connectors
    /// `providers/wrike/read.go` and README: "Wrike rejects start >= end" (verified live).
    @Test func dateRangesAreSemiOpenAndNonEmpty() throws {
        let api = APICaller(dataset: tinyDataset())
        func tracked(_ range: String) throws -> [String] {
            try api.ok(Timelog.self, .get, "/timelogs", [("trackedDate", range)]).data.map(\.id)
        }
        // L1 is tracked on 2026-10-03.
        #expect(try tracked(#"{"start":"2026-10-03T00:00:00Z","end":"2026-10-04T00:00:00Z"}"#) == ["L1"])
        #expect(try tracked(#"{"start":"2026-10-03T00:00:00Z","end":"2026-10-03T23:59:59Z"}"#) == ["L1"])
        #expect(try tracked(#"{"start":"2026-10-02T00:00:00Z","end":"2026-10-03T00:00:00Z"}"#) == [])
        #expect(try tracked(#"{"start":"2026-10-03","end":"2026-10-04"}"#) == ["L1"])
        #expect(try tracked(#"{"equal":"2026-10-03"}"#) == ["L1"])
        for empty in [#"{"start":"2026-10-03","end":"2026-10-03"}"#, #"{"start":"2026-10-04T00:00:00Z","end":"2026-10-03T00:00:00Z"}"#] {
            _ = try api.fail(400, "invalid_parameter", .get, "/timelogs", [("trackedDate", empty)])
        }
        // createdDate of T1..T4 is 2026-10-01T09:00:00Z: in [09:00, 09:01), not in [08:00, 09:00).
        let created = try api.ok(WrikeTask.self, .get, "/tasks",
                                 [("createdDate", #"{"start":"2026-10-01T09:00:00Z","end":"2026-10-01T09:01:00Z"}"#)])
        #expect(created.data.count == 4)
        #expect(try api.ok(WrikeTask.self, .get, "/tasks",
                           [("createdDate", #"{"start":"2026-10-01T08:00:00Z","end":"2026-10-01T09:00:00Z"}"#)]).data.isEmpty)
        for name in ["createdDate", "updatedDate"] {
            _ = try api.fail(400, "invalid_parameter", .get, "/tasks",
                             [(name, #"{"start":"2026-10-01T09:00:00Z","end":"2026-10-01T09:00:00Z"}"#)])
            _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [(name, #"{"start":"2026-10-01T09:00:00.000Z"}"#)])
        }
    }

    /// Item 8. `/spaces/{id}/folders?project=true` carries `"description": ""` unless asked for
    /// (devrev/airdrop-wrike-snap-in live capture); spaces always carry `avatarUrl` (nodkz/wrike-graphql
    /// `spaceFindMany-spec.ts`, live), even when the dataset has none.
    @Test func folderListsCarryDescriptionAndSpacesAvatar() throws {
        var d = tinyDataset()
        d.folders[1].description = "<p>The API</p>"
        let api = APICaller(dataset: d)
        let projects = try api.ok(Folder.self, .get, "/spaces/SP1/folders", [("project", "true")]).data
        #expect(projects.map(\.id) == ["F2"] && projects.map(\.description) == [""])
        let asked = try api.ok(Folder.self, .get, "/spaces/SP1/folders", [("project", "true"), ("fields", #"["description"]"#)])
        #expect(asked.data.map(\.description) == ["<p>The API</p>"])
        let spaces = try api.ok(Space.self, .get, "/spaces").data
        #expect(spaces.allSatisfy { ($0.avatarUrl ?? "").hasPrefix("https://") && $0.archived == false })
    }

    /// Item 8. Subtree answers start with the node itself and hold neither Root nor Recycle Bin: the
    /// docs' `folderSubtreeData` example (AkihikoITOH/wrike.go `get_folder_tree_test.go`, copied from
    /// developers.wrike.com) is the folder and its children only; only `GET /folders` lists the two.
    @Test func subtreesHoldNeitherRootNorRecycleBin() throws {
        let api = APICaller(dataset: tinyDataset())
        for path in ["/spaces/SP1/folders", "/folders/SP1/folders", "/folders/F1/folders"] {
            let entries = try api.ok(FolderTreeEntry.self, .get, path).data
            #expect(!entries.contains { $0.scope == .wsRoot || $0.scope == .rbRoot }, "\(path)")
            #expect(entries.first?.id == path.split(separator: "/")[1].description)
        }
        let all = try api.ok(FolderTreeEntry.self, .get, "/folders").data
        #expect(all.prefix(2).map(\.scope) == [.wsRoot, .rbRoot])
    }
}
