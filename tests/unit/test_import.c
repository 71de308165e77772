/* The CSV importer: all rows or none, every bad line reported with its
 * physical line number, updates by id, references by name, and an export
 * that comes back into a fresh store unchanged. */
#include "testutil.h"
#include "model/format.h"
#include "model/import.h"
#include "model/query.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CENTRE "Centre social Les Tilleuls"

struct fixture {
    struct store *s;
    char *centre;
};

static struct fixture fx_open(void)
{
    struct fixture fx;
    fx.s = tu_store(NULL);
    fx.centre = tu_centre(fx.s, CENTRE);
    return fx;
}

static void fx_close(struct fixture *fx)
{
    store_close(fx->s);
    free(fx->centre);
}

static long count(struct store *s, const char *kind)
{
    struct query q;
    query_init(&q, kind_find(kind));
    q.deleted = Q_ALL;
    struct error err;
    error_clear(&err);
    long n = query_count(s, &q, &err);
    assert_true(n >= 0);
    return n;
}

static int import(struct store *s, const char *kind, const char *csv, struct import_result *res, struct error *err)
{
    error_clear(err);
    return import_csv(s, kind_find(kind), csv, strlen(csv), res, err);
}

/* Imports csv expecting a failure that changes nothing; returns the message
 * lines through err. */
static void import_fails(struct store *s, const char *kind, const char *csv, struct error *err)
{
    long before = count(s, kind);
    struct import_result res = {1, 1, 1};
    assert_int_equal(import(s, kind, csv, &res, err), ERR_INVALID);
    assert_int_equal(err->code, ERR_INVALID);
    assert_int_equal(res.created + res.updated + res.unchanged, 0);
    assert_int_equal(count(s, kind), before);
}

