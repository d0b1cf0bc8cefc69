import Domain
import Fluent
import Foundation

/// Builds a realistic, deterministic demo province: agencies at the three levels, IT officers,
/// IT-application levels over several years, and a demo account for every role.
struct DemoProvince {
    var seed: UInt64
    var extraAgencies: Int
    var extraOfficers: Int
    var today: LocalDate

    struct Built {
        var agencies: [AgencyModel] = []
        var levels: [AgencyITLevelModel] = []
        var officers: [OfficerModel] = []
        var events: [OfficerEventModel] = []
        /// Each officer's incentive history (ADR 0009).
        var incentives: [OfficerIncentiveModel] = []
        /// The agencies of the demo accounts.
        var agencyA: AgencyModel!
        var agencyB: AgencyModel!
        var authority: AgencyModel!
    }

    func build() -> Built {
        var rng = SeededRandom(seed: seed)
        var built = Built()
        func agency(_ name: String, short: String = "", kind: AgencyKind, level: AdminLevel, parent: AgencyModel?,
                    district: String = "", head: (String, String)) -> AgencyModel {
            let a = AgencyModel()
            a.id = rng.uuid()
            a.apply(AgencyDraft(name: name, shortName: short, kind: kind, level: level, governingAgencyID: parent?.id,
                                district: district, address: district.isEmpty ? "Thủ Dầu Một, Bình Dương" : "\(district), Bình Dương",
                                headName: head.0, headTitle: head.1, appliesByAnalogy: level == .commune))
            a.isActive = true
            a.version = 1
            built.agencies.append(a)
            return a
        }
        let province = agency("Ủy ban nhân dân tỉnh Bình Dương", short: "UBND tỉnh", kind: .administrative,
                              level: .province, parent: nil, head: (DemoNames.person(&rng).name, "Chủ tịch"))
        for department in DemoNames.departments {
            let dept = agency(department.name, short: department.short, kind: .administrative, level: .province,
                              parent: province, head: (DemoNames.person(&rng).name, "Giám đốc"))
            if department.short == "STTTT" { built.authority = dept }
            if department.short == "SKHĐT" { built.agencyA = dept }
            for unit in department.units {
                _ = agency(unit, kind: .publicService, level: .province, parent: dept,
                           head: (DemoNames.person(&rng).name, "Giám đốc"))
            }
        }
        _ = agency("Đài Phát thanh và Truyền hình Bình Dương", short: "BTV", kind: .publicService, level: .province,
                   parent: province, head: (DemoNames.person(&rng).name, "Giám đốc"))
        _ = agency("Ban Tuyên giáo Tỉnh ủy", kind: .partyOrMassOrganisation, level: .province, parent: nil,
                   head: (DemoNames.person(&rng).name, "Trưởng ban"))
        _ = agency("Tỉnh đoàn Bình Dương", kind: .partyOrMassOrganisation, level: .province, parent: nil,
                   head: (DemoNames.person(&rng).name, "Bí thư"))
        var communes: [(AgencyModel, String)] = []
        for district in DemoNames.districts {
            let tier = district.isCity ? "thành phố" : "huyện"
            let ubnd = agency("Ủy ban nhân dân \(tier) \(district.name)", kind: .administrative, level: .district,
                              parent: province, district: district.name, head: (DemoNames.person(&rng).name, "Chủ tịch"))
            if district.name == "Dĩ An" { built.agencyB = ubnd }
            _ = agency("Phòng Văn hóa và Thông tin \(tier) \(district.name)", kind: .administrative, level: .district,
                       parent: ubnd, district: district.name, head: (DemoNames.person(&rng).name, "Trưởng phòng"))
            _ = agency("Phòng Tài chính - Kế hoạch \(tier) \(district.name)", kind: .administrative, level: .district,
                       parent: ubnd, district: district.name, head: (DemoNames.person(&rng).name, "Trưởng phòng"))
            for ward in district.wards {
                let commune = agency("Ủy ban nhân dân \(ward)", kind: .administrative, level: .commune, parent: ubnd,
                                     district: district.name, head: (DemoNames.person(&rng).name, "Chủ tịch"))
                communes.append((commune, ward))
            }
        }
        var k = 0
        while built.agencies.count < extraAgencies {
            let (commune, ward) = communes[k % communes.count]
            let number = k / communes.count + 1
            let name = k % 2 == 0 ? "Trường Tiểu học \(ward.split(separator: " ").dropFirst().joined(separator: " ")) số \(number)"
                                  : "Trạm Y tế \(ward) số \(number)"
            _ = agency(name, kind: .publicService, level: .commune, parent: commune, district: commune.district,
                       head: (DemoNames.person(&rng).name, k % 2 == 0 ? "Hiệu trưởng" : "Trưởng trạm"))
            k += 1
        }
        addLevels(&built, &rng)
        addOfficers(&built, &rng)
        addIncentiveStories(&built, &rng)
        return built
    }

