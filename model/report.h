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

/* The formats as one table, for carnet report --format and the
 * application's report dialog, in the order the dialog offers them (the
 * printable document first): the name after --format, the file name's
 * extension, and what people call it (an N_() string, translated where it is
 * shown). */
struct report_format_desc {
    enum report_format format;
    const char *name;       /* "html" */
    const char *ext;        /* "html", without the dot */
    const char *label;      /* N_("Printable document (HTML)") */
};
extern const struct report_format_desc report_formats[];
extern const size_t report_nformats;

/* The entry of report_formats named name ("md" too, for markdown), or NULL. */
const struct report_format_desc *report_format_by_name(const char *name);

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
