/* model/kind.h: the descriptors are data that drive the schema, the checks
 * and the columns, so their consistency is checked here once rather than
 * discovered as a broken CREATE TABLE or a silent no-op rule. */
#include "testutil.h"
#include "model/kind.h"
#include "model/store.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool is_code(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

static void test_kind_list(void **state)
{
    (void)state;
    assert_int_equal(kinds_count, 14);
    assert_null(kinds[kinds_count]);
    const char *names[] = {"territory", "centre", "member", "body", "seat", "person", "criterion",
                           "theme", "initiative", "meeting", "attendance", "action", "difficulty", "partner"};
    for (int i = 0; i < kinds_count; i++) {
        assert_non_null(kinds[i]);
        assert_string_equal(kinds[i]->name, names[i]);
        assert_ptr_equal(kind_find(names[i]), kinds[i]);
        assert_int_equal(kind_number(kinds[i]), i);      /* stored in the search index */
        for (int j = 0; j < i; j++)
            assert_string_not_equal(kinds[i]->name, kinds[j]->name);
    }
    assert_null(kind_find("initiatives"));
    assert_null(kind_find("Initiative"));
    assert_null(kind_find(""));
    assert_null(kind_find(NULL));
    struct kind stranger = *kinds[0];
    assert_int_equal(kind_number(&stranger), -1);
    assert_true(kinds_count <= FTS_KINDS);
    int logs = 0;
    for (int i = 0; kinds[i]; i++)
        logs += (kinds[i]->flags & K_LOG) != 0;
    assert_int_equal(logs, 4);            /* initiative, meeting, action, difficulty */
}

/* Names that the schema gives every table; a field must not take them. */
static const char *const fixed_columns[] = {"id", "created_at", "created_by", "created_clk", "updated_at",
                                            "updated_by", "updated_clk", "deleted", "deleted_clk", "row_seq"};

