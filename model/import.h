/* Importing records from CSV: all rows or none, every bad row reported as
 * "line N: field: message". Rows whose id exists update that record (so an
 * export edited in a spreadsheet comes back), other rows create records.
 * References may be given by id or by name. The ' that an export puts
 * before text a spreadsheet would run as a formula is taken off again
 * (csv_unguard), so an export comes back byte for byte. */
#ifndef CARNET_MODEL_IMPORT_H
#define CARNET_MODEL_IMPORT_H

#include <stddef.h>

#include "model/record.h"

struct import_result {
    int created, updated, unchanged;
};

/* Imports the CSV in data (len bytes, UTF-8, header row of field names).
 * On any error nothing is written and err lists the problems (at most 50
 * lines, then a count of the others). */
int import_csv(struct store *s, const struct kind *k, const char *data, size_t len, struct import_result *res,
               struct error *err);

/* Imports ANCT's list of the priority neighbourhoods (listeqp2024-cog2024.csv:
 * ';'-separated, columns code_qp, lib_qp, ..., lib_com, ...): one territory
 * per QPV code, created (created) or given the file's name and city
 * (updated, or unchanged when they are the same). Territories whose code is
 * not in the file are left alone. All or nothing, like import_csv. */
int import_qpv(struct store *s, const char *data, size_t len, struct import_result *res, struct error *err);

#endif
