/* model/record.h: building records from user text, every rule of
 * record_check (each refusal names its field), and the write API: ids,
 * per-field clocks, no-op updates, delete/restore/erase and their history. */
#include "testutil.h"
#include "model/record_internal.h"
#include "model/store_internal.h"
#include "util/xalloc.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <locale.h>
#include <string.h>

static struct store *S;
static char *S_path;
static char *centre;       /* "Centre des Tilleuls" */
static char *territory;    /* "Quartier des Pentes" */
static struct error err;

static int setup(void **state)
{
    (void)state;
    S = tu_store(&S_path);
    territory = tu_create(S, "territory", "name=Quartier des Pentes", "city=Lyon", NULL);
    char *t = xasprintf("territory=%s", territory);
    centre = tu_create(S, "centre", "name=Centre des Tilleuls", "kind=centre_social", t, NULL);
    free(t);
    error_clear(&err);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(S);
    free(S_path);
    free(centre);
    free(territory);
    return 0;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' not found in: %s", needle, haystack);
}

/* A record of kind from "field=value" pairs (NULL-ended), not checked. */
static struct record *build(const char *kind, ...)
{
    struct record *r = record_new(kind_find(kind));
    va_list ap;
    va_start(ap, kind);
    for (const char *p = va_arg(ap, const char *); p; p = va_arg(ap, const char *))
        if (record_set_pair(r, p, &err) != 0)
            fail_msg("%s", err.msg);
    va_end(ap);
    return r;
}

static struct record *valid_initiative(void)
{
    struct record *r = build("initiative", "title=Jardin partagé", "status=ongoing", "carried_by=inhabitants",
                             "started_on=2025-03-01", NULL);
    record_set(r, "centre", centre, NULL);
    return r;
}

static void accepted(struct record *r)
{
    error_clear(&err);
    if (record_check(S, r, &err) != 0)
        fail_msg("refused: %s", err.msg);
    assert_int_equal(err.count, 0);
}

/* field=value on a copy of r is refused, with one message that is about the
 * field (err.field), starts with its label and contains fragment. */
static void refused_with(const struct record *base, const char *field, const char *value, const char *fragment)
{
    struct record *r = record_dup(base);
    record_set(r, field, value, NULL);
    error_clear(&err);
    assert_int_equal(record_check(S, r, &err), ERR_INVALID);
    assert_int_equal(err.code, ERR_INVALID);
    if (err.count != 1)
        fail_msg("%s=%s: %d messages: %s", field, value, err.count, err.msg);
    char *prefix = xasprintf("%s: ", kind_field(base->kind, field)->label);
    if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
        fail_msg("%s=%s: the message does not start with the field's label: %s", field, value, err.msg);
    size_t body;
    const char *about = error_line_field(&err, 0, &body);
    if (!about || strcmp(about, field) != 0 || body != strlen(prefix))
        fail_msg("%s=%s: the message is not marked as about the field: %s", field, value, err.msg);
    free(prefix);
    if (fragment)
        assert_contains(err.msg, fragment);
    record_free(r);
}

/* field=value on a copy of r is accepted and normalised to want (NULL: empty). */
static void normalised(const struct record *base, const char *field, const char *value, const char *want)
{
    struct record *r = record_dup(base);
    record_set(r, field, value, NULL);
    accepted(r);
    if (want)
        assert_string_equal(record_get(r, field), want);
    else
        assert_null(record_get(r, field));
    record_free(r);
}

static char *repeat(const char *unit, int n)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < n; i++)
        strbuf_adds(&b, unit);
    return strbuf_detach(&b);
}

static struct sqlite3 *raw(void) { return tu_raw_open(S_path, 0); }

static long long raw_int(const char *fmt, const char *id)
{
    struct sqlite3 *db = raw();
    char *sql = xasprintf(fmt, id);
    long long v = tu_raw_int(db, sql);
    free(sql);
    sqlite3_close(db);
    return v;
}

static void raw_clock(const char *table, const char *column, const char *id, unsigned char out[CLOCK_SIZE])
{
    struct sqlite3 *db = raw();
    char *sql = xasprintf("SELECT %s FROM %s WHERE id = '%s'", column, table, id);
    assert_int_equal(tu_raw_blob(db, sql, out, CLOCK_SIZE), CLOCK_SIZE);
    free(sql);
    sqlite3_close(db);
}

static char *create(struct record *r)
{
    error_clear(&err);
    if (record_create(S, r, &err) != 0)
        fail_msg("%s", err.msg);
    char *id = xstrdup(r->id);
    record_free(r);
    return id;
}

static char *body(const char *name)
{
    char *n = xasprintf("name=%s", name), *c = xasprintf("centre=%s", centre);
    char *id = tu_create(S, "body", c, n, "kind=board", "meets_every=month", NULL);
    free(n);
    free(c);
    return id;
}

/* ---- set / get ---- */

static void test_set_get(void **state)
{
    (void)state;
    struct record *r = record_new(kind_find("initiative"));
    assert_null(record_get(r, "title"));
    assert_int_equal(record_set(r, "title", "Jardin partagé", &err), 0);
    assert_string_equal(record_get(r, "title"), "Jardin partagé");
    assert_int_equal(record_set(r, "title", "", &err), 0);              /* empty is NULL */
    assert_null(record_get(r, "title"));
    assert_int_equal(record_set(r, "title", NULL, &err), 0);
    assert_int_equal(record_set_pair(r, "description=a=b, c=d", &err), 0);
    assert_string_equal(record_get(r, "description"), "a=b, c=d");      /* split on the first '=' */
    assert_int_equal(record_set_pair(r, "partners=", &err), 0);
    assert_null(record_get(r, "partners"));
    assert_int_equal(err.code, 0);

    assert_int_equal(record_set(r, "colour", "blue", &err), ERR_INVALID);
    assert_contains(err.msg, "colour: no such field for initiatives");
    const struct kind *k = kind_find("initiative");
    for (int i = 0; i < k->nfields; i++)
        assert_contains(err.msg, k->fields[i].name);
    error_clear(&err);
    assert_int_equal(record_set_pair(r, "colour=blue", &err), ERR_INVALID);
    assert_contains(err.msg, "colour: no such field");
    error_clear(&err);
    assert_int_equal(record_set_pair(r, "no equals sign", &err), ERR_INVALID);
    assert_contains(err.msg, "field=value");
    error_clear(&err);
    assert_int_equal(record_set_pair(r, "=value", &err), ERR_INVALID);
    assert_contains(err.msg, "field=value");
    assert_null(record_get(r, "colour"));
    assert_null(record_get(r, NULL));
    record_free(r);
}

