/* The screen loop. One function, relayout(), owns KEY_RESIZE: it lays out
 * the top screen and redraws it from its state. Drawing goes to stdscr
 * followed by one wnoutrefresh/doupdate; ncurses then sends only the cells
 * that changed, which keeps slow SSH links usable. clear() is never called.
 * Closing screens is deferred until their handler has returned, so a
 * handler never runs on freed state. */
#include "tui/screen.h"
#include "tui/color.h"
#include "tui/dialog.h"
#include "tui/term.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLOOR_LINES 6
#define FLOOR_COLS 20

struct entry {
    const struct tui_screen_ops *ops;
    void *state;
    bool dying;
};

static struct {
    struct entry *stack;
    size_t n, cap;
    const struct tui_app *app;
    long running;               /* index whose handler runs, -1 none */
    char *message;
    char *last;                 /* the message shown before this one, for TUI_ACT_MESSAGE */
    enum tui_msg_kind last_kind;
    enum tui_msg_kind kind;
    bool laid_out;              /* the top screen has its layout */
    const char *command;        /* the ":" text being run */
    void *painted;              /* state of the screen last painted */
} sm;

const char *tui_screen_command(void)
{
    return sm.command;
}

static struct entry *top(void)
{
    return sm.n ? &sm.stack[sm.n - 1] : NULL;
}

struct tui_rect tui_screen_area(void)
{
    return (struct tui_rect){0, 0, LINES > 1 ? LINES - 1 : 1, COLS};
}

static bool too_small(void)
{
    int ml = sm.app && sm.app->min_lines > FLOOR_LINES ? sm.app->min_lines : FLOOR_LINES;
    int mc = sm.app && sm.app->min_cols > FLOOR_COLS ? sm.app->min_cols : FLOOR_COLS;
    return LINES < ml || COLS < mc;
}

