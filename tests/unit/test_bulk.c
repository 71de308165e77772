/* Bulk writes (store_bulk, schema_fts_catch_up): the text of rows written in
 * bulk enters the full-text index at the commit, and whatever mix of
 * inserts, edits, erasures, rollbacks and other writers happened, the index
 * holds exactly the text of the rows, no more, no less. The oracle is an
 * index rebuilt from the rows by this file, compared term by term. */
#include "testutil.h"
#include "model/demo.h"
#include "model/kind.h"
#include "model/store_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The index the rows call for, rebuilt independently of the triggers: per
 * kind, the first searchable field as title, the others joined by spaces. */
static void build_expected(sqlite3 *db)
{
    if (tu_raw_exec(db, "CREATE VIRTUAL TABLE temp.expect USING fts5(title, body, content = '', "
                        "tokenize = 'unicode61 remove_diacritics 2')") != SQLITE_OK)
        fail_msg("expect: %s", sqlite3_errmsg(db));
    for (int i = 0; kinds[i]; i++) {
        const struct kind *k = kinds[i];
        struct strbuf title, body;
        strbuf_init(&title);
        strbuf_init(&body);
        for (int j = 0; j < k->nfields; j++) {
            if (!(k->fields[j].flags & F_FTS))
                continue;
            if (!title.len)
                strbuf_adds(&title, k->fields[j].name);
            else
                strbuf_addf(&body, "%scoalesce(%s, '')", body.len ? " || ' ' || " : "", k->fields[j].name);
        }
        if (title.len) {
            char *sql = xasprintf("INSERT INTO temp.expect(rowid, title, body) SELECT row_seq * %d + %d, %s, %s FROM %s",
                                  FTS_KINDS, i, title.s, body.len ? body.s : "''", k->name);
            if (tu_raw_exec(db, sql) != SQLITE_OK)
                fail_msg("%s: %s", sql, sqlite3_errmsg(db));
            free(sql);
        }
        strbuf_free(&title);
        strbuf_free(&body);
    }
}

/* Asserts that the store's index is the one its rows call for; returns the
 * number of term instances (so a test can tell it is not empty). */
static long long assert_index_exact(const char *path)
{
    sqlite3 *db = tu_raw_open(path, 0);
    build_expected(db);
    tu_raw_exec(db, "CREATE VIRTUAL TABLE temp.have_v USING fts5vocab(main, fts, instance)");
    tu_raw_exec(db, "CREATE VIRTUAL TABLE temp.want_v USING fts5vocab(temp, expect, instance)");
    long long extra = tu_raw_int(db, "SELECT count(*) FROM (SELECT term, doc, col, offset FROM temp.have_v "
                                     "EXCEPT SELECT term, doc, col, offset FROM temp.want_v)");
    long long missing = tu_raw_int(db, "SELECT count(*) FROM (SELECT term, doc, col, offset FROM temp.want_v "
                                       "EXCEPT SELECT term, doc, col, offset FROM temp.have_v)");
    long long have = tu_raw_int(db, "SELECT count(*) FROM temp.have_v");
    long long want = tu_raw_int(db, "SELECT count(*) FROM temp.want_v");
    sqlite3_close(db);
    if (extra != 0 || missing != 0 || have != want)
        fail_msg("full-text index: %lld entries not in the rows, %lld missing, %lld held, %lld wanted", extra, missing,
                 have, want);
    return have;
}

static long long matches(struct store *s, const char *word)
{
    return db_int(s, "SELECT count(*) FROM fts WHERE fts MATCH ?", word);
}

static char *initiative(struct store *s, const char *centre, const char *title)
{
    char *c = xasprintf("centre=%s", centre), *t = xasprintf("title=%s", title);
    char *id = tu_create(s, "initiative", t, c, "status=ongoing", "carried_by=inhabitants", "started_on=2025-03-01",
                         "description=Un potager partagé au pied des immeubles", NULL);
    free(c);
    free(t);
    return id;
}

static void retitle(struct store *s, const char *id, const char *title)
{
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, id, &err);
    assert_non_null(r);
    assert_int_equal(record_set(r, "title", title, &err), 0);
    if (record_update(s, r, &err) != 0)
        fail_msg("update: %s", err.msg);
    record_free(r);
}

/* Rows written in bulk are indexed at the commit, not before; an edit and an
 * erasure of a row written in the same transaction leave no stale words. */
