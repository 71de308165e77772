/* model/store.h: where a store lives, what is refused and how it says so
 * (not SQLite, a folder, missing, newer schema: never modified), migrations
 * with their backup, read-only stores, transactions, roles, the clock, and
 * the guard that stops writes which bypass carnet. */
#include "testutil.h"

#include "model/partner.h"
#include "model/governance.h"
#include "model/record_internal.h"
#include "model/store_internal.h"
#include "util/numdate.h"
#include "util/xalloc.h"

#include <glob.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>

static struct error err;

static int mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (int)(st.st_mode & 07777);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' not found in: %s", needle, haystack);
}

static int cmp_ids(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static long long raw_int(const char *path, const char *sql)
{
    struct sqlite3 *db = tu_raw_open(path, 0);
    long long v = tu_raw_int(db, sql);
    sqlite3_close(db);
    return v;
}

static void write_file(const char *path, const char *content)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    chmod(path, 0600);
}

static char *initiative(struct store *s, const char *centre, const char *title)
{
    char *c = xasprintf("centre=%s", centre), *t = xasprintf("title=%s", title);
    char *id = tu_create(s, "initiative", t, c, "status=ongoing", "carried_by=inhabitants", "started_on=2025-03-01", NULL);
    free(c);
    free(t);
    return id;
}

/* ---- where a store lives ---- */

static void test_default_path(void **state)
{
    (void)state;
    char *xdg = xstrdup(getenv("XDG_DATA_HOME")), *home = xstrdup(getenv("HOME"));

    setenv("XDG_DATA_HOME", "/srv/data", 1);
    char *p = store_default_path();
    assert_string_equal(p, "/srv/data/carnet/carnet.db");
    free(p);

    setenv("XDG_DATA_HOME", "", 1);          /* empty means unset */
    setenv("HOME", "/home/claire", 1);
    p = store_default_path();
    assert_string_equal(p, "/home/claire/.local/share/carnet/carnet.db");
    free(p);

    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");                        /* then the password database */
    p = store_default_path();
    struct passwd *pw = getpwuid(geteuid());
    char *want = xasprintf("%s/.local/share/carnet/carnet.db", pw ? pw->pw_dir : "/tmp");
    assert_string_equal(p, want);
    free(want);
    free(p);

    /* A store made at the default path of a fresh data folder. */
    char *data = xasprintf("%s/xdg", tu_tempdir());
    setenv("XDG_DATA_HOME", data, 1);
    p = store_default_path();
    error_clear(&err);
    struct store *s = store_open(p, STORE_CREATE, &err);
    assert_non_null(s);
    assert_string_equal(store_path(s), p);
    char *folder = xasprintf("%s/carnet", data);
    assert_int_equal(mode_of(folder), 0700);
    assert_int_equal(mode_of(p), 0600);
    store_close(s);
    free(folder);
    free(p);
    free(data);

    if (xdg)
        setenv("XDG_DATA_HOME", xdg, 1);
    else
        unsetenv("XDG_DATA_HOME");
    if (home)
        setenv("HOME", home, 1);
    free(xdg);
    free(home);
}

static void test_create_in_missing_folders(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    char *path = xasprintf("%s/a/b/c/carnet.db", dir);
    mode_t old = umask(0);                   /* the modes must not rely on the umask */
    error_clear(&err);
    struct store *s = store_open(path, STORE_CREATE, &err);
    umask(old);
    if (!s)
        fail_msg("%s", err.msg);
    const char *sub[] = {"a", "a/b", "a/b/c"};
    for (int i = 0; i < 3; i++) {
        char *d = xasprintf("%s/%s", dir, sub[i]);
        assert_int_equal(mode_of(d), 0700);
        free(d);
    }
    assert_int_equal(mode_of(path), 0600);
    assert_string_equal(store_path(s), path);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_false(store_readonly(s));
    assert_null(store_readonly_reason(s));
    assert_true(id_valid(store_site_id(s)));
    assert_true(id_valid(store_dataset_id(s)));
    assert_string_not_equal(store_site_id(s), store_dataset_id(s));
    assert_string_equal(store_name(s), "");
    struct passwd *pw = getpwuid(geteuid());
    assert_string_equal(store_login(s), pw->pw_name);
    assert_int_equal(store_role(s), ROLE_ADMIN);    /* the creator administers it */
    store_close(s);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);

    /* Two stores never share a site or a dataset. */
    char *path2 = xasprintf("%s/other.db", dir);
    char *site = NULL;
    s = store_open(path, 0, &err);
    site = xstrdup(store_site_id(s));
    store_close(s);
    s = store_open(path2, STORE_CREATE, &err);
    assert_non_null(s);
    assert_string_not_equal(store_site_id(s), site);
    store_close(s);
    free(site);
    free(path2);
    free(path);
}

/* ---- what is refused ---- */

/* How many migration backups lie next to path (of version, or of any when
 * version is 0); *one (if not NULL) gets the path of the first, to free. */
static size_t backups(const char *path, int version, char **one)
{
    char *pattern = version ? xasprintf("%s.v%d-*.bak", path, version) : xasprintf("%s.v*.bak", path);
    glob_t g;
    int rc = glob(pattern, 0, NULL, &g);
    free(pattern);
    if (one)
        *one = NULL;
    if (rc != 0) {
        assert_int_equal(rc, GLOB_NOMATCH);
        return 0;
    }
    size_t n = g.gl_pathc;
    if (one)
        *one = xstrdup(g.gl_pathv[0]);
    globfree(&g);
    return n;
}

/* store_open(path, flags) gives NULL and code, with a message naming the
 * file; err keeps the message for more checks. */
