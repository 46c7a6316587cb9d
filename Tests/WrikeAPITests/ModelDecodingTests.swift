import Foundation
import Testing
@testable import WrikeAPI

/// The package root: #filePath = <root>/Tests/WrikeAPITests/ModelDecodingTests.swift.
func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Real Wrike response bodies, each `X.json` with `X.source.txt` naming where it comes from; part of the
/// repository, so that a clone with nothing beside it runs every test.
func samplesDirectory() -> URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples") }

func sample(_ name: String) throws -> Data {
    try Data(contentsOf: samplesDirectory().appendingPathComponent(name))
}

func decodeEnvelope<T: Codable & Sendable>(_ type: T.Type, _ name: String) throws -> Envelope<T> {
    try JSONDecoder().decode(Envelope<T>.self, from: sample(name))
}

private struct KindProbe: Decodable { var kind: String?; var error: String? }

@Suite struct ModelDecodingTests {
    /// The fixtures live in the repository (a fresh clone has nothing beside it), and every sample names
    /// its source.
    @Test func samplesAreInsideThePackageWithTheirSources() throws {
        let root = packageRoot().standardizedFileURL.path + "/"
        let dir = samplesDirectory().standardizedFileURL
        #expect(dir.path.hasPrefix(root + "Tests/"), "\(dir.path) is outside \(root)")
        #expect(FileManager.default.fileExists(atPath: root + "Package.swift"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        let samples = files.filter { $0.hasSuffix(".json") }
        #expect(samples.count >= 40)
        for json in samples {
            let source = String(json.dropLast(".json".count)) + ".source.txt"
            #expect(files.contains(source), "\(json) has no \(source)")
            let text = (try? String(contentsOf: dir.appendingPathComponent(source), encoding: .utf8)) ?? ""
            #expect(text.hasPrefix("Source:"), "\(source) does not name its source")
        }
    }

