/* Opening a store, its transactions, its clock and who is writing.
 * The HLC and the change sequence live in `meta` and advance inside each
 * BEGIN IMMEDIATE, so every process on one store shares one clock. */
#include "model/record.h"
#include "model/store_internal.h"
#include "util/xalloc.h"
#include "util/strbuf.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

char *store_default_path(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg)
        return xasprintf("%s/carnet/carnet.db", xdg);
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(geteuid());
        home = pw ? pw->pw_dir : "/tmp";
    }
    return xasprintf("%s/.local/share/carnet/carnet.db", home);
}

/* mkdir -p of the folders above path, each new one 0700. */
static int make_parents(const char *path, struct error *err)
{
    char *dir = xstrdup(path);
    int rc = 0;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            rc = error_add(err, ERR_IO, "cannot create the folder %s: %s", dir, strerror(errno));
            break;
        }
        *p = '/';
    }
    free(dir);
    return rc;
}

static void guard_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    const struct store *s = sqlite3_user_data(ctx);
    sqlite3_result_int(ctx, s->in_api);
}

/* use_carnet_to_write(row_seq), for the full-text triggers: 1 when the
 * row's text is indexed now, 0 when it waits for its bulk transaction to
 * commit (schema_fts_catch_up). Same name as the guard's, so a write from
 * another program fails on the guard's message whichever trigger SQLite
 * compiles first. */
static void fts_now_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const struct store *s = sqlite3_user_data(ctx);
    sqlite3_result_int(ctx, sqlite3_value_int64(argv[0]) <= s->fts_from);
}

/* The functions carnet's triggers call, which only carnet's connections have. */
static void add_functions(struct store *s)
{
    s->fts_from = INT64_MAX;
    sqlite3_create_function(s->db, "use_carnet_to_write", 0, SQLITE_UTF8, s, guard_function, NULL, NULL);
    sqlite3_create_function(s->db, "use_carnet_to_write", 1, SQLITE_UTF8, s, fts_now_function, NULL, NULL);
}

/* The cache hands a statement to one caller at a time: a slot is held from
 * db_prepare to db_release, and a statement SQLite is still stepping is
 * never reset or finalized, even if its caller forgot to release it. A
 * nested walk over the same SQL (a callback that runs the same list), or a
 * cache whose every slot is held, gets a statement of its own that
 * db_release finalizes: finalizing a held statement would free what an
 * outer sqlite3_step still reads. When the cache is full, the slot used
 * least recently among those free to go is replaced. */
static bool slot_taken(const struct stmt_slot *c)
{
    return c->held || sqlite3_stmt_busy(c->stmt);
}

sqlite3_stmt *db_prepare(struct store *s, const char *sql, struct error *err)
{
    int free_slot = -1, victim = -1;
    bool same_held = false;
    for (int i = 0; i < STMT_CACHE; i++) {
        struct stmt_slot *c = &s->cache[i];
        if (!c->sql) {
            if (free_slot < 0)
                free_slot = i;
            continue;
        }
        bool taken = slot_taken(c);
        if (strcmp(c->sql, sql) == 0) {
            if (taken) {
                same_held = true;
                continue;
            }
            sqlite3_reset(c->stmt);
            sqlite3_clear_bindings(c->stmt);
            c->held = true;
            c->used = ++s->cache_tick;
            return c->stmt;
        }
        if (!taken && (victim < 0 || c->used < s->cache[victim].used))
            victim = i;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        db_error(s, err, "preparing a query");
        return NULL;
    }
    s->prepared++;
    int slot = free_slot >= 0 ? free_slot : victim;
    if (same_held || slot < 0) {    /* the caller's own, finalized by db_release */
        s->uncached++;
        return st;
    }
    struct stmt_slot *c = &s->cache[slot];
    if (c->sql) {
        free(c->sql);
        sqlite3_finalize(c->stmt);
        s->evicted++;
    }
    c->sql = xstrdup(sql);
    c->stmt = st;
    c->held = true;
    c->used = ++s->cache_tick;
    return st;
}

