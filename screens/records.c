/* The list of the records of one kind, built from its descriptor: columns,
 * sort, filters, search, trash, add/edit/delete with undo. Rows come page
 * by page from keyset queries (model/query.h) through the list widget's
 * fetch callback: the table is never loaded whole, whatever its size. */
#include "screens/screens.h"
#include "tui/color.h"
#include "model/format.h"
#include "model/query.h"
#include "tui/dialog.h"
#include "tui/listview.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <string.h>

#define MAX_COLS 4
#define MAX_WHERE 12
#define NAME_CACHE 64

struct name_cache {
    char *id[NAME_CACHE];
    char *name[NAME_CACHE];
    size_t n, next;
};

struct rec_state {
    const struct kind *kind;
    char *title;
    /* Filters: the first nfixed come from the caller (a body's sittings),
     * the others from the user (f). Strings owned. */
    char *wfield[MAX_WHERE], *wvalue[MAX_WHERE];
    size_t nwhere, nfixed;
    char *text;                     /* search, or NULL */
    char from[11], to[11];          /* date bounds from the caller (a dashboard's month); "" none */
    const char *sort;               /* a sortable field, or NULL: the kind's order */
    bool trash;
    const struct field *colf[MAX_COLS];
    struct tui_list_column cols[MAX_COLS];
    size_t ncols;
    struct tui_listview *lv;
    char *pos, *filter;
    unsigned gen;
    bool writable;
    struct name_cache names;
};

/* The screen's keys. Writers get add/edit/delete/undo; the others (managers,
 * a read-only store) do not even see them in the help. */
static const struct tui_keybind write_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"}, {TUI_ACT_ADD, "a"}, {TUI_ACT_EDIT, "e"},
    {TUI_ACT_DELETE, "d DEL"}, {TUI_ACT_UNDO, "u"}, {TUI_ACT_SEARCH, "/"},
    {TUI_ACT_SEARCH_NEXT, "n"}, {TUI_ACT_SEARCH_PREV, "N"},
    {TUI_ACT_FILTER, "f"}, {TUI_ACT_SORT, "s"}, {TUI_ACT_TRASH, "t"}, TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
static const struct tui_keybind read_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"}, {TUI_ACT_SEARCH, "/"},
    {TUI_ACT_SEARCH_NEXT, "n"}, {TUI_ACT_SEARCH_PREV, "N"},
    {TUI_ACT_FILTER, "f"}, {TUI_ACT_SORT, "s"}, {TUI_ACT_TRASH, "t"}, TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
/* Not const: draw() points it at the bindings of the screen on top. */
static struct tui_keymap records_keys = {N_("In lists"), write_binds, "list"};

/* ---- Names of referenced records, cached per screen --------------------- */

static void names_clear(struct name_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->id[i]);
        free(c->name[i]);
    }
    c->n = c->next = 0;
}

static const char *names_get(struct name_cache *c, struct store *s, const struct field *f, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->id[i], id) == 0)
            return c->name[i];
    size_t slot;
    if (c->n < NAME_CACHE) {
        slot = c->n++;
    } else {                    /* full: replace the entries in turn */
        slot = c->next++ % NAME_CACHE;
        free(c->id[slot]);
        free(c->name[slot]);
    }
    c->id[slot] = xstrdup(id);
    c->name[slot] = format_value_text(s, f, id);
    return c->name[slot];
}

/* ---- The query and the fetch callback ------------------------------------ */

static void build_query(struct rec_state *st, struct query *q)
{
    query_init(q, st->kind);
    q->deleted = st->trash ? Q_TRASH : Q_LIVE;
    for (size_t i = 0; i < st->nwhere; i++)
        query_where_add(q, st->wfield[i], st->wvalue[i], NULL);
    q->from = *st->from ? st->from : NULL;
    q->to = *st->to ? st->to : NULL;
    if (st->sort) {
        const struct field *f = kind_field(st->kind, st->sort);
        q->sort = st->sort;
        q->ascending = f->type != FT_DATE;
    }
}

