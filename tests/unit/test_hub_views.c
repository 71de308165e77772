/* The hub's federation views as SQL (no PostgreSQL here:
 * tests/cli/test_hub_views.sh runs them), and the message catalog they
 * take their French labels from, read whatever the locale. */
#include "testutil.h"
#include "config.h"
#include "model/hub.h"
#include "model/kind.h"
#include "util/mo.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The folder of the build tree's catalogs (locale/ beside the tests' folder). */
static char *build_catalogs(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 64);
    assert_true(n > 0);
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    assert_non_null(slash);
    *slash = '\0';
    slash = strrchr(exe, '/');
    assert_non_null(slash);
    strcpy(slash + 1, "locale");
    return xstrdup(exe);
}

/* The build tree's French catalog, found through the folder gettext was
 * given, as hub init finds it. */
static struct mo *french(void)
{
    char *dir = build_catalogs();
    bindtextdomain(CARNET_TEXTDOMAIN, dir);
    free(dir);
    struct mo *fr = mo_open_lang(CARNET_TEXTDOMAIN, "fr");
    assert_non_null(fr);
    return fr;
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void test_mo(void **state)
{
    (void)state;
    struct mo *fr = french();
    assert_string_equal(mo_get(fr, "idea"), "idée");
    assert_string_equal(mo_get(fr, "ongoing"), "en cours");
    assert_string_equal(mo_get(fr, "initiatives"), "initiatives");
    assert_string_equal(mo_get(fr, "high"), "élevée");
    const char *none = "no such message in any catalog";
    assert_ptr_equal(mo_get(fr, none), none);
    assert_string_equal(mo_get(fr, ""), "");
    assert_null(mo_get(fr, NULL));
    mo_close(fr);
    /* No catalog: the text itself. */
    assert_null(mo_open_lang(CARNET_TEXTDOMAIN, "xx"));
    assert_string_equal(mo_get(NULL, "idea"), "idea");
    mo_close(NULL);
    assert_null(mo_open(NULL));
    assert_null(mo_open("/nonexistent/carnet.mo"));
    /* Not a catalog, a truncated one, offsets past the end: refused, or
     * every lookup gives the text back. */
    char *bad = tu_path("bad.mo");
    write_file(bad, "not a catalog at all, really", 28);
    assert_null(mo_open(bad));
    write_file(bad, "\xde\x12\x04\x95", 4);
    assert_null(mo_open(bad));
    const unsigned char past[28] = {0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 1, 0, 0, 0, 20, 0, 0, 0, 20, 0, 0, 0,
                                    0xff, 0, 0, 0, 0xf0, 0, 0, 0};
    write_file(bad, past, sizeof past);
    struct mo *m = mo_open(bad);
    if (m)
        assert_string_equal(mo_get(m, "idea"), "idea");
    mo_close(m);
    /* Big-endian catalogs read the same. */
    const unsigned char be[] = {0x95, 0x04, 0x12, 0xde, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 20, 0, 0, 0, 28,
                                0, 0, 0, 1, 0, 0, 0, 36, 0, 0, 0, 1, 0, 0, 0, 38, 'a', 0, 'b', 0};
    write_file(bad, be, sizeof be);
    m = mo_open(bad);
    assert_non_null(m);
    assert_string_equal(mo_get(m, "a"), "b");
    assert_string_equal(mo_get(m, "c"), "c");
    mo_close(m);
    free(bad);
}

static void test_view_kinds(void **state)
{
    (void)state;
    assert_false(hub_view_kind(NULL));
    assert_false(hub_view_kind(kind_find("person")));  /* personal data */
    assert_false(hub_view_kind(kind_find("member")));  /* logins */
    int n = 0;
    for (int i = 0; kinds[i]; i++)
        n += hub_view_kind(kinds[i]);
    assert_int_equal(n, kinds_count - 2);
    for (int i = 0; kinds[i]; i++)
        if (kinds[i]->flags & K_LOG)
            assert_true(hub_view_kind(kinds[i]));
}

/* How many times s holds what. */
static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)); p++)
        n++;
    return n;
}

/* The text of view name in sql, up to the next view. */
static char *view_of(const char *sql, const char *name)
{
    char head[128];
    snprintf(head, sizeof head, "CREATE OR REPLACE VIEW federation.%s WITH (security_invoker = true) AS\n", name);
    const char *at = strstr(sql, head);
    if (!at)
        return NULL;
    const char *end = strstr(at + 1, "CREATE OR REPLACE VIEW");
    return xstrndup(at, end ? (size_t)(end - at) : strlen(at));
}

