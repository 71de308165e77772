/* Reading records: filtered lists with keyset pagination, counts, and
 * full-text search. Lists never load a table: they step through an index
 * that matches the sort, from a cursor (the last row seen). */
#ifndef CARNET_MODEL_QUERY_H
#define CARNET_MODEL_QUERY_H

#include <stdbool.h>

#include "model/record.h"

#define QUERY_MAX_WHERE 16

enum query_deleted { Q_LIVE, Q_TRASH, Q_ALL };

struct query_where {
    /* a field of the kind, or created_by / updated_by / id; or derived:
     * "qpv" (1 or 0: the record's territory has a QPV code, or not / no
     * territory) on kinds with a territory, "centre" on kinds that belong
     * to a centre through their body (sittings) */
    const char *field;
    const char *value;      /* user text: normalised like a field value; "" means empty;
                               for sets, membership of one code */
};

struct query {
    const struct kind *kind;
    struct query_where where[QUERY_MAX_WHERE];
    int nwhere;
    const char *from, *to;  /* inclusive bounds on the kind's date field */
    const char *text;       /* full-text filter (accents optional); NULL: none */
    enum query_deleted deleted;
    const char *sort;       /* a sortable field (F_SORT); NULL: the kind's own order */
    bool ascending;         /* set by query_init: dates newest first, names A to Z */
    int limit;              /* 0: all */
    /* Keyset cursor: the sort value and id of a row; rows strictly after it
     * in the list's order, or, with before, strictly before it, nearest first. */
    const char *after_value, *after_id;
    bool before;
};

/* A query on kind k with its default order, live records, no limit. */
void query_init(struct query *q, const struct kind *k);
/* Adds field=value to q (the strings must outlive q). */
int query_where_add(struct query *q, const char *field, const char *value, struct error *err);

/* Called for each row; r is freed after the call unless the callback sets
 * *keep (then the callback owns r). A nonzero return stops the walk. */
typedef int (*record_fn)(struct record *r, bool *keep, void *ctx);

/* Runs q; returns the number of rows passed to fn, or a negative error. */
int query_run(struct store *s, const struct query *q, record_fn fn, void *ctx, struct error *err);
/* The first record q selects (its limit ignored), owned by the caller
 * (record_free); NULL when it selects none or on error (err says which). */
struct record *query_first(struct store *s, const struct query *q, struct error *err);
/* How many records q selects (limit and cursor ignored); negative on error. */
long query_count(struct store *s, const struct query *q, struct error *err);
/* The sort value of r under q (what a cursor needs); borrowed from r. */
const char *query_sort_value(const struct query *q, const struct record *r);

/* The frequency of the values of field among the records q selects (its
 * limit and cursor ignored): fn(value, count) per distinct value, most
 * frequent first, then by value. value is the stored text ("" for empty):
 * a choice code, a reference's id, a date. For an indexed set (themes,
 * criteria) each member code counts once per record holding it, so the
 * counts may add up to more than the records. A nonzero return from fn
 * stops. Returns the number of values passed, or a negative error. */
typedef int (*query_freq_fn)(const char *value, long count, void *ctx);
int query_frequency(struct store *s, const struct query *q, const char *field, query_freq_fn fn, void *ctx,
                    struct error *err);

/* Full-text search of live records over every kind (or only kind when not
 * NULL), most recently changed first. Accents and case do not matter; each
 * word also matches as a prefix. */
int search_run(struct store *s, const char *text, const struct kind *kind, int limit, record_fn fn, void *ctx,
               struct error *err);
/* The FTS5 expression for user text (each word quoted, as a prefix); the
 * caller frees it; NULL when the text has no word. */
char *search_expression(const char *text);

#endif