    /// Every sample decodes into the model its `kind` names (errors into `WrikeErrorBody`), and
    /// re-encodes to JSON that decodes to an equal value.
    @Test func everySampleDecodes() throws {
        let dir = samplesDirectory()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix("wrike-official-api-doc-model") }
            .sorted()
        #expect(files.count >= 40)
        var decodedKinds: Set<String> = []
        for file in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(file))
            let probe = try JSONDecoder().decode(KindProbe.self, from: data)
            if probe.error != nil {
                let body = try JSONDecoder().decode(WrikeErrorBody.self, from: data)
                #expect(!body.error.isEmpty, "\(file)")
                continue
            }
            let kind = try #require(probe.kind, "\(file) has no kind")
            decodedKinds.insert(kind)
            switch kind {
            case "tasks": try roundTrip(WrikeTask.self, data, file)
            case "folders": try roundTrip(Folder.self, data, file)
            case "folderTree": try roundTrip(FolderTreeEntry.self, data, file)
            case "accounts": try roundTrip(Account.self, data, file)
            case "contacts", "users": try roundTrip(Contact.self, data, file)
            case "customfields": try roundTrip(CustomField.self, data, file)
            case "workflows": try roundTrip(Workflow.self, data, file)
            case "groups": try roundTrip(Group.self, data, file)
            case "comments": try roundTrip(WrikeAPI.Comment.self, data, file)
            default: Issue.record("\(file): no model for kind \(kind)")
            }
        }
        #expect(decodedKinds.isSuperset(of: ["tasks", "folders", "folderTree", "accounts", "contacts", "workflows", "customfields", "comments"]))
    }

    private func roundTrip<T: Codable & Sendable & Hashable>(_ type: T.Type, _ data: Data, _ file: String) throws {
        let envelope = try JSONDecoder().decode(Envelope<T>.self, from: data)
        let again = try JSONDecoder().decode(Envelope<T>.self, from: JSONEncoder().encode(envelope))
        #expect(again == envelope, "\(file) does not round-trip")
    }

    @Test func pagedTasks() throws {
        let page1 = try decodeEnvelope(WrikeTask.self, "amp-labs-tasks-page1.json")
        #expect(page1.kind == "tasks")
        #expect(page1.nextPageToken == "TOKEN-PAGE-2")
        #expect(page1.responseSize == 3)
        #expect(page1.data.map(\.id) == ["IEAG5DBKKQ3U5ZXA", "IEAG5DBKKQ3U5ZXB"])
        #expect(page1.data[0].title == "Write the connector")
        #expect(page1.data[0].importance == .high)
        #expect(page1.data[0].status == .active)
        #expect(page1.data[0].scope == .wsTask)
        #expect(page1.data[0].responsibleIds == nil)

        let page2 = try decodeEnvelope(WrikeTask.self, "amp-labs-tasks-page2.json")
        #expect(page2.nextPageToken == nil)
        #expect(page2.data.single?.status == .completed)

        let empty = try decodeEnvelope(WrikeTask.self, "amp-labs-tasks-empty.json")
        #expect(empty.data.isEmpty)

        let described = try decodeEnvelope(WrikeTask.self, "amp-labs-tasks-with-description.json")
        #expect(described.data.single?.description == "<p>Static metadata first</p>")
        #expect(described.data.single?.attachmentCount == 2)
        #expect(described.data.single?.accountId == nil)

        let updated = try decodeEnvelope(WrikeTask.self, "amp-labs-task-update.json")
        #expect(updated.data.single?.id == "MAAAAAEQ_kSH")
        #expect(updated.data.single?.importance == .low)
    }

    @Test func fullTask() throws {
        let env = try decodeEnvelope(WrikeTask.self, "docs-example-create_task-createdTaskData.json")
        let task = try #require(env.data.single)
        #expect(task.id == "IEAAAAAQKQAB5BG5")
        #expect(task.parentIds == ["IEAAAAAQI4AB5BGU"])
        #expect(task.superParentIds == ["IEAAAAAQI4AB5BGV", "IEAAAAAQI4AB5BGW"])
        #expect(task.superTaskIds == ["IEAAAAAQKQAB5BG4"])
        #expect(task.dates == TaskDates(type: .planned, duration: 2880, start: "2019-02-18T09:00:00", due: "2019-02-25T17:00:00"))
        #expect(task.customStatusId == "IEAAAAAQJMAAAAAA")
        #expect(task.priority == "00000800800000000000b100")
        #expect(task.followedByMe == true)
        #expect(task.customFields == [CustomFieldValue(id: "IEAAAAAQJUAAAAAX", value: "testValue")])
        #expect(task.metadata == [MetadataEntry(key: "testMetaKey", value: "testMetaValue")])
        #expect(task.permalink == "https://dev.wrke.io/open.htm?id=2000093")

        let all = try decodeEnvelope(WrikeTask.self, "docs-example-query_tasks-allTasksData.json")
        #expect(all.data.count == 2)
        #expect(all.data[1].dependencyIds == ["IEAAAAAQIUAB5BG3KMAB5BG4", "IEAAAAAQIUAB5BG5KMAB5BG3"])
        #expect(all.data[0].subTaskIds == ["IEAAAAAQKQAB5BG5"])

        let deleted = try decodeEnvelope(WrikeTask.self, "docs-example-delete_task-deletedTaskData.json")
        #expect(deleted.data.single?.scope == .rbTask)
        #expect(deleted.data.single?.scope?.isRecycleBin == true)
        #expect(deleted.data.single?.status == .deferred)
    }

    @Test func foldersAndTree() throws {
        let tree = try decodeEnvelope(FolderTreeEntry.self, "docs-example-get_folder_tree-folderTreeData.json")
        #expect(tree.kind == "folderTree")
        #expect(tree.data.map(\.scope) == [.wsRoot, .rbRoot, .wsFolder])
        #expect(tree.data[0].id == "IEAAAAAQI7777777")
        #expect(tree.data[0].childIds?.count == 3)
        #expect(tree.data[1].title == "Recycle Bin")

        let tree2 = try decodeEnvelope(FolderTreeEntry.self, "docs-example-folder-folderTreeData.json")
        #expect(tree2.data[0].project?.status == .green)
        #expect(tree2.data[0].project?.ownerIds == ["KUAAAAAQ"])

        let folders = try decodeEnvelope(Folder.self, "docs-example-folder-foldersData.json")
        #expect(folders.data.count == 2)
        let first = folders.data[0]
        #expect(first.title == "New title")
        #expect(first.color == "None")
        #expect(first.childIds == ["IEAAAAAQI4AB5BGV", "IEAAAAAQI4AB5BGW"])
        #expect(first.workflowId == "IEAAAAAQK777777Q")
        #expect(first.project?.startDate == "2019-02-18")
        #expect(first.project?.endDate == "2019-02-25")
        #expect(first.briefDescription == "New description")

        let rb = try decodeEnvelope(Folder.self, "docs-example-delete_folder-deletedFolderData.json")
        #expect(rb.data.single?.scope == .rbFolder)
    }

    @Test func accountsContactsWorkflows() throws {
        let accounts = try decodeEnvelope(Account.self, "docs-example-account-allAccountsData.json")
        let account = try #require(accounts.data.single)
        #expect(account.id == "IEAAAAAQ")
        #expect(account.rootFolderId == "IEAAAAAQI7777777")
        #expect(account.recycleBinId == "IEAAAAAQI7777776")
        #expect(account.workDays == ["Mon", "Tue", "Wed"])
        #expect(account.subscription == Subscription(type: "Enterprise", paid: false, userLimit: 50))
        #expect(account.customFields?.count == 3)
        #expect(account.customFields?.first?.settings?.inheritanceType == "All")

        let contacts = try decodeEnvelope(Contact.self, "docs-example-contact-allContactsData.json")
        #expect(contacts.data.count == 2)
        #expect(contacts.data[0].me == true)
        #expect(contacts.data[0].displayName == "Alexander Spitsyn")
        #expect(contacts.data[0].profiles?.first?.owner == true)
        #expect(contacts.data[0].phone == "+1 111111111")
        #expect(contacts.data[1].type == .group)
        #expect(contacts.data[1].memberIds == ["KUAAAAAQ"])

        let workflows = try decodeEnvelope(Workflow.self, "docs-example-query_workflows-allWorkflowsData.json")
        #expect(workflows.data.count == 3)
        #expect(workflows.data[0].name == "Default Workflow")
        #expect(workflows.data[0].standard == true)
        let statuses = try #require(workflows.data[0].customStatuses)
        #expect(statuses.map(\.name) == ["New", "In Progress", "Completed"])
        #expect(statuses[1].color == .turquoise)
        #expect(statuses[2].group == .completed)
        #expect(statuses[0].standard == true)

        let fields = try decodeEnvelope(CustomField.self, "docs-example-query_custom_fields-customFieldsByID.json")
        #expect(fields.data[1].type == .numeric)
        #expect(fields.data[1].settings?.decimalPlaces == 2)
        #expect(fields.data[1].settings?.aggregation == "Sum")

        let groups = try decodeEnvelope(Group.self, "docs-example-query_groups-allGroupsData.json")
        #expect(groups.data.map(\.id) == ["KX77777G", "KX77777H", "KX77777I"])
        #expect(groups.data[1].childIds == ["KX77777G"])
    }

    @Test func commentsAndErrors() throws {
        let comments = try decodeEnvelope(WrikeAPI.Comment.self, "amp-labs-comment-update.json")
        let comment = try #require(comments.data.single)
        #expect(comment.id == "IEAG5DBKIMCUAHY2")
        #expect(comment.authorId == "KUAZR5QA")
        #expect(comment.text == "probe comment (updated)")
        #expect(comment.taskId == "MAAAAAEQ_kSH")

        let invalid = try JSONDecoder().decode(WrikeErrorBody.self, from: sample("amp-labs-error-invalid-request.json"))
        #expect(invalid.error == "invalid_request")
        #expect(invalid.errorDescription == "Parameter 'id' is not allowed")
        let unauthorized = try JSONDecoder().decode(WrikeErrorBody.self, from: sample("amp-labs-error-unauthorized.json"))
        #expect(unauthorized.error == "not_authorized")
        #expect(unauthorized.errorDescription == "Access token is unknown or invalid")
    }

    @Test func unknownEnumValuesSurviveRoundTrip() throws {
        let json = #"""
        {"id":"T1","title":"x","status":"Frozen","importance":"Critical","scope":"XxTask",
         "dates":{"type":"Floating"},"unknownKey":{"nested":[1,2,3]}}
        """#
        let task = try JSONDecoder().decode(WrikeTask.self, from: Data(json.utf8))
        #expect(task.status?.rawValue == "Frozen")
        #expect(task.status?.isKnown == false)
        #expect(task.importance == Importance(rawValue: "Critical"))
        #expect(task.dates?.type?.rawValue == "Floating")
        let encoded = try JSONEncoder().encode(task)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains("\"Frozen\""))
        #expect(text.contains("\"Critical\""))
        #expect(text.contains("\"XxTask\""))
        #expect(!text.contains("unknownKey"))
        let again = try JSONDecoder().decode(WrikeTask.self, from: encoded)
        #expect(again == task)
        #expect(TaskStatus.active.isKnown)
        #expect(RelationType("finishToStart").isKnown == false)
    }

    @Test func lenientValues() throws {
        let token = try JSONDecoder().decode(OAuthTokenResponse.self, from: Data(#"""
        {"access_token":"2YotnFZFEjr1zCsicMWpAA","refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
         "token_type":"bearer","expires_in":"3600","host":"www.wrike.com"}
        """#.utf8))
        #expect(token.expiresIn == 3600)
        #expect(token.host == "www.wrike.com")
        #expect(token.refreshToken == "tGzv3JOkF0XG5Qx2TlKWIA")
        let numeric = try JSONDecoder().decode(OAuthTokenResponse.self, from: Data(#"{"access_token":"a","expires_in":3600}"#.utf8))
        #expect(numeric.expiresIn == 3600)
        #expect(numeric.refreshToken == nil)
        let reencoded = String(decoding: try JSONEncoder().encode(numeric), as: UTF8.self)
        #expect(reencoded.contains("\"expires_in\":3600"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OAuthTokenResponse.self, from: Data(#"{"access_token":"a","expires_in":"soon"}"#.utf8))
        }

        let cf = try JSONDecoder().decode([CustomFieldValue].self, from: Data(#"[{"id":"A","value":5000},{"id":"B","value":null},{"id":"C","value":"02:25"}]"#.utf8))
        #expect(cf.map(\.value) == ["5000", nil, "02:25"])
        let timelog = try JSONDecoder().decode(Timelog.self, from: Data(#"{"id":"L","hours":"1.5"}"#.utf8))
        #expect(timelog.hours == 1.5)
    }

    @Test func wrikeDates() throws {
        let date = try #require(WrikeDate.parseTimestamp("2019-02-18T11:17:43Z"))
        #expect(date.timeIntervalSince1970 == 1_550_488_663)
        #expect(WrikeDate.formatTimestamp(date) == "2019-02-18T11:17:43Z")
        #expect(WrikeDate.formatTimestamp(Date(timeIntervalSince1970: 1_550_488_663.9)) == "2019-02-18T11:17:43Z")
        #expect(WrikeDate.parseTimestamp("2019-02-18T11:17:43") == nil)
        #expect(WrikeDate.parseTimestamp("2019-02-30T11:17:43Z") == nil)
        #expect(WrikeDate.isTimestamp("2019-02-18T11:17:43Z"))
        #expect(!WrikeDate.isTimestamp("2019-02-18T11:17:43.123Z"))
        let local = try #require(WrikeDate.parseLocal("2019-02-25T17:00:00"))
        #expect(WrikeDate.formatLocalDateTime(local) == "2019-02-25T17:00:00")
        #expect(WrikeDate.formatDate(local) == "2019-02-25")
        let day = try #require(WrikeDate.parseLocal("2024-02-29"))
        #expect(WrikeDate.formatDate(day) == "2024-02-29")
        #expect(WrikeDate.isDate("2024-02-29"))
        #expect(!WrikeDate.isDate("2023-02-29"))
        #expect(!WrikeDate.isDate("2023-2-9"))
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let inTokyo = try #require(WrikeDate.parseLocal("2019-02-25T09:00:00", timeZone: tokyo))
        #expect(WrikeDate.formatTimestamp(inTokyo) == "2019-02-25T00:00:00Z")
        #expect(WrikeDate.formatLocalDateTime(inTokyo, timeZone: tokyo) == "2019-02-25T09:00:00")
        #expect(WrikeDate.civilFromDays(WrikeDate.daysFromCivil(year: 1969, month: 12, day: 31)) == (1969, 12, 31))
        #expect(WrikeDate.formatTimestamp(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}

extension Array {
    var single: Element? { count == 1 ? first : nil }
}
