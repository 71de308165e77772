/* The error every model/ function fills: a kind and a human message that
 * names the field, line or file to fix. Several messages (one per line) can
 * be gathered, so a form or an import reports all its problems at once. */
#ifndef CARNET_MODEL_ERROR_H
#define CARNET_MODEL_ERROR_H

#include <stddef.h>

enum error_code {
    ERR_OK = 0,
    ERR_INVALID = -1,     /* bad input: validation, unknown field or value */
    ERR_NOTFOUND = -2,    /* no such record, kind or file */
    ERR_DB = -3,          /* SQLite failed; the message says how */
    ERR_PERM = -4,        /* role or login does not allow it */
    ERR_VERSION = -5,     /* store from a newer carnet, or unusable schema */
    ERR_READONLY = -6,    /* store opened read-only */
    ERR_FULL = -7,        /* disk or quota full */
    ERR_BUSY = -8,        /* still locked after the retries */
    ERR_IO = -9,          /* file system */
    ERR_CORRUPT = -10,    /* the file is damaged or not a carnet store */
};

#define ERROR_MSG_MAX 4096
#define ERROR_FIELDS_MAX 64

struct error {
    int code;                  /* enum error_code; 0 while nothing failed */
    int count;                 /* how many messages were added */
    char msg[ERROR_MSG_MAX];   /* messages separated by '\n' */
    /* For each of the first ERROR_FIELDS_MAX lines: the field it is about
     * (a descriptor's name, static) or NULL, and where the text after the
     * field's label starts in that line. A form puts the line beside the
     * field from this, never by reading the words. */
    const char *field[ERROR_FIELDS_MAX];
    unsigned short body[ERROR_FIELDS_MAX];
};

void error_clear(struct error *e);
/* Sets code (when none is set yet) and appends one message line. Returns
 * code, so that `return error_add(e, ERR_INVALID, ...)` reads well. A NULL e
 * is accepted and ignored. */
int error_add(struct error *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* error_add for a message about one field of a record: the line reads
 * "Label: message" with the field's label translated (a person reads it, in
 * the CLI as in a form), and records name in e->field. */
int error_field(struct error *e, int code, const char *name, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The field of line n of e (0-based), or NULL; *body is set to the line's
 * text after the label. */
const char *error_line_field(const struct error *e, int n, size_t *body);

#endif
