/* util/outfile: a file is written whole into a private temporary file and
 * renamed into place, or not at all; and never over an SQLite database, its
 * companions, or the store in use under another name. */
#include "testutil.h"
#include "util/outfile.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void put(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static char *content(const char *path)
{
    static char buf[256];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (int)(st.st_mode & 07777);
}

/* How many temporary files (.carnet-*) lie in dir. */
static int temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strncmp(e->d_name, ".carnet-", 8) == 0;
    closedir(d);
    return n;
}

static void test_written_whole_and_private(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    char *path = xasprintf("%s/report.txt", dir);
    put(path, "old\n", 4);
    chmod(path, 0644);
    struct outfile o;
    assert_int_equal(outfile_open(&o, path, NULL), 0);
    fputs("new report\n", o.f);
    assert_string_equal(content(path), "old\n");        /* nothing shows before the commit */
    assert_int_equal(temporaries(dir), 1);
    assert_int_equal(outfile_commit(&o, NULL), 0);
    assert_string_equal(content(path), "new report\n");
    assert_int_equal(mode_of(path), 0600);
    assert_int_equal(temporaries(dir), 0);

    /* Abandoned: the old file stays, the temporary goes. */
    assert_int_equal(outfile_open(&o, path, NULL), 0);
    fputs("half", o.f);
    outfile_abort(&o);
    outfile_abort(&o);                                   /* twice is harmless */
    assert_string_equal(content(path), "new report\n");
    assert_int_equal(temporaries(dir), 0);
    free(path);
}

static void test_through_a_link(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    char *target = xasprintf("%s/real.csv", dir), *link = xasprintf("%s/link.csv", dir);
    put(target, "a\n", 2);
    assert_int_equal(symlink(target, link), 0);
    struct outfile o;
    assert_int_equal(outfile_open(&o, link, NULL), 0);
    fputs("b\n", o.f);
    assert_int_equal(outfile_commit(&o, NULL), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));                   /* the link is kept */
    assert_string_equal(content(target), "b\n");
    free(target);
    free(link);
}

/* refused(path, keep, says): outfile_open refuses path with a sentence
 * naming it and containing says, and nothing is created. */
static void refused(const char *path, const char *keep, const char *says)
{
    struct outfile o;
    assert_int_equal(outfile_open(&o, path, keep), -1);
    assert_null(o.f);
    if (!strstr(o.error, path) || !strstr(o.error, says))
        fail_msg("refusing %s: '%s' should name it and say '%s'", path, o.error, says);
}

static void test_refusals(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    char *db = xasprintf("%s/other.db", dir);
    put(db, "SQLite format 3\0 and then pages", 32);
    refused(db, NULL, "is an SQLite database");
    char *sym = xasprintf("%s/link.db", dir);
    assert_int_equal(symlink(db, sym), 0);
    refused(sym, NULL, "is an SQLite database");
    char *wal = xasprintf("%s-wal", db);                /* missing, but beside a database */
    refused(wal, NULL, "beside a store");
    char *walfile = xasprintf("%s/copy-of-a-wal", dir);
    put(walfile, "\x37\x7f\x06\x82\0\0\0\0", 8);
    refused(walfile, NULL, "is an SQLite database");

    /* The store in use, by identity: a hard link to an -shm file that is
     * still empty has nothing to recognise it by but its inode. */
    char *store = xasprintf("%s/w.db", dir), *shm = xasprintf("%s/w.db-shm", dir);
    char *alias = xasprintf("%s/innocent.txt", dir);
    put(store, "SQLite format 3\0", 16);
    put(shm, "", 0);
    assert_int_equal(link(shm, alias), 0);
    refused(alias, store, "is the store in use");

    refused(dir, NULL, "is a folder");
    refused("/dev/null", NULL, "is a device or a special file");
    assert_int_equal(temporaries(dir), 0);
    free(db);
    free(sym);
    free(wal);
    free(walfile);
    free(store);
    free(shm);
    free(alias);
}

/* A database put in place while the file was being written is not replaced. */
static void test_checked_again_at_commit(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    char *path = xasprintf("%s/out.json", dir);
    struct outfile o;
    assert_int_equal(outfile_open(&o, path, NULL), 0);
    fputs("[]\n", o.f);
    put(path, "SQLite format 3\0", 16);
    assert_int_equal(outfile_commit(&o, NULL), -1);
    assert_non_null(strstr(o.error, "is an SQLite database"));
    assert_memory_equal(content(path), "SQLite format 3", 16);
    assert_int_equal(temporaries(dir), 0);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written_whole_and_private),
        cmocka_unit_test(test_through_a_link),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_checked_again_at_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
