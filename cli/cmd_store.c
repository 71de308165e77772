/* The commands on the store itself: init, the summary, check, backup and
 * the members who may use it. */
#include "cli/cli.h"
#include "model/centre.h"
#include "screens/screens.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Mode and group of path set to mode and gid, then checked: a file system
 * that ignores modes must not leave a shared store readable by others. */
static int fix_mode(const char *path, mode_t mode, const struct group *gr, bool must_exist)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (!must_exist && errno == ENOENT)
            return EXIT_OK;
        cli_error("cannot read the mode of %s: %s", path, strerror(errno));
        return EXIT_FAIL;
    }
    if (st.st_gid != gr->gr_gid && chown(path, (uid_t)-1, gr->gr_gid) != 0) {
        struct group *now = getgrgid(st.st_gid);
        cli_error("%s belongs to group %s and cannot be given to group %s (%s); "
                  "use a folder you own, as a member of %s (or run init as root)",
                  path, now ? now->gr_name : "?", gr->gr_name, strerror(errno), gr->gr_name);
        return EXIT_FAIL;
    }
    if ((st.st_mode & 07777) != mode && chmod(path, mode) != 0) {
        cli_error("cannot set the mode %o on %s: %s", (unsigned)mode, path, strerror(errno));
        return EXIT_FAIL;
    }
    if (stat(path, &st) != 0 || st.st_gid != gr->gr_gid || (st.st_mode & 07777) != mode) {
        cli_error("%s keeps the mode %o%s: the shared store would be open to others; use a folder on a file system that keeps Unix modes",
                  path, (unsigned)(st.st_mode & 07777), (st.st_mode & S_IRWXO) ? ", readable by every user" : "");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* The centre of a new store: --centre's name, else, in a terminal, the name
 * typed at the question (nothing typed: none); without a terminal, none.
 * The caller frees it; NULL for none. */
static char *init_centre_name(const char *given)
{
    if (given)
        return xstrdup(given);
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
        return NULL;
    cli_err("%s", _("Name of your centre (Enter for none; add it later in Administration): "));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = getline(&line, &cap, stdin);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    if (len <= 0 || line[strspn(line, " \t")] == '\0') {
        free(line);
        return NULL;
    }
    return line;
}

/* Creates the centre of a new store and attaches its creator to it. */
static int init_centre(struct store *s, const char *given)
{
    char *name = init_centre_name(given);
    if (!name)
        return EXIT_OK;
    char id[37];
    struct error err;
    error_clear(&err);
    int status = EXIT_OK;
    if (centre_create_mine(s, name, id, &err) != 0)
        status = cli_fail(&err);
    else
        cli_err(_("carnet: centre \"%s\" created; you (%s) belong to it\n"), name, store_login(s));
    free(name);
    return status;
}

/* init --shared DIR --group G: a setgid folder 2770 of group G holding
 * carnet.db and its WAL and SHM files, all 0660 of group G. */
static int init_shared(struct cli *c, const char *dir, const char *group, const char *name, const char *centre)
{
    struct group *found = getgrnam(group);
    if (!found) {
        cli_error("there is no group '%s' on this machine; create it first (groupadd %s) and add the facilitators to it",
                  group, group);
        return EXIT_FAIL;
    }
    struct group gr = *found;     /* getgrgid in fix_mode would overwrite it */
    gr.gr_name = xstrdup(found->gr_name);
    int status = EXIT_FAIL;
    char *path = NULL;
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        cli_error("%s is a file, not a folder; give the folder that will hold the shared store", dir);
        goto done;
    }
    if (mkdir(dir, 02770) != 0 && errno != EEXIST) {
        cli_error("cannot create the folder %s: %s", dir, strerror(errno));
        goto done;
    }
    if (fix_mode(dir, 02770, &gr, true) != EXIT_OK)
        goto done;
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    path = xasprintf("%.*s/carnet.db", (int)len, dir);
    if (stat(path, &st) == 0) {
        cli_error("a store exists already at %s; give another folder", path);
        goto done;
    }
    /* The empty file first, with its group and mode; the store is made in it. */
    mode_t old_umask = umask(007);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0660);
    umask(old_umask);
    if (fd < 0) {
        cli_error("cannot create the store %s: %s", path, strerror(errno));
        goto done;
    }
    close(fd);
    if (fix_mode(path, 0660, &gr, true) != EXIT_OK) {
        unlink(path);
        goto done;
    }
    free(c->db_path);
    c->db_path = xstrdup(path);
    status = EXIT_OK;
    struct store *s = cli_open(c, STORE_CREATE | STORE_EMPTY_OK, &status);
    if (!s)
        goto done;
    struct error err;
    error_clear(&err);
    if (name && store_set_name(s, name, &err) != 0) {
        status = cli_fail(&err);
    } else {
        /* The WAL and SHM exist while the store is open; they are kept. */
        static const char *const companions[] = {"-wal", "-shm"};
        for (int i = 0; i < 2 && status == EXIT_OK; i++) {
            char *p = xasprintf("%s%s", path, companions[i]);
            status = fix_mode(p, 0660, &gr, false);
            free(p);
        }
    }
    if (status == EXIT_OK)
        status = init_centre(s, centre);
    if (status == EXIT_OK)
        cli_err(_("carnet: shared store created at %s for the group %s; you (%s) are its administrator.\n"
                  "carnet: add the others with: carnet --db %s member add LOGIN --role facilitator\n"),
                path, gr.gr_name, store_login(s), path);
    store_close(s);
