/* Printing records: an aligned table or a detail view for people (text
 * made safe for a terminal, widths in display columns), CSV and JSON for
 * machines (exact bytes, never mixed with messages). */
#include "cli/cli.h"
#include "model/format.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <string.h>
#include <wchar.h>

/* Prints s (sanitised) padded or cut to width display columns. */
static void put_cell(FILE *out, const char *s, int width)
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
                fputs("…", out);
                used++;
            }
            break;
        }
        fwrite(p, 1, (size_t)n, out);
        used += w;
        p += n;
    }
    for (; used < width; used++)
        fputc(' ', out);
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
        fwrite(b.s, 1, b.len, p->out);
        strbuf_free(&b);
    } else if (p->format == OUT_JSON) {
        fputs("[", p->out);
    } else if (p->format == OUT_TABLE && p->kind && !p->with_kind) {
        const struct field *cols[4];
        int n;
        table_columns(p->kind, cols, &n);
        put_cell(p->out, "ID", 37);
        for (int i = 0; i < n; i++) {
            put_cell(p->out, _(cols[i]->label), column_width(cols[i]));
            fputc(' ', p->out);
        }
        fputc('\n', p->out);
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
            fputc('\n', p->out);
        print_record_text(p->out, p->store, r);
        break;
    case OUT_TABLE: {
        put_cell(p->out, r->id, 37);
        if (p->with_kind) {
            put_cell(p->out, r->kind->name, 11);
            char *title = record_title(p->store, r);
            put_cell(p->out, title, 60);
            free(title);
            if (r->kind->date_field)
                put_cell(p->out, record_get(r, r->kind->date_field), 10);
        } else {
            const struct field *cols[4];
            int n;
            table_columns(r->kind, cols, &n);
            for (int i = 0; i < n; i++) {
                const char *v = r->v[cols[i] - r->kind->fields];
                put_cell(p->out, v, column_width(cols[i]));
                fputc(' ', p->out);
            }
        }
        fputc('\n', p->out);
        break;
    }
    }
    fwrite(b.s, 1, b.len, p->out);
    strbuf_free(&b);
    p->count++;
}

void printer_finish(struct printer *p)
{
    printer_begin(p);
    if (p->format == OUT_JSON)
        fputs(p->count ? "\n]\n" : "]\n", p->out);
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
    fprintf(out, "%-*s ", 22 + (int)(strlen(safe_label) - utf8_length(safe_label)), safe_label);
    for (const char *p = safe; *p; p++) {
        fputc(*p, out);
        if (*p == '\n')
            fprintf(out, "%-22s ", "");
    }
    fputc('\n', out);
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
        char *shown = NULL;
        if (v && f->type == FT_CHOICE && field_choice_label(f, v))
            shown = xasprintf("%s (%s)", _(field_choice_label(f, v)), v);
        else if (v && f->type == FT_BOOL)
            shown = xstrdup(strcmp(v, "0") ? _("yes") : _("no"));
        else if (v && f->type == FT_REAL)
            shown = numdate_number_display(v);      /* 12,5 in French */
        else if (v && f->type == FT_REF) {
            struct error e;
            error_clear(&e);
            struct record *t = record_load(s, v, &e);
            char *name = t ? record_title(s, t) : xstrdup(_("(missing)"));
            shown = xasprintf("%s (%s)", name, v);
            free(name);
            record_free(t);
        }
        print_line(out, _(f->label), shown ? shown : v);
        free(shown);
    }
    char *created = xasprintf("%s, %s", r->created_at ? r->created_at : "", r->created_by ? r->created_by : "");
    char *updated = xasprintf("%s, %s", r->updated_at ? r->updated_at : "", r->updated_by ? r->updated_by : "");
    print_line(out, _("Created"), created);
    print_line(out, _("Changed"), updated);
    free(created);
    free(updated);
}
