/* util/numdate: every accepted and refused form of a number and of a date,
 * under the C locale and under fr_FR.UTF-8 (set here: ctest runs unit tests
 * with LC_ALL=C.UTF-8), where strtod and printf speak "12,5". What is parsed
 * and stored must be the same in both; only what people read differs. */
#include "testutil.h"
#include "util/i18n.h"
#include "util/numdate.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool french(void)
{
    return setlocale(LC_ALL, "fr_FR.UTF-8") || setlocale(LC_ALL, "fr_FR.utf8");
}

static void number_is(const char *in, bool whole, int want_rc, const char *want)
{
    char *out = (char *)"unset";
    int rc = numdate_parse_number(in, whole, &out);
    if (rc != want_rc)
        fail_msg("'%s' (whole %d): status %d, expected %d", in ? in : "(null)", whole, rc, want_rc);
    if (want) {
        assert_non_null(out);
        assert_string_equal(out, want);
    } else {
        assert_null(out);
    }
    free(out);
}

/* The same answers whatever the locale. */
static void numbers_parse(void)
{
    number_is("12,5", false, NUMDATE_OK, "12.5");
    number_is("12.5", false, NUMDATE_OK, "12.5");
    number_is(" 242.5 ", false, NUMDATE_OK, "242.5");
    number_is("\t3,50", false, NUMDATE_OK, "3.50");
    number_is("0,25", false, NUMDATE_OK, "0.25");
    number_is(",5", false, NUMDATE_OK, "0.5");
    number_is("007", false, NUMDATE_OK, "7");
    number_is("+0042", true, NUMDATE_OK, "42");
    number_is("-7", true, NUMDATE_OK, "-7");
    number_is("-0", true, NUMDATE_OK, "0");
    number_is("0", true, NUMDATE_OK, "0");
    number_is("13", false, NUMDATE_OK, "13");
    /* Grouped thousands: refused with their own reason, never misread. */
    number_is("1 234,5", false, NUMDATE_GROUPED, NULL);
    number_is("1\xC2\xA0" "234,5", false, NUMDATE_GROUPED, NULL);       /* no-break space */
    number_is("1\xE2\x80\xAF" "234,5", false, NUMDATE_GROUPED, NULL);   /* narrow no-break space */
    number_is("1.234,5", false, NUMDATE_GROUPED, NULL);
    number_is("1,234.5", false, NUMDATE_GROUPED, NULL);
    number_is("1.234.567", false, NUMDATE_GROUPED, NULL);
    number_is("1'234", true, NUMDATE_GROUPED, NULL);
    number_is("1 000", true, NUMDATE_GROUPED, NULL);
    number_is("1.234", true, NUMDATE_GROUPED, NULL);
    number_is("1,234", true, NUMDATE_GROUPED, NULL);
    /* Not numbers. */
    number_is("3,5", true, NUMDATE_BAD, NULL);
    number_is("12abc", false, NUMDATE_BAD, NULL);
    number_is("abc", false, NUMDATE_BAD, NULL);
    number_is("1.", false, NUMDATE_BAD, NULL);
    number_is("1e3", false, NUMDATE_BAD, NULL);
    number_is("inf", false, NUMDATE_BAD, NULL);
    number_is("nan", false, NUMDATE_BAD, NULL);
    number_is("12..5", false, NUMDATE_BAD, NULL);
    number_is("12 ,5", false, NUMDATE_BAD, NULL);
    number_is("-", true, NUMDATE_BAD, NULL);
    number_is("", false, NUMDATE_EMPTY, NULL);
    number_is("   ", false, NUMDATE_EMPTY, NULL);
    number_is(NULL, false, NUMDATE_EMPTY, NULL);
}

static void numbers_store(void)
{
    double v = 0;
    assert_int_equal(numdate_to_double("12.5", &v), 0);
    assert_true(v == 12.5);
    assert_int_equal(numdate_to_double("1.0e+20", &v), 0);
    assert_true(v == 1e20);
    assert_int_equal(numdate_to_double("12,5", &v), -1);
    assert_int_equal(numdate_to_double("", &v), -1);
    assert_int_equal(numdate_to_double("12.5x", &v), -1);
    char s[32];
    numdate_real_text(12.5, s);
    assert_string_equal(s, "12.5");
    numdate_real_text(13, s);
    assert_string_equal(s, "13.0");
    numdate_real_text(0.1, s);
    assert_string_equal(s, "0.1");
    numdate_real_text(1e20, s);
    assert_string_equal(s, "1e+20");
    char f[48];
    numdate_fixed(3.26, 1, false, f);
    assert_string_equal(f, "3.3");
    numdate_fixed(13.5, 1, false, f);
    assert_string_equal(f, "13.5");
}

