import Foundation

/// What a viewer may do with one work ticket (issue 3, "Permissions"; issue 11): the officer keeps
/// their own tickets; the heads of the agency (and of agencies governing it) see the agency's; a
/// requester sees what they requested (Form 3 §III), and no more of the agency's work; the agency's
/// IT officers see requests nobody has taken yet; the provincial IT authority sees tickets of
/// submitted logs (Art. 15.6); nobody sees another agency's.
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
        let head = headsAgency(at: t.place)
        let requester = t.requesterUserID != nil && t.requesterUserID == viewerUserID
        access.read = own || head || requester || (officerHere && t.officerID == nil)
            || (isITAuthority && t.logSubmitted)
        access.edit = own
        access.confirm = requester || (head && !own)
        access.take = officerHere && t.officerID == nil
        return access
    }
}

/// The tickets a viewer may list, as the conditions a list query unites: `ticketAccess(_:).read`
/// for every ticket at once. The list's SQL is built from this and tested against `ticketAccess`.
public struct TicketScope: Sendable, Equatable {
    /// Agencies whose head the viewer is: their tickets and those of every agency they govern.
    public var headedAgencies: [UUID] = []
    /// Agencies whose untaken requests the viewer (an IT officer there) may take.
    public var requestAgencies: [UUID] = []
    /// The viewer's own tickets, as the officer who did the work.
    public var officerID: UUID?
    /// What the viewer requested.
    public var requesterUserID: UUID?
    /// The IT authority: tickets of submitted logs, province-wide.
    public var submittedLogs = false

    public init() {}
}

extension AccessPolicy {
    public func ticketScope(viewerUserID: UUID) -> TicketScope {
        var scope = TicketScope()
        scope.submittedLogs = isITAuthority
        scope.headedAgencies = agencies(for: [.agencyHead]).sorted { $0.uuidString < $1.uuidString }
        scope.requestAgencies = agencies(for: [.itOfficer]).sorted { $0.uuidString < $1.uuidString }
        scope.officerID = officerID
        scope.requesterUserID = viewerUserID
        return scope
    }
}
