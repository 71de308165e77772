/* Lists, counts and search. Each list orders on (sort field, id) and pages
 * with a row-value comparison against the last row seen, so a page costs
 * the same at the top and 10,000 rows deep, and inserts between pages never
 * make a row appear twice or be skipped. */
#include "model/query.h"
#include "model/query_internal.h"
#include "model/record_internal.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void query_init(struct query *q, const struct kind *k)
{
    memset(q, 0, sizeof *q);
    q->kind = k;
    q->ascending = k->date_field == NULL;
}

static bool audit_field(const char *name)
{
    return strcmp(name, "created_by") == 0 || strcmp(name, "updated_by") == 0 || strcmp(name, "id") == 0;
}

/* Filters that are not columns of the kind (see query.h): "qpv" on a kind
 * with a territory, "centre" on a kind that belongs to a centre through its
 * body (sittings). */
static bool derived_field(const struct kind *k, const char *name)
{
    if (strcmp(name, "qpv") == 0)
        return kind_field(k, "territory") != NULL;
    if (strcmp(name, "centre") == 0)
        return !kind_field(k, "centre") && kind_field(k, "body") != NULL;
    return false;
}

int query_where_add(struct query *q, const char *field, const char *value, struct error *err)
{
    if (q->nwhere == QUERY_MAX_WHERE)
        return error_add(err, ERR_INVALID, "too many filters (at most %d)", QUERY_MAX_WHERE);
    if (!kind_field(q->kind, field) && !audit_field(field) && !derived_field(q->kind, field)) {
        error_add(err, ERR_INVALID, "%s: no such field for %s (filters take a field of the record)", field, _(q->kind->plural));
        return ERR_INVALID;
    }
    q->where[q->nwhere].field = field;
    q->where[q->nwhere].value = value ? value : "";
    q->nwhere++;
    return 0;
}

static const struct field *sort_field(const struct query *q, struct error *err)
{
    if (!q->sort)
        return kind_sort_field(q->kind);
    const struct field *f = kind_field(q->kind, q->sort);
    if (!f || !(f->flags & F_SORT)) {
        struct strbuf b;
        strbuf_init(&b);
        for (int i = 0; i < q->kind->nfields; i++)
            if (q->kind->fields[i].flags & F_SORT)
                strbuf_addf(&b, "%s%s", b.len ? ", " : "", q->kind->fields[i].name);
        error_add(err, ERR_INVALID, "cannot sort %s on '%s'; sort on one of: %s", q->kind->plural, q->sort, b.s);
        strbuf_free(&b);
        return NULL;
    }
    return f;
}

/* Binds collected as strings; NULL entries bind SQL NULL. */
struct binds {
    char *v[QUERY_MAX_WHERE + 8];
    int n;
};

static int bind_add(struct binds *b, char *owned)
{
    b->v[b->n] = owned;
    return ++b->n;
}

static void binds_free(struct binds *b)
{
    for (int i = 0; i < b->n; i++)
        free(b->v[i]);
}

#define FEW_MATCHES 5000

/* Whether q's full-text filter matches at most FEW_MATCHES records of q's
 * kind (counting stops there). Then walking the matches and sorting them
 * beats walking the list's index and testing each row: a rare word in a
 * million records costs a millisecond instead of half a second. */
static bool few_matches(struct store *s, const struct query *q)
{
    char *expr = q->text ? search_expression(q->text) : NULL;
    if (!expr)
        return false;
    sqlite3_stmt *st = db_prepare(s, "SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ?1 AND rowid % ?3 = ?4 "
                                     "LIMIT ?2)", NULL);
    bool few = false;
    if (st) {
        sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, FEW_MATCHES + 1);
        sqlite3_bind_int(st, 3, FTS_KINDS);
        sqlite3_bind_int(st, 4, kind_number(q->kind));
        few = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) <= FEW_MATCHES;
        db_release(s, st);
    }
    free(expr);
    return few;
}

/* Whether q filters on an indexed reference (a centre, a territory, a
 * body): a few hundred rows among a million, fewer than a year's. */
static bool narrow_filter(const struct query *q)
{
    for (int i = 0; i < q->nwhere; i++) {
        const struct field *f = kind_field(q->kind, q->where[i].field);
        if (*q->where[i].value && ((f && f->type == FT_REF && (f->flags & F_INDEXED)) ||
                                   (!f && derived_field(q->kind, q->where[i].field) &&
                                    strcmp(q->where[i].field, "centre") == 0)))
            return true;
    }
    return false;
}

/* The WHERE clause of q, with its parameters in binds. For an aggregate
 * (no order to follow) with a narrower indexed filter, or for a search with
 * few matches, the deleted flag and the date range are written +t.deleted,
 * +t.date: without statistics SQLite would walk an index led by (deleted,
 * date) over the whole period, or the whole table, instead of the few rows
 * of one centre or the few matches of a word. */
