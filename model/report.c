/* The yearly report: the indicators of model/indicators.h laid out for a
 * funder. One small set of emitters (section, figure, breakdown, table)
 * writes each of the three formats, so the formats cannot drift apart:
 * text (aligned, safe for a terminal), Markdown, and CSV with one row per
 * figure: section,indicator,item,label,value,unit,previous,change (the
 * value of the year compared with, and the change in percent, or in
 * points for a share; empty when there is nothing to compare). */
#include "model/report.h"
#include "model/report_internal.h"
#include "model/indicators.h"
#include "model/query.h"
#include "model/format.h"
#include "util/i18n.h"
#include "util/numdate.h"
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

/* "%" after a number: "50%" in English, "50 %" in French. */
static const char *percent_sign(const struct rep *r)
{
    return r->french ? "\u202f%" : "%";
}

/* A date of the model (ISO) as a reader of text or Markdown reads it:
 * 15/11/2026 in French; CSV and English keep ISO. */
static const char *date_shown(const struct rep *r, const char *iso, char out[11])
{
    if (r->f == REPORT_CSV || !r->french || !iso || !numdate_date_valid(iso))
        return iso;
    snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    return out;
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
    char p[72], ch[48] = "";   /* room for the sign of a percentage */
    numdate_fixed(prev, decimals, false, r->prev);
    numdate_grouped(prev, decimals, r->french, p);
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
        strbuf_addf(r->b, "  - %s%s%s%s%s%s%s\n", l, r->french ? "\u202f: " : ": ", v, sp, unit, *n ? " " : "", n);
    } else {
        strbuf_addf(r->b, "- %s%s**%s**%s%s%s%s\n", l, r->french ? "\u202f: " : ": ", v, sp, unit, *n ? " " : "",
                    n);
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
        numdate_fixed(x, decimals, false, v);
    else
        numdate_grouped(x, decimals, r->french, v);
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
    numdate_grouped((double)n, 0, r->french, v);
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
        const char *cell = i < (size_t)ncols ? titles[i] : cells[i - (size_t)ncols];
        double x;
        bool pct;
        char num[64];
        if (i >= (size_t)ncols && report_cell_number(cell, &x, &pct) && (pct || strchr(cell, '.'))) {
            /* "7.7" from the model reads "7,7" in French, "25%" "25 %" */
            const char *dot = strchr(cell, '.');
            numdate_grouped(x, dot ? (int)strspn(dot + 1, "0123456789") : 0, r->french, num);
            if (pct)
                strncat(num, percent_sign(r), sizeof num - strlen(num) - 1);
            cell = num;
        } else if (i >= (size_t)ncols && strcmp(cell, "n/a") == 0) {
            cell = _("n/a");    /* the model's unknown share, in the reader's words */
        } else if (i >= (size_t)ncols) {
            cell = date_shown(r, cell, num);
        }
        shown[i] = clean(r, cell);
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
    char day[11];
    if (d->type == IND_TEXT)
        figure(r, d->code, _(d->label), f->text ? date_shown(r, f->text, day) : "", "");
    else if (!f->known)
        figure(r, d->code, _(d->label), r->f == REPORT_CSV ? "n/a" : _("n/a"), "");
    else
        figure_number(r, d->code, _(d->label), f->value, decimals,
                      ind_unit(r->f == REPORT_CSV ? NULL : d->unit_one, d->unit, f->value));
}

