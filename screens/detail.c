/* One record in full: every field with its translated label, choices and
 * references by name, sets by label, and its history (h), from which one
 * old value can be put back (p). Dangling references are shown as missing,
 * never followed blindly. */
#include "screens/screens.h"
#include "tui/color.h"
#include "tui/dialog.h"
#include "model/format.h"
#include "model/history.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct item {
    char *label;        /* "" for a continuation or a heading's value */
    char *value;
    bool heading;
};

struct detail_state {
    char id[37];
    const struct kind *kind;
    char *title;
    bool deleted, history;
    struct item *items;
    size_t nitems, cap;
    /* Wrapped display lines (rebuilt on layout). */
    char **lines;
    bool *line_heading;
    size_t nlines;
    struct tui_rect area;
    size_t top;
    unsigned gen;
};

static const struct tui_keybind detail_binds[] = {
    {TUI_ACT_EDIT, "e"}, {TUI_ACT_HISTORY, "h"}, {TUI_ACT_PUT_BACK, "p"},
    {TUI_ACT_UNDO, "u"}, {TUI_ACT_NONE, NULL},
};
static const struct tui_keymap detail_keys = {N_("In a record"), detail_binds, "record"};

static void add_item(struct detail_state *st, const char *label, char *value, bool heading)
{
    if (st->nitems == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 32;
        st->items = xrealloc(st->items, st->cap * sizeof *st->items);
    }
    st->items[st->nitems++] = (struct item){xstrdup(label), value, heading};
}

static void free_lines(struct detail_state *st)
{
    tui_text_lines_free(st->lines, st->nlines);
    free(st->line_heading);
    st->lines = NULL;
    st->line_heading = NULL;
    st->nlines = 0;
}

static void free_items(struct detail_state *st)
{
    for (size_t i = 0; i < st->nitems; i++) {
        free(st->items[i].label);
        free(st->items[i].value);
    }
    free(st->items);
    st->items = NULL;
    st->nitems = st->cap = 0;
    free(st->title);
    st->title = NULL;
}

static char *value_text(const struct field *f, const char *v, void *ctx)
{
    (void)ctx;
    return format_value_text(screens_store(), f, v);
}

static int history_item(const struct history_entry *h, void *ctx)
{
    struct detail_state *st = ctx;
    char at[FORMAT_TIME_MAX];
    format_time_local(h->at, at);
    char *label = xasprintf("%s %s", at, h->login ? h->login : "");
    add_item(st, label, history_text(st->kind, h, value_text, NULL), false);
    free(label);
    return 0;
}

/* ---- Putting an old value back ------------------------------------------- */

/* The changes of fields that an old value could be put back from, newest
 * first: the field's name, the value before the change and its line in
 * words ("02/12/2026 à 16:57 root — Titre : a → b"). */
struct old_values {
    const struct record *r;
    char **field, **value, **line;
    size_t n, cap;
};

static int old_value_item(const struct history_entry *h, void *ctx)
{
    struct old_values *ov = ctx;
    const struct field *f = kind_field(ov->r->kind, h->field);
    /* The creation and deletions are no field; an old value equal to the
     * current one would change nothing. */
    if (!f || record_value_same(h->old_value, record_get(ov->r, h->field)))
        return 0;
    if (ov->n == ov->cap) {
        ov->cap = ov->cap ? ov->cap * 2 : 16;
        ov->field = xrealloc(ov->field, ov->cap * sizeof *ov->field);
        ov->value = xrealloc(ov->value, ov->cap * sizeof *ov->value);
        ov->line = xrealloc(ov->line, ov->cap * sizeof *ov->line);
    }
    char at[FORMAT_TIME_MAX];
    format_time_local(h->at, at);
    char *change = history_text(ov->r->kind, h, value_text, NULL);
    ov->field[ov->n] = xstrdup(h->field);
    ov->value[ov->n] = h->old_value ? xstrdup(h->old_value) : NULL;
    ov->line[ov->n] = xasprintf("%s %s — %s", at, h->login ? h->login : "", change);
    ov->n++;
    free(change);
    return 0;
}

static void old_values_free(struct old_values *ov)
{
    for (size_t i = 0; i < ov->n; i++) {
        free(ov->field[i]);
        free(ov->value[i]);
        free(ov->line[i]);
    }
    free(ov->field);
    free(ov->value);
    free(ov->line);
}

/* Picks one change of the history and, once confirmed, gives its field the
 * value it had before: a new change through the write API (it syncs like
 * any other, and u undoes it). */
