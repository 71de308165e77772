/* Browse: one timeline of the logbooks (model/timeline.h), newest first,
 * with filters combined (f), the active filter in the status bar, a
 * full-text search that jumps between matches (/, n, N), saved filters (S
 * saves, o opens), a frequency view of a column (F: counts per value with
 * bars; Enter filters the list to the value) and an export of the list (x).
 * Enter opens the record. Pages come from keyset queries: nothing here
 * walks a table. */
#include "screens/screens.h"
#include "model/export.h"
#include "model/format.h"
#include "model/timeline.h"
#include "tui/color.h"
#include "tui/dialog.h"
#include "tui/listview.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NCOLS 5
#define FREQ_MAX 200

/* The filters as people name them, in timeline_fields' order. */
static const char *const filter_labels[TL_FILTERS] = {
    N_("From date (YYYY-MM-DD)"), N_("To date (YYYY-MM-DD)"), N_("Logbook"),
    N_("Centre"), N_("Territory"), N_("In a QPV"), N_("Facilitator (login)"), N_("Theme"),
    N_("Criterion (code)"), N_("Status"), N_("Body"),
};

/* The filters' short names, for the active filters ("Journal : séances"). */
static const char *const filter_names[TL_FILTERS] = {
    N_("From"), N_("To"), N_("Logbook"), N_("Centre"), N_("Territory"), N_("In a QPV"),
    N_("Facilitator"), N_("Theme"), N_("Criterion"), N_("Status"), N_("Body"),
};

/* Columns of the frequency view: the record field, the filter it sets. */
static const struct {
    const char *field, *filter, *label;
} freq_columns[] = {
    {"logbook", "logbook", N_("Logbook")}, {"centre", "centre", N_("Centre")},
    {"created_by", "facilitator", N_("Facilitator")}, {"status", "status", N_("Status")},
    {"themes", "theme", N_("Theme")}, {"criteria", "criterion", N_("Criterion")},
    {"territory", "territory", N_("Territory")}, {"body", "body", N_("Body")},
};
#define NFREQ (sizeof freq_columns / sizeof *freq_columns)

static const struct tui_list_column columns[NCOLS] = {
    {N_("Date"), 10, 0, TUI_ALIGN_LEFT}, {N_("Logbook"), 12, 0, TUI_ALIGN_LEFT},
    {N_("Title"), 0, 3, TUI_ALIGN_LEFT}, {N_("Centre or body"), 0, 1, TUI_ALIGN_LEFT},
    {N_("By"), 10, 0, TUI_ALIGN_LEFT},
};

struct browse_state {
    char *value[TL_FILTERS];        /* owned; NULL: no filter */
    char *search;                   /* the last search, or NULL */
    struct tui_listview *lv;
    char *pos, *filter_text;
    unsigned gen;
    /* The frequency view, when freq_field is set. */
    const char *freq_field, *freq_filter;
    char *freq_value[FREQ_MAX];
    long freq_count[FREQ_MAX];
    size_t nfreq, freq_sel, freq_top;
};

static const struct tui_keybind browse_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"}, {TUI_ACT_SEARCH, "/"}, {TUI_ACT_SEARCH_NEXT, "n"},
    {TUI_ACT_SEARCH_PREV, "N"}, {TUI_ACT_FILTER, "f"}, {TUI_ACT_EXPORT, "x"}, {TUI_ACT_FREQUENCY, "F"},
    {TUI_ACT_SAVE_FILTER, "S"}, {TUI_ACT_OPEN_FILTER, "o"}, TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
static const struct tui_keymap browse_keys = {N_("In Browse"), browse_binds, "browse"};

static void filter_of(const struct browse_state *st, struct timeline_filter *f, const char *text)
{
    for (int i = 0; i < TL_FILTERS; i++)
        f->value[i] = st->value[i];
    f->text = text;
}

/* ---- The list's source -------------------------------------------------- */

struct fill {
    struct tui_list_row *out;
    size_t n;
};

