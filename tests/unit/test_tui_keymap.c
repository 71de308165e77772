/* tui/key, tui/keymap, tui/action: key words, lookups, fallback, help. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/keymap.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

#define P(s) tui_key_parse(s, strlen(s))

static void test_parse_words(void **state)
{
    (void)state;
    assert_int_equal(P("j"), 'j');
    assert_int_equal(P("G"), 'G');
    assert_int_equal(P("/"), '/');
    assert_int_equal(P("é"), 0xE9);
    assert_int_equal(P("^S"), 19);
    assert_int_equal(P("^s"), 19);
    assert_int_equal(P("F2"), TUI_KEY_FN | KEY_F(2));
    assert_int_equal(P("F12"), TUI_KEY_FN | KEY_F(12));
    assert_int_equal(P("ENTER"), '\r');
    assert_int_equal(P("ESC"), 27);
    assert_int_equal(P("TAB"), '\t');
    assert_int_equal(P("BTAB"), TUI_KEY_FN | KEY_BTAB);
    assert_int_equal(P("SPACE"), ' ');
    assert_int_equal(P("down"), TUI_KEY_FN | KEY_DOWN);
    assert_int_equal(P("PGDN"), TUI_KEY_FN | KEY_NPAGE);
    assert_int_equal(P("PGUP"), TUI_KEY_FN | KEY_PPAGE);
    assert_int_equal(P("HOME"), TUI_KEY_FN | KEY_HOME);
    assert_int_equal(P("DEL"), TUI_KEY_FN | KEY_DC);
    assert_int_equal(P("BACKSPACE"), TUI_KEY_FN | KEY_BACKSPACE);
    assert_int_equal(P("F13"), TUI_KEY_NONE);
    assert_int_equal(P("F0"), TUI_KEY_NONE);
    assert_int_equal(P("DOWNN"), TUI_KEY_NONE);
    assert_int_equal(P("ab"), TUI_KEY_NONE);
    assert_int_equal(P(""), TUI_KEY_NONE);
}

static void test_normalise(void **state)
{
    (void)state;
    assert_int_equal(tui_key_from_wch(OK, '\n'), TUI_KEY_ENTER);
    assert_int_equal(tui_key_from_wch(OK, '\r'), TUI_KEY_ENTER);
    assert_int_equal(tui_key_from_wch(KEY_CODE_YES, KEY_ENTER), TUI_KEY_ENTER);
    assert_int_equal(tui_key_from_wch(OK, 127), TUI_KEY_FN | KEY_BACKSPACE);
    assert_int_equal(tui_key_from_wch(KEY_CODE_YES, KEY_DOWN), TUI_KEY_FN | KEY_DOWN);
    /* U+0101 and KEY_DOWN-ish codes never collide. */
    assert_int_equal(tui_key_from_wch(OK, 0x101), 0x101);
    assert_int_not_equal(tui_key_from_wch(OK, 0x102), tui_key_from_wch(KEY_CODE_YES, 0x102));
    assert_true(tui_key_printable('a'));
    assert_true(tui_key_printable(0xE9));
    assert_false(tui_key_printable(27));
    assert_false(tui_key_printable(TUI_KEY_FN | KEY_DOWN));
}

static void test_names(void **state)
{
    (void)state;
    char *s = tui_key_name(19);
    assert_string_equal(s, "Ctrl-S");
    free(s);
    s = tui_key_name(TUI_KEY_FN | KEY_F(2));
    assert_string_equal(s, "F2");
    free(s);
    s = tui_key_name(0xE9);
    assert_string_equal(s, "é");
    free(s);
    s = tui_key_name(TUI_KEY_FN | KEY_NPAGE);
    assert_string_equal(s, "PgDn");
    free(s);
}

static void test_defaults_parse(void **state)
{
    (void)state;
    const struct tui_keymap *maps[] = {&tui_keymap_global, &tui_keymap_list,
                                       &tui_keymap_form, &tui_keymap_dialog, &tui_keymap_picker};
    for (size_t i = 0; i < 5; i++) {
        char *bad = NULL;
        int rc = tui_keymap_check(maps[i], &bad);
        if (rc)
            fail_msg("%s", bad);
        free(bad);
    }
    static const struct tui_keybind broken_binds[] = {{TUI_ACT_ADD, "a NOPE"}, {0, NULL}};
    const struct tui_keymap broken = {"x", broken_binds, NULL};
    char *bad = NULL;
    assert_int_equal(tui_keymap_check(&broken, &bad), -1);
    assert_non_null(strstr(bad, "NOPE"));
    free(bad);
}

