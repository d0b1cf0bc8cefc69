import Domain
import Foundation
import Testing

/// Issue 11: the permission matrix in docs/ is the policy's, regenerated and compared on every run.
/// `QLCB_UPDATE_REFERENCES=1` writes it after a deliberate change of the policy.
@Suite("The access matrix in docs/ is generated from the policy")
struct AccessMatrixTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/access-matrix.md")

    @Test func docsMatrixEqualsThePolicy() throws {
        let generated = AccessMatrix.markdown()
        if ProcessInfo.processInfo.environment["QLCB_UPDATE_REFERENCES"] == "1" {
            try generated.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(stored == generated, "docs/access-matrix.md is stale: run the tests with QLCB_UPDATE_REFERENCES=1")
    }

    @Test func aRequesterReadsOnlyWhatTheyRequestedAndTheAuthorityOnlySubmittedLogs() {
        let staff = AccessMatrix.holder(of: .agencyStaff)
        #expect(!Section.allCases.filter { staff.opens($0) }.contains(.workLogs))
        let authority = AccessMatrix.holder(of: .authorityStaff)
        let place = AgencyPlace(chain: [UUID()], district: nil)
        #expect(!authority.workLogAccess(.init(officerID: UUID(), place: place, submitted: false)).read)
        #expect(authority.workLogAccess(.init(officerID: UUID(), place: place, submitted: true)).read)
    }
}
