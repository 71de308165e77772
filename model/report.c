/* The yearly report: the indicators of model/indicators.h laid out for a
 * funder. One small set of emitters (section, figure, breakdown, table)
 * writes each of the three formats, so the formats cannot drift apart:
 * text (aligned, safe for a terminal), Markdown, and CSV with one row per
 * figure: section,indicator,item,label,value,unit,previous,change (the
 * value of the year compared with, and the change in percent, or in
 * points for a share; empty when there is nothing to compare). */
#include "model/report.h"
#include "model/indicators.h"
#include "model/query.h"
#include "model/format.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdbool.h>
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
    bool french;            /* numbers and typography of French */
    int compare;            /* the year compared with; 0: none */
    /* The comparison of the next figure or item (reset after it): */
    char prev[48], change[24];  /* CSV cells */
    char note[160];             /* text and Markdown: " (2024: 3, +33%)" */
};

/* x with decimals digits as people read it: 45,086.5 in English,
 * 45 086,5 in French (narrow no-break spaces). A small local formatter
 * until the util/ number module lands. */
static void number_text(const struct rep *r, double x, int decimals, char *out, size_t size)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, x);
    const char *sep = r->french ? "\u202f" : ",", *dot = r->french ? "," : ".";
    /* the C locale's point or the user's comma */
    const char *p = raw, *end = strpbrk(raw, ".,");
    size_t intlen = end ? (size_t)(end - raw) : strlen(raw);
    struct strbuf b;
    strbuf_init(&b);
    if (*p == '-') {
        strbuf_addc(&b, '-');
        p++;
        intlen--;
    }
    for (size_t i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0)
            strbuf_adds(&b, sep);
        strbuf_addc(&b, p[i]);
    }
    if (end)
        strbuf_addf(&b, "%s%s", dot, end + 1);
    snprintf(out, size, "%s", b.s ? b.s : "");
    strbuf_free(&b);
}

/* "%" after a number: "50%" in English, "50 %" in French. */
static const char *percent_sign(const struct rep *r)
{
    return r->french ? "\u202f%" : "%";
}

static void compare_clear(struct rep *r)
{
    r->prev[0] = r->change[0] = r->note[0] = '\0';
}

/* The comparison of a value with last year's: prev_known false says "no
 * data in YEAR" rather than dividing by zero; a share changes in points. */