/* How many message lines of err start with "line N: " for some N. */
static int line_messages(const struct error *err)
{
    int n = 0;
    for (const char *p = err->msg; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        n += strncmp(p, "line ", 5) == 0;
    return n;
}

static void result_is(const struct import_result *res, int created, int updated, int unchanged)
{
    assert_int_equal(res->created, created);
    assert_int_equal(res->updated, updated);
    assert_int_equal(res->unchanged, unchanged);
}

/* The single initiative whose title is title (fails otherwise). */
static struct record *by_title(struct store *s, const char *title)
{
    struct query q;
    query_init(&q, kind_find("initiative"));
    struct error err;
    error_clear(&err);
    assert_int_equal(query_where_add(&q, "title", title, &err), 0);
    struct tu_records rs = {0};
    assert_int_equal(query_run(s, &q, tu_keep, &rs, &err), 1);
    struct record *r = rs.v[0];
    rs.n = 0;
    tu_records_free(&rs);
    return r;
}

static void test_valid_file(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    const char csv[] = "\xEF\xBB\xBFtitle,centre,status,carried_by,started_on,themes,description,innovative\r\n"
                       "Jardin partagé," CENTRE ",ongoing,inhabitants,2024-03-01,\"youth, culture\",,oui\r\n"
                       "Repair café,centre social les tilleuls,IDEA,centre,15/03/2024,,\"Sur deux\r\nlignes\",\r\n"
                       "\r\n"
                       "Bal populaire," CENTRE ",completed,shared,2023-07-14,citizenship,\"Guinguette « rétro », l’été\",non\r\n";
    struct import_result res;
    struct error err;
    assert_int_equal(import(fx.s, "initiative", csv, &res, &err), 0);
    result_is(&res, 3, 0, 0);
    assert_int_equal(count(fx.s, "initiative"), 3);

    /* Values normalised as the write API does; references by name resolved. */
    struct record *r = by_title(fx.s, "Jardin partagé");
    assert_string_equal(record_get(r, "centre"), fx.centre);
    assert_string_equal(record_get(r, "themes"), "culture,youth");
    assert_string_equal(record_get(r, "innovative"), "1");
    assert_null(record_get(r, "description"));
    assert_string_equal(r->created_by, store_login(fx.s));
    record_free(r);
    r = by_title(fx.s, "Repair café");
    assert_string_equal(record_get(r, "centre"), fx.centre);
    assert_string_equal(record_get(r, "status"), "idea");
    assert_string_equal(record_get(r, "started_on"), "2024-03-15");
    assert_string_equal(record_get(r, "description"), "Sur deux\nlignes");   /* CRLF in quotes: LF */
    record_free(r);
    r = by_title(fx.s, "Bal populaire");
    assert_string_equal(record_get(r, "description"), "Guinguette « rétro », l’été");
    assert_string_equal(record_get(r, "innovative"), "0");
    record_free(r);
    fx_close(&fx);
}

static void test_bad_lines_import_nothing(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *kept = tu_create(fx.s, "initiative", "title=Déjà là", "centre=" CENTRE, "status=idea", "carried_by=centre",
                           "started_on=2024-01-01", NULL);
    struct error err;
    /* Simple: lines 3 and 5 are bad. */
    const char simple[] = "title,centre,status,carried_by,started_on\n"
                          "Jardin," CENTRE ",ongoing,inhabitants,2024-01-01\n"
                          "Bal," CENTRE ",fini,inhabitants,2024-01-02\n"
                          "Ciné," CENTRE ",idea,centre,2024-01-03\n"
                          "Vélo," CENTRE ",idea,centre,2024-02-30\n"
                          "Troc," CENTRE ",idea,centre,2024-01-05\n";
    import_fails(fx.s, "initiative", simple, &err);
    assert_int_equal(line_messages(&err), 2);
    assert_non_null(strstr(err.msg, "line 3: Status: 'fini' is not one of the choices"));
    assert_non_null(strstr(err.msg, "line 5: Started on: '2024-02-30' does not exist"));

    /* A quoted line break earlier: the numbers are physical lines. */
    const char quoted[] = "title,centre,status,carried_by,started_on,description\n"
                          "Jardin," CENTRE ",ongoing,inhabitants,2024-01-01,\"Sur deux\nlignes\"\n"
                          "Bal," CENTRE ",fini,inhabitants,2024-01-02,\n"
                          "Ciné," CENTRE ",idea,centre,2024-01-03,\"une\r\ndeux\r\ntrois\"\n"
                          "Vélo," CENTRE ",idea,centre,2024-02-30,\n"
                          "," CENTRE ",idea,nobody,2024-01-05,\n"
                          "Troc,Centre inconnu,idea,centre,2024-01-06,ok\n";
    import_fails(fx.s, "initiative", quoted, &err);
    assert_non_null(strstr(err.msg, "line 4: Status: 'fini'"));
    assert_non_null(strstr(err.msg, "line 8: Started on: '2024-02-30'"));
    /* A line with two problems gives two messages, both on its line. */
    assert_non_null(strstr(err.msg, "line 9: Title: required"));
    assert_non_null(strstr(err.msg, "line 9: Carried by: 'nobody'"));
    assert_non_null(strstr(err.msg, "line 10: Centre: no centre named 'Centre inconnu'"));
    assert_int_equal(line_messages(&err), 5);
    /* Line breaks inside quotes may be CRLF, as RFC 4180 writes them. */
    assert_null(strstr(err.msg, "line 2:"));
    assert_null(strstr(err.msg, "line 5:"));

    /* The record that was there is untouched. */
    struct record *r = record_load(fx.s, kept, &err);
    assert_string_equal(record_get(r, "title"), "Déjà là");
    record_free(r);
    free(kept);
    fx_close(&fx);
}

static void test_header_problems(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    struct error err;
    struct import_result res;

    /* An unknown column: the message names it and lists the fields. */
    import_fails(fx.s, "initiative", "title,colour,centre\nJardin,vert," CENTRE "\n", &err);
    assert_non_null(strstr(err.msg, "line 1: column colour: no such field for initiatives"));
    assert_non_null(strstr(err.msg, "title, centre, territory, description, status"));

    /* The audit columns of an export (and kind, deleted) are ignored. */
    const char audit[] = "title,centre,status,carried_by,started_on,created_at,created_by,updated_at,updated_by,deleted,kind\n"
                         "Jardin," CENTRE ",idea,centre,2024-01-01,2020-01-01T00:00:00Z,quelquun,x,y,1,action\n";
    assert_int_equal(import(fx.s, "initiative", audit, &res, &err), 0);
    assert_int_equal(res.created, 1);
    struct record *r = by_title(fx.s, "Jardin");
    assert_string_equal(r->created_by, store_login(fx.s));
    assert_int_equal(r->deleted, 0);
    record_free(r);

    /* A header and nothing else: nothing to do, no error. */
    assert_int_equal(import(fx.s, "initiative", "title,centre,status\r\n", &res, &err), 0);
    assert_int_equal(res.created + res.updated + res.unchanged, 0);
    assert_int_equal(err.code, 0);
    assert_int_equal(import(fx.s, "initiative", "title,centre,status\n\n\n", &res, &err), 0);
    assert_int_equal(res.created, 0);

    /* An empty file (or only a byte order mark) is an error. */
    import_fails(fx.s, "initiative", "", &err);
    assert_non_null(strstr(err.msg, "empty"));
    import_fails(fx.s, "initiative", "\xEF\xBB\xBF", &err);
    assert_non_null(strstr(err.msg, "empty"));

    /* A row with the wrong number of columns. */
    import_fails(fx.s, "initiative",
                 "title,centre,status,carried_by,started_on\n"
                 "Bal," CENTRE ",idea,centre,2024-01-01\n"
                 "Ciné," CENTRE "\n"
                 "Troc," CENTRE ",idea,centre,2024-01-01,en trop\n",
                 &err);
    assert_non_null(strstr(err.msg, "line 3: 2 columns, the header has 5"));
    assert_non_null(strstr(err.msg, "line 4: 6 columns, the header has 5"));

    /* An unterminated quote names its line. */
    import_fails(fx.s, "initiative",
                 "title,centre,status,carried_by,started_on\n"
                 "Bal," CENTRE ",idea,centre,2024-01-01\n"
                 "\"Ciné," CENTRE ",idea,centre,2024-01-01\n",
                 &err);
    assert_non_null(strstr(err.msg, "line 3:"));
    assert_non_null(strstr(err.msg, "not closed"));
    assert_int_equal(count(fx.s, "initiative"), 1);
    fx_close(&fx);
}

static void test_not_utf8(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    struct error err;
    /* Latin-1 "é" (0xE9) on line 4, after a quoted line break. */
    const char latin1[] = "title,centre,status,carried_by,started_on,description\n"
                          "Jardin," CENTRE ",idea,centre,2024-01-01,\"deux\nlignes\"\n"
                          "Caf\xE9 des parents," CENTRE ",idea,centre,2024-01-01,\n"
                          "Bal d'\xE9t\xE9," CENTRE ",idea,centre,2024-01-01,\n";
    import_fails(fx.s, "initiative", latin1, &err);
    assert_non_null(strstr(err.msg, "line 4: the file is not UTF-8"));
    assert_int_equal(err.count, 1);
    /* In the header too. */
    import_fails(fx.s, "initiative", "titl\xE9\n", &err);
    assert_non_null(strstr(err.msg, "line 1: the file is not UTF-8"));
    fx_close(&fx);
}

/* A file of n rows with a bad status each (a long message), or, when
 * short_rows, each with too few columns (a short one). The caller frees. */
static char *many_bad(int n, bool short_rows)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "title,centre,status,carried_by,started_on\n");
    for (int i = 0; i < n; i++) {
        if (short_rows)
            strbuf_addf(&b, "Atelier %d,idea\n", i);
        else
            strbuf_addf(&b, "Atelier %d," CENTRE ",statut inconnu numéro %d,centre,2024-01-01\n", i, i);
    }
    return strbuf_detach(&b);
}

