/* The descriptors of every kind of record (DESIGN section 2): the one place
 * where a field is declared. Names are the contract (SQL, CLI, CSV, JSON);
 * labels are English and translated by gettext where they are shown. */
#include "model/kind.h"
#include "util/i18n.h"

#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct choice centre_kinds[] = {
    {"centre_social", N_("social centre")}, {"evs", N_("social living space (EVS)")},
    {"other", N_("other")}, {NULL, NULL}};
static const struct choice roles[] = {
    {"facilitator", N_("facilitator")}, {"manager", N_("manager (read-only)")},
    {"admin", N_("administrator")}, {NULL, NULL}};
static const struct choice body_kinds[] = {
    {"general_assembly", N_("general assembly")}, {"board", N_("board of directors")},
    {"bureau", N_("bureau")}, {"commission", N_("commission")},
    {"users_committee", N_("users' committee")}, {"citizens_council", N_("citizens' council")},
    {"steering_committee", N_("steering committee")}, {"other", N_("other")}, {NULL, NULL}};
static const struct choice periods[] = {
    {"none", N_("no fixed rhythm")}, {"month", N_("every month")},
    {"quarter", N_("every quarter")}, {"year", N_("every year")}, {NULL, NULL}};
static const struct choice colleges[] = {
    {"inhabitants", N_("inhabitants")}, {"users", N_("users")},
    {"associations", N_("associations")}, {"by_right", N_("members by right")},
    {"staff", N_("staff")}, {"partners", N_("partners")}, {NULL, NULL}};
static const struct choice age_bands[] = {
    {"under_18", N_("under 18")}, {"18_25", N_("18 to 25")},
    {"26_59", N_("26 to 59")}, {"60_plus", N_("60 and over")}, {NULL, NULL}};
static const struct choice initiative_statuses[] = {
    {"idea", N_("idea")}, {"emerging", N_("emerging")}, {"ongoing", N_("ongoing")},
    {"completed", N_("completed")}, {"abandoned", N_("abandoned")}, {NULL, NULL}};
static const struct choice carriers[] = {
    {"inhabitants", N_("inhabitants")}, {"centre", N_("the centre")},
    {"partners", N_("partners")}, {"shared", N_("shared")}, {NULL, NULL}};
static const struct choice participation_levels[] = {
    {"information", N_("information")}, {"consultation", N_("consultation")},
    {"concertation", N_("concertation")}, {"co_construction", N_("co-construction")},
    {"co_decision", N_("co-decision")}, {NULL, NULL}};
static const struct choice action_kinds[] = {
    {"awareness", N_("awareness")}, {"training", N_("training")},
    {"mediation", N_("mediation")}, {"victim_support", N_("victim support")},
    {"referral", N_("referral")}, {"diagnosis", N_("diagnosis")},
    {"partnership", N_("partnership")}, {"communication", N_("communication")},
    {"advocacy", N_("advocacy")}, {"other", N_("other")}, {NULL, NULL}};
static const struct choice domains[] = {
    {"employment", N_("employment")}, {"housing", N_("housing")},
    {"education", N_("education")}, {"health", N_("health")},
    {"public_services", N_("public services")}, {"leisure", N_("leisure")},
    {"other", N_("other")}, {NULL, NULL}};
static const struct choice audiences[] = {
    {"children", N_("children")}, {"youth", N_("young people")}, {"adults", N_("adults")},
    {"seniors", N_("seniors")}, {"families", N_("families")},
    {"professionals", N_("professionals")}, {"mixed", N_("mixed")}, {NULL, NULL}};
static const struct choice difficulty_kinds[] = {
    {"finance", N_("finance")}, {"staffing", N_("staffing")},
    {"governance", N_("governance")}, {"premises", N_("premises")},
    {"safety", N_("safety")}, {"partnership", N_("partnership")},
    {"other", N_("other")}, {NULL, NULL}};