/* The name of what a record belongs to: its centre, or a sitting's body. */
static char *owner_text(const struct record *r)
{
    const struct field *f = kind_field(r->kind, "centre");
    if (!f)
        f = kind_field(r->kind, "body");
    return f ? format_value_text(screens_store(), f, record_get(r, f->name)) : xstrdup("");
}

static int fill_fn(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    struct fill *fl = ctx;
    char key[64];
    snprintf(key, sizeof key, "%.10s|%s", timeline_date(r), r->id);
    struct tui_list_row *row = &fl->out[fl->n++];
    tui_list_row_init(row, key, NCOLS);
    char d[11];
    numdate_date_display(timeline_date(r), d);
    row->cells[0] = xstrdup(d);
    row->cells[1] = xstrdup(_(r->kind->label));
    row->cells[2] = record_title(screens_store(), r);
    row->cells[3] = owner_text(r);
    row->cells[4] = xstrdup(r->created_by ? r->created_by : "");
    return 0;
}

/* "date|id" into its parts; false when key is not one. */
static bool split_key(const char *key, char date[11], char id[37])
{
    const char *bar = key ? strchr(key, '|') : NULL;
    if (!bar || bar - key > 10 || strlen(bar + 1) > 36)
        return false;
    snprintf(date, 11, "%.*s", (int)(bar - key), key);
    snprintf(id, 37, "%s", bar + 1);
    return true;
}

static int browse_fetch(void *ctx, const char *anchor, int dir, size_t max, struct tui_list_row *out)
{
    struct browse_state *st = ctx;
    struct timeline_filter f;
    filter_of(st, &f, NULL);
    char date[11], id[37];
    bool cur = split_key(anchor, date, id);
    struct fill fl = {out, 0};
    struct error err;
    error_clear(&err);
    int rc = timeline_run(screens_store(), &f, cur ? date : NULL, cur ? id : NULL, dir < 0, dir == 0, (int)max,
                          fill_fn, &fl, &err);
    if (rc < 0) {
        screens_error_message(&err);
        return rc;
    }
    return (int)fl.n;
}

static long browse_count(void *ctx)
{
    struct browse_state *st = ctx;
    struct timeline_filter f;
    filter_of(st, &f, NULL);
    struct error err;
    error_clear(&err);
    return timeline_count(screens_store(), &f, &err);
}

/* ---- Filters --------------------------------------------------------------- */

/* The logbook field that filter name's codes belong to ("status" is on
 * several logbooks: the first that knows code), or NULL. */
static const struct field *filter_field(const char *name, const char *code)
{
    static const char *const logs[] = {"initiative", "meeting", "action", "difficulty"};
    const char *field = strcmp(name, "theme") == 0 ? "themes" : strcmp(name, "criterion") == 0 ? "criteria" : name;
    for (size_t i = 0; i < sizeof logs / sizeof *logs; i++) {
        const struct field *f = kind_field(kind_find(logs[i]), field);
        if (f && (f->type != FT_CHOICE || !code || field_choice_label(f, code)))
            return f;
    }
    return NULL;
}

/* The value of filter i as the screen shows it: labels, not codes. */
static char *filter_value_text(int i, const char *v)
{
    const char *name = timeline_fields[i];
    if (strcmp(name, "logbook") == 0 && kind_find(v))
        return xstrdup(_(kind_find(v)->plural));
    if (strcmp(name, "qpv") == 0)
        return xstrdup(strcmp(v, "0") ? _("yes") : _("no"));
    if (strcmp(name, "from") == 0 || strcmp(name, "to") == 0) {
        char d[FORMAT_DATE_MAX];
        numdate_date_display(v, d);
        return xstrdup(d);
    }
    const struct field *f = filter_field(name, v);
    if (f && (f->type == FT_CHOICE || f->type == FT_SET))
        return format_value_text(screens_store(), f, v);
    return xstrdup(v);
}

static void describe_filter(struct browse_state *st)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < TL_FILTERS; i++)
        if (st->value[i]) {
            char *v = filter_value_text(i, st->value[i]);
            strbuf_addf(&b, "%s", b.len ? ", " : "");
            strbuf_addf(&b, _("%s: %s"), _(filter_names[i]), v);
            free(v);
        }
    if (st->search)
        strbuf_addf(&b, "%s/%s", b.len ? " " : "", st->search);
    free(st->filter_text);
    st->filter_text = strbuf_detach(&b);
}

