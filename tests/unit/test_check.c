/* store_check (carnet check): a clean store passes; what a buggy peer, a
 * repair or a careless chmod leaves behind is reported, one line each,
 * naming the kind, the record, the field and what to do. */
#include "testutil.h"
#include "model/store_internal.h"
#include "util/xalloc.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' not found in: %s", needle, haystack);
}

static char *initiative(struct store *s, const char *centre)
{
    char *c = xasprintf("centre=%s", centre);
    char *id = tu_create(s, "initiative", "title=Jardin partagé", c, "status=ongoing", "carried_by=inhabitants",
                         "started_on=2025-03-01", "themes=youth,solidarity", NULL);
    free(c);
    return id;
}

/* store_check finds problems, each one message line; returns its code. */
static struct error found;
static int check_finds(struct store *s, int problems_wanted)
{
    error_clear(&found);
    int problems = -1;
    int rc = store_check(s, &problems, &found);
    if (problems != problems_wanted || found.count != problems_wanted)
        fail_msg("%d problems, %d messages, %d wanted: %s", problems, found.count, problems_wanted, found.msg);
    return rc;
}

static void expect_clean(struct store *s)
{
    assert_int_equal(check_finds(s, 0), 0);
}

/* Runs sql through a connection that passes the guard, as a repair would. */
static void plant(const char *path, const char *sql)
{
    struct sqlite3 *db = tu_raw_open(path, 1);
    if (tu_raw_exec(db, sql) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_close(db);
}

static void test_clean_store(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    expect_clean(s);                                 /* fresh, seeds only */
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *i = initiative(s, centre);
    char *c = xasprintf("centre=%s", centre);
    char *a = tu_create(s, "action", "title=Atelier", c, "held_on=2024-03-21", "kind=awareness",
                        "criteria=origin,age", NULL);
    struct error err;
    error_clear(&err);
    assert_int_equal(record_delete(s, i, &err), 0);
    expect_clean(s);
    free(a);
    free(c);
    free(i);
    free(centre);
    store_close(s);
}

static void test_dangling_reference(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *id = initiative(s, centre);
    char ghost[37];
    id_new(ghost);
    char *sql = xasprintf("UPDATE initiative SET centre = '%s' WHERE id = '%s'", ghost, id);
    plant(path, sql);
    free(sql);

    assert_int_equal(check_finds(s, 1), ERR_CORRUPT);
    char *want = xasprintf("initiative %s: Centre refers to a centre that does not exist (%s)", id, ghost);
    assert_string_equal(found.msg, want);
    free(want);

    /* The screens still load it rather than crash. */
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, id, &err);
    assert_non_null(r);
    char *title = record_title(s, r);
    assert_string_equal(title, "Jardin partagé");
    free(title);
    record_free(r);

    /* Many of them: bounded output per field, each counted. */
    for (int n = 0; n < 25; n++)
        free(initiative(s, centre));
    sql = xasprintf("UPDATE initiative SET centre = '%s'", ghost);
    plant(path, sql);
    free(sql);
    assert_int_equal(check_finds(s, 20), ERR_CORRUPT);
    free(id);
    free(centre);
    store_close(s);
    free(path);
}

static void test_unknown_set_code(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *id = initiative(s, centre);
    char *sql = xasprintf("UPDATE initiative SET themes = 'ghost_theme,youth' WHERE id = '%s'", id);
    plant(path, sql);
    free(sql);
    assert_int_equal(check_finds(s, 1), ERR_CORRUPT);
    char *want = xasprintf("initiative %s: Themes holds 'ghost_theme', which is not one of the themes", id);
    assert_string_equal(found.msg, want);
    free(want);
    free(id);
    free(centre);
    store_close(s);
    free(path);
}

static void test_world_readable(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(check_finds(s, 1), ERR_PERM);
    assert_contains(found.msg, path);
    assert_contains(found.msg, "read by every user");
    char *fix = xasprintf("chmod o-rwx %s", path);
    assert_contains(found.msg, fix);
    free(fix);
    assert_int_equal(chmod(path, 0640), 0);          /* a group may read (a shared store) */
    expect_clean(s);
    store_close(s);
    free(path);
}

static void test_schema_version(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    plant(path, "PRAGMA user_version = 1");
    assert_int_equal(check_finds(s, 1), ERR_VERSION);
    char *want = xasprintf("schema version 1, expected %d", STORE_SCHEMA_VERSION);
    assert_string_equal(found.msg, want);
    free(want);
    char *back = xasprintf("PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
    plant(path, back);
    free(back);
    expect_clean(s);
    store_close(s);
    free(path);
}

static void test_several_problems(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *id = initiative(s, centre);
    char *sql = xasprintf("UPDATE initiative SET territory = '00000000-0000-4000-8000-000000000000', "
                          "themes = 'nope' WHERE id = '%s'", id);
    plant(path, sql);
    free(sql);
    assert_int_equal(chmod(path, 0604), 0);
    assert_int_not_equal(check_finds(s, 3), 0);
    assert_contains(found.msg, "Territory refers to a territory that does not exist");
    assert_contains(found.msg, "Themes holds 'nope'");
    assert_contains(found.msg, "chmod o-rwx");
    chmod(path, 0600);
    free(id);
    free(centre);
    store_close(s);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_store),
        cmocka_unit_test(test_dangling_reference),
        cmocka_unit_test(test_unknown_set_code),
        cmocka_unit_test(test_world_readable),
        cmocka_unit_test(test_schema_version),
        cmocka_unit_test(test_several_problems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
