// Issue 16: edit-field (custom fields of every type, checked in plain words, optimistic, rolled back,
// undoable) and edit-description (Markdown in $EDITOR, sent as Wrike HTML, kept until Wrike confirms).
import Foundation
import Testing
import WrikeAPI
@testable import Browser

enum FieldFixture {
    static func field(_ id: String, _ title: String, _ type: CustomFieldType, options: [String] = [], currency: String? = nil) -> CustomField {
        CustomField(id: id, title: title, type: type,
                    settings: CustomFieldSettings(options: options.isEmpty ? nil : options.map { CustomFieldOption(value: $0) },
                                                  currency: currency, allowOtherValues: false))
    }
    static let fields = [
        field("CF_TEXT", "Customer", .text), field("CF_NUM", "Story points", .numeric), field("CF_PCT", "Done", .percentage),
        field("CF_CUR", "Budget", .currency, currency: "EUR"), field("CF_DUR", "Estimate", .duration),
        field("CF_DATE", "Launch", .date), field("CF_BOX", "Signed off", .checkbox),
        field("CF_DROP", "Risk", .dropDown, options: ["Low", "Medium", "High"]),
        field("CF_MULTI", "Platforms", .multiple, options: ["iOS", "Android", "Web"]),
        field("CF_PEOPLE", "Reviewer", .contacts),
    ]
    static func f(_ id: String) -> CustomField { fields.first { $0.id == id } ?? fields[0] }

    /// The loaded state with T1 open in the detail, as Wrike sends it in full.
    static func opened(description: String = "Intro <b>bold</b>", fields values: [CustomFieldValue] = [CustomFieldValue(id: "CF_DROP", value: "Low")]) -> AppState {
        var s = loadedState()
        for f in fields { s.catalog.directory.customFields[f.id] = f }
        s.focus = .list
        if let i = s.list.rows.firstIndex(where: { s.list.tasks[Int($0.task)].id == "T1" }) { s.list.cursor = i }
        _ = s.update(.open)
        var t = Fixture.tasks[0]
        t.description = description
        t.customFields = values
        _ = s.handle(.detailTask(taskId: "T1", .success(t)))
        return s
    }
}

@Suite struct FieldValueInputTests {
    func parse(_ text: String, _ id: String) -> Result<String?, FieldInputError> {
        FieldValueInput.parse(text, field: FieldFixture.f(id), today: "2026-12-02", people: Fixture.contacts)
    }
    func ok(_ text: String, _ id: String) -> String?? { try? parse(text, id).get() }
    func why(_ text: String, _ id: String) -> String? {
        if case .failure(let e) = parse(text, id) { return e.message }
        return nil
    }

    @Test func eachTypeTakesWordsAndGivesWrikesValue() {
        #expect(ok("Acme  Ltd", "CF_TEXT") == "Acme  Ltd")
        #expect(ok("1,200.50", "CF_NUM") == "1200.5" && ok("-3", "CF_NUM") == "-3" && ok(".5", "CF_NUM") == "0.5")
        #expect(ok("40%", "CF_PCT") == "40" && ok("12.5", "CF_PCT") == "12.5")
        #expect(ok("€1,200.50", "CF_CUR") == "1200.5" && ok("99 EUR", "CF_CUR") == "99")
        #expect(ok("1h30m", "CF_DUR") == "1:30" && ok("90m", "CF_DUR") == "1:30" && ok("2h", "CF_DUR") == "2:00" && ok("1:05", "CF_DUR") == "1:05")
        #expect(ok("2026-12-20", "CF_DATE") == "2026-12-20" && ok("fri", "CF_DATE") == "2026-12-04" && ok("+3d", "CF_DATE") == "2026-12-05")
        #expect(ok("yes", "CF_BOX") == "true" && ok("no", "CF_BOX") == "false")
        #expect(ok("high", "CF_DROP") == "High" && ok("Med", "CF_DROP") == "Medium")
        #expect(ok("web, ios", "CF_MULTI") == #"["Web","iOS"]"#)
        #expect(ok("Alex, josé", "CF_PEOPLE") == "ME,U3")
        #expect(ok("", "CF_NUM") == .some(nil), "empty clears")
    }

