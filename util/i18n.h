/* gettext shorthands. English is the source language; po/fr.po translates.
 * N_() marks a string for extraction where it must stay a constant (tables). */
#ifndef CARNET_UTIL_I18N_H
#define CARNET_UTIL_I18N_H

#include <libintl.h>
#include <string.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* A word with two meanings in English gets a context, as gettext's pgettext:
 * NC_("key", "Home") marks the Home key apart from the Home section, and
 * C_() translates such a string, falling back to the text after the context. */
#define NC_(ctx, s) ctx "\004" s
static inline const char *C_(const char *ctx_and_msgid)
{
    const char *t = gettext(ctx_and_msgid);
    const char *eot = strchr(ctx_and_msgid, '\004');
    return t != ctx_and_msgid || !eot ? t : eot + 1;
}

#endif
