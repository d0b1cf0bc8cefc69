#ifndef QLCB_TICKET_WORD_PAIRS_H
#define QLCB_TICKET_WORD_PAIRS_H

/// Registers the FTS5 tokenizer `qlcb_word_pairs` with every SQLite connection the process opens
/// from now on (an auto extension of the server's own SQLite). Harmless when called again.
/// docs/adr/0022-ticket-word-pairs.md says what it makes and why. Returns SQLite's result code.
int qlcb_word_pairs_register(void);

/// The longest part of a word a pair keeps: a longer word keeps its first (in `u>v`) or last (in
/// `v<u`, reversed) bytes, in the index as in the questions asked of it.
enum { QLCB_WORD_PAIRS_WORD_LIMIT = 32 };

#endif
