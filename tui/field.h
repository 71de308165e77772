/* The curses side of a lineedit: which keys edit it and how it is drawn in
 * a field of the screen. Shared by forms and prompts so that every text
 * field in the application edits the same way. */
#ifndef CARNET_TUI_FIELD_H
#define CARNET_TUI_FIELD_H

#include "tui/draw.h"
#include "tui/lineedit.h"

#include <stdbool.h>

/* Applies key (see key.h) to le: printable characters insert; Backspace,
 * Del, Left, Right, Home, End, ^A, ^E, ^U, ^K, ^W edit; Enter inserts a
 * newline and Up/Down move by line in a multi-line buffer. Returns true when
 * the key was for the field (even if nothing could change, e.g. Left at the
 * start), false for keys it leaves to the caller (Tab, Esc, Up/Down on the
 * first/last line, Enter in a single line...). */
bool tui_field_key(struct tui_lineedit *le, int key);

/* Draws le in r (r.h lines for a multi-line buffer, else one), padded with
 * attr. When focused, scrolls so that the cursor is visible and moves the
 * terminal cursor onto the editing position; otherwise shows the start. */
void tui_field_draw(struct tui_lineedit *le, struct tui_rect r, attr_t attr, bool focused);

#endif
