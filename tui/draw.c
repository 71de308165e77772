/* Clipped, sanitised drawing on stdscr. Widgets never call addstr on data
 * themselves: everything goes through tui_draw_text, the one place where
 * control characters are neutralised. */
#include "tui/draw.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Replaces non-ASCII by '?' in place of a multi-byte character, for
 * terminals whose locale cannot show UTF-8. */
static char *ascii_fold(const char *s)
{
    struct strbuf b;
    size_t len = strlen(s), i = 0;
    strbuf_init(&b);
    while (i < len) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        strbuf_addc(&b, n > 0 && cp < 0x80 ? (char)cp : '?');
        i += n > 0 ? (size_t)n : 1;
    }
    return strbuf_detach(&b);
}

void tui_draw_text(int y, int x, int w, const char *s, enum tui_align align, attr_t attr)
{
    if (y < 0 || y >= LINES || x >= COLS || w <= 0)
        return;
    if (x < 0) {                /* widgets never start left of the screen */
        w += x;
        x = 0;
    }
    if (x + w > COLS)
        w = COLS - x;
    if (w <= 0)
        return;
    char *clean = utf8_sanitize(s, false);
    if (!tui_text_utf8_locale()) {
        char *folded = ascii_fold(clean);
        free(clean);
        clean = folded;
    }
    char *fit = tui_text_fit(clean, (size_t)w, align);
    attr_t old;
    short pair;
    attr_get(&old, &pair, NULL);
    attrset(attr);
    mvaddstr(y, x, fit);
    attr_set(old, pair, NULL);
    free(fit);
    free(clean);
}

void tui_draw_textf(int y, int x, int w, attr_t attr, const char *fmt, ...)
{
    va_list ap;
    struct strbuf b;
    char *s;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    strbuf_init(&b);
    if (n > 0) {
        s = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
        strbuf_adds(&b, s);
        free(s);
    }
    tui_draw_text(y, x, w, b.s, TUI_ALIGN_LEFT, attr);
    strbuf_free(&b);
}

void tui_draw_fill(struct tui_rect r, attr_t attr)
{
    for (int i = 0; i < r.h; i++)
        tui_draw_text(r.y + i, r.x, r.w, "", TUI_ALIGN_LEFT, attr);
}

static bool inside(int y, int x)
{
    return y >= 0 && y < LINES && x >= 0 && x < COLS;
}

enum glyph { G_HLINE, G_VLINE, G_UL, G_UR, G_LL, G_LR, G_BLOCK };

static void put_glyph(int y, int x, enum glyph g, attr_t attr)
{
    static const char ascii[] = "-|++++#";
    if (!inside(y, x))
        return;
    if (!tui_text_utf8_locale()) {
        mvaddch(y, x, (chtype)ascii[g] | attr);
        return;
    }
    const cchar_t *wacs[] = {WACS_HLINE, WACS_VLINE, WACS_ULCORNER, WACS_URCORNER,
                             WACS_LLCORNER, WACS_LRCORNER, WACS_BLOCK};
    cchar_t c = *wacs[g];
    c.attr |= attr;
    mvadd_wch(y, x, &c);
}

void tui_draw_hline(int y, int x, int w, attr_t attr)
{
    for (int i = 0; i < w; i++)
        put_glyph(y, x + i, G_HLINE, attr);
}

void tui_draw_vline(int y, int x, int h, attr_t attr)
{
    for (int i = 0; i < h; i++)
        put_glyph(y + i, x, G_VLINE, attr);
}

void tui_draw_box(struct tui_rect r, attr_t attr)
{
    if (r.h < 2 || r.w < 2) {
        tui_draw_fill(r, attr);
        return;
    }
    tui_draw_fill((struct tui_rect){r.y + 1, r.x + 1, r.h - 2, r.w - 2}, attr);
    tui_draw_hline(r.y, r.x + 1, r.w - 2, attr);
    tui_draw_hline(r.y + r.h - 1, r.x + 1, r.w - 2, attr);
    tui_draw_vline(r.y + 1, r.x, r.h - 2, attr);
    tui_draw_vline(r.y + 1, r.x + r.w - 1, r.h - 2, attr);
    put_glyph(r.y, r.x, G_UL, attr);
    put_glyph(r.y, r.x + r.w - 1, G_UR, attr);
    put_glyph(r.y + r.h - 1, r.x, G_LL, attr);
    put_glyph(r.y + r.h - 1, r.x + r.w - 1, G_LR, attr);
}

void tui_draw_scrollbar(int y, int x, int h, long first, long shown, long total, attr_t attr)
{
    if (h <= 0)
        return;
    long thumb = h, start = 0;
    if (total > shown && total > 0) {
        thumb = (long)h * shown / total;
        if (thumb < 1)
            thumb = 1;
        start = (long)(h - thumb) * first / (total - shown > 0 ? total - shown : 1);
        if (start > h - thumb)
            start = h - thumb;
    }
    for (int i = 0; i < h; i++)
        put_glyph(y + i, x, i >= start && i < start + thumb ? G_BLOCK : G_VLINE, attr);
}

void tui_draw_cursor(int y, int x)
{
    if (inside(y, x))
        move(y, x);
}

struct tui_rect tui_draw_screen(void)
{
    return (struct tui_rect){0, 0, LINES, COLS};
}
