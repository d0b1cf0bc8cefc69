import Domain
import Foundation
import Testing

@Suite("Discipline patterns (Art. 16.3.b, D1)")
struct DisciplineTests {
    func run(_ grades: [Int: Grade], strict: Bool = true, flag: Bool = true) -> (triggers: [DisciplineTrigger], flags: [ReviewFlag]) {
        DisciplineRules.evaluate(grades: grades, missingYearBreaksRun: strict, flagDCD: flag)
    }

    @Test func R16_3b_P1_twoConsecutiveD() {
        #expect(run([2020: .d, 2021: .d]).triggers == [DisciplineTrigger(pattern: .twoConsecutiveD, years: [2020, 2021])])
        #expect(run([2020: .d, 2021: .b, 2022: .d]).triggers.isEmpty)
    }

    @Test func R16_3b_P2_threeConsecutiveC() {
        #expect(run([2019: .b, 2020: .c, 2021: .c, 2022: .c]).triggers ==
                [DisciplineTrigger(pattern: .threeConsecutiveC, years: [2020, 2021, 2022])])
        #expect(run([2020: .c, 2021: .c]).triggers.isEmpty)
    }

    @Test(arguments: [[Grade.c, .c, .d], [.c, .d, .c], [.d, .c, .c]])
    func R16_3b_P3_CCD_inAnyOrderTriggers(order: [Grade]) {
        let grades = Dictionary(uniqueKeysWithValues: zip([2021, 2022, 2023], order))
        #expect(run(grades).triggers == [DisciplineTrigger(pattern: .twoCOneD, years: [2021, 2022, 2023])])
    }

    @Test func D1_aGapYearBreaksTheRunUnlessTheProfileSkipsMissingYears() {
        let grades: [Int: Grade] = [2019: .c, 2020: .c, 2022: .c]
        #expect(run(grades).triggers.isEmpty)
        #expect(run(grades, strict: false).triggers == [DisciplineTrigger(pattern: .threeConsecutiveC, years: [2019, 2020, 2022])])
        #expect(run([2020: .d, 2022: .d]).triggers.isEmpty)
    }

    @Test func D1_overlappingWindowsFireOnceAtTheEarliestEnd() {
        // C, C, D, D: P3 on 2020–2022 and P1 on 2022–2023 describe the same failure; one trigger.
        #expect(run([2020: .c, 2021: .c, 2022: .d, 2023: .d]).triggers ==
                [DisciplineTrigger(pattern: .twoCOneD, years: [2020, 2021, 2022])])
    }

    @Test func D1_countingRestartsTheYearAfterATrigger() {
        #expect(run([2020: .d, 2021: .d, 2022: .d]).triggers.count == 1)
        let four = run([2020: .d, 2021: .d, 2022: .d, 2023: .d]).triggers
        #expect(four.map(\.years) == [[2020, 2021], [2022, 2023]])
    }

    @Test func D1_DCDRaisesAReviewFlagNotATrigger() {
        let result = run([2020: .d, 2021: .c, 2022: .d])
        #expect(result.triggers.isEmpty)
        #expect(result.flags == [ReviewFlag(years: [2020, 2021, 2022])])
        #expect(run([2020: .d, 2021: .c, 2022: .d], flag: false).flags.isEmpty)
    }

    @Test func D1_gradesBeforeTheRegulationDoNotCount() {
        #expect(run([2011: .d, 2012: .d]).triggers.isEmpty)
        #expect(run([2012: .d, 2013: .d]).triggers.isEmpty)
        #expect(run([2013: .d, 2014: .d]).triggers.count == 1)
    }
}

@Suite("Automatic D (Art. 15.6, D2, D12)")
struct AutomaticDTests {
    let profile = RegulationProfile.binhDuong2013
    var deadline: Date { WorkLogDeadline(profile: profile).instant(year: 2025) }

    func officer(received: Date?, scope: ScopeStatus = .inScope, authority: Bool = false, manual: Bool = false,
                 start: LocalDate = LocalDate(year: 2015, month: 1, day: 1)!,
                 changes: [ServiceRecord.Change] = []) -> AutomaticD.Officer {
        AutomaticD.Officer(id: UUID(), scope: scope, worksAtITAuthority: authority,
                           service: ServiceRecord(startDate: start, changes: changes), receivedAt: received,
                           hasManualGrade: manual)
    }

