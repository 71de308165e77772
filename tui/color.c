/* The semantic colour table, ncdu style: element x theme -> (fg, bg, attr),
 * -1 for the terminal's default. Screens name elements, never colours. */
#include "tui/color.h"

struct tui_style {
    short fg, bg;
    attr_t attr;
};

enum { THEME_MONO, THEME_COLOR, THEME_COUNT };

/* [element][theme]. The monochrome column alone must carry every meaning. */
static const struct tui_style styles[TUI_C_COUNT][THEME_COUNT] = {
    [TUI_C_NORMAL]       = {{-1, -1, A_NORMAL},    {-1, -1, A_NORMAL}},
    [TUI_C_TITLE]        = {{-1, -1, A_BOLD},      {COLOR_CYAN, -1, A_BOLD}},
    [TUI_C_HEADER]       = {{-1, -1, A_UNDERLINE}, {COLOR_YELLOW, -1, A_BOLD}},
    [TUI_C_SELECTED]     = {{-1, -1, A_REVERSE},   {COLOR_CYAN, -1, A_REVERSE}},
    [TUI_C_STATUS]       = {{-1, -1, A_REVERSE},   {COLOR_BLUE, -1, A_REVERSE}},
    [TUI_C_ERROR]        = {{-1, -1, A_BOLD | A_UNDERLINE}, {COLOR_RED, -1, A_BOLD}},
    [TUI_C_WARNING]      = {{-1, -1, A_BOLD},      {COLOR_YELLOW, -1, A_BOLD}},
    [TUI_C_MUTED]        = {{-1, -1, A_DIM},       {COLOR_BLUE, -1, A_NORMAL}},
    [TUI_C_OK]           = {{-1, -1, A_BOLD},      {COLOR_GREEN, -1, A_BOLD}},
    [TUI_C_FIELD]        = {{-1, -1, A_UNDERLINE}, {-1, -1, A_UNDERLINE}},
    [TUI_C_FIELD_ACTIVE] = {{-1, -1, A_REVERSE},   {COLOR_YELLOW, -1, A_REVERSE}},
    [TUI_C_KEY]          = {{-1, -1, A_BOLD},      {COLOR_GREEN, -1, A_BOLD}},
    [TUI_C_BAR]          = {{-1, -1, A_NORMAL},    {COLOR_CYAN, -1, A_NORMAL}},
};

static int theme = THEME_MONO;

void tui_color_init(bool use_color)
{
    theme = THEME_MONO;
    if (!use_color || !has_colors() || start_color() == ERR)
        return;
    use_default_colors();
    if (COLOR_PAIRS < TUI_C_COUNT + 1)
        return;
    for (int e = 0; e < TUI_C_COUNT; e++)
        init_pair((short)(e + 1), styles[e][THEME_COLOR].fg, styles[e][THEME_COLOR].bg);
    theme = THEME_COLOR;
}

bool tui_color_active(void)
{
    return theme == THEME_COLOR;
}

attr_t tui_attr(enum tui_color_elem e)
{
    if ((int)e < 0 || e >= TUI_C_COUNT)
        e = TUI_C_NORMAL;
    attr_t a = styles[e][theme].attr;
    if (theme == THEME_COLOR && e != TUI_C_NORMAL)
        a |= (attr_t)COLOR_PAIR(e + 1);
    return a;
}
