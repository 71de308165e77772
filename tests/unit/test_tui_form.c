/* tui/form values (dates, numbers, sets, yes/no), dirtiness, shape checks
 * (in C and in French) and the keys of typed fields; tui/dialog's accent-blind matching. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/form.h"
#include "tui/key.h"

#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

static int setup(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static const struct tui_choice themes[] = {
    {"youth", "Youth"}, {"culture", "Culture"}, {"health", "Health"},
};

static const struct tui_field_desc fields[] = {
    {"Title", TUI_FIELD_TEXT, NULL, 0, 20, true, 0, false},
    {"Notes", TUI_FIELD_MULTILINE, NULL, 0, 0, false, 3, false},
    {"Date", TUI_FIELD_DATE, NULL, 0, 0, true, 0, false},
    {"Count", TUI_FIELD_INTEGER, NULL, 0, 0, false, 0, false},
    {"Hours", TUI_FIELD_REAL, NULL, 0, 0, false, 0, false},
    {"Kind", TUI_FIELD_CHOICE, themes, 3, 0, false, 0, false},
    {"Themes", TUI_FIELD_SET, themes, 3, 0, false, 0, false},
    {"Innovative", TUI_FIELD_YESNO, NULL, 0, 0, false, 0, false},
};
enum { F_TITLE, F_NOTES, F_DATE, F_COUNT, F_HOURS, F_KIND, F_THEMES, F_YES, NF };

static void assert_value(struct tui_form *f, size_t i, const char *want)
{
    char *v = tui_form_value(f, i);
    assert_string_equal(v, want);
    free(v);
}

static void type(struct tui_form *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t cp = *p;
        int n = 1;
        if (cp >= 0xC0) {                   /* two-byte letters are enough here */
            cp = ((cp & 0x1F) << 6) | (p[1] & 0x3F);
            n = 2;
        }
        assert_int_equal(tui_form_handle(f, (int)cp), TUI_FORM_CHANGED);
        p += n;
    }
}

static void test_values_round_trip(void **state)
{
    (void)state;
    struct tui_form *f = tui_form_new("New", fields, NF);
    assert_int_equal(tui_form_focus(f), 0);
    assert_int_equal(tui_form_set_value(f, F_TITLE, "Fête"), 0);
    tui_form_set_value(f, F_NOTES, "ligne 1\nligne 2");
    tui_form_set_value(f, F_DATE, "2024-07-14");
    tui_form_set_value(f, F_COUNT, "12");
    tui_form_set_value(f, F_HOURS, "2.5");
    tui_form_set_value(f, F_KIND, "culture");
    tui_form_set_value(f, F_THEMES, "youth,health,retired_code");
    tui_form_set_value(f, F_YES, "1");
    assert_int_equal(tui_form_set_value(f, NF, "x"), -1);
    assert_false(tui_form_dirty(f));
    assert_value(f, F_TITLE, "Fête");
    assert_value(f, F_NOTES, "ligne 1\nligne 2");
    assert_value(f, F_DATE, "2024-07-14");
    assert_value(f, F_COUNT, "12");
    assert_value(f, F_HOURS, "2.5");
    assert_value(f, F_KIND, "culture");
    assert_value(f, F_THEMES, "health,retired_code,youth");      /* sorted, unknown kept */
    assert_value(f, F_YES, "1");
    assert_int_equal(tui_form_check(f), 0);
    tui_form_free(f);
}