static void test_fields_consistent(void **state)
{
    (void)state;
    for (int i = 0; kinds[i]; i++) {
        const struct kind *k = kinds[i];
        assert_true(is_code(k->name));
        assert_non_null(k->label);
        assert_non_null(k->plural);
        assert_true(k->nfields > 0);
        assert_true(k->since >= 1 && k->since <= STORE_SCHEMA_VERSION);
        for (int j = 0; j < k->nfields; j++) {
            const struct field *f = &k->fields[j];
            if (!is_code(f->name))
                fail_msg("%s.%s is not a code", k->name, f->name);
            assert_non_null(f->label);
            /* Unique names, also against the clock columns. */
            for (int m = 0; m < j; m++)
                if (strcmp(f->name, k->fields[m].name) == 0)
                    fail_msg("%s has two fields named %s", k->name, f->name);
            for (size_t m = 0; m < sizeof fixed_columns / sizeof fixed_columns[0]; m++)
                if (strcmp(f->name, fixed_columns[m]) == 0)
                    fail_msg("%s.%s takes a column of the schema", k->name, f->name);
            size_t len = strlen(f->name);
            if (len > 4 && strcmp(f->name + len - 4, "_clk") == 0)
                fail_msg("%s.%s ends like a clock column", k->name, f->name);
            /* A field comes with its kind or later, never after this schema. */
            if (f->since < k->since || f->since > STORE_SCHEMA_VERSION)
                fail_msg("%s.%s since %d (kind since %d)", k->name, f->name, f->since, k->since);

            /* A default rule fits its field: today for a date, a code of a
             * choice, the centre rule only on a reference to a centre. */
            if ((f->dflt == DFLT_TODAY && f->type != FT_DATE) ||
                (f->dflt == DFLT_VALUE && (!f->dflt_value || (f->type == FT_CHOICE && !field_choice_label(f, f->dflt_value)))) ||
                (f->dflt == DFLT_ONLY && f->type != FT_REF) ||
                (f->dflt == DFLT_MY_CENTRE && (f->type != FT_REF || strcmp(f->ref, "centre") != 0)) ||
                (f->dflt != DFLT_VALUE && f->dflt_value))
                fail_msg("%s.%s: its default rule does not fit a %s", k->name, f->name, field_type_name(f->type));
            if (f->type == FT_REF || (f->type == FT_SET && f->ref)) {
                const struct kind *t = kind_find(f->ref);
                if (!t)
                    fail_msg("%s.%s refers to an unknown kind '%s'", k->name, f->name, f->ref);
                /* A field refers to a kind as old as itself, but for the
                 * free-text partners that version 7 made sets of partners. */
                bool made_partners = f->type == FT_SET && strcmp(f->ref, "partner") == 0 && t->since == 7;
                assert_true(t->since <= f->since || made_partners);
                /* set members are the target's codes, or ids of a kind without a one-field key */
                if (f->type == FT_SET && strcmp(kind_set_key(t), "id") != 0)
                    assert_non_null(kind_field(t, kind_set_key(t)));
            } else {
                if (f->ref)
                    fail_msg("%s.%s has a ref but is a %s", k->name, f->name, field_type_name(f->type));
            }
            if (f->type == FT_CHOICE) {
                if (!f->choices || !f->choices[0].code)
                    fail_msg("%s.%s has no choices", k->name, f->name);
                for (const struct choice *c = f->choices; c->code; c++) {
                    if (!is_code(c->code))
                        fail_msg("%s.%s: choice '%s' is not a code", k->name, f->name, c->code);
                    assert_non_null(c->label);
                    for (const struct choice *d = f->choices; d < c; d++)
                        assert_string_not_equal(c->code, d->code);
                }
            } else if (f->type != FT_SET) {
                assert_null(f->choices);
            }
            if (f->not_above) {
                const struct field *o = kind_field(k, f->not_above);
                if (!o)
                    fail_msg("%s.%s: not_above names no field of %s", k->name, f->name, k->name);
                assert_int_equal(f->type, FT_INT);
                assert_true(o->type == FT_INT || o->type == FT_REAL);
                assert_ptr_not_equal(o, f);
            }
            if (f->not_before) {
                const struct field *o = kind_field(k, f->not_before);
                if (!o)
                    fail_msg("%s.%s: not_before names no field of %s", k->name, f->name, k->name);
                assert_int_equal(f->type, FT_DATE);
                assert_int_equal(o->type, FT_DATE);
                assert_ptr_not_equal(o, f);
            }
            if (f->type == FT_TEXT)            /* one-line text is always bounded */
                if (f->max <= 0)
                    fail_msg("%s.%s has no length limit", k->name, f->name);
        }
    }
}

/* A set's members: the code of a kind keyed by one code, else the id. */
static void test_set_key(void **state)
{
    (void)state;
    assert_string_equal(kind_set_key(kind_find("theme")), "code");
    assert_string_equal(kind_set_key(kind_find("criterion")), "code");
    assert_string_equal(kind_set_key(kind_find("partner")), "id");
    assert_string_equal(kind_set_key(kind_find("meeting")), "id");     /* a key of two fields */
    assert_string_equal(kind_set_key(kind_find("initiative")), "id");  /* no key */
}