struct theme_choices {
    struct tui_choice *choices;
    char **owned;       /* code and label of each, to free */
    size_t n;
};

static int add_theme(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    struct theme_choices *tc = ctx;
    const char *label = record_get(r, format_label_column());
    tc->owned[2 * tc->n] = xstrdup(record_get(r, "code") ? record_get(r, "code") : "");
    tc->owned[2 * tc->n + 1] = xstrdup(label ? label : tc->owned[2 * tc->n]);
    tc->choices[tc->n] = (struct tui_choice){tc->owned[2 * tc->n], tc->owned[2 * tc->n + 1]};
    tc->n++;
    return 0;
}

/* A picker of labels for the filters whose values are codes (logbook,
 * status, theme, in a QPV): the code picked, NULL when there is none to
 * pick from (the filter is typed) or "" when backed out. */
static char *pick_filter_value(int i)
{
    const char *name = timeline_fields[i];
    struct tui_choice choices[64];
    size_t n = 0;
    char *owned[64];
    size_t nowned = 0;
    if (strcmp(name, "logbook") == 0) {
        static const char *const logs[] = {"initiative", "meeting", "action", "difficulty"};
        for (size_t k = 0; k < 4; k++)
            choices[n++] = (struct tui_choice){logs[k], kind_find(logs[k])->label};
    } else if (strcmp(name, "qpv") == 0) {
        choices[n++] = (struct tui_choice){"1", N_("yes")};
        choices[n++] = (struct tui_choice){"0", N_("no")};
    } else if (strcmp(name, "status") == 0) {
        static const char *const logs[] = {"initiative", "difficulty"};
        for (size_t k = 0; k < 2; k++)
            for (const struct choice *c = kind_field(kind_find(logs[k]), "status")->choices; c->code && n < 64; c++)
                choices[n++] = (struct tui_choice){c->code, c->label};
    } else if (strcmp(name, "theme") == 0) {
        struct theme_choices tc = {choices, owned, 0};
        struct query q;
        struct error err;
        error_clear(&err);
        query_init(&q, kind_find("theme"));
        q.limit = 32;
        query_run(screens_store(), &q, add_theme, &tc, &err);
        n = tc.n;
        nowned = 2 * tc.n;
    }
    if (!n)
        return NULL;
    int pick = tui_dialog_pick(_(filter_names[i]), choices, n, -1);
    char *out = xstrdup(pick >= 0 ? choices[pick].code : "");
    for (size_t k = 0; k < nowned; k++)
        free(owned[k]);
    return out;
}

static void set_filter(struct browse_state *st, int i, const char *value)
{
    free(st->value[i]);
    st->value[i] = value && *value ? xstrdup(value) : NULL;
}

static int filter_index(const char *name)
{
    for (int i = 0; i < TL_FILTERS; i++)
        if (strcmp(timeline_fields[i], name) == 0)
            return i;
    return -1;
}

static int refilter(struct browse_state *st)
{
    describe_filter(st);
    tui_listview_top(st->lv);
    tui_listview_reload(st->lv);
    return TUI_REDRAW;
}

static int choose_filter(struct browse_state *st)
{
    struct tui_choice choices[TL_FILTERS + 1];
    choices[0] = (struct tui_choice){"", N_("(clear every filter)")};
    for (int i = 0; i < TL_FILTERS; i++)
        choices[i + 1] = (struct tui_choice){timeline_fields[i], filter_labels[i]};
    int pick = tui_dialog_pick(_("Filter on"), choices, TL_FILTERS + 1, -1);
    if (pick < 0)
        return TUI_REDRAW;
    if (pick == 0) {
        for (int i = 0; i < TL_FILTERS; i++)
            set_filter(st, i, NULL);
        return refilter(st);
    }
    char *v = pick_filter_value(pick - 1);
    if (v && !*v) {
        free(v);
        return TUI_REDRAW;
    }
    if (!v) {
        char *label = xasprintf("%s:", _(filter_labels[pick - 1]));
        v = tui_dialog_prompt(label, st->value[pick - 1], NULL, 0);
        free(label);
    }
    if (!v)
        return TUI_REDRAW;
    set_filter(st, pick - 1, v);
    free(v);
    return refilter(st);
}

