/* Sync on one store: reading batches of rows changed after a watermark,
 * applying received rows field by field (a column group takes the incoming
 * value iff the incoming clock is greater), keeping the losing values of
 * concurrent edits, the content hash, and what a Sync screen lists. */
#include "model/record_internal.h"
#include "model/sync_internal.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

double sync_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int kind_index(const struct kind *k)
{
    for (int i = 0; kinds[i]; i++)
        if (kinds[i] == k)
            return i;
    return 0;
}

/* ---- reading rows ---- */

/* "id, row_seq, col0, clk0, col1, clk1, ...": column c at 2 + 2c, its
 * group's clock at 3 + 2c. */
static void row_layout(const struct kind *k, struct strbuf *b)
{
    strbuf_adds(b, "id, row_seq");
    char clk[80];
    for (int c = 0; c < sync_ncols(k); c++) {
        sync_group_clock_name(k, sync_col_group(c), clk, sizeof clk);
        strbuf_addf(b, ", %s, %s", sync_col_name(k, c), clk);
    }
}

static void read_value(sqlite3_stmt *st, int i, struct sync_value *v)
{
    sync_value_clear(v);
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        v->type = SV_INT;
        v->i = sqlite3_column_int64(st, i);
        break;
    case SQLITE_FLOAT:
        v->type = SV_REAL;
        v->r = sqlite3_column_double(st, i);
        break;
    case SQLITE_NULL:
        v->type = SV_NULL;
        break;
    default:
        v->type = SV_TEXT;
        v->s = xstrdup((const char *)sqlite3_column_text(st, i));
        v->n = (uint32_t)sqlite3_column_bytes(st, i);
        break;
    }
}

static void read_row(sqlite3_stmt *st, struct sync_row *r)
{
    const struct kind *k = r->kind;
    snprintf(r->id, sizeof r->id, "%s", (const char *)sqlite3_column_text(st, 0));
    r->seq = sqlite3_column_int64(st, 1);
    for (int c = 0; c < sync_ncols(k); c++) {
        read_value(st, 2 + 2 * c, &r->val[c]);
        int g = sync_col_group(c);
        const void *clk = sqlite3_column_blob(st, 3 + 2 * c);
        r->has_clk[g] = clk && sqlite3_column_bytes(st, 3 + 2 * c) == CLOCK_SIZE;
        if (r->has_clk[g])
            memcpy(r->clk[g], clk, CLOCK_SIZE);
    }
}

static size_t row_size(const struct sync_row *r)
{
    size_t n = 64;
    for (int c = 0; c < sync_ncols(r->kind); c++)
        n += 48 + r->val[c].n;
    return n;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_row_seq(const void *a, const void *b)
{
    const struct sync_row *x = a, *y = b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

bool sync_row_is_seed(const struct sync_row *r)
{
    static const unsigned char zero[CLOCK_SIZE];
    for (int g = 0; g < sync_ngroups(r->kind); g++)
        if (r->has_clk[g] && memcmp(r->clk[g], zero, CLOCK_SIZE) != 0)
            return false;
    return true;
}

static bool skipped(const struct sync_side *d, int64_t seq)
{
    return d->nskip && bsearch(&seq, d->skip, (size_t)d->nskip, sizeof *d->skip, cmp_i64);
}

/* The batch covers the first batch_rows change numbers after since, over
 * all tables (row_seq is store-wide), read in one snapshot. */
static int store_side_extract(struct sync_side *d, int64_t since, struct sync_batch *b, struct error *err)
{
    struct store *s = d->s;
    sync_batch_clear(b);
    b->last_seq = since;
    int want = d->batch_rows;
    int64_t *seqs = xmalloc((size_t)want * (size_t)kinds_count * sizeof *seqs);
    int nseq = 0;
    bool more = false;
    int rc = 0;
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        free(seqs);
        return db_error(s, err, "reading the changes to send");
    }
    for (int i = 0; kinds[i] && rc == 0; i++) {
        char *sql = xasprintf("SELECT row_seq FROM %s WHERE row_seq > ? ORDER BY row_seq LIMIT ?", kinds[i]->name);
        sqlite3_stmt *st = db_prepare(s, sql, err);
        free(sql);
        if (!st) {
            rc = err->code;
            break;
        }
        sqlite3_bind_int64(st, 1, since);
        sqlite3_bind_int(st, 2, want);
        int n = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            seqs[nseq++] = sqlite3_column_int64(st, 0);
            n++;
        }
        db_release(s, st);
        more |= n == want;
    }
    if (rc == 0 && nseq > 0) {
        qsort(seqs, (size_t)nseq, sizeof *seqs, cmp_i64);
        if (nseq > want)
            more = true;
        int64_t cutoff = seqs[(nseq < want ? nseq : want) - 1];
        struct strbuf sql;
        strbuf_init(&sql);
        for (int i = 0; kinds[i] && rc == 0; i++) {
            strbuf_reset(&sql);
            strbuf_adds(&sql, "SELECT ");
            row_layout(kinds[i], &sql);
            strbuf_addf(&sql, " FROM %s WHERE row_seq > ? AND row_seq <= ? ORDER BY row_seq", kinds[i]->name);
            sqlite3_stmt *st = db_prepare(s, sql.s, err);
            if (!st) {
                rc = err->code;
                break;
            }
            sqlite3_bind_int64(st, 1, since);
            sqlite3_bind_int64(st, 2, cutoff);
            while (sqlite3_step(st) == SQLITE_ROW) {
                if (skipped(d, sqlite3_column_int64(st, 1)))
                    continue;
                struct sync_row *r = sync_batch_add(b, kinds[i]);
                read_row(st, r);
                if (sync_row_is_seed(r))
                    sync_row_clear(&b->rows[--b->nrows]);
            }
            db_release(s, st);
        }
        strbuf_free(&sql);
        b->last_seq = cutoff;
        if (b->nrows > 1)
            qsort(b->rows, (size_t)b->nrows, sizeof *b->rows, cmp_row_seq);
        b->more = more;
        sync_batch_budget(b);
        more = b->more;
    }
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    b->more = more;
    free(seqs);
    return rc;
}

