/* The CSV importer: one transaction for the whole file, so that a file with
 * one bad line changes nothing; every bad line is reported, not only the
 * first, so a user fixes the file once. */
#include "model/import.h"
#include "model/format.h"
#include "model/record_internal.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>

#define IMPORT_MAX_MESSAGES 50

static bool ignored_column(const char *name)
{
    static const char *const ignored[] = {"created_at", "created_by", "updated_at", "updated_by", "deleted",
                                          JSON_KIND_KEY, "kind", NULL};
    for (int i = 0; ignored[i]; i++)
        if (strcmp(name, ignored[i]) == 0)
            return true;
    return false;
}

/* Adds "line N: text" to err, or counts it as hidden once 50 are shown or
 * when it would not leave room for the closing "... and N more problems". */
static void add_line(struct error *err, int line, const char *text, size_t n, int *shown, int *hidden)
{
    if (*shown < IMPORT_MAX_MESSAGES && strlen(err->msg) + n + 80 < sizeof err->msg) {
        error_add(err, ERR_INVALID, "line %d: %.*s", line, (int)n, text);
        (*shown)++;
    } else {
        (*hidden)++;
    }
}

/* Copies each line of row_err into err prefixed with the line number. */
static void report(struct error *err, int line, const struct error *row_err, int *shown, int *hidden)
{
    const char *p = row_err->msg;
    while (*p) {
        size_t n = strcspn(p, "\n");
        add_line(err, line, p, n, shown, hidden);
        p += n;
        if (*p)
            p++;
    }
}

/* RFC 4180 writers put CRLF in quoted line breaks; stored text has LF. */
static void crlf_to_lf(char *v)
{
    char *w = v;
    for (const char *r = v; *r; r++)
        if (!(r[0] == '\r' && r[1] == '\n'))
            *w++ = *r;
    *w = '\0';
}

/* Writes r (an update of a stored record, or a new one), counts it in res
 * and frees it. */
static int save_row(struct store *s, struct record *r, bool update, struct import_result *res, struct error *row_err)
{
    int rc;
    if (update) {
        int64_t before = r->row_seq;
        rc = record_update(s, r, row_err);
        struct record *after = rc == 0 ? record_load(s, r->id, NULL) : NULL;
        if (after && after->row_seq == before)
            res->unchanged++;
        else if (rc == 0)
            res->updated++;
        record_free(after);
    } else {
        rc = record_create(s, r, row_err);
        if (rc == 0)
            res->created++;
    }
    record_free(r);
    return rc;
}

static int import_row(struct store *s, const struct kind *k, char **cells, int ncells, const int *col_field,
                      int id_col, struct import_result *res, struct error *row_err)
{
    const char *id = id_col >= 0 && id_col < ncells ? cells[id_col] : "";
    struct record *r = NULL;
    if (*id) {
        struct record *existing = record_load(s, id, NULL);
        if (existing && existing->kind != k) {
            record_free(existing);
            return error_add(row_err, ERR_INVALID, "id: %s is the id of a record of another kind", id);
        }
        r = existing;
    }
    bool update = r != NULL;
    if (!r) {
        r = record_new(k);
        snprintf(r->id, sizeof r->id, "%s", id);
    }
    for (int c = 0; c < ncells; c++) {
        if (col_field[c] >= 0) {
            csv_unguard(cells[c]);      /* the ' an export puts before a formula */
            crlf_to_lf(cells[c]);
            record_set(r, k->fields[col_field[c]].name, cells[c], NULL);
        }
    }
    return save_row(s, r, update, res, row_err);
}

/* A file that is not UTF-8 (a spreadsheet's "CSV" in Windows-1252) is
 * refused naming the line and the fix; returns true then. */
