/* carnet hub: the federation hub's administration (DESIGN section 3b):
 * init creates or upgrades the schema in a PostgreSQL database, status
 * lists its datasets, their centres and records, and each peer's last sync
 * and the changes it has not received. The hub itself is model/hub. */
#include "cli/cli.h"
#include "model/hub.h"
#include "model/peer.h"
#include "util/i18n.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

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

int cmd_hub(struct cli *c)
{
    if (c->argc != 3 || (strcmp(c->argv[1], "init") != 0 && strcmp(c->argv[1], "status") != 0))
        return cli_usage(c, "give init or status, and the hub's address (postgresql://... or service=NAME)");
    if (!peer_is_hub(c->argv[2]))
        return cli_usage(c, "'%s' is not a PostgreSQL address: give postgresql://..., postgres://... or service=NAME",
                         c->argv[2]);
    return strcmp(c->argv[1], "init") == 0 ? hub_init_cmd(c->argv[2]) : hub_status_cmd(c->argv[2]);
}
