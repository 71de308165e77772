/* The schema, generated from the kind descriptors and numbered migrations.
 * Migration N creates the kinds whose `since` is N and adds the fields whose
 * `since` is N, so a descriptor line is the whole of adding a field; what a
 * migration created is never changed afterwards (schemas only grow).
 * Triggers refuse writes that bypass carnet (they call a function only
 * carnet's connections have), and keep the full-text index and the set
 * index in step with the rows, whichever path (API or sync) wrote them.
 * During a bulk write the full-text part waits for the commit: see
 * schema_fts_catch_up. */
#include "model/store_internal.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

static const char *sql_type(enum field_type t)
{
    switch (t) {
    case FT_INT:
    case FT_BOOL:
        return "INTEGER";
    case FT_REAL:
        return "REAL";
    default:
        return "TEXT";
    }
}

static void create_table(struct strbuf *b, const struct kind *k, int version)
{
    strbuf_addf(b,
                "CREATE TABLE %s (\n"
                "  id TEXT PRIMARY KEY NOT NULL,\n"
                "  created_at TEXT NOT NULL, created_by TEXT NOT NULL, created_clk BLOB NOT NULL,\n"
                "  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, updated_clk BLOB NOT NULL,\n"
                "  deleted INTEGER NOT NULL DEFAULT 0, deleted_clk BLOB NOT NULL,\n"
                "  row_seq INTEGER NOT NULL",
                k->name);
    for (int i = 0; i < k->nfields; i++) {
        const struct field *f = &k->fields[i];
        if (f->since <= version)
            strbuf_addf(b, ",\n  %s %s, %s_clk BLOB", f->name, sql_type(f->type), f->name);
    }
    strbuf_adds(b, "\n);\n");
    strbuf_addf(b, "CREATE UNIQUE INDEX %s_row_seq ON %s(row_seq);\n", k->name, k->name);
}

static void field_indexes(struct strbuf *b, const struct kind *k, const struct field *f)
{
    if (f->flags & F_SORT)
        strbuf_addf(b, "CREATE INDEX %s_by_%s ON %s(deleted, %s, id);\n", k->name, f->name, k->name, f->name);
    if ((f->flags & F_INDEXED) && f->type != FT_SET)
        strbuf_addf(b, "CREATE INDEX %s_%s ON %s(%s);\n", k->name, f->name, k->name, f->name);
}

/* The text of a record for the full-text index: first searchable field as
 * title, the others as body: "title, body" for a VALUES list. */
static void fts_values(struct strbuf *b, const struct kind *k, const char *row)
{
    const struct field *title = NULL;
    int nbody = 0;
    for (int i = 0; i < k->nfields; i++) {
        const struct field *f = &k->fields[i];
        if (!(f->flags & F_FTS))
            continue;
        if (!title) {
            title = f;
            strbuf_addf(b, "%s.%s, ", row, f->name);
        } else {
            strbuf_addf(b, "%scoalesce(%s.%s, '')", nbody++ ? " || ' ' || " : "", row, f->name);
        }
    }
    if (!nbody)
        strbuf_adds(b, "''");
}

/* A contentless index keeps no copy of the text, so removing a row's words
 * means handing back exactly the values that were indexed: the old row's.
 * Rows for which use_carnet_to_write(row_seq) is 0 are not in the index
 * yet (a bulk write adds them at its commit, schema_fts_catch_up), so they
 * are neither removed nor added here. */
static void fts_delete(struct strbuf *b, const struct kind *k)
{
    strbuf_addf(b, "  INSERT INTO fts(fts, rowid, title, body) SELECT 'delete', old.row_seq * %d + %d, ", FTS_KINDS,
                kind_number(k));
    fts_values(b, k, "old");
    strbuf_adds(b, " WHERE use_carnet_to_write(old.row_seq);\n");
}

static void fts_insert(struct strbuf *b, const struct kind *k)
{
    strbuf_addf(b, "  INSERT INTO fts(rowid, title, body) SELECT new.row_seq * %d + %d, ", FTS_KINDS, kind_number(k));
    fts_values(b, k, "new");
    strbuf_adds(b, " WHERE use_carnet_to_write(new.row_seq);\n");
}

static bool has_fts(const struct kind *k)
{
    for (int i = 0; i < k->nfields; i++)
        if (k->fields[i].flags & F_FTS)
            return true;
    return false;
}

static void set_index_insert(struct strbuf *b, const struct kind *k, const struct field *f)
{
    strbuf_addf(b,
                "  INSERT INTO set_member(field, code, rec_id) SELECT '%s.%s', value, new.id FROM "
                "json_each('[\"' || replace(new.%s, ',', '\",\"') || '\"]') WHERE new.%s IS NOT NULL AND new.%s <> '';\n",
                k->name, f->name, f->name, f->name, f->name);
}

