/* The defaults of a new record (model/defaults.c), the one resolver the
 * forms and `carnet add` share: today, constant codes, and the centre rule
 * (the writer's own centre; else the only centre; else nothing, never the
 * first by name). */
#include "testutil.h"
#include "model/query.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static struct error err;

static struct record *defaults_of(struct store *s, const char *kind)
{
    struct record *r = record_new(kind_find(kind));
    error_clear(&err);
    assert_int_equal(record_defaults(s, r, &err), 0);
    return r;
}

static void assert_value(const struct record *r, const char *field, const char *want)
{
    const char *v = record_get(r, field);
    if (want == NULL ? v != NULL : (v == NULL || strcmp(v, want) != 0))
        fail_msg("%s.%s is '%s', expected '%s'", r->kind->name, field, v ? v : "(empty)", want ? want : "(empty)");
}

/* The member entry of this process's login attached to centre. */
static void attach_me(struct store *s, const char *centre)
{
    struct query q;
    struct tu_records rs = {0};
    error_clear(&err);
    query_init(&q, kind_find("member"));
    assert_int_equal(query_where_add(&q, "login", store_login(s), &err), 0);
    assert_int_equal(query_run(s, &q, tu_keep, &rs, &err), 1);
    assert_int_equal(record_set(rs.v[0], "centre", centre, &err), 0);
    assert_int_equal(record_update(s, rs.v[0], &err), 0);
    tu_records_free(&rs);
}

static void test_constants_and_today(void **state)
{
    (void)state;
    setenv("CARNET_TODAY", "2026-12-02", 1);
    struct store *s = tu_store(NULL);
    struct record *r = defaults_of(s, "initiative");
    assert_value(r, "status", "idea");
    assert_value(r, "started_on", "2026-12-02");
    assert_value(r, "carried_by", "inhabitants");
    assert_value(r, "title", NULL);
    assert_value(r, "ended_on", NULL);     /* only the date that opens the record */
    assert_value(r, "centre", NULL);       /* no centre at all */
    record_free(r);
    r = defaults_of(s, "difficulty");
    assert_value(r, "raised_on", "2026-12-02");
    assert_value(r, "status", "open");
    assert_value(r, "informed_on", NULL);
    record_free(r);

    /* A value already there is kept. */
    r = record_new(kind_find("initiative"));
    record_set(r, "status", "ongoing", NULL);
    error_clear(&err);
    assert_int_equal(record_defaults(s, r, &err), 0);
    assert_value(r, "status", "ongoing");
    record_free(r);
    store_close(s);
    unsetenv("CARNET_TODAY");
}

static void test_centre_rule(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    /* The only centre, when the writer has none of her own. */
    char *zola = tu_centre(s, "Centre social Zola");
    struct record *r = defaults_of(s, "action");
    assert_value(r, "centre", zola);
    record_free(r);

    /* Two centres, none hers: nothing, not the first by name (Arc < Zola). */
    char *arc = tu_centre(s, "Centre social Arc-en-ciel");
    r = defaults_of(s, "action");
    assert_value(r, "centre", NULL);
    record_free(r);

    /* Her own centre, whatever the others. */
    attach_me(s, zola);
    r = defaults_of(s, "body");
    assert_value(r, "centre", zola);
    assert_value(r, "kind", "general_assembly");
    record_free(r);

    /* A deleted centre is not "the only one". */
    attach_me(s, "");
    error_clear(&err);
    assert_int_equal(record_delete(s, zola, &err), 0);
    r = defaults_of(s, "initiative");
    assert_value(r, "centre", arc);
    record_free(r);
    free(zola);
    free(arc);
    store_close(s);
}

/* A sitting's body: the only body, else nothing. */
static void test_only_record(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *c = tu_centre(s, "Centre social Zola");
    char *cp = xasprintf("centre=%s", c);
    char *b1 = tu_create(s, "body", cp, "name=Conseil d'administration", "kind=board", NULL);
    struct record *r = defaults_of(s, "meeting");
    assert_value(r, "body", b1);
    record_free(r);
    char *b2 = tu_create(s, "body", cp, "name=Bureau", "kind=bureau", NULL);
    r = defaults_of(s, "meeting");
    assert_value(r, "body", NULL);
    record_free(r);
    free(b1), free(b2), free(cp), free(c);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constants_and_today),
        cmocka_unit_test(test_centre_rule),
        cmocka_unit_test(test_only_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
