/* What the model's fuzz targets share: one store per process, in a
 * temporary folder removed at exit, holding a territory and a centre so that
 * references by name resolve. Each input runs inside a transaction that is
 * rolled back, so the store stays the same from one input to the next. */
#ifndef CARNET_FUZZ_STORE_H
#define CARNET_FUZZ_STORE_H

#include "model/store.h"

/* The process's store (made at the first call); aborts when it cannot be. */
struct store *fuzz_store(void);

#endif
