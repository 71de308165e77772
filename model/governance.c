/* Governance indicators: composition of bodies, the citizens' council
 * warning, planned sittings and the figures of a year. Each figure is one
 * SQL aggregate over indexed columns (seat.body, meeting.body); C only
 * arranges the results. Definitions are in governance.h. */
#include "model/governance.h"
#include "model/record_internal.h"
#include "model/store_internal.h"
#include "util/numdate.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sittings of one body are read through the index on (body, deleted,
 * held_on), named (MEETING_BODY_INDEX): left to itself, SQLite (without
 * statistics) may walk the index on (deleted, held_on) over every body's
 * sittings instead, for an ORDER BY or a min() (minutes for a yearly
 * report on a million-record store). "+s.deleted" keeps seats on
 * seat.body.
 * A seat counts on ?2 (see governance.h: term_end is exclusive). */
#define SEAT_COUNTS "+s.deleted = 0 AND (s.term_start IS NULL OR s.term_start <= ?2) " \
                    "AND (s.term_end IS NULL OR s.term_end > ?2)"

static void text_or_today(const char *date, char out[11])
{
    if (date && *date)
        snprintf(out, 11, "%s", date);
    else
        store_today(out);
}

/* The position of code among the choices of kind.field, or -1. */
static int choice_index(const char *kind, const char *field, const char *code)
{
    const struct field *f = kind_field(kind_find(kind), field);
    for (int i = 0; code && f && f->choices[i].code && i < GOV_MAX_CODES; i++)
        if (strcmp(f->choices[i].code, code) == 0)
            return i;
    return -1;
}

static int step_done(struct store *s, sqlite3_stmt *st, int rc, struct error *err)
{
    rc = rc == SQLITE_DONE ? 0 : db_error(s, err, "reading governance figures");
    db_release(s, st);
    return rc;
}

int gov_composition(struct store *s, const char *body, const char *date, struct gov_composition *out,
                    struct error *err)
{
    memset(out, 0, sizeof *out);
    char day[11];
    text_or_today(date, day);
    sqlite3_stmt *st = db_prepare(s,
        "SELECT s.college, count(*), sum(s.woman = 1), sum(s.from_qpv = 1), "
        "sum(s.holder IS NULL OR s.holder = '') FROM seat s "
        "WHERE s.body = ?1 AND " SEAT_COUNTS " GROUP BY s.college", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        gov_composition_add(out, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                            sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4));
    return step_done(s, st, rc, err);
}

void gov_composition_add(struct gov_composition *c, const char *college, long seats, long women, long from_qpv,
                         long no_holder)
{
    int i = choice_index("seat", "college", college);
    if (i >= 0)
        c->by_college[i] += seats;
    if (college && strcmp(college, "inhabitants") == 0)
        c->inhabitants += seats;
    c->seats += seats;
    c->women += women;
    c->from_qpv += from_qpv;
    c->no_holder += no_holder;
}

int gov_percent(long part, long whole)
{
    if (whole <= 0)
        return -1;
    return (int)((part * 200 + whole) / (whole * 2));
}

