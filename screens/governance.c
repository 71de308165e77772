/* Governance (section 3): the bodies of a centre with their composition and
 * the citizens' council warning, and a body's own view: composition by
 * college, the year's figures, its seats (add, edit, end a term), its
 * sittings (add, edit, delete with undo) and the sittings its rhythm plans
 * that are not held yet. Figures come from model/governance.h; sittings
 * page through keyset queries, never a whole table. */
#include "screens/screens.h"
#include "model/format.h"
#include "model/governance.h"
#include "model/query.h"
#include "tui/color.h"
#include "tui/dialog.h"
#include "tui/listview.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>

/* ---- Shared bits ---------------------------------------------------------- */

/* The warning mark: never colour alone, and ASCII outside UTF-8. */
static const char *warn_mark(void)
{
    return tui_text_utf8_locale() ? "\u26a0" : "!";
}

/* The separator of titles: an em dash, or a hyphen outside UTF-8. */
static const char *dash(void)
{
    return tui_text_utf8_locale() ? " \u2014 " : " - ";
}

static char *percent_text(long part, long whole)
{
    int p = gov_percent(part, whole);
    return p < 0 ? xstrdup("-") : xasprintf("%d%%", p);
}

static const char *choice_text(const char *kind, const char *field, const char *code)
{
    const char *label = code ? field_choice_label(kind_field(kind_find(kind), field), code) : NULL;
    return label ? _(label) : code ? code : "";
}

/* A list source over rows the screen holds itself (bodies of a centre,
 * planned sittings of a year: a few dozen at most). */
struct array_src {
    size_t n;
    const char *(*key)(void *owner, size_t i);
    void (*fill)(void *owner, size_t i, struct tui_list_row *row);
    void *owner;
};

static long array_index(const struct array_src *a, const char *key)
{
    for (size_t i = 0; key && i < a->n; i++)
        if (strcmp(a->key(a->owner, i), key) == 0)
            return (long)i;
    return -1;
}

static int array_fetch(void *ctx, const char *anchor, int dir, size_t max, struct tui_list_row *out)
{
    struct array_src *a = ctx;
    long at = anchor ? array_index(a, anchor) : -1;
    long i;
    if (dir > 0)
        i = anchor ? (at < 0 ? (long)a->n : at + 1) : 0;
    else if (dir < 0)
        i = anchor ? at - 1 : (long)a->n - 1;
    else
        i = at < 0 ? 0 : at;
    size_t got = 0;
    for (; got < max && i >= 0 && i < (long)a->n; i += dir < 0 ? -1 : 1)
        a->fill(a->owner, (size_t)i, &out[got++]);
    return (int)got;
}

static long array_count(void *ctx)
{
    return (long)((struct array_src *)ctx)->n;
}

static long array_index_of(void *ctx, const char *key)
{
    return array_index(ctx, key);
}

/* ---- A body: composition, figures, seats, sittings, planned ---------------- */

enum pane { P_SITTINGS, P_SEATS, P_PLANNED, P_COUNT };

struct body_state;

/* A pane whose rows are records of one kind of this body, paged by keyset
 * queries (sittings can be many). */
struct rec_pane {
    struct body_state *bs;
    const struct kind *kind;
    size_t ncols;
    void (*fill)(struct body_state *bs, const struct record *r, struct tui_list_row *row);
};

struct body_state {
    char id[37];
    char *name, *kind, *centre_name, *meets_every;
    struct gov_composition comp;
    unsigned warnings;
    int year;
    struct gov_year fig;
    struct gov_planned *planned;    /* this year's, not held */
    size_t nplanned;
    struct array_src planned_src;
    struct rec_pane sittings, seats;
    struct tui_listview *lv[P_COUNT];
    int pane;
    struct tui_rect area;
    char *pos;
    unsigned gen;
    bool writable;
};

enum { S_DATE, S_ATT, S_INHAB, S_FIRST, S_WOMEN, S_LEVEL, S_NCOLS };
static const struct tui_list_column sitting_cols[S_NCOLS] = {
    {N_("Held on"), 10, 0, TUI_ALIGN_LEFT},    {N_("Present"), 8, 0, TUI_ALIGN_RIGHT},
    {N_("Inhab."), 7, 0, TUI_ALIGN_RIGHT},     {N_("New"), 5, 0, TUI_ALIGN_RIGHT},
    {N_("Women"), 6, 0, TUI_ALIGN_RIGHT},      {N_("Participation level"), 0, 1, TUI_ALIGN_LEFT},
};
enum { T_COLLEGE, T_HOLDER, T_WOMAN, T_QPV, T_START, T_END, T_STATE, T_NCOLS };
static const struct tui_list_column seat_cols[T_NCOLS] = {
    {N_("College"), 0, 2, TUI_ALIGN_LEFT},     {N_("Holder"), 0, 2, TUI_ALIGN_LEFT},
    {N_("Woman"), 6, 0, TUI_ALIGN_LEFT},       {N_("QPV"), 4, 0, TUI_ALIGN_LEFT},
    {N_("From"), 10, 0, TUI_ALIGN_LEFT},       {N_("Until"), 10, 0, TUI_ALIGN_LEFT},
    {N_("Term"), 0, 1, TUI_ALIGN_LEFT},
};
enum { L_DATE, L_END, L_STATE, L_NCOLS };
static const struct tui_list_column planned_cols[L_NCOLS] = {
    {N_("Planned on"), 11, 0, TUI_ALIGN_LEFT}, {N_("Period ends"), 12, 0, TUI_ALIGN_LEFT},
    {N_("State"), 0, 1, TUI_ALIGN_LEFT},
};