/* Large rows: the batch closes where it passes the byte budget. */
void sync_batch_budget(struct sync_batch *b)
{
    size_t bytes = 0;
    for (int i = 0; i < b->nrows; i++) {
        bytes += row_size(&b->rows[i]);
        if (bytes > SYNC_BATCH_BYTES && i > 0) {
            b->last_seq = b->rows[i - 1].seq;
            for (int j = i; j < b->nrows; j++)
                sync_row_clear(&b->rows[j]);
            b->nrows = i;
            b->more = true;
            break;
        }
    }
    b->bytes = bytes;
}

void sync_side_count_sent(struct sync_side *d, const struct sync_batch *b)
{
    if (!d->sum)
        return;
    for (int i = 0; i < b->nrows; i++) {
        d->sum->sent[kind_index(b->rows[i].kind)]++;
        d->sum->sent_total++;
    }
}

void sync_side_count_received(struct sync_side *d, const struct kind *k)
{
    if (d->sum) {
        d->sum->received[kind_index(k)]++;
        d->sum->received_total++;
    }
}

/* ---- applying rows ---- */

static void bind_value(sqlite3_stmt *st, int i, const struct sync_value *v)
{
    switch (v->type) {
    case SV_INT:
        sqlite3_bind_int64(st, i, v->i);
        break;
    case SV_REAL:
        sqlite3_bind_double(st, i, v->r);
        break;
    case SV_TEXT:
        sqlite3_bind_text(st, i, v->s, (int)v->n, SQLITE_STATIC);
        break;
    default:
        sqlite3_bind_null(st, i);
    }
}

static bool value_equal(const struct sync_value *a, const struct sync_value *b)
{
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case SV_INT:
        return a->i == b->i;
    case SV_REAL:
        return memcmp(&a->r, &b->r, sizeof a->r) == 0;
    case SV_TEXT:
        return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
    default:
        return true;
    }
}

/* INSERT or UPDATE with the same parameters: the columns, the group clocks,
 * row_seq, id. */
static sqlite3_stmt *session_stmt(struct sync_side *d, const struct kind *k, int which, const char *sql,
                                   struct error *err)
{
    return db_prepare_slot(d->s, &d->stmt[kind_index(k)][which], sql, N_("preparing to apply changes"), err);
}

