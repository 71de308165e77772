/* Records: building them from user text, checking them against their
 * descriptor, and writing them with their sync columns. A write advances the
 * store's clock once and stamps that clock on every field it changes, so
 * that concurrent edits of different fields on two replicas both survive. */
#include "model/format.h"
#include "model/record_internal.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct record *record_new(const struct kind *k)
{
    struct record *r = xcalloc(1, sizeof *r);
    r->kind = k;
    r->v = xcalloc((size_t)k->nfields, sizeof *r->v);
    return r;
}

struct record *record_dup(const struct record *r)
{
    struct record *d = record_new(r->kind);
    memcpy(d->id, r->id, sizeof d->id);
    for (int i = 0; i < r->kind->nfields; i++)
        d->v[i] = xstrdup(r->v[i]);
    d->created_at = xstrdup(r->created_at);
    d->created_by = xstrdup(r->created_by);
    d->updated_at = xstrdup(r->updated_at);
    d->updated_by = xstrdup(r->updated_by);
    d->deleted = r->deleted;
    d->row_seq = r->row_seq;
    return d;
}

void record_free(struct record *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->kind->nfields; i++)
        free(r->v[i]);
    free(r->v);
    free(r->created_at);
    free(r->created_by);
    free(r->updated_at);
    free(r->updated_by);
    free(r);
}

static void unknown_field(const struct kind *k, const char *field, struct error *err)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < k->nfields; i++)
        strbuf_addf(&b, "%s%s", i ? ", " : "", k->fields[i].name);
    error_add(err, ERR_INVALID, "%s: no such field for %s; the fields are: %s", field, _(k->plural), b.s);
    strbuf_free(&b);
}

int record_set(struct record *r, const char *field, const char *value, struct error *err)
{
    int i = kind_field_index(r->kind, field);
    if (i < 0) {
        unknown_field(r->kind, field, err);
        return ERR_INVALID;
    }
    free(r->v[i]);
    r->v[i] = value && *value ? xstrdup(value) : NULL;
    return 0;
}

int record_set_pair(struct record *r, const char *pair, struct error *err)
{
    const char *eq = strchr(pair, '=');
    if (!eq || eq == pair)
        return error_add(err, ERR_INVALID, "'%s': expected field=value (for example title=\"Jardin partagé\")", pair);
    char *field = xstrndup(pair, (size_t)(eq - pair));
    int rc = record_set(r, field, eq + 1, err);
    free(field);
    return rc;
}

bool record_value_same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

const char *record_get(const struct record *r, const char *field)
{
    int i = kind_field_index(r->kind, field);
    return i < 0 ? NULL : r->v[i];
}

/* ---- values ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Splits a set on commas, trims, drops empties and duplicates, sorts. */
static char *normalise_set(const char *raw, bool lower)
{
    char *copy = xstrdup(raw);
    size_t n = 0, cap = 8;
    char **items = xmalloc(cap * sizeof *items);
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
        while (*tok == ' ' || *tok == '\t')
            tok++;
        char *end = tok + strlen(tok);
        while (end > tok && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        if (!*tok)
            continue;
        if (lower)
            for (char *p = tok; *p; p++)
                *p = (char)tolower((unsigned char)*p);
        if (n == cap)
            items = xrealloc(items, (cap *= 2) * sizeof *items);
        items[n++] = tok;
    }
    qsort(items, n, sizeof *items, cmp_str);
    struct strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(items[i], items[i - 1]) == 0)
            continue;
        if (b.len)
            strbuf_addc(&b, ',');
        strbuf_adds(&b, items[i]);
    }
    free(items);
    free(copy);
    if (!b.len) {
        strbuf_free(&b);
        return NULL;
    }
    return strbuf_detach(&b);
}