static void list_of(struct rep *r, const struct ind_list *l)
{
    const struct ind_breakdown_def *d = l->def;
    breakdown(r, d->code, _(d->title));
    for (size_t i = 0; i < l->n; i++) {
        if (l->prev_set)
            compare_set(r, l->v[i].prev_known, (double)l->v[i].prev, (double)l->v[i].value, false, 0);
        item(r, l->v[i].code, l->v[i].label, l->v[i].value,
             ind_unit(r->f == REPORT_CSV ? NULL : d->unit_one, d->unit, (double)l->v[i].value));
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

/* The definitions shown under every report. */
const char *const report_notes[] = {
    N_("A record belongs to the year by its date: start of an initiative, sitting, action, raising of a difficulty."),
    N_("Active initiatives started by the end of the year and had not ended before it began."),
    N_("An initiative is in a QPV when its territory has a QPV code (politique de la ville)."),
    N_("Compositions count the seats held on the date shown; shares are of those seats."),
    N_("A follow-up stays open until its due date has passed and an outcome is recorded; it is past due when its "
       "date has passed without an outcome."),
    N_("Open difficulties are those still open today that were raised by the end of the year."),
    N_("The time to inform partners runs from the day a difficulty was raised to the day partners were informed."),
};
const size_t report_nnotes = sizeof report_notes / sizeof *report_notes;

static void definitions(struct rep *r)
{
    if (r->f == REPORT_CSV)
        return;
    section(r, "notes", _("Definitions"));
    for (size_t i = 0; i < report_nnotes; i++)
        strbuf_addf(r->b, r->f == REPORT_TEXT ? "  - %s\n" : "- %s\n", _(report_notes[i]));
}

/* The name of o's centre in *centre (NULL: every centre). 0 or an error. */
static int centre_name(struct store *s, const struct report_opts *o, char **centre, struct error *err)
{
    *centre = NULL;
    if (o->centre) {
        struct record *c = record_load(s, o->centre, err);
        if (!c)
            return err->code;
        *centre = xstrdup(record_get(c, "name") ? record_get(c, "name") : o->centre);
        record_free(c);
    }
    return 0;
}

static void header(struct rep *r, const struct report_opts *o, const char *who, const char *store,
                   const char *today)
{
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", o->year);
    snprintf(to, sizeof to, "%04d-12-31", o->year);
    r->section = "report";
    if (r->f == REPORT_CSV)
        strbuf_adds(r->b, "section,indicator,item,label,value,unit,previous,change\r\n");
    char *title = xasprintf(_("Activity report %d"), o->year);
    char *safe_who = clean(r, who);
    /* French typography: a narrow no-break space before the colon */
    const char *colon = r->french ? "\u202f: " : ": ";
    if (r->f == REPORT_TEXT) {
        strbuf_addf(r->b, "%s%s%s\n", title, colon, safe_who);
        for (size_t i = utf8_length(title) + utf8_length(colon) + utf8_length(safe_who); i > 0; i--)
            strbuf_addc(r->b, '=');
        strbuf_addc(r->b, '\n');
    } else if (r->f == REPORT_MARKDOWN) {
        strbuf_addf(r->b, "# %s%s%s\n\n", title, colon, safe_who);
    }
    free(title);
    free(safe_who);
    if (r->f == REPORT_CSV) {
        figure(r, "period_from", _("From"), from, "");
        figure(r, "period_to", _("To"), to, "");
    } else {
        char f1[11], t1[11];
        char *period = xasprintf(_("%s to %s"), date_shown(r, from, f1), date_shown(r, to, t1));
        figure(r, "period", _("Period"), period, "");
        free(period);
    }
    figure(r, "centre", _("Centre"), who, "");
    if (store && *store)
        figure(r, "store", _("Store"), store, "");
    if (r->compare) {
        char y[16];
        snprintf(y, sizeof y, "%d", r->compare);
        figure(r, "compared_with", _("Compared with"), y, "");
    }
    char day[11];
    figure(r, "produced_on", _("Produced on"), date_shown(r, today, day), "");
}

/* ---- HTML: one self-contained, printable document ----
 * Inline CSS, charts as inline SVG each beside the table of its figures,
 * no script and nothing to load. Every text is escaped; in French,
 * numbers, dates and the no-break spaces of French typography. */

/* s escaped for HTML text or an attribute; French typography in French
 * (a no-break space before : and a narrow one before ; ! ? %). */
static void html_text(struct rep *r, const char *s)
{
    char *safe = utf8_sanitize(s ? s : "", false);
    for (const char *p = safe; *p; p++) {
        if (r->french && *p == ' ' && p[1] && strchr(":;!?%", p[1]) && (p[1] != ':' || p[2] == ' ' || !p[2])) {
            strbuf_adds(r->b, p[1] == ':' ? "\u00a0" : "\u202f");
            continue;
        }
        switch (*p) {
        case '&': strbuf_adds(r->b, "&amp;"); break;
        case '<': strbuf_adds(r->b, "&lt;"); break;
        case '>': strbuf_adds(r->b, "&gt;"); break;
        case '"': strbuf_adds(r->b, "&quot;"); break;
        case '\'': strbuf_adds(r->b, "&#39;"); break;
        default: strbuf_addc(r->b, *p);
        }
    }
    free(safe);
}

/* An ISO date as people write it: "1er janvier 2026", "1 January 2026";
 * a month "2026-01" as "janvier 2026". A small local formatter until the
 * util/ date module lands. NULL when iso is neither. */
static char *date_words(const struct rep *r, const char *iso)
{
    static const char *const fr[] = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                     "septembre", "octobre", "novembre", "décembre"};
    static const char *const en[] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"};
    int y, m, d = 0;
    size_t len = strlen(iso);
    char tail;
    if (len == 7 && sscanf(iso, "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12)
        return xasprintf("%s %d", r->french ? fr[m - 1] : en[m - 1], y);
    if (len != 10 || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return NULL;
    if (r->french)
        return xasprintf("%d%s %s %d", d, d == 1 ? "er" : "", fr[m - 1], y);
    return xasprintf("%d %s %d", d, en[m - 1], y);
}

/* Whether a cell of ours is a number ("7.7", "25%", "4"), in *x, whatever
 * LC_NUMERIC says. */
bool report_cell_number(const char *cell, double *x, bool *pct)
{
    size_t len = strlen(cell);
    *pct = len > 1 && cell[len - 1] == '%';
    char num[64];
    if (!len || len >= sizeof num)
        return false;
    snprintf(num, sizeof num, "%.*s", (int)(len - (*pct ? 1 : 0)), cell);
    return strspn(num, "-0123456789.") == strlen(num) && numdate_to_double(num, x) == 0;
}

/* A table cell: numbers, percentages and dates as people read them. */
static void html_cell(struct rep *r, const char *cell)
{
    double x;
    bool pct;
    char *words;
    if (report_cell_number(cell, &x, &pct)) {
        const char *dot = strchr(cell, '.');
        char v[64];
        numdate_grouped(x, dot ? (int)strspn(dot + 1, "0123456789") : 0, r->french, v);
        strbuf_adds(r->b, v);
        if (pct)
            strbuf_adds(r->b, percent_sign(r));
    } else if ((words = date_words(r, cell))) {
        strbuf_adds(r->b, words);
        free(words);
    } else {
        html_text(r, cell);
    }
}

static const char html_css[] =
    "body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#1a202c;margin:0 auto;max-width:60rem;"
    "padding:1rem;line-height:1.4;font-size:11pt}"
    "h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;border-bottom:2px solid #2b6cb0;padding-bottom:.2rem;"
    "margin-top:2rem}h3{font-size:1rem;margin:1rem 0 .3rem}"
    "h2,h3{break-after:avoid;page-break-after:avoid}"
    "table{border-collapse:collapse;margin:.3rem 0 1rem;font-size:.9rem}"
    "th,td{border-bottom:1px solid #cbd5e0;padding:.2rem .5rem;text-align:left;vertical-align:top}"
    "td.n,th.n{text-align:right;white-space:nowrap}thead{display:table-header-group}"
    "tr,.block,figure{break-inside:avoid;page-break-inside:avoid}"
    ".block{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}"
    ".block svg{flex:1 1 20rem;max-width:28rem;height:auto}.block table{flex:1 1 16rem}"
    ".meta td:first-child{color:#4a5568}.wide{overflow-x:auto}.none{color:#4a5568;font-style:italic}"
    ".legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em;vertical-align:middle}"
    "svg text{font-size:12px;fill:#1a202c}section:first-of-type{break-before:auto;page-break-before:auto}"
    "@media (max-width:40rem){body{padding:.5rem;font-size:10pt}.block{display:block}table{font-size:.8rem;width:100%}"
    "th,td{padding:.15rem .25rem}td.n,th.n{white-space:normal}}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{max-width:none;padding:0;font-size:10pt}section{break-before:page;page-break-before:always}"
    "h2{margin-top:0}.wide{overflow:visible}}";

#define BAR_MAIN "#2b6cb0"
#define BAR_PREV "#a0aec0"

/* A horizontal bar per label, last year's as a thin grey bar below it when
 * prev is not NULL. */
static void svg_bars(struct rep *r, const char *title, size_t n, char **labels, const double *v, const double *prev,
                     const char *suffix)
{
    double max = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] > max)
            max = v[i];
        if (prev && prev[i] > max)
            max = prev[i];
    }
    int row = prev ? 26 : 20, h = (int)n * row + 6;
    strbuf_addf(r->b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 340 %d\" role=\"img\" aria-label=\"", h);
    html_text(r, title);
    strbuf_adds(r->b, "\">");
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * row + 3;
        /* whole units: SVG wants a point, and the locale may write a comma */
        int w = max > 0 ? (int)lround(v[i] / max * 150.0) : 0;
        strbuf_addf(r->b, "<text x=\"138\" y=\"%d\" text-anchor=\"end\">", y + 11);
        char *label = labels[i];
        if (utf8_length(label) > 20) {
            struct strbuf cut;
            strbuf_init(&cut);
            add_padded(&cut, label, 0, 20);
            html_text(r, cut.s);
            strbuf_free(&cut);
        } else {
            html_text(r, label);
        }
        strbuf_addf(r->b, "</text><rect x=\"144\" y=\"%d\" width=\"%d\" height=\"13\" fill=\"" BAR_MAIN "\"/>", y,
                    w);
        if (prev)
            strbuf_addf(r->b, "<rect x=\"144\" y=\"%d\" width=\"%d\" height=\"5\" fill=\"" BAR_PREV "\"/>", y + 15,
                        max > 0 ? (int)lround(prev[i] / max * 150.0) : 0);
        char num[64];
        numdate_grouped(v[i], v[i] == (double)(long)v[i] ? 0 : 1, r->french, num);
        strbuf_addf(r->b, "<text x=\"%d\" y=\"%d\">%s%s</text>", 148 + w, y + 11, num, suffix);
    }
    strbuf_adds(r->b, "</svg>");
}