static sqlite3_stmt *write_stmt(struct sync_side *d, const struct kind *k, bool insert, struct error *err)
{
    if (d->stmt[kind_index(k)][insert ? 1 : 2])
        return session_stmt(d, k, insert ? 1 : 2, NULL, err);
    struct strbuf b;
    strbuf_init(&b);
    int ncols = sync_ncols(k), ngroups = sync_ngroups(k);
    char clk[80];
    if (insert) {
        strbuf_addf(&b, "INSERT INTO %s (", k->name);
        for (int c = 0; c < ncols; c++)
            strbuf_addf(&b, "%s, ", sync_col_name(k, c));
        for (int g = 0; g < ngroups; g++) {
            sync_group_clock_name(k, g, clk, sizeof clk);
            strbuf_addf(&b, "%s, ", clk);
        }
        strbuf_adds(&b, "row_seq, id) VALUES (");
        for (int i = 1; i <= ncols + ngroups + 2; i++)
            strbuf_addf(&b, "%s?%d", i > 1 ? ", " : "", i);
        strbuf_adds(&b, ")");
    } else {
        strbuf_addf(&b, "UPDATE %s SET ", k->name);
        for (int c = 0; c < ncols; c++)
            strbuf_addf(&b, "%s = ?%d, ", sync_col_name(k, c), c + 1);
        for (int g = 0; g < ngroups; g++) {
            sync_group_clock_name(k, g, clk, sizeof clk);
            strbuf_addf(&b, "%s = ?%d, ", clk, ncols + g + 1);
        }
        strbuf_addf(&b, "row_seq = ?%d WHERE id = ?%d", ncols + ngroups + 1, ncols + ngroups + 2);
    }
    sqlite3_stmt *st = session_stmt(d, k, insert ? 1 : 2, b.s, err);
    strbuf_free(&b);
    return st;
}

/* Writes row r (all its columns) under a new local change number. */
static int write_row(struct sync_side *d, const struct sync_row *r, bool insert, int64_t *seq, struct error *err)
{
    struct store *s = d->s;
    const struct kind *k = r->kind;
    sqlite3_stmt *st = write_stmt(d, k, insert, err);
    if (!st)
        return err->code;
    int ncols = sync_ncols(k), ngroups = sync_ngroups(k);
    for (int c = 0; c < ncols; c++)
        bind_value(st, c + 1, &r->val[c]);
    for (int g = 0; g < ngroups; g++) {
        if (r->has_clk[g])
            sqlite3_bind_blob(st, ncols + g + 1, r->clk[g], CLOCK_SIZE, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, ncols + g + 1);
    }
    *seq = store_next_seq(s);
    sqlite3_bind_int64(st, ncols + ngroups + 1, *seq);
    sqlite3_bind_text(st, ncols + ngroups + 2, r->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "applying a received change");
    sqlite3_reset(st);
    return rc;
}

static int load_row(struct sync_side *d, const struct kind *k, const char *id, struct sync_row *r, bool *found,
                    struct error *err)
{
    struct store *s = d->s;
    sqlite3_stmt *st = d->stmt[kind_index(k)][0] ? session_stmt(d, k, 0, NULL, err) : NULL;
    if (!d->stmt[kind_index(k)][0]) {
        struct strbuf b;
        strbuf_init(&b);
        strbuf_adds(&b, "SELECT ");
        row_layout(k, &b);
        strbuf_addf(&b, " FROM %s WHERE id = ?", k->name);
        st = session_stmt(d, k, 0, b.s, err);
        strbuf_free(&b);
    }
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        read_row(st, r);
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(s, err, "reading a record to merge");
}

static void bind_sync_value(sqlite3_stmt *st, int i, const struct sync_value *v) { bind_value(st, i, v); }

