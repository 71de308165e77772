/* carnet report: the yearly report for funders (model/report.h) as text,
 * Markdown or CSV, on stdout or in a file. CARNET_TODAY pins the
 * production date (and "past due") for reproducible reports and tests. */
#include "cli/cli.h"
#include "model/hub.h"
#include "model/indicators.h"
#include "model/peer.h"
#include "model/report.h"
#include "model/format.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

int cmd_report(struct cli *c)
{
    static const struct option opts[] = {
        {"year", required_argument, NULL, 'y'},   {"centre", required_argument, NULL, 'c'},
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"compare", required_argument, NULL, 'C'}, {"dataset", required_argument, NULL, 'S'},
        {0, 0, 0, 0}};
    char today[11];
    store_today(today);
    struct report_opts ro = {.year = atoi(today), .format = REPORT_TEXT, .label_column = format_label_column()};
    const char *centre = NULL, *output = NULL, *dataset = NULL;
    /* --db URI of a hub: the federation's report, computed by the hub. */
    const char *hub_uri = peer_is_hub(c->db_path) ? c->db_path : NULL;
    int ch;
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "o:", opts, NULL)) != -1) {
        switch (ch) {
        case 'y':
        case 'C': {
            if (ch == 'C' && strcmp(optarg, "none") == 0) {
                ro.compare = -1;
                break;
            }
            char *end;
            long y = strtol(optarg, &end, 10);
            if ((*end || end == optarg || y < 1900 || y > 2200) && ch == 'C')
                return cli_usage(c, "--compare %s: expected a year such as %.4s, or none", optarg, today);
            if (*end || end == optarg || y < 1900 || y > 2200)
                return cli_usage(c, "--year %s: expected a year such as %.4s", optarg, today);
            if (ch == 'C')
                ro.compare = (int)y;
            else
                ro.year = (int)y;
            break;
        }
        case 'c':
            centre = optarg;
            break;
        case 'f': {
            const struct report_format_desc *fd = report_format_by_name(optarg);
            if (!fd)
                return cli_usage(c, "--format %s: expected one of text, markdown, csv, html, xlsx", optarg);
            ro.format = fd->format;
            break;
        }
        case 'o':
            output = optarg;
            break;
        case 'S':
            dataset = optarg;
            break;
        default:
            return cli_usage(c, "unknown option %s", c->argv[optind - 1]);
        }
    }
    if (optind != c->argc)
        return cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
    if (dataset && !hub_uri)
        return cli_usage(c, "--dataset is for the report of a federation hub: give the hub's address with --db URI");
    uuid_t u;
    if (dataset && uuid_parse(dataset, u) != 0)
        return cli_usage(c, "--dataset %s: expected a dataset's id, as carnet hub status lists them", dataset);
    int status = ro.format == REPORT_XLSX ? cli_workbook_output(c, output) : EXIT_OK;
    if (status != EXIT_OK)
        return status;
    struct error err;
    error_clear(&err);
    struct strbuf b;
    strbuf_init(&b);
    ro.today = today;
    struct store *s = NULL;
    char *centre_id = NULL;
    int rc;
    if (hub_uri) {
        /* The federation's report: computed by the hub, no store opened. */
        struct hub *h = hub_open(hub_uri, true, &err);
        rc = h ? hub_report(h, &ro, dataset, centre, &b, &err) : err.code;
        hub_close(h);
    } else {
        if (!(s = cli_open(c, STORE_READONLY, &status))) {
            strbuf_free(&b);
            return status;
        }
        if (centre && !(centre_id = ind_centre_id(s, centre, &err)))
            rc = err.code ? err.code : -1;
        else {
            ro.centre = centre_id;
            rc = report_write(s, &ro, &b, &err);
        }
    }
    if (rc != 0) {
        status = cli_fail(&err);
    } else {
        /* Nothing is written until the whole report is ready. */
        struct cli_output co;
        FILE *out = cli_output_open(&co, c, output, &status);
        if (out) {
            /* Text and Markdown are for people; CSV for a spreadsheet. */
            if (ro.format == REPORT_XLSX)
                cli_data_bytes(out, b.s, b.len);
            else if (ro.format == REPORT_CSV || ro.format == REPORT_HTML)
                cli_data(out, b.s);
            else
                cli_print(out, "%s", b.s);
            status = cli_output_close(&co, c, true);
        }
    }
    strbuf_free(&b);
    free(centre_id);
    if (s)
        store_close(s);
    return status;
}