static void html_legend(struct rep *r, int year, int compare)
{
    strbuf_addf(r->b, "<p class=\"legend\"><span style=\"background:" BAR_MAIN "\"></span>%d", year);
    if (compare)
        strbuf_addf(r->b, "<span style=\"background:" BAR_PREV "\"></span>%d", compare);
    strbuf_adds(r->b, "</p>");
}

/* "4 initiatives", "50 %", "n/a": a value with its unit. */
static void html_value(struct rep *r, double x, int decimals, bool known, const char *unit)
{
    if (!known) {
        html_text(r, _("n/a"));
        return;
    }
    char v[64];
    numdate_grouped(x, decimals, r->french, v);
    strbuf_adds(r->b, v);
    if (strcmp(unit, "%") == 0)
        strbuf_adds(r->b, percent_sign(r));
    else if (*unit) {
        strbuf_adds(r->b, "\u00a0");
        html_text(r, unit);
    }
}

/* The last-year and change cells of a value. */
static void html_compare_cells(struct rep *r, bool set, bool prev_known, double prev, double value, bool share,
                               int decimals, const char *unit)
{
    if (!r->compare)
        return;
    strbuf_adds(r->b, "<td class=\"n\">");
    if (!set || !prev_known)
        html_text(r, _("no data"));
    else
        html_value(r, prev, decimals, true, share ? "%" : unit);
    strbuf_adds(r->b, "</td><td class=\"n\">");
    if (set && prev_known && (share || prev != 0)) {
        long c = share ? lround(value - prev) : lround((value - prev) / prev * 100.0);
        char ch[48];
        if (share)
            snprintf(ch, sizeof ch, _("%+ld pts"), c);
        else
            snprintf(ch, sizeof ch, "%+ld%s", c, percent_sign(r));
        strbuf_adds(r->b, ch);
    }
    strbuf_adds(r->b, "</td>");
}