void tui_screen_message(enum tui_msg_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    free(sm.message);
    sm.message = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    sm.message[0] = '\0';
    va_start(ap, fmt);
    if (n > 0)
        vsnprintf(sm.message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sm.kind = kind;
}

int tui_screen_push(const struct tui_screen_ops *ops, void *arg)
{
    void *state = xcalloc(1, ops->state_size ? ops->state_size : 1);
    int rc = ops->open ? ops->open(state, arg) : 0;
    if (rc < 0) {
        free(state);
        return rc;
    }
    if (sm.n == sm.cap) {
        sm.cap = sm.cap ? sm.cap * 2 : 8;
        sm.stack = xrealloc(sm.stack, sm.cap * sizeof(*sm.stack));
    }
    sm.stack[sm.n++] = (struct entry){ops, state, false};
    sm.laid_out = false;
    return 0;
}

int tui_screen_replace(const struct tui_screen_ops *ops, void *arg)
{
    long current = sm.running >= 0 ? sm.running : (long)sm.n - 1;
    int rc = tui_screen_push(ops, arg);
    if (rc == 0 && current >= 0)
        sm.stack[current].dying = true;
    return rc;
}

int tui_screen_reset(const struct tui_screen_ops *ops, void *arg)
{
    size_t below = sm.n;
    int rc = tui_screen_push(ops, arg);
    if (rc == 0)
        for (size_t i = 0; i < below; i++)
            sm.stack[i].dying = true;
    return rc;
}

static void close_entry(struct entry *e)
{
    if (e->ops->close)
        e->ops->close(e->state);
    free(e->state);
}

/* Removes the screens marked dying, top first. Returns true when the root
 * screen was among them. */
static bool reap(void)
{
    bool root = false;
    for (size_t i = sm.n; i-- > 0;) {
        if (!sm.stack[i].dying)
            continue;
        bool was_top = i == sm.n - 1;
        root = root || sm.stack[i].ops == sm.app->root;
        if (sm.stack[i].state == sm.painted)
            sm.painted = NULL;          /* a new screen may get its address */
        close_entry(&sm.stack[i]);
        memmove(sm.stack + i, sm.stack + i + 1, (sm.n - i - 1) * sizeof(*sm.stack));
        sm.n--;
        if (was_top)
            sm.laid_out = false;
    }
    return root;
}

static void draw_notice(void)
{
    erase();
    size_t n;
    char *text = xasprintf(_("Terminal too small (%dx%d). Please enlarge it."), COLS, LINES);
    char **lines = tui_text_wrap(text, (size_t)(COLS > 0 ? COLS : 1), &n);
    int y0 = LINES > (int)n ? (LINES - (int)n) / 2 : 0;
    for (size_t i = 0; i < n; i++)
        tui_draw_text(y0 + (int)i, 0, COLS, lines[i], TUI_ALIGN_CENTER, tui_attr(TUI_C_WARNING));
    tui_text_lines_free(lines, n);
    free(text);
    tui_draw_cursor(y0, 0);
}

static void draw_status(struct entry *e)
{
    struct tui_status st = {0};
    if (e->ops->status)
        e->ops->status(e->state, &st);
    st.screen = e->ops->name ? _(e->ops->name) : NULL;
    st.message = sm.message;
    st.kind = sm.kind;
    char *more = NULL;
    if (sm.message) {
        const struct tui_keymap *maps[] = {e->ops->keys, sm.app->keys ? sm.app->keys : &tui_keymap_global};
        more = tui_keymap_hint(maps, 2, (const int[]){TUI_ACT_MESSAGE}, 1, e->ops->text_input);
        st.more = more;
    }
    if (!st.hint)
        st.hint = _("? help");
    /* The application's own text goes with the position: a message hides
     * the hint, never the position. */
    const char *extra = sm.app && sm.app->status_extra ? sm.app->status_extra(sm.app->ctx) : NULL;
    char *position = NULL;
    if (extra && *extra) {
        position = st.position && *st.position ? xasprintf("%s  %s", extra, st.position) : xstrdup(extra);
        st.position = position;
    }
    tui_draw_text(LINES - 1, 0, COLS, "", TUI_ALIGN_LEFT, tui_attr(TUI_C_STATUS));
    tui_statusbar_draw(LINES - 1, 0, COLS, &st);
    free(position);
    free(more);
}

/* Draws the top screen (or the notice) into stdscr without sending it. */
static void paint(void)
{
    struct entry *e = top();
    if (!e)
        return;
    if (too_small()) {
        draw_notice();
        return;
    }
    if (!sm.laid_out) {
        if (e->ops->layout)
            e->ops->layout(e->state, tui_screen_area());
        sm.laid_out = true;
    }
    int cy, cx;
    sm.painted = e->state;
    e->ops->draw(e->state);
    getyx(stdscr, cy, cx);
    draw_status(e);
    move(cy, cx);                  /* the cursor stays where the screen put it */
}

static void flush(void)
{
    wnoutrefresh(stdscr);
    doupdate();
}

/* The one owner of KEY_RESIZE (and of full repaints after dialogs). */
static void relayout(void)
{
    erase();
    sm.laid_out = false;
    paint();
}

static void backdrop(void *ctx)
{
    (void)ctx;
    relayout();
}

static void show_help(struct entry *e)
{
    const struct tui_keymap *maps[] = {e->ops->keys, sm.app->keys ? sm.app->keys : &tui_keymap_global};
    tui_dialog_help(maps, 2, e->ops->text_input, sm.app->section_labels);
}

static int dispatch(int action, int key);

/* The last message, whole (a long path, a refused value), in a box; the
 * status bar cuts it to its width. */
static int show_last_message(void)
{
    if (!sm.last || !*sm.last) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("No message to show yet."));
        return TUI_REDRAW;
    }
    tui_dialog_message(sm.last_kind == TUI_MSG_ERROR ? _("Error") : _("Message"), sm.last);
    return TUI_REDRAW;
}

/* ":" opens a prompt that completes on action names (and their French
 * aliases) and the application's
 * command names; an action name runs as if its key had been pressed. The
 * application's own names reach its handler as TUI_ACT_COMMAND with the
 * text in tui_screen_command(). */
static int command_line(void)
{
    size_t n = 0, naliases = 0;
    while (tui_action_alias(naliases, NULL))
        naliases++;
    size_t cap = TUI_ACT_COUNT + naliases + sm.app->ncommands;
    const char **names = xcalloc(cap, sizeof(char *));
    for (int a = 1; a < TUI_ACT_COUNT; a++)
        names[n++] = tui_action_name(a);
    for (size_t i = 0; i < naliases; i++)
        names[n++] = tui_action_alias(i, NULL);
    for (size_t i = 0; i < sm.app->ncommands; i++)
        names[n++] = sm.app->commands[i];
    char *cmd = tui_dialog_prompt(":", NULL, names, n);
    free(names);
    if (!cmd || !*cmd) {
        free(cmd);
        return TUI_REDRAW;
    }
    int action = tui_action_by_name(cmd);
    int flags;
    bool app_name = false;
    for (size_t i = 0; i < sm.app->ncommands; i++)
        app_name = app_name || strcmp(sm.app->commands[i], cmd) == 0;
    if (action != TUI_ACT_NONE && action != TUI_ACT_COMMAND) {
        flags = dispatch(action, TUI_KEY_NONE);
    } else if (app_name && sm.app->handle) {
        sm.command = cmd;
        flags = sm.app->handle(sm.app->ctx, TUI_ACT_COMMAND, TUI_KEY_NONE) & ~TUI_PASS;
        sm.command = NULL;
    } else {
        tui_screen_message(TUI_MSG_ERROR, _("Unknown command: %s"), cmd);
        flags = TUI_REDRAW;
    }
    free(cmd);
    return flags | TUI_REDRAW;
}

