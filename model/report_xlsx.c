/* The yearly report as an xlsx workbook (libxlsxwriter): a sheet for the
 * report's heading and one per section, numbers as numbers, dates as
 * dates, shares as percentages, the header row frozen and the columns
 * sized; then a data sheet per logbook, the records its figures count,
 * written as the records' export writes them (model/export.h). Laid out
 * from the same ind_report as the other formats, with the cells and the
 * temporary file of model/xlsx.c; in constant memory, since a year of a
 * large store is many rows: every sheet is written top to bottom. */
#include "model/export.h"
#include "model/report_internal.h"
#include "model/xlsx.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XL_COLS 7

struct xl {
    struct xlsx x;
    lxw_format *integer, *real, *pct, *change, *pts;
    const struct report_opts *o;
    int compare;
};

/* A cell of a table: a number, a percentage, a date or text. */
static void xl_cell(struct xl *x, int col, const char *cell)
{
    double v;
    bool pct;
    if (report_cell_number(cell, &v, &pct)) {
        xlsx_number(&x->x, col, pct ? v / 100.0 : v, pct ? x->pct : strchr(cell, '.') ? x->real : x->integer);
        return;
    }
    if (!xlsx_date(&x->x, col, cell))
        xlsx_text(&x->x, col, cell, NULL);
}

/* The header row of a section: Indicator, Item, the year, last year, Change, Unit, Code. */
static void xl_header(struct xl *x, int year)
{
    char y[16], p[16];
    snprintf(y, sizeof y, "%d", year);
    snprintf(p, sizeof p, "%d", x->compare);
    const char *const cols[XL_COLS] = {_("Indicator"), _("Item"), y, x->compare ? p : "", x->compare ? _("Change") : "",
                                 _("Unit"), _("Code")};
    xlsx_header(&x->x, cols, XL_COLS);
}

/* Value, last year's and the change of a figure or an item in columns C-E. */
static void xl_values(struct xl *x, bool known, double v, bool share, int decimals, bool prev_set, bool prev_known,
                      double prev)
{
    lxw_format *f = share ? x->pct : decimals ? x->real : x->integer;
    double k = share ? 0.01 : 1;
    if (known)
        xlsx_number(&x->x, 2, v * k, f);
    else
        xlsx_text(&x->x, 2, _("n/a"), NULL);
    if (!x->compare || !prev_set)
        return;
    if (!prev_known) {
        xlsx_text(&x->x, 3, _("no data"), NULL);
        return;
    }
    xlsx_number(&x->x, 3, prev * k, f);
    if (!known)
        return;
    if (share)
        xlsx_number(&x->x, 4, v - prev, x->pts);
    else if (prev != 0)
        xlsx_number(&x->x, 4, (v - prev) / prev, x->change);
}

static void xl_section(struct xl *x, const struct ind_report *rep, const struct ind_section *sec)
{
    xlsx_sheet(&x->x, _(sec->title));
    xl_header(x, rep->year);
    for (size_t i = 0; i < sec->nfig; i++) {
        const struct ind_figure *f = &sec->fig[i];
        const struct ind_def *d = f->def;
        if (d->flags & IND_INTERNAL || (!f->known && d->flags & IND_HIDE_UNKNOWN))
            continue;
        xlsx_text(&x->x, 0, _(d->label), NULL);
        if (d->type == IND_TEXT) {
            if (!xlsx_date(&x->x, 2, f->text ? f->text : ""))
                xlsx_text(&x->x, 2, f->text, NULL);
        } else {
            xl_values(x, f->known, f->value, d->type == IND_SHARE, d->type == IND_REAL, f->prev_set, f->prev_known,
                      f->prev);
        }
        xlsx_text(&x->x, 5, strcmp(d->unit, "%") == 0 ? "" : ind_unit(NULL, d->unit, 2), NULL);
        xlsx_text(&x->x, 6, d->code, NULL);
        x->x.row++;
    }
    for (size_t i = 0; i < sec->nlist; i++) {
        const struct ind_list *l = &sec->list[i];
        for (size_t k = 0; k < l->n; k++) {
            xlsx_text(&x->x, 0, _(l->def->title), NULL);
            xlsx_text(&x->x, 1, l->v[k].label, NULL);
            xl_values(x, true, (double)l->v[k].value, false, 0, l->prev_set, l->v[k].prev_known,
                      (double)l->v[k].prev);
            xlsx_text(&x->x, 5, ind_unit(NULL, l->def->unit, 2), NULL);
            char *code = xasprintf("%s.%s", l->def->code, l->v[k].code);
            xlsx_text(&x->x, 6, code, NULL);
            free(code);
            x->x.row++;
        }
    }
    for (size_t i = 0; i < sec->ntable; i++) {
        const struct ind_table *t = &sec->table[i];
        x->x.row++;
        if (t->title) {
            xlsx_text(&x->x, 0, t->title, x->x.bold);
            x->x.row++;
        }
        for (int c = 0; c < t->ncols && c <= XL_COLS; c++)
            xlsx_text(&x->x, c, t->titles[c], x->x.bold);
        x->x.row++;
        for (size_t r = 0; r < t->nrows; r++, x->x.row++)
            for (int c = 0; c < t->ncols && c <= XL_COLS; c++)
                xl_cell(x, c, t->cells[r * (size_t)t->ncols + (size_t)c]);
    }
    xlsx_columns(&x->x);
}

