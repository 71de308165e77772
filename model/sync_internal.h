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
/* The batches a side sends to a new replica (a clone), when no batch size
 * is given: nobody else uses that store yet, so the 100 ms a batch may
 * keep a shared store locked does not apply, and fewer, larger
 * transactions make the clone faster (the byte budget still closes a
 * batch, SYNC_BATCH_BYTES). */
#define SYNC_CLONE_BATCH_ROWS 5000

struct sync_side;

/* What a replica does behind the protocol: a store (model/sync_apply.c) or
 * a PostgreSQL hub (model/hub.c). The protocol (model/sync_proto.c) calls
 * only these. */
struct sync_backend {
    /* Checks the peer's hello (sync_hello_check) and loads what this side
     * knows of the peer; a hub scopes the session to the hello's dataset. */
    int (*check)(struct sync_side *d, const struct sync_hello *peer, struct error *err);
    /* The peer asks for our changes after since; NULL: nothing to check. */
    int (*want)(struct sync_side *d, int64_t since, struct error *err);
    int (*extract)(struct sync_side *d, int64_t since, struct sync_batch *b, struct error *err);
    int (*apply)(struct sync_side *d, const struct sync_batch *b, struct error *err);
    int (*finish)(struct sync_side *d, struct error *err);
    void (*close)(struct sync_side *d);
};

struct sync_side {
    const struct sync_backend *be;
    void *impl;             /* the backend's own state (a hub session) */
    struct store *s;        /* the store backend's store; NULL for a hub */
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

/* Prepares a side on a store: this store's hello. */
int sync_side_open(struct sync_side *d, struct store *s, const struct sync_opts *o, struct sync_summary *sum,
                   struct error *err);
/* What every backend's open does first: options, summary, timer, and the
 * protocol and schema of the hello. */
void sync_side_init(struct sync_side *d, const struct sync_backend *be, const struct sync_opts *o,
                    struct sync_summary *sum);
/* Through d->be: */
void sync_side_close(struct sync_side *d);
/* Checks the peer's hello against ours (protocol, schema, dataset, site,
 * clock) and loads what we know of the peer. A clone adopts its dataset. */
int sync_side_check(struct sync_side *d, const struct sync_hello *peer, struct error *err);
int sync_side_want(struct sync_side *d, int64_t since, struct error *err);
/* The next batch of our rows changed after since (skipping the echoes). */
int sync_side_extract(struct sync_side *d, int64_t since, struct sync_batch *b, struct error *err);
/* Applies a batch from the peer in one transaction with the watermark. */
int sync_side_apply(struct sync_side *d, const struct sync_batch *b, struct error *err);
/* Records a complete sync: when, and what the peer has of ours. */
int sync_side_finish(struct sync_side *d, struct error *err);
void sync_side_count_sent(struct sync_side *d, const struct sync_batch *b);
void sync_side_count_received(struct sync_side *d, const struct kind *k);
double sync_now(void);
/* The server's turns on an opened side (opened: its open's status; an
 * error is told to the client). Closes d. */
int sync_serve_side(struct sync_side *d, int opened, int in_fd, int out_fd, struct error *err);
/* Both sides in this process, a playing the client (opened: the status of
 * opening them). Closes both. */
int sync_sides(struct sync_side *a, struct sync_side *b, int opened, struct error *err);
/* The wall clock in milliseconds (a store's may be overridden by tests). */
int64_t sync_side_now_ms(const struct sync_side *d);

/* The checks every backend makes on the peer's hello: protocol, schema,
 * ids, a copied site, the dataset (unless a clone), the peer's clock. */
int sync_hello_check(const struct sync_side *d, const struct sync_hello *peer, struct error *err);
/* Refuses a batch with a clock more than 5 minutes ahead of now; *seen
 * gets the highest HLC in it. */
int sync_batch_check_clocks(const struct sync_side *d, const struct sync_batch *b, uint64_t *seen,
                            struct error *err);
/* Seeds carry the zero clock in every group and are the same on every
 * replica by construction: never worth sending. */
bool sync_row_is_seed(const struct sync_row *r);
/* Closes a batch of rows sorted by seq where it passes the byte budget
 * (setting last_seq and more then). */
void sync_batch_budget(struct sync_batch *b);
/* The seed rows of s (zero clocks), for a hub's new dataset. */
int sync_store_seeds(struct store *s, struct sync_batch *b, struct error *err);
/* Adds one row to a content hash (sync_content_hash's order: kinds in
 * order, rows by id, each kind's name before its rows). */
void sync_hash_kind(uint64_t *h, const struct kind *k);
void sync_hash_row(uint64_t *h, const struct sync_row *r);
#define SYNC_HASH_INIT 14695981039346656037ull

#endif
