/* The shared xlsx pieces: sheet names within Excel's rules (and unique), widths that
 * follow the longest cell (in characters, capped), dates and months told
 * from text, the frozen header, and a temporary file that ends as the
 * caller's bytes and leaves nothing behind (also when it cannot be made). */
#include "testutil.h"
#include "model/xlsx.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int files_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_sheet_names(void **state)
{
    (void)state;
    struct xlsx x;
    struct error err;
    error_clear(&err);
    setenv("TMPDIR", tu_tempdir(), 1);
    assert_int_equal(xlsx_start(&x, false, &err), 0);
    xlsx_sheet(&x, "Bilan 2025/2026 [brouillon]: *?");
    assert_string_equal(x.ws->name, "Bilan 2025 2026  brouillon     ");
    /* 31 characters, not bytes: a French title is cut between letters. */
    xlsx_sheet(&x, "Éducation à l'égalité et lutte contre les discriminations");
    assert_string_equal(x.ws->name, "Éducation à l'égalité et lutte ");
    /* Unique in the workbook, whatever the case: a number, within 31. */
    xlsx_sheet(&x, "Actions");
    xlsx_sheet(&x, "actions");
    assert_string_equal(x.ws->name, "actions (2)");
    xlsx_sheet(&x, "Actions");
    assert_string_equal(x.ws->name, "Actions (3)");
    xlsx_sheet(&x, "Éducation à l'égalité et lutte contre les discriminations");
    assert_string_equal(x.ws->name, "Éducation à l'égalité et lu (2)");
    struct strbuf out;
    strbuf_init(&out);
    assert_int_equal(xlsx_finish(&x, &out, &err), 0);
    strbuf_free(&out);
    unsetenv("TMPDIR");
}

static void test_cells_and_widths(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    setenv("TMPDIR", dir, 1);
    struct xlsx x;
    struct error err;
    error_clear(&err);
    assert_int_equal(xlsx_start(&x, true, &err), 0);
    assert_int_equal(files_in(dir), 1);
    assert_non_null(x.bold);
    x.date = xlsx_number_format(&x, "dd/mm/yyyy");
    xlsx_sheet(&x, "Initiatives");
    const char *const labels[] = {"Titre", "Début", "Heures bénévoles"};
    xlsx_header(&x, labels, 3);
    assert_int_equal(x.row, 1);
    assert_int_equal(x.ws->panes.type, FREEZE_PANES);
    assert_int_equal(x.ws->panes.first_row, 1);
    assert_int_equal(x.ws->panes.first_col, 0);
    /* Widths in characters plus a margin, the longest cell of a column. */
    assert_true(x.width[0] == 7.0);
    assert_true(x.width[2] == 18.0);
    xlsx_text(&x, 0, "Jardin partagé", NULL);
    assert_true(x.width[0] == 16.0);
    xlsx_text(&x, 0, "court", NULL);
    assert_true(x.width[0] == 16.0);
    char *longer = xcalloc(200, 1);
    memset(longer, 'a', 150);
    xlsx_text(&x, 0, longer, NULL);
    free(longer);
    assert_true(x.width[0] == XLSX_WIDTH_MAX);
    xlsx_text(&x, XLSX_COLS + 3, "far right", NULL);   /* written, not followed */
    xlsx_text(&x, 3, NULL, NULL);
    assert_true(x.width[3] == 2.0);
    xlsx_width(&x, 4, "Santé, Jeunesse");           /* counted, nothing written */
    assert_true(x.width[4] == 17.0);
    xlsx_width(&x, -1, "nowhere");
    xlsx_width(&x, XLSX_COLS, "nowhere");
    /* Dates: a day, never a month without a month format, never text. */
    assert_true(xlsx_date(&x, 1, "2026-12-03"));
    assert_false(xlsx_date(&x, 1, "2026-12"));
    assert_false(xlsx_date(&x, 1, "2026-13-03"));
    assert_false(xlsx_date(&x, 1, "03/12/2026"));
    assert_false(xlsx_date(&x, 1, "2026-12-03x"));
    assert_false(xlsx_date(&x, 1, ""));
    x.month = xlsx_number_format(&x, "yyyy-mm");
    assert_true(xlsx_date(&x, 1, "2026-12"));
    xlsx_number(&x, 2, 12.5, NULL);
    assert_true(x.width[2] == 18.0);
    xlsx_columns(&x);

    struct strbuf out;
    strbuf_init(&out);
    assert_int_equal(xlsx_finish(&x, &out, &err), 0);
    assert_true(out.len > 1000);
    assert_memory_equal(out.s, "PK\003\004", 4);
    assert_null(x.path);
    assert_int_equal(files_in(dir), 0);     /* the temporary file is gone */
    strbuf_free(&out);
    unsetenv("TMPDIR");
}

static void test_no_temporary_folder(void **state)
{
    (void)state;
    setenv("TMPDIR", "/nonexistent/carnet-tmp", 1);
    struct xlsx x;
    struct error err;
    error_clear(&err);
    assert_int_equal(xlsx_start(&x, false, &err), ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/carnet-tmp"));
    assert_null(x.wb);
    assert_null(x.path);
    unsetenv("TMPDIR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_names),
        cmocka_unit_test(test_cells_and_widths),
        cmocka_unit_test(test_no_temporary_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
