/* carnet sync and carnet clone: the transports (another store file through
 * a socketpair and a forked server; a remote store through ssh running
 * `carnet sync --serve`), the summary and progress on stderr, and the list
 * of conflicts kept for review. The protocol itself is model/sync. */
#include "cli/cli.h"
#include "model/peer.h"
#include "model/sync.h"
#include "util/i18n.h"
#include "util/strbuf.h"
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

struct ui {
    bool tty;
    bool shown;
};

static void show_progress(const struct sync_summary *sum, void *ctx)
{
    struct ui *ui = ctx;
    if (!ui->tty || sum->seconds < 1.0)
        return;
    fprintf(stderr, _("\rcarnet: syncing... %ld received, %ld sent"), sum->received_total, sum->sent_total);
    ui->shown = true;
}

static void kinds_line(const char *label, const long *counts, long total)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; kinds[i]; i++)
        if (counts[i])
            strbuf_addf(&b, "%s%ld %s", b.len ? ", " : "", counts[i], counts[i] == 1 ? _(kinds[i]->label) : _(kinds[i]->plural));
    fprintf(stderr, "carnet:   %s %s\n", label, total ? b.s : _("nothing"));
    strbuf_free(&b);
}

static void print_summary(const char *peer, const struct sync_summary *sum, struct ui *ui)
{
    if (ui->shown)
        fputc('\n', stderr);
    fprintf(stderr, _("carnet: synced with %s in %.2f s\n"), peer, sum->seconds);
    kinds_line(_("received:"), sum->received, sum->received_total);
    kinds_line(_("sent:"), sum->sent, sum->sent_total);
    if (sum->conflicts)
        fprintf(stderr, _("carnet:   %ld concurrent edit(s) resolved; the values that lost are kept (see: carnet sync --conflicts)\n"),
                sum->conflicts);
}

static int run_sync(struct cli *c, const char *peer, const char *clone_path, int batch)
{
    signal(SIGPIPE, SIG_IGN);
    struct error err;
    error_clear(&err);
    struct peer pp;
    if (peer_parse(peer, &pp, &err) != 0)
        return cli_fail(&err);
    struct transport t;
    int started = transport_start(&pp, &t, &err);
    peer_free(&pp);
    if (started != 0)
        return cli_fail(&err);
    struct store *s = clone_path ? sync_clone_prepare(clone_path, &err) : store_open(c->db_path, 0, &err);
    struct ui ui = {isatty(2), false};
    struct sync_opts o = {.batch_rows = batch, .address = peer, .clone = clone_path != NULL,
                          .progress = show_progress, .ctx = &ui};
    struct sync_summary sum;
    memset(&sum, 0, sizeof sum);
    int rc = s ? sync_client(s, t.in, t.out, &o, &sum, &err) : err.code;
    rc = transport_end(&t, rc, &err);
    if (s)
        store_close(s);
    if (rc != 0) {
        if (ui.shown)
            fputc('\n', stderr);
        if (clone_path && s)
            sync_clone_discard(clone_path);
        return cli_fail(&err);
    }
    print_summary(peer, &sum, &ui);
    if (clone_path)
        fprintf(stderr, _("carnet: %s is a new replica of %s; sync them with: carnet --db %s sync %s\n"), clone_path,
                peer, clone_path, peer);
    return EXIT_OK;
}

static void print_conflicts(struct store *s, struct error *err)
{
    struct sync_conflict *list;
    int n;
    if (sync_conflicts(s, 0, &list, &n, err) != 0)
        return;
    for (int i = 0; i < n; i++)
        printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)list[i].id, list[i].at ? list[i].at : "",
               list[i].kind->name, list[i].rec_id, list[i].field->name,
               list[i].losing_value ? list[i].losing_value : "", list[i].winning_value ? list[i].winning_value : "");
    if (!n)
        fprintf(stderr, "%s\n", _("carnet: no conflicts kept"));
    sync_conflicts_free(list, n);
}

static void print_peers(struct store *s, struct error *err)
{
    struct sync_peer_info *p;
    int n;
    if (sync_peers(s, &p, &n, err) != 0)
        return;
    for (int i = 0; i < n; i++)
        printf("%s\t%s\t%s\t%ld\n", p[i].site_id, p[i].address ? p[i].address : "",
               p[i].last_sync_at ? p[i].last_sync_at : _("never"), p[i].waiting);
    sync_peers_free(p, n);
}

/* --conflicts (id, when, kind, record, field, losing value, current value)
 * or --peers (site, address, last sync, changes waiting), tab-separated. */
static int list_state(struct cli *c, bool conflicts)
{
    int status = EXIT_OK;
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    (conflicts ? print_conflicts : print_peers)(s, &err);
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
    struct store *s = store_open(path, 0, &err);
    int rc = s ? sync_serve(s, 0, 1, NULL, NULL, &err) : sync_serve_refuse(1, &err);
    store_close(s);
    if (rc != 0) {
        cli_error("(serving %s) %s", path, err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_sync(struct cli *c)
{
    static const struct option opts[] = {{"serve", required_argument, NULL, 's'},
                                         {"batch", required_argument, NULL, 'b'},
                                         {"conflicts", no_argument, NULL, 'c'},
                                         {"peers", no_argument, NULL, 'p'},
                                         {0, 0, 0, 0}};
    const char *serve_path = NULL;
    int ch, batch = 0;
    bool conflicts = false, peers = false;
    opterr = 0;
    optind = 1;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        if (ch == 's')
            serve_path = optarg;
        else if (ch == 'b' && (batch = atoi(optarg)) > 0 && batch <= 5000)
            continue;
        else if (ch == 'c')
            conflicts = true;
        else if (ch == 'p')
            peers = true;
        else
            return cli_usage(c, "unknown option or bad value: %s", c->argv[optind - 1]);
    }
    if (serve_path)
        return optind == c->argc ? serve(serve_path) : cli_usage(c, "--serve takes only the store's path");
    if (conflicts || peers)
        return optind == c->argc ? list_state(c, conflicts)
                                 : cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
    if (optind + 1 != c->argc)
        return cli_usage(c, "give one peer: another store's file, or [user@]host:PATH");
    return run_sync(c, c->argv[optind], NULL, batch);
}

int cmd_clone(struct cli *c)
{
    if (c->argc != 3)
        return cli_usage(c, "give the store to clone (a file or [user@]host:PATH) and the new file's path");
    if (access(c->argv[2], F_OK) == 0) {
        cli_error("%s exists already; give the path of a new file", c->argv[2]);
        return EXIT_FAIL;
    }
    return run_sync(c, c->argv[1], c->argv[2], 0);
}