static void put_back(struct detail_state *st)
{
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    if (!screens_may_write(st->kind, true))
        return;
    struct record *r = record_load(s, st->id, &err);
    if (!r) {
        screens_error_message(&err);
        return;
    }
    if (r->deleted) {
        tui_screen_message(TUI_MSG_ERROR, "%s", _("This record is in the trash: restore it before putting a value back."));
        record_free(r);
        return;
    }
    struct old_values ov = {.r = r};
    if (history_list(s, st->id, old_value_item, &ov, &err) < 0) {
        screens_error_message(&err);
        goto out;
    }
    if (ov.n == 0) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("The history holds no old value that differs from the record."));
        goto out;
    }
    struct tui_choice *choices = xcalloc(ov.n, sizeof *choices);
    for (size_t i = 0; i < ov.n; i++)      /* newest first */
        choices[i] = (struct tui_choice){ov.field[ov.n - 1 - i], ov.line[ov.n - 1 - i]};
    int pick = tui_dialog_pick(_("Put back the value from before which change?"), choices, ov.n, 0);
    free(choices);
    if (pick < 0)
        goto out;
    size_t i = ov.n - 1 - (size_t)pick;
    const struct field *f = kind_field(r->kind, ov.field[i]);
    char *old = format_value_text(s, f, ov.value[i]);
    char *question = xasprintf(_("Put back %s: %s?"), _(f->label), *old ? old : "∅");
    bool yes = tui_dialog_confirm(question, true);
    free(question);
    if (yes) {
        struct record *before = record_dup(r);
        if (record_set(r, f->name, ov.value[i], &err) == 0 && record_update(s, r, &err) == 0) {
            undo_note_edit(screens_undo_log(), before, r);
            screens_touch(r->id);
            tui_screen_message(TUI_MSG_INFO, _("Put back: %s: %s"), _(f->label), *old ? old : "∅");
        } else
            screens_error_message(&err);
        record_free(before);
    }
    free(old);
out:
    old_values_free(&ov);
    record_free(r);
}

/* Reads the record and builds the items; false when it is gone. */
static bool load(struct detail_state *st)
{
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    free_items(st);
    struct record *r = record_load(s, st->id, &err);
    if (!r) {
        screens_error_message(&err);
        return false;
    }
    st->kind = r->kind;
    st->deleted = r->deleted;
    char *name = record_title(s, r);
    char *shown = xasprintf("%s%s", name, r->deleted ? _(" (in the trash)") : "");
    st->title = xasprintf(_("%s: %s"), _(r->kind->label), shown);
    free(shown);
    free(name);
    for (int i = 0; i < r->kind->nfields; i++) {
        const struct field *f = &r->kind->fields[i];
        add_item(st, _(f->label), format_value_text(s, f, r->v[i]), false);
    }
    char created[FORMAT_TIME_MAX], updated[FORMAT_TIME_MAX];
    format_time_local(r->created_at, created);
    format_time_local(r->updated_at, updated);
    add_item(st, _("Created"), xasprintf("%s, %s", created, r->created_by ? r->created_by : ""), false);
    add_item(st, _("Changed"), xasprintf("%s, %s", updated, r->updated_by ? r->updated_by : ""), false);
    if (st->history) {
        add_item(st, _("History"), xstrdup(""), true);
        if (history_list(s, st->id, history_item, st, &err) < 0)
            screens_error_message(&err);
    }
    record_free(r);
    return true;
}

static int detail_open(void *state, void *arg)
{
    struct detail_state *st = state;
    const struct detail_arg *a = arg;
    if (!a || !a->id)
        return -1;
    snprintf(st->id, sizeof st->id, "%s", a->id);
    st->gen = screens_generation();
    return load(st) ? 0 : -1;
}

static size_t label_width(const struct detail_state *st, int w)
{
    size_t lw = 0;
    for (size_t i = 0; i < st->nitems; i++)
        if (!st->items[i].heading) {
            size_t x = tui_text_width(st->items[i].label);
            lw = x > lw ? x : lw;
        }
    size_t max = w > 20 ? (size_t)w / 3 : 8;
    return lw > max ? max : lw;
}

static void push_line(struct detail_state *st, size_t *cap, char *text, bool heading)
{
    if (st->nlines == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        st->lines = xrealloc(st->lines, *cap * sizeof *st->lines);
        st->line_heading = xrealloc(st->line_heading, *cap * sizeof *st->line_heading);
    }
    st->line_heading[st->nlines] = heading;
    st->lines[st->nlines++] = text;
}

/* Wraps the items to the width: "label  value" with continuations indented. */
static void wrap(struct detail_state *st)
{
    free_lines(st);
    size_t cap = 0;
    int w = st->area.w > 2 ? st->area.w : 2;
    size_t lw = label_width(st, w);
    size_t vw = (size_t)w > lw + 2 ? (size_t)w - lw - 2 : 1;
    for (size_t i = 0; i < st->nitems; i++) {
        struct item *it = &st->items[i];
        if (it->heading) {
            push_line(st, &cap, xstrdup(""), false);
            push_line(st, &cap, xstrdup(it->label), true);
            continue;
        }
        size_t n;
        char **parts = tui_text_wrap(it->value, vw, &n);
        char *label = tui_text_fit(it->label, lw, TUI_ALIGN_LEFT);
        char *pad = tui_text_fit("", lw, TUI_ALIGN_LEFT);
        for (size_t j = 0; j < n; j++)
            push_line(st, &cap, xasprintf("%s  %s", j ? pad : label, parts[j]), false);
        free(label);
        free(pad);
        tui_text_lines_free(parts, n);
    }
}

