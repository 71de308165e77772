/* The indicators of the yearly report, described once (model/indicators.h).
 * One row per figure or breakdown, in the report's order. The SQL runs
 * over the kind's table aliased t with :from, :to and :today bound to ISO
 * dates; the scope (centre, live records, the window's dates) is added by
 * the caller the way a list filter is. To add a figure, add its row here
 * (and the French of its label to po/fr.po). */
#include "model/indicators.h"
#include "util/i18n.h"

#include <stddef.h>

/* An uncorrelated IN, which SQLite and PostgreSQL both run once per query
 * (a correlated EXISTS would run once per record on the hub). */
#define QPV_SQL \
    "count(*) FILTER (WHERE t.territory IN (SELECT x.id FROM territory x WHERE x.deleted = 0 " \
    "AND coalesce(x.qpv_code, '') <> ''))"
#define DAYS_SQL "julianday(t.informed_on) - julianday(t.raised_on)"

/* The Dashboard's lines name their figures by code: {started} is the
 * number, {bodies+} the number followed by the figure's unit in the
 * singular or the plural as the number wants it ("1 body", "2 bodies"). */
const struct ind_section_def ind_section_defs[] = {
    {"initiatives", N_("1. Local initiatives"),
     /* xgettext:no-c-format */
     N_("Initiatives: {started} started ({active} active), {innovative} innovative, {inhabitants_involved+}, "
        "{volunteers+}, {volunteer_hours} h, in a QPV {in_qpv_share}%")},
    {"governance", N_("2. Participation of inhabitants in governance"),
     /* xgettext:no-c-format */
     N_("Governance: {bodies+}, {sittings+} ({planned_held} of {planned} planned held), avg. {avg_attendees} "
        "present, inhabitants hold {inhabitants_share}% of seats, {councils_few_inhabitants+} below 50%")},
    {"actions", N_("3. Actions against discrimination"),
     N_("Actions: {held} held, {participants+}, follow-ups {follow_ups_open} open, {follow_ups_past_due} past due")},
    {"difficulties", N_("4. Difficulties and partners informed"),
     N_("Difficulties: {raised} raised, {open} open ({open_high} high), {resolved} resolved, partners informed for "
        "{informed+}, in {avg_days_to_inform+} on average")},
    {"monthly", N_("5. Activity per month"), NULL},
    {NULL, NULL, NULL},
};

