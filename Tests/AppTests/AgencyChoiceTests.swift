@testable import App
import Domain
import Fluent
import Foundation
import Testing

/// Issue 14: a form's choice of agency lists at most `AgencyOptions.shownAtMost` agencies; a longer
/// one is narrowed by the name typed in its search box, and the agency chosen is never lost.
@Suite("A long choice of agency narrowed by a search")
struct AgencyChoiceTests {
    static let names = ["Sở Nội vụ", "Sở Tài chính", "Ủy ban nhân dân phường Dĩ An", "Ủy ban nhân dân phường An Bình", "Trạm Y tế phường Đông Hòa"]
    static let options = names.map { AgencyOptions.Option(id: UUID(), name: $0, folded: VietnameseText.fold($0)) }
        .sorted { $0.folded < $1.folded }

    static func labels(_ choice: AgencyChoice) -> [String] { choice.options.dropFirst().map(\.label) }

    @Test func aShortChoiceListsEveryAgencyWithoutASearchBox() {
        let choice = AgencyOptions.choice(Self.options, placeholder: "— Chọn cơ quan —", selected: "", query: "", action: "/can-bo/moi", limit: 5)
        #expect(Self.labels(choice) == Self.options.map(\.name))
        #expect(!choice.searchable && choice.note.isEmpty && choice.total == 5)
        #expect(choice.options.first == Choice(value: "", label: "— Chọn cơ quan —", selected: true))
    }

    @Test func aLongChoiceShowsItsFirstAgenciesAndSaysHowManyThereAre() {
        let choice = AgencyOptions.choice(Self.options, placeholder: "—", selected: "", query: "", action: "/can-bo/moi", limit: 3)
        #expect(Self.labels(choice) == Self.options.prefix(3).map(\.name))
        #expect(choice.searchable && choice.total == 5 && choice.action == "/can-bo/moi")
        #expect(choice.note == "Có 5 cơ quan; danh sách hiển thị 3 cơ quan đầu tiên. Gõ tên cơ quan để tìm.")
    }

    /// What is typed is matched without its marks, as the registry's searches match ("dong hoa" finds
    /// "Đông Hòa"); the agency already chosen stays, first, though the search does not find it.
    @Test func aSearchFindsNamesWithoutTheirMarksAndKeepsTheChosenAgency() {
        let chosen = Self.options.first { $0.name == "Sở Tài chính" }!
        let choice = AgencyOptions.choice(Self.options, placeholder: "—", selected: chosen.id.canonicalText, query: "dong hoa",
                                          action: "/can-bo/moi", limit: 3)
        #expect(Self.labels(choice) == ["Sở Tài chính", "Trạm Y tế phường Đông Hòa"])
        #expect(choice.options.filter(\.selected).map(\.label) == ["Sở Tài chính"])
        #expect(choice.note == "Tìm thấy 1 cơ quan có tên hoặc tên viết tắt chứa “dong hoa”.")

        let many = AgencyOptions.choice(Self.options, placeholder: "—", selected: "", query: "Ủy ban", action: "/", limit: 1)
        #expect(Self.labels(many) == ["Ủy ban nhân dân phường An Bình"])
        #expect(many.note == "Tìm thấy 2 cơ quan; danh sách hiển thị 1 cơ quan đầu tiên, gõ thêm để thu hẹp.")

        let none = AgencyOptions.choice(Self.options, placeholder: "—", selected: "", query: "Bến Cát", action: "/", limit: 10)
        #expect(none.searchable && Self.labels(none).isEmpty && none.note == "Không có cơ quan nào có tên hoặc tên viết tắt chứa “Bến Cát”.")
    }

    /// A transfer is to another agency: the officer's own is not offered, nor counted.
    @Test func aTransferOffersEveryAgencyButTheOfficersOwn() {
        let own = Self.options[1]
        let choice = AgencyOptions.choice(Self.options, excluding: own.id, placeholder: "—", selected: "", query: "", action: "/", limit: 4)
        #expect(Self.labels(choice) == Self.options.filter { $0.id != own.id }.map(\.name))
        #expect(choice.total == 4 && !choice.searchable)
        let sent = AgencyOptions.choice(Self.options, excluding: own.id, placeholder: "—", selected: own.id.canonicalText, query: "", action: "/")
        #expect(!sent.options.contains { $0.value == own.id.canonicalText }, "not even when a form sent it back")
    }

