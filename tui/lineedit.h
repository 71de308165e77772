/* An editable UTF-8 buffer with a cursor: the model behind every text field
 * and prompt. Pure (no curses call, no key codes): field.h maps keys to
 * these operations and draws the result. Columns are display columns. */
#ifndef CARNET_TUI_LINEEDIT_H
#define CARNET_TUI_LINEEDIT_H

#include "util/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tui_lineedit {
    struct strbuf buf;      /* the text, always NUL-terminated */
    size_t cur;             /* cursor as a byte offset, on a character boundary */
    size_t max_chars;       /* longest accepted text in characters; 0 = no limit */
    bool multiline;         /* accepts '\n'; Home/End/^U/^K act on the line */
    bool has_goal;          /* up/down keep goal_col until another move */
    size_t goal_col;
    size_t hscroll;         /* first display column shown (tui_lineedit_scroll) */
    size_t vscroll;         /* first line shown, multi-line only */
};

/* Starts le with a copy of text (NULL = empty), cursor at its end. */
void tui_lineedit_init(struct tui_lineedit *le, const char *text, bool multiline,
                       size_t max_chars);
void tui_lineedit_free(struct tui_lineedit *le);

/* Replaces the whole text with a copy of text; cursor at the end. */
void tui_lineedit_set(struct tui_lineedit *le, const char *text);

/* The text, owned by le, valid until the next change. */
const char *tui_lineedit_text(const struct tui_lineedit *le);

/* Inserts code point cp at the cursor. Refuses (returns false, nothing
 * changes) control characters, '\n' in a single-line buffer, and anything
 * past max_chars. */
bool tui_lineedit_insert(struct tui_lineedit *le, uint32_t cp);

/* Editing and motion. Each returns true when the text or cursor changed.
 * Left/right step over a character and the zero-width marks that follow it,
 * so "e" + combining acute moves as one. Home/End/kill_start/kill_end act on
 * the cursor's line; kill_end at the end of a line joins the next one. */
bool tui_lineedit_backspace(struct tui_lineedit *le);
bool tui_lineedit_delete(struct tui_lineedit *le);
bool tui_lineedit_left(struct tui_lineedit *le);
bool tui_lineedit_right(struct tui_lineedit *le);
bool tui_lineedit_home(struct tui_lineedit *le);
bool tui_lineedit_end(struct tui_lineedit *le);
bool tui_lineedit_kill_start(struct tui_lineedit *le);     /* ^U */
bool tui_lineedit_kill_end(struct tui_lineedit *le);       /* ^K */
bool tui_lineedit_word_left(struct tui_lineedit *le);
bool tui_lineedit_word_right(struct tui_lineedit *le);
bool tui_lineedit_kill_word(struct tui_lineedit *le);      /* ^W: the word before */
/* Up/down move one line keeping the display column; false on the first /
 * last line (the form then moves to another field). */
bool tui_lineedit_up(struct tui_lineedit *le);
bool tui_lineedit_down(struct tui_lineedit *le);

/* Cursor position: characters from the start, its line (0-based), and its
 * display column within that line. */
size_t tui_lineedit_cursor(const struct tui_lineedit *le);
size_t tui_lineedit_line(const struct tui_lineedit *le);
size_t tui_lineedit_column(const struct tui_lineedit *le);

/* Number of lines (1 for an empty text), and the byte range of line n
 * (without its '\n'); returns false when there is no line n. */
size_t tui_lineedit_lines(const struct tui_lineedit *le);
bool tui_lineedit_line_span(const struct tui_lineedit *le, size_t n,
                            size_t *start, size_t *len);

/* Updates hscroll (and vscroll) so the cursor is visible in a field of width
 * columns and height lines, scrolling as little as possible and never
 * leaving blank room on the right that text could fill. */
void tui_lineedit_scroll(struct tui_lineedit *le, size_t width, size_t height);

#endif