static void open_refused(const char *path, unsigned flags, int code)
{
    error_clear(&err);
    assert_null(store_open(path, flags, &err));
    assert_int_equal(err.code, code);
    assert_contains(err.msg, path);
}

/* The bytes of a file, to show later that nothing touched it. */
struct snapshot {
    char *bytes;
    size_t len;
};

static struct snapshot snapshot(const char *path)
{
    struct snapshot sn;
    sn.bytes = tu_read_file(path, &sn.len);
    assert_non_null(sn.bytes);
    return sn;
}

static void assert_unchanged(const char *path, struct snapshot *before)
{
    struct snapshot now = snapshot(path);
    assert_int_equal(now.len, before->len);
    assert_memory_equal(now.bytes, before->bytes, now.len);
    free(now.bytes);
    free(before->bytes);
}

static void test_not_sqlite(void **state)
{
    (void)state;
    char *path = tu_path("notes.txt");
    write_file(path, "These are my meeting notes, not a database.\n"
                     "They go on for a while so that SQLite reads a full header.\n"
                     "0123456789012345678901234567890123456789012345678901234567890123456789\n");
    struct snapshot before = snapshot(path);
    open_refused(path, 0, ERR_CORRUPT);
    assert_contains(err.msg, "not a carnet store");
    assert_unchanged(path, &before);
    free(path);
}

static void test_foreign_sqlite(void **state)
{
    (void)state;
    char *path = tu_path("other.sqlite");
    struct sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(tu_raw_exec(db, "CREATE TABLE recipes (name TEXT)"), SQLITE_OK);
    sqlite3_close(db);
    open_refused(path, STORE_CREATE, ERR_CORRUPT);
    assert_contains(err.msg, "not a carnet store");
    assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"), 1);   /* untouched */
    free(path);
}

static void test_folder_as_store(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    open_refused(dir, STORE_CREATE, ERR_INVALID);
    assert_contains(err.msg, "is a folder");
    assert_contains(err.msg, "carnet.db");
}

static void test_missing_store(void **state)
{
    (void)state;
    char *path = tu_path("nothing-here.db");
    open_refused(path, 0, ERR_NOTFOUND);
    assert_contains(err.msg, "carnet init");
    assert_int_not_equal(access(path, F_OK), 0);       /* nothing created */

    /* Read-only never creates, even when asked to. */
    open_refused(path, STORE_CREATE | STORE_READONLY, ERR_NOTFOUND);
    assert_int_not_equal(access(path, F_OK), 0);
    free(path);
}

static void test_newer_schema_refused_unchanged(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    store_close(s);
    struct sqlite3 *db = tu_raw_open(path, 0);
    assert_int_equal(tu_raw_exec(db, "PRAGMA user_version = 99"), SQLITE_OK);
    sqlite3_close(db);

    struct snapshot before = snapshot(path);
    const unsigned flags[] = {0, STORE_CREATE, STORE_READONLY};
    for (int i = 0; i < 3; i++) {
        open_refused(path, flags[i], ERR_VERSION);
        assert_contains(err.msg, "schema version 99");
        char *known = xasprintf("up to %d", STORE_SCHEMA_VERSION);
        assert_contains(err.msg, known);
        free(known);
        assert_contains(err.msg, "not changed");
    }
    assert_unchanged(path, &before);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), 99);
    assert_int_equal(backups(path, 0, NULL), 0);        /* no migration was begun */
    free(centre);
    free(path);
}

/* ---- migrations ---- */

static void test_migrate_v1(void **state)
{
    (void)state;
    char *path = tu_path("old.db");
    error_clear(&err);
    if (store_create_at_version(path, 1, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), 1);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE name = 'difficulty'"), 0);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM criterion"), 26);

    struct store *s = store_open(path, 0, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_true(STORE_SCHEMA_VERSION >= 2);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'difficulty'"), 1);
    /* The seeds are kept, not seeded twice, and the creator is still admin. */
    assert_int_equal(raw_int(path, "SELECT count(*) FROM criterion"), 26);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM theme"), 15);
    assert_int_equal(store_role(s), ROLE_ADMIN);

    /* The backup next to it is the v1 store as it was. */
    char *bak;
    assert_int_equal(backups(path, 1, &bak), 1);
    assert_int_equal(mode_of(bak), 0600);
    assert_int_equal(raw_int(bak, "PRAGMA user_version"), 1);
    assert_int_equal(raw_int(bak, "SELECT count(*) FROM sqlite_master WHERE name = 'difficulty'"), 0);
    assert_int_equal(raw_int(bak, "SELECT count(*) FROM criterion"), 26);
    free(bak);

    /* The new kind works, guard included. */
    char *centre = tu_centre(s, "Centre Nord");
    char *c = xasprintf("centre=%s", centre);
    char *d = tu_create(s, "difficulty", "summary=Boiler broken", c, "raised_on=2025-01-10", "kind=premises",
                        "severity=high", "status=open", NULL);
    assert_true(id_valid(d));
    struct sqlite3 *db = tu_raw_open(path, 0);
    assert_int_not_equal(tu_raw_exec(db, "UPDATE difficulty SET summary = 'x'"), SQLITE_OK);
    sqlite3_close(db);
    store_close(s);

    /* Opening again migrates nothing and makes no other backup. */
    s = store_open(path, 0, &err);
    assert_non_null(s);
    store_close(s);
    assert_int_equal(backups(path, 0, NULL), 1);
    free(c);
    free(d);
    free(centre);
    free(path);
}

/* Version 5 adds body.first_sitting_on: a body of a version 4 store keeps
 * its values, gets the field empty (its plan then starts at its creation),
 * and the field can be written and read back. */
