/* Layout of the status line, right to left by priority: position, then
 * filter, then the name, and the message takes what is left. */
#include "tui/statusbar.h"
#include "tui/color.h"
#include "tui/draw.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>

static int take(int *left, const char *s, int pad)
{
    int w = s && *s ? (int)tui_text_width(s) + pad : 0;
    if (w > *left)
        w = *left;
    *left -= w;
    return w;
}

void tui_statusbar_draw(int y, int x, int w, const struct tui_status *st)
{
    attr_t bar = tui_attr(TUI_C_STATUS);
    char *filter = st->filter && *st->filter ? xasprintf(_("filter: %s"), st->filter) : NULL;
    int left = w;
    int pos_w = take(&left, st->position, 2);
    int name_w = take(&left, st->screen, 2);
    int filter_w = filter ? (left > 24 ? take(&left, filter, 2) : 0) : 0;
    if (filter_w > 30) {
        left += filter_w - 30;
        filter_w = 30;
    }
    int cx = x;
    tui_draw_text(y, cx, name_w, st->screen, TUI_ALIGN_LEFT, bar | A_BOLD);
    cx += name_w;
    if (st->message && *st->message) {
        char *m = st->kind == TUI_MSG_ERROR ? xasprintf("! %s", st->message) : xstrdup(st->message);
        /* Cut short, the message says which key shows it whole. */
        int more_w = st->more && *st->more ? (int)tui_text_width(st->more) + 2 : 0;
        if ((int)tui_text_width(m) <= left || more_w >= left)
            more_w = 0;
        tui_draw_text(y, cx, left - more_w, m, TUI_ALIGN_LEFT,
                      st->kind == TUI_MSG_ERROR ? tui_attr(TUI_C_ERROR) | A_REVERSE : bar);
        if (more_w)
            tui_draw_textf(y, cx + left - more_w, more_w, bar | A_BOLD, "  %s", st->more);
        free(m);
    } else {
        tui_draw_text(y, cx, left, st->hint, TUI_ALIGN_LEFT, bar);
    }
    cx += left;
    tui_draw_text(y, cx, filter_w, filter, TUI_ALIGN_LEFT, bar);
    cx += filter_w;
    tui_draw_text(y, cx, pos_w, st->position, TUI_ALIGN_RIGHT, bar);
    free(filter);
}
