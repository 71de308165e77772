/* model/undo.h: the session's journal walks back its own changes, newest
 * first, each as a new change: an edit's fields take their old values
 * back (and only those), a delete is restored, an add goes to the trash. */
#include "testutil.h"
#include "model/undo.h"
#include "util/xalloc.h"

#include <string.h>

static void test_walk_back(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social Tilleuls");
    char *c = xasprintf("centre=%s", centre);
    struct error err;
    error_clear(&err);
    struct undo_log *log = undo_log_new();
    char id[37];
    enum undo_change what;
    int n;
    assert_int_equal(undo_last(s, log, id, &what, &n, &err), 1);    /* nothing yet */

    char *rid = tu_create(s, "initiative", "title=Jardin", c, "status=idea", "carried_by=centre",
                          "started_on=2026-01-05", NULL);
    undo_note(log, UNDO_CHANGE_ADD, rid);

    /* An edit of the title and the status; someone else then edits the
     * volunteers, which the undo must leave alone. */
    struct record *r = record_load(s, rid, &err);
    struct record *before = record_dup(r);
    assert_int_equal(record_set(r, "title", "Jardin partagé", &err), 0);
    assert_int_equal(record_set(r, "status", "ongoing", &err), 0);
    assert_int_equal(record_update(s, r, &err), 0);
    undo_note_edit(log, before, r);
    record_free(before);
    record_free(r);
    r = record_load(s, rid, &err);
    assert_int_equal(record_set(r, "volunteers", "4", &err), 0);
    assert_int_equal(record_update(s, r, &err), 0);
    record_free(r);

    assert_int_equal(record_delete(s, rid, &err), 0);
    undo_note(log, UNDO_CHANGE_DELETE, rid);

    assert_int_equal(undo_last(s, log, id, &what, &n, &err), 0);
    assert_int_equal(what, UNDO_CHANGE_DELETE);
    assert_string_equal(id, rid);
    r = record_load(s, rid, &err);
    assert_int_equal(r->deleted, 0);
    record_free(r);

    assert_int_equal(undo_last(s, log, id, &what, &n, &err), 0);
    assert_int_equal(what, UNDO_CHANGE_EDIT);
    assert_int_equal(n, 2);
    r = record_load(s, rid, &err);
    assert_string_equal(record_get(r, "title"), "Jardin");
    assert_string_equal(record_get(r, "status"), "idea");
    assert_string_equal(record_get(r, "volunteers"), "4");      /* not ours: kept */
    record_free(r);

    assert_int_equal(undo_last(s, log, id, &what, &n, &err), 0);
    assert_int_equal(what, UNDO_CHANGE_ADD);
    r = record_load(s, rid, &err);
    assert_int_equal(r->deleted, 1);
    record_free(r);

    assert_int_equal(undo_last(s, log, id, &what, &n, &err), 1);
    undo_log_free(log);
    free(rid);
    free(c);
    free(centre);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
