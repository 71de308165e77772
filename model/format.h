/* Records as CSV (RFC 4180, UTF-8, a header of field names) and JSON (keys
 * are field names, sets are arrays), into a caller's buffer; and CSV read
 * back. Column order: id, the fields, then the audit columns. */
#ifndef CARNET_MODEL_FORMAT_H
#define CARNET_MODEL_FORMAT_H

#include <stddef.h>

#include "model/record.h"
#include "model/store.h"
#include "util/strbuf.h"

void csv_header(const struct kind *k, struct strbuf *out);
void csv_record(const struct record *r, struct strbuf *out);
/* Appends one text cell quoted as RFC 4180 wants (only when needed); a
 * text a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
 * gets a ' in front (see format.c for the exact, reversible rule). */
void csv_field(const char *v, struct strbuf *out);
/* Appends a numeric cell: a number (-3, 12.5) as it is, since a number is
 * never a formula; anything else as a text cell (csv_field). */
void csv_number(const char *v, struct strbuf *out);
/* Undoes, in place, what csv_field added for a formula: one ' off a cell
 * made of one or more ' then =, +, -, @, tab or CR; other cells unchanged. */
void csv_unguard(char *cell);

/* The key of a record's JSON object that names its kind ("initiative"):
 * not "kind", which is a field of actions, centres, bodies and
 * difficulties, and a JSON object must not hold one key twice. */
#define JSON_KIND_KEY "record_kind"
/* The keys of a record's JSON object besides its fields (NULL-ended): no
 * kind may have a field of one of these names (tests/unit/test_format.c). */
extern const char *const json_reserved_keys[];

/* One record as a JSON object (no trailing newline): JSON_KIND_KEY, id,
 * the fields under their names, the audit columns and deleted. */
void json_record(const struct record *r, struct strbuf *out);
/* A JSON string literal of v (NULL gives null). */
void json_string(const char *v, struct strbuf *out);

/* Dates and times for people, in the user's locale: 02/12/2026 where the
 * locale writes the day first, else 2026-12-02; a stored UTC timestamp
 * (2026-12-02T03:11:05Z) as local date and time, "02/12/2026 à 03:11".
 * Anything else is copied as it is. Dates go through util/numdate's
 * numdate_date_display, the one display of a date. */
#define FORMAT_DATE_MAX 11
#define FORMAT_TIME_MAX 64
void format_time_local(const char *iso, char out[FORMAT_TIME_MAX]);

/* Values as people read them (screens, text tables, spreadsheets). */

/* "label_fr" or "label_en": the column of the theme and criterion tables
 * that matches the language of the messages ($LANGUAGE, else LC_MESSAGES). */
const char *format_label_column(void);

/* The label of a set's member key of kind k (kind_set_key: a theme's code,
 * a partner's id), deleted records too: the field column ("label_fr"...)
 * when the kind has it, else its title. NULL when there is no such record.
 * The caller frees it. */
char *format_member_label(struct store *s, const struct kind *k, const char *key, const char *column);
/* The same, in the form of a label function: store is the store, kind a
 * kind's name. */
char *format_member_label_of(void *store, const char *kind, const char *column, const char *key);
/* A label of key, a member of a set of kind (column as above), or NULL;
 * the caller frees it. */
typedef char *(*format_label_fn)(void *ctx, const char *kind, const char *column, const char *key);
/* The members of set v of field f by their labels (label(ctx, ...), the
 * key itself when it has none), comma-separated, as people read them. */
char *format_set_labels(const struct field *f, const char *v, const char *column, format_label_fn label, void *ctx);

/* n with its thousands grouped in the language of the messages: 45 086
 * (narrow no-break spaces) in French, 45,086 in English, as the report. */
void format_count_text(long n, char out[64]);

/* The text to show for value v of field f: translated choice labels, yes/no,
 * dates and decimals per locale (util/numdate), the name of a referenced
 * record (or a note that it is missing or in the trash), the labels of a
 * set's codes joined with ", " (in format_label_column's language; a code
 * with no label as it is). The caller frees it; "" for NULL or "". */
char *format_value_text(struct store *s, const struct field *f, const char *v);

/* What stands for a record of kind k (NULL: any kind) that this store does
 * not hold (a reference whose record a sync has not brought yet): its
 * kind's label and a sentence, never its id. The caller frees it. */
char *format_missing_record(const struct kind *k);

/* A CSV reader over a whole buffer: comma or semicolon separated (what a
 * French LibreOffice or Excel writes as "CSV"), told apart on the header
 * line; an optional UTF-8 byte order mark; LF or CRLF line ends. */
struct csv_reader {
    const char *p, *end;
    int line;               /* line number where the current row starts (1-based) */
    int next_line;
    char sep;               /* ',' or ';', from the header line */
};
void csv_reader_init(struct csv_reader *cr, const char *data, size_t len);
/* Reads one row into *fields (n entries, each owned by the caller; free
 * with csv_row_free). Returns 1 for a row, 0 at the end, -1 on a quoting
 * error (an unterminated quoted field) with err naming the line. */
int csv_read_row(struct csv_reader *cr, char ***fields, int *n, struct error *err);
void csv_row_free(char **fields, int n);

#endif
