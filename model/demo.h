/* Realistic French demo data, deterministic for a given seed (and day):
 * territories with QPV codes, centres, bodies with seats, people, sittings,
 * initiatives, anti-discrimination actions and difficulties. */
#ifndef CARNET_MODEL_DEMO_H
#define CARNET_MODEL_DEMO_H

#include "model/store.h"

typedef void (*demo_progress_fn)(long done, long total, void *ctx);

/* Adds about `records` log records (plus the reference data they need) in
 * batches of short transactions, so other users of a shared store are never
 * held long. Ids are derived from the seed, so two runs with one seed
 * produce the same records. progress may be NULL. */
int demo_generate(struct store *s, long records, unsigned long seed, demo_progress_fn progress, void *ctx,
                  struct error *err);

#endif