/* ---- Saved filters: one line per name in $XDG_CONFIG_HOME/carnet/filters:
 * name TAB field=value TAB ... (values hold no tab or newline). */

static char *filters_path(bool make_dir)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    char *dir = xdg && *xdg ? xasprintf("%s/carnet", xdg) : xasprintf("%s/.config/carnet", home ? home : ".");
    if (make_dir) {
        char *parent = xstrdup(dir);
        char *slash = strrchr(parent, '/');
        if (slash) {
            *slash = '\0';
            mkdir(parent, 0700);
        }
        free(parent);
        mkdir(dir, 0700);
    }
    char *path = xasprintf("%s/filters", dir);
    free(dir);
    return path;
}

/* The saved lines (each without its newline); *n gets their number. */
static char **saved_read(size_t *n)
{
    *n = 0;
    char *path = filters_path(false);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return NULL;
    char **lines = NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        if (!len)
            continue;
        lines = xrealloc(lines, (*n + 1) * sizeof *lines);
        lines[(*n)++] = xstrdup(line);
    }
    free(line);
    fclose(f);
    return lines;
}

static void lines_free(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static int save_filter(struct browse_state *st)
{
    char *name = tui_dialog_prompt(_("Save this filter as:"), NULL, NULL, 0);
    if (!name || !*name || strpbrk(name, "\t\n")) {
        free(name);
        return TUI_REDRAW;
    }
    size_t n;
    char **lines = saved_read(&n);
    char *path = filters_path(true);
    struct outfile file;
    bool ok = outfile_open(&file, path, store_path(screens_store())) == 0;
    FILE *f = file.f;
    size_t nlen = strlen(name);
    for (size_t i = 0; ok && i < n; i++)     /* the others, kept in their order */
        if (!(strncmp(lines[i], name, nlen) == 0 && lines[i][nlen] == '\t'))
            fprintf(f, "%s\n", lines[i]);
    if (ok) {
        fputs(name, f);
        for (int i = 0; i < TL_FILTERS; i++)
            if (st->value[i] && !strpbrk(st->value[i], "\t\n"))
                fprintf(f, "\t%s=%s", timeline_fields[i], st->value[i]);
        fputc('\n', f);
        ok = outfile_commit(&file, store_path(screens_store())) == 0;
    }
    if (ok)
        tui_screen_message(TUI_MSG_INFO, _("Filter saved as %s"), name);
    else
        tui_screen_message(TUI_MSG_ERROR, _("Cannot save the filter in %s: %s"), path, file.error);
    lines_free(lines, n);
    free(path);
    free(name);
    return TUI_REDRAW;
}

static int open_filter(struct browse_state *st)
{
    size_t n;
    char **lines = saved_read(&n);
    if (!n) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("No saved filter yet: S saves the current one."));
        return TUI_REDRAW;
    }
    /* The names end at the first tab: cut there for the picker, keep the rest. */
    struct tui_choice *choices = xcalloc(n, sizeof *choices);
    char **rest = xcalloc(n, sizeof *rest);
    for (size_t i = 0; i < n; i++) {
        char *tab = strchr(lines[i], '\t');
        rest[i] = tab ? tab + 1 : NULL;
        if (tab)
            *tab = '\0';
        choices[i] = (struct tui_choice){lines[i], lines[i]};
    }
    int pick = tui_dialog_pick(_("Open a saved filter"), choices, n, -1);
    if (pick >= 0) {
        for (int i = 0; i < TL_FILTERS; i++)
            set_filter(st, i, NULL);
        for (char *p = rest[pick]; p && *p;) {
            size_t len = strcspn(p, "\t");
            char *pair = xstrndup(p, len);
            char *eq = strchr(pair, '=');
            if (eq) {
                *eq = '\0';
                int i = filter_index(pair);
                if (i >= 0)
                    set_filter(st, i, eq + 1);
            }
            free(pair);
            p += len;
            if (*p)
                p++;
        }
        tui_screen_message(TUI_MSG_INFO, _("Filter %s"), lines[pick]);
    }
    free(rest);
    free(choices);
    lines_free(lines, n);
    return pick >= 0 ? refilter(st) : TUI_REDRAW;
}

