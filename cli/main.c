/* carnet's entry point: global options, the table of commands, and the
 * helpers every command uses to open the store and report errors. */
#include "cli/cli.h"
#include "config.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    fmt = gettext(fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    msg = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    for (char *line = msg, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        cli_err("carnet: %s\n", line);
    }
    free(msg);
}

int cli_fail(const struct error *err)
{
    cli_error("%s", err->msg[0] ? err->msg : _("failed"));
    return EXIT_FAIL;
}

int cli_query_fail(const struct cli *c, const struct error *err)
{
    if (err->code != ERR_INVALID && err->code != ERR_NOTFOUND)
        return cli_fail(err);
    cli_error("%s: %s", c->argv[0], err->msg);
    return EXIT_USAGE;
}

int cli_usage(const struct cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    vsnprintf(buf, sizeof buf, gettext(fmt), ap);
    va_end(ap);
    cli_error("%s: %s (see: carnet %s --help)", c->argv[0], buf, c->argv[0]);
    return EXIT_USAGE;
}

static void print_help(const struct command *cmd)
{
    cli_out("%s: carnet %s %s\n\n%s\n", _("Usage"), cmd->name, cmd->usage, _(cmd->summary));
    if (cmd->help)
        cli_out("\n%s\n", _(cmd->help));
    cli_out("\n%s\n", _("  --db PATH      the store to use (also CARNET_DB)\n  --help         this help"));
}

bool cli_wants_help(const struct cli *c)
{
    for (int i = 1; i < c->argc; i++) {
        if (strcmp(c->argv[i], "--") == 0)
            break;
        if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0) {
            for (const struct command *cmd = cli_commands; cmd->name; cmd++)
                if (strcmp(cmd->name, c->argv[0]) == 0)
                    print_help(cmd);
            /* carnet add KIND --help: what KIND's field=value pairs can be. */
            if (strcmp(c->argv[0], "add") == 0 && c->argc > 1 && kind_find(c->argv[1]))
                cli_kind_help(kind_find(c->argv[1]));
            return true;
        }
    }
    return false;
}

struct store *cli_open(struct cli *c, unsigned flags, int *status)
{
    struct error err;
    error_clear(&err);
    /* A reading command upgrades a store of an earlier carnet, as the
     * application does on opening; the probe of init and carnet check
     * (any login) look at a store as it is. */
    if ((flags & STORE_READONLY) && !(flags & STORE_ANY_LOGIN))
        flags |= STORE_UPGRADE;
    struct store *s = store_open(c->db_path, flags, &err);
    if (!s)
        *status = cli_fail(&err);
    return s;
}

const struct kind *cli_kind(const struct cli *c, const char *name, int *status)
{
    const struct kind *k = name ? kind_find(name) : NULL;
    if (k)
        return k;
    char list[512] = "";
    for (int i = 0; kinds[i]; i++) {
        strcat(list, i ? ", " : "");
        strcat(list, kinds[i]->name);
    }
    *status = cli_usage(c, name ? "'%s' is not a kind of record; the kinds are: %s" : N_("give a kind of record%s: %s"),
                        name ? name : "", list);
    return NULL;
}

int cli_format(const struct cli *c, const char *s, unsigned allowed)
{
    static const char *const names[] = {"table", "text", "csv", "json", "xlsx"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0 && (allowed & (1u << i)))
            return i;
    char list[64] = "";
    for (int i = 0; i < 5; i++)
        if (allowed & (1u << i)) {
            strcat(list, list[0] ? ", " : "");
            strcat(list, names[i]);
        }
    cli_usage(c, "--format %s: expected one of %s", s, list);
    return -1;
}

/* The translations: CARNET_LOCALEDIR, else a locale/ folder beside the
 * binary (a build tree), else where cmake --install put them. */
static const char *locale_dir(void)
{
    const char *env = getenv("CARNET_LOCALEDIR");
    if (env && *env)
        return env;
    static char dir[4096];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 16);
    if (n > 0) {
        dir[n] = '\0';
        char *slash = strrchr(dir, '/');
        if (slash) {
            strcpy(slash + 1, "locale");
            struct stat st;
            if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
                return dir;
        }
    }
    return CARNET_LOCALEDIR;
}

static void print_usage(FILE *out)
{
    cli_print(out, "%s\n\n", _("carnet: the logbook of a social centre's initiatives, governance and anti-discrimination actions."));
    cli_print(out, "%s: carnet [--db PATH] [COMMAND [ARGS...]]\n\n", _("Usage"));
    cli_print(out, "%s\n", _("Without a command, carnet opens the store (the terminal application)."));
    cli_print(out, "\n%s\n", _("Commands:"));
    for (const struct command *cmd = cli_commands; cmd->name; cmd++)
        cli_print(out, "  %-9s %s\n", cmd->name, _(cmd->summary));
    cli_print(out, "\n%s\n", _("'carnet COMMAND --help' tells more. Exit status: 0 done, 2 usage error, 1 any other failure."));
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    bindtextdomain(CARNET_TEXTDOMAIN, locale_dir());
    textdomain(CARNET_TEXTDOMAIN);

    struct cli c = {0};
    const char *db = getenv("CARNET_DB");
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            db = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            db = argv[i] + 5;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            cli_out("carnet %s\n", CARNET_VERSION);
            return EXIT_OK;
        } else {
            cli_error("unknown option %s (see: carnet --help)", argv[i]);
            return EXIT_USAGE;
        }
    }
    c.db_path = db && *db ? xstrdup(db) : store_default_path();
    /* Options after the command may also name the store. */
    for (int j = i; j < argc; j++) {
        if (strcmp(argv[j], "--") == 0)
            break;
        if (strcmp(argv[j], "--db") == 0 && j + 1 < argc) {
            free(c.db_path);
            c.db_path = xstrdup(argv[j + 1]);
        } else if (strncmp(argv[j], "--db=", 5) == 0) {
            free(c.db_path);
            c.db_path = xstrdup(argv[j] + 5);
        }
    }
    const char *name = i < argc ? argv[i] : "open";
    int status = EXIT_USAGE;
    const struct command *cmd = cli_commands;
    for (; cmd->name; cmd++)
        if (strcmp(cmd->name, name) == 0)
            break;
    if (!cmd->name) {
        cli_error("'%s' is not a carnet command (see: carnet --help)", name);
    } else {
        /* The command sees its own arguments, --db removed. */
        char **args = xcalloc((size_t)argc + 1, sizeof *args);
        int n = 0;
        args[n++] = (char *)cmd->name;
        for (int j = i + 1; j < argc; j++) {
            if (strcmp(argv[j], "--db") == 0 && j + 1 < argc) {
                j++;
                continue;
            }
            if (strncmp(argv[j], "--db=", 5) == 0)
                continue;
            args[n++] = argv[j];
        }
        c.argc = n;
        c.argv = args;
        status = cli_wants_help(&c) ? EXIT_OK : cmd->run(&c);
        free(args);
    }
    free(c.db_path);
    return status;
}
