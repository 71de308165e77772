/* Helpers for the model's unit tests: a fresh store in a temporary folder
 * (removed at exit), and a few ready records. */
#ifndef CARNET_TESTUTIL_H
#define CARNET_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "model/record.h"
#include "model/store.h"

/* A new empty temporary folder (removed with its content at exit). */
const char *tu_tempdir(void);
/* A path "name" inside a new temporary folder. The caller frees it. */
char *tu_path(const char *name);
/* A new store at a fresh temporary path; *path (if not NULL) gets a copy
 * of the path to free. Fails the test on error. */
struct store *tu_store(char **path);
/* Creates a record of kind from "field=value" strings (NULL-ended); fails
 * the test if creation fails; returns its id (static storage per call is
 * NOT used: the caller frees). */
char *tu_create(struct store *s, const char *kind, ...);
/* A centre named name (with its territory), for records that need one. */
char *tu_centre(struct store *s, const char *name);

/* A partner named name of type type (NULL: autre, the default); its id,
 * which the caller frees. */
char *tu_partner(struct store *s, const char *name, const char *type);

/* Switches the messages and the locale to French (fr_FR.UTF-8, with the
 * build's own French catalogue) when french, back to C.UTF-8 otherwise.
 * Returns false when the French locale is not installed (skip then). */
bool tu_french(bool french);

/* Raw access, as the sqlite3 shell or another program would have it. */
struct sqlite3;
/* A plain SQLite connection to path. With pass_guard it registers
 * use_carnet_to_write() returning 1 (both forms: the guard's and the
 * full-text triggers'), so a test can plant what a buggy peer
 * or a repair would leave; without, it is the sqlite3 shell. Fails the test
 * when the file cannot be opened. Close with sqlite3_close. */
struct sqlite3 *tu_raw_open(const char *path, int pass_guard);
/* Runs sql on db; returns SQLite's result code (SQLITE_OK is 0). */
int tu_raw_exec(struct sqlite3 *db, const char *sql);
/* The first column of the first row of sql as an integer (-1 when no row). */
long long tu_raw_int(struct sqlite3 *db, const char *sql);
/* The first column of the first row of sql as a blob copied into out (at
 * most n bytes); returns its size, or -1 when there is no row. */
int tu_raw_blob(struct sqlite3 *db, const char *sql, unsigned char *out, size_t n);
/* The whole content of a file (NUL-terminated too) and its size in *len;
 * NULL when it cannot be read. The caller frees. */
char *tu_read_file(const char *path, size_t *len);

/* What a walk (query_run, search_run) passed to its callback. tu_collect is
 * a record_fn whose ctx is a struct tu_ids: it copies each id, in order.
 * tu_keep is one whose ctx is a struct tu_records: it keeps each record.
 * Start both zeroed; free with tu_ids_free / tu_records_free. */
struct tu_ids {
    char **v;
    int n, cap;
};
int tu_collect(struct record *r, bool *keep, void *ctx);
void tu_ids_free(struct tu_ids *ids);
/* The index of id in ids, or -1. */
int tu_ids_find(const struct tu_ids *ids, const char *id);
struct tu_records {
    struct record **v;
    int n, cap;
};
int tu_keep(struct record *r, bool *keep, void *ctx);
void tu_records_free(struct tu_records *rs);

#endif
