/* Terminal setup and teardown, signals and key input. The signal handler
 * only sets a flag: the input loop, woken by EINTR or its timeout, sees it
 * and ends curses outside the handler. SIGINT comes back as the key ^C.
 * SIGWINCH is left to ncurses, which turns it into KEY_RESIZE. */
#include "tui/term.h"
#include "tui/color.h"
#include "tui/key.h"
#include "util/i18n.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#define ESC_TAIL_MS 25      /* the rest of a sequence cut by a slow link */

static bool active;
static bool atexit_done;
static volatile sig_atomic_t quit_signal;
static bool damaged;
static void (*backdrop_paint)(void *);
static void *backdrop_ctx;

static void on_signal(int sig)
{
    quit_signal = sig;
}

static void install_signals(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;            /* no SA_RESTART: the blocked read returns at once */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Ctrl-S saves, so XON/XOFF flow control must not freeze the output when
 * it is pressed (cbreak leaves IXON on). ncurses records this mode with
 * def_prog_mode and endwin puts back the user's own. */
static void no_flow_control(void)
{
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) == 0) {
        t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
    }
    def_prog_mode();
}

void tui_init(void)
{
    if (active)
        return;
    if (!newterm(NULL, stdout, stdin))
        tui_die(_("cannot use this terminal (TERM=%s)"),
                getenv("TERM") ? getenv("TERM") : "");
    active = true;
    if (!atexit_done) {
        atexit(tui_end);
        atexit_done = true;
    }
    cbreak();
    no_flow_control();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(1);
    const char *no_color = getenv("NO_COLOR");
    tui_color_init(!(no_color && *no_color));
    install_signals();
}

void tui_end(void)
{
    if (!active)
        return;
    active = false;
    endwin();
}

void tui_die(const char *fmt, ...)
{
    va_list ap;
    tui_end();
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* Ctrl-C is a key like any other (a form asks before it loses typed text),
 * not an order to quit: takes a pending SIGINT and says whether there was one. */
static bool interrupted(void)
{
    if (quit_signal != SIGINT)
        return false;
    quit_signal = 0;
    return true;
}

bool tui_quit_requested(void)
{
    return quit_signal != 0;
}

/* After an ESC: ncurses has matched the sequences terminfo knows, and it
 * returns the bytes of any other one right behind the ESC (it read them
 * while waiting ESCDELAY). Reads them: a sequence key.c knows becomes its
 * key, an unknown one is dropped whole, a lone ESC stays Esc. */
static int escape_sequence(void)
{
    char seq[16];
    size_t len = 0;
    for (;;) {
        wint_t wc;
        wtimeout(stdscr, len ? ESC_TAIL_MS : 0);
        int rc = wget_wch(stdscr, &wc);
        if (rc == ERR)
            return len ? TUI_KEY_NONE : TUI_KEY_ESC;
        if (rc == KEY_CODE_YES || wc > 0x7E || (len == 0 && wc != '[' && wc != 'O')) {
            /* A key of its own (Esc then y, Esc Esc, Esc then an arrow):
             * Esc first, the key next. */
            if (len == 0) {
                if (rc == KEY_CODE_YES)
                    ungetch((int)wc);   /* a function key goes back as its code */
                else
                    unget_wch((wchar_t)wc);
                return TUI_KEY_ESC;
            }
            return TUI_KEY_NONE;
        }
        seq[len++] = (char)wc;
        int key = tui_key_escape(seq, len);
        if (key != TUI_KEY_MORE)
            return key;
        if (len == sizeof seq)
            return TUI_KEY_NONE;
    }
}

enum tui_input tui_read_key(int timeout_ms, int *key)
{
    wint_t wc = 0;
    *key = 0;
    int rc = ERR;
    if (!quit_signal) {
        wtimeout(stdscr, timeout_ms);
        rc = wget_wch(stdscr, &wc);
    }
    if (interrupted()) {
        *key = TUI_KEY_CTRL('C');
        return TUI_IN_KEY;
    }
    if (quit_signal)
        return TUI_IN_QUIT;
    if (rc == ERR)
        return TUI_IN_TIMEOUT;
    if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
        return TUI_IN_RESIZE;
    *key = tui_key_from_wch(rc, wc);
    if (*key == TUI_KEY_ESC) {
        *key = escape_sequence();
        if (*key == TUI_KEY_NONE)
            return tui_read_key(timeout_ms, key);   /* dropped whole: wait again */
    }
    return TUI_IN_KEY;
}

void tui_set_backdrop(void (*paint)(void *ctx), void *ctx)
{
    backdrop_paint = paint;
    backdrop_ctx = ctx;
}

void tui_repaint_backdrop(void)
{
    if (backdrop_paint)
        backdrop_paint(backdrop_ctx);
    else
        werase(stdscr);
}

void tui_mark_damaged(void)
{
    damaged = true;
}

bool tui_take_damage(void)
{
    bool d = damaged;
    damaged = false;
    return d;
}
