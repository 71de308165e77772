/* For the hub's own files (model/hub*.c): running SQL on a hub opened by
 * model/hub.c, with its messages (the URI's password masked). */
#ifndef CARNET_MODEL_HUB_INTERNAL_H
#define CARNET_MODEL_HUB_INTERNAL_H

#include "model/hub.h"

#include <libpq-fe.h>

/* sql with n text parameters (NULL: SQL NULL): its result (tuples or
 * command), or NULL with err filled ("... failed while <doing>"; doing
 * is an N_() msgid). */
PGresult *hub_query(struct hub *h, const char *sql, int n, const char *const *params, const char *doing,
                    struct error *err);
/* sql (several statements, no parameters); 0 or an error. */
int hub_exec(struct hub *h, const char *sql, const char *doing, struct error *err);
/* The live centre named (case aside) or identified by text, in dataset
 * when given: its dataset (ds), id and name (the caller frees them). A
 * name held in two datasets asks for --dataset; with one, two centres of
 * one dataset with that name ask for the id (else the first is given). */
int hub_centre_lookup(struct hub *h, const char *dataset, const char *text, bool one, char ds[37], char **id,
                      char **name, struct error *err);
/* The hub's URI as shown to people, its password masked. */
const char *hub_shown(const struct hub *h);

#endif