static int where_sql_for(struct store *s, const struct query *q, bool aggregate, struct strbuf *sql, struct binds *b,
                         struct error *err)
{
    const struct kind *k = q->kind;
    const char *date_prefix = (aggregate && narrow_filter(q)) || few_matches(s, q) ? "+" : "";
    if (q->deleted == Q_LIVE)
        strbuf_addf(sql, " WHERE %st.deleted = 0", date_prefix);
    else if (q->deleted == Q_TRASH)
        strbuf_addf(sql, " WHERE %st.deleted = 1", date_prefix);
    else
        strbuf_addf(sql, " WHERE %st.deleted IN (0, 1)", date_prefix);
    for (int i = 0; i < q->nwhere; i++) {
        const char *name = q->where[i].field, *value = q->where[i].value;
        const struct field *f = kind_field(k, name);
        if (!f && derived_field(k, name) && strcmp(name, "qpv") == 0) {
            bool yes = strcmp(value, "1") == 0 || strcmp(value, "yes") == 0;
            if (!yes && strcmp(value, "0") != 0 && strcmp(value, "no") != 0)
                return error_add(err, ERR_INVALID, "qpv: '%s' is not 1 or 0", value);
            /* coalesce(..., 0): a record without a territory is not in a QPV */
            strbuf_addf(sql, " AND %scoalesce(t.territory IN (SELECT x.id FROM territory x WHERE x.deleted = 0 AND "
                        "coalesce(x.qpv_code, '') <> ''), 0)", yes ? "" : "NOT ");
            continue;
        }
        if (!f && derived_field(k, name)) {     /* centre, through the body */
            char *v = ref_resolve(s, kind_field(kind_find("body"), "centre"), value, err);
            if (!v)
                return err->code;
            strbuf_addf(sql, " AND t.body IN (SELECT b.id FROM body b WHERE b.centre = ?%d)", bind_add(b, v));
            continue;
        }
        if (!f) {   /* audit columns */
            strbuf_addf(sql, " AND t.%s = ?%d", name, bind_add(b, xstrdup(value)));
            continue;
        }
        if (!*value) {
            strbuf_addf(sql, " AND t.%s IS NULL", name);
            continue;
        }
        const char *why = NULL;
        char *v = NULL;
        if (f->type == FT_REF || (f->type == FT_SET && f->ref && strcmp(kind_set_key(kind_find(f->ref)), "id") == 0)) {
            /* A reference, or a member of a set of records (a partner): its name or id. */
            v = ref_resolve(s, f, value, err);
            if (!v)
                return err->code;
        } else {
            /* Sets too: a code is trimmed and, for codes of a kind, lowercased. */
            v = field_normalise(f, value, &why);
            if (why || !v) {
                free(v);
                return error_add(err, ERR_INVALID, "%s: '%s' %s", name, value, why ? _(why) : _("is empty"));
            }
        }
        if (f->type == FT_SET && (f->flags & F_INDEXED)) {
            int n = bind_add(b, xasprintf("%s.%s", k->name, name));
            int m = bind_add(b, v);
            strbuf_addf(sql, " AND t.id IN (SELECT rec_id FROM set_member WHERE field = ?%d AND code = ?%d)", n, m);
        } else if (f->type == FT_SET) {
            strbuf_addf(sql, " AND ',' || t.%s || ',' LIKE '%%,' || ?%d || ',%%'", name, bind_add(b, v));
        } else {
            strbuf_addf(sql, " AND t.%s = ?%d", name, bind_add(b, v));
        }
    }
    if (q->from || q->to) {
        if (!k->date_field)
            return error_add(err, ERR_INVALID, "%s have no date: --from and --to do not apply", _(k->plural));
        const char *bounds[2] = {q->from, q->to};
        for (int i = 0; i < 2; i++) {
            if (!bounds[i])
                continue;
            char iso[11];
            int rc = numdate_parse_date(bounds[i], iso);
            if (rc != NUMDATE_OK)
                return error_add(err, ERR_INVALID, "%s: '%s' %s", i ? "--to" : "--from", bounds[i],
                                 _(numdate_why(rc, true, false)));
            strbuf_addf(sql, " AND %st.%s %s ?%d", date_prefix, k->date_field, i ? "<=" : ">=",
                        bind_add(b, xstrdup(iso)));
        }
    }
    if (q->text) {
        char *expr = search_expression(q->text);
        if (expr) {
            int n = bind_add(b, expr);
            /* Written on row_seq itself, so that its unique index can
             * drive the loop from the matches when they are few. */
            strbuf_addf(sql, " AND t.row_seq IN (SELECT rowid / %d FROM fts WHERE fts MATCH ?%d AND rowid %% %d = %d)",
                        FTS_KINDS, n, FTS_KINDS, kind_number(k));
        }
    }
    return 0;
}