static void create_triggers(struct strbuf *b, const struct kind *k)
{
    static const char *const ops[] = {"INSERT", "UPDATE", "DELETE"};
    for (int i = 0; i < 3; i++) {
        strbuf_addf(b, "DROP TRIGGER IF EXISTS %s_guard_%c;\n", k->name, ops[i][0]);
        strbuf_addf(b,
                    "CREATE TRIGGER %s_guard_%c BEFORE %s ON %s WHEN use_carnet_to_write() = 0 BEGIN\n"
                    "  SELECT RAISE(ABORT, 'write to a carnet store through carnet: changes made directly would not sync');\n"
                    "END;\n",
                    k->name, ops[i][0], ops[i], k->name);
    }
    strbuf_addf(b, "DROP TRIGGER IF EXISTS %s_index_i;\nDROP TRIGGER IF EXISTS %s_index_u;\nDROP TRIGGER IF EXISTS %s_index_d;\n",
                k->name, k->name, k->name);

    bool fts = has_fts(k), sets = false;
    for (int i = 0; i < k->nfields; i++)
        if (k->fields[i].type == FT_SET && (k->fields[i].flags & F_INDEXED))
            sets = true;
    if (!fts && !sets)
        return;

    /* after insert */
    strbuf_addf(b, "CREATE TRIGGER %s_index_i AFTER INSERT ON %s BEGIN\n", k->name, k->name);
    if (fts)
        fts_insert(b, k);
    for (int i = 0; i < k->nfields; i++)
        if (k->fields[i].type == FT_SET && (k->fields[i].flags & F_INDEXED))
            set_index_insert(b, k, &k->fields[i]);
    strbuf_adds(b, "END;\n");

    /* after update */
    strbuf_addf(b, "CREATE TRIGGER %s_index_u AFTER UPDATE ON %s BEGIN\n", k->name, k->name);
    if (fts) {
        fts_delete(b, k);
        fts_insert(b, k);
    }
    for (int i = 0; i < k->nfields; i++) {
        const struct field *f = &k->fields[i];
        if (f->type == FT_SET && (f->flags & F_INDEXED)) {
            strbuf_addf(b, "  DELETE FROM set_member WHERE rec_id = old.id AND field = '%s.%s';\n", k->name, f->name);
            set_index_insert(b, k, f);
        }
    }
    strbuf_adds(b, "END;\n");

    /* after delete (rows are only removed by tests and repairs; records are tombstoned) */
    strbuf_addf(b, "CREATE TRIGGER %s_index_d AFTER DELETE ON %s BEGIN\n", k->name, k->name);
    if (fts)
        fts_delete(b, k);
    if (sets)
        strbuf_adds(b, "  DELETE FROM set_member WHERE rec_id = old.id;\n");
    strbuf_adds(b, "END;\n");
}

/* Tables that are not records: this replica's own bookkeeping. */
static const char schema_v1_local[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value);\n"
    "CREATE TABLE sync_peer (site_id TEXT PRIMARY KEY NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0,\n"
    "  last_sync_at TEXT, address TEXT);\n"
    "CREATE TABLE set_member (field TEXT NOT NULL, code TEXT NOT NULL, rec_id TEXT NOT NULL,\n"
    "  PRIMARY KEY (field, code, rec_id)) WITHOUT ROWID;\n"
    "CREATE INDEX set_member_rec ON set_member(rec_id);\n"
    /* Contentless: the text lives in the records; a row of the index is
     * row_seq * FTS_KINDS + the kind's number (see model/kind.h). */
    "CREATE VIRTUAL TABLE fts USING fts5(title, body, content = '',\n"
    "  tokenize = 'unicode61 remove_diacritics 2');\n"
    "CREATE TABLE history (seq INTEGER PRIMARY KEY, rec_id TEXT NOT NULL, kind TEXT NOT NULL,\n"
    "  field TEXT NOT NULL, old TEXT, new TEXT, login TEXT NOT NULL, at TEXT NOT NULL);\n"
    "CREATE INDEX history_rec ON history(rec_id, seq);\n";

/* Version 3: what sync keeps locally. The values that lost a concurrent
 * edit, for review; per peer, its knowledge of our changes and our clock at
 * the last complete sync (a local edit after it is concurrent). */
static const char schema_v3_local[] =
    "CREATE TABLE conflict (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, rec_id TEXT NOT NULL, field TEXT NOT NULL,\n"
    "  losing_value, losing_clk BLOB NOT NULL, winning_clk BLOB NOT NULL, at TEXT NOT NULL, peer TEXT);\n"
    "CREATE INDEX conflict_rec ON conflict(rec_id);\n"
    "ALTER TABLE sync_peer ADD COLUMN sent_seq INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE sync_peer ADD COLUMN synced_hlc INTEGER NOT NULL DEFAULT 0;\n";

/* A body's sittings in a period (the yearly report's governance figures,
 * a body's screen): found in the index, where meeting.body alone made
 * SQLite read every sitting of the body, all years, from the table. */
static const char schema_v6_local[] = "CREATE INDEX " MEETING_BODY_INDEX " ON meeting(body, deleted, held_on, id);\n";

