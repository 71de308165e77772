/* The fuzz targets' store: made once per process, removed at exit. */
#include "tests/fuzz/fuzz_store.h"
#include "model/record.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct store *store;
static char dir[] = "/tmp/carnet-fuzz.XXXXXX";

static void remove_store(void)
{
    store_close(store);
    static const char *const names[] = {"carnet.db", "carnet.db-wal", "carnet.db-shm"};
    for (int i = 0; i < 3; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
}

/* Creates a record of kind from "field=value" pairs. The store's creator is
 * its administrator already, so it may write reference data. */
static void create(const char *kind, const char *const *pairs)
{
    struct error err;
    error_clear(&err);
    struct record *r = record_new(kind_find(kind));
    for (int i = 0; pairs[i]; i++)
        record_set_pair(r, pairs[i], &err);
    if (err.code || record_create(store, r, &err) != 0) {
        fprintf(stderr, "fuzz: cannot create a %s: %s\n", kind, err.msg);
        abort();
    }
    record_free(r);
}

struct store *fuzz_store(void)
{
    if (store)
        return store;
    if (!mkdtemp(dir))
        abort();
    char *path = xasprintf("%s/carnet.db", dir);
    struct error err;
    error_clear(&err);
    store = store_open(path, STORE_CREATE, &err);
    free(path);
    if (!store) {
        fprintf(stderr, "fuzz: cannot create the store: %s\n", err.msg);
        abort();
    }
    atexit(remove_store);
    create("territory", (const char *const[]){"name=Quartier", "city=Lyon", NULL});
    create("centre", (const char *const[]){"name=Centre", "kind=centre_social", "territory=Quartier", NULL});
    return store;
}
