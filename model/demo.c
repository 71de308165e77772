/* The demo generator. It writes through record_insert (the same columns,
 * clocks and triggers as every write) but skips per-record validation: its
 * values are made valid by construction, which keeps a million records
 * within a minute. Dates run from 1 January two years ago to today. */
#include "model/demo.h"
#include "model/partner.h"
#include "model/record_internal.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define BATCH_MS 80
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct rng {
    unsigned long long s;
};

static unsigned long long next(struct rng *r)
{
    unsigned long long z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int pick(struct rng *r, int n) { return (int)(next(r) % (unsigned long long)n); }
static int between(struct rng *r, int lo, int hi) { return lo + pick(r, hi - lo + 1); }
static bool chance(struct rng *r, int percent) { return pick(r, 100) < percent; }

static const char *const cities[] = {"Lyon", "Villeurbanne", "Vénissieux", "Grenoble", "Saint-Étienne", "Roubaix",
                                     "Toulouse", "Marseille", "Montpellier", "Nantes", "Rennes", "Strasbourg",
                                     "Besançon", "Clermont-Ferrand", "Amiens", "Limoges"};
static const char *const places[] = {"Les Tilleuls", "La Source", "Le Mas du Taureau", "Les Aubiers", "Bellevue",
                                     "Les Minguettes", "La Duchère", "Le Mirail", "Les Pyramides", "La Villeneuve",
                                     "Le Chemin Vert", "Les Provinces", "Saint-Jacques", "La Paillade", "Beaulieu",
                                     "Les Glonnières", "Planoise", "Croix-Rouge", "Les Hauts de Garonne", "L'Épeule"};
static const char *const initiative_titles[] = {
    "Jardin partagé", "Atelier cuisine du monde", "Repair café", "Sortie familles à la mer", "Café des parents",
    "Fête de quartier", "Aide aux devoirs", "Permanence numérique", "Ciné-débat", "Collecte solidaire",
    "Ateliers sociolinguistiques", "Marche exploratoire de femmes", "Chantier jeunes", "Troc de vêtements",
    "Potager sur le toit", "Bal populaire", "Journal de quartier", "Accueil des nouveaux habitants",
    "Groupe de parole des aidants", "Vélo-école", "Boîte à livres", "Chorale intergénérationnelle",
    "Épicerie solidaire", "Tournoi de football féminin", "Brunch des voisins", "Atelier théâtre"};
static const char *const descriptions[] = {
    "Des habitantes ont proposé l'idée lors du café des parents ; le centre accompagne la recherche d'un lieu.",
    "Un groupe de jeunes porte le projet avec l'appui de l'animatrice jeunesse ; réunion tous les mercredis.",
    "Projet co-construit avec le bailleur et l'association de locataires, pour recréer du lien entre voisins.",
    "Les bénévoles assurent l'accueil ; le centre met à disposition la salle et le matériel.",
    "Né d'une demande exprimée au comité d'usagers : « on veut un lieu à nous, ouvert le soir ».",
    "Initiative lancée après la marche exploratoire : améliorer l'éclairage et la sécurité du parc."};
static const char *const outcomes[] = {
    "Belle mobilisation, de nouveaux habitants se sont engagés comme bénévoles.",
    "Participation plus faible que prévu ; à relancer à la rentrée avec les écoles.",
    "Le groupe s'est constitué en association et a obtenu une subvention FDVA.",
    "Les participants demandent une deuxième édition ; égalité femmes-hommes au cœur des échanges."};
/* The first four are those difficulties inform. */
static const char *const partners[][2] = {
    {"CAF", "caf"}, {"Ville", "commune"}, {"Bailleur social", "bailleur"}, {"Département", "departement"},
    {"Médiathèque", "commune"}, {"Collège Jean Moulin", "ecole"}, {"Mission locale", "association"},
    {"Délégué du préfet", "etat"}, {"France Services", "etat"}, {"Boulangerie du marché", "entreprise"},
    {"Amicale des locataires", "autre"}};
static const char *const action_titles[] = {
    "Sensibilisation aux discriminations à l'embauche", "Formation des bénévoles à l'accueil inconditionnel",
    "Médiation avec un bailleur", "Permanence d'accès aux droits", "Exposition « Égalité femmes-hommes »",
    "Théâtre-forum sur le racisme ordinaire", "Orientation vers le Défenseur des droits",
    "Diagnostic des discriminations vécues dans le quartier", "Campagne d'affichage contre le sexisme",
    "Atelier CV anonyme et entretien d'embauche", "Débat « Laïcité et vivre ensemble »",
    "Accompagnement d'une victime de refus de location", "Formation des animateurs aux stéréotypes de genre"};
static const char *const topics[] = {"budget du centre", "projet social", "programmation d'été", "tarifs des activités",
                                     "rénovation des locaux", "fête de quartier", "bilan annuel", "accueil des jeunes",
                                     "horaires d'ouverture", "appel à projets politique de la Ville"};
static const char *const first_names[] = {"Amina", "Jean-Pierre", "Fatou", "Kévin", "Nadia", "Hélène", "Mohamed",
                                          "Chloé", "Yasmina", "Bernard", "Inès", "Théo", "Aïcha", "Françoise",
                                          "Mamadou", "Léa", "Rachid", "Océane", "Zoé", "Joël"};
static const char *const difficulty_summaries[] = {
    "Baisse de la subvention de fonctionnement", "Départ de la directrice non remplacé",
    "Conseil d'administration sans quorum depuis deux séances", "Dégât des eaux dans la salle polyvalente",
    "Tensions au sein de l'accueil jeunes", "Retard de versement de la prestation de service CAF"};
static const char *const theme_codes[] = {"solidarity", "citizenship", "secularism", "social_mixity", "associative_life",
                                          "youth", "parenting", "digital", "health", "culture", "environment",
                                          "access_to_rights", "employment", "housing", "education"};
static const char *const criterion_codes[] = {"origin", "sex", "family_situation", "physical_appearance",
                                              "economic_vulnerability", "surname", "place_of_residence", "health",
                                              "disability", "sexual_orientation", "gender_identity", "age",
                                              "language", "religion", "alleged_race", "nation"};

struct gen {
    struct store *s;
    struct rng rng;
    unsigned long seed;
    long done, total, pending;
    int64_t batch_start;       /* when the current transaction began (ms) */
    demo_progress_fn progress;
    void *ctx;
    int day0, ndays;           /* days since the epoch of the first date, and the span */
};

/* Days since 1970-01-01 and back (proleptic Gregorian). */
static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, char out[11])
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y + (m <= 2), m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