static bool not_utf8(const char *data, size_t len, struct error *err)
{
    if (utf8_valid(data, len))
        return false;
    /* Find the line, so the user knows where the Latin-1 text is. */
    int line = 1;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && data[end] != '\n')
            end++;
        if (!utf8_valid(data + i, end - i))
            break;
        line++;
        i = end + 1;
    }
    error_add(err, ERR_INVALID, "line %d: the file is not UTF-8 text; save it as \"CSV UTF-8\" and import it again", line);
    return true;
}

/* Checks that kind may be written and that data is UTF-8, then reads the
 * header row into *cells. Returns 0, or -1 with err set (or err left clear
 * when the file is empty, for the caller to say what was expected). */
static int open_csv(struct store *s, const char *kind, const char *data, size_t len, struct csv_reader *cr,
                    char ***cells, int *ncells, struct error *err)
{
    /* A store that may not be written says so before any complaint about the file. */
    if (store_may_write(s, kind, err) != 0 || not_utf8(data, len, err))
        return -1;
    csv_reader_init(cr, data, len);
    return csv_read_row(cr, cells, ncells, err) == 1 ? 0 : -1;
}

int import_csv(struct store *s, const struct kind *k, const char *data, size_t len, struct import_result *res,
               struct error *err)
{
    memset(res, 0, sizeof *res);
    struct csv_reader cr;
    char **cells;
    int ncells, got;
    if (open_csv(s, k->name, data, len, &cr, &cells, &ncells, err) != 0) {
        if (err->code)
            return err->code;
        return error_add(err, ERR_INVALID, "the file is empty: a header row of field names is expected");
    }

    int *col_field = xmalloc((size_t)ncells * sizeof *col_field);
    int id_col = -1, ncols = ncells, shown = 0, hidden = 0, rc = 0;
    for (int c = 0; c < ncells; c++) {
        col_field[c] = kind_field_index(k, cells[c]);
        if (strcmp(cells[c], "id") == 0)
            id_col = c;
        else if (col_field[c] < 0 && !ignored_column(cells[c])) {
            struct error e;
            error_clear(&e);
            struct record *probe = record_new(k);
            record_set(probe, cells[c], NULL, &e);    /* the message that lists the fields */
            record_free(probe);
            error_add(err, ERR_INVALID, "line 1: column %s", e.msg);
        }
    }
    csv_row_free(cells, ncells);
    if (err->code) {
        free(col_field);
        return err->code;
    }
    if (store_begin(s, err) != 0) {
        free(col_field);
        return err->code;
    }
    while ((got = csv_read_row(&cr, &cells, &ncells, err)) == 1) {
        bool blank = true;
        for (int c = 0; c < ncells; c++)
            blank &= cells[c][0] == '\0';
        if (!blank && ncells != ncols) {
            char msg[64];
            snprintf(msg, sizeof msg, _("%d columns, the header has %d"), ncells, ncols);
            add_line(err, cr.line, msg, strlen(msg), &shown, &hidden);
        } else if (!blank) {
            struct error row_err;
            error_clear(&row_err);
            if (import_row(s, k, cells, ncells, col_field, id_col, res, &row_err) != 0) {
                report(err, cr.line, &row_err, &shown, &hidden);
                if (row_err.code != ERR_INVALID && row_err.code != ERR_NOTFOUND) {
                    csv_row_free(cells, ncells);   /* disk full, busy...: stop now */
                    break;
                }
            }
        }
        csv_row_free(cells, ncells);
    }
    if (hidden)
        error_add(err, ERR_INVALID, "... and %d more problems", hidden);
    free(col_field);
    if (got < 0 || err->code) {
        store_rollback(s);
        memset(res, 0, sizeof *res);
        return err->code;
    }
    rc = store_commit(s, err);
    if (rc != 0)
        memset(res, 0, sizeof *res);
    return rc;
}

/* The column of cells named name (spaces around it ignored), or -1. */
static int column_of(char **cells, int n, const char *name)
{
    for (int c = 0; c < n; c++) {
        const char *v = cells[c];
        while (*v == ' ')
            v++;
        size_t len = strlen(v);
        while (len && v[len - 1] == ' ')
            len--;
        if (len == strlen(name) && strncmp(v, name, len) == 0)
            return c;
    }
    return -1;
}