static int init_meta(struct store *s, struct error *err)
{
    char site[37], dataset[37], now[21];
    id_new(site);
    id_new(dataset);
    store_timestamp(s, now);
    const char *keys[] = {"site_id", "dataset_id", "name", "created_at"};
    const char *vals[] = {site, dataset, "", now};
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO meta(key, value) VALUES (?, ?)", err);
    if (!st)
        return err->code;
    for (int i = 0; i < 4; i++) {
        sqlite3_bind_text(st, 1, keys[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, vals[i], -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE) {
            int rc = db_error(s, err, "creating the store");
            db_release(s, st);
            return rc;
        }
        sqlite3_reset(st);
    }
    db_release(s, st);
    snprintf(s->site_id, sizeof s->site_id, "%s", site);
    return db_exec(s, "INSERT INTO meta(key, value) VALUES ('hlc', 0), ('seq', 0)", err);
}

/* The migration that rewrote every kind's triggers: from version 4 the
 * full-text part of a bulk write waits for its commit. */
#define TRIGGERS_REVISED 4
/* The migration that made partners records (model/partner.c): the
 * partners fields left the full-text index and entered the set index, so
 * every kind's triggers are made again and the text indexed anew (a
 * contentless index only forgets the exact words it was given). */
#define PARTNERS_RECORDS 7

static int migrate_one(struct store *s, int v, struct error *err)
{
    struct strbuf b;
    strbuf_init(&b);
    if (v == 1)
        strbuf_adds(&b, schema_v1_local);
    if (v == 3)
        strbuf_adds(&b, schema_v3_local);
    if (v == 6)
        strbuf_adds(&b, schema_v6_local);
    for (int i = 0; kinds[i]; i++) {
        const struct kind *k = kinds[i];
        bool touched = false;
        if (k->since == v) {
            create_table(&b, k, v);
            for (int j = 0; j < k->nfields; j++)
                if (k->fields[j].since <= v)
                    field_indexes(&b, k, &k->fields[j]);
            touched = true;
        } else if (k->since < v) {
            for (int j = 0; j < k->nfields; j++) {
                const struct field *f = &k->fields[j];
                if (f->since != v)
                    continue;
                strbuf_addf(&b, "ALTER TABLE %s ADD COLUMN %s %s;\nALTER TABLE %s ADD COLUMN %s_clk BLOB;\n",
                            k->name, f->name, sql_type(f->type), k->name, f->name);
                field_indexes(&b, k, f);
                touched = true;
            }
        }
        if (touched || ((v == TRIGGERS_REVISED || v == PARTNERS_RECORDS) && k->since < v))
            create_triggers(&b, k);
    }
    if (v == PARTNERS_RECORDS)
        strbuf_adds(&b, "INSERT INTO fts(fts) VALUES ('delete-all');\n");
    strbuf_addf(&b, "PRAGMA user_version = %d;\n", v);
    int rc = db_exec_script(s, b.s, err);
    strbuf_free(&b);
    if (rc == 0 && v == 1)
        rc = init_meta(s, err);
    /* The text of every record again, then the partners' values (whose
     * rewrite the new triggers index). */
    if (rc == 0 && v == PARTNERS_RECORDS)
        rc = schema_fts_catch_up(s, 0, err);
    if (rc == 0 && v == PARTNERS_RECORDS)
        rc = partner_upgrade_v7(s, err);
    if (rc == 0)
        rc = seed_insert(s, v, err);
    return rc;
}

int schema_migrate(struct store *s, int from, int to, struct error *err)
{
    /* One transaction for all steps: a failure leaves the store as it was. */
    if (store_begin(s, err) != 0)
        return err->code;
    for (int v = from + 1; v <= to; v++) {
        if (migrate_one(s, v, err) != 0) {
            store_rollback(s);
            return err->code;
        }
    }
    return store_commit(s, err);
}

/* A bulk write (store_bulk) leaves its rows out of the full-text index, so
 * that FTS5 does not write a segment for every statement (it flushes its
 * pending terms at each statement savepoint, and every write statement here
 * has one: triggers). Before the commit, the rows written since change
 * number `after` enter the index in one statement per kind. */
int schema_fts_catch_up(struct store *s, int64_t after, struct error *err)
{
    for (int i = 0; kinds[i]; i++) {
        const struct kind *k = kinds[i];
        if (!has_fts(k))
            continue;
        struct strbuf b;
        strbuf_init(&b);
        strbuf_addf(&b, "INSERT INTO fts(rowid, title, body) SELECT row_seq * %d + %d, ", FTS_KINDS, kind_number(k));
        fts_values(&b, k, k->name);
        strbuf_addf(&b, " FROM %s WHERE row_seq > ?", k->name);
        sqlite3_stmt *st = db_prepare(s, b.s, err);
        strbuf_free(&b);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, after);
        int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "indexing the text");
        db_release(s, st);
        if (rc != 0)
            return rc;
    }
    return 0;
}