static void test_migrate_v4_first_sitting(void **state)
{
    (void)state;
    char *path = tu_path("v4body.db");
    error_clear(&err);
    assert_int_equal(store_create_at_version(path, 4, &err), 0);
    struct sqlite3 *db = tu_raw_open(path, 1);
    assert_int_equal(tu_raw_exec(db,
        "INSERT INTO body(id, created_at, created_by, created_clk, updated_at, updated_by, updated_clk, deleted, "
        "deleted_clk, row_seq, centre, name, kind, meets_every) VALUES ('11111111-1111-4111-8111-111111111111', "
        "'2024-05-02T10:00:00Z', 'alice', x'01', '2024-05-02T10:00:00Z', 'alice', x'01', 0, x'01', 1000, "
        "'22222222-2222-4222-8222-222222222222', 'Conseil d''administration', 'board', 'month')"), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM pragma_table_info('body') WHERE name = 'first_sitting_on'"), 0);

    struct store *s = store_open(path, 0, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_true(STORE_SCHEMA_VERSION >= 5);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM pragma_table_info('body') WHERE name = 'first_sitting_on'"), 1);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM pragma_table_info('body') WHERE name = 'first_sitting_on_clk'"), 1);
    struct record *r = record_load(s, "11111111-1111-4111-8111-111111111111", &err);
    assert_non_null(r);
    assert_string_equal(record_get(r, "name"), "Conseil d'administration");
    assert_null(record_get(r, "first_sitting_on"));
    /* Its plan starts at its creation: May to December 2024. */
    struct gov_year y;
    assert_int_equal(gov_year(s, r->id, 2024, &y, &err), 0);
    assert_int_equal(y.planned, 8);
    /* (its centre, planted dangling above, is made real for the write) */
    char *centre = tu_centre(s, "Centre social Les Glycines");
    assert_int_equal(record_set(r, "centre", centre, &err), 0);
    assert_int_equal(record_set(r, "first_sitting_on", "2024-09-10", &err), 0);
    if (record_update(s, r, &err) != 0)
        fail_msg("%s", err.msg);
    free(centre);
    record_free(r);
    assert_int_equal(gov_year(s, "11111111-1111-4111-8111-111111111111", 2024, &y, &err), 0);
    assert_int_equal(y.planned, 4);
    store_close(s);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM body WHERE first_sitting_on = '2024-09-10' "
                                   "AND first_sitting_on_clk IS NOT NULL"), 1);
    char *bak;
    assert_int_equal(backups(path, 4, &bak), 1);
    assert_int_equal(raw_int(bak, "SELECT count(*) FROM pragma_table_info('body') WHERE name = 'first_sitting_on'"), 0);
    free(bak);
    free(path);
}

/* Version 7 makes the free-text partners records. Each name (split on
 * commas and semicolons, trimmed) is one partner of type autre whatever
 * its case, with the spelling of the oldest value naming it; each field
 * becomes the sorted set of their ids; every new value and row takes the
 * clock of the value it comes from with its hybrid time one higher (the
 * same site), and the store's clock moves past them. */
static void test_migrate_v6_partners(void **state)
{
    (void)state;
    char *path = tu_path("v6partners.db");
    error_clear(&err);
    assert_int_equal(store_create_at_version(path, 6, &err), 0);
    struct sqlite3 *db = tu_raw_open(path, 1);
    /* Clocks: hybrid time 0x100 (the older value) and 0x200, site 0xAA... */
    const char *cols = "INSERT INTO initiative(id, created_at, created_by, created_clk, updated_at, updated_by, "
                       "updated_clk, deleted, deleted_clk, row_seq, centre, title, status, carried_by, started_on, "
                       "partners, partners_clk) VALUES ";
    char *sql = xasprintf("%s('11111111-1111-4111-8111-111111111111', '2024-05-02T10:00:00Z', 'alice', x'%s', "
                          "'2024-05-02T10:00:00Z', 'alice', x'%s', 0, x'%s', 1000, 'c', 'Jardin', 'idea', 'centre', "
                          "'2024-05-02', 'ÉCOLE Ferry ; Mairie,, CAF 93 ', x'%s'), "
                          "('22222222-2222-4222-8222-222222222222', '2024-05-03T10:00:00Z', 'alice', x'%s', "
                          "'2024-05-03T10:00:00Z', 'alice', x'%s', 1, x'%s', 1001, 'c', 'Troc', 'idea', 'centre', "
                          "'2024-05-03', 'mairie;École  ferry', x'%s')", cols,
                          "0000000000000200AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "0000000000000200AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                          "0000000000000200AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "0000000000000200AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                          "0000000000000100BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "0000000000000100BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
                          "0000000000000100BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "0000000000000100BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
    assert_int_equal(tu_raw_exec(db, sql), SQLITE_OK);
    free(sql);
    assert_int_equal(tu_raw_exec(db, "UPDATE meta SET value = 5 WHERE key = 'hlc'"), SQLITE_OK);
    sqlite3_close(db);

    struct store *s = store_open(path, STORE_ANY_LOGIN, &err);
    if (!s)
        fail_msg("%s", err.msg);
    store_close(s);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM partner"), 3);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM partner WHERE type = 'autre' AND deleted = 0"), 3);
    /* The deleted record's value is the older: its spellings are kept. */
    assert_int_equal(raw_int(path, "SELECT count(*) FROM partner WHERE name IN ('mairie', 'École  ferry', 'CAF 93')"), 3);
    char mairie[37], ecole[37], caf[37];
    partner_name_id("Mairie", mairie);
    partner_name_id("école ferry", ecole);
    partner_name_id("caf 93", caf);
    char *q = xasprintf("SELECT count(*) FROM partner WHERE id IN ('%s', '%s', '%s')", mairie, ecole, caf);
    assert_int_equal(raw_int(path, q), 3);
    free(q);
    /* The fields: sorted ids; clocks one higher, same site. */
    const char *ids[] = {mairie, ecole, caf};
    qsort(ids, 3, sizeof *ids, cmp_ids);
    q = xasprintf("SELECT count(*) FROM initiative WHERE id = '11111111-1111-4111-8111-111111111111' AND partners = "
                  "'%s,%s,%s' AND hex(partners_clk) = '0000000000000201AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'",
                  ids[0], ids[1], ids[2]);
    assert_int_equal(raw_int(path, q), 1);
    free(q);
    const char *two[] = {mairie, ecole};
    qsort(two, 2, sizeof *two, cmp_ids);
    q = xasprintf("SELECT count(*) FROM initiative WHERE id = '22222222-2222-4222-8222-222222222222' AND partners = "
                  "'%s,%s' AND hex(partners_clk) = '0000000000000101BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' AND deleted = 1",
                  two[0], two[1]);
    assert_int_equal(raw_int(path, q), 1);
    free(q);
    /* A partner's clocks and times: from the oldest value naming it. */
    q = xasprintf("SELECT count(*) FROM partner WHERE id = '%s' AND hex(name_clk) = "
                  "'0000000000000101BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' AND name_clk = created_clk AND name_clk = type_clk "
                  "AND created_at = '1970-01-01T00:00:00Z' AND created_by = 'carnet'", mairie);
    assert_int_equal(raw_int(path, q), 1);
    free(q);
    q = xasprintf("SELECT count(*) FROM partner WHERE id = '%s' AND hex(name_clk) = "
                  "'0000000000000201AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'", caf);
    assert_int_equal(raw_int(path, q), 1);
    free(q);
    /* The set index holds the ids; the store's clock is past them. */
    assert_int_equal(raw_int(path, "SELECT count(*) FROM set_member WHERE field = 'initiative.partners'"), 5);
    assert_true(raw_int(path, "SELECT value FROM meta WHERE key = 'hlc'") >= 0x201);
    char *bak;
    assert_int_equal(backups(path, 6, &bak), 1);
    assert_int_equal(raw_int(bak, "SELECT count(*) FROM initiative WHERE partners = 'mairie;École  ferry'"), 1);
    free(bak);
    free(path);
}