static void html_head_row(struct rep *r, const char *first, int year)
{
    strbuf_adds(r->b, "<thead><tr><th>");
    html_text(r, first);
    strbuf_addf(r->b, "</th><th class=\"n\">%d</th>", year);
    if (r->compare) {
        strbuf_addf(r->b, "<th class=\"n\">%d</th><th class=\"n\">", r->compare);
        html_text(r, _("Change"));
        strbuf_adds(r->b, "</th>");
    }
    strbuf_adds(r->b, "</tr></thead>");
}

static void html_figures(struct rep *r, const struct ind_section *sec, int year)
{
    if (!sec->nfig)
        return;
    strbuf_adds(r->b, "<div class=\"wide\"><table class=\"figures\">");
    html_head_row(r, _("Indicator"), year);
    strbuf_adds(r->b, "<tbody>");
    for (size_t i = 0; i < sec->nfig; i++) {
        const struct ind_figure *f = &sec->fig[i];
        const struct ind_def *d = f->def;
        if (d->flags & IND_INTERNAL || (!f->known && d->flags & IND_HIDE_UNKNOWN))
            continue;
        int decimals = d->type == IND_REAL ? 1 : 0;
        const char *unit = ind_unit(d->unit_one, d->unit, f->value);
        strbuf_addf(r->b, "<tr id=\"%s-%s\"><td>", sec->code, d->code);
        html_text(r, _(d->label));
        strbuf_adds(r->b, "</td><td class=\"n\">");
        if (d->type == IND_TEXT) {
            html_cell(r, f->text ? f->text : "");
            strbuf_adds(r->b, "</td>");
            if (r->compare)
                strbuf_adds(r->b, "<td></td><td></td>");
        } else {
            html_value(r, f->value, decimals, f->known, unit);
            strbuf_adds(r->b, "</td>");
            html_compare_cells(r, f->prev_set, f->prev_known, f->prev, f->value, d->type == IND_SHARE, decimals,
                               ind_unit(d->unit_one, d->unit, f->prev));
        }
        strbuf_adds(r->b, "</tr>");
    }
    strbuf_adds(r->b, "</tbody></table></div>");
}

