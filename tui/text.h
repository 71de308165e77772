/* Measuring and cutting UTF-8 text in terminal columns (wcwidth), never in
 * bytes. Pure: no curses call, no terminal state; every result is a new
 * string owned by the caller. Drawing lives in draw.h. */
#ifndef CARNET_TUI_TEXT_H
#define CARNET_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tui_align { TUI_ALIGN_LEFT, TUI_ALIGN_RIGHT, TUI_ALIGN_CENTER };

/* True when the current LC_CTYPE codeset (nl_langinfo(CODESET)) is UTF-8.
 * Decides between "…" and "...", and between line-drawing characters and
 * "-|+". Reads the locale on each call (cheap), so tests may switch it. */
bool tui_text_utf8_locale(void);

/* The ellipsis for this locale: "…" (1 column) or "..." (3 columns). A
 * constant string; never freed. */
const char *tui_text_ellipsis(void);

/* Columns taken by code point cp: wcwidth, except that non-printable or
 * unknown characters count 1 (they are drawn as one replacement mark). */
int tui_text_cp_width(uint32_t cp);

/* Columns taken by the first len bytes of s. Invalid bytes count 1 each. */
size_t tui_text_width_n(const char *s, size_t len);

/* Columns taken by the NUL-terminated s (NULL counts 0). */
size_t tui_text_width(const char *s);

/* Length in bytes of the longest prefix of s that fits in cols columns,
 * never cutting a character (a wide character that would straddle the limit
 * is left out, and zero-width marks stay with their base). *used, when not
 * NULL, receives the columns of that prefix. */
size_t tui_text_prefix(const char *s, size_t cols, size_t *used);

/* The length in bytes of the leading words that every non-empty string of
 * s[0..n) shares, up to and including a space: "Centre social " for
 * "Centre social Les Tilleuls" and "Centre social Mosaïque". 0 when fewer
 * than two strings are non-empty, when they are all the same, or when the
 * shared words would be all of one of them (a column would show nothing
 * that tells its rows apart). */
size_t tui_text_common_words(const char *const *s, size_t n);

/* A copy of s cut to at most cols columns; when something was cut, it ends
 * with the ellipsis (or, if even that does not fit, with as many dots as
 * fit). The caller frees the result. NULL s gives "". */
char *tui_text_truncate(const char *s, size_t cols);

/* The same from the other side: the end of s in at most cols columns, after
 * the ellipsis when something was cut ("…/Documents/bilan-2026.html"), for
 * text whose end matters most, such as a path. */
char *tui_text_truncate_left(const char *s, size_t cols);

/* A copy of s truncated as above and padded with spaces to exactly cols
 * columns, aligned as asked. The caller frees the result. */
char *tui_text_fit(const char *s, size_t cols, enum tui_align align);

/* The part of the first len bytes of s that lies between display columns
 * from and from + cols, for a horizontally scrolled field. A wide character
 * cut by the left edge becomes spaces; one cut by the right edge is left out.
 * The caller frees the result. */
char *tui_text_slice(const char *s, size_t len, size_t from, size_t cols);

/* Splits s into lines of at most width columns: at newlines, between words,
 * and inside a word longer than a line. Returns a new array of *n new
 * strings (at least one, maybe ""); free with tui_text_lines_free. */
char **tui_text_wrap(const char *s, size_t width, size_t *n);
void tui_text_lines_free(char **lines, size_t n);

#endif