    @Test func wrongInputIsRefusedInPlainWords() {
        #expect(why("twelve", "CF_NUM") == "“twelve” is not a number.")
        #expect(why("4O%", "CF_PCT")?.contains("is not a percentage") == true)
        #expect(why("a lot", "CF_CUR")?.contains("is not an amount") == true)
        #expect(why("soon", "CF_DUR")?.contains("is not a duration") == true)
        #expect(why("2026-02-30", "CF_DATE")?.contains("is not a date") == true)
        #expect(why("maybe", "CF_BOX") == "“maybe” is not yes or no.")
        #expect(why("Huge", "CF_DROP") == "“Huge” is not one of Low, Medium, High.")
        #expect(why("iOS, Amiga", "CF_MULTI") == "“Amiga” is not one of iOS, Android, Web.")
        #expect(why("Zed", "CF_PEOPLE") == "No one called “Zed”.")
    }
}

@Suite struct FieldEditTests {
    func typed(_ s: inout AppState, _ text: String) {
        for ch in text { _ = s.update(.taskEdit(.input(.type(String(ch))))) }
    }
    func pick(_ s: inout AppState, _ text: String) -> [Effect] {
        for ch in text { _ = s.update(.action(.picker(.type(String(ch))))) }
        return s.update(.action(.picker(.accept)))
    }
    func picker(_ s: AppState) -> EditPicker? {
        if case .editPicker(let m)? = s.modal { return m }
        return nil
    }
    func update(_ effects: [Effect]) -> (String, TaskUpdate, Int)? {
        for e in effects { if case .updateTask(let id, let u, let token) = e { return (id, u, token) } }
        return nil
    }

    @Test func theFieldsPickerListsNameAndTypeAndNarrowsByTyping() throws {
        var s = FieldFixture.opened()
        _ = s.update(.taskEdit(.editField))
        let m = try #require(picker(s))
        #expect(m.kind == .fields && s.keyMode == .picker)
        #expect(m.picker.labels.prefix(3) == ["Budget  (currency)", "Customer  (text)", "Done  (percentage)"])
        #expect(m.picker.labels.contains("Risk  (drop-down)") && m.picker.labels.contains("Reviewer  (people)"))
        for ch in "risk" { _ = s.update(.action(.picker(.type(String(ch))))) }
        #expect(picker(s)?.picker.current?.id == "CF_DROP")
    }

    @Test func aDropDownIsPickedFromItsOptionsSentAndUndone() throws {
        var s = FieldFixture.opened()
        _ = s.update(.taskEdit(.editField))
        _ = pick(&s, "risk")
        let m = try #require(picker(s))
        #expect(m.kind == .fieldValue(fieldId: "CF_DROP", title: "Risk", multiple: false))
        #expect(m.picker.labels == ["Low", "Medium", "High"] && m.checkedIds == ["Low"], "the value the task has is checked")
        let (tid, u, token) = try #require(update(pick(&s, "hi")))
        #expect(s.modal == nil, "a single choice closes the picker")
        #expect(tid == "T1" && u == TaskUpdate(customFields: [CustomFieldUpdate(id: "CF_DROP", value: "High")]))
        #expect(s.detail.task?.customFields == [CustomFieldValue(id: "CF_DROP", value: "High")], "shown at once")
        var confirmed = try #require(s.detail.task)
        confirmed.updatedDate = "2026-12-02T10:00:00Z"
        _ = s.handle(.taskWrite(token: token, .success([confirmed])))
        let (_, back, _) = try #require(update(s.update(.taskEdit(.undo))))
        #expect(back.customFields == [CustomFieldUpdate(id: "CF_DROP", value: "Low")])
        #expect(s.detail.task?.customFields == [CustomFieldValue(id: "CF_DROP", value: "Low")])
    }