/* ---- record_check, one rule at a time ---- */

static void test_value_same(void **state)
{
    (void)state;
    assert_true(record_value_same(NULL, ""));       /* empty either way */
    assert_true(record_value_same("", NULL));
    assert_true(record_value_same(NULL, NULL));
    assert_true(record_value_same("12.5", "12.5"));
    assert_false(record_value_same("12.5", "12,5"));
    assert_false(record_value_same(NULL, "idea"));
    assert_false(record_value_same("idea", ""));
}

static void test_required(void **state)
{
    (void)state;
    struct record *r = record_new(kind_find("initiative"));
    error_clear(&err);
    assert_int_equal(record_check(S, r, &err), ERR_INVALID);
    assert_int_equal(err.count, 5);
    const char *want[] = {"Title: required", "Centre: required", "Status: required", "Carried by: required",
                          "Started on: required"};
    for (int i = 0; i < 5; i++)
        assert_contains(err.msg, want[i]);
    record_free(r);

    /* Blank one-line text counts as empty. */
    struct record *base = valid_initiative();
    refused_with(base, "title", "    ", "Title: required");
    refused_with(base, "status", "", "required");
    /* Optional fields may stay empty. */
    normalised(base, "ended_on", "", NULL);
    normalised(base, "territory", "", NULL);
    record_free(base);

    /* Without an error to fill, the answer is the same. */
    r = record_new(kind_find("meeting"));
    assert_int_equal(record_check(S, r, NULL), ERR_INVALID);
    record_free(r);
}

static void test_dates(void **state)
{
    (void)state;
    struct record *base = valid_initiative();
    refused_with(base, "started_on", "2026-02-30", "'2026-02-30' does not exist");
    refused_with(base, "started_on", "2025-13-01", "does not exist");
    refused_with(base, "started_on", "2025-3-1", "is not a date");
    refused_with(base, "started_on", "yesterday", "is not a date");
    refused_with(base, "started_on", "29/02/2025", "does not exist");
    refused_with(base, "started_on", "31/11/2026", "Started on: '31/11/2026' does not exist");
    refused_with(base, "started_on", "0001-01-01", "the year must be between 1900 and 2199");
    refused_with(base, "started_on", "9999-12-31", "the year must be between 1900 and 2199");
    refused_with(base, "started_on", "01/01/2200", "the year must be between 1900 and 2199");
    normalised(base, "started_on", "29/02/2024", "2024-02-29");
    normalised(base, "started_on", "1/3/2025", "2025-03-01");
    normalised(base, "started_on", "2024-02-29", "2024-02-29");

    /* Order between dates of one record. */
    refused_with(base, "ended_on", "2025-02-28", "Ended on: 2025-02-28 cannot be before Started on (2025-03-01)");
    normalised(base, "ended_on", "2025-03-01", "2025-03-01");
    normalised(base, "ended_on", "31/12/2025", "2025-12-31");
    record_free(base);

    struct record *a = build("action", "title=Atelier", "held_on=2025-05-03", "kind=awareness", NULL);
    record_set(a, "centre", centre, NULL);
    refused_with(a, "follow_up_due", "2025-05-02", "cannot be before Held on");
    record_free(a);
}

static void test_numbers(void **state)
{
    (void)state;
    struct record *base = valid_initiative();
    refused_with(base, "volunteers", "-3", "'-3' must be 0 or more");
    refused_with(base, "volunteers", "twelve", "is not a whole number");
    refused_with(base, "volunteers", "12.5", "is not a whole number");
    refused_with(base, "volunteers", "1 200", "without spaces or thousands separators");
    refused_with(base, "volunteers", "12abc", "is not a whole number");
    refused_with(base, "volunteers", "99999999999999999999999", "is too large");
    refused_with(base, "volunteers", "1000001", "is too large (at most 1000000)");
    refused_with(base, "inhabitants_involved", "2000000", "Inhabitants involved: '2000000' is too large");
    normalised(base, "volunteers", "1000000", "1000000");
    normalised(base, "volunteers", " 12 ", "12");
    normalised(base, "volunteers", "0", "0");
    normalised(base, "volunteers", "007", "7");

    refused_with(base, "volunteer_hours", "-0.5", "must be 0 or more");
    refused_with(base, "volunteer_hours", "lots", "is not a number");
    refused_with(base, "volunteer_hours", "1 234,5", "without spaces or thousands separators");
    refused_with(base, "volunteer_hours", "1.234,5", "without spaces or thousands separators");
    refused_with(base, "volunteer_hours", "1,234.5", "without spaces or thousands separators");
    refused_with(base, "volunteer_hours", "inf", "is not a number");
    refused_with(base, "volunteer_hours", "nan", "is not a number");
    refused_with(base, "volunteer_hours", "10000001", "is too large (at most 10000000)");
    normalised(base, "volunteer_hours", "12,5", "12.5");             /* French decimal comma */
    normalised(base, "volunteer_hours", "3", "3.0");
    normalised(base, "volunteer_hours", "0.25", "0.25");

    refused_with(base, "innovative", "maybe", "expected yes or no");
    normalised(base, "innovative", "oui", "1");
    normalised(base, "innovative", "Yes", "1");
    normalised(base, "innovative", "NON", "0");
    normalised(base, "innovative", "0", "0");
    record_free(base);
}

/* Under a French locale (where strtod wants "12,5" and stops at the '.' of
 * "12.5") both forms are taken, and what is stored and read back is the same
 * as in English: demo and edits write through record_bind_value. */
