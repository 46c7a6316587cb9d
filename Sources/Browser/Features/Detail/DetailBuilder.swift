// Lays the open task out as wrapped, styled lines for the detail pane (pure text layout).
import Foundation
import TermText
import WrikeAPI

extension AppState {
    /// Rebuilds the detail pane's lines for the current width (keeps the scroll position).
    public mutating func rebuildDetail() {
        var b = DetailLayout(width: max(10, viewport.detailWidth), glyphs: glyphs)
        if detail.taskId != nil { buildDetail(into: &b) }
        detail.lines = b.lines
        detail.sections = b.sections
        detail.attachmentLines = b.attachmentLines
        detail.attachmentEnd = b.attachmentEnd
        detail.width = viewport.detailWidth
        detail.scroll = max(0, min(detail.scroll, maxDetailScroll))
    }

    func formatTimestamp(_ s: String?) -> String? {
        guard let s, let d = WrikeDate.parseTimestamp(s) else { return s.map { Sanitizer.cleanLine($0) } }
        let local = WrikeDate.formatLocalDateTime(d, timeZone: timeZone)
        let abs = String(local.prefix(16)).replacingOccurrences(of: "T", with: " ")
        return "\(RelativeTime.describe(d, now: now)) (\(abs))"
    }

    private func buildDetail(into b: inout DetailLayout) {
        guard let t = detail.task ?? detail.taskId.flatMap({ catalog.knownTasks[$0] }) ?? list.selectedTask.flatMap({
            $0.id == detail.taskId ? $0 : nil
        }) else {
            if case .failed(let m) = detail.taskStatus { b.text(m, .error) } else { b.text(b.loading, .dim) }
            return
        }
        layoutOverview(t, into: &b)
        layoutDescription(t, into: &b)
        layoutDependencies(t, into: &b)
        layoutApprovals(t, into: &b)
        layoutActivity(t, into: &b)
    }

    /// The title, status, dates, people, custom fields.
    private func layoutOverview(_ t: WrikeTask, into b: inout DetailLayout) {
        let d = catalog.directory
        let g = glyphs
        b.text(Sanitizer.cleanLine(t.title), .header)
        if case .failed(let m) = detail.taskStatus { b.text(m, .error) }
        b.blank()
        b.section(.overview)
        let s = d.status(of: t)
        var statusSpans = [Span(s.name, .status(s.color))]
        if let imp = t.importance {
            statusSpans.append(Span("  \(g.dot)  importance ", .dim))
            statusSpans.append(Span(imp.rawValue, imp == .high ? .importanceHigh : imp == .low ? .importanceLow : .normal))
        }
        b.fieldSpans("Status", statusSpans)
        if let dates = t.dates {
            var parts: [Span] = []
            if let start = dates.start { parts.append(Span(String(start.prefix(10)) + " \(g.arrowRight) ")) }
            if let due = dates.due {
                let day = String(due.prefix(10))
                let overdue = s.group == .active && day < today
                parts.append(Span(day, overdue ? .overdue : .normal))
                if overdue { parts.append(Span(" overdue", .overdue)) }
            }
            if let type = dates.type, type != .planned || parts.isEmpty { parts.append(Span((parts.isEmpty ? "" : "  ") + type.rawValue, .dim)) }
            b.fieldSpans("Dates", parts)
        }
        let assignees = (t.responsibleIds ?? []).map { d.name($0) }
        b.field("Assignees", assignees.isEmpty ? "nobody" : assignees.joined(separator: ", "), assignees.isEmpty ? .dim : .normal)
        if let folders = folderLine(t) { b.field("Folders", folders) }
        if let authors = t.authorIds, !authors.isEmpty { b.field("Author", authors.map { d.name($0) }.joined(separator: ", ")) }
        if let c = formatTimestamp(t.createdDate) { b.field("Created", c) }
        if let u = formatTimestamp(t.updatedDate) { b.field("Updated", u) }
        if let c = formatTimestamp(t.completedDate) { b.field("Completed", c) }
        if let link = t.permalink { b.field("Permalink", Sanitizer.cleanLine(link), .link) }

        let fields = (t.customFields ?? []).filter { !($0.value ?? "").isEmpty }
        if !fields.isEmpty {
            b.blank()
            b.section(.customFields)
            for f in fields {
                let def = d.customFields[f.id]
                let value = CustomFieldDisplay.text(f.value ?? "", field: def, name: d.name)
                b.field(Sanitizer.cleanLine(def?.title ?? f.id), value, labelWidth: 18)
            }
        }

    }