/* ---- Search: jumps to the next or previous match of the filtered list ---- */

struct first {
    char key[64];
};

static int first_fn(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    struct first *f = ctx;
    snprintf(f->key, sizeof f->key, "%.10s|%s", timeline_date(r), r->id);
    return 1;
}

/* The match after (dir > 0), at or after (0), or before (dir < 0) the
 * selected row, wrapping around the ends once. */
static int search_jump(struct browse_state *st, int dir)
{
    if (!st->search && screens_last_search()) {
        st->search = xstrdup(screens_last_search());    /* n repeats the last search of any list */
        describe_filter(st);
    }
    if (!st->search) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("Search first with /"));
        return TUI_REDRAW;
    }
    struct timeline_filter f;
    filter_of(st, &f, st->search);
    char date[11], id[37];
    bool cur = split_key(tui_listview_selected_key(st->lv), date, id);
    struct first hit = {""};
    struct error err;
    error_clear(&err);
    struct store *s = screens_store();
    int rc = timeline_run(s, &f, cur ? date : NULL, cur ? id : NULL, dir < 0, dir == 0, 1, first_fn, &hit, &err);
    if (rc == 0 && cur) {
        /* Wrap around: the first match from the top, or the last one (the
         * rows "before" a cursor past the oldest row, nearest first). */
        rc = dir < 0 ? timeline_run(s, &f, "", "", true, false, 1, first_fn, &hit, &err)
                     : timeline_run(s, &f, NULL, NULL, false, false, 1, first_fn, &hit, &err);
        if (hit.key[0])
            tui_screen_message(TUI_MSG_INFO, "%s", _("Search wrapped around"));
    }
    if (rc < 0) {
        screens_error_message(&err);
        return TUI_REDRAW;
    }
    if (!hit.key[0]) {
        tui_screen_message(TUI_MSG_INFO, _("No match for %s"), st->search);
        return TUI_REDRAW;
    }
    tui_listview_select_key(st->lv, hit.key);
    return TUI_REDRAW;
}

static int search_prompt(struct browse_state *st)
{
    char *text = tui_dialog_prompt(_("Search:"), NULL, NULL, 0);
    if (!text)
        return TUI_REDRAW;
    free(st->search);
    st->search = *text ? text : NULL;
    if (!*text)
        free(text);
    describe_filter(st);
    screens_set_last_search(st->search);
    return st->search ? search_jump(st, 0) : TUI_REDRAW;
}

/* ---- Frequency view -------------------------------------------------------- */

static void freq_clear(struct browse_state *st)
{
    for (size_t i = 0; i < st->nfreq; i++)
        free(st->freq_value[i]);
    st->nfreq = st->freq_sel = st->freq_top = 0;
    st->freq_field = NULL;
}

static int freq_take(const char *value, long count, void *ctx)
{
    struct browse_state *st = ctx;
    if (st->nfreq == FREQ_MAX)
        return 1;
    st->freq_value[st->nfreq] = xstrdup(value);
    st->freq_count[st->nfreq++] = count;
    return 0;
}

static int freq_open(struct browse_state *st)
{
    struct tui_choice choices[NFREQ];
    for (size_t i = 0; i < NFREQ; i++)
        choices[i] = (struct tui_choice){freq_columns[i].field, freq_columns[i].label};
    int pick = tui_dialog_pick(_("Frequency of which column?"), choices, NFREQ, 0);
    if (pick < 0)
        return TUI_REDRAW;
    freq_clear(st);
    struct timeline_filter f;
    filter_of(st, &f, NULL);
    struct error err;
    error_clear(&err);
    st->freq_field = freq_columns[pick].field;
    st->freq_filter = freq_columns[pick].filter;
    if (timeline_frequency(screens_store(), &f, st->freq_field, freq_take, st, &err) < 0) {
        screens_error_message(&err);
        freq_clear(st);
    }
    return TUI_REDRAW;
}