static void test_numbers_french(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "fr_FR.UTF-8"))
        fail_msg("the fr_FR.UTF-8 locale is missing: run scripts/deps.sh");
    struct record *base = valid_initiative();
    normalised(base, "volunteer_hours", "12,5", "12.5");
    normalised(base, "volunteer_hours", "12.5", "12.5");
    normalised(base, "volunteer_hours", "242.5", "242.5");
    normalised(base, "volunteer_hours", "13", "13.0");
    refused_with(base, "volunteer_hours", "1 234,5", "without spaces or thousands separators");
    normalised(base, "started_on", "02/12/2026", "2026-12-02");
    record_set(base, "volunteer_hours", "13.5", NULL);
    error_clear(&err);
    assert_int_equal(record_create(S, base, &err), 0);
    struct record *back = record_load(S, base->id, &err);
    assert_non_null(back);
    assert_string_equal(record_get(back, "volunteer_hours"), "13.5");
    /* Checked again as an edit of another field would: still valid. */
    record_set(back, "title", "Jardin partagé (suite)", NULL);
    error_clear(&err);
    if (record_update(S, back, &err) != 0)
        fail_msg("an edit of the title was refused: %s", err.msg);
    record_free(back);
    back = record_load(S, base->id, &err);
    assert_string_equal(record_get(back, "volunteer_hours"), "13.5");
    record_free(back);
    record_free(base);
}

/* The locale goes back even when the test above fails half-way. */
static int teardown_french(void **state)
{
    setlocale(LC_ALL, "C.UTF-8");
    return teardown(state);
}

static void test_sub_counts(void **state)
{
    (void)state;
    char *b = body("Conseil d'administration");
    struct record *m = build("meeting", "held_on=2025-06-12", "attendees=10", "inhabitants_present=6",
                             "first_timers=2", "women=5", NULL);
    record_set(m, "body", b, NULL);
    accepted(m);
    refused_with(m, "inhabitants_present", "11", "Inhabitants present: 11 cannot be more than Attendees (10)");
    refused_with(m, "first_timers", "7", "First-timers: 7 cannot be more than Inhabitants present (6)");
    refused_with(m, "women", "11", "Women: 11 cannot be more than Attendees (10)");
    refused_with(m, "under_26", "12", "Under 26: 12 cannot be more than Attendees");
    refused_with(m, "from_qpv", "11", "From a QPV: 11 cannot be more than Attendees");
    normalised(m, "inhabitants_present", "10", "10");
    normalised(m, "women", "10", "10");
    /* Without the total, nothing to compare with. */
    struct record *n = record_dup(m);
    record_set(n, "attendees", NULL, NULL);
    record_set(n, "women", "50", NULL);
    accepted(n);
    record_free(n);
    record_free(m);
    free(b);
}

static void test_choices(void **state)
{
    (void)state;
    struct record *base = valid_initiative();
    normalised(base, "status", "ONGOING", "ongoing");
    normalised(base, "status", "Completed", "completed");
    normalised(base, "carried_by", "Shared", "shared");
    refused_with(base, "status", "finished",
                 "Status: 'finished' is not one of the choices; expected one of: idea, emerging, ongoing, completed, abandoned");
    refused_with(base, "carried_by", "nobody", "expected one of: inhabitants, centre, partners, shared");
    record_free(base);
}

static void test_sets(void **state)
{
    (void)state;
    struct record *base = valid_initiative();
    normalised(base, "themes", "youth, Solidarity,youth,, ", "solidarity,youth");
    normalised(base, "themes", " , ", NULL);
    refused_with(base, "themes", "youth,gardening", "Themes: 'gardening' is not one of the themes");

    /* A theme in the trash is no longer offered. */
    struct record *t = build("theme", "code=digital", NULL);
    char id[37];
    record_natural_id(t, id);
    record_free(t);
    assert_int_equal(record_delete(S, id, &err), 0);
    refused_with(base, "themes", "digital", "'digital' is not one of the themes");
    /* One an admin adds is. */
    free(tu_create(S, "theme", "code=urban_farming", "label_fr=Agriculture urbaine", "label_en=Urban farming", NULL));
    normalised(base, "themes", "urban_farming,youth", "urban_farming,youth");
    record_free(base);

    /* Dated criteria: valid on the action's date only. */
    struct record *a = build("action", "title=Formation", "kind=training", NULL);
    record_set(a, "centre", centre, NULL);
    record_set(a, "held_on", "2021-05-03", NULL);
    refused_with(a, "criteria", "whistleblower", "Criteria: 'whistleblower' applies from 2022-09-01");
    refused_with(a, "criteria", "age,whistleblower", "whistleblower");
    normalised(a, "criteria", "Age, Sex", "age,sex");
    refused_with(a, "criteria", "astrology", "'astrology' is not one of the criteria");
    record_set(a, "held_on", "03/05/2021", NULL);         /* normalised before the comparison */
    refused_with(a, "criteria", "whistleblower", "applies from 2022-09-01");
    record_set(a, "held_on", "2023-01-15", NULL);
    normalised(a, "criteria", "whistleblower", "whistleblower");
    record_set(a, "held_on", "2022-09-01", NULL);
    normalised(a, "criteria", "whistleblower", "whistleblower");

    /* A criterion that stopped applying. */
    free(tu_create(S, "criterion", "code=repealed", "label_fr=Abrogé", "label_en=Repealed",
                   "valid_from=2000-01-01", "valid_to=2010-12-31", NULL));
    record_set(a, "held_on", "2015-06-01", NULL);
    refused_with(a, "criteria", "repealed", "Criteria: 'repealed' no longer applies after 2010-12-31");
    record_set(a, "held_on", "2005-06-01", NULL);
    normalised(a, "criteria", "repealed", "repealed");
    record_free(a);

    /* A set of partners: names (any case) or ids, each a live partner,
     * stored as their sorted ids without duplicates. */
    struct record *d = build("difficulty", "summary=Subvention en retard", "raised_on=2025-02-01", "kind=finance",
                             "severity=medium", "status=open", NULL);
    record_set(d, "centre", centre, NULL);
    char *mairie = tu_partner(S, "Mairie", "commune"), *caf = tu_partner(S, "CAF 93", "caf");
    char *both = strcmp(caf, mairie) < 0 ? xasprintf("%s,%s", caf, mairie) : xasprintf("%s,%s", mairie, caf);
    char *typed = xasprintf("mairie, CAF 93 ,%s", mairie);
    normalised(d, "partners_informed", typed, both);
    normalised(d, "partners_informed", mairie, mairie);
    refused_with(d, "partners_informed", "Mairie, Préfecture", "Partners informed: no partner named 'Préfecture'");
    error_clear(&err);
    assert_int_equal(record_delete(S, caf, &err), 0);
    refused_with(d, "partners_informed", caf, "in the trash");
    refused_with(d, "partners_informed", "CAF 93", "no partner named 'CAF 93'");
    free(typed);
    free(both);
    free(mairie);
    free(caf);
    record_free(d);
}