static void html_list(struct rep *r, const struct ind_list *l, int year)
{
    const struct ind_breakdown_def *d = l->def;
    strbuf_adds(r->b, "<h3>");
    html_text(r, _(d->title));
    strbuf_adds(r->b, "</h3>");
    if (!l->n) {
        strbuf_adds(r->b, "<p class=\"none\">");
        html_text(r, _("none"));
        strbuf_adds(r->b, "</p>");
        return;
    }
    char **labels = xcalloc(l->n, sizeof *labels);
    double *v = xcalloc(l->n, sizeof *v), *p = xcalloc(l->n, sizeof *p);
    for (size_t i = 0; i < l->n; i++) {
        labels[i] = l->v[i].label;
        v[i] = (double)l->v[i].value;
        p[i] = (double)l->v[i].prev;
    }
    strbuf_adds(r->b, "<div class=\"block\">");
    svg_bars(r, _(d->title), l->n, labels, v, l->prev_set ? p : NULL, "");
    strbuf_adds(r->b, "<table>");
    html_head_row(r, _(d->title), year);
    strbuf_adds(r->b, "<tbody>");
    for (size_t i = 0; i < l->n; i++) {
        strbuf_adds(r->b, "<tr><td>");
        html_text(r, l->v[i].label);
        strbuf_adds(r->b, "</td><td class=\"n\">");
        html_value(r, v[i], 0, true, "");
        strbuf_adds(r->b, "</td>");
        html_compare_cells(r, l->prev_set, l->v[i].prev_known, p[i], v[i], false, 0, "");
        strbuf_adds(r->b, "</tr>");
    }
    strbuf_adds(r->b, "</tbody></table></div>");
    free(labels);
    free(v);
    free(p);
}

static void html_table(struct rep *r, const struct ind_table *t)
{
    if (t->title) {
        strbuf_adds(r->b, "<h3>");
        html_text(r, t->title);
        strbuf_adds(r->b, "</h3>");
    }
    strbuf_addf(r->b, "<div class=\"wide\"><table id=\"%s\"><thead><tr>", t->code);
    for (int c = 0; c < t->ncols; c++) {
        strbuf_adds(r->b, "<th>");
        html_text(r, t->titles[c]);
        strbuf_adds(r->b, "</th>");
    }
    strbuf_adds(r->b, "</tr></thead><tbody>");
    for (size_t i = 0; i < t->nrows; i++) {
        strbuf_adds(r->b, "<tr>");
        for (int c = 0; c < t->ncols; c++) {
            const char *cell = t->cells[i * (size_t)t->ncols + (size_t)c];
            double x;
            bool pct, num = report_cell_number(cell, &x, &pct);
            strbuf_adds(r->b, num ? "<td class=\"n\">" : "<td>");
            html_cell(r, cell);
            strbuf_adds(r->b, "</td>");
        }
        strbuf_adds(r->b, "</tr>");
    }
    strbuf_adds(r->b, "</tbody></table></div>");
}

