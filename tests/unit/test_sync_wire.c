/* The sync wire codec: payloads survive a round trip bit for bit (REAL
 * values as raw IEEE-754), and every hard limit or damage is refused with
 * an error rather than a crash: truncation at every byte, oversized frames,
 * unknown types, kinds and fields, bad UTF-8, values of the wrong type. */
#include "testutil.h"
#include "model/sync_wire.h"
#include "util/xalloc.h"

#include <math.h>
#include <string.h>

static const char *const ID = "0b6a3c52-6d1e-4f9a-9a57-3f0e2d4c1b7a";

static void set_text(struct sync_value *v, const char *s)
{
    v->type = SV_TEXT;
    v->s = xstrdup(s);
    v->n = (uint32_t)strlen(s);
}

/* An initiative row with every kind of value. */
static void sample_row(struct sync_row *r, const struct kind *k)
{
    memcpy(r->id, ID, 37);
    for (int g = 0; g < sync_ngroups(k); g++) {
        r->has_clk[g] = true;
        for (int i = 0; i < CLOCK_SIZE; i++)
            r->clk[g][i] = (unsigned char)(g * 7 + i);
    }
    set_text(&r->val[0], "2026-01-02T03:04:05Z");
    set_text(&r->val[1], "alice");
    set_text(&r->val[2], "2026-01-02T03:04:06Z");
    set_text(&r->val[3], "bob");
    r->val[4].type = SV_INT;
    r->val[4].i = 1;
    set_text(&r->val[SYNC_FIXED_COLS + kind_field_index(k, "title")], "Égalité — jardin 🌱");
    r->val[SYNC_FIXED_COLS + kind_field_index(k, "volunteers")].type = SV_INT;
    r->val[SYNC_FIXED_COLS + kind_field_index(k, "volunteers")].i = 1000000;
    struct sync_value *h = &r->val[SYNC_FIXED_COLS + kind_field_index(k, "volunteer_hours")];
    h->type = SV_REAL;
    h->r = 0.1 + 0.2;    /* not representable in short decimal text */
    /* the field "outcome" keeps no clock: it must not travel */
    r->has_clk[SYNC_FIXED_GROUPS + kind_field_index(k, "outcome")] = false;
}

static void encode_sample(struct wbuf *w, int64_t last, bool more)
{
    const struct kind *k = kind_find("initiative");
    struct sync_batch b = {0};
    sample_row(sync_batch_add(&b, k), k);
    sample_row(sync_batch_add(&b, k), k);
    sync_rows_encode_head(w, last, more, b.nrows);
    for (int i = 0; i < b.nrows; i++)
        sync_row_encode(w, &b.rows[i]);
    sync_batch_clear(&b);
}

static void test_hello_round_trip(void **state)
{
    (void)state;
    struct sync_hello h;
    memset(&h, 0, sizeof h);     /* padding too: compared with memcmp below */
    h.proto_min = 1;
    h.proto_max = 3;
    h.schema = 7;
    h.flags = SYNC_HELLO_CLONE;
    h.hlc = 0x0123456789abcdefull;
    h.now_ms = 1764000000000;
    memcpy(h.dataset, ID, 37);
    memcpy(h.site, "1b6a3c52-6d1e-4f9a-9a57-3f0e2d4c1b7a", 37);
    struct wbuf w = {0};
    sync_hello_encode(&w, &h);
    struct sync_hello d;
    struct error err;
    error_clear(&err);
    assert_int_equal(sync_hello_decode(w.p, w.len, &d, &err), 0);
    assert_memory_equal(&h, &d, sizeof h);
    for (size_t n = 0; n < w.len; n++) {     /* every truncation is refused */
        error_clear(&err);
        assert_int_not_equal(sync_hello_decode(w.p, n, &d, &err), 0);
    }
    wbuf_free(&w);
}

/* What a damaged stream says is in the user's language, down to the part
 * that was damaged. */
static void test_damaged_words(void **state)
{
    (void)state;
    struct sync_hello d;
    struct error err;
    const unsigned char junk[] = {0xff};
    assert_true(tu_french(true));
    error_clear(&err);
    assert_int_not_equal(sync_hello_decode(junk, sizeof junk, &d, &err), 0);
    assert_true(tu_french(false));  /* before any failure, for the next tests */
    if (!strstr(err.msg, "le flux de synchronisation est endommagé\u202f: un message d'accueil invalide"))
        fail_msg("%s", err.msg);
    error_clear(&err);
    assert_int_not_equal(sync_hello_decode(junk, sizeof junk, &d, &err), 0);
    assert_non_null(strstr(err.msg, "the sync stream is damaged: a bad hello"));
}