static const char *bool_value(const char *s)
{
    static const char *const yes[] = {"1", "yes", "y", "true", "oui", "o", "vrai", "x", NULL};
    static const char *const no[] = {"0", "no", "n", "false", "non", "faux", NULL};
    for (int i = 0; yes[i]; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return "1";
    for (int i = 0; no[i]; i++)
        if (strcasecmp(s, no[i]) == 0)
            return "0";
    return NULL;
}

char *field_normalise(const struct field *f, const char *raw, const char **why)
{
    *why = NULL;
    if (!raw)
        return NULL;
    switch (f->type) {
    case FT_TEXT: {
        const char *a = raw, *e = raw + strlen(raw);
        while (*a == ' ' || *a == '\t')
            a++;
        while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        return e > a ? xstrndup(a, (size_t)(e - a)) : NULL;
    }
    case FT_LONGTEXT:
        return *raw ? xstrdup(raw) : NULL;
    case FT_INT:
    case FT_REAL: {
        bool whole = f->type == FT_INT;
        char *num;
        int rc = numdate_parse_number(raw, whole, &num);
        if (rc == NUMDATE_EMPTY)
            return NULL;
        if (rc != NUMDATE_OK) {
            *why = numdate_why(rc, false, whole);
            return NULL;
        }
        double v = 0;
        long long n = 0;
        errno = 0;
        bool bad = whole ? (n = strtoll(num, NULL, 10), errno != 0) : numdate_to_double(num, &v) != 0 || !isfinite(v);
        free(num);
        if (bad) {
            *why = N_("is too large");
            return NULL;
        }
        if (whole)
            v = (double)n;
        if (v < 0) {
            *why = N_("must be 0 or more");
            return NULL;
        }
        if (f->max && v > f->max) {
            *why = N_("is too large");
            return NULL;
        }
        if (whole)
            return xasprintf("%lld", n);
        char s[32];
        numdate_real_text(v, s);
        return xstrdup(s);
    }
    case FT_BOOL: {
        const char *v = bool_value(raw);
        if (!v) {
            *why = N_("expected yes or no (1 or 0)");
            return NULL;
        }
        return xstrdup(v);
    }
    case FT_DATE: {
        char out[11];
        int rc = numdate_parse_date(raw, out);
        if (rc == NUMDATE_EMPTY)
            return NULL;
        if (rc != NUMDATE_OK) {
            *why = numdate_why(rc, true, false);
            return NULL;
        }
        return xstrdup(out);
    }
    case FT_CHOICE: {
        char *v = xstrdup(raw);
        for (char *p = v; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!field_choice_label(f, v)) {
            free(v);
            *why = N_("is not one of the choices");
            return NULL;
        }
        return v;
    }
    case FT_SET:
        /* Codes are lowercase; names of records keyed by id keep their case. */
        return normalise_set(raw, f->ref && strcmp(kind_set_key(kind_find(f->ref)), "id") != 0);
    case FT_REF:
        return xstrdup(raw);
    }
    return NULL;
}

static void choices_list(const struct field *f, struct strbuf *b)
{
    for (const struct choice *c = f->choices; c && c->code; c++)
        strbuf_addf(b, "%s%s", c == f->choices ? "" : ", ", c->code);
}

char *ref_resolve(struct store *s, const struct field *f, const char *value, struct error *err)
{
    const struct kind *t = kind_find(f->ref);
    struct strbuf sql;
    strbuf_init(&sql);
    char *id = NULL;
    if (id_valid(value)) {
        strbuf_addf(&sql, "SELECT id, deleted FROM %s WHERE id = ?", t->name);
    } else {
        strbuf_addf(&sql, "SELECT id, deleted FROM %s WHERE %s = ? COLLATE NOCASE AND deleted = 0 LIMIT 2", t->name, t->title_field);
    }
    sqlite3_stmt *st = db_prepare(s, sql.s, err);
    strbuf_free(&sql);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, value, -1, SQLITE_TRANSIENT);
    int n = 0, deleted = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n++ == 0) {
            id = xstrdup((const char *)sqlite3_column_text(st, 0));
            deleted = sqlite3_column_int(st, 1);
        }
    }
    db_release(s, st);
    if (n == 0)
        error_field(err, ERR_INVALID, f->name, f->label, "no %s named '%s' (see: carnet list %s)", _(t->label), value, t->name);
    else if (n > 1)
        error_field(err, ERR_INVALID, f->name, f->label, "several %s are named '%s'; give the id instead", _(t->plural), value);
    else if (deleted)
        error_field(err, ERR_INVALID, f->name, f->label, "the %s '%s' is in the trash; restore it first", _(t->label), value);
    if (n != 1 || deleted) {
        free(id);
        return NULL;
    }
    return id;
}

/* A set of records keyed by id (partners): each member, an id or the name
 * of a live record of the kind f->ref, becomes its id, as a reference
 * does (ref_resolve). The new set, sorted, or NULL with err filled. */
