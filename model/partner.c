/* Partners by name, and the upgrade to schema version 7 that made the free
 * text of initiatives' and actions' partners and of difficulties' partners
 * informed into sets of partner records.
 *
 * The upgrade runs on each replica by itself, before any sync (replicas of
 * two versions refuse each other), so it must give every replica the same
 * rows from the same values: a partner's id is the v5 id of its name's key;
 * its first spelling is that of the oldest value naming it (lowest clock);
 * and each rewritten value, like each new partner, takes the clock of the
 * value it comes from with its hybrid time one higher. The order of clocks
 * is kept (a value edited later still wins), every replica that held a
 * value writes the same result at the same clock, and a hub that still
 * holds the old text takes the new value, whose clock is higher. */
#include "model/partner.h"
#include "model/record_internal.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Lower case of the letters French names use, the same in every locale
 * (towlower depends on LC_CTYPE, and two replicas must agree). */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c == 0x178)
        return 0xFF;
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return (c & 1) ? c + 1 : c;
    return c;
}

char *partner_name_key(const char *name)
{
    struct strbuf b;
    strbuf_init(&b);
    size_t len = name ? strlen(name) : 0;
    bool space = false;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int n = utf8_decode(name + i, len - i, &c);
        if (n < 0) {            /* not UTF-8: the byte as it is */
            strbuf_addc(&b, name[i++]);
            space = false;
            continue;
        }
        i += (size_t)n;
        if (c == ' ' || c == '\t') {
            space = b.len > 0;
            continue;
        }
        if (space)
            strbuf_addc(&b, ' ');
        space = false;
        char out[4];
        int m = utf8_encode(fold(c), out);
        strbuf_add(&b, out, (size_t)m);
    }
    if (!b.len) {
        strbuf_free(&b);
        return NULL;
    }
    return strbuf_detach(&b);
}

void partner_name_id(const char *name, char out[37])
{
    char *key = partner_name_key(name);
    const char *values[1] = {key};
    if (key)
        record_key_id(kind_find("partner"), values, 1, out);
    else
        out[0] = '\0';
    free(key);
}