static int keep_conflict(struct sync_side *d, const struct sync_row *local, const struct sync_row *in, int c,
                         const char *at, struct error *err)
{
    int g = sync_col_group(c);
    sqlite3_stmt *st = db_prepare(d->s,
                                  "INSERT INTO conflict(kind, rec_id, field, losing_value, losing_clk, winning_clk, at, peer) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, local->kind->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, local->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, sync_col_name(local->kind, c), -1, SQLITE_STATIC);
    bind_sync_value(st, 4, &local->val[c]);
    sqlite3_bind_blob(st, 5, local->clk[g], CLOCK_SIZE, SQLITE_STATIC);
    sqlite3_bind_blob(st, 6, in->clk[g], CLOCK_SIZE, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, d->peer.site, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(d->s, err, "keeping a conflict");
    db_release(d->s, st);
    if (rc == 0 && d->sum)
        d->sum->conflicts++;
    return rc;
}

/* An erasure that arrives must not leave the erased values in the local
 * history, just as a local erasure does not. */
static int forget_history(struct store *s, const char *id, const char *field, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "UPDATE history SET old = NULL, new = NULL WHERE rec_id = ? AND field = ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "erasing the history");
    db_release(s, st);
    return rc;
}

static void add_skip(struct sync_side *d, int64_t seq)
{
    if (d->nskip == d->capskip) {
        d->capskip = d->capskip ? d->capskip * 2 : 256;
        d->skip = xrealloc(d->skip, (size_t)d->capskip * sizeof *d->skip);
    }
    d->skip[d->nskip++] = seq;     /* change numbers only grow: stays sorted */
}

/* Merges one incoming row. *pure: the local row is now exactly the
 * incoming one (the peer has nothing to learn from it).
 * A peer's values are stored as they are, even those local validation
 * would refuse (an Escape in a title, written by an older carnet or the
 * sqlite3 shell over there): refusing or changing them here would leave
 * the replicas different for good. The screens and the command line clean
 * whatever they show, and record_update checks only the fields an edit
 * changes, so such a record is repaired one field at a time. */
static int apply_row(struct sync_side *d, const struct sync_row *in, struct sync_row *local, const char *at,
                     struct error *err)
{
    struct store *s = d->s;
    const struct kind *k = in->kind;
    bool found = false;
    if (load_row(d, k, in->id, local, &found, err) != 0)
        return err->code;
    int64_t seq;
    if (!found) {
        if (write_row(d, in, true, &seq, err) != 0)
            return err->code;
        add_skip(d, seq);
    } else {
        int ngroups = sync_ngroups(k);
        bool any = false, pure = true;
        bool *win = xcalloc((size_t)ngroups, sizeof *win);
        for (int g = 0; g < ngroups; g++) {
            if (!in->has_clk[g]) {
                pure &= !local->has_clk[g];
                continue;
            }
            int cmp = local->has_clk[g] ? memcmp(in->clk[g], local->clk[g], CLOCK_SIZE) : 1;
            win[g] = cmp > 0;
            any |= win[g];
            pure &= cmp >= 0;
        }
        int rc = 0;
        for (int c = 0; any && rc == 0 && c < sync_ncols(k); c++) {
            int g = sync_col_group(c);
            if (!win[g])
                continue;
            /* A local edit the peer had not seen when it wrote: a concurrent
             * edit that lost. Keep its value for review. */
            if (c >= SYNC_FIXED_COLS && local->has_clk[g] && !value_equal(&local->val[c], &in->val[c]) &&
                (int64_t)sync_clock_hlc(local->clk[g]) > d->synced_hlc && sync_clock_hlc(local->clk[g]) != 0)
                rc = keep_conflict(d, local, in, c, at, err);
            const struct field *f = c >= SYNC_FIXED_COLS ? &k->fields[c - SYNC_FIXED_COLS] : NULL;
            if (rc == 0 && f && in->val[c].type == SV_NULL && local->val[c].type != SV_NULL &&
                ((f->flags & F_PERSONAL) || f->type == FT_LONGTEXT))
                rc = forget_history(s, in->id, f->name, err);
            sync_value_clear(&local->val[c]);
            local->val[c] = in->val[c];
            if (in->val[c].type == SV_TEXT)
                local->val[c].s = xstrndup(in->val[c].s, in->val[c].n);
            memcpy(local->clk[g], in->clk[g], CLOCK_SIZE);
            local->has_clk[g] = true;
        }
        free(win);
        if (rc != 0)
            return rc;
        if (!any)
            return 0;
        if (write_row(d, local, false, &seq, err) != 0)
            return err->code;
        if (pure)
            add_skip(d, seq);
    }
    sync_side_count_received(d, k);
    return 0;
}

int64_t sync_side_now_ms(const struct sync_side *d)
{
    if (d->s)
        return store_now_ms(d->s);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int faulty_clock(const struct sync_side *d, uint64_t hlc, struct error *err)
{
    int64_t ahead = (int64_t)(hlc >> 16) - sync_side_now_ms(d);
    return error_add(err, ERR_INVALID,
                     "the other store's clock is %lld minutes ahead of this computer's clock (more than 5 minutes): "
                     "one of the two computers has a wrong date or time. Fix it, then sync again; "
                     "nothing more was changed",
                     (long long)((ahead + 59999) / 60000));
}

int sync_batch_check_clocks(const struct sync_side *d, const struct sync_batch *b, uint64_t *seen,
                            struct error *err)
{
    uint64_t limit = (uint64_t)(sync_side_now_ms(d) + SYNC_MAX_AHEAD_MS) << 16;
    *seen = 0;
    for (int i = 0; i < b->nrows; i++)
        for (int g = 0; g < sync_ngroups(b->rows[i].kind); g++) {
            uint64_t h = b->rows[i].has_clk[g] ? sync_clock_hlc(b->rows[i].clk[g]) : 0;
            if (h > limit)
                return faulty_clock(d, h, err);
            if (h > *seen)
                *seen = h;
        }
    return 0;
}

static int store_side_apply(struct sync_side *d, const struct sync_batch *b, struct error *err)
{
    struct store *s = d->s;
    uint64_t seen;
    if (sync_batch_check_clocks(d, b, &seen, err) != 0)
        return err->code;
    if (store_begin(s, err) != 0)
        return err->code;
    char at[21];
    store_timestamp(s, at);
    int rc = 0;
    for (int i = 0; i < b->nrows && rc == 0; i++) {
        struct sync_row local;
        sync_row_init(&local, b->rows[i].kind);
        rc = apply_row(d, &b->rows[i], &local, at, err);
        sync_row_clear(&local);
    }
    if (rc == 0) {
        store_observe_hlc(s, seen);
        sqlite3_stmt *st = db_prepare(s,
                                      "INSERT INTO sync_peer(site_id, last_seq) VALUES (?1, ?2) ON CONFLICT(site_id) "
                                      "DO UPDATE SET last_seq = max(last_seq, ?2)", err);
        if (!st) {
            rc = err->code;
        } else {
            sqlite3_bind_text(st, 1, d->peer.site, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, b->last_seq);
            rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "keeping the sync watermark");
            db_release(s, st);
        }
    }
    if (rc != 0) {
        store_rollback(s);
        return rc;
    }
    if (store_commit(s, err) != 0)
        return err->code;
    if (b->last_seq > d->applied_seq)
        d->applied_seq = b->last_seq;
    return 0;
}

/* ---- sides ---- */

static int64_t meta_value(struct store *s, const char *key)
{
    return db_int(s, "SELECT value FROM meta WHERE key = ?", key);
}

static const struct sync_backend store_backend;

void sync_side_init(struct sync_side *d, const struct sync_backend *be, const struct sync_opts *o,
                    struct sync_summary *sum)
{
    static const struct sync_opts none;
    memset(d, 0, sizeof *d);
    d->be = be;
    d->o = o ? o : &none;
    d->sum = sum;
    if (sum)
        memset(sum, 0, sizeof *sum);
    d->batch_rows = d->o->batch_rows > 0 ? d->o->batch_rows : SYNC_BATCH_ROWS;
    d->started = sync_now();
    d->me.proto_min = SYNC_PROTO_MIN;
    d->me.proto_max = SYNC_PROTO_MAX;
    d->me.schema = STORE_SCHEMA_VERSION;
    d->me.flags = d->o->clone ? SYNC_HELLO_CLONE : 0;
}

int sync_side_open(struct sync_side *d, struct store *s, const struct sync_opts *o, struct sync_summary *sum,
                   struct error *err)
{
    sync_side_init(d, &store_backend, o, sum);
    d->s = s;
    if (store_readonly(s))
        return error_add(err, ERR_READONLY, "%s is read-only (%s): it cannot sync", store_path(s), store_readonly_reason(s));
    snprintf(d->me.dataset, sizeof d->me.dataset, "%s", store_dataset_id(s));
    snprintf(d->me.site, sizeof d->me.site, "%s", store_site_id(s));
    /* A large sync touches the indexes everywhere (given back at the end). */
    store_bulk(s, true);
    int64_t h = meta_value(s, "hlc");
    d->me.hlc = h > 0 ? (uint64_t)h : 0;
    d->me.now_ms = store_now_ms(s);
    return 0;
}

static void store_close_side(struct sync_side *d)
{
    free(d->skip);
    d->skip = NULL;
    if (d->s)
        store_bulk(d->s, false);
    for (int i = 0; i < SYNC_KINDS_MAX; i++)
        for (int j = 0; j < 3; j++) {
            sqlite3_finalize(d->stmt[i][j]);
            d->stmt[i][j] = NULL;
        }
}

static int adopt_dataset(struct store *s, const char *dataset, struct error *err)
{
    if (store_begin(s, err) != 0)
        return err->code;
    sqlite3_stmt *st = db_prepare(s, "UPDATE meta SET value = ? WHERE key = 'dataset_id'", err);
    int rc = st ? 0 : err->code;
    if (st) {
        sqlite3_bind_text(st, 1, dataset, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "joining the dataset");
        db_release(s, st);
    }
    if (rc != 0) {
        store_rollback(s);
        return rc;
    }
    if (store_commit(s, err) != 0)
        return err->code;
    snprintf(s->dataset_id, sizeof s->dataset_id, "%s", dataset);
    return 0;
}

int sync_hello_check(const struct sync_side *d, const struct sync_hello *peer, struct error *err)
{
    if (peer->proto_max < SYNC_PROTO_MIN || peer->proto_min > SYNC_PROTO_MAX)
        return error_add(err, ERR_VERSION,
                         "the other side speaks sync protocol versions %u to %u and this carnet speaks %d to %d: "
                         "install the same carnet version on both sides; nothing was changed",
                         peer->proto_min, peer->proto_max, SYNC_PROTO_MIN, SYNC_PROTO_MAX);
    if (peer->schema != STORE_SCHEMA_VERSION)
        return error_add(err, ERR_VERSION,
                         "the other store has schema version %u and this one has schema version %d: "
                         "install the same carnet version on both sides; nothing was changed",
                         peer->schema, STORE_SCHEMA_VERSION);
    if (!id_valid(peer->site) || !id_valid(peer->dataset))
        return error_add(err, ERR_CORRUPT, "the sync stream is damaged: a hello without valid ids");
    if (strcmp(peer->site, d->me.site) == 0)
        return error_add(err, ERR_INVALID,
                         "the two stores have the same site id (%s): one is a copy of the other's file, and copies cannot "
                         "sync (their changes would collide). Keep one of them, and make replicas with: "
                         "carnet clone PEER NEWPATH; nothing was changed", peer->site);
    bool cloning = (d->me.flags | peer->flags) & SYNC_HELLO_CLONE;
    if (!cloning && strcmp(peer->dataset, d->me.dataset) != 0)
        return error_add(err, ERR_INVALID,
                         "the two stores hold different datasets (%s and %s): they are not replicas of one another and "
                         "cannot sync. To make a replica of a store, use: carnet clone PEER NEWPATH; nothing was changed",
                         d->me.dataset, peer->dataset);
    uint64_t ahead = peer->hlc >> 16;
    if (peer->now_ms > 0 && (uint64_t)peer->now_ms > ahead)
        ahead = (uint64_t)peer->now_ms;
    if (ahead > (uint64_t)(sync_side_now_ms(d) + SYNC_MAX_AHEAD_MS))
        return faulty_clock(d, ahead << 16, err);
    return 0;
}

int sync_clone_join(struct store *s, const char *dataset, struct error *err)
{
    if (!id_valid(dataset))
        return error_add(err, ERR_INVALID,
                         "--dataset %s is not a dataset id: give one of the ids that carnet hub status URI lists", dataset);
    return adopt_dataset(s, dataset, err);
}

static int store_side_check(struct sync_side *d, const struct sync_hello *peer, struct error *err)
{
    d->peer = *peer;
    if (sync_hello_check(d, peer, err) != 0)
        return err->code;
    if ((d->me.flags & SYNC_HELLO_CLONE) && adopt_dataset(d->s, peer->dataset, err) != 0)
        return err->code;
    if (d->sum)
        snprintf(d->sum->peer_site, sizeof d->sum->peer_site, "%s", peer->site);
    sqlite3_stmt *st = db_prepare(d->s, "SELECT last_seq, synced_hlc, sent_seq FROM sync_peer WHERE site_id = ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, peer->site, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        d->applied_seq = sqlite3_column_int64(st, 0);
        d->synced_hlc = sqlite3_column_int64(st, 1);
        d->peer_has_mine = sqlite3_column_int64(st, 2);
    }
    db_release(d->s, st);
    return 0;
}

static int store_side_finish(struct sync_side *d, struct error *err)
{
    struct store *s = d->s;
    if (store_begin(s, err) != 0)
        return err->code;
    char at[21];
    store_timestamp(s, at);
    sqlite3_stmt *st = db_prepare(s,
                                  "INSERT INTO sync_peer(site_id, last_seq, last_sync_at, address, sent_seq, synced_hlc) "
                                  "VALUES (?1, 0, ?2, ?3, ?4, ?5) ON CONFLICT(site_id) DO UPDATE SET last_sync_at = ?2, "
                                  "address = coalesce(?3, address), sent_seq = max(sent_seq, ?4), synced_hlc = ?5", err);
    int rc = st ? 0 : err->code;
    if (st) {
        sqlite3_bind_text(st, 1, d->peer.site, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
        if (d->o->address)
            sqlite3_bind_text(st, 3, d->o->address, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, d->peer_has_mine);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)s->hlc);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "recording the sync");
        db_release(s, st);
    }
    if (rc != 0) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, err);
}