void db_release(struct store *s, sqlite3_stmt *st)
{
    if (!st)
        return;
    for (int i = 0; i < STMT_CACHE; i++)
        if (s->cache[i].stmt == st) {
            sqlite3_reset(st);
            s->cache[i].held = false;
            return;
        }
    sqlite3_finalize(st);
    s->uncached--;
}

void db_cache_stats(const struct store *s, struct db_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < STMT_CACHE; i++)
        if (s->cache[i].sql)
            out->cached++;
    out->prepared = s->prepared;
    out->evicted = s->evicted;
    out->uncached = s->uncached;
}

sqlite3_stmt *db_prepare_slot(struct store *s, sqlite3_stmt **slot, const char *sql, const char *doing,
                              struct error *err)
{
    if (!*slot && sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
        db_error(s, err, doing);
        return NULL;
    }
    sqlite3_reset(*slot);
    sqlite3_clear_bindings(*slot);
    return *slot;
}

int db_exec(struct store *s, const char *sql, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, sql, err);
    if (!st)
        return err ? err->code : ERR_DB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    rc = rc == SQLITE_DONE ? 0 : db_error(s, err, "writing");
    db_release(s, st);
    return rc;
}

int db_exec_script(struct store *s, const char *sql, struct error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = db_error(s, err, "updating the schema");
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

/* Where to turn when the store is damaged: the newest *.bak in its folder
 * (carnet writes one before each upgrade), or how to have one next time. */
char *store_backup_hint(const char *path)
{
    char *copy = xstrdup(path);
    const char *dir = dirname(copy);
    char *best = NULL;
    time_t best_time = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".bak") != 0)
            continue;
        char *p = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && (!best || st.st_mtime >= best_time)) {
            free(best);
            best = p;
            best_time = st.st_mtime;
        } else {
            free(p);
        }
    }
    if (d)
        closedir(d);
    char *hint;
    if (best)
        hint = xasprintf(_("The latest backup is %s: move the damaged file aside (keep it), then copy the backup in its place "
                         "(changes made since the backup are lost)"), best);
    else
        hint = xasprintf(_("There is no backup (*.bak) in %s: if you have one elsewhere, copy it in place of the damaged file; "
                         "from now on, make backups regularly with: carnet backup FILE.bak"), dir);
    free(best);
    free(copy);
    return hint;
}

/* A full disk is SQLITE_FULL when the WAL grows, but an I/O error when the
 * shared-memory file cannot be made or grown: then ask the file system. */
static bool disk_full(const char *path)
{
    char *copy = xstrdup(path);
    struct statvfs v;
    bool full = statvfs(dirname(copy), &v) == 0 && (uint64_t)v.f_bavail * v.f_frsize < 64 * 1024;
    free(copy);
    return full;
}

int db_error(struct store *s, struct error *err, const char *doing)
{
    int code = sqlite3_extended_errcode(s->db) & 0xFF;
    const char *what = sqlite3_errmsg(s->db);
    if (code == SQLITE_IOERR && disk_full(s->path))
        code = SQLITE_FULL;
    switch (code) {
    case SQLITE_FULL:
        return error_add(err, ERR_FULL, "%s: the disk is full; nothing was saved. Free some space and try again", s->path);
    case SQLITE_READONLY:
        return error_add(err, ERR_READONLY, "%s: the store is read-only; nothing was saved", s->path);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return error_add(err, ERR_BUSY, "%s: the store stayed busy for too long while %s; try again", s->path, _(doing));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: {
        char *hint = store_backup_hint(s->path);
        int rc = error_add(err, ERR_CORRUPT, "%s is damaged or is not a carnet store (%s); nothing was saved. %s", s->path, what, hint);
        free(hint);
        return rc;
    }
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
        return error_add(err, ERR_IO, "%s: cannot read or write the file (%s)", s->path, what);
    default:
        return error_add(err, ERR_DB, "%s: %s while %s", s->path, what, _(doing));
    }
}

int64_t db_int(struct store *s, const char *sql, const char *arg)
{
    sqlite3_stmt *st = db_prepare(s, sql, NULL);
    if (!st)
        return -1;
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    db_release(s, st);
    return v;
}

