/* Key bindings of text fields and their drawing. The editing itself is in
 * lineedit.c (pure, tested); this file only maps and paints. */
#include "tui/field.h"
#include "tui/key.h"

#include <curses.h>
#include <stdlib.h>

bool tui_field_key(struct tui_lineedit *le, int key)
{
    switch (key) {
    case TUI_KEY_FN | KEY_BACKSPACE: tui_lineedit_backspace(le); return true;
    case TUI_KEY_FN | KEY_DC:        tui_lineedit_delete(le); return true;
    case TUI_KEY_FN | KEY_LEFT:      tui_lineedit_left(le); return true;
    case TUI_KEY_FN | KEY_RIGHT:     tui_lineedit_right(le); return true;
    case TUI_KEY_FN | KEY_HOME:
    case TUI_KEY_CTRL('A'):          tui_lineedit_home(le); return true;
    case TUI_KEY_FN | KEY_END:
    case TUI_KEY_CTRL('E'):          tui_lineedit_end(le); return true;
    case TUI_KEY_CTRL('U'):          tui_lineedit_kill_start(le); return true;
    case TUI_KEY_CTRL('K'):          tui_lineedit_kill_end(le); return true;
    case TUI_KEY_CTRL('W'):          tui_lineedit_kill_word(le); return true;
    case TUI_KEY_FN | KEY_SLEFT:     tui_lineedit_word_left(le); return true;
    case TUI_KEY_FN | KEY_SRIGHT:    tui_lineedit_word_right(le); return true;
    case TUI_KEY_ENTER:
        return le->multiline && tui_lineedit_insert(le, '\n');
    case TUI_KEY_FN | KEY_UP:
        return le->multiline && tui_lineedit_up(le);
    case TUI_KEY_FN | KEY_DOWN:
        return le->multiline && tui_lineedit_down(le);
    default:
        if (!tui_key_printable(key))
            return false;
        tui_lineedit_insert(le, (uint32_t)key);    /* a full field swallows the key */
        return true;
    }
}

void tui_field_draw(struct tui_lineedit *le, struct tui_rect r, attr_t attr, bool focused)
{
    int h = le->multiline ? r.h : 1;
    if (r.w <= 0 || h <= 0)
        return;
    if (focused)
        tui_lineedit_scroll(le, (size_t)r.w, (size_t)h);
    else
        le->hscroll = le->vscroll = 0;      /* show other fields from their start */
    for (int i = 0; i < h; i++) {
        size_t start, len;
        char *part = NULL;
        if (tui_lineedit_line_span(le, le->vscroll + (size_t)i, &start, &len))
            part = tui_text_slice(tui_lineedit_text(le) + start, len, le->hscroll, (size_t)r.w);
        tui_draw_text(r.y + i, r.x, r.w, part ? part : "", TUI_ALIGN_LEFT, attr);
        free(part);
    }
    if (focused)
        tui_draw_cursor(r.y + (int)(tui_lineedit_line(le) - le->vscroll),
                        r.x + (int)(tui_lineedit_column(le) - le->hscroll));
}
