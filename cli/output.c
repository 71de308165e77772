/* Printing records: an aligned table or a detail view for people (text
 * made safe for a terminal, widths in display columns), CSV and JSON for
 * machines (exact bytes, never mixed with messages). */
#include "cli/cli.h"
#include "model/format.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <string.h>
#include <wchar.h>

/* fmt with ap, cleaned for a terminal (newlines and tabs kept). */
static char *vclean(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    if (n < 0)
        return xstrdup("");
    char *raw = xmalloc((size_t)n + 1);
    vsnprintf(raw, (size_t)n + 1, fmt, ap);
    char *clean = utf8_sanitize(raw, true);
    free(raw);
    return clean;
}

/* The one writer of text for people; prefix is written as it is (a
 * progress line's carriage return). */
static void vprint(FILE *out, const char *prefix, const char *fmt, va_list ap)
{
    char *clean = vclean(fmt, ap);
    fputs(prefix, out);
    fputs(clean, out);
    free(clean);
}

void cli_print(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(out, "", fmt, ap);
    va_end(ap);
}

void cli_progress(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(stderr, "\r", fmt, ap);
    va_end(ap);
}

void cli_data(FILE *out, const char *s)
{
    fputs(s, out);
}

void cli_data_bytes(FILE *out, const char *s, size_t n)
{
    fwrite(s, 1, n, out);
}

/* Adds s (cleaned into one line) to the row b, padded or cut to width
 * display columns. */
static void put_cell(struct strbuf *out, const char *s, int width)
{
    char *safe = utf8_sanitize(s ? s : "", false);
    int used = 0;
    const char *p = safe;
    size_t len = strlen(safe);
    while (*p) {
        uint32_t cp;
        int n = utf8_decode(p, len - (size_t)(p - safe), &cp);
        if (n < 0)
            break;
        int w = wcwidth((wchar_t)cp);
        if (w < 0)
            w = 1;
        if (used + w > width - (p[n] ? 1 : 0) && p[n]) {
            /* no room for this and what follows: an ellipsis */
            if (used < width) {
                strbuf_adds(out, "…");
                used++;
            }
            break;
        }
        strbuf_add(out, p, (size_t)n);
        used += w;
        p += n;
    }
    for (; used < width; used++)
        strbuf_addc(out, ' ');
    free(safe);
}

/* The columns of a table: date, title, and the first choice field. */
static void table_columns(const struct kind *k, const struct field **cols, int *ncols)
{
    *ncols = 0;
    if (k->date_field)
        cols[(*ncols)++] = kind_field(k, k->date_field);
    const struct field *title = kind_field(k, k->title_field);
    if (!k->date_field || strcmp(k->date_field, k->title_field) != 0)
        cols[(*ncols)++] = title;
    for (int i = 0; i < k->nfields && *ncols < 4; i++) {
        const struct field *f = &k->fields[i];
        if (f->type == FT_CHOICE && f != title)
            cols[(*ncols)++] = f;
        if (f->type == FT_CHOICE)
            break;
    }
}

static int column_width(const struct field *f)
{
    switch (f->type) {
    case FT_DATE: return 10;
    case FT_CHOICE: return 16;
    default: return 44;
    }
}

void printer_start(struct printer *p)
{
    p->count = 0;
    p->started = false;
}

/* The header goes out with the first record, or at the end. */
static void printer_begin(struct printer *p)
{
    if (p->started)
        return;
    p->started = true;
    if (p->format == OUT_CSV && p->kind) {
        struct strbuf b;
        strbuf_init(&b);
        csv_header(p->kind, &b);
        cli_data(p->out, b.s);
        strbuf_free(&b);
    } else if (p->format == OUT_JSON) {
        cli_data(p->out, "[");
    } else if (p->format == OUT_TABLE && p->kind && !p->with_kind) {
        const struct field *cols[4];
        int n;
        table_columns(p->kind, cols, &n);
        struct strbuf b;
        strbuf_init(&b);
        put_cell(&b, "ID", 37);
        for (int i = 0; i < n; i++) {
            put_cell(&b, _(cols[i]->label), column_width(cols[i]));
            strbuf_addc(&b, ' ');
        }
        cli_print(p->out, "%s\n", b.s);
        strbuf_free(&b);
    }
}