static bool follow_up_late(const struct record *r)
{
    const char *due = record_get(r, "follow_up_due");
    char today[11];
    store_today(today);
    return due && strcmp(due, today) < 0;
}

static void fill_row(struct record *r, struct tui_list_row *row, void *ctx)
{
    struct rec_state *st = ctx;
    struct store *s = screens_store();
    bool late = !st->trash && follow_up_late(r);
    for (size_t i = 0; i < st->ncols; i++) {
        const struct field *f = st->colf[i];
        const char *v = r->v[f - st->kind->fields];
        if (f->type == FT_REF && v)
            row->cells[i] = xstrdup(names_get(&st->names, s, f, v));
        else
            row->cells[i] = format_value_text(s, f, v);
        if (late && i == 1) {   /* not by colour alone: the title says it */
            char *marked = xasprintf("! %s", row->cells[i]);
            free(row->cells[i]);
            row->cells[i] = marked;
        }
    }
    row->style = st->trash ? TUI_C_MUTED : late ? TUI_C_WARNING : 0;
}

static int rec_fetch(void *ctx, const char *anchor, int dir, size_t max, struct tui_list_row *out)
{
    struct rec_state *st = ctx;
    struct query q;
    build_query(st, &q);
    return screens_keyset_fetch(&q, anchor, dir, max, out, st->ncols, fill_row, st);
}

static long rec_count(void *ctx)
{
    struct rec_state *st = ctx;
    struct query q;
    struct error err;
    error_clear(&err);
    build_query(st, &q);
    return query_count(screens_store(), &q, &err);
}

/* ---- Columns from the descriptor ----------------------------------------- */

static bool has_col(const struct rec_state *st, const struct field *f)
{
    for (size_t i = 0; i < st->ncols; i++)
        if (st->colf[i] == f)
            return true;
    return false;
}

static void add_col(struct rec_state *st, const struct field *f, int width, int weight)
{
    if (!f || has_col(st, f) || st->ncols == MAX_COLS)
        return;
    st->colf[st->ncols] = f;
    st->cols[st->ncols] = (struct tui_list_column){f->label, width, weight, TUI_ALIGN_LEFT};
    st->ncols++;
}

static const struct field *first_of(const struct kind *k, enum field_type t, unsigned flags, const struct field *not)
{
    for (int i = 0; i < k->nfields; i++)
        if (k->fields[i].type == t && (k->fields[i].flags & flags) == flags && &k->fields[i] != not)
            return &k->fields[i];
    return NULL;
}

static void pick_columns(struct rec_state *st)
{
    const struct kind *k = st->kind;
    const struct field *title = kind_field(k, k->title_field);
    if (k->date_field)
        add_col(st, kind_field(k, k->date_field), 10, 0);
    add_col(st, title, 0, 3);
    const struct field *choice = first_of(k, FT_CHOICE, F_SORT, NULL);
    add_col(st, choice ? choice : first_of(k, FT_CHOICE, 0, NULL), 0, 1);
    const struct field *ref = kind_field(k, "centre");
    add_col(st, ref && ref->type == FT_REF ? ref : first_of(k, FT_REF, 0, NULL), 0, 2);
    if (st->ncols < 3)
        add_col(st, kind_field(k, format_label_column()), 0, 3);
    for (int i = 0; i < k->nfields && st->ncols < 3; i++)
        if (k->fields[i].type == FT_TEXT)
            add_col(st, &k->fields[i], 0, 2);
}

/* ---- Open, layout, draw --------------------------------------------------- */

static void add_where(struct rec_state *st, const char *field, const char *value)
{
    if (st->nwhere == MAX_WHERE)
        return;
    st->wfield[st->nwhere] = xstrdup(field);
    st->wvalue[st->nwhere] = xstrdup(value);
    st->nwhere++;
}

