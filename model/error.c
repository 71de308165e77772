/* Gathering error messages: bounded, never allocating, truncating politely. */
#include "model/error.h"
#include "util/i18n.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

void error_clear(struct error *e)
{
    if (!e)
        return;
    e->code = 0;
    e->count = 0;
    e->msg[0] = '\0';
    memset(e->field, 0, sizeof e->field);
    memset(e->body, 0, sizeof e->body);
}

/* Appends one line, the translation of fmt, after prefix (already
 * translated, may be empty); returns where the line starts. */
static size_t add_line(struct error *e, int code, const char *prefix, const char *fmt, va_list ap)
{
    if (!e->code)
        e->code = code;
    size_t len = strlen(e->msg);
    if (len && len + 1 < sizeof e->msg)
        e->msg[len++] = '\n';
    size_t start = len;
    if (len + 1 < sizeof e->msg) {
        int n = snprintf(e->msg + len, sizeof e->msg - len, "%s", prefix);
        len = n >= 0 && (size_t)n < sizeof e->msg - len ? len + (size_t)n : sizeof e->msg - 1;
    }
    if (len + 1 < sizeof e->msg)
        /* The one place model messages are translated: every caller's
         * format is a msgid (see scripts/update-po). */
        vsnprintf(e->msg + len, sizeof e->msg - len, gettext(fmt), ap);
    if (e->count >= 0 && e->count < ERROR_FIELDS_MAX) {
        e->field[e->count] = NULL;
        e->body[e->count] = 0;
    }
    e->count++;
    return start;
}

int error_add(struct error *e, int code, const char *fmt, ...)
{
    if (!e)
        return code;
    va_list ap;
    va_start(ap, fmt);
    add_line(e, code, "", fmt, ap);
    va_end(ap);
    return code;
}

int error_field(struct error *e, int code, const char *name, const char *label, const char *fmt, ...)
{
    if (!e)
        return code;
    /* TRANSLATORS: a field's label before a message about its value. */
    char prefix[256];
    snprintf(prefix, sizeof prefix, _("%s: "), label ? gettext(label) : name);
    va_list ap;
    va_start(ap, fmt);
    size_t start = add_line(e, code, prefix, fmt, ap);
    va_end(ap);
    int n = e->count - 1;
    if (n < ERROR_FIELDS_MAX) {
        e->field[n] = name;
        size_t body = start + strlen(prefix);
        e->body[n] = (unsigned short)(body < strlen(e->msg) ? body - start : 0);
    }
    return code;
}

const char *error_line_field(const struct error *e, int n, size_t *body)
{
    *body = 0;
    if (!e || n < 0 || n >= e->count || n >= ERROR_FIELDS_MAX || !e->field[n])
        return NULL;
    *body = e->body[n];
    return e->field[n];
}
