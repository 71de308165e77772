/* The editing model of text fields: byte-offset cursor over a UTF-8 strbuf,
 * moved by characters and measured in columns. No curses, no key codes; it
 * must stay testable without a terminal. */
#include "tui/lineedit.h"
#include "tui/text.h"
#include "util/utf8.h"

#include <string.h>
#include <wctype.h>

void tui_lineedit_init(struct tui_lineedit *le, const char *text, bool multiline,
                       size_t max_chars)
{
    memset(le, 0, sizeof(*le));
    strbuf_init(&le->buf);
    le->multiline = multiline;
    le->max_chars = max_chars;
    tui_lineedit_set(le, text);
}

void tui_lineedit_free(struct tui_lineedit *le)
{
    strbuf_free(&le->buf);
}

void tui_lineedit_set(struct tui_lineedit *le, const char *text)
{
    strbuf_reset(&le->buf);
    if (text)
        strbuf_adds(&le->buf, text);
    le->cur = le->buf.len;
    le->has_goal = false;
    le->hscroll = le->vscroll = 0;
}

const char *tui_lineedit_text(const struct tui_lineedit *le)
{
    return le->buf.s;
}

/* Code point at byte i (U+FFFD for an invalid byte) and its byte length. */
static size_t cp_at(const struct tui_lineedit *le, size_t i, uint32_t *cp)
{
    int n = utf8_decode(le->buf.s + i, le->buf.len - i, cp);
    if (n < 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (size_t)n;
}

static bool zero_width_at(const struct tui_lineedit *le, size_t i)
{
    uint32_t cp;
    cp_at(le, i, &cp);
    return cp != '\n' && cp >= 0x20 && tui_text_cp_width(cp) == 0;
}

static size_t prev_cp(const struct tui_lineedit *le, size_t i)
{
    size_t back = 0;
    while (i > 0 && back < 4) {
        i--;
        back++;
        if (((unsigned char)le->buf.s[i] & 0xC0) != 0x80)
            break;
    }
    return i;
}

/* Byte offsets of the character boundaries around i, marks included. */
static size_t next_char(const struct tui_lineedit *le, size_t i)
{
    uint32_t cp;
    if (i >= le->buf.len)
        return i;
    i += cp_at(le, i, &cp);
    while (i < le->buf.len && zero_width_at(le, i))
        i += cp_at(le, i, &cp);
    return i;
}

static size_t prev_char(const struct tui_lineedit *le, size_t i)
{
    while (i > 0) {
        i = prev_cp(le, i);
        if (!zero_width_at(le, i))
            break;
    }
    return i;
}

static size_t line_start(const struct tui_lineedit *le, size_t i)
{
    while (i > 0 && le->buf.s[i - 1] != '\n')
        i--;
    return i;
}

static size_t line_end(const struct tui_lineedit *le, size_t i)
{
    while (i < le->buf.len && le->buf.s[i] != '\n')
        i++;
    return i;
}

/* Every change goes through here: removes [from, to) and puts the cursor at
 * from. */
static bool cut(struct tui_lineedit *le, size_t from, size_t to)
{
    if (to <= from)
        return false;
    memmove(le->buf.s + from, le->buf.s + to, le->buf.len - to + 1);
    le->buf.len -= to - from;
    le->cur = from;
    le->has_goal = false;
    return true;
}

static bool move_to(struct tui_lineedit *le, size_t to)
{
    le->has_goal = false;
    if (to == le->cur)
        return false;
    le->cur = to;
    return true;
}

bool tui_lineedit_insert(struct tui_lineedit *le, uint32_t cp)
{
    char enc[4];
    bool newline = cp == '\n' && le->multiline;
    if (!newline && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)))
        return false;
    if (le->max_chars && utf8_length(le->buf.s) >= le->max_chars)
        return false;
    int n = utf8_encode(cp, enc);
    if (n == 0)
        return false;
    strbuf_add(&le->buf, enc, (size_t)n);   /* grows; the bytes are moved below */
    memmove(le->buf.s + le->cur + n, le->buf.s + le->cur, le->buf.len - (size_t)n - le->cur);
    memcpy(le->buf.s + le->cur, enc, (size_t)n);
    le->cur += (size_t)n;
    le->has_goal = false;
    return true;
}

bool tui_lineedit_backspace(struct tui_lineedit *le)
{
    size_t to = le->cur;
    return cut(le, prev_char(le, le->cur), to);
}

bool tui_lineedit_delete(struct tui_lineedit *le)
{
    return cut(le, le->cur, next_char(le, le->cur));
}

bool tui_lineedit_left(struct tui_lineedit *le)
{
    return move_to(le, prev_char(le, le->cur));
}

bool tui_lineedit_right(struct tui_lineedit *le)
{
    return move_to(le, next_char(le, le->cur));
}

bool tui_lineedit_home(struct tui_lineedit *le)
{
    return move_to(le, le->multiline ? line_start(le, le->cur) : 0);
}

bool tui_lineedit_end(struct tui_lineedit *le)
{
    return move_to(le, le->multiline ? line_end(le, le->cur) : le->buf.len);
}