/* The live territory whose qpv_code is code, or NULL. */
static struct record *territory_of_qpv(struct store *s, const char *code, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT id FROM territory WHERE qpv_code = ? AND deleted = 0 ORDER BY id LIMIT 1", err);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
    char *id = sqlite3_step(st) == SQLITE_ROW ? xstrdup((const char *)sqlite3_column_text(st, 0)) : NULL;
    db_release(s, st);
    struct record *r = id ? record_load(s, id, err) : NULL;
    free(id);
    return r;
}

/* One QPV of the list: the territory of its code, created or updated. */
static int qpv_row(struct store *s, const char *code, const char *name, const char *city, struct import_result *res,
                   struct error *row_err)
{
    struct record *r = territory_of_qpv(s, code, row_err);
    if (row_err->code)
        return row_err->code;
    bool update = r != NULL;
    if (!r) {
        r = record_new(kind_find("territory"));
        record_set(r, "qpv_code", code, NULL);
    }
    record_set(r, "name", name, NULL);
    record_set(r, "city", city, NULL);
    return save_row(s, r, update, res, row_err);
}

int import_qpv(struct store *s, const char *data, size_t len, struct import_result *res, struct error *err)
{
    memset(res, 0, sizeof *res);
    struct csv_reader cr;
    char **cells;
    int ncells, got;
    if (open_csv(s, "territory", data, len, &cr, &cells, &ncells, err) != 0) {
        if (err->code)
            return err->code;
        return error_add(err, ERR_INVALID, "the file is empty: ANCT's list of QPV starts with a header line (code_qp;lib_qp;...)");
    }
    int code_c = column_of(cells, ncells, "code_qp"), name_c = column_of(cells, ncells, "lib_qp"),
        city_c = column_of(cells, ncells, "lib_com"), ncols = ncells;
    csv_row_free(cells, ncells);
    if (code_c < 0 || name_c < 0 || city_c < 0)
        return error_add(err, ERR_INVALID, "line 1: the columns code_qp, lib_qp and lib_com are missing: this is not ANCT's list of QPV (listeqp2024-cog2024.csv)");
    if (store_begin(s, err) != 0)
        return err->code;
    int shown = 0, hidden = 0;
    while ((got = csv_read_row(&cr, &cells, &ncells, err)) == 1) {
        bool blank = true;
        for (int c = 0; c < ncells; c++)
            blank &= cells[c][0] == '\0';
        if (blank) {
            csv_row_free(cells, ncells);
            continue;
        }
        struct error row_err;
        error_clear(&row_err);
        if (ncells != ncols) {
            char msg[64];
            snprintf(msg, sizeof msg, _("%d columns, the header has %d"), ncells, ncols);
            add_line(err, cr.line, msg, strlen(msg), &shown, &hidden);
        } else if (!cells[code_c][0]) {
            error_add(&row_err, ERR_INVALID, "code_qp is empty: each line is one QPV and its code (such as QN07501M)");
            report(err, cr.line, &row_err, &shown, &hidden);
        } else if (qpv_row(s, cells[code_c], cells[name_c], cells[city_c], res, &row_err) != 0) {
            report(err, cr.line, &row_err, &shown, &hidden);
            if (row_err.code != ERR_INVALID && row_err.code != ERR_NOTFOUND) {
                csv_row_free(cells, ncells);
                break;
            }
        }
        csv_row_free(cells, ncells);
    }
    if (hidden)
        error_add(err, ERR_INVALID, "... and %d more problems", hidden);
    if (got < 0 || err->code) {
        store_rollback(s);
        memset(res, 0, sizeof *res);
        return err->code;
    }
    int rc = store_commit(s, err);
    if (rc != 0)
        memset(res, 0, sizeof *res);
    return rc;
}
