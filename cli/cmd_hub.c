/* carnet hub: the federation hub's administration (DESIGN section 3b):
 * init creates or upgrades the schema in a PostgreSQL database, status
 * lists its datasets, their centres and records, and each peer's last sync
 * and the changes it has not received; grant and revoke say which datasets
 * a PostgreSQL role may read or sync; sync stacks a hub on another (every
 * dataset of the first synced with the second). The hub itself is
 * model/hub. */
#include "cli/cli.h"
#include "model/hub.h"
#include "model/peer.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int hub_init_cmd(const char *uri)
{
    struct error err;
    error_clear(&err);
    struct hub *h = hub_open(uri, false, &err);
    if (!h)
        return cli_fail(&err);
    int from = 0;
    int rc = hub_init(h, &from, &err);
    hub_close(h);
    if (rc != 0)
        return cli_fail(&err);
    char *shown = peer_display(uri);
    if (from == 0)
        cli_err(_("carnet: %s is now a carnet hub (schema version %d); centres sync with it with: carnet sync %s\n"),
                shown, HUB_SCHEMA_VERSION, shown);
    else if (from < HUB_SCHEMA_VERSION)
        cli_err(_("carnet: the hub %s was upgraded from schema version %d to %d\n"), shown, from,
                HUB_SCHEMA_VERSION);
    else
        cli_err(_("carnet: the hub %s is up to date (schema version %d)\n"), shown, HUB_SCHEMA_VERSION);
    free(shown);
    return EXIT_OK;
}

/* One dataset a block: its line, then one line per peer. Record text (the
 * centres' names) is cleaned of control characters. */
static int hub_status_cmd(const char *uri)
{
    struct error err;
    error_clear(&err);
    struct hub *h = hub_open(uri, true, &err);
    if (!h)
        return cli_fail(&err);
    struct hub_dataset_status *ds;
    int n;
    int rc = hub_status(h, &ds, &n, &err);
    hub_close(h);
    if (rc != 0)
        return cli_fail(&err);
    for (int i = 0; i < n; i++) {
        char *centres = utf8_sanitize(ds[i].centres, false);
        cli_out(_("dataset %s\tcentres: %s\trecords: %ld\n"), ds[i].dataset, *centres ? centres : _("none"),
               ds[i].records);
        free(centres);
        for (int j = 0; j < ds[i].npeers; j++)
            cli_out(_("  peer %s\tlast sync: %s\tpending: %ld\n"), ds[i].peers[j].site_id,
                   ds[i].peers[j].last_sync_at ? ds[i].peers[j].last_sync_at : _("never"), ds[i].peers[j].pending);
    }
    if (n == 0)
        cli_err("%s\n", _("carnet: the hub holds no dataset yet; a centre's first carnet sync URI adds its own"));
    hub_status_free(ds, n);
    return EXIT_OK;
}

/* grant|revoke URI ROLE with --dataset ID / --centre NAME (each may come
 * again), --all-datasets, and for grant --write. A centre's name is found
 * on the hub (hub_find_centre) once it is open. */
static int hub_access_cmd(struct cli *c)
{
    bool grant = strcmp(c->argv[1], "grant") == 0, all = false, write = false;
    const char *ops[2];
    int nops = 0, n = 0, ncentres = 0;
    const char **ids = xcalloc((size_t)c->argc, sizeof *ids);
    const char **centres = xcalloc((size_t)c->argc, sizeof *centres);
    char (*found)[37] = xcalloc((size_t)c->argc, sizeof *found);
    int rc = EXIT_OK;
    for (int i = 2; i < c->argc && rc == EXIT_OK; i++) {
        const char *a = c->argv[i];
        if (strcmp(a, "--dataset") == 0 && i + 1 < c->argc)
            ids[n++] = c->argv[++i];
        else if (strncmp(a, "--dataset=", 10) == 0)
            ids[n++] = a + 10;
        else if (strcmp(a, "--centre") == 0 && i + 1 < c->argc)
            centres[ncentres++] = c->argv[++i];
        else if (strncmp(a, "--centre=", 9) == 0)
            centres[ncentres++] = a + 9;
        else if (strcmp(a, "--all-datasets") == 0)
            all = true;
        else if (grant && strcmp(a, "--write") == 0)
            write = true;
        else if (a[0] == '-' && a[1] == '-')
            rc = cli_usage(c, "unknown option %s", a);
        else if (nops < 2)
            ops[nops++] = a;
        else
            rc = cli_usage(c, "give the hub's address and one role; '%s' is one too many", a);
    }
    if (rc == EXIT_OK && nops != 2)
        rc = cli_usage(c, "give the hub's address (postgresql://... or service=NAME) and the PostgreSQL role");
    else if (rc == EXIT_OK && !peer_is_hub(ops[0]))
        rc = cli_usage(c, "'%s' is not a PostgreSQL address: give postgresql://..., postgres://... or service=NAME",
                       ops[0]);
    else if (rc == EXIT_OK && all && (n || ncentres))
        rc = cli_usage(c, "give either --all-datasets or the datasets (--dataset ID, --centre NAME), not both");
    else if (rc == EXIT_OK && grant && !all && !n && !ncentres)
        rc = cli_usage(c, "give the datasets the role may use (--dataset ID or --centre NAME, again for each), or "
                          "--all-datasets");
    struct error err;
    error_clear(&err);
    struct hub *h = NULL;
    if (rc == EXIT_OK && !(h = hub_open(ops[0], true, &err)))
        rc = cli_fail(&err);
    for (int i = 0; i < ncentres && rc == EXIT_OK; i++) {
        if (hub_find_centre(h, centres[i], found[i], &err) != 0)
            rc = cli_fail(&err);
        ids[n++] = found[i];
    }
    if (rc == EXIT_OK && (grant ? hub_grant(h, ops[1], ids, n, write, &err) : hub_revoke(h, ops[1], ids, n, &err)) != 0)
        rc = cli_fail(&err);
    hub_close(h);
    if (rc == EXIT_OK) {
        char *shown = peer_display(ops[0]);
        if (grant && all)
            cli_err(write ? _("carnet: the role %s may now sync every dataset of the hub %s\n")
                          : _("carnet: the role %s may now read every dataset of the hub %s, and write none\n"),
                    ops[1], shown);
        else if (!grant && !n)
            cli_err(_("carnet: the role %s may no longer read or sync any dataset of the hub %s\n"), ops[1], shown);
        for (int i = 0; i < n; i++)
            cli_err(!grant  ? _("carnet: the role %s may no longer read or sync the dataset %s of the hub %s\n")
                    : write ? _("carnet: the role %s may now sync the dataset %s of the hub %s\n")
                            : _("carnet: the role %s may now read the dataset %s of the hub %s, and write none\n"),
                    ops[1], ids[i], shown);
        free(shown);
    }
    free(ids);
    free(centres);
    free(found);
    return rc;
}