    func graded(_ o: AutomaticD.Officer, profile: RegulationProfile? = nil, now: Date? = nil) -> Bool {
        AutomaticD.officers([o], year: 2025, profile: profile ?? self.profile, now: now ?? deadline.addingTimeInterval(86400)) == [o.id]
    }

    @Test func D2_receivedOneSecondBeforeTheDeadlineIsOnTime() {
        #expect(!graded(officer(received: deadline.addingTimeInterval(-1))))
    }

    @Test func D2_receivedExactlyAtOrAfterTheDeadlineIsLate() {
        #expect(graded(officer(received: deadline)))
        #expect(graded(officer(received: deadline.addingTimeInterval(1))))
        #expect(graded(officer(received: nil)))
    }

    @Test func D2_nothingIsGradedBeforeTheDeadlinePasses() {
        #expect(!graded(officer(received: nil), now: deadline.addingTimeInterval(-1)))
    }

    @Test func D2_exemptionForOfficersWhoStartedShortlyBeforeTheDeadline() {
        var exempting = profile
        exempting.newOfficerExemptionDays = 30
        let recent = officer(received: nil, start: LocalDate(year: 2025, month: 9, day: 20)!)
        #expect(graded(recent))
        #expect(!graded(recent, profile: exempting))
    }

    @Test func D12_authorityOfficersExcludedAndManualGradesNeverOverwritten() {
        #expect(!graded(officer(received: nil, authority: true)))
        #expect(!graded(officer(received: nil, manual: true)))
        #expect(!graded(officer(received: nil, scope: .excluded(.itLeadership))))
        #expect(graded(officer(received: nil, scope: .analogous)))
    }
}

@Suite("Rewards and efficiency (Art. 16.2, 15.5; D5, D11)")
struct RewardEfficiencyTests {
    @Test func R16_2a_R16_2b_D5_gradeAMakesACertificateCandidate_streakMakesMore() {
        #expect(RewardRules.candidacies(grades: [2025: .a], year: 2025, streak: 3, missingYearBreaksRun: true) == [.certificateOfMerit])
        #expect(RewardRules.candidacies(grades: [2023: .a, 2024: .a, 2025: .a], year: 2025, streak: 3, missingYearBreaksRun: true)
                == [.certificateOfMerit, .multiYearExcellence])
        #expect(RewardRules.candidacies(grades: [2022: .a, 2024: .a, 2025: .a], year: 2025, streak: 3, missingYearBreaksRun: true)
                == [.certificateOfMerit])
        #expect(RewardRules.candidacies(grades: [2025: .b], year: 2025, streak: 3, missingYearBreaksRun: true).isEmpty)
    }

    @Test func R15_5_D11_incentiveSpendAgainstOutsourcedCost_zeroCostHasNoRatio() {
        let e = Efficiency.compute(itLevel: 3, incentiveSpend: 24_000_000, outsourcedCost: 12_000_000)
        #expect(e.incentiveSpend == 24_000_000 && e.outsourcedCost == 12_000_000 && e.itLevel == 3)
        #expect(e.ratio == 2)
        #expect(Efficiency.compute(itLevel: nil, incentiveSpend: 12_000_000, outsourcedCost: 0).ratio == nil)
        #expect(Efficiency.compute(itLevel: nil, incentiveSpend: 0, outsourcedCost: nil).ratio == nil)
    }
}

@Suite("Evaluation cycle (Art. 15.6, issue 4 §1)")
struct EvaluationCycleTests {
    let deadline = WorkLogDeadline(profile: .binhDuong2013).instant(year: 2026)

    @Test func R15_6a_deadlineStepOnlyFromTheDeadlineInstant() {
        #expect(EvaluationCycle.problem(.closeDeadline, stage: .open, now: deadline.addingTimeInterval(-1), deadline: deadline, ungraded: 0) != nil)
        #expect(EvaluationCycle.problem(.closeDeadline, stage: .open, now: deadline, deadline: deadline, ungraded: 0) == nil)
    }

