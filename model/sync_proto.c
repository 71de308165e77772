/* The sync protocol: the client's and the server's turns over two file
 * descriptors, the same exchange between two stores open in one process,
 * and clones. The client pulls first, then pushes:
 *   C: magic HELLO       S: magic HELLO (or ERROR)
 *   C: WANT(since)       S: ROWS... (the last with more = 0)
 *   C: ACK(applied)      S: WANT(since)
 *   C: ROWS...           S: ACK(applied)
 *   C: BYE
 * Either side may send ERROR instead of what is expected, and stops. */
#include "model/sync_internal.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- the backend's operations ---- */

int sync_side_check(struct sync_side *d, const struct sync_hello *peer, struct error *err)
{
    return d->be->check(d, peer, err);
}

int sync_side_want(struct sync_side *d, int64_t since, struct error *err)
{
    return d->be->want ? d->be->want(d, since, err) : 0;
}

int sync_side_extract(struct sync_side *d, int64_t since, struct sync_batch *b, struct error *err)
{
    return d->be->extract(d, since, b, err);
}

int sync_side_apply(struct sync_side *d, const struct sync_batch *b, struct error *err)
{
    return d->be->apply(d, b, err);
}

int sync_side_finish(struct sync_side *d, struct error *err)
{
    return d->be->finish(d, err);
}

void sync_side_close(struct sync_side *d)
{
    if (d->sum)
        d->sum->seconds = sync_now() - d->started;
    if (d->be)
        d->be->close(d);
}

static void progress(struct sync_side *d, enum sync_phase phase)
{
    if (d->o->progress && d->sum) {
        d->sum->phase = phase;
        d->sum->seconds = sync_now() - d->started;
        d->o->progress(d->sum, d->o->ctx);
    }
}

/* Tells the other side why we stop (best effort: it may be gone). */
static void send_error(struct sync_stream *st, const struct error *why)
{
    struct wbuf w = {0};
    struct error ignored;
    error_clear(&ignored);
    sync_text_encode(&w, why->msg[0] ? why->msg : _("the other side stopped the sync"));
    sync_write_frame(st, SF_ERROR, &w, &ignored);
    wbuf_free(&w);
}

/* Reads a frame of the expected type; an ERROR frame from the other side
 * becomes our error, with its message. */
static int expect(struct sync_stream *st, uint8_t want, unsigned char **p, size_t *n, struct error *err)
{
    uint8_t type;
    if (sync_read_frame(st, &type, p, n, err) != 0)
        return err->code;
    if (type == want)
        return 0;
    int rc;
    if (type == SF_ERROR) {
        char *msg = sync_text_decode(*p, *n);
        rc = error_add(err, ERR_INVALID, "%s stopped the sync: %s", st->peer, msg ? msg : "(no reason given)");
        free(msg);
    } else {
        rc = error_add(err, ERR_CORRUPT, "the sync stream is damaged: frame type %u where %u was expected", type, want);
    }
    free(*p);
    *p = NULL;
    return rc;
}

static int send_u64(struct sync_stream *st, uint8_t type, int64_t v, struct error *err)
{
    struct wbuf w = {0};
    sync_u64_encode(&w, (uint64_t)v);
    int rc = sync_write_frame(st, type, &w, err);
    wbuf_free(&w);
    return rc;
}

static int read_u64(struct sync_stream *st, uint8_t type, int64_t *v, struct error *err)
{
    unsigned char *p;
    size_t n;
    if (expect(st, type, &p, &n, err) != 0)
        return err->code;
    uint64_t u;
    int rc = sync_u64_decode(p, n, &u, err);
    free(p);
    *v = (int64_t)u;
    return rc;
}

static int send_hello(struct sync_stream *st, const struct sync_side *d, struct error *err)
{
    struct wbuf w = {0};
    sync_hello_encode(&w, &d->me);
    int rc = sync_write_frame(st, SF_HELLO, &w, err);
    wbuf_free(&w);
    return rc;
}

static int read_hello(struct sync_stream *st, struct sync_hello *h, struct error *err)
{
    unsigned char *p;
    size_t n;
    if (expect(st, SF_HELLO, &p, &n, err) != 0)
        return err->code;
    int rc = sync_hello_decode(p, n, h, err);
    free(p);
    return rc;
}

static void encode_batch(struct wbuf *w, const struct sync_batch *b)
{
    w->len = 0;
    sync_rows_encode_head(w, b->last_seq, b->more, b->nrows);
    for (int i = 0; i < b->nrows; i++)
        sync_row_encode(w, &b->rows[i]);
}

