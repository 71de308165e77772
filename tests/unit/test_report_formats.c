/* The table of report formats that carnet report --format and the
 * application's dialog share: names, extensions, the md alias. */
#include "testutil.h"
#include "model/report.h"

#include <string.h>

static void test_report_format_by_name(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum report_format format;
        const char *ext;
    } want[] = {
        {"text", REPORT_TEXT, "txt"}, {"markdown", REPORT_MARKDOWN, "md"}, {"md", REPORT_MARKDOWN, "md"},
        {"csv", REPORT_CSV, "csv"},   {"html", REPORT_HTML, "html"},       {"xlsx", REPORT_XLSX, "xlsx"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const struct report_format_desc *d = report_format_by_name(want[i].name);
        assert_non_null(d);
        assert_int_equal(d->format, want[i].format);
        assert_string_equal(d->ext, want[i].ext);
        assert_true(d->label && *d->label);
    }
    assert_null(report_format_by_name("pdf"));
    assert_null(report_format_by_name("HTML"));
    assert_null(report_format_by_name(""));
    assert_null(report_format_by_name(NULL));
}

static void test_report_formats_table(void **state)
{
    (void)state;
    assert_int_equal(report_nformats, 5);
    assert_int_equal(report_formats[0].format, REPORT_HTML);    /* the dialog's default */
    for (size_t i = 0; i < report_nformats; i++)
        for (size_t j = i + 1; j < report_nformats; j++) {
            assert_int_not_equal(report_formats[i].format, report_formats[j].format);
            assert_string_not_equal(report_formats[i].ext, report_formats[j].ext);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_format_by_name),
        cmocka_unit_test(test_report_formats_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
