/* The peer layer: which peer strings are files, ssh hosts or hubs; hostile
 * hosts refused (a leading '-' would be an ssh option); the ssh command line
 * puts "--" before the host; and the remote command gives the remote
 * carnet the path as one argument whatever it holds (quotes, $(),
 * backticks, newlines), run through a real /bin/sh. */
#include "testutil.h"
#include "model/peer.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void parse_ok(const char *spec, enum peer_type type, const char *host, const char *path)
{
    struct peer p;
    struct error err;
    error_clear(&err);
    assert_int_equal(peer_parse(spec, &p, &err), 0);
    assert_int_equal(p.type, type);
    if (host)
        assert_string_equal(p.host, host);
    else
        assert_null(p.host);
    assert_string_equal(p.path, path);
    peer_free(&p);
}

static void parse_refused(const char *spec)
{
    struct peer p;
    struct error err;
    error_clear(&err);
    assert_int_equal(peer_parse(spec, &p, &err), ERR_INVALID);
    assert_non_null(strstr(err.msg, spec));
}

static void test_parse(void **state)
{
    (void)state;
    parse_ok("centre.db", PEER_FILE, NULL, "centre.db");
    parse_ok("./a:b.db", PEER_FILE, NULL, "./a:b.db");
    parse_ok("/media/usb/c.db", PEER_FILE, NULL, "/media/usb/c.db");
    parse_ok("trailing:", PEER_FILE, NULL, "trailing:");
    parse_ok("server:/srv/carnet/centre.db", PEER_SSH, "server", "/srv/carnet/centre.db");
    parse_ok("anne@server:centre.db", PEER_SSH, "anne@server", "centre.db");
    parse_ok("hub:postgresql:///federation", PEER_SSH, "hub", "postgresql:///federation");
    parse_ok("postgresql://carnet@db.example.org/fed?sslmode=verify-full", PEER_HUB, NULL,
             "postgresql://carnet@db.example.org/fed?sslmode=verify-full");
    parse_ok("postgres:///fed", PEER_HUB, NULL, "postgres:///fed");
    parse_ok("service=federation", PEER_HUB, NULL, "service=federation");
    parse_refused("-oProxyCommand=touch pwned:x");
    parse_refused("-l:x");
    parse_refused("a b:x");
    parse_refused("a\tb:x");
    parse_refused("a\nb:x");
    parse_refused("host\033]0;x:x");
    struct peer p;
    struct error err;
    error_clear(&err);
    assert_int_equal(peer_parse("", &p, &err), ERR_INVALID);
}

static void shown(const char *spec, const char *want)
{
    char *got = peer_display(spec);
    assert_string_equal(got, want);
    free(got);
}

/* A password in an address is never shown nor kept. */
static void test_display(void **state)
{
    (void)state;
    shown("centre.db", "centre.db");
    shown("postgresql:///fed?host=/tmp/x", "postgresql:///fed?host=/tmp/x");
    shown("postgresql://anne@hub/fed", "postgresql://anne@hub/fed");
    shown("postgresql://anne:s3cret@hub:5432/fed", "postgresql://anne:***@hub:5432/fed");
    shown("postgres://anne:p%40ss@hub/fed?sslmode=require", "postgres://anne:***@hub/fed?sslmode=require");
    shown("postgresql://hub/fed?user=anne&password=s3cret&sslmode=require",
          "postgresql://hub/fed?user=anne&password=***&sslmode=require");
    shown("service=fed password=s3cret host=hub", "service=fed password=*** host=hub");
    shown("service=fed password='a b\\'c' host=hub", "service=fed password=*** host=hub");
    shown("server:postgresql://anne:s3cret@/fed", "server:postgresql://anne:***@/fed");
    shown("", "");
}

/* The remote command as the remote shell runs it, with printf standing
 * in for carnet: each argument it receives, bracketed. */
static char *remote_args(const char *path)
{
    setenv("CARNET_REMOTE", "printf '[%s]'", 1);
    struct peer p = {PEER_SSH, "server", (char *)path};
    char **argv = peer_ssh_argv(&p);
    size_t n = 0;
    while (argv[n])
        n++;
    assert_true(n >= 7);
    assert_string_equal(argv[n - 6], "-T");
    assert_string_equal(argv[n - 3], "--");
    assert_string_equal(argv[n - 2], "server");
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl("/bin/sh", "sh", "-c", argv[n - 1], (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char *out = xcalloc(1, 65536);
    size_t len = 0;
    ssize_t got;
    while ((got = read(fds[0], out + len, 65535 - len)) > 0)
        len += (size_t)got;
    close(fds[0]);
    waitpid(pid, NULL, 0);
    peer_argv_free(argv);
    unsetenv("CARNET_REMOTE");
    return out;
}

static void test_remote_command_quoting(void **state)
{
    (void)state;
    const char *dir = tu_tempdir();
    assert_int_equal(chdir(dir), 0);
    static const char *const paths[] = {
        "/srv/carnet/centre.db",
        "-oProxyCommand=touch pwned",
        "my store.db",
        "it's \"quoted\".db",
        "$(touch pwned).db",
        "`touch pwned`.db",
        "a\nb; touch pwned\n",
        "'; touch pwned; echo '",
        "\\'\\\\'",
        "postgresql:///fed?sslmode=require&x=$HOME",
    };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char *got = remote_args(paths[i]);
        char *want = xasprintf("[sync][--serve=%s]", paths[i]);
        assert_string_equal(got, want);
        free(got);
        free(want);
        assert_int_equal(access("pwned", F_OK), -1);
    }
    assert_int_equal(chdir("/"), 0);
}

/* ssh itself (a stand-in that writes its arguments one per line): the
 * host comes right after "--", nothing of the peer before it. */
static void test_ssh_start(void **state)
{
    (void)state;
    char *script = tu_path("fake-ssh");
    char *log = xasprintf("%s.log", script);
    FILE *f = fopen(script, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\nfor a in \"$@\"; do printf '%%s\\n' \"$a\"; done > '%s'\n", log);
    fclose(f);
    chmod(script, 0700);
    char *ssh = xasprintf("%s -p 2222", script);
    setenv("CARNET_SSH", ssh, 1);
    struct peer p = {PEER_SSH, "anne@server", "c.db"};
    struct peer_proc proc;
    struct error err;
    error_clear(&err);
    assert_int_equal(peer_ssh_start(&p, -1, &proc, &err), 0);
    assert_int_equal(peer_ssh_end(&proc, 0, &err), 0);
    f = fopen(log, "r");
    assert_non_null(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, "-p\n2222\n-T\n-o\nBatchMode=yes\n--\nanne@server\ncarnet sync '--serve=c.db'\n");
    /* A command that does not exist: an error that says so, here. */
    setenv("CARNET_SSH", "/nonexistent/ssh", 1);
    error_clear(&err);
    assert_int_not_equal(peer_ssh_start(&p, -1, &proc, &err), 0);
    assert_non_null(strstr(err.msg, "/nonexistent/ssh"));
    unsetenv("CARNET_SSH");
    free(ssh);
    free(script);
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_display),
        cmocka_unit_test(test_remote_command_quoting),
        cmocka_unit_test(test_ssh_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
