/* tui/lineedit: editing accented and wide text, cursor column, scrolling. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/lineedit.h"

#include <locale.h>

static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void type(struct tui_lineedit *le, const uint32_t *cps)
{
    for (; *cps; cps++)
        assert_true(tui_lineedit_insert(le, *cps));
}

static void test_insert_accents_and_wide(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_lineedit_init(&le, NULL, false, 0);
    type(&le, (const uint32_t[]){'e', 0xE9, 't', 0xE9, 0});             /* eété */
    assert_string_equal(tui_lineedit_text(&le), "eété");
    assert_int_equal(tui_lineedit_cursor(&le), 4);
    assert_int_equal(tui_lineedit_column(&le), 4);
    type(&le, (const uint32_t[]){0x65E5, 0x672C, 0});                   /* 日本 */
    assert_string_equal(tui_lineedit_text(&le), "eété日本");
    assert_int_equal(tui_lineedit_cursor(&le), 6);
    assert_int_equal(tui_lineedit_column(&le), 8);
    assert_true(tui_lineedit_left(&le));
    assert_int_equal(tui_lineedit_column(&le), 6);
    assert_true(tui_lineedit_insert(&le, 0x1F600));                     /* emoji between */
    assert_string_equal(tui_lineedit_text(&le), "eété日\xF0\x9F\x98\x80本");
    assert_int_equal(tui_lineedit_column(&le), 8);
    assert_false(tui_lineedit_insert(&le, 0x1B));                       /* ESC refused */
    assert_false(tui_lineedit_insert(&le, '\n'));                       /* single line */
    assert_false(tui_lineedit_insert(&le, 0x85));                       /* C1 refused */
    tui_lineedit_free(&le);
}

static void test_backspace_delete(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_lineedit_init(&le, "café日本", false, 0);
    assert_true(tui_lineedit_backspace(&le));
    assert_string_equal(tui_lineedit_text(&le), "café日");
    assert_true(tui_lineedit_left(&le));
    assert_true(tui_lineedit_backspace(&le));
    assert_string_equal(tui_lineedit_text(&le), "caf日");
    assert_int_equal(tui_lineedit_cursor(&le), 3);
    assert_true(tui_lineedit_delete(&le));
    assert_string_equal(tui_lineedit_text(&le), "caf");
    assert_false(tui_lineedit_delete(&le));                             /* at the end */
    assert_true(tui_lineedit_home(&le));
    assert_false(tui_lineedit_backspace(&le));                          /* at the start */
    assert_false(tui_lineedit_left(&le));
    tui_lineedit_free(&le);

    /* A base letter and its combining mark move and go as one. */
    tui_lineedit_init(&le, "ae\xCC\x81z", false, 0);
    tui_lineedit_left(&le);
    tui_lineedit_left(&le);
    assert_int_equal(tui_lineedit_cursor(&le), 1);
    assert_true(tui_lineedit_delete(&le));
    assert_string_equal(tui_lineedit_text(&le), "az");
    tui_lineedit_free(&le);
}

static void test_home_end_kill(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_lineedit_init(&le, "Fête de quartier", false, 0);
    assert_true(tui_lineedit_home(&le));
    assert_int_equal(tui_lineedit_cursor(&le), 0);
    assert_int_equal(tui_lineedit_column(&le), 0);
    for (int i = 0; i < 5; i++)
        tui_lineedit_right(&le);
    assert_int_equal(tui_lineedit_column(&le), 5);
    assert_true(tui_lineedit_kill_end(&le));                            /* ^K */
    assert_string_equal(tui_lineedit_text(&le), "Fête ");
    assert_true(tui_lineedit_end(&le) == false);                        /* already there */
    tui_lineedit_left(&le);
    assert_true(tui_lineedit_kill_start(&le));                          /* ^U */
    assert_string_equal(tui_lineedit_text(&le), " ");
    assert_int_equal(tui_lineedit_cursor(&le), 0);
    tui_lineedit_free(&le);
}

static void test_words(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_lineedit_init(&le, "réunion du comité", false, 0);
    assert_true(tui_lineedit_word_left(&le));
    assert_int_equal(tui_lineedit_cursor(&le), 11);
    assert_true(tui_lineedit_word_left(&le));
    assert_int_equal(tui_lineedit_cursor(&le), 8);
    assert_true(tui_lineedit_word_right(&le));
    assert_int_equal(tui_lineedit_cursor(&le), 11);
    tui_lineedit_end(&le);
    assert_true(tui_lineedit_kill_word(&le));
    assert_string_equal(tui_lineedit_text(&le), "réunion du ");
    tui_lineedit_free(&le);
}

