import CIDSet
import CTicketWordPairs

/// What the server adds to every SQLite connection the process opens from now on, each an automatic
/// extension of its own SQLite (C, registered once; registering again is harmless): the tokenizer of
/// ticket word pairs `qlcb_word_pairs` (`TicketWordPairs`, ADR 0022) and the function `qlcb_id_in`
/// with which a walk tests each row against a head's reach (`VisibleAgencies.walkTest`, ADR 0020).
enum SQLiteExtensions {
    static func register() throws {
        let registered = [(qlcb_word_pairs_register(), "bộ tách cặp từ của phiếu"), (qlcb_id_set_register(), "hàm qlcb_id_in")]
        for (code, what) in registered where code != 0 {
            throw ConfigError(message: "Không đăng ký được \(what) với SQLite (mã \(code)).")
        }
    }
}