/* Every older version upgrades in one open, with a backup of its own. */
static void test_migrate_every_version(void **state)
{
    (void)state;
    for (int v = 1; v < STORE_SCHEMA_VERSION; v++) {
        char *name = xasprintf("v%d.db", v);
        char *path = tu_path(name);
        error_clear(&err);
        assert_int_equal(store_create_at_version(path, v, &err), 0);
        assert_int_equal(raw_int(path, "PRAGMA user_version"), v);
        struct store *s = store_open(path, 0, &err);
        if (!s)
            fail_msg("from version %d: %s", v, err.msg);
        store_close(s);
        assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
        char *bak;
        assert_int_equal(backups(path, v, &bak), 1);
        assert_int_equal(raw_int(bak, "PRAGMA user_version"), v);
        free(bak);
        free(path);
        free(name);
    }
}

/* Version 6 indexes a body's sittings by date. A reading open upgrades a
 * store of version 5 only when asked to (STORE_UPGRADE, as the command
 * line's reading commands do), with its backup; STORE_READONLY alone
 * leaves the file as it is. */
static void test_upgrade_on_reading_open(void **state)
{
    (void)state;
    char *path = tu_path("v5read.db");
    error_clear(&err);
    assert_int_equal(store_create_at_version(path, 5, &err), 0);
    const char *has_index = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'meeting_body_held'";
    assert_int_equal(raw_int(path, has_index), 0);

    open_refused(path, STORE_READONLY, ERR_READONLY);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), 5);
    char *bak;
    assert_int_equal(backups(path, 5, &bak), 0);

    struct store *s = store_open(path, STORE_READONLY | STORE_UPGRADE, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_true(store_readonly_reason(s) != NULL);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    store_close(s);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(path, has_index), 1);
    assert_int_equal(backups(path, 5, &bak), 1);
    assert_int_equal(raw_int(bak, "PRAGMA user_version"), 5);
    free(bak);
    free(path);
}

/* An empty file is not a store: refused (it used to become one, so a
 * mistyped sync peer turned into a store), unless the caller made it to
 * hold a new store (init --shared: STORE_EMPTY_OK). */