const struct ind_def ind_defs[] = {
    {"initiatives", "started", N_("Initiatives started in the year"), NN_("unit", "initiative", "initiatives"),
     IND_COUNT, "initiative", IND_IN_YEAR, "count(*)", NULL, NULL, 0},
    {"initiatives", "active", N_("Initiatives active during the year"), NN_("unit", "initiative", "initiatives"),
     IND_COUNT, "initiative", IND_BY_END, "count(*) FILTER (WHERE t.ended_on IS NULL OR t.ended_on >= :from)", NULL, NULL, 0},
    {"initiatives", "innovative", N_("Innovative initiatives (started in the year)"),
     NN_("unit", "initiative", "initiatives"), IND_COUNT, "initiative", IND_IN_YEAR, "count(*) FILTER (WHERE t.innovative = 1)", NULL,
     NULL, 0},
    {"initiatives", "inhabitants_involved", N_("Inhabitants involved"), NN_("unit", "inhabitant", "inhabitants"),
     IND_COUNT, "initiative", IND_IN_YEAR, "total(t.inhabitants_involved)", NULL, NULL, 0},
    {"initiatives", "volunteers", N_("Volunteers"), NN_("unit", "volunteer", "volunteers"), IND_COUNT, "initiative",
     IND_IN_YEAR, "total(t.volunteers)", NULL, NULL, 0},
    {"initiatives", "volunteer_hours", N_("Volunteer hours"), NN_("unit", "hour", "hours"), IND_REAL, "initiative",
     IND_IN_YEAR, "total(t.volunteer_hours)", NULL, NULL, 0},
    {"initiatives", "with_territory", "", NULL, "", IND_COUNT, "initiative", IND_IN_YEAR,
     "count(*) FILTER (WHERE t.territory IS NOT NULL)", NULL, NULL, IND_INTERNAL},
    {"initiatives", "in_qpv", N_("Initiatives in a QPV territory"), NN_("unit", "initiative", "initiatives"),
     IND_COUNT, "initiative", IND_IN_YEAR, QPV_SQL, NULL, NULL, 0},
    {"initiatives", "in_qpv_share", N_("Share in QPV territories"), NULL, "%", IND_SHARE, "initiative", IND_IN_YEAR,
     NULL, "in_qpv", "started", 0},

    {"governance", "bodies", N_("Governance bodies"), NN_("unit", "body", "bodies"), IND_COUNT, "body",
     IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "composition_date", N_("Compositions counted on"), NULL, "", IND_TEXT, "seat", IND_GOVERNANCE,
     NULL, NULL, NULL, 0},
    {"governance", "seats", N_("Seats"), NN_("unit", "seat", "seats"), IND_COUNT, "seat", IND_GOVERNANCE, NULL, NULL,
     NULL, 0},
    {"governance", "seats_inhabitants", "", NULL, "", IND_COUNT, "seat", IND_GOVERNANCE, NULL, NULL, NULL,
     IND_INTERNAL},
    {"governance", "seats_women", "", NULL, "", IND_COUNT, "seat", IND_GOVERNANCE, NULL, NULL, NULL, IND_INTERNAL},
    {"governance", "seats_qpv", "", NULL, "", IND_COUNT, "seat", IND_GOVERNANCE, NULL, NULL, NULL, IND_INTERNAL},
    {"governance", "inhabitants_share", N_("Share of seats held by inhabitants"), NULL, "%", IND_SHARE, "seat",
     IND_GOVERNANCE, NULL, "seats_inhabitants", "seats", 0},
    {"governance", "women_share", N_("Share of seats held by women"), NULL, "%", IND_SHARE, "seat", IND_GOVERNANCE,
     NULL, "seats_women", "seats", 0},
    {"governance", "qpv_share", N_("Share of seats held by people from a QPV"), NULL, "%", IND_SHARE, "seat",
     IND_GOVERNANCE, NULL, "seats_qpv", "seats", 0},
    {"governance", "sittings", N_("Sittings held in the year"), NN_("unit", "sitting", "sittings"), IND_COUNT,
     "meeting", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "planned", N_("Sittings planned by the bodies' rhythm"), NN_("unit", "sitting", "sittings"),
     IND_COUNT, "meeting", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "planned_held", N_("Planned sittings held"), NN_("unit", "sitting", "sittings"), IND_COUNT,
     "meeting", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "avg_attendees", N_("Average attendance per sitting"), NN_("unit", "person", "people"), IND_REAL,
     "meeting", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "avg_inhabitants", N_("Average inhabitants present per sitting"), NN_("unit", "person", "people"),
     IND_REAL, "meeting", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "first_timers", N_("Inhabitants at their first sitting"), NN_("unit", "person", "people"),
     IND_COUNT, "meeting", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "councils", N_("Citizens' councils"), NN_("unit", "citizens' council", "citizens' councils"),
     IND_COUNT, "body", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "councils_few_inhabitants", N_("Citizens' councils below 50% inhabitants"),
     NN_("unit", "citizens' council", "citizens' councils"), IND_COUNT, "body", IND_GOVERNANCE, NULL, NULL, NULL, 0},
    {"governance", "councils_no_parity", N_("Citizens' councils without gender parity"),
     NN_("unit", "citizens' council", "citizens' councils"), IND_COUNT, "body", IND_GOVERNANCE, NULL, NULL, NULL, 0},

    {"actions", "held", N_("Actions held in the year"), NN_("unit", "action", "actions"), IND_COUNT, "action",
     IND_IN_YEAR, "count(*)", NULL, NULL, 0},
    {"actions", "participants", N_("Participants reached"), NN_("unit", "participant", "participants"), IND_COUNT,
     "action", IND_IN_YEAR, "total(t.participants)", NULL, NULL, 0},
    {"actions", "follow_ups", N_("Follow-ups planned"), NN_("unit", "action", "actions"), IND_COUNT, "action",
     IND_IN_YEAR, "count(t.follow_up_due)", NULL, NULL, 0},
    {"actions", "follow_ups_open", N_("Follow-ups open"), NN_("unit", "action", "actions"), IND_COUNT, "action",
     IND_IN_YEAR,
     "count(*) FILTER (WHERE t.follow_up_due IS NOT NULL AND (t.follow_up_due >= :today OR coalesce(t.outcome, '') = ''))", NULL, NULL,
     0},
    {"actions", "follow_ups_past_due", N_("Follow-ups past due"), NN_("unit", "action", "actions"), IND_COUNT,
     "action", IND_IN_YEAR, "count(*) FILTER (WHERE t.follow_up_due < :today AND coalesce(t.outcome, '') = '')", NULL, NULL, 0},

    {"difficulties", "raised", N_("Difficulties raised in the year"), NN_("unit", "difficulty", "difficulties"),
     IND_COUNT, "difficulty", IND_IN_YEAR, "count(*)", NULL, NULL, 0},
    {"difficulties", "open", N_("Difficulties still open"), NN_("unit", "difficulty", "difficulties"), IND_COUNT,
     "difficulty", IND_OPEN, "count(*)", NULL, NULL, 0},
    {"difficulties", "open_high", N_("of which of high severity"), NN_("unit", "difficulty", "difficulties"),
     IND_COUNT, "difficulty", IND_OPEN, "count(*) FILTER (WHERE t.severity = 'high')", NULL, NULL, 0},
    {"difficulties", "resolved", N_("Difficulties resolved in the year"), NN_("unit", "difficulty", "difficulties"),
     IND_COUNT, "difficulty", IND_EVER, "count(*) FILTER (WHERE t.status = 'resolved' AND t.resolved_on BETWEEN :from AND :to)", NULL,
     NULL, 0},
    {"difficulties", "informed", N_("Raised in the year with partners informed"),
     NN_("unit", "difficulty", "difficulties"), IND_COUNT, "difficulty", IND_IN_YEAR,
     "count(*) FILTER (WHERE t.partners_informed IS NOT NULL)", NULL, NULL, 0},
    {"difficulties", "informed_share", N_("Share with partners informed"), NULL, "%", IND_SHARE, "difficulty",
     IND_IN_YEAR, NULL, "informed", "raised", 0},
    {"difficulties", "informed_dated", "", NULL, "", IND_COUNT, "difficulty", IND_IN_YEAR, "count(t.informed_on)",
     NULL, NULL, IND_INTERNAL},
    {"difficulties", "avg_days_to_inform", N_("Average time to inform partners"), NN_("unit", "day", "days"),
     IND_REAL, "difficulty", IND_IN_YEAR, "avg(" DAYS_SQL ")", NULL, NULL, 0},
    {"difficulties", "max_days_to_inform", N_("Longest time to inform partners"), NN_("unit", "day", "days"),
     IND_COUNT, "difficulty", IND_IN_YEAR, "max(" DAYS_SQL ")", NULL, NULL, IND_HIDE_UNKNOWN},
    {NULL, NULL, NULL, NULL, NULL, IND_COUNT, NULL, IND_IN_YEAR, NULL, NULL, NULL, 0},
};