/* What follows an ESC: PuTTY's and the console's Home/End, rxvt's, SS3;
 * an unknown CSI is a whole sequence (dropped), a partial one asks for more. */
static void test_escape_sequences(void **state)
{
    (void)state;
    assert_int_equal(tui_key_escape("[1~", 3), TUI_KEY_FN | KEY_HOME);
    assert_int_equal(tui_key_escape("[4~", 3), TUI_KEY_FN | KEY_END);
    assert_int_equal(tui_key_escape("[7~", 3), TUI_KEY_FN | KEY_HOME);
    assert_int_equal(tui_key_escape("OF", 2), TUI_KEY_FN | KEY_END);
    assert_int_equal(tui_key_escape("[6~", 3), TUI_KEY_FN | KEY_NPAGE);
    assert_int_equal(tui_key_escape("", 0), TUI_KEY_MORE);
    assert_int_equal(tui_key_escape("[", 1), TUI_KEY_MORE);
    assert_int_equal(tui_key_escape("[25", 3), TUI_KEY_MORE);
    assert_int_equal(tui_key_escape("O", 1), TUI_KEY_MORE);
    assert_int_equal(tui_key_escape("[25~", 4), TUI_KEY_NONE);
    assert_int_equal(tui_key_escape("[1;2Q", 5), TUI_KEY_NONE);
    assert_int_equal(tui_key_escape("OQ", 2), TUI_KEY_NONE);
    assert_int_equal(tui_key_escape("x", 1), TUI_KEY_NONE);
}

/* Ctrl-D / Ctrl-U half pages, everywhere; ^C cancels a form, quits elsewhere;
 * a picker ticks with Tab, never with the Space typed into its search. */
static void test_vim_keys(void **state)
{
    (void)state;
    assert_int_equal(tui_keymap_lookup(&tui_keymap_global, TUI_KEY_CTRL('D')), TUI_ACT_HALF_PAGE_DOWN);
    assert_int_equal(tui_keymap_lookup(&tui_keymap_global, TUI_KEY_CTRL('U')), TUI_ACT_HALF_PAGE_UP);
    assert_int_equal(tui_keymap_lookup(&tui_keymap_global, TUI_KEY_CTRL('C')), TUI_ACT_QUIT);
    assert_int_equal(tui_keymap_resolve(&tui_keymap_form, &tui_keymap_global, TUI_KEY_CTRL('C')), TUI_ACT_CANCEL);
    assert_int_equal(tui_keymap_lookup(&tui_keymap_picker, TUI_KEY_TAB), TUI_ACT_TOGGLE);
    assert_int_equal(tui_keymap_lookup(&tui_keymap_picker, ' '), TUI_ACT_NONE);
    char *f1 = tui_keymap_key_name(&tui_keymap_global, TUI_ACT_HELP, true);
    assert_string_equal(f1, "F1");
    free(f1);
    char *q = tui_keymap_key_name(&tui_keymap_global, TUI_ACT_HELP, false);
    assert_string_equal(q, "?");
    free(q);
}

static bool has_line(struct tui_help_line *l, size_t n, const char *a, const char *b);

/* The user's keys file: good lines bind before the defaults, in lookups and
 * in the help; each bad line is skipped and named by its number. */
/* A hint names each action's first key and word; neighbours with the same
 * word share it, their keys joined: "Up/Down choose". */
static void test_hint_words(void **state)
{
    (void)state;
    const struct tui_keymap *maps[] = {&tui_keymap_global};
    int actions[] = {TUI_ACT_MOVE_UP, TUI_ACT_MOVE_DOWN, TUI_ACT_HELP, TUI_ACT_REFRESH};
    const char *words[] = {"choose", "choose", NULL, NULL};
    char *h = tui_keymap_hint_words(maps, 1, actions, words, 4, false);
    assert_string_equal(h, "Up/Down choose, ? help");
    free(h);
    const char *apart[] = {"up", "down", NULL, NULL};
    h = tui_keymap_hint_words(maps, 1, actions, apart, 4, false);
    assert_string_equal(h, "Up up, Down down, ? help");
    free(h);
}

