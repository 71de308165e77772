/* The sync wire: frame reading and writing over file descriptors (or memory,
 * for the fuzzer) and the codecs of frame payloads. Everything read is
 * bounded and checked: the other end may be broken, hostile or not carnet. */
#include "model/sync_wire.h"
#include "model/store_internal.h"   /* id_valid */
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- columns ---- */

static const char *const fixed_cols[SYNC_FIXED_COLS] = {"created_at", "created_by", "updated_at", "updated_by", "deleted"};

int sync_ncols(const struct kind *k) { return SYNC_FIXED_COLS + k->nfields; }
int sync_ngroups(const struct kind *k) { return SYNC_FIXED_GROUPS + k->nfields; }

int sync_col_group(int col)
{
    if (col < 2)
        return 0;
    if (col < 4)
        return 1;
    return col - 2;     /* deleted: 2; field i (col 5 + i): 3 + i */
}

const char *sync_col_name(const struct kind *k, int col)
{
    return col < SYNC_FIXED_COLS ? fixed_cols[col] : k->fields[col - SYNC_FIXED_COLS].name;
}

void sync_group_clock_name(const struct kind *k, int group, char *out, size_t size)
{
    static const char *const fixed[SYNC_FIXED_GROUPS] = {"created", "updated", "deleted"};
    snprintf(out, size, "%s_clk", group < SYNC_FIXED_GROUPS ? fixed[group] : k->fields[group - SYNC_FIXED_GROUPS].name);
}

int sync_col_find(const struct kind *k, const char *name)
{
    for (int c = 0; c < sync_ncols(k); c++)
        if (strcmp(sync_col_name(k, c), name) == 0)
            return c;
    return -1;
}

uint64_t sync_clock_hlc(const unsigned char clk[CLOCK_SIZE])
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | clk[i];
    return v;
}

/* ---- rows and batches ---- */

void sync_row_init(struct sync_row *r, const struct kind *k)
{
    memset(r, 0, sizeof *r);
    r->kind = k;
    r->val = xcalloc((size_t)sync_ncols(k), sizeof *r->val);
    r->clk = xcalloc((size_t)sync_ngroups(k), sizeof *r->clk);
    r->has_clk = xcalloc((size_t)sync_ngroups(k), sizeof *r->has_clk);
}

void sync_value_clear(struct sync_value *v)
{
    free(v->s);
    memset(v, 0, sizeof *v);
}

void sync_row_clear(struct sync_row *r)
{
    if (!r->kind)
        return;
    for (int c = 0; c < sync_ncols(r->kind); c++)
        sync_value_clear(&r->val[c]);
    free(r->val);
    free(r->clk);
    free(r->has_clk);
    memset(r, 0, sizeof *r);
}

struct sync_row *sync_batch_add(struct sync_batch *b, const struct kind *k)
{
    if (b->nrows == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->rows = xrealloc(b->rows, (size_t)b->cap * sizeof *b->rows);
    }
    struct sync_row *r = &b->rows[b->nrows++];
    sync_row_init(r, k);
    return r;
}

void sync_batch_clear(struct sync_batch *b)
{
    for (int i = 0; i < b->nrows; i++)
        sync_row_clear(&b->rows[i]);
    free(b->rows);
    memset(b, 0, sizeof *b);
}

/* ---- write buffers ---- */

void wbuf_free(struct wbuf *w)
{
    free(w->p);
    memset(w, 0, sizeof *w);
}

void wbuf_bytes(struct wbuf *w, const void *p, size_t n)
{
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap < w->len + n)
            cap *= 2;
        w->p = xrealloc(w->p, cap);
        w->cap = cap;
    }
    if (n)
        memcpy(w->p + w->len, p, n);
    w->len += n;
}

void wbuf_u8(struct wbuf *w, uint8_t v) { wbuf_bytes(w, &v, 1); }

void wbuf_u16(struct wbuf *w, uint16_t v)
{
    unsigned char b[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    wbuf_bytes(w, b, 2);
}

void wbuf_u32(struct wbuf *w, uint32_t v)
{
    unsigned char b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)(v >> (24 - 8 * i));
    wbuf_bytes(w, b, 4);
}

void wbuf_u64(struct wbuf *w, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (56 - 8 * i));
    wbuf_bytes(w, b, 8);
}

void wbuf_str(struct wbuf *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    wbuf_u32(w, (uint32_t)n);
    wbuf_bytes(w, s, n);
}

/* ---- read buffers: every read is bounded; a short payload sets bad ---- */

