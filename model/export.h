/* Records for spreadsheets: an xlsx workbook a person reads and sorts,
 * where the CSV and JSON exports are for programs and for import. Labels
 * in the user's language instead of field names and choice codes, names
 * instead of ids, real date and number cells; no id and no audit column
 * (a labelled workbook is not an import format: CSV is). */
#ifndef CARNET_MODEL_EXPORT_H
#define CARNET_MODEL_EXPORT_H

#include "model/query.h"
#include "model/store.h"
#include "util/strbuf.h"

/* A workbook being written: one sheet per kind, started as records come. */
struct export_xlsx;
struct xlsx;

/* Starts a workbook (in a temporary file, see model/xlsx.h); NULL with
 * ERR_IO when it cannot. */
struct export_xlsx *export_xlsx_start(struct store *s, struct error *err);
/* Adds r as a row of the sheet of its kind. Records of one kind come
 * together: a record of another kind starts a new sheet (named by the
 * kind's plural, "Initiatives"), with a frozen header of field labels. */
void export_xlsx_record(struct export_xlsx *e, const struct record *r);
/* Ends the workbook (an empty sheet of kind k when no record came: k may
 * be NULL for none), appends its bytes to out and frees e. 0 or ERR_IO. */
int export_xlsx_finish(struct export_xlsx *e, const struct kind *k, struct strbuf *out, struct error *err);

/* Adds to the open workbook x (model/xlsx.h; started in constant memory
 * or not) a sheet of the records q selects, in its order, written as
 * export_xlsx_record writes them, dates in the user's locale: the yearly
 * report's data sheets. title names the sheet (NULL: the kind's plural);
 * the sheet and its header are there even when q selects nothing. Returns
 * the number of records written, or a negative error of the query. */
int export_xlsx_sheet(struct store *s, struct xlsx *x, const struct query *q, const char *title, struct error *err);

/* The records q selects, in its order, as a workbook of one sheet
 * (export_xlsx_*). 0, or a negative error of the query, or ERR_IO. */
int export_xlsx_query(struct store *s, const struct query *q, struct strbuf *out, struct error *err);

#endif
