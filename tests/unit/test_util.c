/* util/: strict UTF-8 (what model/ accepts), the neutralising of terminal
 * escapes (what a record typed by one user may do to another's terminal),
 * growable strings and allocation wrappers; and model/error.h, which every
 * message of the model goes through. */
#include "testutil.h"
#include "model/error.h"
#include "util/strbuf.h"
#include "util/userdirs.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- utf8_decode / utf8_encode / utf8_valid ---- */

static void decode_ok(const char *s, int want_n, uint32_t want_cp)
{
    uint32_t cp = 0xDEADBEEF;
    assert_int_equal(utf8_decode(s, strlen(s), &cp), want_n);
    assert_int_equal(cp, want_cp);
}

static void decode_bad(const char *s, size_t len)
{
    uint32_t cp = 0;
    assert_int_equal(utf8_decode(s, len, &cp), -1);
}

static void test_utf8_decode_valid(void **state)
{
    (void)state;
    decode_ok("A", 1, 'A');
    decode_ok("\x7F", 1, 0x7F);
    decode_ok("\xC3\xA9", 2, 0xE9);              /* é */
    decode_ok("\xC2\x80", 2, 0x80);              /* smallest 2-byte */
    decode_ok("\xE2\x82\xAC", 3, 0x20AC);        /* € */
    decode_ok("\xE0\xA0\x80", 3, 0x800);         /* smallest 3-byte */
    decode_ok("\xEF\xBF\xBD", 3, 0xFFFD);
    decode_ok("\xF0\x9F\x98\x80", 4, 0x1F600);   /* 😀 */
    decode_ok("\xF4\x8F\xBF\xBF", 4, 0x10FFFF);  /* largest */
    /* Only the first code point is read. */
    decode_ok("\xC3\xA9t\xC3\xA9", 2, 0xE9);
}

static void test_utf8_decode_rejects(void **state)
{
    (void)state;
    decode_bad("", 0);
    decode_bad("\xC0\x80", 2);              /* overlong NUL */
    decode_bad("\xC1\xBF", 2);              /* overlong 0x7F */
    decode_bad("\xE0\x80\x80", 3);          /* overlong 3-byte */
    decode_bad("\xE0\x9F\xBF", 3);          /* overlong 0x7FF */
    decode_bad("\xF0\x80\x80\x80", 4);      /* overlong 4-byte */
    decode_bad("\xF0\x8F\xBF\xBF", 4);      /* overlong 0xFFFF */
    decode_bad("\xED\xA0\x80", 3);          /* surrogate D800 */
    decode_bad("\xED\xBF\xBF", 3);          /* surrogate DFFF */
    decode_bad("\xF4\x90\x80\x80", 4);      /* above 0x10FFFF */
    decode_bad("\x80", 1);                  /* lone continuation */
    decode_bad("\xBF", 1);
    decode_bad("\xF8\x88\x80\x80\x80", 5);  /* 5-byte form */
    decode_bad("\xFF", 1);
    decode_bad("\xC3\x28", 2);              /* bad continuation */
    decode_bad("\xE2\x28\xA1", 3);
    /* Truncated: the length given stops inside the sequence. */
    decode_bad("\xC3\xA9", 1);
    decode_bad("\xE2\x82\xAC", 2);
    decode_bad("\xF0\x9F\x98\x80", 3);
    decode_bad("\xE2\x82", 2);
}