static void test_indexed_at_commit(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre social Bellevue");
    struct error err;
    error_clear(&err);
    store_bulk(s, true);
    assert_int_equal(store_begin(s, &err), 0);
    char *a = initiative(s, centre, "Vélo-école des mamans");
    char *b = initiative(s, centre, "Chorale intergénérationnelle");
    char *c = initiative(s, centre, "Troc de vêtements");
    assert_int_equal(matches(s, "velo"), 0);             /* waits for the commit */
    assert_int_equal(matches(s, "potager"), 0);
    retitle(s, b, "Chorale du quartier");
    assert_int_equal(record_erase(s, c, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(matches(s, "velo"), 1);
    assert_int_equal(matches(s, "chorale"), 1);
    assert_int_equal(matches(s, "intergenerationnelle"), 0);
    /* Erasing empties the long texts (the description), not the title. */
    assert_int_equal(matches(s, "troc"), 1);
    assert_int_equal(matches(s, "potager"), 2);
    assert_true(assert_index_exact(path) > 0);
    /* Live again: an edit outside bulk updates the index at once. */
    store_bulk(s, false);
    retitle(s, a, "Atelier réparation de vélos");
    assert_int_equal(matches(s, "ecole"), 0);
    assert_int_equal(matches(s, "reparation"), 1);
    assert_index_exact(path);
    free(a);
    free(b);
    free(c);
    free(centre);
    store_close(s);
    free(path);
}

/* A row indexed before the bulk write and edited during it: its old words
 * leave, its new words arrive with the commit. */
static void test_older_rows_edited(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre social La Source");
    char *a = initiative(s, centre, "Fête de quartier");
    struct error err;
    error_clear(&err);
    store_bulk(s, true);
    assert_int_equal(store_begin(s, &err), 0);
    retitle(s, a, "Bal populaire");
    assert_int_equal(matches(s, "fete"), 0);
    assert_int_equal(matches(s, "bal"), 0);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(matches(s, "bal"), 1);
    assert_index_exact(path);
    store_bulk(s, false);
    free(a);
    free(centre);
    store_close(s);
    free(path);
}

/* A rolled-back bulk transaction leaves nothing to index in the next one,
 * and a nested level that fails (one bad import row) takes its row away. */
static void test_rollbacks(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre social Planoise");
    struct error err;
    error_clear(&err);
    store_bulk(s, true);
    assert_int_equal(store_begin(s, &err), 0);
    free(initiative(s, centre, "Repair café"));
    store_rollback(s);
    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_begin(s, &err), 0);
    free(initiative(s, centre, "Boîte à livres"));
    store_rollback(s);                                      /* the inner level only */
    free(initiative(s, centre, "Journal de quartier"));
    assert_int_equal(store_commit(s, &err), 0);
    store_bulk(s, false);
    assert_int_equal(matches(s, "repair"), 0);
    assert_int_equal(matches(s, "livres"), 0);
    assert_int_equal(matches(s, "journal"), 1);
    assert_index_exact(path);
    free(centre);
    store_close(s);
    free(path);
}

/* Another connection writing live between two bulk transactions: its rows
 * are indexed once (by it), not a second time by the bulk commit. */
static void test_other_writer(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    char *centre = tu_centre(s, "Centre social Croix-Rouge");
    struct error err;
    error_clear(&err);
    struct store *other = store_open(path, 0, &err);
    assert_non_null(other);
    store_bulk(s, true);
    assert_int_equal(store_begin(s, &err), 0);
    free(initiative(s, centre, "Potager sur le toit"));
    assert_int_equal(store_commit(s, &err), 0);
    free(initiative(other, centre, "Ciné-débat"));
    assert_int_equal(store_begin(s, &err), 0);
    free(initiative(s, centre, "Vélo-école"));
    assert_int_equal(store_commit(s, &err), 0);
    store_bulk(s, false);
    assert_int_equal(matches(s, "cine"), 1);
    assert_index_exact(path);
    store_close(other);
    free(centre);
    store_close(s);
    free(path);
}

/* The demo writes in bulk: its thousands of rows are indexed exactly. */
static void test_demo_indexed(void **state)
{
    (void)state;
    char *path;
    struct store *s = tu_store(&path);
    struct error err;
    error_clear(&err);
    if (demo_generate(s, 3000, 7, NULL, NULL, &err) != 0)
        fail_msg("demo: %s", err.msg);
    assert_true(matches(s, "egalite") > 0);
    assert_true(assert_index_exact(path) > 10000);
    store_close(s);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_indexed_at_commit), cmocka_unit_test(test_older_rows_edited),
        cmocka_unit_test(test_rollbacks),         cmocka_unit_test(test_other_writer),
        cmocka_unit_test(test_demo_indexed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