void printer_record(struct printer *p, const struct record *r)
{
    printer_begin(p);
    struct strbuf b;
    strbuf_init(&b);
    switch (p->format) {
    case OUT_CSV:
        csv_record(r, &b);
        break;
    case OUT_JSON:
        strbuf_adds(&b, p->count ? ",\n" : "\n");
        json_record(r, &b);
        break;
    case OUT_TEXT:
        if (p->count)
            cli_print(p->out, "\n");
        print_record_text(p->out, p->store, r);
        break;
    case OUT_TABLE: {
        struct strbuf row;
        strbuf_init(&row);
        put_cell(&row, r->id, 37);
        if (p->with_kind) {
            put_cell(&row, _(r->kind->label), 11);
            char *title = record_title(p->store, r);
            put_cell(&row, title, 60);
            free(title);
            if (r->kind->date_field) {
                char date[FORMAT_DATE_MAX];
                numdate_date_display(record_get(r, r->kind->date_field), date);
                put_cell(&row, date, 10);
            }
        } else {
            const struct field *cols[4];
            int n;
            table_columns(r->kind, cols, &n);
            for (int i = 0; i < n; i++) {
                /* A person reads the table: labels and local dates. */
                const char *v = r->v[cols[i] - r->kind->fields];
                char *shown = format_value_text(p->store, cols[i], v);
                put_cell(&row, shown, column_width(cols[i]));
                strbuf_addc(&row, ' ');
                free(shown);
            }
        }
        cli_print(p->out, "%s\n", row.s);
        strbuf_free(&row);
        break;
    }
    case OUT_XLSX:      /* a workbook is written whole (model/export.h), never a record at a time */
        break;
    }
    /* CSV and JSON: the exact bytes (their writers escape what they must). */
    cli_data(p->out, b.s);
    strbuf_free(&b);
    p->count++;
}

void printer_finish(struct printer *p)
{
    printer_begin(p);
    if (p->format == OUT_JSON)
        cli_data(p->out, p->count ? "\n]\n" : "]\n");
}

int printer_fn(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    printer_record(ctx, r);
    return 0;
}

static void print_line(FILE *out, const char *label, const char *value)
{
    char *safe_label = utf8_sanitize(label, false);
    char *safe = utf8_sanitize(value ? value : "", true);
    /* Padded to 22 columns, not bytes: translated labels have accents. */
    struct strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "%-*s ", 22 + (int)(strlen(safe_label) - utf8_length(safe_label)), safe_label);
    for (const char *p = safe; *p; p++) {
        strbuf_addc(&b, *p);
        if (*p == '\n')
            strbuf_addf(&b, "%-22s ", "");
    }
    cli_print(out, "%s\n", b.s);
    strbuf_free(&b);
    free(safe);
    free(safe_label);
}

void print_record_text(FILE *out, struct store *s, const struct record *r)
{
    char *title = record_title(s, r);
    char *head = xasprintf("%s %s", _(r->kind->label), r->deleted ? _("(in the trash)") : "");
    print_line(out, head, title);
    free(head);
    free(title);
    print_line(out, "id", r->id);
    for (int i = 0; i < r->kind->nfields; i++) {
        const struct field *f = &r->kind->fields[i];
        const char *v = r->v[i];
        /* Every value as the detail screen shows it (labels, 01/03/2026 and
         * 12,5 in French, Jeunesse, Numérique), a reference by its record's
         * name alone (or a word when it is in the trash or missing): ids
         * are for --format json and the list commands. */
        char *shown = v ? format_value_text(s, f, v) : NULL;
        print_line(out, _(f->label), shown ? shown : v);
        free(shown);
    }
    char created_at[FORMAT_TIME_MAX], updated_at[FORMAT_TIME_MAX];
    format_time_local(r->created_at, created_at);
    format_time_local(r->updated_at, updated_at);
    char *created = xasprintf("%s, %s", created_at, r->created_by ? r->created_by : "");
    char *updated = xasprintf("%s, %s", updated_at, r->updated_by ? r->updated_by : "");
    print_line(out, _("Created"), created);
    print_line(out, _("Changed"), updated);
    free(created);
    free(updated);
}
