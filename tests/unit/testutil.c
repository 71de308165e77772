/* Test helpers: temporary stores and records. */
#include "testutil.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dirs[256];
static int ndirs;

static void cleanup(void)
{
    for (int i = 0; i < ndirs; i++) {
        char *cmd = xasprintf("rm -rf '%s'", dirs[i]);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", dirs[i]);
        free(cmd);
        free(dirs[i]);
    }
    ndirs = 0;
}

const char *tu_tempdir(void)
{
    char tmpl[] = "/tmp/carnet-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    if (ndirs == 0)
        atexit(cleanup);
    assert_true(ndirs < 256);
    dirs[ndirs] = xstrdup(d);
    return dirs[ndirs++];
}

char *tu_path(const char *name)
{
    return xasprintf("%s/%s", tu_tempdir(), name);
}

struct store *tu_store(char **path)
{
    char *p = tu_path("carnet.db");
    struct error err;
    error_clear(&err);
    struct store *s = store_open(p, STORE_CREATE, &err);
    if (!s)
        fail_msg("store_open(%s): %s", p, err.msg);
    if (path)
        *path = p;
    else
        free(p);
    return s;
}

char *tu_create(struct store *s, const char *kind, ...)
{
    struct record *r = record_new(kind_find(kind));
    struct error err;
    error_clear(&err);
    va_list ap;
    va_start(ap, kind);
    for (const char *pair = va_arg(ap, const char *); pair; pair = va_arg(ap, const char *))
        if (record_set_pair(r, pair, &err) != 0)
            fail_msg("%s", err.msg);
    va_end(ap);
    if (record_create(s, r, &err) != 0)
        fail_msg("creating a %s: %s", kind, err.msg);
    char *id = xstrdup(r->id);
    record_free(r);
    return id;
}

char *tu_centre(struct store *s, const char *name)
{
    char *t = tu_create(s, "territory", "name=Les Tilleuls", "city=Lyon", "qpv_code=QN06912M", NULL);
    char *field = xasprintf("name=%s", name);
    char *terr = xasprintf("territory=%s", t);
    char *id = tu_create(s, "centre", field, "kind=centre_social", terr, NULL);
    free(field);
    free(terr);
    free(t);
    return id;
}
