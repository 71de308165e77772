/* The hub on PostgreSQL: its schema generated from the kind descriptors
 * (one table per kind keyed (dataset, id), each group's 24-byte clock as
 * bytea beside it, row_seq from one sequence), and the hub backend of the
 * sync engine. A session is scoped to the dataset of the peer's hello.
 * A received batch is one transaction: the dataset's row locked FOR UPDATE
 * (writers of a dataset are serialized, so row_seq order is commit order
 * and a watermark never skips a late commit), binary COPY into a temporary
 * stage (TRUNCATEd between batches), one INSERT ... ON CONFLICT merge whose
 * WHERE leaves alone rows where nothing wins, the watermark, COMMIT. The
 * only file that includes libpq-fe.h. */
#include "model/hub_internal.h"
#include "model/peer.h"
#include "model/sync_internal.h"
#include "util/i18n.h"
#include "util/mo.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>

struct hub {
    PGconn *conn;
    char *shown;            /* the URI with its password masked */
    bool staged[SYNC_KINDS_MAX];    /* stage_<kind> holds rows: TRUNCATE before the next COPY */
    bool merging[SYNC_KINDS_MAX];   /* stage_<kind> and merge_<i> made */
    bool reading[SYNC_KINDS_MAX];   /* extract_<i> prepared */
    unsigned named;         /* the statements of enum hub_stmt prepared */
};

/* The statements a sync runs once per batch: prepared once per session,
 * since the row-level security of their tables makes planning them cost
 * more than running them. */
enum hub_stmt { STMT_LOCK, STMT_WATERMARK, STMT_HLC, STMT_BOUNDS };

/* The hub schema version that gave every row its origin: the site of the
 * peer whose merge left the row exactly as that peer sent it (NULL when
 * the merge kept something of the hub's own). That peer holds the row
 * already, or a newer one: reading changes for it leaves such rows out,
 * so what a store pushes does not come back to it at its next sync. Any
 * merge that changes the row sets its origin again, and the WHERE of the
 * merge leaves alone the rows where nothing wins. */
#define HUB_ORIGIN_SINCE 9

/* The rows of a batch a store sends to the hub (see hub_sync). */
#define HUB_PUSH_BATCH_ROWS 2000

/* ---- connection and errors ---- */

/* libpq's message without its trailing newline; doing is an N_() msgid. */
static int fail_with(struct hub *h, const char *m, struct error *err, const char *doing)
{
    /* libpq's lines (a hint on a second line, after a tab) become one. */
    char *one = xstrdup(m);
    for (char *c = one; *c; c++)
        if (*c == '\n' || *c == '\t' || *c == '\r')
            *c = ' ';
    size_t n = strlen(one);
    while (n && one[n - 1] == ' ')
        n--;
    int rc = error_add(err, ERR_DB, "the hub %s failed while %s: %.*s", h->shown, _(doing), (int)n, one);
    free(one);
    return rc;
}

static int pg_fail(struct hub *h, struct error *err, const char *doing)
{
    return fail_with(h, PQerrorMessage(h->conn), err, doing);
}

static int res_fail(struct hub *h, PGresult *r, struct error *err, const char *doing)
{
    int rc = fail_with(h, r ? PQresultErrorMessage(r) : PQerrorMessage(h->conn), err, doing);
    PQclear(r);
    return rc;
}

