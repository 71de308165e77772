/* For model/ files only (indicators): aggregates over the records a query
 * selects, with the same WHERE clause as lists and counts, so a filter means
 * the same thing in a list, a count, a frequency and a dashboard figure. */
#ifndef CARNET_MODEL_QUERY_INTERNAL_H
#define CARNET_MODEL_QUERY_INTERNAL_H

#include "model/query.h"
#include "model/store_internal.h"

/* Runs "SELECT select FROM <kind> t join WHERE <q's filters> tail" and calls
 * row for each result row (a nonzero return stops). select, join and tail
 * are SQL written by model/ code, never user text; join and tail may be
 * NULL; tail may only add GROUP BY / ORDER BY (no parameters). q's limit and
 * cursor are ignored. Returns the number of rows seen, or a negative error. */
int query_select(struct store *s, const struct query *q, const char *select, const char *join, const char *tail,
                 int (*row)(sqlite3_stmt *st, void *ctx), void *ctx, struct error *err);

#endif
