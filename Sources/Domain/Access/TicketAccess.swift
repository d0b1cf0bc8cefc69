import Foundation

/// What a viewer may do with one work ticket (issue 3, "Permissions"): the officer keeps their own
/// tickets; the head and the agency's staff see the agency's; a requester sees what they requested;
/// the provincial IT authority sees tickets of submitted logs; nobody sees another agency's.
public struct TicketAccess: Sendable, Equatable, Codable {
    public var read: Bool
    public var edit: Bool
    /// Confirm or refuse completion: the requester or the officer's head (Form 3 §III).
    public var confirm: Bool
    /// Take an unassigned request: an IT officer of the agency.
    public var take: Bool

    public init(read: Bool, edit: Bool, confirm: Bool, take: Bool) {
        self.read = read
        self.edit = edit
        self.confirm = confirm
        self.take = take
    }

    public static let none = TicketAccess(read: false, edit: false, confirm: false, take: false)

    public struct Facts: Sendable {
        public var officerID: UUID?
        public var requesterUserID: UUID?
        public var place: AgencyPlace
        public var logSubmitted: Bool
        public init(officerID: UUID?, requesterUserID: UUID?, place: AgencyPlace, logSubmitted: Bool) {
            self.officerID = officerID
            self.requesterUserID = requesterUserID
            self.place = place
            self.logSubmitted = logSubmitted
        }
    }
}

extension AccessPolicy {
    public func ticketAccess(_ t: TicketAccess.Facts, viewerUserID: UUID) -> TicketAccess {
        var access = TicketAccess.none
        let own = t.officerID != nil && t.officerID == officerID
        let officerHere = agencies(for: [.itOfficer]).contains(t.place.id)
        let head = !agencies(for: [.agencyHead]).isDisjoint(with: t.place.chain)
        let staffHere = !agencies(for: [.agencyStaff, .agencyFinance, .agencyPersonnel]).isDisjoint(with: [t.place.id])
        let requester = t.requesterUserID != nil && t.requesterUserID == viewerUserID
        let authority = has(.authorityStaff) || has(.itDivisionHead) || has(.authorityLeadership)
        access.read = own || head || staffHere || requester || (officerHere && t.officerID == nil)
            || (authority && t.logSubmitted)
        access.edit = own
        access.confirm = requester || (head && !own)
        access.take = officerHere && t.officerID == nil
        return access
    }
}
