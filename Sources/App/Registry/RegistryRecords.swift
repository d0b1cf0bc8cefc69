import Domain
import Foundation

/// An agency with every field the API and the exports give, read as a plain row (ADR 0006): Fluent
/// fills a model by reflecting over all its properties, which took a third of an API list's time
/// (bench/results/speed-issue14.md). A model read for a write is turned into one with `init(_:)`.
struct AgencyRecord: PlainRow {
    var id: UUID, name: String, shortName: String, kind: String, level: String, governingAgencyID: UUID?
    var district: String, address: String, headName: String, headTitle: String
    var appliesByAnalogy: Bool, isActive: Bool, version: Int

    static let columns = ["id", "name", "short_name", "kind", "level", "governing_agency_id", "district", "address",
                          "head_name", "head_title", "applies_by_analogy", "is_active", "version"]

    init(row: any ResultColumns) throws {
        id = try row.required("id", row.uuid)
        name = try row.string("name", default: "")
        shortName = try row.string("short_name", default: "")
        kind = try row.string("kind", default: "")
        level = try row.string("level", default: "")
        governingAgencyID = try row.uuid("governing_agency_id")
        district = try row.string("district", default: "")
        address = try row.string("address", default: "")
        headName = try row.string("head_name", default: "")
        headTitle = try row.string("head_title", default: "")
        appliesByAnalogy = try row.bool("applies_by_analogy") ?? false
        isActive = try row.bool("is_active") ?? true
        version = try row.int("version") ?? 1
    }

    init(_ a: AgencyModel) {
        id = a.id!; name = a.name; shortName = a.shortName; kind = a.kind; level = a.level
        governingAgencyID = a.$governingAgency.id; district = a.district; address = a.address
        headName = a.headName; headTitle = a.headTitle; appliesByAnalogy = a.appliesByAnalogy
        isActive = a.isActive; version = a.version
    }

    var agencyKind: AgencyKind { AgencyModel.agencyKind(kind) }
    var adminLevel: AdminLevel { AgencyModel.adminLevel(level) }
}

/// An agency's IT-application level of a year, as a plain row (D7).
struct ITLevelRecord: Sendable {
    var agencyID: UUID, year: Int, level: Int, sourceDocument: String

    init(row: any ResultColumns) throws {
        agencyID = try row.required("agency_id", row.uuid)
        year = try row.required("year", row.int)
        level = try row.required("level", row.int)
        sourceDocument = try row.string("source_document", default: "")
    }
}

/// An officer with every field the API and the exports give and the agency's name, as a plain row.
struct OfficerRecord: PlainRow {
    var id: UUID, fullName: String, dateOfBirth: String, gender: String, position: String, kind: String
    var monthlyIncentive: Int?, agencyID: UUID, agencyName: String, division: String, idNumber: String
    var phone: String, email: String, qualifications: String, certificates: String, civilServiceStatus: String
    var receivesIncentive: Bool, isITLeadership: Bool, isTelecomOfficer: Bool
    var scopeStatus: String, employmentStatus: String, startDate: String, version: Int

    /// The officer's own columns; the agency's name is joined as `agency_name`.
    static let columns = ["id", "full_name", "date_of_birth", "gender", "position", "kind", "monthly_incentive",
                          "agency_id", "division", "id_number", "phone", "email", "qualifications", "certificates",
                          "civil_service_status", "receives_incentive", "is_it_leadership", "is_telecom_officer",
                          "scope_status", "employment_status", "start_date", "version"]

    init(row: any ResultColumns) throws {
        id = try row.required("id", row.uuid)
        fullName = try row.string("full_name", default: "")
        dateOfBirth = try row.string("date_of_birth", default: "")
        gender = try row.string("gender", default: "")
        position = try row.string("position", default: "")
        kind = try row.string("kind", default: "")
        monthlyIncentive = try row.int("monthly_incentive")
        agencyID = try row.required("agency_id", row.uuid)
        agencyName = try row.string("agency_name", default: "")
        division = try row.string("division", default: "")
        idNumber = try row.string("id_number", default: "")
        phone = try row.string("phone", default: "")
        email = try row.string("email", default: "")
        qualifications = try row.string("qualifications", default: "")
        certificates = try row.string("certificates", default: "")
        civilServiceStatus = try row.string("civil_service_status", default: "")
        receivesIncentive = try row.bool("receives_incentive") ?? false
        isITLeadership = try row.bool("is_it_leadership") ?? false
        isTelecomOfficer = try row.bool("is_telecom_officer") ?? false
        scopeStatus = try row.string("scope_status", default: "")
        employmentStatus = try row.string("employment_status", default: "")
        startDate = try row.string("start_date", default: "")
        version = try row.int("version") ?? 1
    }

    init(_ o: OfficerModel, agencyName: String) {
        id = o.id!; fullName = o.fullName; dateOfBirth = o.dateOfBirth; gender = o.gender; position = o.position
        kind = o.kind; monthlyIncentive = o.monthlyIncentive; agencyID = o.$agency.id; self.agencyName = agencyName
        division = o.division; idNumber = o.idNumber; phone = o.phone; email = o.email
        qualifications = o.qualifications; certificates = o.certificates; civilServiceStatus = o.civilServiceStatus
        receivesIncentive = o.receivesIncentive; isITLeadership = o.isITLeadership; isTelecomOfficer = o.isTelecomOfficer
        scopeStatus = o.scopeStatus; employmentStatus = o.employmentStatus; startDate = o.startDate; version = o.version
    }

    var officerKind: ITOfficerKind { OfficerModel.officerKind(kind) }
    var status: EmploymentStatus { OfficerModel.status(employmentStatus) }
    var scope: ScopeStatus { OfficerModel.scope(scopeStatus) }
}
