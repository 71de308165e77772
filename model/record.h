/* Records in memory and the write API. A record is its kind plus one UTF-8
 * string per field (NULL: empty); numbers, dates and sets are strings in
 * their canonical form (ISO dates, sorted comma-separated codes, "0"/"1").
 * Every write goes through here: it checks the role, validates, advances
 * the store's clock and keeps the per-field clocks, row_seq and history. */
#ifndef CARNET_MODEL_RECORD_H
#define CARNET_MODEL_RECORD_H

#include <stdint.h>

#include "model/error.h"
#include "model/kind.h"
#include "model/store.h"

struct record {
    const struct kind *kind;
    char id[37];               /* "" until created */
    char **v;                  /* kind->nfields values, owned */
    char *created_at, *created_by, *updated_at, *updated_by;
    int deleted;
    int64_t row_seq;
};

/* An empty record of kind k (no id). Never NULL. */
struct record *record_new(const struct kind *k);
struct record *record_dup(const struct record *r);
void record_free(struct record *r);

/* Sets a field by name from user text (the raw text is kept; record_check
 * normalises). Unknown field: ERR_INVALID naming the known fields. */
int record_set(struct record *r, const char *field, const char *value, struct error *err);
/* Parses "field=value" and sets it. */
int record_set_pair(struct record *r, const char *pair, struct error *err);
/* The value of a field, or NULL when empty or unknown. */
const char *record_get(const struct record *r, const char *field);
/* Whether two values of a field are the same, NULL being the empty value
 * (as record_get gives it): what an edit, an undo and a put-back compare. */
bool record_value_same(const char *a, const char *b);

/* Normalises every field (trims one-line text, dates from dd/mm/yyyy to ISO,
 * yes/no to 0/1, sets sorted and deduplicated, references from a name to an
 * id) and validates every rule of the descriptor. All failures are added to
 * err, one line each, "field: what is expected". 0 or ERR_INVALID. */
int record_check(struct store *s, struct record *r, struct error *err);

/* Creates r (checked first) and fills r->id and the audit fields. A kind
 * with a natural key gets a UUID v5 id; creating it twice is refused. An id
 * already in r->id (an import) is kept when it is free and well-formed. */
int record_create(struct store *s, struct record *r, struct error *err);
/* Writes the fields of r that differ from the stored record r->id; only
 * they are checked (record_check's rules), so a record holding values a
 * peer sent that local validation refuses can be repaired field by field.
 * Only their clocks advance. No difference: 0, nothing written. */
int record_update(struct store *s, struct record *r, struct error *err);
/* Loads a record of any kind (deleted ones too): NULL and ERR_NOTFOUND. */
struct record *record_load(struct store *s, const char *id, struct error *err);
/* The kind of the record id, or NULL. */
const struct kind *record_kind_of(struct store *s, const char *id);

/* Tombstones, restores, or erases (deletes and blanks the personal fields
 * and the free notes, so that older copies cannot bring them back). */
int record_delete(struct store *s, const char *id, struct error *err);
int record_restore(struct store *s, const char *id, struct error *err);
int record_erase(struct store *s, const char *id, struct error *err);

/* A short human name of a record for lists and messages: its title field,
 * or for references the title of what it names. The caller frees it. */
char *record_title(struct store *s, const struct record *r);

/* The default of field f for a new record, by its rule (enum
 * field_default): a new string, or NULL when the rule decides nothing
 * (no rule; no centre of one's own and not exactly one centre...). */
char *record_default(struct store *s, const struct field *f, struct error *err);
/* Gives each empty field of the new record r its default (record_default);
 * fields already set keep their values. 0, or an error reading the store. */
int record_defaults(struct store *s, struct record *r, struct error *err);

#endif
