/* The yearly report: the indicators of model/indicators.h laid out for a
 * funder. One small set of emitters (section, figure, breakdown, table)
 * writes each of the three formats, so the formats cannot drift apart:
 * text (aligned, safe for a terminal), Markdown, and CSV with one row per
 * figure: section,indicator,item,label,value,unit. */
#include "model/report.h"
#include "model/indicators.h"
#include "model/query.h"
#include "model/format.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_COLS 44       /* text: values start after this many columns */
#define CELL_MAX 40         /* text tables: longest cell, in characters */

struct rep {
    struct strbuf *b;
    enum report_format f;
    const char *section;    /* CSV: the stable code of the current section */
    const char *indicator;  /* CSV: the code of the current breakdown */
};

/* s made safe for the output: no control characters in text and Markdown
 * (Markdown also escapes the characters that would break a table). */
static char *clean(const struct rep *r, const char *s)
{
    char *safe = utf8_sanitize(s ? s : "", false);
    if (r->f != REPORT_MARKDOWN)
        return safe;
    struct strbuf b;
    strbuf_init(&b);
    for (const char *p = safe; *p; p++) {
        if (strchr("|\\*_`<>[]#", *p))
            strbuf_addc(&b, '\\');
        strbuf_addc(&b, *p);
    }
    free(safe);
    return strbuf_detach(&b);
}

/* Appends s padded with spaces to width characters, cut with "…" beyond max. */
static void add_padded(struct strbuf *b, const char *s, int width, int max)
{
    int len = (int)utf8_length(s);
    if (max > 0 && len > max) {
        const char *p = s;
        for (int i = 0; i < max - 1; i++) {
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
        }
        strbuf_add(b, s, (size_t)(p - s));
        strbuf_adds(b, "…");
        len = max;
    } else {
        strbuf_adds(b, s);
    }
    for (; len < width; len++)
        strbuf_addc(b, ' ');
}

static void csv_row(struct rep *r, const char *indicator, const char *item, const char *label, const char *value,
                    const char *unit)
{
    const char *cells[] = {r->section, indicator, item, label, value, unit};
    for (int i = 0; i < 6; i++) {
        if (i)
            strbuf_addc(r->b, ',');
        if (i == 4)     /* the value: a number stays a number */
            csv_number(cells[i] ? cells[i] : "", r->b);
        else
            csv_field(cells[i] ? cells[i] : "", r->b);
    }
    strbuf_adds(r->b, "\r\n");
}

static void section(struct rep *r, const char *code, const char *title)
{
    r->section = code;
    if (r->f == REPORT_TEXT) {
        strbuf_addf(r->b, "\n%s\n", title);
        for (size_t i = utf8_length(title); i > 0; i--)
            strbuf_addc(r->b, '-');
        strbuf_addc(r->b, '\n');
    } else if (r->f == REPORT_MARKDOWN) {
        strbuf_addf(r->b, "\n## %s\n\n", title);
    }
}

/* One figure: label, value and unit (unit may be ""). */
static void figure(struct rep *r, const char *code, const char *label, const char *value, const char *unit)
{
    if (r->f == REPORT_CSV) {
        csv_row(r, code, "", label, value, unit);
        return;
    }
    char *l = clean(r, label), *v = clean(r, value);
    if (r->f == REPORT_TEXT) {
        strbuf_adds(r->b, "  ");
        add_padded(r->b, l, LABEL_COLS, 0);
        strbuf_addf(r->b, " %s%s%s\n", v, *unit ? " " : "", unit);
    } else {
        strbuf_addf(r->b, "- %s: **%s**%s%s\n", l, v, *unit ? " " : "", unit);
    }
    free(l);
    free(v);
}

static void figure_long(struct rep *r, const char *code, const char *label, long n, const char *unit)
{
    char v[32];
    snprintf(v, sizeof v, "%ld", n);
    figure(r, code, label, v, unit);
}

static void figure_real(struct rep *r, const char *code, const char *label, double x, const char *unit)
{
    char v[48];
    snprintf(v, sizeof v, "%.1f", x);
    figure(r, code, label, v, unit);
}

/* A breakdown: a title, then one line per item. */
static void breakdown(struct rep *r, const char *code, const char *title)
{
    r->indicator = code;
    if (r->f == REPORT_TEXT)
        strbuf_addf(r->b, "  %s\n", title);
    else if (r->f == REPORT_MARKDOWN)
        strbuf_addf(r->b, "- %s:\n", title);
}