static int rec_open(void *state, void *arg)
{
    struct rec_state *st = state;
    const struct records_arg *a = arg;
    if (!a || !a->kind)
        return -1;
    st->kind = a->kind;
    st->title = a->title ? xstrdup(a->title) : NULL;
    for (const char *const *w = a->where; w && *w; w++) {
        const char *eq = strchr(*w, '=');
        if (!eq)
            continue;
        char *field = xstrndup(*w, (size_t)(eq - *w));
        add_where(st, field, eq + 1);
        free(field);
    }
    st->nfixed = st->nwhere;
    snprintf(st->from, sizeof st->from, "%.10s", a->from ? a->from : "");
    snprintf(st->to, sizeof st->to, "%.10s", a->to ? a->to : "");
    pick_columns(st);
    struct tui_list_source src = {rec_fetch, rec_count, NULL, st};
    st->lv = tui_listview_new(&src, st->cols, st->ncols);
    st->writable = screens_may_write(st->kind, false);
    tui_listview_set_empty_text(st->lv, st->writable ? _("Nothing here yet: press a to add one.")
                                                     : _("Nothing here."));
    st->gen = screens_generation();
    return 0;
}

/* After another screen of this process wrote: show the record it wrote. */
static void catch_up(struct rec_state *st)
{
    if (st->gen == screens_generation())
        return;
    st->gen = screens_generation();
    names_clear(&st->names);
    const char *id = screens_touched_id();
    if (*id && record_kind_of(screens_store(), id) == st->kind)
        tui_listview_select_key(st->lv, id);
    else
        tui_listview_reload(st->lv);
}

static void rec_layout(void *state, struct tui_rect area)
{
    struct rec_state *st = state;
    if (area.h < 2)
        area.h = 2;
    area.y += 1;
    area.h -= 1;
    tui_listview_layout(st->lv, area);
    catch_up(st);
}

static char *screen_title(const struct rec_state *st)
{
    const char *base = st->title ? st->title : _(st->kind->plural);
    char *t = xstrdup(base);
    if (!st->title && (unsigned char)t[0] < 128)
        t[0] = (char)toupper((unsigned char)t[0]);
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, t);
    free(t);
    if (st->trash)
        strbuf_addf(&b, " — %s", _("trash"));
    if (st->text)
        strbuf_addf(&b, " — %s \"%s\"", _("search"), st->text);
    return strbuf_detach(&b);
}

static void rec_draw(void *state)
{
    struct rec_state *st = state;
    records_keys.binds = st->writable ? write_binds : read_binds;
    struct tui_rect a = tui_screen_area();
    char *t = screen_title(st);
    tui_draw_text(a.y, a.x, a.w, t, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    free(t);
    tui_listview_draw(st->lv);
}

/* ---- Actions ------------------------------------------------------------- */

static int reload_top(struct rec_state *st)
{
    names_clear(&st->names);
    tui_listview_top(st->lv);
    tui_listview_reload(st->lv);
    return TUI_REDRAW;
}

static int do_delete(struct rec_state *st, const char *id)
{
    struct error err;
    error_clear(&err);
    struct store *s = screens_store();
    const struct tui_list_row *row = tui_listview_selected(st->lv);
    char *title = xstrdup(row && st->ncols > 1 && row->cells[1] ? row->cells[1] : "");
    if (record_delete(s, id, &err) != 0) {
        screens_error_message(&err);
    } else {
        undo_note(screens_undo_log(), UNDO_CHANGE_DELETE, id);
        tui_screen_message(TUI_MSG_INFO, _("Deleted: %s (u to undo)"), title);
        tui_listview_reload(st->lv);
    }
    free(title);
    return TUI_REDRAW;
}

static int do_restore(struct rec_state *st, const char *id)
{
    struct error err;
    error_clear(&err);
    char *keep = xstrdup(id);
    if (record_restore(screens_store(), keep, &err) != 0) {
        screens_error_message(&err);
    } else {
        tui_screen_message(TUI_MSG_INFO, "%s", _("Restored."));
        undo_note(screens_undo_log(), UNDO_CHANGE_RESTORE, keep);
        if (st->trash)
            tui_listview_reload(st->lv);
        else
            tui_listview_select_key(st->lv, keep);
    }
    free(keep);
    return TUI_REDRAW;
}

static int do_sort(struct rec_state *st)
{
    const struct kind *k = st->kind;
    const struct field *cur = st->sort ? kind_field(k, st->sort) : kind_sort_field(k);
    int start = (int)(cur - k->fields);
    for (int d = 1; d <= k->nfields; d++) {
        const struct field *f = &k->fields[(start + d) % k->nfields];
        if (!(f->flags & F_SORT))
            continue;
        st->sort = f == kind_sort_field(k) ? NULL : f->name;
        tui_screen_message(TUI_MSG_INFO, _("Sorted by %s"), _(f->label));
        return reload_top(st);
    }
    return TUI_DONE;
}

/* Fills choices with the records of kind k (code id, label its name), at
 * most max of them. Returns how many. */
struct pick_fill {
    struct tui_choice *c;
    size_t n, max;
};

static int pick_fill_fn(struct record *r, bool *keep, void *ctx)
{
    struct pick_fill *p = ctx;
    (void)keep;
    if (p->n == p->max)
        return 1;
    p->c[p->n].code = xstrdup(r->id);
    p->c[p->n].label = record_title(screens_store(), r);
    p->n++;
    return 0;
}

static size_t fill_records(const struct kind *k, struct tui_choice *c, size_t max)
{
    struct pick_fill p = {c, 0, max};
    struct query q;
    struct error err;
    error_clear(&err);
    query_init(&q, k);
    q.limit = (int)max;
    query_run(screens_store(), &q, pick_fill_fn, &p, &err);
    return p.n;
}

static void free_choices(struct tui_choice *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free((char *)c[i].code);
        free((char *)c[i].label);
    }
    free(c);
}