static char *freq_text(const struct browse_state *st, const char *value)
{
    return timeline_frequency_text(screens_store(), st->freq_field, value);
}

static void freq_draw(struct browse_state *st, struct tui_rect a)
{
    const char *label = st->freq_field;
    for (size_t i = 0; i < NFREQ; i++)
        if (strcmp(freq_columns[i].field, st->freq_field) == 0)
            label = _(freq_columns[i].label);
    long total = 0, max = 1;
    for (size_t i = 0; i < st->nfreq; i++) {
        total += st->freq_count[i];
        if (st->freq_count[i] > max)
            max = st->freq_count[i];
    }
    tui_draw_textf(a.y, a.x, a.w, tui_attr(TUI_C_TITLE), _("Frequency: %s (%zu values, %ld records)"), label,
                   st->nfreq, total);
    int rows = a.h - 2;
    if (rows < 1)
        return;
    if (st->freq_sel < st->freq_top)
        st->freq_top = st->freq_sel;
    if (st->freq_sel >= st->freq_top + (size_t)rows)
        st->freq_top = st->freq_sel - (size_t)rows + 1;
    int name_w = a.w / 3, bar_w = a.w - name_w - 20;
    bool utf8 = screens_utf8();
    for (int r = 0; r < rows && st->freq_top + (size_t)r < st->nfreq; r++) {
        size_t i = st->freq_top + (size_t)r;
        attr_t at = tui_attr(i == st->freq_sel ? TUI_C_SELECTED : TUI_C_NORMAL);
        char *name = freq_text(st, st->freq_value[i]);
        int pct = (int)((st->freq_count[i] * 100 + total / 2) / (total ? total : 1));
        int len = bar_w > 0 ? (int)((st->freq_count[i] * bar_w + max - 1) / max) : 0;
        struct strbuf b;
        strbuf_init(&b);
        for (int k = 0; k < len; k++)
            strbuf_adds(&b, utf8 ? "█" : "#");
        tui_draw_text(a.y + 2 + r, a.x, name_w, name, TUI_ALIGN_LEFT, at);
        tui_draw_textf(a.y + 2 + r, a.x + name_w + 1, 18, at, "%8ld %4d%%", st->freq_count[i], pct);
        tui_draw_text(a.y + 2 + r, a.x + name_w + 19, bar_w > 0 ? bar_w : 0, b.s ? b.s : "", TUI_ALIGN_LEFT,
                      tui_attr(TUI_C_OK));
        strbuf_free(&b);
        free(name);
    }
    tui_draw_cursor(a.y + 2 + (int)(st->freq_sel - st->freq_top), a.x);
}

static int freq_handle(struct browse_state *st, int action)
{
    switch (action) {
    case TUI_ACT_MOVE_UP:
        if (st->freq_sel)
            st->freq_sel--;
        return TUI_REDRAW;
    case TUI_ACT_MOVE_DOWN:
        if (st->freq_sel + 1 < st->nfreq)
            st->freq_sel++;
        return TUI_REDRAW;
    case TUI_ACT_TOP:
        st->freq_sel = 0;
        return TUI_REDRAW;
    case TUI_ACT_BOTTOM:
        st->freq_sel = st->nfreq ? st->nfreq - 1 : 0;
        return TUI_REDRAW;
    case TUI_ACT_OPEN: {
        if (!st->nfreq)
            return TUI_REDRAW;
        const char *v = st->freq_value[st->freq_sel];
        if (!*v) {
            tui_screen_message(TUI_MSG_INFO, "%s", _("Empty values cannot be a filter."));
            return TUI_REDRAW;
        }
        set_filter(st, filter_index(st->freq_filter), v);
        freq_clear(st);
        return refilter(st);
    }
    case TUI_ACT_BACK:
        freq_clear(st);
        return TUI_REDRAW;
    default:
        return TUI_PASS;
    }
}

