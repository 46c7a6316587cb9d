import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

/// `customFields` in `PUT /tasks/{id}`: each type's value checked as Wrike does (docs/sandbox.md,
/// "Custom fields"); the demo dataset has a field of every type with values on some tasks.
@Suite struct CustomFieldWriteTests {
    static func field(_ d: Dataset, _ type: CustomFieldType) throws -> String {
        try #require(d.customFields.first { $0.type == type }).id
    }

    @Test func theDemoHasEveryTypeWithValues() throws {
        let d = DemoDataset.make(now: fixedNow)
        for type in [CustomFieldType.text, .numeric, .percentage, .currency, .duration, .date, .checkbox, .dropDown, .multiple, .contacts] {
            let id = try Self.field(d, type)
            if type != .text { #expect(d.tasks.contains { ($0.customFields ?? []).contains { $0.id == id } }, "no values of \(type.rawValue)") }
        }
    }

    @Test func valuesOfEachTypeAreCheckedAndStored() throws {
        let d = DemoDataset.make(now: fixedNow)
        let api = APICaller(dataset: d)
        let task = try #require(d.tasks.first).id
        let person = try #require(d.contacts.first { $0.type == .person }).id
        let good: [(CustomFieldType, String)] = [(.text, "Acme"), (.numeric, "-12.5"), (.percentage, "40"), (.currency, "1200.50"),
                                                 (.duration, "1:30"), (.date, "2026-12-20"), (.checkbox, "true"),
                                                 (.dropDown, "High"), (.multiple, #"["iOS","Web"]"#), (.contacts, person)]
        for (type, value) in good {
            let id = try Self.field(d, type)
            let body = #"{"customFields":[{"id":"\#(id)","value":"\#(value.replacingOccurrences(of: "\"", with: "\\\""))"}]}"#
            let t = try api.ok(WrikeTask.self, .put, "/tasks/\(task)", json: body).data[0]
            #expect(t.customFields?.first { $0.id == id }?.value == value, "\(type.rawValue)")
        }
        let bad: [(CustomFieldType, String)] = [(.numeric, "twelve"), (.percentage, "4O"), (.currency, "1.2.3"), (.duration, "90"),
                                                (.date, "2026-02-30"), (.checkbox, "yes"), (.dropDown, "Huge"),
                                                (.multiple, #"["Amiga"]"#), (.multiple, "iOS"), (.contacts, "NOBODY")]
        for (type, value) in bad {
            let id = try Self.field(d, type)
            let body = #"{"customFields":[{"id":"\#(id)","value":"\#(value.replacingOccurrences(of: "\"", with: "\\\""))"}]}"#
            _ = try api.fail(400, "invalid_parameter", .put, "/tasks/\(task)", json: body)
        }
        // null removes the value.
        let numeric = try Self.field(d, .numeric)
        let cleared = try api.ok(WrikeTask.self, .put, "/tasks/\(task)", json: #"{"customFields":[{"id":"\#(numeric)","value":null}]}"#)
        #expect(cleared.data[0].customFields?.contains { $0.id == numeric } == false)
    }
}
