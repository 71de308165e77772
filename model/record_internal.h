/* Record plumbing shared by model/ files (queries, import, sync): the column
 * list of a kind and the reading of a row into a record. */
#ifndef CARNET_MODEL_RECORD_INTERNAL_H
#define CARNET_MODEL_RECORD_INTERNAL_H

#include "model/record.h"
#include "model/store_internal.h"
#include "util/strbuf.h"

/* "id, created_at, created_by, updated_at, updated_by, deleted, row_seq, f1, f2..."
 * each prefixed by alias (e.g. "t.") when alias is not NULL. */
void record_columns_sql(const struct kind *k, const char *alias, struct strbuf *b);
#define RECORD_FIXED_COLUMNS 7
/* A new record from the current row of a statement selecting record_columns_sql. */
struct record *record_from_row(const struct kind *k, sqlite3_stmt *st);
/* Binds a field's value with the SQL type of the field (NULL when empty). */
void record_bind_value(sqlite3_stmt *st, int idx, const struct field *f, const char *v);
/* Inserts a checked record with every clock set to clk, as login at time at.
 * Used by record_create and by the seeds. */
int record_insert(struct store *s, struct record *r, const unsigned char *clk,
                  const char *login, const char *at, struct error *err);
/* The canonical text of a value of field f, or NULL when it cannot be read
 * (then *why says what is expected). The caller frees the result. Used by
 * record_check and by query filters. */
char *field_normalise(const struct field *f, const char *raw, const char **why);
/* Resolves a reference (an id or the title of a live record of kind ref) to
 * an id; NULL and a message in err (prefixed by field) when there is none
 * or several. */
char *ref_resolve(struct store *s, const struct field *f, const char *value, struct error *err);

/* The record of kind k with this local change number, or NULL. */
struct record *record_load_seq(struct store *s, const struct kind *k, int64_t row_seq);
/* The UUID v5 of a record of kind k from n key values: the kind's name
 * and each value after a 0x1f byte (NULL: ""). */
void record_key_id(const struct kind *k, const char *const *values, int n, char out[37]);
/* The UUID v5 of a record whose kind has a natural key (record_key_id of
 * its key fields). */
void record_natural_id(const struct record *r, char out[37]);

#endif