static const struct choice severities[] = {
    {"low", N_("low")}, {"medium", N_("medium")}, {"high", N_("high")}, {NULL, NULL}};
/* A partner's type, the categories funders count partners by. */
static const struct choice partner_types[] = {
    {"commune", N_("Municipality")}, {"caf", N_("CAF")}, {"departement", N_("Département")},
    {"etat", N_("State")}, {"bailleur", N_("Social landlord")}, {"association", N_("Association")},
    {"ecole", N_("School")}, {"entreprise", N_("Company")}, {"autre", N_("Other")}, {NULL, NULL}};
static const struct choice difficulty_statuses[] = {
    {"open", N_("open")}, {"resolved", N_("resolved")}, {NULL, NULL}};

#define REQ F_REQUIRED
/* A field's default rule (dflt, dflt_value) ends its line when it has one;
 * the lines without one leave it zero (DFLT_NONE), which is what the
 * warning below would otherwise flag on every line. tests/unit/test_kinds.c
 * checks that no field misses the members before it (its since). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#define DFLT(v) DFLT_VALUE, v     /* a constant default */
#define TITLE (F_REQUIRED | F_FTS | F_SORT)

static const struct field territory_fields[] = {
    {"name", FT_TEXT, N_("Name"), F_REQUIRED | F_SORT, 120, NULL, NULL, NULL, NULL, 1},
    {"city", FT_TEXT, N_("City"), 0, 120, NULL, NULL, NULL, NULL, 1},
    {"qpv_code", FT_TEXT, N_("QPV code"), 0, 16, NULL, NULL, NULL, NULL, 1},
};
static const struct field centre_fields[] = {
    {"name", FT_TEXT, N_("Name"), F_REQUIRED | F_SORT, 120, NULL, NULL, NULL, NULL, 1},
    {"kind", FT_CHOICE, N_("Kind"), REQ, 0, centre_kinds, NULL, NULL, NULL, 1, DFLT("centre_social")},
    {"city", FT_TEXT, N_("City"), 0, 120, NULL, NULL, NULL, NULL, 1},
    {"territory", FT_REF, N_("Territory"), F_INDEXED, 0, NULL, "territory", NULL, NULL, 1},
};
static const struct field member_fields[] = {
    {"login", FT_TEXT, N_("Login"), F_REQUIRED | F_SORT | F_LOGIN, 32, NULL, NULL, NULL, NULL, 1},
    {"display_name", FT_TEXT, N_("Name"), 0, 120, NULL, NULL, NULL, NULL, 1},
    {"role", FT_CHOICE, N_("Role"), REQ, 0, roles, NULL, NULL, NULL, 1, DFLT("facilitator")},
    {"centre", FT_REF, N_("Centre"), 0, 0, NULL, "centre", NULL, NULL, 1},
};
static const struct field body_fields[] = {
    {"centre", FT_REF, N_("Centre"), F_REQUIRED | F_INDEXED, 0, NULL, "centre", NULL, NULL, 1, DFLT_MY_CENTRE},
    {"name", FT_TEXT, N_("Name"), F_REQUIRED | F_SORT, 120, NULL, NULL, NULL, NULL, 1},
    {"kind", FT_CHOICE, N_("Kind"), REQ, 0, body_kinds, NULL, NULL, NULL, 1, DFLT("general_assembly")},
    {"meets_every", FT_CHOICE, N_("Meets"), 0, 0, periods, NULL, NULL, NULL, 1},
    /* Where its rhythm's planned sittings start (governance.h). */
    {"first_sitting_on", FT_DATE, N_("First sitting on"), 0, 0, NULL, NULL, NULL, NULL, 5},
};
static const struct field seat_fields[] = {
    {"body", FT_REF, N_("Body"), F_REQUIRED | F_INDEXED, 0, NULL, "body", NULL, NULL, 1, DFLT_ONLY},
    {"college", FT_CHOICE, N_("College"), F_REQUIRED | F_SORT, 0, colleges, NULL, NULL, NULL, 1, DFLT("inhabitants")},
    {"holder", FT_REF, N_("Holder"), 0, 0, NULL, "person", NULL, NULL, 1},
    {"woman", FT_BOOL, N_("Woman"), 0, 0, NULL, NULL, NULL, NULL, 1},
    {"from_qpv", FT_BOOL, N_("From a QPV"), 0, 0, NULL, NULL, NULL, NULL, 1},
    {"term_start", FT_DATE, N_("Term starts"), 0, 0, NULL, NULL, NULL, NULL, 1},
    {"term_end", FT_DATE, N_("Term ends"), 0, 0, NULL, NULL, NULL, "term_start", 1},
};
static const struct field person_fields[] = {
    {"pseudonym", FT_TEXT, N_("Pseudonym"), F_REQUIRED | F_SORT | F_PERSONAL, 80, NULL, NULL, NULL, NULL, 1},
    {"territory", FT_REF, N_("Territory"), F_PERSONAL, 0, NULL, "territory", NULL, NULL, 1},
    {"age_band", FT_CHOICE, N_("Age band"), F_PERSONAL, 0, age_bands, NULL, NULL, NULL, 1},
    {"consent_on", FT_DATE, N_("Consent given on"), F_PERSONAL, 0, NULL, NULL, NULL, NULL, 1},
};
static const struct field criterion_fields[] = {
    {"code", FT_TEXT, N_("Code"), F_REQUIRED | F_SORT | F_CODE, 40, NULL, NULL, NULL, NULL, 1},
    {"label_fr", FT_TEXT, N_("French label"), REQ, 200, NULL, NULL, NULL, NULL, 1},
    {"label_en", FT_TEXT, N_("English label"), REQ, 200, NULL, NULL, NULL, NULL, 1},
    {"legal_ref", FT_TEXT, N_("Legal reference"), 0, 200, NULL, NULL, NULL, NULL, 1},
    {"valid_from", FT_DATE, N_("Valid from"), 0, 0, NULL, NULL, NULL, NULL, 1},
    {"valid_to", FT_DATE, N_("Valid until"), 0, 0, NULL, NULL, NULL, "valid_from", 1},
};
static const struct field theme_fields[] = {
    {"code", FT_TEXT, N_("Code"), F_REQUIRED | F_SORT | F_CODE, 40, NULL, NULL, NULL, NULL, 1},
    {"label_fr", FT_TEXT, N_("French label"), REQ, 200, NULL, NULL, NULL, NULL, 1},
    {"label_en", FT_TEXT, N_("English label"), REQ, 200, NULL, NULL, NULL, NULL, 1},
};
static const struct field initiative_fields[] = {
    {"title", FT_TEXT, N_("Title"), TITLE, 200, NULL, NULL, NULL, NULL, 1},
    {"centre", FT_REF, N_("Centre"), F_REQUIRED | F_INDEXED, 0, NULL, "centre", NULL, NULL, 1, DFLT_MY_CENTRE},
    {"territory", FT_REF, N_("Territory"), F_INDEXED, 0, NULL, "territory", NULL, NULL, 1},
    {"description", FT_LONGTEXT, N_("Description"), F_FTS, 10000, NULL, NULL, NULL, NULL, 1},
    {"status", FT_CHOICE, N_("Status"), F_REQUIRED | F_SORT, 0, initiative_statuses, NULL, NULL, NULL, 1, DFLT("idea")},
    {"carried_by", FT_CHOICE, N_("Carried by"), REQ, 0, carriers, NULL, NULL, NULL, 1, DFLT("inhabitants")},
    {"started_on", FT_DATE, N_("Started on"), F_REQUIRED | F_SORT, 0, NULL, NULL, NULL, NULL, 1, DFLT_TODAY},
    {"ended_on", FT_DATE, N_("Ended on"), 0, 0, NULL, NULL, NULL, "started_on", 1},
    {"inhabitants_involved", FT_INT, N_("Inhabitants involved"), 0, 1000000, NULL, NULL, NULL, NULL, 1},
    {"volunteers", FT_INT, N_("Volunteers"), 0, 1000000, NULL, NULL, NULL, NULL, 1},
    {"volunteer_hours", FT_REAL, N_("Volunteer hours"), 0, 10000000, NULL, NULL, NULL, NULL, 1},
    /* Free text until version 7, which made its names partners. */
    {"partners", FT_SET, N_("Partners"), F_INDEXED, 0, NULL, "partner", NULL, NULL, 1},
    {"themes", FT_SET, N_("Themes"), F_INDEXED, 0, NULL, "theme", NULL, NULL, 1},
    {"innovative", FT_BOOL, N_("Innovative"), 0, 0, NULL, NULL, NULL, NULL, 1},
    {"outcome", FT_LONGTEXT, N_("Outcome"), F_FTS, 10000, NULL, NULL, NULL, NULL, 1},
};
static const struct field meeting_fields[] = {
    {"body", FT_REF, N_("Body"), F_REQUIRED | F_INDEXED, 0, NULL, "body", NULL, NULL, 1, DFLT_ONLY},
    {"held_on", FT_DATE, N_("Held on"), F_REQUIRED | F_SORT, 0, NULL, NULL, NULL, NULL, 1, DFLT_TODAY},
    {"attendees", FT_INT, N_("Attendees"), 0, 100000, NULL, NULL, NULL, NULL, 1},
    {"inhabitants_present", FT_INT, N_("Inhabitants present"), 0, 100000, NULL, NULL, "attendees", NULL, 1},
    {"first_timers", FT_INT, N_("First-timers"), 0, 100000, NULL, NULL, "inhabitants_present", NULL, 1},
    {"women", FT_INT, N_("Women"), 0, 100000, NULL, NULL, "attendees", NULL, 1},
    {"under_26", FT_INT, N_("Under 26"), 0, 100000, NULL, NULL, "attendees", NULL, 1},
    {"from_qpv", FT_INT, N_("From a QPV"), 0, 100000, NULL, NULL, "attendees", NULL, 1},
    {"participation_level", FT_CHOICE, N_("Participation level"), 0, 0, participation_levels, NULL, NULL, NULL, 1},
    {"topics", FT_TEXT, N_("Topics"), F_FTS, 500, NULL, NULL, NULL, NULL, 1},
    {"decisions", FT_LONGTEXT, N_("Decisions"), F_FTS, 10000, NULL, NULL, NULL, NULL, 1},
    {"notes", FT_LONGTEXT, N_("Notes"), F_FTS, 10000, NULL, NULL, NULL, NULL, 1},
};
static const struct field attendance_fields[] = {
    {"meeting", FT_REF, N_("Sitting"), F_REQUIRED | F_INDEXED, 0, NULL, "meeting", NULL, NULL, 1},
    {"person", FT_REF, N_("Person"), F_REQUIRED | F_INDEXED | F_SORT, 0, NULL, "person", NULL, NULL, 1},
    {"present", FT_BOOL, N_("Present"), 0, 0, NULL, NULL, NULL, NULL, 1},
};
static const struct field action_fields[] = {
    {"title", FT_TEXT, N_("Title"), TITLE, 200, NULL, NULL, NULL, NULL, 1},
    {"centre", FT_REF, N_("Centre"), F_REQUIRED | F_INDEXED, 0, NULL, "centre", NULL, NULL, 1, DFLT_MY_CENTRE},
    {"territory", FT_REF, N_("Territory"), F_INDEXED, 0, NULL, "territory", NULL, NULL, 1},
    {"held_on", FT_DATE, N_("Held on"), F_REQUIRED | F_SORT, 0, NULL, NULL, NULL, NULL, 1, DFLT_TODAY},
    {"kind", FT_CHOICE, N_("Kind"), F_REQUIRED | F_SORT, 0, action_kinds, NULL, NULL, NULL, 1, DFLT("awareness")},
    {"criteria", FT_SET, N_("Criteria"), F_INDEXED, 0, NULL, "criterion", NULL, NULL, 1},
    {"domain", FT_CHOICE, N_("Domain"), 0, 0, domains, NULL, NULL, NULL, 1},
    {"audience", FT_CHOICE, N_("Audience"), 0, 0, audiences, NULL, NULL, NULL, 1},
    {"participants", FT_INT, N_("Participants"), 0, 1000000, NULL, NULL, NULL, NULL, 1},
    {"partners", FT_SET, N_("Partners"), F_INDEXED, 0, NULL, "partner", NULL, NULL, 1},
    {"follow_up", FT_LONGTEXT, N_("Follow-up"), F_FTS, 10000, NULL, NULL, NULL, NULL, 1},
    {"follow_up_due", FT_DATE, N_("Follow-up due"), 0, 0, NULL, NULL, NULL, "held_on", 1},
    {"outcome", FT_LONGTEXT, N_("Outcome"), F_FTS, 10000, NULL, NULL, NULL, NULL, 1},
};
static const struct field difficulty_fields[] = {
    {"summary", FT_TEXT, N_("Summary"), TITLE, 200, NULL, NULL, NULL, NULL, 2},
    {"centre", FT_REF, N_("Centre"), F_REQUIRED | F_INDEXED, 0, NULL, "centre", NULL, NULL, 2, DFLT_MY_CENTRE},
    {"raised_on", FT_DATE, N_("Raised on"), F_REQUIRED | F_SORT, 0, NULL, NULL, NULL, NULL, 2, DFLT_TODAY},
    {"kind", FT_CHOICE, N_("Kind"), REQ, 0, difficulty_kinds, NULL, NULL, NULL, 2, DFLT("finance")},
    {"severity", FT_CHOICE, N_("Severity"), REQ, 0, severities, NULL, NULL, NULL, 2, DFLT("low")},
    /* Free names until version 7, which made them partners. */
    {"partners_informed", FT_SET, N_("Partners informed"), F_INDEXED, 0, NULL, "partner", NULL, NULL, 2},
    {"informed_on", FT_DATE, N_("Informed on"), 0, 0, NULL, NULL, NULL, "raised_on", 2},
    {"status", FT_CHOICE, N_("Status"), F_REQUIRED | F_SORT, 0, difficulty_statuses, NULL, NULL, NULL, 2, DFLT("open")},
    {"resolved_on", FT_DATE, N_("Resolved on"), 0, 0, NULL, NULL, NULL, "raised_on", 2},
    {"follow_up", FT_LONGTEXT, N_("Follow-up"), F_FTS, 10000, NULL, NULL, NULL, NULL, 2},
};
/* A partner of the centres (the city, the CAF, an association...): what
 * initiatives, actions and difficulties name in their sets. No centre of
 * its own: the CAF or the city is a partner of every centre of a dataset. */
