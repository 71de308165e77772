/* One store, many people: logins the store does not know are refused at
 * open (check aside), managers cannot write, shared stores keep their modes
 * (umask, backups) and a writer waits for another instead of failing. */
#include "testutil.h"
#include "util/xalloc.h"

#include <sqlite3.h>

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* As if another login, 'boss', ran the store: boss becomes an admin, and
 * this process's own login becomes role, or leaves the members (NULL). */
static void not_me(struct store *s, const char *path, const char *role)
{
    free(tu_create(s, "member", "login=boss", "role=admin", NULL));
    char *me = xstrdup(store_login(s));
    store_close(s);
    struct sqlite3 *db = tu_raw_open(path, 1);
    char *sql = role ? xasprintf("UPDATE member SET role = '%s' WHERE login = '%s'", role, me)
                     : xasprintf("UPDATE member SET login = 'gone' WHERE login = '%s'", me);
    assert_int_equal(tu_raw_exec(db, sql), SQLITE_OK);
    free(sql);
    free(me);
    sqlite3_close(db);
}

static void test_unknown_login_is_refused(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    not_me(s, path, NULL);

    struct error err;
    error_clear(&err);
    assert_null(store_open(path, 0, &err));
    assert_int_equal(err.code, ERR_PERM);
    assert_non_null(strstr(err.msg, "is not a member of this store; ask an administrator (boss, gone)"));
    error_clear(&err);
    assert_null(store_open(path, STORE_READONLY, &err));
    assert_int_equal(err.code, ERR_PERM);

    /* carnet check opens it all the same, and still may not write. */
    error_clear(&err);
    s = store_open(path, STORE_ANY_LOGIN, &err);
    assert_non_null(s);
    assert_int_equal(store_role(s), ROLE_NONE);
    assert_int_equal(store_may_write(s, "initiative", &err), ERR_PERM);
    store_close(s);
    free(path);
}

static void test_manager_cannot_write(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre");
    not_me(s, path, "manager");

    struct error err;
    error_clear(&err);
    s = store_open(path, 0, &err);
    assert_non_null(s);
    assert_int_equal(store_role(s), ROLE_MANAGER);
    struct record *r = record_new(kind_find("initiative"));
    char *ref = xasprintf("centre=%s", centre);
    record_set_pair(r, ref, &err);
    record_set_pair(r, "title=Non", &err);
    assert_int_equal(record_create(s, r, &err), ERR_PERM);
    assert_non_null(strstr(err.msg, "is a manager"));
    error_clear(&err);
    assert_int_equal(record_delete(s, centre, &err), ERR_PERM);
    assert_non_null(strstr(err.msg, "is a manager"));
    record_free(r);
    free(ref);
    store_close(s);
    free(centre);
    free(path);
}

/* A group-writable store is shared: opening it leaves the umask as it was,
 * and its backups keep the store's mode. */
static void test_shared_store_modes(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    store_close(s);
    assert_false(store_path_shared(path));
    assert_int_equal(chmod(path, 0660), 0);
    assert_true(store_path_shared(path));

    mode_t before = umask(077);
    struct error err;
    error_clear(&err);
    s = store_open(path, 0, &err);
    assert_non_null(s);
    assert_int_equal(umask(077), 077);     /* restored after the open */
    char *copy = xasprintf("%s.copy", path);
    assert_int_equal(store_backup(s, copy, &err), 0);
    struct stat st, orig;
    assert_int_equal(stat(copy, &st), 0);
    assert_int_equal(stat(path, &orig), 0);
    assert_int_equal(st.st_mode & 07777, 0660);
    assert_int_equal(st.st_gid, orig.st_gid);
    /* The WAL is kept (persistent) with the store's mode. */
    store_close(s);
    char *wal = xasprintf("%s-wal", path);
    assert_int_equal(stat(wal, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0660);

    /* check: a shared store in a folder that others may enter, not setgid. */
    char *dir = xstrndup(path, strlen(path) - strlen("/carnet.db"));
    assert_int_equal(chmod(dir, 0775), 0);
    s = store_open(path, STORE_READONLY, &err);
    assert_non_null(s);
    int problems = 0;
    assert_int_not_equal(store_check(s, &problems, &err), 0);
    assert_int_equal(problems, 2);
    assert_non_null(strstr(err.msg, "is open to every user"));
    assert_non_null(strstr(err.msg, "is not setgid"));
    store_close(s);
    umask(before);
    free(dir);
    free(wal);
    free(copy);
    free(path);
}

/* A writer that holds the lock for a while: the store still opens, and
 * store_begin waits for it rather than failing. */
static void test_writer_waits(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    store_close(s);
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db = NULL;
        if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            _exit(1);
        if (write(ready[1], "x", 1) != 1)
            _exit(1);
        sqlite3_sleep(300);         /* the lock is held for this long */
        _exit(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : 1);
    }
    close(ready[1]);
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    struct error err;
    error_clear(&err);
    s = store_open(path, 0, &err);
    if (!s)
        fail_msg("open while another writes: %s", err.msg);
    char *centre = tu_centre(s, "Pendant");    /* fails the test on any error */
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    store_close(s);
    free(centre);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_login_is_refused),
        cmocka_unit_test(test_manager_cannot_write),
        cmocka_unit_test(test_shared_store_modes),
        cmocka_unit_test(test_writer_waits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
