/* UTF-8 decoding, validation and the neutralising of terminal control
 * sequences. Shared by model/ (validation of what is stored) and tui/ and
 * cli/ (what is shown). Knows nothing of curses or SQL. */
#ifndef CARNET_UTIL_UTF8_H
#define CARNET_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s (at most len bytes). Returns the number of
 * bytes used (1..4), or -1 for an invalid, overlong, surrogate or truncated
 * sequence. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp into out (4 bytes room); returns the byte count, 0 if invalid. */
int utf8_encode(uint32_t cp, char out[4]);

bool utf8_valid(const char *s, size_t len);

/* Number of code points of a valid UTF-8 string. */
size_t utf8_length(const char *s);

/* Byte offset of the first control character of s (C0, DEL, C1; newline and
 * tab are allowed when multiline), or -1 when there is none. s must be valid
 * UTF-8. */
long utf8_find_control(const char *s, bool multiline);

/* A copy of s fit to print on a terminal, the one cleaner of the screens
 * (tui/) and of the command line (cli/): escape sequences (CSI, OSC, other
 * ESC sequences) are removed; other control characters (C0, DEL, C1), the
 * Unicode bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
 * U+061C) and invalid bytes become U+FFFD; CR becomes a space, and so do
 * newlines and tabs unless keep_newlines. The result is valid UTF-8 without
 * a control byte other than the newlines and tabs kept. The caller frees
 * the result. NULL gives "". */
char *utf8_sanitize(const char *s, bool keep_newlines);

#endif
