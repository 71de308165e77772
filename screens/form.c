/* The form to add or edit a record of any kind, generated from its
 * descriptor: one form field per record field, references as a choice
 * among the records they may name, themes and criteria from their tables.
 * Saving goes through record_create/record_update; what the model refuses
 * comes back next to its field and the typed content stays. A record that
 * someone else changed while it was open is never overwritten silently:
 * the user keeps theirs, takes the other's, or compares both first. */
#include "screens/screens.h"
#include "model/format.h"
#include "model/query.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/color.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <string.h>

#define MAX_REF_CHOICES 5000

struct form_state {
    const struct kind *kind;
    char id[37];                    /* "" for a new record */
    struct tui_field_desc *desc;    /* one per field of the kind */
    struct tui_choice **choices;    /* owned choices of each field, or NULL */
    size_t *nchoices;
    struct tui_form *form;
    /* An edited record as it was loaded, and its values as the form gives
     * them back: only the fields the user changed from these are written,
     * and a different row_seq at save time means someone else wrote it. */
    struct record *loaded;
    char **base;
    char *hint;                     /* the status line's keys */
};

/* ---- Choices -------------------------------------------------------------- */

struct fill {
    struct tui_choice *c;
    size_t n, max;
    const char *date;               /* criteria: only those valid on this date */
    const char *keep;               /* codes to offer whatever their dates */
};

static bool in_set(const char *set, const char *code)
{
    size_t len = strlen(code);
    for (const char *p = set; p && *p;) {
        size_t l = strcspn(p, ",");
        if (l == len && strncmp(p, code, len) == 0)
            return true;
        p += l;
        if (*p == ',')
            p++;
    }
    return false;
}

static int fill_record(struct record *r, bool *keep, void *ctx)
{
    struct fill *f = ctx;
    (void)keep;
    if (f->n == f->max)
        return 1;
    f->c[f->n].code = xstrdup(r->id);
    f->c[f->n].label = record_title(screens_store(), r);
    f->n++;
    return 0;
}

static int fill_code(struct record *r, bool *keep, void *ctx)
{
    struct fill *f = ctx;
    (void)keep;
    const char *key = kind_set_key(r->kind);
    const char *code = strcmp(key, "id") == 0 ? r->id : record_get(r, key);
    if (!code || f->n == f->max)
        return f->n == f->max;
    if (f->date && !in_set(f->keep, code)) {
        const char *from = record_get(r, "valid_from"), *to = record_get(r, "valid_to");
        if ((from && strcmp(f->date, from) < 0) || (to && strcmp(f->date, to) > 0))
            return 0;
    }
    const char *label = record_get(r, format_label_column());
    f->c[f->n].code = xstrdup(code);
    f->c[f->n].label = label ? xstrdup(label) : record_title(screens_store(), r);
    f->n++;
    return 0;
}

/* The choices of field f of a record whose stored values are v (NULL for a
 * new record). Optional choices and references start with "(none)". */
static struct tui_choice *field_choices(const struct kind *k, const struct field *f, char **v, size_t *n)
{
    struct fill fl = {NULL, 0, 0, NULL, NULL};
    bool none = !(f->flags & F_REQUIRED) && f->type != FT_SET;
    if (f->type == FT_CHOICE) {
        size_t m = 0;
        while (f->choices[m].code)
            m++;
        fl.c = xcalloc(m + 1, sizeof *fl.c);
        if (none)
            fl.c[fl.n++] = (struct tui_choice){xstrdup(""), xstrdup(N_("(none)"))};
        for (size_t i = 0; i < m; i++)
            fl.c[fl.n++] = (struct tui_choice){xstrdup(f->choices[i].code), xstrdup(f->choices[i].label)};
        *n = fl.n;
        return fl.c;
    }
    struct query q;
    struct error err;
    error_clear(&err);
    const struct kind *target = kind_find(f->ref);
    query_init(&q, target);
    fl.max = MAX_REF_CHOICES;
    fl.c = xcalloc(fl.max + 1, sizeof *fl.c);
    if (none) {
        fl.c[fl.n++] = (struct tui_choice){xstrdup(""), xstrdup(N_("(none)"))};
        fl.max++;
    }
    if (f->type == FT_REF) {
        q.limit = MAX_REF_CHOICES;
        query_run(screens_store(), &q, fill_record, &fl, &err);
    } else {
        char today[11];
        store_today(today);
        const char *date = k->date_field && v ? v[kind_field_index(k, k->date_field)] : NULL;
        if (kind_field(target, "valid_from"))
            fl.date = date ? date : today;
        fl.keep = v ? v[f - k->fields] : NULL;
        query_run(screens_store(), &q, fill_code, &fl, &err);
    }
    *n = fl.n;
    return fl.c;
}

