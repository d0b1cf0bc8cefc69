import Domain
import Foundation

/// Fluent models and Domain values → API bodies. No Fluent model is encoded directly.
extension Components.Schemas.Agency {
    init(_ a: AgencyRecord, levels: [ITLevelRecord]) {
        self.init(id: a.id.canonicalText, name: a.name, shortName: a.shortName,
                  kind: .init(rawValue: a.kind) ?? .administrative, level: .init(rawValue: a.level) ?? .province,
                  governingAgencyId: a.governingAgencyID?.canonicalText, district: a.district, address: a.address,
                  headName: a.headName, headTitle: a.headTitle, appliesByAnalogy: a.appliesByAnalogy,
                  isActive: a.isActive, version: a.version,
                  itLevels: levels.map { .init(year: $0.year, level: $0.level, sourceDocument: $0.sourceDocument) })
    }
}

extension Components.Schemas.Officer {
    init(_ o: OfficerRecord, showFullID: Bool) {
        self.init(id: o.id.canonicalText, fullName: o.fullName, dateOfBirth: o.dateOfBirth,
                  gender: .init(rawValue: o.gender) ?? .male, position: o.position,
                  kind: .init(rawValue: o.kind) ?? .partTime, monthlyIncentive: o.monthlyIncentive,
                  agencyId: o.agencyID.canonicalText, agencyName: o.agencyName, division: o.division,
                  idNumber: showFullID ? o.idNumber : IdentityNumber.masked(o.idNumber), phone: o.phone, email: o.email,
                  qualifications: o.qualifications, certificates: o.certificates,
                  civilServiceStatus: .init(rawValue: o.civilServiceStatus) ?? .civilServant,
                  receivesIncentive: o.receivesIncentive, isITLeadership: o.isITLeadership,
                  isTelecomOfficer: o.isTelecomOfficer, scopeStatus: o.scopeStatus,
                  employmentStatus: .init(rawValue: o.employmentStatus) ?? .active, startDate: o.startDate,
                  version: o.version)
    }
}

extension Components.Schemas.StaffingRow {
    init(_ row: StaffingRow) {
        self.init(agencyId: row.agencyID.canonicalText, agencyName: row.agencyName, itLevel: row.itLevel,
                  status: .init(rawValue: row.assessment.status.rawValue) ?? .levelUnknown,
                  reason: row.assessment.reason, fullTime: row.assessment.fullTime,
                  partTime: row.assessment.partTime, marks: row.assessment.marks)
    }
}

extension Components.Schemas.Profile {
    init(_ p: RegulationProfile) {
        self.init(code: p.code, title: p.title, provinceName: p.provinceName, placeName: p.placeName,
                  itAuthorityName: p.itAuthorityName, districtITAuthorityName: p.districtITAuthorityName,
                  regulationNumber: p.regulationNumber, regulationSignedOn: p.regulationSignedOn.iso,
                  regulationIssuer: p.regulationIssuedBy,
                  workLogDeadline: p.workLogDeadline.vietnamese, resultsDeadline: p.resultsDeadline.vietnamese,
                  evaluationPeriodStart: p.evaluationPeriodStart.vietnamese,
                  staffingBothKindsFromLevel: p.staffingBothKindsFromLevel, rewardStreakYears: p.rewardStreakYears)
    }
}

extension AgencyInput {
    init(_ body: Components.Schemas.AgencyInput) {
        self.init(name: body.name, shortName: body.shortName ?? "", kind: body.kind.rawValue, level: body.level.rawValue,
                  governingAgencyID: body.governingAgencyId ?? "", district: body.district ?? "",
                  address: body.address ?? "", headName: body.headName ?? "", headTitle: body.headTitle ?? "",
                  appliesByAnalogy: body.appliesByAnalogy ?? false, version: nil)
    }

    /// A PATCH changes only what it names.
    mutating func apply(_ patch: Components.Schemas.AgencyPatch) {
        if let v = patch.name { name = v }
        if let v = patch.shortName { shortName = v }
        if let v = patch.kind { kind = v.rawValue }
        if let v = patch.level { level = v.rawValue }
        if let v = patch.governingAgencyId { governingAgencyID = v }
        if let v = patch.district { district = v }
        if let v = patch.address { address = v }
        if let v = patch.headName { headName = v }
        if let v = patch.headTitle { headTitle = v }
        if let v = patch.appliesByAnalogy { appliesByAnalogy = v }
        version = patch.version
    }
}

extension OfficerInput {
    init(_ b: Components.Schemas.OfficerInput) {
        self.init(fullName: b.fullName, dateOfBirth: b.dateOfBirth, gender: b.gender.rawValue, position: b.position,
                  kind: b.kind.rawValue, monthlyIncentive: b.monthlyIncentive.map(String.init) ?? "",
                  agencyID: b.agencyId, division: b.division ?? "", idNumber: b.idNumber, phone: b.phone ?? "",
                  email: b.email ?? "", qualifications: b.qualifications ?? "", certificates: b.certificates ?? "",
                  civilServiceStatus: b.civilServiceStatus?.rawValue ?? CivilServiceStatus.civilServant.rawValue,
                  receivesIncentive: b.receivesIncentive ?? false, isITLeadership: b.isITLeadership ?? false,
                  isTelecomOfficer: b.isTelecomOfficer ?? false, startDate: b.startDate, version: nil)
    }

    mutating func apply(_ p: Components.Schemas.OfficerPatch) {
        if let v = p.fullName { fullName = v }
        if let v = p.dateOfBirth { dateOfBirth = v }
        if let v = p.gender { gender = v.rawValue }
        if let v = p.position { position = v }
        if let v = p.kind { kind = v.rawValue }
        if let v = p.monthlyIncentive { monthlyIncentive = String(v) }
        if let v = p.division { division = v }
        if let v = p.idNumber { idNumber = v }
        if let v = p.phone { phone = v }
        if let v = p.email { email = v }
        if let v = p.qualifications { qualifications = v }
        if let v = p.certificates { certificates = v }
        if let v = p.civilServiceStatus { civilServiceStatus = v.rawValue }
        if let v = p.receivesIncentive { receivesIncentive = v }
        if let v = p.isITLeadership { isITLeadership = v }
        if let v = p.isTelecomOfficer { isTelecomOfficer = v }
        if let v = p.startDate { startDate = v }
        incentiveEffectiveOn = p.incentiveEffectiveOn
        version = p.version
    }
}
