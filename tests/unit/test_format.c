/* CSV and JSON: quoting, column order, the CSV reader (BOM, line ends,
 * quoted line breaks and the line numbers that follow), an exact round trip
 * of French text, and JSON checked by SQLite's own JSON functions. */
#include "testutil.h"
#include "model/format.h"
#include "util/xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void field_is(const char *v, const char *want)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "<");   /* csv_field appends */
    csv_field(v, &b);
    char *expect = xasprintf("<%s", want);
    assert_string_equal(b.s, expect);
    free(expect);
    strbuf_free(&b);
}

static void test_csv_field(void **state)
{
    (void)state;
    field_is("Jardin partagé", "Jardin partagé");
    field_is("", "");
    field_is(NULL, "");
    field_is("CAF, Ville", "\"CAF, Ville\"");
    field_is("il a dit \"oui\"", "\"il a dit \"\"oui\"\"\"");
    field_is("\"", "\"\"\"\"");
    field_is("deux\nlignes", "\"deux\nlignes\"");
    field_is("retour\r", "\"retour\r\"");
    field_is(" devant", "\" devant\"");
    field_is("derrière ", "\"derrière \"");
    field_is(" ", "\" \"");
    /* Apostrophes, guillemets and semicolons need no quotes in RFC 4180. */
    field_is("L’été « solidaire » ; l'hiver", "L’été « solidaire » ; l'hiver");
}

/* Text a spreadsheet would run as a formula gets a ' in front; the reader
 * side (csv_unguard) takes exactly that one off, so every value, including
 * one that starts with ' itself, comes back as it was. */
static void test_csv_formula_guard(void **state)
{
    (void)state;
    field_is("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    field_is("@SUM(A1)", "'@SUM(A1)");
    field_is("+1", "'+1");
    field_is("-1", "'-1");
    field_is("\tx", "'\tx");
    field_is("\rx", "\"'\rx\"");
    field_is("'=x", "''=x");
    field_is("''-x", "'''-x");
    field_is("'plain", "'plain");
    field_is("l'été", "l'été");
    field_is("'", "'");
    field_is("a=b", "a=b");
    field_is(" =x", "\" =x\"");
    /* A number is never a formula: numeric cells keep their sign. */
    struct strbuf b;
    strbuf_init(&b);
    const char *numbers[] = {"-3", "12.5", "-0.25", "0", "1e-05", "-2E+3"};
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        strbuf_reset(&b);
        csv_number(numbers[i], &b);
        assert_string_equal(b.s, numbers[i]);
    }
    /* What is not a number in a numeric cell is text, and guarded. */
    const char *not_numbers[][2] = {{"-1+2", "'-1+2"}, {"=1", "'=1"}, {"-", "'-"}, {"-.5", "'-.5"}, {"+3", "'+3"}};
    for (size_t i = 0; i < sizeof not_numbers / sizeof *not_numbers; i++) {
        strbuf_reset(&b);
        csv_number(not_numbers[i][0], &b);
        assert_string_equal(b.s, not_numbers[i][1]);
    }
    strbuf_reset(&b);
    csv_number(NULL, &b);
    assert_string_equal(b.s, "");
    strbuf_free(&b);

    /* Written then read back: the same bytes, whatever the value. */
    const char *values[] = {"=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+1", "-1", "\tx", "\rx", "'=x",
                            "''=x", "'''@", "'plain", "''plain", "'", "''", "=", "-", "it's", "", "'\t", "x'=y"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        struct strbuf line;
        strbuf_init(&line);
        csv_field(values[i], &line);
        strbuf_adds(&line, "\r\n");
        struct csv_reader cr;
        csv_reader_init(&cr, line.s, line.len);
        char **f;
        int n;
        struct error err;
        error_clear(&err);
        assert_int_equal(csv_read_row(&cr, &f, &n, &err), 1);
        assert_int_equal(n, 1);
        csv_unguard(f[0]);
        if (strcmp(f[0], values[i]) != 0)
            fail_msg("'%s' was written %s and read back as '%s'", values[i], line.s, f[0]);
        csv_row_free(f, n);
        strbuf_free(&line);
    }
    /* A cell typed in a spreadsheet without the guard stays as it is. */
    char plain[] = "'plain", eq[] = "=x", twice[] = "''=x";
    csv_unguard(plain);
    csv_unguard(eq);
    csv_unguard(twice);
    assert_string_equal(plain, "'plain");
    assert_string_equal(eq, "=x");
    assert_string_equal(twice, "'=x");
}

