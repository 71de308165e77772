/* The commands on records: add, edit, show, list, search, delete, restore,
 * erase, history. */
#include "cli/cli.h"
#include "model/format.h"
#include "model/history.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Sets each field=value argument on r; usage errors are gathered. */
static int set_pairs(struct record *r, int argc, char **argv, int first, struct error *err)
{
    for (int i = first; i < argc; i++)
        record_set_pair(r, argv[i], err);
    return err->code;
}

void cli_kind_help(const struct kind *k)
{
    cli_out("\n%s\n", _("Fields (FIELD=VALUE):"));
    for (int i = 0; i < k->nfields; i++) {
        const struct field *f = &k->fields[i];
        struct strbuf b;
        strbuf_init(&b);
        strbuf_addf(&b, "%s, %s", _(f->label), _(field_type_name(f->type)));
        if (f->flags & F_REQUIRED)
            strbuf_addf(&b, ", %s", _("required"));
        if ((f->type == FT_TEXT || f->type == FT_LONGTEXT) && f->max)
            strbuf_addf(&b, ngettext(", at most %d character", ", at most %d characters", f->max), f->max);
        if (f->type == FT_DATE)
            strbuf_adds(&b, _(", as YYYY-MM-DD or DD/MM/YYYY"));
        if (f->type == FT_REF)
            strbuf_addf(&b, _(", the name or id of a %s (see: carnet list %s)"), _(kind_find(f->ref)->label), f->ref);
        if (f->type == FT_SET && f->ref && strcmp(kind_set_key(kind_find(f->ref)), "id") == 0)
            strbuf_addf(&b, _(", names or ids of %s separated by commas (see: carnet list %s)"),
                        _(kind_find(f->ref)->plural), f->ref);
        else if (f->type == FT_SET && f->ref)
            strbuf_addf(&b, _(", codes separated by commas (see: carnet list %s)"), f->ref);
        cli_out("  %-22s %s\n", f->name, b.s);
        /* The choices as code (label), wrapped under the description. */
        strbuf_reset(&b);
        strbuf_adds(&b, _("choices:"));
        size_t col = 25 + utf8_length(b.s);
        for (const struct choice *ch = f->choices; ch && ch->code; ch++) {
            char *one = xasprintf("%s (%s)%s", ch->code, _(ch->label), ch[1].code ? "," : "");
            if (col + 1 + utf8_length(one) > 79) {
                strbuf_addf(&b, "\n  %-22s", "");
                col = 25;
            }
            strbuf_addf(&b, " %s", one);
            col += 1 + utf8_length(one);
            free(one);
        }
        if (f->choices)
            cli_out("  %-22s %s\n", "", b.s);
        strbuf_free(&b);
    }
}

int cmd_add(struct cli *c)
{
    int status = EXIT_OK;
    if (c->argc < 2)
        return cli_usage(c, "give a kind of record and field=value pairs, e.g. carnet add initiative title=\"Jardin partagé\" ...");
    const struct kind *k = cli_kind(c, c->argv[1], &status);
    if (!k)
        return status;
    struct record *r = record_new(k);
    struct error err;
    error_clear(&err);
    if (set_pairs(r, c->argc, c->argv, 2, &err) != 0) {
        record_free(r);
        cli_error("%s", err.msg);
        return EXIT_USAGE;
    }
    struct store *s = cli_open(c, 0, &status);
    if (s) {
        /* The defaults first, as in a form, then what was given over them
         * (a field given empty stays empty). */
        record_free(r);
        r = record_new(k);
        if (record_defaults(s, r, &err) != 0 || set_pairs(r, c->argc, c->argv, 2, &err) != 0)
            status = cli_fail(&err);
        else if (record_create(s, r, &err) != 0)
            status = cli_fail(&err);
        else
            cli_out("%s\n", r->id);
        store_close(s);
    }
    record_free(r);
    return status;
}

int cmd_edit(struct cli *c)
{
    int status = EXIT_OK;
    if (c->argc < 3)
        return cli_usage(c, "give an id and field=value pairs");
    struct store *s = cli_open(c, 0, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, c->argv[1], &err);
    if (!r) {
        status = cli_fail(&err);
    } else if (set_pairs(r, c->argc, c->argv, 2, &err) != 0) {
        cli_error("%s", err.msg);
        status = EXIT_USAGE;
    } else if (record_update(s, r, &err) != 0) {
        status = cli_fail(&err);
    }
    record_free(r);
    store_close(s);
    return status;
}

int cmd_show(struct cli *c)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'}, {0, 0, 0, 0}};
    enum output_format format = OUT_TEXT;
    int ch, status = EXIT_OK;
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        if (ch == 'f') {
            int f = cli_format(c, optarg, 1u << OUT_TEXT | 1u << OUT_JSON);
            if (f < 0)
                return EXIT_USAGE;
            format = (enum output_format)f;
        } else {
            return cli_usage(c, "unknown option %s", c->argv[optind - 1]);
        }
    }
    if (optind != c->argc - 1)
        return cli_usage(c, "give one record id");
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    struct record *r = record_load(s, c->argv[optind], &err);
    if (!r) {
        status = cli_fail(&err);
    } else if (format == OUT_JSON) {
        struct strbuf b;
        strbuf_init(&b);
        json_record(r, &b);
        strbuf_addc(&b, '\n');
        cli_data(stdout, b.s);
        strbuf_free(&b);
    } else {
        print_record_text(stdout, s, r);
    }
    record_free(r);
    store_close(s);
    return status;
}