    /// D7: levels per agency and year, by the authority, with a source document; the current year
    /// is not yet assessed for some agencies, so "level unknown" shows.
    func addLevels(_ built: inout Built, _ rng: inout SeededRandom) {
        for agency in built.agencies where agency.agencyKind != .partyOrMassOrganisation {
            let base = switch agency.adminLevel {
            case .province: rng.int(2...4)
            case .district: rng.int(2...3)
            case .commune: rng.int(1...2)
            }
            for year in (today.year - 4)...today.year {
                if year == today.year && rng.chance(0.15) { continue }
                let level = min(4, max(1, base + (year - today.year + 4) / 3 - (rng.chance(0.2) ? 1 : 0)))
                built.levels.append(AgencyITLevelModel(agencyID: agency.id!, year: year, level: level,
                                                       sourceDocument: "Quyết định \(rng.int(100...2999))/QĐ-STTTT ngày 15/12/\(year - 1)"))
            }
        }
    }

    func addOfficers(_ built: inout Built, _ rng: inout SeededRandom) {
        func officer(at agency: AgencyModel, kind: ITOfficerKind, name: (String, Gender)? = nil) {
            addOfficer(&built, &rng, at: agency, kind: kind, name: name)
        }
        officer(at: built.agencyA, kind: .fullTime, name: ("Trần Minh Khoa", .male))
        officer(at: built.agencyA, kind: .partTime, name: ("Lê Thị Thu Hà", .female))
        officer(at: built.agencyB, kind: .fullTime, name: ("Phạm Quốc Bảo", .male))
        for agency in built.agencies where agency.id != built.agencyA.id && agency.id != built.agencyB.id {
            let roll = Double.random(in: 0..<1, using: &rng)
            switch agency.adminLevel {
            case .commune:
                if roll < 0.93 { officer(at: agency, kind: .partTime) }
            default:
                if roll < 0.03 { continue }
                officer(at: agency, kind: roll < 0.85 ? .fullTime : .partTime)
                if roll < 0.78 { officer(at: agency, kind: rng.chance(0.85) ? .partTime : .fullTime) }
            }
        }
        var i = 0
        let targets = built.agencies.filter { $0.agencyKind != .partyOrMassOrganisation }
        while built.officers.count < extraOfficers {
            officer(at: targets[i % targets.count], kind: rng.chance(0.4) ? .fullTime : .partTime)
            i += 1
        }
    }

    /// One officer with the event of their start and the first entry of their incentive history; `since`
    /// fixes the start, `left` ends their service on a day.
    @discardableResult
    func addOfficer(_ built: inout Built, _ rng: inout SeededRandom, at agency: AgencyModel, kind: ITOfficerKind,
                    name: (String, Gender)? = nil, since: LocalDate? = nil,
                    left: (EmploymentStatus, LocalDate, String)? = nil) -> OfficerModel {
        let person = name ?? DemoNames.person(&rng)
        let birthYear = rng.int(1970...1998)
        let birth = LocalDate(year: birthYear, month: rng.int(1...12), day: rng.int(1...28))!
        let centuryCode = (birthYear >= 2000 ? 2 : 0) + (person.1 == .female ? 1 : 0)
        let id = "074\(centuryCode)\(String(format: "%02d", birthYear % 100))\(String(format: "%06d", rng.int(0...999_999)))"
        let start = since ?? LocalDate(year: min(today.year - 1, birthYear + rng.int(23...30)), month: rng.int(1...12), day: rng.int(1...28))!
        let incentive = agency.agencyKind != .partyOrMassOrganisation && rng.chance(0.93)
        let o = OfficerModel()
        o.id = rng.uuid()
        o.apply(OfficerDraft(
            fullName: person.0, dateOfBirth: birth, gender: person.1,
            position: rng.pick(DemoNames.positions), kind: kind,
            monthlyIncentive: incentive ? rng.pick(DemoNames.incentives) : nil, agencyID: agency.id!,
            division: rng.pick(DemoNames.divisions), idNumber: id,
            phone: "09\(rng.int(10_000_000...99_999_999))", email: "",
            qualifications: rng.pick(DemoNames.qualifications), certificates: rng.pick(DemoNames.certificates),
            civilServiceStatus: agency.agencyKind == .publicService ? .publicEmployee : .civilServant,
            receivesIncentive: incentive, isITLeadership: false, isTelecomOfficer: false, startDate: start,
            incentiveEffectiveOn: start),
            agency: agency)
        let folded = VietnameseText.fold(person.0).split(separator: " ")
        o.email = "\(folded.last!)\(folded.dropLast().map { String($0.first!) }.joined())@binhduong.gov.vn"
        o.version = 1
        var status = EmploymentStatus.active
        if left == nil, rng.chance(0.05) { status = rng.pick([.leave, .study, .workAssignment]) }
        o.employmentStatus = status.rawValue
        built.officers.append(o)
        built.events.append(OfficerEventModel(officerID: o.id!, status: .active, agencyID: agency.id!,
                                              effectiveOn: start, note: "Bắt đầu làm công tác CNTT"))
        if status != .active {
            built.events.append(OfficerEventModel(officerID: o.id!, status: status, agencyID: agency.id!,
                                                  effectiveOn: today.adding(days: -rng.int(10...90)), note: ""))
        }
        if let (status, day, note) = left {
            o.employmentStatus = status.rawValue
            built.events.append(OfficerEventModel(officerID: o.id!, status: status, agencyID: agency.id!, effectiveOn: day, note: note))
        }
        built.incentives.append(OfficerIncentiveModel(officerID: o.id!, monthlyAmount: o.monthlyIncentive,
                                                      receives: o.receivesIncentive, effectiveOn: start))
        return o
    }
}
