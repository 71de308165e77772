/* Full-text search: the FTS5 expression made from user text, accents and
 * case that do not matter, every searchable field of every log, the trash,
 * edits, the kind filter, limits, and the text filter of a list. */
#include "testutil.h"
#include "model/query.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fixture {
    struct store *s;
    char *centre;
    char *centre_pair;   /* "centre=ID" */
};

static struct fixture fx_open(void)
{
    struct fixture fx;
    fx.s = tu_store(NULL);
    fx.centre = tu_centre(fx.s, "Centre social La Source");
    fx.centre_pair = xasprintf("centre=%s", fx.centre);
    return fx;
}

static void fx_close(struct fixture *fx)
{
    store_close(fx->s);
    free(fx->centre);
    free(fx->centre_pair);
}

static char *initiative(struct fixture *fx, const char *title, const char *more)
{
    char *t = xasprintf("title=%s", title);
    char *id = tu_create(fx->s, "initiative", t, fx->centre_pair, "status=ongoing", "carried_by=centre",
                         "started_on=2024-02-01", more ? more : "outcome=", NULL);
    free(t);
    return id;
}

/* The ids search_run finds for text (kind NULL: all kinds, no limit). */
static struct tu_ids found(struct store *s, const char *text, const char *kind, int limit)
{
    struct tu_ids ids = {0};
    struct error err;
    error_clear(&err);
    int n = search_run(s, text, kind ? kind_find(kind) : NULL, limit, tu_collect, &ids, &err);
    if (n < 0)
        fail_msg("search_run(%s): %s", text, err.msg);
    assert_int_equal(n, ids.n);
    return ids;
}

static int nfound(struct store *s, const char *text)
{
    struct tu_ids ids = found(s, text, NULL, 0);
    int n = ids.n;
    tu_ids_free(&ids);
    return n;
}

/* Asserts that text finds exactly the record id. */
static void finds_only(struct store *s, const char *text, const char *id)
{
    struct tu_ids ids = found(s, text, NULL, 0);
    if (ids.n != 1 || strcmp(ids.v[0], id) != 0)
        fail_msg("'%s' found %d records, expected only %s", text, ids.n, id);
    tu_ids_free(&ids);
}

static void expression_is(const char *text, const char *want)
{
    char *e = search_expression(text);
    if (!want)
        assert_null(e);
    else
        assert_string_equal(e, want);
    free(e);
}

static void test_expression(void **state)
{
    (void)state;
    expression_is("jardin", "\"jardin\"*");
    expression_is("  jardin\tpartagé\n", "\"jardin\"* \"partagé\"*");
    /* Quotes inside a word are doubled, so they stay text. */
    expression_is("l\"école", "\"l\"\"école\"*");
    expression_is("\"", "\"\"\"\"*");
    /* FTS5 operators and a user's own star are only text once quoted. */
    expression_is("NOT jard* OR -x", "\"NOT\"* \"jard*\"* \"OR\"* \"-x\"*");
    expression_is("", NULL);
    expression_is("   \t\n ", NULL);
}