struct rbuf {
    const unsigned char *p;
    size_t n, pos;
    bool bad;
};

static const unsigned char *rb_take(struct rbuf *r, size_t n)
{
    if (r->bad || n > r->n - r->pos) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->p + r->pos;
    r->pos += n;
    return p;
}

static uint64_t rb_uint(struct rbuf *r, int bytes)
{
    const unsigned char *p = rb_take(r, (size_t)bytes);
    uint64_t v = 0;
    for (int i = 0; p && i < bytes; i++)
        v = v << 8 | p[i];
    return v;
}

/* A string of at most max bytes: a new NUL-terminated copy, or NULL (bad
 * set) when too long, truncated, not UTF-8 or holding a NUL. */
static char *rb_str(struct rbuf *r, uint32_t max, uint32_t *len)
{
    uint32_t n = (uint32_t)rb_uint(r, 4);
    if (r->bad || n > max) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = rb_take(r, n);
    if (!p || memchr(p, 0, n) || !utf8_valid((const char *)p, n)) {
        r->bad = true;
        return NULL;
    }
    if (len)
        *len = n;
    return xstrndup((const char *)p, n);
}

/* ---- payloads ---- */

void sync_hello_encode(struct wbuf *w, const struct sync_hello *h)
{
    wbuf_u16(w, h->proto_min);
    wbuf_u16(w, h->proto_max);
    wbuf_u32(w, h->schema);
    wbuf_u32(w, h->flags);
    wbuf_str(w, h->dataset);
    wbuf_str(w, h->site);
    wbuf_u64(w, h->hlc);
    wbuf_u64(w, (uint64_t)h->now_ms);
}

static int damaged(struct error *err, const char *what)
{
    return error_add(err, ERR_CORRUPT, "the sync stream is damaged: %s", _(what));
}

int sync_hello_decode(const unsigned char *p, size_t n, struct sync_hello *h, struct error *err)
{
    struct rbuf r = {p, n, 0, false};
    memset(h, 0, sizeof *h);
    h->proto_min = (uint16_t)rb_uint(&r, 2);
    h->proto_max = (uint16_t)rb_uint(&r, 2);
    h->schema = (uint32_t)rb_uint(&r, 4);
    h->flags = (uint32_t)rb_uint(&r, 4);
    char *ds = rb_str(&r, 36, NULL);
    char *site = rb_str(&r, 36, NULL);
    h->hlc = rb_uint(&r, 8);
    h->now_ms = (int64_t)rb_uint(&r, 8);
    if (ds)
        snprintf(h->dataset, sizeof h->dataset, "%s", ds);
    if (site)
        snprintf(h->site, sizeof h->site, "%s", site);
    free(ds);
    free(site);
    /* Later minor versions may append fields: trailing bytes are allowed. */
    if (r.bad || h->proto_min > h->proto_max)
        return damaged(err, N_("a bad hello"));
    return 0;
}

void sync_u64_encode(struct wbuf *w, uint64_t v) { wbuf_u64(w, v); }

int sync_u64_decode(const unsigned char *p, size_t n, uint64_t *v, struct error *err)
{
    struct rbuf r = {p, n, 0, false};
    *v = rb_uint(&r, 8);
    if (r.bad || r.pos != n || *v > INT64_MAX)
        return damaged(err, N_("a bad number"));
    return 0;
}

void sync_text_encode(struct wbuf *w, const char *msg) { wbuf_str(w, msg); }

char *sync_text_decode(const unsigned char *p, size_t n)
{
    struct rbuf r = {p, n, 0, false};
    char *s = rb_str(&r, 4096, NULL);
    if (!s)
        return NULL;
    for (char *c = s; *c; c++)     /* it is printed on our terminal */
        if ((unsigned char)*c < 0x20 && *c != '\n')
            *c = '?';
    return s;
}

void sync_rows_encode_head(struct wbuf *w, int64_t last_seq, bool more, int nrows)
{
    wbuf_u64(w, (uint64_t)last_seq);
    wbuf_u8(w, more ? 1 : 0);
    wbuf_u32(w, (uint32_t)nrows);
}

static void value_encode(struct wbuf *w, const struct sync_value *v)
{
    wbuf_u8(w, v->type);
    if (v->type == SV_INT) {
        wbuf_u64(w, (uint64_t)v->i);
    } else if (v->type == SV_REAL) {
        uint64_t bits;    /* raw IEEE-754 bits: no rounding through text */
        memcpy(&bits, &v->r, sizeof bits);
        wbuf_u64(w, bits);
    } else if (v->type == SV_TEXT) {
        wbuf_u32(w, v->n);
        wbuf_bytes(w, v->s, v->n);
    }
}

