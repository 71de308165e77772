/* CSV and JSON for records. Hand-written, because both sides are tiny and
 * exact: CSV per RFC 4180 (quotes doubled, CRLF between records, fields with
 * commas, quotes or line breaks quoted) with text that a spreadsheet would
 * run as a formula neutralised, JSON strings escaped per RFC 8259. */
#include "model/format.h"
#include "model/query.h"
#include "model/record.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const audit_columns[] = {"created_at", "created_by", "updated_at", "updated_by"};

const char *const json_reserved_keys[] = {JSON_KIND_KEY, "id", "created_at", "created_by", "updated_at", "updated_by",
                                          "deleted", NULL};

/* Spreadsheets run a cell that begins with = + - or @ as a formula (some
 * also after a tab or a carriage return): a title "=HYPERLINK(...)" would
 * run when a manager opens the export. Such a text cell is written with a
 * single quote in front, which spreadsheets take as "this is text" (OWASP,
 * CSV injection). So that import undoes exactly that and nothing else, the
 * rule looks past a run of quotes: a value made of zero or more ' then one
 * of those characters gets one more ' in front (="x" -> '="x", '=x -> ''=x),
 * and import takes one ' off a cell made of one or more ' then one of them.
 * Any other value ('plain, it's) is written and read as it is. */
static bool guarded_start(const char *v)
{
    while (*v == '\'')
        v++;
    return *v && strchr("=+-@\t\r", *v);
}

/* RFC 4180 quoting only. */
static void csv_quote(const char *v, struct strbuf *out)
{
    if (!strpbrk(v, ",\"\r\n") && v[0] != ' ' && (!*v || v[strlen(v) - 1] != ' ')) {
        strbuf_adds(out, v);
        return;
    }
    strbuf_addc(out, '"');
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            strbuf_addc(out, '"');
        strbuf_addc(out, *p);
    }
    strbuf_addc(out, '"');
}

void csv_field(const char *v, struct strbuf *out)
{
    if (!v)
        return;
    if (!guarded_start(v)) {
        csv_quote(v, out);
        return;
    }
    char *g = xasprintf("'%s", v);
    csv_quote(g, out);
    free(g);
}

/* -12, 3.5, 1e-05: what carnet writes for a number. */
static bool plain_number(const char *v)
{
    const char *p = v + (*v == '-');
    const char *digits = p;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p == digits)
        return false;
    if (*p == '.') {
        const char *frac = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p == frac)
            return false;
    }
    if (*p == 'e' || *p == 'E') {
        p += p[1] == '-' || p[1] == '+' ? 2 : 1;
        const char *exp = p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p == exp)
            return false;
    }
    return *p == '\0';
}

void csv_number(const char *v, struct strbuf *out)
{
    if (v && plain_number(v))
        csv_quote(v, out);
    else
        csv_field(v, out);
}

void csv_unguard(char *cell)
{
    if (cell[0] == '\'' && guarded_start(cell + 1))
        memmove(cell, cell + 1, strlen(cell));
}

void csv_header(const struct kind *k, struct strbuf *out)
{
    strbuf_adds(out, "id");
    for (int i = 0; i < k->nfields; i++)
        strbuf_addf(out, ",%s", k->fields[i].name);
    for (int i = 0; i < 4; i++)
        strbuf_addf(out, ",%s", audit_columns[i]);
    strbuf_adds(out, "\r\n");
}

void csv_record(const struct record *r, struct strbuf *out)
{
    strbuf_adds(out, r->id);
    for (int i = 0; i < r->kind->nfields; i++) {
        enum field_type t = r->kind->fields[i].type;
        strbuf_addc(out, ',');
        if (t == FT_INT || t == FT_REAL)
            csv_number(r->v[i], out);
        else
            csv_field(r->v[i], out);
    }
    const char *audit[] = {r->created_at, r->created_by, r->updated_at, r->updated_by};
    for (int i = 0; i < 4; i++) {
        strbuf_addc(out, ',');
        csv_field(audit[i], out);
    }
    strbuf_adds(out, "\r\n");
}

void json_string(const char *v, struct strbuf *out)
{
    if (!v) {
        strbuf_adds(out, "null");
        return;
    }
    strbuf_addc(out, '"');
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        switch (*p) {
        case '"': strbuf_adds(out, "\\\""); break;
        case '\\': strbuf_adds(out, "\\\\"); break;
        case '\n': strbuf_adds(out, "\\n"); break;
        case '\r': strbuf_adds(out, "\\r"); break;
        case '\t': strbuf_adds(out, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                strbuf_addf(out, "\\u%04x", *p);
            else
                strbuf_addc(out, (char)*p);
        }
    }
    strbuf_addc(out, '"');
}