static const struct tui_keybind body_write_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"}, {TUI_ACT_ADD, "a"}, {TUI_ACT_EDIT, "e"}, {TUI_ACT_DELETE, "d DEL"},
    {TUI_ACT_UNDO, "u"}, {TUI_ACT_NEXT_FIELD, "TAB"}, {TUI_ACT_PREV_FIELD, "BTAB"}, TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
static const struct tui_keybind body_read_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"}, {TUI_ACT_NEXT_FIELD, "TAB"}, {TUI_ACT_PREV_FIELD, "BTAB"},
    TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
/* Not const: draw() points it at the bindings this login may use. */
static struct tui_keymap body_keys = {N_("A body: Tab switches sittings, seats, planned"), body_write_binds, "body"};

static char *count_text(const struct record *r, const char *field)
{
    const char *v = record_get(r, field);
    return xstrdup(v ? v : "-");
}

static void sitting_fill(struct body_state *bs, const struct record *r, struct tui_list_row *row)
{
    (void)bs;
    char d[11];
    numdate_date_display(record_get(r, "held_on"), d);
    row->cells[S_DATE] = xstrdup(d);
    row->cells[S_ATT] = count_text(r, "attendees");
    row->cells[S_INHAB] = count_text(r, "inhabitants_present");
    row->cells[S_FIRST] = count_text(r, "first_timers");
    row->cells[S_WOMEN] = count_text(r, "women");
    row->cells[S_LEVEL] = xstrdup(choice_text("meeting", "participation_level", record_get(r, "participation_level")));
}

/* Whether the seat's term covers today, has ended, or has not begun (the
 * rule of model/governance.h: term_end is the first day without it). */
enum term_state { TERM_CURRENT, TERM_ENDED, TERM_FUTURE };

static enum term_state term_state(const struct record *r)
{
    char today[11];
    store_today(today);
    const char *start = record_get(r, "term_start"), *end = record_get(r, "term_end");
    if (start && strcmp(start, today) > 0)
        return TERM_FUTURE;
    if (end && strcmp(end, today) <= 0)
        return TERM_ENDED;
    return TERM_CURRENT;
}

static void seat_fill(struct body_state *bs, const struct record *r, struct tui_list_row *row)
{
    (void)bs;
    struct store *s = screens_store();
    const struct kind *k = r->kind;
    row->cells[T_COLLEGE] = xstrdup(choice_text("seat", "college", record_get(r, "college")));
    const char *holder = record_get(r, "holder");
    row->cells[T_HOLDER] = holder ? format_value_text(s, kind_field(k, "holder"), holder) : xstrdup(_("(no holder)"));
    row->cells[T_WOMAN] = format_value_text(s, kind_field(k, "woman"), record_get(r, "woman"));
    row->cells[T_QPV] = format_value_text(s, kind_field(k, "from_qpv"), record_get(r, "from_qpv"));
    row->cells[T_START] = format_value_text(s, kind_field(k, "term_start"), record_get(r, "term_start"));
    row->cells[T_END] = format_value_text(s, kind_field(k, "term_end"), record_get(r, "term_end"));
    enum term_state t = term_state(r);
    row->cells[T_STATE] = xstrdup(t == TERM_CURRENT ? _("current") : t == TERM_ENDED ? _("ended") : _("not begun"));
    row->style = t == TERM_CURRENT ? 0 : TUI_C_MUTED;
}

static void pane_fill(struct record *r, struct tui_list_row *row, void *ctx)
{
    struct rec_pane *p = ctx;
    p->fill(p->bs, r, row);
}

static void pane_query(const struct rec_pane *p, struct query *q)
{
    query_init(q, p->kind);
    query_where_add(q, "body", p->bs->id, NULL);
}

static int pane_fetch(void *ctx, const char *anchor, int dir, size_t max, struct tui_list_row *out)
{
    struct rec_pane *p = ctx;
    struct query q;
    pane_query(p, &q);
    return screens_keyset_fetch(&q, anchor, dir, max, out, p->ncols, pane_fill, p);
}

