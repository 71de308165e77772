/* The peer layer: what a sync peer string names (a store file here, a store
 * or hub reached through ssh, a PostgreSQL hub), and the ssh transport that
 * both the command line and the Sync screen use. No SQL, no curses, never
 * prints. */
#ifndef CARNET_MODEL_PEER_H
#define CARNET_MODEL_PEER_H

#include <stdbool.h>
#include <sys/types.h>

#include "model/error.h"

enum peer_type {
    PEER_FILE,      /* a store file on this machine */
    PEER_SSH,       /* [user@]host:PATH: carnet sync --serve PATH over ssh */
    PEER_HUB,       /* postgresql://..., postgres://... or service=NAME */
};

struct peer {
    enum peer_type type;
    char *host;     /* PEER_SSH: [user@]host; NULL otherwise */
    char *path;     /* the file, the remote PATH (a file or a hub URI) or the URI */
};

/* spec as it may be shown or kept: a password in it (postgresql://user:PW@,
 * password=PW in a query or keyword list) replaced by ***. The caller frees. */
char *peer_display(const char *spec);
/* True when s is a PostgreSQL connection string carnet takes as a hub. */
bool peer_is_hub(const char *s);
/* Reads spec: a hub URI first, then [user@]host:PATH when nothing before
 * the first ':' is a '/', else a file. A host that begins with '-' (ssh
 * would read it as an option), or holds spaces or control characters, is
 * refused with a message. p is filled (free it with peer_free) only on 0. */
int peer_parse(const char *spec, struct peer *p, struct error *err);
void peer_free(struct peer *p);

/* The ssh command line for a PEER_SSH peer: CARNET_SSH (split on spaces)
 * or ssh, -T -o BatchMode=yes (never a password prompt in the middle of
 * the protocol), "--" so that nothing after is an option, the host, and
 * the remote command CARNET_REMOTE (or carnet) sync --serve=PATH with PATH
 * quoted for a POSIX shell. NULL-ended; free with peer_argv_free. */
char **peer_ssh_argv(const struct peer *p);
void peer_argv_free(char **argv);

/* A running ssh: our ends of its stdin (out) and stdout (in). */
struct peer_proc {
    pid_t pid;
    int in, out;
};
/* Starts ssh for p. errfd >= 0: ssh's stderr goes there and it runs in a
 * new session (no controlling terminal it could prompt on: the screens);
 * errfd < 0: it shares ours. A command that cannot run is an error here. */
int peer_ssh_start(const struct peer *p, int errfd, struct peer_proc *proc, struct error *err);
/* Closes our ends and waits for ssh; its failure is rc's when rc is 0. */
int peer_ssh_end(struct peer_proc *proc, int rc, struct error *err);

#endif