    /// The options are rendered by LeafKit once for each distinct list (ADR 0023): a second form reads
    /// the kept HTML, a renamed agency is a new list shown at once, and a name is escaped as typed.
    @Test func theOptionsAreRenderedOnceForEachListAndARenamedAgencyShowsAtOnce() async throws {
        try await withWorld { app, province in
            let rendered = { app.renderedFragments.renderings(of: "agency-options") }
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let before = rendered()
            let first = try await authority.get("/can-bo/moi").body.string
            #expect(rendered() == before + 1)
            #expect(try await authority.get("/can-bo/moi").body.string == first)
            #expect(rendered() == before + 1, "the same options are not rendered again")
            #expect(first.contains("<option value=\"\(province.agencyA.id!.canonicalText)\">\(province.agencyA.name)</option>"))

            let name = province.agencyA.name + " <Tổ 1 & 2>"
            var form = AgencyTests().validForm(name)
            form["version"] = "1"
            form["kind"] = province.agencyA.input.kind
            #expect(try await authority.post("/co-quan/\(province.agencyA.id!.uuidString)", form).status == .seeOther)
            let renamed = try await authority.get("/can-bo/moi").body.string
            #expect(rendered() == before + 2)
            #expect(renamed.contains(">\(province.agencyA.name) &lt;Tổ 1 &amp; 2&gt;</option>"))
            #expect(!renamed.contains("<Tổ 1"))
        }
    }

    /// A search is offered among the agencies the viewer may choose, never beyond them.
    @Test func aSearchedOfficerFormOffersOnlyMatchingAgenciesWhereTheViewerManagesOfficers() async throws {
        try await withWorld { app, _ in
            for username in ["sotttt", "thutruong2"] {
                let managed = try await PermissionTests.agenciesWhereOfficersAreManaged(by: username, on: app.db)
                let expected = try await AgencyModel.query(on: app.db).all()
                    .filter { managed.contains($0.id!.canonicalText) && VietnameseText.folded($0.nameFolded, contains: "phuong") }
                #expect(!expected.isEmpty && expected.count < managed.count, "\(username)")
                var browser = try await Browser.signedIn(app, as: username)
                let html = try await browser.get("/can-bo/moi?tim-co-quan=Ph%C6%B0%E1%BB%9Dng").body.string
                let offered = html.matches(of: /<option value="([0-9A-Fa-f-]{36})"/).map { String($0.output.1) }
                #expect(Set(offered) == Set(expected.map { $0.id!.canonicalText }) && offered.count == expected.count, "\(username)")
                #expect(html.contains("<form id=\"agency-search\" method=\"get\" action=\"/can-bo/moi\" hidden></form>"))
                #expect(html.contains("name=\"tim-co-quan\" form=\"agency-search\" value=\"Phường\""))
                #expect(html.contains("Tìm thấy \(expected.count) cơ quan có tên hoặc tên viết tắt chứa “Phường”."))
            }
        }
    }