void sync_row_encode(struct wbuf *w, const struct sync_row *r)
{
    const struct kind *k = r->kind;
    int n = 0;
    for (int c = 0; c < sync_ncols(k); c++)
        n += r->has_clk[sync_col_group(c)];
    wbuf_str(w, k->name);
    wbuf_bytes(w, r->id, 36);
    wbuf_u16(w, (uint16_t)n);
    for (int c = 0; c < sync_ncols(k); c++) {
        int g = sync_col_group(c);
        if (!r->has_clk[g])
            continue;
        wbuf_str(w, sync_col_name(k, c));
        wbuf_bytes(w, r->clk[g], CLOCK_SIZE);
        value_encode(w, &r->val[c]);
    }
}

static bool value_decode(struct rbuf *r, struct sync_value *v)
{
    v->type = (uint8_t)rb_uint(r, 1);
    switch (v->type) {
    case SV_NULL:
        return !r->bad;
    case SV_INT:
        v->i = (int64_t)rb_uint(r, 8);
        return !r->bad;
    case SV_REAL: {
        uint64_t bits = rb_uint(r, 8);
        memcpy(&v->r, &bits, sizeof bits);
        return !r->bad;
    }
    case SV_TEXT:
        v->s = rb_str(r, SYNC_STRING_MAX, &v->n);
        return v->s != NULL;
    default:
        r->bad = true;
        return false;
    }
}

/* Whether v may be stored in column c of kind k. */
static const char *value_misfit(const struct kind *k, int c, const struct sync_value *v)
{
    if (c < 4)
        return v->type == SV_TEXT ? NULL : N_("text expected");
    if (c == 4)
        return v->type == SV_INT && (v->i == 0 || v->i == 1) ? NULL : N_("0 or 1 expected");
    const struct field *f = &k->fields[c - SYNC_FIXED_COLS];
    if (v->type == SV_NULL)
        return NULL;
    switch (f->type) {
    case FT_INT:
        return v->type == SV_INT ? NULL : N_("a whole number expected");
    case FT_BOOL:
        return v->type == SV_INT && (v->i == 0 || v->i == 1) ? NULL : N_("0 or 1 expected");
    case FT_REAL:
        return v->type == SV_REAL || v->type == SV_INT ? NULL : N_("a number expected");
    default:
        return v->type == SV_TEXT ? NULL : N_("text expected");
    }
}

static int row_decode(struct rbuf *r, struct sync_batch *b, struct error *err)
{
    char *kname = rb_str(r, 64, NULL);
    const struct kind *k = kname ? kind_find(kname) : NULL;
    if (!k) {
        int rc = r->bad ? damaged(err, N_("a truncated row"))
                        : error_add(err, ERR_VERSION, "the other store sent records of a kind this carnet does not know (%s); "
                                                      "install the same carnet version on both sides", kname);
        free(kname);
        return rc;
    }
    free(kname);
    struct sync_row *row = sync_batch_add(b, k);
    const unsigned char *id = rb_take(r, 36);
    if (id)
        memcpy(row->id, id, 36);
    row->id[36] = '\0';
    if (!id || !id_valid(row->id))
        return damaged(err, N_("a row with a bad id"));
    unsigned n = (unsigned)rb_uint(r, 2);
    if (r->bad || n > SYNC_CELLS_MAX)
        return damaged(err, N_("a row with too many columns"));
    bool *seen = xcalloc((size_t)sync_ncols(k), sizeof *seen);
    int rc = 0;
    for (unsigned i = 0; i < n && rc == 0; i++) {
        char *col = rb_str(r, 64, NULL);
        const unsigned char *clk = rb_take(r, CLOCK_SIZE);
        int c = col ? sync_col_find(k, col) : -1;
        struct sync_value v = {0};
        if (!col || !clk || !value_decode(r, &v)) {
            rc = damaged(err, N_("a truncated row"));
        } else if (c < 0) {
            rc = error_add(err, ERR_VERSION, "the other store sent a field this carnet does not know (%s.%s); "
                                             "install the same carnet version on both sides", k->name, col);
        } else if (seen[c]) {
            rc = damaged(err, N_("a column sent twice"));
        } else if (value_misfit(k, c, &v)) {
            rc = error_add(err, ERR_CORRUPT, "the sync stream is damaged: %s %s, %s: %s", k->name, row->id, col,
                           _(value_misfit(k, c, &v)));
        } else {
            int g = sync_col_group(c);
            if (row->has_clk[g] && memcmp(row->clk[g], clk, CLOCK_SIZE) != 0)
                rc = damaged(err, N_("two clocks for one group of columns"));
            memcpy(row->clk[g], clk, CLOCK_SIZE);
            row->has_clk[g] = true;
            row->val[c] = v;
            seen[c] = true;
            v.s = NULL;
        }
        free(col);
        sync_value_clear(&v);
    }
    /* A group travels whole: created_at never without created_by. */
    for (int c = 0; rc == 0 && c < sync_ncols(k); c++)
        if (row->has_clk[sync_col_group(c)] && !seen[c])
            rc = damaged(err, N_("a group of columns sent in part"));
    /* Every row carries its audit columns and tombstone. */
    for (int g = 0; rc == 0 && g < SYNC_FIXED_GROUPS; g++)
        if (!row->has_clk[g])
            rc = damaged(err, N_("a row without its audit columns"));
    free(seen);
    return rc;
}

