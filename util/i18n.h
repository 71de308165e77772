/* gettext shorthands. English is the source language; po/fr.po translates.
 * N_() marks a string for extraction where it must stay a constant (tables). */
#ifndef CARNET_UTIL_I18N_H
#define CARNET_UTIL_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