static void test_text_limits(void **state)
{
    (void)state;
    struct record *base = valid_initiative();
    char *a200 = repeat("a", 200), *a201 = repeat("a", 201);
    char *e200 = repeat("é", 200), *e201 = repeat("é", 201);
    normalised(base, "title", a200, a200);
    refused_with(base, "title", a201, "Title: too long (201 characters, at most 200)");
    normalised(base, "title", e200, e200);                  /* 400 bytes, 200 characters */
    refused_with(base, "title", e201, "201 characters");
    normalised(base, "title", "  Jardin partagé  ", "Jardin partagé");   /* one-line text is trimmed */
    char *d10001 = repeat("d", 10001);
    refused_with(base, "description", d10001, "Description: too long (10001 characters, at most 10000)");
    free(d10001);
    free(a200);
    free(a201);
    free(e200);
    free(e201);
    record_free(base);
}

static void test_utf8_and_controls(void **state)
{
    (void)state;
    struct record *base = valid_initiative();
    refused_with(base, "title", "caf\xE9", "Title: the text is not valid UTF-8");
    refused_with(base, "title", "over\xC0\xAFlong", "not valid UTF-8");
    refused_with(base, "description", "\xED\xA0\x80", "Description: the text is not valid UTF-8");
    refused_with(base, "title", "Jar\x1b[2Jdin", "Title: contains an Escape character (at character 4)");
    refused_with(base, "title", "été\x1b]0;x\x07", "(at character 4)");    /* counted in characters */
    refused_with(base, "title", "two\nlines", "Title: contains a line break");
    refused_with(base, "title", "a\tb", "contains a tab");
    refused_with(base, "partners", "x\x7f", "Partners: contains a control character");
    refused_with(base, "title", "C1 \xC2\x9B" "31m", "control character");
    refused_with(base, "description", "first\n\x1b[31mred", "Description: contains an Escape character");
    normalised(base, "description", "first line\nsecond line\n\tindented", "first line\nsecond line\n\tindented");
    record_free(base);
}

static void test_logins_and_codes(void **state)
{
    (void)state;
    struct record *m = build("member", "login=jean.dupont", "role=facilitator", NULL);
    accepted(m);
    normalised(m, "login", "_svc-carnet2", "_svc-carnet2");
    refused_with(m, "login", "Jean Dupont", "Login: 'Jean Dupont' is not a Unix login");
    refused_with(m, "login", "JEAN", "is not a Unix login");
    refused_with(m, "login", "1jean", "is not a Unix login");
    refused_with(m, "login", "jean;rm", "is not a Unix login");
    char *l33 = repeat("j", 33);
    refused_with(m, "login", l33, "too long");
    free(l33);
    record_free(m);

    struct record *t = build("theme", "code=quartier_2", "label_fr=Quartier", "label_en=Neighbourhood", NULL);
    accepted(t);
    refused_with(t, "code", "Bad-Code", "Code: 'Bad-Code' is not a code");
    refused_with(t, "code", "with space", "is not a code");
    refused_with(t, "code", "Jeunesse", "is not a code");
    record_free(t);
}

static void test_references(void **state)
{
    (void)state;
    struct record *base = valid_initiative();
    normalised(base, "centre", centre, centre);                           /* by id */
    normalised(base, "centre", "Centre des Tilleuls", centre);            /* by name */
    normalised(base, "centre", "centre DES tilleuls", centre);            /* any case */
    normalised(base, "territory", "Quartier des Pentes", territory);
    refused_with(base, "centre", "Nowhere", "Centre: no centre named 'Nowhere' (see: carnet list centre)");
    char unknown[37];
    id_new(unknown);
    refused_with(base, "centre", unknown, "no centre");
    refused_with(base, "territory", "Centre des Tilleuls", "Territory: no territory");   /* wrong kind */

    /* Two centres with one name: the name is ambiguous, the ids are not. */
    char *t = xasprintf("territory=%s", territory);
    char *m1 = tu_create(S, "centre", "name=Maison pour tous", "kind=evs", t, NULL);
    char *m2 = tu_create(S, "centre", "name=Maison pour tous", "kind=other", t, NULL);
    refused_with(base, "centre", "Maison pour tous", "Centre: several centres are named 'Maison pour tous'; give the id");
    normalised(base, "centre", m2, m2);

    /* A centre in the trash: by id it says so, by name it is gone. */
    assert_int_equal(record_delete(S, m1, &err), 0);
    refused_with(base, "centre", m1, "Centre: the centre '");
    refused_with(base, "centre", m1, "is in the trash");
    normalised(base, "centre", "Maison pour tous", m2);                  /* only one left alive */
    assert_int_equal(record_delete(S, m2, &err), 0);
    refused_with(base, "centre", "Maison pour tous", "no centre named 'Maison pour tous'");
    free(t);
    free(m1);
    free(m2);
    record_free(base);
}

static void test_several_failures(void **state)
{
    (void)state;
    struct record *r = valid_initiative();
    char *long_title = repeat("x", 250);
    record_set(r, "title", long_title, NULL);
    record_set(r, "status", "done", NULL);
    record_set(r, "volunteers", "-1", NULL);
    record_set(r, "ended_on", "2020-01-01", NULL);
    record_set(r, "themes", "youth,nope", NULL);
    record_set(r, "centre", "Nowhere", NULL);
    error_clear(&err);
    assert_int_equal(record_check(S, r, &err), ERR_INVALID);
    assert_int_equal(err.count, 6);
    const char *fields[] = {"Title: ", "Status: ", "Volunteers: ", "Ended on: ", "Themes: ", "Centre: "};
    for (int i = 0; i < 6; i++)
        assert_contains(err.msg, fields[i]);
    /* One line each. */
    int lines = 1;
    for (const char *p = err.msg; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 6);
    free(long_title);
    record_free(r);
}

/* ---- creating ---- */