static void test_user_keys(void **state)
{
    (void)state;
    const char *ids[] = {"global", "list", "form"};
    char path[] = "/tmp/carnet-keys-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\n"
          "bind list J page-down   # trailing comment\n"
          "bind lsit K up\n"
          "\n"
          "bind list K jump\n"
          "bind list NOKEY up\n"
          "bind form ^G save\n"
          "bind list\n", f);
    fclose(f);
    char *report = NULL;
    assert_int_equal(tui_keymap_load_user(path, ids, 3, &report), 4);
    assert_non_null(report);
    assert_non_null(strstr(report, "line 3: \"lsit\" is no screen"));
    assert_non_null(strstr(report, "line 5: \"jump\" is no action"));
    assert_non_null(strstr(report, "line 6: \"NOKEY\" is no key"));
    assert_non_null(strstr(report, "line 8: write it as"));
    assert_null(strstr(report, "line 2"));
    free(report);
    assert_int_equal(tui_keymap_lookup(&tui_keymap_list, 'J'), TUI_ACT_PAGE_DOWN);
    assert_int_equal(tui_keymap_lookup(&tui_keymap_list, 'K'), TUI_ACT_NONE);
    assert_int_equal(tui_keymap_lookup(&tui_keymap_list, 'a'), TUI_ACT_ADD);      /* defaults stay */
    assert_int_equal(tui_keymap_lookup(&tui_keymap_global, 'J'), TUI_ACT_NONE);   /* only in lists */
    assert_int_equal(tui_keymap_lookup(&tui_keymap_form, TUI_KEY_CTRL('G')), TUI_ACT_SAVE);
    const struct tui_keymap *maps[] = {&tui_keymap_list, &tui_keymap_global};
    size_t n;
    struct tui_help_line *l = tui_keymap_help(maps, 2, false, NULL, &n);
    assert_true(has_line(l, n, "  J ", "Next page"));
    tui_keymap_help_free(l, n);
    tui_keymap_free_user();
    assert_int_equal(tui_keymap_lookup(&tui_keymap_list, 'J'), TUI_ACT_NONE);
    assert_int_equal(tui_keymap_load_user("/nonexistent/keys", ids, 3, &report), 0);
    assert_null(report);
    unlink(path);
}

static void test_lookup_and_fallback(void **state)
{
    (void)state;
    const struct tui_keymap *g = &tui_keymap_global, *l = &tui_keymap_list;
    assert_int_equal(tui_keymap_lookup(g, 'j'), TUI_ACT_MOVE_DOWN);
    assert_int_equal(tui_keymap_lookup(g, TUI_KEY_FN | KEY_DOWN), TUI_ACT_MOVE_DOWN);
    assert_int_equal(tui_keymap_lookup(g, TUI_KEY_CTRL('N')), TUI_ACT_MOVE_DOWN);
    assert_int_equal(tui_keymap_lookup(g, 'g'), TUI_ACT_TOP);
    assert_int_equal(tui_keymap_lookup(g, 'G'), TUI_ACT_BOTTOM);
    assert_int_equal(tui_keymap_lookup(g, '2'), TUI_ACT_SECTION(2));
    assert_int_equal(tui_keymap_lookup(g, '0'), TUI_ACT_SECTION(0));
    assert_int_equal(tui_keymap_lookup(g, 'a'), TUI_ACT_NONE);
    assert_int_equal(tui_keymap_lookup(NULL, 'a'), TUI_ACT_NONE);
    /* Screen first, then global. */
    assert_int_equal(tui_keymap_resolve(l, g, 'a'), TUI_ACT_ADD);
    assert_int_equal(tui_keymap_resolve(l, g, 'j'), TUI_ACT_MOVE_DOWN);
    assert_int_equal(tui_keymap_resolve(l, g, 'n'), TUI_ACT_SEARCH_NEXT);
    assert_int_equal(tui_keymap_resolve(l, g, 'N'), TUI_ACT_SEARCH_PREV);
    assert_int_equal(tui_keymap_resolve(&tui_keymap_form, g, TUI_KEY_ESC), TUI_ACT_CANCEL);
    assert_int_equal(tui_keymap_resolve(NULL, g, TUI_KEY_ESC), TUI_ACT_BACK);
    assert_int_equal(tui_keymap_resolve(&tui_keymap_form, g, TUI_KEY_CTRL('S')), TUI_ACT_SAVE);
    assert_int_equal(tui_keymap_resolve(&tui_keymap_form, g, TUI_KEY_FN | KEY_F(2)), TUI_ACT_SAVE);
    assert_int_equal(tui_keymap_resolve(&tui_keymap_form, g, TUI_KEY_FN | KEY_BTAB), TUI_ACT_PREV_FIELD);
}