static int exec_ok(struct hub *h, const char *sql, const char *doing, struct error *err)
{
    PGresult *r = PQexec(h->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return res_fail(h, r, err, doing);
    PQclear(r);
    return 0;
}

/* Runs sql with text parameters; the result (tuples or command) or NULL
 * with err filled. */
static PGresult *query(struct hub *h, const char *sql, int n, const char *const *params, const char *doing,
                       struct error *err)
{
    PGresult *r = PQexecParams(h->conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        res_fail(h, r, err, doing);
        return NULL;
    }
    return r;
}

/* query for statement id (sql), prepared on first use. */
static PGresult *query_named(struct hub *h, enum hub_stmt id, const char *sql, int n, const char *const *params,
                             const char *doing, struct error *err)
{
    char name[32];
    snprintf(name, sizeof name, "stmt_%d", (int)id);
    if (!(h->named & 1u << id)) {
        PGresult *r = PQprepare(h->conn, name, sql, 0, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            res_fail(h, r, err, doing);
            return NULL;
        }
        PQclear(r);
        h->named |= 1u << id;
    }
    PGresult *r = PQexecPrepared(h->conn, name, n, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        res_fail(h, r, err, doing);
        return NULL;
    }
    return r;
}

PGresult *hub_query(struct hub *h, const char *sql, int n, const char *const *params, const char *doing,
                    struct error *err)
{
    return query(h, sql, n, params, doing, err);
}

int hub_exec(struct hub *h, const char *sql, const char *doing, struct error *err)
{
    return exec_ok(h, sql, doing, err);
}

const char *hub_shown(const struct hub *h)
{
    return h->shown;
}

static void rollback(struct hub *h)
{
    PQclear(PQexec(h->conn, "ROLLBACK"));
}

static int schema_version(struct hub *h, struct error *err)
{
    PGresult *r = query(h, "SELECT value FROM carnet.meta WHERE key = 'schema_version'", 0, NULL,
                        N_("reading its schema version"), err);
    if (!r)
        return -1;
    int v = PQntuples(r) ? atoi(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return v;
}

static bool has_schema(struct hub *h)
{
    PGresult *r = PQexec(h->conn, "SELECT to_regclass('carnet.meta') IS NOT NULL");
    bool yes = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) && PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return yes;
}

/* The schema carnet exists but the current role may not use it (no
 * grant); role gets the role's name. */
static bool locked_out(struct hub *h, char *role, size_t size)
{
    PGresult *r = PQexec(h->conn, "SELECT current_user, EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = "
                                  "'carnet') AND NOT pg_catalog.has_schema_privilege('carnet', 'USAGE')");
    bool yes = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) && PQgetvalue(r, 0, 1)[0] == 't';
    if (yes)
        snprintf(role, size, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return yes;
}

static void quiet(void *ctx, const char *msg)
{
    (void)ctx;
    (void)msg;
}

struct hub *hub_open(const char *uri, bool check, struct error *err)
{
    struct hub *h = xcalloc(1, sizeof *h);
    h->shown = peer_display(uri);
    h->conn = PQconnectdb(uri);
    if (PQstatus(h->conn) != CONNECTION_OK) {
        pg_fail(h, err, N_("connecting"));
        hub_close(h);
        return NULL;
    }
    PQsetClientEncoding(h->conn, "UTF8");
    /* Our own statements only: no user function or table may shadow one;
     * and no NOTICE chatter on stderr (IF NOT EXISTS says a lot). */
    PQsetNoticeProcessor(h->conn, quiet, NULL);
    if (exec_ok(h, "SET search_path = pg_catalog, pg_temp", N_("starting a session"), err) != 0) {
        hub_close(h);
        return NULL;
    }
    if (!check)
        return h;
    int v = has_schema(h) ? schema_version(h, err) : 0;
    if (v < 0) {
        hub_close(h);
        return NULL;
    }
    char role[128];
    if (v == 0 && locked_out(h, role, sizeof role))
        error_add(err, ERR_INVALID, "the role %s has no access to the hub %s: the hub's owner can give it with: carnet "
                                    "hub grant %s %s --dataset ID --write (or without --write, to read)", role,
                  h->shown, h->shown, role);
    else if (v == 0)
        error_add(err, ERR_NOTFOUND, "%s is not a carnet hub yet: create its schema with: carnet hub init %s",
                  h->shown, h->shown);
    else if (v > HUB_SCHEMA_VERSION)
        error_add(err, ERR_VERSION,
                  "the hub %s has schema version %d and this carnet knows version %d: install a newer carnet; "
                  "nothing was changed", h->shown, v, HUB_SCHEMA_VERSION);
    else if (v < HUB_SCHEMA_VERSION)
        error_add(err, ERR_VERSION,
                  "the hub %s has schema version %d and this carnet needs version %d: upgrade it with: "
                  "carnet hub init %s", h->shown, v, HUB_SCHEMA_VERSION, h->shown);
    if (v != HUB_SCHEMA_VERSION) {
        hub_close(h);
        return NULL;
    }
    return h;
}

void hub_close(struct hub *h)
{
    if (!h)
        return;
    PQfinish(h->conn);
    free(h->shown);
    free(h);
}

/* ---- the schema, from the kind descriptors ---- */

enum col_type { CT_TEXT, CT_INT, CT_REAL };

static enum col_type col_type(const struct kind *k, int c)
{
    if (c < 4)
        return CT_TEXT;
    if (c == 4)
        return CT_INT;
    switch (k->fields[c - SYNC_FIXED_COLS].type) {
    case FT_INT:
    case FT_BOOL:
        return CT_INT;
    case FT_REAL:
        return CT_REAL;
    default:
        return CT_TEXT;
    }
}

static const char *const pg_type[] = {"text", "bigint", "double precision"};

/* The schema version that added column c (fixed columns: 1). */
static int col_since(const struct kind *k, int c)
{
    int since = k->since > 0 ? k->since : 1;
    if (c >= SYNC_FIXED_COLS && k->fields[c - SYNC_FIXED_COLS].since > since)
        since = k->fields[c - SYNC_FIXED_COLS].since;
    return since;
}

static void kind_table_sql(struct strbuf *b, const struct kind *k)
{
    char clk[80];
    strbuf_addf(b, "CREATE TABLE IF NOT EXISTS carnet.%s (\n  dataset uuid NOT NULL REFERENCES carnet.dataset,\n"
                   "  id text NOT NULL", k->name);
    for (int c = 0; c < sync_ncols(k); c++)
        strbuf_addf(b, ",\n  %s %s", sync_col_name(k, c), pg_type[col_type(k, c)]);
    for (int g = 0; g < sync_ngroups(k); g++) {
        sync_group_clock_name(k, g, clk, sizeof clk);
        strbuf_addf(b, ",\n  %s bytea CHECK (octet_length(%s) = %d)", clk, clk, CLOCK_SIZE);
    }
    strbuf_addf(b, ",\n  origin uuid,\n  row_seq bigint NOT NULL,\n  PRIMARY KEY (dataset, id),\n  UNIQUE (dataset, row_seq));\n");
}

/* Columns of fields added after version from (schemas only grow); hub
 * is the hub's schema version found. */
static void kind_upgrade_sql(struct strbuf *b, const struct kind *k, int from, int hub)
{
    char clk[80];
    if (hub < HUB_ORIGIN_SINCE)
        strbuf_addf(b, "ALTER TABLE carnet.%s ADD COLUMN IF NOT EXISTS origin uuid;\n", k->name);
    for (int c = SYNC_FIXED_COLS; c < sync_ncols(k); c++) {
        if (col_since(k, c) <= from)
            continue;
        sync_group_clock_name(k, sync_col_group(c), clk, sizeof clk);
        strbuf_addf(b, "ALTER TABLE carnet.%s ADD COLUMN IF NOT EXISTS %s %s, ADD COLUMN IF NOT EXISTS %s bytea "
                       "CHECK (octet_length(%s) = %d);\n", k->name, sync_col_name(k, c), pg_type[col_type(k, c)], clk,
                    clk, CLOCK_SIZE);
    }
}

/* ---- access: row-level security ---- */

/* The hub's owner: a member of the role that owns the schema carnet (the
 * role that ran hub init). FORCE takes away a table owner's bypass, so
 * this is a policy of its own on every table. The whole test is one
 * subquery, an InitPlan computed once per statement rather than per row. */
static const char owner_sql[] =
    "coalesce((SELECT pg_catalog.pg_has_role(n.nspowner, 'MEMBER') FROM pg_catalog.pg_namespace n WHERE n.nspname = "
    "'carnet'), false)";

/* The one definition of what a role may do, used by every policy and by
 * the sync's own check (session_access): true when the current role may
 * read (write: write) the dataset col. A grant counts for the role named
 * in carnet.access and for the roles that have its privileges (members of
 * a group role with INHERIT), as PostgreSQL's own GRANTs do, so the table
 * privileges and the rows agree; the join to pg_roles leaves out a role
 * since dropped (pg_has_role of a missing name is an error). The grant
 * for every dataset is an InitPlan and the others a hashed IN, computed
 * once per statement, not per row. */
static void scope_sql(struct strbuf *b, const char *col, bool write)
{
    const char *w = write ? " AND a.can_write" : "";
    strbuf_addf(b, "(EXISTS (SELECT 1 FROM carnet.access a JOIN pg_catalog.pg_roles r ON r.rolname = a.role "
                   "WHERE a.dataset IS NULL%s AND pg_catalog.pg_has_role(r.oid, 'USAGE')) OR %s IN (SELECT a.dataset "
                   "FROM carnet.access a JOIN pg_catalog.pg_roles r ON r.rolname = a.role WHERE a.dataset IS NOT NULL%s "
                   "AND pg_catalog.pg_has_role(r.oid, 'USAGE')))", w, col, w);
}

/* Row-level security, enabled and forced, on table carnet.t: the owner's
 * policy, then (with a dataset column) readers see and writers change
 * their datasets' rows; read, when given, is the SELECT policy instead.
 * Policies are dropped and made again, so an upgrade brings them up to
 * date. */
static void table_security_sql(struct strbuf *b, const char *t, const char *read)
{
    char col[80];
    snprintf(col, sizeof col, "%s.dataset", t);
    strbuf_addf(b, "ALTER TABLE carnet.%s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\n", t);
    strbuf_addf(b, "DROP POLICY IF EXISTS carnet_owner ON carnet.%s;\n"
                   "CREATE POLICY carnet_owner ON carnet.%s USING (%s) WITH CHECK (%s);\n", t, t, owner_sql, owner_sql);
    strbuf_addf(b, "DROP POLICY IF EXISTS carnet_read ON carnet.%s;\n"
                   "CREATE POLICY carnet_read ON carnet.%s FOR SELECT USING (", t, t);
    if (read)
        strbuf_adds(b, read);
    else
        scope_sql(b, col, false);
    strbuf_addf(b, ");\nDROP POLICY IF EXISTS carnet_write ON carnet.%s;\n", t);
    if (read)
        return;
    strbuf_addf(b, "CREATE POLICY carnet_write ON carnet.%s USING (", t);
    scope_sql(b, col, true);
    strbuf_adds(b, ") WITH CHECK (");
    scope_sql(b, col, true);
    strbuf_adds(b, ");\n");
}

/* The scope table and the security of every hub table. */
static void access_sql(struct strbuf *b)
{
    strbuf_adds(b, "CREATE TABLE IF NOT EXISTS carnet.access (role name NOT NULL, dataset uuid,\n"
                   "  can_write boolean NOT NULL, granted_at timestamptz NOT NULL DEFAULT now());\n"
                   "CREATE UNIQUE INDEX IF NOT EXISTS access_key ON carnet.access\n"
                   "  (role, coalesce(dataset, '00000000-0000-0000-0000-000000000000'::uuid));\n");
    /* Everyone with a grant reads the schema version; a role sees its own
     * grants (the policies above read them as that role). */
    table_security_sql(b, "meta", "true");
    table_security_sql(b, "access", "EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = access.role AND "
                                    "pg_catalog.pg_has_role(r.oid, 'USAGE'))");
    table_security_sql(b, "dataset", NULL);
    table_security_sql(b, "sync_peer", NULL);
    for (int i = 0; kinds[i]; i++)
        table_security_sql(b, kinds[i]->name, NULL);
}

/* The hub's kinds version: that of its columns (hubs before version 6
 * had one number for both). */
static int kinds_version(struct hub *h, int v, struct error *err)
{
    PGresult *r = query(h, "SELECT value FROM carnet.meta WHERE key = 'kinds_version'", 0, NULL,
                        N_("reading its schema version"), err);
    if (!r)
        return -1;
    if (PQntuples(r))
        v = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return v;
}

static const char identity_sql[] =
    "SELECT (SELECT system_identifier FROM pg_control_system())::text || '/' || "
    "(SELECT oid FROM pg_database WHERE datname = current_database())::text";
/* The server's timeline: a promoted standby (or a point-in-time recovery)
 * starts a new one, read at once from the WAL file name (the checkpoint's
 * comes later); a standby still in recovery is on its primary's. */
static const char timeline_sql[] =
    "SELECT CASE WHEN pg_is_in_recovery() THEN (SELECT timeline_id FROM pg_control_checkpoint())::text "
    "ELSE (('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int)::text END";

static int check_identity(struct hub *h, bool owner, struct error *err);
static int set_privileges(struct hub *h, const char *role, struct error *err);

/* The federation views were made again: every role with a grant gets back
 * its SELECT on them (a view dropped and made anew has no privileges). */
static int regrant(struct hub *h, struct error *err)
{
    PGresult *r = query(h, "SELECT DISTINCT role FROM carnet.access ORDER BY role", 0, NULL, N_("reading the grants"),
                        err);
    if (!r)
        return err->code;
    int rc = 0;
    for (int t = 0; t < PQntuples(r) && rc == 0; t++)
        rc = set_privileges(h, PQgetvalue(r, t, 0), err);
    PQclear(r);
    return rc;
}

int hub_init(struct hub *h, int *from, struct error *err)
{
    *from = 0;
    if (exec_ok(h, "BEGIN", N_("starting the schema"), err) != 0)
        return err->code;
    /* Two inits at once: one waits for the other and then finds its work done. */
    int rc = exec_ok(h, "SELECT pg_advisory_xact_lock(7215046113930316)", N_("locking the schema"), err);
    int v = 0;
    if (rc == 0 && has_schema(h) && (v = schema_version(h, err)) < 0)
        rc = err->code;
    if (rc == 0 && v > HUB_SCHEMA_VERSION)
        rc = error_add(err, ERR_VERSION,
                       "the hub %s has schema version %d and this carnet knows version %d: install a newer carnet; "
                       "nothing was changed", h->shown, v, HUB_SCHEMA_VERSION);
    if (rc != 0) {
        rollback(h);
        return rc;
    }
    *from = v;
    int kv = v > 0 ? kinds_version(h, v, err) : 0;
    if (kv < 0) {
        rollback(h);
        return err->code;
    }
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b,
                "CREATE SCHEMA IF NOT EXISTS carnet;\n"
                "CREATE TABLE IF NOT EXISTS carnet.meta (key text PRIMARY KEY, value text NOT NULL);\n"
                "CREATE SEQUENCE IF NOT EXISTS carnet.row_seq;\n"
                "CREATE TABLE IF NOT EXISTS carnet.dataset (dataset uuid PRIMARY KEY, site uuid NOT NULL,\n"
                "  hlc bigint NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now());\n"
                "CREATE TABLE IF NOT EXISTS carnet.sync_peer (dataset uuid NOT NULL REFERENCES carnet.dataset,\n"
                "  site_id uuid NOT NULL, last_seq bigint NOT NULL DEFAULT 0, sent_seq bigint NOT NULL DEFAULT 0,\n"
                "  synced_hlc bigint NOT NULL DEFAULT 0, last_sync_at timestamptz, PRIMARY KEY (dataset, site_id));\n");
    for (int i = 0; kinds[i]; i++) {
        kind_table_sql(&b, kinds[i]);
        if (kv > 0)
            kind_upgrade_sql(&b, kinds[i], kv, v);
    }
    access_sql(&b);
    struct mo *fr = mo_open_lang(CARNET_TEXTDOMAIN, "fr");
    hub_views_sql(&b, fr, v < HUB_SCHEMA_VERSION);
    mo_close(fr);
    strbuf_addf(&b, "INSERT INTO carnet.meta VALUES ('schema_version', '%d'), ('kinds_version', '%d') ON CONFLICT "
                    "(key) DO UPDATE SET value = EXCLUDED.value;\n"
                    "INSERT INTO carnet.meta SELECT 'identity', (%s) ON CONFLICT (key) DO NOTHING;\n"
                    "INSERT INTO carnet.meta SELECT 'timeline', (%s) ON CONFLICT (key) DO NOTHING;\n",
                HUB_SCHEMA_VERSION, STORE_SCHEMA_VERSION, identity_sql, timeline_sql);
    rc = exec_ok(h, b.s, N_("creating its schema"), err);
    strbuf_free(&b);
    if (rc == 0)
        rc = regrant(h, err);
    if (rc == 0)
        rc = exec_ok(h, "COMMIT", N_("creating its schema"), err);
    if (rc != 0) {
        rollback(h);
        return rc;
    }
    /* A hub restored into another database: renewed here, since a
     * centre's role cannot renew the datasets it does not see. */
    return check_identity(h, true, err);
}