/* Each body's shares of inhabitants, women and people from a QPV, from
 * the composition table (cells "25%"), with the 50% line. */
static void html_composition_chart(struct rep *r, const struct ind_table *t)
{
    static const char *const colours[] = {"#2b6cb0", "#d53f8c", "#38a169"};
    int h = (int)t->nrows * 66 + 20;
    strbuf_addf(r->b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 330 %d\" role=\"img\" "
                      "aria-label=\"", h);
    html_text(r, _("Composition of each body"));
    strbuf_adds(r->b, "\">");
    strbuf_addf(r->b, "<line x1=\"204\" y1=\"0\" x2=\"204\" y2=\"%d\" stroke=\"#e53e3e\" stroke-dasharray=\"3,3\"/>"
                      "<text x=\"206\" y=\"%d\">50%s</text>", h - 12, h - 2, percent_sign(r));
    for (size_t i = 0; i < t->nrows; i++) {
        char **row = &t->cells[i * (size_t)t->ncols];
        int y = (int)i * 66;
        strbuf_addf(r->b, "<text x=\"0\" y=\"%d\" font-weight=\"bold\">", y + 12);
        html_text(r, row[0]);
        strbuf_adds(r->b, "</text>");
        for (int k = 0; k < 3; k++) {
            double share = 0;
            bool pct;
            report_cell_number(row[3 + k], &share, &pct);
            int p = (int)lround(share * 1.6);
            int by = y + 18 + k * 15;
            strbuf_addf(r->b, "<text x=\"118\" y=\"%d\" text-anchor=\"end\">", by + 10);
            html_text(r, t->titles[3 + k]);
            strbuf_addf(r->b, "</text><rect x=\"124\" y=\"%d\" width=\"%d\" height=\"11\" fill=\"%s\"/>"
                              "<text x=\"%d\" y=\"%d\">", by, p, colours[k], 128 + p, by + 10);
            html_cell(r, row[3 + k]);
            strbuf_adds(r->b, "</text>");
        }
    }
    strbuf_adds(r->b, "</svg>");
}

/* Records per month of each logbook: four small column charts. */
static void html_monthly_charts(struct rep *r, const struct ind_report *rep, const struct ind_table *t)
{
    static const char *const initials_en = "JFMAMJJASOND", *const initials_fr = "JFMAMJJASOND";
    const char *initials = r->french ? initials_fr : initials_en;
    strbuf_adds(r->b, "<div class=\"block\">");
    for (int l = 0; l < IND_LOGS; l++) {
        long max = 0;
        for (int m = 0; m < 12; m++)
            if (rep->monthly[l][m] > max)
                max = rep->monthly[l][m];
        strbuf_adds(r->b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 260 130\" role=\"img\" aria-label=\"");
        html_text(r, t->titles[l + 1]);
        strbuf_adds(r->b, "\"><text x=\"0\" y=\"12\" font-weight=\"bold\">");
        html_text(r, t->titles[l + 1]);
        strbuf_adds(r->b, "</text>");
        for (int m = 0; m < 12; m++) {
            int bh = max ? (int)lround((double)rep->monthly[l][m] / (double)max * 80.0) : 0;
            int x = 6 + m * 21;
            strbuf_addf(r->b, "<rect x=\"%d\" y=\"%d\" width=\"15\" height=\"%d\" fill=\"" BAR_MAIN "\"/>", x,
                        112 - bh, bh);
            if (rep->monthly[l][m])
                strbuf_addf(r->b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%ld</text>", x + 7, 109 - bh,
                            rep->monthly[l][m]);
            strbuf_addf(r->b, "<text x=\"%d\" y=\"126\" text-anchor=\"middle\">%c</text>", x + 7, initials[m]);
        }
        strbuf_adds(r->b, "</svg>");
    }
    strbuf_adds(r->b, "</div>");
}

/* Difficulties: the average and longest time to inform partners, with
 * their table. */
