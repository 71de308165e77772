/* The hub's federation schema: read-only views for BI tools, one per kind,
 * generated from the kind descriptors like the hub's tables. What a person
 * reads: the dataset's centres by name, a reference's name beside its id,
 * a choice's French label beside its code, dates as date, quantities as
 * numeric, yes/no as boolean, sets as arrays of labels; no clocks and no
 * deleted records. Every view is security_invoker, so the row-level
 * security of the hub's tables applies to whoever reads through it. A
 * value the hub cannot cast (a date that is not one, from a replica
 * written by hand) reads as NULL rather than failing the whole query.
 * Knows nothing of libpq: hub.c runs the SQL. */
#include "model/hub.h"
#include "model/indicators.h"
#include "model/kind.h"
#include "util/mo.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

bool hub_view_kind(const struct kind *k)
{
    for (int i = 0; k && i < k->nfields; i++)
        if (k->fields[i].flags & (F_PERSONAL | F_LOGIN))
            return false;
    return k != NULL;
}

/* s as an SQL string literal (standard_conforming_strings, set on by the
 * script). */
static void literal(struct strbuf *b, const char *s)
{
    strbuf_addc(b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            strbuf_addc(b, '\'');
        strbuf_addc(b, *s);
    }
    strbuf_addc(b, '\'');
}

/* A real calendar date YYYY-MM-DD (year 1000 on) as date, else NULL; the
 * nested CASE keeps the cast from ever seeing what the pattern refused. */
static void date_expr(struct strbuf *b, const char *col)
{
    strbuf_addf(b, "CASE WHEN %s ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN CASE WHEN "
                   "substr(%s, 9, 2)::int <= extract(day FROM (substr(%s, 1, 8) || '01')::date + interval '1 month' - "
                   "interval '1 day') THEN %s::date END END", col, col, col, col);
}

/* The field that labels a set's members (label_fr when the kind has it,
 * else its title); kind_set_key is the one they are keys of. */
static const char *set_label(const struct kind *t)
{
    return kind_field(t, "label_fr") ? "label_fr" : t->title_field;
}

static void field_sql(struct strbuf *b, const struct field *f, int i, const struct mo *fr)
{
    char col[80];
    snprintf(col, sizeof col, "x.%s", f->name);
    const struct kind *t = f->ref ? kind_find(f->ref) : NULL;
    switch (f->type) {
    case FT_INT:
    case FT_TEXT:
    case FT_LONGTEXT:
        strbuf_addf(b, ",\n  %s", col);
        break;
    case FT_REAL:
        strbuf_addf(b, ",\n  %s::numeric AS %s", col, f->name);
        break;
    case FT_BOOL:
        strbuf_addf(b, ",\n  (%s <> 0) AS %s", col, f->name);
        break;
    case FT_DATE:
        strbuf_adds(b, ",\n  ");
        date_expr(b, col);
        strbuf_addf(b, " AS %s", f->name);
        break;
    case FT_CHOICE:
        strbuf_addf(b, ",\n  %s, CASE %s", col, col);
        for (const struct choice *c = f->choices; c && c->code; c++) {
            strbuf_adds(b, " WHEN ");
            literal(b, c->code);
            strbuf_adds(b, " THEN ");
            literal(b, mo_get(fr, c->label));
        }
        strbuf_addf(b, " ELSE %s END AS %s_label", col, f->name);
        break;
    case FT_SET:
        if (t)
            strbuf_addf(b, ",\n  ARRAY(SELECT coalesce(m.%s, u.code) FROM unnest(string_to_array(%s, ',')) WITH "
                           "ORDINALITY AS u(code, n) LEFT JOIN carnet.%s m ON m.dataset = x.dataset AND m.%s = u.code "
                           "AND m.deleted = 0 ORDER BY u.n) AS %s,\n  string_to_array(%s, ',') AS %s_codes",
                        set_label(t), col, t->name, kind_set_key(t), f->name, col, f->name);
        else
            strbuf_addf(b, ",\n  string_to_array(%s, ',') AS %s", col, f->name);
        break;
    case FT_REF:
        if (t && hub_view_kind(t))
            strbuf_addf(b, ",\n  r%d.%s AS %s", i, t->title_field, f->name);
        strbuf_addf(b, ",\n  %s AS %s_id", col, f->name);
        break;
    }
}