/* ---- binary values ---- */

static uint64_t get_be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static void put_be(struct strbuf *b, uint64_t v, int bytes)
{
    char out[8];
    for (int i = 0; i < bytes; i++)
        out[i] = (char)(v >> (8 * (bytes - 1 - i)));
    strbuf_add(b, out, (size_t)bytes);
}

/* A binary-format result row laid out as "id, row_seq, col0, clk0, ...". */
static void read_row(PGresult *r, int t, struct sync_row *row)
{
    const struct kind *k = row->kind;
    int idlen = PQgetlength(r, t, 0);
    if (idlen > 36)
        idlen = 36;
    memcpy(row->id, PQgetvalue(r, t, 0), (size_t)idlen);
    row->id[idlen] = '\0';
    row->seq = (int64_t)get_be64((const unsigned char *)PQgetvalue(r, t, 1));
    for (int c = 0; c < sync_ncols(k); c++) {
        struct sync_value *v = &row->val[c];
        sync_value_clear(v);
        int f = 2 + 2 * c;
        if (!PQgetisnull(r, t, f)) {
            const unsigned char *p = (const unsigned char *)PQgetvalue(r, t, f);
            switch (col_type(k, c)) {
            case CT_INT:
                v->type = SV_INT;
                v->i = (int64_t)get_be64(p);
                break;
            case CT_REAL: {
                uint64_t bits = get_be64(p);
                v->type = SV_REAL;
                memcpy(&v->r, &bits, sizeof v->r);
                break;
            }
            default:
                v->type = SV_TEXT;
                v->n = (uint32_t)PQgetlength(r, t, f);
                v->s = xstrndup((const char *)p, v->n);
            }
        }
        int g = sync_col_group(c);
        row->has_clk[g] = !PQgetisnull(r, t, f + 1) && PQgetlength(r, t, f + 1) == CLOCK_SIZE;
        if (row->has_clk[g])
            memcpy(row->clk[g], PQgetvalue(r, t, f + 1), CLOCK_SIZE);
    }
}

static void row_layout(const struct kind *k, struct strbuf *b)
{
    char clk[80];
    strbuf_adds(b, "id, row_seq");
    for (int c = 0; c < sync_ncols(k); c++) {
        sync_group_clock_name(k, sync_col_group(c), clk, sizeof clk);
        strbuf_addf(b, ", %s, %s", sync_col_name(k, c), clk);
    }
}

/* One row for COPY ... (FORMAT binary): dataset, id, the columns, the clocks. */
static int copy_row(struct strbuf *b, const unsigned char dataset[16], const struct sync_row *r, struct error *err)
{
    const struct kind *k = r->kind;
    int ncols = sync_ncols(k), ngroups = sync_ngroups(k);
    put_be(b, (uint64_t)(2 + ncols + ngroups), 2);
    put_be(b, 16, 4);
    strbuf_add(b, (const char *)dataset, 16);
    put_be(b, strlen(r->id), 4);
    strbuf_adds(b, r->id);
    for (int c = 0; c < ncols; c++) {
        const struct sync_value *v = &r->val[c];
        enum col_type t = col_type(k, c);
        if (!r->has_clk[sync_col_group(c)] || v->type == SV_NULL) {
            put_be(b, 0xffffffffu, 4);
        } else if (t == CT_TEXT && v->type == SV_TEXT) {
            put_be(b, v->n, 4);
            strbuf_add(b, v->s, v->n);
        } else if (t == CT_INT && v->type == SV_INT) {
            put_be(b, 8, 4);
            put_be(b, (uint64_t)v->i, 8);
        } else if (t == CT_REAL && (v->type == SV_REAL || v->type == SV_INT)) {
            double d = v->type == SV_REAL ? v->r : (double)v->i;
            uint64_t bits;
            memcpy(&bits, &d, sizeof bits);
            put_be(b, 8, 4);
            put_be(b, bits, 8);
        } else {
            return error_add(err, ERR_CORRUPT, "the sync stream is damaged: a value of the wrong type for %s.%s",
                             k->name, sync_col_name(k, c));
        }
    }
    for (int g = 0; g < ngroups; g++) {
        if (!r->has_clk[g]) {
            put_be(b, 0xffffffffu, 4);
        } else {
            put_be(b, CLOCK_SIZE, 4);
            strbuf_add(b, (const char *)r->clk[g], CLOCK_SIZE);
        }
    }
    return 0;
}

/* ---- a session ---- */

struct hub_session {
    struct hub *h;
    unsigned char dataset_bin[16];
};

static struct hub *side_hub(const struct sync_side *d)
{
    return ((struct hub_session *)d->impl)->h;
}

static int prepare(struct hub *h, const char *name, const char *sql, const char *doing, struct error *err)
{
    PGresult *r = PQprepare(h->conn, name, sql, 0, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        return res_fail(h, r, err, doing);
    PQclear(r);
    return 0;
}

/* The reading of kind i's changes after $2 up to $3, prepared once per
 * session. */
static int prepare_extract(struct hub *h, int i, struct error *err)
{
    if (h->reading[i])
        return 0;
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "SELECT ");
    row_layout(kinds[i], &b);
    strbuf_addf(&b, " FROM carnet.%s WHERE dataset = $1::uuid AND row_seq > $2::bigint AND row_seq <= $3::bigint AND "
                    "origin IS DISTINCT FROM $4::uuid ORDER BY row_seq", kinds[i]->name);
    char name[32];
    snprintf(name, sizeof name, "extract_%d", i);
    int rc = prepare(h, name, b.s, N_("preparing to read changes"), err);
    strbuf_free(&b);
    h->reading[i] = rc == 0;
    return rc;
}

/* The stage and the merge of kind i, made once per session (in a
 * transaction that commits: the stage is transactional). */