static const struct sync_backend store_backend = {
    .check = store_side_check,
    .extract = store_side_extract,
    .apply = store_side_apply,
    .finish = store_side_finish,
    .close = store_close_side,
};

int sync_store_seeds(struct store *s, struct sync_batch *b, struct error *err)
{
    sync_batch_clear(b);
    struct strbuf sql;
    strbuf_init(&sql);
    int rc = 0;
    for (int i = 0; kinds[i] && rc == 0; i++) {
        if (!(kinds[i]->flags & K_SEEDED))
            continue;
        strbuf_reset(&sql);
        strbuf_adds(&sql, "SELECT ");
        row_layout(kinds[i], &sql);
        strbuf_addf(&sql, " FROM %s ORDER BY id", kinds[i]->name);
        sqlite3_stmt *st = db_prepare(s, sql.s, err);
        if (!st) {
            rc = err->code;
            break;
        }
        while (sqlite3_step(st) == SQLITE_ROW) {
            struct sync_row *r = sync_batch_add(b, kinds[i]);
            read_row(st, r);
            if (!sync_row_is_seed(r))
                sync_row_clear(&b->rows[--b->nrows]);
        }
        sqlite3_reset(st);
    }
    strbuf_free(&sql);
    return rc;
}

/* ---- the content hash ---- */