int sync_rows_decode(const unsigned char *p, size_t n, struct sync_batch *b, struct error *err)
{
    sync_batch_clear(b);
    struct rbuf r = {p, n, 0, false};
    uint64_t last = rb_uint(&r, 8);
    unsigned more = (unsigned)rb_uint(&r, 1);
    uint32_t nrows = (uint32_t)rb_uint(&r, 4);
    if (r.bad || last > INT64_MAX || more > 1 || nrows > SYNC_ROWS_MAX)
        return damaged(err, N_("a bad batch header"));
    b->last_seq = (int64_t)last;
    b->more = more;
    for (uint32_t i = 0; i < nrows; i++)
        if (row_decode(&r, b, err) != 0)
            return err->code;
    if (r.pos != n)
        return damaged(err, N_("bytes after the last row"));
    return 0;
}

/* ---- streams ---- */

void sync_stream_fd(struct sync_stream *st, int in, int out, const char *peer)
{
    memset(st, 0, sizeof *st);
    st->in = in;
    st->out = out;
    st->peer = peer ? peer : _("the other side");
}

void sync_stream_mem(struct sync_stream *st, const void *p, size_t n)
{
    memset(st, 0, sizeof *st);
    st->in = st->out = -1;
    st->mem = p;
    st->mem_len = n;
    st->peer = _("the input");
}

static int cut(struct sync_stream *st, struct error *err)
{
    return error_add(err, ERR_IO, "the connection with %s was cut in the middle of the sync (truncated stream); "
                                  "what was received so far is kept; sync again", st->peer);
}

/* Fills the buffer; 1 when bytes came, 0 at the end, -1 on error. */
static int fill(struct sync_stream *st, struct error *err)
{
    if (st->mem) {
        size_t n = st->mem_len - st->mem_pos;
        if (n > sizeof st->buf)
            n = sizeof st->buf;
        memcpy(st->buf, st->mem + st->mem_pos, n);
        st->mem_pos += n;
        st->blen = n;
        st->bpos = 0;
        return n > 0;
    }
    for (;;) {
        ssize_t n = read(st->in, st->buf, sizeof st->buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error_add(err, ERR_IO, "cannot read from %s: %s", st->peer, strerror(errno));
            return -1;
        }
        st->blen = (size_t)n;
        st->bpos = 0;
        st->bytes_in += (uint64_t)n;
        return n > 0;
    }
}

/* Exactly n bytes into p; 0, or an error (a cut stream included). */
static int read_exact(struct sync_stream *st, void *p, size_t n, struct error *err)
{
    unsigned char *out = p;
    while (n) {
        if (st->bpos == st->blen) {
            int rc = fill(st, err);
            if (rc < 0)
                return err->code;
            if (rc == 0)
                return cut(st, err);
        }
        size_t k = st->blen - st->bpos;
        if (k > n)
            k = n;
        memcpy(out, st->buf + st->bpos, k);
        st->bpos += k;
        out += k;
        n -= k;
    }
    return 0;
}

static int write_all(struct sync_stream *st, const void *p, size_t n, struct error *err)
{
    const unsigned char *b = p;
    while (n) {
        ssize_t k = write(st->out, b, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            if (errno == EPIPE)
                return error_add(err, ERR_IO, "the connection with %s was cut (it stopped reading); sync again", st->peer);
            return error_add(err, ERR_IO, "cannot write to %s: %s", st->peer, strerror(errno));
        }
        b += k;
        n -= (size_t)k;
        st->bytes_out += (uint64_t)k;
    }
    return 0;
}

