/* The peer layer: parsing peer strings and running ssh safely. The host is
 * never an option (refused when it begins with '-', and "--" before it) and
 * the remote path is one single-quoted word for the remote shell, whatever
 * it holds (quotes, $(), backticks, newlines). */
#include "model/peer.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *peer_display(const char *spec)
{
    struct strbuf b;
    strbuf_init(&b);
    const char *p = spec;
    while (*p) {
        const char *scheme = strstr(p, "://");
        const char *kw = strstr(p, "password=");
        if (scheme && (!kw || scheme < kw)) {
            /* user:PW@host: the authority ends at the first / ? or #. */
            const char *auth = scheme + 3;
            size_t alen = strcspn(auth, "/?#");
            const char *at = NULL;
            for (const char *c = auth; c < auth + alen; c++)
                if (*c == '@')
                    at = c;
            const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
            if (colon) {
                strbuf_add(&b, p, (size_t)(colon + 1 - p));
                strbuf_adds(&b, "***");
                p = at;
            } else {
                strbuf_add(&b, p, (size_t)(auth - p));
                p = auth;
            }
        } else if (kw) {
            const char *v = kw + 9;
            strbuf_add(&b, p, (size_t)(v - p));
            strbuf_adds(&b, "***");
            if (*v == '\'') {
                for (v++; *v && *v != '\''; v++)
                    if (*v == '\\' && v[1])
                        v++;
                if (*v)
                    v++;
            } else {
                v += strcspn(v, " \t\n&#");
            }
            p = v;
        } else {
            strbuf_adds(&b, p);
            break;
        }
    }
    return strbuf_detach(&b);
}

bool peer_is_hub(const char *s)
{
    return strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0 ||
           strncmp(s, "service=", 8) == 0;
}

int peer_parse(const char *spec, struct peer *p, struct error *err)
{
    memset(p, 0, sizeof *p);
    if (!*spec)
        return error_add(err, ERR_INVALID, "the peer is empty: give another store's file, [user@]host:PATH or a hub's postgresql:// address");
    if (peer_is_hub(spec)) {
        p->type = PEER_HUB;
        p->path = xstrdup(spec);
        return 0;
    }
    const char *colon = strchr(spec, ':');
    if (!colon || colon == spec || memchr(spec, '/', (size_t)(colon - spec)) || !colon[1]) {
        p->type = PEER_FILE;
        p->path = xstrdup(spec);
        return 0;
    }
    if (spec[0] == '-')
        return error_add(err, ERR_INVALID,
                         "the host of the peer %s begins with '-', which ssh would read as an option: give a host name "
                         "([user@]host:PATH), or ./%s for a file here", spec, spec);
    for (const char *c = spec; c < colon; c++)
        if ((unsigned char)*c <= ' ' || *c == 0x7f)
            return error_add(err, ERR_INVALID,
                             "the host of the peer %s holds a space or a control character: give a host name "
                             "([user@]host:PATH), or ./%s for a file here", spec, spec);
    p->type = PEER_SSH;
    p->host = xstrndup(spec, (size_t)(colon - spec));
    p->path = xstrdup(colon + 1);
    return 0;
}

void peer_free(struct peer *p)
{
    free(p->host);
    free(p->path);
    p->host = p->path = NULL;
}

/* The argv owns the remote command (its last word) and the block of split
 * words, kept just past its NULL; the rest point into them or are literals. */