static void test_max_chars(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_lineedit_init(&le, "éé", false, 3);
    assert_true(tui_lineedit_insert(&le, 0xE9));
    assert_false(tui_lineedit_insert(&le, 'x'));
    assert_string_equal(tui_lineedit_text(&le), "ééé");
    tui_lineedit_free(&le);
}

static void test_multiline(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_lineedit_init(&le, "", true, 0);
    type(&le, (const uint32_t[]){0x65E5, 0x672C, 'x', '\n', 'a', 'b', '\n', 'c', 'd', 'e', 'f', 0});
    assert_string_equal(tui_lineedit_text(&le), "日本x\nab\ncdef");
    assert_int_equal(tui_lineedit_lines(&le), 3);
    assert_int_equal(tui_lineedit_line(&le), 2);
    assert_int_equal(tui_lineedit_column(&le), 4);
    assert_true(tui_lineedit_up(&le));                  /* "ab" is shorter: its end */
    assert_int_equal(tui_lineedit_line(&le), 1);
    assert_int_equal(tui_lineedit_column(&le), 2);
    assert_true(tui_lineedit_up(&le));                  /* goal 4 kept: after 本 */
    assert_int_equal(tui_lineedit_column(&le), 4);
    assert_int_equal(tui_lineedit_cursor(&le), 2);
    assert_false(tui_lineedit_up(&le));
    assert_true(tui_lineedit_down(&le));
    assert_true(tui_lineedit_down(&le));
    assert_int_equal(tui_lineedit_column(&le), 4);
    assert_false(tui_lineedit_down(&le));
    /* Goal column 3 falls inside 本 (columns 2-3): lands before it. */
    tui_lineedit_left(&le);
    assert_true(tui_lineedit_up(&le));
    assert_true(tui_lineedit_up(&le));
    assert_int_equal(tui_lineedit_column(&le), 2);
    /* Home/End/^K act on the line; ^K at its end joins the next line. */
    assert_true(tui_lineedit_end(&le));
    assert_int_equal(tui_lineedit_column(&le), 5);
    assert_true(tui_lineedit_kill_end(&le));
    assert_string_equal(tui_lineedit_text(&le), "日本xab\ncdef");
    assert_true(tui_lineedit_home(&le));
    assert_int_equal(tui_lineedit_cursor(&le), 0);
    size_t start, len;
    assert_true(tui_lineedit_line_span(&le, 1, &start, &len));
    assert_int_equal(len, 4);
    assert_false(tui_lineedit_line_span(&le, 2, &start, &len));
    tui_lineedit_free(&le);
}

static void test_scroll(void **state)
{
    (void)state;
    struct tui_lineedit le;
    tui_lineedit_init(&le, "0123456789日本", false, 0);          /* 14 columns */
    tui_lineedit_scroll(&le, 8, 1);
    assert_int_equal(le.hscroll, 7);                            /* cursor at 14 in view */
    assert_true(14 >= le.hscroll && 14 < le.hscroll + 8);
    tui_lineedit_home(&le);
    tui_lineedit_scroll(&le, 8, 1);
    assert_int_equal(le.hscroll, 0);
    tui_lineedit_set(&le, "abc");
    tui_lineedit_scroll(&le, 8, 1);
    assert_int_equal(le.hscroll, 0);                            /* fits: no scroll */
    tui_lineedit_free(&le);

    tui_lineedit_init(&le, "1\n2\n3\n4\n5", true, 0);
    tui_lineedit_scroll(&le, 10, 2);
    assert_int_equal(le.vscroll, 3);
    tui_lineedit_up(&le);
    tui_lineedit_up(&le);
    tui_lineedit_up(&le);
    tui_lineedit_scroll(&le, 10, 2);
    assert_int_equal(le.vscroll, 1);
    tui_lineedit_free(&le);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_accents_and_wide),
        cmocka_unit_test(test_backspace_delete),
        cmocka_unit_test(test_home_end_kill),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_max_chars),
        cmocka_unit_test(test_multiline),
        cmocka_unit_test(test_scroll),
    };
    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