static int prepare_merge(struct hub *h, int i, struct error *err)
{
    if (h->merging[i])
        return 0;
    const struct kind *k = kinds[i];
    char clk[80], name[32];
    struct strbuf b, cols, where, pure;
    strbuf_init(&b);
    strbuf_init(&cols);
    strbuf_init(&where);
    strbuf_init(&pure);
    strbuf_adds(&cols, "dataset, id");
    for (int c = 0; c < sync_ncols(k); c++)
        strbuf_addf(&cols, ", %s", sync_col_name(k, c));
    for (int g = 0; g < sync_ngroups(k); g++) {
        sync_group_clock_name(k, g, clk, sizeof clk);
        strbuf_addf(&cols, ", %s", clk);
    }
    strbuf_addf(&b, "INSERT INTO carnet.%s AS t (%s, origin, row_seq) SELECT %s, $1::uuid, nextval('carnet.row_seq') "
                    "FROM pg_temp.stage_%s ON CONFLICT (dataset, id) DO UPDATE SET ", k->name, cols.s, cols.s, k->name);
    for (int c = 0; c < sync_ncols(k); c++) {
        sync_group_clock_name(k, sync_col_group(c), clk, sizeof clk);
        strbuf_addf(&b, "%s = CASE WHEN EXCLUDED.%s > coalesce(t.%s, '\\x'::bytea) THEN EXCLUDED.%s ELSE t.%s END, ",
                    sync_col_name(k, c), clk, clk, sync_col_name(k, c), sync_col_name(k, c));
    }
    for (int g = 0; g < sync_ngroups(k); g++) {
        sync_group_clock_name(k, g, clk, sizeof clk);
        strbuf_addf(&b, "%s = CASE WHEN EXCLUDED.%s > coalesce(t.%s, '\\x'::bytea) THEN EXCLUDED.%s ELSE t.%s END, ",
                    clk, clk, clk, clk, clk);
        strbuf_addf(&where, "%sEXCLUDED.%s > coalesce(t.%s, '\\x'::bytea)", g ? " OR " : "", clk, clk);
        /* The group ends as the peer sent it: its clock won, or equals
         * the hub's (both missing included). */
        strbuf_addf(&pure, "%scoalesce(EXCLUDED.%s >= t.%s, t.%s IS NULL)", g ? " AND " : "", clk, clk, clk);
    }
    strbuf_addf(&b, "origin = CASE WHEN %s THEN EXCLUDED.origin END, row_seq = EXCLUDED.row_seq WHERE %s", pure.s,
                where.s);
    snprintf(name, sizeof name, "merge_%d", i);
    int rc = 0;
    /* The stage: the table's columns without row_seq. */
    char *stage = xasprintf("CREATE TEMP TABLE IF NOT EXISTS stage_%s AS SELECT %s FROM carnet.%s WITH NO DATA",
                            k->name, cols.s, k->name);
    rc = exec_ok(h, stage, N_("preparing to merge"), err);
    free(stage);
    if (rc == 0)
        rc = prepare(h, name, b.s, N_("preparing to merge"), err);
    strbuf_free(&b);
    strbuf_free(&cols);
    strbuf_free(&where);
    strbuf_free(&pure);
    h->merging[i] = rc == 0;
    return rc;
}

/* Loads the rows of kind i of batch b into its stage and merges them; *won
 * gets the number of rows inserted or changed; origin is the sender's site
 * (NULL: the hub's own seeds). Inside a transaction. */
static int merge_kind(struct hub *h, const unsigned char dataset[16], const char *origin, const struct sync_batch *b,
                      int i, long *won, struct error *err)
{
    *won = 0;
    if (prepare_merge(h, i, err) != 0)
        return err->code;
    if (h->staged[i]) {
        char *sql = xasprintf("TRUNCATE pg_temp.stage_%s", kinds[i]->name);
        int rc = exec_ok(h, sql, N_("emptying the stage"), err);
        free(sql);
        if (rc != 0)
            return rc;
    }
    char *sql = xasprintf("COPY pg_temp.stage_%s FROM STDIN (FORMAT binary)", kinds[i]->name);
    PGresult *r = PQexec(h->conn, sql);
    free(sql);
    if (PQresultStatus(r) != PGRES_COPY_IN)
        return res_fail(h, r, err, N_("loading a batch"));
    PQclear(r);
    h->staged[i] = true;
    struct strbuf data;
    strbuf_init(&data);
    strbuf_add(&data, "PGCOPY\n\377\r\n\0", 11);
    put_be(&data, 0, 4);
    put_be(&data, 0, 4);
    int rc = 0;
    for (int j = 0; j < b->nrows && rc == 0; j++)
        if (b->rows[j].kind == kinds[i])
            rc = copy_row(&data, dataset, &b->rows[j], err);
    put_be(&data, 0xffff, 2);
    if (rc != 0) {
        PQputCopyEnd(h->conn, "refused");
    } else if (PQputCopyData(h->conn, data.s, (int)data.len) != 1 || PQputCopyEnd(h->conn, NULL) != 1) {
        rc = pg_fail(h, err, N_("loading a batch"));
    }
    strbuf_free(&data);
    r = PQgetResult(h->conn);
    if (rc == 0 && PQresultStatus(r) != PGRES_COMMAND_OK) {
        rc = res_fail(h, r, err, N_("loading a batch"));
        r = NULL;
    }
    PQclear(r);
    while ((r = PQgetResult(h->conn)))
        PQclear(r);
    if (rc != 0)
        return rc;
    char name[32];
    snprintf(name, sizeof name, "merge_%d", i);
    const char *p[1] = {origin};
    r = PQexecPrepared(h->conn, name, 1, p, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        return res_fail(h, r, err, N_("merging a batch"));
    *won = atol(PQcmdTuples(r));
    PQclear(r);
    return 0;
}

/* Merges every kind present in b, sent by origin (NULL: seeds). Inside a
 * transaction. */
static int merge_batch(struct sync_side *d, const unsigned char dataset[16], const char *origin,
                       const struct sync_batch *b, struct error *err)
{
    struct hub *h = side_hub(d);
    bool present[SYNC_KINDS_MAX] = {false};
    for (int j = 0; j < b->nrows; j++)
        present[kind_number(b->rows[j].kind)] = true;
    for (int i = 0; kinds[i]; i++) {
        if (!present[i])
            continue;
        long won;
        if (merge_kind(h, dataset, origin, b, i, &won, err) != 0)
            return err->code;
        if (d->sum) {
            d->sum->received[i] += won;
            d->sum->received_total += won;
        }
    }
    return 0;
}

/* A hub restored from a backup (another database or cluster), or a standby
 * promoted after a fail-over (a new timeline), may have given out change
 * numbers its peers hold as watermarks: a new site id for every dataset
 * makes its peers pull everything again (merges are idempotent), and its
 * own watermarks, restored with it, make them send again what it lost.
 * Seen here at the first sync whatever the order of the peers, unlike a
 * restore in place (hub_side_want). A hub without a timeline yet (made by
 * an older carnet) gets one from hub init. */
#define MOVED_SQL                                                                                              \
    "(SELECT value FROM carnet.meta WHERE key = 'identity') IS DISTINCT FROM (%s) OR EXISTS (SELECT 1 FROM " \
    "carnet.meta WHERE key = 'timeline' AND value IS DISTINCT FROM (%s))"
static int check_identity(struct hub *h, bool owner, struct error *err)
{
    char *q = xasprintf("SELECT " MOVED_SQL, identity_sql, timeline_sql);
    PGresult *r = query(h, q, 0, NULL, N_("checking its identity"), err);
    free(q);
    if (!r)
        return err->code;
    bool moved = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    if (!moved)
        return 0;
    /* Only the owner sees every dataset to renew. */
    if (!owner)
        return error_add(err, ERR_INVALID,
                         "the hub %s was restored into another database or is a standby that took over: its owner must "
                         "first run: carnet hub init %s (it gives every dataset a new identity); nothing was changed",
                         h->shown, h->shown);
    char *sql = xasprintf("BEGIN; LOCK TABLE carnet.meta IN EXCLUSIVE MODE; "
                          "UPDATE carnet.dataset SET site = gen_random_uuid() WHERE " MOVED_SQL "; "
                          "INSERT INTO carnet.meta SELECT 'identity', (%s) ON CONFLICT (key) DO UPDATE SET value = "
                          "EXCLUDED.value; "
                          "INSERT INTO carnet.meta SELECT 'timeline', (%s) ON CONFLICT (key) DO UPDATE SET value = "
                          "EXCLUDED.value; COMMIT",
                          identity_sql, timeline_sql, identity_sql, timeline_sql);
    int rc = exec_ok(h, sql, N_("taking a new identity after a restore"), err);
    free(sql);
    if (rc != 0)
        rollback(h);
    return rc;
}

#define SEEDS_PREFIX "carnet-seeds-"

/* Removes the seeds' folders (SEEDS_PREFIX PID-XXXXXX, ours) that their
 * process left when it was killed with SIGKILL, which nothing can catch:
 * those of a process that is gone, and any older than an hour (a seeding
 * takes a second; an older carnet named them without its PID). Only the
 * files a seed store makes are removed, then the folder if it is empty. */
static void sweep_seeds(const char *tmp)
{
    DIR *dir = opendir(tmp);
    if (!dir)
        return;
    size_t np = strlen(SEEDS_PREFIX);
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (strncmp(e->d_name, SEEDS_PREFIX, np) != 0)
            continue;
        char *end;
        long pid = strtol(e->d_name + np, &end, 10);
        bool gone = end != e->d_name + np && *end == '-' && pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
        char *path = xasprintf("%s/%s", tmp, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
            (gone || now - st.st_mtime > 3600)) {
            char *db = xasprintf("%s/seeds.db", path);
            sync_clone_discard(db);
            free(db);
            rmdir(path);
        }
        free(path);
    }
    closedir(dir);
}

/* The seed rows a new dataset starts with: those of a new store, made
 * aside (every replica seeds the same rows). The signals that end a
 * process (a Ctrl-C, a terminal or an ssh session that closes, a kill)
 * wait until the store is removed; a SIGKILL leaves it to the next
 * seeding's sweep. */
