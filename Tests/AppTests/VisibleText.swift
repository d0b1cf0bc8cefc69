@testable import App
import Domain
import Foundation

/// The text a person reads on a page, and what must never be in it (issue 11 §5): an audit code,
/// stored JSON, Swift's `Optional(` or `nil`, `true`/`false`, an enum's raw value or another English
/// word the application could leak.
enum VisibleText {
    /// Tags, scripts and styles removed (a block's tag leaves a space); entities decoded; spaces collapsed.
    static func of(_ html: String) -> String {
        var text = html.replacing(/(?s)<(script|style)\b.*?<\/\1>/, with: " ")
        text = text.replacing(/<\/?(?:span|strong|em|a|b|i|small|code|time|abbr)\b[^>]*>/, with: "")  // inline: no space
        text = text.replacing(/<[^>]*>/, with: " ")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"),
                                    ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacing(/\s+/, with: " ")
    }

    /// The raw values of the domain's enums (a value shown instead of its label), and English words.
    static let englishWords: Set<String> = {
        var words: [String] = ["approved", "declined", "inScope", "analogous", "excluded", "authority", "homeAffairs",
                               "login", "logout", "nil", "null", "true", "false", "undefined", "pending", "done"]
        words += AgencyKind.allCases.map(\.rawValue) + AdminLevel.allCases.map(\.rawValue) + ITOfficerKind.allCases.map(\.rawValue)
        words += Gender.allCases.map(\.rawValue) + CivilServiceStatus.allCases.map(\.rawValue) + EmploymentStatus.allCases.map(\.rawValue)
        words += TrainingKind.allCases.map(\.rawValue) + Attendance.allCases.map(\.rawValue) + InspectionTeamLevel.allCases.map(\.rawValue)
        words += ProposalDecision.allCases.map(\.rawValue) + EvaluationStage.allCases.map(\.rawValue) + EvaluationStep.allCases.map(\.rawValue)
        words += TicketStatus.allCases.map(\.rawValue) + TicketStatus.Action.allCases.map(\.rawValue) + Role.allCases.map(\.rawValue)
        words += ScopeExclusion.allCases.map(\.rawValue) + StaffingStatus.allCases.map(\.rawValue) + SignOffInterval.allCases.map(\.rawValue)
        words += TaskGroup.allCases.map(\.rawValue) + TicketOutcome.allCases.map(\.rawValue) + WorkKind.allCases.map(\.rawValue)
        words += DisciplinePattern.allCases.map(\.rawValue) + DisciplineOutcome.HeadTask.allCases.map(\.rawValue)
        words += ["certificateOfMerit", "multiYearExcellence", "evaluated", "workLogNotSubmitted"]
        return Set(words.map { $0.lowercased() })
    }()

    /// What leaks in a visible text; empty when it reads as Vietnamese.
    static func leaks(in text: String) -> [String] {
        var found: [String] = []
        for match in text.matches(of: /[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+/) where AuditPhrases.codes.contains(String(match.output)) {
            found.append("mã \(match.output)")
        }
        for marker in ["{\"", "Optional("] where text.contains(marker) { found.append(marker) }
        let words = text.split { !$0.isLetter }.map(String.init)
        for word in Set(words) where englishWords.contains(word.lowercased()) { found.append(word) }
        return found.sorted()
    }
}
