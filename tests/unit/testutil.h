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

#endif
