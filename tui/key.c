/* Key words <-> key codes. Uses curses.h only for the KEY_* constants; no
 * curses call is made here, so keymaps can be checked in unit tests. */
#include "tui/key.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <curses.h>
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define FN(k) (TUI_KEY_FN | (k))

static const struct {
    const char *word;
    int key;
    const char *label;
} named[] = {
    {"ENTER", TUI_KEY_ENTER, N_("Enter")},
    {"ESC", TUI_KEY_ESC, N_("Esc")},
    {"TAB", TUI_KEY_TAB, N_("Tab")},
    {"BTAB", FN(KEY_BTAB), N_("Shift-Tab")},
    {"SPACE", ' ', N_("Space")},
    {"UP", FN(KEY_UP), N_("Up")},
    {"DOWN", FN(KEY_DOWN), N_("Down")},
    {"LEFT", FN(KEY_LEFT), N_("Left")},
    {"RIGHT", FN(KEY_RIGHT), N_("Right")},
    {"PGUP", FN(KEY_PPAGE), N_("PgUp")},
    {"PGDN", FN(KEY_NPAGE), N_("PgDn")},
    {"HOME", FN(KEY_HOME), NC_("key", "Home")},
    {"END", FN(KEY_END), N_("End")},
    {"INS", FN(KEY_IC), N_("Ins")},
    {"DEL", FN(KEY_DC), N_("Del")},
    {"BACKSPACE", FN(KEY_BACKSPACE), N_("Backspace")},
};

int tui_key_fn(int curses_key)
{
    if (curses_key == KEY_ENTER)
        return TUI_KEY_ENTER;
    return FN(curses_key);
}

int tui_key_from_wch(int rc, wint_t wc)
{
    if (rc == KEY_CODE_YES)
        return tui_key_fn((int)wc);
    if (wc == '\n' || wc == '\r')
        return TUI_KEY_ENTER;
    if (wc == 127 || wc == 8)
        return FN(KEY_BACKSPACE);
    return (int)wc;
}

static const struct {
    const char *seq;
    int key;
} escapes[] = {
    {"[1~", FN(KEY_HOME)}, {"[7~", FN(KEY_HOME)}, {"[H", FN(KEY_HOME)}, {"OH", FN(KEY_HOME)},
    {"[4~", FN(KEY_END)}, {"[8~", FN(KEY_END)}, {"[F", FN(KEY_END)}, {"OF", FN(KEY_END)},
    {"[2~", FN(KEY_IC)}, {"[3~", FN(KEY_DC)}, {"[5~", FN(KEY_PPAGE)}, {"[6~", FN(KEY_NPAGE)},
    {"[A", FN(KEY_UP)}, {"[B", FN(KEY_DOWN)}, {"[C", FN(KEY_RIGHT)}, {"[D", FN(KEY_LEFT)},
    {"OA", FN(KEY_UP)}, {"OB", FN(KEY_DOWN)}, {"OC", FN(KEY_RIGHT)}, {"OD", FN(KEY_LEFT)},
    {"[Z", FN(KEY_BTAB)},
};

int tui_key_escape(const char *seq, size_t len)
{
    if (len == 0)
        return TUI_KEY_MORE;
    size_t end;                 /* length of the whole sequence, once known */
    if (seq[0] == 'O') {
        if (len < 2)
            return TUI_KEY_MORE;
        end = 2;                /* SS3: one final byte */
    } else if (seq[0] == '[') {
        /* CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, one
         * final byte 0x40-0x7E (ECMA-48 5.4). */
        end = 1;
        while (end < len && (unsigned char)seq[end] >= 0x20 && (unsigned char)seq[end] <= 0x3F)
            end++;
        if (end == len)
            return TUI_KEY_MORE;
        end++;
    } else {
        return TUI_KEY_NONE;
    }
    for (size_t i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++)
        if (strlen(escapes[i].seq) == end && memcmp(escapes[i].seq, seq, end) == 0)
            return escapes[i].key;
    return TUI_KEY_NONE;
}

bool tui_key_printable(int key)
{
    return key >= 0x20 && key != 0x7F && !(key >= 0x80 && key <= 0x9F) && key <= 0x10FFFF;
}

int tui_key_parse(const char *word, size_t len)
{
    uint32_t cp;
    if (len == 0)
        return TUI_KEY_NONE;
    if (utf8_decode(word, len, &cp) == (int)len)
        return cp >= 0x20 ? (int)cp : TUI_KEY_NONE;
    if (len == 2 && word[0] == '^' && (isalpha((unsigned char)word[1]) || word[1] == '['))
        return TUI_KEY_CTRL(toupper((unsigned char)word[1]));
    if ((len == 2 || len == 3) && (word[0] == 'F' || word[0] == 'f') && isdigit((unsigned char)word[1])) {
        int n = word[1] - '0';
        if (len == 3) {
            if (!isdigit((unsigned char)word[2]))
                return TUI_KEY_NONE;
            n = n * 10 + word[2] - '0';
        }
        return n >= 1 && n <= 12 ? FN(KEY_F(n)) : TUI_KEY_NONE;
    }
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
        if (strlen(named[i].word) == len && strncasecmp(named[i].word, word, len) == 0)
            return named[i].key;
    return TUI_KEY_NONE;
}

char *tui_key_name(int key)
{
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
        if (named[i].key == key)
            return xstrdup(C_(named[i].label));
    if (key >= FN(KEY_F(1)) && key <= FN(KEY_F(12)))
        return xasprintf("F%d", key - FN(KEY_F0));
    if (key > 0 && key < 0x20)
        return xasprintf(_("Ctrl-%c"), key + '@');
    if (tui_key_printable(key)) {
        char enc[5] = {0};
        utf8_encode((uint32_t)key, enc);
        return xstrdup(enc);
    }
    return xasprintf("<%d>", key);
}