static void more_problems(struct fixture *fx, bool short_rows)
{
    char *csv = many_bad(60, short_rows);
    struct error err;
    import_fails(fx->s, "initiative", csv, &err);
    free(csv);
    int shown = line_messages(&err);
    assert_true(shown <= 50);
    assert_non_null(strstr(err.msg, "line 2: "));
    /* The count of the rest is always the last line, whatever the length of
     * the messages before it. */
    char want[64];
    snprintf(want, sizeof want, "\n... and %d more problems", 60 - shown);
    size_t len = strlen(err.msg), wlen = strlen(want);
    if (len < wlen || strcmp(err.msg + len - wlen, want) != 0)
        fail_msg("the message ends with '%s', expected '%s'", len > 60 ? err.msg + len - 60 : err.msg, want + 1);
}

static void test_more_than_fifty(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    more_problems(&fx, true);
    more_problems(&fx, false);

    /* Exactly 50 short messages: all shown, no summary. */
    char *csv = many_bad(50, true);
    struct error err;
    import_fails(fx.s, "initiative", csv, &err);
    free(csv);
    assert_int_equal(line_messages(&err), 50);
    assert_non_null(strstr(err.msg, "line 51: 2 columns"));
    assert_null(strstr(err.msg, "more problems"));
    fx_close(&fx);
}

