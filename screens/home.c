/* Home: the facilitator's centre, this month's and this year's counts per
 * logbook, the latest entries and what is due (follow-ups past due,
 * sittings planned). Counts come from indexed date ranges (query_count),
 * never from walking rows. q here leaves carnet, after a question. */
#include "screens/screens.h"
#include "tui/color.h"
#include "model/format.h"
#include "model/query.h"
#include "model/timeline.h"
#include "tui/dialog.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>

#define HOME_LINES 64

struct home_state {
    char *lines[HOME_LINES];
    int style[HOME_LINES];
    size_t n;
    unsigned gen;
};

static const char *const logbooks[] = {"initiative", "meeting", "action", "difficulty"};

static void line(struct home_state *st, int style, char *text)
{
    if (st->n == HOME_LINES) {
        free(text);
        return;
    }
    st->style[st->n] = style;
    st->lines[st->n++] = text;
}

static void home_clear(struct home_state *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->lines[i]);
    st->n = 0;
}

static long count_between(const struct kind *k, const char *from, const char *to)
{
    struct query q;
    struct error err;
    error_clear(&err);
    query_init(&q, k);
    q.from = from;
    q.to = to;
    return query_count(screens_store(), &q, &err);
}

static long count_all(const char *kind)
{
    return count_between(kind_find(kind), NULL, NULL);
}

/* What a store still lacks for the logbooks to be kept, each with the
 * keys that set it up: on the first day the way is on Home, not in the
 * source. */
static void add_next_steps(struct home_state *st, bool has_centre)
{
    const char *steps[4];
    size_t n = 0;
    long centres = count_all("centre");
    if (centres == 0)
        steps[n++] = _("No centre: 0 Administration → Centres, then a to add one.");
    else if (!has_centre && screens_may_write(kind_find("member"), false))
        steps[n++] = _("You have no centre: 0 Administration → Members and roles, then e.");
    else if (!has_centre && store_role(screens_store()) == ROLE_FACILITATOR)
        steps[n++] = _("You have no centre: an administrator can attach you to yours.");
    if (count_all("territory") == 0)
        steps[n++] = _("No territory: 0 Administration → Territories, then a to add one.");
    if (centres > 0 && count_all("body") == 0)
        steps[n++] = _("No governance body: 3 Governance, then a to add one.");
    if (n == 0)
        return;
    line(st, TUI_C_NORMAL, xstrdup(""));
    line(st, TUI_C_HEADER, xstrdup(_("To do next")));
    for (size_t i = 0; i < n; i++)
        line(st, TUI_C_WARNING, xasprintf("  %s", steps[i]));
}

static void add_who(struct home_state *st)
{
    struct store *s = screens_store();
    struct record *m = screens_member();
    char *centre = m ? format_value_text(s, kind_field(m->kind, "centre"), record_get(m, "centre")) : xstrdup("");
    line(st, TUI_C_NORMAL, xasprintf(_("%s: %s"), _("You"), store_login(s)));
    line(st, TUI_C_NORMAL, xasprintf(_("%s: %s"), _("Centre"), *centre ? centre : _("(none)")));
    add_next_steps(st, *centre != '\0');
    free(centre);
    record_free(m);
}

static void add_counts(struct home_state *st)
{
    char today[11], month[11], year[11];
    store_today(today);
    snprintf(month, sizeof month, "%.7s-01", today);
    snprintf(year, sizeof year, "%.4s-01-01", today);
    line(st, TUI_C_NORMAL, xstrdup(""));
    line(st, TUI_C_HEADER, xasprintf("%-28s %12s %12s", _("Logbook"), _("This month"), _("This year")));
    for (size_t i = 0; i < sizeof logbooks / sizeof logbooks[0]; i++) {
        const struct kind *k = kind_find(logbooks[i]);
        char *name = tui_text_fit(_(k->plural), 28, TUI_ALIGN_LEFT), n[64];
        /* fitted in columns: a narrow no-break space is 3 bytes, 1 column */
        format_count_text(count_between(k, month, today), n);
        char *in_month = tui_text_fit(n, 12, TUI_ALIGN_RIGHT);
        format_count_text(count_between(k, year, today), n);
        char *in_year = tui_text_fit(n, 12, TUI_ALIGN_RIGHT);
        line(st, TUI_C_NORMAL, xasprintf("%s %s %s", name, in_month, in_year));
        free(name);
        free(in_month);
        free(in_year);
    }
}

struct latest {
    struct home_state *st;
    int style;
    const char *prefix;
};

static int latest_fn(struct record *r, bool *keep, void *ctx)
{
    struct latest *l = ctx;
    (void)keep;
    char date[11];
    numdate_date_display(record_get(r, r->kind->date_field), date);
    char *title = record_title(screens_store(), r);
    line(l->st, l->style, xasprintf("%s%-10s  %-12s %s", l->prefix, date, _(r->kind->label), title));
    free(title);
    return 0;
}

static int due_fn(struct record *r, bool *keep, void *ctx)
{
    struct latest *l = ctx;
    char today[11];
    store_today(today);
    const char *due = record_get(r, "follow_up_due");
    if (due && strcmp(due, today) < 0 && l->st->n < HOME_LINES - 8)
        return latest_fn(r, keep, ctx);
    return 0;
}