static void test_create(void **state)
{
    (void)state;
    long long seq = raw_int("SELECT value FROM meta WHERE key = 'seq'", "");
    struct record *r = valid_initiative();
    record_set(r, "started_on", "01/03/2025", NULL);
    error_clear(&err);
    assert_int_equal(record_create(S, r, &err), 0);
    assert_true(id_valid(r->id));
    assert_int_equal(r->id[14], '4');                            /* a random (v4) UUID */
    assert_non_null(strchr("89ab", r->id[19]));
    assert_string_equal(r->created_by, store_login(S));
    assert_string_equal(r->updated_by, store_login(S));
    assert_int_equal(strlen(r->created_at), 20);
    assert_int_equal(r->created_at[10], 'T');
    assert_int_equal(r->row_seq, seq + 1);
    assert_string_equal(record_get(r, "started_on"), "2025-03-01");   /* stored normalised */

    struct record *back = record_load(S, r->id, &err);
    assert_non_null(back);
    assert_ptr_equal(back->kind, kind_find("initiative"));
    assert_string_equal(record_get(back, "title"), "Jardin partagé");
    assert_string_equal(record_get(back, "started_on"), "2025-03-01");
    assert_string_equal(record_get(back, "centre"), centre);
    assert_null(record_get(back, "description"));
    assert_int_equal(back->deleted, 0);
    assert_int_equal(back->row_seq, r->row_seq);
    assert_string_equal(back->created_at, r->created_at);
    record_free(back);

    char *other = create(valid_initiative());
    assert_string_not_equal(other, r->id);
    free(other);
    record_free(r);

    /* A refused record writes nothing and gets no id. */
    seq = raw_int("SELECT value FROM meta WHERE key = 'seq'", "");
    r = valid_initiative();
    record_set(r, "status", "bogus", NULL);
    error_clear(&err);
    assert_int_equal(record_create(S, r, &err), ERR_INVALID);
    assert_string_equal(r->id, "");
    assert_int_equal(raw_int("SELECT value FROM meta WHERE key = 'seq'", ""), seq);
    record_free(r);
}

static void test_create_with_given_id(void **state)
{
    (void)state;
    char wanted[37];
    id_new(wanted);
    struct record *r = valid_initiative();
    memcpy(r->id, wanted, sizeof wanted);
    char *id = create(r);
    assert_string_equal(id, wanted);                              /* an import keeps its id */

    r = valid_initiative();
    memcpy(r->id, wanted, sizeof wanted);
    error_clear(&err);
    assert_int_equal(record_create(S, r, &err), ERR_INVALID);
    assert_contains(err.msg, "exists already");
    record_free(r);

    r = valid_initiative();
    snprintf(r->id, sizeof r->id, "%s", "NOT-A-UUID");
    error_clear(&err);
    assert_int_equal(record_create(S, r, &err), ERR_INVALID);
    assert_contains(err.msg, "id: 'NOT-A-UUID' is not a carnet id");
    record_free(r);

    r = valid_initiative();
    snprintf(r->id, sizeof r->id, "%s", "0A1B2C3D-0000-4000-8000-000000000000");   /* uppercase */
    error_clear(&err);
    assert_int_equal(record_create(S, r, &err), ERR_INVALID);
    record_free(r);
    free(id);
}

static void test_natural_ids(void **state)
{
    (void)state;
    /* A member's id comes from its login: two replicas agree on it. */
    char *m = tu_create(S, "member", "login=jean.dupont", "role=facilitator", NULL);
    char want[37];
    id_from_name("member\x1fjean.dupont", want);
    assert_string_equal(m, want);
    assert_int_equal(m[14], '5');                                   /* a name-based (v5) UUID */
    struct record *again = build("member", "login=jean.dupont", "role=admin", NULL);
    error_clear(&err);
    assert_int_equal(record_create(S, again, &err), ERR_INVALID);
    assert_contains(err.msg, "this member exists already");
    assert_contains(err.msg, m);
    assert_string_equal(again->id, "");
    record_free(again);
    /* Still refused from the trash, with the way out. */
    assert_int_equal(record_delete(S, m, &err), 0);
    again = build("member", "login=jean.dupont", "role=admin", NULL);
    error_clear(&err);
    assert_int_equal(record_create(S, again, &err), ERR_INVALID);
    assert_contains(err.msg, "restore");
    record_free(again);

    /* A sitting's id depends on its body and its date. */
    char *b1 = body("Bureau"), *b2 = body("Assemblée générale");
    struct record *r = build("meeting", "held_on=12/06/2025", NULL);
    record_set(r, "body", b1, NULL);
    char *m1 = create(r);
    char *key = xasprintf("meeting\x1f%s\x1f%s", b1, "2025-06-12");
    id_from_name(key, want);
    free(key);
    assert_string_equal(m1, want);
    r = build("meeting", "held_on=2025-06-12", "attendees=4", NULL);
    record_set(r, "body", b1, NULL);
    error_clear(&err);
    assert_int_equal(record_create(S, r, &err), ERR_INVALID);
    assert_contains(err.msg, "this sitting exists already");
    record_free(r);
    r = build("meeting", "held_on=2025-06-13", NULL);
    record_set(r, "body", b1, NULL);
    char *m2 = create(r);
    r = build("meeting", "held_on=2025-06-12", NULL);
    record_set(r, "body", b2, NULL);
    char *m3 = create(r);
    assert_string_not_equal(m1, m2);
    assert_string_not_equal(m1, m3);
    assert_string_not_equal(m2, m3);

    /* A given id must match the natural key. */
    r = build("meeting", "held_on=2025-07-01", NULL);
    record_set(r, "body", b1, NULL);
    id_new(r->id);
    error_clear(&err);
    assert_int_equal(record_create(S, r, &err), ERR_INVALID);
    assert_contains(err.msg, "does not match");
    record_free(r);

    free(m);
    free(b1);
    free(b2);
    free(m1);
    free(m2);
    free(m3);
}

/* ---- updating ---- */