static char *resolve_set(struct store *s, const struct field *f, const char *set, struct error *err)
{
    struct strbuf ids;
    strbuf_init(&ids);
    bool ok = true;
    char *copy = xstrdup(set);
    for (char *m = strtok(copy, ","); m; m = strtok(NULL, ",")) {
        char *id = ref_resolve(s, f, m, err);
        if (!id) {
            ok = false;
            continue;
        }
        strbuf_addf(&ids, "%s%s", ids.len ? "," : "", id);
        free(id);
    }
    free(copy);
    char *out = ok && ids.len ? normalise_set(ids.s, true) : NULL;
    strbuf_free(&ids);
    return out;
}

/* Each code of a set must be a live record of the kind f->ref; where that
 * kind is dated (valid_from/valid_to, the legal criteria), valid on date. */
static void check_set_codes(struct store *s, const struct record *r, const struct field *f, const char *set,
                            const char *date, struct error *err)
{
    const struct kind *t = kind_find(f->ref);
    bool dated = kind_field(t, "valid_from") != NULL;
    const char *key = kind_set_key(t);
    char *sql = dated ? xasprintf("SELECT valid_from, valid_to FROM %s WHERE %s = ? AND deleted = 0", t->name, key)
                      : xasprintf("SELECT NULL, NULL FROM %s WHERE %s = ? AND deleted = 0", t->name, key);
    sqlite3_stmt *st = db_prepare(s, sql, err);
    free(sql);
    if (!st)
        return;
    char *copy = xstrdup(set);
    for (char *code = strtok(copy, ","); code; code = strtok(NULL, ",")) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_ROW) {
            error_field(err, ERR_INVALID, f->name, f->label, "'%s' is not one of the %s (see: carnet list %s)", code, _(t->plural), t->name);
            continue;
        }
        const char *from = (const char *)sqlite3_column_text(st, 0);
        const char *to = (const char *)sqlite3_column_text(st, 1);
        char bound[11], on[11];
        numdate_date_display(date, on);
        if (date && from && strcmp(date, from) < 0) {
            numdate_date_display(from, bound);
            error_field(err, ERR_INVALID, f->name, f->label, "'%s' applies from %s, after this %s's date %s", code, bound,
                        _(r->kind->label), on);
        } else if (date && to && strcmp(date, to) > 0) {
            numdate_date_display(to, bound);
            error_field(err, ERR_INVALID, f->name, f->label, "'%s' no longer applies after %s (this %s is dated %s)", code,
                        bound, _(r->kind->label), on);
        }
    }
    db_release(s, st);
    free(copy);
}

