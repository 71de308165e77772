/* Modal dialogs. They all run through run_modal(): draw, wait for a key,
 * hand it to the dialog, and on KEY_RESIZE let the screen behind relayout
 * (term.h backdrop) before drawing again. Geometry is recomputed from
 * LINES/COLS at every draw, so no size can make a dialog draw outside the
 * terminal. Dialogs draw on stdscr; ncurses sends only the cells that
 * changed. */
#include "tui/dialog.h"
#include "tui/color.h"
#include "tui/draw.h"
#include "tui/field.h"
#include "tui/form.h"
#include "tui/term.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#define DLG_CONTINUE (-1000)
#define TICKED_LINES 2          /* a picker of a set shows what is ticked */

static int run_modal(void (*draw)(void *), int (*key)(void *, int), void *ctx, int cancel)
{
    int r = cancel;
    for (;;) {
        draw(ctx);
        wnoutrefresh(stdscr);
        doupdate();
        int k;
        enum tui_input in = tui_read_key(1000, &k);
        if (in == TUI_IN_QUIT)
            break;
        if (in == TUI_IN_RESIZE)
            tui_repaint_backdrop();
        if (in != TUI_IN_KEY)
            continue;
        r = key(ctx, k);
        if (r != DLG_CONTINUE)
            break;
    }
    tui_mark_damaged();
    return r;
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A framed box of about h x w, in the middle of the terminal, cut to it, with title
 * on its top border. Returns the box; its inside is (y+1, x+1, h-2, w-2). */
static struct tui_rect frame(int h, int w, const char *title)
{
    struct tui_rect r;
    r.w = clampi(w, 1, COLS);
    r.h = clampi(h, 1, LINES);
    r.y = (LINES - r.h) / 2;
    r.x = (COLS - r.w) / 2;
    tui_draw_box(r, tui_attr(TUI_C_NORMAL));
    if (title && r.w > 4) {
        char *t = xasprintf(" %s ", title);
        size_t tw = tui_text_width(t);
        int w_title = (int)tw < r.w - 4 ? (int)tw : r.w - 4;
        tui_draw_text(r.y, r.x + 2, w_title, t, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
        free(t);
    }
    return r;
}

static int action_of(int key)
{
    return tui_keymap_lookup(&tui_keymap_dialog, key);
}

/* ---- Accent- and case-insensitive matching ------------------------- */

/* Base letter of a Latin-1 / common French letter, lower case. */
static uint32_t fold(uint32_t cp)
{
    static const char latin1[] =   /* U+00E0..U+00FF */
        "aaaaaaaceeeeiiiidnooooo/ouuuuyby";
    cp = (uint32_t)towlower((wint_t)cp);
    if (cp >= 0xE0 && cp <= 0xFF)
        return (uint32_t)(unsigned char)latin1[cp - 0xE0];
    if (cp == 0x153)
        return 'o';                 /* œ */
    return cp;
}

static size_t folded(const char *s, uint32_t **out)
{
    size_t len = strlen(s), i = 0, n = 0;
    *out = xcalloc(len + 1, sizeof(uint32_t));
    while (i < len) {
        uint32_t cp;
        int k = utf8_decode(s + i, len - i, &cp);
        i += k > 0 ? (size_t)k : 1;
        if (k <= 0)
            cp = 0xFFFD;
        if (cp >= 0x300 && cp <= 0x36F)
            continue;               /* combining accents */
        (*out)[n++] = fold(cp);
    }
    return n;
}

bool tui_dialog_matches_words(const char *hay, const char *words)
{
    bool all = true;
    for (const char *w = words ? words : ""; all && *w; w += strspn(w, " ")) {
        size_t len = strcspn(w, " ");
        if (len == 0)
            continue;
        char *word = xstrndup(w, len);
        all = tui_dialog_matches(hay, word);
        free(word);
        w += len;
    }
    return all;
}

bool tui_dialog_matches(const char *hay, const char *needle)
{
    uint32_t *h, *nd;
    size_t hn = folded(hay ? hay : "", &h), nn = folded(needle ? needle : "", &nd);
    bool found = nn == 0;
    for (size_t i = 0; !found && i + nn <= hn; i++)
        found = memcmp(h + i, nd, nn * sizeof(uint32_t)) == 0;
    free(h);
    free(nd);
    return found;
}

/* ---- Confirm --------------------------------------------------------- */

struct confirm {
    const char *question;
    bool yes;
};

static void confirm_draw(void *ctx)
{
    struct confirm *c = ctx;
    int w = clampi((int)tui_text_width(c->question) + 4, 30, 60);
    size_t n;
    char **lines = tui_text_wrap(c->question, (size_t)clampi(w - 4, 1, COLS), &n);
    struct tui_rect r = frame((int)n + 4, w, _("Confirm"));
    for (size_t i = 0; i < n && (int)i < r.h - 3; i++)
        tui_draw_text(r.y + 1 + (int)i, r.x + 2, r.w - 4, lines[i], TUI_ALIGN_LEFT,
                      tui_attr(TUI_C_NORMAL));
    tui_text_lines_free(lines, n);
    char *yes = xasprintf("[ %s ]", _("Yes")), *no = xasprintf("[ %s ]", _("No"));
    int y = r.y + r.h - 2, yw = (int)tui_text_width(yes), nw = (int)tui_text_width(no);
    int x = r.x + (r.w - yw - nw - 2) / 2;
    tui_draw_text(y, x, yw, yes, TUI_ALIGN_LEFT, tui_attr(c->yes ? TUI_C_SELECTED : TUI_C_NORMAL));
    tui_draw_text(y, x + yw + 2, nw, no, TUI_ALIGN_LEFT, tui_attr(c->yes ? TUI_C_NORMAL : TUI_C_SELECTED));
    tui_draw_cursor(y, c->yes ? x : x + yw + 2);
    free(yes);
    free(no);
}

static int confirm_key(void *ctx, int key)
{
    struct confirm *c = ctx;
    switch (key) {
    case 'y': case 'Y': case 'o': case 'O':
        return 1;
    case 'n': case 'N': case TUI_KEY_ESC:
        return 0;
    case TUI_KEY_ENTER:
        return c->yes;
    case TUI_KEY_TAB: case TUI_KEY_FN | KEY_BTAB:
    case TUI_KEY_FN | KEY_LEFT: case TUI_KEY_FN | KEY_RIGHT:
        c->yes = !c->yes;
        return DLG_CONTINUE;
    default:
        return action_of(key) == TUI_ACT_CANCEL ? 0 : DLG_CONTINUE;   /* Ctrl-C: no */
    }
}

bool tui_dialog_confirm(const char *question, bool default_yes)
{
    struct confirm c = {question, default_yes};
    return run_modal(confirm_draw, confirm_key, &c, 0) == 1;
}

/* ---- Text viewer: messages and help ----------------------------------- */

struct viewer {
    const char *title;
    const struct tui_help_line *paras;  /* wrapped at draw time */
    size_t npara;
    size_t top;
    size_t nlines, page;                /* from the last draw */
};

static void viewer_draw(void *ctx)
{
    struct viewer *v = ctx;
    size_t widest = tui_text_width(v->title) + 4;
    for (size_t i = 0; i < v->npara; i++) {
        size_t w = tui_text_width(v->paras[i].text);
        widest = w > widest ? w : widest;
    }
    /* Wrapped to the box as it will be drawn: narrower than 78 columns on a
     * narrow terminal, so that no line is cut (a long path in a message). */
    int w = clampi(clampi((int)widest + 4, 24, 78), 1, COLS);
    int iw = w > 5 ? w - 4 : 1;
    char **all = NULL;
    bool *head = NULL;
    size_t n = 0;
    for (size_t i = 0; i < v->npara; i++) {
        size_t k;
        char **l = tui_text_wrap(v->paras[i].text, (size_t)iw, &k);
        all = xrealloc(all, (n + k) * sizeof(*all));
        head = xrealloc(head, (n + k) * sizeof(*head));
        for (size_t j = 0; j < k; j++, n++) {
            all[n] = l[j];
            head[n] = v->paras[i].heading;
        }
        free(l);
    }
    struct tui_rect r = frame((int)n + 3, w, v->title);
    v->nlines = n;
    v->page = r.h > 3 ? (size_t)(r.h - 3) : 1;
    if (v->top + v->page > n)
        v->top = n > v->page ? n - v->page : 0;
    for (int i = 0; i < r.h - 3; i++) {
        size_t li = v->top + (size_t)i;
        tui_draw_text(r.y + 1 + i, r.x + 2, r.w - 4, li < n ? all[li] : "", TUI_ALIGN_LEFT,
                      tui_attr(li < n && head[li] ? TUI_C_HEADER : TUI_C_NORMAL));
    }
    if (n > v->page)
        tui_draw_textf(r.y + r.h - 2, r.x + 2, r.w - 4, tui_attr(TUI_C_MUTED),
                       _("%zu-%zu of %zu  Arrows: scroll  Esc: close"),
                       v->top + 1, v->top + v->page, n);
    else
        tui_draw_text(r.y + r.h - 2, r.x + 2, r.w - 4, _("Enter or Esc: close"),
                      TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
    tui_draw_cursor(r.y + 1, r.x + 2);
    tui_text_lines_free(all, n);
    free(head);
}

static int viewer_key(void *ctx, int key)
{
    struct viewer *v = ctx;
    size_t last = v->nlines > v->page ? v->nlines - v->page : 0;
    if (key == 'q' || key == TUI_KEY_ENTER)
        return 0;
    switch (action_of(key)) {
    case TUI_ACT_CANCEL:    return 0;
    case TUI_ACT_MOVE_UP:   v->top = v->top ? v->top - 1 : 0; break;
    case TUI_ACT_MOVE_DOWN: v->top = v->top < last ? v->top + 1 : last; break;
    case TUI_ACT_PAGE_UP:   v->top = v->top > v->page ? v->top - v->page : 0; break;
    case TUI_ACT_TOGGLE:    /* Space pages down, then closes at the end */
        if (v->top >= last)
            return 0;
        /* fall through */
    case TUI_ACT_PAGE_DOWN: v->top = v->top + v->page < last ? v->top + v->page : last; break;
    case TUI_ACT_TOP:       v->top = 0; break;
    case TUI_ACT_BOTTOM:    v->top = last; break;
    default: break;
    }
    return DLG_CONTINUE;
}

static void view(const char *title, const struct tui_help_line *paras, size_t n)
{
    struct viewer v = {title, paras, n, 0, 0, 1};
    run_modal(viewer_draw, viewer_key, &v, 0);
}

void tui_dialog_message(const char *title, const char *text)
{
    struct tui_help_line para = {(char *)(text ? text : ""), false};
    view(title, &para, 1);
}

void tui_dialog_help(const struct tui_keymap *const *maps, size_t nmaps,
                     bool text_input, const char *const *section_labels)
{
    size_t n;
    struct tui_help_line *lines = tui_keymap_help(maps, nmaps, text_input, section_labels, &n);
    view(_("Keys"), lines, n);
    tui_keymap_help_free(lines, n);
}

/* ---- Pickers ---------------------------------------------------------- */

struct picker {
    const char *title;
    const struct tui_choice *choices;
    size_t n;
    bool *ticks;                /* working copy; NULL for a single choice */
    struct tui_lineedit filter;
    size_t *vis, nvis;          /* indices of the choices that match */
    size_t cur, top, page;      /* cur and top index vis */
};

static const char *label_of(const struct tui_choice *c)
{
    return c->label && *c->label ? _(c->label) : c->code;
}

static void picker_filter(struct picker *p)
{
    size_t keep = p->nvis ? p->vis[p->cur] : (size_t)-1;
    const char *f = tui_lineedit_text(&p->filter);
    p->nvis = 0;
    p->cur = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (!tui_dialog_matches_words(label_of(&p->choices[i]), f) &&
            !tui_dialog_matches_words(p->choices[i].code, f))
            continue;
        if (i == keep)
            p->cur = p->nvis;
        p->vis[p->nvis++] = i;
    }
}

/* What is ticked, whole labels, wrapped on TICKED_LINES lines: the user sees
 * what Enter will save, also what the search hides. */
static void draw_ticked(struct picker *p, int y, int x, int w)
{
    struct strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < p->n; i++)
        if (p->ticks[i])
            strbuf_addf(&b, "%s%s", b.len ? "; " : "", label_of(&p->choices[i]));
    char *text = b.len ? xasprintf(_("Ticked: %s"), b.s) : xstrdup(_("Nothing is ticked."));
    size_t n;
    char **lines = tui_text_wrap(text, (size_t)(w > 0 ? w : 1), &n);
    for (int i = 0; i < TICKED_LINES; i++)
        tui_draw_text(y + i, x, w, (size_t)i < n ? lines[i] : "", TUI_ALIGN_LEFT, tui_attr(TUI_C_HEADER));
    tui_text_lines_free(lines, n);
    free(text);
    strbuf_free(&b);
}

/* The picker's line of keys, named from its keymap. */
static char *picker_hint(const struct picker *p)
{
    char *tick = tui_keymap_key_name(&tui_keymap_picker, TUI_ACT_TOGGLE, true);
    char *open = tui_keymap_key_name(&tui_keymap_picker, TUI_ACT_OPEN, true);
    char *cancel = tui_keymap_key_name(&tui_keymap_picker, TUI_ACT_CANCEL, true);
    char *hint = p->ticks ? xasprintf(_("%s: tick  %s: confirm  %s: cancel"), tick, open, cancel)
                          : xasprintf(_("%s: choose  %s: cancel"), open, cancel);
    free(tick);
    free(open);
    free(cancel);
    return hint;
}

static void picker_draw(void *ctx)
{
    struct picker *p = ctx;
    size_t widest = tui_text_width(p->title) + 4;
    for (size_t i = 0; i < p->n; i++) {
        size_t w = tui_text_width(label_of(&p->choices[i]));
        widest = w > widest ? w : widest;
    }
    int extra = p->ticks ? TICKED_LINES : 0;    /* the ticked summary */
    struct tui_rect r = frame((int)p->n + 5 + extra, clampi((int)widest + 10, 34, 78), p->title);
    int iw = r.w - 4, x = r.x + 2;
    char *search = xasprintf("%s ", _("Search:"));
    int sw = clampi((int)tui_text_width(search), 0, iw);
    tui_draw_text(r.y + 1, x, sw, search, TUI_ALIGN_LEFT, tui_attr(TUI_C_NORMAL));
    tui_field_draw(&p->filter, (struct tui_rect){r.y + 1, x + sw, 1, iw - sw},
                   tui_attr(TUI_C_FIELD), true);
    free(search);
    p->page = r.h > 5 + extra ? (size_t)(r.h - 5 - extra) : 1;
    if (p->cur < p->top)
        p->top = p->cur;
    if (p->cur >= p->top + p->page)
        p->top = p->cur - p->page + 1;
    int cursor_y = r.y + 2;
    for (int i = 0; i < r.h - 5 - extra || (i == 0 && r.h > 3); i++) {
        size_t vi = p->top + (size_t)i;
        int y = r.y + 2 + i;
        if (y >= r.y + r.h - 2 - (r.h > 5 + extra ? extra : 0))
            break;
        if (vi >= p->nvis) {
            tui_draw_text(y, x, iw, i == 0 && p->nvis == 0 ? _("(no match)") : "",
                          TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
            continue;
        }
        size_t ci = p->vis[vi];
        char *item = p->ticks ? xasprintf("[%c] %s", p->ticks[ci] ? 'x' : ' ', label_of(&p->choices[ci]))
                              : xstrdup(label_of(&p->choices[ci]));
        tui_draw_text(y, x, iw, item, TUI_ALIGN_LEFT,
                      tui_attr(vi == p->cur ? TUI_C_SELECTED : TUI_C_NORMAL));
        free(item);
        if (vi == p->cur)
            cursor_y = y;
    }
    if (p->ticks && r.h > 5 + extra)
        draw_ticked(p, r.y + r.h - 2 - extra, x, iw);
    char *hint = picker_hint(p);
    if (r.h >= 4)
        tui_draw_text(r.y + r.h - 2, x, iw, hint, TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
    free(hint);
    tui_draw_cursor(cursor_y, x);
}

static int picker_key(void *ctx, int key)
{
    struct picker *p = ctx;
    size_t last = p->nvis ? p->nvis - 1 : 0;
    int action = tui_keymap_lookup(&tui_keymap_picker, key);
    if (action == TUI_ACT_TOGGLE && !p->ticks)
        action = TUI_ACT_NONE;
    switch (action) {
    case TUI_ACT_CANCEL:    return -1;
    case TUI_ACT_OPEN:
        if (p->ticks)
            return 1;
        return p->nvis ? (int)p->vis[p->cur] : DLG_CONTINUE;
    case TUI_ACT_TOGGLE:
        if (p->nvis)
            p->ticks[p->vis[p->cur]] = !p->ticks[p->vis[p->cur]];
        return DLG_CONTINUE;
    case TUI_ACT_MOVE_UP:   p->cur = p->cur ? p->cur - 1 : 0; return DLG_CONTINUE;
    case TUI_ACT_MOVE_DOWN: p->cur = p->cur < last ? p->cur + 1 : last; return DLG_CONTINUE;
    case TUI_ACT_PAGE_UP:   p->cur = p->cur > p->page ? p->cur - p->page : 0; return DLG_CONTINUE;
    case TUI_ACT_PAGE_DOWN: p->cur = p->cur + p->page < last ? p->cur + p->page : last; return DLG_CONTINUE;
    case TUI_ACT_TOP:       p->cur = 0; return DLG_CONTINUE;
    case TUI_ACT_BOTTOM:    p->cur = last; return DLG_CONTINUE;
    default:
        if (key != (TUI_KEY_FN | KEY_LEFT) && key != (TUI_KEY_FN | KEY_RIGHT) &&
            tui_field_key(&p->filter, key))
            picker_filter(p);
        return DLG_CONTINUE;
    }
}

static int run_picker(struct picker *p, int current)
{
    tui_lineedit_init(&p->filter, NULL, false, 40);
    p->vis = xcalloc(p->n ? p->n : 1, sizeof(size_t));
    picker_filter(p);
    if (current >= 0 && (size_t)current < p->n)
        p->cur = (size_t)current;
    int r = run_modal(picker_draw, picker_key, p, -1);
    tui_lineedit_free(&p->filter);
    free(p->vis);
    return r;
}

int tui_dialog_pick(const char *title, const struct tui_choice *choices, size_t n, int current)
{
    struct picker p = {.title = title, .choices = choices, .n = n};
    return run_picker(&p, current);
}

bool tui_dialog_pick_many(const char *title, const struct tui_choice *choices, size_t n,
                          bool *selected)
{
    struct picker p = {.title = title, .choices = choices, .n = n};
    p.ticks = xcalloc(n ? n : 1, sizeof(bool));
    memcpy(p.ticks, selected, n * sizeof(bool));
    bool ok = run_picker(&p, -1) == 1;
    if (ok)
        memcpy(selected, p.ticks, n * sizeof(bool));
    free(p.ticks);
    return ok;
}

/* ---- Prompt with completion -------------------------------------------- */

struct prompt {
    const char *label;
    struct tui_lineedit le;
    const char *const *names;
    size_t nnames;
    char *stem;                 /* the text completion started from, while cycling */
    size_t cycle;
};

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void prompt_draw(void *ctx)
{
    struct prompt *p = ctx;
    struct tui_rect r = frame(4, 60, NULL);
    int iw = r.w - 4, x = r.x + 2;
    int lw = clampi((int)tui_text_width(p->label) + 1, 0, iw / 2);
    tui_draw_text(r.y + 1, x, lw, p->label, TUI_ALIGN_LEFT, tui_attr(TUI_C_NORMAL));
    struct strbuf m;
    strbuf_init(&m);
    const char *stem = p->stem ? p->stem : tui_lineedit_text(&p->le);
    for (size_t i = 0; p->nnames && i < p->nnames; i++)
        if (*stem && has_prefix(p->names[i], stem))
            strbuf_addf(&m, "%s%s", m.len ? "  " : "", p->names[i]);
    tui_draw_text(r.y + 2, x, iw, m.s, TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
    strbuf_free(&m);
    tui_field_draw(&p->le, (struct tui_rect){r.y + 1, x + lw, 1, iw - lw},
                   tui_attr(TUI_C_FIELD_ACTIVE), true);
}

static void complete(struct prompt *p)
{
    const char *text = tui_lineedit_text(&p->le);
    const char *stem = p->stem ? p->stem : text;
    const char *first = NULL;
    size_t nmatch = 0, common = 0;
    for (size_t i = 0; i < p->nnames; i++) {
        if (!has_prefix(p->names[i], stem))
            continue;
        if (!first) {
            first = p->names[i];
            common = strlen(first);
        }
        while (common && strncmp(first, p->names[i], common) != 0)
            common--;
        nmatch++;
    }
    if (nmatch == 0)
        return;
    if (!p->stem && (nmatch == 1 || common > strlen(text))) {
        char *c = xstrndup(first, nmatch == 1 ? strlen(first) : common);
        tui_lineedit_set(&p->le, c);
        free(c);
        return;
    }
    if (!p->stem) {
        p->stem = xstrdup(text);
        p->cycle = 0;
    } else {
        p->cycle = (p->cycle + 1) % nmatch;
    }
    for (size_t i = 0, k = 0; i < p->nnames; i++)
        if (has_prefix(p->names[i], p->stem) && k++ == p->cycle)
            tui_lineedit_set(&p->le, p->names[i]);
}

static int prompt_key(void *ctx, int key)
{
    struct prompt *p = ctx;
    if (key == TUI_KEY_TAB) {
        complete(p);
        return DLG_CONTINUE;
    }
    free(p->stem);
    p->stem = NULL;
    if (action_of(key) == TUI_ACT_CANCEL)
        return 0;
    if (key == TUI_KEY_ENTER)
        return 1;
    tui_field_key(&p->le, key);
    return DLG_CONTINUE;
}

char *tui_dialog_prompt(const char *label, const char *initial,
                        const char *const *names, size_t nnames)
{
    struct prompt p = {.label = label, .names = names, .nnames = names ? nnames : 0};
    tui_lineedit_init(&p.le, initial, false, 0);
    int ok = run_modal(prompt_draw, prompt_key, &p, 0);
    char *out = ok == 1 ? xstrdup(tui_lineedit_text(&p.le)) : NULL;
    free(p.stem);
    tui_lineedit_free(&p.le);
    return out;
}

/* ---- A form in a box ------------------------------------------------------ */

struct form_box {
    struct tui_form *f;
    const char *submit_word;
    bool (*submit)(void *, struct tui_form *);
    void (*changed)(void *, struct tui_form *, size_t);
    void *ctx;
    size_t height;              /* of the last draw */
};

static void form_box_draw(void *ctx)
{
    struct form_box *b = ctx;
    size_t n = tui_form_fields(b->f), errors = 0;
    for (size_t i = 0; i < n; i++)
        errors += tui_form_error(b->f, i) != NULL;
    /* A picker opened from the box, or a box that shrinks as an error goes,
     * leaves marks beside it: the screen behind is drawn again first. */
    if (tui_take_damage() || (b->height && b->height != n + errors))
        tui_repaint_backdrop();
    b->height = n + errors;
    /* Border, the form's title, its fields and their errors, a blank line,
     * the keys, border. */
    struct tui_rect r = frame((int)(n + errors) + 5, 74, NULL);
    if (r.h < 3 || r.w < 5)
        return;
    tui_draw_fill((struct tui_rect){r.y + 1, r.x + 1, r.h - 2, r.w - 2}, tui_attr(TUI_C_NORMAL));
    char *next = tui_keymap_key_name(&tui_keymap_form, TUI_ACT_NEXT_FIELD, true);
    char *cancel = tui_keymap_key_name(&tui_keymap_form, TUI_ACT_CANCEL, true);
    char *hint = xasprintf(_("%s: next field  Enter: %s  %s: cancel"), next ? next : "Tab", b->submit_word,
                           cancel ? cancel : "Esc");
    tui_draw_text(r.y + r.h - 2, r.x + 2, r.w - 4, hint, TUI_ALIGN_LEFT, tui_attr(TUI_C_MUTED));
    free(hint);
    free(next);
    free(cancel);
    tui_form_layout(b->f, (struct tui_rect){r.y + 1, r.x + 2, r.h > 4 ? r.h - 3 : 1, r.w - 4});
    tui_form_draw(b->f);        /* last: it leaves the cursor in the field */
}

static int form_box_key(void *ctx, int key)
{
    struct form_box *b = ctx;
    size_t i = tui_form_focus(b->f);
    char *before = tui_form_value(b->f, i);
    enum tui_form_result r = key == TUI_KEY_ENTER ? tui_form_submit(b->f) : tui_form_handle(b->f, key);
    char *after = tui_form_value(b->f, i);
    if (b->changed && strcmp(before, after) != 0)
        b->changed(b->ctx, b->f, i);
    free(before);
    free(after);
    /* Esc on what the user typed or chose asks first, as a record's form does. */
    if (r == TUI_FORM_CANCEL)
        return !tui_form_dirty(b->f) || tui_dialog_confirm(_("Discard the changes?"), false) ? 0 : DLG_CONTINUE;
    if (r == TUI_FORM_SAVE && b->submit(b->ctx, b->f))
        return 1;
    return DLG_CONTINUE;
}

bool tui_dialog_form(struct tui_form *f, const char *submit_word,
                     bool (*submit)(void *ctx, struct tui_form *f),
                     void (*changed)(void *ctx, struct tui_form *f, size_t i), void *ctx)
{
    struct form_box b = {f, submit_word, submit, changed, ctx, 0};
    bool done = run_modal(form_box_draw, form_box_key, &b, 0) == 1;
    tui_repaint_backdrop();     /* what comes next (a message) shows over the screen, not over the box */
    return done;
}
