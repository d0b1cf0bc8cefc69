import Fluent

/// The migrations in the order they ship. Never edit one that has shipped; add a new one.
enum AppMigrations {
    static let all: [any Migration] = [
        CreateAgencies(),
        CreateOfficers(),
        CreateUsers(),
        CreateAuditLog(),
        CreateProfiles(),
        SessionRecord.migration,
        CreateWorkLog(),
        AddWorkTicketIndexes(),
        CreateGrades(),
        CreateEvaluationYears(),
        CreateDisciplineRecords(),
        UpdateEvaluationYearsAddSteps(),
        CreateEvidence(),
        AddTicketListIndexes(),
        AddOfficerSearchIndex(),
        CreateLoginThrottles(),
        UpdateUsersAddSessionEpoch(),
        AddAuditLogActionIndex(),
        UpdateAuditLogSealWithKey(),
        CreateOfficerIncentives(),
        UpdateProfilesAddRegulationIssuer(),
        CreateProfileSnapshots(),
        CreateInterviewRequests(),
        CreateDutiesAndHandovers(),
        AddSessionExpiry(),
        AddCommitmentScans(),
        CreateMailOutbox(),
        AddAgencyListIndexes(),
        AddNameTrigramIndexes(),
        AddNameTrigramSearchSQLite(),
        AddWorkLogReceivedIndex(),
        AddTicketWordIndexSQLite(),
    ]
}