static void test_action_names(void **state)
{
    (void)state;
    assert_string_equal(tui_action_name(TUI_ACT_PAGE_DOWN), "page-down");
    assert_int_equal(tui_action_by_name("page-down"), TUI_ACT_PAGE_DOWN);
    assert_int_equal(tui_action_by_name("nonsense"), TUI_ACT_NONE);
    assert_int_equal(tui_action_by_name(""), TUI_ACT_NONE);
    assert_string_equal(tui_action_name(TUI_ACT_COUNT), "");
    for (int a = 1; a < TUI_ACT_COUNT; a++) {
        assert_int_equal(tui_action_by_name(tui_action_name(a)), a);
        assert_true(strlen(tui_action_help(a, NULL)) > 0);
    }
    const char *labels[10] = {NULL, NULL, "Initiatives"};
    assert_string_equal(tui_action_help(TUI_ACT_SECTION(2), labels), "Initiatives");
    assert_string_equal(tui_action_help(TUI_ACT_SECTION(3), labels), "Go to section 3");
    assert_int_equal(tui_action_section(TUI_ACT_SECTION(7)), 7);
    assert_int_equal(tui_action_section(TUI_ACT_ADD), -1);
}

static bool has_line(struct tui_help_line *l, size_t n, const char *a, const char *b)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(l[i].text, a) && (!b || strstr(l[i].text, b)))
            return true;
    return false;
}

static void test_help(void **state)
{
    (void)state;
    const struct tui_keymap *maps[] = {&tui_keymap_list, &tui_keymap_global};
    const char *labels[10] = {"Administration", "Home"};
    size_t n;
    struct tui_help_line *l = tui_keymap_help(maps, 2, false, labels, &n);
    assert_true(n > 20);
    assert_true(l[0].heading);
    assert_string_equal(l[0].text, "In lists");
    assert_true(has_line(l, n, "Enter, Right", "Open the selected line"));
    assert_true(has_line(l, n, "Down, j, Ctrl-N", "Move down"));
    assert_true(has_line(l, n, "Home"/* section label */, NULL));
    assert_true(has_line(l, n, "0 ", "Administration"));
    /* Sections without a label do not exist: no key for them. */
    assert_false(has_line(l, n, "Go to section 8", NULL));
    assert_false(has_line(l, n, "Go to section 3", NULL));
    /* Descriptions line up: the same column in every entry line. */
    const char *open = NULL, *add = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strstr(l[i].text, "Open the selected line"))
            open = l[i].text;
        if (strstr(l[i].text, "  Add"))
            add = l[i].text;
    }
    assert_non_null(open);
    assert_non_null(add);
    assert_int_equal(strstr(open, "Open the") - open, strstr(add, "  Add") + 2 - add);
    tui_keymap_help_free(l, n);

    /* A form screen types printable keys: j and digits no longer act. */
    const struct tui_keymap *form[] = {&tui_keymap_form, &tui_keymap_global};
    l = tui_keymap_help(form, 2, true, NULL, &n);
    assert_true(has_line(l, n, "Ctrl-S, F2", "Save"));
    assert_false(has_line(l, n, "j,", NULL));
    assert_false(has_line(l, n, "Go to section 1", NULL));
    assert_false(has_line(l, n, "Esc", "Go back"));        /* Esc cancels in forms */
    assert_true(has_line(l, n, "Ctrl-L", "Reload"));
    tui_keymap_help_free(l, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_words),
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_defaults_parse),
        cmocka_unit_test(test_lookup_and_fallback),
        cmocka_unit_test(test_escape_sequences),
        cmocka_unit_test(test_vim_keys),
        cmocka_unit_test(test_hint_words),
        cmocka_unit_test(test_user_keys),
        cmocka_unit_test(test_action_names),
        cmocka_unit_test(test_help),
    };
    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