static void html_delay_chart(struct rep *r, const struct ind_section *sec, int year)
{
    const char *codes[] = {"avg_days_to_inform", "max_days_to_inform"};
    const char *names[] = {N_("average"), N_("longest")};
    const struct ind_figure *f[2];
    char *labels[2];
    double v[2], p[2];
    for (int i = 0; i < 2; i++) {
        f[i] = NULL;
        for (size_t k = 0; k < sec->nfig; k++)
            if (strcmp(sec->fig[k].def->code, codes[i]) == 0)
                f[i] = &sec->fig[k];
        if (!f[i] || !f[i]->known)
            return;
        labels[i] = (char *)_(names[i]);
        v[i] = f[i]->value;
        p[i] = f[i]->prev_known ? f[i]->prev : 0;
    }
    strbuf_adds(r->b, "<h3>");
    html_text(r, _("Time to inform partners"));
    strbuf_adds(r->b, "</h3><div class=\"block\">");
    char *suffix = xasprintf("\u00a0%s", _("days"));
    svg_bars(r, _("Time to inform partners"), 2, labels, v, f[0]->prev_set ? p : NULL, suffix);
    free(suffix);
    strbuf_adds(r->b, "<table>");
    html_head_row(r, _("Time to inform partners"), year);
    strbuf_adds(r->b, "<tbody>");
    for (int i = 0; i < 2; i++) {
        int decimals = f[i]->def->type == IND_REAL ? 1 : 0;
        strbuf_adds(r->b, "<tr><td>");
        html_text(r, labels[i]);
        strbuf_adds(r->b, "</td><td class=\"n\">");
        const struct ind_def *d = f[i]->def;
        html_value(r, v[i], decimals, true, ind_unit(d->unit_one, d->unit, v[i]));
        strbuf_adds(r->b, "</td>");
        html_compare_cells(r, f[i]->prev_set, f[i]->prev_known, f[i]->prev, v[i], false, decimals,
                           ind_unit(d->unit_one, d->unit, f[i]->prev));
        strbuf_adds(r->b, "</tr>");
    }
    strbuf_adds(r->b, "</tbody></table></div>");
}

static void html_section(struct rep *r, const struct ind_report *rep, const struct ind_section *sec)
{
    strbuf_addf(r->b, "<section id=\"%s\"><h2>", sec->code);
    html_text(r, _(sec->title));
    strbuf_adds(r->b, "</h2>");
    html_figures(r, sec, rep->year);
    if (strcmp(sec->code, "difficulties") == 0)
        html_delay_chart(r, sec, rep->year);
    if (sec->nlist)
        html_legend(r, rep->year, r->compare);
    for (size_t i = 0; i < sec->nlist; i++)
        html_list(r, &sec->list[i], rep->year);
    for (size_t i = 0; i < sec->ntable; i++) {
        const struct ind_table *t = &sec->table[i];
        if (strcmp(t->code, "body_composition") == 0) {
            strbuf_adds(r->b, "<h3>");
            html_text(r, _("Composition of each body"));
            strbuf_adds(r->b, "</h3><div class=\"block\">");
            html_composition_chart(r, t);
            html_table(r, t);
            strbuf_adds(r->b, "</div>");
            continue;
        }
        if (strcmp(t->code, "per_month") == 0)
            html_monthly_charts(r, rep, t);
        html_table(r, t);
    }
    strbuf_adds(r->b, "</section>");
}

static void html_meta(struct rep *r, const char *label, const char *value)
{
    strbuf_adds(r->b, "<tr><td>");
    html_text(r, label);
    strbuf_adds(r->b, "</td><td>");
    html_text(r, value);
    strbuf_adds(r->b, "</td></tr>");
}