static void test_typing_and_dirty(void **state)
{
    (void)state;
    struct tui_form *f = tui_form_new("New", fields, NF);
    /* Nothing typed yet: a new form with a yes/no field ("0") is clean, so
     * Esc leaves it without asking to discard anything. */
    assert_false(tui_form_dirty(f));
    type(f, "Fête");
    assert_value(f, F_TITLE, "Fête");
    assert_true(tui_form_dirty(f));
    assert_int_equal(tui_form_handle(f, TUI_KEY_FN | KEY_BACKSPACE), TUI_FORM_CHANGED);
    assert_value(f, F_TITLE, "Fêt");
    /* Enter leaves a one-line field; in a multi-line one it is a newline. */
    assert_int_equal(tui_form_handle(f, TUI_KEY_ENTER), TUI_FORM_CHANGED);
    assert_int_equal(tui_form_focus(f), F_NOTES);
    type(f, "a");
    tui_form_handle(f, TUI_KEY_ENTER);
    type(f, "b");
    assert_value(f, F_NOTES, "a\nb");
    assert_int_equal(tui_form_focus(f), F_NOTES);
    /* Up moves inside the notes, then out of them. */
    tui_form_handle(f, TUI_KEY_FN | KEY_UP);
    assert_int_equal(tui_form_focus(f), F_NOTES);
    tui_form_handle(f, TUI_KEY_FN | KEY_UP);
    assert_int_equal(tui_form_focus(f), F_TITLE);
    /* Tab / Shift-Tab wrap around; Down stops at the last field. */
    tui_form_handle(f, TUI_KEY_FN | KEY_BTAB);
    assert_int_equal(tui_form_focus(f), F_YES);
    tui_form_handle(f, TUI_KEY_FN | KEY_DOWN);
    assert_int_equal(tui_form_focus(f), F_YES);
    tui_form_handle(f, TUI_KEY_TAB);
    assert_int_equal(tui_form_focus(f), F_TITLE);
    /* Yes/no: Space toggles, o/n set. */
    tui_form_set_focus(f, F_YES);
    assert_value(f, F_YES, "0");
    assert_int_equal(tui_form_handle(f, ' '), TUI_FORM_CHANGED);
    assert_value(f, F_YES, "1");
    tui_form_handle(f, 'n');
    assert_value(f, F_YES, "0");
    tui_form_handle(f, 'o');
    assert_value(f, F_YES, "1");
    /* Choice: Right/Left cycle, a letter jumps. */
    tui_form_set_focus(f, F_KIND);
    tui_form_handle(f, TUI_KEY_FN | KEY_RIGHT);
    assert_value(f, F_KIND, "youth");
    tui_form_handle(f, TUI_KEY_FN | KEY_LEFT);
    assert_value(f, F_KIND, "health");
    tui_form_handle(f, 'c');
    assert_value(f, F_KIND, "culture");
    /* Esc asks to cancel; the caller sees the form is dirty. */
    assert_int_equal(tui_form_handle(f, TUI_KEY_ESC), TUI_FORM_CANCEL);
    assert_true(tui_form_dirty(f));
    tui_form_free(f);
}

static void test_save_and_errors(void **state)
{
    (void)state;
    struct tui_form *f = tui_form_new("New", fields, NF);
    tui_form_set_focus(f, F_COUNT);
    type(f, "douze");
    /* ^S with a missing title, no date and a bad number: no save. */
    assert_int_equal(tui_form_handle(f, TUI_KEY_CTRL('S')), TUI_FORM_CHANGED);
    assert_int_equal(tui_form_focus(f), F_TITLE);
    assert_non_null(tui_form_error(f, F_TITLE));
    assert_non_null(tui_form_error(f, F_DATE));
    assert_non_null(tui_form_error(f, F_COUNT));
    assert_null(tui_form_error(f, F_HOURS));
    assert_value(f, F_COUNT, "douze");                   /* what was typed is kept */
    type(f, "Atelier");
    assert_null(tui_form_error(f, F_TITLE));             /* editing clears the error */
    tui_form_set_focus(f, F_DATE);
    type(f, "31/02/2024");
    assert_int_equal(tui_form_handle(f, TUI_KEY_FN | KEY_F(2)), TUI_FORM_CHANGED);
    assert_int_equal(tui_form_focus(f), F_DATE);
    assert_string_equal(tui_form_error(f, F_DATE), "31/02/2024 does not exist.");
    for (int i = 0; i < 10; i++)
        tui_form_handle(f, TUI_KEY_FN | KEY_BACKSPACE);
    type(f, "1/3/2024");
    tui_form_set_focus(f, F_COUNT);
    tui_form_handle(f, TUI_KEY_CTRL('U'));
    type(f, "012");
    assert_int_equal(tui_form_handle(f, TUI_KEY_CTRL('S')), TUI_FORM_SAVE);
    assert_value(f, F_DATE, "2024-03-01");
    assert_value(f, F_COUNT, "12");
    /* The caller's own check fails: the cursor goes to that field. */
    tui_form_set_error(f, F_HOURS, "Too many hours");
    assert_int_equal(tui_form_focus(f), F_HOURS);
    assert_string_equal(tui_form_error(f, F_HOURS), "Too many hours");
    tui_form_set_error(f, F_HOURS, NULL);
    assert_null(tui_form_error(f, F_HOURS));
    tui_form_free(f);
}

/* tui_form_submit is ^S for a caller with another key (Enter in a dialog):
 * the same checks, the same answer. */
static void test_submit(void **state)
{
    (void)state;
    struct tui_form *f = tui_form_new("New", fields, NF);
    assert_int_equal(tui_form_fields(f), NF);
    tui_form_set_focus(f, F_HOURS);
    assert_int_equal(tui_form_submit(f), TUI_FORM_CHANGED);   /* no title, no date */
    assert_int_equal(tui_form_focus(f), F_TITLE);
    assert_non_null(tui_form_error(f, F_TITLE));
    tui_form_set_value(f, F_TITLE, "Atelier");
    tui_form_set_value(f, F_DATE, "2024-03-01");
    assert_int_equal(tui_form_submit(f), TUI_FORM_SAVE);
    assert_null(tui_form_error(f, F_TITLE));
    tui_form_set_error(f, F_DATE, "Taken");                     /* after a submit: the cursor goes there */
    assert_int_equal(tui_form_focus(f), F_DATE);
    tui_form_free(f);
}

