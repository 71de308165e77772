/* A small screen manager (htop's ScreenManager, tig's views): a stack of
 * screens, each described by one const struct tui_screen_ops at the end of
 * its file. Handlers return effect flags that one loop applies; the loop
 * owns KEY_RESIZE, the status line, the idle tick and the "terminal too
 * small" notice. A key goes to the screen (as an action from its keymap,
 * else from the global one) and, if the screen passes, to the
 * application's handler, then to the built-in defaults (back, quit, help,
 * refresh, command line). */
#ifndef CARNET_TUI_SCREEN_H
#define CARNET_TUI_SCREEN_H

#include "tui/draw.h"
#include "tui/keymap.h"
#include "tui/statusbar.h"

#include <stdbool.h>
#include <stddef.h>

/* Effect flags returned by handlers, or'ed together. */
enum {
    TUI_DONE = 0,           /* consumed, nothing to redraw */
    TUI_PASS = 1 << 0,      /* not consumed: try the next handler */
    TUI_REDRAW = 1 << 1,    /* draw the screen again */
    TUI_RELAYOUT = 1 << 2,  /* call layout then draw */
    TUI_RELOAD = 1 << 3,    /* call reload then draw */
    TUI_BACK = 1 << 4,      /* close this screen (the one that returned it) */
    TUI_QUIT = 1 << 5,      /* close all screens and return from tui_screen_run */
};

struct tui_screen_ops {
    const char *name;       /* N_() name for the status bar */
    size_t state_size;      /* the loop allocates this much zeroed state */
    /* Sets up state from arg. 0, or negative to refuse (nothing is pushed). */
    int (*open)(void *state, void *arg);
    /* Places the screen in area (all the terminal but the status line). */
    void (*layout)(void *state, struct tui_rect area);
    /* Draws everything in the area from state, and leaves the terminal cursor
     * on the selected item. */
    void (*draw)(void *state);
    /* A key: action is its action (TUI_ACT_NONE if unbound), key the key. */
    int (*handle)(void *state, int action, int key);
    /* Fetches data again (TUI_RELOAD). Optional. Returns flags. */
    int (*reload)(void *state);
    /* Called about once a second without keys, for live refresh (e.g. when
     * another process changed the data). Optional. Returns flags. */
    int (*idle)(void *state);
    /* Fills position and filter of the status line (strings owned by state,
     * valid until the next call). Optional. */
    void (*status)(void *state, struct tui_status *st);
    /* Frees what state holds (not state itself). Optional. */
    void (*close)(void *state);
    const struct tui_keymap *keys;  /* this screen's bindings; NULL = none */
    bool text_input;        /* types printable keys into fields: they never
                               reach the global keymap */
};

struct tui_app {
    const struct tui_keymap *keys;  /* global bindings; NULL = tui_keymap_global */
    /* Actions the screen passed on (sections, commands...). Returns flags;
     * TUI_PASS leaves them to the defaults. Optional. */
    int (*handle)(void *ctx, int action, int key);
    void *ctx;
    const char *const *section_labels;  /* 10 labels for help, or NULL */
    /* The screen that back (q, Esc) leads to when the last screen closes
     * (Home, under a section opened with a digit); it is opened then. NULL:
     * closing the last screen ends the loop. Its own back is its business. */
    const struct tui_screen_ops *root;
    const char *const *commands;    /* extra ":" names to complete, or NULL */
    size_t ncommands;
    int min_lines, min_cols;        /* below this, a notice (at least 6 x 20) */
    /* Text of the application's shown beside the position on every screen
     * (a counter, say), or NULL; asked at each status draw and about once a
     * second while idle, so it must be cheap. Optional. */
    const char *(*status_extra)(void *ctx);
};

/* Runs the application: opens first with arg, then loops until the stack is
 * empty, a handler returns TUI_QUIT, or a signal arrives. tui_init() must
 * have been called. Returns 0, or the negative result of first's open. */
int tui_screen_run(const struct tui_app *app, const struct tui_screen_ops *first, void *arg);

/* Opens ops over the current screen now (arg is only used during this
 * call). Returns 0 or the negative result of open. */
int tui_screen_push(const struct tui_screen_ops *ops, void *arg);

/* Opens ops and closes the screen whose handler is running (or the top one)
 * once that handler returns. */
int tui_screen_replace(const struct tui_screen_ops *ops, void *arg);

/* Opens ops and closes every other screen: a jump to a section. */
int tui_screen_reset(const struct tui_screen_ops *ops, void *arg);

/* A transient message on the status line, until the next key. */
void tui_screen_message(enum tui_msg_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* While the application handles TUI_ACT_COMMAND for one of its ":"
 * commands, the text typed (borrowed); NULL otherwise. */
const char *tui_screen_command(void);

/* The area screens draw in: the terminal minus the status line. */
struct tui_rect tui_screen_area(void);

#endif