    @Test func theTransferAndTheAccountFormsAreNarrowedTheSameWay() async throws {
        try await withWorld { app, province in
            let target = try #require(province.agencyB)
            let query = "?tim-co-quan=" + (target.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            var authority = try await Browser.signedIn(app, as: "sotttt")
            let officer = try await authority.get("/can-bo/\(province.officerA.id!.uuidString)\(query)").body.string
            var admin = try await Browser.signedIn(app, as: "admin")
            let users = try await admin.get("/quan-tri/nguoi-dung\(query)").body.string
            let user = try await admin.get("/quan-tri/nguoi-dung/\(try await Self.userID("canbo", on: app.db))\(query)").body.string
            for html in [officer, users, user] {
                let offered = html.matches(of: /<option value="([0-9A-Fa-f-]{36})"/).map { String($0.output.1) }
                let found = try await AgencyModel.query(on: app.db).filter(\.$isActive == true).all()
                    .filter { VietnameseText.folded($0.nameFolded, contains: VietnameseText.fold(target.name)) }
                #expect(offered.contains(target.id!.canonicalText) && offered.count == found.count)
            }
            // A transfer sent without its date comes back with the agency it chose still chosen.
            let officerPath = "/can-bo/\(province.officerA.id!.uuidString)"
            let mistake = try await authority.post(officerPath + "/chuyen-cong-tac", ["agencyID": target.id!.canonicalText, "effectiveOn": ""])
            #expect(mistake.status == .unprocessableEntity)
            #expect(mistake.body.string.contains("<option value=\"\(target.id!.canonicalText)\" selected>"))
            // The edit form's search is answered by the edit form's own page.
            let edit = try await authority.get(officerPath + "/sua" + query).body.string
            #expect(edit.contains("<form id=\"agency-search\" method=\"get\" action=\"\(officerPath)/sua\" hidden></form>"))

            // What no one types by accident is told, not failed.
            let long = try await authority.get("/can-bo/moi?tim-co-quan=" + String(repeating: "a", count: 5_000))
            #expect(long.status == .badRequest && long.body.string.contains("Từ khóa tìm kiếm tối đa"))
            let marks = try await authority.get("/can-bo/moi?tim-co-quan=a" + String(repeating: "%CC%81", count: 3_000))
            #expect(marks.status == .badRequest, "a letter under 3,000 marks is 3,000 code points")
            let control = try await authority.get("/can-bo/moi?tim-co-quan=d%C4%A9%00an").body.string
            #expect(control.contains("value=\"dĩ an\"") && control.contains("chứa “dĩ an”") && control.contains("aria-describedby=\"agency-choice-note\"") && !control.contains("\u{0}"))
        }
    }

    /// Kept at one audit head, each person's form offers their own agencies, and a second view reads
    /// nothing again. (Signing in is an audited write: everyone signs in before the first form.)
    @Test func eachPersonsAgenciesAreKeptForThemAlone() async throws {
        try await withWorld { app, _ in
            let people = ["sotttt", "thutruong2", "thutruong"]
            var browsers: [Browser] = []
            for username in people { browsers.append(try await Browser.signedIn(app, as: username)) }
            for round in 1...2 {
                let before = app.keptReads.counted + app.keptReadsWithoutTickets.counted
                for (index, username) in people.enumerated() {
                    let html = try await browsers[index].get("/can-bo/moi").body.string
                    let offered = html.matches(of: /<option value="([0-9A-Fa-f-]{36})"/).map { String($0.output.1) }
                    let managed = try await PermissionTests.agenciesWhereOfficersAreManaged(by: username, on: app.db)
                    #expect(Set(offered) == Set(managed) && offered.count == managed.count, "\(username), round \(round)")
                }
                if round == 2 { #expect(app.keptReads.counted + app.keptReadsWithoutTickets.counted == before, "nothing read again at the same heads") }
            }
        }
    }

    /// ADR 0020 (fortieth part): no ticket changes an agency, so a ticket recorded reads no form's
    /// agencies again (they stand at the head without tickets); an agency added shows at once.
    @Test func aTicketRecordedReadsNoFormsAgenciesAgainButAnAgencyAddedShowsAtOnce() async throws {
        try await withWorld { app, _ in
            var authority = try await Browser.signedIn(app, as: "sotttt")
            #expect(try await authority.get("/can-bo/moi").status == .ok)
            let before = app.keptReadsWithoutTickets.counted
            _ = try await KeptPagesTests.recordTicket(app)
            #expect(try await authority.get("/can-bo/moi").status == .ok)
            #expect(app.keptReadsWithoutTickets.counted == before, "the agencies kept are offered again")
            #expect(try await authority.post("/co-quan", AgencyTests().validForm()).status == .seeOther)
            #expect(try await authority.get("/can-bo/moi?tim-co-quan=ngoai+vu").body.string.contains("Sở Ngoại vụ"))
        }
    }

    /// The agencies a head's form offers are kept for them at the audit head: a role granted at
    /// another agency is an audited write, and the next form offers that agency.
    @Test func aHeadGrantedAnotherAgencyIsOfferedItAtOnce() async throws {
        try await withWorld { app, province in
            var head = try await Browser.signedIn(app, as: "thutruong2")
            let agencyA = province.agencyA.id!.canonicalText
            let before = try await head.get("/can-bo/moi").body.string
            #expect(!before.contains("value=\"\(agencyA)\""))
            var admin = try await Browser.signedIn(app, as: "admin")
            let granted = try await admin.post("/quan-tri/nguoi-dung/\(try await Self.userID("thutruong2", on: app.db))/quyen",
                                               ["role": "agencyHead", "agencyID": agencyA])
            #expect(granted.status == .seeOther)
            let after = try await head.get("/can-bo/moi").body.string
            #expect(after.contains("value=\"\(agencyA)\""))
            #expect(try await PermissionTests.agenciesWhereOfficersAreManaged(by: "thutruong2", on: app.db).contains(agencyA))
        }
    }

    static func userID(_ username: String, on db: any Database) async throws -> String {
        try #require(try await UserModel.query(on: db).filter(\.$username == username).first()?.id).canonicalText
    }
}