static long pane_count(void *ctx)
{
    struct query q;
    struct error err;
    error_clear(&err);
    pane_query(ctx, &q);
    return query_count(screens_store(), &q, &err);
}

static const char *planned_key(void *owner, size_t i)
{
    return ((struct body_state *)owner)->planned[i].id;
}

static void planned_fill(void *owner, size_t i, struct tui_list_row *row)
{
    const struct gov_planned *p = &((struct body_state *)owner)->planned[i];
    tui_list_row_init(row, p->id, L_NCOLS);
    char d[11], today[11];
    numdate_date_display(p->date, d);
    row->cells[L_DATE] = xstrdup(d);
    numdate_date_display(p->period_end, d);
    row->cells[L_END] = xstrdup(d);
    store_today(today);
    if (strcmp(p->period_end, today) < 0) {     /* said in words, not by colour alone */
        row->cells[L_STATE] = xasprintf("! %s", _("not held, period over"));
        row->style = TUI_C_WARNING;
    } else {
        row->cells[L_STATE] = xstrdup(strcmp(p->date, today) <= 0 ? _("to hold this period") : _("to come"));
    }
}

/* Reads the body and its figures again (after a write, or another process's). */
static void body_load(struct body_state *bs)
{
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, bs->id, &err);
    free(bs->name), free(bs->kind), free(bs->centre_name), free(bs->meets_every);
    bs->name = xstrdup(r && record_get(r, "name") ? record_get(r, "name") : _("(missing body)"));
    bs->kind = r ? xstrdup(record_get(r, "kind")) : NULL;
    bs->meets_every = r ? xstrdup(record_get(r, "meets_every")) : NULL;
    bs->centre_name = r ? format_value_text(s, kind_field(r->kind, "centre"), record_get(r, "centre")) : xstrdup("");
    record_free(r);
    if (gov_composition(s, bs->id, NULL, &bs->comp, &err) != 0)
        screens_error_message(&err);
    bs->warnings = gov_warnings(bs->kind, &bs->comp);
    char today[11];
    store_today(today);
    bs->year = (int)strtol(today, NULL, 10);
    error_clear(&err);
    if (gov_year(s, bs->id, bs->year, &bs->fig, &err) != 0)
        screens_error_message(&err);
    free(bs->planned);
    bs->planned = NULL;
    bs->nplanned = 0;
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", bs->year % 10000);
    snprintf(to, sizeof to, "%04d-12-31", bs->year % 10000);
    struct gov_planned *all = NULL;
    size_t n = 0;
    error_clear(&err);
    if (gov_planned(s, bs->id, from, to, &all, &n, &err) != 0 && err.code != ERR_NOTFOUND)
        screens_error_message(&err);
    for (size_t i = 0; i < n; i++)
        if (!all[i].held) {
            if (!bs->planned)
                bs->planned = xcalloc(n, sizeof *bs->planned);
            bs->planned[bs->nplanned++] = all[i];
        }
    free(all);
    bs->planned_src.n = bs->nplanned;
}

static int body_open(void *state, void *arg)
{
    struct body_state *bs = state;
    const char *id = arg;
    if (!id)
        return -1;
    snprintf(bs->id, sizeof bs->id, "%s", id);
    bs->sittings = (struct rec_pane){bs, kind_find("meeting"), S_NCOLS, sitting_fill};
    bs->seats = (struct rec_pane){bs, kind_find("seat"), T_NCOLS, seat_fill};
    bs->planned_src = (struct array_src){0, planned_key, planned_fill, bs};
    body_load(bs);
    struct tui_list_source ssrc = {pane_fetch, pane_count, NULL, &bs->sittings};
    struct tui_list_source tsrc = {pane_fetch, pane_count, NULL, &bs->seats};
    struct tui_list_source psrc = {array_fetch, array_count, array_index_of, &bs->planned_src};
    bs->lv[P_SITTINGS] = tui_listview_new(&ssrc, sitting_cols, S_NCOLS);
    bs->lv[P_SEATS] = tui_listview_new(&tsrc, seat_cols, T_NCOLS);
    bs->lv[P_PLANNED] = tui_listview_new(&psrc, planned_cols, L_NCOLS);
    bs->writable = screens_may_write(kind_find("meeting"), false);
    tui_listview_set_empty_text(bs->lv[P_SITTINGS], bs->writable ? _("No sitting yet: press a to add one.")
                                                                 : _("No sitting yet."));
    tui_listview_set_empty_text(bs->lv[P_SEATS], bs->writable ? _("No seat yet: press a to add one.")
                                                              : _("No seat yet."));
    tui_listview_set_empty_text(bs->lv[P_PLANNED], bs->meets_every && strcmp(bs->meets_every, "none")
                                                       ? _("Every planned sitting of this year is held.")
                                                       : _("This body has no fixed rhythm: nothing is planned."));
    bs->gen = screens_generation();
    return 0;
}

