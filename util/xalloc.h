/* Allocation wrappers that never return NULL: on exhaustion they print one
 * line and exit(1). carnet cannot do anything useful without memory, and
 * checking every small allocation would hide the real error paths. */
#ifndef CARNET_UTIL_XALLOC_H
#define CARNET_UTIL_XALLOC_H

#include <stddef.h>
#include <stdlib.h>   /* free() goes with every x*alloc */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* A copy of s, or NULL when s is NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A new string formatted like printf; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