static void test_accents_and_case(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *eg = initiative(&fx, "Égalité femmes-hommes", NULL);
    char *oe = initiative(&fx, "Œuvre commune", NULL);
    char *ec = initiative(&fx, "Aide aux devoirs", "description=Le soir, après l'école.");

    const char *for_egalite[] = {"egalite", "EGALITE", "égalité", "ÉGALITÉ", "égal", "egal", "Egalite femmes", "hommes"};
    for (int i = 0; i < 8; i++)
        finds_only(fx.s, for_egalite[i], eg);
    /* Every word must be there (AND), each as a prefix only. */
    assert_int_equal(nfound(fx.s, "egalite jardin"), 0);
    assert_int_equal(nfound(fx.s, "galite"), 0);

    /* unicode61 with remove_diacritics 2 folds case and strips diacritics,
     * but Œ (U+0152) is a ligature, not an O with a mark: it folds to œ and
     * is never split into "oe". So "oeuvre" does NOT find "Œuvre"; "œuvre"
     * and "ŒUVRE" do. */
    assert_int_equal(nfound(fx.s, "oeuvre"), 0);
    finds_only(fx.s, "œuvre", oe);
    finds_only(fx.s, "ŒUVRE", oe);
    finds_only(fx.s, "œuv", oe);

    /* An apostrophe separates words, and so does a double quote once it is
     * doubled inside the phrase: neither is a syntax error. */
    finds_only(fx.s, "ecole", ec);
    finds_only(fx.s, "l'ecole", ec);
    finds_only(fx.s, "apres", ec);
    finds_only(fx.s, "l\"école", ec);
    assert_int_equal(nfound(fx.s, "NEAR( ecole"), 0);
    finds_only(fx.s, "ecol*", ec);

    /* No word: an error that says so. */
    struct error err;
    error_clear(&err);
    assert_int_equal(search_run(fx.s, "  ", NULL, 0, NULL, NULL, &err), ERR_INVALID);
    assert_non_null(strstr(err.msg, "word"));
    error_clear(&err);
    assert_int_equal(search_run(fx.s, NULL, NULL, 0, NULL, NULL, &err), ERR_INVALID);
    free(eg);
    free(oe);
    free(ec);
    fx_close(&fx);
}

static void test_every_searchable_field(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *body = tu_create(fx.s, "body", fx.centre_pair, "name=Conseil d'administration", "kind=board", NULL);
    char *body_pair = xasprintf("body=%s", body);
    /* One word per field, and only in that field. */
    char *ids[9];
    ids[0] = initiative(&fx, "Mandoline géante", NULL);
    ids[1] = initiative(&fx, "Atelier", "description=Fabrication d'une trottinette en bois");
    ids[2] = tu_create(fx.s, "meeting", body_pair, "held_on=2024-03-01", "topics=budget ; parapluies", NULL);
    ids[3] = tu_create(fx.s, "meeting", body_pair, "held_on=2024-03-02", "notes=Prévoir des marionnettes", NULL);
    ids[4] = tu_create(fx.s, "meeting", body_pair, "held_on=2024-03-03", "decisions=Achat d'une bouilloire", NULL);
    ids[5] = tu_create(fx.s, "action", "title=Formation", fx.centre_pair, "held_on=2024-03-04", "kind=training",
                       "outcome=Une calligraphie commune", NULL);
    ids[6] = tu_create(fx.s, "action", "title=Médiation", fx.centre_pair, "held_on=2024-03-05", "kind=mediation",
                       "follow_up=Rappeler le xylophoniste", NULL);
    ids[7] = tu_create(fx.s, "difficulty", "summary=Chaudière en panne", fx.centre_pair, "raised_on=2024-03-06",
                       "kind=premises", "severity=high", "status=open", NULL);
    ids[8] = initiative(&fx, "Potager", "outcome=Récolte de topinambours");
    const char *words[] = {"mandoline", "trottinette", "parapluies", "marionnettes", "bouilloire",
                           "calligraphie", "xylophoniste", "chaudiere", "topinambour"};
    const char *kinds_of[] = {"initiative", "initiative", "meeting", "meeting", "meeting",
                              "action", "action", "difficulty", "initiative"};
    for (int i = 0; i < 9; i++) {
        finds_only(fx.s, words[i], ids[i]);
        struct tu_ids in_kind = found(fx.s, words[i], kinds_of[i], 0);
        assert_int_equal(in_kind.n, 1);
        tu_ids_free(&in_kind);
        const char *other = strcmp(kinds_of[i], "action") ? "action" : "initiative";
        struct tu_ids elsewhere = found(fx.s, words[i], other, 0);
        assert_int_equal(elsewhere.n, 0);
        tu_ids_free(&elsewhere);
    }
    /* Fields not meant for search are not searched: a centre, a body. */
    assert_int_equal(nfound(fx.s, "Source"), 0);
    assert_int_equal(nfound(fx.s, "administration"), 0);
    for (int i = 0; i < 9; i++)
        free(ids[i]);
    free(body);
    free(body_pair);
    fx_close(&fx);
}