static void test_update_per_field_clocks(void **state)
{
    (void)state;
    char *id = create(valid_initiative());
    unsigned char title0[CLOCK_SIZE], status0[CLOCK_SIZE], updated0[CLOCK_SIZE], created0[CLOCK_SIZE];
    raw_clock("initiative", "title_clk", id, title0);
    raw_clock("initiative", "status_clk", id, status0);
    raw_clock("initiative", "updated_clk", id, updated0);
    raw_clock("initiative", "created_clk", id, created0);
    assert_memory_equal(title0, created0, CLOCK_SIZE);               /* one clock per write */
    long long seq0 = raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id);

    struct record *r = record_load(S, id, &err);
    record_set(r, "title", "Jardin partagé des Pentes", NULL);
    error_clear(&err);
    assert_int_equal(record_update(S, r, &err), 0);
    record_free(r);

    unsigned char title1[CLOCK_SIZE], status1[CLOCK_SIZE], updated1[CLOCK_SIZE], created1[CLOCK_SIZE];
    raw_clock("initiative", "title_clk", id, title1);
    raw_clock("initiative", "status_clk", id, status1);
    raw_clock("initiative", "updated_clk", id, updated1);
    raw_clock("initiative", "created_clk", id, created1);
    assert_true(memcmp(title1, title0, CLOCK_SIZE) > 0);
    assert_memory_equal(status1, status0, CLOCK_SIZE);              /* untouched field, same clock */
    assert_memory_equal(updated1, title1, CLOCK_SIZE);
    assert_memory_equal(created1, created0, CLOCK_SIZE);
    assert_true(raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id) > seq0);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s'", id), 2);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND field = 'title'", id), 1);

    /* Two fields in one write share one new clock. */
    r = record_load(S, id, &err);
    record_set(r, "status", "completed", NULL);
    record_set(r, "ended_on", "2025-09-30", NULL);
    assert_int_equal(record_update(S, r, &err), 0);
    record_free(r);
    unsigned char status2[CLOCK_SIZE], ended2[CLOCK_SIZE], title2[CLOCK_SIZE];
    raw_clock("initiative", "status_clk", id, status2);
    raw_clock("initiative", "ended_on_clk", id, ended2);
    raw_clock("initiative", "title_clk", id, title2);
    assert_memory_equal(status2, ended2, CLOCK_SIZE);
    assert_true(memcmp(status2, title1, CLOCK_SIZE) > 0);
    assert_memory_equal(title2, title1, CLOCK_SIZE);

    r = record_load(S, id, &err);
    assert_string_equal(record_get(r, "status"), "completed");
    assert_string_equal(record_get(r, "title"), "Jardin partagé des Pentes");
    record_free(r);
    free(id);
}

static void test_update_noop(void **state)
{
    (void)state;
    struct record *r = valid_initiative();
    record_set(r, "volunteer_hours", "12.5", NULL);
    record_set(r, "themes", "youth,solidarity", NULL);
    char *id = create(r);
    long long seq = raw_int("SELECT value FROM meta WHERE key = 'seq'", "");
    long long row_seq = raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id);
    unsigned char before[CLOCK_SIZE], after[CLOCK_SIZE];
    raw_clock("initiative", "updated_clk", id, before);

    /* The same values, also typed differently: nothing is written. */
    r = record_load(S, id, &err);
    error_clear(&err);
    assert_int_equal(record_update(S, r, &err), 0);
    record_set(r, "started_on", "01/03/2025", NULL);
    record_set(r, "volunteer_hours", "12,5", NULL);
    record_set(r, "themes", "Youth, solidarity", NULL);
    record_set(r, "status", "ONGOING", NULL);
    record_set(r, "centre", "Centre des Tilleuls", NULL);
    record_set(r, "title", "  Jardin partagé ", NULL);
    assert_int_equal(record_update(S, r, &err), 0);
    record_free(r);
    assert_int_equal(raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id), row_seq);
    assert_int_equal(raw_int("SELECT value FROM meta WHERE key = 'seq'", ""), seq);
    raw_clock("initiative", "updated_clk", id, after);
    assert_memory_equal(before, after, CLOCK_SIZE);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s'", id), 1);
    free(id);
}

static void test_update_refused(void **state)
{
    (void)state;
    char *id = create(valid_initiative());
    struct record *r = record_load(S, id, &err);

    /* Invalid: nothing written. */
    long long row_seq = raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id);
    struct record *bad = record_dup(r);
    record_set(bad, "title", "Changed", NULL);
    record_set(bad, "status", "nonsense", NULL);
    error_clear(&err);
    assert_int_equal(record_update(S, bad, &err), ERR_INVALID);
    assert_contains(err.msg, "Status: ");
    record_free(bad);
    assert_int_equal(raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id), row_seq);
    assert_int_equal(raw_int("SELECT count(*) FROM initiative WHERE title = 'Changed'", ""), 0);

    /* In the trash: restore first. */
    assert_int_equal(record_delete(S, id, &err), 0);
    record_set(r, "title", "Changed", NULL);
    error_clear(&err);
    assert_int_equal(record_update(S, r, &err), ERR_INVALID);
    assert_contains(err.msg, "in the trash");
    assert_contains(err.msg, "carnet restore");
    assert_int_equal(raw_int("SELECT count(*) FROM initiative WHERE title = 'Changed'", ""), 0);

    /* An id that names nothing. */
    id_new(r->id);
    error_clear(&err);
    assert_int_equal(record_update(S, r, &err), ERR_NOTFOUND);
    assert_contains(err.msg, r->id);
    record_free(r);
    free(id);
}

/* Loads the record id, sets one field and updates it: record_update's
 * status (err holds its message). */
static int edit_field(const char *id, const char *field, const char *value)
{
    struct record *r = record_load(S, id, &err);
    record_set(r, field, value, NULL);
    error_clear(&err);
    int rc = record_update(S, r, &err);
    record_free(r);
    return rc;
}

/* A record holding what local validation refuses (as sync stores a peer's
 * values): an edit checks only the fields it changes, so it is repaired
 * one field at a time, and a changed field is still checked. */
static void test_update_checks_changed_fields(void **state)
{
    (void)state;
    char *id = create(valid_initiative());
    struct sqlite3 *db = tu_raw_open(S_path, 1);
    char *sql = xasprintf("UPDATE initiative SET title = 'Evil' || char(27) || '[2J', "
                          "description = 'x' || char(27) || ']0;pwned' || char(7), ended_on = '2020-01-01' "
                          "WHERE id = '%s'", id);
    assert_int_equal(tu_raw_exec(db, sql), 0);
    free(sql);
    sqlite3_close(db);

    if (edit_field(id, "title", "Propre") != 0)
        fail_msg("edit title on a record whose description holds ESC: %s", err.msg);
    assert_int_equal(raw_int("SELECT title = 'Propre' FROM initiative WHERE id = '%s'", id), 1);
    assert_int_equal(raw_int("SELECT instr(description, char(27)) > 0 FROM initiative WHERE id = '%s'", id), 1);
    if (edit_field(id, "description", "Propre aussi") != 0)
        fail_msg("edit description then: %s", err.msg);
    assert_int_equal(raw_int("SELECT description = 'Propre aussi' FROM initiative WHERE id = '%s'", id), 1);

    /* The changed field is checked, and so is a rule it takes part in. */
    assert_int_equal(edit_field(id, "title", "x\x1b[2J"), ERR_INVALID);
    assert_contains(err.msg, "Title: contains an Escape character");
    assert_int_equal(edit_field(id, "ended_on", "2019-12-31"), ERR_INVALID);
    assert_contains(err.msg, "Ended on: 2019-12-31 cannot be before Started on");
    assert_int_equal(raw_int("SELECT ended_on = '2020-01-01' FROM initiative WHERE id = '%s'", id), 1);
    free(id);
}

