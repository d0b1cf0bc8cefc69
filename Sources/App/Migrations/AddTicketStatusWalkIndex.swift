import Fluent

/// The tickets of one status newest first, with their agency (issue 14, thirty-fifth part): a head's
/// list filtered by status ("Mới yêu cầu", "Đang thực hiện", "Đã xong, chờ xác nhận", "Đã xác nhận")
/// walks them once, all years together, testing each one's agency against the reach
/// (`TicketQueries.branches`). Walked year by year in the years' index, each year read its tickets of
/// every status from the table to test the status: a district head's tickets in progress, four of a
/// hundred, cost 56–90 ms of PostgreSQL a page; walked here, the page is cut from the index alone.
struct AddTicketStatusWalkIndex: IndexMigration {
    static let table = WorkTicketModel.schema
    static let columns = ["status", "requested_on", "id", "agency_id"]
}