/* Sends our rows after since, batch by batch; then reads the peer's ACK. */
static int push(struct sync_side *d, struct sync_stream *st, int64_t since, struct error *err)
{
    struct sync_batch b = {0};
    struct wbuf w = {0};
    int rc = sync_side_want(d, since, err);
    if (rc != 0) {
        send_error(st, err);
        return rc;
    }
    do {
        if ((rc = sync_side_extract(d, since, &b, err)) != 0)
            break;
        encode_batch(&w, &b);
        if ((rc = sync_write_frame(st, SF_ROWS, &w, err)) != 0)
            break;
        sync_side_count_sent(d, &b);
        since = b.last_seq;
        progress(d, SYNC_SENDING);
    } while (b.more);
    sync_batch_clear(&b);
    wbuf_free(&w);
    if (rc == 0)
        rc = read_u64(st, SF_ACK, &d->peer_has_mine, err);
    return rc;
}

/* Receives the peer's batches and applies each; then ACKs. */
static int pull(struct sync_side *d, struct sync_stream *st, struct error *err)
{
    struct sync_batch b = {0};
    int rc = 0;
    for (;;) {
        unsigned char *p;
        size_t n;
        if ((rc = expect(st, SF_ROWS, &p, &n, err)) != 0)
            break;
        rc = sync_rows_decode(p, n, &b, err);
        free(p);
        if (rc == 0)
            rc = sync_side_apply(d, &b, err);
        if (rc != 0) {
            send_error(st, err);
            break;
        }
        progress(d, SYNC_RECEIVING);
        if (!b.more)
            break;
    }
    sync_batch_clear(&b);
    return rc == 0 ? send_u64(st, SF_ACK, d->applied_seq, err) : rc;
}

int sync_client(struct store *s, int in_fd, int out_fd, const struct sync_opts *o, struct sync_summary *sum,
                struct error *err)
{
    struct sync_side d;
    struct sync_stream *st = xmalloc(sizeof *st);
    sync_stream_fd(st, in_fd, out_fd, o && o->address ? o->address : _("the other side"));
    int rc = sync_side_open(&d, s, o, sum, err);
    if (rc == 0)
        rc = sync_write_magic(st, err);
    if (rc == 0)
        rc = send_hello(st, &d, err);
    /* The other side may have stopped at once: what it said (or how it
     * ended) tells more than our failed write. */
    if (rc == ERR_IO) {
        error_clear(err);
        rc = 0;
    }
    if (rc == 0)
        rc = sync_read_magic(st, err);
    struct sync_hello peer;
    if (rc == 0)
        rc = read_hello(st, &peer, err);
    if (rc == 0 && (rc = sync_side_check(&d, &peer, err)) != 0)
        send_error(st, err);
    if (rc == 0)
        rc = send_u64(st, SF_WANT, d.applied_seq, err);
    if (rc == 0)
        rc = pull(&d, st, err);
    int64_t since = 0;
    if (rc == 0)
        rc = read_u64(st, SF_WANT, &since, err);
    if (rc == 0)
        rc = push(&d, st, since, err);
    if (rc == 0)
        rc = sync_write_frame(st, SF_BYE, NULL, err);
    if (rc == 0)
        rc = sync_side_finish(&d, err);
    sync_side_close(&d);
    free(st);
    return rc;
}

int sync_serve(struct store *s, int in_fd, int out_fd, const struct sync_opts *o, struct sync_summary *sum,
               struct error *err)
{
    struct sync_side d;
    int rc = sync_side_open(&d, s, o, sum, err);
    return sync_serve_side(&d, rc, in_fd, out_fd, err);
}

int sync_serve_side(struct sync_side *d_, int opened, int in_fd, int out_fd, struct error *err)
{
    struct sync_side d = *d_;
    struct sync_stream *st = xmalloc(sizeof *st);
    sync_stream_fd(st, in_fd, out_fd, _("the client"));
    int rc = opened;
    if (rc != 0) {
        /* Say why, framed, so that the client prints it. */
        struct error ignored;
        error_clear(&ignored);
        if (sync_write_magic(st, &ignored) == 0)
            send_error(st, err);
        sync_side_close(&d);
        free(st);
        return rc;
    }
    rc = sync_write_magic(st, err);
    if (rc == 0)
        rc = sync_read_magic(st, err);
    struct sync_hello peer;
    if (rc == 0)
        rc = read_hello(st, &peer, err);
    if (rc == 0 && (rc = sync_side_check(&d, &peer, err)) != 0)
        send_error(st, err);
    if (rc == 0)
        rc = send_hello(st, &d, err);
    int64_t since = 0;
    if (rc == 0)
        rc = read_u64(st, SF_WANT, &since, err);
    if (rc == 0)
        rc = push(&d, st, since, err);
    if (rc == 0)
        rc = send_u64(st, SF_WANT, d.applied_seq, err);
    if (rc == 0)
        rc = pull(&d, st, err);
    if (rc == 0) {
        unsigned char *p;
        size_t n;
        if ((rc = expect(st, SF_BYE, &p, &n, err)) == 0)
            free(p);
    }
    if (rc == 0)
        rc = sync_side_finish(&d, err);
    sync_side_close(&d);
    free(st);
    return rc;
}

