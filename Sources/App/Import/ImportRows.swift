import Domain
import Fluent
import Foundation

extension RegistryImport {
    static func agencies(_ rows: [CSVReader.Row], by actor: Viewer, on db: any Database,
                         progress: @Sendable (Int, Int) -> Void) async throws -> Int {
        guard let first = rows.first else { throw Failure(problems: ["Tệp rỗng."]) }
        let index = try header(first, agencyColumns).get()
        var names = try await agencyNames(on: db)
        var problems: [String] = []
        var drafts: [(line: Int, draft: AgencyDraft, parentName: String)] = []
        for (n, row) in rows.dropFirst().enumerated() {
            var input = AgencyInput()
            input.name = value(row, index, "name")
            input.shortName = value(row, index, "shortName")
            input.kind = choice(value(row, index, "kind"), AgencyKind.self,
                                aliases: ["hanh chinh": .administrative, "su nghiep": .publicService, "dang, doan the": .partyOrMassOrganisation,
                                          "dang doan the": .partyOrMassOrganisation], label: \.label)
            input.level = choice(value(row, index, "level"), AdminLevel.self,
                                 aliases: ["tinh": .province, "huyen": .district, "xa": .commune], label: \.label)
            input.district = value(row, index, "district")
            input.address = value(row, index, "address")
            input.headName = value(row, index, "headName")
            input.headTitle = value(row, index, "headTitle")
            let parentName = value(row, index, "governingAgencyID")
            var lineErrors = FieldErrors()
            if !parentName.isEmpty {
                switch names[VietnameseText.fold(parentName)] {
                case .none: lineErrors.add("governingAgencyID", "Không tìm thấy cơ quan “\(parentName)” (cơ quan chủ quản phải có sẵn hoặc ở dòng trên).")
                case .some(.none): lineErrors.add("governingAgencyID", "Có nhiều cơ quan tên “\(parentName)”.")
                case .some(.some(let id)): input.governingAgencyID = id.canonicalText
                }
            }
            switch AgencyDraft.validate(input) {
            case .failure(let errors):
                for (field, message) in errors.messages { lineErrors.add(field, message) }
            case .success(let draft):
                let key = VietnameseText.fold(draft.name)
                if names[key] != nil { lineErrors.add("name", "Đã có cơ quan tên “\(draft.name)”.") }
                if lineErrors.isEmpty {
                    names[key] = .some(UUID())  // placeholder: the real id is assigned when written
                    drafts.append((row.line, draft, parentName))
                }
            }
            problems += describe(lineErrors, line: row.line, columns: agencyColumns)
            if (n + 1) % 1000 == 0 { progress(n + 1, rows.count - 1) }
        }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        var created: [String: UUID] = [:]
        for (n, item) in drafts.enumerated() {
            var draft = item.draft
            if !item.parentName.isEmpty, let id = created[VietnameseText.fold(item.parentName)] { draft.governingAgencyID = id }
            let agency = try await AgencyService.create(draft, by: actor, on: db)
            created[VietnameseText.fold(draft.name)] = agency.id
            if (n + 1) % 1000 == 0 { progress(n + 1, drafts.count) }
        }
        return drafts.count
    }

    static func officers(_ rows: [CSVReader.Row], by actor: Viewer, today: LocalDate, on db: any Database,
                         progress: @Sendable (Int, Int) -> Void) async throws -> Int {
        guard let first = rows.first else { throw Failure(problems: ["Tệp rỗng."]) }
        let index = try header(first, officerColumns).get()
        let names = try await agencyNames(on: db)
        var problems: [String] = []
        var drafts: [OfficerDraft] = []
        var seenIDs: [String: Int] = [:]
        for (n, row) in rows.dropFirst().enumerated() {
            var input = OfficerInput()
            input.fullName = value(row, index, "fullName")
            input.dateOfBirth = value(row, index, "dateOfBirth")
            input.gender = choice(value(row, index, "gender"), Gender.self, label: \.label)
            input.position = value(row, index, "position")
            input.kind = choice(value(row, index, "kind"), ITOfficerKind.self,
                                aliases: ["chuyen trach": .fullTime, "ban chuyen trach": .partTime], label: \.label)
            input.monthlyIncentive = value(row, index, "monthlyIncentive")
            input.division = value(row, index, "division")
            input.idNumber = value(row, index, "idNumber")
            input.phone = value(row, index, "phone")
            input.email = value(row, index, "email")
            input.qualifications = value(row, index, "qualifications")
            input.certificates = value(row, index, "certificates")
            let status = value(row, index, "civilServiceStatus")
            input.civilServiceStatus = status.isEmpty ? CivilServiceStatus.civilServant.rawValue
                : choice(status, CivilServiceStatus.self, aliases: ["hop dong": .contractWithinQuota], label: \.label)
            input.receivesIncentive = ["co", "x", "1", "true"].contains(VietnameseText.fold(value(row, index, "receivesIncentive")))
            input.startDate = value(row, index, "startDate")
            var lineErrors = FieldErrors()
            let agencyName = value(row, index, "agencyID")
            switch names[VietnameseText.fold(agencyName)] {
            case .none: lineErrors.add("agencyID", agencyName.isEmpty ? "Nhập tên cơ quan." : "Không tìm thấy cơ quan “\(agencyName)”.")
            case .some(.none): lineErrors.add("agencyID", "Có nhiều cơ quan tên “\(agencyName)”.")
            case .some(.some(let id)): input.agencyID = id.canonicalText
            }
            switch OfficerDraft.validate(input, today: today) {
            case .failure(let errors):
                for (field, message) in errors.messages where !(field == "agencyID" && lineErrors["agencyID"] != nil) {
                    lineErrors.add(field, message)
                }
            case .success(let draft):
                if let earlier = seenIDs[draft.idNumber] {
                    lineErrors.add("idNumber", "Trùng số định danh với dòng \(earlier).")
                } else if lineErrors.isEmpty {
                    seenIDs[draft.idNumber] = row.line
                    drafts.append(draft)
                }
            }
            problems += describe(lineErrors, line: row.line, columns: officerColumns)
            if (n + 1) % 1000 == 0 { progress(n + 1, rows.count - 1) }
        }
        // One person, one record: a number already in the registry is an error of its line.
        for chunk in stride(from: 0, to: drafts.count, by: 1000).map({ Array(drafts[$0..<min($0 + 1000, drafts.count)]) }) {
            let taken = try await OfficerModel.query(on: db).filter(\.$idNumber ~~ chunk.map(\.idNumber)).all(\.$idNumber)
            for number in Set(taken).sorted() {
                var lineErrors = FieldErrors()
                lineErrors.add("idNumber", "Số định danh đã có trong hồ sơ một cán bộ khác; mỗi người chỉ có một hồ sơ.")
                problems += describe(lineErrors, line: seenIDs[number] ?? 0, columns: officerColumns)
            }
        }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        for (n, draft) in drafts.enumerated() {
            _ = try await OfficerService.create(draft, by: actor, on: db)
            if (n + 1) % 1000 == 0 { progress(n + 1, drafts.count) }
        }
        return drafts.count
    }
}
