@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing

/// Issue 2 §6, Art. 15.4, issue 14 (ADR 0017): a reader of part of the province finds in the lists
/// exactly the agencies `AccessPolicy.canSee` lets them open, now that the database reads the reach
/// itself: for each demo account, for the head of a chain deeper than the reach goes, for a district
/// IT body, for someone who both heads one agency and works in another, and where the governing links
/// come back in a circle.
@Suite("The agencies in view, read by the database")
struct VisibleAgenciesTests {
    /// Every agency the policy lets its holder open, asked of `canSee` one place at a time.
    static func opened(by policy: AccessPolicy, on db: any Database) async throws -> Set<UUID> {
        let ids = try await AgencyModel.query(on: db).all().compactMap(\.id)
        let places = try await Visibility.places(of: ids, on: db)
        return Set(ids.filter { places[$0].map(policy.canSee) ?? false })
    }

    /// The policy's reach in `form` (nil: as `measured(on:)` chooses it for its size).
    static func reach(_ policy: AccessPolicy, _ form: VisibleAgencies.Form?) -> VisibleAgencies? {
        var reach = VisibleAgencies(policy)
        reach?.form = form
        return reach
    }

    /// Every agency of every page of the agency list (inactive ones too) for that policy.
    /// `kept`: the reach read out while the audit head stays (SQLite, `VisibleAgencies.readOut`).
    static func listed(by policy: AccessPolicy, form: VisibleAgencies.Form? = nil, kept: KeptReads? = nil,
                       _ filter: AgencyFilter = AgencyFilter(includeInactive: true), on db: any Database) async throws -> [UUID] {
        try await DeepPageTests.everyPage { paging in
            try await RegistryQueries.agencies(filter, visible: reach(policy, form),
                                               paging: &paging, as: AgencyListItem.self,
                                               kept: kept.map { KeptReads.At(reads: $0, head: nil) }, on: db).map(\.id)
        }
    }

    /// Every officer of every page of the officer list for that policy.
    static func officersListed(by policy: AccessPolicy, form: VisibleAgencies.Form?, kept: KeptReads? = nil,
                               _ filter: OfficerFilter = OfficerFilter(), on db: any Database) async throws -> [UUID] {
        try await DeepPageTests.everyPage { paging in
            try await RegistryQueries.officers(filter, visible: reach(policy, form),
                                               paging: &paging, as: OfficerListItem.self,
                                               kept: kept.map { KeptReads.At(reads: $0, head: nil) }, on: db).map(\.id)
        }
    }

    /// The lists, the ids the in-memory views read, and `canSee` agree, whichever form names the reach
    /// (the one chosen for its size, each other, and the reach read out and kept); returns what they
    /// agree on.
    @discardableResult
    static func agree(_ policy: AccessPolicy, on db: any Database, _ label: String) async throws -> Set<UUID> {
        let opened = try await opened(by: policy, on: db)
        let officers = Set(try await OfficerModel.query(on: db).all().filter { opened.contains($0.$agency.id) }.compactMap(\.id))
        let sorted = opened.sorted { $0.uuidString < $1.uuidString }
        for form: VisibleAgencies.Form? in [nil, .statement, .hashedInPages, .listed(sorted)] {
            let listed = try await listed(by: policy, form: form, on: db)
            #expect(Set(listed) == opened, "\(label) \(String(describing: form))")
            #expect(listed.count == Set(listed).count, "\(label) \(String(describing: form)): an agency listed twice")
            let officersListed = try await officersListed(by: policy, form: form, on: db)
            #expect(Set(officersListed) == officers && officersListed.count == officers.count, "\(label) \(String(describing: form))")
        }
        let kept = KeptReads()
        let listed = try await listed(by: policy, kept: kept, on: db)
        #expect(Set(listed) == opened && listed.count == opened.count, "\(label), read out")
        let officersListed = try await officersListed(by: policy, form: nil, kept: kept, on: db)
        #expect(Set(officersListed) == officers && officersListed.count == officers.count, "\(label), read out")
        #expect(try await Visibility.agencyIDs(for: policy, on: db) == opened, "\(label)")
        return opened
    }