static void test_empty_file(void **state)
{
    (void)state;
    char *path = tu_path("empty.db");
    write_file(path, "");
    const unsigned flags[] = {0, STORE_CREATE, STORE_READONLY};
    for (int i = 0; i < 3; i++) {
        open_refused(path, flags[i], ERR_CORRUPT);
        assert_contains(err.msg, "is an empty file, not a carnet store");
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_size, 0);
    }
    char *beside = xasprintf("%s-journal", path);
    assert_int_not_equal(access(beside, F_OK), 0);
    free(beside);

    error_clear(&err);
    struct store *s = store_open(path, STORE_CREATE | STORE_EMPTY_OK, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_true(id_valid(store_site_id(s)));
    assert_int_equal(store_role(s), ROLE_ADMIN);
    store_close(s);
    assert_int_equal(raw_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM criterion"), 26);
    assert_int_equal(backups(path, 0, NULL), 0);        /* nothing to back up in an empty file */
    free(path);
}

/* ---- read-only ---- */

static void test_readonly(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *id = initiative(s, centre, "Jardin partagé");
    store_close(s);
    long long seq = raw_int(path, "SELECT value FROM meta WHERE key = 'seq'");
    struct snapshot before = snapshot(path);

    error_clear(&err);
    s = store_open(path, STORE_READONLY, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_true(store_readonly(s));
    assert_non_null(store_readonly_reason(s));
    assert_contains(store_readonly_reason(s), "read-only");

    /* Reading works. */
    struct record *r = record_load(s, id, &err);
    assert_non_null(r);
    assert_string_equal(record_get(r, "title"), "Jardin partagé");

    /* Every way of writing is refused with ERR_READONLY. */
    record_set(r, "title", "Changed", NULL);
    error_clear(&err);
    assert_int_equal(record_update(s, r, &err), ERR_READONLY);
    assert_contains(err.msg, path);
    assert_contains(err.msg, "read-only");
    record_free(r);

    struct record *n = record_new(kind_find("territory"));
    record_set(n, "name", "Quartier Sud", NULL);
    error_clear(&err);
    assert_int_equal(record_create(s, n, &err), ERR_READONLY);
    assert_string_equal(n->id, "");
    record_free(n);

    error_clear(&err);
    assert_int_equal(record_delete(s, id, &err), ERR_READONLY);
    error_clear(&err);
    assert_int_equal(record_erase(s, id, &err), ERR_READONLY);
    error_clear(&err);
    assert_int_equal(store_set_name(s, "Renamed", &err), ERR_READONLY);
    assert_string_equal(store_name(s), "");
    error_clear(&err);
    assert_int_equal(store_may_write(s, "initiative", &err), ERR_READONLY);
    error_clear(&err);
    assert_int_equal(store_begin(s, &err), ERR_READONLY);
    assert_int_equal(store_commit(s, &err), 0);   /* nothing was begun */
    store_close(s);

    assert_int_equal(raw_int(path, "SELECT value FROM meta WHERE key = 'seq'"), seq);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM initiative WHERE title = 'Jardin partagé' AND deleted = 0"), 1);
    assert_unchanged(path, &before);

    /* An old store opened read-only is refused rather than migrated. */
    char *old = tu_path("old.db");
    assert_int_equal(store_create_at_version(old, 1, &err), 0);
    open_refused(old, STORE_READONLY, ERR_READONLY);
    assert_contains(err.msg, "version 1");
    assert_int_equal(raw_int(old, "PRAGMA user_version"), 1);

    free(old);
    free(id);
    free(centre);
    free(path);
}

/* ---- transactions ---- */

static void test_nested_transactions(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    const char *count = "SELECT count(*) FROM initiative";

    error_clear(&err);
    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_begin(s, &err), 0);
    char *a = initiative(s, centre, "Inside the outer transaction");   /* a third level */
    assert_int_equal(store_commit(s, &err), 0);
    /* Only the outermost commit commits: another connection sees nothing yet. */
    assert_int_equal(raw_int(path, count), 0);
    char *b = initiative(s, centre, "Second one");
    assert_int_equal(raw_int(path, count), 0);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(raw_int(path, count), 2);
    assert_int_equal(store_commit(s, &err), 0);   /* an extra commit is harmless */

    free(a);
    free(b);
    free(centre);
    store_close(s);
    free(path);
}

static void test_rollback(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    long long seq = raw_int(path, "SELECT value FROM meta WHERE key = 'seq'");

    /* An inner level rolled back undoes its own writes only. */
    error_clear(&err);
    assert_int_equal(store_begin(s, &err), 0);
    char *kept = initiative(s, centre, "Kept");
    assert_int_equal(store_begin(s, &err), 0);
    char *a = initiative(s, centre, "Never saved");
    store_rollback(s);                          /* the inner level only */
    assert_int_equal(store_commit(s, &err), 0);
    error_clear(&err);
    assert_null(record_load(s, a, &err));
    assert_int_equal(err.code, ERR_NOTFOUND);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM initiative"), 1);
    char *sql = xasprintf("SELECT count(*) FROM history WHERE rec_id = '%s'", a);
    assert_int_equal(raw_int(path, sql), 0);
    free(sql);
    free(kept);
    free(a);

    /* The outermost rollback undoes everything, the change number too. */
    seq = raw_int(path, "SELECT value FROM meta WHERE key = 'seq'");
    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_begin(s, &err), 0);
    a = initiative(s, centre, "Never saved either");
    assert_int_equal(store_commit(s, &err), 0);
    store_rollback(s);
    error_clear(&err);
    assert_null(record_load(s, a, &err));
    assert_int_equal(raw_int(path, "SELECT count(*) FROM initiative"), 1);
    assert_int_equal(raw_int(path, "SELECT value FROM meta WHERE key = 'seq'"), seq);

    /* The store writes normally afterwards, with the next change number. */
    char *b = initiative(s, centre, "Saved");
    struct record *r = record_load(s, b, &err);
    assert_non_null(r);
    assert_int_equal(r->row_seq, seq + 1);
    record_free(r);
    store_rollback(s);                          /* outside a transaction: nothing */
    assert_int_equal(raw_int(path, "SELECT count(*) FROM initiative"), 2);

    free(a);
    free(b);
    free(centre);
    store_close(s);
    free(path);
}

/* ---- roles ---- */

static struct record *load_own_member(struct store *s)
{
    struct record *key = record_new(kind_find("member"));
    record_set(key, "login", store_login(s), NULL);
    char id[37];
    record_natural_id(key, id);
    record_free(key);
    error_clear(&err);
    struct record *r = record_load(s, id, &err);
    if (!r)
        fail_msg("%s", err.msg);
    return r;
}

