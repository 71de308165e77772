/* The pieces of an xlsx workbook that the report and the export share
 * (libxlsxwriter): a temporary file read back into a buffer, sheets named
 * within Excel's rules, cells of text, numbers and dates, a frozen header
 * and columns sized to their content. Knows nothing of records. */
#include "model/xlsx.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void restore_locale(struct xlsx *x)
{
    if (!x->c_numeric)
        return;
    uselocale(x->saved);
    freelocale(x->c_numeric);
    x->c_numeric = NULL;
}

int xlsx_start(struct xlsx *x, bool constant_memory, struct error *err)
{
    memset(x, 0, sizeof *x);
    const char *env = getenv("TMPDIR");
    const char *dir = env && *env ? env : "/tmp";
    x->path = xasprintf("%s/carnet-xlsx-XXXXXX", dir);
    int fd = mkstemp(x->path);
    if (fd < 0) {
        int rc = error_add(err, ERR_IO, "cannot create a temporary file in %s: check that it exists and is writable",
                           dir);
        free(x->path);
        x->path = NULL;
        return rc;
    }
    close(fd);
    /* In constant memory rows are printed as they are written, so the
     * locale is switched for the whole life of the workbook. */
    x->c_numeric = newlocale(LC_NUMERIC_MASK, "C", duplocale(LC_GLOBAL_LOCALE));
    if (x->c_numeric)
        x->saved = uselocale(x->c_numeric);
    lxw_workbook_options opts = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE, .tmpdir = (char *)dir};
    x->wb = workbook_new_opt(x->path, &opts);
    if (!x->wb) {
        restore_locale(x);
        unlink(x->path);
        free(x->path);
        x->path = NULL;
        return error_add(err, ERR_IO, "cannot start the workbook");
    }
    x->bold = workbook_add_format(x->wb);
    format_set_bold(x->bold);
    return 0;
}

lxw_format *xlsx_number_format(struct xlsx *x, const char *code)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_num_format(f, code);
    return f;
}

/* name cut to at most chars characters (UTF-8), none of []:*?/\ */
static void sheet_name(char *name, size_t size, const char *title, size_t chars)
{
    size_t n = 0, seen = 0;
    for (const char *p = title; *p && seen < chars && n + 5 < size; seen++) {
        size_t len = 1;
        while (len < 4 && (p[len] & 0xC0) == 0x80)
            len++;
        for (size_t i = 0; i < len; i++)
            name[n++] = strchr("[]:*?/\\", p[i]) ? ' ' : p[i];
        p += len;
    }
    name[n] = '\0';
}

void xlsx_sheet(struct xlsx *x, const char *title)
{
    /* A sheet's name: at most 31 characters, unique in the workbook
     * (whatever the case): a second "Actions" is "Actions (2)". */
    char name[160];
    sheet_name(name, sizeof name, title, 31);
    for (int i = 2; workbook_validate_sheet_name(x->wb, name) == LXW_ERROR_SHEETNAME_ALREADY_USED && i < 1000; i++) {
        char tail[16];
        int len = snprintf(tail, sizeof tail, " (%d)", i);
        sheet_name(name, sizeof name - sizeof tail, title, 31 - (size_t)len);
        strcat(name, tail);
    }
    x->ws = workbook_add_worksheet(x->wb, name);
    x->row = 0;
    memset(x->width, 0, sizeof x->width);
}

void xlsx_width(struct xlsx *x, int col, const char *s)
{
    double w = (double)utf8_length(s) + 2;
    if (col >= 0 && col < XLSX_COLS && w > x->width[col])
        x->width[col] = w > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : w;
}

void xlsx_text(struct xlsx *x, int col, const char *s, lxw_format *f)
{
    char *safe = utf8_sanitize(s ? s : "", false);
    worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, safe, f);
    xlsx_width(x, col, safe);
    free(safe);
}

void xlsx_number(struct xlsx *x, int col, double v, lxw_format *f)
{
    worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, v, f);
    xlsx_width(x, col, "0000000000");
}

bool xlsx_date(struct xlsx *x, int col, const char *s)
{
    int y, m, d = 1;
    char tail;
    bool month = x->month && strlen(s) == 7 && sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2;
    if (!month && (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    lxw_datetime dt = {y, m, d, 0, 0, 0};
    worksheet_write_datetime(x->ws, (lxw_row_t)x->row, (lxw_col_t)col, &dt, month ? x->month : x->date);
    xlsx_width(x, col, "30 September 2025");
    return true;
}

void xlsx_header(struct xlsx *x, const char *const *labels, int n)
{
    for (int c = 0; c < n; c++)
        xlsx_text(x, c, labels[c], x->bold);
    worksheet_freeze_panes(x->ws, (lxw_row_t)(x->row + 1), 0);
    x->row++;
}

void xlsx_columns(struct xlsx *x)
{
    for (int c = 0; c < XLSX_COLS; c++)
        if (x->width[c] > 0)
            worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, x->width[c], NULL);
}

int xlsx_finish(struct xlsx *x, struct strbuf *out, struct error *err)
{
    int rc = 0;
    lxw_error e = workbook_close(x->wb);
    x->wb = NULL;
    restore_locale(x);
    if (e != LXW_NO_ERROR) {
        rc = error_add(err, ERR_IO, "cannot write the workbook: %s", lxw_strerror(e));
    } else {
        FILE *f = fopen(x->path, "rb");
        char buf[65536];
        size_t n;
        if (!f)
            rc = error_add(err, ERR_IO, "cannot read the workbook back from %s", x->path);
        while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
            strbuf_add(out, buf, n);
        if (f)
            fclose(f);
    }
    unlink(x->path);
    free(x->path);
    x->path = NULL;
    return rc;
}
