/* carnet sync and carnet clone: the transports (another store file through
 * a socketpair and a forked server; a remote store through ssh running
 * `carnet sync --serve`), the summary and progress on stderr, and the list
 * of conflicts kept for review. The protocol itself is model/sync. */
#include "cli/cli.h"
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

/* [user@]host:PATH names a remote store; anything with a '/' before the
 * first ':' (or without ':') is a file here. */
static bool is_remote(const char *peer, char **host, char **path)
{
    const char *colon = strchr(peer, ':');
    if (!colon || colon == peer || memchr(peer, '/', (size_t)(colon - peer)) || !colon[1])
        return false;
    *host = xstrndup(peer, (size_t)(colon - peer));
    *path = xstrdup(colon + 1);
    return true;
}

/* The ssh command: CARNET_SSH (split on spaces) or ssh, with -T and
 * BatchMode (never a password prompt in the middle of the protocol). */
static char **ssh_argv(const char *host, const char *path, char **words)
{
    const char *ssh = getenv("CARNET_SSH");
    *words = xstrdup(ssh && *ssh ? ssh : "ssh");
    size_t n = 0;
    char **argv = xcalloc(strlen(*words) + 8, sizeof *argv);
    for (char *w = strtok(*words, " "); w; w = strtok(NULL, " "))
        argv[n++] = w;
    argv[n++] = "-T";
    argv[n++] = "-o";
    argv[n++] = "BatchMode=yes";
    argv[n++] = (char *)host;
    /* The remote shell reads this line: quote the path for it. */
    struct strbuf cmd;
    strbuf_init(&cmd);
    const char *remote = getenv("CARNET_REMOTE");
    strbuf_addf(&cmd, "%s sync --serve '", remote && *remote ? remote : "carnet");
    for (const char *p = path; *p; p++)
        if (*p == '\'')
            strbuf_adds(&cmd, "'\\''");
        else
            strbuf_addc(&cmd, *p);
    strbuf_addc(&cmd, '\'');
    argv[n++] = strbuf_detach(&cmd);
    argv[n] = NULL;
    return argv;
}

struct transport {
    pid_t pid;
    int in, out;
    bool remote;
};

/* Starts the other side: ssh, or a forked server on the store file. */
static int transport_start(const char *peer, struct transport *t, struct error *err)
{
    char *host = NULL, *path = NULL;
    memset(t, 0, sizeof *t);
    t->remote = is_remote(peer, &host, &path);
    if (t->remote) {
        int to[2], from[2];
        if (pipe(to) != 0 || pipe(from) != 0) {
            free(host);
            free(path);
            return error_add(err, ERR_IO, "cannot start ssh: %s", strerror(errno));
        }
        char *words = NULL;
        char **argv = ssh_argv(host, path, &words);
        fflush(NULL);
        t->pid = fork();
        if (t->pid == 0) {
            dup2(to[0], 0);
            dup2(from[1], 1);
            close(to[0]);
            close(to[1]);
            close(from[0]);
            close(from[1]);
            execvp(argv[0], argv);
            cli_err("carnet: cannot run %s: %s (set CARNET_SSH to the ssh command)\n", argv[0], strerror(errno));
            _exit(127);
        }
        int i = 0;
        while (argv[i + 1])
            i++;
        free(argv[i]);
        free(argv);
        free(words);
        close(to[0]);
        close(from[1]);
        t->in = from[0];
        t->out = to[1];
        free(host);
        free(path);
        if (t->pid < 0) {
            close(t->in);
            close(t->out);
            return error_add(err, ERR_IO, "cannot start ssh: %s", strerror(errno));
        }
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
        struct store *s = store_open(peer, 0, &e);
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
    close(t->in);
    if (t->out != t->in)
        close(t->out);
    int status = 0;
    while (waitpid(t->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        rc = error_add(err, ERR_IO, "the other side of the sync failed at the end (%s)", t->remote ? "ssh" : "server");
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
    cli_progress(_("carnet: syncing... %ld received, %ld sent"), sum->received_total, sum->sent_total);
    ui->shown = true;
}

static void kinds_line(const char *label, const long *counts, long total)
{
    struct strbuf b;
    strbuf_init(&b);
    for (int i = 0; kinds[i]; i++)
        if (counts[i])
            strbuf_addf(&b, "%s%ld %s", b.len ? ", " : "", counts[i], counts[i] == 1 ? _(kinds[i]->label) : _(kinds[i]->plural));
    cli_err("carnet:   %s %s\n", label, total ? b.s : _("nothing"));
    strbuf_free(&b);
}

static void print_summary(const char *peer, const struct sync_summary *sum, struct ui *ui)
{
    if (ui->shown)
        cli_err("\n");
    cli_err(_("carnet: synced with %s in %.2f s\n"), peer, sum->seconds);
    kinds_line(_("received:"), sum->received, sum->received_total);
    kinds_line(_("sent:"), sum->sent, sum->sent_total);
    if (sum->conflicts)
        cli_err(_("carnet:   %ld concurrent edit(s) resolved; the values that lost are kept (see: carnet sync --conflicts)\n"),
                sum->conflicts);
}

static int run_sync(struct cli *c, const char *peer, const char *clone_path, int batch)
{
    signal(SIGPIPE, SIG_IGN);
    struct error err;
    error_clear(&err);
    struct transport t;
    if (transport_start(peer, &t, &err) != 0)
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
            cli_err("\n");
        if (clone_path && s)
            sync_clone_discard(clone_path);
        return cli_fail(&err);
    }
    print_summary(peer, &sum, &ui);
    if (clone_path)
        cli_err(_("carnet: %s is a new replica of %s; sync them with: carnet --db %s sync %s\n"), clone_path, peer,
                clone_path, peer);
    return EXIT_OK;
}

static void print_conflicts(struct store *s, struct error *err)
{
    struct sync_conflict *list;
    int n;
    if (sync_conflicts(s, 0, &list, &n, err) != 0)
        return;
    for (int i = 0; i < n; i++) {
        /* Tab-separated: each text on one line, as a peer may have sent it. */
        char *at = utf8_sanitize(list[i].at, false), *rec = utf8_sanitize(list[i].rec_id, false);
        char *losing = utf8_sanitize(list[i].losing_value, false), *winning = utf8_sanitize(list[i].winning_value, false);
        cli_out("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)list[i].id, at, list[i].kind->name, rec,
                list[i].field->name, losing, winning);
        free(at);
        free(rec);
        free(losing);
        free(winning);
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