static void test_kind_keys(void **state)
{
    (void)state;
    for (int i = 0; kinds[i]; i++) {
        const struct kind *k = kinds[i];
        const struct field *t = kind_field(k, k->title_field);
        if (!t)
            fail_msg("%s: title field '%s' is not a field", k->name, k->title_field);
        if (k->date_field) {
            const struct field *d = kind_field(k, k->date_field);
            assert_non_null(d);
            assert_int_equal(d->type, FT_DATE);
            assert_true(d->flags & F_REQUIRED);
        }
        if (k->natural_key) {
            char key[128];
            snprintf(key, sizeof key, "%s", k->natural_key);
            for (char *save = NULL, *f = strtok_r(key, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
                const struct field *kf = kind_field(k, f);
                if (!kf)
                    fail_msg("%s: natural key field '%s' is not a field", k->name, f);
                assert_true(kf->flags & F_REQUIRED);    /* an id from an empty value would collide */
            }
        }
        const struct field *sf = kind_sort_field(k);
        assert_non_null(sf);
        assert_string_equal(sf->name, k->date_field ? k->date_field : k->title_field);
    }
    /* What the store relies on by name. */
    assert_true(kind_find("member")->flags & K_ADMIN);
    assert_true(kind_find("criterion")->flags & K_SEEDED);
    assert_non_null(kind_field(kind_find("criterion"), "valid_from"));
}

static void test_lookups(void **state)
{
    (void)state;
    const struct kind *k = kind_find("initiative");
    assert_non_null(k);
    assert_int_equal(kind_field_index(k, "title"), 0);
    assert_int_equal(kind_field_index(k, "centre"), 1);
    assert_int_equal(kind_field_index(k, "outcome"), k->nfields - 1);
    assert_int_equal(kind_field_index(k, "Title"), -1);
    assert_int_equal(kind_field_index(k, "id"), -1);
    assert_int_equal(kind_field_index(k, NULL), -1);
    assert_ptr_equal(kind_field(k, "status"), &k->fields[kind_field_index(k, "status")]);
    assert_int_equal(kind_field(k, "status")->type, FT_CHOICE);
    assert_int_equal(kind_field(k, "themes")->type, FT_SET);
    assert_string_equal(kind_field(k, "themes")->ref, "theme");
    assert_null(kind_field(k, "held_on"));
    assert_null(kind_field(k, NULL));

    assert_string_equal(kind_sort_field(k)->name, "started_on");
    assert_string_equal(kind_sort_field(kind_find("territory"))->name, "name");
    assert_string_equal(kind_sort_field(kind_find("seat"))->name, "college");
    assert_string_equal(kind_sort_field(kind_find("meeting"))->name, "held_on");
    assert_string_equal(kind_sort_field(kind_find("difficulty"))->name, "raised_on");

    const struct field *status = kind_field(k, "status");
    assert_string_equal(field_choice_label(status, "ongoing"), "ongoing");
    assert_null(field_choice_label(status, "ONGOING"));        /* codes are exact; record_check lowers */
    assert_null(field_choice_label(status, "finished"));
    assert_null(field_choice_label(status, NULL));
    assert_null(field_choice_label(kind_field(k, "title"), "anything"));   /* no choices */
    const struct field *role = kind_field(kind_find("member"), "role");
    assert_string_equal(field_choice_label(role, "manager"), "manager (read-only)");
    assert_string_equal(field_choice_label(role, "admin"), "administrator");
    const struct field *level = kind_field(kind_find("meeting"), "participation_level");
    assert_string_equal(field_choice_label(level, "co_decision"), "co-decision");
}

static void test_type_names(void **state)
{
    (void)state;
    const enum field_type types[] = {FT_TEXT, FT_LONGTEXT, FT_INT, FT_REAL, FT_BOOL,
                                     FT_DATE, FT_CHOICE, FT_SET, FT_REF};
    const int n = (int)(sizeof types / sizeof types[0]);
    for (int i = 0; i < n; i++) {
        const char *name = field_type_name(types[i]);
        assert_non_null(name);
        assert_true(strlen(name) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(name, field_type_name(types[j]));
    }
    assert_string_equal(field_type_name(FT_DATE), "date");
    assert_string_equal(field_type_name(FT_INT), "count");
    assert_string_equal(field_type_name(FT_REF), "reference");
    assert_string_equal(field_type_name(FT_BOOL), "yes/no");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_list),
        cmocka_unit_test(test_fields_consistent),
        cmocka_unit_test(test_kind_keys),
        cmocka_unit_test(test_set_key),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_type_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