static void body_refresh(struct body_state *bs)
{
    body_load(bs);
    for (int i = 0; i < P_COUNT; i++)
        tui_listview_reload(bs->lv[i]);
}

/* Header lines above the list: title, warning, shares, colleges, year,
 * levels, tabs (lines without text are skipped). */
#define BODY_HEAD 7

static void body_layout(void *state, struct tui_rect area)
{
    struct body_state *bs = state;
    bs->area = area;
    if (bs->gen != screens_generation()) {
        /* Another screen wrote (a form): show what it wrote. */
        bs->gen = screens_generation();
        body_refresh(bs);
        const char *id = screens_touched_id();
        const struct kind *k = *id ? record_kind_of(screens_store(), id) : NULL;
        if (k == bs->sittings.kind) {
            bs->pane = P_SITTINGS;
            tui_listview_select_key(bs->lv[P_SITTINGS], id);
        } else if (k == bs->seats.kind) {
            tui_listview_select_key(bs->lv[P_SEATS], id);
        }
    }
    int head = area.h >= BODY_HEAD + 3 ? BODY_HEAD : area.h >= 4 ? 2 : 1;
    struct tui_rect r = {area.y + head, area.x, area.h - head, area.w};
    if (r.h < 2)
        r.h = 2;
    for (int i = 0; i < P_COUNT; i++)
        tui_listview_layout(bs->lv[i], r);
}

static char *shares_text(const struct body_state *bs)
{
    char *inh = percent_text(bs->comp.inhabitants, bs->comp.seats);
    char *wom = percent_text(bs->comp.women, bs->comp.seats);
    char *qpv = percent_text(bs->comp.from_qpv, bs->comp.seats);
    char *t = xasprintf(_("Seats: %ld | inhabitants %s | women %s | from a QPV %s | no holder: %ld"),
                        bs->comp.seats, inh, wom, qpv, bs->comp.no_holder);
    free(inh), free(wom), free(qpv);
    return t;
}

static char *colleges_text(const struct body_state *bs)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, _("By college:"));
    const struct field *f = kind_field(kind_find("seat"), "college");
    const char *sep = " ";
    for (int i = 0; f->choices[i].code && i < GOV_MAX_CODES; i++)
        if (bs->comp.by_college[i]) {
            strbuf_addf(&b, "%s%s %ld", sep, _(f->choices[i].label), bs->comp.by_college[i]);
            sep = ", ";
        }
    if (!bs->comp.seats)
        strbuf_addf(&b, " %s", _("no seat"));
    return strbuf_detach(&b);
}

static char *warning_text(const struct body_state *bs)
{
    if (!bs->warnings)
        return NULL;
    struct strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "%s %s", warn_mark(), _("Warning:"));
    if (bs->warnings & GOV_WARN_NO_SEATS)
        strbuf_addf(&b, " %s", _("no seat is recorded for this citizens' council."));
    if (bs->warnings & GOV_WARN_FEW_INHABITANTS)
        strbuf_addf(&b, _(" inhabitants hold %d%% of the seats, fewer than half."),
                    gov_percent(bs->comp.inhabitants, bs->comp.seats));
    if (bs->warnings & GOV_WARN_NO_PARITY)
        strbuf_addf(&b, _(" no gender parity: women hold %d%% of the seats (%d%% to %d%% expected)."),
                    gov_percent(bs->comp.women, bs->comp.seats), GOV_PARITY_MIN, GOV_PARITY_MAX);
    return strbuf_detach(&b);
}

static char *year_text(const struct body_state *bs)
{
    const struct gov_year *y = &bs->fig;
    struct strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, _("%d: sittings %ld"), bs->year, y->sittings);
    if (y->planned)
        strbuf_addf(&b, _(" | planned %ld, held %ld"), y->planned, y->planned_held);
    if (y->with_attendees)
        strbuf_addf(&b, _(" | average present %.1f, inhab. %.1f"), y->avg_attendees, y->avg_inhabitants);
    strbuf_addf(&b, _(" | new %ld"), y->first_timers);
    return strbuf_detach(&b);
}

static char *levels_text(const struct body_state *bs)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, _("Participation levels:"));
    const struct field *f = kind_field(kind_find("meeting"), "participation_level");
    const char *sep = " ";
    for (int i = 0; f->choices[i].code && i < GOV_MAX_CODES; i++)
        if (bs->fig.levels[i]) {
            strbuf_addf(&b, "%s%s %ld", sep, _(f->choices[i].label), bs->fig.levels[i]);
            sep = ", ";
        }
    if (bs->fig.level_unset)
        strbuf_addf(&b, "%s%s %ld", sep, _("not given"), bs->fig.level_unset);
    else if (!bs->fig.sittings)
        strbuf_addf(&b, " %s", _("none this year"));
    return strbuf_detach(&b);
}

