/* The commands that move data in bulk: export, import, demo. */
#include "cli/cli.h"
#include "model/demo.h"
#include "model/export.h"
#include "model/import.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

FILE *cli_output_open(struct cli_output *o, const struct cli *c, const char *path, int *status)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0)
        return o->f = stdout;
    if (outfile_open(&o->file, path, c->db_path) != 0) {
        cli_error("%s", o->file.error);
        *status = EXIT_FAIL;
        return NULL;
    }
    return o->f = o->file.f;
}

int cli_workbook_output(const struct cli *c, const char *path)
{
    if (!path && isatty(STDOUT_FILENO))
        return cli_usage(c, "--format xlsx writes a workbook: give its file with -o FILE.xlsx");
    return EXIT_OK;
}

int cli_output_close(struct cli_output *o, const struct cli *c, bool ok)
{
    if (o->f == stdout)
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
    if (!ok) {
        outfile_abort(&o->file);
        return EXIT_FAIL;
    }
    if (outfile_commit(&o->file, c->db_path) != 0) {
        cli_error("%s", o->file.error);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int export_kind(struct store *s, struct query *q, enum output_format format, FILE *out, struct error *err)
{
    struct printer p = {.format = format, .out = out, .store = s, .kind = q->kind};
    printer_start(&p);
    int rc = query_run(s, q, printer_fn, &p, err);
    if (rc >= 0)
        printer_finish(&p);
    return rc < 0 ? rc : 0;
}

/* export KIND --format xlsx: the workbook is made whole in memory, then
 * written, so a failed query leaves no half file. */
static int export_workbook(struct cli *c, struct list_opts *o)
{
    if (!o->q.kind)
        return cli_usage(c, "a workbook holds one kind of record: give a KIND (or --format json for every kind)");
    int status = cli_workbook_output(c, o->output);
    if (status != EXIT_OK)
        return status;
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    struct strbuf b;
    strbuf_init(&b);
    if (export_xlsx_query(s, &o->q, &b, &err) != 0) {
        status = cli_query_fail(c, &err);
    } else {
        struct cli_output co;
        FILE *out = cli_output_open(&co, c, o->output, &status);
        if (out) {
            cli_data_bytes(out, b.s, b.len);
            status = cli_output_close(&co, c, true);
        }
    }
    strbuf_free(&b);
    store_close(s);
    return status;
}

int cmd_export(struct cli *c)
{
    struct list_opts o = {.format = OUT_CSV};
    int status = parse_list_opts(c, &o, 1u << OUT_CSV | 1u << OUT_JSON | 1u << OUT_XLSX, true);
    if (status != EXIT_OK)
        return status;
    if (o.format == OUT_XLSX)
        return export_workbook(c, &o);
    if (!o.q.kind && o.format == OUT_CSV && !o.output)
        return cli_usage(c, "CSV holds one kind of record: give a KIND, or a folder with -o DIR for every kind");
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    if (o.q.kind) {
        struct cli_output co;
        FILE *out = cli_output_open(&co, c, o.output, &status);
        if (out) {
            if (export_kind(s, &o.q, o.format, out, &err) != 0)
                status = cli_query_fail(c, &err);
            int closed = cli_output_close(&co, c, status == EXIT_OK);
            if (status == EXIT_OK)
                status = closed;
        }
    } else if (o.format == OUT_CSV) {
        /* Every kind, one file each, in the order an import needs them. */
        struct stat st;
        if (mkdir(o.output, 0700) != 0 && errno != EEXIST) {
            cli_error("cannot create the folder %s: %s", o.output, strerror(errno));
            status = EXIT_FAIL;
        } else if (stat(o.output, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error("%s is not a folder; CSV of every kind is written as one file per kind into a folder: "
                      "give a new or existing folder with -o DIR", o.output);
            status = EXIT_FAIL;
        }
        for (int i = 0; status == EXIT_OK && kinds[i]; i++) {
            char *path = xasprintf("%s/%s.csv", o.output, kinds[i]->name);
            struct cli_output co;
            FILE *out = cli_output_open(&co, c, path, &status);
            if (out) {
                struct query q;
                query_init(&q, kinds[i]);
                q.deleted = o.q.deleted;
                if (export_kind(s, &q, OUT_CSV, out, &err) != 0)
                    status = cli_fail(&err);
                int closed = cli_output_close(&co, c, status == EXIT_OK);
                if (status == EXIT_OK)
                    status = closed;
            }
            free(path);
        }
    } else {
        /* JSON of every kind: an object of arrays keyed by kind. */
        struct cli_output co;
        FILE *out = cli_output_open(&co, c, o.output, &status);
        if (out) {
            cli_data(out, "{");
            for (int i = 0; status == EXIT_OK && kinds[i]; i++) {
                cli_data(out, i ? ",\n\"" : "\n\"");
                cli_data(out, kinds[i]->name);
                cli_data(out, "\": ");
                struct query q;
                query_init(&q, kinds[i]);
                q.deleted = o.q.deleted;
                if (export_kind(s, &q, OUT_JSON, out, &err) != 0)
                    status = cli_fail(&err);
            }
            cli_data(out, "}\n");
            int closed = cli_output_close(&co, c, status == EXIT_OK);
            if (status == EXIT_OK)
                status = closed;
        }
    }
    store_close(s);
    return status;
}

/* Reads a whole file (at most 256 MiB) into memory. */
static char *read_file(const char *path, size_t *len, int *status)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        *status = EXIT_FAIL;
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            if (cap >= (size_t)256 << 20) {
                cli_error("%s is larger than 256 MiB; split it into several files", path);
                *status = EXIT_FAIL;
                free(buf);
                if (f != stdin)
                    fclose(f);
                return NULL;
            }
            buf = xrealloc(buf, cap *= 2);
        }
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

/* "N created, N updated, N unchanged" (for --qpv: "N territories added"),
 * each count with its plural. */
static void say_counts(const char *path, const struct import_result *res, bool qpv)
{
    int n = res->created;
    char *added = qpv ? xasprintf(ngettext("%d territory added", "%d territories added", n), n)
                      : xasprintf(ngettext("%d created", "%d created", n), n);
    char *updated = xasprintf(ngettext("%d updated", "%d updated", res->updated), res->updated);
    char *same = xasprintf(ngettext("%d unchanged", "%d unchanged", res->unchanged), res->unchanged);
    cli_err(_("carnet: %s: %s, %s, %s\n"), path, added, updated, same);
    free(added);
    free(updated);
    free(same);
}

int cmd_import(struct cli *c)
{
    int status = EXIT_OK;
    /* import territory --qpv FILE: ANCT's list of priority neighbourhoods. */
    bool qpv = c->argc == 4 && strcmp(c->argv[2], "--qpv") == 0;
    if (c->argc != 3 && !qpv)
        return cli_usage(c, "give a kind of record and a CSV file, e.g. carnet import initiative initiatives.csv");
    const struct kind *k = cli_kind(c, c->argv[1], &status);
    if (!k)
        return status;
    if (qpv && strcmp(k->name, "territory") != 0)
        return cli_usage(c, "--qpv reads the list of QPV into territories: carnet import territory --qpv FILE.csv");
    const char *path = c->argv[qpv ? 3 : 2];
    size_t len = 0;
    char *data = read_file(path, &len, &status);
    if (!data)
        return status;
    struct store *s = cli_open(c, 0, &status);
    if (s) {
        struct error err;
        error_clear(&err);
        struct import_result res;
        if ((qpv ? import_qpv(s, data, len, &res, &err) : import_csv(s, k, data, len, &res, &err)) != 0) {
            cli_error("%s: nothing was imported:\n%s", path, err.msg);
            status = EXIT_FAIL;
        } else {
            say_counts(path, &res, qpv);
        }
        store_close(s);
    }
    free(data);
    return status;
}

struct progress {
    struct timespec start;
    bool shown;
};

static void demo_progress(long done, long total, void *ctx)
{
    struct progress *p = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (double)(now.tv_sec - p->start.tv_sec) + (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
    if (elapsed < 1.0 || !isatty(STDERR_FILENO))
        return;
    cli_progress("%s %ld / %ld", _("demo:"), done, total);
    p->shown = true;
}

int cmd_demo(struct cli *c)
{
    static const struct option opts[] = {{"records", required_argument, NULL, 'r'},
                                         {"seed", required_argument, NULL, 's'},
                                         {0, 0, 0, 0}};
    long records = 2000;
    unsigned long seed = 1;
    int ch, status = EXIT_OK;
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        char *end;
        if (ch == 'r') {
            records = strtol(optarg, &end, 10);
            if (*end || records < 0 || records > 100000000)
                return cli_usage(c, "--records %s: give a whole number of 0 or more", optarg);
        } else if (ch == 's') {
            seed = strtoul(optarg, &end, 10);
            if (*end)
                return cli_usage(c, "--seed %s: give a whole number", optarg);
        } else {
            return cli_usage(c, "unknown option or missing value: %s", c->argv[optind - 1]);
        }
    }
    if (optind != c->argc)
        return cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
    struct store *s = cli_open(c, STORE_CREATE, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    struct progress p = {.shown = false};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    int rc = demo_generate(s, records, seed, demo_progress, &p, &err);
    if (p.shown)
        cli_err("\n");
    if (rc != 0)
        status = cli_fail(&err);
    else
        cli_err(_("carnet: %ld demo records added to %s\n"), records, store_path(s));
    store_close(s);
    return status;
}
