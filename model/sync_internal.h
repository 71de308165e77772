/* What the sync files share: one side of a session (a store and what it
 * knows of the peer), reading batches of changed rows out of a store and
 * applying received batches with per-field last-writer-wins. model/ only. */
#ifndef CARNET_MODEL_SYNC_INTERNAL_H
#define CARNET_MODEL_SYNC_INTERNAL_H

#include "model/store_internal.h"
#include "model/sync.h"
#include "model/sync_wire.h"

#define SYNC_MAX_AHEAD_MS (5 * 60 * 1000)   /* a peer clock further ahead is faulty */
#define SYNC_BATCH_ROWS 500

struct sync_side {
    struct store *s;
    const struct sync_opts *o;
    struct sync_summary *sum;
    struct sync_hello me, peer;
    int64_t applied_seq;    /* the peer's change number applied here (sync_peer.last_seq) */
    int64_t synced_hlc;     /* our clock at the last complete sync with the peer */
    int64_t peer_has_mine;  /* our change number the peer has applied */
    /* Local change numbers given to rows that became exact copies of the
     * peer's rows in this session: not worth sending back. Ascending. */
    int64_t *skip;
    int nskip, capskip;
    int batch_rows;
    double started;
    /* Per kind (index in kinds[]): select by id, insert, update; prepared
     * once per session, since a sync runs them for every row. */
    sqlite3_stmt *stmt[SYNC_KINDS_MAX][3];
};

/* Prepares a side: this store's hello. */
int sync_side_open(struct sync_side *d, struct store *s, const struct sync_opts *o, struct sync_summary *sum,
                   struct error *err);
void sync_side_close(struct sync_side *d);
/* Checks the peer's hello against ours (protocol, schema, dataset, site,
 * clock) and loads what we know of the peer. A clone adopts its dataset. */
int sync_side_check(struct sync_side *d, const struct sync_hello *peer, struct error *err);
/* The next batch of our rows changed after since (skipping the echoes). */
int sync_side_extract(struct sync_side *d, int64_t since, struct sync_batch *b, struct error *err);
/* Applies a batch from the peer in one transaction with the watermark. */
int sync_side_apply(struct sync_side *d, const struct sync_batch *b, struct error *err);
/* Records a complete sync: when, and what the peer has of ours. */
int sync_side_finish(struct sync_side *d, struct error *err);
void sync_side_count_sent(struct sync_side *d, const struct sync_batch *b);
double sync_now(void);

#endif