/* A record of kind with the given values (NULL: empty), id and audit. */
static struct record *make(const char *kind, const char *id, const char *const *values)
{
    struct record *r = record_new(kind_find(kind));
    snprintf(r->id, sizeof r->id, "%s", id);
    for (int i = 0; i < r->kind->nfields; i++)
        r->v[i] = xstrdup(values[i]);
    r->created_at = xstrdup("2024-03-01T09:00:00Z");
    r->created_by = xstrdup("amina");
    r->updated_at = xstrdup("2024-03-02T10:30:00Z");
    r->updated_by = xstrdup("jean-pierre");
    return r;
}

static const char *const initiative_values[] = {
    "Atelier « cuisine du monde »",          /* title */
    "0d4f1a7e-52c4-4b8e-9a65-6f0c1e2d3b4a", /* centre */
    NULL,                                    /* territory */
    "Les habitantes l’ont proposé ; c'est \"leur\" projet,\nsur deux lignes.",
    "ongoing", "inhabitants", "2024-02-12", NULL, "14", "5", "12.5", "CAF, Ville", "culture,youth", "1", NULL};

static void test_csv_header_and_record(void **state)
{
    (void)state;
    struct strbuf b;
    strbuf_init(&b);
    csv_header(kind_find("initiative"), &b);
    /* The contract of DESIGN.md: id, the fields in order, the audit columns. */
    assert_string_equal(b.s, "id,title,centre,territory,description,status,carried_by,started_on,ended_on,"
                             "inhabitants_involved,volunteers,volunteer_hours,partners,themes,innovative,outcome,"
                             "created_at,created_by,updated_at,updated_by\r\n");
    strbuf_reset(&b);
    csv_header(kind_find("territory"), &b);
    assert_string_equal(b.s, "id,name,city,qpv_code,created_at,created_by,updated_at,updated_by\r\n");

    strbuf_reset(&b);
    struct record *r = make("initiative", "7b0e8c7a-2f4e-4d1a-8c9b-3e5f6a7b8c9d", initiative_values);
    csv_record(r, &b);
    assert_string_equal(b.s, "7b0e8c7a-2f4e-4d1a-8c9b-3e5f6a7b8c9d,Atelier « cuisine du monde »,"
                             "0d4f1a7e-52c4-4b8e-9a65-6f0c1e2d3b4a,,"
                             "\"Les habitantes l’ont proposé ; c'est \"\"leur\"\" projet,\nsur deux lignes.\","
                             "ongoing,inhabitants,2024-02-12,,14,5,12.5,\"CAF, Ville\",\"culture,youth\",1,,"
                             "2024-03-01T09:00:00Z,amina,2024-03-02T10:30:00Z,jean-pierre\r\n");
    record_free(r);
    strbuf_free(&b);
}

/* Reads the next row and checks its line and fields (NULL-ended). */
static void row_is(struct csv_reader *cr, int line, const char *const *want)
{
    char **f;
    int n;
    struct error err;
    error_clear(&err);
    assert_int_equal(csv_read_row(cr, &f, &n, &err), 1);
    assert_int_equal(cr->line, line);
    int nwant = 0;
    while (want[nwant])
        nwant++;
    assert_int_equal(n, nwant);
    for (int i = 0; i < n; i++)
        assert_string_equal(f[i], want[i]);
    csv_row_free(f, n);
}

static void at_end(struct csv_reader *cr)
{
    char **f;
    int n;
    struct error err;
    error_clear(&err);
    assert_int_equal(csv_read_row(cr, &f, &n, &err), 0);
    assert_null(f);
    assert_int_equal(n, 0);
    assert_int_equal(err.code, 0);
}