static void body_draw(void *state)
{
    struct body_state *bs = state;
    body_keys.binds = bs->writable ? body_write_binds : body_read_binds;
    struct tui_rect a = bs->area;
    int head = a.h >= BODY_HEAD + 3 ? BODY_HEAD : a.h >= 4 ? 2 : 1;
    tui_draw_fill((struct tui_rect){a.y, a.x, head, a.w}, tui_attr(TUI_C_NORMAL));
    const char *every = bs->meets_every ? choice_text("body", "meets_every", bs->meets_every) : "";
    const char *d = dash();
    char *t = xasprintf("%s%s%s%s%s%s%s", bs->name, d, choice_text("body", "kind", bs->kind), d, bs->centre_name,
                        *every ? d : "", every);
    tui_draw_text(a.y, a.x, a.w, t, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    free(t);
    char *lines[] = {warning_text(bs), shares_text(bs), colleges_text(bs), year_text(bs), levels_text(bs)};
    int y = a.y + 1;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (lines[i] && y < a.y + head - 1) {
            bool warn = i == 0;     /* the mark and the word say it, the colour repeats it */
            tui_draw_text(y++, a.x, a.w, lines[i], TUI_ALIGN_LEFT,
                          warn ? tui_attr(TUI_C_WARNING) | A_BOLD : tui_attr(TUI_C_NORMAL));
        }
        free(lines[i]);
    }
    if (head >= 2) {
        /* The tabs: the active one in brackets, so not by attribute alone. */
        static const char *const names[P_COUNT] = {N_("Sittings"), N_("Seats"), N_("Planned, not held")};
        long counts[P_COUNT] = {tui_listview_count(bs->lv[P_SITTINGS]), tui_listview_count(bs->lv[P_SEATS]),
                                (long)bs->nplanned};
        int x = a.x;
        for (int i = 0; i < P_COUNT && x < a.x + a.w; i++) {
            char *tab = counts[i] >= 0 ? xasprintf(i == bs->pane ? "[%s %ld]" : " %s %ld ", _(names[i]), counts[i])
                                       : xasprintf(i == bs->pane ? "[%s]" : " %s ", _(names[i]));
            int w = (int)tui_text_width(tab);
            if (w > a.x + a.w - x)
                w = a.x + a.w - x;
            tui_draw_text(a.y + head - 1, x, w, tab, TUI_ALIGN_LEFT,
                          i == bs->pane ? tui_attr(TUI_C_SELECTED) : tui_attr(TUI_C_HEADER));
            x += w + 1;
            free(tab);
        }
    }
    tui_listview_draw(bs->lv[bs->pane]);
}

static void open_form(const struct kind *k, const char *id, const char *const *presets)
{
    struct form_arg fa = {k, id, presets};
    tui_screen_push(&form_screen, &fa);
}

static void add_record(struct body_state *bs, const struct kind *k, const char *date_field, const char *date)
{
    char *body = xasprintf("body=%s", bs->id);
    char *when = date ? xasprintf("%s=%s", date_field, date) : NULL;
    const char *presets[] = {body, when, NULL};
    open_form(k, NULL, presets);
    free(body);
    free(when);
}

static int delete_sitting(struct body_state *bs, const char *id)
{
    struct error err;
    error_clear(&err);
    char d[11] = "";
    const struct tui_list_row *row = tui_listview_selected(bs->lv[P_SITTINGS]);
    if (row && row->cells[S_DATE])
        snprintf(d, sizeof d, "%s", row->cells[S_DATE]);
    if (record_delete(screens_store(), id, &err) != 0) {
        screens_error_message(&err);
        return TUI_REDRAW;
    }
    undo_note(screens_undo_log(), UNDO_CHANGE_DELETE, id);
    screens_touch(id);
    bs->gen = screens_generation();
    body_refresh(bs);
    tui_screen_message(TUI_MSG_INFO, _("Sitting of %s deleted (u to undo)"), d);
    return TUI_REDRAW;
}

/* d on a seat: a current term ends today (the seat stays in the history);
 * a seat whose term has not begun or has ended already goes to the trash. */
static int end_or_delete_seat(struct body_state *bs, const char *id)
{
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, id, &err);
    if (!r) {
        screens_error_message(&err);
        return TUI_REDRAW;
    }
    enum term_state t = term_state(r);
    if (t == TERM_CURRENT) {
        if (tui_dialog_confirm(_("End the term of this seat today?"), true)) {
            char today[11];
            store_today(today);
            struct record *before = record_dup(r);
            record_set(r, "term_end", today, NULL);
            if (record_update(s, r, &err) != 0) {
                screens_error_message(&err);
            } else {
                undo_note_edit(screens_undo_log(), before, r);
                tui_screen_message(TUI_MSG_INFO, "%s", _("Term ended today (u to undo)"));
            }
            record_free(before);
        }
    } else if (tui_dialog_confirm(_("Delete this seat?"), false)) {
        if (record_delete(s, id, &err) != 0) {
            screens_error_message(&err);
        } else {
            undo_note(screens_undo_log(), UNDO_CHANGE_DELETE, id);
            tui_screen_message(TUI_MSG_INFO, "%s", _("Seat deleted (u to undo)"));
        }
    }
    record_free(r);
    screens_touch(id);
    bs->gen = screens_generation();
    body_refresh(bs);
    return TUI_REDRAW;
}

