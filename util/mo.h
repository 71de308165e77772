/* A gettext message catalog (.mo) read directly, whatever the process's
 * locale: for output that must be in one language whoever runs carnet
 * (the hub's federation views carry French labels even when hub init
 * runs in English, or where no French locale is installed). */
#ifndef CARNET_UTIL_MO_H
#define CARNET_UTIL_MO_H

struct mo;

/* The catalog at path, read whole; NULL when it is missing, unreadable or
 * not a catalog (the caller falls back to the untranslated text). */
struct mo *mo_open(const char *path);
/* The catalog of language lang ("fr") for the text domain, in the folder
 * bindtextdomain gave it (the one gettext itself reads), or NULL. */
struct mo *mo_open_lang(const char *domain, const char *lang);
void mo_close(struct mo *m);

/* The translation of msgid (with a context: "ctx\004msgid", as NC_), or
 * msgid itself when the catalog (m NULL: none) has none. Owned by m. */
const char *mo_get(const struct mo *m, const char *msgid);

#endif
