/* A centre created for its creator (carnet init --centre): the centre and
 * the creator's member entry change together or not at all. */
#include "model/centre.h"
#include "model/query.h"

#include <stdio.h>

int centre_create_mine(struct store *s, const char *name, char id[37], struct error *err)
{
    struct record *c = record_new(kind_find("centre")), *m = NULL;
    struct query q;
    query_init(&q, kind_find("member"));
    if (store_begin(s, err) != 0)
        goto done;
    if (record_defaults(s, c, err) != 0 || record_set(c, "name", name, err) != 0 || record_create(s, c, err) != 0)
        goto fail;
    if (query_where_add(&q, "login", store_login(s), err) != 0)
        goto fail;
    if (!(m = query_first(s, &q, err)) && err->code)
        goto fail;
    if (!m) {
        error_add(err, ERR_NOTFOUND, "'%s' is not a member of this store: the centre cannot be yours", store_login(s));
        goto fail;
    }
    if (record_set(m, "centre", c->id, err) != 0 || record_update(s, m, err) != 0)
        goto fail;
    if (store_commit(s, err) != 0)
        goto done;
    snprintf(id, 37, "%s", c->id);
    goto done;
fail:
    store_rollback(s);
done:
    record_free(m);
    record_free(c);
    return err->code;
}