/* u: the session's last change, whatever it was and wherever it was made
 * (a seat's term ended here, a sitting added in its form...), then the lists
 * again with the record put back selected. */
static int body_undo(struct body_state *bs)
{
    (void)screens_undo();       /* says what it undid */
    bs->gen = screens_generation();
    body_refresh(bs);
    const char *id = screens_touched_id();
    if (*id)
        tui_listview_select_key(bs->lv[bs->pane == P_SEATS ? P_SEATS : P_SITTINGS], id);
    return TUI_REDRAW;
}

static int body_handle(void *state, int action, int key)
{
    struct body_state *bs = state;
    (void)key;
    struct tui_listview *lv = bs->lv[bs->pane];
    if (tui_listview_handle(lv, action))
        return TUI_REDRAW;
    if (action == TUI_ACT_NEXT_FIELD || action == TUI_ACT_PREV_FIELD) {
        bs->pane = (bs->pane + (action == TUI_ACT_NEXT_FIELD ? 1 : P_COUNT - 1)) % P_COUNT;
        return TUI_REDRAW;
    }
    const char *id = tui_listview_selected_key(lv);
    bool writes = action == TUI_ACT_ADD || action == TUI_ACT_EDIT || action == TUI_ACT_DELETE ||
                  action == TUI_ACT_UNDO || (action == TUI_ACT_OPEN && bs->pane == P_PLANNED);
    const struct kind *k = bs->pane == P_SEATS ? bs->seats.kind : bs->sittings.kind;
    if (writes && !screens_may_write(k, true))
        return TUI_REDRAW;
    if (action == TUI_ACT_UNDO)
        return body_undo(bs);
    if (bs->pane == P_PLANNED) {
        if ((action == TUI_ACT_OPEN || action == TUI_ACT_ADD) && id) {
            /* Recorded on the planned date, the sitting gets the planned id. */
            long i = array_index(&bs->planned_src, id);
            if (i >= 0)
                add_record(bs, bs->sittings.kind, "held_on", bs->planned[i].date);
            return TUI_DONE;
        }
        if (action == TUI_ACT_EDIT || action == TUI_ACT_DELETE) {
            tui_screen_message(TUI_MSG_INFO, "%s", _("Press Enter or a to record this planned sitting."));
            return TUI_REDRAW;
        }
        return TUI_PASS;
    }
    switch (action) {
    case TUI_ACT_OPEN:
        if (id) {
            struct detail_arg da = {id};
            tui_screen_push(&detail_screen, &da);
        }
        return TUI_DONE;
    case TUI_ACT_ADD:
        if (bs->pane == P_SEATS) {
            char today[11];
            store_today(today);
            add_record(bs, k, "term_start", today);
        } else {
            add_record(bs, k, NULL, NULL);
        }
        return TUI_DONE;
    case TUI_ACT_EDIT:
        if (id)
            open_form(k, id, NULL);
        return TUI_DONE;
    case TUI_ACT_DELETE:
        if (!id)
            return TUI_DONE;
        return bs->pane == P_SEATS ? end_or_delete_seat(bs, id) : delete_sitting(bs, id);
    default:
        return TUI_PASS;
    }
}

static int body_reload(void *state)
{
    body_refresh(state);
    return TUI_REDRAW;
}

static int body_idle(void *state)
{
    return store_data_changed(screens_store()) ? body_reload(state) : TUI_DONE;
}

static void body_status(void *state, struct tui_status *s)
{
    struct body_state *bs = state;
    free(bs->pos);
    bs->pos = tui_listview_position_text(bs->lv[bs->pane]);
    s->position = bs->pos;
    const char *next = C_(NC_("hint", "next list"));
    s->hint = bs->pane == P_SEATS && bs->writable
                  ? SCREENS_HINT_WORDS(&body_keys, {TUI_ACT_NEXT_FIELD, next},
                                       {TUI_ACT_DELETE, C_(NC_("hint", "ends a term"))}, {TUI_ACT_HELP, NULL})
            : bs->pane == P_PLANNED && bs->writable
                  ? SCREENS_HINT_WORDS(&body_keys, {TUI_ACT_NEXT_FIELD, next},
                                       {TUI_ACT_OPEN, C_(NC_("hint", "records it"))}, {TUI_ACT_HELP, NULL})
                  : SCREENS_HINT_WORDS(&body_keys, {TUI_ACT_NEXT_FIELD, next}, {TUI_ACT_HELP, NULL});
}