/* ---- delete, restore, erase ---- */

static void test_delete_restore(void **state)
{
    (void)state;
    char *id = create(valid_initiative());
    error_clear(&err);
    assert_int_equal(record_delete(S, id, &err), 0);
    struct record *r = record_load(S, id, &err);                  /* deleted ones load too */
    assert_non_null(r);
    assert_int_equal(r->deleted, 1);
    assert_string_equal(record_get(r, "title"), "Jardin partagé");   /* hidden, not blanked */
    record_free(r);
    const char *deleted_rows = "SELECT count(*) FROM history WHERE rec_id = '%s' AND field = 'deleted'";
    assert_int_equal(raw_int(deleted_rows, id), 1);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND field = 'deleted' "
                             "AND old = '0' AND new = '1'", id), 1);
    long long seq = raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id);
    assert_int_equal(record_delete(S, id, &err), 0);              /* twice: nothing more */
    assert_int_equal(raw_int(deleted_rows, id), 1);
    assert_int_equal(raw_int("SELECT row_seq FROM initiative WHERE id = '%s'", id), seq);

    assert_int_equal(record_restore(S, id, &err), 0);
    r = record_load(S, id, &err);
    assert_int_equal(r->deleted, 0);
    record_free(r);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND field = 'deleted' "
                             "AND old = '1' AND new = '0'", id), 1);
    assert_int_equal(record_restore(S, id, &err), 0);
    assert_int_equal(raw_int(deleted_rows, id), 2);
    assert_int_equal(err.code, 0);

    char unknown[37];
    id_new(unknown);
    error_clear(&err);
    assert_int_equal(record_delete(S, unknown, &err), ERR_NOTFOUND);
    assert_contains(err.msg, unknown);
    error_clear(&err);
    assert_int_equal(record_restore(S, unknown, &err), ERR_NOTFOUND);
    error_clear(&err);
    assert_int_equal(record_erase(S, unknown, &err), ERR_NOTFOUND);
    free(id);
}

static void test_erase_person(void **state)
{
    (void)state;
    char *t = xasprintf("territory=%s", territory);
    char *p = tu_create(S, "person", "pseudonym=Mimosa", t, "age_band=60_plus", "consent_on=2025-01-15", NULL);
    free(t);
    struct record *r = record_load(S, p, &err);
    record_set(r, "pseudonym", "Mimosa B.", NULL);
    assert_int_equal(record_update(S, r, &err), 0);
    record_free(r);
    /* A seat held by the person keeps pointing at the (erased) record. */
    char *b = body("Conseil citoyen");
    char *bb = xasprintf("body=%s", b), *hh = xasprintf("holder=%s", p);
    char *seat = tu_create(S, "seat", bb, "college=inhabitants", hh, NULL);
    free(bb);
    free(hh);
    unsigned char clk0[CLOCK_SIZE], clk1[CLOCK_SIZE];
    raw_clock("person", "pseudonym_clk", p, clk0);

    error_clear(&err);
    assert_int_equal(record_erase(S, p, &err), 0);
    r = record_load(S, p, &err);
    assert_non_null(r);
    assert_int_equal(r->deleted, 1);
    const char *personal[] = {"pseudonym", "territory", "age_band", "consent_on"};
    for (int i = 0; i < 4; i++)
        if (record_get(r, personal[i]))
            fail_msg("%s was not erased: %s", personal[i], record_get(r, personal[i]));
    record_free(r);
    /* At a new clock, so that an older copy cannot bring the values back. */
    raw_clock("person", "pseudonym_clk", p, clk1);
    assert_true(memcmp(clk1, clk0, CLOCK_SIZE) > 0);
    raw_clock("person", "deleted_clk", p, clk0);
    assert_memory_equal(clk0, clk1, CLOCK_SIZE);
    /* The history keeps that a change happened, never what it was. */
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND field = 'pseudonym'", p), 2);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND field <> 'deleted' "
                             "AND field <> '*' AND (old IS NOT NULL OR new IS NOT NULL)", p), 0);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND "
                             "(old LIKE '%%Mimosa%%' OR new LIKE '%%Mimosa%%')", p), 0);
    assert_int_equal(raw_int("SELECT count(*) FROM person WHERE id = '%s' AND pseudonym IS NULL", p), 1);
    struct record *s = record_load(S, seat, &err);
    assert_string_equal(record_get(s, "holder"), p);
    record_free(s);
    free(seat);
    free(b);
    free(p);
}

static void test_erase_initiative(void **state)
{
    (void)state;
    struct record *r = valid_initiative();
    record_set(r, "description", "Contact: Mme Durand, 06 12 34 56 78", NULL);
    record_set(r, "outcome", "Went well", NULL);
    char *mairie = tu_partner(S, "Mairie d'Évry", NULL);
    record_set(r, "partners", "Mairie d'Évry", NULL);
    char *id = create(r);
    r = record_load(S, id, &err);
    record_set(r, "description", "Contact: M. Petit", NULL);
    assert_int_equal(record_update(S, r, &err), 0);
    record_free(r);

    error_clear(&err);
    assert_int_equal(record_erase(S, id, &err), 0);
    r = record_load(S, id, &err);
    assert_int_equal(r->deleted, 1);
    assert_null(record_get(r, "description"));
    assert_null(record_get(r, "outcome"));
    assert_string_equal(record_get(r, "title"), "Jardin partagé");   /* not personal */
    assert_string_equal(record_get(r, "partners"), mairie);
    free(mairie);
    record_free(r);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND field = 'description' "
                             "AND (old IS NOT NULL OR new IS NOT NULL)", id), 0);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND "
                             "(old LIKE '%%Durand%%' OR new LIKE '%%Durand%%' OR old LIKE '%%Petit%%' OR new LIKE '%%Petit%%')", id), 0);
    assert_int_equal(raw_int("SELECT count(*) FROM history WHERE rec_id = '%s' AND field = 'deleted' AND new = '1'", id), 1);
    free(id);
}

