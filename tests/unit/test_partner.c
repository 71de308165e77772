/* model/partner.h: the key of a partner's name, the id of a name, and the
 * splitting of the free text that earlier versions kept. */
#include "testutil.h"

#include "model/partner.h"
#include "model/record_internal.h"
#include "util/xalloc.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static void key_is(const char *name, const char *want)
{
    char *got = partner_name_key(name);
    if (want)
        assert_string_equal(got, want);
    else
        assert_null(got);
    free(got);
}

static void test_name_key(void **state)
{
    (void)state;
    key_is("Mairie", "mairie");
    key_is("  CAF   93\t", "caf 93");
    key_is("ÉCOLE Jaurès", "école jaurès");
    key_is("Œuvre Ÿ ÀÇÑ ŁĘŻ", "œuvre ÿ àçñ łęż");
    key_is("İzmir", "İzmir");                /* no dotted İ in the fold: kept */
    key_is("   ", NULL);
    key_is("", NULL);
    key_is(NULL, NULL);
    key_is("caf\xE9", "caf\xE9");          /* not UTF-8: kept byte for byte */
}

/* The same key in every locale: the fold does not follow LC_CTYPE. */
static void test_name_key_locale_proof(void **state)
{
    (void)state;
    const char *locales[] = {"C", "C.UTF-8", "fr_FR.UTF-8", "tr_TR.UTF-8"};
    for (size_t i = 0; i < sizeof locales / sizeof *locales; i++) {
        if (!setlocale(LC_ALL, locales[i]))
            continue;
        key_is("ÉCOLE Ferry", "école ferry");
        key_is("INSTITUT", "institut");
    }
    setlocale(LC_ALL, "C.UTF-8");
}

static void test_name_id(void **state)
{
    (void)state;
    char a[37], b[37], c[37], want[37];
    partner_name_id("Mairie", a);
    partner_name_id("  MAIRIE ", b);
    partner_name_id("Mairie de Lyon", c);
    assert_true(id_valid(a));
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    /* The form of natural-key ids: the kind, 0x1f, the key. */
    const char *values[] = {"mairie"};
    record_key_id(kind_find("partner"), values, 1, want);
    assert_string_equal(a, want);
    assert_int_equal(a[14], '5');              /* a UUID v5 */
    partner_name_id(" ", a);
    assert_string_equal(a, "");
}

struct names {
    char *v[8];
    int n;
};

static int collect(const char *name, size_t len, void *ctx)
{
    struct names *n = ctx;
    n->v[n->n++] = xstrndup(name, len);
    return n->n == 8;
}

static void split_is(const char *text, int n, const char *const *want)
{
    struct names got = {{NULL}, 0};
    assert_int_equal(partner_split_names(text, collect, &got), 0);
    assert_int_equal(got.n, n);
    for (int i = 0; i < n; i++) {
        assert_string_equal(got.v[i], want[i]);
        free(got.v[i]);
    }
}

static void test_split(void **state)
{
    (void)state;
    const char *a[] = {"Mairie", "CAF 93", "Collège Jaurès"};
    split_is("Mairie, CAF 93; Collège Jaurès", 3, a);
    split_is(" Mairie ,CAF 93 ;;  Collège Jaurès ; ", 3, a);
    const char *b[] = {"CAF"};
    split_is("CAF", 1, b);
    split_is("", 0, NULL);
    split_is(" , ; ", 0, NULL);
    split_is(NULL, 0, NULL);
    /* A non-zero return stops the walk and is returned. */
    struct names got = {{NULL}, 0};
    assert_int_equal(partner_split_names("a,b,c,d,e,f,g,h,i,j", collect, &got), 1);
    assert_int_equal(got.n, 8);
    for (int i = 0; i < got.n; i++)
        free(got.v[i]);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_key),
        cmocka_unit_test(test_name_key_locale_proof),
        cmocka_unit_test(test_name_id),
        cmocka_unit_test(test_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
