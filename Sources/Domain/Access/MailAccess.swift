import Foundation

/// Who the system writes to (issue 13 §3; docs/operations.md "Thư điện tử"). Like every permission,
/// the audience of each letter is the policy's: a letter goes to those who would act on it.
extension AccessPolicy {
    /// A new request from an agency's staff: the IT officers who take that agency's requests (Form 3).
    public func receivesRequestMail(agencyID: UUID) -> Bool { ticketScope(viewerUserID: UUID()).requestAgencies.contains(agencyID) }

    /// What concerns an agency's head: a handover opened there (Art. 14), the year's published
    /// results (Art. 16.3) and the work logs still missing before the deadline (Art. 13.3).
    public func receivesHeadMail(agencyID: UUID) -> Bool { headedAgencies.contains(agencyID) }

    /// Any head at all (the results, published for the whole province).
    public var receivesResultsMail: Bool { !headedAgencies.isEmpty }

    /// The officer's own work-log deadline (Art. 13.3): an IT officer with an officer record.
    public var receivesWorkLogReminders: Bool { officerID != nil && has(.itOfficer) }

    /// The grading and publication deadline (Art. 15–16): those who take the evaluation's steps.
    public var receivesResultsDeadlineReminders: Bool { takesEvaluationSteps }

    /// Cessation proposals waiting for Home Affairs' signature (Art. 16.3.b).
    public var receivesProposalMail: Bool { actsForHomeAffairs }
}