static void test_views_sql(void **state)
{
    (void)state;
    struct mo *fr = french();
    struct strbuf b;
    strbuf_init(&b);
    hub_views_sql(&b, fr, false);
    assert_null(strstr(b.s, "DROP VIEW"));
    /* One view per kind of hub_view_kind, each security_invoker; none else. */
    int views = 0;
    for (const char *p = b.s; (p = strstr(p, "CREATE OR REPLACE VIEW")); p++)
        views++;
    assert_int_equal(views, kinds_count - 2 + 1);   /* and the indicators */
    for (int i = 0; kinds[i]; i++) {
        char *v = view_of(b.s, kinds[i]->name);
        assert_int_equal(v != NULL, hub_view_kind(kinds[i]));
        if (v) {
            assert_null(strstr(v, "_clk"));
            assert_non_null(strstr(v, "WHERE x.deleted = 0;"));
        }
        free(v);
    }
    char *v = view_of(b.s, "initiative");
    assert_non_null(strstr(v, "WHEN 'idea' THEN 'idée'"));
    assert_non_null(strstr(v, "AS status_label"));
    assert_non_null(strstr(v, "x.volunteer_hours::numeric AS volunteer_hours"));
    assert_non_null(strstr(v, "(x.innovative <> 0) AS innovative"));
    assert_non_null(strstr(v, "LEFT JOIN carnet.theme m ON m.dataset = x.dataset AND m.code = u.code"));
    assert_non_null(strstr(v, "coalesce(m.label_fr, u.code)"));
    assert_non_null(strstr(v, "AS themes_codes"));
    assert_non_null(strstr(v, ".name AS territory,\n  x.territory AS territory_id"));
    assert_non_null(strstr(v, "x.started_on::date END END AS started_on"));
    free(v);
    /* A reference to a kind without a view: its id only. */
    v = view_of(b.s, "seat");
    assert_non_null(strstr(v, "x.holder AS holder_id"));
    assert_null(strstr(v, "carnet.person"));
    free(v);
    /* The indicators: the report's SQL as it is, on SQLite's functions
     * made in PostgreSQL, with the year's dates of each row. */
    v = view_of(b.s, "indicators");
    assert_non_null(v);
    assert_null(strstr(v, ":from"));
    assert_null(strstr(v, ":to"));
    assert_null(strstr(v, ":today"));
    assert_non_null(strstr(v, "\n  ('initiatives', 'started', 'Initiatives lancées dans l''année', 'initiatives', g"));
    assert_non_null(strstr(v, "(count(*) FILTER (WHERE t.ended_on IS NULL OR t.ended_on >= y.first_day))::numeric AS v"));
    assert_non_null(strstr(v, " FROM carnet.initiative t WHERE t.dataset = y.dataset AND t.centre = y.centre_id AND "
                              "t.deleted = 0 AND t.started_on <= y.last_day) g"));
    assert_non_null(strstr(v, "AND t.status = 'open' AND t.raised_on <= y.last_day) g"));
    /* y inlined, so that a filter on the view reaches the centres and the
     * years; one aggregate query per kind and window: initiatives in the
     * year and by its end, actions in the year, difficulties in the year,
     * open, and all of them. */
    assert_non_null(strstr(v, "WITH y AS NOT MATERIALIZED ("));
    assert_int_equal(count(v, "CROSS JOIN LATERAL (SELECT "), 6);
    assert_int_equal(count(v, " FROM carnet.initiative t WHERE "), 2);
    assert_int_equal(count(v, " FROM carnet.action t WHERE "), 1);
    assert_int_equal(count(v, " FROM carnet.difficulty t WHERE "), 3);
    assert_null(strstr(v, "UNION ALL\nSELECT"));
    assert_null(strstr(v, "'in_qpv_share'"));     /* a share: from two figures, not SQL */
    assert_null(strstr(v, "'with_territory'"));   /* internal */
    assert_null(strstr(v, "'bodies'"));           /* governance: no SQL */
    free(v);
    assert_non_null(strstr(b.s, "CREATE OR REPLACE AGGREGATE carnet.total(boolean)"));
    assert_non_null(strstr(b.s, "CREATE OR REPLACE FUNCTION carnet.julianday(d text)"));
    /* The index those queries read, on each logbook kept by a centre. */
    assert_non_null(strstr(b.s, "CREATE INDEX IF NOT EXISTS initiative_centre_started_on ON carnet.initiative "
                                "(dataset, centre, started_on);\n"));
    assert_non_null(strstr(b.s, "CREATE INDEX IF NOT EXISTS action_centre_held_on ON carnet.action "
                                "(dataset, centre, held_on);\n"));
    assert_non_null(strstr(b.s, "CREATE INDEX IF NOT EXISTS difficulty_centre_raised_on ON carnet.difficulty "
                                "(dataset, centre, raised_on);\n"));
    assert_int_equal(count(b.s, "CREATE INDEX"), 3);
    /* No catalog: the English labels. */
    strbuf_reset(&b);
    hub_views_sql(&b, NULL, true);
    assert_non_null(strstr(b.s, "DROP VIEW IF EXISTS federation.initiative;\nCREATE OR REPLACE VIEW federation.initiative "));
    assert_non_null(strstr(b.s, "WHEN 'idea' THEN 'idea'"));
    assert_non_null(strstr(b.s, "WHEN 'centre' THEN 'the centre'"));
    strbuf_free(&b);
    mo_close(fr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mo),
        cmocka_unit_test(test_view_kinds),
        cmocka_unit_test(test_views_sql),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
