/* How the values of Browse's frequency view read: a logbook by its plural,
 * a choice by its label, a centre by its name, an empty value in words,
 * anything else as it is. */
#include "testutil.h"
#include "model/timeline.h"

#include <stdlib.h>
#include <string.h>

static void text_is(struct store *s, const char *field, const char *value, const char *want)
{
    char *got = timeline_frequency_text(s, field, value);
    assert_string_equal(got, want);
    free(got);
}

static void test_frequency_text(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social Les Tilleuls");
    text_is(s, "logbook", "initiative", "initiatives");
    text_is(s, "logbook", "meeting", "sittings");
    text_is(s, "logbook", "no_such_kind", "no_such_kind");
    text_is(s, "status", "ongoing", "ongoing");
    text_is(s, "status", "open", "open");               /* a difficulty's, not an initiative's */
    text_is(s, "status", "no_such_status", "no_such_status");
    text_is(s, "carried_by", "centre", "the centre");
    text_is(s, "centre", centre, "Centre social Les Tilleuls");
    text_is(s, "status", "", "(empty)");
    text_is(s, "no_such_field", "x", "x");
    free(centre);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frequency_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