/* The choices a filter on f can take; *n gets their number. */
static struct tui_choice *filter_values(const struct field *f, size_t *n)
{
    struct tui_choice *c;
    *n = 0;
    if (f->type == FT_CHOICE) {
        size_t m = 0;
        while (f->choices[m].code)
            m++;
        c = xcalloc(m + 1, sizeof *c);
        for (size_t i = 0; i < m; i++) {
            c[i].code = xstrdup(f->choices[i].code);
            c[i].label = xstrdup(f->choices[i].label);
        }
        *n = m;
    } else if (f->type == FT_BOOL) {
        c = xcalloc(2, sizeof *c);
        c[0] = (struct tui_choice){xstrdup("1"), xstrdup(N_("yes"))};
        c[1] = (struct tui_choice){xstrdup("0"), xstrdup(N_("no"))};
        *n = 2;
    } else {
        const struct kind *k = kind_find(f->ref);
        c = xcalloc(1000, sizeof *c);
        *n = fill_records(k, c, 1000);
        if (f->type == FT_SET && strcmp(kind_set_key(k), "id") != 0)
            for (size_t i = 0; i < *n; i++) {
                /* set members are codes, shown by their label */
                struct error err;
                error_clear(&err);
                struct record *r = record_load(screens_store(), c[i].code, &err);
                const char *code = r ? record_get(r, "code") : NULL;
                const char *label = r ? record_get(r, format_label_column()) : NULL;
                if (code) {
                    free((char *)c[i].code);
                    c[i].code = xstrdup(code);
                }
                if (label) {
                    free((char *)c[i].label);
                    c[i].label = xstrdup(label);
                }
                record_free(r);
            }
    }
    return c;
}

static bool filterable(const struct field *f)
{
    return f->type == FT_CHOICE || f->type == FT_BOOL || f->type == FT_REF ||
           (f->type == FT_SET && f->ref);
}

