import Domain
import Fluent
import Foundation
import SQLKit

/// A head's page of tickets walked year by year (`TicketQueries.AgencyWalk`) reads only the years
/// that can reach it (issue 14, ADR 0017). Each walked year made SQLite build the reach's index of
/// agencies again: a district head's 1,291 agencies, 0.7 ms a year, four years on every page. A
/// ticket's request date may lie outside its log's year, so the years are told apart by the dates
/// their tickets hold (`spans`), never by the year's number.
extension TicketQueries.AgencyWalk {
    /// The range of one year's request dates; a year whose dates could not be read spans every date.
    static func span(earliest: String, latest: String) -> ClosedRange<String> {
        earliest.isEmpty || latest < earliest ? "" ... "\u{10FFFF}" : earliest ... latest
    }

    /// Without the years that hold no ticket before `cursor` nor between `from` and `to` (by their
    /// spans; a year without a span is kept).
    func narrowed(after cursor: TicketCursor?, from: LocalDate?, to: LocalDate?) -> Self {
        var narrowed = self
        narrowed.years = years.filter { year in
            guard let span = spans[year] else { return true }
            if let cursor, span.lowerBound > cursor.requestedOn { return false }
            if let to, span.lowerBound > to.iso { return false }
            if let from, span.upperBound < from.iso { return false }
            return true
        }
        return narrowed
    }

    /// The year whose tickets are the newest with every year whose dates reach into its span
    /// (`newest`), and the other years; nil when that leaves no year out.
    var split: (newest: Self, rest: [Int])? {
        guard years.allSatisfy({ spans[$0] != nil }),
              let first = years.max(by: { spans[$0]!.upperBound < spans[$1]!.upperBound }) else { return nil }
        let since = spans[first]!.lowerBound
        var newest = self
        newest.years = years.filter { spans[$0]!.upperBound >= since }
        let rest = years.filter { spans[$0]!.upperBound < since }
        return rest.isEmpty ? nil : (newest, rest)
    }
}

extension TicketQueries {
    /// A head's page read from the years that can reach it: first from the newest years alone
    /// (`AgencyWalk.split`), which is the page when it is full and every year left out holds only
    /// tickets requested before its last one; else from every year that holds tickets in the page's
    /// range (`narrowed`). Each is taken only when no write came between the spans and the page (the
    /// audit head they were read at). nil: read every year. Only for a page that nothing but dates
    /// and a task group filter (`readsNewestYearsFirst`): a page of one officer's, one status's or one
    /// requester's tickets seldom fills from the newest year, and would then be read twice.
    static func walkedYears(_ filter: TicketFilter, scope: Scope, after cursor: TicketCursor?, limit: Int,
                            kept: KeptReads.At? = nil, on db: any Database) async throws -> [TicketRow]? {
        guard filter.readsNewestYearsFirst, let walk = scope.agencyWalk?.narrowed(after: cursor, from: filter.from, to: filter.to),
              let head = walk.head else { return nil }
        /// The page from `years`, if read at the spans' head (an empty page tells no head).
        func page(_ years: Self.AgencyWalk) async throws -> [TicketRow]? {
            var narrowed = scope
            narrowed.agencyWalk = years
            guard let query = Self.page(filter, scope: narrowed, after: cursor, limit: limit,
                                        columns: "\(TicketRow.columns), \(KeptReads.Head.whole.column)") else { return nil }
            let read = try await KeptReads.At.rows(query, kept: kept, on: db) { (try TicketRow(columns: $0), try $0.int("list_head")) }
            return read.first.map { $0.1 == head } == true ? read.map(\.0) : nil
        }
        if let (newest, rest) = walk.split, let read = try await page(newest), read.count == limit,
           let last = read.last?.cursor.requestedOn, rest.allSatisfy({ walk.spans[$0]!.upperBound < last }) {
            return read
        }
        return try await page(walk)
    }
}

extension TicketFilter {
    /// Nothing filters the tickets but the request dates and a task group (an empty search text
    /// filters nothing). A group holds about a seventh of the tickets, and a walked head sees at least
    /// one agency in a hundred (`TicketQueries.walkedShare`): thousands of a group's tickets a year,
    /// so its page fills from the newest year as an unfiltered page does (twenty-fifth part: with a
    /// group, every year was walked, 4.1–4.4 ms of the district head's CPU for a page).
    var readsNewestYearsFirst: Bool {
        officerID == nil && agencyID == nil && year == nil && status == nil && requesterUserID == nil
            && (q.map(VietnameseText.fold) ?? "").isEmpty
    }
}