static void item(struct rep *r, const char *code, const char *label, long n, const char *unit)
{
    char v[32];
    snprintf(v, sizeof v, "%ld", n);
    if (r->f == REPORT_CSV) {
        csv_row(r, r->indicator, code, label, v, unit);
        return;
    }
    char *l = clean(r, label);
    if (r->f == REPORT_TEXT) {
        strbuf_adds(r->b, "    ");
        add_padded(r->b, l, LABEL_COLS - 2, 0);
        strbuf_addf(r->b, " %s%s%s\n", v, *unit ? " " : "", unit);
    } else {
        strbuf_addf(r->b, "  - %s: %s%s%s\n", l, v, *unit ? " " : "", unit);
    }
    free(l);
}

/* A table: ncols columns (codes for CSV, titles for people), rows of
 * cells; in CSV each cell past the first is a row whose item is the
 * first cell. cells is nrows * ncols strings, owned by the caller. */
static void table(struct rep *r, const char *code, int ncols, const char *const *col_codes,
                  const char *const *titles, char **cells, size_t nrows)
{
    if (r->f == REPORT_CSV) {
        for (size_t i = 0; i < nrows; i++)
            for (int c = 1; c < ncols; c++) {
                char *ind = xasprintf("%s.%s", code, col_codes[c]);
                csv_row(r, ind, cells[i * ncols], titles[c], cells[i * ncols + c], "");
                free(ind);
            }
        return;
    }
    size_t n = (nrows + 1) * (size_t)ncols;
    char **shown = xcalloc(n, sizeof *shown);
    int *width = xcalloc((size_t)ncols, sizeof *width);
    for (size_t i = 0; i < n; i++) {
        shown[i] = clean(r, i < (size_t)ncols ? titles[i] : cells[i - (size_t)ncols]);
        int len = (int)utf8_length(shown[i]);
        int c = (int)(i % (size_t)ncols);
        if (len > width[c])
            width[c] = len > CELL_MAX ? CELL_MAX : len;
    }
    for (size_t row = 0; row <= nrows; row++) {
        strbuf_adds(r->b, r->f == REPORT_TEXT ? "  " : "|");
        for (int c = 0; c < ncols; c++) {
            const char *cell = shown[row * (size_t)ncols + (size_t)c];
            if (r->f == REPORT_TEXT) {
                add_padded(r->b, cell, c + 1 < ncols ? width[c] : 0, CELL_MAX);
                strbuf_adds(r->b, c + 1 < ncols ? "  " : "");
            } else {
                strbuf_addf(r->b, " %s |", cell);
            }
        }
        /* trailing spaces of a text row serve no one */
        while (r->b->len && r->b->s[r->b->len - 1] == ' ')
            r->b->s[--r->b->len] = '\0';
        strbuf_addc(r->b, '\n');
        if (row == 0) {
            strbuf_adds(r->b, r->f == REPORT_TEXT ? "  " : "|");
            for (int c = 0; c < ncols; c++) {
                if (r->f == REPORT_MARKDOWN)
                    strbuf_adds(r->b, " --- |");
                else
                    for (int k = 0; k < width[c] + (c + 1 < ncols ? 2 : 0); k++)
                        strbuf_addc(r->b, k < width[c] ? '-' : ' ');
            }
            while (r->b->len && r->b->s[r->b->len - 1] == ' ')
                r->b->s[--r->b->len] = '\0';
            strbuf_addc(r->b, '\n');
        }
    }
    strbuf_addc(r->b, '\n');
    for (size_t i = 0; i < n; i++)
        free(shown[i]);
    free(shown);
    free(width);
}

static void blank_line(struct rep *r)
{
    if (r->f != REPORT_CSV)
        strbuf_addc(r->b, '\n');
}

/* One figure of the report as its definition says. */
static void figure_of(struct rep *r, const struct ind_figure *f)
{
    const struct ind_def *d = f->def;
    if (d->flags & IND_INTERNAL || (!f->known && d->flags & IND_HIDE_UNKNOWN))
        return;
    if (d->type == IND_TEXT)
        figure(r, d->code, _(d->label), f->text ? f->text : "", "");
    else if (!f->known)
        figure(r, d->code, _(d->label), "n/a", "");
    else if (d->type == IND_REAL)
        figure_real(r, d->code, _(d->label), f->value, _(d->unit));
    else
        figure_long(r, d->code, _(d->label), (long)f->value, *d->unit ? _(d->unit) : "");
}

static void list_of(struct rep *r, const struct ind_list *l)
{
    const struct ind_breakdown_def *d = l->def;
    breakdown(r, d->code, _(d->title));
    const char *unit = *d->unit ? _(d->unit) : "";
    for (size_t i = 0; i < l->n; i++)
        item(r, l->v[i].code, l->v[i].label, l->v[i].value, unit);
    if (l->n == 0 && r->f != REPORT_CSV)
        strbuf_addf(r->b, r->f == REPORT_TEXT ? "    %s\n" : "  - %s\n", _("none"));
}