/* The CSV of every live record of kind, as `carnet export` writes it. */
static char *export_csv(struct store *s, const char *kind)
{
    struct query q;
    query_init(&q, kind_find(kind));
    struct tu_records rs = {0};
    struct error err;
    error_clear(&err);
    assert_true(query_run(s, &q, tu_keep, &rs, &err) >= 0);
    struct strbuf b;
    strbuf_init(&b);
    csv_header(q.kind, &b);
    for (int i = 0; i < rs.n; i++)
        csv_record(rs.v[i], &b);
    tu_records_free(&rs);
    return strbuf_detach(&b);
}

/* An idea of the centre titled title, dated 2024-01-01, with three more
 * "field=value" pairs; its id (the caller frees). */
static char *titled(struct store *s, const char *title, const char *a, const char *b, const char *c)
{
    char *t = xasprintf("title=%s", title);
    char *id = tu_create(s, "initiative", t, "centre=" CENTRE, "status=idea", "carried_by=centre",
                         "started_on=2024-01-01", a, b, c, NULL);
    free(t);
    return id;
}

static void test_update_by_id(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *ids[3];
    const char *titles[] = {"Jardin", "Bal", "Troc"};
    for (int i = 0; i < 3; i++)
        ids[i] = titled(fx.s, titles[i], "themes=youth,culture", "volunteer_hours=2,5",
                        "description=Première ligne\nseconde, avec « guillemets »");
    char *csv = export_csv(fx.s, "initiative");
    struct import_result res;
    struct error err;
    /* The same file again: nothing changes. */
    assert_int_equal(import(fx.s, "initiative", csv, &res, &err), 0);
    result_is(&res, 0, 0, 3);
    assert_int_equal(count(fx.s, "initiative"), 3);

    /* One row edited in a spreadsheet, one row added without an id. */
    struct strbuf b;
    strbuf_init(&b);
    const char *at = strstr(csv, ",Bal,");
    assert_non_null(at);
    strbuf_add(&b, csv, (size_t)(at - csv));
    strbuf_adds(&b, ",Bal populaire,");
    strbuf_adds(&b, at + strlen(",Bal,"));
    strbuf_adds(&b, ",Ciné-débat," CENTRE ",,,ongoing,shared,2024-02-02,,,,,,,,,,,,\r\n");
    assert_int_equal(import(fx.s, "initiative", b.s, &res, &err), 0);
    result_is(&res, 1, 1, 2);
    assert_int_equal(count(fx.s, "initiative"), 4);
    struct record *r = record_load(fx.s, ids[1], &err);
    assert_string_equal(record_get(r, "title"), "Bal populaire");
    assert_string_equal(r->updated_by, store_login(fx.s));
    record_free(r);

    /* An id of another kind, or not an id: reported, nothing written. */
    strbuf_reset(&b);
    strbuf_addf(&b, "id,title,centre,status,carried_by,started_on\n"
                    "%s,Jardin,%s,idea,centre,2024-01-01\n"
                    "pas-un-id,Fête,%s,idea,centre,2024-01-01\n"
                    "%s,Jardin bis,%s,completed,centre,2024-01-01\n"
                    ",Nouvelle,%s,idea,centre,2024-01-01\n",
                fx.centre, fx.centre, fx.centre, ids[0], fx.centre, fx.centre);
    import_fails(fx.s, "initiative", b.s, &err);
    assert_non_null(strstr(err.msg, "line 2: id:"));
    assert_non_null(strstr(err.msg, "another kind"));
    assert_non_null(strstr(err.msg, "line 3: id: 'pas-un-id'"));
    r = record_load(fx.s, ids[0], &err);
    assert_string_equal(record_get(r, "title"), "Jardin");   /* lines 4 and 5 were good, but rolled back */
    record_free(r);
    strbuf_free(&b);
    free(csv);
    for (int i = 0; i < 3; i++)
        free(ids[i]);
    fx_close(&fx);
}

