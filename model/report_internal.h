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
 * "All centres"; compare: the year compared with, 0 for none. */
int report_xlsx(struct store *s, const struct report_opts *o, const struct ind_report *rep, int compare,
                const char *who, const char *today, struct strbuf *out, struct error *err);

#endif