done:
    free(path);
    free(gr.gr_name);
    return status;
}

int cmd_init(struct cli *c)
{
    static const struct option opts[] = {{"name", required_argument, NULL, 'n'},
                                         {"shared", required_argument, NULL, 's'},
                                         {"group", required_argument, NULL, 'g'},
                                         {"centre", required_argument, NULL, 'c'},
                                         {0, 0, 0, 0}};
    const char *name = NULL, *shared = NULL, *group = NULL, *centre = NULL;
    int ch, status = EXIT_OK;
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        if (ch == 'n')
            name = optarg;
        else if (ch == 's')
            shared = optarg;
        else if (ch == 'g')
            group = optarg;
        else if (ch == 'c')
            centre = optarg;
        else
            return cli_usage(c, "unknown option or missing value: %s", c->argv[optind - 1]);
    }
    if (optind != c->argc)
        return cli_usage(c, "unexpected argument '%s'", c->argv[optind]);
    if (!shared != !group)
        return cli_usage(c, "--shared DIR and --group G go together");
    if (centre && centre[strspn(centre, " \t")] == '\0')
        return cli_usage(c, "--centre needs the centre's name, e.g. --centre \"Centre social Les Glycines\"");
    if (shared)
        return init_shared(c, shared, group, name, centre);
    /* Something is there: say what (a store, a folder, an empty file...). */
    struct stat st;
    if (stat(c->db_path, &st) == 0 || errno != ENOENT) {
        struct store *there = cli_open(c, STORE_READONLY | STORE_ANY_LOGIN, &status);
        if (there)
            cli_error("a store exists already at %s; give another path with --db", c->db_path);
        store_close(there);
        return EXIT_FAIL;
    }
    struct store *s = cli_open(c, STORE_CREATE, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    if (name && store_set_name(s, name, &err) != 0)
        status = cli_fail(&err);
    else
        cli_err(_("carnet: store created at %s; you (%s) are its administrator\n"), store_path(s), store_login(s));
    if (status == EXIT_OK)
        status = init_centre(s, centre);
    store_close(s);
    return status;
}

static const char *role_name(enum store_role r)
{
    switch (r) {
    case ROLE_ADMIN: return _("administrator");
    case ROLE_FACILITATOR: return _("facilitator");
    case ROLE_MANAGER: return _("manager (read-only)");
    default: return _("not a member");
    }
}

int cmd_summary(struct cli *c)
{
    int status = EXIT_OK;
    if (c->argc != 1)
        return cli_usage(c, "unexpected argument '%s'", c->argv[1]);
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    /* The name on one line: a peer or the sqlite3 shell may have set it. */
    char *name = utf8_sanitize(store_name(s), false);
    cli_out("%-24s %s\n", _("Store"), *name ? name : _("(no name)"));
    free(name);
    cli_out("%-24s %s\n", _("File"), store_path(s));
    cli_out("%-24s %d\n", _("Schema version"), store_schema_version(s));
    cli_out("%-24s %s\n", _("Site id"), store_site_id(s));
    cli_out("%-24s %s (%s)\n", _("You"), store_login(s), role_name(store_role(s)));
    cli_out("\n");
    struct error err;
    error_clear(&err);
    for (int i = 0; kinds[i]; i++) {
        struct query q;
        query_init(&q, kinds[i]);
        long n = query_count(s, &q, &err);
        if (n < 0) {
            status = cli_fail(&err);
            break;
        }
        cli_out("%-24s %ld\n", _(kinds[i]->plural), n);
    }
    store_close(s);
    return status;
}

int cmd_open(struct cli *c)
{
    /* Not on a terminal (a pipe, a script): the summary is what is useful. */
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return cmd_summary(c);
    int status = EXIT_OK;
    if (c->argc != 1)
        return cli_usage(c, "unexpected argument '%s'", c->argv[1]);
    /* A store this login cannot write opens read-only (store_open decides);
     * the application says so on its first screen. A mistyped path must not
     * look like an empty store: a new one is made only when the user says
     * yes to that exact path. */
    struct stat st;
    bool missing = stat(c->db_path, &st) != 0 && errno == ENOENT;
    if (missing && !screens_confirm_new_store(c->db_path)) {
        cli_error("no store was created at %s; give the path of an existing store with --db, "
                  "or create one there with 'carnet init'", c->db_path);
        return EXIT_FAIL;
    }
    struct store *s = cli_open(c, missing ? STORE_CREATE : 0, &status);
    if (!s) {
        screens_end();
        return status;
    }
    status = screens_run(s) == 0 ? EXIT_OK : EXIT_FAIL;
    store_close(s);
    return status;
}