static int do_filter(struct rec_state *st)
{
    const struct kind *k = st->kind;
    struct tui_choice fields[64];
    const struct field *ff[64];
    size_t n = 0;
    if (st->nwhere > st->nfixed) {
        fields[n] = (struct tui_choice){"", N_("(no filter: show everything)")};
        ff[n++] = NULL;
    }
    for (int i = 0; i < k->nfields && n < 64; i++)
        if (filterable(&k->fields[i])) {
            fields[n] = (struct tui_choice){k->fields[i].name, k->fields[i].label};
            ff[n++] = &k->fields[i];
        }
    int which = tui_dialog_pick(_("Filter on"), fields, n, -1);
    if (which < 0)
        return TUI_REDRAW;
    const struct field *f = ff[which];
    if (!f) {
        for (size_t i = st->nfixed; i < st->nwhere; i++) {
            free(st->wfield[i]);
            free(st->wvalue[i]);
        }
        st->nwhere = st->nfixed;
        return reload_top(st);
    }
    size_t nv;
    struct tui_choice *values = filter_values(f, &nv);
    int v = tui_dialog_pick(_(f->label), values, nv, -1);
    if (v >= 0) {
        /* One filter per field: a new value replaces the old one. */
        size_t i = st->nfixed;
        while (i < st->nwhere && strcmp(st->wfield[i], f->name) != 0)
            i++;
        if (i < st->nwhere) {
            free(st->wvalue[i]);
            st->wvalue[i] = xstrdup(values[v].code);
        } else {
            add_where(st, f->name, values[v].code);
        }
    }
    free_choices(values, nv);
    return v >= 0 ? reload_top(st) : TUI_REDRAW;
}

/* The row matching the search nearest the selection in direction dir (0:
 * the selection itself first), wrapping around once: the full-text index
 * over the list's own query, one row by keyset, so a search in a million
 * records costs one indexed step. The list is not narrowed (that is f). */
static int find_match(struct rec_state *st, int dir)
{
    if (!st->text && screens_last_search())
        st->text = xstrdup(screens_last_search());
    if (!st->text) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("Search first with /"));
        return TUI_REDRAW;
    }
    struct query q;
    build_query(st, &q);
    q.text = st->text;
    const char *sel = tui_listview_selected_key(st->lv);
    char *anchor = sel ? xstrdup(sel) : NULL;
    struct tui_list_row row = {0};
    int n = screens_keyset_fetch(&q, anchor, dir, 1, &row, st->ncols, fill_row, st);
    bool wrapped = false;
    if (n == 0 && anchor) {
        n = screens_keyset_fetch(&q, NULL, dir < 0 ? -1 : +1, 1, &row, st->ncols, fill_row, st);
        wrapped = n > 0;
    }
    free(anchor);
    if (n <= 0) {
        if (n == 0)
            tui_screen_message(TUI_MSG_INFO, _("No match for %s"), st->text);
        return TUI_REDRAW;
    }
    tui_listview_select_key(st->lv, row.key);
    if (wrapped)
        tui_screen_message(TUI_MSG_INFO, "%s", _("Search wrapped around"));
    for (size_t j = 0; j < st->ncols; j++)
        free(row.cells[j]);
    free(row.cells);
    free(row.key);
    return TUI_REDRAW;
}

static int do_search(struct rec_state *st)
{
    char *text = tui_dialog_prompt(_("Search:"), NULL, NULL, 0);
    if (!text)
        return TUI_REDRAW;
    free(st->text);
    st->text = *text ? text : NULL;
    if (!*text)
        free(text);
    screens_set_last_search(st->text);
    return st->text ? find_match(st, 0) : TUI_REDRAW;
}

