/* The one colour table: each semantic element of the interface maps to a
 * foreground, background and attributes, in colour and in monochrome. Meaning
 * never rests on colour alone: every element that matters also has an
 * attribute (bold, reverse, underline) that stays when colours are off. */
#ifndef CARNET_TUI_COLOR_H
#define CARNET_TUI_COLOR_H

#include <curses.h>
#include <stdbool.h>

#define TUI_COLOR_ELEMENTS(C) \
    C(NORMAL)        /* ordinary text */ \
    C(TITLE)         /* a screen's title line */ \
    C(HEADER)        /* column headers, form section headings */ \
    C(SELECTED)      /* the selected row or choice */ \
    C(STATUS)        /* the status bar */ \
    C(ERROR)         /* error messages, invalid fields */ \
    C(WARNING)       /* warnings, overdue items */ \
    C(MUTED)         /* secondary text, deleted rows, hints */ \
    C(OK)            /* success messages */ \
    C(FIELD)         /* an input field */ \
    C(FIELD_ACTIVE)  /* the field being edited */ \
    C(KEY)           /* a key name in help and hints */ \
    C(BAR)           /* scrollbar and dialog frames */

enum tui_color_elem {
#define TUI_C_ENUM(name) TUI_C_##name,
    TUI_COLOR_ELEMENTS(TUI_C_ENUM)
#undef TUI_C_ENUM
    TUI_C_COUNT
};

/* Chooses colour or monochrome and creates the colour pairs. Colour is used
 * when use_color is true and the terminal has colours; call after initscr().
 * tui_init() calls it. */
void tui_color_init(bool use_color);

/* True once tui_color_init chose colours. */
bool tui_color_active(void);

/* The attributes (colour pair included) to draw element e with. Out of range
 * gives those of TUI_C_NORMAL. */
attr_t tui_attr(enum tui_color_elem e);

#endif