static void date_is(const char *in, int want_rc, const char *want)
{
    char iso[11] = "unset";
    int rc = numdate_parse_date(in, iso);
    if (rc != want_rc)
        fail_msg("'%s': status %d, expected %d", in ? in : "(null)", rc, want_rc);
    assert_string_equal(iso, want ? want : "unset");
}

static void dates_parse(void)
{
    date_is("14/07/2024", NUMDATE_OK, "2024-07-14");
    date_is("1/2/2024", NUMDATE_OK, "2024-02-01");
    date_is("01.02.2024", NUMDATE_OK, "2024-02-01");
    date_is("1-2-2024", NUMDATE_OK, "2024-02-01");
    date_is("2024-07-14", NUMDATE_OK, "2024-07-14");
    date_is(" 2024-07-14 ", NUMDATE_OK, "2024-07-14");
    date_is("29/02/2024", NUMDATE_OK, "2024-02-29");
    date_is("29/02/2000", NUMDATE_OK, "2000-02-29");
    date_is("01/01/1900", NUMDATE_OK, "1900-01-01");
    date_is("2199-12-31", NUMDATE_OK, "2199-12-31");
    /* The right form, but no such day: said so, not "wrong format". */
    date_is("31/11/2026", NUMDATE_NO_SUCH_DAY, NULL);
    date_is("29/02/2023", NUMDATE_NO_SUCH_DAY, NULL);
    date_is("29/02/1900", NUMDATE_NO_SUCH_DAY, NULL);
    date_is("2026-02-30", NUMDATE_NO_SUCH_DAY, NULL);
    date_is("32/01/2024", NUMDATE_NO_SUCH_DAY, NULL);
    date_is("01/13/2024", NUMDATE_NO_SUCH_DAY, NULL);
    date_is("2025-00-10", NUMDATE_NO_SUCH_DAY, NULL);
    date_is("0/1/2024", NUMDATE_NO_SUCH_DAY, NULL);
    /* Real dates outside the accepted years. */
    date_is("0001-01-01", NUMDATE_YEAR_RANGE, NULL);
    date_is("2200-01-01", NUMDATE_YEAR_RANGE, NULL);
    date_is("9999-12-31", NUMDATE_YEAR_RANGE, NULL);
    date_is("31/12/1899", NUMDATE_YEAR_RANGE, NULL);
    /* Other forms. */
    date_is("14/07/24", NUMDATE_BAD, NULL);
    date_is("14/07-2024", NUMDATE_BAD, NULL);
    date_is("2024-7-14", NUMDATE_BAD, NULL);
    date_is("2024-07-14x", NUMDATE_BAD, NULL);
    date_is("14/07/20245", NUMDATE_BAD, NULL);
    date_is("123/07/2024", NUMDATE_BAD, NULL);
    date_is("14 07 2024", NUMDATE_BAD, NULL);
    date_is("demain", NUMDATE_BAD, NULL);
    date_is("", NUMDATE_EMPTY, NULL);
    date_is(NULL, NUMDATE_EMPTY, NULL);

    assert_true(numdate_date_valid("2024-02-29"));
    assert_true(numdate_date_valid("1900-01-01"));
    assert_false(numdate_date_valid("2023-02-29"));
    assert_false(numdate_date_valid("29/02/2024"));
    assert_false(numdate_date_valid("2200-01-01"));
    assert_false(numdate_date_valid(" 2024-02-29"));
    assert_false(numdate_date_valid(NULL));
}