    @Test func multipleChoicesAndPeopleAreToggledInTheOpenPicker() throws {
        var s = FieldFixture.opened(fields: [CustomFieldValue(id: "CF_MULTI", value: "[\"Web\"]")])
        _ = s.update(.taskEdit(.editField))
        _ = pick(&s, "platf")
        #expect(picker(s)?.checkedIds == ["Web"])
        let (_, u, _) = try #require(update(pick(&s, "ios")))
        #expect(u.customFields == [CustomFieldUpdate(id: "CF_MULTI", value: "[\"iOS\",\"Web\"]")], "in the options' order")
        #expect(picker(s)?.checkedIds == ["iOS", "Web"], "the picker stays open, its checks follow")
        _ = s.update(.action(.picker(.cancel)))
        _ = s.update(.taskEdit(.editField))
        _ = pick(&s, "review")
        let (_, p, _) = try #require(update(pick(&s, "jos")))
        #expect(p.customFields == [CustomFieldUpdate(id: "CF_PEOPLE", value: "U3")])
        let (_, q, _) = try #require(update(s.update(.action(.picker(.accept)))))
        #expect(q.customFields == [CustomFieldUpdate(id: "CF_PEOPLE", value: nil)], "Enter again takes them out: cleared")
    }

    @Test func aCheckboxTogglesAndOtherTypesTakeWordsInTheLine() throws {
        var s = FieldFixture.opened()
        _ = s.update(.taskEdit(.editField))
        let (_, u, _) = try #require(update(pick(&s, "signed")))
        #expect(u.customFields == [CustomFieldUpdate(id: "CF_BOX", value: "true")] && s.modal == nil)
        _ = s.update(.taskEdit(.editField))
        _ = pick(&s, "budget")
        #expect(s.modal == nil && s.features.taskEdit.input?.purpose
                == .fieldValue(taskId: "T1", fieldId: "CF_CUR", title: "Budget", hint: "an amount in EUR"))
        typed(&s, "a lot")
        #expect(update(s.update(.taskEdit(.input(.submit)))) == nil)
        #expect(s.status.lastError?.contains("is not an amount") == true && s.features.taskEdit.input != nil)
    }

    @Test func aRefusedFieldRollsBackWithWrikesReason() throws {
        var s = FieldFixture.opened()
        _ = s.update(.taskEdit(.editField))
        _ = pick(&s, "budget")
        typed(&s, "1,200.50")
        // A value typed in words is a draft sent like a comment (EditDraftsTests).
        let sent = s.update(.taskEdit(.input(.submit)))
        guard case .sendSteps(let d, [.saveDraft(.sending), .post])? = sent.first else { Issue.record("\(sent)"); return }
        #expect(TaskEditDrafts.update(d)?.customFields == [CustomFieldUpdate(id: "CF_CUR", value: "1200.5")])
        #expect(s.detail.task?.customFields?.contains(CustomFieldValue(id: "CF_CUR", value: "1200.5")) == true)
        _ = s.handle(.posted(draftId: d.id, .failure(WriteFailure("Parameter 'customFields' value is invalid", status: 400, code: "invalid_parameter"))))
        #expect(s.detail.task?.customFields == [CustomFieldValue(id: "CF_DROP", value: "Low")])
        #expect(s.status.lastError?.hasPrefix("The value of “Budget” was not saved:") == true, "\(s.status.lastError ?? "")")
    }

    @Test func theSameValueSendsNothing() {
        var s = FieldFixture.opened()
        _ = s.update(.taskEdit(.editField))
        _ = pick(&s, "Risk")
        #expect(update(pick(&s, "Low")) == nil)
        #expect(s.status.message == "Risk is unchanged: nothing sent.")
    }
}