static void html_write(struct rep *r, const struct report_opts *o, const struct ind_report *rep, const char *who,
                       const char *store, const char *today)
{
    char *title = xasprintf(_("Activity report %d"), o->year);
    strbuf_addf(r->b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
                r->french ? "fr" : "en");
    html_text(r, title);
    strbuf_adds(r->b, " \u2013 ");
    html_text(r, who);
    strbuf_addf(r->b, "</title><style>%s</style></head><body><header><h1>", html_css);
    html_text(r, title);
    strbuf_adds(r->b, "</h1><table class=\"meta\"><tbody>");
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", o->year);
    snprintf(to, sizeof to, "%04d-12-31", o->year);
    char *f = date_words(r, from), *t = date_words(r, to), *d = date_words(r, today);
    char *period = xasprintf(_("%s to %s"), f, t);
    html_meta(r, _("Period"), period);
    html_meta(r, _("Centre"), who);
    if (store && *store) {
        char *q = xasprintf(r->french ? "\u00ab\u00a0%s\u00a0\u00bb" : "\u201c%s\u201d", store);
        html_meta(r, _("Store"), q);
        free(q);
    }
    if (r->compare) {
        char y[16];
        snprintf(y, sizeof y, "%d", r->compare);
        html_meta(r, _("Compared with"), y);
    }
    html_meta(r, _("Produced on"), d ? d : today);
    strbuf_adds(r->b, "</tbody></table></header>");
    free(period);
    free(f);
    free(t);
    free(d);
    for (size_t i = 0; i < rep->nsec; i++)
        html_section(r, rep, &rep->sec[i]);
    strbuf_adds(r->b, "<section id=\"notes\"><h2>");
    html_text(r, _("Definitions"));
    strbuf_adds(r->b, "</h2><ul>");
    for (size_t i = 0; i < report_nnotes; i++) {
        strbuf_adds(r->b, "<li>");
        html_text(r, _(report_notes[i]));
        strbuf_adds(r->b, "</li>");
    }
    strbuf_adds(r->b, "</ul></section></body></html>\n");
    free(title);
}

const struct report_format_desc report_formats[] = {
    {REPORT_HTML, "html", "html", N_("Printable document (HTML)")},
    {REPORT_XLSX, "xlsx", "xlsx", N_("Spreadsheet (xlsx)")},
    {REPORT_MARKDOWN, "markdown", "md", N_("Markdown")},
    {REPORT_TEXT, "text", "txt", N_("Plain text")},
    {REPORT_CSV, "csv", "csv", N_("Figures as CSV")},
};
const size_t report_nformats = sizeof report_formats / sizeof report_formats[0];

const struct report_format_desc *report_format_by_name(const char *name)
{
    if (name && strcmp(name, "md") == 0)
        name = "markdown";
    for (size_t i = 0; name && i < report_nformats; i++)
        if (strcmp(report_formats[i].name, name) == 0)
            return &report_formats[i];
    return NULL;
}

void report_today(const struct report_opts *o, char today[11])
{
    if (o->today && numdate_date_valid(o->today))
        snprintf(today, 11, "%s", o->today);
    else
        store_today(today);
}

int report_render(struct store *s, const struct report_opts *o, const struct ind_report *rep, const char *who,
                  const char *store, const char *today, struct strbuf *out, struct error *err)
{
    struct rep r = {.b = out, .f = o->format, .section = "report"};
    r.french = o->label_column && strcmp(o->label_column, "label_fr") == 0;
    r.compare = rep->compare;
    if (!who)
        who = _("All centres");
    if (o->format == REPORT_HTML) {
        html_write(&r, o, rep, who, store, today);
        return 0;
    }
    if (o->format == REPORT_XLSX)
        return report_xlsx(s, o, rep, r.compare, who, store, today, out, err);
    header(&r, o, who, store, today);
    for (size_t i = 0; i < rep->nsec; i++)
        section_of(&r, &rep->sec[i]);
    definitions(&r);
    return 0;
}

int report_compare_year(const struct report_opts *o)
{
    return o->compare == 0 ? o->year - 1 : o->compare > 0 ? o->compare : 0;
}

int report_write(struct store *s, const struct report_opts *o, struct strbuf *out, struct error *err)
{
    char today[11];
    report_today(o, today);
    struct ind_scope sc = {o->year, o->centre, today};
    int compare = report_compare_year(o);
    struct ind_report rep;
    if (ind_report(s, &sc, o->label_column, NULL, &rep, err) != 0)
        return err->code;
    char *centre = NULL;
    int rc = 0;
    if ((compare && ind_report_compare(s, &rep, &sc, compare, o->label_column, err) != 0) ||
        centre_name(s, o, &centre, err) != 0)
        rc = err->code;
    else
        rc = report_render(s, o, &rep, centre, store_name(s), today, out, err);
    free(centre);
    ind_report_free(&rep);
    return rc;
}
