/* Growable strings. */
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_init(struct strbuf *b)
{
    b->cap = 64;
    b->len = 0;
    b->s = xmalloc(b->cap);
    b->s[0] = '\0';
}

void strbuf_free(struct strbuf *b)
{
    if (b->cap)
        free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void strbuf_reset(struct strbuf *b)
{
    b->len = 0;
    b->s[0] = '\0';
}

/* What a detached buffer holds until it grows again (cap 0): detaching must
 * not allocate, since most callers return the string and drop the buffer. */
static char empty[1];

static void grow(struct strbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (b->len + extra + 1 > cap)
        cap *= 2;
    b->s = b->cap ? xrealloc(b->s, cap) : xmalloc(cap);
    b->cap = cap;
}

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
    grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void strbuf_adds(struct strbuf *b, const char *s) { strbuf_add(b, s, strlen(s)); }
void strbuf_addc(struct strbuf *b, char c) { strbuf_add(b, &c, 1); }

void strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        grow(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, aq);
        b->len += (size_t)n;
    }
    va_end(aq);
}

char *strbuf_detach(struct strbuf *b)
{
    char *s = b->cap ? b->s : xstrdup("");
    b->s = empty;
    b->len = b->cap = 0;
    return s;
}