static int where_sql(struct store *s, const struct query *q, struct strbuf *sql, struct binds *b, struct error *err)
{
    return where_sql_for(s, q, false, sql, b, err);
}

static void bind_all(sqlite3_stmt *st, const struct binds *b)
{
    for (int i = 0; i < b->n; i++)
        sqlite3_bind_text(st, i + 1, b->v[i], -1, SQLITE_STATIC);
}

const char *query_sort_value(const struct query *q, const struct record *r)
{
    const struct field *f = q->sort ? kind_field(q->kind, q->sort) : kind_sort_field(q->kind);
    return f ? record_get(r, f->name) : NULL;
}

int query_run(struct store *s, const struct query *q, record_fn fn, void *ctx, struct error *err)
{
    const struct field *sf = sort_field(q, err);
    if (!sf)
        return err->code;
    struct strbuf sql;
    struct binds b = {.n = 0};
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT ");
    record_columns_sql(q->kind, "t.", &sql);
    strbuf_addf(&sql, " FROM %s t", q->kind->name);
    int rc = where_sql(s, q, &sql, &b, err);
    if (rc != 0)
        goto done;
    /* Walking forward in a descending list means going to smaller keys. */
    bool down = q->ascending == q->before;
    if (q->after_id) {
        int n = bind_add(&b, xstrdup(q->after_value ? q->after_value : ""));
        int m = bind_add(&b, xstrdup(q->after_id));
        strbuf_addf(&sql, " AND (t.%s, t.id) %s (?%d, ?%d)", sf->name, down ? "<" : ">", n, m);
    }
    const char *dir = down ? "DESC" : "ASC";
    /* The limit is a parameter (-1: none), like every value: the text of a
     * list's statement depends on its shape (filters, sort, direction, a
     * cursor or not), never on a page's size or position, so paging reuses
     * one cached statement instead of filling the cache with copies. */
    strbuf_addf(&sql, " ORDER BY t.%s %s, t.id %s LIMIT ?%d", sf->name, dir, dir, b.n + 1);
    sqlite3_stmt *st = db_prepare(s, sql.s, err);
    if (!st) {
        rc = err->code;
        goto done;
    }
    bind_all(st, &b);
    sqlite3_bind_int(st, b.n + 1, q->limit > 0 ? q->limit : -1);
    int count = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct record *r = record_from_row(q->kind, st);
        bool keep = false;
        count++;
        int stop = fn ? fn(r, &keep, ctx) : 0;
        if (!keep)
            record_free(r);
        if (stop)
            break;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = db_error(s, err, "reading a list");
    else
        rc = count;
    db_release(s, st);
done:
    binds_free(&b);
    strbuf_free(&sql);
    return rc;
}

int query_select(struct store *s, const struct query *q, const char *select, const char *join, const char *tail,
                 int (*row)(sqlite3_stmt *st, void *ctx), void *ctx, struct error *err)
{
    struct strbuf sql;
    struct binds b = {.n = 0};
    strbuf_init(&sql);
    strbuf_addf(&sql, "SELECT %s FROM %s t%s%s", select, q->kind->name, join ? " " : "", join ? join : "");
    int rc = where_sql_for(s, q, true, &sql, &b, err);
    if (rc != 0)
        goto done;
    if (tail)
        strbuf_addf(&sql, " %s", tail);
    sqlite3_stmt *st = db_prepare(s, sql.s, err);
    if (!st) {
        rc = err->code;
        goto done;
    }
    bind_all(st, &b);
    int count = 0, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        count++;
        if (row && row(st, ctx))
            break;
    }
    rc = (step == SQLITE_ROW || step == SQLITE_DONE) ? count : db_error(s, err, "reading figures");
    db_release(s, st);
done:
    binds_free(&b);
    strbuf_free(&sql);
    return rc;
}

static int keep_first(struct record *r, bool *keep, void *ctx)
{
    *(struct record **)ctx = r;
    *keep = true;
    return 1;
}

struct record *query_first(struct store *s, const struct query *q, struct error *err)
{
    struct query one = *q;
    struct record *r = NULL;
    one.limit = 1;
    query_run(s, &one, keep_first, &r, err);
    return r;
}

static int read_count(sqlite3_stmt *st, void *ctx)
{
    *(long *)ctx = (long)sqlite3_column_int64(st, 0);
    return 1;
}

long query_count(struct store *s, const struct query *q, struct error *err)
{
    long n = 0;
    int rc = query_select(s, q, "count(*)", NULL, NULL, read_count, &n, err);
    return rc < 0 ? rc : n;
}

struct freq_ctx {
    query_freq_fn fn;
    void *ctx;
};

