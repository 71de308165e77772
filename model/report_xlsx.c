/* The yearly report as an xlsx workbook (libxlsxwriter): a sheet for the
 * report's heading and one per section, numbers as numbers, dates as
 * dates, shares as percentages, the header row frozen and the columns
 * sized. Laid out from the same ind_report as the other formats. The
 * workbook is written to a temporary file (libxlsxwriter writes files)
 * and read back into the caller's buffer: nothing reaches the user's file
 * until the whole report is ready. */
#include "model/report_internal.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XL_COLS 7

struct xl {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *integer, *real, *pct, *change, *pts, *date, *month;
    int row;
    double width[XL_COLS + 1];
    const struct report_opts *o;
    int compare;
};

static void xl_width(struct xl *x, int col, const char *s)
{
    double w = (double)utf8_length(s) + 2;
    if (col <= XL_COLS && w > x->width[col])
        x->width[col] = w > 60 ? 60 : w;
}

static void xl_text(struct xl *x, int col, const char *s, lxw_format *f)
{
    char *safe = utf8_sanitize(s ? s : "", false);
    worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, safe, f);
    xl_width(x, col, safe);
    free(safe);
}

static void xl_number(struct xl *x, int col, double v, lxw_format *f)
{
    worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, v, f);
    xl_width(x, col, "0000000000");
}

/* An ISO date (or month "2025-01") as a date cell; false when s is neither. */
static bool xl_date(struct xl *x, int col, const char *s)
{
    int y, m, d = 1;
    char tail;
    bool month = strlen(s) == 7 && sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2;
    if (!month && (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    lxw_datetime dt = {y, m, d, 0, 0, 0};
    worksheet_write_datetime(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, &dt, month ? x->month : x->date);
    xl_width(x, col, "30 September 2025");
    return true;
}

/* A cell of a table: a number, a percentage, a date or text. */
static void xl_cell(struct xl *x, int col, const char *cell)
{
    double v;
    bool pct;
    if (report_cell_number(cell, &v, &pct)) {
        xl_number(x, col, pct ? v / 100.0 : v, pct ? x->pct : strchr(cell, '.') ? x->real : x->integer);
        return;
    }
    if (!xl_date(x, col, cell))
        xl_text(x, col, cell, NULL);
}

static void xl_sheet(struct xl *x, const char *title)
{
    /* A sheet's name: at most 31 characters, none of []:*?/\ */
    char name[128];
    size_t n = 0, chars = 0;
    for (const char *p = title; *p && chars < 31 && n + 4 < sizeof name; chars++) {
        size_t len = 1;
        while ((p[len] & 0xC0) == 0x80)
            len++;
        for (size_t i = 0; i < len; i++)
            name[n++] = strchr("[]:*?/\\", p[i]) ? ' ' : p[i];
        p += len;
    }
    name[n] = '\0';
    x->ws = workbook_add_worksheet(x->wb, name);
    x->row = 0;
    memset(x->width, 0, sizeof x->width);
}

static void xl_columns(struct xl *x)
{
    for (int c = 0; c <= XL_COLS; c++)
        if (x->width[c] > 0)
            worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, x->width[c], NULL);
}

/* The header row of a section: Indicator, Item, the year, last year, Change, Unit, Code. */
static void xl_header(struct xl *x, int year)
{
    char y[16], p[16];
    snprintf(y, sizeof y, "%d", year);
    snprintf(p, sizeof p, "%d", x->compare);
    const char *cols[XL_COLS] = {_("Indicator"), _("Item"), y, x->compare ? p : "", x->compare ? _("Change") : "",
                                 _("Unit"), _("Code")};
    for (int c = 0; c < XL_COLS; c++)
        xl_text(x, c, cols[c], x->bold);
    worksheet_freeze_panes(x->ws, 1, 0);
    x->row++;
}

/* Value, last year's and the change of a figure or an item in columns C-E. */
static void xl_values(struct xl *x, bool known, double v, bool share, int decimals, bool prev_set, bool prev_known,
                      double prev)
{
    lxw_format *f = share ? x->pct : decimals ? x->real : x->integer;
    double k = share ? 0.01 : 1;
    if (known)
        xl_number(x, 2, v * k, f);
    else
        xl_text(x, 2, _("n/a"), NULL);
    if (!x->compare || !prev_set)
        return;
    if (!prev_known) {
        xl_text(x, 3, _("no data"), NULL);
        return;
    }
    xl_number(x, 3, prev * k, f);
    if (!known)
        return;
    if (share)
        xl_number(x, 4, v - prev, x->pts);
    else if (prev != 0)
        xl_number(x, 4, (v - prev) / prev, x->change);
}

static void xl_section(struct xl *x, const struct ind_report *rep, const struct ind_section *sec)
{
    xl_sheet(x, _(sec->title));
    xl_header(x, rep->year);
    for (size_t i = 0; i < sec->nfig; i++) {
        const struct ind_figure *f = &sec->fig[i];
        const struct ind_def *d = f->def;
        if (d->flags & IND_INTERNAL || (!f->known && d->flags & IND_HIDE_UNKNOWN))
            continue;
        xl_text(x, 0, _(d->label), NULL);
        if (d->type == IND_TEXT) {
            if (!xl_date(x, 2, f->text ? f->text : ""))
                xl_text(x, 2, f->text, NULL);
        } else {
            xl_values(x, f->known, f->value, d->type == IND_SHARE, d->type == IND_REAL, f->prev_set, f->prev_known,
                      f->prev);
        }
        xl_text(x, 5, strcmp(d->unit, "%") == 0 ? "" : ind_unit(NULL, d->unit, 2), NULL);
        xl_text(x, 6, d->code, NULL);
        x->row++;
    }
    for (size_t i = 0; i < sec->nlist; i++) {
        const struct ind_list *l = &sec->list[i];
        for (size_t k = 0; k < l->n; k++) {
            xl_text(x, 0, _(l->def->title), NULL);
            xl_text(x, 1, l->v[k].label, NULL);
            xl_values(x, true, (double)l->v[k].value, false, 0, l->prev_set, l->v[k].prev_known,
                      (double)l->v[k].prev);
            xl_text(x, 5, ind_unit(NULL, l->def->unit, 2), NULL);
            char *code = xasprintf("%s.%s", l->def->code, l->v[k].code);
            xl_text(x, 6, code, NULL);
            free(code);
            x->row++;
        }
    }
    for (size_t i = 0; i < sec->ntable; i++) {
        const struct ind_table *t = &sec->table[i];
        x->row++;
        if (t->title) {
            xl_text(x, 0, t->title, x->bold);
            x->row++;
        }
        for (int c = 0; c < t->ncols && c <= XL_COLS; c++)
            xl_text(x, c, t->titles[c], x->bold);
        x->row++;
        for (size_t r = 0; r < t->nrows; r++, x->row++)
            for (int c = 0; c < t->ncols && c <= XL_COLS; c++)
                xl_cell(x, c, t->cells[r * (size_t)t->ncols + (size_t)c]);
    }
    xl_columns(x);
}

static void xl_meta(struct xl *x, const char *label, const char *value, bool date)
{
    xl_text(x, 0, label, x->bold);
    if (!date || !xl_date(x, 1, value))
        xl_text(x, 1, value, NULL);
    x->row++;
}

static lxw_format *number_format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_num_format(f, code);
    return f;
}