static void fnv(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        *h ^= b[i];
        *h *= 1099511628211ull;
    }
}

void sync_hash_kind(uint64_t *h, const struct kind *k)
{
    fnv(h, k->name, strlen(k->name) + 1);
}

void sync_hash_row(uint64_t *h, const struct sync_row *r)
{
    const struct kind *k = r->kind;
    /* The whole id buffer, as it always was: bytes after the NUL are zero. */
    char id[sizeof r->id];
    memset(id, 0, sizeof id);
    memcpy(id, r->id, strnlen(r->id, sizeof id - 1));
    fnv(h, id, sizeof id);
    for (int c = 0; c < sync_ncols(k); c++) {
        const struct sync_value *v = &r->val[c];
        fnv(h, &v->type, 1);
        if (v->type == SV_INT)
            fnv(h, &v->i, sizeof v->i);
        else if (v->type == SV_REAL)
            fnv(h, &v->r, sizeof v->r);
        else if (v->type == SV_TEXT)
            fnv(h, v->s, v->n + 1);
    }
    for (int g = 0; g < sync_ngroups(k); g++) {
        fnv(h, &r->has_clk[g], 1);
        if (r->has_clk[g])
            fnv(h, r->clk[g], CLOCK_SIZE);
    }
}

int sync_store_hash(struct store *s, uint64_t *out, struct error *err)
{
    uint64_t h = SYNC_HASH_INIT;
    struct strbuf sql;
    strbuf_init(&sql);
    int rc = 0;
    for (int i = 0; kinds[i] && rc == 0; i++) {
        const struct kind *k = kinds[i];
        strbuf_reset(&sql);
        strbuf_adds(&sql, "SELECT ");
        row_layout(k, &sql);
        strbuf_addf(&sql, " FROM %s ORDER BY id", k->name);
        sqlite3_stmt *st = db_prepare(s, sql.s, err);
        if (!st) {
            rc = err ? err->code : ERR_DB;
            break;
        }
        sync_hash_kind(&h, k);
        struct sync_row r;
        sync_row_init(&r, k);
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            read_row(st, &r);
            sync_hash_row(&h, &r);
        }
        if (step != SQLITE_DONE)
            rc = db_error(s, err, "reading the records");
        db_release(s, st);
        sync_row_clear(&r);
    }
    strbuf_free(&sql);
    *out = h;
    return rc;
}