static void test_rows_round_trip(void **state)
{
    (void)state;
    const struct kind *k = kind_find("initiative");
    struct wbuf w = {0};
    encode_sample(&w, 123456789, true);
    struct sync_batch b = {0};
    struct error err;
    error_clear(&err);
    assert_int_equal(sync_rows_decode(w.p, w.len, &b, &err), 0);
    assert_int_equal(b.nrows, 2);
    assert_int_equal(b.last_seq, 123456789);
    assert_true(b.more);
    struct sync_row want;
    sync_row_init(&want, k);
    sample_row(&want, k);
    const struct sync_row *r = &b.rows[1];
    assert_ptr_equal(r->kind, k);
    assert_string_equal(r->id, ID);
    for (int g = 0; g < sync_ngroups(k); g++) {
        assert_int_equal(r->has_clk[g], want.has_clk[g]);
        if (want.has_clk[g])
            assert_memory_equal(r->clk[g], want.clk[g], CLOCK_SIZE);
    }
    for (int c = 0; c < sync_ncols(k); c++) {
        if (!want.has_clk[sync_col_group(c)])
            continue;
        assert_int_equal(r->val[c].type, want.val[c].type);
        if (want.val[c].type == SV_TEXT)
            assert_string_equal(r->val[c].s, want.val[c].s);
        assert_int_equal(r->val[c].i, want.val[c].i);
        assert_memory_equal(&r->val[c].r, &want.val[c].r, sizeof(double));   /* the same bits */
    }
    sync_row_clear(&want);
    sync_batch_clear(&b);
    /* Cut anywhere: an error, never a crash or a partial success. */
    for (size_t n = 0; n < w.len; n++) {
        error_clear(&err);
        assert_int_not_equal(sync_rows_decode(w.p, n, &b, &err), 0);
        sync_batch_clear(&b);
    }
    wbuf_free(&w);
}

/* Flips each byte of a valid payload: decoding fails or succeeds, but
 * whatever succeeds holds only well-typed values (ASan watches memory). */
static void test_rows_corrupted(void **state)
{
    (void)state;
    struct wbuf w = {0};
    encode_sample(&w, 5, false);
    struct sync_batch b = {0};
    for (size_t i = 0; i < w.len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            w.p[i] ^= (unsigned char)(1u << bit);
            struct error err;
            error_clear(&err);
            if (sync_rows_decode(w.p, w.len, &b, &err) == 0)
                for (int r = 0; r < b.nrows; r++)
                    assert_int_equal(b.rows[r].val[4].type, SV_INT);
            else
                assert_true(err.msg[0] != '\0');
            sync_batch_clear(&b);
            w.p[i] ^= (unsigned char)(1u << bit);
        }
    }
    wbuf_free(&w);
}

static int decode_one(const struct wbuf *w, struct error *err)
{
    struct sync_batch b = {0};
    error_clear(err);
    int rc = sync_rows_decode(w->p, w->len, &b, err);
    sync_batch_clear(&b);
    return rc;
}

static void row_head(struct wbuf *w, const char *kind, int ncells)
{
    sync_rows_encode_head(w, 1, false, 1);
    wbuf_str(w, kind);
    wbuf_bytes(w, ID, 36);
    wbuf_u16(w, (uint16_t)ncells);
}

static void cell_text(struct wbuf *w, const char *col, const char *text, size_t n)
{
    unsigned char clk[CLOCK_SIZE] = {1};
    wbuf_str(w, col);
    wbuf_bytes(w, clk, CLOCK_SIZE);
    wbuf_u8(w, SV_TEXT);
    wbuf_u32(w, (uint32_t)n);
    wbuf_bytes(w, text, n);
}