int cmd_check(struct cli *c)
{
    int status = EXIT_OK, problems = 0;
    if (c->argc != 1)
        return cli_usage(c, "unexpected argument '%s'", c->argv[1]);
    /* check works for any login: it is how one learns what is wrong. */
    struct store *s = cli_open(c, STORE_READONLY | STORE_ANY_LOGIN, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    if (store_check(s, &problems, &err) != 0) {
        cli_error("%s", err.msg);
        cli_error(ngettext("%d problem found in %s", "%d problems found in %s", problems), problems, store_path(s));
        status = EXIT_FAIL;
    } else {
        cli_out(_("%s: ok (schema version %d)\n"), store_path(s), store_schema_version(s));
    }
    store_close(s);
    return status;
}

int cmd_backup(struct cli *c)
{
    int status = EXIT_OK;
    if (c->argc != 2)
        return cli_usage(c, "give the file to write the backup to");
    struct stat st;
    if (stat(c->argv[1], &st) == 0) {
        cli_error("%s exists already; give a new file name", c->argv[1]);
        return EXIT_FAIL;
    }
    struct store *s = cli_open(c, STORE_READONLY, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    if (store_backup(s, c->argv[1], &err) != 0)
        status = cli_fail(&err);
    store_close(s);
    return status;
}

/* The member record of login, or NULL with a message. */
static struct record *find_member(struct store *s, const char *login, struct error *err)
{
    struct query q;
    query_init(&q, kind_find("member"));
    query_where_add(&q, "login", login, err);
    struct record *found = query_first(s, &q, err);
    if (!found && !err->code)
        error_add(err, ERR_NOTFOUND, "'%s' is not a member of this store (see: carnet member list)", login);
    return found;
}

static int print_member(struct record *r, bool *keep, void *ctx)
{
    (void)keep;
    (void)ctx;
    /* Made safe for the terminal: the store may hold what another wrote. */
    char *login = utf8_sanitize(record_get(r, "login"), false);
    char *role = utf8_sanitize(record_get(r, "role"), false);
    char *name = utf8_sanitize(record_get(r, "display_name"), false);
    cli_out("%-16s %-12s %s\n", login, role, name);
    free(login);
    free(role);
    free(name);
    return 0;
}

int cmd_member(struct cli *c)
{
    static const struct option opts[] = {{"role", required_argument, NULL, 'r'},
                                         {"name", required_argument, NULL, 'n'},
                                         {"centre", required_argument, NULL, 'c'},
                                         {0, 0, 0, 0}};
    const char *role = NULL, *name = NULL, *centre = NULL;
    int ch, status = EXIT_OK;
    opterr = 0;
    while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
        if (ch == 'r')
            role = optarg;
        else if (ch == 'n')
            name = optarg;
        else if (ch == 'c')
            centre = optarg;
        else
            return cli_usage(c, "unknown option or missing value: %s", c->argv[optind - 1]);
    }
    const char *verb = optind < c->argc ? c->argv[optind] : NULL;
    const char *login = optind + 1 < c->argc ? c->argv[optind + 1] : NULL;
    if (!verb || (strcmp(verb, "list") != 0 && !login))
        return cli_usage(c, "expected: member add LOGIN --role ROLE | member list | member set-role LOGIN ROLE | member remove LOGIN");
    if (strcmp(verb, "set-role") == 0 && !role)
        role = optind + 2 < c->argc ? c->argv[optind + 2] : NULL;
    if ((strcmp(verb, "add") == 0 || strcmp(verb, "set-role") == 0) && !role)
        return cli_usage(c, "give the role: facilitator, manager or admin");
    struct store *s = cli_open(c, 0, &status);
    if (!s)
        return status;
    struct error err;
    error_clear(&err);
    if (strcmp(verb, "list") == 0) {
        struct query q;
        query_init(&q, kind_find("member"));
        if (query_run(s, &q, print_member, NULL, &err) < 0)
            status = cli_fail(&err);
    } else if (strcmp(verb, "add") == 0) {
        struct record *r = record_new(kind_find("member"));
        record_set(r, "login", login, NULL);
        record_set(r, "role", role, NULL);
        record_set(r, "display_name", name, NULL);
        record_set(r, "centre", centre, NULL);
        if (record_create(s, r, &err) != 0)
            status = cli_fail(&err);
        else
            cli_out("%s\n", r->id);
        record_free(r);
    } else if (strcmp(verb, "set-role") == 0 || strcmp(verb, "remove") == 0) {
        struct record *r = find_member(s, login, &err);
        if (!r)
            status = cli_fail(&err);
        else if (strcmp(verb, "remove") == 0 ? record_delete(s, r->id, &err) != 0
                                              : (record_set(r, "role", role, NULL), record_update(s, r, &err) != 0))
            status = cli_fail(&err);
        record_free(r);
    } else {
        status = cli_usage(c, "'%s': expected add, list, set-role or remove", verb);
    }
    store_close(s);
    return status;
}
