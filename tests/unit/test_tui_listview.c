/* tui/listview paging over an in-memory source of 10,000 rows: pages,
 * ends, reloads that keep the selection, and that no row is skipped or
 * repeated and the table is never loaded whole. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/action.h"
#include "tui/listview.h"
#include "util/xalloc.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NROWS 10000

struct fake {
    int n;
    bool deleted[NROWS];
    bool fail;
    size_t fetched;             /* rows handed out, over the test */
    size_t largest;             /* largest max asked */
};

static const struct tui_list_column cols[] = {
    {"Key", 6, 0, TUI_ALIGN_LEFT},
    {"Title", 0, 1, TUI_ALIGN_LEFT},
};

static int key_index(const char *key)
{
    return atoi(key + 1);
}

static int fake_fetch(void *ctx, const char *anchor, int dir, size_t max,
                      struct tui_list_row *out)
{
    struct fake *f = ctx;
    if (f->fail)
        return -5;
    if (max > f->largest)
        f->largest = max;
    int step = dir < 0 ? -1 : 1, i;
    if (!anchor)
        i = dir < 0 ? f->n - 1 : 0;
    else
        i = key_index(anchor) + (dir == 0 ? 0 : step);
    size_t k = 0;
    for (; k < max && i >= 0 && i < f->n; i += step) {
        if (f->deleted[i])
            continue;
        char key[16];
        snprintf(key, sizeof(key), "r%05d", i);
        tui_list_row_init(&out[k], key, 2);
        out[k].cells[0] = xstrdup(key);
        out[k].cells[1] = xasprintf("Row number %d", i);
        k++;
    }
    f->fetched += k;
    return (int)k;
}

static long fake_count(void *ctx)
{
    struct fake *f = ctx;
    long c = 0;
    for (int i = 0; i < f->n; i++)
        c += !f->deleted[i];
    return c;
}

static long fake_index_of(void *ctx, const char *key)
{
    struct fake *f = ctx;
    long c = 0;
    for (int i = 0; i < key_index(key) && i < f->n; i++)
        c += !f->deleted[i];
    return c;
}

static struct tui_listview *make(struct fake *f, int n, bool with_index, int height)
{
    memset(f, 0, sizeof(*f));
    f->n = n;
    struct tui_list_source src = {fake_fetch, fake_count, with_index ? fake_index_of : NULL, f};
    struct tui_listview *lv = tui_listview_new(&src, cols, 2);
    assert_int_equal(tui_listview_set_height(lv, height), 0);
    return lv;
}

static int sel(const struct tui_listview *lv)
{
    const char *k = tui_listview_selected_key(lv);
    assert_non_null(k);
    return key_index(k);
}

/* Index of the first visible row, and checks the page is consecutive. */
static int page_first(const struct tui_listview *lv, size_t height)
{
    const struct tui_list_row *rows;
    size_t line, shown = tui_listview_visible(lv, &rows, &line);
    assert_true(shown > 0 && shown <= height);
    for (size_t i = 1; i < shown; i++)
        assert_int_equal(key_index(rows[i].key), key_index(rows[i - 1].key) + 1);
    assert_int_equal(key_index(rows[line].key), sel(lv));
    return key_index(rows[0].key);
}

