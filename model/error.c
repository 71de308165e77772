/* Gathering error messages: bounded, never allocating, truncating politely. */
#include "model/error.h"
#include "util/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_clear(struct error *e)
{
    if (!e)
        return;
    e->code = 0;
    e->count = 0;
    e->msg[0] = '\0';
}

int error_add(struct error *e, int code, const char *fmt, ...)
{
    if (!e)
        return code;
    if (!e->code)
        e->code = code;
    size_t len = strlen(e->msg);
    if (len && len + 1 < sizeof e->msg)
        e->msg[len++] = '\n';
    if (len + 1 < sizeof e->msg) {
        va_list ap;
        va_start(ap, fmt);
        /* The one place model messages are translated: every caller's
         * format is a msgid (see scripts/update-po). */
        vsnprintf(e->msg + len, sizeof e->msg - len, gettext(fmt), ap);
        va_end(ap);
    }
    e->count++;
    return code;
}
