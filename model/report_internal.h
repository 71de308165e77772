/* Shared by the report's renderers (model/report.c, model/report_xlsx.c). */
#ifndef CARNET_MODEL_REPORT_INTERNAL_H
#define CARNET_MODEL_REPORT_INTERNAL_H

#include "model/indicators.h"
#include "model/report.h"

#include <stdbool.h>
#include <stddef.h>

/* The definitions shown under every report (msgids). */
extern const char *const report_notes[];
extern const size_t report_nnotes;

/* Whether a table cell of ours is a number ("7.7", "25%": *pct), in *x,
 * whatever LC_NUMERIC says. */
bool report_cell_number(const char *cell, double *x, bool *pct);

/* The xlsx workbook of rep into out (binary). who: the centre's name or
 * "All centres"; store: the store's name (NULL or "": no such line);
 * compare: the year compared with, 0 for none. With s, the store rep was
 * computed from, a data sheet per logbook lists the records counted
 * (NULL: none; the hub's report has them in its federation views). */
int report_xlsx(struct store *s, const struct report_opts *o, const struct ind_report *rep, int compare,
                const char *who, const char *store, const char *today, struct strbuf *out, struct error *err);

/* The report's production date: o->today when it is a date, else today. */
void report_today(const struct report_opts *o, char today[11]);
/* The year o compares with (0: none). */
int report_compare_year(const struct report_opts *o);
/* The report rep (computed from any source, model/ind_source.h) in o's
 * format, appended to out: who is the centre's name (NULL: every centre),
 * s the store it was computed from (NULL: none; the xlsx's data sheets
 * need it) and store its name (NULL: none). */
int report_render(struct store *s, const struct report_opts *o, const struct ind_report *rep, const char *who,
                  const char *store, const char *today, struct strbuf *out, struct error *err);

#endif