static void test_csv_reader(void **state)
{
    (void)state;
    const char data[] = "\xEF\xBB\xBFid,title\r\n"
                        "1,\"Deux\r\nlignes\"\n"
                        "2,\"Trois\nlignes\nici\"\r\n"
                        "3,simple\n"
                        ",\n"
                        "4,\"a \"\"b\"\"\",x,\n"
                        "\n"
                        "5,\"fin\"";
    struct csv_reader cr;
    csv_reader_init(&cr, data, strlen(data));
    row_is(&cr, 1, (const char *[]){"id", "title", NULL});   /* no BOM in the first name */
    row_is(&cr, 2, (const char *[]){"1", "Deux\r\nlignes", NULL});
    row_is(&cr, 4, (const char *[]){"2", "Trois\nlignes\nici", NULL});
    row_is(&cr, 7, (const char *[]){"3", "simple", NULL});
    row_is(&cr, 8, (const char *[]){"", "", NULL});
    row_is(&cr, 9, (const char *[]){"4", "a \"b\"", "x", "", NULL});
    row_is(&cr, 10, (const char *[]){"", NULL});   /* an empty line: one empty field */
    row_is(&cr, 11, (const char *[]){"5", "fin", NULL});
    at_end(&cr);
    at_end(&cr);

    /* Nothing at all, or only a BOM: no row. */
    csv_reader_init(&cr, "", 0);
    at_end(&cr);
    csv_reader_init(&cr, "\xEF\xBB\xBF", 3);
    at_end(&cr);
    /* Lengths count, not NUL bytes: a row cut by len. */
    csv_reader_init(&cr, "a,b\nc,d", 5);
    row_is(&cr, 1, (const char *[]){"a", "b", NULL});
    row_is(&cr, 2, (const char *[]){"c", NULL});
    at_end(&cr);
}

static void test_csv_unterminated(void **state)
{
    (void)state;
    const char data[] = "title,description\n"
                        "Jardin,\"ok\nsur deux lignes\"\n"
                        "Bal,\"jamais fermé\nla suite\n";
    struct csv_reader cr;
    csv_reader_init(&cr, data, strlen(data));
    row_is(&cr, 1, (const char *[]){"title", "description", NULL});
    row_is(&cr, 2, (const char *[]){"Jardin", "ok\nsur deux lignes", NULL});
    char **f;
    int n;
    struct error err;
    error_clear(&err);
    assert_int_equal(csv_read_row(&cr, &f, &n, &err), -1);
    assert_int_equal(err.code, ERR_INVALID);
    assert_non_null(strstr(err.msg, "line 4:"));   /* where the row starts */
    assert_non_null(strstr(err.msg, "not closed"));
}

static void test_csv_round_trip(void **state)
{
    (void)state;
    const char *const tricky[] = {
        "L’atelier « Cuisine du monde », c'est \"génial\"",
        "0d4f1a7e-52c4-4b8e-9a65-6f0c1e2d3b4a",
        "",
        "  Première ligne, avec virgule ;\r\ndeuxième « ligne » d’été\n\ntroisième : \"fin\"  ",
        "completed",
        "shared",
        "2023-09-01",
        "2023-12-24",
        "0",
        "0",
        "0.5",
        "Mairie d'Évry, CAF",
        "citizenship,social_mixity",
        "0",
        "\"\"\",,,\n\"",
    };
    struct record *r = make("initiative", "7b0e8c7a-2f4e-4d1a-8c9b-3e5f6a7b8c9d", tricky);
    struct strbuf b;
    strbuf_init(&b);
    csv_header(r->kind, &b);
    csv_record(r, &b);
    csv_record(r, &b);

    struct csv_reader cr;
    csv_reader_init(&cr, b.s, b.len);
    char **f;
    int n;
    struct error err;
    error_clear(&err);
    assert_int_equal(csv_read_row(&cr, &f, &n, &err), 1);
    assert_int_equal(n, 1 + r->kind->nfields + 4);
    csv_row_free(f, n);
    int line = 2;
    for (int copy = 0; copy < 2; copy++) {
        assert_int_equal(csv_read_row(&cr, &f, &n, &err), 1);
        assert_int_equal(cr.line, line);
        line += 5;   /* the description has 3 line breaks, the outcome 1 */
        assert_int_equal(n, 1 + r->kind->nfields + 4);
        assert_string_equal(f[0], r->id);
        for (int i = 0; i < r->kind->nfields; i++)
            assert_string_equal(f[1 + i], tricky[i]);
        assert_string_equal(f[n - 4], r->created_at);
        assert_string_equal(f[n - 1], r->updated_by);
        csv_row_free(f, n);
    }
    at_end(&cr);
    strbuf_free(&b);
    record_free(r);
}