static void json_value(const struct field *f, const char *v, struct strbuf *out)
{
    if (!v) {
        strbuf_adds(out, f->type == FT_SET ? "[]" : "null");
        return;
    }
    switch (f->type) {
    case FT_INT:
    case FT_REAL:
        strbuf_adds(out, v);
        break;
    case FT_BOOL:
        strbuf_adds(out, strcmp(v, "0") ? "true" : "false");
        break;
    case FT_SET: {
        strbuf_addc(out, '[');
        char *copy = xstrdup(v);
        int n = 0;
        for (char *item = strtok(copy, ","); item; item = strtok(NULL, ",")) {
            if (n++)
                strbuf_addc(out, ',');
            json_string(item, out);
        }
        free(copy);
        strbuf_addc(out, ']');
        break;
    }
    default:
        json_string(v, out);
    }
}

void json_record(const struct record *r, struct strbuf *out)
{
    strbuf_adds(out, "{\"" JSON_KIND_KEY "\":");
    json_string(r->kind->name, out);
    strbuf_adds(out, ",\"id\":");
    json_string(r->id, out);
    for (int i = 0; i < r->kind->nfields; i++) {
        strbuf_addc(out, ',');
        json_string(r->kind->fields[i].name, out);
        strbuf_addc(out, ':');
        json_value(&r->kind->fields[i], r->v[i], out);
    }
    const char *audit[] = {r->created_at, r->created_by, r->updated_at, r->updated_by};
    for (int i = 0; i < 4; i++) {
        strbuf_addf(out, ",\"%s\":", audit_columns[i]);
        json_string(audit[i], out);
    }
    strbuf_addf(out, ",\"deleted\":%s}", r->deleted ? "true" : "false");
}

/* Seconds since the epoch of a UTC civil time (timegm is not POSIX). */
static time_t utc_seconds(int y, int m, int d, int hh, int mm, int ss)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468;
    return (time_t)days * 86400 + hh * 3600 + mm * 60 + ss;
}

void format_time_local(const char *iso, char out[FORMAT_TIME_MAX])
{
    struct tm tm = {0};
    int n = 0;
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                       &tm.tm_min, &tm.tm_sec, &n) != 6 || (iso[n] && strcmp(iso + n, "Z") != 0)) {
        snprintf(out, FORMAT_TIME_MAX, "%s", iso ? iso : "");
        return;
    }
    time_t t = utc_seconds(tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    struct tm local;
    char date[FORMAT_DATE_MAX], iso_date[FORMAT_DATE_MAX], hm[8];
    localtime_r(&t, &local);
    strftime(iso_date, sizeof iso_date, "%Y-%m-%d", &local);
    strftime(hm, sizeof hm, "%H:%M", &local);
    numdate_date_display(iso_date, date);
    /* TRANSLATORS: a date and a time of day, "02/12/2026 at 03:11". */
    snprintf(out, FORMAT_TIME_MAX, _("%s at %s"), date, hm);
}

/* ---- Values as people read them ---------------------------------------- */

const char *format_label_column(void)
{
    const char *lang = setlocale(LC_MESSAGES, NULL);
    const char *env = getenv("LANGUAGE");
    if (env && *env)
        lang = env;
    return lang && strncmp(lang, "fr", 2) == 0 ? "label_fr" : "label_en";
}

void format_count_text(long n, char out[64])
{
    numdate_grouped((double)n, 0, strcmp(format_label_column(), "label_fr") == 0, out);
}

char *format_member_label(struct store *s, const struct kind *k, const char *key, const char *column)
{
    struct query q;
    struct record *r = NULL;
    struct error err;
    error_clear(&err);
    query_init(&q, k);
    q.deleted = Q_ALL;
    if (strcmp(kind_set_key(k), "id") == 0) {
        r = record_load(s, key, &err);
        if (r && r->kind != k) {
            record_free(r);
            r = NULL;
        }
    } else if (query_where_add(&q, kind_set_key(k), key, &err) == 0) {
        r = query_first(s, &q, &err);
    }
    if (!r)
        return NULL;
    const char *label = record_get(r, kind_field(k, column) ? column : k->title_field);
    char *out = label ? xstrdup(label) : NULL;
    record_free(r);
    return out;
}

char *format_member_label_of(void *store, const char *kind, const char *column, const char *key)
{
    return format_member_label(store, kind_find(kind), key, column);
}

char *format_set_labels(const struct field *f, const char *v, const char *column, format_label_fn label, void *ctx)
{
    struct strbuf b;
    strbuf_init(&b);
    const char *p = v;
    while (*p) {
        size_t len = strcspn(p, ",");
        char *code = xstrndup(p, len);
        char *text = f->ref ? label(ctx, f->ref, column, code) : NULL;
        strbuf_addf(&b, "%s%s", b.len ? ", " : "", text ? text : code);
        free(text);
        free(code);
        p += len;
        if (*p == ',')
            p++;
    }
    return strbuf_detach(&b);
}

