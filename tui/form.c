/* Forms. Each field has a slot holding its editing state (a lineedit for
 * typed kinds, an index, ticks or a flag for the others), its error and the
 * value it started from. The layout is recomputed from the rectangle at
 * every draw, so a resize never loses what was typed: content lives in the
 * slots, never in the screen. */
#include "tui/form.h"
#include "tui/color.h"
#include "tui/field.h"
#include "tui/keymap.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    struct tui_lineedit le;     /* text, multi-line, date, numbers */
    int choice;                 /* CHOICE: index, -1 none */
    bool *ticks;                /* SET: one per choice */
    char *unknown;              /* CHOICE/SET codes not among the choices, kept */
    bool yes;                   /* YESNO */
    char *initial;              /* tui_form_value at the last set_value */
    char *error;
    int top, height;            /* layout: first line (from the form's top), lines */
};

struct tui_form {
    char *title;
    const struct tui_field_desc *desc;
    size_t n;
    struct slot *slots;
    size_t focus;
    bool save_pending;
    struct tui_rect rect;
    int scroll;                 /* first layout line shown */
};

static bool typed(enum tui_field_kind k)
{
    return k <= TUI_FIELD_REAL;
}

struct tui_form *tui_form_new(const char *title, const struct tui_field_desc *fields, size_t n)
{
    struct tui_form *f = xcalloc(1, sizeof(*f));
    f->title = xstrdup(title ? title : "");
    f->desc = fields;
    f->n = n;
    f->slots = xcalloc(n ? n : 1, sizeof(*f->slots));
    for (size_t i = 0; i < n; i++) {
        struct slot *s = &f->slots[i];
        tui_lineedit_init(&s->le, NULL, fields[i].kind == TUI_FIELD_MULTILINE, fields[i].max_len);
        s->choice = -1;
        s->ticks = xcalloc(fields[i].nchoices ? fields[i].nchoices : 1, sizeof(bool));
    }
    /* What an untouched field gives ("0" for yes/no): a new form is clean. */
    for (size_t i = 0; i < n; i++)
        f->slots[i].initial = tui_form_value(f, i);
    return f;
}

void tui_form_free(struct tui_form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        struct slot *s = &f->slots[i];
        tui_lineedit_free(&s->le);
        free(s->ticks);
        free(s->unknown);
        free(s->initial);
        free(s->error);
    }
    free(f->slots);
    free(f->title);
    free(f);
}

/* ---- Values ------------------------------------------------------------- */

static int choice_index(const struct tui_field_desc *d, const char *code, size_t len)
{
    for (size_t c = 0; c < d->nchoices; c++)
        if (strlen(d->choices[c].code) == len && strncmp(d->choices[c].code, code, len) == 0)
            return (int)c;
    return -1;
}

