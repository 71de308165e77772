/* For model/ files only: where the report's indicators read their records.
 * ind_report arranges the figures of model/indicator_defs.c the same way
 * whatever holds the records; a source runs the queries: a store
 * (model/indicators.c, SQLite) or the federation hub (model/hub_report.c,
 * where PostgreSQL runs the same aggregates over its tables). Each
 * operation is one aggregate query over the records of a scope's window
 * (model/indicators.h says what a window and a scope are). */
#ifndef CARNET_MODEL_IND_SOURCE_H
#define CARNET_MODEL_IND_SOURCE_H

#include "model/format.h"
#include "model/indicators.h"
#include "model/query.h"

#include <stdbool.h>

struct ind_source {
    void *ctx;
    /* One row of ncols values: select (aggregates over t, the dates bound,
     * count(*) first) over the live records of kind in window win of sc;
     * null[i] when the value is NULL. */
    int (*values)(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc, const char *select,
                  size_t ncols, double *v, bool *null, struct error *err);
    /* The values of field over the same records with how many records
     * hold each, most frequent first, then by value in byte order; a set
     * counts under each member. As query_frequency. */
    int (*frequency)(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc, const char *field,
                     query_freq_fn fn, void *fctx, struct error *err);
    /* The distinct live records of the kind that the set field names,
     * over the same records, by their choice field by: fn gets each
     * choice's code ("" for none) and how many. */
    int (*members)(void *ctx, const char *kind, enum ind_window win, const struct ind_scope *sc, const char *field,
                   const char *by, query_freq_fn fn, void *fctx, struct error *err);
    /* The label of a set's member key in kind (a theme's code, a
     * partner's id): column (label_fr, label_en) when the kind has it,
     * else its title; NULL when none. The caller frees it. */
    format_label_fn label;
    /* As ind_governance, ind_open_difficulties and ind_monthly. */
    int (*governance)(void *ctx, const struct ind_scope *sc, struct ind_governance *out, struct error *err);
    int (*open_difficulties)(void *ctx, const struct ind_scope *sc, struct ind_open_difficulty **out, size_t *n,
                             struct error *err);
    int (*monthly)(void *ctx, const struct ind_scope *sc, long out[IND_LOGS][12], struct error *err);
};

/* ind_report and ind_report_compare over any source. */
int ind_report_from(const struct ind_source *src, const struct ind_scope *sc, const char *label_column,
                    const char *section, struct ind_report *out, struct error *err);
int ind_report_compare_from(const struct ind_source *src, struct ind_report *r, const struct ind_scope *sc,
                            int compare_year, const char *label_column, struct error *err);

/* The date the compositions of sc's year are counted on: its last day, or
 * today when the year is not over. */
void ind_composition_date(const struct ind_scope *sc, char out[11]);

/* Fills g's totals and councils from its n bodies, comp and year (the
 * composition and the figures of each body), as ind_governance does. */
void ind_governance_sum(struct ind_governance *g);

#endif
