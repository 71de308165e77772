/* Writing an xlsx workbook into a caller's buffer, shared by the yearly
 * report and the records' export: libxlsxwriter writes files, so the
 * workbook goes to a temporary file that xlsx_finish reads back and
 * removes; nothing reaches the user's file until the whole workbook is
 * ready. libxlsxwriter prints its numbers (cells, widths) with printf, in
 * LC_NUMERIC: from xlsx_start to xlsx_finish this thread's LC_NUMERIC is
 * "C", so a French locale does not write 12,5 into the XML (which
 * spreadsheets then read as 125 or refuse). Cells are written on the current row (x->row, the caller moves
 * it); text is cleaned of control characters, and each column's width
 * follows its longest cell. */
#ifndef CARNET_MODEL_XLSX_H
#define CARNET_MODEL_XLSX_H

#include <locale.h>
#include <stdbool.h>
#include <xlsxwriter.h>

#include "model/error.h"
#include "util/strbuf.h"

#define XLSX_COLS 64            /* columns whose width is followed */
#define XLSX_WIDTH_MAX 60       /* no column is sized wider */

struct xlsx {
    lxw_workbook *wb;
    lxw_worksheet *ws;          /* the current sheet */
    lxw_format *bold;           /* made by xlsx_start */
    lxw_format *date, *month;   /* the caller's, for xlsx_date (month: NULL for none) */
    int row;
    double width[XLSX_COLS];
    char *path;                 /* the temporary file */
    locale_t c_numeric, saved;  /* this thread's locale while the workbook is open */
};

/* Starts a workbook in a temporary file under $TMPDIR (else /tmp). With
 * constant_memory, rows are flushed as they are written (a large export
 * stays small in memory): write them in order, top to bottom. 0, or ERR_IO
 * naming the folder. On success, end with xlsx_finish. */
int xlsx_start(struct xlsx *x, bool constant_memory, struct error *err);
/* A number format (an Excel code such as "#,##0.0" or "dd/mm/yyyy"). */
lxw_format *xlsx_number_format(struct xlsx *x, const char *code);
/* A new sheet named title (cut to 31 characters, []:*?/\ as spaces), row 0,
 * no widths yet. */
void xlsx_sheet(struct xlsx *x, const char *title);
/* Counts s in the width of column col. */
void xlsx_width(struct xlsx *x, int col, const char *s);
/* A text cell (NULL as ""), cleaned of control characters; f may be NULL. */
void xlsx_text(struct xlsx *x, int col, const char *s, lxw_format *f);
/* A number cell; f may be NULL (General). */
void xlsx_number(struct xlsx *x, int col, double v, lxw_format *f);
/* An ISO date (2025-01-31) as a date cell in x->date, or a month (2025-01)
 * in x->month when the caller made one; false, writing nothing, when s is
 * neither. */
bool xlsx_date(struct xlsx *x, int col, const char *s);
/* The header row: labels in bold on the current row, frozen above the rest;
 * moves to the next row. */
void xlsx_header(struct xlsx *x, const char *const *labels, int n);
/* Sets the current sheet's columns to the widths counted. */
void xlsx_columns(struct xlsx *x);
/* Closes the workbook and appends its bytes to out; removes the temporary
 * file whatever happens. 0, or ERR_IO. */
int xlsx_finish(struct xlsx *x, struct strbuf *out, struct error *err);

#endif