static void xl_meta(struct xl *x, const char *label, const char *value, bool date)
{
    xlsx_text(&x->x, 0, label, x->x.bold);
    if (!date || !xlsx_date(&x->x, 1, value))
        xlsx_text(&x->x, 1, value, NULL);
    x->x.row++;
}

int report_xlsx(struct store *s, const struct report_opts *o, const struct ind_report *rep, int compare,
                const char *who, const char *store, const char *today, struct strbuf *out, struct error *err)
{
    struct xl x = {.o = o, .compare = compare};
    if (xlsx_start(&x.x, true, err) != 0)
        return err->code;
    x.integer = xlsx_number_format(&x.x, "#,##0");
    x.real = xlsx_number_format(&x.x, "#,##0.0");
    x.pct = xlsx_number_format(&x.x, "0%");
    x.change = xlsx_number_format(&x.x, "+0%;-0%;0%");
    x.pts = xlsx_number_format(&x.x, "+0\" pts\";-0\" pts\";0\" pts\"");
    x.x.date = xlsx_number_format(&x.x, "yyyy-mm-dd");
    x.x.month = xlsx_number_format(&x.x, "yyyy-mm");

    char *title = xasprintf(_("Activity report %d"), o->year);
    xlsx_sheet(&x.x, title);
    xlsx_text(&x.x, 0, title, x.x.bold);
    x.x.row += 2;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", o->year);
    snprintf(to, sizeof to, "%04d-12-31", o->year);
    xl_meta(&x, _("From"), from, true);
    xl_meta(&x, _("To"), to, true);
    xl_meta(&x, _("Centre"), who, false);
    if (store && *store)
        xl_meta(&x, _("Store"), store, false);
    if (compare) {
        xlsx_text(&x.x, 0, _("Compared with"), x.x.bold);
        xlsx_number(&x.x, 1, compare, NULL);
        x.x.row++;
    }
    xl_meta(&x, _("Produced on"), today, true);
    x.x.row++;
    for (size_t i = 0; i < report_nnotes; i++, x.x.row++)
        xlsx_text(&x.x, 0, _(report_notes[i]), NULL);
    x.x.width[0] = 30;
    xlsx_columns(&x.x);
    free(title);
    for (size_t i = 0; i < rep->nsec; i++)
        xl_section(&x, rep, &rep->sec[i]);
    /* The records behind the figures: the scope's query of each logbook,
     * the one ind_monthly counts. */
    struct ind_scope sc = {o->year, o->centre, today};
    int rc = 0;
    for (int log = 0; s && log < IND_LOGS && rc >= 0; log++) {
        struct ind_log_query lq;
        rc = ind_log_query(&sc, (enum ind_log)log, &lq, err);
        if (rc == 0)
            rc = export_xlsx_sheet(s, &x.x, &lq.q, _(ind_log_title((enum ind_log)log)), err);
    }
    struct strbuf none;
    strbuf_init(&none);
    int done = xlsx_finish(&x.x, rc < 0 ? &none : out, err);
    strbuf_free(&none);
    return rc < 0 ? rc : done;
}
