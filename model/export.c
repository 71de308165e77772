/* The records' xlsx workbook: per field type, the cell a spreadsheet
 * wants (numbers, dates, Yes/No, labels, names), through the shared cells
 * of model/xlsx.c and the values for people of model/format.c. Rows are
 * written as the query walks (constant memory): a large export stays
 * small. */
#include "model/export.h"
#include "model/format.h"
#include "model/xlsx.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The words of a reference or a set cost a read of the store each (the
 * record's title, each code's label), and a year of a large store repeats
 * the same few centres, territories, bodies and themes over thousands of
 * rows: the workbook keeps what it has shown, up to a bound (a free-text
 * set such as partners may have as many values as rows). */
#define SHOWN_SLOTS 8192        /* a power of two; at most half are filled */

struct shown {
    const struct field *f;
    char *value, *text;
};

struct export_xlsx {
    struct xlsx own;            /* the workbook of export_xlsx_start */
    struct xlsx *x;             /* own, or the caller's (export_xlsx_sheet) */
    struct store *s;
    const struct kind *kind;    /* of the current sheet; NULL before the first */
    struct shown *shown;        /* SHOWN_SLOTS, made at the first use */
    size_t nshown;
};

/* The text of value v of f as format_value_text writes it; borrowed from
 * e's memory when kept there, else *owned holds it for the caller to free. */
static const char *shown_text(struct export_xlsx *e, const struct field *f, const char *v, char **owned)
{
    *owned = NULL;
    if (!e->shown)
        e->shown = xcalloc(SHOWN_SLOTS, sizeof *e->shown);
    size_t h = 2166136261u ^ (size_t)(uintptr_t)f;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        h = (h ^ *p) * 16777619u;
    for (size_t i = h & (SHOWN_SLOTS - 1);; i = (i + 1) & (SHOWN_SLOTS - 1)) {
        struct shown *c = &e->shown[i];
        if (c->f == f && strcmp(c->value, v) == 0)
            return c->text;
        if (c->f)
            continue;
        char *text = format_value_text(e->s, f, v);
        if (e->nshown >= SHOWN_SLOTS / 2)
            return *owned = text;
        c->f = f;
        c->value = xstrdup(v);
        c->text = text;
        e->nshown++;
        return text;
    }
}

static void shown_free(struct export_xlsx *e)
{
    for (size_t i = 0; e->shown && i < SHOWN_SLOTS; i++) {
        free(e->shown[i].value);
        free(e->shown[i].text);
    }
    free(e->shown);
    e->shown = NULL;
    e->nshown = 0;
}

/* The date as the user's locale writes it; the cell holds the date. */
static lxw_format *date_format(struct xlsx *x)
{
    return xlsx_number_format(x, numdate_day_first() ? "dd/mm/yyyy" : "yyyy-mm-dd");
}

struct export_xlsx *export_xlsx_start(struct store *s, struct error *err)
{
    struct export_xlsx *e = xcalloc(1, sizeof *e);
    if (xlsx_start(&e->own, true, err) != 0) {
        free(e);
        return NULL;
    }
    e->x = &e->own;
    e->s = s;
    e->x->date = date_format(e->x);
    return e;
}

static void end_sheet(struct export_xlsx *e)
{
    if (!e->kind)
        return;
    int last = e->kind->nfields - 1;
    worksheet_autofilter(e->x->ws, 0, 0, (lxw_row_t)(e->x->row > 1 ? e->x->row - 1 : 1), (lxw_col_t)last);
    xlsx_columns(e->x);
}

/* A new sheet for records of k, named title, or NULL for the kind's plural
 * ("Initiatives"). */
static void start_sheet(struct export_xlsx *e, const struct kind *k, const char *title)
{
    end_sheet(e);
    e->kind = k;
    char *name = xstrdup(title ? title : _(k->plural));
    if ((unsigned char)name[0] < 128)
        name[0] = (char)toupper((unsigned char)name[0]);
    xlsx_sheet(e->x, name);
    free(name);
    const char **labels = xcalloc((size_t)k->nfields, sizeof *labels);
    for (int i = 0; i < k->nfields; i++)
        labels[i] = _(k->fields[i].label);
    xlsx_header(e->x, labels, k->nfields);
    free(labels);
}

static void cell(struct export_xlsx *e, int col, const struct field *f, const char *v)
{
    double d;
    if (!v || !*v)
        return;
    switch (f->type) {
    case FT_INT:
    case FT_REAL:
        if (numdate_to_double(v, &d) == 0) {
            xlsx_number(e->x, col, d, NULL);
            return;
        }
        break;
    case FT_DATE:
        if (xlsx_date(e->x, col, v))
            return;
        break;
    case FT_BOOL:
        xlsx_text(e->x, col, strcmp(v, "0") ? _("Yes") : _("No"), NULL);
        return;
    case FT_CHOICE:
    case FT_SET:
    case FT_REF: {
        char *owned;
        xlsx_text(e->x, col, shown_text(e, f, v, &owned), NULL);
        free(owned);
        return;
    }
    default:
        break;
    }
    xlsx_text(e->x, col, v, NULL);
}

void export_xlsx_record(struct export_xlsx *e, const struct record *r)
{
    if (r->kind != e->kind)
        start_sheet(e, r->kind, NULL);
    for (int i = 0; i < r->kind->nfields; i++)
        cell(e, i, &r->kind->fields[i], r->v[i]);
    e->x->row++;
}

int export_xlsx_finish(struct export_xlsx *e, const struct kind *k, struct strbuf *out, struct error *err)
{
    if (!e->kind && k)
        start_sheet(e, k, NULL);
    if (!e->kind)
        xlsx_sheet(e->x, "-");
    end_sheet(e);
    int rc = xlsx_finish(e->x, out, err);
    shown_free(e);
    free(e);
    return rc;
}

static int add_row(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    export_xlsx_record(ctx, r);
    return 0;
}

int export_xlsx_sheet(struct store *s, struct xlsx *x, const struct query *q, const char *title, struct error *err)
{
    struct export_xlsx e = {.x = x, .s = s};
    lxw_format *theirs = x->date;
    x->date = date_format(x);
    start_sheet(&e, q->kind, title);
    int rc = query_run(s, q, add_row, &e, err);
    end_sheet(&e);
    shown_free(&e);
    x->date = theirs;
    return rc;
}

int export_xlsx_query(struct store *s, const struct query *q, struct strbuf *out, struct error *err)
{
    struct xlsx x;
    if (xlsx_start(&x, true, err) != 0)
        return err->code;
    int rc = export_xlsx_sheet(s, &x, q, NULL, err);
    struct strbuf none;
    strbuf_init(&none);
    int done = xlsx_finish(&x, rc < 0 ? &none : out, err);
    strbuf_free(&none);
    return rc < 0 ? rc : done;
}