    /// The description and the subtasks.
    private func layoutDescription(_ t: WrikeTask, into b: inout DetailLayout) {
        let g = glyphs
        b.blank()
        b.section(.description)
        let desc = HTMLText.toText(t.description ?? "", bullet: g.bullet, ellipsis: g.prose("…"))
        if detail.task == nil && detail.taskStatus == .loading {
            b.text(b.loading, .dim)
        } else if desc.isEmpty {
            b.text("No description.", .dim)
        } else {
            b.text(Sanitizer.clean(desc), .normal)
        }

        let subtasks = t.subTaskIds ?? []
        if !subtasks.isEmpty {
            b.blank()
            b.section(.subtasks, count: subtasks.count)
            for id in subtasks { b.taskRef(bullet: g.bullet + " ", id: id, summary: taskSummary(id)) }
        }

    }

    /// The dependencies, the selected one marked.
    private func layoutDependencies(_ t: WrikeTask, into b: inout DetailLayout) {
        let g = glyphs
        b.blank()
        b.section(.dependencies, count: detail.dependenciesStatus == .loaded ? detail.dependencyIds.count : nil)
        if b.status(detail.dependenciesStatus) {
            let deps = orderedDependencies
            let read = Set(detail.dependencyIds)
            let unavailable = (t.dependencyIds ?? []).filter { !read.contains($0) }.count
            if deps.isEmpty && unavailable == 0 { b.text("None.", .dim) }
            let selected = actions.dependencySelectionActive ? selectedDependency?.id : nil
            for dep in deps {
                let mark = selected == dep.id ? g.selectionMarker + " " : ""
                if dep.successorId == t.id {
                    b.taskRef(bullet: mark + g.arrowLeft + " waits for ", id: dep.predecessorId, summary: taskSummary(dep.predecessorId),
                              note: dep.relationType == .finishToStart ? nil : dep.relationType.rawValue)
                } else {
                    b.taskRef(bullet: mark + g.arrowRight + " blocks ", id: dep.successorId, summary: taskSummary(dep.successorId),
                              note: dep.relationType == .finishToStart ? nil : dep.relationType.rawValue)
                }
            }
            if unavailable > 0 {
                b.text((unavailable == 1 ? "1 dependency" : "\(unavailable) dependencies")
                       + " unavailable: deleted, or the other task is not visible to you.", .dim)
            }
        }

    }

    /// The approvals and their decisions.
    private func layoutApprovals(_ t: WrikeTask, into b: inout DetailLayout) {
        let d = catalog.directory
        let g = glyphs
        b.blank()
        b.section(.approvals, count: detail.approvalsStatus == .loaded ? detail.approvals.count : nil)
        if b.status(detail.approvalsStatus) {
            if detail.approvals.isEmpty { b.text("None.", .dim) }
            for a in detail.approvals {
                let st = a.status?.rawValue ?? "Pending"
                var head = [Span(st, a.status == .approved ? .success : a.status == .rejected ? .error : .normal)]
                if let due = a.dueDate { head.append(Span("  due " + String(due.prefix(10)), .dim)) }
                if let title = a.title, !title.isEmpty { head.append(Span("  " + Sanitizer.cleanLine(title))) }
                let mine = a.status == .pending && (a.decisions ?? []).contains {
                    $0.approverId == d.meId && ($0.status ?? .pending) == .pending
                }
                if mine { head.append(Span("  \(g.attention) waiting on you", .attention)) }
                b.spans(head)
                if let desc = a.description, !desc.isEmpty {
                    b.text(Sanitizer.clean(HTMLText.toText(desc, bullet: g.bullet, ellipsis: g.prose("…"))), .normal, indent: 2)
                }
                for dec in a.decisions ?? [] {
                    let ds = dec.status ?? .pending
                    let mark = (ds == .approved ? g.check : ds == .rejected ? g.cross : g.pending) + " "
                    let me = dec.approverId == d.meId
                    let kind: TextKind = ds == .approved ? .success : ds == .rejected ? .error : (me ? .attention : .dim)
                    var line = [Span("  " + mark, kind), Span(d.name(dec.approverId) + (me ? " (you)" : "")),
                                Span(": " + ds.rawValue, kind)]
                    if let c = dec.comment, !c.isEmpty { line.append(Span(g.prose(" — ") + Sanitizer.cleanLine(c), .dim)) }
                    b.spansWrapped(line, indent: 4)
                }
            }
        }

    }

