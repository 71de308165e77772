/* Record ids: lowercase UUIDs from libuuid; v4 for new records, v5 (SHA-1)
 * from a natural key where two replicas must land on the same row. */
#include "model/store_internal.h"

#include <ctype.h>
#include <string.h>
#include <uuid/uuid.h>

/* carnet's namespace for v5 ids; never change it, ids depend on it. */
static const char id_namespace[] = "5f0a7c3e-2b7d-4c1a-9e58-6a1d3c0b8e21";

void id_new(char out[37])
{
    uuid_t u;
    uuid_generate_random(u);
    uuid_unparse_lower(u, out);
}

void id_from_name(const char *name, char out[37])
{
    uuid_t ns, u;
    uuid_parse(id_namespace, ns);
    uuid_generate_sha1(u, ns, name, strlen(name));
    uuid_unparse_lower(u, out);
}

bool id_valid(const char *s)
{
    uuid_t u;
    if (!s || strlen(s) != 36 || uuid_parse(s, u) != 0)
        return false;
    for (; *s; s++)
        if (isupper((unsigned char)*s))
            return false;
    return true;
}