uint64_t sync_content_hash(struct store *s)
{
    uint64_t h;
    return sync_store_hash(s, &h, NULL) == 0 ? h : 0;
}

/* ---- peers and conflicts, for the Sync screen ---- */

static long changes_after(struct store *s, int64_t seq)
{
    long n = 0;
    for (int i = 0; kinds[i]; i++) {
        char *sql = xasprintf("SELECT count(*) FROM %s WHERE row_seq > ?", kinds[i]->name);
        sqlite3_stmt *st = db_prepare(s, sql, NULL);
        free(sql);
        if (!st)
            continue;
        sqlite3_bind_int64(st, 1, seq);
        if (sqlite3_step(st) == SQLITE_ROW)
            n += (long)sqlite3_column_int64(st, 0);
        db_release(s, st);
    }
    return n;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

int sync_peers(struct store *s, struct sync_peer_info **out, int *n, struct error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(s, "SELECT site_id, address, last_sync_at, last_seq, sent_seq FROM sync_peer "
                                     "ORDER BY last_sync_at IS NULL, last_sync_at DESC", err);
    if (!st)
        return err->code;
    int cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
        }
        struct sync_peer_info *p = &(*out)[(*n)++];
        memset(p, 0, sizeof *p);
        snprintf(p->site_id, sizeof p->site_id, "%s", (const char *)sqlite3_column_text(st, 0));
        p->address = col_dup(st, 1);
        p->last_sync_at = col_dup(st, 2);
        p->last_seq = sqlite3_column_int64(st, 3);
        p->waiting = sqlite3_column_int64(st, 4);   /* the peer's watermark, turned into a count below */
    }
    db_release(s, st);
    for (int i = 0; i < *n; i++)
        (*out)[i].waiting = changes_after(s, (*out)[i].waiting);
    return 0;
}

