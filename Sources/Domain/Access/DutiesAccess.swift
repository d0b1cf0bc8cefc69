import Foundation

/// Who reads and writes the duty assignments, commitments, systems inventory and handovers of an
/// agency (Art. 3.3, 7, 13, 14; D9; docs/duties-and-handover.md). Staff who only send requests, the
/// finance section and other agencies reach none of it.
extension AccessPolicy {
    /// The agency's IT officers and personnel section (the officer's own agency).
    func worksOnITAt(_ place: AgencyPlace) -> Bool {
        !agencies(for: [.itOfficer, .agencyPersonnel]).isDisjoint(with: [place.id])
    }

    /// The agency's duties page (decisions, commitments, systems): whoever reads any part of it.
    public func opensDutiesPage(at place: AgencyPlace) -> Bool {
        readsAssignmentDecisions(at: place) || readsSystemsInventory(at: place) || recordsCommitments(at: place)
    }

    /// Art. 13.1: the head of the agency (or of an agency governing it) issues the decision.
    public func issuesAssignmentDecisions(at place: AgencyPlace) -> Bool { headsAgency(at: place) }

    /// Art. 13.1: the decision is sent to the IT authority and Home Affairs; the agency's head, IT
    /// officers and personnel section keep it.
    public func readsAssignmentDecisions(at place: AgencyPlace) -> Bool {
        readsEveryAssignmentDecision || headsAgency(at: place) || worksOnITAt(place)
    }

    /// Art. 13.1: the IT authority and Home Affairs receive every agency's decision, so they open
    /// every agency's duties page, wherever the agency is placed.
    public var readsEveryAssignmentDecision: Bool { isITAuthority || actsForHomeAffairs }

    /// Art. 13.2: the commitment letter goes into the personnel file; the personnel section records
    /// and verifies it, the head may record it for the personnel section to verify.
    public func recordsCommitments(at place: AgencyPlace) -> Bool {
        headsAgency(at: place) || agencies(for: [.agencyPersonnel]).contains(place.id)
    }

    /// Art. 13.2: verifies a commitment against the signed paper: the agency's personnel section.
    public func verifiesCommitments(at place: AgencyPlace) -> Bool { agencies(for: [.agencyPersonnel]).contains(place.id) }

    /// Art. 3.3, 7.1: the inventory of systems and of who holds which secret, kept by the head and
    /// the agency's IT officers, read by the IT authority (never a secret's value).
    public func keepsSystemsInventory(at place: AgencyPlace) -> Bool {
        headsAgency(at: place) || agencies(for: [.itOfficer]).contains(place.id)
    }

    public func readsSystemsInventory(at place: AgencyPlace) -> Bool { keepsSystemsInventory(at: place) || isITAuthority }

    /// Art. 14: a handover is read by the agency's head, IT officers (the receivers), personnel
    /// section, the officer who hands over and the IT authority.
    public func readsHandover(officerID: UUID, at place: AgencyPlace) -> Bool {
        self.officerID == officerID || headsAgency(at: place) || worksOnITAt(place) || isITAuthority
    }

    /// Art. 14.2: the head monitors the handover, sets receivers and the replacement plan, and closes it.
    public func managesHandover(at place: AgencyPlace) -> Bool { headsAgency(at: place) }

    /// Art. 14.1: an item is acknowledged by its receiver, or recorded by the head who watched it.
    public func acknowledgesHandoverItem(receiverID: UUID?, at place: AgencyPlace) -> Bool {
        headsAgency(at: place) || (receiverID != nil && receiverID == officerID && agencies(for: [.itOfficer]).contains(place.id))
    }
}