static void test_utf8_encode(void **state)
{
    (void)state;
    static const uint32_t cps[] = {0x01, 'a', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x20AC, 0xD7FF,
                                   0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    static const int sizes[] = {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        int n = utf8_encode(cps[i], buf);
        assert_int_equal(n, sizes[i]);
        uint32_t back = 0;
        assert_int_equal(utf8_decode(buf, (size_t)n, &back), n);
        assert_int_equal(back, cps[i]);
    }
    char buf[4];
    assert_int_equal(utf8_encode(0xE9, buf), 2);
    assert_memory_equal(buf, "\xC3\xA9", 2);
    assert_int_equal(utf8_encode(0xD800, buf), 0);
    assert_int_equal(utf8_encode(0xDFFF, buf), 0);
    assert_int_equal(utf8_encode(0x110000, buf), 0);
    assert_int_equal(utf8_encode(0xFFFFFFFF, buf), 0);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    const char *good = "Jardin partagé — Marseille 13e 😀";
    assert_true(utf8_valid(good, strlen(good)));
    assert_true(utf8_valid("", 0));
    assert_true(utf8_valid("\xC3\xA9", 2));
    assert_false(utf8_valid("\xC3\xA9", 1));            /* truncated at the end */
    assert_false(utf8_valid("caf\xE9", 4));             /* Latin-1 é */
    assert_false(utf8_valid("a\xC0\xAFz", 4));          /* overlong '/' */
    assert_false(utf8_valid("a\xED\xA0\x80z", 5));      /* surrogate */
    assert_false(utf8_valid("a\0b", 3));                /* an embedded NUL */
    assert_false(utf8_valid("ok\x80", 3));
}

static void test_utf8_length(void **state)
{
    (void)state;
    assert_int_equal(utf8_length(""), 0);
    assert_int_equal(utf8_length("abc"), 3);
    assert_int_equal(utf8_length("été"), 3);
    assert_int_equal(utf8_length("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), 4);
    char *many = xmalloc(401);
    for (int i = 0; i < 200; i++)
        memcpy(many + 2 * i, "\xC3\xA9", 2);
    many[400] = '\0';
    assert_int_equal(strlen(many), 400);
    assert_int_equal(utf8_length(many), 200);
    free(many);
}

static void test_utf8_find_control(void **state)
{
    (void)state;
    assert_int_equal(utf8_find_control("", false), -1);
    assert_int_equal(utf8_find_control("Fête des voisins", false), -1);
    assert_int_equal(utf8_find_control("ab\x1b[2J", false), 2);
    assert_int_equal(utf8_find_control("ab\x1b[2J", true), 2);     /* ESC even in long text */
    assert_int_equal(utf8_find_control("line\nnext", false), 4);
    assert_int_equal(utf8_find_control("line\nnext", true), -1);
    assert_int_equal(utf8_find_control("a\tb", false), 1);
    assert_int_equal(utf8_find_control("a\tb", true), -1);
    assert_int_equal(utf8_find_control("a\rb", true), 1);         /* CR is not a line break here */
    assert_int_equal(utf8_find_control("x\x7F", true), 1);        /* DEL */
    assert_int_equal(utf8_find_control("\x01", true), 0);
    assert_int_equal(utf8_find_control("é\xC2\x85", true), 2);    /* C1 NEL: byte offset */
    assert_int_equal(utf8_find_control("é\xC2\x9B" "2J", false), 2);  /* C1 CSI */
    assert_int_equal(utf8_find_control("\xC2\xA0nbsp", false), -1);  /* U+00A0 is not C1 */
}

/* ---- utf8_sanitize ---- */

static void sanitized(const char *in, bool keep, const char *want)
{
    char *out = utf8_sanitize(in, keep);
    assert_string_equal(out, want);
    free(out);
}

static void test_utf8_sanitize_escapes(void **state)
{
    (void)state;
    sanitized("ab\x1b[2Jcd", false, "abcd");                      /* clear screen */
    sanitized("\x1b[1;31mred\x1b[0m", false, "red");              /* colours */
    sanitized("\x1b[?1049h" "x", false, "x");                     /* private mode */
    sanitized("\x1b]0;owned\x07title", false, "title");           /* OSC title, BEL */
    sanitized("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", false, "link");  /* OSC 8, ST */
    sanitized("a\x1bPqdata\x1b\\b", false, "ab");                 /* DCS */
    sanitized("a\x1b(Bb", false, "ab");                           /* charset select */
    sanitized("a\x1b" "cb", false, "ab");                         /* RIS, two bytes */
    sanitized("a\x1b", false, "a");                               /* ESC at the end */
    sanitized("a\x1b[12", false, "a");                            /* unfinished CSI */
    sanitized("a\x1b]0;never ended", false, "a");                 /* unfinished OSC */
}

static void test_utf8_sanitize_controls(void **state)
{
    (void)state;
    sanitized("a\xC2\x9B" "2Jb", false, "a\xEF\xBF\xBD" "2Jb");    /* C1 CSI neutralised */
    sanitized("a\xC2\x85z", false, "a\xEF\xBF\xBDz");              /* C1 NEL */
    sanitized("bell\x07", false, "bell\xEF\xBF\xBD");
    sanitized("del\x7F", false, "del\xEF\xBF\xBD");
    sanitized("caf\xE9!", false, "caf\xEF\xBF\xBD!");              /* invalid byte */
    sanitized("Égalité, été, Œuvre, ß, 😀", false, "Égalité, été, Œuvre, ß, 😀");
    sanitized(NULL, false, "");
    sanitized("", true, "");
}

static void test_utf8_sanitize_newlines(void **state)
{
    (void)state;
    sanitized("one\ntwo\tthree", false, "one two three");
    sanitized("one\ntwo\tthree", true, "one\ntwo\tthree");
    sanitized("dos\r\nline", true, "dos \nline");                 /* CR never kept */
    sanitized("dos\r\nline", false, "dos  line");
}

/* The Unicode bidi controls reorder what follows them on the line ("Trojan
 * Source"): each becomes a visible U+FFFD; right-to-left letters stay. */
static void test_utf8_sanitize_bidi(void **state)
{
    (void)state;
    static const char *const controls[] = {
        "\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE", /* LRE..RLO */
        "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",                  /* LRI..PDI */
        "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C",                                        /* LRM RLM ALM */
    };
    for (size_t i = 0; i < sizeof controls / sizeof *controls; i++) {
        char in[32], want[32];
        snprintf(in, sizeof in, "ab%scd", controls[i]);
        snprintf(want, sizeof want, "ab\xEF\xBF\xBD" "cd");
        sanitized(in, false, want);
        sanitized(in, true, want);
    }
    sanitized("\xE2\x80\xAE" "txt.exe", false, "\xEF\xBF\xBD" "txt.exe");
    sanitized("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", false,
              "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");           /* Arabic, Hebrew */
    sanitized("\xE2\x80\x8B\xE2\x80\x90", false, "\xE2\x80\x8B\xE2\x80\x90");             /* ZWSP, hyphen: neighbours kept */
}

/* ---- strbuf ---- */

static void test_strbuf(void **state)
{
    (void)state;
    struct strbuf b;
    strbuf_init(&b);
    assert_non_null(b.s);
    assert_string_equal(b.s, "");
    assert_int_equal(b.len, 0);
    strbuf_adds(&b, "Jardin");
    strbuf_addc(&b, ' ');
    strbuf_add(&b, "partagé et plus", strlen("partagé"));
    assert_string_equal(b.s, "Jardin partagé");
    assert_int_equal(b.len, strlen("Jardin partagé"));
    strbuf_addf(&b, " %d/%s", 42, "x");
    assert_string_equal(b.s, "Jardin partagé 42/x");
    strbuf_addf(&b, "%s", "");                   /* nothing added, still terminated */
    assert_int_equal(b.len, strlen("Jardin partagé 42/x"));

    /* Growth well past the first allocation keeps every byte. */
    strbuf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.s, "");
    for (int i = 0; i < 1000; i++)
        strbuf_addf(&b, "%03d,", i);
    assert_int_equal(b.len, 4000);
    assert_true(b.cap > b.len);
    assert_memory_equal(b.s, "000,001,002,", 12);
    assert_string_equal(b.s + 3996, "999,");
    size_t cap = b.cap;
    strbuf_reset(&b);                            /* keeps the memory */
    assert_int_equal(b.cap, cap);

    /* A large formatted piece at once. */
    char big[300];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    strbuf_addf(&b, "<%s>", big);
    assert_int_equal(b.len, 301);
    assert_int_equal(b.s[0], '<');
    assert_int_equal(b.s[300], '>');
    assert_int_equal(b.s[301], '\0');

    /* An embedded NUL through strbuf_add is kept in len. */
    strbuf_reset(&b);
    strbuf_add(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.s, "a\0b", 4);

    strbuf_reset(&b);
    strbuf_adds(&b, "mine");
    char *s = strbuf_detach(&b);
    assert_string_equal(s, "mine");
    assert_non_null(b.s);                        /* empty again, usable */
    assert_int_equal(b.len, 0);
    assert_string_equal(b.s, "");
    strbuf_adds(&b, "again");
    assert_string_equal(b.s, "again");
    free(s);
    strbuf_free(&b);
    assert_null(b.s);
    assert_int_equal(b.len, 0);
}

/* ---- xalloc ---- */

static void test_xalloc(void **state)
{
    (void)state;
    char *s = xasprintf("%s=%d;%.1f", "volunteers", 12, 2.5);
    assert_string_equal(s, "volunteers=12;2.5");
    free(s);
    s = xasprintf("%s", "");
    assert_string_equal(s, "");
    free(s);
    char big[5000];
    memset(big, 'e', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    s = xasprintf("[%s]", big);
    assert_int_equal(strlen(s), 5000 + 1);
    free(s);

    assert_null(xstrdup(NULL));
    s = xstrdup("Les Tilleuls");
    assert_string_equal(s, "Les Tilleuls");
    free(s);
    s = xstrndup("centre social", 6);
    assert_string_equal(s, "centre");
    free(s);

    int *zeros = xcalloc(16, sizeof *zeros);
    for (int i = 0; i < 16; i++)
        assert_int_equal(zeros[i], 0);
    zeros = xrealloc(zeros, 1024 * sizeof *zeros);
    assert_int_equal(zeros[15], 0);                /* the old part is kept */
    zeros[1023] = 7;
    free(zeros);
    void *p = xmalloc(0);                          /* never NULL, even for 0 */
    assert_non_null(p);
    free(p);
    p = xcalloc(0, 0);
    assert_non_null(p);
    free(p);
}

/* ---- model/error.h ---- */

static void test_error(void **state)
{
    (void)state;
    struct error e;
    error_clear(&e);
    assert_int_equal(e.code, 0);
    assert_int_equal(e.count, 0);
    assert_string_equal(e.msg, "");
    assert_int_equal(error_add(&e, ERR_INVALID, "title: required (%s)", "Title"), ERR_INVALID);
    /* The first code stays; later messages are gathered one per line. */
    assert_int_equal(error_add(&e, ERR_NOTFOUND, "centre: no centre '%s'", "X"), ERR_NOTFOUND);
    assert_int_equal(e.code, ERR_INVALID);
    assert_int_equal(e.count, 2);
    assert_string_equal(e.msg, "title: required (Title)\ncentre: no centre 'X'");
    error_clear(&e);
    assert_int_equal(e.code, 0);
    assert_int_equal(e.count, 0);
    assert_string_equal(e.msg, "");

    /* NULL is accepted and the code still returned. */
    assert_int_equal(error_add(NULL, ERR_DB, "ignored %d", 1), ERR_DB);
    error_clear(NULL);

    /* Far more than fits: truncated, terminated, still counted. */
    char line[200];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    for (int i = 0; i < 100; i++)
        error_add(&e, ERR_INVALID, "%d %s", i, line);
    assert_int_equal(e.count, 100);
    assert_true(strlen(e.msg) < ERROR_MSG_MAX);
    assert_memory_equal(e.msg, "0 xxx", 5);
}

/* ---- userdirs: the documents folder ---- */

static void parse_is(const char *text, const char *want)
{
    char *got = userdirs_parse(text, "DOCUMENTS", "/home/alice");
    if (want) {
        assert_non_null(got);
        assert_string_equal(got, want);
    } else {
        assert_null(got);
    }
    free(got);
}

static void test_userdirs_parse(void **state)
{
    (void)state;
    parse_is("XDG_DOCUMENTS_DIR=\"$HOME/Documents\"\n", "/home/alice/Documents");
    parse_is("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Bureau\"\n"
             "XDG_DOCUMENTS_DIR=\"$HOME/Mes documents\"\nXDG_MUSIC_DIR=\"$HOME/Musique\"\n",
             "/home/alice/Mes documents");
    parse_is("XDG_DOCUMENTS_DIR=\"/srv/partage/bilans\"", "/srv/partage/bilans");
    parse_is("XDG_DOCUMENTS_DIR=\"$HOME/Dossier \\\"A\\\"\"\n", "/home/alice/Dossier \"A\"");
    parse_is("XDG_DOCUMENTS_DIR=\"$HOME\"\n", "/home/alice");           /* disabled: the home folder */
    parse_is("XDG_DOCUMENTS_DIR=\"Documents\"\n", NULL);               /* neither absolute nor $HOME */
    parse_is("XDG_DOCUMENTS_DIR=\"$HOMEWORK/x\"\n", NULL);
    parse_is("XDG_DOCUMENTS_DIR=\"$HOME/unterminated\n", NULL);
    parse_is("# XDG_DOCUMENTS_DIR=\"$HOME/commented\"\n", NULL);
    parse_is("XDG_DOCUMENTS_DIR=\"$HOME/a\"\nXDG_DOCUMENTS_DIR=\"$HOME/b\"\n", "/home/alice/b");
    parse_is("", NULL);
}

static void test_userdirs_documents(void **state)
{
    (void)state;
    char root[] = "/tmp/carnet-userdirs-XXXXXX";
    assert_non_null(mkdtemp(root));
    char *home = xasprintf("%s/home", root), *conf = xasprintf("%s/conf", root);
    char *docs = xasprintf("%s/Documents", home), *file = xasprintf("%s/user-dirs.dirs", conf);
    assert_int_equal(mkdir(home, 0700), 0);
    assert_int_equal(mkdir(conf, 0700), 0);
    setenv("HOME", home, 1);
    setenv("XDG_CONFIG_HOME", conf, 1);
    char *d = userdirs_documents();
    assert_string_equal(d, home);                   /* no user-dirs file: home */
    free(d);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("XDG_DOCUMENTS_DIR=\"$HOME/Documents\"\n", f);
    fclose(f);
    d = userdirs_documents();
    assert_string_equal(d, home);                   /* named, but not there: home */
    free(d);
    assert_int_equal(mkdir(docs, 0700), 0);
    d = userdirs_documents();
    assert_string_equal(d, docs);
    free(d);
    unsetenv("XDG_CONFIG_HOME");                    /* ~/.config/user-dirs.dirs then */
    d = userdirs_documents();
    assert_string_equal(d, home);
    free(d);
    setenv("HOME", "", 1);
    d = userdirs_documents();
    assert_string_equal(d, ".");
    free(d);
    remove(file);
    rmdir(docs);
    rmdir(conf);
    rmdir(home);
    rmdir(root);
    free(home), free(conf), free(docs), free(file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode_valid),
        cmocka_unit_test(test_utf8_decode_rejects),
        cmocka_unit_test(test_utf8_encode),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_length),
        cmocka_unit_test(test_utf8_find_control),
        cmocka_unit_test(test_utf8_sanitize_escapes),
        cmocka_unit_test(test_utf8_sanitize_controls),
        cmocka_unit_test(test_utf8_sanitize_newlines),
        cmocka_unit_test(test_utf8_sanitize_bidi),
        cmocka_unit_test(test_strbuf),
        cmocka_unit_test(test_xalloc),
        cmocka_unit_test(test_error),
        cmocka_unit_test(test_userdirs_parse),
        cmocka_unit_test(test_userdirs_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