static void detail_layout(void *state, struct tui_rect area)
{
    struct detail_state *st = state;
    if (st->gen != screens_generation()) {   /* edited from here */
        st->gen = screens_generation();
        load(st);
    }
    st->area = area;
    wrap(st);
}

static int body_height(const struct detail_state *st)
{
    return st->area.h > 2 ? st->area.h - 2 : 1;
}

static void detail_draw(void *state)
{
    struct detail_state *st = state;
    struct tui_rect a = st->area;
    tui_draw_text(a.y, a.x, a.w, st->title, TUI_ALIGN_LEFT, tui_attr(st->deleted ? TUI_C_MUTED : TUI_C_TITLE));
    int h = body_height(st);
    for (int y = 0; y < h; y++) {
        size_t i = st->top + (size_t)y;
        const char *text = i < st->nlines ? st->lines[i] : "";
        attr_t attr = tui_attr(i < st->nlines && st->line_heading[i] ? TUI_C_HEADER : TUI_C_NORMAL);
        tui_draw_text(a.y + 2 + y, a.x, a.w, text, TUI_ALIGN_LEFT, attr);
    }
    tui_draw_cursor(a.y + 2, a.x);
}

static int detail_handle(void *state, int action, int key)
{
    (void)key;
    struct detail_state *st = state;
    size_t h = (size_t)body_height(st);
    size_t last = st->nlines > h ? st->nlines - h : 0;
    switch (action) {
    case TUI_ACT_MOVE_DOWN: st->top = st->top < last ? st->top + 1 : last; return TUI_REDRAW;
    case TUI_ACT_MOVE_UP:   st->top = st->top ? st->top - 1 : 0; return TUI_REDRAW;
    case TUI_ACT_PAGE_DOWN: st->top = st->top + h < last ? st->top + h : last; return TUI_REDRAW;
    case TUI_ACT_PAGE_UP:   st->top = st->top > h ? st->top - h : 0; return TUI_REDRAW;
    case TUI_ACT_TOP:       st->top = 0; return TUI_REDRAW;
    case TUI_ACT_BOTTOM:    st->top = last; return TUI_REDRAW;
    case TUI_ACT_EDIT:
        if (screens_may_write(st->kind, true) && !st->deleted) {
            struct form_arg a = {st->kind, st->id, NULL};
            tui_screen_push(&form_screen, &a);
            return TUI_DONE;
        }
        return TUI_REDRAW;
    default:
        break;
    }
    if (action == TUI_ACT_HISTORY) {
        st->history = !st->history;
        load(st);
        wrap(st);
        if (st->history && st->nlines > h)   /* show the history that was asked for */
            st->top = st->nlines - h;
        else
            st->top = 0;
        return TUI_REDRAW;
    }
    if (action == TUI_ACT_UNDO)
        return screens_undo();      /* the session's last change, whatever it was */
    if (action == TUI_ACT_PUT_BACK) {
        put_back(st);
        if (st->gen != screens_generation()) {   /* a value was put back */
            st->gen = screens_generation();
            load(st);
            wrap(st);
        }
        return TUI_REDRAW;
    }
    return TUI_PASS;
}

static int detail_reload(void *state)
{
    struct detail_state *st = state;
    load(st);
    wrap(st);
    return TUI_REDRAW;
}

/* Another process committed. The change is seen once, by the screen on
 * top: the touch makes the list under this one reload when it is back. */
static int detail_idle(void *state)
{
    struct detail_state *st = state;
    if (!store_data_changed(screens_store()))
        return TUI_DONE;
    screens_touch(NULL);
    st->gen = screens_generation();
    return detail_reload(state);
}

static void detail_status(void *state, struct tui_status *s)
{
    const struct detail_state *st = state;
    s->hint = st->history ? SCREENS_HINT(&detail_keys, TUI_ACT_HISTORY, TUI_ACT_PUT_BACK, TUI_ACT_HELP)
                          : SCREENS_HINT(&detail_keys, TUI_ACT_HISTORY, TUI_ACT_HELP);
}

static void detail_close(void *state)
{
    struct detail_state *st = state;
    free_lines(st);
    free_items(st);
}

const struct tui_screen_ops detail_screen = {
    .name = N_("Record"), .state_size = sizeof(struct detail_state), .open = detail_open,
    .layout = detail_layout, .draw = detail_draw, .handle = detail_handle,
    .reload = detail_reload, .idle = detail_idle, .status = detail_status,
    .close = detail_close, .keys = &detail_keys,
};
