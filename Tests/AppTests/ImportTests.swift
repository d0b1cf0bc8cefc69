@testable import App
import Domain
import Fluent
import Testing
import VaporTesting

@Suite("CSV import (issue 2 §9)")
struct ImportTests {
    func admin(_ app: Application) async throws -> Viewer {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "admin").first())
        return try #require(try await Viewer.load(userID: user.id!, on: app.db))
    }

    let today = LocalDate(year: 2026, month: 11, day: 29)!

    @Test func csvReaderHandlesBOMQuotesSemicolonsAndLineBreaks() {
        let rows = CSVReader.parse("\u{FEFF}Tên;Ghi chú\r\n\"Sở \"\"A\"\"\";\"dòng 1\ndòng 2\"\r\nB;\r\n")
        #expect(rows.count == 3)
        #expect(rows[0].fields == ["Tên", "Ghi chú"])
        #expect(rows[1].fields == ["Sở \"A\"", "dòng 1\ndòng 2"])
        #expect(rows[2].line == 4)
        #expect(rows[2].fields == ["B", ""])
    }

    @Test func agenciesImportWithParentsFromTheSameFile() async throws {
        try await withWorld { app, _ in
            let csv = """
            Tên cơ quan,Loại,Cấp,Cơ quan chủ quản,Huyện
            Ban Quản lý dự án tỉnh,hành chính,tỉnh,Ủy ban nhân dân tỉnh Bình Dương,
            Trung tâm Dữ liệu tỉnh,su nghiep,tinh,Ban Quản lý dự án tỉnh,
            """
            let viewer = try await admin(app)
            let count = try await app.write { try await RegistryImport.agencies(CSVReader.parse(csv), by: viewer, on: $0, progress: { _, _ in }) }
            #expect(count == 2)
            let child = try #require(try await AgencyModel.query(on: app.db).filter(\.$name == "Trung tâm Dữ liệu tỉnh").first())
            let parent = try #require(try await AgencyModel.query(on: app.db).filter(\.$name == "Ban Quản lý dự án tỉnh").first())
            #expect(child.$governingAgency.id == parent.id)
            #expect(child.agencyKind == .publicService)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "agency.create").count() == 2)
        }
    }

    @Test func anyInvalidRowIsReportedByLineAndColumnAndNothingIsImported() async throws {
        try await withWorld { app, province in
            let csv = """
            Họ và tên,Ngày sinh,Giới tính,Chức vụ,Chức danh,Cơ quan,Số định danh,Ngày bắt đầu,Hưởng ưu đãi
            Lê Văn Thành,05/06/1990,Nam,Chuyên viên,Chuyên trách,\(province.agencyA.name),074090001111,01/01/2015,Có
            Trần Thị Mai,31/02/1992,Nữ,Chuyên viên,Bán chuyên trách,\(province.agencyA.name),074192002222,01/01/2016,Có
            Phạm Văn Hòa,01/01/1988,Nam,Chuyên viên,Chuyên trách,Cơ quan không có,074088003333,01/01/2012,Không
            """
            let viewer = try await admin(app)
            let before = try await OfficerModel.query(on: app.db).count()
            await #expect(throws: RegistryImport.Failure.self) {
                try await app.write { try await RegistryImport.officers(CSVReader.parse(csv), by: viewer, today: today, on: $0, progress: { _, _ in }) }
            }
            do {
                _ = try await app.write { try await RegistryImport.officers(CSVReader.parse(csv), by: viewer, today: today, on: $0, progress: { _, _ in }) }
            } catch let failure as RegistryImport.Failure {
                #expect(failure.problems.contains { $0.hasPrefix("Dòng 3, cột “Ngày sinh”") })
                #expect(failure.problems.contains { $0.hasPrefix("Dòng 4, cột “Cơ quan”: Không tìm thấy cơ quan") })
                #expect(failure.problems.count == 2)
            }
            #expect(try await OfficerModel.query(on: app.db).count() == before)
        }
    }

    @Test func officersImportFromAnExcelStyleFile() async throws {
        try await withWorld { app, province in
            let csv = "\u{FEFF}Ho va ten,Ngay sinh,Gioi tinh,Chuc vu,Chuc danh,Co quan,So dinh danh,Ngay bat dau,Muc uu dai,Huong uu dai\r\n"
                + "Lê Văn Thành,05/06/1990,Nam,Chuyên viên,Chuyên trách,\(province.agencyB.name),074090001111,01/01/2015,\"1.500.000\",Có\r\n"
            let viewer = try await admin(app)
            let count = try await app.write { try await RegistryImport.officers(CSVReader.parse(csv), by: viewer, today: today, on: $0, progress: { _, _ in }) }
            #expect(count == 1)
            let officer = try #require(try await OfficerModel.query(on: app.db).filter(\.$fullName == "Lê Văn Thành").first())
            #expect(officer.monthlyIncentive == 1_500_000)
            #expect(officer.officerKind == .fullTime)
            #expect(officer.scope == .inScope)
        }
    }

    @Test func missingRequiredColumnsAreNamed() async throws {
        try await withWorld { app, _ in
            let viewer = try await admin(app)
            do {
                _ = try await app.write { try await RegistryImport.agencies(CSVReader.parse("Tên cơ quan\nSở A\n"), by: viewer, on: $0, progress: { _, _ in }) }
                Issue.record("phải báo lỗi")
            } catch let failure as RegistryImport.Failure {
                #expect(failure.problems.first?.contains("thiếu cột “Loại”, “Cấp”") == true)
            }
        }
    }
}
