/* The history of a record: one entry per field changed, with the old and
 * new values, the login and the time (erased values are blanked). */
#ifndef CARNET_MODEL_HISTORY_H
#define CARNET_MODEL_HISTORY_H

#include "model/kind.h"
#include "model/store.h"

struct history_entry {
    const char *field;      /* a field name, "*" for the creation, "deleted" */
    const char *old_value, *new_value;   /* NULL when empty or erased */
    const char *login, *at;
};

typedef int (*history_fn)(const struct history_entry *h, void *ctx);

/* Calls fn for each change of record id, oldest first; returns the count
 * or a negative error. */
int history_list(struct store *s, const char *id, history_fn fn, void *ctx, struct error *err);

/* The value v of field f as a person reads it (a choice's label...), a
 * string the caller frees. */
typedef char *(*history_value_fn)(const struct field *f, const char *v, void *ctx);

/* One change of a record of kind k in words: "Created", "Deleted",
 * "Restored", or "Label: old → new" (∅ for an empty value) with values
 * shown by text. The caller frees it. */
char *history_text(const struct kind *k, const struct history_entry *h, history_value_fn text, void *ctx);

#endif
