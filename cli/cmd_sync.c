/* carnet sync and carnet clone: the transports (another store file through
 * a socketpair and a forked server; a remote store through ssh running
 * `carnet sync --serve`), the summary and progress on stderr, and the list
 * of conflicts kept for review. The protocol itself is model/sync. */
#include "cli/cli.h"
#include "model/format.h"
#include "model/hub.h"
#include "model/peer.h"
#include "model/record.h"
#include "model/sync.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct transport {
    pid_t pid;
    int in, out;
    bool remote;
    struct peer_proc ssh;
};

/* Starts the other side: ssh (model/peer), or a forked server on the
 * store file. */
static int transport_start(const struct peer *peer, struct transport *t, struct error *err)
{
    memset(t, 0, sizeof *t);
    t->remote = peer->type == PEER_SSH;
    if (t->remote) {
        fflush(NULL);
        if (peer_ssh_start(peer, -1, &t->ssh, err) != 0)
            return err->code;
        t->in = t->ssh.in;
        t->out = t->ssh.out;
        return 0;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return error_add(err, ERR_IO, "cannot connect the two stores: %s", strerror(errno));
    fflush(NULL);
    t->pid = fork();
    if (t->pid == 0) {
        /* The server: its own connection to the peer file (never one
         * inherited across fork). Its errors go to the client, framed. */
        close(sv[0]);
        struct error e;
        error_clear(&e);
        struct store *s = store_open(peer->path, 0, &e);
        int rc;
        if (s) {
            rc = sync_serve(s, sv[1], sv[1], NULL, NULL, &e);
            store_close(s);
        } else {
            rc = sync_serve_refuse(sv[1], &e);
        }
        _exit(rc == 0 ? 0 : 1);
    }
    close(sv[1]);
    if (t->pid < 0) {
        close(sv[0]);
        return error_add(err, ERR_IO, "cannot start the sync: %s", strerror(errno));
    }
    t->in = t->out = sv[0];
    return 0;
}

/* Closes our ends and waits for the other side; its failure is ours when
 * we did not fail first. */
static int transport_end(struct transport *t, int rc, struct error *err)
{
    if (t->remote)
        return peer_ssh_end(&t->ssh, rc, err);
    close(t->in);
    int status = 0;
    while (waitpid(t->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        rc = error_add(err, ERR_IO, "the other side of the sync failed at the end (%s)", "server");
    return rc;
}

/* ---- what the user sees ---- */

/* On a terminal only (never into a file or a pipe), from the first second
 * on, at most ten times a second: the phase, the counts and the rate. */
void cli_sync_progress(const struct sync_summary *sum, void *ctx)
{
    struct cli_sync_ui *ui = ctx;
    if (!ui->tty || sum->seconds < 1.0 || (ui->shown && sum->seconds - ui->drawn < 0.1))
        return;
    ui->drawn = sum->seconds;
    double rate = (double)(sum->received_total + sum->sent_total) / sum->seconds;
    char *counts = sync_counts_text(sum->received_total, sum->sent_total);
    cli_progress(_("carnet: %s... %s (%.0f records/s)   "), sum->phase == SYNC_SENDING ? _("sending") : _("receiving"),
                 counts, rate);
    free(counts);
    ui->shown = true;
}

void cli_sync_counts(const char *label, const long *counts, long total)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; kinds[i]; i++)
        if (counts[i])
            strbuf_addf(&b, "%s%ld %s", b.len ? ", " : "", counts[i], counts[i] == 1 ? _(kinds[i]->label) : _(kinds[i]->plural));
    cli_err(_("carnet:   %s %s\n"), label, total ? b.s : _("nothing"));
    strbuf_free(&b);
}

static void print_summary(const char *peer, const struct sync_summary *sum, struct cli_sync_ui *ui)
{
    if (ui->shown)
        cli_err("\n");
    cli_err(_("carnet: synced with %s in %.2f s\n"), peer, sum->seconds);
    cli_sync_counts(_("received:"), sum->received, sum->received_total);
    cli_sync_counts(_("sent:"), sum->sent, sum->sent_total);
    if (sum->conflicts) {
        char *resolved = sync_conflicts_text(sum->conflicts);
        cli_err(_("carnet:   %s; the values that lost are kept (see: carnet sync --conflicts)\n"), resolved);
        free(resolved);
    }
}

/* The store this sync works on: the user's, or a new one for a clone (of
 * the dataset given, for a hub). */
static struct store *client_store(struct cli *c, const char *clone_path, const char *dataset, struct error *err)
{
    if (!clone_path)
        return store_open(c->db_path, 0, err);
    struct store *s = sync_clone_prepare(clone_path, err);
    if (s && dataset && sync_clone_join(s, dataset, err) != 0) {
        store_close(s);
        sync_clone_discard(clone_path);
        return NULL;
    }
    return s;
}

static int run_sync(struct cli *c, const char *peer, const char *clone_path, const char *dataset, int batch)
{
    signal(SIGPIPE, SIG_IGN);
    struct error err;
    error_clear(&err);
    struct peer pp;
    if (peer_parse(peer, &pp, &err) != 0)
        return cli_fail(&err);
    bool hub = pp.type == PEER_HUB || (pp.type == PEER_SSH && peer_is_hub(pp.path));
    if (clone_path && hub != (dataset != NULL)) {
        peer_free(&pp);
        return cli_usage(c, hub ? "a clone from a hub needs the dataset: --dataset ID (carnet hub status URI lists them)"
                                : "--dataset is for a clone from a hub; a store holds one dataset");
    }
    /* Messages, the summary and sync_peer never hold a password. */
    char *shown = peer_display(peer);
    struct transport t = {0};
    int rc = pp.type == PEER_HUB ? 0 : transport_start(&pp, &t, &err);
    bool direct = pp.type == PEER_HUB;
    peer_free(&pp);
    if (rc != 0) {
        free(shown);
        return cli_fail(&err);
    }
    struct store *s = client_store(c, clone_path, dataset, &err);
    struct cli_sync_ui ui = {isatty(2), false, 0};
    struct sync_opts o = {.batch_rows = batch, .address = shown, .clone = clone_path != NULL,
                          .progress = cli_sync_progress, .ctx = &ui};
    struct sync_summary sum;
    memset(&sum, 0, sizeof sum);
    if (direct)
        rc = s ? hub_sync_uri(s, peer, &o, &sum, &err) : err.code;
    else
        rc = transport_end(&t, s ? sync_client(s, t.in, t.out, &o, &sum, &err) : err.code, &err);
    if (s)
        store_close(s);
    if (rc != 0) {
        if (ui.shown)
            cli_err("\n");
        if (clone_path && s)
            sync_clone_discard(clone_path);
        free(shown);
        return cli_fail(&err);
    }
    print_summary(shown, &sum, &ui);
    if (clone_path)
        cli_err(_("carnet: %s is a new replica of %s; sync them with: carnet --db %s sync %s\n"), clone_path, shown,
                clone_path, shown);
    free(shown);
    return EXIT_OK;
}

/* A value of a conflict as a person reads it: a choice by its label, an
 * empty value as "(empty)"; other values as they are stored. */
/* A conflict's value as people read it (labels, local dates and numbers,
 * names for references); "(empty)" for none. The caller frees it. */
static char *conflict_value(struct store *s, const struct field *f, const char *v)
{
    return v && *v ? format_value_text(s, f, v) : xstrdup(_("(empty)"));
}

/* The conflicts kept: in words for people (when, the record by its kind
 * and title, the field by its label, the value that lost and the one kept),
 * or tab-separated with codes for scripts (tsv). Either way each line is
 * cleaned as a whole: the values may come from any replica. */
static void print_conflicts(struct store *s, bool tsv, struct error *err)
{
    struct sync_conflict *list;
    int n;
    if (sync_conflicts(s, 0, &list, &n, err) != 0)
        return;
    for (int i = 0; i < n; i++) {
        const struct sync_conflict *c = &list[i];
        char *line;
        if (tsv) {
            char *at = utf8_sanitize(c->at, false), *rec = utf8_sanitize(c->rec_id, false);
            char *losing = utf8_sanitize(c->losing_value, false), *winning = utf8_sanitize(c->winning_value, false);
            line = xasprintf("%lld\t%s\t%s\t%s\t%s\t%s\t%s", (long long)c->id, at, c->kind->name, rec, c->field->name,
                             losing, winning);
            free(at);
            free(rec);
            free(losing);
            free(winning);
        } else {
            char when[FORMAT_TIME_MAX];
            format_time_local(c->at, when);
            struct record *r = record_load(s, c->rec_id, NULL);
            char *title = r ? record_title(s, r) : format_missing_record(c->kind);
            record_free(r);
            char *losing = conflict_value(s, c->field, c->losing_value);
            char *winning = conflict_value(s, c->field, c->winning_value);
            char *raw = xasprintf(_("%s  %s \"%s\", %s: \"%s\" lost, value kept: \"%s\""), when, _(c->kind->label),
                                  title, _(c->field->label), losing, winning);
            line = utf8_sanitize(raw, false);
            free(raw);
            free(losing);
            free(winning);
            free(title);
        }
        cli_out("%s\n", line);
        free(line);
    }
    if (!n)
        cli_err("%s\n", _("carnet: no conflicts kept"));
    sync_conflicts_free(list, n);
}

static void print_peers(struct store *s, struct error *err)
{
    struct sync_peer_info *p;
    int n;
    if (sync_peers(s, &p, &n, err) != 0)
        return;
    for (int i = 0; i < n; i++) {
        char *site = utf8_sanitize(p[i].site_id, false), *address = utf8_sanitize(p[i].address, false);
        char *at = utf8_sanitize(p[i].last_sync_at ? p[i].last_sync_at : _("never"), false);
        cli_out("%s\t%s\t%s\t%ld\n", site, address, at, p[i].waiting);
        free(site);
        free(address);
        free(at);
    }
    sync_peers_free(p, n);
}

/* --conflicts in words, --conflicts tsv (id, when, kind, record id, field,
 * losing value, current value) or --peers (site, address, last sync,
 * changes waiting), tab-separated. */
static int list_state(struct cli *c, bool conflicts, bool tsv)
{
    int status = EXIT_OK;
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    if (conflicts)
        print_conflicts(s, tsv, &err);
    else
        print_peers(s, &err);
    if (err.code)
        status = cli_fail(&err);
    store_close(s);
    return status;
}

static int serve(const char *path)
{
    signal(SIGPIPE, SIG_IGN);
    struct error err;
    error_clear(&err);
    int rc;
    if (peer_is_hub(path)) {
        struct hub *h = hub_open(path, true, &err);
        rc = h ? hub_serve(h, 0, 1, &err) : sync_serve_refuse(1, &err);
        hub_close(h);
    } else {
        struct store *s = store_open(path, 0, &err);
        rc = s ? sync_serve(s, 0, 1, NULL, NULL, &err) : sync_serve_refuse(1, &err);
        store_close(s);
    }
    if (rc != 0) {
        char *shown = peer_display(path);
        cli_error("(serving %s) %s", shown, err.msg);
        free(shown);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_sync(struct cli *c)
{
    static const struct option opts[] = {{"serve", required_argument, NULL, 's'},
                                         {"batch", required_argument, NULL, 'b'},
                                         {"conflicts", optional_argument, NULL, 'c'},
                                         {"peers", no_argument, NULL, 'p'},
                                         {0, 0, 0, 0}};
    const char *serve_path = NULL;
    int ch, batch = 0;
    bool conflicts = false, peers = false;
    const char *conflicts_format = NULL;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        if (ch == 's')
            serve_path = optarg;
        else if (ch == 'b' && (batch = atoi(optarg)) > 0 && batch <= 5000)
            continue;
        else if (ch == 'c')
            conflicts = true, conflicts_format = optarg;
        else if (ch == 'p')
            peers = true;
        else
            return cli_usage(c, "unknown option or bad value: %s", c->argv[optind - 1]);
    }
    if (serve_path)
        return optind == c->argc ? serve(serve_path) : cli_usage(c, "--serve takes only the store's path");
    if (conflicts && !conflicts_format && optind < c->argc &&
        (strcmp(c->argv[optind], "tsv") == 0 || strcmp(c->argv[optind], "text") == 0))
        conflicts_format = c->argv[optind++];   /* --conflicts tsv */
    if (conflicts_format && strcmp(conflicts_format, "tsv") != 0 && strcmp(conflicts_format, "text") != 0)
        return cli_usage(c, "--conflicts takes text (the default) or tsv, not '%s'", conflicts_format);
    if (conflicts || peers)
        return optind == c->argc ? list_state(c, conflicts, conflicts_format && strcmp(conflicts_format, "tsv") == 0)
                                 : cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
    if (optind + 1 != c->argc)
        return cli_usage(c, "give one peer: another store's file, or [user@]host:PATH");
    return run_sync(c, c->argv[optind], NULL, NULL, batch);
}

int cmd_clone(struct cli *c)
{
    /* By hand rather than getopt: a peer may begin with '-' and must then
     * reach the peer layer's message, not be taken for an option. */
    const char *dataset = NULL, *centre = NULL, *ops[2];
    int nops = 0;
    bool options = true;
    for (int i = 1; i < c->argc; i++) {
        const char *a = c->argv[i];
        if (options && strcmp(a, "--") == 0)
            options = false;
        else if (options && strcmp(a, "--dataset") == 0 && i + 1 < c->argc)
            dataset = c->argv[++i];
        else if (options && strncmp(a, "--dataset=", 10) == 0)
            dataset = a + 10;
        else if (options && strcmp(a, "--centre") == 0 && i + 1 < c->argc)
            centre = c->argv[++i];
        else if (options && strncmp(a, "--centre=", 9) == 0)
            centre = a + 9;
        else if (nops < 2)
            ops[nops++] = a;
        else
            nops = 3;
    }
    if (nops != 2)
        return cli_usage(c, "give the store to clone (a file or [user@]host:PATH) and the new file's path");
    if (access(ops[1], F_OK) == 0) {
        cli_error("%s exists already; give the path of a new file", ops[1]);
        return EXIT_FAIL;
    }
    if (centre && (dataset || !peer_is_hub(ops[0])))
        return cli_usage(c, "--centre NAME is for a clone from a hub's postgresql:// address, without --dataset");
    char found[37];
    if (centre) {
        struct error err;
        error_clear(&err);
        struct hub *h = hub_open(ops[0], true, &err);
        int rc = h ? hub_find_centre(h, centre, found, &err) : err.code;
        hub_close(h);
        if (rc != 0)
            return cli_fail(&err);
        dataset = found;
    }
    return run_sync(c, ops[0], ops[1], dataset, 0);
}