/* ---- Open ------------------------------------------------------------------ */

static enum tui_field_kind form_kind(const struct field *f)
{
    switch (f->type) {
    case FT_LONGTEXT: return TUI_FIELD_MULTILINE;
    case FT_INT:      return TUI_FIELD_INTEGER;
    case FT_REAL:     return TUI_FIELD_REAL;
    case FT_BOOL:     return TUI_FIELD_YESNO;
    case FT_DATE:     return TUI_FIELD_DATE;
    case FT_CHOICE:   return TUI_FIELD_CHOICE;
    case FT_REF:      return TUI_FIELD_CHOICE;
    case FT_SET:      return f->ref ? TUI_FIELD_SET : TUI_FIELD_TEXT;
    default:          return TUI_FIELD_TEXT;
    }
}

/* A new record starts with the defaults its descriptor declares (today,
 * the writer's centre...), resolved by the model as for `carnet add`. */
static void set_defaults(struct form_state *st)
{
    struct error err;
    error_clear(&err);
    struct record *r = record_new(st->kind);
    if (record_defaults(screens_store(), r, &err) != 0)
        screens_error_message(&err);
    for (int i = 0; i < st->kind->nfields; i++)
        if (r->v[i])
            tui_form_set_value(st->form, (size_t)i, r->v[i]);
    record_free(r);
}

static void free_base(struct form_state *st)
{
    for (int i = 0; st->base && i < st->kind->nfields; i++)
        free(st->base[i]);
    record_free(st->loaded);
    st->loaded = NULL;
}

/* Fills the form with r's values and takes r as the base of the edit. */
static void take_values(struct form_state *st, const struct record *r)
{
    free_base(st);
    st->loaded = record_dup(r);
    for (int i = 0; i < st->kind->nfields; i++) {
        tui_form_set_value(st->form, (size_t)i, r->v[i]);
        st->base[i] = tui_form_value(st->form, (size_t)i);
    }
}

/* Whether presets give field a value. */
static bool preset(const char *const *presets, const char *field)
{
    size_t len = strlen(field);
    for (const char *const *p = presets; p && *p; p++)
        if (strncmp(*p, field, len) == 0 && (*p)[len] == '=' && (*p)[len + 1])
            return true;
    return false;
}

static int form_open(void *state, void *arg)
{
    struct form_state *st = state;
    const struct form_arg *a = arg;
    struct store *s = screens_store();
    if (!a || !a->kind || !screens_may_write(a->kind, true))
        return -1;
    const struct kind *k = st->kind = a->kind;
    struct record *r = NULL;
    if (a->id) {
        struct error err;
        error_clear(&err);
        r = record_load(s, a->id, &err);
        if (!r) {
            screens_error_message(&err);
            return -1;
        }
        snprintf(st->id, sizeof st->id, "%s", a->id);
    }
    size_t n = (size_t)k->nfields;
    st->desc = xcalloc(n, sizeof *st->desc);
    st->choices = xcalloc(n, sizeof *st->choices);
    st->nchoices = xcalloc(n, sizeof *st->nchoices);
    for (size_t i = 0; i < n; i++) {
        const struct field *f = &k->fields[i];
        struct tui_field_desc *d = &st->desc[i];
        d->label = f->label;
        d->kind = form_kind(f);
        d->required = f->flags & F_REQUIRED;
        d->max_len = f->type == FT_TEXT || f->type == FT_LONGTEXT ? (size_t)f->max : 0;
        d->lines = 3;
        if (d->kind == TUI_FIELD_CHOICE || d->kind == TUI_FIELD_SET) {
            st->choices[i] = field_choices(k, f, r ? r->v : NULL, &st->nchoices[i]);
            d->choices = st->choices[i];
            d->nchoices = st->nchoices[i];
        }
    }
    char *title = r ? xasprintf(_("Edit %s"), _(k->label)) : xasprintf(_("New %s"), _(k->label));
    st->form = tui_form_new(title, st->desc, n);
    free(title);
    if (r) {
        st->base = xcalloc(n, sizeof *st->base);
        take_values(st, r);
    } else {
        set_defaults(st);
        for (const char *const *p = a->presets; p && *p; p++) {
            const char *eq = strchr(*p, '=');
            char *name = eq ? xstrndup(*p, (size_t)(eq - *p)) : NULL;
            int i = name ? kind_field_index(k, name) : -1;
            if (i >= 0)
                tui_form_set_value(st->form, (size_t)i, eq + 1);
            free(name);
        }
    }
    record_free(r);
    int t = kind_field_index(k, k->title_field);
    size_t focus = t >= 0 && (k->flags & K_LOG) ? (size_t)t : 0;
    /* A field the screen already filled (the centre of a body added from
     * Governance) is not where typing should go: the next one is. */
    if (!(k->flags & K_LOG))
        while (focus + 1 < n && preset(a->presets, k->fields[focus].name))
            focus++;
    tui_form_set_focus(st->form, focus);
    return 0;
}