/* Thousands grouped the same whatever LC_NUMERIC says: the flag chooses. */
static void grouped(void)
{
    const struct {
        double x;
        int decimals;
        const char *fr, *en;
    } cases[] = {
        {45086.5, 1, "45\u202f086,5", "45,086.5"},
        {45086, 0, "45\u202f086", "45,086"},
        {999, 0, "999", "999"},
        {1000, 0, "1\u202f000", "1,000"},
        {-1234567.25, 2, "-1\u202f234\u202f567,25", "-1,234,567.25"},
        {0, 0, "0", "0"},
        {12.5, 1, "12,5", "12.5"},
        {100000, 0, "100\u202f000", "100,000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        numdate_grouped(cases[i].x, cases[i].decimals, true, out);
        assert_string_equal(out, cases[i].fr);
        numdate_grouped(cases[i].x, cases[i].decimals, false, out);
        assert_string_equal(out, cases[i].en);
    }
    char out[64];
    numdate_grouped(1e300, 0, true, out);   /* too long: cut, never beyond out */
    assert_true(strlen(out) < sizeof out);
}

static void test_c_locale(void **state)
{
    (void)state;
    assert_non_null(setlocale(LC_ALL, "C"));
    numbers_parse();
    numbers_store();
    dates_parse();
    char *s = numdate_number_display("12.5");
    assert_string_equal(s, "12.5");
    free(s);
    char f[48];
    numdate_fixed(12.5, 1, true, f);
    assert_string_equal(f, "12.5");
    char d[11];
    numdate_date_display("2026-12-02", d);
    assert_string_equal(d, "2026-12-02");
    grouped();
}

static void test_french_locale(void **state)
{
    (void)state;
    if (!french())
        fail_msg("the fr_FR.UTF-8 locale is missing: run scripts/deps.sh");
    /* What is parsed and stored does not move with LC_NUMERIC... */
    numbers_parse();
    numbers_store();
    dates_parse();
    /* ...what people read does. */
    const char *shown[][2] = {{"12.5", "12,5"}, {"13.0", "13"}, {"242.5", "242,5"}, {"42", "42"}, {"0.25", "0,25"},
                              {"1e+20", "1e+20"}};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        char *s = numdate_number_display(shown[i][0]);
        assert_string_equal(s, shown[i][1]);
        free(s);
    }
    char f[48];
    numdate_fixed(12.5, 1, true, f);
    assert_string_equal(f, "12,5");
    numdate_fixed(12.5, 1, false, f);
    assert_string_equal(f, "12.5");
    char d[11];
    numdate_date_display("2026-12-02", d);
    assert_string_equal(d, "02/12/2026");
    grouped();
    numdate_date_display("pas une date", d);
    assert_string_equal(d, "pas une da");
    numdate_date_display(NULL, d);
    assert_string_equal(d, "");
    /* A displayed value parses back to what is stored. */
    char *out = NULL;
    assert_int_equal(numdate_parse_number("242,5", false, &out), NUMDATE_OK);
    assert_string_equal(out, "242.5");
    free(out);
    char iso[11];
    assert_int_equal(numdate_parse_date("02/12/2026", iso), NUMDATE_OK);
    assert_string_equal(iso, "2026-12-02");
    setlocale(LC_ALL, "C.UTF-8");
}

static void test_date_cases(void **state)
{
    (void)state;
    /* The cases of the date helpers model/record.c had before this module. */
    const char *valid[] = {"2024-02-29", "2000-02-29", "2025-12-31", "1900-01-01", "2199-12-31", "2025-04-30"};
    const char *invalid[] = {"2023-02-29", "1900-02-29", "2026-02-30", "2025-04-31", "2025-13-01", "2025-00-10",
                             "2025-01-00", "2025-1-01", "25-01-01", "2025/01/01", "2025-01-01x", "abcd-ef-gh",
                             "1899-12-31", "2200-01-01", "", " 2025-01-01"};
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
        if (!numdate_date_valid(valid[i]))
            fail_msg("%s should be valid", valid[i]);
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
        if (numdate_date_valid(invalid[i]))
            fail_msg("%s should be invalid", invalid[i]);
    assert_false(numdate_date_valid(NULL));

    char out[11];
    const char *in[] = {"2024-02-29", "29/02/2024", "1/3/2025", "01/03/2025", "31/12/1999"};
    const char *want[] = {"2024-02-29", "2024-02-29", "2025-03-01", "2025-03-01", "1999-12-31"};
    for (int i = 0; i < 5; i++) {
        memset(out, 'x', sizeof out);
        assert_int_equal(numdate_parse_date(in[i], out), NUMDATE_OK);
        assert_string_equal(out, want[i]);
    }
    const char *bad[] = {"29/02/2025", "31/04/2025", "1/3/25", "01/13/2025", "00/01/2025", "01/03/2025x",
                         "2025-02-30", "3 mars 2025", "", "12/2025"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (numdate_parse_date(bad[i], out) == NUMDATE_OK)
            fail_msg("%s should not normalise", bad[i]);
}

static void test_messages(void **state)
{
    (void)state;
    assert_null(numdate_why(NUMDATE_OK, true, false));
    assert_string_equal(numdate_why(NUMDATE_NO_SUCH_DAY, true, false), "does not exist");
    const char *range = numdate_why(NUMDATE_YEAR_RANGE, true, false);
    char want[80];
    snprintf(want, sizeof want, "between %d and %d", NUMDATE_YEAR_MIN, NUMDATE_YEAR_MAX);
    assert_non_null(strstr(range, want));
    assert_non_null(strstr(numdate_why(NUMDATE_GROUPED, false, false), "without"));
    assert_non_null(strstr(numdate_why(NUMDATE_BAD, true, false), "not a date"));
    assert_non_null(strstr(numdate_why(NUMDATE_BAD, false, true), "whole number"));
    assert_non_null(strstr(numdate_why(NUMDATE_BAD, false, false), "12,5"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c_locale),
        cmocka_unit_test(test_french_locale),
        cmocka_unit_test(test_date_cases),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