    static func agency(_ name: String, under parent: UUID?, district: String = "Bến Cát", on db: any Database) async throws -> UUID {
        let a = AgencyModel()
        a.name = name; a.nameFolded = VietnameseText.fold(name); a.shortName = ""
        a.kind = AgencyKind.administrative.rawValue; a.level = AdminLevel.commune.rawValue
        a.$governingAgency.id = parent; a.district = district; a.address = ""; a.headName = ""; a.headTitle = ""
        a.appliesByAnalogy = false; a.isActive = true; a.version = 1
        try await a.create(on: db)
        return a.id!
    }

    static func head(_ ids: UUID...) -> AccessPolicy {
        AccessPolicy(grants: ids.map { RoleGrant(role: .agencyHead, agencyID: $0) })
    }

    /// A district's people's committee with `schools` schools below it, where 30 of the world's officers work.
    static func district(schools: Int = 40, on db: any Database) async throws -> (root: UUID, below: [UUID]) {
        let root = try await agency("Ủy ban nhân dân huyện Bàu Bàng", under: nil, on: db)
        var below: [UUID] = []
        for n in 1...schools { below.append(try await agency("Trường Tiểu học số \(n)", under: root, on: db)) }
        for (i, officer) in try await OfficerModel.query(on: db).sort(\.$id).limit(30).all().enumerated() {
            officer.$agency.id = below[i % below.count]
            try await officer.update(on: db)
        }
        return (root, below)
    }

    /// Whether `conditions` test `column` row by row against a reach read out (`VisibleAgencies.walkTest`).
    static func walks(_ conditions: [any SQLExpression], _ column: String, on db: any Database) throws -> Bool {
        let sql = try db.sql().serialize(SQLList(conditions, separator: SQLRaw(" AND "))).sql
        return sql.contains("qlcb_id_in(") && sql.contains(", \(column))")
    }

    @Test func eachDemoAccountListsExactlyTheAgenciesItMayOpen() async throws {
        try await withWorld { app, _ in
            for account in DemoLoader.accounts {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == account.username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                guard !viewer.policy.readsWholeProvince else {
                    #expect(VisibleAgencies(viewer.policy) == nil)
                    continue
                }
                let seen = try await Self.agree(viewer.policy, on: app.db, account.username)
                #expect(!seen.isEmpty, "\(account.username)")
            }
        }
    }

    @Test func aHeadSeesNineteenLevelsBelowAsTheAgencysPlaceReadsThemAndAnotherAgencyWhereTheyWork() async throws {
        try await withWorld { app, province in
            let root = try await Self.agency("Ủy ban nhân dân xã Gốc", under: nil, on: app.db)
            var chain = [root]
            for level in 1...21 { chain.append(try await Self.agency("Tổ \(level)", under: chain.last, on: app.db)) }
            let seen = try await Self.agree(Self.head(root), on: app.db, "trưởng chuỗi")
            #expect(seen == Set(chain.prefix(VisibleAgencies.levelsBelow + 1)))
            // The deepest two are beyond the reach: not listed, and not opened either.
            #expect(!seen.contains(chain[20]) && !seen.contains(chain[21]))
            // Heading the chain's middle and working in another agency.
            var both = Self.head(chain[10])
            both.grants.append(RoleGrant(role: .agencyStaff, agencyID: province.agencyA.id!))
            let mixed = try await Self.agree(both, on: app.db, "trưởng và nhân viên")
            #expect(mixed == Set(chain[10...21]).union([province.agencyA.id!]))
        }
    }

    @Test func governingLinksThatComeBackInACircleEndTheReachWithoutRepeatingAnAgency() async throws {
        try await withWorld { app, _ in
            let first = try await Self.agency("Phòng Một", under: nil, on: app.db)
            let second = try await Self.agency("Phòng Hai", under: first, on: app.db)
            let third = try await Self.agency("Phòng Ba", under: second, on: app.db)
            let model = try #require(try await AgencyModel.find(first, on: app.db))
            model.$governingAgency.id = third
            try await model.save(on: app.db)
            #expect(try await Self.agree(Self.head(second), on: app.db, "vòng") == [first, second, third])
        }
    }