/* ---- JSON ---- */

static void json_is(const char *v, const char *want)
{
    struct strbuf b;
    strbuf_init(&b);
    json_string(v, &b);
    assert_string_equal(b.s, want);
    strbuf_free(&b);
}

/* The first column of sql (text, or "NULL") with ?1 bound to json and ?2
 * to arg. The caller frees. */
static char *sql_text(sqlite3 *db, const char *sql, const char *json, const char *arg)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
    if (arg)
        sqlite3_bind_text(st, 2, arg, -1, SQLITE_STATIC);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        out = xstrdup(sqlite3_column_type(st, 0) == SQLITE_NULL ? "NULL" : (const char *)sqlite3_column_text(st, 0));
    else
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return out;
}

static void sql_is(sqlite3 *db, const char *sql, const char *json, const char *arg, const char *want)
{
    char *got = sql_text(db, sql, json, arg);
    if (strcmp(got, want) != 0)
        fail_msg("%s [%s] gave '%s', expected '%s'", sql, arg ? arg : "", got, want);
    free(got);
}

static sqlite3 *memdb(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    return db;
}

static void test_json_string(void **state)
{
    (void)state;
    json_is(NULL, "null");
    json_is("", "\"\"");
    json_is("il a dit \"oui\"", "\"il a dit \\\"oui\\\"\"");
    json_is("C:\\chemin", "\"C:\\\\chemin\"");
    json_is("a\nb\rc\td", "\"a\\nb\\rc\\td\"");
    json_is("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
    json_is("\x1b[31m", "\"\\u001b[31m\"");
    json_is("Égalité « femmes-hommes » l’été 😀", "\"Égalité « femmes-hommes » l’été 😀\"");

    /* Every ASCII byte, and some UTF-8, back through SQLite's JSON reader. */
    char all[160];
    int n = 0;
    for (int c = 1; c < 128; c++)
        all[n++] = (char)c;
    strcpy(all + n, "é€😀");
    struct strbuf b;
    strbuf_init(&b);
    json_string(all, &b);
    sqlite3 *db = memdb();
    sql_is(db, "SELECT json_valid(?1)", b.s, NULL, "1");
    sql_is(db, "SELECT json_extract('[' || ?1 || ']', '$[0]') = ?2", b.s, all, "1");
    sqlite3_close(db);
    strbuf_free(&b);
}

static void test_json_record(void **state)
{
    (void)state;
    const char *const values[] = {
        "Atelier \"cuisine\"\tdu monde", "0d4f1a7e-52c4-4b8e-9a65-6f0c1e2d3b4a", NULL,
        "Ligne 1\nLigne 2 \\ « fin »", "ongoing", "inhabitants", "2024-02-12", NULL, "14", "0", "12.5",
        "1bc6e2c1-af1a-5e43-a131-dde9e01c6c10,5a5c1e15-cb28-527e-b29b-ef4b23f45835", "culture,youth", "1", NULL};
    struct record *r = make("initiative", "7b0e8c7a-2f4e-4d1a-8c9b-3e5f6a7b8c9d", values);
    struct strbuf b;
    strbuf_init(&b);
    json_record(r, &b);
    assert_null(strchr(b.s, '\n'));   /* one line */
    sqlite3 *db = memdb();
    sql_is(db, "SELECT json_valid(?1)", b.s, NULL, "1");
    const char *type_sql = "SELECT json_type(?1, ?2)";
    const char *value_sql = "SELECT json_extract(?1, ?2)";
    sql_is(db, type_sql, b.s, "$." JSON_KIND_KEY, "text");
    sql_is(db, value_sql, b.s, "$." JSON_KIND_KEY, "initiative");
    sql_is(db, value_sql, b.s, "$.id", r->id);
    /* Each field under its name, text exactly as stored. */
    sql_is(db, value_sql, b.s, "$.title", values[0]);
    sql_is(db, value_sql, b.s, "$.description", values[3]);
    /* A set is an array of its members (partners: their ids). */
    sql_is(db, value_sql, b.s, "$.partners[1]", "5a5c1e15-cb28-527e-b29b-ef4b23f45835");
    /* Counts and quantities are numbers, yes/no are booleans. */
    sql_is(db, type_sql, b.s, "$.inhabitants_involved", "integer");
    sql_is(db, value_sql, b.s, "$.inhabitants_involved", "14");
    sql_is(db, type_sql, b.s, "$.volunteers", "integer");
    sql_is(db, value_sql, b.s, "$.volunteers", "0");
    sql_is(db, type_sql, b.s, "$.volunteer_hours", "real");
    sql_is(db, value_sql, b.s, "$.volunteer_hours", "12.5");
    sql_is(db, type_sql, b.s, "$.innovative", "true");
    /* Sets are arrays of codes. */
    sql_is(db, type_sql, b.s, "$.themes", "array");
    sql_is(db, "SELECT json_array_length(?1, '$.themes')", b.s, NULL, "2");
    sql_is(db, value_sql, b.s, "$.themes[0]", "culture");
    sql_is(db, value_sql, b.s, "$.themes[1]", "youth");
    /* Empty fields are null (an empty set is an empty array). */
    sql_is(db, type_sql, b.s, "$.territory", "null");
    sql_is(db, type_sql, b.s, "$.ended_on", "null");
    sql_is(db, type_sql, b.s, "$.outcome", "null");
    /* The audit fields and the tombstone. */
    sql_is(db, value_sql, b.s, "$.created_by", "amina");
    sql_is(db, value_sql, b.s, "$.updated_at", "2024-03-02T10:30:00Z");
    sql_is(db, type_sql, b.s, "$.deleted", "false");
    /* Every field is a key: id, kind, the fields, 4 audit, deleted. */
    char *keys = xasprintf("%d", r->kind->nfields + 7);
    sql_is(db, "SELECT count(*) FROM json_each(?1)", b.s, NULL, keys);
    free(keys);

    /* Other values: no, an empty set, in the trash. */
    free(r->v[12]);
    r->v[12] = NULL;
    free(r->v[13]);
    r->v[13] = xstrdup("0");
    r->deleted = 1;
    strbuf_reset(&b);
    json_record(r, &b);
    sql_is(db, "SELECT json_valid(?1)", b.s, NULL, "1");
    sql_is(db, type_sql, b.s, "$.innovative", "false");
    sql_is(db, type_sql, b.s, "$.themes", "array");
    sql_is(db, "SELECT json_array_length(?1, '$.themes')", b.s, NULL, "0");
    sql_is(db, type_sql, b.s, "$.deleted", "true");

    /* A record of every kind, all fields empty but the audit: still valid. */
    for (int k = 0; kinds[k]; k++) {
        struct record *e = record_new(kinds[k]);
        strbuf_reset(&b);
        json_record(e, &b);
        sql_is(db, "SELECT json_valid(?1)", b.s, NULL, "1");
        record_free(e);
    }
    sqlite3_close(db);
    strbuf_free(&b);
    record_free(r);
}

/* JSON of records as the store gives them back (numbers as SQLite prints them). */
static void test_json_of_stored_records(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social « Le Lien »");
    char *cpair = xasprintf("centre=%s", centre);
    char *id = tu_create(s, "initiative", "title=Bal \"mixte\"", cpair, "status=idea", "carried_by=shared",
                         "started_on=02/09/2024", "volunteer_hours=7,25", "volunteers=2", "innovative=oui",
                         "themes=youth, Culture", NULL);
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, id, &err);
    assert_non_null(r);
    struct strbuf b;
    strbuf_init(&b);
    json_record(r, &b);
    sqlite3 *db = memdb();
    sql_is(db, "SELECT json_valid(?1)", b.s, NULL, "1");
    sql_is(db, "SELECT json_extract(?1, ?2)", b.s, "$.title", "Bal \"mixte\"");
    sql_is(db, "SELECT json_extract(?1, ?2)", b.s, "$.volunteer_hours", "7.25");
    sql_is(db, "SELECT json_type(?1, ?2)", b.s, "$.volunteers", "integer");
    sql_is(db, "SELECT json_type(?1, ?2)", b.s, "$.innovative", "true");
    sql_is(db, "SELECT json_extract(?1, ?2)", b.s, "$.themes", "[\"culture\",\"youth\"]");
    sql_is(db, "SELECT json_extract(?1, ?2)", b.s, "$.started_on", "2024-09-02");
    sql_is(db, "SELECT json_extract(?1, ?2)", b.s, "$.centre", centre);
    sql_is(db, "SELECT json_extract(?1, ?2)", b.s, "$.created_by", store_login(s));
    sqlite3_close(db);
    strbuf_free(&b);
    record_free(r);
    free(id);
    free(cpair);
    free(centre);
    store_close(s);
}

