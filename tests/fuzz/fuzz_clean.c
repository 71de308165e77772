/* libFuzzer target for the command line's output path (cli/output.c, built
 * in): whatever bytes a record or a message holds, what reaches the terminal
 * is valid UTF-8 without a control character (C0 but newline and tab, DEL,
 * C1) or a bidi control, and a table row stays on its line. The first byte
 * picks the path (a message, a table row, a record in detail, the one-line
 * cleaner), the second the kind; the rest, cut at NULs, gives the text or
 * the values of the record's fields in order. */
#include "cli/cli.h"
#include "tests/fuzz/fuzz_store.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "");      /* widths by wcwidth, as carnet has them */
    return 0;
}

/* The oracle, written apart from util/utf8.c on purpose. */
static bool forbidden(uint32_t cp, bool one_line)
{
    if (cp == '\n' || cp == '\t')
        return one_line;
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

/* out (len bytes) is fit for a terminal; one_line: a single line, its final
 * newline aside. */
static void check(const char *out, size_t len, bool one_line)
{
    if (one_line && len && out[len - 1] == '\n')
        len--;
    if (!utf8_valid(out, len))
        abort();
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = utf8_decode(out + i, len - i, &cp);
        if (n < 0 || forbidden(cp, one_line))
            abort();
        i += (size_t)n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int path = data[0] % 4;
    const struct kind *k = kinds[data[1] % kinds_count];
    char *text = xmalloc(size - 1);
    memcpy(text, data + 2, size - 2);
    text[size - 2] = '\0';

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    if (path == 0) {
        cli_print(f, "carnet: %s: %s\n", text, text);
    } else if (path == 3) {
        char *line = utf8_sanitize(text, false);
        fputs(line, f);
        free(line);
    } else {
        /* The record's fields, raw as a peer could have sent them. */
        struct record *r = record_new(k);
        const char *v = text, *end = text + (size - 2);
        for (int i = 0; i < k->nfields && v < end; i++) {
            record_set(r, k->fields[i].name, v, NULL);
            v += strlen(v) + 1;
        }
        snprintf(r->id, sizeof r->id, "%.36s", text);
        struct store *s = fuzz_store();
        if (path == 1) {
            struct printer p = {.format = OUT_TABLE, .out = f, .store = s, .kind = k, .with_kind = data[0] & 4};
            printer_start(&p);
            p.started = true;   /* the row alone, without the header */
            printer_record(&p, r);
        } else {
            print_record_text(f, s, r);
        }
        record_free(r);
    }
    if (fclose(f) != 0)
        abort();
    check(buf, len, path == 1 || path == 3);
    free(buf);
    free(text);
    return 0;
}