static void set_own_role(struct store *s, const char *role, int want)
{
    struct record *me = load_own_member(s);
    record_set(me, "role", role, NULL);
    error_clear(&err);
    int rc = record_update(s, me, &err);
    if (rc != want)
        fail_msg("setting my role to %s gave %d: %s", role, rc, err.msg);
    record_free(me);
}

static void test_last_admin_kept(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    /* An administrator may write everything. */
    const char *any[] = {"centre", "member", "criterion", "initiative", NULL};
    for (int i = 0; i < 5; i++)
        assert_int_equal(store_may_write(s, any[i], &err), 0);
    set_own_role(s, "manager", ERR_INVALID);
    assert_contains(err.msg, "without an administrator");
    assert_int_equal(store_role(s), ROLE_ADMIN);
    struct record *me = load_own_member(s);
    error_clear(&err);
    assert_int_equal(record_delete(s, me->id, &err), ERR_INVALID);
    assert_contains(err.msg, "without an administrator");
    record_free(me);
    me = load_own_member(s);
    assert_int_equal(me->deleted, 0);
    assert_string_equal(record_get(me, "role"), "admin");
    record_free(me);
    store_close(s);
}

static void test_role_facilitator(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *alice = tu_create(s, "member", "login=alice", "role=admin", "display_name=Alice Martin", NULL);
    set_own_role(s, "facilitator", 0);
    assert_int_equal(store_role(s), ROLE_FACILITATOR);

    error_clear(&err);
    assert_int_equal(store_may_write(s, "initiative", &err), 0);
    assert_int_equal(store_may_write(s, "meeting", &err), 0);
    assert_int_equal(err.code, 0);
    char *id = initiative(s, centre, "Allowed for a facilitator");
    free(id);

    const char *admin_kinds[] = {"centre", "territory", "member", "theme", "criterion"};
    for (int i = 0; i < 5; i++) {
        error_clear(&err);
        assert_int_equal(store_may_write(s, admin_kinds[i], &err), ERR_PERM);
        assert_contains(err.msg, "alice");
        assert_contains(err.msg, kind_find(admin_kinds[i])->plural);
        char *cmd = xasprintf("carnet member set-role %s admin", store_login(s));
        assert_contains(err.msg, cmd);
        free(cmd);
    }
    struct record *c = record_new(kind_find("territory"));
    record_set(c, "name", "Not allowed", NULL);
    error_clear(&err);
    assert_int_equal(record_create(s, c, &err), ERR_PERM);
    assert_string_equal(c->id, "");
    record_free(c);
    error_clear(&err);
    assert_int_equal(record_delete(s, centre, &err), ERR_PERM);
    struct record *r = record_load(s, centre, &err);
    assert_int_equal(r->deleted, 0);
    record_free(r);

    free(alice);
    free(centre);
    store_close(s);
}

static void test_role_manager(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *alice = tu_create(s, "member", "login=alice", "role=admin", NULL);
    char *bob = tu_create(s, "member", "login=bob", "role=admin", NULL);
    set_own_role(s, "manager", 0);
    assert_int_equal(store_role(s), ROLE_MANAGER);
    long long seq = raw_int(path, "SELECT value FROM meta WHERE key = 'seq'");

    const char *kinds_tried[] = {"initiative", "centre", NULL};
    for (int i = 0; i < 3; i++) {
        error_clear(&err);
        assert_int_equal(store_may_write(s, kinds_tried[i], &err), ERR_PERM);
        assert_contains(err.msg, "manager");
        assert_contains(err.msg, "alice, bob");
        char *cmd = xasprintf("carnet member set-role %s facilitator", store_login(s));
        assert_contains(err.msg, cmd);
        free(cmd);
    }
    struct record *r = record_new(kind_find("initiative"));
    record_set(r, "title", "Refused", NULL);
    error_clear(&err);
    assert_int_equal(record_create(s, r, &err), ERR_PERM);
    record_free(r);
    error_clear(&err);
    assert_int_equal(store_set_name(s, "Renamed", &err), ERR_PERM);
    assert_string_equal(store_name(s), "");
    assert_int_equal(raw_int(path, "SELECT value FROM meta WHERE key = 'seq'"), seq);

    free(alice);
    free(bob);
    free(centre);
    store_close(s);
    free(path);
}