static void view_sql(struct strbuf *b, const struct kind *k, const struct mo *fr, bool drop)
{
    if (drop)
        strbuf_addf(b, "DROP VIEW IF EXISTS federation.%s;\n", k->name);
    strbuf_addf(b, "CREATE OR REPLACE VIEW federation.%s WITH (security_invoker = true) AS\nSELECT x.dataset, dc.names "
                   "AS dataset_centre, x.id", k->name);
    for (int i = 0; i < k->nfields; i++)
        field_sql(b, &k->fields[i], i, fr);
    strbuf_addf(b, "\nFROM carnet.%s x\nLEFT JOIN (SELECT dataset, string_agg(name, ', ' ORDER BY name) AS names FROM "
                   "carnet.centre WHERE deleted = 0 GROUP BY dataset) dc ON dc.dataset = x.dataset", k->name);
    for (int i = 0; i < k->nfields; i++) {
        const struct field *f = &k->fields[i];
        const struct kind *t = f->type == FT_REF ? kind_find(f->ref) : NULL;
        if (t && hub_view_kind(t))
            strbuf_addf(b, "\nLEFT JOIN carnet.%s r%d ON r%d.dataset = x.dataset AND r%d.id = x.%s", t->name, i, i, i,
                        f->name);
    }
    strbuf_adds(b, "\nWHERE x.deleted = 0;\n");
    strbuf_addf(b, "COMMENT ON VIEW federation.%s IS ", k->name);
    literal(b, mo_get(fr, k->plural));
    strbuf_adds(b, ";\n");
}

/* ---- the indicators ---- */

/* SQLite's total() and julianday(), which the indicators' SQL is written
 * with, as PostgreSQL functions of the schema carnet: total is the sum as
 * a float, 0 over no rows, a condition counting 1 when true; julianday of
 * a date that is not one is NULL. */
static void sqlite_functions_sql(struct strbuf *b)
{
    static const char *const types[] = {"boolean", "bigint", "double precision", "numeric"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        const char *add = i == 0 ? "CASE WHEN v THEN 1 ELSE 0 END" : "coalesce(v, 0)";
        strbuf_addf(b, "CREATE OR REPLACE FUNCTION carnet.total_step(s double precision, v %s) RETURNS double "
                       "precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT s + (%s)::double precision $$;\n"
                       "CREATE OR REPLACE AGGREGATE carnet.total(%s) (SFUNC = carnet.total_step, STYPE = double "
                       "precision, INITCOND = '0');\n", types[i], add, types[i]);
    }
    strbuf_adds(b, "CREATE OR REPLACE FUNCTION carnet.julianday(d text) RETURNS double precision LANGUAGE sql "
                   "IMMUTABLE PARALLEL SAFE AS $$ SELECT (");
    date_expr(b, "d");
    strbuf_adds(b, " - DATE '2000-01-01') + 2451544.5 $$;\n");
}

/* Whether def is one of the indicators the view gives: a count or a
 * quantity computed by its own SQL over a dated kind kept by a centre. */
static const struct kind *indicator_kind(const struct ind_def *def)
{
    const struct kind *k = kind_find(def->kind);
    if (!def->sql || def->window == IND_GOVERNANCE || (def->flags & IND_INTERNAL) ||
        (def->type != IND_COUNT && def->type != IND_REAL) || !k || !k->date_field || !kind_field(k, "centre"))
        return NULL;
    return k;
}

/* The window of def over the year y, as the report's (model/indicators.h):
 * dated in the year, dated by its end, open and dated by its end, or every
 * live record. */
static void window_sql(struct strbuf *b, const struct ind_def *def, const struct kind *k)
{
    const char *d = k->date_field;
    switch (def->window) {
    case IND_IN_YEAR:
        strbuf_addf(b, " AND t.%s BETWEEN y.first_day AND y.last_day", d);
        break;
    case IND_OPEN:
        strbuf_adds(b, " AND t.status = 'open'");
        /* fall through */
    case IND_BY_END:
        strbuf_addf(b, " AND t.%s <= y.last_day", d);
        break;
    default:
        break;
    }
}

/* Whether k is a logbook kept by a centre: dated, with a centre field
 * (the kinds the indicators' years and figures come from). */
static bool centre_log(const struct kind *k)
{
    return k->date_field && kind_field(k, "centre");
}

/* The first indicator of the view counted over def's kind and window:
 * each such group is one SELECT, as in the report. */
static const struct ind_def *group_of(const struct ind_def *def)
{
    for (const struct ind_def *g = ind_defs;; g++)
        if (indicator_kind(g) && !strcmp(g->kind, def->kind) && g->window == def->window)
            return g;
}

/* federation.indicators: for each live centre of each dataset and each
 * year of the logbooks, the report's count indicators computed by their
 * own SQL over that centre's records of the window (run here with the
 * schema carnet first on the search path: its tables, total and
 * julianday), with their French label and unit. An aggregate over no
 * record is what the report shows: 0, or NULL for an average ("n/a").
 * The figures of one kind and window are one aggregate query per centre
 * and year (LATERAL, on the index of the centre's dated records), and y
 * is inlined (NOT MATERIALIZED), so that a query of one centre or one
 * year computes only those rows. */