int sync_write_magic(struct sync_stream *st, struct error *err)
{
    char line[32];
    int n = snprintf(line, sizeof line, "%s%d\n", SYNC_MAGIC, SYNC_PROTO_MAJOR);
    return write_all(st, line, (size_t)n, err);
}

/* One byte of the stream for the magic search; its printable form goes
 * into seen (for the message when no magic comes). */
static int magic_byte(struct sync_stream *st, unsigned char *c, struct strbuf *seen, struct error *err)
{
    if (read_exact(st, c, 1, err) != 0) {
        error_clear(err);
        if (seen->len)
            return error_add(err, ERR_VERSION, "%s did not answer as carnet sync; it said: %.200s", st->peer, seen->s);
        return error_add(err, ERR_IO, "%s closed the connection without a word (is carnet installed there?)", st->peer);
    }
    if (seen->len < 200)
        strbuf_addc(seen, (char)(*c >= 0x20 && *c < 0x7f ? *c : *c == '\n' ? ' ' : '?'));
    return 0;
}

int sync_read_magic(struct sync_stream *st, struct error *err)
{
    static const char magic[] = SYNC_MAGIC;
    const size_t mlen = sizeof magic - 1;
    size_t matched = 0, skipped = 0;
    struct strbuf seen;     /* the start of what came instead, for the message */
    strbuf_init(&seen);
    int rc = 0, major = 0, digits = 0;
    for (;;) {
        unsigned char c;
        if ((rc = magic_byte(st, &c, &seen, err)) != 0)
            break;
        if (++skipped > SYNC_BANNER_MAX + mlen + 8) {
            rc = error_add(err, ERR_VERSION, "%s did not answer as carnet sync; it said: %.200s", st->peer, seen.s);
            break;
        }
        if (matched < mlen) {
            matched = c == (unsigned char)magic[matched] ? matched + 1 : c == (unsigned char)magic[0];
            continue;
        }
        /* The magic, then the major version and the end of the line; a
         * banner that merely mentions the magic is skipped like the rest. */
        if (c == '\n' && digits)
            break;
        if (c >= '0' && c <= '9' && digits < 4) {
            major = major * 10 + (c - '0');
            digits++;
            continue;
        }
        matched = c == (unsigned char)magic[0];
        major = digits = 0;
    }
    if (rc == 0 && major != SYNC_PROTO_MAJOR)
        rc = error_add(err, ERR_VERSION,
                       "%s speaks sync protocol version %d and this carnet speaks version %d: "
                       "install the same carnet version on both sides; nothing was changed",
                       st->peer, major, SYNC_PROTO_MAJOR);
    strbuf_free(&seen);
    return rc;
}

int sync_write_frame(struct sync_stream *st, uint8_t type, const struct wbuf *payload, struct error *err)
{
    size_t n = (payload ? payload->len : 0) + 1;
    if (n > SYNC_FRAME_MAX)
        return error_add(err, ERR_INVALID, "a sync frame of %zu bytes is over the limit", n);
    unsigned char head[5] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8),
                             (unsigned char)n, type};
    if (write_all(st, head, 5, err) != 0)
        return err->code;
    return payload && payload->len ? write_all(st, payload->p, payload->len, err) : 0;
}

int sync_read_frame(struct sync_stream *st, uint8_t *type, unsigned char **payload, size_t *n, struct error *err)
{
    *payload = NULL;
    *n = 0;
    unsigned char head[5];
    if (read_exact(st, head, 5, err) != 0)
        return err->code;
    uint32_t len = (uint32_t)head[0] << 24 | (uint32_t)head[1] << 16 | (uint32_t)head[2] << 8 | head[3];
    if (len == 0 || len > SYNC_FRAME_MAX)
        return error_add(err, ERR_CORRUPT, "the sync stream is damaged: a frame of %u bytes (the limit is %u)", len,
                         SYNC_FRAME_MAX);
    if (head[4] < SF_HELLO || head[4] > SF_BYE)
        return damaged(err, N_("a frame of unknown type"));
    *type = head[4];
    *n = len - 1;
    *payload = xmalloc(*n ? *n : 1);
    if (*n && read_exact(st, *payload, *n, err) != 0) {
        free(*payload);
        *payload = NULL;
        return err->code;
    }
    return 0;
}
