#ifndef OTGW_CZLIB_SHIM_H
#define OTGW_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are function-like macros, which Swift cannot import.

static inline int gw_deflate_init_gzip(z_stream *stream, int level) {
    // windowBits 15 + 16 selects the gzip wrapper; memLevel 8 is zlib's default.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

static inline int gw_inflate_init_auto(z_stream *stream) {
    // windowBits 15 + 32 detects a zlib or gzip header automatically.
    return inflateInit2(stream, 15 + 32);
}

#endif