static int seed_rows(struct sync_batch *b, struct error *err)
{
    const char *env = getenv("TMPDIR");
    const char *tmp = env && *env ? env : "/tmp";
    sweep_seeds(tmp);
    sigset_t ending, old;
    sigemptyset(&ending);
    sigaddset(&ending, SIGINT);
    sigaddset(&ending, SIGTERM);
    sigaddset(&ending, SIGHUP);
    sigaddset(&ending, SIGQUIT);
    sigprocmask(SIG_BLOCK, &ending, &old);
    char *dir = xasprintf("%s/" SEEDS_PREFIX "%ld-XXXXXX", tmp, (long)getpid());
    int rc = 0;
    if (!mkdtemp(dir)) {
        rc = error_add(err, ERR_IO, "cannot make a temporary folder in %s: %s", tmp, strerror(errno));
    } else {
        char *path = xasprintf("%s/seeds.db", dir);
        struct store *s = store_open(path, STORE_CREATE, err);
        rc = s ? sync_store_seeds(s, b, err) : err->code;
        store_close(s);
        sync_clone_discard(path);
        rmdir(dir);
        free(path);
    }
    free(dir);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}

/* The dataset's row (site, hlc); a new dataset (not for a clone) is made
 * with its seeds. */
static int scope_dataset(struct sync_side *d, bool create, struct error *err)
{
    struct hub *h = side_hub(d);
    struct hub_session *hs = d->impl;
    const char *p[1] = {d->me.dataset};
    PGresult *r = query(h, "SELECT site, hlc FROM carnet.dataset WHERE dataset = $1::uuid", 1, p,
                        N_("reading the dataset"), err);
    if (!r)
        return err->code;
    if (PQntuples(r) == 0 && create) {
        PQclear(r);
        struct sync_batch seeds = {0};
        int rc = seed_rows(&seeds, err);
        if (rc == 0)
            rc = exec_ok(h, "BEGIN", N_("adding the dataset"), err);
        if (rc == 0) {
            PGresult *ins = query(h, "INSERT INTO carnet.dataset (dataset, site) VALUES ($1::uuid, gen_random_uuid()) "
                                     "ON CONFLICT DO NOTHING", 1, p, N_("adding the dataset"), err);
            bool added = ins && atoi(PQcmdTuples(ins)) == 1;
            rc = ins ? 0 : err->code;
            PQclear(ins);
            if (rc == 0 && added)
                rc = merge_batch(d, hs->dataset_bin, NULL, &seeds, err);
            if (rc == 0)
                rc = exec_ok(h, "COMMIT", N_("adding the dataset"), err);
            else
                rollback(h);
        }
        sync_batch_clear(&seeds);
        if (d->sum) {   /* the seeds are not changes received */
            memset(d->sum->received, 0, sizeof d->sum->received);
            d->sum->received_total = 0;
        }
        if (rc != 0)
            return rc;
        return scope_dataset(d, false, err);
    }
    int rc = 0;
    if (PQntuples(r) == 0) {
        rc = error_add(err, ERR_NOTFOUND, "the hub %s holds no dataset %s: see the datasets it holds with: "
                                          "carnet hub status %s", h->shown, d->me.dataset, h->shown);
    } else {
        snprintf(d->me.site, sizeof d->me.site, "%s", PQgetvalue(r, 0, 0));
        d->me.hlc = (uint64_t)strtoull(PQgetvalue(r, 0, 1), NULL, 10);
    }
    PQclear(r);
    return rc;
}

/* What the session's role may do with a dataset, by the policies' own
 * definition (scope_sql); a superuser or a BYPASSRLS role counts as the
 * owner. role is the current role's name. */
struct hub_access {
    char role[128];
    bool owner, read, write;
};

static int session_access(struct hub *h, const char *dataset, struct hub_access *a, struct error *err)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "SELECT current_user, %s OR (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r "
                    "WHERE r.rolname = current_user), ", owner_sql);
    scope_sql(&b, "$1::uuid", false);
    strbuf_adds(&b, ", ");
    scope_sql(&b, "$1::uuid", true);
    const char *p[1] = {dataset};
    PGresult *r = query(h, b.s, 1, p, N_("reading what this role may do"), err);
    strbuf_free(&b);
    if (!r)
        return err->code;
    snprintf(a->role, sizeof a->role, "%s", PQgetvalue(r, 0, 0));
    a->owner = PQgetvalue(r, 0, 1)[0] == 't';
    a->read = a->owner || PQgetvalue(r, 0, 2)[0] == 't';
    a->write = a->owner || PQgetvalue(r, 0, 3)[0] == 't';
    PQclear(r);
    return 0;
}

/* A session reads and writes its dataset (a clone's too, which records its
 * watermark): a role that may not write it is refused before anything is
 * read or changed, on either side. Row-level security would refuse its
 * writes anyway; this says why. */
static int check_access(struct hub *h, const char *dataset, struct hub_access *a, struct error *err)
{
    if (session_access(h, dataset, a, err) != 0)
        return err->code;
    if (a->write)
        return 0;
    if (a->read)
        return error_add(err, ERR_INVALID,
                         "the role %s may only read the dataset %s on the hub %s, not sync it: the hub's owner can let "
                         "it with: carnet hub grant %s %s --dataset %s --write; nothing was changed", a->role, dataset,
                         h->shown, h->shown, a->role, dataset);
    return error_add(err, ERR_INVALID,
                     "the role %s may not sync the dataset %s on the hub %s: the hub's owner can let it with: carnet "
                     "hub grant %s %s --dataset %s --write; nothing was changed", a->role, dataset, h->shown, h->shown,
                     a->role, dataset);
}

/* The session's scope: the dataset (a valid id), and only it, once the
 * role may use it and the hub's identity holds; with create, a dataset the
 * hub does not hold yet is made with its seeds. */
static int scope_session(struct sync_side *d, const char *dataset, bool create, struct error *err)
{
    struct hub *h = side_hub(d);
    struct hub_session *hs = d->impl;
    snprintf(d->me.dataset, sizeof d->me.dataset, "%s", dataset);
    uuid_parse(d->me.dataset, hs->dataset_bin);
    struct hub_access a;
    if (check_access(h, d->me.dataset, &a, err) != 0 || check_identity(h, a.owner, err) != 0 ||
        scope_dataset(d, create, err) != 0)
        return err->code;
    return 0;
}

static int hub_side_check(struct sync_side *d, const struct sync_hello *peer, struct error *err)
{
    struct hub *h = side_hub(d);
    d->peer = *peer;
    if ((peer->flags & SYNC_HELLO_CLONE) && d->o->batch_rows <= 0)
        d->batch_rows = SYNC_CLONE_BATCH_ROWS;
    if (!id_valid(peer->dataset))
        return error_add(err, ERR_CORRUPT, "the sync stream is damaged: a hello without valid ids");
    /* The dataset of the peer's hello; a clone makes nothing. */
    if (scope_session(d, peer->dataset, !(peer->flags & SYNC_HELLO_CLONE), err) != 0)
        return err->code;
    if (sync_hello_check(d, peer, err) != 0)
        return err->code;
    if (d->sum)
        snprintf(d->sum->peer_site, sizeof d->sum->peer_site, "%s", peer->site);
    const char *p[2] = {d->me.dataset, peer->site};
    PGresult *r = query(h, "SELECT last_seq, synced_hlc, sent_seq FROM carnet.sync_peer WHERE dataset = $1::uuid AND "
                           "site_id = $2::uuid", 2, p, N_("reading what it knows of the peer"), err);
    if (!r)
        return err->code;
    if (PQntuples(r)) {
        d->applied_seq = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        d->synced_hlc = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
        d->peer_has_mine = strtoll(PQgetvalue(r, 0, 2), NULL, 10);
    }
    PQclear(r);
    return 0;
}

/* The highest change number of the dataset $1, an expression. */
static void max_seq_sql(struct strbuf *b)
{
    strbuf_adds(b, "greatest(0");
    for (int i = 0; kinds[i]; i++)
        strbuf_addf(b, ", (SELECT max(row_seq) FROM carnet.%s WHERE dataset = $1::uuid)", kinds[i]->name);
    strbuf_adds(b, ")");
}

static int max_seq(struct hub *h, const char *dataset, int64_t *max, struct error *err)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "SELECT ");
    max_seq_sql(&b);
    const char *p[1] = {dataset};
    PGresult *r = query(h, b.s, 1, p, N_("reading its change numbers"), err);
    strbuf_free(&b);
    if (!r)
        return err->code;
    *max = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return 0;
}

/* A peer that has received more from the hub than the hub holds: the hub
 * lost changes (a restore in place, or a standby that lagged behind its
 * primary). A new site id makes every peer pull everything again. Only the
 * first peers to sync after such a loss can see it: if a peer whose
 * watermark is below the hub's pushes first, the numbers climb past the
 * others' watermarks. A restore into a new database (check_identity) has
 * no such window; after a restore in place, every store's next sync
 * should come before any push (or restore into a new database). */
static int hub_side_want(struct sync_side *d, int64_t since, struct error *err)
{
    struct hub *h = side_hub(d);
    int64_t max;
    if (since <= 0)
        return 0;
    if (max_seq(h, d->me.dataset, &max, err) != 0)
        return err->code;
    if (since <= max)
        return 0;
    const char *p[1] = {d->me.dataset};
    PGresult *r = query(h, "UPDATE carnet.dataset SET site = gen_random_uuid() WHERE dataset = $1::uuid", 1, p,
                        N_("taking a new identity"), err);
    if (!r)
        return err->code;
    PQclear(r);
    return error_add(err, ERR_INVALID,
                     "the hub %s holds fewer changes than this store received from it (it was restored from a backup "
                     "or switched to a standby that lagged): it now asks every store for its changes again. Run the "
                     "sync again; nothing was lost here", h->shown);
}