/* Screen, then application, then defaults. */
static int dispatch(int action, int key)
{
    struct entry *e = top();
    size_t idx = sm.n - 1;
    sm.running = (long)idx;
    int flags = e->ops->handle ? e->ops->handle(e->state, action, key) : TUI_PASS;
    if ((flags & TUI_PASS) && sm.app->handle)
        flags = (flags & ~TUI_PASS) | sm.app->handle(sm.app->ctx, action, key);
    sm.running = -1;
    if (flags & TUI_BACK)
        sm.stack[idx].dying = true;
    if (!(flags & TUI_PASS))
        return flags;
    flags &= ~TUI_PASS;
    switch (action) {
    case TUI_ACT_BACK:    sm.stack[idx].dying = true; break;
    case TUI_ACT_QUIT:    flags |= TUI_QUIT; break;
    case TUI_ACT_HELP:    show_help(e); break;
    case TUI_ACT_REFRESH: flags |= TUI_RELOAD | TUI_RELAYOUT; break;
    case TUI_ACT_COMMAND: flags |= command_line(); break;
    case TUI_ACT_MESSAGE: flags |= show_last_message(); break;
    default: break;
    }
    return flags;
}

static int key_action(struct entry *e, int key)
{
    int action = tui_keymap_lookup(e->ops->keys, key);
    if (action == TUI_ACT_NONE && !(e->ops->text_input && tui_key_printable(key)))
        action = tui_keymap_lookup(sm.app->keys ? sm.app->keys : &tui_keymap_global, key);
    return action;
}

/* Applies flags; returns false when the loop must end. */
static bool apply(int flags)
{
    if (flags & TUI_QUIT)
        return false;
    bool root_closed = reap();
    if (!top() && sm.app->root && !root_closed)
        tui_screen_push(sm.app->root, NULL);    /* back from a section: Home */
    struct entry *e = top();
    if (!e)
        return false;
    if (e->state != sm.painted)
        flags |= TUI_RELAYOUT;          /* a screen was opened or closed */
    if ((flags & TUI_RELOAD) && e->ops->reload)
        flags |= e->ops->reload(e->state) & ~(TUI_RELOAD | TUI_PASS);
    if (tui_take_damage() || (flags & TUI_RELAYOUT)) {
        relayout();
    } else if (flags & (TUI_REDRAW | TUI_RELOAD)) {
        paint();
    }
    return !(flags & TUI_QUIT);
}

int tui_screen_run(const struct tui_app *app, const struct tui_screen_ops *first, void *arg)
{
    static const struct tui_app defaults = {0};
    sm.app = app ? app : &defaults;
    sm.running = -1;
    int rc = tui_screen_push(first, arg);
    if (rc < 0)
        return rc;
    tui_set_backdrop(backdrop, NULL);
    relayout();
    bool go = true;
    while (go) {
        flush();
        int key;
        switch (tui_read_key(1000, &key)) {
        case TUI_IN_QUIT:
            go = false;
            break;
        case TUI_IN_RESIZE:
            relayout();
            break;
        case TUI_IN_TIMEOUT: {
            struct entry *e = top();
            if (e->ops->idle)
                go = apply(e->ops->idle(e->state) & ~TUI_PASS);
            if (go && sm.app->status_extra && !too_small()) {
                /* Only the status line: curses sends what changed, if anything. */
                int cy, cx;
                getyx(stdscr, cy, cx);
                draw_status(top());
                move(cy, cx);
            }
            break;
        }
        case TUI_IN_KEY: {
            bool had_message = sm.message != NULL;
            if (sm.message) {           /* kept for the key that shows it whole */
                free(sm.last);
                sm.last = sm.message;
                sm.last_kind = sm.kind;
            }
            sm.message = NULL;
            int flags = dispatch(key_action(top(), key), key);
            go = apply(flags | (had_message || sm.message ? TUI_REDRAW : 0));
            break;
        }
        }
    }
    while (sm.n)
        close_entry(&sm.stack[--sm.n]);
    free(sm.stack);
    free(sm.message);
    free(sm.last);
    tui_set_backdrop(NULL, NULL);
    memset(&sm, 0, sizeof(sm));
    return 0;
}