/* Each key once in the JSON of every kind: the record's kind under its
 * own key, which no kind may declare as a field (nor id, the audit
 * columns or deleted). A parser that keeps the last of two equal keys
 * would otherwise lose the record's kind to the field "kind". */
static void test_json_keys_once(void **state)
{
    (void)state;
    sqlite3 *db = memdb();
    for (int i = 0; kinds[i]; i++) {
        const struct kind *k = kinds[i];
        for (int f = 0; f < k->nfields; f++)
            for (int j = 0; json_reserved_keys[j]; j++)
                if (strcmp(k->fields[f].name, json_reserved_keys[j]) == 0)
                    fail_msg("%s has a field named %s, a key that JSON keeps for every record", k->name,
                             json_reserved_keys[j]);
        struct record *r = record_new(k);
        snprintf(r->id, sizeof r->id, "%s", "7b0e8c7a-2f4e-4d1a-8c9b-3e5f6a7b8c9d");
        struct strbuf b;
        strbuf_init(&b);
        json_record(r, &b);
        sql_is(db, "SELECT count(*) = count(DISTINCT key) FROM json_each(?1)", b.s, NULL, "1");
        char *keys = xasprintf("%d", k->nfields + 7);   /* kind, id, the fields, 4 audit columns, deleted */
        sql_is(db, "SELECT count(*) FROM json_each(?1)", b.s, NULL, keys);
        free(keys);
        sql_is(db, "SELECT json_extract(?1, ?2)", b.s, "$." JSON_KIND_KEY, k->name);
        strbuf_free(&b);
        record_free(r);
    }
    sqlite3_close(db);
}