int report_xlsx(struct store *s, const struct report_opts *o, const struct ind_report *rep, int compare,
                const char *who, const char *today, struct strbuf *out, struct error *err)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/carnet-report-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        int rc = error_add(err, ERR_IO, "cannot create a temporary file in %s: check that it exists and is writable",
                           dir && *dir ? dir : "/tmp");
        free(path);
        return rc;
    }
    close(fd);
    struct xl x = {.o = o, .compare = compare};
    x.wb = workbook_new(path);
    if (!x.wb) {
        unlink(path);
        free(path);
        return error_add(err, ERR_IO, "cannot start the workbook");
    }
    x.bold = workbook_add_format(x.wb);
    format_set_bold(x.bold);
    x.integer = number_format(x.wb, "#,##0");
    x.real = number_format(x.wb, "#,##0.0");
    x.pct = number_format(x.wb, "0%");
    x.change = number_format(x.wb, "+0%;-0%;0%");
    x.pts = number_format(x.wb, "+0\" pts\";-0\" pts\";0\" pts\"");
    x.date = number_format(x.wb, "yyyy-mm-dd");
    x.month = number_format(x.wb, "yyyy-mm");

    char *title = xasprintf(_("Activity report %d"), o->year);
    xl_sheet(&x, title);
    xl_text(&x, 0, title, x.bold);
    x.row += 2;
    char from[16], to[16], y[16];
    snprintf(from, sizeof from, "%04d-01-01", o->year);
    snprintf(to, sizeof to, "%04d-12-31", o->year);
    xl_meta(&x, _("From"), from, true);
    xl_meta(&x, _("To"), to, true);
    xl_meta(&x, _("Centre"), who, false);
    if (*store_name(s))
        xl_meta(&x, _("Store"), store_name(s), false);
    if (compare) {
        snprintf(y, sizeof y, "%d", compare);
        xl_text(&x, 0, _("Compared with"), x.bold);
        xl_number(&x, 1, compare, NULL);
        x.row++;
    }
    xl_meta(&x, _("Produced on"), today, true);
    x.row++;
    for (size_t i = 0; i < report_nnotes; i++, x.row++)
        xl_text(&x, 0, _(report_notes[i]), NULL);
    x.width[0] = 30;
    xl_columns(&x);
    free(title);
    for (size_t i = 0; i < rep->nsec; i++)
        xl_section(&x, rep, &rep->sec[i]);

    int rc = 0;
    lxw_error e = workbook_close(x.wb);
    if (e != LXW_NO_ERROR) {
        rc = error_add(err, ERR_IO, "cannot write the workbook: %s", lxw_strerror(e));
    } else {
        FILE *f = fopen(path, "rb");
        char buf[65536];
        size_t n;
        if (!f)
            rc = error_add(err, ERR_IO, "cannot read the workbook back from %s", path);
        while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
            strbuf_add(out, buf, n);
        if (f)
            fclose(f);
    }
    unlink(path);
    free(path);
    return rc;
}