int tui_form_set_value(struct tui_form *f, size_t i, const char *value)
{
    if (i >= f->n)
        return -1;
    const struct tui_field_desc *d = &f->desc[i];
    struct slot *s = &f->slots[i];
    const char *v = value ? value : "";
    char iso[11];
    free(s->unknown);
    s->unknown = NULL;
    switch (d->kind) {
    case TUI_FIELD_DATE:
        if (numdate_parse_date(v, iso) == NUMDATE_OK) {
            char shown[11];
            numdate_date_display(iso, shown);
            tui_lineedit_set(&s->le, shown);
        } else {
            tui_lineedit_set(&s->le, v);
        }
        break;
    case TUI_FIELD_INTEGER:
    case TUI_FIELD_REAL: {
        /* Shown as the locale writes it (242,5 in French); read back either way. */
        char *num;
        if (numdate_parse_number(v, d->kind == TUI_FIELD_INTEGER, &num) == NUMDATE_OK) {
            char *shown = numdate_number_display(num);
            tui_lineedit_set(&s->le, shown);
            free(shown);
            free(num);
        } else {
            tui_lineedit_set(&s->le, v);
        }
        break;
    }
    case TUI_FIELD_CHOICE:
        s->choice = choice_index(d, v, strlen(v));
        if (s->choice < 0 && *v)
            s->unknown = xstrdup(v);
        break;
    case TUI_FIELD_SET: {
        struct strbuf unknown;
        strbuf_init(&unknown);
        memset(s->ticks, 0, (d->nchoices ? d->nchoices : 1) * sizeof(bool));
        for (const char *p = v; *p;) {
            size_t len = strcspn(p, ",");
            int c = choice_index(d, p, len);
            if (c >= 0)
                s->ticks[c] = true;
            else if (len)
                strbuf_addf(&unknown, "%s%.*s", unknown.len ? "," : "", (int)len, p);
            p += len + (p[len] == ',');
        }
        s->unknown = unknown.len ? strbuf_detach(&unknown) : NULL;
        strbuf_free(&unknown);
        break;
    }
    case TUI_FIELD_YESNO:
        s->yes = strcmp(v, "1") == 0;
        break;
    default:
        tui_lineedit_set(&s->le, v);
        break;
    }
    free(s->initial);
    s->initial = tui_form_value(f, i);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *set_value(const struct tui_field_desc *d, const struct slot *s)
{
    size_t n = 0, cap = d->nchoices + 1;
    char **codes = xcalloc(cap, sizeof(char *));
    char *unknown = xstrdup(s->unknown);
    for (size_t c = 0; c < d->nchoices; c++)
        if (s->ticks[c])
            codes[n++] = (char *)d->choices[c].code;
    for (char *tok = unknown ? strtok(unknown, ",") : NULL; tok; tok = strtok(NULL, ",")) {
        if (n == cap)
            codes = xrealloc(codes, (cap *= 2) * sizeof(char *));
        codes[n++] = tok;
    }
    qsort(codes, n, sizeof(char *), cmp_str);
    struct strbuf b;
    strbuf_init(&b);
    for (size_t k = 0; k < n; k++)
        strbuf_addf(&b, "%s%s", k ? "," : "", codes[k]);
    free(codes);
    free(unknown);
    return strbuf_detach(&b);
}

char *tui_form_value(const struct tui_form *f, size_t i)
{
    if (i >= f->n)
        return xstrdup("");
    const struct tui_field_desc *d = &f->desc[i];
    const struct slot *s = &f->slots[i];
    const char *text = tui_lineedit_text(&s->le);
    char iso[11], *num;
    switch (d->kind) {
    case TUI_FIELD_DATE:
        return numdate_parse_date(text, iso) == NUMDATE_OK ? xstrdup(iso) : xstrdup(text);
    case TUI_FIELD_INTEGER:
    case TUI_FIELD_REAL:
        return numdate_parse_number(text, d->kind == TUI_FIELD_INTEGER, &num) == NUMDATE_OK ? num : xstrdup(text);
    case TUI_FIELD_CHOICE:
        if (s->choice >= 0)
            return xstrdup(d->choices[s->choice].code);
        return xstrdup(s->unknown ? s->unknown : "");
    case TUI_FIELD_SET:
        return set_value(d, s);
    case TUI_FIELD_YESNO:
        return xstrdup(s->yes ? "1" : "0");
    default:
        return xstrdup(text);
    }
}

bool tui_form_dirty(const struct tui_form *f)
{
    for (size_t i = 0; i < f->n; i++) {
        char *v = tui_form_value(f, i);
        bool same = strcmp(v, f->slots[i].initial) == 0;
        free(v);
        if (!same)
            return true;
    }
    return false;
}

static void put_error(struct tui_form *f, size_t i, const char *message)
{
    free(f->slots[i].error);
    f->slots[i].error = message ? xstrdup(message) : NULL;
}

/* The shape error of field i, or NULL; the caller frees it. A date or a
 * number says what is wrong with what was typed: "31/11/2026 does not
 * exist.", not that the form is wrong. */
static char *shape_error(const struct tui_form *f, size_t i)
{
    const struct tui_field_desc *d = &f->desc[i];
    const char *text = tui_lineedit_text(&f->slots[i].le);
    char iso[11], *num = NULL;
    char *v = tui_form_value(f, i);
    bool empty = d->kind == TUI_FIELD_YESNO ? false : v[0] == '\0';
    free(v);
    if (empty)
        return d->required ? xstrdup(_("This field is required.")) : NULL;
    int rc = NUMDATE_OK;
    if (d->kind == TUI_FIELD_DATE)
        rc = numdate_parse_date(text, iso);
    else if (d->kind == TUI_FIELD_INTEGER || d->kind == TUI_FIELD_REAL)
        rc = numdate_parse_number(text, d->kind == TUI_FIELD_INTEGER, &num);
    free(num);
    if (rc == NUMDATE_OK)
        return NULL;
    size_t skip = strspn(text, " \t"), len = strlen(text + skip);
    while (len && (text[skip + len - 1] == ' ' || text[skip + len - 1] == '\t'))
        len--;
    return xasprintf("%.*s %s.", (int)len, text + skip,
                     _(numdate_why(rc, d->kind == TUI_FIELD_DATE, d->kind == TUI_FIELD_INTEGER)));
}

int tui_form_check(struct tui_form *f)
{
    int errors = 0;
    for (size_t i = 0; i < f->n; i++) {
        char *e = shape_error(f, i);
        put_error(f, i, e);
        if (e && errors++ == 0)
            f->focus = i;
        free(e);
    }
    return errors;
}

void tui_form_set_error(struct tui_form *f, size_t i, const char *message)
{
    if (i >= f->n)
        return;
    put_error(f, i, message);
    if (message && f->save_pending) {
        f->focus = i;
        f->save_pending = false;
    }
}

const char *tui_form_error(const struct tui_form *f, size_t i)
{
    return i < f->n ? f->slots[i].error : NULL;
}

const char *tui_form_text(const struct tui_form *f, size_t i)
{
    return i < f->n && typed(f->desc[i].kind) ? tui_lineedit_text(&f->slots[i].le) : "";
}

size_t tui_form_fields(const struct tui_form *f)
{
    return f->n;
}

size_t tui_form_focus(const struct tui_form *f)
{
    return f->focus;
}

void tui_form_set_focus(struct tui_form *f, size_t i)
{
    if (i < f->n)
        f->focus = i;
}

/* ---- Keys --------------------------------------------------------------- */

static const char *choice_label(const struct tui_choice *c)
{
    return c->label && *c->label ? _(c->label) : c->code;
}

static enum tui_form_result edited(struct tui_form *f)
{
    put_error(f, f->focus, NULL);
    return TUI_FORM_CHANGED;
}

/* Keys of a choice, a set or a yes/no field. */
static enum tui_form_result handle_pickable(struct tui_form *f, int key, int action)
{
    const struct tui_field_desc *d = &f->desc[f->focus];
    struct slot *s = &f->slots[f->focus];
    int n = (int)d->nchoices;
    bool left = key == (TUI_KEY_FN | KEY_LEFT), right = key == (TUI_KEY_FN | KEY_RIGHT);
    switch (d->kind) {
    case TUI_FIELD_CHOICE:
        if (n && (left || right)) {
            s->choice = left ? (s->choice <= 0 ? n - 1 : s->choice - 1)
                             : (s->choice + 1) % n;
            return edited(f);
        }
        if (action == TUI_ACT_PICK || action == TUI_ACT_TOGGLE) {
            int c = tui_dialog_pick(_(d->label), d->choices, d->nchoices, s->choice);
            if (c >= 0 && c != s->choice) {
                s->choice = c;
                return edited(f);
            }
            return TUI_FORM_CHANGED;
        }
        if (tui_key_printable(key)) {           /* jump to the next label with this letter */
            char letter[5] = {0};
            utf8_encode((uint32_t)key, letter);
            for (int k = 1; k <= n; k++) {
                int c = (s->choice + k + n) % n;
                char *prefix = xstrndup(choice_label(&d->choices[c]), strlen(letter));
                bool hit = tui_dialog_matches(prefix, letter);
                free(prefix);
                if (hit) {
                    s->choice = c;
                    return edited(f);
                }
            }
            return TUI_FORM_CHANGED;
        }
        return TUI_FORM_IGNORED;
    case TUI_FIELD_SET:
        if (action == TUI_ACT_PICK || action == TUI_ACT_TOGGLE) {
            if (tui_dialog_pick_many(_(d->label), d->choices, d->nchoices, s->ticks))
                return edited(f);
            return TUI_FORM_CHANGED;
        }
        return TUI_FORM_IGNORED;
    case TUI_FIELD_YESNO:
        if (action == TUI_ACT_TOGGLE || left || right)
            s->yes = !s->yes;
        else if (key == 'y' || key == 'Y' || key == 'o' || key == 'O')
            s->yes = true;
        else if (key == 'n' || key == 'N')
            s->yes = false;
        else
            return TUI_FORM_IGNORED;
        return edited(f);
    default:
        return TUI_FORM_IGNORED;
    }
}

enum tui_form_result tui_form_submit(struct tui_form *f)
{
    f->save_pending = tui_form_check(f) == 0;
    return f->save_pending ? TUI_FORM_SAVE : TUI_FORM_CHANGED;
}

static enum tui_form_result move_focus(struct tui_form *f, int dir, bool wrap)
{
    if (f->n == 0)
        return TUI_FORM_IGNORED;
    if (dir > 0)
        f->focus = f->focus + 1 < f->n ? f->focus + 1 : wrap ? 0 : f->focus;
    else
        f->focus = f->focus > 0 ? f->focus - 1 : wrap ? f->n - 1 : 0;
    return TUI_FORM_CHANGED;
}

enum tui_form_result tui_form_handle(struct tui_form *f, int key)
{
    if (f->n == 0)
        return TUI_FORM_IGNORED;
    int action = tui_keymap_lookup(&tui_keymap_form, key);
    const struct tui_field_desc *d = &f->desc[f->focus];
    struct slot *s = &f->slots[f->focus];
    if (action == TUI_ACT_SAVE)
        return tui_form_submit(f);
    if (action == TUI_ACT_CANCEL)
        return TUI_FORM_CANCEL;
    if (key == TUI_KEY_TAB || key == (TUI_KEY_FN | KEY_BTAB))
        return move_focus(f, key == TUI_KEY_TAB ? +1 : -1, true);
    if (typed(d->kind)) {
        const char *before = NULL;
        char *copy = NULL;
        if (key == TUI_KEY_ENTER && d->kind != TUI_FIELD_MULTILINE)
            return move_focus(f, +1, false);
        copy = xstrdup(tui_lineedit_text(&s->le));
        before = copy;
        bool used = tui_field_key(&s->le, key);
        bool changed = strcmp(before, tui_lineedit_text(&s->le)) != 0;
        free(copy);
        if (changed)
            return edited(f);
        if (used)
            return TUI_FORM_CHANGED;
    } else {
        enum tui_form_result r = handle_pickable(f, key, action);
        if (r != TUI_FORM_IGNORED)
            return r;
        if (key == TUI_KEY_ENTER)
            return move_focus(f, +1, false);
    }
    if (action == TUI_ACT_NEXT_FIELD || action == TUI_ACT_PREV_FIELD)
        return move_focus(f, action == TUI_ACT_NEXT_FIELD ? +1 : -1, false);
    return TUI_FORM_IGNORED;
}

/* ---- Layout and drawing -------------------------------------------------- */

static int label_width(const struct tui_form *f)
{
    int w = 0;
    for (size_t i = 0; i < f->n; i++) {
        int lw = (int)tui_text_width(_(f->desc[i].label)) + (f->desc[i].required ? 2 : 0);
        w = lw > w ? lw : w;
    }
    return w < f->rect.w / 3 ? w : f->rect.w / 3;
}

void tui_form_layout(struct tui_form *f, struct tui_rect r)
{
    f->rect = r;
}

/* Lines of each field, and the scroll that shows the focused field whole
 * (or its top, when it is taller than the room). */
static void compute_layout(struct tui_form *f)
{
    int room = f->rect.h - 1, y = 0;
    for (size_t i = 0; i < f->n; i++) {
        struct slot *s = &f->slots[i];
        int h = 1;
        if (f->desc[i].kind == TUI_FIELD_MULTILINE) {
            h = f->desc[i].lines > 0 ? f->desc[i].lines : 4;
            if (h > room - 1)
                h = room > 2 ? room - 1 : 1;
        }
        s->top = y;
        s->height = h + (s->error ? 1 : 0);
        y += s->height;
    }
    if (f->n == 0 || room <= 0)
        return;
    const struct slot *s = &f->slots[f->focus];
    if (f->scroll > s->top)
        f->scroll = s->top;
    if (s->top + s->height > f->scroll + room)
        f->scroll = s->height > room ? s->top : s->top + s->height - room;
    if (f->scroll > y - room)
        f->scroll = y - room > 0 ? y - room : 0;
    if (f->scroll > s->top)
        f->scroll = s->top;
}

static char *display_value(const struct tui_form *f, size_t i)
{
    const struct tui_field_desc *d = &f->desc[i];
    const struct slot *s = &f->slots[i];
    struct strbuf b;
    switch (d->kind) {
    case TUI_FIELD_CHOICE:
        if (s->choice >= 0)
            return xstrdup(choice_label(&d->choices[s->choice]));
        return xstrdup(s->unknown ? s->unknown : "");
    case TUI_FIELD_SET:
        strbuf_init(&b);
        for (size_t c = 0; c < d->nchoices; c++)
            if (s->ticks[c])
                strbuf_addf(&b, "%s%s", b.len ? ", " : "", choice_label(&d->choices[c]));
        if (s->unknown)
            strbuf_addf(&b, "%s%s", b.len ? ", " : "", s->unknown);
        return strbuf_detach(&b);
    case TUI_FIELD_YESNO:
        return xasprintf("[%c] %s", s->yes ? 'x' : ' ', s->yes ? _("Yes") : _("No"));
    default:
        return xstrdup(tui_lineedit_text(&s->le));
    }
}

void tui_form_draw(struct tui_form *f)
{
    struct tui_rect r = f->rect;
    if (r.h <= 0 || r.w <= 0)
        return;
    compute_layout(f);
    tui_draw_text(r.y, r.x, r.w, f->title, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    int lw = label_width(f), vx = r.x + lw + 1, vw = r.w - lw - 1;
    int room = r.h - 1, cy = -1, cx = -1;
    tui_draw_fill((struct tui_rect){r.y + 1, r.x, room, r.w}, tui_attr(TUI_C_NORMAL));
    for (size_t i = 0; i < f->n; i++) {
        struct slot *s = &f->slots[i];
        int y = r.y + 1 + s->top - f->scroll;
        bool focused = i == f->focus;
        int vh = s->height - (s->error ? 1 : 0);
        if (s->top + s->height <= f->scroll || s->top - f->scroll >= room)
            continue;
        char *label = f->desc[i].required ? xasprintf("%s *", _(f->desc[i].label))
                                          : xstrdup(_(f->desc[i].label));
        tui_draw_text(y, r.x, lw, label, TUI_ALIGN_LEFT,
                      focused ? tui_attr(TUI_C_NORMAL) | A_BOLD : tui_attr(TUI_C_NORMAL));
        free(label);
        attr_t a = tui_attr(focused ? TUI_C_FIELD_ACTIVE : TUI_C_FIELD);
        int visible_h = vh < r.y + 1 + room - y ? vh : r.y + 1 + room - y;
        if (typed(f->desc[i].kind) && !focused && f->desc[i].tail && vh == 1) {
            char *end = tui_text_truncate_left(tui_lineedit_text(&s->le), (size_t)(vw > 0 ? vw : 0));
            tui_draw_text(y, vx, vw, end, TUI_ALIGN_LEFT, a);
            free(end);
        } else if (typed(f->desc[i].kind)) {
            tui_field_draw(&s->le, (struct tui_rect){y, vx, visible_h, vw}, a, focused);
            if (focused) {
                cy = y + (int)(tui_lineedit_line(&s->le) - s->le.vscroll);
                cx = vx + (int)(tui_lineedit_column(&s->le) - s->le.hscroll);
            }
        } else {
            char *v = display_value(f, i);
            tui_draw_text(y, vx, vw, v, TUI_ALIGN_LEFT, a);
            free(v);
            if (focused)
                cy = y, cx = vx;
        }
        if (s->error && y + vh < r.y + 1 + room) {
            char *e = xasprintf("! %s", s->error);
            tui_draw_text(y + vh, vx, vw, e, TUI_ALIGN_LEFT, tui_attr(TUI_C_ERROR));
            free(e);
        }
    }
    if (cy >= r.y + 1 && cy < r.y + 1 + room)
        tui_draw_cursor(cy, cx);
}
