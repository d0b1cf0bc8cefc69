import Foundation

/// What each kind of person may do, named after the regulation's duties. App code asks these (and
/// `canSee`, `canManageOfficers`…), never a role directly, so each rule is written once, here.
extension AccessPolicy {
    /// The provincial IT authority: its staff, its IT division head and its leadership (Art. 15.1, 18.2).
    public var isITAuthority: Bool { has(.authorityStaff) || has(.itDivisionHead) || has(.authorityLeadership) }

    /// Grades officers and records the year's evidence and late-log exceptions (Art. 15.2, D2):
    /// the authority's staff and IT division head.
    public var grades: Bool { has(.authorityStaff) || has(.itDivisionHead) }

    /// Takes the evaluation year's steps: whoever grades, and the authority's leadership (Art. 15.6).
    public var takesEvaluationSteps: Bool { grades || has(.authorityLeadership) }

    /// Signs cessation proposals and decides reward candidacies for the IT authority (Art. 16):
    /// its leadership or IT division head.
    public var signsForITAuthority: Bool { has(.authorityLeadership) || has(.itDivisionHead) }

    /// The Department of Home Affairs: co-signs cessation proposals (Art. 16.3.b) and reads the
    /// published results.
    public var actsForHomeAffairs: Bool { has(.homeAffairs) }

    /// Reads cessation proposals: the IT authority and Home Affairs (Art. 16.3.b).
    public var readsCessationProposals: Bool { isITAuthority || actsForHomeAffairs }

    /// Follows who has submitted their work log (Art. 15.6): the authority, and heads and personnel
    /// sections of agencies for their own; the finance section, to record each log's outsourced cost.
    public var followsSubmissions: Bool { isITAuthority || has(.agencyHead) || has(.agencyPersonnel) || has(.agencyFinance) }

    /// Holds nothing but the administrator's role: accounts and settings, no agency work.
    public var administersOnly: Bool { has(.administrator) && grants.allSatisfy { $0.role == .administrator } }

    /// Is told of grants of roles that edit agencies or grades (issue 10 §4): the authority's leadership.
    public var seesRoleGrantNotices: Bool { has(.authorityLeadership) }

    /// Heads the agency at `place`, or an agency governing it (Art. 15.4).
    public func headsAgency(at place: AgencyPlace) -> Bool {
        !agencies(for: [.agencyHead]).isDisjoint(with: place.chain)
    }

    /// D4: an officer's grade of a year. The IT authority always; once the year is published, the
    /// officer, the heads of their agency and Home Affairs.
    public func readsGrade(officerID: UUID, at place: AgencyPlace, published: Bool) -> Bool {
        if isITAuthority { return true }
        return published && (self.officerID == officerID || actsForHomeAffairs || headsAgency(at: place))
    }

    /// Art. 15.4: the notice of an agency's results, sent to the agency: the IT authority at any stage;
    /// after publication the heads of the agency and of those governing it.
    public func readsResultsNotice(at place: AgencyPlace, published: Bool) -> Bool {
        isITAuthority || (published && headsAgency(at: place))
    }

    /// D13 before the record's place is known: the answer when the place cannot change it, nil when it can.
    public func seesFullIdentityNumber(officerID: UUID) -> Bool? {
        if self.officerID == officerID || actsForHomeAffairs { return true }
        return agencies(for: [.agencyPersonnel]).isEmpty ? false : nil
    }

    /// The year's results (proposals, head tasks, candidacies; Art. 16): the IT authority at any stage;
    /// after publication Home Affairs and the heads of agencies (each sees their own part).
    public func readsYearResults(published: Bool) -> Bool {
        isITAuthority || (published && (actsForHomeAffairs || has(.agencyHead)))
    }

    /// The year's page shows grades (D4): the IT authority; after publication Home Affairs, heads of
    /// agencies and officers (each sees what the record rules allow). Not the Department of Finance,
    /// which reads the budget's aggregates (efficiency), not people's grades (issue 11).
    public func seesYearGrades(published: Bool) -> Bool {
        isITAuthority || (published && (actsForHomeAffairs || has(.agencyHead) || officerID != nil))
    }

    /// The efficiency table (Art. 15.5, 18): the IT authority, Home Affairs, the Department of Finance
    /// and the heads of agencies; not the administrator, who keeps accounts, not agencies' figures.
    public var readsEfficiency: Bool { isITAuthority || actsForHomeAffairs || has(.financeDepartment) || has(.agencyHead) }

    /// The agencies whose IT officers this person asks for support (Art. 5; Form 3): those where they
    /// work as staff, head, finance or personnel section.
    public var requestAgencies: Set<UUID> { agencies(for: [.agencyStaff, .agencyHead, .agencyFinance, .agencyPersonnel]) }

    /// Sends a support request to the agency's IT officers (Art. 5; Form 3).
    public var sendsRequests: Bool { !requestAgencies.isEmpty }

    /// Opens a new officer record (Art. 11): the registry's keepers, heads and personnel sections.
    public var createsOfficerRecords: Bool { managesRegistry || has(.agencyHead) || has(.agencyPersonnel) }

    /// The agencies whose head this person is (Art. 15.4), without those below them.
    public var headedAgencies: Set<UUID> { agencies(for: [.agencyHead]) }

    /// Reports an incident of the agency's information systems (Art. 15.3): the IT authority, and the
    /// agency's head, staff, IT officers and personnel section.
    public func reportsIncidents(at agencyID: UUID) -> Bool {
        isITAuthority || agencies(for: [.agencyHead, .agencyStaff, .itOfficer, .agencyPersonnel]).contains(agencyID)
    }

    /// The commitment letter, part of the officer's personnel file (Art. 13.2; issue 11): the officer,
    /// the personnel section of their agency, its heads, and the IT authority that checks it.
    public func readsPersonnelFile(officerID: UUID, at place: AgencyPlace) -> Bool {
        self.officerID == officerID || agencies(for: [.agencyPersonnel]).contains(place.id) || headsAgency(at: place) || isITAuthority
    }

    /// Convenes proficiency tests, trainings and meetings and records attendance (Art. 15.3): whoever
    /// grades at the IT authority.
    public var convenesTraining: Bool { grades }

    /// The registry's figures and staffing warnings on the home page (Art. 11.1): those who answer for
    /// the staffing of several agencies or of their own, not a requester or the administrator.
    public var followsStaffing: Bool {
        isITAuthority || actsForHomeAffairs || has(.financeDepartment) || has(.agencyHead) || has(.districtITBody)
            || has(.agencyPersonnel)
    }

    /// The province's grades in aggregate (issue 11 §4): the IT authority; Home Affairs once published.
    public func readsProvinceGrades(published: Bool) -> Bool { isITAuthority || (published && actsForHomeAffairs) }
}