static void test_role_unknown_login(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *alice = tu_create(s, "member", "login=alice", "role=admin", NULL);
    struct record *me = load_own_member(s);
    error_clear(&err);
    assert_int_equal(record_delete(s, me->id, &err), 0);   /* alice stays admin */
    record_free(me);
    assert_int_equal(store_role(s), ROLE_NONE);

    error_clear(&err);
    assert_int_equal(store_may_write(s, "initiative", &err), ERR_PERM);
    assert_contains(err.msg, "not a member");
    assert_contains(err.msg, store_login(s));
    assert_contains(err.msg, "alice");
    char *cmd = xasprintf("carnet member add %s --role facilitator", store_login(s));
    assert_contains(err.msg, cmd);
    free(cmd);
    error_clear(&err);
    assert_int_equal(store_may_write(s, NULL, &err), ERR_PERM);
    cmd = xstrdup(store_login(s));
    store_close(s);

    /* Opening it again is refused the same way, unless any login is asked for. */
    error_clear(&err);
    assert_null(store_open(path, 0, &err));
    assert_int_equal(err.code, ERR_PERM);
    assert_contains(err.msg, "not a member");
    assert_contains(err.msg, "alice");
    assert_contains(err.msg, cmd);
    error_clear(&err);
    s = store_open(path, STORE_ANY_LOGIN | STORE_READONLY, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_int_equal(store_role(s), ROLE_NONE);
    store_close(s);

    free(cmd);
    free(alice);
    free(path);
}

static void test_path_shared(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    store_close(s);
    assert_false(store_path_shared(path));            /* 0600 in a 0700 folder */
    assert_int_equal(chmod(path, 0660), 0);
    assert_true(store_path_shared(path));             /* group-writable file */
    assert_int_equal(chmod(path, 0600), 0);
    char *dir = xstrdup(path);
    *strrchr(dir, '/') = '\0';
    assert_int_equal(chmod(dir, 02770), 0);
    assert_true(store_path_shared(path));             /* setgid folder */
    char *missing = xasprintf("%s/not-yet.db", dir);
    assert_true(store_path_shared(missing));          /* a store about to be made there */
    assert_int_equal(chmod(dir, 0700), 0);
    assert_false(store_path_shared(missing));
    free(missing);
    free(dir);
    free(path);
}

/* ---- name, backup ---- */

static void test_name(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    assert_string_equal(store_name(s), "");
    error_clear(&err);
    assert_int_equal(store_set_name(s, "Centre social des Tilleuls — Lyon 8e", &err), 0);
    assert_string_equal(store_name(s), "Centre social des Tilleuls — Lyon 8e");
    store_close(s);
    s = store_open(path, 0, &err);
    assert_non_null(s);
    assert_string_equal(store_name(s), "Centre social des Tilleuls — Lyon 8e");
    assert_int_equal(store_set_name(s, "", &err), 0);
    assert_string_equal(store_name(s), "");
    store_close(s);
    free(path);
}

static void test_backup(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *a = initiative(s, centre, "Jardin partagé");
    char *b = initiative(s, centre, "Repair café");
    error_clear(&err);
    assert_int_equal(record_delete(s, b, &err), 0);
    assert_int_equal(store_set_name(s, "Tilleuls", &err), 0);

    char *copy = tu_path("backup.db");
    assert_int_equal(store_backup(s, copy, &err), 0);
    assert_int_equal(mode_of(copy), 0600);
    struct store *c = store_open(copy, 0, &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_string_equal(store_name(c), "Tilleuls");
    assert_string_equal(store_dataset_id(c), store_dataset_id(s));
    const char *ids[] = {centre, a, b};
    for (int i = 0; i < 3; i++) {
        struct record *x = record_load(s, ids[i], &err), *y = record_load(c, ids[i], &err);
        assert_non_null(x);
        assert_non_null(y);
        assert_ptr_equal(x->kind, y->kind);
        assert_int_equal(x->deleted, y->deleted);
        assert_int_equal(x->row_seq, y->row_seq);
        for (int f = 0; f < x->kind->nfields; f++) {
            if (x->v[f] || y->v[f])
                assert_string_equal(x->v[f], y->v[f]);
        }
        record_free(x);
        record_free(y);
    }
    int problems = -1;
    assert_int_equal(store_check(c, &problems, &err), 0);
    assert_int_equal(problems, 0);
    store_close(c);
    const char *tables[] = {"initiative", "centre", "criterion", "member", "history"};
    for (int i = 0; i < 5; i++) {
        char *sql = xasprintf("SELECT count(*) FROM %s", tables[i]);
        assert_int_equal(raw_int(copy, sql), raw_int(path, sql));
        free(sql);
    }

    /* A backup into a missing folder names the file. */
    char *bad = xasprintf("%s/no/such/folder/b.db", tu_tempdir());
    error_clear(&err);
    assert_int_equal(store_backup(s, bad, &err), ERR_IO);
    assert_contains(err.msg, bad);

    free(bad);
    free(copy);
    free(a);
    free(b);
    free(centre);
    store_close(s);
    free(path);
}

/* ---- the clock ---- */

static void clock_of(struct sqlite3 *db, const char *table, const char *column, const char *id,
                     unsigned char out[CLOCK_SIZE])
{
    char *sql = xasprintf("SELECT %s FROM %s WHERE id = '%s'", column, table, id);
    assert_int_equal(tu_raw_blob(db, sql, out, CLOCK_SIZE), CLOCK_SIZE);
    free(sql);
}

static uint64_t hlc_of(const unsigned char clk[CLOCK_SIZE])
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | clk[i];
    return v;
}

static void test_clock_monotonic(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    uuid_t site;
    assert_int_equal(uuid_parse(store_site_id(s), site), 0);

    /* Wall clock as it comes, then stuck, then going back: always increasing. */
    const int64_t walls[] = {0, 0, 1800000000000, 1800000000000, 1800000000000, 1500000000000, 1900000000000};
    const int n = (int)(sizeof walls / sizeof walls[0]);
    char *ids[7];
    for (int i = 0; i < n; i++) {
        s->now_override_ms = walls[i];
        ids[i] = initiative(s, centre, "Tick");
    }
    struct sqlite3 *db = tu_raw_open(path, 0);
    unsigned char prev[CLOCK_SIZE], cur[CLOCK_SIZE];
    long long prev_seq = -1;
    for (int i = 0; i < n; i++) {
        clock_of(db, "initiative", "updated_clk", ids[i], cur);
        assert_memory_equal(cur + 8, site, 16);          /* the site id follows the HLC */
        char *sql = xasprintf("SELECT row_seq FROM initiative WHERE id = '%s'", ids[i]);
        long long seq = tu_raw_int(db, sql);
        free(sql);
        if (i > 0) {
            if (memcmp(prev, cur, CLOCK_SIZE) >= 0)
                fail_msg("write %d has a clock not above the one before", i);
            assert_true(seq > prev_seq);
        }
        if (walls[i] == 1800000000000 && i == 3)         /* wall clock stuck: logical + 1 */
            assert_int_equal(hlc_of(cur), hlc_of(prev) + 1);
        if (walls[i] == 1500000000000)                   /* wall clock behind: never adopted */
            assert_int_equal(hlc_of(cur), hlc_of(prev) + 1);
        if (walls[i] == 1900000000000)                   /* wall clock ahead: taken */
            assert_int_equal(hlc_of(cur), (uint64_t)1900000000000 << 16);
        memcpy(prev, cur, CLOCK_SIZE);
        prev_seq = seq;
    }
    /* The clock is in meta, so a new connection continues from it. */
    s->now_override_ms = 0;
    store_close(s);
    s = store_open(path, 0, &err);
    assert_non_null(s);
    s->now_override_ms = 1000;                           /* far in the past */
    char *last = initiative(s, centre, "After reopening");
    clock_of(db, "initiative", "updated_clk", last, cur);
    assert_true(memcmp(prev, cur, CLOCK_SIZE) < 0);
    assert_int_equal(hlc_of(cur), hlc_of(prev) + 1);
    sqlite3_close(db);

    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(last);
    free(centre);
    store_close(s);
    free(path);
}

/* ---- the guard ---- */

static void zero_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, 0);
}

