/* The demo generator: one seed gives the same records in any store, another
 * seed other records; the documented split between the logs; every record
 * it makes is one the write API would accept as is; progress; bad input. */
#include "testutil.h"
#include "model/demo.h"
#include "model/query.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct store *demo_store(long records, unsigned long seed)
{
    struct store *s = tu_store(NULL);
    struct error err;
    error_clear(&err);
    if (demo_generate(s, records, seed, NULL, NULL, &err) != 0)
        fail_msg("demo_generate(%ld, %lu): %s", records, seed, err.msg);
    return s;
}

/* Every record of kind (trash included), in list order. */
static struct tu_records all_of(struct store *s, const struct kind *k)
{
    struct query q;
    query_init(&q, k);
    q.deleted = Q_ALL;
    struct tu_records rs = {0};
    struct error err;
    error_clear(&err);
    if (query_run(s, &q, tu_keep, &rs, &err) < 0)
        fail_msg("listing %s: %s", k->plural, err.msg);
    return rs;
}

static long count_of(struct store *s, const char *kind)
{
    struct query q;
    query_init(&q, kind_find(kind));
    struct error err;
    error_clear(&err);
    return query_count(s, &q, &err);
}

static bool same_value(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void test_same_seed_same_data(void **state)
{
    (void)state;
    struct store *a = demo_store(300, 5), *b = demo_store(300, 5);
    int compared = 0;
    for (int k = 0; kinds[k]; k++) {
        struct tu_records ra = all_of(a, kinds[k]), rb = all_of(b, kinds[k]);
        assert_int_equal(ra.n, rb.n);
        for (int i = 0; i < ra.n; i++) {
            assert_string_equal(ra.v[i]->id, rb.v[i]->id);
            for (int f = 0; f < kinds[k]->nfields; f++)
                if (!same_value(ra.v[i]->v[f], rb.v[i]->v[f]))
                    fail_msg("%s %s, %s: '%s' and '%s'", kinds[k]->name, ra.v[i]->id, kinds[k]->fields[f].name,
                             ra.v[i]->v[f] ? ra.v[i]->v[f] : "", rb.v[i]->v[f] ? rb.v[i]->v[f] : "");
            compared++;
        }
        tu_records_free(&ra);
        tu_records_free(&rb);
    }
    assert_true(compared > 300);
    store_close(a);
    store_close(b);
}

static void test_other_seed_other_data(void **state)
{
    (void)state;
    struct store *a = demo_store(300, 5), *b = demo_store(300, 6);
    const char *logs[] = {"initiative", "action", "difficulty"};
    for (int k = 0; k < 3; k++) {
        struct tu_records ra = all_of(a, kind_find(logs[k])), rb = all_of(b, kind_find(logs[k]));
        assert_int_equal(ra.n, rb.n);
        assert_true(ra.n > 0);
        /* No id in common, and the contents differ too. */
        int differ = 0;
        for (int i = 0; i < ra.n; i++) {
            for (int j = 0; j < rb.n; j++)
                assert_string_not_equal(ra.v[i]->id, rb.v[j]->id);
            const char *title = ra.v[i]->kind->title_field;
            differ += !same_value(record_get(ra.v[i], title), record_get(rb.v[i], title));
        }
        assert_true(differ > ra.n / 3);
        tu_records_free(&ra);
        tu_records_free(&rb);
    }
    store_close(a);
    store_close(b);
}

static void split_is(long records, long init, long meet, long act, long diff)
{
    struct store *s = demo_store(records, 11);
    assert_int_equal(count_of(s, "initiative"), init);
    assert_int_equal(count_of(s, "meeting"), meet);
    assert_int_equal(count_of(s, "action"), act);
    assert_int_equal(count_of(s, "difficulty"), diff);
    assert_int_equal(init + meet + act + diff, records);
    /* The reference data the logs need is there. */
    assert_true(count_of(s, "territory") >= 6);
    assert_true(count_of(s, "centre") >= 3);
    assert_true(count_of(s, "body") >= 5);
    store_close(s);
}

static void test_split(void **state)
{
    (void)state;
    /* 35% initiatives, 30% sittings, 30% actions, 5% difficulties; what the
     * rounding leaves goes to the actions. */
    split_is(300, 105, 90, 90, 15);
    split_is(1001, 350, 300, 301, 50);
    split_is(7, 2, 2, 3, 0);
    split_is(0, 0, 0, 0, 0);
}

static void test_every_record_is_valid(void **state)
{
    (void)state;
    struct store *s = demo_store(300, 5);
    struct error err;
    int checked = 0;
    for (int k = 0; kinds[k]; k++) {
        struct tu_records rs = all_of(s, kinds[k]);
        for (int i = 0; i < rs.n; i++) {
            struct record *d = record_dup(rs.v[i]);
            error_clear(&err);
            if (record_check(s, d, &err) != 0)
                fail_msg("%s %s does not pass its own checks: %s", kinds[k]->name, d->id, err.msg);
            /* Already in canonical form: checking changes nothing. */
            for (int f = 0; f < kinds[k]->nfields; f++)
                if (!same_value(d->v[f], rs.v[i]->v[f]))
                    fail_msg("%s %s, %s: stored '%s', canonical '%s'", kinds[k]->name, d->id,
                             kinds[k]->fields[f].name, rs.v[i]->v[f] ? rs.v[i]->v[f] : "", d->v[f] ? d->v[f] : "");
            record_free(d);
            checked++;
        }
        tu_records_free(&rs);
    }
    assert_true(checked > 300);
    /* And the store's own check finds nothing to say. */
    int problems = -1;
    error_clear(&err);
    assert_int_equal(store_check(s, &problems, &err), 0);
    assert_int_equal(problems, 0);
    store_close(s);
}

struct progress {
    long calls, last_done, last_total;
    bool backwards;
};

static void on_progress(long done, long total, void *ctx)
{
    struct progress *p = ctx;
    if (done < p->last_done || done > total)
        p->backwards = true;
    p->calls++;
    p->last_done = done;
    p->last_total = total;
}

static void test_progress_and_refusals(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    struct progress p = {0};
    struct error err;
    error_clear(&err);
    assert_int_equal(demo_generate(s, 300, 3, on_progress, &p, &err), 0);
    assert_true(p.calls >= 1);
    assert_false(p.backwards);
    assert_int_equal(p.last_total, 300);
    assert_int_equal(p.last_done, 300);

    /* A negative count is refused before anything is written. */
    struct store *empty = tu_store(NULL);
    error_clear(&err);
    p = (struct progress){0};
    assert_int_equal(demo_generate(empty, -1, 3, on_progress, &p, &err), ERR_INVALID);
    assert_non_null(strstr(err.msg, "--records"));
    assert_int_equal(p.calls, 0);
    assert_int_equal(count_of(empty, "territory"), 0);
    assert_int_equal(count_of(empty, "initiative"), 0);
    store_close(empty);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_data),
        cmocka_unit_test(test_other_seed_other_data),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_every_record_is_valid),
        cmocka_unit_test(test_progress_and_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
