import Foundation

/// What a viewer may do with one interview request (Art. 11.3, 12; D8; docs/pre-screening.md).
/// The requesting agency's head and the IT division (its head, who interviews) always see it; the
/// authority's leadership sees the request it agrees to, and the result only when the request chose
/// the confirmed reply format. Nobody else sees it: not the agency's IT officers, staff or sections,
/// not the heads of governing agencies, not Home Affairs, not the administrator.
public struct InterviewAccess: Sendable, Equatable, Codable {
    /// The request, its candidate, its dossier and its stage.
    public var read = false
    /// The scores, recommendation and remarks, and the Form 2 report.
    public var readResult = false
    /// Adds files to the dossier: the head, while the director has not yet answered.
    public var upload = false
    /// Agrees (assigning the division head) or returns it: the director (Art. 12.3).
    public var agree = false
    /// Sets the interview's day, time and place: the assigned division head (Art. 12.3).
    public var schedule = false
    /// Records the three scores and the recommendation: the assigned division head (Art. 12.4).
    public var score = false
    /// Decides whether to recruit: the requesting agency's head (Art. 11.3, 12.5).
    public var decide = false

    public init() {}

    public struct Facts: Sendable {
        public var agencyID: UUID
        public var format: PreScreening.ReplyFormat
        public var stage: PreScreening.Stage
        public var assigneeUserID: UUID?
        public init(agencyID: UUID, format: PreScreening.ReplyFormat, stage: PreScreening.Stage, assigneeUserID: UUID?) {
            self.agencyID = agencyID
            self.format = format
            self.stage = stage
            self.assigneeUserID = assigneeUserID
        }
    }
}

extension AccessPolicy {
    /// The roles a director may assign an interview to: the IT division's head (Art. 12.3).
    public static let interviewerRoles: Set<Role> = [.itDivisionHead]

    /// The IT division, which always sees the requests and their results (D8).
    public var isITDivision: Bool { !grants.filter { Self.interviewerRoles.contains($0.role) }.isEmpty }

    /// The authority's director, who agrees to requests (Art. 12.3).
    public var directsITAuthority: Bool { has(.authorityLeadership) }

    /// The agencies whose head files interview requests (Art. 12.1): only their own, not those below.
    public var filesInterviewRequests: Set<UUID> { agencies(for: [.agencyHead]) }

    /// Opens the pre-screening section: heads of agencies, the IT division and the authority's director.
    public var followsPreScreening: Bool { !filesInterviewRequests.isEmpty || isITDivision || directsITAuthority }

    public func interviewAccess(_ r: InterviewAccess.Facts, viewerUserID: UUID) -> InterviewAccess {
        var a = InterviewAccess()
        let head = filesInterviewRequests.contains(r.agencyID)
        let assignee = r.assigneeUserID != nil && r.assigneeUserID == viewerUserID && isITDivision
        a.read = head || isITDivision || directsITAuthority
        a.readResult = head || isITDivision || (directsITAuthority && r.format == .confirmed)
        a.upload = head && r.stage == .filed
        a.agree = directsITAuthority && r.stage == .filed
        a.schedule = assignee && [.agreed, .scheduled].contains(r.stage)
        a.score = assignee && r.stage == .scheduled
        a.decide = head && r.stage == .reported
        return a
    }

    /// The requests a viewer may list (the same rule as `interviewAccess(_:).read` for every request):
    /// nil means all of them.
    public var interviewListAgencies: Set<UUID>? {
        isITDivision || directsITAuthority ? nil : filesInterviewRequests
    }
}
