/* UTF-8 by hand: small, strict (no overlongs, no surrogates), and independent
 * of the locale, so validation gives the same answer under LANG=C. */
#include "util/utf8.h"
#include "util/strbuf.h"

#include <string.h>

int utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return -1;
    unsigned char c = s[0];
    int n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        return -1;
    }
    if ((size_t)n > len)
        return -1;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return n;
}

int utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return 0;
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    } else if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

bool utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        int n = utf8_decode(s + i, len - i, &cp);
        if (n < 0 || cp == 0)
            return false;
        i += (size_t)n;
    }
    return true;
}

size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

/* The Unicode bidi controls: the embeddings and overrides (LRE, RLE, PDF,
 * LRO, RLO), the isolates (LRI, RLI, FSI, PDI) and the marks (LRM, RLM,
 * ALM). On a terminal they reorder what follows them on the line, so that
 * what a reader sees is not what the text says ("Trojan Source"). Right-to-
 * left letters themselves are text and stay. */
static bool is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
           cp == 0x061C;
}

long utf8_find_control(const char *s, bool multiline)
{
    size_t len = strlen(s), i = 0;
    uint32_t cp;
    while (i < len) {
        int n = utf8_decode(s + i, len - i, &cp);
        if (n < 0)
            return (long)i;
        if (is_control(cp) && !(multiline && (cp == '\n' || cp == '\t')))
            return (long)i;
        i += (size_t)n;
    }
    return -1;
}

/* Length of the escape sequence starting at s[0] == ESC (or a C1 CSI/OSC),
 * so that the whole sequence, not only its first byte, is dropped. */
static size_t escape_length(const unsigned char *s, size_t len)
{
    size_t i = 1;
    if (len < 2)
        return 1;
    if (s[1] == '[') {                      /* CSI: parameters, final byte 0x40-0x7E */
        for (i = 2; i < len; i++)
            if (s[i] >= 0x40 && s[i] <= 0x7E)
                return i + 1;
        return len;
    }
    if (s[1] == ']' || s[1] == 'P' || s[1] == '_' || s[1] == '^') {
        /* OSC, DCS, APC, PM: up to BEL or ST (ESC \) */
        for (i = 2; i < len; i++) {
            if (s[i] == 0x07)
                return i + 1;
            if (s[i] == 0x1B && i + 1 < len && s[i + 1] == '\\')
                return i + 2;
        }
        return len;
    }
    /* Two-byte and intermediate forms: ESC, intermediates 0x20-0x2F, final. */
    for (i = 1; i < len && s[i] >= 0x20 && s[i] <= 0x2F; i++)
        ;
    return i < len ? i + 1 : len;
}

char *utf8_sanitize(const char *str, bool keep_newlines)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    struct strbuf b;
    strbuf_init(&b);
    if (!str)
        return strbuf_detach(&b);
    const unsigned char *s = (const unsigned char *)str;
    size_t len = strlen(str), i = 0;
    while (i < len) {
        uint32_t cp;
        int n = utf8_decode(str + i, len - i, &cp);
        if (n < 0) {
            strbuf_adds(&b, replacement);
            i++;
        } else if (cp == 0x1B) {
            i += escape_length(s + i, len - i);
        } else if (cp == '\n' || cp == '\t' || cp == '\r') {
            if (keep_newlines && cp != '\r')
                strbuf_addc(&b, (char)cp);
            else
                strbuf_addc(&b, ' ');
            i += (size_t)n;
        } else if (is_control(cp) || is_bidi_control(cp)) {
            /* Shown as U+FFFD rather than dropped: the reader sees that
             * something was there. */
            strbuf_adds(&b, replacement);
            i += (size_t)n;
        } else {
            strbuf_add(&b, str + i, (size_t)n);
            i += (size_t)n;
        }
    }
    return strbuf_detach(&b);
}
