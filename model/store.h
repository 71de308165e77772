/* The store: one SQLite file, its schema, its clock and its writer.
 * Every write goes through store_begin/store_commit (BEGIN IMMEDIATE, so
 * processes on one store queue instead of failing), and every record write
 * through model/record.h, which keeps the sync columns. Never prints. */
#ifndef CARNET_MODEL_STORE_H
#define CARNET_MODEL_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/error.h"

struct store;

enum store_open_flags {
    STORE_CREATE = 1u << 0,    /* create the file (and its folders) when missing */
    STORE_READONLY = 1u << 1,  /* never write, not even a migration (but see STORE_UPGRADE) */
    STORE_ANY_LOGIN = 1u << 2, /* open even for a login the store does not know (carnet check) */
    STORE_EMPTY_OK = 1u << 3,  /* path may be an empty file, made by the caller to hold the new store */
    STORE_UPGRADE = 1u << 4,   /* with STORE_READONLY: a store of an earlier carnet that the user may
                                  write is upgraded first (with its backup), then read */
};

enum store_role { ROLE_NONE = 0, ROLE_MANAGER, ROLE_FACILITATOR, ROLE_ADMIN };

#define STORE_SCHEMA_VERSION 7
#define CLOCK_SIZE 24            /* 8-byte big-endian HLC + 16-byte site id */

/* The default path: $XDG_DATA_HOME/carnet/carnet.db, else
 * ~/.local/share/carnet/carnet.db. The caller frees it. */
char *store_default_path(void);

/* Opens (or with STORE_CREATE creates, when path is missing) the store at
 * path, migrating an older schema after a backup next to it. A store from a
 * newer carnet, a damaged file, a path that is not a store (a folder, a
 * device, an empty file, another file, an SQLite database of another
 * program): NULL and err says what the path is, and nothing was written.
 * A store the process cannot write is opened read-only (store_readonly).
 * A login that is not a member gets NULL and ERR_PERM with a message naming
 * the administrators to ask, unless STORE_ANY_LOGIN. A shared store (see
 * store_path_shared) is opened under umask 007, keeps its WAL and SHM files
 * between sessions, so they keep the modes and group set up by init. */
struct store *store_open(const char *path, unsigned flags, struct error *err);
void store_close(struct store *s);

const char *store_path(const struct store *s);
bool store_readonly(const struct store *s);
/* Why the store is read-only (a sentence), or NULL. */
const char *store_readonly_reason(const struct store *s);
int store_schema_version(const struct store *s);
const char *store_site_id(const struct store *s);     /* 36-char UUID */
const char *store_dataset_id(const struct store *s);
/* The display name of the store (meta.name); "" when none. */
const char *store_name(const struct store *s);
int store_set_name(struct store *s, const char *name, struct error *err);

/* Whether path is a shared store: its folder is setgid or the file is
 * group-writable (carnet init --shared makes both). */
bool store_path_shared(const char *path);

/* The Unix login of this process (getpwuid(geteuid())). */
const char *store_login(const struct store *s);
/* The role of this login in the store, read now (another process may have changed it). */
enum store_role store_role(struct store *s);
/* 0 when this login may write records of kind_name (NULL: any record);
 * else ERR_PERM with a message that names whom to ask. */
int store_may_write(struct store *s, const char *kind_name, struct error *err);

/* A write transaction. Nested calls open savepoints inside the outer one:
 * store_rollback undoes the innermost level only, and only the outermost
 * commit commits. On failure of any write inside, call store_rollback. */
int store_begin(struct store *s, struct error *err);
int store_commit(struct store *s, struct error *err);
void store_rollback(struct store *s);

/* Online backup of the whole store to path (sqlite3_backup_*). */
int store_backup(struct store *s, const char *path, struct error *err);

/* Integrity, schema version, dangling references: each problem is one
 * message line in err (code ERR_CORRUPT); 0 when all is well. *problems gets
 * the count. */
int store_check(struct store *s, int *problems, struct error *err);

/* True when another connection (another process) committed a change since
 * the previous call; the first call only takes the reference. For screens
 * that refresh by themselves (PRAGMA data_version). */
bool store_data_changed(struct store *s);

/* Today's date in local time, ISO (for defaults and "past due"); the
 * environment variable CARNET_TODAY (a valid YYYY-MM-DD) pins it, for tests
 * and reproducible reports. */
void store_today(char out[11]);

#endif