/* ---- Export ------------------------------------------------------------------ */

enum export_format { EXPORT_XLSX, EXPORT_CSV, EXPORT_JSON };

struct export_ctx {
    const struct browse_state *st;
    const struct kind *kind;    /* the one logbook of the list; NULL: several */
    enum export_format format;
    struct strbuf *out;
    struct export_xlsx *book;
    long n;
};

static int export_fn(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    struct export_ctx *e = ctx;
    if (e->format == EXPORT_XLSX) {
        export_xlsx_record(e->book, r);
    } else if (e->format == EXPORT_CSV) {
        csv_record(r, e->out);
    } else {
        strbuf_adds(e->out, e->n ? ",\n" : "\n");
        json_record(r, e->out);
    }
    e->n++;
    return 0;
}

/* The filtered list: a workbook of labels or the CSV of carnet export when
 * it holds one logbook, else JSON (records of several kinds). */
static bool make_export(void *ctx, size_t format, struct strbuf *out, struct error *err)
{
    struct export_ctx *e = ctx;
    e->format = e->kind ? (format == 0 ? EXPORT_XLSX : EXPORT_CSV) : EXPORT_JSON;
    e->out = out;
    e->n = 0;
    struct timeline_filter f;
    filter_of(e->st, &f, NULL);
    if (e->format == EXPORT_XLSX && !(e->book = export_xlsx_start(screens_store(), err)))
        return false;
    if (e->format == EXPORT_CSV)
        csv_header(e->kind, out);
    else if (e->format == EXPORT_JSON)
        strbuf_adds(out, "[");
    int rc = timeline_run(screens_store(), &f, NULL, NULL, false, false, 0, export_fn, e, err);
    if (e->format == EXPORT_XLSX) {
        struct strbuf none;
        strbuf_init(&none);
        int done = export_xlsx_finish(e->book, e->kind, rc < 0 ? &none : out, rc < 0 ? NULL : err);
        strbuf_free(&none);
        e->book = NULL;
        return rc >= 0 && done == 0;
    }
    if (e->format == EXPORT_JSON)
        strbuf_adds(out, e->n ? "\n]\n" : "]\n");
    return rc >= 0;
}

static int export_list(struct browse_state *st)
{
    struct timeline_filter f;
    filter_of(st, &f, NULL);
    const struct kind *ks[5];
    int nk = timeline_kinds(&f, ks);
    struct export_ctx e = {.st = st, .kind = nk == 1 ? ks[0] : NULL};
    struct screens_file_dialog d = {.make = make_export, .ctx = &e,
                                    .failed_title = _("The list could not be exported"),
                                    .unwritten_title = _("The list was not exported")};
    if (e.kind) {
        d.formats[d.nformats++] = (struct screens_file_format){"xlsx", N_("Spreadsheet (xlsx)"), "xlsx"};
        d.formats[d.nformats++] = (struct screens_file_format){"csv", N_("CSV (for carnet import)"), "csv"};
    } else {
        d.formats[d.nformats++] = (struct screens_file_format){"json", N_("JSON (several logbooks)"), "json"};
    }
    char today[11];
    store_today(today);
    /* TRANSLATORS: the name of the export's file of several logbooks,
     * before its date; no spaces or slashes. */
    char *what = screens_file_name_part(e.kind ? _(e.kind->plural) : _("records"));
    char *base = xasprintf("%s-%s", what, today);
    char *title = e.kind ? xasprintf(_("Export the list — %s"), _(e.kind->plural))
                         : xstrdup(_("Export the list — several logbooks"));
    d.title = title;
    d.base = base;
    char *written = screens_file_dialog(&d);
    if (written) {
        char *text = xasprintf(ngettext("%ld record is in:\n%s", "%ld records are in:\n%s", e.n), e.n, written);
        tui_dialog_message(_("List exported"), text);
        free(text);
    }
    free(written);
    free(title);
    free(base);
    free(what);
    return TUI_REDRAW;
}

