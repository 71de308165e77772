/* libFuzzer target for the CSV importer: the first byte picks the kind of
 * record, the rest is the file. Each input is imported inside an outer
 * transaction that is rolled back, so one store serves the whole run. */
#include "model/import.h"
#include "model/kind.h"
#include "tests/fuzz/fuzz_store.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct store *s = fuzz_store();
    const struct kind *k = kinds[data[0] % kinds_count];
    struct error err;
    error_clear(&err);
    if (store_begin(s, &err) != 0)
        return 0;
    struct import_result res;
    import_csv(s, k, (const char *)data + 1, size - 1, &res, &err);
    store_rollback(s);
    return 0;
}