static void compare_set(struct rep *r, bool prev_known, double prev, double value, bool share, int decimals)
{
    compare_clear(r);
    if (!r->compare)
        return;
    if (!prev_known) {
        snprintf(r->note, sizeof r->note, _("(no data in %d)"), r->compare);
        return;
    }
    char p[48], ch[48] = "";
    snprintf(r->prev, sizeof r->prev, "%.*f", decimals, prev);
    number_text(r, prev, decimals, p, sizeof p);
    if (share)
        strcat(p, percent_sign(r));
    long c = 0;
    bool has = false;
    if (share) {
        c = lround(value - prev);
        has = true;
        snprintf(ch, sizeof ch, _("%+ld pts"), c);
    } else if (prev != 0) {
        c = lround((value - prev) / prev * 100.0);
        has = true;
        snprintf(ch, sizeof ch, "%+ld%s", c, percent_sign(r));
    }
    if (has) {
        snprintf(r->change, sizeof r->change, "%ld", c);
        snprintf(r->note, sizeof r->note, _("(%d: %s, %s)"), r->compare, p, ch);
    } else {
        snprintf(r->note, sizeof r->note, _("(%d: %s)"), r->compare, p);
    }
}

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
    const char *cells[] = {r->section, indicator, item, label, value, unit, r->prev, r->change};
    for (int i = 0; i < 8; i++) {
        if (i)
            strbuf_addc(r->b, ',');
        if (i == 4 || i >= 6)     /* the values: a number stays a number */
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

/* A line of a figure (depth 0) or of a breakdown's item (depth 1):
 * label, value, unit (may be "") and the comparison note. */
static void value_line(struct rep *r, int depth, const char *label, const char *value, const char *unit)
{
    char *l = clean(r, label), *v = clean(r, value), *n = clean(r, r->note);
    bool pct = strcmp(unit, "%") == 0;
    const char *sp = !*unit ? "" : pct ? (r->french ? "\u202f" : "") : " ";
    if (r->f == REPORT_TEXT) {
        strbuf_adds(r->b, depth ? "    " : "  ");
        add_padded(r->b, l, LABEL_COLS - 2 * depth, 0);
        strbuf_addf(r->b, " %s%s%s%s%s\n", v, sp, unit, *n ? " " : "", n);
    } else if (depth) {
        strbuf_addf(r->b, "  - %s: %s%s%s%s%s\n", l, v, sp, unit, *n ? " " : "", n);
    } else {
        strbuf_addf(r->b, "- %s: **%s**%s%s%s%s\n", l, v, sp, unit, *n ? " " : "", n);
    }
    free(l);
    free(v);
    free(n);
    compare_clear(r);
}

/* One figure: label, value and unit (unit may be ""). */
static void figure(struct rep *r, const char *code, const char *label, const char *value, const char *unit)
{
    if (r->f == REPORT_CSV) {
        csv_row(r, code, "", label, value, unit);
        compare_clear(r);
        return;
    }
    value_line(r, 0, label, value, unit);
}

/* A number with decimals: C for CSV, as people read it otherwise. */
static void figure_number(struct rep *r, const char *code, const char *label, double x, int decimals,
                          const char *unit)
{
    char v[64];
    if (r->f == REPORT_CSV)
        snprintf(v, sizeof v, "%.*f", decimals, x);
    else
        number_text(r, x, decimals, v, sizeof v);
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
    char v[64];
    if (r->f == REPORT_CSV) {
        snprintf(v, sizeof v, "%ld", n);
        csv_row(r, r->indicator, code, label, v, unit);
        compare_clear(r);
        return;
    }
    number_text(r, (double)n, 0, v, sizeof v);
    value_line(r, 1, label, v, unit);
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
    int decimals = d->type == IND_REAL ? 1 : 0;
    if (f->prev_set)
        compare_set(r, f->prev_known, f->prev, f->value, d->type == IND_SHARE, decimals);
    if (d->type == IND_TEXT)
        figure(r, d->code, _(d->label), f->text ? f->text : "", "");
    else if (!f->known)
        figure(r, d->code, _(d->label), "n/a", "");
    else
        figure_number(r, d->code, _(d->label), f->value, decimals, *d->unit ? _(d->unit) : "");
}

static void list_of(struct rep *r, const struct ind_list *l)
{
    const struct ind_breakdown_def *d = l->def;
    breakdown(r, d->code, _(d->title));
    const char *unit = *d->unit ? _(d->unit) : "";
    for (size_t i = 0; i < l->n; i++) {
        if (l->prev_set)
            compare_set(r, l->v[i].prev_known, (double)l->v[i].prev, (double)l->v[i].value, false, 0);
        item(r, l->v[i].code, l->v[i].label, l->v[i].value, unit);
    }
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
        strbuf_adds(r->b, "section,indicator,item,label,value,unit,previous,change\r\n");
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
    if (r->compare) {
        char y[16];
        snprintf(y, sizeof y, "%d", r->compare);
        figure(r, "compared_with", _("Compared with"), y, "");
    }
    figure(r, "produced_on", _("Produced on"), today, "");
    free(centre);
    return 0;
}

int report_write(struct store *s, const struct report_opts *o, struct strbuf *out, struct error *err)
{
    struct rep r = {.b = out, .f = o->format, .section = "report"};
    char today[11];
    if (o->today && date_valid(o->today))
        snprintf(today, sizeof today, "%s", o->today);
    else
        store_today(today);
    struct ind_scope sc = {o->year, o->centre, today};
    r.french = o->label_column && strcmp(o->label_column, "label_fr") == 0;
    r.compare = o->compare == 0 ? o->year - 1 : o->compare > 0 ? o->compare : 0;
    struct ind_report rep;
    if (ind_report(s, &sc, o->label_column, NULL, &rep, err) != 0)
        return err->code;
    if (r.compare && ind_report_compare(s, &rep, &sc, r.compare, o->label_column, err) != 0) {
        ind_report_free(&rep);
        return err->code;
    }
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
