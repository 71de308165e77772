/* The records' workbook, read back from its zip (zlib): one sheet per kind
 * named by its plural, labels in the header, numbers and dates as typed
 * cells, choices and references as words, no id; a failed query gives no
 * bytes; an empty list still has its sheet and header. */
#include "testutil.h"
#include "model/export.h"
#include "model/xlsx.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t le(const unsigned char *p, int n)
{
    uint32_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* The member name of the zip in buf, inflated (NUL-ended), or NULL. */
static char *zip_member(const struct strbuf *buf, const char *name)
{
    const unsigned char *p = (const unsigned char *)buf->s, *end = p + buf->len;
    while (p + 30 <= end && le(p, 4) == 0x04034b50) {
        uint32_t method = le(p + 8, 2), csize = le(p + 18, 4), usize = le(p + 22, 4);
        uint32_t nlen = le(p + 26, 2), xlen = le(p + 28, 2);
        const unsigned char *data = p + 30 + nlen + xlen;
        if (le(p + 6, 2) & 8)
            fail_msg("zip member with a data descriptor: sizes unknown");
        if (nlen == strlen(name) && memcmp(p + 30, name, nlen) == 0) {
            char *out = xcalloc(usize + 1, 1);
            if (method == 0) {
                memcpy(out, data, usize);
                return out;
            }
            z_stream z = {0};
            assert_int_equal(inflateInit2(&z, -MAX_WBITS), Z_OK);
            z.next_in = (unsigned char *)data;
            z.avail_in = csize;
            z.next_out = (unsigned char *)out;
            z.avail_out = usize;
            assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
            inflateEnd(&z);
            return out;
        }
        p = data + csize;
    }
    return NULL;
}

static void has(const char *xml, const char *what)
{
    if (!strstr(xml, what))
        fail_msg("'%s' is not in %.2000s", what, xml);
}

static void test_query_workbook(void **state)
{
    (void)state;
    setenv("TMPDIR", tu_tempdir(), 1);
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social Les Tilleuls");
    char *field = xasprintf("centre=%s", centre);
    char *id = tu_create(s, "initiative", "title=Jardin partagé", field, "status=ongoing", "carried_by=centre", "started_on=2026-03-15",
                         "volunteers=4", "volunteer_hours=12.5", "themes=youth", "innovative=1", NULL);
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct strbuf out;
    strbuf_init(&out);
    struct error err;
    error_clear(&err);
    assert_int_equal(export_xlsx_query(s, &q, &out, &err), 0);
    char *wb = zip_member(&out, "xl/workbook.xml");
    char *sheet = zip_member(&out, "xl/worksheets/sheet1.xml");
    assert_non_null(wb);
    assert_non_null(sheet);
    has(wb, "<sheet name=\"Initiatives\"");
    has(sheet, "<t>Title</t>");
    has(sheet, "<t>Volunteer hours</t>");
    has(sheet, "<t>Jardin partagé</t>");
    has(sheet, "<t>Centre social Les Tilleuls</t>");
    has(sheet, "<t>ongoing</t>");
    has(sheet, "<t>Youth</t>");
    has(sheet, "<t>Yes</t>");
    has(sheet, "<v>12.5</v>");
    has(sheet, "<v>4</v>");
    has(sheet, "<v>46096</v>");     /* 2026-03-15 as a date serial */
    has(sheet, "state=\"frozen\"");
    has(sheet, "<autoFilter ref=\"A1:");
    assert_null(strstr(sheet, id));
    assert_null(strstr(sheet, centre));
    free(wb);
    free(sheet);

    /* A query that fails gives its error and no bytes. */
    strbuf_reset(&out);
    q.sort = "no_such_field";
    assert_true(export_xlsx_query(s, &q, &out, &err) < 0);
    assert_int_equal(out.len, 0);

    /* Nothing selected: the sheet and its header all the same. */
    error_clear(&err);
    query_init(&q, kind_find("difficulty"));
    assert_int_equal(export_xlsx_query(s, &q, &out, &err), 0);
    wb = zip_member(&out, "xl/workbook.xml");
    sheet = zip_member(&out, "xl/worksheets/sheet1.xml");
    has(wb, "<sheet name=\"Difficulties\"");
    has(sheet, "<t>Summary</t>");
    free(wb);
    free(sheet);
    strbuf_free(&out);
    free(id);
    free(field);
    free(centre);
    store_close(s);
    unsetenv("TMPDIR");
}

/* Records of several kinds, one after the other: a sheet each. */
static void test_streamed_kinds(void **state)
{
    (void)state;
    setenv("TMPDIR", tu_tempdir(), 1);
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social Les Tilleuls");
    struct error err;
    error_clear(&err);
    struct record *c = record_load(s, centre, &err);
    struct record *t = record_load(s, record_get(c, "territory"), &err);
    assert_non_null(t);
    struct export_xlsx *e = export_xlsx_start(s, &err);
    assert_non_null(e);
    export_xlsx_record(e, t);
    export_xlsx_record(e, c);
    struct strbuf out;
    strbuf_init(&out);
    assert_int_equal(export_xlsx_finish(e, NULL, &out, &err), 0);
    char *wb = zip_member(&out, "xl/workbook.xml");
    char *second = zip_member(&out, "xl/worksheets/sheet2.xml");
    has(wb, "<sheet name=\"Territories\"");
    has(wb, "<sheet name=\"Centres\"");
    has(second, "<t>Les Tilleuls</t>");     /* the centre's territory, by name */
    has(second, "<t>social centre</t>");
    free(wb);
    free(second);
    strbuf_free(&out);
    record_free(c);
    record_free(t);
    free(centre);
    store_close(s);
    unsetenv("TMPDIR");
}

/* Records as a sheet of another workbook (the report's data sheets):
 * the caller's sheets stay, its date format too; the sheet is named as
 * asked and holds the records of the query only. */
static void test_sheet_in_workbook(void **state)
{
    (void)state;
    setenv("TMPDIR", tu_tempdir(), 1);
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social Les Tilleuls");
    char *field = xasprintf("centre=%s", centre);
    char *a = tu_create(s, "initiative", "title=Jardin partagé", field, "status=ongoing", "carried_by=centre",
                        "started_on=2026-03-15", NULL);
    char *b = tu_create(s, "initiative", "title=Repair café", field, "status=idea", "carried_by=centre",
                        "started_on=2025-03-15", NULL);
    struct error err;
    error_clear(&err);
    struct xlsx x;
    assert_int_equal(xlsx_start(&x, true, &err), 0);
    lxw_format *mine = xlsx_number_format(&x, "yyyy-mm");
    x.date = mine;
    xlsx_sheet(&x, "Report");
    x.row++;
    struct query q;
    query_init(&q, kind_find("initiative"));
    q.from = "2026-01-01";
    assert_int_equal(export_xlsx_sheet(s, &x, &q, "Started in 2026", &err), 1);
    assert_ptr_equal(x.date, mine);
    query_init(&q, kind_find("action"));
    assert_int_equal(export_xlsx_sheet(s, &x, &q, NULL, &err), 0);
    q.sort = "no_such_field";
    assert_true(export_xlsx_sheet(s, &x, &q, "Failed", &err) < 0);
    struct strbuf out;
    strbuf_init(&out);
    assert_int_equal(xlsx_finish(&x, &out, &err), 0);
    char *wb = zip_member(&out, "xl/workbook.xml");
    char *sheet = zip_member(&out, "xl/worksheets/sheet2.xml");
    char *third = zip_member(&out, "xl/worksheets/sheet3.xml");
    assert_non_null(sheet);
    assert_non_null(third);
    has(wb, "<sheet name=\"Report\"");
    has(wb, "<sheet name=\"Started in 2026\"");
    has(wb, "<sheet name=\"Actions\"");
    has(sheet, "<t>Jardin partagé</t>");
    has(sheet, "<t>Centre social Les Tilleuls</t>");
    has(sheet, "<v>46096</v>");
    has(sheet, "<autoFilter ref=\"A1:");
    assert_null(strstr(sheet, "Repair"));
    has(third, "<t>Title</t>");
    free(wb);
    free(sheet);
    free(third);
    strbuf_free(&out);
    free(a);
    free(b);
    free(field);
    free(centre);
    store_close(s);
    unsetenv("TMPDIR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_workbook),
        cmocka_unit_test(test_streamed_kinds),
        cmocka_unit_test(test_sheet_in_workbook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