const struct ind_breakdown_def ind_breakdown_defs[] = {
    {"initiatives", "by_status", N_("By status"), NULL, "", "initiative", IND_IN_YEAR, "status", IND_CHOICES, NULL,
     false},
    {"initiatives", "by_carried_by", N_("Carried by"), NULL, "", "initiative", IND_IN_YEAR, "carried_by", IND_CHOICES,
     NULL, false},
    {"initiatives", "by_theme", N_("By theme (an initiative may have several)"), NULL, "", "initiative", IND_IN_YEAR,
     "themes", IND_CODES, "theme", false},
    {"initiatives", "partners_by_type", N_("Partners of the initiatives, by type"), NN_("unit", "partner", "partners"),
     "initiative", IND_IN_YEAR, "partners", IND_MEMBERS_BY, "type", false},
    {"governance", "seats_by_college", N_("Seats by college"), NN_("unit", "seat", "seats"), "seat", IND_GOVERNANCE,
     "college", IND_CHOICES, NULL, false},
    {"governance", "participation_levels", N_("Sittings by participation level"), NN_("unit", "sitting", "sittings"),
     "meeting", IND_GOVERNANCE, "participation_level", IND_CHOICES, NULL, true},
    {"actions", "by_kind", N_("By kind of action"), NULL, "", "action", IND_IN_YEAR, "kind", IND_CHOICES, NULL, false},
    {"actions", "by_criterion", N_("By discrimination criterion (an action may have several)"), NULL, "", "action",
     IND_IN_YEAR, "criteria", IND_CODES, "criterion", false},
    {"actions", "by_domain", N_("By domain"), NULL, "", "action", IND_IN_YEAR, "domain", IND_CHOICES, NULL, true},
    {"actions", "partners_by_type", N_("Partners of the actions, by type"), NN_("unit", "partner", "partners"),
     "action", IND_IN_YEAR, "partners", IND_MEMBERS_BY, "type", false},
    {"difficulties", "by_kind", N_("By kind"), NULL, "", "difficulty", IND_IN_YEAR, "kind", IND_CHOICES, NULL, false},
    {"difficulties", "by_severity", N_("By severity"), NULL, "", "difficulty", IND_IN_YEAR, "severity", IND_CHOICES,
     NULL, false},
    {"difficulties", "partners_informed", N_("Partners informed"), NN_("unit", "difficulty", "difficulties"),
     "difficulty", IND_IN_YEAR, "partners_informed", IND_CODES, "partner", false},
    {"difficulties", "partners_by_type", N_("Partners informed, by type"), NN_("unit", "partner", "partners"),
     "difficulty", IND_IN_YEAR, "partners_informed", IND_MEMBERS_BY, "type", false},
    {NULL, NULL, NULL, NULL, NULL, NULL, IND_IN_YEAR, NULL, IND_VALUES, NULL, false},
};
