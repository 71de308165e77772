/* The federation hub (DESIGN section 3b): a PostgreSQL database holding the
 * datasets of many centres, one more replica behind the sync engine. Only
 * model/hub.c includes libpq-fe.h: nothing here names a libpq type. A URI
 * is postgresql://..., postgres://... or service=NAME; passwords come from
 * libpq's usual places and are masked in every message. Never prints. */
#ifndef CARNET_MODEL_HUB_H
#define CARNET_MODEL_HUB_H

#include <stdint.h>

#include "model/error.h"
#include "model/store.h"
#include "model/sync.h"

/* The hub schema version: the store's plus three, since the hub's access
 * (row-level security and carnet.access, hub version 6) and its federation
 * views (hub version 7) came after store version 5; store version 6 (an
 * index of the store's own) made it 8, the origin of each row (the peer
 * whose copy it is, not sent back to that peer) 9, and store version 7
 * (partners as records) 10. A change of the
 * store's schema raises both. The kinds' columns follow the store's
 * version, kept in the hub's meta as kinds_version. */
#define HUB_SCHEMA_VERSION (STORE_SCHEMA_VERSION + 3)

struct kind;
struct mo;
struct report_opts;
struct strbuf;

struct hub;

/* Connects to the hub at uri. With check, the database must hold a hub of
 * this schema version (else a message: run carnet hub init, or install a
 * newer carnet). NULL on failure. */
struct hub *hub_open(const char *uri, bool check, struct error *err);
void hub_close(struct hub *h);

/* Creates the hub schema, or upgrades an older one (columns of the fields
 * added since, row-level security, the federation views, whose grants it
 * gives again); a newer schema is refused untouched.
 * *from gets the version found (0: none). Every hub table has row-level
 * security enabled and forced: the hub's owner (a member of the role that
 * owns the schema carnet) reads and writes everything, any other role only
 * the datasets hub_grant gave it. */
int hub_init(struct hub *h, int *from, struct error *err);

/* Whether kind k has a view in the schema federation: every kind but
 * those holding personal data or logins (F_PERSONAL, F_LOGIN: people and
 * members), which a federation's readers have no need of; a reference to
 * one keeps only its id there. */
bool hub_view_kind(const struct kind *k);
/* The SQL that makes (again) the schema federation's views, one per kind
 * of hub_view_kind, each WITH (security_invoker = true): the dataset, its
 * live centres' names (dataset_centre), the id, then each field: a
 * reference's name (the target's title) and its id (<field>_id: names
 * are not unique, and BI tools join on ids), a choice's code and its label
 * (<field>_label, from fr, the French catalog; NULL: English), dates as
 * date (NULL when not a real date), quantities as numeric, yes/no as
 * boolean, sets as text[] of labels (and <field>_codes); no clocks, no
 * deleted rows; and federation.indicators, the report's count indicators
 * (model/indicator_defs.c, their SQL as it is) per centre and year, with
 * the index its queries read on each logbook kept by a centre (dataset,
 * centre, date). Run inside hub init's transaction, at every hub init:
 * a hub of this version made by an older carnet gets the index and the
 * faster indicators (the same columns and rows) from carnet hub init,
 * without a new schema version, which would refuse every centre's sync
 * until then. With drop (an upgrade,
 * whose views may have other columns) each view is dropped first, and a
 * view of the user's built on one stops the upgrade; else each is
 * replaced in place, keeping its privileges and what depends on it. */
void hub_views_sql(struct strbuf *b, const struct mo *fr, bool drop);

/* A sync of store s (the client) with the hub, both in this process. */
int hub_sync(struct store *s, struct hub *h, const struct sync_opts *o, struct sync_summary *sum,
             struct error *err);
/* The same, connecting to uri first (what carnet sync URI and the Sync
 * screen do). */
int hub_sync_uri(struct store *s, const char *uri, const struct sync_opts *o, struct sync_summary *sum,
                 struct error *err);
/* The hub's side of the protocol over descriptors (carnet sync --serve URI). */
int hub_serve(struct hub *h, int in_fd, int out_fd, struct error *err);

/* Stacking hubs (a region's hub with the nation's): refuses a and b when
 * they are one database (two addresses of it), before anything changes. */
int hub_stack_check(struct hub *a, struct hub *b, struct error *err);
/* The dataset of hub a (which must hold it) synced both ways with hub b,
 * which makes it on a first sync (with its seeds, as a centre's first
 * sync does). Clocks travel unchanged, each hub keeps its watermark of the
 * other (per dataset), so running it again, or from b to a, changes
 * nothing. o->progress gets a's summary. sum_a->received counts the rows
 * where a took something from b, sum_b->received those where b took
 * something from a (either may be NULL). */
int hub_stack(struct hub *a, struct hub *b, const char *dataset, const struct sync_opts *o, struct sync_summary *sum_a,
              struct sync_summary *sum_b, struct error *err);

/* The yearly report (model/report.h) of what the hub holds, computed by
 * PostgreSQL: o->centre is ignored; centre (a name or an id, NULL: every
 * centre) and dataset (an id, NULL: every dataset) choose the scope, and
 * the role's rights (row-level security) what it may read. The figures
 * of a centre are those its own store's report gives. Appended to out. */
int hub_report(struct hub *h, const struct report_opts *o, const char *dataset, const char *centre,
               struct strbuf *out, struct error *err);

/* The same hash as sync_content_hash, over the hub's copy of a dataset. */
int hub_content_hash(struct hub *h, const char *dataset, uint64_t *hash, struct error *err);

/* The dataset holding a live centre named name (exactly one); a message
 * when none or several do. */
int hub_find_centre(struct hub *h, const char *name, char dataset[37], struct error *err);

/* What role (an existing PostgreSQL role, or a group role: its members
 * get it too) may do on the hub: with write, sync (read and write) the n
 * datasets (ids; a dataset the hub does not hold yet is the centre's
 * first sync to come), without, only read them; n 0: every dataset. It
 * replaces what role had for those datasets, and gives it the table
 * privileges this needs. Run by the hub's owner. */
int hub_grant(struct hub *h, const char *role, const char *const *datasets, int n, bool write, struct error *err);
/* Undoes hub_grant for the n datasets (n 0: everything role had), and
 * takes back the table privileges it no longer needs. A dataset role had
 * no grant for is refused, nothing changed. */
int hub_revoke(struct hub *h, const char *role, const char *const *datasets, int n, struct error *err);

struct hub_peer_status {
    char site_id[37];
    char *last_sync_at;     /* ISO 8601 UTC; NULL: never completed */
    long pending;           /* the hub's changes it has not received */
};
struct hub_dataset_status {
    char dataset[37];
    char *centres;          /* the names of its centres, comma-separated ("" when none) */
    long records;           /* records not deleted, seeds left out */
    int npeers;
    struct hub_peer_status *peers;
};
int hub_status(struct hub *h, struct hub_dataset_status **out, int *n, struct error *err);
void hub_status_free(struct hub_dataset_status *d, int n);

#endif