static void indicators_sql(struct strbuf *b, const struct mo *fr, bool drop)
{
    sqlite_functions_sql(b);
    if (drop)
        strbuf_adds(b, "DROP VIEW IF EXISTS federation.indicators;\n");
    for (int i = 0; kinds[i]; i++)
        if (centre_log(kinds[i]))
            strbuf_addf(b, "CREATE INDEX IF NOT EXISTS %s_centre_%s ON carnet.%s (dataset, centre, %s);\n",
                        kinds[i]->name, kinds[i]->date_field, kinds[i]->name, kinds[i]->date_field);
    strbuf_adds(b, "SET LOCAL search_path = carnet, pg_catalog, pg_temp;\n"
                   "CREATE OR REPLACE VIEW federation.indicators WITH (security_invoker = true) AS\n"
                   "WITH y AS NOT MATERIALIZED (SELECT c.dataset, c.name AS centre, c.id AS centre_id, years.year, "
                   "to_char(make_date(years.year, 1, 1), 'YYYY-MM-DD') AS first_day, "
                   "to_char(make_date(years.year, 12, 31), 'YYYY-MM-DD') AS last_day, "
                   "to_char(current_date, 'YYYY-MM-DD') AS today FROM carnet.centre c JOIN (SELECT DISTINCT dataset, "
                   "substr(d, 1, 4)::int AS year FROM (");
    const char *sep = "";
    for (int i = 0; kinds[i]; i++)
        if (centre_log(kinds[i])) {
            strbuf_addf(b, "%sSELECT dataset, %s AS d FROM carnet.%s WHERE deleted = 0", sep, kinds[i]->date_field,
                        kinds[i]->name);
            sep = " UNION ALL ";
        }
    strbuf_adds(b, ") dates WHERE d ~ '^[1-9][0-9]{3}-') years ON years.dataset = c.dataset WHERE c.deleted = 0)\n"
                   "SELECT y.dataset, y.centre, y.centre_id, y.year, v.section, v.code, v.label, v.unit, v.value\n"
                   "FROM y");
    for (const struct ind_def *g = ind_defs; g->section; g++) {
        const struct kind *k = indicator_kind(g);
        if (!k || group_of(g) != g)
            continue;
        strbuf_adds(b, "\nCROSS JOIN LATERAL (SELECT ");
        sep = "";
        for (const struct ind_def *def = g; def->section; def++)
            if (indicator_kind(def) && group_of(def) == g) {
                strbuf_addf(b, "%s(", sep);
                ind_bind_sql(b, def->sql, "y.first_day", "y.last_day", "y.today");
                strbuf_addf(b, ")::numeric AS v%d", (int)(def - ind_defs));
                sep = ", ";
            }
        strbuf_addf(b, " FROM carnet.%s t WHERE t.dataset = y.dataset AND t.centre = y.centre_id AND t.deleted = 0",
                    k->name);
        window_sql(b, g, k);
        strbuf_addf(b, ") g%d", (int)(g - ind_defs));
    }
    strbuf_adds(b, "\nCROSS JOIN LATERAL (VALUES");
    sep = "";
    for (const struct ind_def *def = ind_defs; def->section; def++) {
        if (!indicator_kind(def))
            continue;
        strbuf_addf(b, "%s\n  (", sep);
        literal(b, def->section);
        strbuf_adds(b, ", ");
        literal(b, def->code);
        strbuf_adds(b, ", ");
        literal(b, mo_get(fr, def->label));
        strbuf_adds(b, ", ");
        literal(b, mo_get(fr, def->unit));
        strbuf_addf(b, ", g%d.v%d)", (int)(group_of(def) - ind_defs), (int)(def - ind_defs));
        sep = ",";
    }
    strbuf_adds(b, ") v(section, code, label, unit, value);\nSET LOCAL search_path = pg_catalog, pg_temp;\n"
                   "COMMENT ON VIEW federation.indicators IS ");
    literal(b, mo_get(fr, "indicators"));
    strbuf_adds(b, ";\n");
}

void hub_views_sql(struct strbuf *b, const struct mo *fr, bool drop)
{
    strbuf_adds(b, "SET LOCAL standard_conforming_strings = on;\nCREATE SCHEMA IF NOT EXISTS federation;\n");
    for (int i = 0; kinds[i]; i++)
        if (hub_view_kind(kinds[i]))
            view_sql(b, kinds[i], fr, drop);
    indicators_sql(b, fr, drop);
}
