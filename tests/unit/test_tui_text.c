/* tui/text: widths in columns, truncation, padding, wrapping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/text.h"
#include "util/utf8.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#define ELL "\xE2\x80\xA6"

static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void test_widths(void **state)
{
    (void)state;
    assert_true(tui_text_utf8_locale());
    assert_int_equal(tui_text_width("égalité"), 7);
    assert_int_equal(tui_text_width("日本"), 4);
    assert_int_equal(tui_text_width("\xF0\x9F\x98\x80"), 2);            /* U+1F600 */
    assert_int_equal(tui_text_width("e\xCC\x81"), 1);                   /* e + combining acute */
    assert_int_equal(tui_text_width("a\xFF" "b"), 3);                   /* invalid byte = 1 */
    assert_int_equal(tui_text_width("a\x1b" "b"), 3);                   /* control = 1 */
    assert_int_equal(tui_text_width(""), 0);
    assert_int_equal(tui_text_width(NULL), 0);
    assert_int_equal(tui_text_width_n("日本", 3), 2);
}

static void test_prefix_never_splits(void **state)
{
    (void)state;
    size_t used;
    assert_int_equal(tui_text_prefix("日本語", 3, &used), 3);          /* 日 only */
    assert_int_equal(used, 2);
    assert_int_equal(tui_text_prefix("été", 2, &used), 3);             /* é + t */
    assert_int_equal(used, 2);
    assert_int_equal(tui_text_prefix("e\xCC\x81x", 1, &used), 3);      /* mark stays with e */
    assert_int_equal(tui_text_prefix("abc", 10, &used), 3);
    assert_int_equal(used, 3);
}

/* cut is tui_text_truncate or tui_text_truncate_left. */
static void check_cut(char *(*cut)(const char *, size_t), const char *s, size_t cols, const char *want)
{
    char *t = cut(s, cols);
    assert_string_equal(t, want);
    assert_true(tui_text_width(t) <= cols);
    free(t);
}

/* Every width from 0 to the full one: valid UTF-8, within the width. */
static void every_width(char *(*cut)(const char *, size_t))
{
    const char *s = "Fête 日本 \xF0\x9F\x98\x80 ok";
    for (size_t w = 0; w <= tui_text_width(s) + 1; w++) {
        char *t = cut(s, w);
        assert_true(tui_text_width(t) <= w);
        assert_true(mbstowcs(NULL, t, 0) != (size_t)-1);
        free(t);
    }
}

static void test_truncate(void **state)
{
    (void)state;
    check_cut(tui_text_truncate, "égalité", 10, "égalité");
    check_cut(tui_text_truncate, "égalité", 7, "égalité");
    check_cut(tui_text_truncate, "égalité", 6, "égali" ELL);
    check_cut(tui_text_truncate, "日本語テキスト", 6, "日本" ELL);                  /* 5 cols + ellipsis */
    check_cut(tui_text_truncate, "日本語テキスト", 5, "日本" ELL);
    check_cut(tui_text_truncate, "日本語", 2, "" ELL);
    check_cut(tui_text_truncate, "abc", 0, "");
    check_cut(tui_text_truncate, NULL, 4, "");
    every_width(tui_text_truncate);
}

static void test_truncate_left(void **state)
{
    (void)state;
    check_cut(tui_text_truncate_left, "/home/a/bilan.html", 18, "/home/a/bilan.html");
    check_cut(tui_text_truncate_left, "/home/a/bilan.html", 11, ELL "bilan.html");
    check_cut(tui_text_truncate_left, "/dossier/été", 4, ELL "été");
    check_cut(tui_text_truncate_left, "日本語テキスト", 6, ELL "スト");       /* 4 cols + ellipsis: テキ would straddle */
    check_cut(tui_text_truncate_left, "abc", 0, "");
    check_cut(tui_text_truncate_left, NULL, 4, "");
    every_width(tui_text_truncate_left);
}

