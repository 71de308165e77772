/* The indicators of a year for managers and funders (issue 6): initiatives,
 * governance, anti-discrimination actions, difficulties, monthly activity.
 * Every figure is an SQL aggregate (through model/query_internal.h, so a
 * scope means what a list filter means); C only arranges the results.
 * Governance reuses model/governance.h. No curses, never prints.
 *
 * Definitions (shown to users by the report, so kept here in one place):
 * - The scope is a calendar year and a centre (or every centre). A record
 *   belongs to the year by its own date: started_on (initiatives), held_on
 *   (sittings, actions), raised_on (difficulties). Only live records count.
 * - Initiatives: every breakdown is over the initiatives started in the
 *   year. "Active" ones started on or before 31 December and did not end
 *   before 1 January (ended_on empty or in or after the year), whatever
 *   their status. An initiative is "in a QPV" when its territory has a
 *   non-empty qpv_code; one without a territory is not.
 * - Governance: the live bodies of the scope, their composition on the
 *   year's last day (or today when the year is not over), and gov_year's
 *   figures. A citizens' council "below 50% inhabitants" is one flagged
 *   GOV_WARN_FEW_INHABITANTS or GOV_WARN_NO_SEATS.
 * - Actions: over the actions held in the year. A follow-up is planned when
 *   follow_up_due is set. It is OPEN unless its due date has passed AND an
 *   outcome is recorded: an outcome written before the due date may be the
 *   action's own, so the follow-up stays open until its date. It is PAST
 *   DUE when it is open and follow_up_due is before today (so: due date
 *   passed and still no outcome).
 * - Difficulties: kinds, severities and partners are over those raised in
 *   the year. "Open" counts every difficulty whose status is open now and
 *   that was raised on or before the year's last day (one raised in an
 *   earlier year and still open counts). "Resolved" counts those resolved
 *   in the year (resolved_on in it), whenever raised. The time to inform is
 *   informed_on - raised_on in days, over those raised in the year with an
 *   informed_on date. */
#ifndef CARNET_MODEL_INDICATORS_H
#define CARNET_MODEL_INDICATORS_H

#include <stddef.h>

#include "model/error.h"
#include "model/governance.h"
#include "model/query.h"
#include "model/store.h"

struct strbuf;

struct ind_scope {
    int year;
    const char *centre;             /* a centre id; NULL: every centre */
    const char *today;              /* ISO; NULL: store_today() */
};

/* A value and how many records hold it, most frequent first. */
struct ind_count {
    char *value;
    long count;
};
struct ind_counts {
    struct ind_count *v;
    size_t n;
};
void ind_counts_free(struct ind_counts *c);

struct ind_initiatives {
    long started;                   /* started in the year */
    long active;                    /* active during the year (see above) */
    long *by_status;                /* in the order of the field's choices */
    long *by_carried_by;
    long innovative;
    long inhabitants_involved;      /* sums */
    long volunteers;
    double volunteer_hours;
    long with_territory;
    long in_qpv;
    struct ind_counts themes;       /* theme code -> initiatives */
};

struct ind_governance {
    char date[11];                  /* the date of the compositions */
    size_t n;                       /* bodies */
    struct gov_body *bodies;        /* gov_bodies: comp has no by_college */
    struct gov_composition *comp;   /* per body, full (gov_composition) */
    struct gov_year *year;          /* per body */
    struct gov_composition total_comp;  /* sums over the bodies */
    struct gov_year total;          /* sums; averages recomputed over all sittings */
    long councils;                  /* citizens' councils */
    long councils_few_inhabitants;  /* of which below 50% inhabitants (or no seat) */
    long councils_no_parity;
};

struct ind_actions {
    long held;
    long *by_kind;                  /* in the order of the field's choices */
    long *by_domain;
    long domain_unset;
    struct ind_counts criteria;     /* criterion code -> actions */
    long participants;              /* sum */
    long follow_ups;                /* with a follow_up_due */
    long follow_ups_open;
    long follow_ups_past_due;
};

struct ind_difficulties {
    long raised;                    /* raised in the year */
    long open;                      /* open now, raised by the year's end */
    long open_high;                 /* of which severity high */
    long *by_kind;                  /* raised in the year, in the choices' order */
    long *by_severity;
    long informed;                  /* raised in the year, some partner informed */
    long informed_dated;            /* ... with an informed_on date */
    double avg_days_to_inform;      /* over informed_dated; 0 when none */
    long max_days_to_inform;
    long resolved;                  /* resolved in the year */
    struct ind_counts partners;     /* partner id -> difficulties */
};