static void body_close(void *state)
{
    struct body_state *bs = state;
    for (int i = 0; i < P_COUNT; i++)
        tui_listview_free(bs->lv[i]);
    free(bs->name), free(bs->kind), free(bs->centre_name), free(bs->meets_every);
    free(bs->planned);
    free(bs->pos);
}

static const struct tui_screen_ops body_screen = {
    .name = N_("Body"), .state_size = sizeof(struct body_state), .open = body_open,
    .layout = body_layout, .draw = body_draw, .handle = body_handle, .reload = body_reload,
    .idle = body_idle, .status = body_status, .close = body_close, .keys = &body_keys,
};

/* ---- The bodies of a centre ---------------------------------------------- */

enum { B_NAME, B_KIND, B_CENTRE, B_SEATS, B_INHAB, B_WOMEN, B_WARN, B_NCOLS };

static const struct tui_list_column body_cols[B_NCOLS] = {
    {N_("Body"), 0, 3, TUI_ALIGN_LEFT},        {N_("Kind"), 0, 2, TUI_ALIGN_LEFT},
    {N_("Centre"), 0, 2, TUI_ALIGN_LEFT},      {N_("Seats"), 6, 0, TUI_ALIGN_RIGHT},
    {N_("Inhab."), 7, 0, TUI_ALIGN_RIGHT},     {N_("Women"), 6, 0, TUI_ALIGN_RIGHT},
    {N_("Check"), 10, 0, TUI_ALIGN_LEFT},
};

struct gov_state {
    char *centre;               /* the centre shown, NULL = all */
    char *centre_name;
    struct gov_body *bodies;
    size_t nbodies;
    struct array_src src;
    struct tui_listview *lv;
    char *pos;
    unsigned gen;
};

static const struct tui_keybind gov_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"}, {TUI_ACT_ADD, "a"}, {TUI_ACT_CENTRE, "c f"}, {TUI_ACT_SEARCH, "/"},
    {TUI_ACT_SEARCH_NEXT, "n"}, {TUI_ACT_SEARCH_PREV, "N"}, TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
static const struct tui_keymap gov_keys = {N_("In Governance"), gov_binds, "governance"};

static const char *body_key(void *owner, size_t i)
{
    return ((struct gov_state *)owner)->bodies[i].id;
}

static void body_row_fill(void *owner, size_t i, struct tui_list_row *row)
{
    const struct gov_body *b = &((struct gov_state *)owner)->bodies[i];
    tui_list_row_init(row, b->id, B_NCOLS);
    row->cells[B_NAME] = xstrdup(b->name ? b->name : "");
    row->cells[B_KIND] = xstrdup(choice_text("body", "kind", b->kind));
    row->cells[B_CENTRE] = xstrdup(b->centre_name ? b->centre_name : _("(missing centre)"));
    row->cells[B_SEATS] = xasprintf("%ld", b->comp.seats);
    row->cells[B_INHAB] = percent_text(b->comp.inhabitants, b->comp.seats);
    row->cells[B_WOMEN] = percent_text(b->comp.women, b->comp.seats);
    if (b->warnings) {
        row->cells[B_WARN] = xasprintf("%s %s", warn_mark(), _("warning"));
        row->style = TUI_C_WARNING;
    }
}

static void gov_load(struct gov_state *st)
{
    struct error err;
    error_clear(&err);
    gov_bodies_free(st->bodies, st->nbodies);
    st->bodies = NULL;
    st->nbodies = 0;
    if (gov_bodies(screens_store(), st->centre, NULL, &st->bodies, &st->nbodies, &err) != 0)
        screens_error_message(&err);
    st->src.n = st->nbodies;
}

static void gov_set_centre(struct gov_state *st, const char *centre)
{
    char *name = NULL;
    if (centre) {
        struct error err;
        error_clear(&err);
        struct record *r = record_load(screens_store(), centre, &err);
        name = r ? record_title(screens_store(), r) : xstrdup(_("(missing centre)"));
        record_free(r);
    }
    char *copy = xstrdup(centre);
    free(st->centre);
    free(st->centre_name);
    st->centre = copy;
    st->centre_name = name;
}

static int gov_open(void *state, void *arg)
{
    struct gov_state *st = state;
    (void)arg;
    /* The member's own centre first; everyone's when the member has none. */
    char *mine = gov_login_centre(screens_store());
    gov_set_centre(st, mine);
    free(mine);
    st->src = (struct array_src){0, body_key, body_row_fill, st};
    gov_load(st);
    struct tui_list_source src = {array_fetch, array_count, array_index_of, &st->src};
    st->lv = tui_listview_new(&src, body_cols, B_NCOLS);
    tui_listview_set_empty_text(st->lv, _("No body here: press a to add one, or c to choose another centre."));
    st->gen = screens_generation();
    return 0;
}

