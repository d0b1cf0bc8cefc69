import Domain
import Fluent
import Foundation

/// A request that the IT authority interview a candidate for a full-time IT post (Art. 12; Form 1),
/// with its answer, schedule, report (Form 2) and the head's decision (Art. 11.3).
final class InterviewRequestModel: Model, @unchecked Sendable {
    static let schema = "interview_requests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "agency_id") var agency: AgencyModel
    @Field(key: "candidate_name") var candidateName: String
    @Field(key: "birth_year") var birthYear: Int
    @Field(key: "position") var position: String
    @Field(key: "contact") var contact: String
    @Field(key: "reply_format") var replyFormat: String
    /// The planned duties' codes, comma separated, in the form's order.
    @Field(key: "duties") var duties: String
    @Field(key: "other_duty") var otherDuty: String
    @OptionalField(key: "reply_by") var replyBy: String?
    @Field(key: "stage") var stage: String
    @Field(key: "filed_by_user_id") var filedByUserID: UUID
    @Field(key: "filed_by_name") var filedByName: String
    @Field(key: "filed_at") var filedAt: Date
    @OptionalField(key: "answered_by_name") var answeredByName: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "return_reason") var returnReason: String?
    @OptionalField(key: "assignee_user_id") var assigneeUserID: UUID?
    @OptionalField(key: "assignee_name") var assigneeName: String?
    @OptionalField(key: "interview_on") var interviewOn: String?
    @OptionalField(key: "interview_at") var interviewAt: String?
    @OptionalField(key: "interview_place") var interviewPlace: String?
    /// The three scores of Art. 12.4 in tenths (75 = 7,5/10).
    @OptionalField(key: "score_general") var scoreGeneral: Int?
    @OptionalField(key: "score_networks") var scoreNetworks: Int?
    @OptionalField(key: "score_programming") var scoreProgramming: Int?
    @OptionalField(key: "recommendation") var recommendation: String?
    @OptionalField(key: "remarks") var remarks: String?
    @OptionalField(key: "reported_at") var reportedAt: Date?
    /// Set by the one decision that wins when two arrive together (hiring happens once).
    @OptionalField(key: "decision_token") var decisionToken: UUID?
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalParent(key: "officer_id") var officer: OfficerModel?
    @Field(key: "responsibility_accepted") var responsibilityAccepted: Bool
    @OptionalField(key: "responsibility_note") var responsibilityNote: String?

    init() {}

    var currentStage: PreScreening.Stage { PreScreening.Stage(rawValue: stage) ?? .filed }
    var format: PreScreening.ReplyFormat { PreScreening.ReplyFormat(rawValue: replyFormat) ?? .divisionReportOnly }
    var advice: PreScreening.Recommendation? { recommendation.flatMap(PreScreening.Recommendation.init(rawValue:)) }
    var plannedDuties: [PreScreening.PlannedDuty] {
        duties.split(separator: ",").compactMap { PreScreening.PlannedDuty(rawValue: String($0)) }
    }
    var scores: [Int]? {
        guard let a = scoreGeneral, let b = scoreNetworks, let c = scoreProgramming else { return nil }
        return [a, b, c]
    }

    /// The facts the access policy decides on.
    var accessFacts: InterviewAccess.Facts {
        .init(agencyID: $agency.id, format: format, stage: currentStage, assigneeUserID: assigneeUserID)
    }
}

/// One file of a candidate's dossier (Art. 12.2.a); its bytes are in the upload store.
final class InterviewFileModel: Model, @unchecked Sendable {
    static let schema = "interview_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: InterviewRequestModel
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "checksum") var checksum: String
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}

    var dossierKind: PreScreening.DossierKind { PreScreening.DossierKind(rawValue: kind) ?? .experience }
    var stored: StoredFile { StoredFile(name: name, contentType: contentType, size: size, checksum: checksum) }
}