static void test_ascii_fallback(void **state)
{
    (void)state;
    assert_non_null(setlocale(LC_ALL, "C"));
    assert_false(tui_text_utf8_locale());
    assert_string_equal(tui_text_ellipsis(), "...");
    char *t = tui_text_truncate("abcdefgh", 5);
    assert_string_equal(t, "ab...");
    free(t);
    t = tui_text_truncate("abcdefgh", 2);
    assert_string_equal(t, "..");
    free(t);
    assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
    assert_string_equal(tui_text_ellipsis(), ELL);
}

static void test_fit(void **state)
{
    (void)state;
    char *t = tui_text_fit("été", 5, TUI_ALIGN_LEFT);
    assert_string_equal(t, "été  ");
    free(t);
    t = tui_text_fit("42", 5, TUI_ALIGN_RIGHT);
    assert_string_equal(t, "   42");
    free(t);
    t = tui_text_fit("ab", 5, TUI_ALIGN_CENTER);
    assert_string_equal(t, " ab  ");
    free(t);
    t = tui_text_fit("日本語", 5, TUI_ALIGN_LEFT);              /* 日本… is 5 columns */
    assert_string_equal(t, "日本" ELL);
    assert_int_equal(tui_text_width(t), 5);
    free(t);
}

static void test_slice(void **state)
{
    (void)state;
    const char *s = "a日本b";
    char *t = tui_text_slice(s, strlen(s), 0, 3);
    assert_string_equal(t, "a日");
    free(t);
    t = tui_text_slice(s, strlen(s), 2, 4);         /* 日 cut on the left */
    assert_string_equal(t, " 本b");
    free(t);
    t = tui_text_slice(s, strlen(s), 1, 3);         /* 本 cut on the right */
    assert_string_equal(t, "日");
    free(t);
}

/* Wraps s and compares with want, the lines joined by '|'. */
static void check_wrap(const char *s, size_t width, const char *want)
{
    size_t n;
    char **l = tui_text_wrap(s, width, &n);
    char joined[256] = "";
    for (size_t i = 0; i < n; i++) {
        assert_true(tui_text_width(l[i]) <= width || utf8_length(l[i]) == 1);
        strcat(joined, i ? "|" : "");
        strcat(joined, l[i]);
    }
    assert_string_equal(joined, want);
    tui_text_lines_free(l, n);
}

static void test_common_words(void **state)
{
    (void)state;
    const char *centres[] = {"Centre social Les Tilleuls", NULL, "Centre social Mosaïque", ""};
    assert_int_equal(tui_text_common_words(centres, 4), strlen("Centre social "));
    const char *word_cut[] = {"Conseil citoyen", "Conseil cit. Nord"};
    assert_int_equal(tui_text_common_words(word_cut, 2), strlen("Conseil "));   /* whole words only */
    const char *one[] = {"Centre social Les Tilleuls", NULL};
    assert_int_equal(tui_text_common_words(one, 2), 0);
    const char *all[] = {"Centre social ", "Centre social Mosaïque"};
    assert_int_equal(tui_text_common_words(all, 2), 0);        /* would leave one empty */
    const char *same[] = {"conseil citoyen", "conseil citoyen", NULL};
    assert_int_equal(tui_text_common_words(same, 3), 0);       /* nothing to tell apart */
    const char *none[] = {"Bureau", "Conseil d'administration"};
    assert_int_equal(tui_text_common_words(none, 2), 0);
    const char *accents[] = {"Égalité femmes hommes", "Égalité des chances"};
    assert_int_equal(tui_text_common_words(accents, 2), strlen("Égalité "));
}

static void test_wrap(void **state)
{
    (void)state;
    check_wrap("Le centre est ouvert\nmardi", 10, "Le centre|est ouvert|mardi");
    check_wrap("anticonstitutionnellement", 10, "anticonsti|tutionnell|ement");
    check_wrap("日本語", 1, "日|本|語");           /* wider than a line: one per line */
    check_wrap("a\n\nb", 10, "a||b");
    check_wrap("", 10, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_prefix_never_splits),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_ascii_fallback),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_slice),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_common_words),
        cmocka_unit_test(test_truncate_left),
    };
    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