static void test_trash_and_edits(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *a = initiative(&fx, "Bricolage", "description=Réparer les grille-pain du quartier");
    struct error err;
    error_clear(&err);
    finds_only(fx.s, "grille-pain", a);

    assert_int_equal(record_delete(fx.s, a, &err), 0);
    assert_int_equal(nfound(fx.s, "grille-pain"), 0);
    assert_int_equal(nfound(fx.s, "bricolage"), 0);
    assert_int_equal(record_restore(fx.s, a, &err), 0);
    finds_only(fx.s, "grille-pain", a);

    /* After an edit the old words are gone and the new ones are there. */
    struct record *r = record_load(fx.s, a, &err);
    record_set(r, "description", "Réparer les vélos et les cafetières", NULL);
    record_set(r, "title", "Atelier réparation", NULL);
    assert_int_equal(record_update(fx.s, r, &err), 0);
    record_free(r);
    assert_int_equal(nfound(fx.s, "grille"), 0);
    assert_int_equal(nfound(fx.s, "bricolage"), 0);
    finds_only(fx.s, "cafetieres", a);
    finds_only(fx.s, "velos reparation", a);
    /* Another edit that leaves the text alone keeps it findable. */
    r = record_load(fx.s, a, &err);
    record_set(r, "status", "completed", NULL);
    assert_int_equal(record_update(fx.s, r, &err), 0);
    record_free(r);
    finds_only(fx.s, "cafetieres", a);

    /* Erasing blanks the long texts: they cannot be found in the trash or after. */
    assert_int_equal(record_erase(fx.s, a, &err), 0);
    assert_int_equal(record_restore(fx.s, a, &err), 0);
    assert_int_equal(nfound(fx.s, "cafetieres"), 0);
    finds_only(fx.s, "reparation", a);
    free(a);
    fx_close(&fx);
}

static void test_kind_filter_order_and_limit(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *ids[5];
    for (int i = 0; i < 4; i++) {
        char title[64];
        snprintf(title, sizeof title, "Ciné-débat numéro %d", i);
        ids[i] = initiative(&fx, title, NULL);
    }
    ids[4] = tu_create(fx.s, "action", "title=Ciné-débat sur le racisme", fx.centre_pair, "held_on=2024-01-20",
                       "kind=awareness", NULL);

    /* Most recently changed first. */
    struct tu_ids all = found(fx.s, "cine debat", NULL, 0);
    assert_int_equal(all.n, 5);
    for (int i = 0; i < 5; i++)
        assert_string_equal(all.v[i], ids[4 - i]);
    tu_ids_free(&all);
    struct error err;
    error_clear(&err);
    struct record *r = record_load(fx.s, ids[0], &err);
    free(tu_partner(fx.s, "Médiathèque", "commune"));
    record_set(r, "partners", "Médiathèque", NULL);
    assert_int_equal(record_update(fx.s, r, &err), 0);
    record_free(r);
    all = found(fx.s, "cine", NULL, 0);
    assert_string_equal(all.v[0], ids[0]);
    tu_ids_free(&all);

    struct tu_ids only = found(fx.s, "cine", "action", 0);
    assert_int_equal(only.n, 1);
    assert_string_equal(only.v[0], ids[4]);
    tu_ids_free(&only);
    only = found(fx.s, "cine", "initiative", 0);
    assert_int_equal(only.n, 4);
    tu_ids_free(&only);
    only = found(fx.s, "cine", "meeting", 0);
    assert_int_equal(only.n, 0);
    tu_ids_free(&only);

    struct tu_ids some = found(fx.s, "cine", NULL, 3);
    assert_int_equal(some.n, 3);
    assert_string_equal(some.v[0], ids[0]);
    assert_string_equal(some.v[1], ids[4]);
    assert_string_equal(some.v[2], ids[3]);
    tu_ids_free(&some);
    some = found(fx.s, "cine", "initiative", 2);
    assert_int_equal(some.n, 2);
    tu_ids_free(&some);
    /* The limit counts what is returned: deleted rows do not use it up. */
    assert_int_equal(record_delete(fx.s, ids[0], &err), 0);
    assert_int_equal(record_delete(fx.s, ids[4], &err), 0);
    some = found(fx.s, "cine", NULL, 3);
    assert_int_equal(some.n, 3);
    assert_int_equal(tu_ids_find(&some, ids[0]), -1);
    assert_int_equal(tu_ids_find(&some, ids[4]), -1);
    tu_ids_free(&some);
    for (int i = 0; i < 5; i++)
        free(ids[i]);
    fx_close(&fx);
}