/* Demo ids: UUIDs in the v4 layout, made from the seed and a counter so
 * that they are reproducible and increase with the counter: each insert
 * then lands at the end of the id indexes instead of on a random page,
 * which is what makes a million records fast. */
static void gen_id(struct gen *g, struct record *r, long n)
{
    unsigned long long c = (unsigned long long)n;
    unsigned prefix = (unsigned)(g->seed * 2654435761UL) ^ 0xca4e7000u;
    snprintf(r->id, sizeof r->id, "%08x-%04llx-4%03llx-%04llx-%012llx", prefix, (c >> 36) & 0xffff,
             (c >> 24) & 0xfff, 0x8000 | ((c >> 12) & 0xfff), c & 0xfff);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void setf(struct record *r, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void setf(struct record *r, const char *field, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    record_set(r, field, buf, NULL);
}

/* Inserts r (its id already set), committing every BATCH records. Frees r. */
static int put(struct gen *g, struct record *r, bool counted, struct error *err)
{
    unsigned char clk[CLOCK_SIZE];
    char at[21];
    store_tick(g->s, clk);
    store_timestamp(g->s, at);
    int rc = record_insert(g->s, r, clk, store_login(g->s), at, err);
    record_free(r);
    if (rc != 0)
        return rc;
    if (counted)
        g->done++;
    /* A transaction holds the write lock: end it after about 80 ms, so that
     * other people writing to a shared store wait no longer than that. */
    if ((++g->pending & 255) == 0 && now_ms() - g->batch_start >= BATCH_MS) {
        g->pending = 0;
        if (store_commit(g->s, err) != 0 || store_begin(g->s, err) != 0)
            return err->code;
        g->batch_start = now_ms();
        if (g->progress)
            g->progress(g->done, g->total, g->ctx);
    }
    return 0;
}

static void random_date(struct gen *g, char out[11], int from_day, int span)
{
    civil_from_days(from_day + pick(&g->rng, span > 0 ? span : 1), out);
}

static char *pick_set(struct gen *g, const char *const *codes, int n, int most)
{
    struct strbuf b;
    strbuf_init(&b);
    int k = between(&g->rng, 1, most);
    for (int i = 0; i < k; i++) {
        if (b.len)
            strbuf_addc(&b, ',');
        strbuf_adds(&b, codes[pick(&g->rng, n)]);
    }
    return strbuf_detach(&b);
}

/* Sets normalised as record_check would: sorted, without duplicates. */
static void set_field(struct record *r, const char *field, char *raw)
{
    const char *why;
    char *v = field_normalise(kind_field(r->kind, field), raw, &why);
    record_set(r, field, v, NULL);
    free(v);
    free(raw);
}

int demo_generate(struct store *s, long records, unsigned long seed, demo_progress_fn progress, void *ctx,
                  struct error *err)
{
    if (records < 0)
        return error_add(err, ERR_INVALID, "--records: give a number of 0 or more");
    if (store_may_write(s, "territory", err) != 0)
        return err->code;
    struct gen g = {.s = s, .rng = {seed * 2654435761UL + 1}, .seed = seed, .total = records, .progress = progress, .ctx = ctx};
    char today[11];
    store_today(today);
    int ty, tm, td;
    sscanf(today, "%d-%d-%d", &ty, &tm, &td);
    g.day0 = days_from_civil(ty - 2, 1, 1);
    g.ndays = days_from_civil(ty, tm, td) - g.day0 + 1;

    int nterr = 6 + (int)(records / 20000), ncentres = 3 + (int)(records / 4000), npersons = 40 + (int)(records / 200);
    if (npersons > 5000)
        npersons = 5000;
    char **terr = xcalloc((size_t)nterr, sizeof *terr), **centre = xcalloc((size_t)ncentres, sizeof *centre);
    char **centre_terr = xcalloc((size_t)ncentres, sizeof *centre_terr);
    char **person = xcalloc((size_t)npersons, sizeof *person);
    int nbodies = 0, bodies_cap = ncentres * 5;
    char **body = xcalloc((size_t)bodies_cap, sizeof *body);
    char date[11], date2[11];
    long serial = 0;
    struct record *probe = record_new(kind_find("territory"));
    gen_id(&g, probe, 0);
    bool again = db_int(s, "SELECT count(*) FROM territory WHERE id = ?", probe->id) > 0;
    record_free(probe);
    if (again) {
        free(terr); free(centre); free(centre_terr); free(person); free(body);
        return error_add(err, ERR_INVALID, "--seed %lu: this store holds the demo data of that seed already; give another seed", seed);
    }
    store_bulk(s, true);
    g.batch_start = now_ms();
    int rc = store_begin(s, err);

    for (int i = 0; rc == 0 && i < nterr; i++) {
        struct record *r = record_new(kind_find("territory"));
        gen_id(&g, r, serial++);
        terr[i] = xstrdup(r->id);
        const char *place = places[i % N(places)];
        const char *city = cities[i % N(cities)];
        if (i < N(places))
            setf(r, "name", "%s", place);
        else
            setf(r, "name", "%s %d", place, i / N(places) + 1);
        setf(r, "city", "%s", city);
        if (i % 4 != 3)   /* most are priority neighbourhoods */
            setf(r, "qpv_code", "QN%03d%03dM", 1 + (i * 7) % 95, 100 + i);
        rc = put(&g, r, false, err);
    }
    for (int i = 0; rc == 0 && i < ncentres; i++) {
        struct record *r = record_new(kind_find("centre"));
        gen_id(&g, r, serial++);
        centre[i] = xstrdup(r->id);
        centre_terr[i] = terr[i % nterr];
        bool evs = i % 5 == 4;
        const char *place = places[i % N(places)];
        if (i < N(places))
            setf(r, "name", "%s %s", evs ? "Espace de vie sociale" : "Centre social", place);
        else
            setf(r, "name", "%s %s %d", evs ? "Espace de vie sociale" : "Centre social", place, i / N(places) + 1);
        setf(r, "kind", "%s", evs ? "evs" : "centre_social");
        setf(r, "city", "%s", cities[(i % nterr) % N(cities)]);
        setf(r, "territory", "%s", centre_terr[i]);
        rc = put(&g, r, false, err);
        static const char *const body_defs[][3] = {
            {"Assemblée générale", "general_assembly", "year"}, {"Conseil d'administration", "board", "month"},
            {"Bureau", "bureau", "month"}, {"Comité d'usagers", "users_committee", "quarter"},
            {"Conseil citoyen", "citizens_council", "quarter"}};
        for (int b = 0; rc == 0 && b < 5; b++) {
            struct record *rb = record_new(kind_find("body"));
            gen_id(&g, rb, serial++);
            body[nbodies++] = xstrdup(rb->id);
            setf(rb, "centre", "%s", centre[i]);
            setf(rb, "name", "%s", body_defs[b][0]);
            setf(rb, "kind", "%s", body_defs[b][1]);
            setf(rb, "meets_every", "%s", body_defs[b][2]);
            char *body_id = xstrdup(rb->id);
            rc = put(&g, rb, false, err);
            static const char *const colleges[] = {"inhabitants", "inhabitants", "inhabitants", "users",
                                                   "associations", "by_right", "partners", "inhabitants"};
            int nseats = b == 0 ? 0 : between(&g.rng, 5, 12);
            for (int k = 0; rc == 0 && k < nseats; k++) {
                struct record *rs = record_new(kind_find("seat"));
                gen_id(&g, rs, serial++);
                setf(rs, "body", "%s", body_id);
                setf(rs, "college", "%s", colleges[pick(&g.rng, N(colleges))]);
                setf(rs, "woman", "%d", chance(&g.rng, 55));
                setf(rs, "from_qpv", "%d", chance(&g.rng, 60));
                random_date(&g, date, g.day0, 365);
                setf(rs, "term_start", "%s", date);
                civil_from_days(days_from_civil(atoi(date), atoi(date + 5), atoi(date + 8)) + 3 * 365, date2);
                setf(rs, "term_end", "%s", date2);
                rc = put(&g, rs, false, err);
            }
            free(body_id);
        }
    }
    for (int i = 0; rc == 0 && i < npersons; i++) {
        struct record *r = record_new(kind_find("person"));
        gen_id(&g, r, serial++);
        person[i] = xstrdup(r->id);
        setf(r, "pseudonym", "%s %c.", first_names[pick(&g.rng, N(first_names))], 'A' + pick(&g.rng, 26));
        setf(r, "territory", "%s", terr[pick(&g.rng, nterr)]);
        static const char *const bands[] = {"under_18", "18_25", "26_59", "60_plus"};
        setf(r, "age_band", "%s", bands[pick(&g.rng, 4)]);
        random_date(&g, date, g.day0, g.ndays);
        setf(r, "consent_on", "%s", date);
        rc = put(&g, r, false, err);
    }

    /* Partners by their name's id, as the upgrade to version 7 makes them:
     * the demo of another seed names the same ones. */
    char partner[N(partners)][37];
    for (int i = 0; rc == 0 && i < N(partners); i++) {
        partner_name_id(partners[i][0], partner[i]);
        if (db_int(s, "SELECT count(*) FROM partner WHERE id = ?", partner[i]) > 0)
            continue;
        struct record *r = record_new(kind_find("partner"));
        memcpy(r->id, partner[i], sizeof r->id);
        setf(r, "name", "%s", partners[i][0]);
        setf(r, "type", "%s", partners[i][1]);
        rc = put(&g, r, false, err);
    }

    /* The logs: 35% initiatives, 30% sittings, 30% actions, 5% difficulties. */
    long n_init = records * 35 / 100, n_meet = records * 30 / 100, n_diff = records * 5 / 100;
    long n_act = records - n_init - n_meet - n_diff;
    for (long i = 0; rc == 0 && i < n_init; i++) {
        struct record *r = record_new(kind_find("initiative"));
        gen_id(&g, r, serial++);
        int c = pick(&g.rng, ncentres);
        setf(r, "title", "%s %s", initiative_titles[pick(&g.rng, N(initiative_titles))], places[c % N(places)]);
        setf(r, "centre", "%s", centre[c]);
        setf(r, "territory", "%s", centre_terr[c]);
        setf(r, "description", "%s", descriptions[pick(&g.rng, N(descriptions))]);
        static const char *const st[] = {"idea", "emerging", "ongoing", "ongoing", "completed", "completed", "abandoned"};
        const char *status = st[pick(&g.rng, N(st))];
        setf(r, "status", "%s", status);
        static const char *const cb[] = {"inhabitants", "inhabitants", "centre", "partners", "shared"};
        setf(r, "carried_by", "%s", cb[pick(&g.rng, N(cb))]);
        int start = g.day0 + (int)(i * g.ndays / (n_init ? n_init : 1));   /* logged over time */
        civil_from_days(start, date);
        setf(r, "started_on", "%s", date);
        if (!strcmp(status, "completed") || !strcmp(status, "abandoned")) {
            civil_from_days(start + between(&g.rng, 1, 120), date2);
            setf(r, "ended_on", "%s", date2);
            setf(r, "outcome", "%s", outcomes[pick(&g.rng, N(outcomes))]);
        }
        int inh = between(&g.rng, 2, 60);
        setf(r, "inhabitants_involved", "%d", inh);
        setf(r, "volunteers", "%d", between(&g.rng, 0, inh));
        setf(r, "volunteer_hours", "%d.5", between(&g.rng, 0, 400));
        int p1 = pick(&g.rng, N(partners)), p2 = pick(&g.rng, N(partners));
        set_field(r, "partners", xasprintf("%s,%s", partner[p1], partner[p2]));
        set_field(r, "themes", pick_set(&g, theme_codes, N(theme_codes), 3));
        setf(r, "innovative", "%d", chance(&g.rng, 20));
        rc = put(&g, r, true, err);
    }
    /* Sittings: each body in turn, on distinct dates (their ids are v5 of body and date). */
    long per_body = nbodies ? (n_meet + nbodies - 1) / nbodies : 0;
    int step = per_body ? (int)(g.ndays / per_body) : 1;
    if (step < 1)
        step = 1;
    for (long i = 0; rc == 0 && i < n_meet; i++) {
        struct record *r = record_new(kind_find("meeting"));
        int b = (int)(i % nbodies);
        long m = i / nbodies;
        civil_from_days(g.day0 + (int)(m * step) + b % step, date);
        if (m * step >= g.ndays)   /* more sittings than days: spill over before the span */
            civil_from_days(g.day0 - 1 - (int)(m * step - g.ndays), date);
        setf(r, "body", "%s", body[b]);
        setf(r, "held_on", "%s", date);
        record_natural_id(r, r->id);
        int att = between(&g.rng, 4, 40), inh = between(&g.rng, 0, att);
        setf(r, "attendees", "%d", att);
        setf(r, "inhabitants_present", "%d", inh);
        setf(r, "first_timers", "%d", between(&g.rng, 0, inh / 3));
        setf(r, "women", "%d", between(&g.rng, 0, att));
        setf(r, "under_26", "%d", between(&g.rng, 0, att / 2));
        setf(r, "from_qpv", "%d", between(&g.rng, 0, att));
        static const char *const lv[] = {"information", "consultation", "concertation", "co_construction", "co_decision"};
        setf(r, "participation_level", "%s", lv[pick(&g.rng, 5)]);
        setf(r, "topics", "%s ; %s", topics[pick(&g.rng, N(topics))], topics[pick(&g.rng, N(topics))]);
        setf(r, "decisions", "Validation à l'unanimité ; prochaine séance à fixer.");
        char *meeting_id = xstrdup(r->id);
        rc = put(&g, r, true, err);
        for (int k = 0; rc == 0 && i < 200 && k < 4; k++) {
            struct record *ra = record_new(kind_find("attendance"));
            setf(ra, "meeting", "%s", meeting_id);
            setf(ra, "person", "%s", person[(i * 4 + k) % npersons]);
            setf(ra, "present", "1");
            record_natural_id(ra, ra->id);
            rc = put(&g, ra, false, err);
        }
        free(meeting_id);
    }
    for (long i = 0; rc == 0 && i < n_act; i++) {
        struct record *r = record_new(kind_find("action"));
        gen_id(&g, r, serial++);
        int c = pick(&g.rng, ncentres);
        setf(r, "title", "%s", action_titles[pick(&g.rng, N(action_titles))]);
        setf(r, "centre", "%s", centre[c]);
        setf(r, "territory", "%s", centre_terr[c]);
        int day = g.day0 + (int)(i * g.ndays / (n_act ? n_act : 1));
        civil_from_days(day, date);
        setf(r, "held_on", "%s", date);
        static const char *const ak[] = {"awareness", "training", "mediation", "victim_support", "referral",
                                         "diagnosis", "partnership", "communication", "advocacy", "other"};
        setf(r, "kind", "%s", ak[pick(&g.rng, N(ak))]);
        set_field(r, "criteria", pick_set(&g, criterion_codes, N(criterion_codes), 2));
        static const char *const dm[] = {"employment", "housing", "education", "health", "public_services", "leisure", "other"};
        setf(r, "domain", "%s", dm[pick(&g.rng, N(dm))]);
        static const char *const au[] = {"children", "youth", "adults", "seniors", "families", "professionals", "mixed"};
        setf(r, "audience", "%s", au[pick(&g.rng, N(au))]);
        setf(r, "participants", "%d", between(&g.rng, 3, 80));
        setf(r, "partners", "%s", partner[pick(&g.rng, N(partners))]);
        if (chance(&g.rng, 40)) {
            setf(r, "follow_up", "Revoir les personnes accompagnées et faire le point avec le partenaire.");
            civil_from_days(day + between(&g.rng, 7, 90), date2);
            setf(r, "follow_up_due", "%s", date2);
        }
        if (chance(&g.rng, 50))
            setf(r, "outcome", "%s", outcomes[pick(&g.rng, N(outcomes))]);
        rc = put(&g, r, true, err);
    }
    for (long i = 0; rc == 0 && i < n_diff; i++) {
        struct record *r = record_new(kind_find("difficulty"));
        gen_id(&g, r, serial++);
        setf(r, "summary", "%s", difficulty_summaries[pick(&g.rng, N(difficulty_summaries))]);
        setf(r, "centre", "%s", centre[pick(&g.rng, ncentres)]);
        int day = g.day0 + (int)(i * g.ndays / (n_diff ? n_diff : 1));
        civil_from_days(day, date);
        setf(r, "raised_on", "%s", date);
        static const char *const dk[] = {"finance", "staffing", "governance", "premises", "safety", "partnership", "other"};
        setf(r, "kind", "%s", dk[pick(&g.rng, N(dk))]);
        static const char *const sv[] = {"low", "medium", "high"};
        setf(r, "severity", "%s", sv[pick(&g.rng, 3)]);
        int p1 = pick(&g.rng, 4), p2 = pick(&g.rng, 4);
        set_field(r, "partners_informed", xasprintf("%s,%s", partner[p1], partner[p2]));
        civil_from_days(day + between(&g.rng, 0, 10), date2);
        setf(r, "informed_on", "%s", date2);
        bool resolved = chance(&g.rng, 60);
        setf(r, "status", "%s", resolved ? "resolved" : "open");
        if (resolved) {
            civil_from_days(day + between(&g.rng, 10, 200), date2);
            setf(r, "resolved_on", "%s", date2);
        }
        setf(r, "follow_up", "Point d'étape avec les partenaires financeurs.");
        rc = put(&g, r, true, err);
    }
    if (rc == 0)
        rc = store_commit(s, err);
    else
        store_rollback(s);
    store_bulk(s, false);
    if (rc == 0 && progress)
        progress(g.done, g.total, ctx);
    for (int i = 0; i < nterr; i++)
        free(terr[i]);
    for (int i = 0; i < ncentres; i++)
        free(centre[i]);
    for (int i = 0; i < npersons; i++)
        free(person[i]);
    for (int i = 0; i < nbodies; i++)
        free(body[i]);
    free(terr);
    free(centre);
    free(centre_terr);
    free(person);
    free(body);
    return rc;
}