static void add_latest(struct home_state *st)
{
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    line(st, TUI_C_NORMAL, xstrdup(""));
    line(st, TUI_C_HEADER, xstrdup(_("Latest entries")));
    /* Initiatives and actions merged, newest first whatever their kind. */
    struct timeline_filter tf = {.value = {NULL}};
    for (int i = 0; i < TL_FILTERS; i++)
        if (strcmp(timeline_fields[i], "logbook") == 0)
            tf.value[i] = "initiative,action";
    struct latest ll = {st, TUI_C_NORMAL, "  "};
    timeline_run(s, &tf, NULL, NULL, false, false, 6, latest_fn, &ll, &err);
    char today[11];
    store_today(today);
    line(st, TUI_C_NORMAL, xstrdup(""));
    line(st, TUI_C_HEADER, xstrdup(_("Due")));
    size_t before = st->n;
    /* Follow-ups past due among the recent actions (a bounded walk). */
    struct query q;
    struct latest l = {st, TUI_C_WARNING, "! "};
    query_init(&q, kind_find("action"));
    q.limit = 200;
    query_run(s, &q, due_fn, &l, &err);
    /* Open difficulties: the partners' charter asks a centre to inform its
     * partners at once, so they stay in sight until resolved. */
    struct query d;
    struct latest ld = {st, TUI_C_WARNING, "! "};
    query_init(&d, kind_find("difficulty"));
    query_where_add(&d, "status", "open", &err);
    long nopen = query_count(s, &d, &err);
    if (nopen > 0) {
        line(st, TUI_C_WARNING, xasprintf(ngettext("  %ld open difficulty, the latest:", "  %ld open difficulties, the latest:",
                                                   (unsigned long)nopen), nopen));
        d.limit = 2;
        query_run(s, &d, latest_fn, &ld, &err);
    }
    struct query m;
    struct latest lm = {st, TUI_C_NORMAL, "  "};
    query_init(&m, kind_find("meeting"));
    m.from = today;
    m.ascending = true;
    m.limit = 3;
    query_run(s, &m, latest_fn, &lm, &err);
    if (st->n == before)
        line(st, TUI_C_MUTED, xstrdup(_("  Nothing due.")));
}

static int home_reload(void *state)
{
    struct home_state *st = state;
    st->gen = screens_generation();
    home_clear(st);
    add_who(st);
    add_counts(st);
    add_latest(st);
    return TUI_REDRAW;
}

static int home_open(void *state, void *arg)
{
    (void)arg;
    home_reload(state);
    return 0;
}

static void home_draw(void *state)
{
    struct home_state *st = state;
    struct tui_rect a = tui_screen_area();
    struct store *s = screens_store();
    char *title = *store_name(s) ? xasprintf("carnet — %s", store_name(s)) : xstrdup("carnet");
    tui_draw_text(a.y, a.x, a.w, title, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    free(title);
    for (size_t i = 0; i < st->n && (int)i + 2 < a.h; i++)
        tui_draw_text(a.y + 2 + (int)i, a.x + 1, a.w - 1, st->lines[i], TUI_ALIGN_LEFT, tui_attr(st->style[i]));
    int hy = a.y + a.h - 1;
    if (a.h > (int)st->n + 4) {
        /* The keys as bound (the user's own too), never written by hand. */
        char *sections = xstrdup(SCREENS_HINT_WORDS(
            &tui_keymap_global, {TUI_ACT_SECTION(2), screens_section_name(2)},
            {TUI_ACT_SECTION(3), screens_section_name(3)}, {TUI_ACT_SECTION(4), screens_section_name(4)},
            {TUI_ACT_SECTION(8), screens_section_name(8)}));
        tui_draw_text(hy - 1, a.x, a.w, sections, TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
        free(sections);
        tui_draw_text(hy, a.x, a.w,
                      SCREENS_HINT_WORDS(&tui_keymap_global, {TUI_ACT_SECTION(0), screens_section_name(0)},
                                         {TUI_ACT_HELP, NULL}, {TUI_ACT_BACK, tui_action_hint(TUI_ACT_QUIT)}),
                      TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
    }
    tui_draw_cursor(a.y, a.x);
}

static int home_handle(void *state, int action, int key)
{
    (void)state, (void)key;
    if (action == TUI_ACT_BACK)
        return tui_dialog_confirm(_("Leave carnet?"), true) ? TUI_QUIT : TUI_REDRAW;
    return TUI_PASS;
}

static int home_idle(void *state)
{
    return store_data_changed(screens_store()) ? home_reload(state) : TUI_DONE;
}

static void home_layout(void *state, struct tui_rect area)
{
    struct home_state *st = state;
    (void)area;
    if (st->gen != screens_generation())
        home_reload(st);    /* back from a form: the counts moved */
}

static void home_close(void *state)
{
    home_clear(state);
}

const struct tui_screen_ops home_screen = {
    .name = N_("Home"), .state_size = sizeof(struct home_state), .open = home_open,
    .layout = home_layout, .draw = home_draw, .handle = home_handle, .reload = home_reload,
    .idle = home_idle, .close = home_close,
};
