// The detail on shapes recorded from the live Wrike API (issue 13, "the app on real shapes").
import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

/// Custom fields as live Wrike sends them. The JSON below is cut from DeskproApps/wrike
/// `testing/mocks/mockCustomFields.json` and `testing/mocks/mockTask.json` (commits 684cf77 and 904e6b5;
/// recorded from a live account): every value is a string, a multiple-select field's value a JSON array
/// inside that string, currency and percentage plain numbers whose unit is in the field's settings.
@Suite struct CustomFieldShapeTests {
    static let definitions = #"""
    {"kind": "customfields", "data": [
      {"id": "IEAGJJFWJUAGXMGG", "accountId": "IEAGJJFW", "title": "Budget", "type": "Currency",
       "settings": {"inheritanceType": "All", "decimalPlaces": 2, "useThousandsSeparator": true, "currency": "USD",
                    "aggregation": "Sum", "readOnly": false}},
      {"id": "IEAGJJFWJUAGXM65", "accountId": "IEAGJJFW", "title": "Number field", "type": "Numeric",
       "settings": {"decimalPlaces": 0, "useThousandsSeparator": false, "aggregation": "Sum"}},
      {"id": "IEAGJJFWJUAGXM7S", "accountId": "IEAGJJFW", "title": "Multiple select field", "type": "Multiple",
       "settings": {"values": ["one", "two", "three", "four", "five"], "allowOtherValues": true}},
      {"id": "IEAGJJFWJUAGXM7B", "accountId": "IEAGJJFW", "title": "Percent field", "type": "Percentage",
       "settings": {"decimalPlaces": 2, "aggregation": "Sum", "readOnly": false, "allowTime": false}},
      {"id": "IEAGJJFWJUAGXM67", "accountId": "IEAGJJFW", "title": "Currency field", "type": "Currency",
       "settings": {"decimalPlaces": 2, "useThousandsSeparator": true, "currency": "UAH", "aggregation": "Sum"}},
      {"id": "IEAGJJFWJUAGXM7T", "accountId": "IEAGJJFW", "title": "People field", "type": "Contacts",
       "settings": {"contacts": ["KUATMOGX", "IEAGJJFWJEASM4KA"]}},
      {"id": "IEAGJJFWJUAGXM7W", "accountId": "IEAGJJFW", "title": "Checkbox field", "type": "Checkbox",
       "settings": {"readOnly": false}},
      {"id": "IEAGJJFWJUAGXM7C", "accountId": "IEAGJJFW", "title": "Single select field", "type": "DropDown",
       "settings": {"values": ["one", "two", "three"]}}
    ]}
    """#

    static let values = #"""
    [{"id": "IEAGJJFWJUAGXMGG", "value": "5000"},
     {"id": "IEAGJJFWJUAGXM7B", "value": "79"},
     {"id": "IEAGJJFWJUAGXM7T", "value": "KUATMOGX,IEAGJJFWJEASM4KC"},
     {"id": "IEAGJJFWJUAGXM67", "value": "100500"},
     {"id": "IEAGJJFWJUAGXM7S", "value": "[\"one\",\"three\",\"five\"]"},
     {"id": "IEAGJJFWJUAGXM7W", "value": "true"},
     {"id": "IEAGJJFWJUAGXM65", "value": "500100"},
     {"id": "IEAGJJFWJUAGXM7C", "value": "two"}]
    """#

    @Test func liveShapesShowAsWrikeMeansThem() throws {
        let defs = try JSONDecoder().decode(Envelope<CustomField>.self, from: Data(Self.definitions.utf8)).data
        let values = try JSONDecoder().decode([CustomFieldValue].self, from: Data(Self.values.utf8))
        var s = loadedState(viewport: Viewport(treeRows: 10, listRows: 10, detailRows: 40, detailWidth: 70))
        var boot = Fixture.bootstrap
        boot.customFields = defs
        boot.contacts.append(Contact(id: "KUATMOGX", firstName: "Deskpro", lastName: "Tester"))
        boot.contacts.append(Contact(id: "IEAGJJFWJEASM4KC", firstName: "Second", lastName: "Person"))
        _ = s.handle(.bootstrap(.success(boot)))
        _ = s.update(.move(2))  // T1
        _ = s.update(.open)
        var full = Fixture.tasks[0]
        full.customFields = values
        _ = s.handle(.detailTask(taskId: "T1", .success(full)))
        let text = s.detail.lines.map(\.text)
        func field(_ title: String) -> String? {
            text.first { $0.hasPrefix(title) }.map { String($0.dropFirst(18)) }
        }
        #expect(field("Multiple select") == "one, three, five")
        #expect(field("Percent field") == "79%")
        #expect(field("Budget") == "5,000 USD")
        #expect(field("Currency field") == "100,500 UAH")
        #expect(field("Number field") == "500100")
        #expect(field("People field") == "Deskpro Tester, Second Person")
        #expect(field("Checkbox field") == "yes")
        #expect(field("Single select") == "two")
    }

    @Test func numbersKeepTheirDigitsUpToTheFieldsDecimals() {
        #expect(CustomFieldDisplay.number("1234567.891", decimals: 2, grouped: true) == "1,234,567.89")
        #expect(CustomFieldDisplay.number("-1500", decimals: nil, grouped: true) == "-1,500")
        #expect(CustomFieldDisplay.number("79.5", decimals: 0, grouped: false) == "80")
        #expect(CustomFieldDisplay.number("12abc", decimals: 2, grouped: true) == nil)
        #expect(CustomFieldDisplay.number("", decimals: 2, grouped: true) == nil)
        // Not what the settings promise: shown as sent.
        let pct = CustomField(id: "P", title: "P", type: .percentage)
        #expect(CustomFieldDisplay.text("about half", field: pct, name: { $0 }) == "about half")
        let multi = CustomField(id: "M", title: "M", type: .multiple)
        #expect(CustomFieldDisplay.text("plain", field: multi, name: { $0 }) == "plain")
        // Server text inside the array is sanitized like any other (an escape sequence as JSON's \u001b).
        #expect(CustomFieldDisplay.text(#"["a\u001b[2J","b"]"#, field: multi, name: { $0 }) == "a, b")
    }
}

/// People `/contacts` does not list (Wrike Bot, removed users): read by id after the view shows them,
/// named "unknown user" when Wrike does not know them either, never shown as an id.
@Suite struct UnknownPeopleTests {
    static let bot = "KX7XV7IP"     // an id as Wrike sends them (DeskproApps/wrike mockTask.json `sharedIds`)
    static let gone = "KUATMAGA"

    func opened() -> (AppState, [Effect]) {
        var s = loadedState(viewport: Viewport(treeRows: 10, listRows: 10, detailRows: 60, detailWidth: 70))
        _ = s.update(.move(2))  // T1
        _ = s.update(.open)
        var full = Fixture.tasks[0]
        full.responsibleIds = ["ME", Self.gone]
        full.authorIds = [Self.bot]
        let effects = s.handle(.detailTask(taskId: "T1", .success(full)))
        return (s, effects)
    }

    @Test func readByIdAfterTheDetailShowsThemNeverAnId() {
        var (s, effects) = opened()
        #expect(effects.contains(.loadContacts(ids: [Self.gone, Self.bot])))
        func text() -> String { s.detail.lines.map(\.text).joined(separator: "\n") }
        #expect(!text().contains(Self.bot) && !text().contains(Self.gone))
        #expect(text().contains("Author     \(Directory.pendingName)"))
        // Comments and approvals name the same people: not asked again; a new one is.
        let more = s.handle(.comments(taskId: "T1", .success([Comment(id: "C1", authorId: Self.bot, text: "Done by automation")])))
        #expect(more.isEmpty)
        let approver = s.handle(.approvals(taskId: "T1", .success([Approval(id: "A1", decisions: [
            ApprovalDecision(approverId: "KUOTHER", status: .pending)], status: .pending)])))
        #expect(approver == [.loadContacts(ids: ["KUOTHER"])])
        // Wrike returns the bot, not the removed user (nor, after a failed read, the approver).
        _ = s.handle(.contactsById(ids: [Self.gone, Self.bot], .success([
            Contact(id: Self.bot, firstName: "Wrike", lastName: "Bot", type: .robot)])))
        _ = s.handle(.contactsById(ids: ["KUOTHER"], .failure(ServiceFailure("Not found in Wrike."))))
        #expect(text().contains("Author     Wrike Bot"))
        #expect(text().contains("Assignees  Alex Morgan, unknown user"))
        #expect(text().contains("unknown user: Pending"))
        #expect(text().contains("Comments (1)\nWrike Bot\n  Done by automation"))
        for id in [Self.bot, Self.gone, "KUOTHER"] { #expect(!text().contains(id)) }
        #expect(s.status.lastError == nil, "a read nobody asked for stays off the status line")
        // A contact with no name and no e-mail (an invitation) is not shown by its id either.
        s.catalog.directory.contactsById["INV"] = Contact(id: "INV", type: ContactType(rawValue: "Invitation"))
        #expect(s.catalog.directory.name("INV") == Directory.unknownName)
    }

    /// Before contacts arrive nobody is looked up; once they do, the list's unknown assignees are.
    @Test func theListsPeopleAreLookedUpOnceContactsArrive() {
        var s = startedWithoutNames()
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "F1" } ?? 0
        _ = s.update(.open)
        let page = [Fixture.task("T1", "Robot work", assignees: [Self.bot]), Fixture.task("T2", "Mine", assignees: ["ME"])]
        let fx = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                                    .success(TaskPage(tasks: page, total: 2))))
        #expect(!fx.contains { if case .loadContacts = $0 { true } else { false } })
        #expect(s.list.info[0].assignees == Directory.pendingName || s.list.info[1].assignees == Directory.pendingName)
        let after = s.handle(.directory(.success(Fixture.bootstrap)))
        #expect(after.contains(.loadContacts(ids: [Self.bot])))
        _ = s.handle(.contactsById(ids: [Self.bot], .success([Contact(id: Self.bot, firstName: "Wrike", lastName: "Bot")])))
        let names = (0..<s.list.tasks.count).map { s.list.info[$0].assignees }
        #expect(Set(names) == ["Wrike Bot", "Alex Morgan"])
    }

    /// Wrike answers a batch naming someone it does not know with 404: the app's service then reads
    /// the ids one by one and leaves the unknown out (measured on the sandbox: 1 + 2 requests).
    @Test func aBatchWithSomeoneUnknownStillNamesTheOthers() async throws {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow), options: SandboxOptions(rateLimitPerMinute: nil))
        let service = RequestCountTests.appService(sandbox)
        let known = try #require(DemoDataset.make(now: testNow).contacts.first?.id)
        let before = sandbox.requestLog.count
        let found = try await service.contacts(ids: [known, "KUNOBODY"])
        #expect(found.map(\.id) == [known])
        #expect(sandbox.requestLog.count - before == 3)
    }
}