static int load_meta(struct store *s, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT key, value FROM meta", err);
    if (!st)
        return err->code;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        if (!k || !v)
            continue;
        if (strcmp(k, "site_id") == 0)
            snprintf(s->site_id, sizeof s->site_id, "%s", v);
        else if (strcmp(k, "dataset_id") == 0)
            snprintf(s->dataset_id, sizeof s->dataset_id, "%s", v);
        else if (strcmp(k, "name") == 0) {
            free(s->name);
            s->name = xstrdup(v);
        }
    }
    db_release(s, st);
    if (!id_valid(s->site_id))
        return error_add(err, ERR_CORRUPT, "%s: the store has no valid site id in its meta table", s->path);
    /* The site id as 16 raw bytes, for clocks. */
    for (int i = 0, j = 0; s->site_id[i] && j < 16; i++) {
        if (s->site_id[i] == '-')
            continue;
        unsigned v;
        sscanf(s->site_id + i, "%2x", &v);
        s->site[j++] = (unsigned char)v;
        i++;
    }
    return 0;
}

static void set_login(struct store *s)
{
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name)
        snprintf(s->login, sizeof s->login, "%s", pw->pw_name);
    else
        snprintf(s->login, sizeof s->login, "uid%ld", (long)geteuid());
}

static void mark_readonly(struct store *s, const char *why)
{
    s->readonly = true;
    free(s->readonly_reason);
    s->readonly_reason = xstrdup(why);
}

/* Migrations are preceded by a copy of the store, next to it. */
static int backup_before_migration(struct store *s, int from, struct error *err)
{
    char stamp[32];
    time_t t = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
    char *path = xasprintf("%s.v%d-%s.bak", s->path, from, stamp);
    int rc = store_backup(s, path, err);
    free(path);
    return rc;
}

bool store_path_shared(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && (st.st_mode & S_IWGRP))
        return true;
    char *copy = xstrdup(path);
    bool setgid = stat(dirname(copy), &st) == 0 && (st.st_mode & S_ISGID);
    free(copy);
    return setgid;
}

/* Waits for another process's lock for about 10 s. SQLite's own handler
 * soon sleeps 100 ms at a time, so queued writers leave the lock idle while
 * they sleep; short sleeps keep them close behind each other. */
static int busy_wait(void *ctx, int count)
{
    (void)ctx;
    if (count >= 2060)          /* 10 x 1 ms + 50 x 2 ms + 2000 x 5 ms */
        return 0;
    sqlite3_sleep(count < 10 ? 1 : count < 60 ? 2 : 5);
    return 1;
}

/* Sets journal_mode=WAL unless the file is in WAL already: changing the mode
 * takes an exclusive lock, which another process writing must not make fail
 * (its busy handler and a few retries cover the first open of a new store). */
