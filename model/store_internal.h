/* What model/ files share about the store and SQLite; never included outside
 * model/. Statements are prepared once per store and cached by SQL text. */
#ifndef CARNET_MODEL_STORE_INTERNAL_H
#define CARNET_MODEL_STORE_INTERNAL_H

#include <sqlite3.h>

#include "model/kind.h"
#include "model/store.h"

#define STMT_CACHE 96

/* The index on meeting(body, deleted, held_on, id) of schema version 6; a
 * body's sittings are read through it by name (model/governance.c), since
 * a query ordered by held_on would otherwise walk the index on (deleted,
 * held_on) of every body. */
#define MEETING_BODY_INDEX "meeting_body_held"

struct stmt_slot {
    char *sql;
    sqlite3_stmt *stmt;
    bool held;               /* handed out by db_prepare, not yet released */
    uint64_t used;           /* cache_tick when last handed out */
};

struct store {
    sqlite3 *db;
    char *path;
    char login[64];
    char site_id[37];
    char dataset_id[37];
    char *name;
    unsigned char site[16];
    int schema_version;
    bool readonly;
    char *readonly_reason;
    int depth;               /* nesting of store_begin */
    bool in_api;             /* read by the SQL function the guard triggers call */
    uint64_t hlc;            /* valid inside a transaction */
    int64_t seq;
    bool meta_dirty;
    bool bulk;               /* store_bulk */
    int64_t fts_from;        /* bulk: rows after this change number are indexed at the commit */
    int64_t now_override_ms; /* tests: a fixed wall clock when nonzero */
    int64_t data_version;    /* last PRAGMA data_version seen by store_data_changed */
    int64_t skew_ms;         /* tests: CARNET_CLOCK_SKEW_MS added to the wall clock */
    struct stmt_slot cache[STMT_CACHE];
    uint64_t cache_tick;
    long prepared, evicted;  /* statements db_prepare compiled, slots it replaced */
    long uncached;           /* callers' own statements from db_prepare not yet released */
    sqlite3_stmt *insert[FTS_KINDS];  /* record_insert's, per kind number: the hot path of bulk writes */
};

/* A prepared statement for sql (reset, bindings cleared), or NULL with err
 * filled. It is the caller's until db_release: cached by SQL text, or, when
 * the cached one is in use (a nested walk) or every slot is, one of its own.
 * Never finalize it; hand it back with db_release on every path. */
sqlite3_stmt *db_prepare(struct store *s, const char *sql, struct error *err);
/* Ends the use of a statement from db_prepare: resets a cached one (its
 * slot can serve again), finalizes one of the caller's own. NULL is fine. */
void db_release(struct store *s, sqlite3_stmt *st);
/* Tests: how full the statement cache is and how much it compiled. */
struct db_cache_stats {
    int cached;              /* slots filled, out of STMT_CACHE */
    long prepared;           /* statements db_prepare compiled since the store opened */
    long evicted;            /* cached statements replaced by another SQL text */
    long uncached;           /* statements of a caller's own not yet released */
};
void db_cache_stats(const struct store *s, struct db_cache_stats *out);
/* A statement kept in a slot of the caller's (per kind, per session):
 * prepared from sql the first time (sql may be NULL once the slot is
 * filled), then reset with bindings cleared. NULL with err filled, saying
 * what failed while `doing`. Finalized by the slot's owner. */
sqlite3_stmt *db_prepare_slot(struct store *s, sqlite3_stmt **slot, const char *sql, const char *doing,
                              struct error *err);
/* Runs sql (no result rows) through the cache. */
int db_exec(struct store *s, const char *sql, struct error *err);
/* Runs several statements without caching (schema). */
int db_exec_script(struct store *s, const char *sql, struct error *err);
/* Turns the last SQLite failure into an error: disk full, read-only, busy,
 * damaged file each get their own sentence. Returns the code. */
int db_error(struct store *s, struct error *err, const char *doing);
/* For a damaged store: the sentence that points at its latest backup (or
 * says there is none and how to make one). The caller frees it. */
char *store_backup_hint(const char *path);
/* One integer from a one-row query (-1 on failure). */
int64_t db_int(struct store *s, const char *sql, const char *arg);

/* Inside a transaction: the next clock (HLC advanced past now and past any
 * clock seen) and the next local change number. */
void store_tick(struct store *s, unsigned char clk[CLOCK_SIZE]);
int64_t store_next_seq(struct store *s);
/* Inside a transaction: moves the HLC past a clock seen from another
 * replica (sync), so that later local writes order after it. */
void store_observe_hlc(struct store *s, uint64_t hlc);
/* Wall clock in milliseconds since the epoch (overridable in tests). */
int64_t store_now_ms(const struct store *s);
/* The current time as ISO 8601 UTC, e.g. 2026-11-25T10:04:05Z. */
void store_timestamp(const struct store *s, char out[21]);

/* Settings for a long write made of many transactions (demo, sync): on
 * before, off after. Rows written in bulk enter the full-text index when
 * their transaction commits, not row by row. */
void store_bulk(struct store *s, bool on);

/* Schema: migrate to STORE_SCHEMA_VERSION (model/schema.c). */
int schema_migrate(struct store *s, int from, int to, struct error *err);
/* Inside a transaction: indexes the text of the rows written after change
 * number `after` (a bulk write's, before its commit). */
int schema_fts_catch_up(struct store *s, int64_t after, struct error *err);
/* Tests: create a store at an older schema version (to test migrations). */
int store_create_at_version(const char *path, int version, struct error *err);
/* The seeds of reference data (model/seed.c), inserted by migrations. */
int seed_insert(struct store *s, int version, struct error *err);

/* Inside the upgrade to version 7 (model/partner.c): the free-text
 * partners become partner records and the fields sets of their ids. */
int partner_upgrade_v7(struct store *s, struct error *err);

/* UUIDs (model/ids.c). */
void id_new(char out[37]);
void id_from_name(const char *name, char out[37]);
bool id_valid(const char *s);

#endif
