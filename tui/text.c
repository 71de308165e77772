/* Column arithmetic over UTF-8 strings. Holds no state and makes no curses
 * call; a character that cannot be decoded or printed counts one column, the
 * width of the replacement mark the drawing code puts in its place. */
#include "tui/text.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

bool tui_text_utf8_locale(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

const char *tui_text_ellipsis(void)
{
    return tui_text_utf8_locale() ? "\xE2\x80\xA6" : "...";
}

int tui_text_cp_width(uint32_t cp)
{
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

/* Decodes the character at s[i]; an invalid byte is one character of width 1. */
static size_t next_char(const char *s, size_t len, size_t i, int *width)
{
    uint32_t cp;
    int n = utf8_decode(s + i, len - i, &cp);
    if (n < 0) {
        *width = 1;
        return 1;
    }
    *width = tui_text_cp_width(cp);
    return (size_t)n;
}

size_t tui_text_width_n(const char *s, size_t len)
{
    size_t cols = 0, i = 0;
    while (s && i < len) {
        int w;
        i += next_char(s, len, i, &w);
        cols += (size_t)w;
    }
    return cols;
}

size_t tui_text_width(const char *s)
{
    return s ? tui_text_width_n(s, strlen(s)) : 0;
}

size_t tui_text_prefix(const char *s, size_t cols, size_t *used)
{
    size_t len = s ? strlen(s) : 0, i = 0, c = 0;
    while (i < len) {
        int w;
        size_t n = next_char(s, len, i, &w);
        if (c + (size_t)w > cols)
            break;
        c += (size_t)w;
        i += n;
    }
    if (used)
        *used = c;
    return i;
}

size_t tui_text_common_words(const char *const *s, size_t n)
{
    const char *first = NULL;
    size_t common = 0, seen = 0;
    bool differ = false;
    for (size_t i = 0; i < n; i++) {
        if (!s[i] || !*s[i])
            continue;
        if (!first) {
            first = s[i];
            common = strlen(first);
        } else {
            size_t k = 0;
            while (k < common && s[i][k] == first[k])
                k++;
            common = k;
            differ = differ || strcmp(s[i], first) != 0;
        }
        seen++;
    }
    if (seen < 2 || !differ)     /* the same value everywhere: nothing to tell apart */
        return 0;
    while (common > 0 && first[common - 1] != ' ')     /* back to a word's end */
        common--;
    for (size_t i = 0; i < n && common; i++)
        if (s[i] && *s[i] && s[i][common] == '\0')
            return 0;
    return common;
}

char *tui_text_truncate(const char *s, size_t cols)
{
    if (!s)
        return xstrdup("");
    if (tui_text_width(s) <= cols)
        return xstrdup(s);
    const char *ell = tui_text_ellipsis();
    size_t ew = tui_text_width(ell);
    if (ew > cols)
        return xstrndup("...", cols);
    size_t n = tui_text_prefix(s, cols - ew, NULL);
    return xasprintf("%.*s%s", (int)n, s, ell);
}

char *tui_text_truncate_left(const char *s, size_t cols)
{
    size_t total = tui_text_width(s);
    if (total <= cols)
        return xstrdup(s ? s : "");
    const char *ell = tui_text_ellipsis();
    size_t ew = tui_text_width(ell);
    if (ew > cols)
        return xstrndup("...", cols);
    /* Skip the first total - (cols - ew) columns, and a wide character that
     * straddles that point. */
    size_t skip = total - (cols - ew), used;
    size_t i = tui_text_prefix(s, skip, &used), len = strlen(s);
    while (used < skip && i < len) {
        int w;
        i += next_char(s, len, i, &w);
        used += (size_t)w;
    }
    return xasprintf("%s%s", ell, s + i);
}

char *tui_text_fit(const char *s, size_t cols, enum tui_align align)
{
    char *t = tui_text_truncate(s, cols);
    size_t pad = cols - tui_text_width(t);
    size_t left = align == TUI_ALIGN_RIGHT ? pad : align == TUI_ALIGN_CENTER ? pad / 2 : 0;
    struct strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "%*s%s%*s", (int)left, "", t, (int)(pad - left), "");
    free(t);
    return strbuf_detach(&b);
}

char *tui_text_slice(const char *s, size_t len, size_t from, size_t cols)
{
    struct strbuf b;
    strbuf_init(&b);
    size_t i = 0, c = 0;
    while (s && i < len) {
        int w;
        size_t n = next_char(s, len, i, &w);
        if (c >= from + cols || c + (size_t)w > from + cols)
            break;
        if (c >= from)
            strbuf_add(&b, s + i, n);
        else if (c + (size_t)w > from)      /* a wide character cut by the left edge */
            strbuf_addf(&b, "%*s", (int)(c + (size_t)w - from), "");
        c += (size_t)w;
        i += n;
    }
    return strbuf_detach(&b);
}

static void add_line(char ***lines, size_t *n, const char *s, size_t len)
{
    *lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
    (*lines)[(*n)++] = xstrndup(s, len);
}

char **tui_text_wrap(const char *s, size_t width, size_t *n)
{
    char **lines = NULL;
    *n = 0;
    if (width == 0)
        width = 1;
    const char *p = s ? s : "";
    for (;;) {
        size_t para = strcspn(p, "\n");
        /* Lay out one paragraph: fill up to width, break after the last
         * space that fits, or inside the word when there is none. */
        const char *q = p, *end = p + para;
        do {
            size_t fit = tui_text_prefix(q, width, NULL);
            if (fit >= (size_t)(end - q)) {
                add_line(&lines, n, q, (size_t)(end - q));
                break;
            }
            size_t cut = fit;
            while (cut > 0 && q[cut] != ' ' && q[cut - 1] != ' ')
                cut--;
            if (cut == 0 && fit == 0) {     /* a wide character in a 1-column line */
                uint32_t cp;
                int len = utf8_decode(q, (size_t)(end - q), &cp);
                cut = len > 0 ? (size_t)len : 1;
            } else if (cut == 0) {
                cut = fit;
            }
            size_t keep = cut;
            while (keep > 0 && q[keep - 1] == ' ')
                keep--;
            add_line(&lines, n, q, keep);
            q += cut;
            while (q < end && *q == ' ')
                q++;
        } while (q < end);
        if (!p[para])
            break;
        p += para + 1;
    }
    return lines;
}

void tui_text_lines_free(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}