void sync_peers_free(struct sync_peer_info *p, int n)
{
    for (int i = 0; i < n; i++) {
        free(p[i].address);
        free(p[i].last_sync_at);
    }
    free(p);
}

long sync_waiting(struct store *s)
{
    int64_t best = db_int(s, "SELECT coalesce(max(sent_seq), 0) FROM sync_peer", NULL);
    return changes_after(s, best < 0 ? 0 : best);
}

int sync_conflicts(struct store *s, int limit, struct sync_conflict **out, int *n, struct error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = db_prepare(s, "SELECT id, kind, rec_id, field, losing_value, at, peer FROM conflict "
                                     "ORDER BY id DESC LIMIT ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
    int cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const struct kind *k = kind_find((const char *)sqlite3_column_text(st, 1));
        const struct field *f = k ? kind_field(k, (const char *)sqlite3_column_text(st, 3)) : NULL;
        if (!f)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
        }
        struct sync_conflict *c = &(*out)[(*n)++];
        memset(c, 0, sizeof *c);
        c->id = sqlite3_column_int64(st, 0);
        c->kind = k;
        snprintf(c->rec_id, sizeof c->rec_id, "%s", (const char *)sqlite3_column_text(st, 2));
        c->field = f;
        c->losing_value = col_dup(st, 4);
        c->at = col_dup(st, 5);
        c->peer = col_dup(st, 6);
    }
    db_release(s, st);
    for (int i = 0; i < *n; i++) {
        struct record *r = record_load(s, (*out)[i].rec_id, NULL);
        const char *v = r ? record_get(r, (*out)[i].field->name) : NULL;
        (*out)[i].winning_value = xstrdup(v);
        record_free(r);
    }
    return 0;
}

void sync_conflicts_free(struct sync_conflict *c, int n)
{
    for (int i = 0; i < n; i++) {
        free(c[i].losing_value);
        free(c[i].winning_value);
        free(c[i].at);
        free(c[i].peer);
    }
    free(c);
}

static int forget_conflict(struct store *s, int64_t id, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "DELETE FROM conflict WHERE id = ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "forgetting a conflict");
    db_release(s, st);
    return rc;
}

int sync_conflict_dismiss(struct store *s, int64_t id, struct error *err)
{
    if (store_begin(s, err) != 0)
        return err->code;
    if (forget_conflict(s, id, err) != 0) {
        store_rollback(s);
        return err->code;
    }
    return store_commit(s, err);
}

int sync_conflict_take(struct store *s, int64_t id, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT rec_id, field, losing_value FROM conflict WHERE id = ?", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    char *rec = NULL, *field = NULL, *value = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        rec = col_dup(st, 0);
        field = col_dup(st, 1);
        value = col_dup(st, 2);
    }
    db_release(s, st);
    int rc = 0;
    if (!rec) {
        rc = error_add(err, ERR_NOTFOUND, "no conflict %lld (it was taken or dismissed already)", (long long)id);
        goto done;
    }
    /* One transaction: the write and the forgetting of the conflict. */
    if (store_begin(s, err) != 0) {
        rc = err->code;
        goto done;
    }
    struct record *r = record_load(s, rec, err);
    rc = r ? record_set(r, field, value, err) : err->code;
    if (rc == 0)
        rc = record_update(s, r, err);
    if (rc == 0)
        rc = forget_conflict(s, id, err);
    record_free(r);
    if (rc != 0)
        store_rollback(s);
    else
        rc = store_commit(s, err);
done:
    free(rec);
    free(field);
    free(value);
    return rc;
}