static void test_export_round_trip(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *other = tu_create(fx.s, "territory", "name=La Duchère", "city=Lyon", NULL);
    char *terr_pair = xasprintf("territory=%s", other);
    char *centre2 = tu_create(fx.s, "centre", "name=Espace de vie sociale « L’Îlot »", "kind=evs", terr_pair,
                              "city=Saint-Étienne", NULL);
    char *c2_pair = xasprintf("centre=%s", centre2);
    char *ids[5];
    char *partner[2] = {tu_partner(fx.s, "Mairie d'Évry", "commune"), tu_partner(fx.s, "CAF", "caf")};
    ids[0] = tu_create(fx.s, "initiative", "title=L’atelier « Cuisine du monde », c'est \"génial\"", "centre=" CENTRE,
                       "status=completed", "carried_by=shared", "started_on=2023-09-01", "ended_on=2023-12-24",
                       "description=  Première ligne, avec virgule ;\ndeuxième « ligne »\n\ntroisième : \"fin\"  ",
                       "inhabitants_involved=12", "volunteers=4", "volunteer_hours=10,5", "partners=Mairie d'Évry, CAF",
                       "themes=citizenship,social_mixity", "innovative=oui", "outcome=Réussi ; à refaire", NULL);
    ids[1] = tu_create(fx.s, "initiative", "title=Jardin", c2_pair, terr_pair, "status=idea",
                       "carried_by=inhabitants", "started_on=2024-04-01", NULL);
    ids[2] = tu_create(fx.s, "initiative", "title=Bal", c2_pair, "status=ongoing", "carried_by=centre",
                       "started_on=2024-04-02", "volunteer_hours=3", "innovative=non", "themes=youth", NULL);
    ids[3] = tu_create(fx.s, "initiative", "title= Espaces autour ", "centre=" CENTRE, "status=abandoned",
                       "carried_by=partners", "started_on=2024-04-03", "description=\"\"\",,,\n\"", NULL);
    ids[4] = tu_create(fx.s, "initiative", "title=Supprimée", "centre=" CENTRE, "status=idea", "carried_by=centre",
                       "started_on=2024-04-04", NULL);
    struct error err;
    error_clear(&err);
    assert_int_equal(record_delete(fx.s, ids[4], &err), 0);

    struct store *fresh = tu_store(NULL);
    const char *order[] = {"territory", "centre", "partner", "initiative"};
    const int want_created[] = {2, 2, 2, 4};
    for (int i = 0; i < 4; i++) {
        char *csv = export_csv(fx.s, order[i]);
        struct import_result res;
        if (import(fresh, order[i], csv, &res, &err) != 0)
            fail_msg("importing the %s export: %s", order[i], err.msg);
        assert_int_equal(res.created, want_created[i]);
        free(csv);
    }
    /* Same ids, same values, for everything exported. */
    for (int i = 0; i < 4; i++) {
        struct query q;
        query_init(&q, kind_find(order[i]));
        struct tu_records rs = {0};
        assert_int_equal(query_run(fx.s, &q, tu_keep, &rs, &err), want_created[i]);
        assert_int_equal(query_count(fresh, &q, &err), want_created[i]);
        for (int j = 0; j < rs.n; j++) {
            struct record *a = rs.v[j], *b = record_load(fresh, a->id, &err);
            if (!b)
                fail_msg("%s %s is missing after the round trip", order[i], a->id);
            assert_ptr_equal(b->kind, a->kind);
            for (int f = 0; f < a->kind->nfields; f++) {
                const char *va = a->v[f] ? a->v[f] : "", *vb = b->v[f] ? b->v[f] : "";
                if (strcmp(va, vb) != 0)
                    fail_msg("%s %s, %s: '%s' became '%s'", order[i], a->id, a->kind->fields[f].name, va, vb);
                assert_true((a->v[f] == NULL) == (b->v[f] == NULL));
            }
            record_free(b);
        }
        tu_records_free(&rs);
    }
    assert_null(record_load(fresh, ids[4], NULL));
    store_close(fresh);
    for (int i = 0; i < 5; i++)
        free(ids[i]);
    free(partner[0]);
    free(partner[1]);
    free(other);
    free(terr_pair);
    free(centre2);
    free(c2_pair);
    fx_close(&fx);
}