static int cmp_seq(const void *a, const void *b)
{
    const struct sync_row *x = a, *y = b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Where the next batch ends, read in its snapshot: over the first $3
 * change numbers after $2 of every kind of dataset $1, the peer's own rows
 * ($4, their origin) left out: the highest, how many, and which kinds
 * hold them; then the dataset's highest number. One statement, so that
 * a batch reads only the rows it sends and a sync with nothing to
 * receive reads no row at all. */
static void bounds_sql(struct strbuf *b)
{
    strbuf_adds(b, "SELECT max(s), count(*), coalesce(bit_or(1::bigint << k), 0), ");
    max_seq_sql(b);
    strbuf_adds(b, " FROM (SELECT k, s FROM (");
    for (int i = 0; kinds[i]; i++)
        strbuf_addf(b, "%s(SELECT %d AS k, row_seq AS s FROM carnet.%s WHERE dataset = $1::uuid AND row_seq > "
                       "$2::bigint AND origin IS DISTINCT FROM $4::uuid ORDER BY row_seq LIMIT $3::bigint)",
                    i ? " UNION ALL " : "", i, kinds[i]->name);
    strbuf_adds(b, ") u ORDER BY s LIMIT $3::bigint) v");
}

/* The first batch_rows change numbers after since over all kinds, read in
 * one snapshot; seeds and the peer's own rows (their origin) left out. The
 * last batch's watermark is the highest number in the snapshot, past the
 * rows left out: writers are serialized, so no later commit takes a
 * number below it. */
static int hub_side_extract(struct sync_side *d, int64_t since, struct sync_batch *b, struct error *err)
{
    struct hub *h = side_hub(d);
    sync_batch_clear(b);
    b->last_seq = since;
    if (exec_ok(h, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", N_("reading its changes"), err) != 0)
        return err->code;
    char sincebuf[24], want[24], name[32];
    snprintf(sincebuf, sizeof sincebuf, "%lld", (long long)since);
    snprintf(want, sizeof want, "%d", d->batch_rows);
    const char *p[4] = {d->me.dataset, sincebuf, want, d->peer.site};
    struct strbuf sql;
    strbuf_init(&sql);
    bounds_sql(&sql);
    PGresult *r = query_named(h, STMT_BOUNDS, sql.s, 4, p, N_("reading its changes"), err);
    strbuf_free(&sql);
    int rc = r ? 0 : err->code;
    long n = 0;
    uint64_t present = 0;
    int64_t top = since;
    char cutoff[24] = "";
    if (r) {
        snprintf(cutoff, sizeof cutoff, "%s", PQgetvalue(r, 0, 0));
        n = atol(PQgetvalue(r, 0, 1));
        present = strtoull(PQgetvalue(r, 0, 2), NULL, 10);
        top = strtoll(PQgetvalue(r, 0, 3), NULL, 10);
        PQclear(r);
    }
    bool more = n >= d->batch_rows;
    p[2] = cutoff;
    for (int i = 0; kinds[i] && rc == 0 && n > 0; i++) {
        if (!(present & (uint64_t)1 << i))
            continue;
        if ((rc = prepare_extract(h, i, err)) != 0)
            break;
        snprintf(name, sizeof name, "extract_%d", i);
        r = PQexecPrepared(h->conn, name, 4, p, NULL, NULL, 1);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            rc = res_fail(h, r, err, N_("reading its changes"));
            break;
        }
        for (int t = 0; t < PQntuples(r); t++)
            read_row(r, t, sync_batch_add(b, kinds[i]));
        PQclear(r);
    }
    exec_ok(h, rc == 0 ? "COMMIT" : "ROLLBACK", N_("reading its changes"), rc == 0 ? err : NULL);
    if (rc != 0)
        return rc;
    if (b->nrows > 1)
        qsort(b->rows, (size_t)b->nrows, sizeof *b->rows, cmp_seq);
    if (more)
        b->last_seq = strtoll(cutoff, NULL, 10);
    else if (top > since)
        b->last_seq = top;
    int kept = 0;
    for (int j = 0; j < b->nrows; j++) {
        if (sync_row_is_seed(&b->rows[j]))
            sync_row_clear(&b->rows[j]);
        else
            b->rows[kept++] = b->rows[j];
    }
    b->nrows = kept;
    b->more = more;
    sync_batch_budget(b);
    return 0;
}

static int hub_side_apply(struct sync_side *d, const struct sync_batch *b, struct error *err)
{
    struct hub *h = side_hub(d);
    struct hub_session *hs = d->impl;
    uint64_t seen;
    if (sync_batch_check_clocks(d, b, &seen, err) != 0)
        return err->code;
    /* A batch the store left empty (rows it had received from here, not
     * sent back) that others follow: its watermark waits for the next
     * batch's transaction rather than costing one of its own (a sync cut
     * before then sends those numbers again, and they are still empty). */
    if (b->nrows == 0 && b->more) {
        if (b->last_seq > d->applied_seq)
            d->applied_seq = b->last_seq;
        return 0;
    }
    if (exec_ok(h, "BEGIN", N_("applying a batch"), err) != 0)
        return err->code;
    const char *p[1] = {d->me.dataset};
    int rc = 0;
    /* The dataset's writer lock, before the first change number and held
     * to the commit: numbers of one dataset commit in order. */
    if (b->nrows) {
        PGresult *r = query_named(h, STMT_LOCK, "SELECT 1 FROM carnet.dataset WHERE dataset = $1::uuid FOR UPDATE", 1,
                                  p, N_("locking the dataset"), err);
        rc = r ? 0 : err->code;
        PQclear(r);
    }
    if (rc == 0)
        rc = merge_batch(d, hs->dataset_bin, d->peer.site, b, err);
    char last[24], hlc[24];
    snprintf(last, sizeof last, "%lld", (long long)b->last_seq);
    snprintf(hlc, sizeof hlc, "%llu", (unsigned long long)seen);
    const char *wp[3] = {d->me.dataset, d->peer.site, last};
    if (rc == 0) {
        PGresult *r = query_named(h, STMT_WATERMARK,
                                  "INSERT INTO carnet.sync_peer (dataset, site_id, last_seq) VALUES ($1::uuid, "
                                  "$2::uuid, $3::bigint) ON CONFLICT (dataset, site_id) DO UPDATE SET last_seq = "
                                  "greatest(carnet.sync_peer.last_seq, EXCLUDED.last_seq)", 3, wp,
                                  N_("keeping the sync watermark"), err);
        rc = r ? 0 : err->code;
        PQclear(r);
    }
    if (rc == 0 && seen > d->me.hlc) {
        const char *hp[2] = {d->me.dataset, hlc};
        PGresult *r = query_named(h, STMT_HLC,
                                  "UPDATE carnet.dataset SET hlc = greatest(hlc, $2::bigint) WHERE dataset = $1::uuid",
                                  2, hp, N_("keeping the clock"), err);
        rc = r ? 0 : err->code;
        PQclear(r);
        if (rc == 0)
            d->me.hlc = seen;
    }
    if (rc == 0)
        rc = exec_ok(h, "COMMIT", N_("applying a batch"), err);
    if (rc != 0) {
        rollback(h);
        return rc;
    }
    if (b->last_seq > d->applied_seq)
        d->applied_seq = b->last_seq;
    return 0;
}

static int hub_side_finish(struct sync_side *d, struct error *err)
{
    struct hub *h = side_hub(d);
    char sent[24], hlc[24];
    snprintf(sent, sizeof sent, "%lld", (long long)d->peer_has_mine);
    snprintf(hlc, sizeof hlc, "%llu", (unsigned long long)d->me.hlc);
    const char *p[4] = {d->me.dataset, d->peer.site, sent, hlc};
    PGresult *r = query(h, "INSERT INTO carnet.sync_peer (dataset, site_id, sent_seq, synced_hlc, last_sync_at) "
                           "VALUES ($1::uuid, $2::uuid, $3::bigint, $4::bigint, now()) ON CONFLICT (dataset, site_id) "
                           "DO UPDATE SET sent_seq = greatest(carnet.sync_peer.sent_seq, EXCLUDED.sent_seq), "
                           "synced_hlc = EXCLUDED.synced_hlc, last_sync_at = now()", 4, p, N_("recording the sync"), err);
    if (!r)
        return err->code;
    PQclear(r);
    return 0;
}

static void hub_side_close(struct sync_side *d)
{
    free(d->impl);
    d->impl = NULL;
}

static const struct sync_backend hub_backend = {
    .check = hub_side_check,
    .want = hub_side_want,
    .extract = hub_side_extract,
    .apply = hub_side_apply,
    .finish = hub_side_finish,
    .close = hub_side_close,
};

static void hub_side_open(struct sync_side *d, struct hub *h, const struct sync_opts *o, struct sync_summary *sum)
{
    sync_side_init(d, &hub_backend, o, sum);
    struct hub_session *hs = xcalloc(1, sizeof *hs);
    hs->h = h;
    d->impl = hs;
}

/* The options of the side that answers (the hub a store or a hub syncs
 * with): o's, but it clones nothing, names no peer and shows no progress. */
static struct sync_opts answering_opts(const struct sync_opts *o)
{
    struct sync_opts a = o ? *o : (struct sync_opts){0};
    a.clone = false;
    a.address = NULL;
    a.progress = NULL;
    return a;
}

int hub_sync(struct store *s, struct hub *h, const struct sync_opts *o, struct sync_summary *sum, struct error *err)
{
    struct sync_side ds, dh;
    struct sync_summary other;
    struct sync_opts ho = answering_opts(o);
    int rc = sync_side_open(&ds, s, o, sum, err);
    /* The store's batches to the hub: a batch holds only its dataset's
     * writer lock (other centres never wait on it), and each costs the
     * hub a transaction whatever its size. What the store receives stays
     * in batches of the usual size: those hold the store's lock. */
    if (!o || o->batch_rows <= 0)
        ds.batch_rows = HUB_PUSH_BATCH_ROWS;
    hub_side_open(&dh, h, &ho, &other);
    return sync_sides(&ds, &dh, rc, err);
}

int hub_sync_uri(struct store *s, const char *uri, const struct sync_opts *o, struct sync_summary *sum,
                 struct error *err)
{
    struct hub *h = hub_open(uri, true, err);
    if (!h)
        return err->code;
    int rc = hub_sync(s, h, o, sum, err);
    hub_close(h);
    return rc;
}

int hub_serve(struct hub *h, int in_fd, int out_fd, struct error *err)
{
    struct sync_side d;
    hub_side_open(&d, h, NULL, NULL);
    return sync_serve_side(&d, 0, in_fd, out_fd, err);
}

/* ---- stacking: a hub with a hub ---- */

/* Stacking (a region's hub with the nation's) runs one session per dataset
 * between two hub sides. The first side presents the hello of a dataset it
 * holds (its site and clock); the second adopts that dataset as from any
 * peer, making it with its seeds on a first sync. Seeds carry zero clocks
 * and are never sent, so neither hub gives them new clocks. */
static int hub_side_scope(struct sync_side *d, const char *dataset, struct error *err)
{
    if (!id_valid(dataset))
        return error_add(err, ERR_INVALID,
                         "%s is not a dataset id: give one of the ids that carnet hub status %s lists", dataset,
                         side_hub(d)->shown);
    return scope_session(d, dataset, false, err);
}

int hub_stack_check(struct hub *a, struct hub *b, struct error *err)
{
    char *ids[2] = {NULL, NULL};
    struct hub *hs[2] = {a, b};
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++) {
        PGresult *r = query(hs[i], identity_sql, 0, NULL, N_("checking its identity"), err);
        if (!r) {
            rc = err->code;
            break;
        }
        ids[i] = xstrdup(PQgetvalue(r, 0, 0));
        PQclear(r);
    }
    if (rc == 0 && strcmp(ids[0], ids[1]) == 0)
        rc = error_add(err, ERR_INVALID, "%s and %s are the same database: give the address of another hub (a region's "
                                         "hub syncs with the nation's); nothing was changed", a->shown, b->shown);
    free(ids[0]);
    free(ids[1]);
    return rc;
}

int hub_stack(struct hub *a, struct hub *b, const char *dataset, const struct sync_opts *o, struct sync_summary *sum_a,
              struct sync_summary *sum_b, struct error *err)
{
    struct sync_side da, db;
    struct sync_opts bo = answering_opts(o);
    struct sync_opts ao = o ? *o : (struct sync_opts){0};
    ao.clone = false;
    hub_side_open(&da, a, &ao, sum_a);
    hub_side_open(&db, b, &bo, sum_b);
    int rc = hub_side_scope(&da, dataset, err);
    return sync_sides(&da, &db, rc, err);
}

/* ---- what an administrator reads ---- */

int hub_content_hash(struct hub *h, const char *dataset, uint64_t *hash, struct error *err)
{
    uint64_t v = SYNC_HASH_INIT;
    struct strbuf b;
    strbuf_init(&b);
    const char *p[1] = {dataset};
    int rc = 0;
    for (int i = 0; kinds[i] && rc == 0; i++) {
        const struct kind *k = kinds[i];
        strbuf_reset(&b);
        strbuf_adds(&b, "SELECT ");
        row_layout(k, &b);
        strbuf_addf(&b, " FROM carnet.%s WHERE dataset = $1::uuid ORDER BY id COLLATE \"C\"", k->name);
        PGresult *r = PQexecParams(h->conn, b.s, 1, NULL, p, NULL, NULL, 1);
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            rc = res_fail(h, r, err, N_("reading a dataset"));
            break;
        }
        sync_hash_kind(&v, k);
        struct sync_row row;
        sync_row_init(&row, k);
        for (int t = 0; t < PQntuples(r); t++) {
            read_row(r, t, &row);
            sync_hash_row(&v, &row);
        }
        sync_row_clear(&row);
        PQclear(r);
    }
    strbuf_free(&b);
    *hash = v;
    return rc;
}

