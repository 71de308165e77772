/* Dashboard: a year and a centre (or all), the monthly activity of each
 * logbook as a bar chart of block characters (ASCII where the terminal's
 * character set is not UTF-8), the indicators of model/indicators.h below,
 * drill-down from a bar to the records of that month, and the yearly report
 * of the year and centre shown (screens/report.c). Figures come from the model; nothing is counted here. */
#include "screens/screens.h"
#include "model/format.h"
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
    int top;                        /* the first row of the content shown (it scrolls) */
    char *lines[DASH_LINES];        /* the indicators, as text */
    size_t nlines;
    char **wrapped;                 /* the indicators wrapped to wrap_w columns */
    size_t nwrapped;
    int wrap_w;                     /* -1: to wrap again */
    char *filter;                   /* the status bar's "2025 · Centre A" */
    unsigned gen;
};

static const struct tui_keybind dash_binds[] = {
    {TUI_ACT_OPEN, "ENTER"}, {TUI_ACT_MOVE_LEFT, "LEFT h"}, {TUI_ACT_MOVE_RIGHT, "RIGHT l"},
    {TUI_ACT_PREV_YEAR, "<"}, {TUI_ACT_NEXT_YEAR, ">"},
    {TUI_ACT_CENTRE, "c"}, {TUI_ACT_REPORT, "w"}, {TUI_ACT_DIFFICULTIES, "D"}, {TUI_ACT_NONE, NULL},
};
static const struct tui_keymap dash_keys = {
    N_("Dashboard: arrows choose a bar, Enter lists its records, PgUp/PgDn scroll, < > year"), dash_binds,
    "dashboard"};