/* Titles and texts a spreadsheet would run as formulas: the export
 * neutralises them, the import gives back the very same bytes, and numbers
 * stay numbers. */
static void test_formula_round_trip(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    const char *titles[] = {"=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1", "-1", "'=x", "'plain", "''+x"};
    const size_t n = sizeof titles / sizeof *titles;
    char *ids[8];
    for (size_t i = 0; i < n; i++)
        ids[i] = titled(fx.s, titles[i], "description=\tx, then =1+1", "outcome=-2 and @here", "volunteer_hours=2.5");
    char *csv = export_csv(fx.s, "initiative");
    /* No cell of the file begins with a formula character. */
    struct csv_reader cr;
    csv_reader_init(&cr, csv, strlen(csv));
    char **cells;
    int ncells;
    struct error err;
    error_clear(&err);
    while (csv_read_row(&cr, &cells, &ncells, &err) == 1) {
        for (int c = 0; c < ncells; c++)
            if (cells[c][0] && strchr("=+-@\t\r", cells[c][0]))
                fail_msg("line %d: the cell '%s' would run as a formula", cr.line, cells[c]);
        csv_row_free(cells, ncells);
    }
    assert_non_null(strstr(csv, ",\"'=HYPERLINK("));
    assert_non_null(strstr(csv, ",''=x,"));
    assert_non_null(strstr(csv, ",'plain,"));
    assert_non_null(strstr(csv, ",2.5,"));

    struct store *fresh = tu_store(NULL);
    struct import_result res;
    char *centres = export_csv(fx.s, "centre"), *territories = export_csv(fx.s, "territory");
    assert_int_equal(import(fresh, "territory", territories, &res, &err), 0);
    assert_int_equal(import(fresh, "centre", centres, &res, &err), 0);
    if (import(fresh, "initiative", csv, &res, &err) != 0)
        fail_msg("importing the export: %s", err.msg);
    result_is(&res, (int)n, 0, 0);
    for (size_t i = 0; i < n; i++) {
        struct record *a = record_load(fx.s, ids[i], &err), *b = record_load(fresh, ids[i], &err);
        assert_non_null(a);
        assert_non_null(b);
        assert_string_equal(record_get(b, "title"), titles[i]);
        for (int f = 0; f < a->kind->nfields; f++)
            assert_string_equal(a->v[f] ? a->v[f] : "(null)", b->v[f] ? b->v[f] : "(null)");
        record_free(a);
        record_free(b);
    }
    /* Imported again into the store it came from: nothing changed. */
    assert_int_equal(import(fx.s, "initiative", csv, &res, &err), 0);
    result_is(&res, 0, 0, (int)n);
    store_close(fresh);
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(csv);
    free(centres);
    free(territories);
    fx_close(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_file),
        cmocka_unit_test(test_bad_lines_import_nothing),
        cmocka_unit_test(test_header_problems),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_more_than_fifty),
        cmocka_unit_test(test_update_by_id),
        cmocka_unit_test(test_export_round_trip),
        cmocka_unit_test(test_formula_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
