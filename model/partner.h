/* Partners named by their name: the key that tells two spellings of one
 * name apart from two names, and the id a name gets when schema version 7
 * turns the free text of earlier versions into partner records (two
 * replicas that upgrade on their own make the same ids). No SQL here. */
#ifndef CARNET_MODEL_PARTNER_H
#define CARNET_MODEL_PARTNER_H

#include <stddef.h>

/* The key of a partner's name: trimmed, inner runs of spaces and tabs
 * made one space, letters in lower case (ASCII, Latin-1 and Latin
 * Extended-A, the same in every locale: "ÉCOLE  Jaurès" and "école
 * jaurès" have one key). NULL for a name with no character but spaces.
 * The caller frees it. */
char *partner_name_key(const char *name);

/* The id of the partner made from name by the upgrade to version 7: the
 * UUID v5 of its key (partner_name_key), in the form record ids of a
 * natural key have ("partner", 0x1f, the key). "" for an empty name. */
void partner_name_id(const char *name, char out[37]);

/* Calls fn(name, len, ctx) for each name of a free-text list: the text
 * split on commas and semicolons, each piece trimmed, the empty ones left
 * out. Stops at and returns fn's first non-zero return; else 0. */
int partner_split_names(const char *text, int (*fn)(const char *name, size_t len, void *ctx), void *ctx);

#endif