static int gov_reload(void *state)
{
    struct gov_state *st = state;
    gov_load(st);
    tui_listview_reload(st->lv);
    return TUI_REDRAW;
}

static void gov_layout(void *state, struct tui_rect area)
{
    struct gov_state *st = state;
    if (st->gen != screens_generation()) {  /* a body view or a form wrote */
        st->gen = screens_generation();
        gov_reload(st);
    }
    if (area.h < 2)
        area.h = 2;
    area.y += 1;
    area.h -= 1;
    tui_listview_layout(st->lv, area);
}

static void gov_draw(void *state)
{
    struct gov_state *st = state;
    struct tui_rect a = tui_screen_area();
    char *t = xasprintf("%s%s%s", _("Governance"), dash(), st->centre_name ? st->centre_name : _("all centres"));
    tui_draw_text(a.y, a.x, a.w, t, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    free(t);
    tui_listview_draw(st->lv);
}

struct centre_choices {
    struct tui_choice *c;
    size_t n, cap;
};

static int centre_choice_fn(struct record *r, bool *keep, void *ctx)
{
    struct centre_choices *cc = ctx;
    (void)keep;
    if (cc->n == cc->cap) {
        cc->cap *= 2;
        cc->c = xrealloc(cc->c, cc->cap * sizeof *cc->c);
    }
    cc->c[cc->n].code = xstrdup(r->id);
    cc->c[cc->n].label = record_title(screens_store(), r);
    cc->n++;
    return 0;
}

static int pick_centre(struct gov_state *st)
{
    struct centre_choices cc = {xcalloc(16, sizeof(struct tui_choice)), 1, 16};
    cc.c[0] = (struct tui_choice){xstrdup(""), xstrdup(N_("All centres"))};
    struct query q;
    struct error err;
    error_clear(&err);
    query_init(&q, kind_find("centre"));
    if (query_run(screens_store(), &q, centre_choice_fn, &cc, &err) < 0)
        screens_error_message(&err);
    int current = 0;
    for (size_t i = 1; st->centre && i < cc.n; i++)
        if (strcmp(cc.c[i].code, st->centre) == 0)
            current = (int)i;
    int which = tui_dialog_pick(_("Bodies of which centre?"), cc.c, cc.n, current);
    if (which >= 0) {
        gov_set_centre(st, which == 0 ? NULL : cc.c[which].code);
        gov_load(st);
        tui_listview_top(st->lv);
        tui_listview_reload(st->lv);
    }
    for (size_t i = 0; i < cc.n; i++) {
        free((char *)cc.c[i].code);
        free((char *)cc.c[i].label);
    }
    free(cc.c);
    return TUI_REDRAW;
}

static int gov_handle(void *state, int action, int key)
{
    struct gov_state *st = state;
    (void)key;
    if (tui_listview_handle(st->lv, action))
        return TUI_REDRAW;
    int found = screens_list_find(st->lv, action);
    if (found != TUI_PASS)
        return found;
    const char *id = tui_listview_selected_key(st->lv);
    switch (action) {
    case TUI_ACT_OPEN:
        if (id)
            tui_screen_push(&body_screen, (void *)id);
        return TUI_DONE;
    case TUI_ACT_ADD: {
        /* A body of the centre shown; of the writer's own (its default)
         * when all centres are shown. */
        const struct kind *k = kind_find("body");
        if (!screens_may_write(k, true))
            return TUI_REDRAW;
        char *preset = st->centre ? xasprintf("centre=%s", st->centre) : NULL;
        const char *const presets[] = {preset, NULL};
        open_form(k, NULL, presets);
        free(preset);
        return TUI_DONE;
    }
    case TUI_ACT_CENTRE:
        return pick_centre(st);
    default:
        return TUI_PASS;
    }
}

static int gov_idle(void *state)
{
    return store_data_changed(screens_store()) ? gov_reload(state) : TUI_DONE;
}

static void gov_status(void *state, struct tui_status *s)
{
    struct gov_state *st = state;
    free(st->pos);
    st->pos = tui_listview_position_text(st->lv);
    s->position = st->pos;
    s->filter = st->centre_name;
    s->hint = SCREENS_HINT(&gov_keys, TUI_ACT_OPEN, TUI_ACT_ADD, TUI_ACT_CENTRE, TUI_ACT_HELP);
}

static void gov_close(void *state)
{
    struct gov_state *st = state;
    tui_listview_free(st->lv);
    gov_bodies_free(st->bodies, st->nbodies);
    free(st->centre);
    free(st->centre_name);
    free(st->pos);
}

const struct tui_screen_ops governance_screen = {
    .name = N_("Governance"), .state_size = sizeof(struct gov_state), .open = gov_open,
    .layout = gov_layout, .draw = gov_draw, .handle = gov_handle, .reload = gov_reload,
    .idle = gov_idle, .status = gov_status, .close = gov_close, .keys = &gov_keys,
};