static void section_of(struct rep *r, const struct ind_section *sec)
{
    section(r, sec->code, _(sec->title));
    for (size_t i = 0; i < sec->nfig; i++)
        figure_of(r, &sec->fig[i]);
    if (sec->nlist)
        blank_line(r);
    for (size_t i = 0; i < sec->nlist; i++)
        list_of(r, &sec->list[i]);
    if (sec->ntable && sec->nfig)
        blank_line(r);
    for (size_t i = 0; i < sec->ntable; i++) {
        const struct ind_table *t = &sec->table[i];
        if (t->title && r->f == REPORT_TEXT)
            strbuf_addf(r->b, "  %s\n\n", t->title);
        else if (t->title && r->f == REPORT_MARKDOWN)
            strbuf_addf(r->b, "**%s**\n\n", t->title);
        table(r, t->code, t->ncols, t->col_codes, (const char *const *)t->titles, t->cells, t->nrows);
    }
}

static void definitions(struct rep *r)
{
    if (r->f == REPORT_CSV)
        return;
    static const char *const notes[] = {
        N_("A record belongs to the year by its date: start of an initiative, sitting, action, raising of a difficulty."),
        N_("Active initiatives started by the end of the year and had not ended before it began."),
        N_("An initiative is in a QPV when its territory has a QPV code (politique de la ville)."),
        N_("Compositions count the seats held on the date shown; shares are of those seats."),
        N_("A follow-up stays open until its due date has passed and an outcome is recorded; it is past due when its "
           "date has passed without an outcome."),
        N_("Open difficulties are those still open today that were raised by the end of the year."),
        N_("The time to inform partners runs from the day a difficulty was raised to the day partners were informed."),
    };
    section(r, "notes", _("Definitions"));
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
        strbuf_addf(r->b, r->f == REPORT_TEXT ? "  - %s\n" : "- %s\n", _(notes[i]));
}

static int header(struct rep *r, struct store *s, const struct report_opts *o, const char *today, struct error *err)
{
    char *centre = NULL;
    if (o->centre) {
        struct record *c = record_load(s, o->centre, err);
        if (!c)
            return err->code;
        centre = xstrdup(record_get(c, "name") ? record_get(c, "name") : o->centre);
        record_free(c);
    }
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", o->year);
    snprintf(to, sizeof to, "%04d-12-31", o->year);
    const char *who = centre ? centre : _("All centres");
    r->section = "report";
    if (r->f == REPORT_CSV)
        strbuf_adds(r->b, "section,indicator,item,label,value,unit\r\n");
    char *title = xasprintf(_("Activity report %d"), o->year);
    char *safe_who = clean(r, who);
    if (r->f == REPORT_TEXT) {
        strbuf_addf(r->b, "%s: %s\n", title, safe_who);
        for (size_t i = utf8_length(title) + 2 + utf8_length(safe_who); i > 0; i--)
            strbuf_addc(r->b, '=');
        strbuf_addc(r->b, '\n');
    } else if (r->f == REPORT_MARKDOWN) {
        strbuf_addf(r->b, "# %s: %s\n\n", title, safe_who);
    }
    free(title);
    free(safe_who);
    if (r->f == REPORT_CSV) {
        figure(r, "period_from", _("From"), from, "");
        figure(r, "period_to", _("To"), to, "");
    } else {
        char *period = xasprintf(_("%s to %s"), from, to);
        figure(r, "period", _("Period"), period, "");
        free(period);
    }
    figure(r, "centre", _("Centre"), who, "");
    if (*store_name(s))
        figure(r, "store", _("Store"), store_name(s), "");
    figure(r, "produced_on", _("Produced on"), today, "");
    free(centre);
    return 0;
}

int report_write(struct store *s, const struct report_opts *o, struct strbuf *out, struct error *err)
{
    struct rep r = {out, o->format, "report", NULL};
    char today[11];
    if (o->today && date_valid(o->today))
        snprintf(today, sizeof today, "%s", o->today);
    else
        store_today(today);
    struct ind_scope sc = {o->year, o->centre, today};
    struct ind_report rep;
    if (ind_report(s, &sc, o->label_column, NULL, &rep, err) != 0)
        return err->code;
    if (header(&r, s, o, today, err) != 0) {
        ind_report_free(&rep);
        return err->code;
    }
    for (size_t i = 0; i < rep.nsec; i++)
        section_of(&r, &rep.sec[i]);
    definitions(&r);
    ind_report_free(&rep);
    return 0;
}