static int setup(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void test_first_page(void **state)
{
    (void)state;
    struct fake f;
    struct tui_listview *lv = make(&f, NROWS, false, 20);
    assert_int_equal(sel(lv), 0);
    assert_int_equal(page_first(lv, 20), 0);
    assert_int_equal(tui_listview_position(lv), 0);
    assert_int_equal(tui_listview_count(lv), NROWS);
    char *pos = tui_listview_position_text(lv);
    assert_string_equal(pos, "1/10000");
    free(pos);
    assert_true(tui_listview_held(lv) <= 60);
    assert_true(f.fetched < 100);
    tui_listview_free(lv);
}

/* Pages down from the top to the end, then up again: every row appears,
 * in order, none twice (a last partial page may overlap the one before). */
static void walk_pages(int height)
{
    struct fake f;
    struct tui_listview *lv = make(&f, NROWS, false, height);
    int seen_to = -1, pages = 0;
    for (;;) {
        int first = page_first(lv, (size_t)height);
        assert_true(first <= seen_to + 1);              /* nothing skipped */
        assert_true(first > seen_to - height);          /* progress */
        seen_to = first + height - 1;
        assert_true(tui_listview_held(lv) <= (size_t)(3 * (height < 8 ? 8 : height) + height));
        assert_int_equal(tui_listview_position(lv), sel(lv));
        if (seen_to >= NROWS - 1)
            break;
        assert_int_equal(tui_listview_page(lv, +1), 0);
        pages++;
        assert_true(pages < NROWS);
    }
    assert_int_equal(seen_to, NROWS - 1);
    assert_int_equal(pages, (NROWS - 1) / height);
    assert_int_equal(tui_listview_page(lv, +1), 0);        /* at the end: last row */
    assert_int_equal(sel(lv), NROWS - 1);
    assert_int_equal(page_first(lv, (size_t)height), NROWS - height);
    for (int guard = 0; page_first(lv, (size_t)height) > 0; guard++) {
        int before = page_first(lv, (size_t)height);
        assert_int_equal(tui_listview_page(lv, -1), 0);
        int after = page_first(lv, (size_t)height);
        assert_true(after == before - height || (after == 0 && before < height));
        assert_true(guard < NROWS);
    }
    assert_int_equal(tui_listview_page(lv, -1), 0);
    assert_int_equal(sel(lv), 0);
    /* Never the whole table at once, and not much more than one pass of it. */
    assert_true(f.largest <= (size_t)(4 * height + 16));
    assert_true(f.fetched < 4 * NROWS);
    tui_listview_free(lv);
}

static void test_page_walk(void **state)
{
    (void)state;
    walk_pages(20);
    walk_pages(23);
    walk_pages(1);
}

static void test_line_moves(void **state)
{
    (void)state;
    struct fake f;
    struct tui_listview *lv = make(&f, NROWS, false, 10);
    for (int i = 1; i <= 250; i++) {
        assert_int_equal(tui_listview_move(lv, +1), 0);
        assert_int_equal(sel(lv), i);
        page_first(lv, 10);
    }
    assert_int_equal(page_first(lv, 10), 241);                 /* scrolled by one */
    assert_int_equal(tui_listview_position(lv), 250);
    for (int i = 249; i >= 200; i--) {
        assert_int_equal(tui_listview_handle(lv, TUI_ACT_MOVE_UP), 1);
        assert_int_equal(sel(lv), i);
    }
    assert_int_equal(page_first(lv, 10), 200);
    assert_int_equal(tui_listview_move(lv, -1000), 0);         /* clamps at the top */
    assert_int_equal(sel(lv), 0);
    assert_int_equal(tui_listview_move(lv, -1), 0);
    assert_int_equal(sel(lv), 0);
    assert_int_equal(tui_listview_handle(lv, TUI_ACT_ADD), 0);  /* not a list action */
    tui_listview_free(lv);
}

static void test_top_bottom(void **state)
{
    (void)state;
    struct fake f;
    struct tui_listview *lv = make(&f, NROWS, false, 20);
    assert_int_equal(tui_listview_handle(lv, TUI_ACT_BOTTOM), 1);
    assert_int_equal(sel(lv), NROWS - 1);
    assert_int_equal(page_first(lv, 20), NROWS - 20);
    assert_int_equal(tui_listview_position(lv), NROWS - 1);   /* from the count */
    assert_int_equal(tui_listview_move(lv, +1), 0);
    assert_int_equal(sel(lv), NROWS - 1);
    for (int i = 0; i < 30; i++)
        tui_listview_move(lv, -1);
    assert_int_equal(sel(lv), NROWS - 31);
    assert_int_equal(tui_listview_position(lv), NROWS - 31);
    assert_int_equal(tui_listview_handle(lv, TUI_ACT_TOP), 1);
    assert_int_equal(sel(lv), 0);
    assert_int_equal(tui_listview_position(lv), 0);
    tui_listview_free(lv);
}

static void test_reload_keeps_key(void **state)
{
    (void)state;
    struct fake f;
    struct tui_listview *lv = make(&f, NROWS, false, 20);
    for (int i = 0; i < 250; i++)
        tui_listview_page(lv, +1);
    tui_listview_move(lv, 7);
    int key = sel(lv);
    size_t line_before, line_after;
    const struct tui_list_row *rows;
    tui_listview_visible(lv, &rows, &line_before);
    assert_int_equal(tui_listview_reload(lv), 0);
    assert_int_equal(sel(lv), key);
    tui_listview_visible(lv, &rows, &line_after);
    assert_int_equal(line_after, line_before);
    page_first(lv, 20);

    /* The selected row disappears: the one after it takes its place. */
    f.deleted[key] = true;
    assert_int_equal(tui_listview_reload(lv), 0);
    assert_int_equal(sel(lv), key + 1);
    assert_int_equal(tui_listview_count(lv), NROWS - 1);
    /* Rows above it disappear: the selection stays on its key. */
    f.deleted[key - 3] = f.deleted[key - 4] = true;
    assert_int_equal(tui_listview_reload(lv), 0);
    assert_int_equal(sel(lv), key + 1);

    /* The last rows go: the selection falls back to the new last row. */
    tui_listview_bottom(lv);
    for (int i = NROWS - 5; i < NROWS; i++)
        f.deleted[i] = true;
    assert_int_equal(tui_listview_reload(lv), 0);
    assert_int_equal(sel(lv), NROWS - 6);
    assert_int_equal(page_first(lv, 20), NROWS - 6 - 19);    /* no blank lines below */
    tui_listview_free(lv);
}

static void test_select_key_position(void **state)
{
    (void)state;
    struct fake f;
    struct tui_listview *lv = make(&f, NROWS, true, 20);
    assert_int_equal(tui_listview_select_key(lv, "r07777"), 0);
    assert_int_equal(sel(lv), 7777);
    assert_int_equal(tui_listview_position(lv), 7777);
    char *pos = tui_listview_position_text(lv);
    assert_string_equal(pos, "7778/10000");
    free(pos);
    tui_listview_page(lv, -1);
    assert_int_equal(tui_listview_position(lv), sel(lv));
    tui_listview_free(lv);

    /* Without index_of, a jump leaves the position unknown: count only. */
    lv = make(&f, NROWS, false, 20);
    tui_listview_select_key(lv, "r05000");
    assert_int_equal(tui_listview_position(lv), -1);
    pos = tui_listview_position_text(lv);
    assert_string_equal(pos, "10000");
    free(pos);
    tui_listview_free(lv);
}

static void test_small_and_empty(void **state)
{
    (void)state;
    struct fake f;
    struct tui_listview *lv = make(&f, 5, false, 20);
    assert_int_equal(tui_listview_page(lv, +1), 0);
    assert_int_equal(sel(lv), 4);
    assert_int_equal(page_first(lv, 20), 0);
    tui_listview_bottom(lv);
    assert_int_equal(page_first(lv, 20), 0);
    assert_int_equal(tui_listview_position(lv), 4);
    tui_listview_free(lv);

    lv = make(&f, 0, false, 20);
    assert_null(tui_listview_selected(lv));
    assert_int_equal(tui_listview_move(lv, 1), 0);
    assert_int_equal(tui_listview_page(lv, -1), 0);
    assert_int_equal(tui_listview_bottom(lv), 0);
    assert_int_equal(tui_listview_reload(lv), 0);
    assert_null(tui_listview_selected_key(lv));
    const struct tui_list_row *rows;
    assert_int_equal(tui_listview_visible(lv, &rows, NULL), 0);
    tui_listview_free(lv);
}

/* / n N in lists without an index: the walk goes past what is held, wraps
 * around once, and a lone match is found again from itself. */
static void test_find(void **state)
{
    (void)state;
    static struct fake f;
    struct tui_listview *lv = make(&f, 1000, true, 10);
    bool wrapped;
    assert_int_equal(tui_listview_find(lv, "number 777", 0, &wrapped), 1);
    assert_int_equal(sel(lv), 777);
    assert_false(wrapped);
    assert_int_equal(tui_listview_find(lv, "r0005", +1, &wrapped), 1);
    assert_int_equal(sel(lv), 50);      /* past the end, from the top */
    assert_true(wrapped);
    assert_int_equal(tui_listview_find(lv, "r0005", +1, &wrapped), 1);
    assert_int_equal(sel(lv), 51);
    assert_false(wrapped);
    assert_int_equal(tui_listview_find(lv, "r0005", -1, &wrapped), 1);
    assert_int_equal(sel(lv), 50);
    assert_int_equal(tui_listview_find(lv, "r0005", -1, &wrapped), 1);
    assert_int_equal(sel(lv), 59);      /* past the top, from the end */
    assert_true(wrapped);
    assert_int_equal(tui_listview_find(lv, "row 999 number", 0, &wrapped), 1);
    assert_int_equal(sel(lv), 999);     /* words in any order */
    assert_int_equal(tui_listview_find(lv, "r00999", +1, &wrapped), 1);
    assert_int_equal(sel(lv), 999);     /* the only match: itself, around */
    assert_true(wrapped);
    assert_int_equal(tui_listview_find(lv, "nowhere", +1, &wrapped), 0);
    assert_int_equal(sel(lv), 999);     /* not found: the selection stays */
    tui_listview_free(lv);
}

static void test_resize_and_errors(void **state)
{
    (void)state;
    struct fake f;
    struct tui_listview *lv = make(&f, NROWS, false, 20);
    tui_listview_move(lv, 15);
    assert_int_equal(tui_listview_set_height(lv, 5), 0);        /* shrink: selection stays in view */
    assert_int_equal(sel(lv), 15);
    assert_int_equal(page_first(lv, 5), 11);
    assert_int_equal(tui_listview_set_height(lv, 0), 0);        /* clamps to one row */
    assert_int_equal(page_first(lv, 1), 15);
    assert_int_equal(tui_listview_set_height(lv, 40), 0);
    assert_int_equal(sel(lv), 15);
    f.fail = true;
    assert_true(tui_listview_page(lv, +1) < 0 || sel(lv) > 15);  /* within the margin it needs no fetch */
    assert_true(tui_listview_bottom(lv) < 0);
    f.fail = false;
    assert_int_equal(tui_listview_top(lv), 0);
    assert_int_equal(sel(lv), 0);
    tui_listview_free(lv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_page),
        cmocka_unit_test(test_page_walk),
        cmocka_unit_test(test_line_moves),
        cmocka_unit_test(test_top_bottom),
        cmocka_unit_test(test_reload_keeps_key),
        cmocka_unit_test(test_select_key_position),
        cmocka_unit_test(test_small_and_empty),
        cmocka_unit_test(test_resize_and_errors),
        cmocka_unit_test(test_find),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
