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
#include "util/numdate.h"
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

/* x with one decimal: "12,5" in a French text or Markdown report, "12.5" in
 * CSV (a machine format) and in English. The caller frees it. */
static char *decimal(const struct rep *r, double x)
{
    char v[48];
    numdate_fixed(x, 1, r->f != REPORT_CSV, v);
    return xstrdup(v);
}

static void figure_real(struct rep *r, const char *code, const char *label, double x, const char *unit)
{
    char *v = decimal(r, x);
    figure(r, code, label, v, unit);
    free(v);
}

/* part of whole as a whole percentage, or "n/a" when whole is 0. */
static void percent_text(long part, long whole, char out[16])
{
    int p = gov_percent(part, whole);
    if (p < 0)
        snprintf(out, 16, "%s", "n/a");
    else
        snprintf(out, 16, "%d", p);
}

static void figure_share(struct rep *r, const char *code, const char *label, long part, long whole)
{
    char v[16];
    percent_text(part, whole, v);
    figure(r, code, label, v, gov_percent(part, whole) < 0 ? "" : "%");
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

/* Every choice of kind.field with its count (zeros too: a funder sees
 * what was possible), then "not given" when unset is nonzero. */
static void choice_items(struct rep *r, const char *kind, const char *field, const long *counts, long unset,
                         const char *unit)
{
    const struct field *f = kind_field(kind_find(kind), field);
    for (int i = 0; i < IND_MAX_CODES && f->choices[i].code; i++)
        item(r, f->choices[i].code, _(f->choices[i].label), counts[i], unit);
    if (unset)
        item(r, "", _("not given"), unset, unit);
}

struct label_ctx {
    const char *column;
    char *label;
};

static int take_label(struct record *rec, bool *keep, void *ctx)
{
    (void)keep;
    struct label_ctx *l = ctx;
    const char *v = record_get(rec, l->column);
    if (v && *v)
        l->label = xstrdup(v);
    return 1;
}

/* Items of counts whose values are codes of a seeded kind (theme,
 * criterion), labelled from its table in the report's language. */
static void code_items(struct rep *r, struct store *s, const char *kind, const char *column,
                       const struct ind_counts *c, const char *unit)
{
    for (size_t i = 0; i < c->n; i++) {
        struct query q;
        query_init(&q, kind_find(kind));
        struct label_ctx l = {column, NULL};
        if (kind_field(q.kind, column) && query_where_add(&q, "code", c->v[i].value, NULL) == 0)
            query_run(s, &q, take_label, &l, NULL);
        item(r, c->v[i].value, l.label ? l.label : c->v[i].value, c->v[i].count, unit);
        free(l.label);
    }
    if (c->n == 0 && r->f != REPORT_CSV)
        strbuf_addf(r->b, r->f == REPORT_TEXT ? "    %s\n" : "  - %s\n", _("none"));
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

static void cells_free(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
}

static void blank_line(struct rep *r)
{
    if (r->f != REPORT_CSV)
        strbuf_addc(r->b, '\n');
}

static int initiatives_section(struct rep *r, struct store *s, const struct ind_scope *sc, const char *column,
                               struct error *err)
{
    struct ind_initiatives in;
    if (ind_initiatives(s, sc, &in, err) != 0)
        return err->code;
    section(r, "initiatives", _("1. Local initiatives"));
    figure_long(r, "started", _("Initiatives started in the year"), in.started, _("initiatives"));
    figure_long(r, "active", _("Initiatives active during the year"), in.active, _("initiatives"));
    figure_long(r, "innovative", _("Innovative initiatives (started in the year)"), in.innovative, _("initiatives"));
    figure_long(r, "inhabitants_involved", _("Inhabitants involved"), in.inhabitants_involved, _("people"));
    figure_long(r, "volunteers", _("Volunteers"), in.volunteers, _("people"));
    figure_real(r, "volunteer_hours", _("Volunteer hours"), in.volunteer_hours, _("hours"));
    figure_long(r, "in_qpv", _("Initiatives in a QPV territory"), in.in_qpv, _("initiatives"));
    figure_share(r, "in_qpv_share", _("Share in QPV territories"), in.in_qpv, in.started);
    blank_line(r);
    breakdown(r, "by_status", _("By status"));
    choice_items(r, "initiative", "status", in.by_status, 0, "");
    breakdown(r, "by_carried_by", _("Carried by"));
    choice_items(r, "initiative", "carried_by", in.by_carried_by, 0, "");
    breakdown(r, "by_theme", _("By theme (an initiative may have several)"));
    code_items(r, s, "theme", column, &in.themes, "");
    ind_initiatives_free(&in);
    return 0;
}

static char *body_check(const struct gov_body *b)
{
    struct strbuf t;
    strbuf_init(&t);
    if (b->warnings & GOV_WARN_NO_SEATS)
        strbuf_adds(&t, _("no seat recorded"));
    if (b->warnings & GOV_WARN_FEW_INHABITANTS)
        strbuf_adds(&t, _("inhabitants below 50%"));
    if (b->warnings & GOV_WARN_NO_PARITY)
        strbuf_addf(&t, "%s%s", t.len ? "; " : "", _("no gender parity"));
    if (!t.len)
        strbuf_adds(&t, _("ok"));
    return strbuf_detach(&t);
}

static char *pct_cell(long part, long whole)
{
    int p = gov_percent(part, whole);
    return p < 0 ? xstrdup("n/a") : xasprintf("%d%%", p);
}

static int governance_section(struct rep *r, struct store *s, const struct ind_scope *sc, struct error *err)
{
    struct ind_governance g;
    if (ind_governance(s, sc, &g, err) != 0)
        return err->code;
    section(r, "governance", _("2. Participation of inhabitants in governance"));
    figure_long(r, "bodies", _("Governance bodies"), (long)g.n, _("bodies"));
    figure(r, "composition_date", _("Compositions counted on"), g.date, "");
    figure_long(r, "seats", _("Seats"), g.total_comp.seats, _("seats"));
    figure_share(r, "inhabitants_share", _("Share of seats held by inhabitants"), g.total_comp.inhabitants,
                 g.total_comp.seats);
    figure_share(r, "women_share", _("Share of seats held by women"), g.total_comp.women, g.total_comp.seats);
    figure_share(r, "qpv_share", _("Share of seats held by people from a QPV"), g.total_comp.from_qpv,
                 g.total_comp.seats);
    figure_long(r, "sittings", _("Sittings held in the year"), g.total.sittings, _("sittings"));
    figure_long(r, "planned", _("Sittings planned by the bodies' rhythm"), g.total.planned, _("sittings"));
    figure_long(r, "planned_held", _("Planned sittings held"), g.total.planned_held, _("sittings"));
    figure_real(r, "avg_attendees", _("Average attendance per sitting"), g.total.avg_attendees, _("people"));
    figure_real(r, "avg_inhabitants", _("Average inhabitants present per sitting"), g.total.avg_inhabitants,
                _("people"));
    figure_long(r, "first_timers", _("Inhabitants at their first sitting"), g.total.first_timers,
                _("people"));
    figure_long(r, "councils", _("Citizens' councils"), g.councils, _("bodies"));
    figure_long(r, "councils_few_inhabitants", _("Citizens' councils below 50% inhabitants"),
                g.councils_few_inhabitants, _("bodies"));
    figure_long(r, "councils_no_parity", _("Citizens' councils without gender parity"), g.councils_no_parity,
                _("bodies"));
    blank_line(r);
    breakdown(r, "seats_by_college", _("Seats by college"));
    choice_items(r, "seat", "college", g.total_comp.by_college, 0, _("seats"));
    breakdown(r, "participation_levels", _("Sittings by participation level"));
    choice_items(r, "meeting", "participation_level", g.total.levels, g.total.level_unset, _("sittings"));

    if (g.n) {
        blank_line(r);
        static const char *const codes1[] = {"body", "centre", "seats", "inhabitants", "women", "from_qpv", "check"};
        const char *titles1[] = {_("Body"), _("Centre"), _("Seats"), _("Inhabitants"), _("Women"), _("From a QPV"),
                                 _("Check")};
        static const char *const codes2[] = {"body", "sittings", "planned", "planned_held", "avg_attendees",
                                             "avg_inhabitants", "first_timers"};
        const char *titles2[] = {_("Body"), _("Sittings"), _("Planned"), _("Held as planned"), _("Avg. present"),
                                 _("Avg. inhabitants"), _("First-timers")};
        char **c1 = xcalloc(g.n * 7, sizeof *c1), **c2 = xcalloc(g.n * 7, sizeof *c2);
        for (size_t i = 0; i < g.n; i++) {
            const struct gov_body *b = &g.bodies[i];
            const struct gov_composition *c = &g.comp[i];
            const struct gov_year *y = &g.year[i];
            char **row = &c1[i * 7];
            row[0] = xstrdup(b->name ? b->name : "");
            row[1] = xstrdup(b->centre_name ? b->centre_name : "");
            row[2] = xasprintf("%ld", c->seats);
            row[3] = pct_cell(c->inhabitants, c->seats);
            row[4] = pct_cell(c->women, c->seats);
            row[5] = pct_cell(c->from_qpv, c->seats);
            row[6] = body_check(b);
            row = &c2[i * 7];
            row[0] = xstrdup(b->name ? b->name : "");
            row[1] = xasprintf("%ld", y->sittings);
            row[2] = xasprintf("%ld", y->planned);
            row[3] = xasprintf("%ld", y->planned_held);
            row[4] = decimal(r, y->avg_attendees);
            row[5] = decimal(r, y->avg_inhabitants);
            row[6] = xasprintf("%ld", y->first_timers);
        }
        table(r, "body_composition", 7, codes1, titles1, c1, g.n);
        table(r, "body_activity", 7, codes2, titles2, c2, g.n);
        cells_free(c1, g.n * 7);
        cells_free(c2, g.n * 7);
    }
    ind_governance_free(&g);
    return 0;
}

static int actions_section(struct rep *r, struct store *s, const struct ind_scope *sc, const char *column,
                           struct error *err)
{
    struct ind_actions a;
    if (ind_actions(s, sc, &a, err) != 0)
        return err->code;
    section(r, "actions", _("3. Actions against discrimination"));
    figure_long(r, "held", _("Actions held in the year"), a.held, _("actions"));
    figure_long(r, "participants", _("Participants reached"), a.participants, _("people"));
    figure_long(r, "follow_ups", _("Follow-ups planned"), a.follow_ups, _("actions"));
    figure_long(r, "follow_ups_open", _("Follow-ups open"), a.follow_ups_open, _("actions"));
    figure_long(r, "follow_ups_past_due", _("Follow-ups past due"), a.follow_ups_past_due, _("actions"));
    blank_line(r);
    breakdown(r, "by_kind", _("By kind of action"));
    choice_items(r, "action", "kind", a.by_kind, 0, "");
    breakdown(r, "by_criterion", _("By discrimination criterion (an action may have several)"));
    code_items(r, s, "criterion", column, &a.criteria, "");
    breakdown(r, "by_domain", _("By domain"));
    choice_items(r, "action", "domain", a.by_domain, a.domain_unset, "");
    ind_actions_free(&a);
    return 0;
}

static const char *choice_text(const char *kind, const char *field, const char *code)
{
    const char *l = field_choice_label(kind_field(kind_find(kind), field), code);
    return l ? _(l) : (code ? code : "");
}

static int difficulties_section(struct rep *r, struct store *s, const struct ind_scope *sc, struct error *err)
{
    struct ind_difficulties d;
    if (ind_difficulties(s, sc, &d, err) != 0)
        return err->code;
    section(r, "difficulties", _("4. Difficulties and partners informed"));
    figure_long(r, "raised", _("Difficulties raised in the year"), d.raised, _("difficulties"));
    figure_long(r, "open", _("Difficulties still open"), d.open, _("difficulties"));
    figure_long(r, "open_high", _("of which of high severity"), d.open_high, _("difficulties"));
    figure_long(r, "resolved", _("Difficulties resolved in the year"), d.resolved, _("difficulties"));
    figure_long(r, "informed", _("Raised in the year with partners informed"), d.informed, _("difficulties"));
    figure_share(r, "informed_share", _("Share with partners informed"), d.informed, d.raised);
    if (d.informed_dated) {
        figure_real(r, "avg_days_to_inform", _("Average time to inform partners"), d.avg_days_to_inform, _("days"));
        figure_long(r, "max_days_to_inform", _("Longest time to inform partners"), d.max_days_to_inform, _("days"));
    } else {
        figure(r, "avg_days_to_inform", _("Average time to inform partners"), "n/a", "");
    }
    blank_line(r);
    breakdown(r, "by_kind", _("By kind"));
    choice_items(r, "difficulty", "kind", d.by_kind, 0, "");
    breakdown(r, "by_severity", _("By severity"));
    choice_items(r, "difficulty", "severity", d.by_severity, 0, "");
    breakdown(r, "partners_informed", _("Partners informed"));
    for (size_t i = 0; i < d.partners.n; i++)
        item(r, d.partners.v[i].value, d.partners.v[i].value, d.partners.v[i].count, _("difficulties"));
    if (d.partners.n == 0 && r->f != REPORT_CSV)
        strbuf_addf(r->b, r->f == REPORT_TEXT ? "    %s\n" : "  - %s\n", _("none"));
    ind_difficulties_free(&d);

    struct ind_open_difficulty *open;
    size_t n;
    if (ind_open_difficulties(s, sc, &open, &n, err) != 0)
        return err->code;
    if (n) {
        blank_line(r);
        if (r->f == REPORT_TEXT)
            strbuf_addf(r->b, "  %s\n\n", _("Open difficulties"));
        else if (r->f == REPORT_MARKDOWN)
            strbuf_addf(r->b, "**%s**\n\n", _("Open difficulties"));
        static const char *const codes[] = {"raised_on", "centre", "kind", "severity", "summary", "partners_informed",
                                            "informed_on"};
        const char *titles[] = {_("Raised on"), _("Centre"), _("Kind"), _("Severity"), _("Summary"),
                                _("Partners informed"), _("Informed on")};
        char **cells = xcalloc(n * 7, sizeof *cells);
        for (size_t i = 0; i < n; i++) {
            char **row = &cells[i * 7];
            row[0] = xstrdup(open[i].raised_on ? open[i].raised_on : "");
            row[1] = xstrdup(open[i].centre_name ? open[i].centre_name : "");
            row[2] = xstrdup(choice_text("difficulty", "kind", open[i].kind));
            row[3] = xstrdup(choice_text("difficulty", "severity", open[i].severity));
            row[4] = xstrdup(open[i].summary ? open[i].summary : "");
            row[5] = xstrdup(open[i].partners ? open[i].partners : _("none"));
            row[6] = xstrdup(open[i].informed_on ? open[i].informed_on : _("not yet"));
        }
        table(r, "open", 7, codes, titles, cells, n);
        cells_free(cells, n * 7);
    }
    ind_open_difficulties_free(open, n);
    return 0;
}

static int monthly_section(struct rep *r, struct store *s, const struct ind_scope *sc, struct error *err)
{
    long m[IND_LOGS][12];
    if (ind_monthly(s, sc, m, err) != 0)
        return err->code;
    section(r, "monthly", _("5. Activity per month"));
    static const char *const codes[] = {"month", "initiatives", "sittings", "actions", "difficulties"};
    const char *titles[] = {_("Month"), _("Initiatives started"), _("Sittings"), _("Actions"), _("Difficulties raised")};
    char **cells = xcalloc(13 * 5, sizeof *cells);
    long total[IND_LOGS] = {0};
    for (int i = 0; i < 13; i++) {
        char **row = &cells[i * 5];
        row[0] = i < 12 ? xasprintf("%04d-%02d", sc->year, i + 1) : xstrdup(_("Total"));
        for (int l = 0; l < IND_LOGS; l++) {
            if (i < 12)
                total[l] += m[l][i];
            row[l + 1] = xasprintf("%ld", i < 12 ? m[l][i] : total[l]);
        }
    }
    table(r, "per_month", 5, codes, titles, cells, 13);
    cells_free(cells, 13 * 5);
    return 0;
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
    if (o->today && numdate_date_valid(o->today))
        snprintf(today, sizeof today, "%s", o->today);
    else
        store_today(today);
    const char *column = o->label_column && strcmp(o->label_column, "label_fr") == 0 ? "label_fr" : "label_en";
    struct ind_scope sc = {o->year, o->centre, today};
    if (header(&r, s, o, today, err) != 0 || initiatives_section(&r, s, &sc, column, err) != 0 ||
        governance_section(&r, s, &sc, err) != 0 || actions_section(&r, s, &sc, column, err) != 0 ||
        difficulties_section(&r, s, &sc, err) != 0 || monthly_section(&r, s, &sc, err) != 0)
        return err->code;
    definitions(&r);
    return 0;
}