    @Test func stepsGoInOrderOnly() {
        let later = deadline.addingTimeInterval(86_400)
        #expect(EvaluationCycle.problem(.publish, stage: .open, now: later, deadline: deadline, ungraded: 0) != nil)
        #expect(EvaluationCycle.problem(.startGrading, stage: .open, now: later, deadline: deadline, ungraded: 0) != nil)
        #expect(EvaluationCycle.problem(.startGrading, stage: .deadlinePassed, now: later, deadline: deadline, ungraded: 0) == nil)
        #expect(EvaluationCycle.problem(.closeDeadline, stage: .published, now: later, deadline: deadline, ungraded: 0) != nil)
        for step in EvaluationStep.allCases { #expect(step.to != step.from) }
    }

    @Test func R15_4_publicationNeedsEveryOfficerGraded() {
        let later = deadline.addingTimeInterval(86_400)
        #expect(EvaluationCycle.problem(.publish, stage: .grading, now: later, deadline: deadline, ungraded: 2)?.contains("Còn 2 cán bộ") == true)
        #expect(EvaluationCycle.problem(.publish, stage: .grading, now: later, deadline: deadline, ungraded: 0) == nil)
    }

    @Test func R15_6b_publicationOnOrAfter15NovemberIsLate() {
        let due = LocalDate(year: 2026, month: 11, day: 15)!
        #expect(!EvaluationCycle.isLate(publishedOn: LocalDate(year: 2026, month: 11, day: 14)!, resultsDeadline: due))
        #expect(EvaluationCycle.isLate(publishedOn: due, resultsDeadline: due))
    }

    @Test func R16_3b_outputsAnalogyOfficersGetTasksButNoCessationProposal() {
        #expect(DisciplineOutcome.needsCessationProposal(analogy: false))
        #expect(!DisciplineOutcome.needsCessationProposal(analogy: true))
        #expect(DisciplineOutcome.headTasks == [.reassignDuties, .recruitReplacement])
    }
}

@Suite("Incidents and training (Art. 8.1, 5.7)")
struct EvidenceTests {
    let incident = LocalDate(year: 2026, month: 6, day: 10)!

    @Test func R8_1_exemptWhenAProposalWasNotAccepted() {
        let before = LocalDate(year: 2026, month: 3, day: 1)!
        #expect(IncidentResponsibility.exempt(.rejected, proposedOn: before, incidentOn: incident))
        #expect(!IncidentResponsibility.exempt(.accepted, proposedOn: before, incidentOn: incident))
        #expect(!IncidentResponsibility.exempt(.none, proposedOn: nil, incidentOn: incident))
    }

    @Test func R8_1_aProposalMadeAfterTheIncidentDoesNotExempt() {
        #expect(!IncidentResponsibility.exempt(.rejected, proposedOn: incident.adding(days: 1), incidentOn: incident))
    }

    @Test func R8_1_silenceCountsAsNotAcceptedAfterTheThreshold() {
        #expect(!IncidentResponsibility.exempt(.pending, proposedOn: incident.adding(days: -29), incidentOn: incident))
        #expect(IncidentResponsibility.exempt(.pending, proposedOn: incident.adding(days: -30), incidentOn: incident))
    }

    @Test func R5_7_onlyATestIsScored() {
        #expect(TrainingKind.allCases.filter(\.isScored) == [.proficiencyTest])
    }
}

@Suite("The year under evaluation (Art. 15.6)")
struct YearUnderEvaluationTests {
    @Test func R15_6a_theYearWhoseDeadlineCameLastIsUnderEvaluation() {
        let profile = RegulationProfile.binhDuong2013
        #expect(profile.yearUnderEvaluation(today: LocalDate(year: 2026, month: 9, day: 30)!) == 2025)
        #expect(profile.yearUnderEvaluation(today: LocalDate(year: 2026, month: 10, day: 1)!) == 2026)
        #expect(profile.yearUnderEvaluation(today: LocalDate(year: 2026, month: 11, day: 29)!) == 2026)
    }
}