/* The label column follows $LANGUAGE first, then LC_MESSAGES (C here). */
static void test_label_column(void **state)
{
    (void)state;
    setenv("LANGUAGE", "fr", 1);
    assert_string_equal(format_label_column(), "label_fr");
    setenv("LANGUAGE", "en_GB:fr", 1);
    assert_string_equal(format_label_column(), "label_en");
    setenv("LANGUAGE", "", 1);
    assert_string_equal(format_label_column(), "label_en");
    unsetenv("LANGUAGE");
    assert_string_equal(format_label_column(), "label_en");
}

static void value_is(struct store *s, const char *kind, const char *field, const char *v, const char *want)
{
    char *got = format_value_text(s, kind_field(kind_find(kind), field), v);
    assert_string_equal(got, want);
    free(got);
}

/* Every type as a person reads it (C locale: no translation, ISO dates,
 * '.' for decimals): labels rather than codes, names rather than ids. */
static void test_value_text(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *centre = tu_centre(s, "Centre social Les Tilleuls");
    char *gone = tu_create(s, "territory", "name=La Duchère", NULL);
    struct error err;
    error_clear(&err);
    assert_int_equal(record_delete(s, gone, &err), 0);
    struct record *c = record_load(s, centre, &err);
    assert_non_null(c);
    const char *territory = record_get(c, "territory");

    value_is(s, "initiative", "title", NULL, "");
    value_is(s, "initiative", "status", "", "");
    value_is(s, "initiative", "title", "Jardin partagé", "Jardin partagé");
    value_is(s, "initiative", "status", "ongoing", "ongoing");
    value_is(s, "initiative", "carried_by", "centre", "the centre");
    value_is(s, "initiative", "status", "no_such_code", "no_such_code");
    value_is(s, "initiative", "innovative", "1", "yes");
    value_is(s, "initiative", "innovative", "0", "no");
    value_is(s, "initiative", "started_on", "2026-12-03", "2026-12-03");
    value_is(s, "initiative", "volunteer_hours", "12.5", "12.5");
    value_is(s, "initiative", "volunteer_hours", "13.0", "13");
    value_is(s, "initiative", "volunteers", "7", "7");
    value_is(s, "initiative", "territory", territory, "Les Tilleuls");
    value_is(s, "initiative", "centre", centre, "Centre social Les Tilleuls");
    value_is(s, "initiative", "territory", gone, "La Duchère (in the trash)");
    value_is(s, "initiative", "territory", "0123456789abcdef", "(territory: a record not in this store)");
    value_is(s, "initiative", "themes", "health,youth", "Health, Youth");
    value_is(s, "initiative", "themes", "youth,no_such_theme", "Youth, no_such_theme");
    setenv("LANGUAGE", "fr", 1);
    value_is(s, "initiative", "themes", "health,youth", "Santé, Jeunesse");
    value_is(s, "action", "criteria", "health", "État de santé");
    /* A record this store does not hold, in French: its kind, no id. */
    assert_true(tu_french(true));
    value_is(s, "initiative", "territory", "0123456789abcdef", "(territoire\u202f: fiche absente de ce carnet)");
    char *any = format_missing_record(NULL);
    assert_string_equal(any, "(fiche absente de ce carnet)");
    free(any);
    assert_true(tu_french(false));
    unsetenv("LANGUAGE");
    /* Partners by name (the same in every language); one no longer there by its id. */
    char *caf = tu_partner(s, "CAF du Rhône", "caf");
    char *ville = tu_partner(s, "Ville de Lyon", "commune");
    char *both = xasprintf("%s,%s,%s", caf, ville, "00000000-0000-4000-8000-000000000000");
    value_is(s, "difficulty", "partners_informed", both, "CAF du Rhône, Ville de Lyon, 00000000-0000-4000-8000-000000000000");
    setenv("LANGUAGE", "fr", 1);
    value_is(s, "initiative", "partners", caf, "CAF du Rhône");
    unsetenv("LANGUAGE");
    free(both);
    free(ville);
    free(caf);
    record_free(c);
    free(gone);
    free(centre);
    store_close(s);
}