/* ---- reading ---- */

static void test_load_and_kind_of(void **state)
{
    (void)state;
    char unknown[37];
    id_new(unknown);
    error_clear(&err);
    assert_null(record_load(S, unknown, &err));
    assert_int_equal(err.code, ERR_NOTFOUND);
    assert_contains(err.msg, unknown);
    error_clear(&err);
    assert_null(record_load(S, "not-an-id", &err));
    assert_int_equal(err.code, ERR_NOTFOUND);
    error_clear(&err);
    assert_null(record_load(S, NULL, &err));
    assert_int_equal(err.code, ERR_NOTFOUND);
    assert_null(record_load(S, unknown, NULL));

    assert_null(record_kind_of(S, unknown));
    assert_ptr_equal(record_kind_of(S, centre), kind_find("centre"));
    assert_ptr_equal(record_kind_of(S, territory), kind_find("territory"));
    char *id = create(valid_initiative());
    assert_ptr_equal(record_kind_of(S, id), kind_find("initiative"));
    assert_int_equal(record_delete(S, id, &err), 0);
    assert_ptr_equal(record_kind_of(S, id), kind_find("initiative"));
    free(id);
    /* Seeds have ids too. */
    struct record *c = build("criterion", "code=age", NULL);
    char cid[37];
    record_natural_id(c, cid);
    record_free(c);
    assert_ptr_equal(record_kind_of(S, cid), kind_find("criterion"));
    struct record *age = record_load(S, cid, &err);
    assert_string_equal(record_get(age, "valid_from"), "2001-11-17");
    record_free(age);
}

static void test_titles(void **state)
{
    (void)state;
    char *id = create(valid_initiative());
    struct record *r = record_load(S, id, &err);
    char *title = record_title(S, r);
    assert_string_equal(title, "Jardin partagé");
    free(title);
    record_free(r);
    free(id);

    char *b = body("Conseil citoyen");
    char *t = xasprintf("territory=%s", territory);
    char *p = tu_create(S, "person", "pseudonym=Mimosa", t, NULL);
    char *bb = xasprintf("body=%s", b), *hh = xasprintf("holder=%s", p);
    char *seat = tu_create(S, "seat", bb, "college=associations", hh, "woman=1", NULL);
    r = record_load(S, seat, &err);
    title = record_title(S, r);
    assert_string_equal(title, "associations");                   /* a seat is named by its college */
    free(title);
    record_free(r);

    struct record *m = build("meeting", "held_on=2025-06-12", NULL);
    record_set(m, "body", b, NULL);
    char *mid = create(m);
    m = record_load(S, mid, &err);
    title = record_title(S, m);
    assert_string_equal(title, "Conseil citoyen — 2025-06-12");   /* a sitting by its body and date */
    free(title);
    record_free(m);

    char *mm = xasprintf("meeting=%s", mid), *pp = xasprintf("person=%s", p);
    char *att = tu_create(S, "attendance", mm, pp, "present=yes", NULL);
    r = record_load(S, att, &err);
    title = record_title(S, r);
    assert_string_equal(title, "Mimosa");                         /* a reference: what it names */
    free(title);
    record_set(r, "person", "00000000-0000-4000-8000-000000000000", NULL);
    title = record_title(S, r);
    assert_string_equal(title, "(missing person)");
    free(title);
    record_free(r);

    r = record_new(kind_find("territory"));
    title = record_title(S, r);
    assert_string_equal(title, "");
    free(title);
    record_free(r);

    free(att);
    free(mm);
    free(pp);
    free(mid);
    free(seat);
    free(bb);
    free(hh);
    free(p);
    free(t);
    free(b);
}

static void test_dup_free(void **state)
{
    (void)state;
    char *id = create(valid_initiative());
    struct record *r = record_load(S, id, &err);
    struct record *d = record_dup(r);
    assert_ptr_equal(d->kind, r->kind);
    assert_string_equal(d->id, r->id);
    assert_string_equal(d->created_at, r->created_at);
    assert_string_equal(d->created_by, r->created_by);
    assert_string_equal(d->updated_at, r->updated_at);
    assert_string_equal(d->updated_by, r->updated_by);
    assert_int_equal(d->row_seq, r->row_seq);
    assert_int_equal(d->deleted, r->deleted);
    for (int i = 0; i < r->kind->nfields; i++) {
        if (!r->v[i]) {
            assert_null(d->v[i]);
            continue;
        }
        assert_ptr_not_equal(d->v[i], r->v[i]);                /* a deep copy */
        assert_string_equal(d->v[i], r->v[i]);
    }
    record_set(d, "title", "Only in the copy", NULL);
    assert_string_equal(record_get(r, "title"), "Jardin partagé");
    record_free(r);
    assert_string_equal(record_get(d, "title"), "Only in the copy");   /* survives the original */
    record_free(d);
    record_free(NULL);

    /* A new record is empty, of its kind. */
    struct record *n = record_new(kind_find("meeting"));
    assert_ptr_equal(n->kind, kind_find("meeting"));
    assert_string_equal(n->id, "");
    for (int i = 0; i < n->kind->nfields; i++)
        assert_null(n->v[i]);
    struct record *nd = record_dup(n);
    assert_null(nd->created_at);
    record_free(nd);
    record_free(n);
    free(id);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_set_get),
        T(test_value_same),
        T(test_required),
        T(test_dates),
        T(test_numbers),
        cmocka_unit_test_setup_teardown(test_numbers_french, setup, teardown_french),
        T(test_sub_counts),
        T(test_choices),
        T(test_sets),
        T(test_text_limits),
        T(test_utf8_and_controls),
        T(test_logins_and_codes),
        T(test_references),
        T(test_several_failures),
        T(test_create),
        T(test_create_with_given_id),
        T(test_natural_ids),
        T(test_update_per_field_clocks),
        T(test_update_noop),
        T(test_update_refused),
        T(test_update_checks_changed_fields),
        T(test_delete_restore),
        T(test_erase_person),
        T(test_erase_initiative),
        T(test_load_and_kind_of),
        T(test_titles),
        T(test_dup_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