/* sync URI_A URI_B: every dataset of hub A synced both ways with hub B,
 * one session each, with a summary per dataset; a dataset that fails does
 * not stop the others (the exit status says one failed). */
static int hub_stack_cmd(struct cli *c)
{
    const char *ua = c->argv[2], *ub = c->argv[3];
    for (int i = 2; i < 4; i++)
        if (!peer_is_hub(c->argv[i]))
            return cli_usage(c, "'%s' is not a PostgreSQL address: give postgresql://..., postgres://... or "
                                "service=NAME", c->argv[i]);
    if (strcmp(ua, ub) == 0)
        return cli_usage(c, "give two different hubs: the one whose datasets are synced (a region's), then the one "
                            "they are synced with (the nation's)");
    struct error err;
    error_clear(&err);
    struct hub *a = hub_open(ua, true, &err), *b = NULL;
    if (a)
        b = hub_open(ub, true, &err);
    struct hub_dataset_status *ds = NULL;
    int n = 0;
    if (!a || !b || hub_stack_check(a, b, &err) != 0 || hub_status(a, &ds, &n, &err) != 0) {
        hub_close(a);
        hub_close(b);
        return cli_fail(&err);
    }
    char *sa = peer_display(ua), *sb = peer_display(ub);
    int rc = EXIT_OK, done = 0;
    for (int i = 0; i < n; i++) {
        struct cli_sync_ui ui = {isatty(2), false, 0};
        struct sync_opts o = {.address = sb, .progress = cli_sync_progress, .ctx = &ui};
        struct sync_summary got, gave;
        memset(&got, 0, sizeof got);
        memset(&gave, 0, sizeof gave);
        error_clear(&err);
        int r = hub_stack(a, b, ds[i].dataset, &o, &got, &gave, &err);
        if (ui.shown)
            cli_err("\n");
        char *centres = utf8_sanitize(ds[i].centres, false);
        const char *named = *centres ? centres : _("no centre");
        if (r != 0) {
            cli_err(_("carnet: the dataset %s (%s) was not synced:\n"), ds[i].dataset, named);
            int f = cli_fail(&err);
            if (rc == EXIT_OK)
                rc = f;
        } else {
            done++;
            cli_err(_("carnet: the dataset %s (%s) synced with %s in %.2f s\n"), ds[i].dataset, named, sb,
                    got.seconds);
            cli_sync_counts(_("received:"), got.received, got.received_total);
            cli_sync_counts(_("sent:"), gave.received, gave.received_total);
        }
        free(centres);
    }
    if (n == 0)
        cli_err(_("carnet: the hub %s holds no dataset yet: nothing to sync with %s\n"), sa, sb);
    else if (done == n)
        cli_err(ngettext("carnet: %d dataset of the hub %s synced with %s\n",
                         "carnet: %d datasets of the hub %s synced with %s\n", n), n, sa, sb);
    else
        cli_err(ngettext("carnet: %d dataset of the hub %s was not synced with %s (see above); the others were\n",
                         "carnet: %d datasets of the hub %s were not synced with %s (see above); the others were\n",
                         n - done), n - done, sa, sb);
    hub_status_free(ds, n);
    hub_close(a);
    hub_close(b);
    free(sa);
    free(sb);
    return rc;
}

int cmd_hub(struct cli *c)
{
    if (c->argc >= 2 && strcmp(c->argv[1], "sync") == 0) {
        if (c->argc != 4)
            return cli_usage(c, "give the two hubs' addresses: carnet hub sync URI_A URI_B syncs every dataset of A "
                                "with B");
        return hub_stack_cmd(c);
    }
    if (c->argc >= 2 && (strcmp(c->argv[1], "grant") == 0 || strcmp(c->argv[1], "revoke") == 0))
        return hub_access_cmd(c);
    if (c->argc != 3 || (strcmp(c->argv[1], "init") != 0 && strcmp(c->argv[1], "status") != 0))
        return cli_usage(c, "give init, status, sync, grant or revoke, and the hub's address (postgresql://... or "
                            "service=NAME)");
    if (!peer_is_hub(c->argv[2]))
        return cli_usage(c, "'%s' is not a PostgreSQL address: give postgresql://..., postgres://... or service=NAME",
                         c->argv[2]);
    return strcmp(c->argv[1], "init") == 0 ? hub_init_cmd(c->argv[2]) : hub_status_cmd(c->argv[2]);
}