static bool is_login(const char *s)
{
    if (!(islower((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || strchr("_.-", *s)))
            return false;
    return true;
}

static bool is_code(const char *s)
{
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

/* The character position (1-based) of byte offset at in s. */
static size_t char_position(const char *s, long at)
{
    size_t n = 1;
    for (long i = 0; i < at; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static const char *control_name(unsigned char c)
{
    return c == 0x1B ? _("an Escape character") : c == '\n' ? _("a line break") : c == '\t' ? _("a tab") : _("a control character");
}

/* One field alone: its text, its form, its choices, its references. Returns
 * true when the value is usable for the checks between fields. */
static bool check_field(struct store *s, struct record *r, int i, struct error *err)
{
    const struct field *f = &r->kind->fields[i];
    char *raw = r->v[i];
    if (raw && !utf8_valid(raw, strlen(raw))) {
        error_field(err, ERR_INVALID, f->name, f->label, "the text is not valid UTF-8; retype it or convert the file to UTF-8");
        return false;
    }
    if (raw) {
        long at = utf8_find_control(raw, f->type == FT_LONGTEXT);
        if (at >= 0) {
            error_field(err, ERR_INVALID, f->name, f->label, "contains %s (at character %zu); remove it",
                      control_name((unsigned char)raw[at]), char_position(raw, at));
            return false;
        }
    }
    const char *why = NULL;
    char *v = field_normalise(f, raw, &why);
    if (why) {
        struct strbuf b;
        strbuf_init(&b);
        if (f->type == FT_CHOICE) {
            strbuf_adds(&b, _("; expected one of: "));
            choices_list(f, &b);
        } else if (f->max && (f->type == FT_INT || f->type == FT_REAL) && strcmp(why, "is too large") == 0) {
            strbuf_addf(&b, _(" (at most %d)"), f->max);
        }
        error_field(err, ERR_INVALID, f->name, f->label, "'%s' %s%s", raw, _(why), b.s);
        strbuf_free(&b);
        return false;
    }
    free(r->v[i]);
    r->v[i] = v;
    if (!v) {
        if (f->flags & F_REQUIRED) {
            error_field(err, ERR_INVALID, f->name, f->label, "required");
            return false;
        }
        return true;
    }
    if ((f->type == FT_TEXT || f->type == FT_LONGTEXT || (f->type == FT_SET && !f->ref)) && f->max &&
        utf8_length(v) > (size_t)f->max) {
        error_field(err, ERR_INVALID, f->name, f->label, "too long (%zu characters, at most %d)", utf8_length(v), f->max);
        return false;
    }
    if ((f->flags & F_LOGIN) && !is_login(v)) {
        error_field(err, ERR_INVALID, f->name, f->label, "'%s' is not a Unix login (lowercase letters, digits, '_', '.', '-')", v);
        return false;
    }
    if ((f->flags & F_CODE) && !is_code(v)) {
        error_field(err, ERR_INVALID, f->name, f->label, "'%s' is not a code (lowercase letters, digits and '_')", v);
        return false;
    }
    if (f->type == FT_REF) {
        char *id = ref_resolve(s, f, v, err);
        if (!id)
            return false;
        free(r->v[i]);
        r->v[i] = id;
    }
    if (f->type == FT_SET && f->ref && strcmp(kind_set_key(kind_find(f->ref)), "id") == 0) {
        char *ids = resolve_set(s, f, v, err);
        if (!ids)
            return false;
        free(r->v[i]);
        r->v[i] = ids;
    } else if (f->type == FT_SET && f->ref) {
        int before = err ? err->count : 0;
        check_set_codes(s, r, f, v, r->kind->date_field ? record_get(r, r->kind->date_field) : NULL, err);
        if (err && err->count > before)
            return false;
    }
    return true;
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* record_check, or with old (the stored record) the check of an edit: a
 * field whose value is the stored one byte for byte is taken as it is, and
 * a rule between two fields is checked when one of them changes. */
static int check_changed(struct store *s, struct record *r, const struct record *old, struct error *err)
{
    const struct kind *k = r->kind;
    bool *ok = xcalloc((size_t)k->nfields, sizeof *ok);
    struct error local;
    error_clear(&local);
    if (!err)
        err = &local;
    int before = err->count;
    /* The date first: dated set members (criteria) are checked against it. */
    int date_i = k->date_field ? kind_field_index(k, k->date_field) : -1;
    bool *kept = xcalloc((size_t)k->nfields, sizeof *kept);
    for (int i = 0; old && i < k->nfields; i++)
        kept[i] = same(old->v[i], r->v[i]);
    if (date_i >= 0)
        ok[date_i] = kept[date_i] || check_field(s, r, date_i, err);
    for (int i = 0; i < k->nfields; i++)
        if (i != date_i)
            ok[i] = kept[i] || check_field(s, r, i, err);
    for (int i = 0; i < k->nfields; i++) {
        const struct field *f = &k->fields[i];
        const char *other = f->not_above ? f->not_above : f->not_before;
        int j = other ? kind_field_index(k, other) : -1;
        if (j < 0 || !ok[i] || !ok[j] || !r->v[i] || !r->v[j] || (kept[i] && kept[j]))
            continue;
        if (f->not_above && atoll(r->v[i]) > atoll(r->v[j]))
            error_field(err, ERR_INVALID, f->name, f->label, "%s cannot be more than %s (%s)", r->v[i],
                        _(k->fields[j].label), r->v[j]);
        if (f->not_before && strcmp(r->v[i], r->v[j]) < 0)
            error_field(err, ERR_INVALID, f->name, f->label, "%s cannot be before %s (%s)", r->v[i],
                        _(k->fields[j].label), r->v[j]);
    }
    free(ok);
    free(kept);
    return err->count > before ? ERR_INVALID : 0;
}

int record_check(struct store *s, struct record *r, struct error *err)
{
    return check_changed(s, r, NULL, err);
}

/* ---- reading ---- */

void record_columns_sql(const struct kind *k, const char *alias, struct strbuf *b)
{
    static const char *const fixed[] = {"id", "created_at", "created_by", "updated_at", "updated_by", "deleted", "row_seq"};
    const char *a = alias ? alias : "";
    for (int i = 0; i < RECORD_FIXED_COLUMNS; i++)
        strbuf_addf(b, "%s%s%s", i ? ", " : "", a, fixed[i]);
    for (int i = 0; i < k->nfields; i++)
        strbuf_addf(b, ", %s%s", a, k->fields[i].name);
}

static char *column_dup(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? xstrdup((const char *)t) : NULL;
}

struct record *record_from_row(const struct kind *k, sqlite3_stmt *st)
{
    struct record *r = record_new(k);
    const unsigned char *id = sqlite3_column_text(st, 0);
    snprintf(r->id, sizeof r->id, "%s", id ? (const char *)id : "");
    r->created_at = column_dup(st, 1);
    r->created_by = column_dup(st, 2);
    r->updated_at = column_dup(st, 3);
    r->updated_by = column_dup(st, 4);
    r->deleted = sqlite3_column_int(st, 5);
    r->row_seq = sqlite3_column_int64(st, 6);
    for (int i = 0; i < k->nfields; i++)
        r->v[i] = column_dup(st, RECORD_FIXED_COLUMNS + i);
    return r;
}

/* The record of kind k whose column `by` equals the value bound by bind. */
static struct record *load_by(struct store *s, const struct kind *k, const char *by, const char *id, int64_t seq,
                              struct error *err)
{
    struct strbuf sql;
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT ");
    record_columns_sql(k, NULL, &sql);
    strbuf_addf(&sql, " FROM %s WHERE %s = ?", k->name, by);
    sqlite3_stmt *st = db_prepare(s, sql.s, err);
    strbuf_free(&sql);
    if (!st)
        return NULL;
    if (id)
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, seq);
    struct record *r = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        r = record_from_row(k, st);
    db_release(s, st);
    return r;
}

static struct record *load_from(struct store *s, const struct kind *k, const char *id, struct error *err)
{
    return load_by(s, k, "id", id, 0, err);
}

struct record *record_load_seq(struct store *s, const struct kind *k, int64_t row_seq)
{
    return load_by(s, k, "row_seq", NULL, row_seq, NULL);
}

const struct kind *record_kind_of(struct store *s, const char *id)
{
    for (int i = 0; kinds[i]; i++) {
        char *sql = xasprintf("SELECT 1 FROM %s WHERE id = ?", kinds[i]->name);
        int64_t found = db_int(s, sql, id);
        free(sql);
        if (found == 1)
            return kinds[i];
    }
    return NULL;
}

struct record *record_load(struct store *s, const char *id, struct error *err)
{
    const struct kind *k = id ? record_kind_of(s, id) : NULL;
    struct record *r = k ? load_from(s, k, id, err) : NULL;
    if (!r && (!err || !err->code))
        error_add(err, ERR_NOTFOUND, "no record with id '%s' (see: carnet list KIND)", id ? id : "");
    return r;
}

char *record_title(struct store *s, const struct record *r)
{
    const struct field *f = kind_field(r->kind, r->kind->title_field);
    const char *v = record_get(r, r->kind->title_field);
    if (!v)
        return xstrdup("");
    if (f->type == FT_REF) {
        struct record *t = load_from(s, kind_find(f->ref), v, NULL);
        char *title = t ? record_title(s, t) : xasprintf(_("(missing %s)"), _(kind_find(f->ref)->label));
        record_free(t);
        return title;
    }
    if (f->type == FT_CHOICE && field_choice_label(f, v))
        return xstrdup(_(field_choice_label(f, v)));    /* a seat: its college, in words */
    if (f->type == FT_DATE) {
        /* A record named by its date (a sitting) reads as what it belongs
         * to and the date: "Conseil citoyen — 01/12/2026". */
        char date[FORMAT_DATE_MAX];
        numdate_date_display(v, date);
        for (int i = 0; i < r->kind->nfields; i++) {
            const struct field *owner = &r->kind->fields[i];
            const char *id = r->v[i];
            if (owner->type != FT_REF || !(owner->flags & F_REQUIRED) || !id)
                continue;
            struct record *t = load_from(s, kind_find(owner->ref), id, NULL);
            char *name = t ? record_title(s, t) : NULL;
            record_free(t);
            char *title = name ? xasprintf("%s — %s", name, date) : xstrdup(date);
            free(name);
            return title;
        }
        return xstrdup(date);
    }
    return xstrdup(v);
}

/* ---- writing ---- */

void record_bind_value(sqlite3_stmt *st, int idx, const struct field *f, const char *v)
{
    if (!v)
        sqlite3_bind_null(st, idx);
    else if (f->type == FT_INT || f->type == FT_BOOL)
        sqlite3_bind_int64(st, idx, atoll(v));
    else if (f->type == FT_REAL) {
        double x = 0;
        numdate_to_double(v, &x);
        sqlite3_bind_double(st, idx, x);
    }
    else
        sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
}

static int history_add(struct store *s, const struct record *r, const char *field, const char *old, const char *new,
                       const char *at, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "INSERT INTO history(rec_id, kind, field, old, new, login, at) VALUES (?, ?, ?, ?, ?, ?, ?)", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, r->kind->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, old, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, new, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, s->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, at, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "keeping the history");
    db_release(s, st);
    return rc;
}

/* The INSERT of a whole record of kind k, prepared once per store: a
 * million-record demo would otherwise spend a tenth of its time writing
 * and looking up this text. */
static sqlite3_stmt *insert_stmt(struct store *s, const struct kind *k, struct error *err)
{
    sqlite3_stmt **slot = &s->insert[kind_number(k)];
    if (*slot)
        return db_prepare_slot(s, slot, NULL, N_("preparing a query"), err);
    struct strbuf sql;
    strbuf_init(&sql);
    strbuf_addf(&sql, "INSERT INTO %s (id, created_at, created_by, created_clk, updated_at, updated_by, updated_clk, "
                      "deleted, deleted_clk, row_seq", k->name);
    for (int i = 0; i < k->nfields; i++)
        strbuf_addf(&sql, ", %s, %s_clk", k->fields[i].name, k->fields[i].name);
    strbuf_adds(&sql, ") VALUES (?1, ?2, ?3, ?4, ?2, ?3, ?4, 0, ?4, ?5");
    for (int i = 0; i < k->nfields; i++)
        strbuf_addf(&sql, ", ?%d, ?4", 6 + i);
    strbuf_adds(&sql, ")");
    sqlite3_stmt *st = db_prepare_slot(s, slot, sql.s, N_("preparing a query"), err);
    strbuf_free(&sql);
    return st;
}

int record_insert(struct store *s, struct record *r, const unsigned char *clk, const char *login, const char *at,
                  struct error *err)
{
    const struct kind *k = r->kind;
    sqlite3_stmt *st = insert_stmt(s, k, err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 4, clk, CLOCK_SIZE, SQLITE_TRANSIENT);
    r->row_seq = store_next_seq(s);
    sqlite3_bind_int64(st, 5, r->row_seq);
    for (int i = 0; i < k->nfields; i++)
        record_bind_value(st, 6 + i, &k->fields[i], r->v[i]);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "saving");
    sqlite3_reset(st);
    if (rc == 0) {
        free(r->created_at);
        free(r->created_by);
        free(r->updated_at);
        free(r->updated_by);
        r->created_at = xstrdup(at);
        r->updated_at = xstrdup(at);
        r->created_by = xstrdup(login);
        r->updated_by = xstrdup(login);
        r->deleted = 0;
    }
    return rc;
}

/* The translated labels of k's natural key fields, ", " between them
 * ("Body, Held on"): what a person reads where the key is named. */
static char *natural_key_labels(const struct kind *k)
{
    struct strbuf b;
    strbuf_init(&b);
    char *keys = xstrdup(k->natural_key);
    for (char *name = strtok(keys, ","); name; name = strtok(NULL, ",")) {
        const struct field *f = kind_field(k, name);
        strbuf_addf(&b, "%s%s", *b.s ? ", " : "", f ? _(f->label) : name);
    }
    free(keys);
    return b.s;
}

void record_key_id(const struct kind *k, const char *const *values, int n, char out[37])
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, k->name);
    for (int i = 0; i < n; i++) {
        strbuf_addc(&b, '\x1f');
        strbuf_adds(&b, values[i] ? values[i] : "");
    }
    id_from_name(b.s, out);
    strbuf_free(&b);
}

/* The v5 id of a record with a natural key: kind name and key values. */
void record_natural_id(const struct record *r, char out[37])
{
    const char *values[8];
    int n = 0;
    char *keys = xstrdup(r->kind->natural_key);
    for (char *f = strtok(keys, ","); f && n < 8; f = strtok(NULL, ","))
        values[n++] = record_get(r, f);
    record_key_id(r->kind, values, n, out);
    free(keys);
}

int record_create(struct store *s, struct record *r, struct error *err)
{
    if (store_may_write(s, r->kind->name, err) != 0 || record_check(s, r, err) != 0)
        return err->code;
    if (store_begin(s, err) != 0)
        return err->code;
    char wanted[37];
    snprintf(wanted, sizeof wanted, "%s", r->id);
    if (wanted[0] && !id_valid(wanted)) {
        error_add(err, ERR_INVALID, "id: '%s' is not a carnet id (a lowercase UUID)", wanted);
        goto fail;
    }
    if (r->kind->natural_key) {
        record_natural_id(r, r->id);
        if (wanted[0] && strcmp(wanted, r->id) != 0) {
            char *key = natural_key_labels(r->kind);
            error_add(err, ERR_INVALID, "id: '%s' does not match this %s's %s (its id is %s)", wanted, _(r->kind->label),
                      key, r->id);
            free(key);
            goto fail;
        }
        struct record *old = load_from(s, r->kind, r->id, err);
        if (old) {
            char *key = natural_key_labels(r->kind);
            error_add(err, ERR_INVALID, "this %s exists already (%s, id %s)%s", _(r->kind->label), key, r->id,
                      old->deleted ? _("; it is in the trash: restore it with carnet restore ID") : "");
            free(key);
            record_free(old);
            goto fail;
        }
    } else if (wanted[0]) {
        struct record *old = load_from(s, r->kind, wanted, err);
        if (old) {
            error_add(err, ERR_INVALID, "id: a %s with id %s exists already", _(r->kind->label), wanted);
            record_free(old);
            goto fail;
        }
    } else {
        id_new(r->id);
    }
    unsigned char clk[CLOCK_SIZE];
    char at[21];
    store_tick(s, clk);
    store_timestamp(s, at);
    if (record_insert(s, r, clk, s->login, at, err) != 0 || history_add(s, r, "*", NULL, "created", at, err) != 0)
        goto fail;
    if (store_commit(s, err) == 0)
        return 0;
fail:
    store_rollback(s);
    r->id[0] = '\0';
    return err->code;
}

/* What must hold after any write, checked inside its transaction: a store
 * always keeps one administrator, or nobody could manage it any more. */
static int invariants(struct store *s, const struct kind *k, struct error *err)
{
    if (strcmp(k->name, "member") == 0 &&
        db_int(s, "SELECT count(*) FROM member WHERE role = 'admin' AND deleted = 0", NULL) < 1)
        return error_add(err, ERR_INVALID, "role: this would leave the store without an administrator; make someone else admin first");
    return 0;
}

/* Writes the fields flagged in change (values from r) at a new clock, plus
 * the audit columns and, when deleted >= 0, the tombstone; with a history
 * row per field. Inside a transaction. */
static int write_fields(struct store *s, const struct record *old, const struct record *r, const bool *change,
                        int deleted, struct error *err)
{
    const struct kind *k = r->kind;
    unsigned char clk[CLOCK_SIZE];
    char at[21];
    store_tick(s, clk);
    store_timestamp(s, at);
    struct strbuf sql;
    strbuf_init(&sql);
    strbuf_addf(&sql, "UPDATE %s SET updated_at = ?1, updated_by = ?2, updated_clk = ?3, row_seq = ?4", k->name);
    if (deleted >= 0)
        strbuf_addf(&sql, ", deleted = %d, deleted_clk = ?3", deleted);
    for (int i = 0; i < k->nfields; i++)
        if (change[i])
            strbuf_addf(&sql, ", %s = ?%d, %s_clk = ?3", k->fields[i].name, 6 + i, k->fields[i].name);
    strbuf_adds(&sql, " WHERE id = ?5");
    sqlite3_stmt *st = db_prepare(s, sql.s, err);
    strbuf_free(&sql);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, s->login, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, clk, CLOCK_SIZE, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, store_next_seq(s));
    sqlite3_bind_text(st, 5, r->id, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < k->nfields; i++)
        if (change[i])
            record_bind_value(st, 6 + i, &k->fields[i], r->v[i]);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "saving");
    db_release(s, st);
    for (int i = 0; rc == 0 && i < k->nfields; i++)
        if (change[i])
            rc = history_add(s, r, k->fields[i].name, old->v[i], r->v[i], at, err);
    if (rc == 0 && deleted >= 0 && deleted != old->deleted)
        rc = history_add(s, r, "deleted", old->deleted ? "1" : "0", deleted ? "1" : "0", at, err);
    return rc;
}

