// zlib's two deflate entry points, defined in the executable so that the libraries which call them
// (libminizip under libxlsxwriter, Cairo, …) reach these first; each calls zlib's own with the level
// this thread chose when the caller left the level to zlib. Any other call passes through unchanged.
// docs/adr/0019-deflate-level.md.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <zlib.h>
#include "CDeflateLevel.h"

static _Thread_local int chosen = Z_DEFAULT_COMPRESSION;

void qlcb_deflate_set_level(int level) {
    chosen = (level >= Z_DEFAULT_COMPRESSION && level <= Z_BEST_COMPRESSION) ? level : Z_DEFAULT_COMPRESSION;
}

int qlcb_deflate_level(void) { return chosen; }

static int level_for(int asked) { return asked == Z_DEFAULT_COMPRESSION ? chosen : asked; }

typedef int (*init_fn)(z_streamp, int, const char *, int);
typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);

// zlib's functions, each looked up once: the next definition after this executable's, libz's (linked
// by this target, so always loaded).
static void *zlib_init, *zlib_init2;

static void *zlib_symbol(void **slot, const char *name) {
    void *found = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (!found) {
        found = dlsym(RTLD_NEXT, name);
        __atomic_store_n(slot, found, __ATOMIC_RELEASE);
    }
    return found;
}

int qlcb_deflate_ready(void) {
    return zlib_symbol(&zlib_init, "deflateInit_") != NULL && zlib_symbol(&zlib_init2, "deflateInit2_") != NULL;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    init_fn zlib = (init_fn)zlib_symbol(&zlib_init, "deflateInit_");
    return zlib ? zlib(strm, level_for(level), version, stream_size) : Z_VERSION_ERROR;
}

int deflateInit2_(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy,
                  const char *version, int stream_size) {
    init2_fn zlib = (init2_fn)zlib_symbol(&zlib_init2, "deflateInit2_");
    return zlib ? zlib(strm, level_for(level), method, windowBits, memLevel, strategy, version, stream_size)
                : Z_VERSION_ERROR;
}
