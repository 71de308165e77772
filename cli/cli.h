/* What the commands of the command line share: the store they work on, how
 * they report errors (one message on stderr, exit 1; usage errors exit 2)
 * and how they print records for people and for machines. */
#ifndef CARNET_CLI_H
#define CARNET_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "model/query.h"
#include "model/store.h"
#include "util/outfile.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
    char *db_path;          /* --db, CARNET_DB or the default */
    int argc;               /* the command's arguments, argv[0] is its name */
    char **argv;
};

struct command {
    const char *name;
    int (*run)(struct cli *c);
    const char *usage;      /* "KIND field=value..." */
    const char *summary;    /* one line */
    const char *help;       /* the options, one per line; may be NULL */
};

extern const struct command cli_commands[];

/* The one output path for people (cli/output.c). Everything a command
 * prints for a person to read (tables, details, messages, errors, help)
 * goes through these: the formatted text is cleaned by utf8_sanitize
 * (escape sequences dropped; C0 but newline and tab, DEL, C1, bidi controls
 * and invalid bytes shown as U+FFFD), since a record synced from a peer, a
 * store's name or the user's own typing may hold what drives a terminal.
 * Values that must stay on their line (a cell, a tab-separated field) are
 * cleaned into one line by the caller first. Machine formats (CSV, JSON)
 * go through cli_data, byte for byte. */
void cli_print(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define cli_out(...) cli_print(stdout, __VA_ARGS__)
#define cli_err(...) cli_print(stderr, __VA_ARGS__)
/* A progress line on stderr: a carriage return, then the cleaned text. */
void cli_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The exact bytes of a machine format (CSV, JSON), never cleaned. */
void cli_data(FILE *out, const char *s);
/* n bytes of a binary document (an xlsx workbook), as they are. */
void cli_data_bytes(FILE *out, const char *s, size_t n);

/* "carnet: message" on stderr, one line per line of msg. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints err and returns the exit status it deserves. */
int cli_fail(const struct error *err);
/* Prints the error of a refused query: a bad filter value (--where, --from,
 * --to, --sort) is a usage error (2), anything else a failure (1). */
int cli_query_fail(const struct cli *c, const struct error *err);
/* A usage error for command c: the message, then where to look; returns 2. */
int cli_usage(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the help of the command named argv[0] when --help is among the
 * arguments; returns true then. */
bool cli_wants_help(const struct cli *c);

/* Opens the store of c, printing the error; NULL on failure (*status set). */
struct store *cli_open(struct cli *c, unsigned flags, int *status);
/* The kind named by s, or NULL with a message that lists the kinds. */
const struct kind *cli_kind(const struct cli *c, const char *s, int *status);

enum output_format { OUT_TABLE, OUT_TEXT, OUT_CSV, OUT_JSON, OUT_XLSX };
/* Parses --format's argument; -1 (with a message) when it is not allowed. */
int cli_format(const struct cli *c, const char *s, unsigned allowed);

/* Opens -o FILE through util/outfile.h (a private temporary file renamed
 * into place when complete; never over the store of c or any other), or
 * stdout for NULL or "-"; NULL with a message (and *status set) on
 * failure. Close with cli_output_close: with ok, the file takes its name
 * and the exit status of the writing is returned; without, the temporary
 * file is removed and FILE is left as it was. */
struct cli_output {
    struct outfile file;
    FILE *f;
};
FILE *cli_output_open(struct cli_output *o, const struct cli *c, const char *path, int *status);
/* A workbook (--format xlsx) is binary: refused on a terminal, with a
 * usage message that asks for -o FILE.xlsx (EXIT_USAGE); EXIT_OK for a
 * file or a pipe. */
int cli_workbook_output(const struct cli *c, const char *path);
int cli_output_close(struct cli_output *o, const struct cli *c, bool ok);

/* Record output. A printer is started, fed records, then finished. */
struct printer {
    enum output_format format;
    FILE *out;
    struct store *store;
    const struct kind *kind;    /* NULL: records of several kinds (search) */
    long count;
    bool with_kind;             /* table: a KIND column */
    bool started;               /* the header is out (with the first record or at the end) */
};
/* Finish only after a successful walk: a query refused before its first row
 * then leaves the output empty, not a lone header. */
void printer_start(struct printer *p);
void printer_record(struct printer *p, const struct record *r);
void printer_finish(struct printer *p);
/* A record_fn that feeds a printer (ctx). */
int printer_fn(struct record *r, bool *keep, void *ctx);
/* One record in detail: labels, choice labels, names of references. */
void print_record_text(FILE *out, struct store *s, const struct record *r);
/* The fields of kind k for carnet add KIND --help: name, label, type,
 * required, limits and choices, from the descriptor, in the user's language. */
void cli_kind_help(const struct kind *k);

/* Options shared by list and export: --where (repeated), --from, --to,
 * --limit, --format, --sort, --asc/--desc, --trash, --all, --after, -o. */
struct list_opts {
    struct query q;
    enum output_format format;
    const char *after;
    const char *output;
};
int parse_list_opts(struct cli *c, struct list_opts *o, unsigned formats, bool kind_optional);

/* A sync's progress and summary on stderr (cli/cmd_sync.c), for carnet sync
 * and carnet hub sync. */
struct cli_sync_ui {
    bool tty;
    bool shown;
    double drawn;       /* sum->seconds of the last redraw */
};
struct sync_summary;
/* A sync_progress_fn (ctx: a struct cli_sync_ui): on a terminal only, from
 * the first second on, at most ten times a second. */
void cli_sync_progress(const struct sync_summary *sum, void *ctx);
/* "carnet:   received: 3 territories, 1 initiative" (or nothing). */
void cli_sync_counts(const char *label, const long *counts, long total);

#endif
