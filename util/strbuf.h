/* A growable, always NUL-terminated byte string. The buffer owns its bytes;
 * strbuf_detach hands them to the caller. */
#ifndef CARNET_UTIL_STRBUF_H
#define CARNET_UTIL_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *s;        /* never NULL after strbuf_init */
    size_t len;
    size_t cap;
};

void strbuf_init(struct strbuf *b);
void strbuf_free(struct strbuf *b);
void strbuf_reset(struct strbuf *b);          /* length 0, keeps the memory */
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *strbuf_detach(struct strbuf *b);        /* the string; b is empty again */

#endif
