/* Dashboard: a year and a centre (or all), the monthly activity of each
 * logbook as a bar chart of block characters (ASCII where the terminal's
 * character set is not UTF-8), the indicators of model/indicators.h below,
 * drill-down from a bar to the records of that month, and the yearly report
 * of the year and centre shown (screens/report.c). Figures come from the model; nothing is counted here. */
#include "screens/screens.h"
#include "model/indicators.h"
#include "model/query.h"
#include "model/report.h"
#include "tui/color.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DASH_CENTRES 64
#define DASH_LINES 24
#define BAR_H 4             /* rows of a bar chart */
#define BAR_W 5             /* columns per month */

struct dash_state {
    int year;
    char *centre_id[DASH_CENTRES];  /* [0] NULL: every centre */
    char *centre_name[DASH_CENTRES];
    size_t ncentres, centre;
    long monthly[IND_LOGS][12];
    int log, month;                 /* the selected bar */
    char *lines[DASH_LINES];        /* the indicators, as text */
    size_t nlines;
    char *filter;                   /* the status bar's "2025 · Centre A" */
    unsigned gen;
};

static const struct tui_keybind dash_binds[] = {
    {TUI_ACT_OPEN, "ENTER"}, {TUI_ACT_MOVE_LEFT, "LEFT h"}, {TUI_ACT_MOVE_RIGHT, "RIGHT l"}, {TUI_ACT_PAGE_UP, "PGUP"}, {TUI_ACT_PAGE_DOWN, "PGDN"},
    {TUI_ACT_PREV_YEAR, "<"}, {TUI_ACT_NEXT_YEAR, ">"},
    {TUI_ACT_CENTRE, "c"}, {TUI_ACT_REPORT, "w"}, {TUI_ACT_DIFFICULTIES, "D"}, {TUI_ACT_NONE, NULL},
};
static const struct tui_keymap dash_keys = {
    N_("Dashboard: arrows choose a bar, Enter lists its records, PgUp/PgDn year"), dash_binds, "dashboard"};

static void lines_clear(struct dash_state *st)
{
    for (size_t i = 0; i < st->nlines; i++)
        free(st->lines[i]);
    st->nlines = 0;
}

static void add_line(struct dash_state *st, char *text)
{
    if (st->nlines < DASH_LINES)
        st->lines[st->nlines++] = text;
    else
        free(text);
}

static int centre_fn(struct record *r, bool *keep, void *ctx)
{
    struct dash_state *st = ctx;
    (void)keep;
    if (st->ncentres == DASH_CENTRES)
        return 1;
    st->centre_id[st->ncentres] = xstrdup(r->id);
    st->centre_name[st->ncentres++] = xstrdup(record_get(r, "name") ? record_get(r, "name") : r->id);
    return 0;
}

static int dash_reload(void *state)
{
    struct dash_state *st = state;
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    st->gen = screens_generation();
    struct ind_scope sc = {st->year, st->centre_id[st->centre], NULL};
    lines_clear(st);
    if (ind_monthly(s, &sc, st->monthly, &err) != 0) {
        screens_error_message(&err);
        return TUI_REDRAW;
    }
    /* One line per section, as model/indicator_defs.c writes it. */
    struct ind_report rep;
    if (ind_report(s, &sc, screens_label_column(), NULL, &rep, &err) == 0) {
        for (size_t i = 0; i < rep.nsec; i++) {
            char *line = ind_dash_line(&rep.sec[i], strcmp(screens_label_column(), "label_fr") == 0);
            if (line)
                add_line(st, line);
        }
        ind_report_free(&rep);
    }
    if (err.code)
        screens_error_message(&err);
    free(st->filter);
    st->filter = xasprintf("%d · %s", st->year, st->centre ? st->centre_name[st->centre] : _("All centres"));
    return TUI_REDRAW;
}

static int dash_open(void *state, void *arg)
{
    struct dash_state *st = state;
    (void)arg;
    char today[11];
    store_today(today);
    st->year = atoi(today);
    st->month = atoi(today + 5) - 1;
    st->centre_id[0] = NULL;
    st->centre_name[0] = xstrdup(_("All centres"));
    st->ncentres = 1;
    struct query q;
    struct error err;
    error_clear(&err);
    query_init(&q, kind_find("centre"));
    query_run(screens_store(), &q, centre_fn, st, &err);
    dash_reload(st);
    return 0;
}

/* A bar of height v/max over BAR_H rows: row (0 = bottom) gets a full
 * block, a partial one (eighths) or nothing. */