static const struct field partner_fields[] = {
    {"name", FT_TEXT, N_("Name"), F_REQUIRED | F_SORT | F_FTS, 120, NULL, NULL, NULL, NULL, 7},
    {"type", FT_CHOICE, N_("Type"), F_REQUIRED | F_SORT, 0, partner_types, NULL, NULL, NULL, 7, DFLT("autre")},
};
#pragma GCC diagnostic pop

#define KIND(var, name, label, plural, fields, date, title, key, flags, since) \
    static const struct kind var = {name, label, plural, fields, COUNT(fields), date, title, key, flags, since};

KIND(k_territory, "territory", N_("territory"), N_("territories"), territory_fields, NULL, "name", NULL, K_ADMIN, 1)
KIND(k_centre, "centre", N_("centre"), N_("centres"), centre_fields, NULL, "name", NULL, K_ADMIN, 1)
KIND(k_member, "member", N_("member"), N_("members"), member_fields, NULL, "login", "login", K_ADMIN, 1)
KIND(k_body, "body", N_("body"), N_("bodies"), body_fields, NULL, "name", NULL, 0, 1)
KIND(k_seat, "seat", N_("seat"), N_("seats"), seat_fields, NULL, "college", NULL, 0, 1)
KIND(k_person, "person", N_("person"), N_("people"), person_fields, NULL, "pseudonym", NULL, 0, 1)
KIND(k_criterion, "criterion", N_("criterion"), N_("criteria"), criterion_fields, NULL, "code", "code", K_ADMIN | K_SEEDED, 1)
KIND(k_theme, "theme", N_("theme"), N_("themes"), theme_fields, NULL, "code", "code", K_ADMIN | K_SEEDED, 1)
KIND(k_initiative, "initiative", N_("initiative"), N_("initiatives"), initiative_fields, "started_on", "title", NULL, K_LOG, 1)
KIND(k_meeting, "meeting", N_("sitting"), N_("sittings"), meeting_fields, "held_on", "held_on", "body,held_on", K_LOG, 1)
KIND(k_attendance, "attendance", N_("attendance"), N_("attendances"), attendance_fields, NULL, "person", "meeting,person", 0, 1)
KIND(k_action, "action", N_("action"), N_("actions"), action_fields, "held_on", "title", NULL, K_LOG, 1)
KIND(k_difficulty, "difficulty", N_("difficulty"), N_("difficulties"), difficulty_fields, "raised_on", "summary", NULL, K_LOG, 2)
KIND(k_partner, "partner", N_("partner"), N_("partners"), partner_fields, NULL, "name", NULL, 0, 7)