static void use_wal(struct store *s)
{
    sqlite3_stmt *st = NULL;
    for (int tries = 0; tries < 5; tries++) {
        if (sqlite3_prepare_v2(s->db, tries ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode", -1, &st, NULL) != SQLITE_OK)
            return;
        bool wal = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
                   strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
        sqlite3_finalize(st);
        if (wal)
            return;
    }
}

/* In WAL mode even a reader must create the -shm file beside the store; in
 * a folder it may not write to, it can only read the file as immutable (no
 * locks, no WAL), which the reason says. 0 when the store reads fine. */
static int reopen_immutable(struct store *s, struct error *err)
{
    int rc = sqlite3_exec(s->db, "PRAGMA user_version", NULL, NULL, NULL);
    if ((rc & 0xFF) != SQLITE_READONLY && (rc & 0xFF) != SQLITE_CANTOPEN)
        return 0;
    struct strbuf uri;
    strbuf_init(&uri);
    strbuf_adds(&uri, "file:");
    for (const char *p = s->path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            strbuf_addf(&uri, "%%%02X", (unsigned char)*p);
        else
            strbuf_addc(&uri, *p);
    }
    strbuf_adds(&uri, "?immutable=1");
    sqlite3_close(s->db);
    rc = sqlite3_open_v2(uri.s, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    strbuf_free(&uri);
    if (rc != SQLITE_OK)
        return error_add(err, ERR_IO, "cannot open %s: %s", s->path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
    char *why = xasprintf(_("%s, nor create files in its folder: it is read as it was when opened, "
                            "and changes made by others while it is open will not be seen"), s->readonly_reason);
    mark_readonly(s, why);
    free(why);
    return 0;
}

/* The message for a login that is not a member of the store. */
static int not_a_member(struct store *s, const char *admins, struct error *err)
{
    return error_add(err, ERR_PERM,
                     "your login '%s' is not a member of this store; ask an administrator (%s) to run: carnet member add %s --role facilitator",
                     s->login, admins, s->login);
}

static char *admin_logins(struct store *s);

/* Only members see a store; an empty member table (a store being repaired)
 * lets anyone in, or nobody could ever fix it. */
static int check_member(struct store *s, struct error *err)
{
    if (store_role(s) != ROLE_NONE || db_int(s, "SELECT count(*) FROM member WHERE deleted = 0", NULL) <= 0)
        return 0;
    char *admins = admin_logins(s);
    int rc = not_a_member(s, admins, err);
    free(admins);
    return rc;
}

static bool companion_exists(const char *path, const char *suffix)
{
    char *p = xasprintf("%s%s", path, suffix);
    bool there = access(p, F_OK) == 0;
    free(p);
    return there;
}

static void companion_remove(const char *path, const char *suffix)
{
    char *p = xasprintf("%s%s", path, suffix);
    unlink(p);
    free(p);
}

/* What is at path, told before SQLite touches it: SQLite makes a store of an
 * empty file, leaves a journal beside a device and calls a folder a "disk
 * I/O error". 0 when path holds an SQLite database, or when it is missing and
 * flags allow making one (*missing says so); else the one sentence that says
 * what the path is and what to do. */
static int check_path(const char *path, unsigned flags, bool *missing, struct error *err)
{
    struct stat st;
    *missing = false;
    if (stat(path, &st) != 0) {
        if (errno == EACCES)
            return error_add(err, ERR_PERM,
                             "you may not reach %s (permission denied): a shared store is open only to its group; "
                             "ask its administrator to add you to the group", path);
        if (errno != ENOENT || !(flags & STORE_CREATE) || (flags & STORE_READONLY))
            return error_add(err, ERR_NOTFOUND,
                             "there is no store at %s; create one with 'carnet init' (or give another with --db)", path);
        *missing = true;
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        return error_add(err, ERR_INVALID, "%s is a folder; give the path of a store file (e.g. %s/carnet.db)", path,
                         path);
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return error_add(err, ERR_INVALID, "%s is a device, not a store file; give the path of a store file "
                         "(one made by 'carnet init')", path);
    if (!S_ISREG(st.st_mode))
        return error_add(err, ERR_INVALID, "%s is a special file (a pipe or a socket), not a store file; give the path "
                         "of a store file (one made by 'carnet init')", path);
    if (st.st_size == 0 && !(flags & STORE_EMPTY_OK))
        return error_add(err, ERR_CORRUPT, "%s is an empty file, not a carnet store; if a store should be there, copy "
                         "its latest backup in its place, else delete the empty file or give another path", path);
    if (st.st_size == 0)
        return 0;
    char head[16];
    int fd = open(path, O_RDONLY | O_NOCTTY);
    if (fd < 0)
        return error_add(err, ERR_PERM, "you may not read %s (%s); ask its owner or administrator for access", path,
                         strerror(errno));
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", sizeof head) != 0)
        return error_add(err, ERR_CORRUPT, "%s is a file that is not a carnet store (not an SQLite database, or "
                         "damaged at its start); check the path given", path);
    return 0;
}

struct store *store_open(const char *path, unsigned flags, struct error *err)
{
    bool created;
    if (check_path(path, flags, &created, err) != 0)
        return NULL;
    if (created) {
        if (make_parents(path, err) != 0)
            return NULL;
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0) {
            error_add(err, ERR_IO, "cannot create the store %s: %s", path, strerror(errno));
            return NULL;
        }
        close(fd);
    }
    struct stat st;
    bool fresh = created || ((flags & STORE_EMPTY_OK) && stat(path, &st) == 0 && st.st_size == 0);

    /* SQLite gives the WAL and SHM files the database's mode, but their
     * group and any file made here (a migration backup) follow the umask:
     * members of the group must be able to use what this process creates. */
    bool shared = store_path_shared(path);
    mode_t old_umask = shared ? umask(007) : 0;
    struct store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    s->name = xstrdup("");
    set_login(s);
    if (flags & STORE_READONLY)
        mark_readonly(s, _("opened read-only"));
    else if (access(path, W_OK) != 0)
        mark_readonly(s, _("you cannot write to the file"));

    /* A read-only connection to a database in WAL mode makes its -wal and
     * -shm files and leaves them: those made beside a file that turns out
     * not to be a store are removed (nothing was written to them). */
    bool foreign = false, had_wal = companion_exists(path, "-wal"), had_shm = companion_exists(path, "-shm");
    int oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
        error_add(err, ERR_IO, "cannot open %s: %s", path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto fail;
    }
    if (s->readonly && reopen_immutable(s, err) != 0)
        goto fail;
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, busy_wait, NULL);
    /* Tests of the sync's faulty-clock refusal run a process whose clock is off. */
    const char *skew = getenv("CARNET_CLOCK_SKEW_MS");
    s->skew_ms = skew ? strtoll(skew, NULL, 10) : 0;
    if (shared) {
        /* Kept WAL and SHM files are never recreated by a process whose
         * group or umask differs; journal_size_limit truncates the WAL at
         * the last close. */
        int on = 1;
        sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
        sqlite3_exec(s->db, "PRAGMA journal_size_limit=67108864", NULL, NULL, NULL);
    }
    add_functions(s);

    int version = (int)db_int(s, "PRAGMA user_version", NULL);
    if (version < 0) {
        db_error(s, err, "reading the schema version");
        if (err && err->code == ERR_CORRUPT) {
            error_clear(err);
            error_add(err, ERR_CORRUPT, "%s is not a carnet store (it is not an SQLite database, or it is damaged)", path);
        }
        goto fail;
    }
    if (version > STORE_SCHEMA_VERSION) {
        error_add(err, ERR_VERSION,
                  "%s was written by a newer carnet (schema version %d); this carnet knows versions up to %d. "
                  "Install a newer carnet; the store was not changed",
                  path, version, STORE_SCHEMA_VERSION);
        goto fail;
    }
    /* Nothing is written to a file before it is known to be a store (or one
     * being made here): the table of tables is read first. */
    int64_t tables = db_int(s, version == 0 ? "SELECT count(*) FROM sqlite_master"
                                            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                            NULL);
    if (tables < 0) {
        db_error(s, err, "reading the schema version");
        goto fail;
    }
    if ((version == 0 && tables > 0) || (version > 0 && tables == 0)) {
        error_add(err, ERR_CORRUPT, "%s is an SQLite database but not a carnet store; give another path", path);
        foreign = true;
        goto fail;
    }
    if (version == 0 && !fresh) {
        error_add(err, ERR_CORRUPT, "%s is an SQLite database with nothing in it, not a carnet store; delete it, "
                  "or give another path", path);
        foreign = true;
        goto fail;
    }
    if (!s->readonly) {
        use_wal(s);
        /* temp_store: every record write fires triggers that may abort, so
         * SQLite keeps a statement journal of the pages it touches; on disk
         * (the default) that was most of the bytes a bulk write wrote. */
        sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", NULL, NULL, NULL);
    }
    if (version < STORE_SCHEMA_VERSION) {
        if (s->readonly && (flags & STORE_UPGRADE) && access(path, W_OK) == 0) {
            /* A reading command on a store of an earlier carnet: the
             * upgrade is made (with its backup) by a writable open, and
             * the command then reads as it asked. */
            store_close(s);
            if (shared)
                umask(old_umask);
            struct store *w = store_open(path, flags & ~(unsigned)(STORE_READONLY | STORE_UPGRADE), err);
            if (!w)
                return NULL;
            store_close(w);
            return store_open(path, flags & ~(unsigned)STORE_UPGRADE, err);
        }
        if (s->readonly) {
            error_add(err, ERR_READONLY,
                      "%s has schema version %d and needs an upgrade to %d, but it is read-only (%s)",
                      path, version, STORE_SCHEMA_VERSION, s->readonly_reason);
            goto fail;
        }
        if (version > 0 && backup_before_migration(s, version, err) != 0)
            goto fail;
        if (schema_migrate(s, version, STORE_SCHEMA_VERSION, err) != 0)
            goto fail;
    }
    s->schema_version = STORE_SCHEMA_VERSION;
    if (load_meta(s, err) != 0)
        goto fail;
    if (!(flags & STORE_ANY_LOGIN) && check_member(s, err) != 0)
        goto fail;
    if (shared)
        umask(old_umask);
    return s;
fail:
    store_close(s);
    if (foreign && !had_wal)
        companion_remove(path, "-wal");
    if (foreign && !had_shm)
        companion_remove(path, "-shm");
    if (shared)
        umask(old_umask);
    return NULL;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (int i = 0; i < STMT_CACHE; i++) {
        free(s->cache[i].sql);
        sqlite3_finalize(s->cache[i].stmt);
    }
    for (int i = 0; i < FTS_KINDS; i++)
        sqlite3_finalize(s->insert[i]);
    if (s->db)
        sqlite3_close(s->db);
    free(s->path);
    free(s->name);
    free(s->readonly_reason);
    free(s);
}

const char *store_path(const struct store *s) { return s->path; }
bool store_readonly(const struct store *s) { return s->readonly; }
const char *store_readonly_reason(const struct store *s) { return s->readonly ? s->readonly_reason : NULL; }
int store_schema_version(const struct store *s) { return s->schema_version; }
const char *store_site_id(const struct store *s) { return s->site_id; }
const char *store_dataset_id(const struct store *s) { return s->dataset_id; }
const char *store_name(const struct store *s) { return s->name; }
const char *store_login(const struct store *s) { return s->login; }

int store_set_name(struct store *s, const char *name, struct error *err)
{
    if (store_may_write(s, NULL, err) != 0 || store_begin(s, err) != 0)
        return err->code;
    sqlite3_stmt *st = db_prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES ('name', ?)", err);
    if (!st)
        goto fail;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) {
        db_error(s, err, "renaming the store");
        db_release(s, st);
        goto fail;
    }
    db_release(s, st);
    if (store_commit(s, err) != 0)
        return err->code;
    free(s->name);
    s->name = xstrdup(name);
    return 0;
fail:
    store_rollback(s);
    return err->code;
}

enum store_role store_role(struct store *s)
{
    sqlite3_stmt *st = db_prepare(s, "SELECT role FROM member WHERE login = ? AND deleted = 0", NULL);
    if (!st)
        return ROLE_NONE;
    sqlite3_bind_text(st, 1, s->login, -1, SQLITE_STATIC);
    enum store_role r = ROLE_NONE;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *role = (const char *)sqlite3_column_text(st, 0);
        if (role && strcmp(role, "admin") == 0)
            r = ROLE_ADMIN;
        else if (role && strcmp(role, "facilitator") == 0)
            r = ROLE_FACILITATOR;
        else if (role && strcmp(role, "manager") == 0)
            r = ROLE_MANAGER;
    }
    db_release(s, st);
    return r;
}

/* "alice, bob": the logins to ask for access. */
static char *admin_logins(struct store *s)
{
    struct strbuf b;
    strbuf_init(&b);
    sqlite3_stmt *st = db_prepare(s, "SELECT login FROM member WHERE role = 'admin' AND deleted = 0 ORDER BY login LIMIT 5", NULL);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        if (b.len)
            strbuf_adds(&b, ", ");
        strbuf_adds(&b, (const char *)sqlite3_column_text(st, 0));
    }
    db_release(s, st);
    if (!b.len)
        strbuf_adds(&b, _("the person who set up this store"));
    return strbuf_detach(&b);
}