/* ---- Saving ---------------------------------------------------------------- */

/* Puts each line of err that is about a field next to that field (the
 * model names the field in err->field); returns how many lines are about no
 * field of the form (they go to the status line). */
static int place_errors(struct form_state *st, const struct error *err)
{
    int loose = 0, n = 0;
    const char *p = err->msg;
    while (*p) {
        size_t len = strcspn(p, "\n"), body;
        const char *name = error_line_field(err, n++, &body);
        int i = name ? kind_field_index(st->kind, name) : -1;
        if (i >= 0 && body < len) {
            char *line = xstrndup(p + body, len - body);
            tui_form_set_error(st->form, (size_t)i, line);
            free(line);
        } else {
            loose++;
        }
        p += len;
        if (*p == '\n')
            p++;
    }
    return loose;
}

/* What saving would write into field i: the form's value when the user
 * changed it, else the value loaded. The caller frees it. */
static char *mine(const struct form_state *st, int i)
{
    char *v = tui_form_value(st->form, (size_t)i);
    if (record_value_same(v, st->base[i])) {
        free(v);
        v = xstrdup(st->loaded->v[i] ? st->loaded->v[i] : "");
    }
    return v;
}

/* "field / mine / theirs" for each field where what saving would write and
 * the stored record cur differ, for the user to compare. The caller frees
 * it. */
static char *differences(const struct form_state *st, const struct record *cur)
{
    struct store *s = screens_store();
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < st->kind->nfields; i++) {
        const struct field *f = &st->kind->fields[i];
        char *v = mine(st, i);
        if (!record_value_same(v, cur->v[i])) {
            char *m = format_value_text(s, f, v), *t = format_value_text(s, f, cur->v[i]);
            strbuf_addf(&b, "%s%s\n  %s %s\n  %s %s\n", b.len ? "\n" : "", _(f->label),
                        _("mine:"), *m ? m : "∅", _("theirs:"), *t ? t : "∅");
            free(m);
            free(t);
        }
        free(v);
    }
    if (!b.len)
        strbuf_adds(&b, _("Your values and theirs are the same."));
    return strbuf_detach(&b);
}

enum { KEEP_MINE, TAKE_THEIRS, SEE_BOTH };

/* Someone else wrote the record since the form loaded it: asks what to do
 * (see both shows the differences and asks again). Returns KEEP_MINE,
 * TAKE_THEIRS, or -1 when the user backs out to the form. */
static int ask_conflict(const struct form_state *st, const struct record *cur)
{
    static const struct tui_choice choices[] = {
        {"keep", N_("Keep mine: save my changes over theirs")},
        {"take", N_("Take theirs: discard my changes")},
        {"see", N_("See both: compare field by field")},
    };
    char *title = xasprintf(_("%s changed this record while you were editing it"),
                            cur->updated_by ? cur->updated_by : _("someone"));
    int c;
    while ((c = tui_dialog_pick(title, choices, 3, KEEP_MINE)) == SEE_BOTH) {
        char *text = differences(st, cur);
        tui_dialog_message(_("Mine and theirs"), text);
        free(text);
    }
    free(title);
    return c;
}