static void test_query_text_filter(void **state)
{
    (void)state;
    struct fixture fx = fx_open();
    char *a = initiative(&fx, "Jardin partagé", "description=Des légumes pour l'épicerie solidaire");
    char *b = initiative(&fx, "Épicerie solidaire", "innovative=oui");
    char *c = initiative(&fx, "Bal populaire", NULL);
    char *d = tu_create(fx.s, "action", "title=Épicerie et accès aux droits", fx.centre_pair, "held_on=2024-01-20",
                        "kind=awareness", NULL);

    struct query q;
    query_init(&q, kind_find("initiative"));
    q.text = "epicerie";
    struct tu_ids ids = {0};
    struct error err;
    error_clear(&err);
    assert_int_equal(query_run(fx.s, &q, tu_collect, &ids, &err), 2);   /* not the action */
    assert_true(tu_ids_find(&ids, a) >= 0 && tu_ids_find(&ids, b) >= 0);
    tu_ids_free(&ids);
    assert_int_equal(query_count(fx.s, &q, &err), 2);

    /* With a filter, and with the trash. */
    assert_int_equal(query_where_add(&q, "innovative", "yes", &err), 0);
    assert_int_equal(query_run(fx.s, &q, tu_collect, &ids, &err), 1);
    assert_string_equal(ids.v[0], b);
    tu_ids_free(&ids);
    assert_int_equal(record_delete(fx.s, b, &err), 0);
    assert_int_equal(query_count(fx.s, &q, &err), 0);
    q.deleted = Q_TRASH;
    assert_int_equal(query_count(fx.s, &q, &err), 1);

    /* After an edit the list follows the new text. */
    struct record *r = record_load(fx.s, c, &err);
    record_set(r, "outcome", "Les bénéfices vont à l'épicerie", NULL);
    assert_int_equal(record_update(fx.s, r, &err), 0);
    record_free(r);
    query_init(&q, kind_find("initiative"));
    q.text = "EPICERIE";
    assert_int_equal(query_count(fx.s, &q, &err), 2);
    q.text = "populaire epicerie";
    assert_int_equal(query_run(fx.s, &q, tu_collect, &ids, &err), 1);
    assert_string_equal(ids.v[0], c);
    tu_ids_free(&ids);
    /* Text without a word filters nothing. */
    q.text = "  ";
    assert_int_equal(query_count(fx.s, &q, &err), 2);
    query_init(&q, kind_find("action"));
    q.text = "droits";
    assert_int_equal(query_count(fx.s, &q, &err), 1);
    free(a);
    free(b);
    free(c);
    free(d);
    fx_close(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expression),
        cmocka_unit_test(test_accents_and_case),
        cmocka_unit_test(test_every_searchable_field),
        cmocka_unit_test(test_trash_and_edits),
        cmocka_unit_test(test_kind_filter_order_and_limit),
        cmocka_unit_test(test_query_text_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
