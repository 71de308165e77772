/* carnet browse: the timeline of the Browse screen (model/timeline.h) for
 * scripts and benchmarks: every logbook newest first with the same filters,
 * or with --count-by FIELD the frequency view of a column. */
#include "cli/cli.h"
#include "model/format.h"
#include "model/timeline.h"
#include "tui/text.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct browse_out {
    struct store *s;
    enum output_format format;
    const char *count_by;
    long n;
};

static int row_fn(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    struct browse_out *o = ctx;
    struct strbuf b;
    strbuf_init(&b);
    if (o->format == OUT_JSON) {
        if (o->n)
            cli_data(stdout, ",\n");
        json_record(r, &b);
        cli_data(stdout, b.s);
    } else {
        char *title = record_title(o->s, r);
        if (o->format == OUT_CSV) {
            const char *cells[] = {timeline_date(r), r->kind->name, r->id, title};
            for (int i = 0; i < 4; i++) {
                if (i)
                    strbuf_addc(&b, ',');
                csv_field(cells[i], &b);
            }
            strbuf_adds(&b, "\r\n");
            cli_data(stdout, b.s);
        } else {
            /* for people, as the Browse screen: a local date, the kind's label */
            char date[FORMAT_DATE_MAX];
            numdate_date_display(timeline_date(r), date);
            char *kind = tui_text_fit(_(r->kind->label), 10, TUI_ALIGN_LEFT);
            char *line = utf8_sanitize(title, false);
            cli_out("%-10s  %s  %s\n", date, kind, line);
            free(line);
            free(kind);
        }
        free(title);
    }
    strbuf_free(&b);
    o->n++;
    return 0;
}

static int count_fn(const char *value, long count, void *ctx)
{
    struct browse_out *o = ctx;
    if (o->format == OUT_CSV) {
        struct strbuf b;
        strbuf_init(&b);
        csv_field(value, &b);
        strbuf_addf(&b, ",%ld\r\n", count);
        cli_data(stdout, b.s);
        strbuf_free(&b);
    } else {
        char *shown = timeline_frequency_text(o->s, o->count_by, value);
        char *line = utf8_sanitize(shown, false);
        char n[64];
        format_count_text(count, n);
        char *num = tui_text_fit(n, 8, TUI_ALIGN_RIGHT);
        cli_out("%s  %s\n", num, line);
        free(num);
        free(line);
        free(shown);
    }
    o->n++;
    return 0;
}

int cmd_browse(struct cli *c)
{
    static const struct option opts[] = {
        {"where", required_argument, NULL, 'w'},  {"search", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'l'},  {"format", required_argument, NULL, 'f'},
        {"count-by", required_argument, NULL, 'c'}, {0, 0, 0, 0}};
    struct timeline_filter f = {{NULL}, NULL};
    const char *count_by = NULL;
    int limit = 50, ch;
    enum output_format format = OUT_TABLE;
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'w': {
            char *eq = strchr(optarg, '=');
            int i = -1;
            for (int k = 0; eq && k < TL_FILTERS; k++)
                if (strlen(timeline_fields[k]) == (size_t)(eq - optarg) &&
                    strncmp(timeline_fields[k], optarg, (size_t)(eq - optarg)) == 0)
                    i = k;
            if (i < 0)
                return cli_usage(c, "--where %s: expected FILTER=VALUE, a filter among from, to, logbook, centre, "
                                    "territory, qpv, facilitator, theme, criterion, status, body", optarg);
            f.value[i] = eq + 1;
            break;
        }
        case 's':
            f.text = optarg;
            break;
        case 'l':
            limit = atoi(optarg);
            if (limit < 0)
                return cli_usage(c, "--limit %s: expected a number (0: no limit)", optarg);
            break;
        case 'f': {
            int fm = cli_format(c, optarg, 1u << OUT_TABLE | 1u << OUT_CSV | 1u << OUT_JSON);
            if (fm < 0)
                return EXIT_USAGE;
            format = (enum output_format)fm;
            break;
        }
        case 'c':
            count_by = optarg;
            break;
        default:
            return cli_usage(c, "unknown option %s", c->argv[optind - 1]);
        }
    }
    if (optind != c->argc)
        return cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
    int status = EXIT_OK;
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    struct browse_out o = {s, format, count_by, 0};
    int rc;
    if (count_by) {
        if (format == OUT_CSV)
            cli_data(stdout, "value,count\r\n");
        rc = timeline_frequency(s, &f, count_by, count_fn, &o, &err);
    } else {
        if (format == OUT_JSON)
            cli_data(stdout, "[");
        else if (format == OUT_CSV)
            cli_data(stdout, "date,kind,id,title\r\n");
        rc = timeline_run(s, &f, NULL, NULL, false, false, limit, row_fn, &o, &err);
        if (format == OUT_JSON)
            cli_data(stdout, "]\n");
    }
    if (rc < 0)
        status = cli_query_fail(c, &err);
    store_close(s);
    return status;
}