int store_may_write(struct store *s, const char *kind_name, struct error *err)
{
    if (s->readonly)
        return error_add(err, ERR_READONLY, "%s is read-only (%s); nothing was changed", s->path, s->readonly_reason);
    enum store_role role = store_role(s);
    const struct kind *k = kind_name ? kind_find(kind_name) : NULL;
    if (role == ROLE_ADMIN || (role == ROLE_FACILITATOR && !(k && (k->flags & K_ADMIN))))
        return 0;
    char *admins = admin_logins(s);
    int rc;
    if (role == ROLE_NONE)
        rc = not_a_member(s, admins, err);
    else if (role == ROLE_MANAGER)
        rc = error_add(err, ERR_PERM,
                       "your login '%s' is a manager: managers read everything but change nothing; if you need to write, ask an administrator (%s) to run: carnet member set-role %s facilitator",
                       s->login, admins, s->login);
    else
        rc = error_add(err, ERR_PERM, "only administrators (%s) can change %s; ask one of them to do it, or to run: carnet member set-role %s admin",
                       admins, k ? _(k->plural) : _("records"), s->login);
    free(admins);
    return rc;
}

static int64_t meta_int(struct store *s, const char *key)
{
    return db_int(s, "SELECT value FROM meta WHERE key = ?", key);
}