bool tui_lineedit_kill_start(struct tui_lineedit *le)
{
    size_t to = le->cur;
    return cut(le, le->multiline ? line_start(le, le->cur) : 0, to);
}

bool tui_lineedit_kill_end(struct tui_lineedit *le)
{
    size_t end = le->multiline ? line_end(le, le->cur) : le->buf.len;
    if (end == le->cur && end < le->buf.len)
        end++;                              /* at the end of a line: join the next */
    return cut(le, le->cur, end);
}

static bool word_at(const struct tui_lineedit *le, size_t i)
{
    uint32_t cp;
    cp_at(le, i, &cp);
    return iswalnum((wint_t)cp) || cp == '_' || (cp >= 0x80 && cp != 0xFFFD && !iswspace((wint_t)cp) && !iswpunct((wint_t)cp));
}

static size_t word_start_before(const struct tui_lineedit *le, size_t i)
{
    while (i > 0 && !word_at(le, prev_char(le, i)))
        i = prev_char(le, i);
    while (i > 0 && word_at(le, prev_char(le, i)))
        i = prev_char(le, i);
    return i;
}

bool tui_lineedit_word_left(struct tui_lineedit *le)
{
    return move_to(le, word_start_before(le, le->cur));
}

bool tui_lineedit_word_right(struct tui_lineedit *le)
{
    size_t i = le->cur;
    while (i < le->buf.len && word_at(le, i))
        i = next_char(le, i);
    while (i < le->buf.len && !word_at(le, i))
        i = next_char(le, i);
    return move_to(le, i);
}

bool tui_lineedit_kill_word(struct tui_lineedit *le)
{
    size_t to = le->cur;
    return cut(le, word_start_before(le, le->cur), to);
}

size_t tui_lineedit_column(const struct tui_lineedit *le)
{
    size_t start = line_start(le, le->cur);
    return tui_text_width_n(le->buf.s + start, le->cur - start);
}

/* Puts the cursor on the line starting at start, at the last character
 * boundary whose column does not pass goal. */
static void land_on_line(struct tui_lineedit *le, size_t start, size_t goal)
{
    size_t end = line_end(le, start), i = start, col = 0;
    while (i < end) {
        size_t n = next_char(le, i);
        size_t w = tui_text_width_n(le->buf.s + i, n - i);
        if (col + w > goal)
            break;
        col += w;
        i = n;
    }
    le->cur = i;
}

static bool vertical(struct tui_lineedit *le, int dir)
{
    size_t start = line_start(le, le->cur), target;
    if (dir < 0) {
        if (start == 0)
            return false;
        target = line_start(le, start - 1);
    } else {
        size_t end = line_end(le, le->cur);
        if (end >= le->buf.len)
            return false;
        target = end + 1;
    }
    if (!le->has_goal)
        le->goal_col = tui_lineedit_column(le);
    land_on_line(le, target, le->goal_col);
    le->has_goal = true;
    return true;
}

bool tui_lineedit_up(struct tui_lineedit *le)
{
    return vertical(le, -1);
}

bool tui_lineedit_down(struct tui_lineedit *le)
{
    return vertical(le, +1);
}

size_t tui_lineedit_cursor(const struct tui_lineedit *le)
{
    size_t n = 0;
    for (size_t i = 0; i < le->cur; i++)
        if (((unsigned char)le->buf.s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

size_t tui_lineedit_line(const struct tui_lineedit *le)
{
    size_t n = 0;
    for (size_t i = 0; i < le->cur; i++)
        n += le->buf.s[i] == '\n';
    return n;
}

size_t tui_lineedit_lines(const struct tui_lineedit *le)
{
    size_t n = 1;
    for (size_t i = 0; i < le->buf.len; i++)
        n += le->buf.s[i] == '\n';
    return n;
}

bool tui_lineedit_line_span(const struct tui_lineedit *le, size_t n,
                            size_t *start, size_t *len)
{
    size_t i = 0;
    for (; n > 0; n--) {
        i = line_end(le, i);
        if (i >= le->buf.len)
            return false;
        i++;
    }
    *start = i;
    *len = line_end(le, i) - i;
    return true;
}

void tui_lineedit_scroll(struct tui_lineedit *le, size_t width, size_t height)
{
    size_t col = tui_lineedit_column(le);
    size_t start = line_start(le, le->cur);
    size_t line_w = tui_text_width_n(le->buf.s + start, line_end(le, le->cur) - start);
    if (width == 0)
        width = 1;
    if (le->hscroll > col)
        le->hscroll = col;
    if (col >= le->hscroll + width)
        le->hscroll = col - width + 1;
    size_t most = line_w + 1 > width ? line_w + 1 - width : 0;
    if (le->hscroll > most)
        le->hscroll = most;

    size_t line = tui_lineedit_line(le);
    if (height == 0 || !le->multiline) {
        le->vscroll = 0;
        return;
    }
    if (le->vscroll > line)
        le->vscroll = line;
    if (line >= le->vscroll + height)
        le->vscroll = line - height + 1;
}
