/* The sync wire: a magic line, then frames of u32 big-endian length + u8
 * type with hard size limits, and the codecs of their payloads (hello,
 * want, rows, ack, error, bye). Rows travel as kind + id + (column, clock,
 * typed value) lists, so the other end need not be SQLite. No SQL here. */
#ifndef CARNET_MODEL_SYNC_WIRE_H
#define CARNET_MODEL_SYNC_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/error.h"
#include "model/kind.h"
#include "model/store.h"

#define SYNC_MAGIC "CARNET-SYNC "      /* followed by the major version and '\n' */
#define SYNC_PROTO_MAJOR 1
#define SYNC_PROTO_MIN 1                /* the range this carnet speaks */
#define SYNC_PROTO_MAX 1
#define SYNC_BANNER_MAX (64 * 1024)     /* bytes skipped before the magic line */
#define SYNC_FRAME_MAX (16u << 20)      /* a whole frame, type byte included */
#define SYNC_STRING_MAX (1u << 20)      /* one string or text value */
#define SYNC_ROWS_MAX 10000             /* rows in one frame */
#define SYNC_CELLS_MAX 256              /* columns in one row */
#define SYNC_BATCH_BYTES (4u << 20)     /* a sender closes a batch past this */

enum sync_frame_type {
    SF_HELLO = 1, SF_WANT = 2, SF_ROWS = 3, SF_ACK = 4, SF_ERROR = 5, SF_BYE = 6,
};

/* A typed value, as on the wire. */
enum sync_value_type { SV_NULL = 0, SV_INT = 1, SV_REAL = 2, SV_TEXT = 3 };
struct sync_value {
    uint8_t type;
    int64_t i;
    double r;
    char *s;        /* SV_TEXT: owned, NUL-terminated, valid UTF-8 */
    uint32_t n;     /* its length in bytes */
};

/* The columns of a kind as sync sees them: created_at, created_by,
 * updated_at, updated_by, deleted, then the fields. Columns sharing a clock
 * form a group: (created_at, created_by), (updated_at, updated_by),
 * (deleted), then one group per field. */
#define SYNC_FIXED_COLS 5
#define SYNC_FIXED_GROUPS 3
int sync_ncols(const struct kind *k);
int sync_ngroups(const struct kind *k);
int sync_col_group(int col);
const char *sync_col_name(const struct kind *k, int col);
/* The clock column of a group ("created_clk", "title_clk"); static storage per kind. */
void sync_group_clock_name(const struct kind *k, int group, char *out, size_t size);
int sync_col_find(const struct kind *k, const char *name);

/* One row: all its columns with their group clocks. has_clk[g] false: that
 * group has no clock (a field added after the row was written) and its
 * columns are not sent. */
struct sync_row {
    const struct kind *kind;
    char id[37];
    int64_t seq;                      /* the sender's row_seq (not sent) */
    struct sync_value *val;           /* sync_ncols(kind) */
    unsigned char (*clk)[CLOCK_SIZE]; /* sync_ngroups(kind) */
    bool *has_clk;
};

struct sync_batch {
    int64_t last_seq;     /* the sender's change number this batch reaches */
    bool more;            /* another batch follows */
    int nrows, cap;
    struct sync_row *rows;
    size_t bytes;         /* encoded size so far (senders) */
};

void sync_row_init(struct sync_row *r, const struct kind *k);
void sync_row_clear(struct sync_row *r);
void sync_value_clear(struct sync_value *v);
/* A new row appended to b, initialised for kind k. */
struct sync_row *sync_batch_add(struct sync_batch *b, const struct kind *k);
void sync_batch_clear(struct sync_batch *b);   /* frees the rows, keeps nothing */

/* The clock's HLC part (milliseconds << 16 | logical). */
uint64_t sync_clock_hlc(const unsigned char clk[CLOCK_SIZE]);

/* ---- buffers ---- */
struct wbuf {
    unsigned char *p;
    size_t len, cap;
};
void wbuf_free(struct wbuf *w);
void wbuf_u8(struct wbuf *w, uint8_t v);
void wbuf_u16(struct wbuf *w, uint16_t v);
void wbuf_u32(struct wbuf *w, uint32_t v);
void wbuf_u64(struct wbuf *w, uint64_t v);
void wbuf_bytes(struct wbuf *w, const void *p, size_t n);
void wbuf_str(struct wbuf *w, const char *s);   /* u32 length + bytes */

/* ---- payloads ---- */
enum { SYNC_HELLO_CLONE = 1u << 0 };
struct sync_hello {
    uint16_t proto_min, proto_max;
    uint32_t schema;
    uint32_t flags;
    char dataset[37], site[37];
    uint64_t hlc;          /* the sender's clock: no clock it sends is above it */
    int64_t now_ms;        /* the sender's wall clock */
};
void sync_hello_encode(struct wbuf *w, const struct sync_hello *h);
int sync_hello_decode(const unsigned char *p, size_t n, struct sync_hello *h, struct error *err);
void sync_u64_encode(struct wbuf *w, uint64_t v);          /* want, ack */
int sync_u64_decode(const unsigned char *p, size_t n, uint64_t *v, struct error *err);
void sync_text_encode(struct wbuf *w, const char *msg);    /* error, bye */
/* A copy of the text (control characters replaced), or NULL on a bad payload. */
char *sync_text_decode(const unsigned char *p, size_t n);
/* Rows: the batch's last_seq, more, the rows. */
void sync_rows_encode_head(struct wbuf *w, int64_t last_seq, bool more, int nrows);
void sync_row_encode(struct wbuf *w, const struct sync_row *r);
/* Decodes a rows payload into b (cleared first). Every value is checked
 * against its field's type; a kind or column this carnet does not know is
 * refused. */
int sync_rows_decode(const unsigned char *p, size_t n, struct sync_batch *b, struct error *err);

/* ---- streams ---- */
struct sync_stream {
    int in, out;                       /* file descriptors; -1 when unused */
    const unsigned char *mem;          /* or read from memory (fuzzing) */
    size_t mem_len, mem_pos;
    unsigned char buf[65536];
    size_t blen, bpos;
    uint64_t bytes_in, bytes_out;
    const char *peer;                  /* names the other end in messages */
};
void sync_stream_fd(struct sync_stream *st, int in, int out, const char *peer);
void sync_stream_mem(struct sync_stream *st, const void *p, size_t n);

int sync_write_magic(struct sync_stream *st, struct error *err);
/* Skips up to SYNC_BANNER_MAX bytes (a login banner) to the magic line and
 * checks its major version. */
int sync_read_magic(struct sync_stream *st, struct error *err);
int sync_write_frame(struct sync_stream *st, uint8_t type, const struct wbuf *payload, struct error *err);
/* Reads one frame; *payload (owned by the caller, free it) gets its bytes. */
int sync_read_frame(struct sync_stream *st, uint8_t *type, unsigned char **payload, size_t *n, struct error *err);

#endif