unsigned gov_warnings(const char *body_kind, const struct gov_composition *c)
{
    if (!body_kind || strcmp(body_kind, "citizens_council") != 0)
        return 0;
    if (c->seats == 0)
        return GOV_WARN_NO_SEATS;
    unsigned w = 0;
    if (c->inhabitants * 2 < c->seats)
        w |= GOV_WARN_FEW_INHABITANTS;
    /* Compared in integers so that exactly 40% or 60% is parity. */
    if (c->women * 100 < (long)GOV_PARITY_MIN * c->seats || c->women * 100 > (long)GOV_PARITY_MAX * c->seats)
        w |= GOV_WARN_NO_PARITY;
    return w;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* Months in one period of a rhythm; 0 for none or an unknown code. */
static int period_months(const char *every)
{
    if (!every)
        return 0;
    if (strcmp(every, "month") == 0)
        return 1;
    if (strcmp(every, "quarter") == 0)
        return 3;
    if (strcmp(every, "year") == 0)
        return 12;
    return 0;
}

/* Marks each planned sitting of p[0..n) (in date order, periods apart)
 * held by the earliest live sitting of body in its period: one walk of the
 * body's sittings over all the periods, not one query per period. */
static int mark_held(struct store *s, const char *body, struct gov_planned *p, size_t n, struct error *err)
{
    if (n == 0)
        return 0;
    sqlite3_stmt *st = db_prepare(s,
        "SELECT held_on, id FROM meeting INDEXED BY " MEETING_BODY_INDEX " WHERE body = ?1 AND deleted = 0 AND held_on BETWEEN ?2 AND ?3 "
        "ORDER BY held_on, id", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, p[0].date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, p[n - 1].period_end, -1, SQLITE_TRANSIENT);
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (!gov_plan_mark(p, n, &i, (const char *)sqlite3_column_text(st, 0),
                           (const char *)sqlite3_column_text(st, 1)))
            break;
    return step_done(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, err);
}

bool gov_plan_mark(struct gov_planned *p, size_t n, size_t *i, const char *held, const char *id)
{
    if (!held)
        return *i < n;
    while (*i < n && strcmp(held, p[*i].period_end) > 0)
        (*i)++;
    if (*i == n)
        return false;
    if (!p[*i].held && strcmp(held, p[*i].date) >= 0) {
        p[*i].held = true;
        snprintf(p[*i].held_id, sizeof p[*i].held_id, "%s", id ? id : "");
    }
    return true;
}

void gov_plan(const char *body, const char *meets_every, const char *begins, const char *from, const char *to,
              struct gov_planned **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int months = period_months(meets_every);
    if (months == 0 || !numdate_date_valid(from) || !numdate_date_valid(to))
        return;
    int y = atoi(from), m = atoi(from + 5);
    m -= (m - 1) % months;          /* back to the start of the period holding from */
    struct record *probe = record_new(kind_find("meeting"));
    record_set(probe, "body", body, NULL);
    size_t cap = 0;
    for (;;) {
        int ey = y, em = m + months - 1;
        char start[40], end[40];   /* room the compiler can prove for any int */
        snprintf(start, sizeof start, "%04d-%02d-01", y, m);
        snprintf(end, sizeof end, "%04d-%02d-%02d", ey, em, days_in_month(ey, em));
        if (strcmp(start, to) > 0)
            break;
        /* A period counts from the one the body starts in. */
        if (strcmp(start, from) >= 0 && strcmp(end, begins ? begins : "") >= 0) {
            if (*n == cap) {
                cap = cap ? cap * 2 : 16;
                *out = xrealloc(*out, cap * sizeof **out);
            }
            struct gov_planned *p = &(*out)[*n];
            memset(p, 0, sizeof *p);
            snprintf(p->date, sizeof p->date, "%.10s", start);
            snprintf(p->period_end, sizeof p->period_end, "%.10s", end);
            record_set(probe, "held_on", start, NULL);
            record_natural_id(probe, p->id);
            (*n)++;
        }
        m += months;
        if (m > 12) {
            m -= 12;
            y++;
        }
    }
    record_free(probe);
}

int gov_planned(struct store *s, const char *body, const char *from, const char *to, struct gov_planned **out,
                size_t *n, struct error *err)
{
    *out = NULL;
    *n = 0;
    if (!numdate_date_valid(from) || !numdate_date_valid(to))
        return error_add(err, ERR_INVALID, "period: give two dates as YYYY-MM-DD");
    /* Where the plan starts (governance.h): the first sitting recorded on
     * the body, else the earlier of its creation and its first sitting
     * held. */
    sqlite3_stmt *st = db_prepare(s,
        "SELECT meets_every, coalesce(first_sitting_on, min(substr(created_at, 1, 10), "
        "coalesce((SELECT min(held_on) FROM meeting INDEXED BY " MEETING_BODY_INDEX " WHERE body = ?1 AND deleted = 0), '9999-12-31'))) "
        "FROM body WHERE id = ?1 AND deleted = 0", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        rc = rc == SQLITE_DONE ? error_add(err, ERR_NOTFOUND, "body: no live body with id %s", body)
                               : db_error(s, err, "reading a body");
        db_release(s, st);
        return rc;
    }
    char every[16] = "", begins[11] = "";
    const char *e = (const char *)sqlite3_column_text(st, 0), *b = (const char *)sqlite3_column_text(st, 1);
    snprintf(every, sizeof every, "%s", e ? e : "");
    if (b && numdate_date_valid(b))
        snprintf(begins, sizeof begins, "%s", b);
    db_release(s, st);
    gov_plan(body, every, begins, from, to, out, n);
    int ret = mark_held(s, body, *out, *n, err);
    if (ret != 0) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return ret;
}

int gov_year(struct store *s, const char *body, int year, struct gov_year *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    char from[40], to[40];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);

    struct gov_planned *p;
    size_t np;
    if (gov_planned(s, body, from, to, &p, &np, err) != 0)
        return err->code;
    out->planned = (long)np;
    for (size_t i = 0; i < np; i++)
        out->planned_held += p[i].held;
    free(p);

    sqlite3_stmt *st = db_prepare(s,
        "SELECT participation_level, count(*), count(attendees), total(attendees), "
        "total(inhabitants_present), total(first_timers), count(inhabitants_present) "
        "FROM meeting INDEXED BY " MEETING_BODY_INDEX " WHERE body = ?1 AND deleted = 0 AND held_on BETWEEN ?2 AND ?3 "
        "GROUP BY participation_level", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct gov_sittings g = {(const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                                 sqlite3_column_int64(st, 2), (long)sqlite3_column_double(st, 3),
                                 (long)sqlite3_column_double(st, 4), (long)sqlite3_column_double(st, 5),
                                 sqlite3_column_int64(st, 6)};
        gov_year_add(out, &g);
    }
    gov_year_averages(out);
    return step_done(s, st, rc, err);
}

void gov_year_add(struct gov_year *y, const struct gov_sittings *g)
{
    int i = choice_index("meeting", "participation_level", g->level);
    if (i >= 0)
        y->levels[i] += g->count;
    else
        y->level_unset += g->count;
    y->sittings += g->count;
    y->with_attendees += g->with_attendees;
    y->attendees += g->attendees;
    y->inhabitants_present += g->inhabitants_present;
    y->first_timers += g->first_timers;
    y->with_inhabitants += g->with_inhabitants;
}

void gov_year_averages(struct gov_year *y)
{
    y->avg_attendees = y->with_attendees ? (double)y->attendees / (double)y->with_attendees : 0;
    y->avg_inhabitants = y->with_inhabitants ? (double)y->inhabitants_present / (double)y->with_inhabitants : 0;
}

static char *column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

int gov_bodies(struct store *s, const char *centre, const char *date, struct gov_body **out, size_t *n,
               struct error *err)
{
    *out = NULL;
    *n = 0;
    char day[11];
    text_or_today(date, day);
    /* One pass: the seats of each body joined and aggregated per body. */
    sqlite3_stmt *st = db_prepare(s,
        "SELECT b.id, b.name, b.kind, b.meets_every, b.centre, c.name, count(s.id), "
        "total(s.college = 'inhabitants'), total(s.woman = 1), total(s.from_qpv = 1), "
        "total(s.id IS NOT NULL AND (s.holder IS NULL OR s.holder = '')) "
        "FROM body b LEFT JOIN centre c ON c.id = b.centre AND c.deleted = 0 "
        "LEFT JOIN seat s ON s.body = b.id AND " SEAT_COUNTS " "
        "WHERE b.deleted = 0 AND (?1 IS NULL OR b.centre = ?1) "
        "GROUP BY b.id ORDER BY c.name IS NULL, c.name, b.name, b.id", err);
    if (!st)
        return err->code;
    if (centre)
        sqlite3_bind_text(st, 1, centre, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct gov_body *b = &(*out)[(*n)++];
        memset(b, 0, sizeof *b);
        snprintf(b->id, sizeof b->id, "%s", (const char *)sqlite3_column_text(st, 0));
        b->name = column_dup(st, 1);
        b->kind = column_dup(st, 2);
        b->meets_every = column_dup(st, 3);
        b->centre = column_dup(st, 4);
        b->centre_name = column_dup(st, 5);
        b->comp.seats = sqlite3_column_int64(st, 6);
        b->comp.inhabitants = (long)sqlite3_column_double(st, 7);
        b->comp.women = (long)sqlite3_column_double(st, 8);
        b->comp.from_qpv = (long)sqlite3_column_double(st, 9);
        b->comp.no_holder = (long)sqlite3_column_double(st, 10);
        b->warnings = gov_warnings(b->kind, &b->comp);
    }
    if (step_done(s, st, rc, err) != 0) {
        gov_bodies_free(*out, *n);
        *out = NULL;
        *n = 0;
        return err->code;
    }
    return 0;
}

void gov_bodies_free(struct gov_body *b, size_t n)
{
    for (size_t i = 0; b && i < n; i++) {
        free(b[i].name);
        free(b[i].kind);
        free(b[i].meets_every);
        free(b[i].centre);
        free(b[i].centre_name);
    }
    free(b);
}

char *gov_login_centre(struct store *s)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT centre FROM member WHERE login = ?1 AND deleted = 0", NULL);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, store_login(s), -1, SQLITE_TRANSIENT);
    char *centre = sqlite3_step(st) == SQLITE_ROW ? column_dup(st, 0) : NULL;
    db_release(s, st);
    if (centre && !*centre) {
        free(centre);
        centre = NULL;
    }
    return centre;
}
