/* Writing a file whole or not at all, and never over a store: the guard
 * looks at what the target is (by identity against the store in use, by
 * content against every SQLite file, by name against a store's companions),
 * then the bytes go to a temporary file renamed into place. */
#include "util/outfile.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The files SQLite keeps beside a database. */
static const char *const companions[] = {"", "-wal", "-shm", "-journal"};

enum content { PLAIN, SQLITE_FILE, UNREADABLE };

/* What the first bytes of path say: the header of a database ("SQLite
 * format 3\0"), of a WAL file, of a rollback journal, or the version that
 * an -shm file (the WAL index) holds twice in its header. */
static enum content sniff(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return UNREADABLE;
    unsigned char h[52];
    size_t n = 0;
    ssize_t r;
    while (n < sizeof h && (r = read(fd, h + n, sizeof h - n)) != 0) {
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            errno = e;
            return UNREADABLE;
        }
        n += (size_t)r;
    }
    close(fd);
    static const unsigned char journal[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
    if (n >= 16 && memcmp(h, "SQLite format 3", 16) == 0)
        return SQLITE_FILE;
    if (n >= 4 && h[0] == 0x37 && h[1] == 0x7f && h[2] == 0x06 && (h[3] == 0x82 || h[3] == 0x83))
        return SQLITE_FILE;
    if (n >= 8 && memcmp(h, journal, sizeof journal) == 0)
        return SQLITE_FILE;
    uint32_t v0, v48;
    if (n >= 52) {
        memcpy(&v0, h, 4);
        memcpy(&v48, h + 48, 4);
        if (v0 == 3007000 && v48 == 3007000)
            return SQLITE_FILE;
    }
    return PLAIN;
}

/* Whether st is the store keep or one of its companions. */
static bool is_kept(const struct stat *st, const char *keep)
{
    for (size_t i = 0; keep && i < sizeof companions / sizeof *companions; i++) {
        char *p = xasprintf("%s%s", keep, companions[i]);
        struct stat k;
        bool same = stat(p, &k) == 0 && k.st_dev == st->st_dev && k.st_ino == st->st_ino;
        free(p);
        if (same)
            return true;
    }
    return false;
}

/* Whether path is named as a companion (-wal, -shm, -journal) of an
 * existing SQLite database, which SQLite would read at its next open. */
static bool is_companion_name(const char *path, const char *keep)
{
    size_t len = strlen(path);
    for (size_t i = 1; i < sizeof companions / sizeof *companions; i++) {
        size_t sl = strlen(companions[i]);
        if (len <= sl || strcmp(path + len - sl, companions[i]) != 0)
            continue;
        char *base = xstrndup(path, len - sl);
        struct stat st;
        bool db = stat(base, &st) == 0 && S_ISREG(st.st_mode) && (is_kept(&st, keep) || sniff(base) == SQLITE_FILE);
        free(base);
        if (db)
            return true;
    }
    return false;
}

int outfile_check(const char *path, const char *keep, char *why, size_t n)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT) {
            snprintf(why, n, _("cannot write %s: %s"), path, strerror(errno));
            return -1;
        }
    } else if (S_ISDIR(st.st_mode)) {
        snprintf(why, n, _("%s is a folder; give the name of a file to write"), path);
        return -1;
    } else if (!S_ISREG(st.st_mode)) {
        snprintf(why, n,
                 _("%s is a device or a special file, not a regular file; give the name of a file to write"), path);
        return -1;
    } else if (is_kept(&st, keep)) {
        snprintf(why, n, _("%s is the store in use (or one of its files); carnet never writes over a store: "
                           "give another file name"), path);
        return -1;
    } else {
        enum content c = sniff(path);
        if (c == UNREADABLE) {
            snprintf(why, n, _("%s exists and cannot be read (%s); carnet replaces a file only after checking that "
                               "it is not a store: give another file name"), path, strerror(errno));
            return -1;
        }
        if (c == SQLITE_FILE) {
            snprintf(why, n, _("%s is an SQLite database (a carnet store, or one of its -wal, -shm or -journal "
                               "files); carnet never writes over one: give another file name"), path);
            return -1;
        }
    }
    if (is_companion_name(path, keep)) {
        snprintf(why, n, _("%s is a file that SQLite keeps beside a store (its -wal, -shm or -journal file); "
                           "carnet never writes one: give another file name"), path);
        return -1;
    }
    return 0;
}

int outfile_open(struct outfile *o, const char *path, const char *keep)
{
    memset(o, 0, sizeof *o);
    if (outfile_check(path, keep, o->error, sizeof o->error) != 0)
        return -1;
    /* Through a symbolic link, the file it points to is replaced (in its
     * own folder, so that the rename stays on one file system). */
    char *real = realpath(path, NULL);
    o->path = real ? xstrdup(real) : xstrdup(path);
    free(real);
    char *copy = xstrdup(o->path);
    o->tmp = xasprintf("%s/.carnet-XXXXXX", dirname(copy));
    free(copy);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || fchmod(fd, 0600) != 0 || !(o->f = fdopen(fd, "w"))) {
        snprintf(o->error, sizeof o->error, _("cannot write %s: %s"), path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        free(o->path);
        o->path = NULL;
        return -1;
    }
    return 0;
}

void outfile_abort(struct outfile *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    o->f = NULL;
    free(o->tmp);
    o->tmp = NULL;
    free(o->path);
    o->path = NULL;
}

int outfile_commit(struct outfile *o, const char *keep)
{
    if (!o->f)
        return -1;
    int rc = 0;
    errno = 0;
    if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
        rc = errno ? errno : EIO;
    if (fclose(o->f) != 0 && !rc)
        rc = errno ? errno : EIO;
    o->f = NULL;
    if (rc) {
        snprintf(o->error, sizeof o->error, _("writing %s failed: %s"), o->path, strerror(rc));
    } else if (outfile_check(o->path, keep, o->error, sizeof o->error) != 0) {
        rc = EEXIST;
    } else if (rename(o->tmp, o->path) != 0) {
        rc = errno;
        snprintf(o->error, sizeof o->error, _("writing %s failed: %s"), o->path, strerror(rc));
    } else {
        /* The new name on disk too, or a crash could bring back the old file. */
        char *copy = xstrdup(o->path);
        int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
        free(copy);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(o->tmp);
        o->tmp = NULL;
    }
    outfile_abort(o);
    return rc ? -1 : 0;
}