/* Nested levels are savepoints: an inner failure (one row of an import)
 * rolls back that level only, and the outer transaction goes on. */
static int savepoint(struct store *s, const char *verb, int level)
{
    char sql[64];
    snprintf(sql, sizeof sql, "%s carnet_%d", verb, level);
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

int store_begin(struct store *s, struct error *err)
{
    if (s->depth > 0) {
        if (sqlite3_get_autocommit(s->db) || savepoint(s, "SAVEPOINT", s->depth) != SQLITE_OK)
            return db_error(s, err, "starting to write");
        s->depth++;
        return 0;
    }
    s->depth++;
    if (s->readonly) {
        s->depth = 0;
        return error_add(err, ERR_READONLY, "%s is read-only (%s); nothing was changed", s->path, s->readonly_reason);
    }
    /* The busy handler waits up to the busy timeout; a few more rounds cover
     * a long checkpoint or a sync batch on a loaded server. */
    int rc;
    for (int tries = 0; ((rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) & 0xFF) == SQLITE_BUSY && tries < 5; tries++)
        ;
    if (rc != SQLITE_OK) {
        s->depth = 0;
        return db_error(s, err, "starting to write");
    }
    s->in_api = true;
    int64_t h = meta_int(s, "hlc");
    s->hlc = h > 0 ? (uint64_t)h : 0;
    s->seq = meta_int(s, "seq");
    if (s->seq < 0)
        s->seq = 0;
    s->meta_dirty = false;
    s->fts_from = s->bulk ? s->seq : INT64_MAX;
    return 0;
}

static int save_meta(struct store *s, struct error *err)
{
    sqlite3_stmt *st = db_prepare(s, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, "hlc", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)s->hlc);
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = db_error(s, err, "saving the clock");
        goto done;
    }
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, "seq", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, s->seq);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_error(s, err, "saving the change sequence");
done:
    db_release(s, st);
    return rc;
}

