/* Key codes as one int: a character is its code point, a function key
 * (arrows, F2, ...) is its curses KEY_* code plus TUI_KEY_FN, so 'ā' (U+0101)
 * and KEY_DOWN (0402) never collide. Parsing and naming of key strings such
 * as "^S", "F2", "PGDN". No terminal I/O here. */
#ifndef CARNET_TUI_KEY_H
#define CARNET_TUI_KEY_H

#include <stdbool.h>
#include <wchar.h>

#define TUI_KEY_FN 0x1000000            /* above any Unicode code point */
#define TUI_KEY_NONE 0
#define TUI_KEY_CTRL(c) ((c) & 0x1F)     /* TUI_KEY_CTRL('S') == ^S */
#define TUI_KEY_ESC 27
#define TUI_KEY_ENTER '\r'               /* Enter, Return, ^M, ^J and KEY_ENTER */
#define TUI_KEY_TAB '\t'

/* The key for a curses function key code (KEY_DOWN...). */
int tui_key_fn(int curses_key);

/* The normalised key for what get_wch returned: rc is its return (OK or
 * KEY_CODE_YES), wc the value it stored. Enter variants become TUI_KEY_ENTER;
 * DEL and ^H become the Backspace key. */
int tui_key_from_wch(int rc, wint_t wc);

/* What the bytes after an ESC mean, for the sequences terminfo may not know
 * (PuTTY's and the Linux console's Home "ESC[1~" and End "ESC[4~", rxvt's
 * "ESC[7~"...). seq[0..len) is what followed the ESC. Returns:
 *   a key (Home, End, an arrow...) when seq is a known sequence;
 *   TUI_KEY_NONE when seq is a whole sequence carnet does not know, to be
 *     dropped whole (never read as Esc and typed characters);
 *   TUI_KEY_MORE when seq is the start of a sequence: read one more byte.
 * An empty seq is TUI_KEY_MORE; "[", "O" and the CSI parameter bytes too.
 * A seq that starts with neither '[' nor 'O' is no sequence: TUI_KEY_NONE. */
#define TUI_KEY_MORE (-1)
int tui_key_escape(const char *seq, size_t len);

/* True for a key that inserts text (a printable character). */
bool tui_key_printable(int key);

/* Parses one key word: a single character ("j", "/", "é"), "^X", "F1".."F12",
 * or a name: ENTER ESC TAB BTAB SPACE UP DOWN LEFT RIGHT PGUP PGDN HOME END
 * INS DEL BACKSPACE (names are case-insensitive). Returns the key, or
 * TUI_KEY_NONE when the word is not a key. */
int tui_key_parse(const char *word, size_t len);

/* A short human name for a key, translated ("Enter", "Ctrl-S", "F2", "j",
 * "Down"). The caller frees it. */
char *tui_key_name(int key);

#endif