    /// Art. 15.4, ADR 0020: a head's reach is kept while the audit head stays, read out for the lists'
    /// statements on both databases; a ticket recorded does not read it out again (shown by taking the
    /// agencies away), as it stays while the head without tickets stays; an agency the registry places
    /// below the head's (a write, audited) is in the next list and the next in-memory reach.
    @Test func aHeadsReachIsKeptWhileTheAuditHeadStaysNotReadAgainAfterATicketAndFollowsAnAgencyPlacedBelowIt() async throws {
        try await withWorld { app, province in
            let policy = Self.head(province.agencyA.id!)
            let kept = KeptReads()
            let measured = try await VisibleAgencies(policy)?.measured(on: app.db, kept: kept)
            let head = try await AuditLog.head(on: app.db).seq
            #expect(measured?.readOut != nil && measured?.readAt == head)
            /// The reach as the dashboard and the staffing views read it, kept the same way.
            func inMemory() async throws -> Set<UUID>? {
                try await Visibility.agencyIDs(for: policy, kept: KeptReads.At(reads: kept, head: nil), on: app.db)
            }
            let before = try await Self.listed(by: policy, kept: kept, on: app.db)
            #expect(Set(before) == (try await Self.opened(by: policy, on: app.db)))
            #expect(try await inMemory() == Set(before))
            let reads = kept.counted
            #expect(try await Self.listed(by: policy, kept: kept, on: app.db) == before && kept.counted == reads)
            #expect(try await inMemory() == Set(before) && kept.counted == reads)
            _ = try await KeptPagesTests.recordTicket(app)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("ALTER TABLE agencies RENAME TO agencies_away").run()
            let afterTicket = try? await VisibleAgencies(policy)?.measured(on: app.db, kept: kept)
            try await sql.raw("ALTER TABLE agencies_away RENAME TO agencies").run()
            let headNow = try await AuditLog.head(on: app.db).seq
            #expect(afterTicket?.readOut == measured?.readOut && afterTicket?.readAt == headNow)
            #expect(afterTicket?.readAt != head)

            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "sotttt").first())
            let actor = try #require(try await Viewer.load(userID: user.id!, on: app.db))
            var draft = KeptReadsTests.draft("Trạm Y tế xã Mới Lập")
            draft.governingAgencyID = province.agencyA.id
            let placed = try #require(try await AgencyService.create(draft, by: actor, on: app.db).id)
            let after = try await Self.listed(by: policy, kept: kept, on: app.db)
            #expect(Set(after) == Set(before).union([placed]) && after.count == before.count + 1)
            #expect(Set(after) == (try await Self.opened(by: policy, on: app.db)))
            #expect(try await inMemory() == Set(after))
            #expect(kept.counted > reads)
        }
    }

    @Test func aDistrictITBodySeesEveryAgencyOfItsDistrictAndNoOther() async throws {
        try await withWorld { app, _ in
            let body = try await Self.agency("Phòng Văn hóa và Thông tin huyện Dầu Tiếng", under: nil, district: "Dầu Tiếng", on: app.db)
            let school = try await Self.agency("Trường Tiểu học Định An", under: nil, district: "Dầu Tiếng", on: app.db)
            _ = try await Self.agency("Trường Tiểu học Tân Định", under: nil, district: "Bàu Bàng", on: app.db)
            let policy = AccessPolicy(grants: [RoleGrant(role: .districtITBody, agencyID: body)], districtsOfGrantAgencies: [body: "Dầu Tiếng"])
            let inDistrict = Set(try await AgencyModel.query(on: app.db).filter(\.$district == "Dầu Tiếng").all().compactMap(\.id))
            #expect(try await Self.agree(policy, on: app.db, "huyện") == inDistrict)
            #expect(inDistrict.isSuperset(of: [body, school]))
        }
    }

    /// ADR 0017 (fifteenth part): on PostgreSQL a reach of at most `listedAtMost` agencies is sent to
    /// the lists as their ids, so the planner sees each one; a larger reach stays a statement, tested
    /// in a page against a hash of its agencies. SQLite keeps the statement. Each form lists the same
    /// agencies and officers.
    @Test func aReachOfAtMostAHundredAgenciesIsListedByIdAndALargerOneStaysAStatement() async throws {
        try await withWorld { app, _ in
            let sqlite = try app.db.sql().dialect.name == "sqlite"
            let root = try await Self.agency("Ủy ban nhân dân huyện Bàu Bàng", under: nil, on: app.db)
            var reach = [root]
            for n in 1..<VisibleAgencies.listedAtMost {
                reach.append(try await Self.agency("Trường Tiểu học số \(n)", under: root, on: app.db))
            }
            let full = try #require(try await Self.reach(Self.head(root), nil)?.measured(on: app.db))
            #expect(full.form == (sqlite ? .statement : .listed(reach.sorted { $0.uuidString < $1.uuidString })))
            #expect(try await Self.reach(Self.head(reach[1]), nil)?.measured(on: app.db).form == (sqlite ? .statement : .listed([reach[1]])))
            reach.append(try await Self.agency("Trường Tiểu học số \(VisibleAgencies.listedAtMost)", under: root, on: app.db))
            let many = try #require(try await Self.reach(Self.head(root), nil)?.measured(on: app.db))
            #expect(many.form == (sqlite ? .statement : .hashedInPages))
            #expect(try await Self.agree(Self.head(root), on: app.db, "huyện lớn") == Set(reach))
        }
    }

    /// Issue 14 (ADR 0020): on SQLite the first pages of a large reach read out are walked in the list's
    /// order, each row tested against the reach (`ReadOut.walksInOrder`); later pages, and pages that
    /// other conditions filter too, read each agency's rows by its index. Every page is the same, in
    /// the same order, as the reach's statement gives it.
    @Test func aLargeReachsFirstPagesAreWalkedInTheListsOrderAndEqualThePagesReadByTheIndex() async throws {
        try await withWorld { app, _ in
            let (root, _) = try await Self.district(on: app.db)
            let policy = Self.head(root)
            let kept = KeptReads()
            let measured = try #require(try await Self.reach(policy, nil)?.measured(on: app.db, kept: kept))
            if try app.db.sql().dialect.name == "sqlite" {
                let readOut = try #require(measured.readOut)
                let province = try await AgencyModel.query(on: app.db).count()
                #expect(readOut.count == 41 && readOut.province == province)
                let bound = 41 * 41 / province
                try #require(bound >= 10, "the walk covers the first two pages of five")
                #expect(readOut.walksInOrder(upTo: bound) && !readOut.walksInOrder(upTo: bound + 1))
                func walks(_ rows: Int, _ filter: OfficerFilter = OfficerFilter()) throws -> Bool {
                    try Self.walks(RegistryQueries.officerConditions(filter, visible: measured, walked: rows), #""o"."agency_id""#, on: app.db)
                }
                #expect(try walks(5) && walks(bound) && !walks(bound + 1))
                #expect(try !walks(5, OfficerFilter(kind: .fullTime)))
                #expect(try Self.walks(RegistryQueries.agencyConditions(AgencyFilter(), visible: measured, walked: 5), #""id""#, on: app.db))
            }
            let byIndex = try await Self.listed(by: policy, form: .statement, on: app.db)
            #expect(try await Self.listed(by: policy, kept: kept, on: app.db) == byIndex && byIndex.count == 41)
            let officersByIndex = try await Self.officersListed(by: policy, form: .statement, on: app.db)
            #expect(try await Self.officersListed(by: policy, form: nil, kept: kept, on: app.db) == officersByIndex)
            #expect(officersByIndex.count == 30)
        }
    }

    /// Issue 14: on SQLite a page of a large reach searched by a common text (one the trigram index
    /// does not narrow) is walked in the list's order, each match tested against the reach
    /// (`ReadOut.walksSearching`, a tenth of the province's agencies or more); a small reach or another
    /// filter read each agency's rows by its index; a text with candidates tests each candidate
    /// against the reach read out (twenty-sixth part). The pages are the same, in the same order, as
    /// the reach's statement gives them.
    @Test func aLargeReachSearchedByACommonTextIsWalkedInTheListsOrderAndEqualsThePagesReadByTheIndex() async throws {
        try await withWorld { app, _ in
            let (root, below) = try await Self.district(on: app.db)
            // Two letters: too short for a trigram, so the index gives no candidates.
            let (officersText, agenciesText) = ("n", "so")
            let (policy, kept) = (Self.head(root), KeptReads())
            if try app.db.sql().dialect.name == "sqlite" {
                let measured = try #require(try await Self.reach(policy, nil)?.measured(on: app.db, kept: kept))
                let lone = try #require(try await Self.reach(Self.head(below[0]), nil)?.measured(on: app.db, kept: kept))
                let province = try await AgencyModel.query(on: app.db).count()
                #expect(measured.readOut?.walksSearching == (41 * 10 >= province) && 41 * 10 >= province)
                #expect(lone.readOut?.walksSearching == false && lone.readOut?.count == 1)
                func walks(_ conditions: [any SQLExpression], _ column: String) throws -> Bool {
                    try Self.walks(conditions, column, on: app.db)
                }
                let officer = #""o"."agency_id""#
                #expect(try walks(RegistryQueries.officerConditions(OfficerFilter(q: officersText), visible: measured, walked: 25), officer))
                #expect(try !walks(RegistryQueries.officerConditions(OfficerFilter(q: officersText), visible: lone, walked: 25), officer))
                for reach in [measured, lone] {
                    #expect(try walks(RegistryQueries.officerConditions(OfficerFilter(q: officersText), visible: reach,
                                                                        candidates: .init(json: "[]", count: 0), walked: 25), officer))
                    #expect(try walks(RegistryQueries.agencyConditions(AgencyFilter(q: agenciesText), visible: reach,
                                                                       candidates: .init(json: "[]", count: 0)), #""id""#))
                }
                #expect(try !walks(RegistryQueries.officerConditions(OfficerFilter(q: officersText, kind: .fullTime), visible: measured,
                                                                     walked: 25), officer))
                #expect(try !walks(RegistryQueries.officerConditions(OfficerFilter(q: officersText), visible: measured), officer))
                #expect(try walks(RegistryQueries.agencyConditions(AgencyFilter(q: agenciesText), visible: measured, walked: 25), #""id""#))
                // Rows that stay few whatever the reach (the open handovers) are each tested, for any reach read out.
                #expect(try walks([measured.contains(SQLColumn("agency_id"), walked: .few)], #""agency_id""#))
                #expect(try walks([lone.contains(SQLColumn("agency_id"), walked: .few)], #""agency_id""#))
            }
            let officers = OfficerFilter(q: officersText)
            let officersByIndex = try await Self.officersListed(by: policy, form: .statement, officers, on: app.db)
            #expect(try await Self.officersListed(by: policy, form: nil, kept: kept, officers, on: app.db) == officersByIndex)
            #expect(!officersByIndex.isEmpty)
            let agencies = AgencyFilter(q: agenciesText)
            let byIndex = try await Self.listed(by: policy, form: .statement, agencies, on: app.db)
            #expect(try await Self.listed(by: policy, kept: kept, agencies, on: app.db) == byIndex && byIndex.count == 40)
        }
    }

    /// D14 with ADR 0017 (twenty-sixth part): a large reach searched by texts the trigram index
    /// narrows (a piece of a name in reach, the schools' names) reads the candidates by id, each
    /// tested against the reach read out, and finds exactly what the reach's statement finds, in
    /// the same order, on every page.
    @Test func D14_aLargeReachSearchedByItsCandidatesFindsWhatTheReachsStatementFinds() async throws {
        try await withWorld { app, _ in
            let (root, below) = try await Self.district(on: app.db)
            let (policy, kept) = (Self.head(root), KeptReads())
            let named = try #require(try await OfficerModel.query(on: app.db).filter(\.$agency.$id ~~ below).sort(\.$id).first())
            let piece = String(named.nameFolded.dropFirst(2).prefix(5))
            let schools = "truong tieu hoc so"
            if try app.db.sql().dialect.name == "sqlite" {
                for (text, index) in [(piece, AddNameTrigramSearchSQLite.officers), (schools, AddNameTrigramSearchSQLite.agencies)] {
                    let candidates = try await NameTrigrams.candidates(for: text, in: index, on: app.db)
                    #expect((candidates?.count ?? 0) > 0, "\(text)")
                }
            }
            let narrowed = try await Self.officersListed(by: policy, form: .statement, OfficerFilter(q: piece), on: app.db)
            #expect(try await Self.officersListed(by: policy, form: nil, kept: kept, OfficerFilter(q: piece), on: app.db) == narrowed)
            #expect(narrowed.contains(named.id!))
            let schoolsByIndex = try await Self.listed(by: policy, form: .statement, AgencyFilter(q: schools), on: app.db)
            #expect(try await Self.listed(by: policy, kept: kept, AgencyFilter(q: schools), on: app.db) == schoolsByIndex
                    && schoolsByIndex.count == 40)
        }
    }

    /// ADR 0017 (twenty-sixth part): a search of a reach that walks the list's order when the trigram
    /// index does not narrow it (a tenth of the province's agencies or more) reads its candidates by
    /// id up to `limit / √share`, where the walk would cost less; any other reader up to `limit`.
    @Test func aSearchOfALargeReachReadsItsCandidatesByIdUpToWhereTheWalkWouldCostLess() {
        let ids = BoundIDs([UUID()])
        func limit(_ count: Int, of province: Int) -> Int {
            NameTrigrams.limit(for: .init(ids: ids, count: count, province: province, sqlite: true))
        }
        #expect(NameTrigrams.limit(for: nil) == NameTrigrams.limit && NameTrigrams.limit == 250)
        #expect(limit(10_000, of: 10_000) == 250)
        #expect(limit(1_291, of: 10_000) == 696)
        #expect(limit(1_000, of: 10_000) == 791)
        #expect(limit(999, of: 10_000) == 250 && limit(1, of: 10_000) == 250)
    }

    /// ADR 0020: the walk's test `qlcb_id_in(ids, id)` holds exactly the rows `id IN (SELECT value FROM
    /// json_each(ids))` holds, for ids in any order (with repeats, empty, one), a NULL id, and texts
    /// that share a beginning, kept or read again; an array that is not one of plain strings is an
    /// error, never an answer.
    @Test func theWalkTestHoldsExactlyTheIdsItsArrayHoldsAsInDoes() async throws {
        try await withWorld { app, _ in
            let sql = try app.db.sql()
            guard sql.dialect.name == "sqlite" else { return }
            func both(_ ids: String, _ id: String?) async throws -> (Int?, Int?) {
                let row = try #require(try await sql.raw("""
                    SELECT qlcb_id_in(\(bind: ids), \(bind: id)) AS f, \(bind: id) IN (SELECT value FROM json_each(\(bind: ids))) AS i
                    """).first())
                return (try row.decode(column: "f", as: Int?.self), try row.decode(column: "i", as: Int?.self))
            }
            var random = SystemRandomNumberGenerator()
            let pool = (0..<300).map { _ in UUID().uuidString } + ["a", "ab", "abc", "b", "", "Ă", "ă"]
            let arrays = [[], ["a"], Array(pool.prefix(200)), pool.shuffled(using: &random), pool.sorted().reversed() + ["a", "a"]]
            for ids in arrays {
                let json = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
                for id in pool.shuffled(using: &random).prefix(60) + ["zz", "A", "a "] {
                    let (function, inList) = try await both(json, id)
                    #expect(function == inList && function != nil, "\(id) in \(ids.count) ids")
                }
                let (function, inList) = try await both(json, nil)
                #expect(function == inList && function == (ids.isEmpty ? 0 : nil), "a NULL id in \(ids.count) ids")
            }
            // Arrays read once are kept for later statements (twenty-sixth part): arrays of one length
            // that differ in one id, more of them than are kept, asked by many statements at once,
            // each answered from its own array.
            let base = Array(pool.prefix(50))
            var variants: [(json: String, left: String, added: String)] = []
            for n in 0..<6 {
                var ids = base
                ids[n] = UUID().uuidString
                variants.append((String(decoding: try JSONEncoder().encode(ids), as: UTF8.self), base[n], ids[n]))
            }
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for round in 0..<48 {
                    let variant = variants[round % variants.count]
                    group.addTask {
                        let row = try await sql.raw("""
                            SELECT qlcb_id_in(\(bind: variant.json), \(bind: variant.left)) AS left, \
                            qlcb_id_in(\(bind: variant.json), \(bind: variant.added)) AS added, \
                            qlcb_id_in(\(bind: variant.json), \(bind: base[49])) AS kept
                            """).first()
                        return try row?.decode(column: "left", as: Int.self) == 0 && row?.decode(column: "added", as: Int.self) == 1
                            && row?.decode(column: "kept", as: Int.self) == 1
                    }
                }
                for try await answered in group { #expect(answered) }
            }
            for bad in ["", "[", "[\"a\",]", "[1]", "{\"a\": 1}", #"["a\"b"]"#, "[\"a\"] x"] {
                await #expect(throws: (any Error).self, "\(bad)") { _ = try await sql.raw("SELECT qlcb_id_in(\(bind: bad), 'a') AS f").all() }
            }
        }
    }

    /// ADR 0017 (fifteenth part): on PostgreSQL a large reach's page of officers, walked in name order,
    /// tests each officer's agency against a hash of the reach and is never a semi join (which,
    /// to keep the order, read the whole reach again for each officer). The plan's shape only.
    @Test func aLargeReachsPageTestsEachRowAgainstAHashOfTheReachOnPostgreSQL() async throws {
        try await withWorld { app, province in
            let sql = try app.db.sql()
            guard sql.dialect.name == "postgresql" else { return }
            let reach = Self.reach(Self.head(province.agencyB.id!), .hashedInPages)
            let page = try RegistryQueries.page(of: OfficerModel.schema, as: "o", ["id"],
                                                RegistryQueries.officerConditions(OfficerFilter(), visible: reach, walked: 25),
                                                order: ["name_sort_key", "id"], try Paging(page: 1, per: 25), .direct, on: app.db)
            let plan = try await sql.raw("EXPLAIN \(page.select)").all()
                .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            #expect(plan.contains("hashed SubPlan"), "\(plan)")
            #expect(!plan.contains("Semi Join"), "\(plan)")
        }
    }

    /// ADR 0017 (twenty-sixth part): on SQLite, a head's page of officers filtered by columns the
    /// walked name index does not hold (kind, status) is the same program whether the reach test is
    /// written before or after them. SQLite codes the conditions the walked index answers alone
    /// first, the reach among them, and reads the table only for the rows they keep; the order the
    /// lists write their conditions in is not a rule the code needs to keep.
    @Test func aWalkTestsTheReachFromItsIndexWhateverOrderTheConditionsAreWrittenIn() async throws {
        try await withWorld { app, province in
            let sql = try app.db.sql()
            guard sql.dialect.name == "sqlite" else { return }
            let reach = Self.reach(Self.head(province.agencyB.id!), .statement)
            let filter = OfficerFilter(kind: .fullTime, status: .active)
            // The filters as the list writes them, then the reach as a walk tests it (`walkTest`).
            let written = RegistryQueries.officerConditions(filter, visible: nil) + [try #require(reach).walkTest(SQLColumn("agency_id", table: "o"))]
            let reachTest = try #require(written.last)
            let program = { (conditions: [any SQLExpression]) async throws -> [String] in
                let page = try RegistryQueries.page(of: OfficerModel.schema, as: "o", ["id"], conditions, order: ["name_sort_key", "id"],
                                                    try Paging(page: 1, per: 25), .direct, on: app.db)
                let plan = try await sql.raw("EXPLAIN QUERY PLAN \(page.select)").all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
                #expect(plan.contains("SCAN o USING INDEX idx_officers_name_sort_key"), "\(plan)")
                // Each step but its fourth operand, and a bound value's number (written first, the
                // reach's values are bound first).
                return try await sql.raw("EXPLAIN \(page.select)").all().map { row in
                    let opcode = try row.decode(column: "opcode", as: String.self)
                    let operands = try ["p1", "p2", "p3", "p5"].map { String(try row.decode(column: $0, as: Int.self)) }
                    return ([opcode] + (opcode == "Variable" ? operands.dropFirst() : operands[...])).joined(separator: " ")
                }
            }
            let last = try await program(written)
            let first = try await program([reachTest] + written.dropLast())
            #expect(last.count > 10 && last == first)
        }
    }

    @Test func aViewerWithNoAgencySeesNone() async throws {
        try await withWorld { app, _ in
            let nobody = AccessPolicy(grants: [RoleGrant(role: .agencyHead, agencyID: nil)])
            #expect(VisibleAgencies(nobody)?.isEmpty == true)
            let listed = try await Self.listed(by: nobody, on: app.db)
            let ids = try await Visibility.agencyIDs(for: nobody, on: app.db)
            #expect(listed.isEmpty && ids == [])
        }
    }

    /// The dashboard's figures (issue 14): the officers holding a post, by kind, in the agencies each
    /// demo account sees, counted by the database as `canSee` and the officers' statuses say.
    @Test func theDashboardCountsTheOfficersHoldingAPostByKindInTheAgenciesInView() async throws {
        try await withWorld { app, _ in
            let officers = try await OfficerModel.query(on: app.db).all()
            #expect(officers.contains { !$0.status.holdsPost })
            for account in DemoLoader.accounts {
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == account.username).first())
                let viewer = try #require(try await Viewer.load(userID: user.id!, on: app.db))
                let seen = viewer.policy.readsWholeProvince ? nil : try await Self.opened(by: viewer.policy, on: app.db)
                let held = officers.filter { $0.status.holdsPost && (seen?.contains($0.$agency.id) ?? true) }
                let expected = Dictionary(grouping: held, by: \.kind).mapValues(\.count)
                #expect(try await RegistryQueries.officerKinds(visible: VisibleAgencies(viewer.policy), on: app.db) == expected, "\(account.username)")
            }
        }
    }
}
