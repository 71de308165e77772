/* libFuzzer target for the `field=value` parser and the validation behind
 * `carnet add`: the first byte picks the kind, each following line is one
 * argument (record_set_pair), then record_check normalises and validates. */
#include "model/record.h"
#include "tests/fuzz/fuzz_store.h"
#include "util/xalloc.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct store *s = fuzz_store();
    struct record *r = record_new(kinds[data[0] % kinds_count]);
    struct error err;
    error_clear(&err);
    /* A C string per line, as argv would hold them (a NUL ends an argument). */
    char *text = xmalloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        record_set_pair(r, line, &err);
    }
    error_clear(&err);
    record_check(s, r, &err);
    record_free(r);
    free(text);
    return 0;
}