/* Only the fields an edit changes are checked. A record may hold what
 * local validation refuses (an Escape in a title, a date out of order):
 * sync stores a peer's values as they are, since every replica must end
 * with the same bytes, and the sqlite3 shell can write them too. Checking
 * every field would refuse any edit of such a record, even the one that
 * repairs it; this way it is repaired one field at a time, and what it
 * holds is cleaned wherever it is shown (utf8_sanitize). */
int record_update(struct store *s, struct record *r, struct error *err)
{
    if (store_may_write(s, r->kind->name, err) != 0)
        return err->code;
    if (store_begin(s, err) != 0)
        return err->code;
    bool *change = xcalloc((size_t)r->kind->nfields, sizeof *change);
    bool any = false;
    struct record *old = load_from(s, r->kind, r->id, err);
    if (!old) {
        error_add(err, ERR_NOTFOUND, "no %s with id '%s'", _(r->kind->label), r->id);
        goto fail;
    }
    if (old->deleted) {
        error_add(err, ERR_INVALID, "this %s is in the trash; restore it first (carnet restore %s)", _(r->kind->label), r->id);
        goto fail;
    }
    if (check_changed(s, r, old, err) != 0)
        goto fail;
    for (int i = 0; i < r->kind->nfields; i++)
        any |= change[i] = !same(old->v[i], r->v[i]);
    if (any && (write_fields(s, old, r, change, -1, err) != 0 || invariants(s, r->kind, err) != 0))
        goto fail;
    free(change);
    record_free(old);
    return store_commit(s, err);
fail:
    free(change);
    record_free(old);
    store_rollback(s);
    return err->code;
}

