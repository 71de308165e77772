/* model/history.h: the per-record history the write API keeps: creation,
 * each field change with old and new values, who and when, oldest first;
 * and erased values that never come back through it. */
#include "testutil.h"
#include "model/history.h"
#include "model/store_internal.h"
#include "util/xalloc.h"

#include <string.h>

struct entry {
    char *field, *old_value, *new_value, *login, *at;
};

struct log {
    struct entry e[32];
    int n;
    int stop_after;        /* 0: never */
};

static int collect(const struct history_entry *h, void *ctx)
{
    struct log *l = ctx;
    assert_true(l->n < 32);
    struct entry *e = &l->e[l->n++];
    e->field = xstrdup(h->field);
    e->old_value = xstrdup(h->old_value);
    e->new_value = xstrdup(h->new_value);
    e->login = xstrdup(h->login);
    e->at = xstrdup(h->at);
    return l->stop_after && l->n >= l->stop_after;
}

static void log_free(struct log *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->e[i].field);
        free(l->e[i].old_value);
        free(l->e[i].new_value);
        free(l->e[i].login);
        free(l->e[i].at);
    }
    l->n = 0;
}

static void assert_opt_equal(const char *got, const char *want)
{
    if (!want)
        assert_null(got);
    else
        assert_string_equal(got, want);
}

static void expect(const struct entry *e, const char *field, const char *old_value, const char *new_value,
                   const char *login, const char *at)
{
    assert_string_equal(e->field, field);
    assert_opt_equal(e->old_value, old_value);
    assert_opt_equal(e->new_value, new_value);
    assert_string_equal(e->login, login);
    assert_string_equal(e->at, at);
}

static void edit(struct store *s, const char *id, const char *field, const char *value, const char *field2,
                 const char *value2)
{
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, id, &err);
    assert_non_null(r);
    record_set(r, field, value, NULL);
    if (field2)
        record_set(r, field2, value2, NULL);
    if (record_update(s, r, &err) != 0)
        fail_msg("%s", err.msg);
    record_free(r);
}

static void test_history_in_order(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre des Tilleuls");
    char *c = xasprintf("centre=%s", centre);
    const char *me = store_login(s);
    struct error err;
    error_clear(&err);

    /* A pinned wall clock, one minute per step, so that `at` is exact. */
    const int64_t t0 = 1795600000000;           /* 2026-11-25T09:46:40Z */
    s->now_override_ms = t0;
    char *id = tu_create(s, "initiative", "title=Jardin partagé", c, "status=ongoing", "carried_by=inhabitants",
                         "started_on=2025-03-01", NULL);
    s->now_override_ms = t0 + 60000;
    edit(s, id, "title", "Jardin partagé des Pentes", NULL, NULL);
    s->now_override_ms = t0 + 120000;
    edit(s, id, "status", "completed", "ended_on", "30/09/2025");
    s->now_override_ms = t0 + 180000;
    edit(s, id, "ended_on", NULL, NULL, NULL);
    s->now_override_ms = t0 + 240000;
    assert_int_equal(record_delete(s, id, &err), 0);
    s->now_override_ms = t0 + 300000;
    assert_int_equal(record_restore(s, id, &err), 0);
    s->now_override_ms = t0 + 360000;
    edit(s, id, "status", "completed", NULL, NULL);       /* no change: no entry */

    struct log l = {.n = 0};
    assert_int_equal(history_list(s, id, collect, &l, &err), 7);
    assert_int_equal(l.n, 7);
    expect(&l.e[0], "*", NULL, "created", me, "2026-11-25T09:46:40Z");
    expect(&l.e[1], "title", "Jardin partagé", "Jardin partagé des Pentes", me, "2026-11-25T09:47:40Z");
    /* One write, two fields: in the order of the descriptor. */
    expect(&l.e[2], "status", "ongoing", "completed", me, "2026-11-25T09:48:40Z");
    expect(&l.e[3], "ended_on", NULL, "2025-09-30", me, "2026-11-25T09:48:40Z");
    expect(&l.e[4], "ended_on", "2025-09-30", NULL, me, "2026-11-25T09:49:40Z");
    expect(&l.e[5], "deleted", "0", "1", me, "2026-11-25T09:50:40Z");
    expect(&l.e[6], "deleted", "1", "0", me, "2026-11-25T09:51:40Z");
    log_free(&l);

    /* The callback can stop the walk; no callback only counts. */
    l.stop_after = 2;
    assert_int_equal(history_list(s, id, collect, &l, &err), 2);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.e[1].field, "title");
    log_free(&l);
    assert_int_equal(history_list(s, id, NULL, NULL, &err), 7);

    /* Another record's history is its own; an unknown id has none. */
    char *other = tu_create(s, "initiative", "title=Repair café", c, "status=idea", "carried_by=centre",
                            "started_on=2025-04-01", NULL);
    assert_int_equal(history_list(s, other, NULL, NULL, &err), 1);
    char unknown[37];
    id_new(unknown);
    assert_int_equal(history_list(s, unknown, NULL, NULL, &err), 0);
    assert_int_equal(history_list(s, id, NULL, NULL, &err), 7);
    assert_int_equal(err.code, 0);

    free(other);
    free(id);
    free(c);
    free(centre);
    store_close(s);
}

static void test_history_after_erase(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *p = tu_create(s, "person", "pseudonym=Mimosa", "age_band=26_59", NULL);
    edit(s, p, "pseudonym", "Mimosa Blanc", "consent_on", "2025-02-01");
    struct error err;
    error_clear(&err);
    assert_int_equal(record_erase(s, p, &err), 0);

    struct log l = {.n = 0};
    int n = history_list(s, p, collect, &l, &err);
    assert_int_equal(n, l.n);
    /* created, pseudonym, consent_on, then the erasure: four blanked fields and deleted. */
    assert_int_equal(n, 8);
    assert_string_equal(l.e[0].field, "*");
    int deleted = 0;
    for (int i = 1; i < n; i++) {
        if (strcmp(l.e[i].field, "deleted") == 0) {
            deleted++;
            assert_string_equal(l.e[i].new_value, "1");
            continue;
        }
        /* The change is kept, what it was is not. */
        if (l.e[i].old_value || l.e[i].new_value)
            fail_msg("%s kept a value after the erasure: '%s' -> '%s'", l.e[i].field,
                     l.e[i].old_value ? l.e[i].old_value : "", l.e[i].new_value ? l.e[i].new_value : "");
        assert_string_equal(l.e[i].login, store_login(s));
    }
    assert_int_equal(deleted, 1);
    assert_string_equal(l.e[n - 1].field, "deleted");
    log_free(&l);
    free(p);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_in_order),
        cmocka_unit_test(test_history_after_erase),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