static void test_rows_refused(void **state)
{
    (void)state;
    struct error err;
    struct wbuf w = {0};

    row_head(&w, "spaceship", 0);     /* a kind from elsewhere */
    assert_int_equal(decode_one(&w, &err), ERR_VERSION);
    assert_non_null(strstr(err.msg, "spaceship"));

    w.len = 0;                         /* a field from elsewhere */
    row_head(&w, "territory", 1);
    cell_text(&w, "colour", "red", 3);
    assert_int_equal(decode_one(&w, &err), ERR_VERSION);
    assert_non_null(strstr(err.msg, "territory.colour"));

    w.len = 0;                         /* invalid UTF-8 */
    row_head(&w, "territory", 1);
    cell_text(&w, "name", "\xff\xfe", 2);
    assert_int_equal(decode_one(&w, &err), ERR_CORRUPT);

    w.len = 0;                         /* text where a count belongs */
    row_head(&w, "initiative", 1);
    cell_text(&w, "volunteers", "12", 2);
    assert_int_equal(decode_one(&w, &err), ERR_CORRUPT);
    assert_non_null(strstr(err.msg, "volunteers"));

    w.len = 0;                         /* a row without its audit columns */
    row_head(&w, "territory", 1);
    cell_text(&w, "name", "x", 1);
    assert_int_equal(decode_one(&w, &err), ERR_CORRUPT);

    w.len = 0;                         /* too many rows announced */
    sync_rows_encode_head(&w, 1, false, SYNC_ROWS_MAX + 1);
    assert_int_equal(decode_one(&w, &err), ERR_CORRUPT);

    w.len = 0;                         /* a string over the limit */
    row_head(&w, "territory", 1);
    wbuf_str(&w, "name");
    unsigned char clk[CLOCK_SIZE] = {0};
    wbuf_bytes(&w, clk, CLOCK_SIZE);
    wbuf_u8(&w, SV_TEXT);
    wbuf_u32(&w, SYNC_STRING_MAX + 1);
    assert_int_equal(decode_one(&w, &err), ERR_CORRUPT);

    w.len = 0;                         /* an upper-case id */
    sync_rows_encode_head(&w, 1, false, 1);
    wbuf_str(&w, "territory");
    wbuf_bytes(&w, "0B6A3C52-6D1E-4F9A-9A57-3F0E2D4C1B7A", 36);
    wbuf_u16(&w, 0);
    assert_int_equal(decode_one(&w, &err), ERR_CORRUPT);
    wbuf_free(&w);
}

static void test_frames(void **state)
{
    (void)state;
    struct wbuf all = {0};
    const char banner[] = "Welcome to the centre's server!\nCARNET-SYN is not it, CARNET-SYNC is mentioned, CARNET-SYNC 12x\n";
    wbuf_bytes(&all, banner, strlen(banner));
    wbuf_bytes(&all, "CARNET-SYNC 1\n", 14);
    wbuf_u32(&all, 4);                 /* a frame: length 4, type bye, 3 bytes */
    wbuf_u8(&all, SF_BYE);
    wbuf_bytes(&all, "abc", 3);
    struct sync_stream *st = xmalloc(sizeof *st);
    struct error err;
    error_clear(&err);
    sync_stream_mem(st, all.p, all.len);
    assert_int_equal(sync_read_magic(st, &err), 0);
    uint8_t type;
    unsigned char *p;
    size_t n;
    assert_int_equal(sync_read_frame(st, &type, &p, &n, &err), 0);
    assert_int_equal(type, SF_BYE);
    assert_int_equal(n, 3);
    assert_memory_equal(p, "abc", 3);
    free(p);
    assert_int_equal(sync_read_frame(st, &type, &p, &n, &err), ERR_IO);   /* the end: cut */
    assert_non_null(strstr(err.msg, "truncated"));

    /* Another major version is named in the message. */
    error_clear(&err);
    sync_stream_mem(st, "CARNET-SYNC 2\n", 14);
    assert_int_equal(sync_read_magic(st, &err), ERR_VERSION);
    assert_non_null(strstr(err.msg, "version 2"));
    assert_non_null(strstr(err.msg, "version 1"));

    /* Something else entirely. */
    error_clear(&err);
    sync_stream_mem(st, "bash: carnet: command not found\n", 32);
    assert_int_equal(sync_read_magic(st, &err), ERR_VERSION);
    assert_non_null(strstr(err.msg, "command not found"));

    /* Frames over the limit, empty, or of an unknown type. */
    unsigned char big[5] = {0x01, 0x00, 0x00, 0x01, SF_ROWS};   /* 16 MiB + 1 */
    unsigned char empty[5] = {0, 0, 0, 0, SF_ROWS};
    unsigned char odd[5] = {0, 0, 0, 1, 99};
    unsigned char *bad[] = {big, empty, odd};
    for (int i = 0; i < 3; i++) {
        error_clear(&err);
        sync_stream_mem(st, bad[i], 5);
        assert_int_equal(sync_read_frame(st, &type, &p, &n, &err), ERR_CORRUPT);
        assert_null(p);
    }
    /* A banner longer than the limit. */
    size_t long_n = SYNC_BANNER_MAX + 100;
    char *junk = xmalloc(long_n);
    memset(junk, 'x', long_n);
    error_clear(&err);
    sync_stream_mem(st, junk, long_n);
    assert_int_equal(sync_read_magic(st, &err), ERR_VERSION);
    free(junk);
    free(st);
    wbuf_free(&all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hello_round_trip),
        cmocka_unit_test(test_damaged_words),
        cmocka_unit_test(test_rows_round_trip),
        cmocka_unit_test(test_rows_corrupted),
        cmocka_unit_test(test_rows_refused),
        cmocka_unit_test(test_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
