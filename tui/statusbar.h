/* The bottom line: screen name, a transient message or a hint, the active
 * filter and the position ("12/340"). Everything is supplied by the caller;
 * the bar only lays it out so that the position and the name survive on
 * narrow terminals. */
#ifndef CARNET_TUI_STATUSBAR_H
#define CARNET_TUI_STATUSBAR_H

enum tui_msg_kind { TUI_MSG_NONE, TUI_MSG_INFO, TUI_MSG_ERROR };

struct tui_status {
    const char *screen;         /* shown first; NULL = none */
    const char *message;        /* transient text; NULL = show hint */
    const char *more;           /* ends a message cut short ("m whole message"); NULL = none */
    enum tui_msg_kind kind;     /* an error is shown in the error style, marked "!" */
    const char *hint;           /* e.g. "? help"; NULL = none */
    const char *filter;         /* active filter text; NULL or "" = none */
    const char *position;       /* "12/340"; NULL or "" = none */
};

/* Draws st on line y from column x over w columns. Strings are borrowed
 * and sanitised. */
void tui_statusbar_draw(int y, int x, int w, const struct tui_status *st);

#endif
