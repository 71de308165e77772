/* The timeline of the logbooks (Browse): initiatives, sittings, actions and
 * difficulties in one list, newest first by their own date, with filters
 * combined. Each logbook is one keyset query (model/query.h) through the
 * index on its date; a page merges at most one page of each. Filters that
 * a logbook cannot have (a theme for a sitting) leave that logbook out.
 * No curses, never prints. */
#ifndef CARNET_MODEL_TIMELINE_H
#define CARNET_MODEL_TIMELINE_H

#include <stdbool.h>

#include "model/query.h"

enum { TL_FILTERS = 11 };

/* The filter fields, in the order of a saved filter. Values are user text,
 * normalised as list filters are: a centre, territory or body by name or
 * id, codes for theme/criterion/status, a login for facilitator, 1/0 for qpv,
 * kind names separated by commas for logbook, ISO dates for from/to. */
extern const char *const timeline_fields[TL_FILTERS];

struct timeline_filter {
    const char *value[TL_FILTERS];  /* by timeline_fields' order; NULL: no filter */
    const char *text;               /* full-text (accents optional); NULL: none */
};

/* The logbooks the filter keeps (NULL-ended, at most 4) into out. */
int timeline_kinds(const struct timeline_filter *f, const struct kind *out[5]);

/* Calls fn with the records of the timeline, newest first ((date, id)
 * descending), at most limit. The cursor (date, id) of a row, when given:
 * rows strictly after it in the list's order; with before, rows strictly
 * before it, nearest first; with inclusive, the row itself too (forward
 * only). Returns the number of rows passed to fn, or a negative error (a
 * bad filter value says which). */
int timeline_run(struct store *s, const struct timeline_filter *f, const char *cur_date, const char *cur_id,
                 bool before, bool inclusive, int limit, record_fn fn, void *ctx, struct error *err);

/* How many records the timeline holds (a count per logbook, summed). */
long timeline_count(struct store *s, const struct timeline_filter *f, struct error *err);

/* The frequency of field's values over the timeline: query_frequency per
 * logbook that has the field, added up, most frequent first. fn as in
 * query_frequency. "kind" gives the records per logbook. */
int timeline_frequency(struct store *s, const struct timeline_filter *f, const char *field, query_freq_fn fn,
                       void *ctx, struct error *err);

/* The date that orders r in the timeline (borrowed from r). */
const char *timeline_date(const struct record *r);

/* How a value of the timeline's frequency of field (timeline_frequency)
 * reads: the label of a choice, the name of a centre, the kind's plural
 * for a logbook, "(empty)". The caller frees it. */
char *timeline_frequency_text(struct store *s, const char *field, const char *value);

#endif