static const char *bar_cell(long v, long max, int row, bool utf8)
{
    static const char *const eighths[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    if (max <= 0 || v <= 0)
        return row == 0 && v == 0 && !utf8 ? "." : " ";
    long units = (v * BAR_H * 8 + max - 1) / max;    /* in eighths of a row, at least one */
    long here = units - row * 8;
    if (here <= 0)
        return " ";
    if (!utf8)
        return here >= 4 ? "#" : (row == 0 ? "_" : " ");
    return eighths[here >= 8 ? 8 : here];
}

static void dash_draw(void *state)
{
    struct dash_state *st = state;
    struct tui_rect a = tui_screen_area();
    bool utf8 = screens_utf8();
    char *title = xasprintf(_("Dashboard %d — %s"), st->year, st->centre_name[st->centre]);
    tui_draw_text(a.y, a.x, a.w, title, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    free(title);
    static const char *const months[12] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                           N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
    int y = a.y + 2, label_w = 14;
    for (int log = 0; log < IND_LOGS && y + BAR_H + 1 < a.y + a.h; log++) {
        const struct kind *k = ind_log_kind((enum ind_log)log);
        long max = 0, total = 0;
        for (int m = 0; m < 12; m++) {
            if (st->monthly[log][m] > max)
                max = st->monthly[log][m];
            total += st->monthly[log][m];
        }
        char *label = xasprintf("%s", _(k->plural));
        tui_draw_text(y, a.x + 1, label_w, label, TUI_ALIGN_LEFT, tui_attr(log == st->log ? TUI_C_HEADER : TUI_C_NORMAL));
        free(label);
        char sum[64];
        screens_count_text(total, sum);
        tui_draw_text(y + 1, a.x + 1, label_w, sum, TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
        for (int m = 0; m < 12; m++) {
            int x = a.x + 1 + label_w + m * BAR_W;
            if (x + BAR_W > a.x + a.w)
                break;
            bool sel = log == st->log && m == st->month;
            attr_t at = tui_attr(sel ? TUI_C_SELECTED : TUI_C_NORMAL);
            for (int row = 0; row < BAR_H; row++) {
                const char *c = bar_cell(st->monthly[log][m], max, BAR_H - 1 - row, utf8);
                char cell[32];
                snprintf(cell, sizeof cell, "%s%s%s ", c, c, c);
                tui_draw_text(y + row, x, BAR_W, cell, TUI_ALIGN_LEFT, at);
            }
            char n[64];
            screens_count_text(st->monthly[log][m], n);
            if (tui_text_width(n) > (size_t)BAR_W - 1)  /* 1 234 is wider than a bar: 1234 rather than cut */
                snprintf(n, sizeof n, "%ld", st->monthly[log][m]);
            tui_draw_text(y + BAR_H, x, BAR_W - 1, n, TUI_ALIGN_RIGHT, at);
        }
        y += BAR_H + 1;
    }
    for (int m = 0; m < 12; m++) {
        int x = a.x + 1 + label_w + m * BAR_W;
        if (x + BAR_W <= a.x + a.w && y < a.y + a.h)
            tui_draw_text(y, x, BAR_W - 1, _(months[m]), TUI_ALIGN_RIGHT, tui_attr(TUI_C_MUTED));
    }
    y += 2;
    for (size_t i = 0; i < st->nlines && y < a.y + a.h; i++, y++)
        tui_draw_text(y, a.x + 1, a.w - 1, st->lines[i], TUI_ALIGN_LEFT, tui_attr(TUI_C_NORMAL));
    tui_draw_cursor(a.y + 2 + st->log * (BAR_H + 1) + BAR_H, a.x + 1 + label_w + st->month * BAR_W);
}

/* The records behind the selected bar: that logbook, that month, that
 * centre. A sitting has no centre of its own: with a centre chosen, the
 * list holds the sittings of the month of every centre, and says so. */
static int drill_down(struct dash_state *st)
{
    const struct kind *k = ind_log_kind((enum ind_log)st->log);
    char from[40], to[40];      /* room the compiler can prove for any int */
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = days[st->month];
    if (st->month == 1 && ((st->year % 4 == 0 && st->year % 100 != 0) || st->year % 400 == 0))
        last = 29;
    snprintf(from, sizeof from, "%04d-%02d-01", st->year, st->month + 1);
    snprintf(to, sizeof to, "%04d-%02d-%02d", st->year, st->month + 1, last);
    char *where = NULL;
    const char *wl[2] = {NULL, NULL};
    if (st->centre && kind_field(k, "centre")) {
        where = xasprintf("centre=%s", st->centre_id[st->centre]);
        wl[0] = where;
    }
    char *title = xasprintf("%s %.7s%s%s", _(k->plural), from, st->centre ? " — " : "",
                            st->centre ? (where ? st->centre_name[st->centre] : _("all centres")) : "");
    struct records_arg arg = {.kind = k, .where = wl, .title = title, .from = from, .to = to};
    tui_screen_push(&records_screen, &arg);
    free(title);
    free(where);
    return TUI_RELAYOUT;
}

/* The difficulties open now (of the centre chosen): raised with a, followed
 * and resolved with e (status, partners informed, dates) in the list of
 * records, which keeps them in step with the figures here. */
static int open_difficulties(struct dash_state *st)
{
    char *centre = st->centre ? xasprintf("centre=%s", st->centre_id[st->centre]) : NULL;
    const char *where[] = {"status=open", centre, NULL};
    char *title = xasprintf("%s — %s", _("Open difficulties"), st->centre_name[st->centre]);
    struct records_arg arg = {.kind = kind_find("difficulty"), .where = where, .title = title};
    tui_screen_push(&records_screen, &arg);
    free(title);
    free(centre);
    return TUI_RELAYOUT;
}

/* The year's report of the centre shown, through the report dialog. */
static int write_report(struct dash_state *st)
{
    return screens_report(st->year, st->centre_id[st->centre], st->centre ? st->centre_name[st->centre] : NULL);
}

static int dash_handle(void *state, int action, int key)
{
    (void)key;
    struct dash_state *st = state;
    switch (action) {
    case TUI_ACT_MOVE_LEFT:
        st->month = st->month > 0 ? st->month - 1 : 11;
        return TUI_REDRAW;
    case TUI_ACT_MOVE_RIGHT:
        st->month = st->month < 11 ? st->month + 1 : 0;
        return TUI_REDRAW;
    case TUI_ACT_MOVE_UP:
        st->log = st->log > 0 ? st->log - 1 : IND_LOGS - 1;
        return TUI_REDRAW;
    case TUI_ACT_MOVE_DOWN:
        st->log = st->log < IND_LOGS - 1 ? st->log + 1 : 0;
        return TUI_REDRAW;
    case TUI_ACT_PAGE_UP:
        st->year--;
        return dash_reload(st);
    case TUI_ACT_PAGE_DOWN:
        st->year++;
        return dash_reload(st);
    case TUI_ACT_PREV_YEAR:
    case TUI_ACT_NEXT_YEAR:
        st->year += action == TUI_ACT_PREV_YEAR ? -1 : 1;
        return dash_reload(st);
    case TUI_ACT_CENTRE:
        st->centre = (st->centre + 1) % st->ncentres;
        return dash_reload(st);
    case TUI_ACT_OPEN:
        return drill_down(st);
    case TUI_ACT_REPORT:
        return write_report(st);
    case TUI_ACT_DIFFICULTIES:
        return open_difficulties(st);
    default:
        return TUI_PASS;
    }
}

static void dash_layout(void *state, struct tui_rect area)
{
    struct dash_state *st = state;
    (void)area;
    if (st->gen != screens_generation())
        dash_reload(st);
}

static int dash_idle(void *state)
{
    return store_data_changed(screens_store()) ? dash_reload(state) : TUI_DONE;
}

static void dash_status(void *state, struct tui_status *s)
{
    struct dash_state *st = state;
    s->filter = st->filter;
    s->hint = SCREENS_HINT(&dash_keys, TUI_ACT_OPEN, TUI_ACT_PREV_YEAR, TUI_ACT_CENTRE, TUI_ACT_REPORT,
                           TUI_ACT_DIFFICULTIES, TUI_ACT_HELP);
}

static void dash_close(void *state)
{
    struct dash_state *st = state;
    lines_clear(st);
    for (size_t i = 0; i < st->ncentres; i++) {
        free(st->centre_id[i]);
        free(st->centre_name[i]);
    }
    free(st->filter);
}

const struct tui_screen_ops dashboard_screen = {
    .name = N_("Dashboard"), .state_size = sizeof(struct dash_state), .open = dash_open,
    .layout = dash_layout, .draw = dash_draw, .handle = dash_handle, .reload = dash_reload,
    .idle = dash_idle, .status = dash_status, .close = dash_close, .keys = &dash_keys,
};
