/* The .mo format (GNU gettext manual, "The Format of GNU MO Files"): a
 * magic number that also gives the byte order, the number of strings N,
 * the offsets of two tables of N (length, offset) pairs, the originals
 * sorted bytewise and their translations in the same order. Every offset
 * is checked against the file's size before use. */
#include "util/mo.h"
#include "util/xalloc.h"

#include <libintl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mo {
    unsigned char *data;
    size_t size;
    bool swap;
    uint32_t n, orig, trans;
};

static uint32_t word(const struct mo *m, size_t at)
{
    const unsigned char *p = m->data + at;
    return m->swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* String i of the table at tab, or NULL when it does not fit in the file
 * or lacks its terminating NUL. */
static const char *string_at(const struct mo *m, uint32_t tab, uint32_t i)
{
    size_t entry = (size_t)tab + (size_t)i * 8;
    if (entry + 8 > m->size)
        return NULL;
    size_t len = word(m, entry), off = word(m, entry + 4);
    if (off > m->size || len >= m->size - off || m->data[off + len] != '\0')
        return NULL;
    return (const char *)m->data + off;
}

struct mo *mo_open(const char *path)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return NULL;
    struct mo *m = xcalloc(1, sizeof *m);
    size_t cap = 0;
    for (;;) {
        if (m->size == cap)
            m->data = xrealloc(m->data, cap = cap ? 2 * cap : 65536);
        size_t got = fread(m->data + m->size, 1, cap - m->size, f);
        if (got == 0)
            break;
        m->size += got;
    }
    bool bad = ferror(f) || m->size < 20;
    fclose(f);
    if (!bad) {
        uint32_t magic = word(m, 0);
        if (magic != 0x950412deu) {
            m->swap = true;
            bad = word(m, 0) != 0x950412deu;
        }
    }
    if (!bad) {
        m->n = word(m, 8);
        m->orig = word(m, 12);
        m->trans = word(m, 16);
        bad = m->n > m->size / 8 || (size_t)m->orig + (size_t)m->n * 8 > m->size ||
              (size_t)m->trans + (size_t)m->n * 8 > m->size;
    }
    if (bad) {
        mo_close(m);
        return NULL;
    }
    return m;
}

struct mo *mo_open_lang(const char *domain, const char *lang)
{
    const char *dir = bindtextdomain(domain, NULL);
    if (!dir)
        return NULL;
    size_t n = strlen(dir) + strlen(lang) + strlen(domain) + 32;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/%s/LC_MESSAGES/%s.mo", dir, lang, domain);
    struct mo *m = mo_open(path);
    free(path);
    return m;
}

void mo_close(struct mo *m)
{
    if (!m)
        return;
    free(m->data);
    free(m);
}

const char *mo_get(const struct mo *m, const char *msgid)
{
    if (!m || !msgid || !*msgid)
        return msgid;
    uint32_t lo = 0, hi = m->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *o = string_at(m, m->orig, mid);
        if (!o)
            return msgid;
        int c = strcmp(msgid, o);
        if (c == 0) {
            const char *t = string_at(m, m->trans, mid);
            return t && *t ? t : msgid;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return msgid;
}