enum state_change { TO_DELETED, TO_RESTORED, TO_ERASED };

static int change_state(struct store *s, const char *id, enum state_change what, struct error *err)
{
    const struct kind *k = record_kind_of(s, id);
    if (!k)
        return error_add(err, ERR_NOTFOUND, "no record with id '%s' (see: carnet list KIND)", id);
    if (store_may_write(s, k->name, err) != 0 || store_begin(s, err) != 0)
        return err->code;
    struct record *old = load_from(s, k, id, err);
    struct record *r = old ? record_dup(old) : NULL;
    bool *change = xcalloc((size_t)k->nfields, sizeof *change);
    int rc = 0;
    if (!old) {
        rc = error_add(err, ERR_NOTFOUND, "no record with id '%s'", id);
    } else if (what == TO_ERASED) {
        for (int i = 0; i < k->nfields; i++) {
            const struct field *f = &k->fields[i];
            if ((f->flags & F_PERSONAL) || f->type == FT_LONGTEXT) {
                change[i] = true;
                free(r->v[i]);
                r->v[i] = NULL;
            }
        }
        rc = write_fields(s, old, r, change, 1, err);
        /* The history must not keep what was erased. */
        for (int i = 0; rc == 0 && i < k->nfields; i++) {
            if (!change[i])
                continue;
            sqlite3_stmt *st = db_prepare(s, "UPDATE history SET old = NULL, new = NULL WHERE rec_id = ? AND field = ?", err);
            if (!st) {
                rc = err->code;
                break;
            }
            sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, k->fields[i].name, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(s, err, "erasing the history");
            db_release(s, st);
        }
    } else {
        int want = what == TO_DELETED;
        if (old->deleted != want)
            rc = write_fields(s, old, r, change, want, err);
    }
    if (rc == 0)
        rc = invariants(s, k, err);
    free(change);
    record_free(old);
    record_free(r);
    if (rc != 0) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, err);
}

int record_delete(struct store *s, const char *id, struct error *err) { return change_state(s, id, TO_DELETED, err); }
int record_restore(struct store *s, const char *id, struct error *err) { return change_state(s, id, TO_RESTORED, err); }
int record_erase(struct store *s, const char *id, struct error *err) { return change_state(s, id, TO_ERASED, err); }