/* The live centre named (or identified by) text, in dataset when given:
 * its dataset, id and name. Names are matched as the store matches them
 * (case aside); one in two datasets needs --dataset. */
int hub_centre_lookup(struct hub *h, const char *dataset, const char *text, bool one, char ds[37], char **id,
                      char **name, struct error *err)
{
    const char *p[2] = {dataset, text};
    PGresult *r = hub_query(h, "SELECT dataset, id, name FROM carnet.centre WHERE deleted = 0 AND ($1::uuid IS NULL OR "
                               "dataset = $1::uuid) AND (id = $2 OR lower(name) = lower($2)) ORDER BY id = $2 DESC, "
                               "dataset, id COLLATE \"C\" LIMIT 3", 2, p, N_("finding a centre"), err);
    if (!r)
        return err->code;
    int n = PQntuples(r), rc = 0;
    bool by_id = n && strcmp(PQgetvalue(r, 0, 1), text) == 0;
    if (n == 0 && dataset)
        rc = error_add(err, ERR_NOTFOUND, "the dataset %s of the hub %s has no centre named '%s': see its centres "
                                          "with: carnet hub status %s", dataset, h->shown, text, h->shown);
    else if (n == 0)
        rc = error_add(err, ERR_NOTFOUND, "the hub %s has no centre named '%s': see the centres of each dataset with: "
                                          "carnet hub status %s", h->shown, text, h->shown);
    else if (n > 1 && !by_id && strcmp(PQgetvalue(r, 0, 0), PQgetvalue(r, 1, 0)) != 0)
        rc = error_add(err, ERR_INVALID, "several datasets of the hub %s have a centre named '%s': give the dataset "
                                         "with --dataset ID (carnet hub status %s lists them)", h->shown, text,
                       h->shown);
    else if (n > 1 && !by_id && one)
        rc = error_add(err, ERR_INVALID, "several centres are named '%s': give the centre's id", text);
    if (rc == 0) {
        snprintf(ds, 37, "%s", PQgetvalue(r, 0, 0));
        *id = xstrdup(PQgetvalue(r, 0, 1));
        *name = xstrdup(PQgetvalue(r, 0, 2));
    }
    PQclear(r);
    return rc;
}

int hub_find_centre(struct hub *h, const char *name, char dataset[37], struct error *err)
{
    char *id = NULL, *found = NULL;
    int rc = hub_centre_lookup(h, NULL, name, false, dataset, &id, &found, err);
    free(id);
    free(found);
    return rc;
}

int hub_status(struct hub *h, struct hub_dataset_status **out, int *n, struct error *err)
{
    *out = NULL;
    *n = 0;
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "SELECT d.dataset, coalesce((SELECT string_agg(c.name, ', ' ORDER BY c.name) FROM carnet.centre c "
                    "WHERE c.dataset = d.dataset AND c.deleted = 0), ''), 0");
    for (int i = 0; kinds[i]; i++)
        if (!(kinds[i]->flags & K_SEEDED))
            strbuf_addf(&b, " + (SELECT count(*) FROM carnet.%s x WHERE x.dataset = d.dataset AND x.deleted = 0)",
                        kinds[i]->name);
    strbuf_adds(&b, " FROM carnet.dataset d ORDER BY d.created_at, d.dataset");
    PGresult *r = query(h, b.s, 0, NULL, N_("listing its datasets"), err);
    strbuf_free(&b);
    if (!r)
        return err->code;
    *n = PQntuples(r);
    *out = xcalloc((size_t)(*n ? *n : 1), sizeof **out);
    for (int t = 0; t < *n; t++) {
        struct hub_dataset_status *ds = &(*out)[t];
        snprintf(ds->dataset, sizeof ds->dataset, "%s", PQgetvalue(r, t, 0));
        ds->centres = xstrdup(PQgetvalue(r, t, 1));
        ds->records = atol(PQgetvalue(r, t, 2));
    }
    PQclear(r);
    for (int t = 0; t < *n; t++) {
        struct hub_dataset_status *ds = &(*out)[t];
        int64_t max;
        if (max_seq(h, ds->dataset, &max, err) != 0)
            return err->code;
        const char *p[1] = {ds->dataset};
        r = query(h, "SELECT site_id, to_char(last_sync_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                     "sent_seq FROM carnet.sync_peer WHERE dataset = $1::uuid ORDER BY last_sync_at DESC NULLS LAST",
                  1, p, N_("listing its peers"), err);
        if (!r)
            return err->code;
        ds->npeers = PQntuples(r);
        ds->peers = xcalloc((size_t)(ds->npeers ? ds->npeers : 1), sizeof *ds->peers);
        for (int j = 0; j < ds->npeers; j++) {
            struct hub_peer_status *ps = &ds->peers[j];
            snprintf(ps->site_id, sizeof ps->site_id, "%s", PQgetvalue(r, j, 0));
            ps->last_sync_at = PQgetisnull(r, j, 1) ? NULL : xstrdup(PQgetvalue(r, j, 1));
            int64_t sent = strtoll(PQgetvalue(r, j, 2), NULL, 10);
            ps->pending = 0;
            if (sent < max) {
                /* Changes after what the peer has: counted over every kind. */
                struct strbuf q;
                strbuf_init(&q);
                strbuf_adds(&q, "SELECT 0");
                for (int i = 0; kinds[i]; i++)
                    strbuf_addf(&q, " + (SELECT count(*) FROM carnet.%s WHERE dataset = $1::uuid AND row_seq > "
                                    "$2::bigint)", kinds[i]->name);
                char sb[24];
                snprintf(sb, sizeof sb, "%lld", (long long)sent);
                const char *pp[2] = {ds->dataset, sb};
                PGresult *c = query(h, q.s, 2, pp, N_("counting changes"), err);
                strbuf_free(&q);
                if (!c) {
                    PQclear(r);
                    return err->code;
                }
                ps->pending = atol(PQgetvalue(c, 0, 0));
                PQclear(c);
            }
        }
        PQclear(r);
    }
    return 0;
}