int store_commit(struct store *s, struct error *err)
{
    if (s->depth == 0)
        return 0;
    if (s->depth > 1) {
        s->depth--;
        if (savepoint(s, "RELEASE", s->depth) != SQLITE_OK)
            return db_error(s, err, "saving");
        return 0;
    }
    if ((s->seq > s->fts_from && schema_fts_catch_up(s, s->fts_from, err) != 0) ||
        (s->meta_dirty && save_meta(s, err) != 0)) {
        store_rollback(s);
        return err->code;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = db_error(s, err, "saving");
        store_rollback(s);
        return rc;
    }
    s->depth = 0;
    s->in_api = false;
    s->fts_from = INT64_MAX;
    return 0;
}

void store_rollback(struct store *s)
{
    if (s->depth == 0)
        return;
    if (s->depth > 1 && !sqlite3_get_autocommit(s->db)) {
        s->depth--;
        savepoint(s, "ROLLBACK TO", s->depth);
        savepoint(s, "RELEASE", s->depth);
        return;
    }
    /* The outermost level, or SQLite already ended the transaction itself
     * (a full disk): writes that follow are refused by the guard triggers. */
    s->depth = 0;
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_api = false;
    s->fts_from = INT64_MAX;
}

int64_t store_now_ms(const struct store *s)
{
    if (s->now_override_ms)
        return s->now_override_ms;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + s->skew_ms;
}