/* ---- The screen ---------------------------------------------------------------- */

static int browse_open(void *state, void *arg)
{
    struct browse_state *st = state;
    (void)arg;
    struct tui_list_source src = {browse_fetch, browse_count, NULL, st};
    st->lv = tui_listview_new(&src, columns, NCOLS);
    tui_listview_set_empty_text(st->lv, _("Nothing matches: f changes the filter."));
    st->gen = screens_generation();
    describe_filter(st);
    return 0;
}

static void browse_layout(void *state, struct tui_rect area)
{
    struct browse_state *st = state;
    if (st->gen != screens_generation()) {
        st->gen = screens_generation();
        tui_listview_reload(st->lv);
    }
    area.y += 1;
    area.h -= 1;
    tui_listview_layout(st->lv, area);
}

static void browse_draw(void *state)
{
    struct browse_state *st = state;
    struct tui_rect a = tui_screen_area();
    if (st->freq_field) {
        freq_draw(st, a);
        return;
    }
    /* The whole filter here too: the status bar may have to cut it. */
    char *title = *st->filter_text ? xasprintf("%s — %s", _("Browse: every logbook, newest first"), st->filter_text)
                                   : xstrdup(_("Browse: every logbook, newest first"));
    tui_draw_text(a.y, a.x, a.w, title, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    free(title);
    tui_listview_draw(st->lv);
}

static int browse_handle(void *state, int action, int key)
{
    (void)key;
    struct browse_state *st = state;
    if (st->freq_field)
        return freq_handle(st, action);
    int moved = tui_listview_handle(st->lv, action);
    if (moved != 0)
        return TUI_REDRAW;
    switch (action) {
    case TUI_ACT_OPEN: {
        char date[11], id[37];
        if (split_key(tui_listview_selected_key(st->lv), date, id)) {
            struct detail_arg a = {id};
            tui_screen_push(&detail_screen, &a);
        }
        return TUI_RELAYOUT;
    }
    case TUI_ACT_FILTER:
        return choose_filter(st);
    case TUI_ACT_SEARCH:
        return search_prompt(st);
    case TUI_ACT_SEARCH_NEXT:
        return search_jump(st, 1);
    case TUI_ACT_SEARCH_PREV:
        return search_jump(st, -1);
    case TUI_ACT_EXPORT:
        return export_list(st);
    case TUI_ACT_FREQUENCY:
        return freq_open(st);
    case TUI_ACT_SAVE_FILTER:
        return save_filter(st);
    case TUI_ACT_OPEN_FILTER:
        return open_filter(st);
    default:
        return TUI_PASS;
    }
}

static int browse_reload(void *state)
{
    struct browse_state *st = state;
    tui_listview_reload(st->lv);
    return TUI_REDRAW;
}

static int browse_idle(void *state)
{
    return store_data_changed(screens_store()) ? browse_reload(state) : TUI_DONE;
}

static void browse_status(void *state, struct tui_status *s)
{
    struct browse_state *st = state;
    free(st->pos);
    st->pos = tui_listview_position_text(st->lv);
    s->position = st->pos;
    s->filter = st->filter_text;
    s->hint = st->freq_field ? _("Enter filters on the value, q back") : SCREENS_HINT(&browse_keys, TUI_ACT_FILTER, TUI_ACT_SEARCH, TUI_ACT_FREQUENCY, TUI_ACT_HELP);
}

static void browse_close(void *state)
{
    struct browse_state *st = state;
    freq_clear(st);
    tui_listview_free(st->lv);
    for (int i = 0; i < TL_FILTERS; i++)
        free(st->value[i]);
    free(st->search);
    free(st->pos);
    free(st->filter_text);
}

const struct tui_screen_ops browse_screen = {
    .name = N_("Browse"), .state_size = sizeof(struct browse_state), .open = browse_open,
    .layout = browse_layout, .draw = browse_draw, .handle = browse_handle, .reload = browse_reload,
    .idle = browse_idle, .status = browse_status, .close = browse_close, .keys = &browse_keys,
};