static char *set_text(struct store *s, const struct field *f, const char *v)
{
    return format_set_labels(f, v, format_label_column(), format_member_label_of, s);
}

char *format_missing_record(const struct kind *k)
{
    if (!k)
        return xstrdup(_("(a record not in this store)"));
    /* TRANSLATORS: %s is a kind's label, e.g. territory. */
    return xasprintf(_("(%s: a record not in this store)"), _(k->label));
}

char *format_value_text(struct store *s, const struct field *f, const char *v)
{
    if (!v || !*v)
        return xstrdup("");
    switch (f->type) {
    case FT_CHOICE: {
        const char *label = field_choice_label(f, v);
        return xstrdup(label ? _(label) : v);
    }
    case FT_BOOL:
        return xstrdup(strcmp(v, "0") ? _("yes") : _("no"));
    case FT_DATE: {
        char d[11];
        numdate_date_display(v, d);
        return xstrdup(d);
    }
    case FT_REAL:
        return numdate_number_display(v);
    case FT_REF: {
        struct error err;
        error_clear(&err);
        struct record *t = record_load(s, v, &err);
        if (!t)
            return format_missing_record(kind_find(f->ref));
        char *name = record_title(s, t);
        char *out = t->deleted ? xasprintf(_("%s (in the trash)"), name) : xstrdup(name);
        free(name);
        record_free(t);
        return out;
    }
    case FT_SET:
        return set_text(s, f, v);
    default:
        return xstrdup(v);
    }
}

void csv_reader_init(struct csv_reader *cr, const char *data, size_t len)
{
    cr->p = data;
    cr->end = data + len;
    cr->line = cr->next_line = 1;
    /* A UTF-8 byte order mark, as spreadsheets write it, is not data. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        cr->p += 3;
    /* The separator is the one the header line uses more, outside quotes:
     * field names hold neither, so one is enough to tell. */
    int commas = 0, semicolons = 0;
    bool quoted = false;
    for (const char *q = cr->p; q < cr->end && (quoted || (*q != '\n' && *q != '\r')); q++) {
        if (*q == '"')
            quoted = !quoted;
        else if (!quoted && *q == ',')
            commas++;
        else if (!quoted && *q == ';')
            semicolons++;
    }
    cr->sep = semicolons > commas ? ';' : ',';
}

void csv_row_free(char **fields, int n)
{
    for (int i = 0; i < n; i++)
        free(fields[i]);
    free(fields);
}

int csv_read_row(struct csv_reader *cr, char ***fields, int *n, struct error *err)
{
    *fields = NULL;
    *n = 0;
    if (cr->p >= cr->end)
        return 0;
    cr->line = cr->next_line;
    int cap = 16;
    char **f = xmalloc((size_t)cap * sizeof *f);
    struct strbuf b;
    strbuf_init(&b);
    for (;;) {
        strbuf_reset(&b);
        if (cr->p < cr->end && *cr->p == '"') {
            cr->p++;
            for (;;) {
                if (cr->p >= cr->end) {
                    strbuf_free(&b);
                    csv_row_free(f, *n);
                    return error_add(err, ERR_INVALID, "line %d: a quoted field is not closed (a \" is missing)", cr->line), -1;
                }
                if (*cr->p == '"') {
                    if (cr->p + 1 < cr->end && cr->p[1] == '"') {
                        strbuf_addc(&b, '"');
                        cr->p += 2;
                        continue;
                    }
                    cr->p++;
                    break;
                }
                if (*cr->p == '\n')
                    cr->next_line++;
                strbuf_addc(&b, *cr->p++);
            }
            /* Anything between the closing quote and the separator is kept. */
            while (cr->p < cr->end && *cr->p != cr->sep && *cr->p != '\n' && *cr->p != '\r')
                strbuf_addc(&b, *cr->p++);
        } else {
            while (cr->p < cr->end && *cr->p != cr->sep && *cr->p != '\n' && *cr->p != '\r')
                strbuf_addc(&b, *cr->p++);
        }
        if (*n == cap)
            f = xrealloc(f, (size_t)(cap *= 2) * sizeof *f);
        f[(*n)++] = xstrdup(b.s);
        if (cr->p < cr->end && *cr->p == cr->sep) {
            cr->p++;
            continue;
        }
        if (cr->p < cr->end && *cr->p == '\r')
            cr->p++;
        if (cr->p < cr->end && *cr->p == '\n')
            cr->p++;
        cr->next_line++;
        break;
    }
    strbuf_free(&b);
    *fields = f;
    return 1;
}