static void test_guard(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);          /* carnet stays open meanwhile */
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *id = initiative(s, centre, "Jardin partagé");
    long long seq = raw_int(path, "SELECT value FROM meta WHERE key = 'seq'");

    char *update = xasprintf("UPDATE initiative SET title = 'x' WHERE id = '%s'", id);
    char *insert = xasprintf("INSERT INTO initiative SELECT * FROM initiative WHERE id = '%s'", id);
    const char *statements[] = {
        update,
        insert,
        "INSERT INTO initiative(id, created_at, created_by, created_clk, updated_at, updated_by, updated_clk, "
        "deleted, deleted_clk, row_seq, title) VALUES ('x', '', '', x'00', '', '', x'00', 0, x'00', 999, 't')",
        "DELETE FROM initiative",
        "UPDATE member SET role = 'admin'",
        "DELETE FROM criterion WHERE code = 'age'",
    };
    /* The sqlite3 shell: the function does not exist; a look-alike that
     * says no: the trigger's own message. */
    for (int pass = 0; pass < 2; pass++) {
        struct sqlite3 *db = tu_raw_open(path, 0);
        if (pass == 1) {
            sqlite3_create_function(db, "use_carnet_to_write", 0, SQLITE_UTF8, NULL, zero_function, NULL, NULL);
            sqlite3_create_function(db, "use_carnet_to_write", 1, SQLITE_UTF8, NULL, zero_function, NULL, NULL);
        }
        for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
            int rc = tu_raw_exec(db, statements[i]);
            if (rc == SQLITE_OK)
                fail_msg("a raw write succeeded: %s", statements[i]);
            assert_contains(sqlite3_errmsg(db), pass == 0 ? "use_carnet_to_write" : "through carnet");
        }
        sqlite3_close(db);
    }
    struct record *r = record_load(s, id, &err);
    assert_non_null(r);
    assert_string_equal(record_get(r, "title"), "Jardin partagé");
    assert_int_equal(r->deleted, 0);
    record_free(r);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM initiative"), 1);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM criterion"), 26);
    assert_int_equal(raw_int(path, "SELECT count(*) FROM member WHERE role = 'admin'"), 1);
    assert_int_equal(raw_int(path, "SELECT value FROM meta WHERE key = 'seq'"), seq);
    /* Reading stays open to anyone with the file. */
    assert_int_equal(raw_int(path, "SELECT count(*) FROM initiative WHERE title = 'Jardin partagé'"), 1);
    /* And carnet itself still writes. */
    char *other = initiative(s, centre, "Still writable");
    assert_int_equal(raw_int(path, "SELECT count(*) FROM initiative"), 2);

    free(other);
    free(update);
    free(insert);
    free(id);
    free(centre);
    store_close(s);
    free(path);
}

static void test_today(void **state)
{
    (void)state;
    char today[11];
    store_today(today);
    assert_int_equal(strlen(today), 10);
    assert_true(numdate_date_valid(today));
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char want[11];
    strftime(want, sizeof want, "%Y-%m-%d", &tm);
    /* Unless midnight passed between the two calls. */
    if (strcmp(today, want) != 0)
        store_today(today);
    assert_string_equal(today, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_create_in_missing_folders),
        cmocka_unit_test(test_not_sqlite),
        cmocka_unit_test(test_foreign_sqlite),
        cmocka_unit_test(test_folder_as_store),
        cmocka_unit_test(test_missing_store),
        cmocka_unit_test(test_newer_schema_refused_unchanged),
        cmocka_unit_test(test_migrate_v1),
        cmocka_unit_test(test_migrate_every_version),
        cmocka_unit_test(test_upgrade_on_reading_open),
        cmocka_unit_test(test_migrate_v4_first_sitting),
        cmocka_unit_test(test_migrate_v6_partners),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_readonly),
        cmocka_unit_test(test_nested_transactions),
        cmocka_unit_test(test_rollback),
        cmocka_unit_test(test_last_admin_kept),
        cmocka_unit_test(test_role_facilitator),
        cmocka_unit_test(test_role_manager),
        cmocka_unit_test(test_role_unknown_login),
        cmocka_unit_test(test_path_shared),
        cmocka_unit_test(test_name),
        cmocka_unit_test(test_backup),
        cmocka_unit_test(test_clock_monotonic),
        cmocka_unit_test(test_guard),
        cmocka_unit_test(test_today),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