void hub_status_free(struct hub_dataset_status *d, int n)
{
    for (int i = 0; i < n; i++) {
        free(d[i].centres);
        for (int j = 0; j < d[i].npeers; j++)
            free(d[i].peers[j].last_sync_at);
        free(d[i].peers);
    }
    free(d);
}

/* ---- what an administrator grants ---- */

/* The hub tables a role reads (every one), or writes (those of the
 * datasets), comma-separated. */
static void hub_tables(struct strbuf *b, bool write)
{
    strbuf_adds(b, write ? "carnet.dataset, carnet.sync_peer" : "carnet.meta, carnet.access, carnet.dataset, "
                                                                 "carnet.sync_peer");
    for (int i = 0; kinds[i]; i++)
        strbuf_addf(b, ", carnet.%s", kinds[i]->name);
}

/* The role's name as a quoted identifier (never pasted as it came), or
 * NULL with err filled. */
static char *role_ident(struct hub *h, const char *role, struct error *err)
{
    char *q = PQescapeIdentifier(h->conn, role, strlen(role));
    if (!q)
        pg_fail(h, err, N_("quoting a role's name"));
    return q;
}

/* The table privileges role needs for the grants it has left: none, read
 * (every table and the schema) or write (the datasets' tables and the
 * change numbers); what it no longer needs is taken back. */
static int set_privileges(struct hub *h, const char *role, struct error *err)
{
    const char *p[1] = {role};
    PGresult *r = query(h, "SELECT count(*) > 0, coalesce(bool_or(can_write), false), EXISTS (SELECT 1 FROM "
                           "pg_catalog.pg_roles WHERE rolname = $1) FROM carnet.access WHERE role = $1", 1, p,
                        N_("reading the grants"), err);
    if (!r)
        return err->code;
    bool read = PQgetvalue(r, 0, 0)[0] == 't', write = PQgetvalue(r, 0, 1)[0] == 't';
    bool exists = PQgetvalue(r, 0, 2)[0] == 't';
    PQclear(r);
    if (!exists)
        return 0;   /* a role since dropped: its grants go, nothing to take back */
    char *q = role_ident(h, role, err);
    if (!q)
        return err->code;
    struct strbuf all, w, sql;
    strbuf_init(&all);
    strbuf_init(&w);
    strbuf_init(&sql);
    hub_tables(&all, false);
    hub_tables(&w, true);
    /* The federation views: a reader reads them (their security_invoker
     * applies its row-level security), and so does a writer. */
    if (!read)
        strbuf_addf(&sql, "REVOKE ALL ON %s FROM %s; REVOKE ALL ON SEQUENCE carnet.row_seq FROM %s; "
                          "REVOKE ALL ON SCHEMA carnet FROM %s; REVOKE ALL ON ALL TABLES IN SCHEMA federation FROM %s; "
                          "REVOKE ALL ON SCHEMA federation FROM %s;", all.s, q, q, q, q, q);
    else
        strbuf_addf(&sql, "GRANT USAGE ON SCHEMA carnet TO %s; GRANT SELECT ON %s TO %s; GRANT USAGE ON SCHEMA "
                          "federation TO %s; GRANT SELECT ON ALL TABLES IN SCHEMA federation TO %s; ", q, all.s, q, q,
                    q);
    if (read && write)
        strbuf_addf(&sql, "GRANT INSERT, UPDATE ON %s TO %s; GRANT USAGE ON SEQUENCE carnet.row_seq TO %s;", w.s, q, q);
    else if (read)
        strbuf_addf(&sql, "REVOKE INSERT, UPDATE, DELETE ON %s FROM %s; REVOKE ALL ON SEQUENCE carnet.row_seq FROM %s;",
                    all.s, q, q);
    int rc = exec_ok(h, sql.s, N_("granting table privileges"), err);
    strbuf_free(&all);
    strbuf_free(&w);
    strbuf_free(&sql);
    PQfreemem(q);
    return rc;
}

/* A role that exists, and ids that are datasets' ids. */
static int check_grant(struct hub *h, const char *role, const char *const *datasets, int n, bool need_role,
                       struct error *err)
{
    for (int i = 0; i < n; i++)
        if (!id_valid(datasets[i]))
            return error_add(err, ERR_INVALID, "'%s' is not a dataset id: give one as carnet hub status %s lists them",
                             datasets[i], h->shown);
    if (!need_role)
        return 0;
    const char *p[1] = {role};
    PGresult *r = query(h, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", 1, p, N_("finding a role"), err);
    if (!r)
        return err->code;
    int found = PQntuples(r);
    PQclear(r);
    if (!found)
        return error_add(err, ERR_NOTFOUND, "the hub %s has no PostgreSQL role named '%s': create it first (createuser "
                                            "%s, as the PostgreSQL superuser)", h->shown, role, role);
    return 0;
}

/* The end of a grant or a revoke, whose rows of carnet.access are written
 * (rc 0) or failed: the role's table privileges follow what is left, then
 * the transaction commits, or rolls back whole. */
static int access_commit(struct hub *h, const char *role, int rc, const char *doing, struct error *err)
{
    if (rc == 0)
        rc = set_privileges(h, role, err);
    if (rc == 0)
        rc = exec_ok(h, "COMMIT", doing, err);
    if (rc != 0)
        rollback(h);
    return rc;
}

int hub_grant(struct hub *h, const char *role, const char *const *datasets, int n, bool write, struct error *err)
{
    if (check_grant(h, role, datasets, n, true, err) != 0)
        return err->code;
    if (exec_ok(h, "BEGIN", N_("granting access"), err) != 0)
        return err->code;
    int rc = 0;
    for (int i = 0; i < (n ? n : 1) && rc == 0; i++) {
        const char *p[3] = {role, n ? datasets[i] : NULL, write ? "t" : "f"};
        PGresult *r = query(h, "INSERT INTO carnet.access (role, dataset, can_write) VALUES ($1, $2::uuid, $3::boolean) "
                               "ON CONFLICT (role, coalesce(dataset, '00000000-0000-0000-0000-000000000000'::uuid)) DO "
                               "UPDATE SET can_write = EXCLUDED.can_write, granted_at = now()", 3, p,
                            N_("granting access"), err);
        rc = r ? 0 : err->code;
        PQclear(r);
    }
    return access_commit(h, role, rc, N_("granting access"), err);
}

int hub_revoke(struct hub *h, const char *role, const char *const *datasets, int n, struct error *err)
{
    if (check_grant(h, role, datasets, n, false, err) != 0)
        return err->code;
    if (exec_ok(h, "BEGIN", N_("revoking access"), err) != 0)
        return err->code;
    int rc = 0;
    for (int i = 0; i < (n ? n : 1) && rc == 0; i++) {
        const char *p[2] = {role, n ? datasets[i] : NULL};
        PGresult *r = query(h, n ? "DELETE FROM carnet.access WHERE role = $1 AND dataset = $2::uuid"
                                 : "DELETE FROM carnet.access WHERE role = $1",
                            n ? 2 : 1, p, N_("revoking access"), err);
        if (!r) {
            rc = err->code;
            break;
        }
        if (atoi(PQcmdTuples(r)) == 0)
            rc = n ? error_add(err, ERR_NOTFOUND, "the role '%s' has no grant for the dataset %s on the hub %s (a grant "
                                                  "for every dataset is taken back with --all-datasets); nothing was "
                                                  "changed", role, datasets[i], h->shown)
                   : error_add(err, ERR_NOTFOUND, "the role '%s' has no grant on the hub %s; nothing was changed", role,
                               h->shown);
        PQclear(r);
    }
    return access_commit(h, role, rc, N_("revoking access"), err);
}
