/* libFuzzer target for the sync frame decoder: the magic line (after any
 * banner), then frames, each payload decoded by its type. Whatever the
 * bytes, decoding fails cleanly or yields well-formed values; ASan and
 * UBSan watch memory. Built when CARNET_FUZZ=ON (clang). */
#include "model/sync_wire.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sync_stream *st = xmalloc(sizeof *st);
    struct error err;
    error_clear(&err);
    sync_stream_mem(st, data, size);
    if (sync_read_magic(st, &err) == 0) {
        for (int frames = 0; frames < 64; frames++) {
            uint8_t type;
            unsigned char *p;
            size_t n;
            error_clear(&err);
            if (sync_read_frame(st, &type, &p, &n, &err) != 0)
                break;
            if (type == SF_HELLO) {
                struct sync_hello h;
                sync_hello_decode(p, n, &h, &err);
            } else if (type == SF_ROWS) {
                struct sync_batch b = {0};
                sync_rows_decode(p, n, &b, &err);
                sync_batch_clear(&b);
            } else if (type == SF_ERROR || type == SF_BYE) {
                free(sync_text_decode(p, n));
            } else {
                uint64_t v;
                sync_u64_decode(p, n, &v, &err);
            }
            free(p);
        }
    }
    free(st);
    return 0;
}
