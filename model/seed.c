/* Reference data seeded by the migrations: the legal discrimination criteria
 * (Code pénal, article 225-1 with its 24 criteria since 1 September 2022,
 * plus 225-1-1 and 225-1-2) and the themes. Data, dated, not logic: C code
 * never tests a criterion's code. Seeds carry the zero clock, so that every
 * replica seeds identical rows and any later edit wins. */
#include "model/record_internal.h"
#include "util/xalloc.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct seed_criterion {
    const char *code, *fr, *en, *ref, *from;
};

static const struct seed_criterion criteria[] = {
    {"origin", "Origine", "Origin", "Code pénal, art. 225-1", "1994-03-01"},
    {"sex", "Sexe", "Sex", "Code pénal, art. 225-1", "1994-03-01"},
    {"family_situation", "Situation de famille", "Family situation", "Code pénal, art. 225-1", "1994-03-01"},
    {"pregnancy", "Grossesse", "Pregnancy", "Code pénal, art. 225-1", "2006-03-24"},
    {"physical_appearance", "Apparence physique", "Physical appearance", "Code pénal, art. 225-1", "2001-11-17"},
    {"economic_vulnerability", "Particulière vulnérabilité résultant de la situation économique",
     "Particular vulnerability resulting from economic situation", "Code pénal, art. 225-1", "2016-06-26"},
    {"surname", "Patronyme", "Surname", "Code pénal, art. 225-1", "2001-11-17"},
    {"place_of_residence", "Lieu de résidence", "Place of residence", "Code pénal, art. 225-1", "2014-02-23"},
    {"health", "État de santé", "State of health", "Code pénal, art. 225-1", "1994-03-01"},
    {"loss_of_autonomy", "Perte d'autonomie", "Loss of autonomy", "Code pénal, art. 225-1", "2015-12-30"},
    {"disability", "Handicap", "Disability", "Code pénal, art. 225-1", "1994-03-01"},
    {"genetic_characteristics", "Caractéristiques génétiques", "Genetic characteristics", "Code pénal, art. 225-1", "2002-03-05"},
    {"morals", "Mœurs", "Morals (lifestyle)", "Code pénal, art. 225-1", "1994-03-01"},
    {"sexual_orientation", "Orientation sexuelle", "Sexual orientation", "Code pénal, art. 225-1", "2001-11-17"},
    {"gender_identity", "Identité de genre", "Gender identity", "Code pénal, art. 225-1", "2016-11-20"},
    {"age", "Âge", "Age", "Code pénal, art. 225-1", "2001-11-17"},
    {"political_opinions", "Opinions politiques", "Political opinions", "Code pénal, art. 225-1", "1994-03-01"},
    {"trade_union_activities", "Activités syndicales", "Trade union activities", "Code pénal, art. 225-1", "1994-03-01"},
    {"whistleblower", "Qualité de lanceur d'alerte, de facilitateur ou de personne en lien avec un lanceur d'alerte",
     "Being a whistleblower, a facilitator or a person connected to one", "Code pénal, art. 225-1", "2022-09-01"},
    {"language", "Capacité à s'exprimer dans une langue autre que le français",
     "Ability to speak a language other than French", "Code pénal, art. 225-1", "2016-11-20"},
    {"ethnicity", "Appartenance ou non-appartenance, vraie ou supposée, à une ethnie",
     "Membership or non-membership, real or supposed, of an ethnic group", "Code pénal, art. 225-1", "1994-03-01"},
    {"nation", "Appartenance ou non-appartenance, vraie ou supposée, à une Nation",
     "Membership or non-membership, real or supposed, of a nation", "Code pénal, art. 225-1", "1994-03-01"},
    {"alleged_race", "Appartenance ou non-appartenance, vraie ou supposée, à une prétendue race",
     "Membership or non-membership, real or supposed, of a so-called race", "Code pénal, art. 225-1", "1994-03-01"},
    {"religion", "Appartenance ou non-appartenance, vraie ou supposée, à une religion déterminée",
     "Membership or non-membership, real or supposed, of a given religion", "Code pénal, art. 225-1", "1994-03-01"},
    {"sexual_harassment", "Avoir subi ou refusé de subir des faits de harcèlement sexuel, ou en avoir témoigné",
     "Having suffered or refused sexual harassment, or testified to it", "Code pénal, art. 225-1-1", "2012-08-08"},
    {"hazing", "Avoir subi ou refusé de subir des faits de bizutage, ou en avoir témoigné",
     "Having suffered or refused hazing, or testified to it", "Code pénal, art. 225-1-2", "2017-01-29"},
};

static const char *const themes[][3] = {
    {"solidarity", "Solidarité", "Solidarity"},
    {"citizenship", "Citoyenneté", "Citizenship"},
    {"secularism", "Laïcité", "Secularism"},
    {"social_mixity", "Mixité sociale", "Social mixity"},
    {"associative_life", "Vie associative", "Associative life"},
    {"youth", "Jeunesse", "Youth"},
    {"parenting", "Parentalité", "Parenting"},
    {"digital", "Numérique", "Digital"},
    {"health", "Santé", "Health"},
    {"culture", "Culture", "Culture"},
    {"environment", "Environnement", "Environment"},
    {"access_to_rights", "Accès aux droits", "Access to rights"},
    {"employment", "Emploi", "Employment"},
    {"housing", "Logement", "Housing"},
    {"education", "Éducation", "Education"},
};

static int insert_seed(struct store *s, struct record *r, const unsigned char *clk, struct error *err)
{
    record_natural_id(r, r->id);
    int rc = record_insert(s, r, clk, "carnet", "1970-01-01T00:00:00Z", err);
    record_free(r);
    return rc;
}

/* The creator of a new store is its first administrator. */
static int seed_creator(struct store *s, struct error *err)
{
    struct record *r = record_new(kind_find("member"));
    record_set(r, "login", s->login, NULL);
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_gecos && *pw->pw_gecos) {
        char *name = xstrndup(pw->pw_gecos, strcspn(pw->pw_gecos, ","));
        record_set(r, "display_name", name, NULL);
        free(name);
    }
    record_set(r, "role", "admin", NULL);
    unsigned char clk[CLOCK_SIZE];
    char at[21];
    store_tick(s, clk);
    store_timestamp(s, at);
    record_natural_id(r, r->id);
    int rc = record_insert(s, r, clk, s->login, at, err);
    record_free(r);
    return rc;
}

int seed_insert(struct store *s, int version, struct error *err)
{
    if (version != 1)
        return 0;
    unsigned char zero[CLOCK_SIZE] = {0};
    for (size_t i = 0; i < sizeof criteria / sizeof criteria[0]; i++) {
        struct record *r = record_new(kind_find("criterion"));
        record_set(r, "code", criteria[i].code, NULL);
        record_set(r, "label_fr", criteria[i].fr, NULL);
        record_set(r, "label_en", criteria[i].en, NULL);
        record_set(r, "legal_ref", criteria[i].ref, NULL);
        record_set(r, "valid_from", criteria[i].from, NULL);
        if (insert_seed(s, r, zero, err) != 0)
            return err->code;
    }
    for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++) {
        struct record *r = record_new(kind_find("theme"));
        record_set(r, "code", themes[i][0], NULL);
        record_set(r, "label_fr", themes[i][1], NULL);
        record_set(r, "label_en", themes[i][2], NULL);
        if (insert_seed(s, r, zero, err) != 0)
            return err->code;
    }
    return seed_creator(s, err);
}
