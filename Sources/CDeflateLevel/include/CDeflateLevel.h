#ifndef QLCB_DEFLATE_LEVEL_H
#define QLCB_DEFLATE_LEVEL_H

/// The deflate level zlib uses, on the calling thread, when a library leaves the level to zlib
/// (Z_DEFAULT_COMPRESSION, which zlib reads as 6). libxlsxwriter takes no level of its own;
/// docs/adr/0019-deflate-level.md says why the spreadsheets ask for a faster one.
/// -1 (the default) changes nothing; 0–9 are zlib's levels.
void qlcb_deflate_set_level(int level);
int qlcb_deflate_level(void);

/// 1 when zlib's own entry points were found behind these (the server checks it as it starts: without
/// them no deflate stream could be made, for a spreadsheet or a PDF).
int qlcb_deflate_ready(void);

#endif