/* One difficulty open now and raised by the year's end (as counted by
 * ind_difficulties' open), oldest first. Strings are owned; NULL when empty. */
struct ind_open_difficulty {
    char *id, *raised_on, *centre_name, *kind, *severity, *summary, *partners, *informed_on;
};
int ind_open_difficulties(struct store *s, const struct ind_scope *sc, struct ind_open_difficulty **out, size_t *n,
                          struct error *err);
void ind_open_difficulties_free(struct ind_open_difficulty *d, size_t n);

enum ind_log { IND_INITIATIVES, IND_SITTINGS, IND_ACTIONS, IND_DIFFICULTIES, IND_LOGS };

/* The kind of record counted by log (its date field dates it). */
const struct kind *ind_log_kind(enum ind_log log);
/* What the report calls log's records (a msgid, "Initiatives started"):
 * a column of the monthly table, the name of an xlsx data sheet. NULL for
 * a log out of range. */
const char *ind_log_title(enum ind_log log);

/* The records of a logbook that the report counts for a scope, as a query
 * (model/query.h) whose strings live in the struct: live, dated in the
 * year by the kind's date field, in the centre (a sitting's centre is its
 * body's). ind_monthly counts them; the report's data sheets list them. */
struct ind_log_query {
    struct query q;
    char from[16], to[16];
};
/* Fills *out for log and sc. 0, or ERR_INVALID for a log out of range. */
int ind_log_query(const struct ind_scope *sc, enum ind_log log, struct ind_log_query *out, struct error *err);

/* Each function fills *out for sc and returns 0, or a negative error. On
 * error *out holds nothing to free. */
int ind_initiatives(struct store *s, const struct ind_scope *sc, struct ind_initiatives *out, struct error *err);
void ind_initiatives_free(struct ind_initiatives *i);
int ind_governance(struct store *s, const struct ind_scope *sc, struct ind_governance *out, struct error *err);
void ind_governance_free(struct ind_governance *g);
int ind_actions(struct store *s, const struct ind_scope *sc, struct ind_actions *out, struct error *err);
void ind_actions_free(struct ind_actions *a);
int ind_difficulties(struct store *s, const struct ind_scope *sc, struct ind_difficulties *out, struct error *err);
void ind_difficulties_free(struct ind_difficulties *d);

/* Records of each logbook per month of sc's year (index 0 = January):
 * initiatives by started_on, sittings by held_on (a sitting's centre is
 * its body's), actions by held_on, difficulties by raised_on. */
int ind_monthly(struct store *s, const struct ind_scope *sc, long out[IND_LOGS][12], struct error *err);

/* The id of the live centre named or identified by text, or NULL with a
 * message in err. The caller frees it. */
char *ind_centre_id(struct store *s, const char *text, struct error *err);

/* ---- Indicators described once ----
 * Every figure and breakdown of the report is one row of the tables in
 * model/indicator_defs.c: its section, code, label, unit, the record kind
 * and window it counts, and the SQL aggregate that computes it. Figures of
 * one kind and window are computed by one SELECT. The SQL is plain SQL over
 * the kind's table aliased t, with the named parameters :from, :to (the
 * year's first and last day) and :today, so another program (the hub) can
 * run it as it is. Governance figures come from model/governance.h (their
 * sql is NULL). The report renderers, the Dashboard and ind_initiatives()
 * and friends all read these results: a new figure is one new row. */
enum ind_type { IND_COUNT, IND_REAL, IND_SHARE, IND_TEXT };

enum ind_window {
    IND_IN_YEAR,        /* records dated in the year */
    IND_BY_END,         /* records dated on or before the year's last day */
    IND_EVER,           /* every live record of the scope */
    IND_OPEN,           /* status open now, dated by the year's end */
    IND_GOVERNANCE,     /* from model/governance.h, no sql */
};

#define IND_HIDE_UNKNOWN 1u     /* not shown at all when its value is unknown */
#define IND_INTERNAL 2u         /* computed for the API, not shown in the report */

struct ind_def {
    const char *section, *code;
    const char *label;          /* msgid */
    /* The unit: a noun in the singular and the plural (msgids written
     * NN_("body", "bodies"), see ind_unit), or unit_one NULL and unit a
     * sign ("%") or "". */
    const char *unit_one, *unit;
    enum ind_type type;
    const char *kind;
    enum ind_window window;
    const char *sql;            /* an aggregate over t; its NULL is unknown ("n/a") */
    const char *part, *whole;   /* IND_SHARE: the codes of two figures of the section */
    unsigned flags;
};