int sync_serve_refuse(int out_fd, const struct error *err)
{
    struct sync_stream *st = xmalloc(sizeof *st);
    sync_stream_fd(st, -1, out_fd, _("the client"));
    struct error ignored;
    error_clear(&ignored);
    if (sync_write_magic(st, &ignored) == 0)
        send_error(st, err);
    free(st);
    return err->code ? err->code : ERR_IO;
}

/* ---- in one process ---- */

/* What goes over the wire, without the wire: encoded and decoded, so that
 * both paths apply exactly the same bytes. */
static int hand_hello(const struct sync_side *from, struct sync_side *to, struct error *err)
{
    struct wbuf w = {0};
    sync_hello_encode(&w, &from->me);
    struct sync_hello h;
    int rc = sync_hello_decode(w.p, w.len, &h, err);
    wbuf_free(&w);
    return rc ? rc : sync_side_check(to, &h, err);
}

/* ui: the client's side, whose summary the progress shows. */
static int hand_rows(struct sync_side *from, struct sync_side *to, struct sync_side *ui, struct error *err)
{
    struct sync_batch out = {0}, in = {0};
    struct wbuf w = {0};
    int64_t since = to->applied_seq;
    int rc = 0;
    do {
        if ((rc = sync_side_extract(from, since, &out, err)) != 0)
            break;
        encode_batch(&w, &out);
        if ((rc = sync_rows_decode(w.p, w.len, &in, err)) != 0 || (rc = sync_side_apply(to, &in, err)) != 0)
            break;
        sync_side_count_sent(from, &out);
        since = out.last_seq;
        progress(ui, ui == to ? SYNC_RECEIVING : SYNC_SENDING);
    } while (out.more);
    from->peer_has_mine = to->applied_seq;
    sync_batch_clear(&out);
    sync_batch_clear(&in);
    wbuf_free(&w);
    return rc;
}

int sync_stores(struct store *a, struct store *b, const struct sync_opts *o, struct sync_summary *sum,
                struct error *err)
{
    struct sync_side da, db;
    struct sync_summary other;
    struct sync_opts bo = o ? *o : (struct sync_opts){0};
    bo.clone = false;
    bo.address = NULL;
    int rc = sync_side_open(&da, a, o, sum, err);
    if (rc == 0)
        rc = sync_side_open(&db, b, &bo, &other, err);
    else
        memset(&db, 0, sizeof db);
    return sync_sides(&da, &db, rc, err);
}

int sync_sides(struct sync_side *a, struct sync_side *b, int opened, struct error *err)
{
    struct sync_side da = *a, db = *b;
    int rc = opened;
    if (rc == 0)
        rc = hand_hello(&da, &db, err);
    if (rc == 0)
        rc = hand_hello(&db, &da, err);
    if (rc == 0)
        rc = sync_side_want(&db, da.applied_seq, err);
    if (rc == 0)
        rc = hand_rows(&db, &da, &da, err);
    if (rc == 0)
        rc = hand_rows(&da, &db, &da, err);
    if (rc == 0)
        rc = sync_side_finish(&db, err);
    if (rc == 0)
        rc = sync_side_finish(&da, err);
    sync_side_close(&da);
    sync_side_close(&db);
    return rc;
}

/* ---- clones ---- */

void sync_clone_discard(const char *path)
{
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        char *p = xasprintf("%s%s", path, ext[i]);
        unlink(p);
        free(p);
    }
}

struct store *sync_clone_prepare(const char *path, struct error *err)
{
    if (access(path, F_OK) == 0) {
        error_add(err, ERR_INVALID, "%s exists already; a clone is made into a new file", path);
        return NULL;
    }
    struct store *s = store_open(path, STORE_CREATE, err);
    if (!s)
        return NULL;
    /* The new store holds only the seeds, which every replica shares: its
     * creator's membership would otherwise override the dataset's. */
    int rc = store_begin(s, err);
    if (rc == 0)
        rc = db_exec(s, "DELETE FROM member", err);
    if (rc == 0)
        rc = db_exec(s, "DELETE FROM history", err);
    if (rc != 0) {
        store_rollback(s);
    } else if (store_commit(s, err) == 0) {
        return s;
    }
    store_close(s);
    sync_clone_discard(path);
    return NULL;
}

struct store *sync_clone_store(struct store *peer, const char *path, struct error *err)
{
    struct store *s = sync_clone_prepare(path, err);
    if (!s)
        return NULL;
    struct sync_opts o = {.clone = true, .address = store_path(peer)};
    if (sync_stores(s, peer, &o, NULL, err) != 0) {
        store_close(s);
        sync_clone_discard(path);
        return NULL;
    }
    return s;
}

char *sync_counts_text(long received, long sent)
{
    char *r = xasprintf(ngettext("%ld received", "%ld received", received), received);
    char *t = xasprintf(ngettext("%s, %ld sent", "%s, %ld sent", sent), r, sent);
    free(r);
    return t;
}

char *sync_conflicts_text(long conflicts)
{
    return xasprintf(ngettext("%ld concurrent edit resolved", "%ld concurrent edits resolved", conflicts), conflicts);
}