const struct kind *const kinds[] = {
    &k_territory, &k_centre, &k_member, &k_body, &k_seat, &k_person, &k_criterion,
    &k_theme, &k_initiative, &k_meeting, &k_attendance, &k_action, &k_difficulty, &k_partner, NULL,
};
const int kinds_count = COUNT(kinds) - 1;

const struct kind *kind_find(const char *name)
{
    for (int i = 0; kinds[i]; i++)
        if (name && strcmp(kinds[i]->name, name) == 0)
            return kinds[i];
    return NULL;
}

int kind_number(const struct kind *k)
{
    for (int i = 0; kinds[i]; i++)
        if (kinds[i] == k)
            return i;
    return -1;
}

int kind_field_index(const struct kind *k, const char *name)
{
    for (int i = 0; i < k->nfields; i++)
        if (name && strcmp(k->fields[i].name, name) == 0)
            return i;
    return -1;
}

const struct field *kind_field(const struct kind *k, const char *name)
{
    int i = kind_field_index(k, name);
    return i < 0 ? NULL : &k->fields[i];
}

const char *field_choice_label(const struct field *f, const char *code)
{
    for (const struct choice *c = f->choices; c && c->code; c++)
        if (code && strcmp(c->code, code) == 0)
            return c->label;
    return NULL;
}

const char *kind_set_key(const struct kind *k)
{
    return k->natural_key && !strchr(k->natural_key, ',') ? k->natural_key : "id";
}

const struct field *kind_sort_field(const struct kind *k)
{
    return kind_field(k, k->date_field ? k->date_field : k->title_field);
}

const char *field_type_name(enum field_type t)
{
    static const char *const names[] = {
        [FT_TEXT] = N_("text"), [FT_LONGTEXT] = N_("long text"), [FT_INT] = N_("count"),
        [FT_REAL] = N_("number"), [FT_BOOL] = N_("yes/no"), [FT_DATE] = N_("date"),
        [FT_CHOICE] = N_("choice"), [FT_SET] = N_("set"), [FT_REF] = N_("reference"),
    };
    return names[t];
}