@Suite struct DescriptionEditTests {
    func update(_ effects: [Effect]) -> (String, TaskUpdate, Int)? {
        for e in effects { if case .updateTask(let id, let u, let token) = e { return (id, u, token) } }
        return nil
    }

    @Test func theEditorGetsMarkdownAndAChangeIsSentAsHTML() throws {
        var s = FieldFixture.opened()
        s.focus = .detail
        let begun = s.beginDescriptionEdit(keptOnDisk: { _ in nil })
        let start = try #require(begun)
        #expect(start.text == "Intro **bold**" && start.original == start.text && !start.kept)
        // Unchanged text: no request.
        #expect(s.handle(.descriptionEdited(DescriptionEdited(start: start, text: "Intro **bold**\n", error: nil))).isEmpty)
        #expect(s.status.message == "The description is unchanged: nothing sent.")
        let effects = s.handle(.descriptionEdited(DescriptionEdited(start: start, text: "Intro **bold**\n\n- one\n- _two_", error: nil)))
        let (id, u, token) = try #require(update(effects))
        #expect(id == "T1" && u == TaskUpdate(description: "Intro <b>bold</b><ul><li>one</li><li><i>two</i></li></ul>"))
        #expect(s.detail.task?.description == u.description, "shown at once")
        // Refused: rolled back with the reason, the text kept and offered at the next edit-description.
        _ = s.handle(.taskWrite(token: token, .failure(WriteFailure("You cannot edit this task", status: 403, code: "access_forbidden"))))
        #expect(s.detail.task?.description == "Intro <b>bold</b>")
        #expect(s.status.lastError?.contains("You cannot edit this task") == true)
        #expect(s.status.lastError?.contains("Your text is kept: edit-description opens it again.") == true)
        let begunAgain = s.beginDescriptionEdit(keptOnDisk: { _ in nil })
        let again = try #require(begunAgain)
        #expect(again.kept && again.text == "Intro **bold**\n\n- one\n- _two_")
        // Confirmed: the kept text goes (memory and disk), and it can be undone.
        let resent = s.handle(.descriptionEdited(DescriptionEdited(start: again, text: again.text, error: nil)))
        let (_, _, token2) = try #require(update(resent))
        let saved = try #require(s.detail.task)
        let done = s.handle(.taskWrite(token: token2, .success([saved])))
        #expect(done == [.descriptionDraft(profile: s.actions.profile, taskId: "T1", text: nil)])
        #expect(s.features.taskEdit.descriptionKept.isEmpty)
        let (_, back, _) = try #require(update(s.update(.taskEdit(.undo))))
        #expect(back.description == "Intro <b>bold</b>")
    }

    @Test func textKeptOnDiskFromAnEarlierRunIsOfferedFirst() throws {
        var s = FieldFixture.opened()
        s.focus = .detail
        let begun = s.beginDescriptionEdit(keptOnDisk: { $0 == "T1" ? "my words" : nil })
        let start = try #require(begun)
        #expect(start.kept && start.text == "my words")
        #expect(s.status.message?.contains("back in the editor") == true)
    }

    @Test func whatMarkdownCannotHoldIsSaidFirst() throws {
        var s = FieldFixture.opened(description: "a<table><tr><td>x</td></tr></table>")
        s.focus = .detail
        #expect(s.beginDescriptionEdit(keptOnDisk: { _ in nil }) == nil)
        #expect(s.status.lastError?.contains("tables that Markdown cannot hold") == true)
        #expect(s.beginDescriptionEdit(keptOnDisk: { _ in nil }) != nil, "the second press edits it")
    }

    @Test func aTaskNotOpenSaysToOpenIt() {
        var s = loadedState()
        #expect(s.beginDescriptionEdit(keptOnDisk: { _ in nil }) == nil)
        #expect(s.status.lastError == "Open the task first (Enter): its description is read with it.")
    }
}
