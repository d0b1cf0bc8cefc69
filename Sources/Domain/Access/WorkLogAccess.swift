import Foundation

/// What a viewer may do with one officer's work log of a year (Art. 15.2, 15.6; issue 11). The
/// officer keeps their log and records initiatives; the heads of the agency (and of the agencies
/// governing it) read it and sign it off; the personnel section reads it to submit it and the
/// finance section to record the outsourced cost; the provincial IT authority reads a log once it has
/// been submitted and records late-submission exceptions. Staff who only send requests see their own
/// tickets, not the book (issue 11).
public struct WorkLogAccess: Sendable, Equatable, Codable {
    public var read = false
    /// The head's periodic sign-off (Art. 15.4): a head, never of their own log.
    public var sign = false
    /// The outsourced cost of the year (Form 2; Art. 15.5): the agency's finance section.
    public var cost = false
    /// Initiatives and the officer's own entries: the officer.
    public var initiative = false
    /// Submission to the IT authority (Art. 15.6): the head or the personnel section.
    public var submit = false
    /// A late-submission exception (D2): whoever grades.
    public var exception = false

    public init() {}

    public struct Facts: Sendable {
        public var officerID: UUID
        public var place: AgencyPlace
        public var submitted: Bool
        public init(officerID: UUID, place: AgencyPlace, submitted: Bool) {
            self.officerID = officerID
            self.place = place
            self.submitted = submitted
        }
    }
}

extension AccessPolicy {
    public func workLogAccess(_ log: WorkLogAccess.Facts) -> WorkLogAccess {
        var a = WorkLogAccess()
        let own = officerID == log.officerID
        let head = headsAgency(at: log.place)
        let personnel = agencies(for: [.agencyPersonnel]).contains(log.place.id)
        let finance = agencies(for: [.agencyFinance]).contains(log.place.id)
        a.read = own || head || personnel || finance || (isITAuthority && log.submitted)
        a.sign = head && !own
        a.cost = finance
        a.initiative = own
        a.submit = head || personnel
        a.exception = grades
        return a
    }
}