/* Empties the focused field, types text, and checks the form: the number of
 * fields in error. */
static int retype(struct tui_form *f, const char *text)
{
    tui_form_handle(f, TUI_KEY_CTRL('U'));
    type(f, text);
    return tui_form_check(f);
}

/* The parsing rules are util/numdate's (tests/unit/test_numdate.c); here,
 * what the form does with them: in French a stored 242.5 is shown 242,5, an
 * unchanged form is not dirty and saves the same value, 2,5 and 2.5 are both
 * taken, and a refused value says what is wrong with it. */
static void test_french(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "fr_FR.UTF-8"))
        fail_msg("the fr_FR.UTF-8 locale is missing: run scripts/deps.sh");
    struct tui_form *f = tui_form_new("Modifier", fields, NF);
    tui_form_set_value(f, F_TITLE, "Fête");
    tui_form_set_value(f, F_DATE, "2026-12-02");
    tui_form_set_value(f, F_COUNT, "12");
    tui_form_set_value(f, F_HOURS, "242.5");
    tui_form_set_value(f, F_YES, "0");
    assert_string_equal(tui_form_text(f, F_HOURS), "242,5");
    assert_string_equal(tui_form_text(f, F_DATE), "02/12/2026");
    assert_string_equal(tui_form_text(f, F_KIND), "");
    assert_false(tui_form_dirty(f));
    assert_int_equal(tui_form_check(f), 0);
    assert_value(f, F_HOURS, "242.5");
    assert_value(f, F_DATE, "2026-12-02");
    tui_form_set_value(f, F_HOURS, "13.0");
    assert_string_equal(tui_form_text(f, F_HOURS), "13");
    assert_false(tui_form_dirty(f));

    tui_form_set_focus(f, F_HOURS);
    assert_int_equal(retype(f, "2,5"), 0);
    assert_value(f, F_HOURS, "2.5");
    assert_int_equal(retype(f, "2.5"), 0);
    assert_value(f, F_HOURS, "2.5");

    assert_int_equal(retype(f, "1 234,5"), 1);
    assert_non_null(strstr(tui_form_error(f, F_HOURS), "1 234,5 has its digits grouped"));
    assert_int_equal(retype(f, "2,5"), 0);

    tui_form_set_focus(f, F_DATE);
    assert_int_equal(retype(f, "31/11/2026"), 1);
    assert_int_equal(tui_form_focus(f), F_DATE);
    assert_string_equal(tui_form_error(f, F_DATE), "31/11/2026 does not exist.");
    assert_int_equal(retype(f, "01/01/2200"), 1);
    assert_non_null(strstr(tui_form_error(f, F_DATE), "between 1900 and 2199"));
    assert_int_equal(retype(f, "1/2/2026"), 0);
    assert_value(f, F_DATE, "2026-02-01");
    tui_form_free(f);
}

/* The locale goes back even when the test above fails half-way. */
static int back_to_c(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void test_max_len(void **state)
{
    (void)state;
    struct tui_form *f = tui_form_new("New", fields, NF);
    type(f, "éééééééééééééééééééé");                /* 20 characters: the limit */
    tui_form_handle(f, 'x');
    assert_value(f, F_TITLE, "éééééééééééééééééééé");
    tui_form_free(f);
}

static void test_matches(void **state)
{
    (void)state;
    assert_true(tui_dialog_matches("Égalité des chances", "egalite"));
    assert_true(tui_dialog_matches("Égalité des chances", "CHANCE"));
    assert_true(tui_dialog_matches("Origine", ""));
    assert_true(tui_dialog_matches("Handicap", "dica"));
    assert_false(tui_dialog_matches("Handicap", "age"));
    assert_true(tui_dialog_matches("Âge", "age"));
    assert_true(tui_dialog_matches("e\xCC\x81" "cole", "ecole"));   /* combining accent */
    /* The picker's words: each must match, in any order, spaces are no letters. */
    const char *religion = "Appartenance ou non-appartenance, vraie ou supposée, à une religion déterminée";
    assert_true(tui_dialog_matches_words(religion, "appartenance religion"));
    assert_true(tui_dialog_matches_words(religion, "  religion   appartenance "));
    assert_false(tui_dialog_matches_words("Appartenance ou non-appartenance, vraie ou supposée, à une ethnie",
                                          "appartenance religion"));
    assert_true(tui_dialog_matches_words(religion, ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_round_trip),
        cmocka_unit_test(test_typing_and_dirty),
        cmocka_unit_test(test_save_and_errors),
        cmocka_unit_test(test_submit),
        cmocka_unit_test_teardown(test_french, back_to_c),
        cmocka_unit_test(test_max_len),
        cmocka_unit_test(test_matches),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