int parse_list_opts(struct cli *c, struct list_opts *o, unsigned formats, bool kind_optional)
{
    static const struct option opts[] = {
        {"where", required_argument, NULL, 'w'}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},    {"limit", required_argument, NULL, 'l'},
        {"format", required_argument, NULL, 'f'}, {"sort", required_argument, NULL, 's'},
        {"asc", no_argument, NULL, 'a'},         {"desc", no_argument, NULL, 'd'},
        {"trash", no_argument, NULL, 'x'},       {"all", no_argument, NULL, 'A'},
        {"after", required_argument, NULL, 'N'}, {"output", required_argument, NULL, 'o'},
        {0, 0, 0, 0}};
    char *wheres[QUERY_MAX_WHERE + 1];
    int nwhere = 0, ch, dir = 0;
    memset(&o->q, 0, sizeof o->q);
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "o:", opts, NULL)) != -1) {
        switch (ch) {
        case 'w':
            if (nwhere == QUERY_MAX_WHERE)
                return cli_usage(c, "too many --where (at most %d)", QUERY_MAX_WHERE);
            wheres[nwhere++] = optarg;
            break;
        case 'F': o->q.from = optarg; break;
        case 'T': o->q.to = optarg; break;
        case 'l': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 0 || n > 100000000)
                return cli_usage(c, "--limit %s: give a whole number of 0 or more", optarg);
            o->q.limit = (int)n;
            break;
        }
        case 'f': {
            int f = cli_format(c, optarg, formats);
            if (f < 0)
                return EXIT_USAGE;
            o->format = (enum output_format)f;
            break;
        }
        case 's': o->q.sort = optarg; break;
        case 'a': dir = 1; break;
        case 'd': dir = -1; break;
        case 'x': o->q.deleted = Q_TRASH; break;
        case 'A': o->q.deleted = Q_ALL; break;
        case 'N': o->after = optarg; break;
        case 'o': o->output = optarg; break;
        default:
            return cli_usage(c, "unknown option or missing value: %s", c->argv[optind - 1]);
        }
    }
    int status = EXIT_OK;
    const struct kind *k = NULL;
    if (optind < c->argc) {
        k = cli_kind(c, c->argv[optind++], &status);
        if (!k)
            return status;
    } else if (!kind_optional) {
        cli_kind(c, NULL, &status);
        return status;
    }
    if (optind < c->argc)
        return cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
    if (!k) {
        if (nwhere || o->q.from || o->q.to || o->q.sort)
            return cli_usage(c, "filters need a kind of record");
        return EXIT_OK;
    }
    enum query_deleted deleted = o->q.deleted;
    struct query saved = o->q;
    query_init(&o->q, k);
    o->q.deleted = deleted;
    o->q.from = saved.from;
    o->q.to = saved.to;
    o->q.limit = saved.limit;
    o->q.sort = saved.sort;
    if (o->q.sort) {
        const struct field *f = kind_field(k, o->q.sort);
        o->q.ascending = !(f && f->type == FT_DATE);
    }
    if (dir)
        o->q.ascending = dir > 0;
    struct error err;
    error_clear(&err);
    for (int i = 0; i < nwhere; i++) {
        char *eq = strchr(wheres[i], '=');
        if (!eq)
            return cli_usage(c, "--where %s: expected field=value", wheres[i]);
        *eq = '\0';
        if (query_where_add(&o->q, wheres[i], eq + 1, &err) != 0) {
            cli_error("%s", err.msg);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

int cmd_list(struct cli *c)
{
    struct list_opts o = {.format = OUT_TABLE};
    int status = parse_list_opts(c, &o, 1u << OUT_TABLE | 1u << OUT_CSV | 1u << OUT_JSON, false);
    if (status != EXIT_OK || !o.q.kind)
        return status;
    /* list shows on the screen; a -o given to it must not look written. */
    if (o.output)
        return cli_usage(c, "list shows records on the screen and writes no file: to write %s, use carnet export %s -o %s",
                         o.output, o.q.kind->name, o.output);
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    struct record *cursor = NULL;
    if (o.after) {
        cursor = record_load(s, o.after, &err);
        if (!cursor || cursor->kind != o.q.kind) {
            store_close(s);
            record_free(cursor);
            return cli_usage(c, "--after %s: not the id of one of the %s", o.after, _(o.q.kind->plural));
        }
        o.q.after_id = cursor->id;
        o.q.after_value = query_sort_value(&o.q, cursor);
    }
    struct printer p = {.format = o.format, .out = stdout, .store = s, .kind = o.q.kind};
    printer_start(&p);
    int rc = query_run(s, &o.q, printer_fn, &p, &err);
    if (rc >= 0)
        printer_finish(&p);
    if (rc < 0) {
        status = cli_query_fail(c, &err);
    } else if (o.format == OUT_TABLE) {
        long total = query_count(s, &o.q, &err);
        cli_out(ngettext("(%d shown of %ld)\n", "(%d shown of %ld)\n", rc), rc, total);
    }
    record_free(cursor);
    store_close(s);
    return status;
}

int cmd_search(struct cli *c)
{
    static const struct option opts[] = {{"kind", required_argument, NULL, 'k'},
                                         {"limit", required_argument, NULL, 'l'},
                                         {"format", required_argument, NULL, 'f'},
                                         {0, 0, 0, 0}};
    const struct kind *k = NULL;
    int limit = 50, ch, status = EXIT_OK;
    enum output_format format = OUT_TABLE;
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        if (ch == 'k') {
            if (!(k = cli_kind(c, optarg, &status)))
                return status;
        } else if (ch == 'l') {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (!*optarg || *end || n < 0 || n > 100000000)
                return cli_usage(c, "--limit %s: give a whole number of 0 or more", optarg);
            limit = (int)n;
        } else if (ch == 'f') {
            int f = cli_format(c, optarg, 1u << OUT_TABLE | 1u << OUT_CSV | 1u << OUT_JSON);
            if (f < 0)
                return EXIT_USAGE;
            format = (enum output_format)f;
        } else {
            return cli_usage(c, "unknown option or missing value: %s", c->argv[optind - 1]);
        }
    }
    if (optind >= c->argc)
        return cli_usage(c, "give the words to search for");
    if (format == OUT_CSV && !k)
        return cli_usage(c, "CSV holds one kind of record: add --kind KIND");
    struct strbuf text;
    strbuf_init(&text);
    for (int i = optind; i < c->argc; i++)
        strbuf_addf(&text, "%s%s", i > optind ? " " : "", c->argv[i]);
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (s) {
        struct error err;
        error_clear(&err);
        struct printer p = {.format = format, .out = stdout, .store = s, .kind = k, .with_kind = true};
        printer_start(&p);
        int rc = search_run(s, text.s, k, limit, printer_fn, &p, &err);
        if (rc >= 0)
            printer_finish(&p);
        if (rc < 0)
            status = cli_fail(&err);
        store_close(s);
    }
    strbuf_free(&text);
    return status;
}

static int change_state(struct cli *c, int (*fn)(struct store *, const char *, struct error *))
{
    int status = EXIT_OK;
    if (c->argc != 2)
        return cli_usage(c, "give one record id");
    struct store *s = cli_open(c, 0, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    if (fn(s, c->argv[1], &err) != 0)
        status = cli_fail(&err);
    store_close(s);
    return status;
}

int cmd_delete(struct cli *c) { return change_state(c, record_delete); }
int cmd_restore(struct cli *c) { return change_state(c, record_restore); }

int cmd_erase(struct cli *c)
{
    bool yes = false;
    int n = 0;
    for (int i = 1; i < c->argc; i++) {
        if (strcmp(c->argv[i], "--yes") == 0)
            yes = true;
        else
            c->argv[++n] = c->argv[i];
    }
    c->argc = n + 1;
    if (!yes && isatty(STDIN_FILENO)) {
        cli_err("%s", _("Erase this record's personal data and notes for good? [y/N] "));
        char answer[16] = "";
        if (!fgets(answer, sizeof answer, stdin) || !strchr("yYoO", answer[0]))
            return EXIT_FAIL;
    }
    return change_state(c, record_erase);
}

static char *history_value(const struct field *f, const char *v, void *ctx)
{
    return format_value_text(ctx, f, v);
}

struct history_print {
    struct store *s;
    const struct kind *k;
};

static int print_history(const struct history_entry *h, void *ctx)
{
    const struct history_print *hp = ctx;
    char at[FORMAT_TIME_MAX];
    format_time_local(h->at, at);
    char *what = history_text(hp->k, h, history_value, hp->s);
    /* Each change on one line; the store may hold what a peer wrote. */
    char *login = utf8_sanitize(h->login, false), *line = utf8_sanitize(what, false);
    cli_out("%s  %-12s %s\n", at, login, line);
    free(what);
    free(line);
    free(login);
    return 0;
}

int cmd_history(struct cli *c)
{
    int status = EXIT_OK;
    if (c->argc != 2)
        return cli_usage(c, "give one record id");
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    struct history_print hp = {s, record_kind_of(s, c->argv[1])};
    if (!hp.k) {
        error_add(&err, ERR_NOTFOUND, "no record with id '%s'", c->argv[1]);
        status = cli_fail(&err);
    } else if (history_list(s, c->argv[1], print_history, &hp, &err) < 0) {
        status = cli_fail(&err);
    }
    store_close(s);
    return status;
}
