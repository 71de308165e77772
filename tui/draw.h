/* Drawing primitives on stdscr that every widget uses: clipped to the
 * terminal (nothing is drawn outside it, whatever its size), text sanitised
 * (no escape sequence from data ever reaches the terminal) and measured in
 * columns. */
#ifndef CARNET_TUI_DRAW_H
#define CARNET_TUI_DRAW_H

#include "tui/text.h"

#include <curses.h>

struct tui_rect {
    int y, x, h, w;
};

/* Draws s (UTF-8, from any source: it is sanitised here) at (y, x) in exactly
 * w columns: truncated with an ellipsis, padded with spaces, aligned. Parts
 * outside the terminal are not drawn. Non-ASCII is shown as '?' when the
 * locale is not UTF-8. */
void tui_draw_text(int y, int x, int w, const char *s, enum tui_align align, attr_t attr);

/* Like tui_draw_text with a printf format, for messages built on the fly. */
void tui_draw_textf(int y, int x, int w, attr_t attr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Fills r with spaces in attr. */
void tui_draw_fill(struct tui_rect r, attr_t attr);

/* Line drawing, with '-', '|', '+' outside a UTF-8 locale. */
void tui_draw_hline(int y, int x, int w, attr_t attr);
void tui_draw_vline(int y, int x, int h, attr_t attr);
/* A frame on the border of r, its inside filled with spaces. */
void tui_draw_box(struct tui_rect r, attr_t attr);

/* A vertical scrollbar of h cells at column x for a view of `shown` items
 * starting at `first` among `total` (total <= shown draws a plain track). */
void tui_draw_scrollbar(int y, int x, int h, long first, long shown, long total, attr_t attr);

/* Moves the terminal cursor to (y, x) when that is inside the terminal. */
void tui_draw_cursor(int y, int x);

/* The whole terminal as a rectangle. */
struct tui_rect tui_draw_screen(void);

#endif
