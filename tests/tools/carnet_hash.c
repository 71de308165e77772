/* For the hub tests: the content hash of a store's replicated records, or
 * of a hub's copy of one dataset, computed the same way on both engines
 * (sync_store_hash, hub_content_hash). A table the hash cannot read is an
 * error (exit 1), never left out.
 *   carnet_hash STORE            the store's hash and its dataset id
 *   carnet_hash URI DATASET      the hub's hash of that dataset */
#include "model/hub.h"
#include "model/store.h"
#include "model/sync.h"

#include <inttypes.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    struct error err;
    error_clear(&err);
    uint64_t h = 0;
    if (argc == 2) {
        struct store *s = store_open(argv[1], STORE_READONLY, &err);
        if (!s || sync_store_hash(s, &h, &err) != 0) {
            fprintf(stderr, "carnet_hash: %s\n", err.msg);
            store_close(s);
            return 1;
        }
        printf("%016" PRIx64 " %s\n", h, store_dataset_id(s));
        store_close(s);
        return 0;
    }
    if (argc == 3) {
        struct hub *hub = hub_open(argv[1], true, &err);
        if (!hub || hub_content_hash(hub, argv[2], &h, &err) != 0) {
            fprintf(stderr, "carnet_hash: %s\n", err.msg);
            hub_close(hub);
            return 1;
        }
        printf("%016" PRIx64 " %s\n", h, argv[2]);
        hub_close(hub);
        return 0;
    }
    fprintf(stderr, "usage: carnet_hash STORE | carnet_hash URI DATASET\n");
    return 2;
}