static void lines_clear(struct dash_state *st)
{
    for (size_t i = 0; i < st->nlines; i++)
        free(st->lines[i]);
    st->nlines = 0;
    tui_text_lines_free(st->wrapped, st->nwrapped);
    st->wrapped = NULL;
    st->nwrapped = 0;
    st->wrap_w = -1;
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
    if (ind_report(s, &sc, format_label_column(), NULL, &rep, &err) == 0) {
        for (size_t i = 0; i < rep.nsec; i++) {
            char *line = ind_dash_line(&rep.sec[i], strcmp(format_label_column(), "label_fr") == 0);
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

/* The content scrolls under the title and the months' names: the bars of
 * each logbook (BAR_H rows and their figures), a blank row, then the
 * indicators. Rows of the content, from 0: */
#define LOG_ROWS (BAR_H + 1)
#define LINES_ROW (IND_LOGS * LOG_ROWS + 1)

/* The indicators wrapped to w columns, so that no figure is cut. */
static void wrap_lines(struct dash_state *st, int w)
{
    if (st->wrap_w == w)
        return;
    tui_text_lines_free(st->wrapped, st->nwrapped);
    st->wrapped = NULL;
    st->nwrapped = 0;
    size_t cap = 0;
    for (size_t i = 0; i < st->nlines; i++) {
        size_t n;
        char **parts = tui_text_wrap(st->lines[i], w > 2 ? (size_t)w : 2, &n);
        if (st->nwrapped + n > cap) {
            cap = (st->nwrapped + n) * 2;
            st->wrapped = xrealloc(st->wrapped, cap * sizeof *st->wrapped);
        }
        for (size_t j = 0; j < n; j++)
            st->wrapped[st->nwrapped++] = xstrdup(parts[j]);
        tui_text_lines_free(parts, n);
    }
    st->wrap_w = w;
}

static int content_rows(struct dash_state *st)
{
    wrap_lines(st, tui_screen_area().w - 2);
    return LINES_ROW + (int)st->nwrapped;
}

static int view_rows(void)
{
    struct tui_rect a = tui_screen_area();
    return a.h > 2 ? a.h - 2 : 1;
}

/* The months that fit beside the labels, and the first one shown: as many
 * as fit, ending with the selected month when they cannot all be shown (the
 * current month, when the Dashboard opens). */
static int months_shown(int w, int label_w, int month, int *first)
{
    int fit = (w - 2 - label_w) / BAR_W;
    fit = fit < 1 ? 1 : fit > 12 ? 12 : fit;
    *first = month >= fit ? month - fit + 1 : 0;
    return fit;
}

static void scroll_to(struct dash_state *st, int top)
{
    int last = content_rows(st) - view_rows();
    st->top = top > last ? last : top;
    if (st->top < 0)
        st->top = 0;
}

/* Keeps the selected logbook's bars in view. */
static void show_log(struct dash_state *st)
{
    int first = st->log * LOG_ROWS, h = view_rows();
    if (first < st->top)
        scroll_to(st, first);
    else if (first + LOG_ROWS > st->top + h)
        scroll_to(st, first + LOG_ROWS - h);
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
    int label_w = 14, first_m, nm = months_shown(a.w, label_w, st->month, &first_m);
    int y0 = a.y + 2, h = view_rows();
    scroll_to(st, st->top);     /* the size may have changed */
    /* The months' names stay on the row under the title. */
    tui_draw_text(a.y + 1, a.x, a.w, "", TUI_ALIGN_LEFT, tui_attr(TUI_C_NORMAL));
    for (int i = 0; i < nm; i++)
        tui_draw_text(a.y + 1, a.x + 1 + label_w + i * BAR_W, BAR_W - 1, _(months[first_m + i]), TUI_ALIGN_RIGHT,
                      tui_attr(TUI_C_MUTED));
    for (int r = 0; r < h; r++)
        tui_draw_text(y0 + r, a.x, a.w - 1, "", TUI_ALIGN_LEFT, tui_attr(TUI_C_NORMAL));
#define ROW_Y(row) (y0 + (row) - st->top)
#define ROW_SHOWN(row) ((row) >= st->top && (row) < st->top + h)
    for (int log = 0; log < IND_LOGS; log++) {
        const struct kind *k = ind_log_kind((enum ind_log)log);
        int r0 = log * LOG_ROWS;
        long max = 0, total = 0;
        for (int m = 0; m < 12; m++) {
            if (st->monthly[log][m] > max)
                max = st->monthly[log][m];
            total += st->monthly[log][m];
        }
        if (ROW_SHOWN(r0))
            tui_draw_text(ROW_Y(r0), a.x + 1, label_w, _(k->plural), TUI_ALIGN_LEFT,
                          tui_attr(log == st->log ? TUI_C_HEADER : TUI_C_NORMAL));
        char sum[64];
        format_count_text(total, sum);
        if (ROW_SHOWN(r0 + 1))
            tui_draw_text(ROW_Y(r0 + 1), a.x + 1, label_w, sum, TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
        for (int i = 0; i < nm; i++) {
            int m = first_m + i, x = a.x + 1 + label_w + i * BAR_W;
            bool sel = log == st->log && m == st->month;
            attr_t at = tui_attr(sel ? TUI_C_SELECTED : TUI_C_NORMAL);
            for (int row = 0; row < BAR_H; row++) {
                if (!ROW_SHOWN(r0 + row))
                    continue;
                const char *c = bar_cell(st->monthly[log][m], max, BAR_H - 1 - row, utf8);
                char cell[32];
                snprintf(cell, sizeof cell, "%s%s%s ", c, c, c);
                tui_draw_text(ROW_Y(r0 + row), x, BAR_W, cell, TUI_ALIGN_LEFT, at);
            }
            char n[64];
            format_count_text(st->monthly[log][m], n);
            if (tui_text_width(n) > (size_t)BAR_W - 1)  /* 1 234 is wider than a bar: 1234 rather than cut */
                snprintf(n, sizeof n, "%ld", st->monthly[log][m]);
            if (ROW_SHOWN(r0 + BAR_H))
                tui_draw_text(ROW_Y(r0 + BAR_H), x, BAR_W - 1, n, TUI_ALIGN_RIGHT, at);
        }
    }
    for (size_t i = 0; i < st->nwrapped; i++)
        if (ROW_SHOWN(LINES_ROW + (int)i))
            tui_draw_text(ROW_Y(LINES_ROW + (int)i), a.x + 1, a.w - 2, st->wrapped[i], TUI_ALIGN_LEFT,
                          tui_attr(TUI_C_NORMAL));
    tui_draw_scrollbar(y0, a.x + a.w - 1, h, st->top, h, content_rows(st), tui_attr(TUI_C_BAR));
    int cursor = st->log * LOG_ROWS + BAR_H;
    tui_draw_cursor(ROW_SHOWN(cursor) ? ROW_Y(cursor) : y0,
                    a.x + 1 + label_w + (st->month - first_m) * BAR_W);
#undef ROW_Y
#undef ROW_SHOWN
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
        show_log(st);
        return TUI_REDRAW;
    case TUI_ACT_MOVE_DOWN:
        st->log = st->log < IND_LOGS - 1 ? st->log + 1 : 0;
        show_log(st);
        return TUI_REDRAW;
    case TUI_ACT_PAGE_UP:
    case TUI_ACT_PAGE_DOWN:
    case TUI_ACT_HALF_PAGE_UP:
    case TUI_ACT_HALF_PAGE_DOWN: {
        int h = view_rows(), by = action == TUI_ACT_PAGE_UP || action == TUI_ACT_PAGE_DOWN ? h - 1 : h / 2;
        by = by < 1 ? 1 : by;
        scroll_to(st, st->top + (action == TUI_ACT_PAGE_UP || action == TUI_ACT_HALF_PAGE_UP ? -by : by));
        return TUI_REDRAW;
    }
    case TUI_ACT_TOP:
        scroll_to(st, 0);
        return TUI_REDRAW;
    case TUI_ACT_BOTTOM:
        scroll_to(st, content_rows(st));
        return TUI_REDRAW;
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