/* What a breakdown counts and how its items are named: records by the
 * choices of the field; records by the members of a set, named by the
 * member kind's label (IND_CODES); records by the values as they are; or
 * (IND_MEMBERS_BY) the distinct records a set names in the window, by a
 * choice field of theirs (partners by type), items in its choices' order. */
enum ind_labels { IND_CHOICES, IND_CODES, IND_VALUES, IND_MEMBERS_BY };

struct ind_breakdown_def {
    const char *section, *code;
    const char *title;          /* msgid */
    const char *unit_one, *unit;    /* as struct ind_def's */
    const char *kind;
    enum ind_window window;
    const char *field;          /* counted by query_frequency */
    enum ind_labels labels;     /* choices of the field, a seeded kind's labels, or the values */
    /* IND_CODES: the kind whose members (kind_set_key) and label_xx or
     * title name the values; IND_MEMBERS_BY: the choice field of the set's
     * kind that the members are counted by. */
    const char *label_kind;
    bool unset;                 /* IND_CHOICES: a "not given" item for the others */
};

struct ind_section_def {
    const char *code, *title;   /* title: msgid */
    const char *dash;           /* the Dashboard's line (msgid): {code} is that figure; NULL: none */
};

/* The definitions, in the report's order, ended by a row of NULLs. */
extern const struct ind_section_def ind_section_defs[];
extern const struct ind_def ind_defs[];
extern const struct ind_breakdown_def ind_breakdown_defs[];

struct ind_figure {
    const struct ind_def *def;
    bool known;                 /* false: "n/a" */
    double value;               /* IND_SHARE: the percentage */
    char *text;                 /* IND_TEXT */
    long basis;                 /* records (or bodies) its window holds */
    bool prev_set;              /* a comparison was computed */
    bool prev_known;            /* last year had data for it */
    double prev;
};

struct ind_item {
    char *code, *label;
    long value;
    bool prev_known;
    long prev;
};

struct ind_list {
    const struct ind_breakdown_def *def;
    struct ind_item *v;
    size_t n;
    bool prev_set;
};

/* A table: ncols columns, nrows rows of cells (nrows * ncols strings). */
struct ind_table {
    const char *code;
    char *title;                /* NULL: none */
    int ncols;
    const char *const *col_codes;
    char **titles;              /* translated */
    char **cells;
    size_t nrows;
};

struct ind_section {
    const char *code;
    const char *title;          /* msgid */
    struct ind_figure *fig;
    size_t nfig;
    struct ind_list *list;
    size_t nlist;
    struct ind_table *table;
    size_t ntable;
};

struct ind_report {
    int year, compare;          /* compare: 0 when none */
    struct ind_section *sec;
    size_t nsec;
    long monthly[IND_LOGS][12];
};

/* Every indicator of sc (labels of seeded kinds from label_column,
 * "label_fr" or "label_en"). sections: NULL for all, or a code to compute
 * only that one. 0, or a negative error (*out then holds nothing). */
int ind_report(struct store *s, const struct ind_scope *sc, const char *label_column, const char *section,
               struct ind_report *out, struct error *err);
/* Adds last year's values of compare_year to each figure and item of r. */
int ind_report_compare(struct store *s, struct ind_report *r, const struct ind_scope *sc, int compare_year,
                       const char *label_column, struct error *err);
void ind_report_free(struct ind_report *r);
/* A figure or breakdown of r by codes, or NULL. */
const struct ind_figure *ind_report_figure(const struct ind_report *r, const char *section, const char *code);
const struct ind_list *ind_report_list(const struct ind_report *r, const char *section, const char *code);
/* Appends to b an indicator's sql (struct ind_def) with :from, :to and
 * :today replaced by the SQL expressions given (quoted dates, or columns). */
void ind_bind_sql(struct strbuf *b, const char *sql, const char *from, const char *to, const char *today);
/* A unit (one and many as in struct ind_def) translated for a figure of
 * value: ngettext's singular or plural for a whole number, the plural for
 * one with decimals; a sign ("%") or "" as it is. Not to be freed. */
const char *ind_unit(const char *one, const char *many, double value);
/* The Dashboard's line of sec: its template with each {code} replaced by
 * that figure's value (a share without a whole is 0), its thousands grouped
 * as numdate_grouped writes them (french: 36 356), and each {code+} by the
 * value, a space and its unit (ind_unit). NULL when the section has none.
 * The caller frees it. */
char *ind_dash_line(const struct ind_section *sec, bool french);
/* The change from prev to value in whole percent, rounded; false when it
 * has no meaning (no data, or 0 last year). */
bool ind_change(const struct ind_figure *f, long *pct);

#endif