int partner_split_names(const char *text, int (*fn)(const char *name, size_t len, void *ctx), void *ctx)
{
    const char *p = text ? text : "";
    while (*p) {
        size_t len = strcspn(p, ",;");
        const char *a = p, *e = p + len;
        while (a < e && (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r'))
            a++;
        while (e > a && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
            e--;
        if (e > a) {
            int rc = fn(a, (size_t)(e - a), ctx);
            if (rc)
                return rc;
        }
        p += len;
        if (*p)
            p++;
    }
    return 0;
}

/* ---- the upgrade to version 7 ---- */

struct found {
    char id[37];
    char *spelling;             /* the first spelling */
    unsigned char clk[CLOCK_SIZE];  /* the clock of the value it was found in */
};

struct upgrade {
    struct found *v;
    size_t n, cap;
    struct strbuf ids;          /* the ids of the value being read */
    const unsigned char *clk;
};

/* Whether a clock orders before another: its bytes, then (two values of one
 * write) the spelling, so that every replica picks the same. */
static bool earlier(const unsigned char *clk, const char *spelling, const struct found *f)
{
    int c = memcmp(clk, f->clk, CLOCK_SIZE);
    return c < 0 || (c == 0 && strcmp(spelling, f->spelling) < 0);
}

static int take_name(const char *name, size_t len, void *ctx)
{
    struct upgrade *u = ctx;
    char *spelling = xstrndup(name, len);
    char id[37];
    partner_name_id(spelling, id);
    strbuf_addf(&u->ids, "%s%s", u->ids.len ? "," : "", id);
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->v[i].id, id) == 0) {
            if (earlier(u->clk, spelling, &u->v[i])) {
                free(u->v[i].spelling);
                u->v[i].spelling = spelling;
                memcpy(u->v[i].clk, u->clk, CLOCK_SIZE);
            } else {
                free(spelling);
            }
            return 0;
        }
    if (u->n == u->cap)
        u->v = xrealloc(u->v, (u->cap = u->cap ? 2 * u->cap : 16) * sizeof *u->v);
    struct found *f = &u->v[u->n++];
    memcpy(f->id, id, sizeof f->id);
    f->spelling = spelling;
    memcpy(f->clk, u->clk, CLOCK_SIZE);
    return 0;
}

/* The clock a value of the upgrade gets from the clock it comes from:
 * the same site, the hybrid time one higher. */
static void next_clock(struct store *s, const unsigned char *from, unsigned char out[CLOCK_SIZE])
{
    memcpy(out, from, CLOCK_SIZE);
    for (int i = 7; i >= 0 && ++out[i] == 0; i--)
        ;
    uint64_t h = 0;
    for (int i = 0; i < 8; i++)
        h = h << 8 | out[i];
    store_observe_hlc(s, h);
}

/* A value's clock: its field's, else (a row planted without one) its
 * record's creation, else a new one; never the zero clock of the seeds. */
static void value_clock(struct store *s, sqlite3_stmt *st, unsigned char out[CLOCK_SIZE])
{
    static const unsigned char zero[8];
    for (int col = 2; col <= 3; col++) {
        const void *b = sqlite3_column_blob(st, col);
        if (b && sqlite3_column_bytes(st, col) == CLOCK_SIZE && memcmp(b, zero, 8) != 0) {
            memcpy(out, b, CLOCK_SIZE);
            return;
        }
    }
    store_tick(s, out);
}

/* One value to rewrite: read first, all of them, then written (the
 * rewritten value is never read again as names). */
struct old_value {
    char *id, *text;
    unsigned char clk[CLOCK_SIZE];
};

/* Rewrites field f of kind k, names to partner ids, and gathers the
 * partners in u. Deleted records too: one put back keeps its partners. */
static int rewrite_field(struct store *s, const struct kind *k, const struct field *f, struct upgrade *u,
                         struct error *err)
{
    char *sql = xasprintf("SELECT id, %s, %s_clk, created_clk FROM %s WHERE coalesce(%s, '') <> '' ORDER BY id",
                          f->name, f->name, k->name, f->name);
    sqlite3_stmt *st = db_prepare(s, sql, err);
    free(sql);
    if (!st)
        return err->code;
    struct old_value *old = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap)
            old = xrealloc(old, (cap = cap ? 2 * cap : 64) * sizeof *old);
        old[n].id = xstrdup((const char *)sqlite3_column_text(st, 0));
        old[n].text = xstrdup((const char *)sqlite3_column_text(st, 1));
        value_clock(s, st, old[n].clk);
        n++;
    }
    db_release(s, st);
    sql = xasprintf("UPDATE %s SET %s = ?1, %s_clk = ?2, row_seq = ?3 WHERE id = ?4", k->name, f->name, f->name);
    sqlite3_stmt *up = db_prepare(s, sql, err);
    free(sql);
    int rc = up ? 0 : err->code;
    for (size_t i = 0; i < n && rc == 0; i++) {
        unsigned char next[CLOCK_SIZE];
        strbuf_reset(&u->ids);
        u->clk = old[i].clk;
        partner_split_names(old[i].text, take_name, u);
        const char *why = NULL;
        char *set = u->ids.len ? field_normalise(f, u->ids.s, &why) : NULL;
        next_clock(s, old[i].clk, next);
        sqlite3_reset(up);
        if (set)
            sqlite3_bind_text(up, 1, set, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(up, 1);
        sqlite3_bind_blob(up, 2, next, CLOCK_SIZE, SQLITE_TRANSIENT);
        sqlite3_bind_int64(up, 3, store_next_seq(s));
        sqlite3_bind_text(up, 4, old[i].id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(up) != SQLITE_DONE)
            rc = db_error(s, err, "upgrading the partners");
        free(set);
    }
    db_release(s, up);
    for (size_t i = 0; i < n; i++) {
        free(old[i].id);
        free(old[i].text);
    }
    free(old);
    return rc;
}

/* When a clock was written, as ISO 8601 UTC: its hybrid time's wall part,
 * so that the audit fields of a new partner are the same everywhere. */
static void clock_time(const unsigned char *clk, char out[21])
{
    uint64_t h = 0;
    for (int i = 0; i < 8; i++)
        h = h << 8 | clk[i];
    time_t t = (time_t)((h >> 16) / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int partner_upgrade_v7(struct store *s, struct error *err)
{
    const struct kind *pk = kind_find("partner");
    struct upgrade u = {0};
    strbuf_init(&u.ids);
    int rc = 0;
    for (int i = 0; kinds[i] && rc == 0; i++)
        for (int j = 0; j < kinds[i]->nfields && rc == 0; j++) {
            const struct field *f = &kinds[i]->fields[j];
            if (f->type == FT_SET && f->ref && strcmp(f->ref, pk->name) == 0 && kinds[i]->since < 7)
                rc = rewrite_field(s, kinds[i], f, &u, err);
        }
    for (size_t i = 0; i < u.n && rc == 0; i++) {
        struct record *r = record_new(pk);
        memcpy(r->id, u.v[i].id, sizeof r->id);
        record_set(r, "name", u.v[i].spelling, NULL);
        record_set(r, "type", "autre", NULL);
        unsigned char clk[CLOCK_SIZE];
        char at[21];
        next_clock(s, u.v[i].clk, clk);
        clock_time(clk, at);
        rc = record_insert(s, r, clk, "carnet", at, err);
        record_free(r);
    }
    for (size_t i = 0; i < u.n; i++)
        free(u.v[i].spelling);
    free(u.v);
    strbuf_free(&u.ids);
    return rc;
}
