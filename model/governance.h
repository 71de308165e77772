/* Governance indicators (DESIGN section 2, issue 6): the composition of a
 * body from its seats, the warning for a citizens' council, the sittings a
 * body's rhythm plans and whether they were held, and attendance figures
 * for a year. Every count is an SQL aggregate; no curses, never prints.
 *
 * Definitions (shown to users, so kept here in one place):
 * - A seat counts on date D when it is live, its term_start is empty or on
 *   or before D, and its term_end is empty or AFTER D: term_end is the day
 *   the term ended, so a term ended today no longer counts today.
 * - Shares are of the seats counted. A seat without a holder is counted as
 *   "without a recorded holder": holders are optional and pseudonymous, so
 *   such a seat may be vacant or held by someone not recorded.
 * - Gender parity: women hold between 40% and 60% of the seats, bounds
 *   included (the "at least 40% of each sex" rule of French public boards).
 * - A citizens' council is flagged when it has no seat, when inhabitants
 *   hold fewer than half of its seats, or when it lacks gender parity.
 * - Planned sittings: one per period of meets_every (month, quarter, year),
 *   planned on the first day of the period; a planned sitting is held when
 *   a live sitting of the body falls anywhere in its period. The plan
 *   starts with the period holding the body's first_sitting_on, or when
 *   that is empty, the earlier of its creation date and its first sitting
 *   held: a body created in December missed nothing in January. Its id is the
 *   UUID v5 a sitting of the body on the planned date gets, so two replicas
 *   recording it land on one record. */
#ifndef CARNET_MODEL_GOVERNANCE_H
#define CARNET_MODEL_GOVERNANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/error.h"
#include "model/store.h"

#define GOV_PARITY_MIN 40          /* percent of women, inclusive */
#define GOV_PARITY_MAX 60
#define GOV_MAX_CODES 12           /* room for the choices of college and participation_level */

enum gov_warning {
    GOV_WARN_NO_SEATS = 1u << 0,          /* a citizens' council without a seat */
    GOV_WARN_FEW_INHABITANTS = 1u << 1,   /* inhabitants hold fewer than 50% */
    GOV_WARN_NO_PARITY = 1u << 2,         /* women outside 40%..60% */
};

struct gov_composition {
    long seats;                        /* seats counted on the date */
    long by_college[GOV_MAX_CODES];    /* in the order of seat.college's choices */
    long inhabitants;                  /* seats of the college "inhabitants" */
    long women;                        /* woman = 1 */
    long from_qpv;                     /* from_qpv = 1 */
    long no_holder;                    /* holder empty */
};

/* The composition of body on date (ISO; NULL = today). 0 or an error. */
int gov_composition(struct store *s, const char *body, const char *date, struct gov_composition *out,
                    struct error *err);

/* part as a whole-number percentage of whole, rounded half up; -1 when
 * whole is 0 (no share to speak of). */
int gov_percent(long part, long whole);

/* The warnings (enum gov_warning bits) for a body of kind body_kind with
 * composition c: 0 for any kind but citizens_council. */
unsigned gov_warnings(const char *body_kind, const struct gov_composition *c);

struct gov_planned {
    char date[11];          /* the planned date: first day of the period */
    char period_end[11];    /* last day of the period */
    char id[37];            /* the id a sitting of the body on date gets */
    bool held;              /* a live sitting of the body falls in the period */
    char held_id[37];       /* the earliest such sitting, "" when none */
};

/* The sittings body plans whose date lies in [from, to] (ISO, inclusive),
 * in date order. A body that meets at no fixed rhythm plans none (*n = 0).
 * *out is a new array (NULL when *n is 0); the caller frees it. */
int gov_planned(struct store *s, const char *body, const char *from, const char *to, struct gov_planned **out,
                size_t *n, struct error *err);

struct gov_year {
    long planned;           /* sittings planned in the year (gov_planned) */
    long planned_held;      /* of which held */
    long sittings;          /* live sittings held in the year */
    long with_attendees;    /* sittings whose attendees are recorded */
    long with_inhabitants;  /* sittings whose inhabitants_present is recorded */
    long attendees;         /* totals over the sittings of the year */
    long inhabitants_present;
    long first_timers;
    double avg_attendees;   /* over sittings where recorded; 0 when none */
    double avg_inhabitants;
    long levels[GOV_MAX_CODES];  /* sittings per participation_level, in its choices' order */
    long level_unset;       /* sittings without a level */
};

/* The figures of body for year. 0 or an error. */
int gov_year(struct store *s, const char *body, int year, struct gov_year *out, struct error *err);

/* The pieces of the functions above that do not read a store, for another
 * holder of the records (the federation hub's report, model/hub_report.c)
 * to arrange its own query results the same way. */

/* Adds to c seats of college, of which women, from_qpv and no_holder
 * (one row of gov_composition's grouped query). */
void gov_composition_add(struct gov_composition *c, const char *college, long seats, long women, long from_qpv,
                         long no_holder);

/* The sittings planned for a body of rhythm meets_every whose plan starts
 * on begins (ISO or ""), whose date lies in [from, to], as gov_planned
 * gives them, none held yet. *out is a new array (NULL when *n is 0). */
void gov_plan(const char *body, const char *meets_every, const char *begins, const char *from, const char *to,
              struct gov_planned **out, size_t *n);
/* Marks the planned sitting of p[0..n) whose period holds a sitting
 * held on held (ISO) with id, when it is the first; the sittings are
 * given in (held_on, id) order and *i (0 at first) walks p with them.
 * false once no later sitting can mark anything. */
bool gov_plan_mark(struct gov_planned *p, size_t n, size_t *i, const char *held, const char *id);

/* The sittings of one participation level (NULL: none) of a body in a
 * year: one row of gov_year's grouped query. */
struct gov_sittings {
    const char *level;
    long count, with_attendees, attendees, inhabitants_present, first_timers, with_inhabitants;
};
void gov_year_add(struct gov_year *y, const struct gov_sittings *g);
/* y's averages from its totals (0 when nothing is recorded). */
void gov_year_averages(struct gov_year *y);

struct gov_body {
    char id[37];
    char *name, *kind, *meets_every;    /* meets_every may be NULL */
    char *centre, *centre_name;         /* centre_name NULL when dangling */
    struct gov_composition comp;        /* on the date asked; by_college left 0 */
    unsigned warnings;
};

/* The live bodies of centre (an id; NULL = every centre), ordered by centre
 * name then body name, each with its composition on date (NULL = today)
 * from one grouped query. *out is a new array; free with gov_bodies_free. */
int gov_bodies(struct store *s, const char *centre, const char *date, struct gov_body **out, size_t *n,
               struct error *err);
void gov_bodies_free(struct gov_body *b, size_t n);

/* The centre of the member whose login runs this process, or NULL (no
 * centre, or not a member). The caller frees it. */
char *gov_login_centre(struct store *s);

#endif
