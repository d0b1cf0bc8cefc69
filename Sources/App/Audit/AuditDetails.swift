import Domain
import Foundation

/// The sentence of an entry: its code's phrase, completed from what the entry kept before and after
/// (a month signed, a year graded, the fields an edit changed). What cannot be read adds nothing.
enum AuditDetails {
    static func text(of e: AuditEntryModel, names: AuditNames) -> String {
        let phrase = AuditPhrases.phrase(for: e.action) ?? "Đã thực hiện một thao tác"
        let (before, after) = (e.before, e.after)
        switch e.action {
        case "officer.update": return edited(phrase, AuditFields.changed(before: before, after: after, labels: AuditFields.officer))
        case "agency.update": return edited(phrase, AuditFields.changed(before: before, after: after, labels: AuditFields.agency))
        case "ticket.update": return edited(phrase, AuditFields.changed(before: before, after: after, labels: AuditFields.ticket))
        case "profile.update", "profile.activate", "profile.migrate":
            let fields = AuditFields.changed(before: before, after: after, labels: AuditFields.profile) ?? []
            return fields.isEmpty ? phrase : "\(phrase); đã sửa: \(fields.joined(separator: ", "))"
        case "ticket.correct":
            let fields = AuditFields.changed(before: before, after: after, labels: AuditFields.ticket) ?? []
            let reason = AuditFields.object(after)?["correctionReason"] as? String
                ?? (after.hasPrefix("Lý do: ") ? String(after.dropFirst(7)) : nil)
            return phrase + (fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))") + (reason.map { "; lý do: \($0)" } ?? "")
        case "ticket.create", "ticket.take":
            guard after.hasPrefix("Số ") else { return phrase }
            return e.action == "ticket.create" ? "\(phrase) số \(after.dropFirst(3))" : "\(phrase), phiếu số \(after.dropFirst(3))"
        case "ticket.refuse", "training.create", "officer.incentive", "officer.incentive.backfill": return with(phrase, after)
        case "profile.snapshot": return yearAndRest(after).map { "Đã lưu bộ quy định áp dụng cho năm \($0.0)" } ?? phrase
        case "officer.status":
            let parts = after.split(separator: " ").map(String.init)
            guard let status = parts.first.flatMap(EmploymentStatus.init(rawValue:)) else { return phrase }
            return "\(phrase) thành “\(status.label)”" + (parts.count > 1 ? from(parts[1]) : "")
        case "officer.transfer":
            let parts = after.split(separator: " ").map(String.init)
            let source = UUID(uuidString: before).flatMap { names.agencies[$0] }.map { " từ \($0)" } ?? ""
            let target = parts.first.flatMap(UUID.init(uuidString:)).flatMap { names.agencies[$0] }.map { " sang \($0)" } ?? ""
            return phrase + source + target + (parts.count > 1 ? from(parts[1]) : "")
        case "agency.itLevel":
            guard case let (year, rest)? = yearAndRest(after), let level = rest.first, level.isNumber else { return phrase }
            let source = rest.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
            return "\(phrase) năm \(year): mức \(level)" + (source.isEmpty ? "" : " (căn cứ: \(source))")
        case "user.create", "user.grant": return roles(phrase, after, names)
        case "user.revoke": return roles(phrase, before, names)
        case "login.failed", "user.password.failed": return after.isEmpty ? phrase : "\(phrase) (\(after))"
        case "token.create": return after.isEmpty ? phrase : "\(phrase) “\(after)”"
        case "token.revokeAll":
            let count = after.split(separator: ",").count
            return count > 0 ? "\(phrase) (\(count) mã)" : phrase
        case "permission.denied": return denied(phrase, after)
        case "worklog.signOff":
            let ends = after.components(separatedBy: "…").compactMap(LocalDate.init(iso:))
            guard ends.count == 2, ends[0] <= ends[1] else { return phrase }
            return "\(phrase) \(SignOffPeriod.label(ends[0]...ends[1]))"
        case "worklog.submit": return yearAndRest(after).map { "\(phrase) năm \($0.0)" } ?? phrase
        case "worklog.exception", "worklog.opinion":
            guard case let (year, rest)? = yearAndRest(after) else { return with(phrase, after) }
            return with("\(phrase) năm \(year)", rest)
        case "worklog.initiative":
            let title = yearAndRest(after)?.1 ?? after
            return title.isEmpty ? phrase : "\(phrase) “\(title)”"
        case "worklog.cost":
            guard case let (year, rest)? = yearAndRest(after), let amount = Int(rest) else { return phrase }
            return "\(phrase) năm \(year): \(Money.format(dong: amount))"
        case "grade.set", "grade.correct", "grade.automaticD": return grade(phrase, e.action, after)
        case "evaluation.criteria": return e.entityID.flatMap { names.years[$0] }.map { "\(phrase) năm \($0)" } ?? phrase
        case "proposal.sign":
            guard case let (year, side)? = yearAndRest(after) else { return phrase }
            let signer = side == "homeAffairs" ? "Sở Nội vụ" : "cơ quan chuyên trách CNTT"
            return "\(phrase) năm \(year), thay mặt \(signer)"
        case "headTask.done":
            let (kind, note) = split(after, ": ") ?? (after, "")
            let task = DisciplineOutcome.HeadTask(rawValue: kind).map { "\(phrase) “\($0.label)”" } ?? phrase
            return with(task, note)
        case "reward.decide": return reward(phrase, after)
        case "inspection.create", "incident.create":
            guard case let (day, rest)? = split(after, ": "), let date = LocalDate(iso: day) else { return phrase }
            return with("\(phrase) ngày \(date.vietnamese)", rest)
        case "training.attendance":
            guard let range = after.range(of: ": ", options: .backwards) else { return phrase }
            return "\(phrase) “\(after[..<range.lowerBound])”: \(after[range.upperBound...])"
        case "demo.load", "demo.workLog", "demo.evaluation": return after.isEmpty ? phrase : "\(phrase) (\(after))"
        default:
            if e.action.hasPrefix("evaluation."), case let (year, _)? = yearAndRest(after) { return "\(phrase) năm \(year)" }
            return phrase
        }
    }

    /// An edit: the fields it changed, or its phrase when the entry does not say.
    static func edited(_ phrase: String, _ fields: [String]?) -> String {
        guard let fields else { return phrase }
        return fields.isEmpty ? "\(phrase) (không thay đổi nội dung)" : "Đã sửa: \(fields.joined(separator: ", "))"
    }

    static func with(_ phrase: String, _ note: String) -> String {
        note.isEmpty ? phrase : "\(phrase): \(note)"
    }

    static func from(_ iso: String) -> String {
        LocalDate(iso: iso).map { " từ ngày \($0.vietnamese)" } ?? ""
    }

    /// "2026: rest", "2026 rest" or "2026".
    static func yearAndRest(_ text: String) -> (Int, String)? {
        let digits = text.prefix(4)
        guard digits.count == 4, let year = Int(digits) else { return nil }
        let rest = text.dropFirst(4)
        guard rest.isEmpty || rest.first == ":" || rest.first == " " else { return nil }
        return (year, String(rest.drop { $0 == ":" || $0 == " " }))
    }

    static func split(_ text: String, _ separator: String) -> (String, String)? {
        guard let range = text.range(of: separator) else { return nil }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// Role grants kept as `role@agency,…`.
    static func roles(_ phrase: String, _ text: String, _ names: AuditNames) -> String {
        let shown = text.split(separator: ",").compactMap { part -> String? in
            let pieces = part.split(separator: "@", maxSplits: 1).map(String.init)
            guard let role = pieces.first.flatMap(Role.init(rawValue:)) else { return nil }
            let agency = pieces.count > 1 ? UUID(uuidString: pieces[1]).flatMap { names.agencies[$0] } : nil
            return agency.map { "\(role.label) (\($0))" } ?? role.label
        }
        guard !shown.isEmpty else { return phrase }
        return phrase == "Đã tạo tài khoản" ? "\(phrase) với vai trò \(shown.joined(separator: ", "))" : "\(phrase) \(shown.joined(separator: ", "))"
    }

    /// "GET /path": what was asked for when it was refused.
    static func denied(_ phrase: String, _ text: String) -> String {
        guard case let (method, raw)? = split(text, " "), raw.hasPrefix("/") else { return phrase }
        let path = raw.split(separator: "/", omittingEmptySubsequences: false)
            .map { UUID(uuidString: String($0)) == nil ? String($0) : "…" }.joined(separator: "/")
        return method == "GET" ? "\(phrase) khi mở trang \(path)" : "\(phrase) khi gửi thao tác tới \(path)"
    }

    /// "2026: B — reason".
    static func grade(_ phrase: String, _ action: String, _ text: String) -> String {
        guard case let (year, rest)? = yearAndRest(text) else { return phrase }
        if action == "grade.automaticD" { return "\(phrase) năm \(year)" }
        let (value, reason) = split(rest, " — ") ?? (rest, "")
        let said = action == "grade.correct" ? "\(phrase) năm \(year) thành loại \(value)" : "\(phrase) \(value) năm \(year)"
        return reason.isEmpty ? said : "\(said); lý do: \(reason)"
    }

    /// "2026 certificateOfMerit: approved note".
    static func reward(_ phrase: String, _ text: String) -> String {
        guard case let (year, rest)? = yearAndRest(text), case let (candidacy, decision)? = split(rest, ": ") else { return phrase }
        let (verdict, note) = split(decision, " ") ?? (decision, "")
        let said = verdict == "approved" ? "Đã đồng ý đề xuất khen thưởng" : verdict == "declined" ? "Đã không đồng ý đề xuất khen thưởng" : phrase
        let what = RewardCandidacy(rawValue: candidacy).map { " “\($0.label)”" } ?? ""
        return with("\(said) năm \(year)\(what)", note)
    }
}