static int freq_row(sqlite3_stmt *st, void *ctx)
{
    struct freq_ctx *f = ctx;
    const char *v = (const char *)sqlite3_column_text(st, 0);
    return f->fn ? f->fn(v ? v : "", (long)sqlite3_column_int64(st, 1), f->ctx) : 0;
}

int query_frequency(struct store *s, const struct query *q, const char *field, query_freq_fn fn, void *ctx,
                    struct error *err)
{
    const struct field *f = field ? kind_field(q->kind, field) : NULL;
    if (!f && !(field && audit_field(field)))
        return error_add(err, ERR_INVALID, "%s: no such field for %s", field ? field : _("(none)"), _(q->kind->plural));
    struct freq_ctx fc = {fn, ctx};
    if (f && f->type == FT_SET && (f->flags & F_INDEXED)) {
        /* One row per member code: a record with two themes counts under
         * each. CROSS JOIN keeps the records' filters driving the loop
         * (SQLite would otherwise walk every member of the field). */
        char *join = xasprintf("CROSS JOIN set_member m ON m.rec_id = t.id AND m.field = '%s.%s'", q->kind->name,
                               f->name);
        int rc = query_select(s, q, "m.code, count(*)", join, "GROUP BY m.code ORDER BY 2 DESC, 1", freq_row, &fc, err);
        free(join);
        return rc;
    }
    if (f && f->type == FT_SET) {
        /* Free names (partners informed): split in SQL as the set index's
         * trigger does, with quotes and backslashes escaped first; a value
         * that still is not a JSON array counts whole. */
        char *arr = xasprintf("'[\"' || replace(replace(replace(t.%s, '\\', '\\\\'), '\"', '\\\"'), ',', '\",\"') || '\"]'",
                              f->name);
        char *join = xasprintf("JOIN json_each(CASE WHEN t.%s IS NULL THEN '[]' WHEN json_valid(%s) THEN %s "
                               "ELSE json_array(t.%s) END) m", f->name, arr, arr, f->name);
        int rc = query_select(s, q, "m.value, count(*)", join, "GROUP BY 1 ORDER BY 2 DESC, 1", freq_row, &fc, err);
        free(join);
        free(arr);
        return rc;
    }
    /* Field names come from the descriptors, never from user text. */
    char *select = xasprintf("coalesce(t.%s, ''), count(*)", field);
    int rc = query_select(s, q, select, NULL, "GROUP BY 1 ORDER BY 2 DESC, 1", freq_row, &fc, err);
    free(select);
    return rc;
}

char *search_expression(const char *text)
{
    struct strbuf b;
    strbuf_init(&b);
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        if (b.len)
            strbuf_addc(&b, ' ');
        strbuf_addc(&b, '"');
        for (const char *c = start; c < p; c++) {
            if (*c == '"')
                strbuf_addc(&b, '"');
            strbuf_addc(&b, *c);
        }
        strbuf_adds(&b, "\"*");
    }
    if (!b.len) {
        strbuf_free(&b);
        return NULL;
    }
    return strbuf_detach(&b);
}

int search_run(struct store *s, const char *text, const struct kind *kind, int limit, record_fn fn, void *ctx,
               struct error *err)
{
    char *expr = search_expression(text ? text : "");
    if (!expr)
        return error_add(err, ERR_INVALID, "search: give at least one word");
    /* The index holds rowids only: row_seq * FTS_KINDS + the kind's number. */
    const char *sql = kind ? "SELECT rowid FROM fts WHERE fts MATCH ?1 AND rowid % ?2 = ?3 ORDER BY rowid DESC"
                           : "SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rowid DESC";
    /* Not cached: the walk below loads records through other statements. */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        free(expr);
        return db_error(s, err, "searching");
    }
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
    if (kind) {
        sqlite3_bind_int(st, 2, FTS_KINDS);
        sqlite3_bind_int(st, 3, kind_number(kind));
    }
    int count = 0, step = SQLITE_DONE;
    while ((limit <= 0 || count < limit) && (step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t rowid = sqlite3_column_int64(st, 0);
        const struct kind *k = kinds[rowid % FTS_KINDS];
        struct record *found = record_load_seq(s, k, rowid / FTS_KINDS);
        if (!found || found->deleted) {
            record_free(found);
            continue;
        }
        bool keep = false;
        count++;
        int stop = fn ? fn(found, &keep, ctx) : 0;
        if (!keep)
            record_free(found);
        if (stop)
            break;
    }
    if (limit > 0 && count >= limit)
        step = SQLITE_DONE;
    int rc = (step == SQLITE_DONE || step == SQLITE_ROW) ? count : db_error(s, err, "searching");
    sqlite3_finalize(st);
    free(expr);
    return rc;
}
