/* The yearly report for funders (carnet report, and the Dashboard's key):
 * every indicator of model/indicators.h for a year and a centre, with
 * titles, units, the period, the centre and the date it was produced, as
 * plain text, Markdown or CSV (section,indicator,item,label,value,unit,
 * previous,change), or one self-contained HTML document with charts (inline
 * CSS and SVG, no script, printable on A4), each figure beside the year
 * before's, or an xlsx workbook (REPORT_XLSX: binary, use out's length). Written
 * into a buffer: nothing here prints or touches a terminal. */
#ifndef CARNET_MODEL_REPORT_H
#define CARNET_MODEL_REPORT_H

#include "model/error.h"
#include "model/store.h"
#include "util/strbuf.h"

enum report_format { REPORT_TEXT, REPORT_MARKDOWN, REPORT_CSV, REPORT_HTML, REPORT_XLSX };

struct report_opts {
    int year;
    const char *centre;         /* a centre id; NULL: every centre */
    enum report_format format;
    const char *today;          /* the production date (ISO); NULL: store_today() */
    const char *label_column;   /* "label_fr" or "label_en" for themes and criteria; NULL: label_en.
                                 * label_fr also writes numbers and typography in French. */
    int compare;                /* the year each figure is compared with: 0 the year before, -1 none */
};

/* Appends the report to out. 0, or a negative error (out then holds a
 * partial report the caller should drop). */
int report_write(struct store *s, const struct report_opts *o, struct strbuf *out, struct error *err);

#endif
