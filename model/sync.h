/* Sync between replicas (DESIGN section 3): both directions, per-field
 * last-writer-wins on hybrid logical clocks, pulls by row_seq watermarks,
 * batches applied in one transaction each with the watermark. Also what a
 * Sync screen needs: peers, changes waiting, conflicts. Never prints. */
#ifndef CARNET_MODEL_SYNC_H
#define CARNET_MODEL_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "model/error.h"
#include "model/kind.h"
#include "model/store.h"

#define SYNC_KINDS_MAX 32

enum sync_phase { SYNC_RECEIVING, SYNC_SENDING };

struct sync_summary {
    char peer_site[37];
    enum sync_phase phase;          /* what the last progress call was about */
    long received[SYNC_KINDS_MAX];  /* rows applied (some field won), by index in kinds[] */
    long sent[SYNC_KINDS_MAX];      /* rows sent, by index in kinds[] */
    long received_total, sent_total;
    long conflicts;                 /* local values that lost to concurrent ones (kept in the conflict table) */
    double seconds;
};

/* "12 received, 1 sent" for people, each count with its plural (ngettext),
 * in the user's language; the caller frees it. One wording for the command
 * line's progress and the Sync screen's. */
char *sync_counts_text(long received, long sent);
/* "1 concurrent edit resolved" / "3 concurrent edits resolved"; the
 * caller frees it. */
char *sync_conflicts_text(long conflicts);

/* Called after each batch, the client's side summary (both directions);
 * may be NULL. */
typedef void (*sync_progress_fn)(const struct sync_summary *sum, void *ctx);

struct sync_opts {
    int batch_rows;                 /* rows per batch; 0: 500 */
    const char *address;            /* how this side names the peer, kept in sync_peer */
    bool clone;                     /* client of a clone: adopt the peer's dataset */
    sync_progress_fn progress;
    void *ctx;
};

/* The two sides of the protocol over file descriptors (a pipe to ssh, a
 * socket, stdin/stdout). The client pulls first, then pushes. Each returns
 * 0 or an error whose message says what to do; what was applied before a
 * failure stays applied and valid. sum may be NULL. */
int sync_client(struct store *s, int in_fd, int out_fd, const struct sync_opts *o, struct sync_summary *sum,
                struct error *err);
int sync_serve(struct store *s, int in_fd, int out_fd, const struct sync_opts *o, struct sync_summary *sum,
               struct error *err);

/* When the server cannot even open its store: says why to the client
 * (the magic line and an error frame). Returns err's code. */
int sync_serve_refuse(int out_fd, const struct error *err);

/* Both stores open in this process: the same checks, batches and codec,
 * without descriptors. a plays the client. */
int sync_stores(struct store *a, struct store *b, const struct sync_opts *o, struct sync_summary *sum,
                struct error *err);

/* A fresh store at path (which must not exist) made a replica of peer: a
 * new site id, the peer's dataset and all its records. The new store is
 * not a copy: the peer's members decide who may write it. NULL on failure
 * (the file is removed). */
struct store *sync_clone_store(struct store *peer, const char *path, struct error *err);
/* For clients of sync_client with o->clone: a new store at path, prepared
 * to receive a clone (no records of its own). */
struct store *sync_clone_prepare(const char *path, struct error *err);
/* Makes a prepared clone ask for the dataset id (a clone from a hub, which
 * holds many); an id that is not a dataset's is refused with a message. */
int sync_clone_join(struct store *s, const char *dataset, struct error *err);
/* Removes a failed clone's files (path, -wal, -shm). */
void sync_clone_discard(const char *path);

/* ---- what a Sync screen shows ---- */
struct sync_peer_info {
    char site_id[37];
    char *address;          /* NULL when unknown */
    char *last_sync_at;     /* ISO 8601 UTC, NULL when never completed */
    int64_t last_seq;       /* the peer's change number applied here */
    long waiting;           /* local changes the peer has not received yet */
};
/* The peers known to s, most recent first; *n gets the count. */
int sync_peers(struct store *s, struct sync_peer_info **out, int *n, struct error *err);
void sync_peers_free(struct sync_peer_info *p, int n);
/* Local changes no peer has received (the status bar counter): the count
 * for the peer that has received the most; every change when none. */
long sync_waiting(struct store *s);

struct sync_conflict {
    int64_t id;
    const struct kind *kind;
    char rec_id[37];
    const struct field *field;
    char *losing_value;     /* the value that lost, as text (NULL: empty) */
    char *winning_value;    /* the value the record has now */
    char *at;               /* when the sync resolved it, ISO 8601 UTC */
    char *peer;             /* the site whose value won */
};
/* The conflicts kept, newest first (at most limit, 0: all). */
int sync_conflicts(struct store *s, int limit, struct sync_conflict **out, int *n, struct error *err);
void sync_conflicts_free(struct sync_conflict *c, int n);
/* Takes the losing value after all: a normal write through the record API
 * (a new clock, so it syncs and wins everywhere); the conflict is removed. */
int sync_conflict_take(struct store *s, int64_t conflict_id, struct error *err);
/* Forgets a conflict (the winning value stays). */
int sync_conflict_dismiss(struct store *s, int64_t conflict_id, struct error *err);

/* A hash of the replicated content: every synced table's rows ordered by
 * id, all columns and clocks except row_seq (local). Equal on converged
 * replicas. */
uint64_t sync_content_hash(struct store *s);
/* The same, where a table that cannot be read is an error (never left out). */
int sync_store_hash(struct store *s, uint64_t *hash, struct error *err);

#endif