void store_timestamp(const struct store *s, char out[21])
{
    time_t t = (time_t)(store_now_ms(s) / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void store_tick(struct store *s, unsigned char clk[CLOCK_SIZE])
{
    uint64_t wall = (uint64_t)store_now_ms(s) << 16;
    s->hlc = wall > s->hlc ? wall : s->hlc + 1;
    s->meta_dirty = true;
    for (int i = 0; i < 8; i++)
        clk[i] = (unsigned char)(s->hlc >> (56 - 8 * i));
    memcpy(clk + 8, s->site, 16);
}

void store_observe_hlc(struct store *s, uint64_t hlc)
{
    if (hlc > s->hlc) {
        s->hlc = hlc;
        s->meta_dirty = true;
    }
}

int64_t store_next_seq(struct store *s)
{
    s->meta_dirty = true;
    return ++s->seq;
}

int store_backup(struct store *s, const char *path, struct error *err)
{
    /* Into a temporary file beside path (util/outfile.h: never over a
     * store), which takes its name once whole: a backup cut short is no
     * backup, and must not look like one. */
    struct outfile o;
    if (outfile_open(&o, path, s->path) != 0)
        return error_add(err, ERR_IO, "%s", o.error);
    /* 0600, or the store's own mode. */
    struct stat st;
    bool known = stat(s->path, &st) == 0;
    mode_t mode = known && (st.st_mode & 0770) ? (st.st_mode & 0770) : 0600;
    int fd = fileno(o.f);
    fchmod(fd, mode);
    /* A backup of a shared store belongs to the store's group (a folder
     * without setgid would give it the writer's own group), or to nobody. */
    if (known && (mode & 0070) && fchown(fd, (uid_t)-1, st.st_gid) != 0)
        fchmod(fd, mode & 0700);
    sqlite3 *dst = NULL;
    if (sqlite3_open_v2(o.tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(dst);
        outfile_abort(&o);
        return error_add(err, ERR_IO, "cannot write the backup %s", path);
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
    int rc = SQLITE_ERROR;
    if (b) {
        /* Small steps so that writers on a shared store are never held long. */
        while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(rc == SQLITE_OK ? 0 : 20);
        sqlite3_backup_finish(b);
    }
    if (rc != SQLITE_DONE) {
        int code = (rc & 0xFF) == SQLITE_FULL ? ERR_FULL : ERR_IO;
        error_add(err, code, "the backup to %s failed: %s", path, sqlite3_errmsg(dst));
        sqlite3_close(dst);
        outfile_abort(&o);
        return code;
    }
    sqlite3_close(dst);
    if (outfile_commit(&o, s->path) != 0)
        return error_add(err, ERR_IO, "%s", o.error);
    return 0;
}

void store_today(char out[11])
{
    /* Tests and reports pin "today" (past-due figures, the report's date). */
    const char *pinned = getenv("CARNET_TODAY");
    if (pinned && numdate_date_valid(pinned)) {
        snprintf(out, 11, "%s", pinned);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

int store_create_at_version(const char *path, int version, struct error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return error_add(err, ERR_IO, "cannot create %s: %s", path, strerror(errno));
    close(fd);
    struct store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    s->name = xstrdup("");
    set_login(s);
    int rc = ERR_IO;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
        add_functions(s);
        db_exec_script(s, "PRAGMA journal_mode=WAL", NULL);
        rc = schema_migrate(s, 0, version, err);
    }
    store_close(s);
    return rc;
}

bool store_data_changed(struct store *s)
{
    int64_t v = db_int(s, "PRAGMA data_version", NULL);
    bool changed = s->data_version && v != s->data_version;
    s->data_version = v;
    return changed;
}

void store_bulk(struct store *s, bool on)
{
    /* A bigger page cache for the indexes a bulk write keeps touching. The
     * WAL keeps its usual 4 MB checkpoint interval: a longer one made the
     * next interactive commit on a shared store pay for a 40 MB checkpoint
     * (up to 463 ms measured during a sync). */
    db_exec_script(s, on ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000", NULL);
    /* Takes effect at the next transaction; one under way keeps its own. */
    s->bulk = on;
}