static int save(struct form_state *st)
{
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    struct record *r = st->id[0] ? record_load(s, st->id, &err) : record_new(st->kind);
    if (!r) {
        screens_error_message(&err);
        return TUI_REDRAW;
    }
    if (st->loaded && r->row_seq != st->loaded->row_seq) {
        int c = ask_conflict(st, r);
        if (c == TAKE_THEIRS) {
            take_values(st, r);
            char *name = record_title(s, r);
            tui_screen_message(TUI_MSG_INFO, _("Their version is back in the form: %s"), name);
            free(name);
        }
        if (c != KEEP_MINE) {
            record_free(r);
            return TUI_REDRAW;
        }
    }
    /* Only what the user changed: fields that someone else changed
     * meanwhile and the user did not touch keep their new values. */
    struct record *before = st->id[0] ? record_dup(r) : NULL;     /* for u */
    for (int i = 0; i < st->kind->nfields; i++) {
        char *v = tui_form_value(st->form, (size_t)i);
        if (!st->base || !record_value_same(v, st->base[i]))
            record_set(r, st->kind->fields[i].name, v, &err);
        free(v);
    }
    int rc = st->id[0] ? record_update(s, r, &err) : record_create(s, r, &err);
    if (rc == 0 && before)
        undo_note_edit(screens_undo_log(), before, r);
    else if (rc == 0)
        undo_note(screens_undo_log(), UNDO_CHANGE_ADD, r->id);
    record_free(before);
    if (rc != 0) {
        if (rc != ERR_INVALID || place_errors(st, &err) > 0)
            screens_error_message(&err);
        else
            tui_screen_message(TUI_MSG_ERROR, "%s", _("Nothing was saved: see the fields marked."));
        record_free(r);
        return TUI_REDRAW;
    }
    screens_touch(r->id);
    char *name = record_title(s, r);
    tui_screen_message(TUI_MSG_INFO, _("Saved: %s"), name);
    free(name);
    record_free(r);
    return TUI_BACK;
}

/* ---- Screen ---------------------------------------------------------------- */

static void form_layout(void *state, struct tui_rect area)
{
    struct form_state *st = state;
    tui_form_layout(st->form, area);
}

static void form_draw(void *state)
{
    struct form_state *st = state;
    tui_form_draw(st->form);
}

static int form_handle(void *state, int action, int key)
{
    struct form_state *st = state;
    (void)action;
    switch (tui_form_handle(st->form, key)) {
    case TUI_FORM_CHANGED:
        return TUI_REDRAW;
    case TUI_FORM_SAVE:
        return save(st);
    case TUI_FORM_CANCEL:
        if (!tui_form_dirty(st->form) || tui_dialog_confirm(_("Discard the changes?"), false))
            return TUI_BACK;
        return TUI_REDRAW;
    default:
        return TUI_PASS;
    }
}

/* The keys named from the keymaps: in a form '?' is a character, so the
 * help is the first key of the help that is none (F1). */
static void form_status(void *state, struct tui_status *s)
{
    struct form_state *st = state;
    char *save = tui_keymap_key_name(&tui_keymap_form, TUI_ACT_SAVE, true);
    char *cancel = tui_keymap_key_name(&tui_keymap_form, TUI_ACT_CANCEL, true);
    char *help = tui_keymap_key_name(&tui_keymap_global, TUI_ACT_HELP, true);
    free(st->hint);
    st->hint = xasprintf(_("%s save, %s cancel, %s help"), save, cancel, help);
    s->hint = st->hint;
    free(save);
    free(cancel);
    free(help);
}

static void form_close(void *state)
{
    struct form_state *st = state;
    free(st->hint);
    tui_form_free(st->form);
    free_base(st);
    free(st->base);
    for (int i = 0; st->kind && i < st->kind->nfields; i++) {
        for (size_t j = 0; st->choices && j < st->nchoices[i]; j++) {
            free((char *)st->choices[i][j].code);
            free((char *)st->choices[i][j].label);
        }
        if (st->choices)
            free(st->choices[i]);
    }
    free(st->choices);
    free(st->nchoices);
    free(st->desc);
}

const struct tui_screen_ops form_screen = {
    .name = N_("Form"), .state_size = sizeof(struct form_state), .open = form_open,
    .layout = form_layout, .draw = form_draw, .handle = form_handle,
    .status = form_status, .close = form_close, .keys = &tui_keymap_form, .text_input = true,
};
