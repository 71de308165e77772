/* A centre and the people attached to it: what `carnet init --centre`
 * needs so that a new store is ready for its first facilitator. */
#ifndef CARNET_MODEL_CENTRE_H
#define CARNET_MODEL_CENTRE_H

#include "model/error.h"
#include "model/store.h"

/* Creates the centre name (its other fields take their defaults) and makes
 * it the centre of the member whose login runs this process, in one
 * transaction. id gets the new centre's id. 0 or an error (ERR_INVALID
 * naming the field for a bad name; ERR_NOTFOUND when this login is not a
 * member). */
int centre_create_mine(struct store *s, const char *name, char id[37], struct error *err);

#endif
