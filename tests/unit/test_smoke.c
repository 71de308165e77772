/* The smallest end of the chain: a store opens and holds its seeds. */
#include "testutil.h"
#include "model/query.h"

static void test_new_store_is_seeded(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    struct query q;
    query_init(&q, kind_find("criterion"));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_count(s, &q, &err), 26);
    query_init(&q, kind_find("theme"));
    assert_int_equal(query_count(s, &q, &err), 15);
    assert_int_equal(store_role(s), ROLE_ADMIN);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_new_store_is_seeded)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