    /// Comments, attachments and time logs.
    private func layoutActivity(_ t: WrikeTask, into b: inout DetailLayout) {
        let d = catalog.directory
        let g = glyphs
        b.blank()
        b.section(.comments, count: detail.commentsStatus == .loaded ? detail.comments.count : nil)
        if b.status(detail.commentsStatus) {
            if detail.comments.isEmpty { b.text("No comments.", .dim) }
            for (i, c) in detail.comments.enumerated() {
                if i > 0 { b.blank() }
                var head = [Span(c.authorId.map { d.name($0) } ?? "someone", .label)]
                if let when = formatTimestamp(c.createdDate) { head.append(Span("  " + when, .dim)) }
                b.spans(head)
                b.text(Sanitizer.clean(HTMLText.toText(c.text, bullet: g.bullet, ellipsis: g.prose("…"))), .normal, indent: 2)
            }
        }

        b.blank()
        b.section(.attachments, count: detail.attachmentsStatus == .loaded ? detail.attachments.count : nil)
        if b.status(detail.attachmentsStatus) {
            if detail.attachments.isEmpty { b.text("None.", .dim) }
            for a in detail.attachments {
                var meta: [String] = [Self.formatSize(a.size)]
                if let ct = a.contentType, !ct.isEmpty { meta.append(Sanitizer.cleanLine(ct)) }
                if let type = a.type, type != .wrike { meta.append(type.rawValue) }
                b.attachmentLines.append(b.lines.count)
                let mark = a.id == features.links.selectedAttachment ? g.selectionMarker : g.bullet
                b.spansWrapped([Span(mark + " " + Sanitizer.cleanLine(a.name)), Span("  " + meta.joined(separator: ", "), .dim)],
                               indent: 2)
                b.attachmentEnd = b.lines.count
            }
        }

        b.blank()
        b.section(.timelogs, count: detail.timelogsStatus == .loaded ? detail.timelogs.count : nil)
        if b.status(detail.timelogsStatus) {
            if detail.timelogs.isEmpty { b.text("No time logged.", .dim) }
            var total = 0.0
            for l in detail.timelogs {
                total += l.hours
                var line = [Span(l.trackedDate.map { String($0.prefix(10)) } ?? "          ", .dim),
                            Span("  " + TimeInput.formatHours(l.hours)),
                            Span("  " + (l.userId.map { d.name($0) } ?? ""))]
                if let c = l.comment, !c.isEmpty { line.append(Span(g.prose(" — ") + Sanitizer.cleanLine(HTMLText.toText(c, bullet: g.bullet, ellipsis: g.prose("…"))), .dim)) }
                b.spansWrapped(line, indent: 12)
            }
            if !detail.timelogs.isEmpty { b.spans([Span("Total", .label), Span("  " + TimeInput.formatHours(total))]) }
        }
    }

    static func formatSize(_ size: Int?) -> String {
        guard let size, size >= 0 else { return "external" }
        if size < 1024 { return "\(size) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var v = Double(size) / 1024
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        return v < 10 ? String(format: "%.1f %@", v, units[u]) : "\(Int(v.rounded())) \(units[u])"
    }
}
