/* gettext shorthands. English is the source language; po/fr.po translates.
 * N_() marks a string for extraction where it must stay a constant (tables). */
#ifndef CARNET_UTIL_I18N_H
#define CARNET_UTIL_I18N_H

#include <libintl.h>
#include <string.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A noun in the singular and the plural under a context (the same word
 * may stand alone elsewhere), marked as one plural message for tables
 * whose rows hold both: NN_("unit", "body", "bodies") fills two members of
 * an initializer, "unit\004body" and "bodies". Translate with NC_ngettext. */
#define NN_(ctx, one, many) ctx "\004" one, many
static inline const char *NC_ngettext(const char *ctx_and_one, const char *many, unsigned long n)
{
    const char *t = ngettext(ctx_and_one, many, n);
    const char *eot = strchr(ctx_and_one, '\004');
    return t != ctx_and_one || !eot ? t : eot + 1;
}

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