/* The label of a set's member: a seeded code's label in the column asked
 * (or its title without one), a partner's name by its id, deleted ones
 * too; NULL for a key no record has, or a record of another kind. */
static void test_member_label(void **state)
{
    (void)state;
    struct store *s = tu_store(NULL);
    char *caf = tu_partner(s, "CAF du Rhône", "caf");
    char *centre = tu_centre(s, "Centre social Les Tilleuls");
    const struct kind *theme = kind_find("theme"), *partner = kind_find("partner");
    char *v = format_member_label(s, theme, "youth", "label_fr");
    assert_string_equal(v, "Jeunesse");
    free(v);
    v = format_member_label(s, theme, "youth", "label_en");
    assert_string_equal(v, "Youth");
    free(v);
    v = format_member_label(s, partner, caf, "label_fr");
    assert_string_equal(v, "CAF du Rhône");
    free(v);
    struct error err;
    error_clear(&err);
    assert_int_equal(record_delete(s, caf, &err), 0);
    v = format_member_label(s, partner, caf, "label_en");
    assert_string_equal(v, "CAF du Rhône");
    free(v);
    assert_null(format_member_label(s, theme, "no_such_theme", "label_en"));
    assert_null(format_member_label(s, partner, "CAF du Rhône", "label_en"));   /* a name is not a key */
    assert_null(format_member_label(s, partner, centre, "label_en"));           /* a centre's id */
    free(centre);
    free(caf);
    store_close(s);
}

/* Counts grouped by thousands in the language of the messages. */
static void test_count_text(void **state)
{
    (void)state;
    char out[64];
    unsetenv("LANGUAGE");
    format_count_text(45086, out);
    assert_string_equal(out, "45,086");
    format_count_text(7, out);
    assert_string_equal(out, "7");
    setenv("LANGUAGE", "fr", 1);
    format_count_text(45086, out);
    assert_string_equal(out, "45\u202f086");
    format_count_text(1234567, out);
    assert_string_equal(out, "1\u202f234\u202f567");
    unsetenv("LANGUAGE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_field),
        cmocka_unit_test(test_csv_formula_guard),
        cmocka_unit_test(test_csv_header_and_record),
        cmocka_unit_test(test_csv_reader),
        cmocka_unit_test(test_csv_unterminated),
        cmocka_unit_test(test_csv_round_trip),
        cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_json_record),
        cmocka_unit_test(test_json_of_stored_records),
        cmocka_unit_test(test_json_keys_once),
        cmocka_unit_test(test_label_column),
        cmocka_unit_test(test_value_text),
        cmocka_unit_test(test_member_label),
        cmocka_unit_test(test_count_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
