/* The user-dirs file, read as xdg-user-dir would source it, without a
 * shell: NAME="VALUE" lines where VALUE is "$HOME/..." or "/...". */
#include "util/userdirs.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The value of one line 'XDG_NAME_DIR="..."' (p after the '="'), or NULL. */
static char *line_value(const char *p, const char *home)
{
    struct strbuf b;
    strbuf_init(&b);
    if (strncmp(p, "$HOME", 5) == 0 && (p[5] == '/' || p[5] == '"')) {
        strbuf_adds(&b, home ? home : "");
        p += 5;
    } else if (*p != '/') {
        strbuf_free(&b);
        return NULL;
    }
    for (; *p && *p != '"' && *p != '\n'; p++) {
        if (*p == '\\' && p[1] && p[1] != '\n')
            p++;
        strbuf_addc(&b, *p);
    }
    if (*p != '"') {
        strbuf_free(&b);
        return NULL;
    }
    return strbuf_detach(&b);
}

char *userdirs_parse(const char *text, const char *name, const char *home)
{
    char *key = xasprintf("XDG_%s_DIR=\"", name);
    size_t klen = strlen(key);
    char *found = NULL;
    for (const char *line = text; line && *line;) {
        line += strspn(line, " \t");
        if (strncmp(line, key, klen) == 0) {
            free(found);                /* the last line wins, as in a shell */
            found = line_value(line + klen, home);
        }
        const char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    free(key);
    return found;
}

static char *read_small_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    struct strbuf b;
    strbuf_init(&b);
    char chunk[4096];
    size_t n;
    while (b.len < 65536 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_add(&b, chunk, n);
    fclose(f);
    return strbuf_detach(&b);
}

static int is_dir(const char *path)
{
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *userdirs_documents(void)
{
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
    if (!home || !*home)
        home = NULL;
    char *file = xdg && *xdg && *xdg == '/' ? xasprintf("%s/user-dirs.dirs", xdg)
               : home ? xasprintf("%s/.config/user-dirs.dirs", home) : NULL;
    char *text = file ? read_small_file(file) : NULL;
    char *dir = text ? userdirs_parse(text, "DOCUMENTS", home) : NULL;
    free(text);
    free(file);
    /* user-dirs sets a folder it disables to $HOME itself; a folder that was
     * removed is no place to offer. */
    if (dir && is_dir(dir))
        return dir;
    free(dir);
    return xstrdup(home && is_dir(home) ? home : ".");
}
