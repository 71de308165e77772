/* The terminal's life: start and restore curses, signals, reading keys, and
 * the hooks through which modal dialogs ask for the screen behind them to be
 * laid out again after a resize. No drawing of content here (draw.h), no
 * knowledge of screens (screen.h). */
#ifndef CARNET_TUI_TERM_H
#define CARNET_TUI_TERM_H

#include <stdbool.h>

/* Starts curses on the terminal: initscr, cbreak, noecho, nonl, keypad,
 * ESC delay 25 ms, colours unless NO_COLOR is set and non-empty, cursor
 * visible, a 1 s input timeout. Installs SIGINT/SIGTERM/SIGHUP handlers that
 * only set a flag, and an atexit() that restores the terminal. The caller
 * must have called setlocale(LC_ALL, ""). Dies (tui_die) when the terminal
 * cannot be used. Calling it twice does nothing. */
void tui_init(void);

/* Restores the terminal (endwin). Safe to call when not started, twice, or
 * from atexit. */
void tui_end(void);

/* Restores the terminal, prints the message and a newline on stderr and
 * exits with status 1. */
_Noreturn void tui_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* True once SIGTERM or SIGHUP arrived: the loops then close down. SIGINT
 * (Ctrl-C) is read as the key ^C instead. */
bool tui_quit_requested(void);

enum tui_input {
    TUI_IN_KEY,         /* *key holds a key (see key.h) */
    TUI_IN_TIMEOUT,     /* no key for the timeout: time for idle work */
    TUI_IN_RESIZE,      /* the terminal changed size (KEY_RESIZE) */
    TUI_IN_QUIT,        /* a termination signal arrived (not SIGINT) */
};

/* Waits for one key with get_wch (wide characters), at most timeout_ms
 * milliseconds (-1: forever). Never spins: blocks in the terminal read. */
enum tui_input tui_read_key(int timeout_ms, int *key);

/* Hooks for modal loops (dialogs) that meet a resize: the screen manager
 * registers the function that lays out and draws everything behind the
 * dialog; a dialog calls tui_repaint_backdrop() and then draws itself. */
void tui_set_backdrop(void (*paint)(void *ctx), void *ctx);
void tui_repaint_backdrop(void);

/* Dialogs draw over the screen; when they close they mark the screen behind
 * for a full redraw, which the screen loop takes (and clears) here. */
void tui_mark_damaged(void);
bool tui_take_damage(void);

#endif