static int rec_handle(void *state, int action, int key)
{
    struct rec_state *st = state;
    int r = tui_listview_handle(st->lv, action);
    if (r)
        return TUI_REDRAW;
    const char *id = tui_listview_selected_key(st->lv);
    bool writes = action == TUI_ACT_ADD || action == TUI_ACT_EDIT || action == TUI_ACT_DELETE ||
                  action == TUI_ACT_UNDO;
    if (writes && !screens_may_write(st->kind, true))
        return TUI_REDRAW;
    switch (action) {
    case TUI_ACT_OPEN:
        if (id) {
            struct detail_arg a = {id};
            tui_screen_push(&detail_screen, &a);
        }
        return TUI_DONE;
    case TUI_ACT_ADD: {
        const char *presets[MAX_WHERE + 1] = {0};
        char *owned[MAX_WHERE] = {0};
        for (size_t i = 0; i < st->nfixed; i++)
            presets[i] = owned[i] = xasprintf("%s=%s", st->wfield[i], st->wvalue[i]);
        struct form_arg a = {st->kind, NULL, presets};
        tui_screen_push(&form_screen, &a);
        for (size_t i = 0; i < st->nfixed; i++)
            free(owned[i]);
        return TUI_DONE;
    }
    case TUI_ACT_EDIT:
        if (id) {
            struct form_arg a = {st->kind, id, NULL};
            tui_screen_push(&form_screen, &a);
        }
        return TUI_DONE;
    case TUI_ACT_DELETE:
        if (id && !st->trash)
            return do_delete(st, id);
        return TUI_DONE;
    case TUI_ACT_UNDO:
        if (st->trash && id)
            return do_restore(st, id);
        return screens_undo();      /* the session's last change, whatever it was */
    case TUI_ACT_SORT:
        return do_sort(st);
    case TUI_ACT_FILTER:
        return do_filter(st);
    case TUI_ACT_SEARCH:
        return do_search(st);
    case TUI_ACT_SEARCH_NEXT:
    case TUI_ACT_SEARCH_PREV:
        return find_match(st, action == TUI_ACT_SEARCH_NEXT ? +1 : -1);
    case TUI_ACT_BACK:
        if (st->trash) {   /* q leaves the trash first */
            st->trash = false;
            return reload_top(st);
        }
        return TUI_PASS;
    default:
        break;
    }
    /* The writing keys of someone who may not write (the list's defaults,
     * which this screen's read-only map leaves out): say why, once. */
    int writer = tui_keymap_lookup(&tui_keymap_list, key);
    if (action == TUI_ACT_NONE && !st->writable &&
        (writer == TUI_ACT_ADD || writer == TUI_ACT_EDIT || writer == TUI_ACT_DELETE || writer == TUI_ACT_UNDO)) {
        screens_may_write(st->kind, true);
        return TUI_REDRAW;
    }
    if (action == TUI_ACT_TRASH) {
        st->trash = !st->trash;
        return reload_top(st);
    }
    return TUI_PASS;
}

static int rec_reload(void *state)
{
    struct rec_state *st = state;
    names_clear(&st->names);
    tui_listview_reload(st->lv);
    return TUI_REDRAW;
}

static int rec_idle(void *state)
{
    struct rec_state *st = state;
    if (!store_data_changed(screens_store()))
        return TUI_DONE;
    return rec_reload(st);
}

static void rec_status(void *state, struct tui_status *s)
{
    struct rec_state *st = state;
    free(st->pos);
    st->pos = tui_listview_position_text(st->lv);
    s->position = st->pos;
    struct strbuf b;
    strbuf_init(&b);
    for (size_t i = st->nfixed; i < st->nwhere; i++) {
        const struct field *f = kind_field(st->kind, st->wfield[i]);
        char *v = format_value_text(screens_store(), f, st->wvalue[i]);
        if (b.len)
            strbuf_adds(&b, ", ");
        strbuf_addf(&b, _("%s: %s"), _(f->label), v);
        free(v);
    }
    free(st->filter);
    st->filter = strbuf_detach(&b);
    s->filter = st->filter;
    s->hint = st->trash ? SCREENS_HINT_WORDS(&records_keys, {TUI_ACT_UNDO, C_(NC_("hint", "restore"))},
                                             {TUI_ACT_TRASH, C_(NC_("hint", "leave the trash"))}, {TUI_ACT_HELP, NULL})
                        : SCREENS_HINT(&records_keys, TUI_ACT_TRASH, TUI_ACT_HELP);
}

static void rec_close(void *state)
{
    struct rec_state *st = state;
    tui_listview_free(st->lv);
    for (size_t i = 0; i < st->nwhere; i++) {
        free(st->wfield[i]);
        free(st->wvalue[i]);
    }
    names_clear(&st->names);
    free(st->title);
    free(st->text);
    free(st->pos);
    free(st->filter);
}

const struct tui_screen_ops records_screen = {
    .name = N_("List"), .state_size = sizeof(struct rec_state), .open = rec_open,
    .layout = rec_layout, .draw = rec_draw, .handle = rec_handle, .reload = rec_reload,
    .idle = rec_idle, .status = rec_status, .close = rec_close, .keys = &records_keys,
};
