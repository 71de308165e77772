/* Test helpers: temporary stores and records. */
#include "testutil.h"
#include "config.h"
#include "util/xalloc.h"

#include <libintl.h>
#include <locale.h>

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dirs[256];
static int ndirs;

static void cleanup(void)
{
    for (int i = 0; i < ndirs; i++) {
        char *cmd = xasprintf("rm -rf '%s'", dirs[i]);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", dirs[i]);
        free(cmd);
        free(dirs[i]);
    }
    ndirs = 0;
}

const char *tu_tempdir(void)
{
    char tmpl[] = "/tmp/carnet-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    if (ndirs == 0)
        atexit(cleanup);
    assert_true(ndirs < 256);
    dirs[ndirs] = xstrdup(d);
    return dirs[ndirs++];
}

char *tu_path(const char *name)
{
    return xasprintf("%s/%s", tu_tempdir(), name);
}

struct store *tu_store(char **path)
{
    char *p = tu_path("carnet.db");
    struct error err;
    error_clear(&err);
    struct store *s = store_open(p, STORE_CREATE, &err);
    if (!s)
        fail_msg("store_open(%s): %s", p, err.msg);
    if (path)
        *path = p;
    else
        free(p);
    return s;
}

char *tu_create(struct store *s, const char *kind, ...)
{
    struct record *r = record_new(kind_find(kind));
    struct error err;
    error_clear(&err);
    va_list ap;
    va_start(ap, kind);
    for (const char *pair = va_arg(ap, const char *); pair; pair = va_arg(ap, const char *))
        if (record_set_pair(r, pair, &err) != 0)
            fail_msg("%s", err.msg);
    va_end(ap);
    if (record_create(s, r, &err) != 0)
        fail_msg("creating a %s: %s", kind, err.msg);
    char *id = xstrdup(r->id);
    record_free(r);
    return id;
}

char *tu_centre(struct store *s, const char *name)
{
    char *t = tu_create(s, "territory", "name=Les Tilleuls", "city=Lyon", "qpv_code=QN06912M", NULL);
    char *field = xasprintf("name=%s", name);
    char *terr = xasprintf("territory=%s", t);
    char *id = tu_create(s, "centre", field, "kind=centre_social", terr, NULL);
    free(field);
    free(terr);
    free(t);
    return id;
}

char *tu_partner(struct store *s, const char *name, const char *type)
{
    char *n = xasprintf("name=%s", name);
    char *t = xasprintf("type=%s", type ? type : "autre");
    char *id = tu_create(s, "partner", n, t, NULL);
    free(n);
    free(t);
    return id;
}

static void guard_pass(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, 1);
}

struct sqlite3 *tu_raw_open(const char *path, int pass_guard)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_msg("sqlite3_open(%s): %s", path, db ? sqlite3_errmsg(db) : "no memory");
    sqlite3_busy_timeout(db, 5000);
    if (pass_guard) {
        /* The guard's form and the full-text triggers' (index now). */
        sqlite3_create_function(db, "use_carnet_to_write", 0, SQLITE_UTF8, NULL, guard_pass, NULL, NULL);
        sqlite3_create_function(db, "use_carnet_to_write", 1, SQLITE_UTF8, NULL, guard_pass, NULL, NULL);
    }
    return db;
}

int tu_raw_exec(struct sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

long long tu_raw_int(struct sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

int tu_raw_blob(struct sqlite3 *db, const char *sql, unsigned char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    int size = -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        size = sqlite3_column_bytes(st, 0);
        if (size > 0)
            memcpy(out, sqlite3_column_blob(st, 0), (size_t)size < n ? (size_t)size : n);
    }
    sqlite3_finalize(st);
    return size;
}

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = xmalloc(cap + 1);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = xrealloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int tu_collect(struct record *r, bool *keep, void *ctx)
{
    struct tu_ids *ids = ctx;
    (void)keep;
    if (ids->n == ids->cap)
        ids->v = xrealloc(ids->v, (size_t)(ids->cap = ids->cap ? ids->cap * 2 : 64) * sizeof *ids->v);
    ids->v[ids->n++] = xstrdup(r->id);
    return 0;
}

void tu_ids_free(struct tu_ids *ids)
{
    for (int i = 0; i < ids->n; i++)
        free(ids->v[i]);
    free(ids->v);
    ids->v = NULL;
    ids->n = ids->cap = 0;
}

int tu_ids_find(const struct tu_ids *ids, const char *id)
{
    for (int i = 0; i < ids->n; i++)
        if (strcmp(ids->v[i], id) == 0)
            return i;
    return -1;
}

int tu_keep(struct record *r, bool *keep, void *ctx)
{
    struct tu_records *rs = ctx;
    if (rs->n == rs->cap)
        rs->v = xrealloc(rs->v, (size_t)(rs->cap = rs->cap ? rs->cap * 2 : 64) * sizeof *rs->v);
    rs->v[rs->n++] = r;
    *keep = true;
    return 0;
}

void tu_records_free(struct tu_records *rs)
{
    for (int i = 0; i < rs->n; i++)
        record_free(rs->v[i]);
    free(rs->v);
    rs->v = NULL;
    rs->n = rs->cap = 0;
}

bool tu_french(bool french)
{
    static bool bound;
    if (!bound) {
        bindtextdomain(CARNET_TEXTDOMAIN, CARNET_TEST_LOCALEDIR);
        textdomain(CARNET_TEXTDOMAIN);
        bound = true;
    }
    if (!french)
        return setlocale(LC_ALL, "C.UTF-8") != NULL;
    return setlocale(LC_ALL, "fr_FR.UTF-8") || setlocale(LC_ALL, "fr_FR.utf8");
}