char **peer_ssh_argv(const struct peer *p)
{
    const char *ssh = getenv("CARNET_SSH"), *remote = getenv("CARNET_REMOTE");
    char *words = xstrdup(ssh && *ssh ? ssh : "ssh");
    char **argv = xcalloc(strlen(words) + 10, sizeof *argv);
    size_t n = 0;
    for (char *w = strtok(words, " "); w; w = strtok(NULL, " "))
        argv[n++] = w;
    if (n == 0)
        argv[n++] = "ssh";
    argv[n++] = "-T";
    argv[n++] = "-o";
    argv[n++] = "BatchMode=yes";
    argv[n++] = "--";
    argv[n++] = p->host;
    /* The remote shell reads this line: the path is one single-quoted
     * word, each ' in it closed, escaped and reopened. --serve=PATH keeps a
     * path that begins with '-' an argument. */
    struct strbuf cmd;
    strbuf_init(&cmd);
    strbuf_addf(&cmd, "%s sync '--serve=", remote && *remote ? remote : "carnet");
    for (const char *c = p->path; *c; c++)
        if (*c == '\'')
            strbuf_adds(&cmd, "'\\''");
        else
            strbuf_addc(&cmd, *c);
    strbuf_addc(&cmd, '\'');
    argv[n++] = strbuf_detach(&cmd);
    argv[n] = NULL;
    argv[n + 1] = words;        /* kept past the end, for peer_argv_free */
    return argv;
}

void peer_argv_free(char **argv)
{
    if (!argv)
        return;
    size_t n = 0;
    while (argv[n])
        n++;
    free(argv[n - 1]);
    free(argv[n + 1]);
    free(argv);
}

int peer_ssh_start(const struct peer *p, int errfd, struct peer_proc *proc, struct error *err)
{
    proc->pid = -1;
    proc->in = proc->out = -1;
    int to[2] = {-1, -1}, from[2] = {-1, -1}, report[2] = {-1, -1};
    if (pipe(to) != 0 || pipe(from) != 0 || pipe(report) != 0) {
        int e = errno;
        for (int i = 0; i < 2; i++) {
            if (to[i] >= 0) close(to[i]);
            if (from[i] >= 0) close(from[i]);
            if (report[i] >= 0) close(report[i]);
        }
        return error_add(err, ERR_IO, "cannot start ssh: %s", strerror(e));
    }
    /* The child tells us through report (closed on exec) when it cannot run the command. */
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
    char **argv = peer_ssh_argv(p);
    pid_t pid = fork();
    if (pid == 0) {
        if (errfd >= 0) {
            setsid();
            dup2(errfd, 2);
        }
        dup2(to[0], 0);
        dup2(from[1], 1);
        close(to[0]), close(to[1]), close(from[0]), close(from[1]), close(report[0]);
        if (errfd > 2)
            close(errfd);
        execvp(argv[0], argv);
        int e = errno;
        ssize_t w = write(report[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    int e = errno;
    close(to[0]);
    close(from[1]);
    close(report[1]);
    int rc = 0;
    if (pid < 0) {
        rc = error_add(err, ERR_IO, "cannot start ssh: %s", strerror(e));
    } else {
        int child_errno = 0;
        ssize_t got;
        while ((got = read(report[0], &child_errno, sizeof child_errno)) < 0 && errno == EINTR)
            ;
        if (got == (ssize_t)sizeof child_errno) {
            rc = error_add(err, ERR_IO, "cannot run %s: %s (set CARNET_SSH to the ssh command)", argv[0],
                           strerror(child_errno));
            while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
                ;
        }
    }
    close(report[0]);
    peer_argv_free(argv);
    if (rc != 0) {
        close(to[1]);
        close(from[0]);
        return rc;
    }
    proc->pid = pid;
    proc->in = from[0];
    proc->out = to[1];
    return 0;
}

int peer_ssh_end(struct peer_proc *proc, int rc, struct error *err)
{
    if (proc->in >= 0)
        close(proc->in);
    if (proc->out >= 0)
        close(proc->out);
    proc->in = proc->out = -1;
    int status = 0;
    if (proc->pid > 0)
        while (waitpid(proc->pid, &status, 0) < 0 && errno == EINTR)
            ;
    proc->pid = -1;
    if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        rc = error_add(err, ERR_IO, "the other side of the sync failed at the end (ssh)");
    return rc;
}
