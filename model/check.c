/* carnet check: what SQLite says of the file, the schema version, references
 * that point nowhere (sync lets rows arrive in any order, so they can exist
 * for a while), set members that are unknown, and a store others can read
 * (its file, WAL, SHM, and for a shared store its folder and group). */
#include "model/record_internal.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <grp.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>

static void dangling_refs(struct store *s, const struct kind *k, const struct field *f, int *problems, struct error *err)
{
    char *sql = xasprintf("SELECT t.id, t.%s FROM %s t WHERE t.%s IS NOT NULL AND NOT EXISTS "
                          "(SELECT 1 FROM %s r WHERE r.id = t.%s) LIMIT 20",
                          f->name, k->name, f->name, f->ref, f->name);
    sqlite3_stmt *st = db_prepare(s, sql, err);
    free(sql);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        (*problems)++;
        error_add(err, ERR_CORRUPT, "%s %s: %s refers to a %s that does not exist (%s)", _(k->label),
                  sqlite3_column_text(st, 0), _(f->label), _(kind_find(f->ref)->label), sqlite3_column_text(st, 1));
    }
    db_release(s, st);
}

static void unknown_codes(struct store *s, const struct kind *k, const struct field *f, int *problems, struct error *err)
{
    char *sql = xasprintf("SELECT m.rec_id, m.code FROM set_member m WHERE m.field = '%s.%s' AND NOT EXISTS "
                          "(SELECT 1 FROM %s r WHERE r.%s = m.code) LIMIT 20",
                          k->name, f->name, f->ref, kind_set_key(kind_find(f->ref)));
    sqlite3_stmt *st = db_prepare(s, sql, err);
    free(sql);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        (*problems)++;
        error_add(err, ERR_CORRUPT, "%s %s: %s holds '%s', which is not one of the %s", _(k->label),
                  sqlite3_column_text(st, 0), _(f->label), sqlite3_column_text(st, 1), _(kind_find(f->ref)->plural));
    }
    db_release(s, st);
}

static const char *group_name(gid_t gid)
{
    struct group *g = getgrgid(gid);
    return g ? g->gr_name : "?";
}

/* The store, its WAL and SHM must not let others in. A shared store's files
 * must also all belong to the store's group, and its folder must be closed
 * to others and setgid (so new files get the group, not their writer's). */
static void permissions(struct store *s, int *problems, struct error *err)
{
    struct stat db, st;
    if (stat(s->path, &db) != 0)
        return;
    bool shared = store_path_shared(s->path);
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char *p = xasprintf("%s%s", s->path, suffixes[i]);
        if (stat(p, &st) == 0 && (st.st_mode & S_IRWXO)) {
            (*problems)++;
            error_add(err, ERR_PERM, "%s can be read by every user of this machine; run: chmod o-rwx %s", p, p);
        } else if (stat(p, &st) == 0 && shared && st.st_gid != db.st_gid) {
            (*problems)++;
            char *want = xstrdup(group_name(db.st_gid));
            error_add(err, ERR_PERM, "%s belongs to the group %s, not to the store's group %s, so other members cannot use it; run: chgrp %s %s",
                      p, group_name(st.st_gid), want, want, p);
            free(want);
        }
        free(p);
    }
    char *copy = xstrdup(s->path);
    const char *dir = dirname(copy);
    if (shared && stat(dir, &st) == 0) {
        if (st.st_mode & S_IRWXO) {
            (*problems)++;
            error_add(err, ERR_PERM, "the folder %s of this shared store is open to every user of this machine; run: chmod o-rwx %s", dir, dir);
        }
        if (!(st.st_mode & S_ISGID)) {
            (*problems)++;
            error_add(err, ERR_PERM, "the folder %s of this shared store is not setgid, so new files get their writer's group; run: chmod g+s %s",
                      dir, dir);
        }
    }
    free(copy);
}

int store_check(struct store *s, int *problems, struct error *err)
{
    *problems = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
        (*problems)++;
        db_error(s, err, "checking the file");
        return err->code;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (line && strcmp(line, "ok") != 0) {
            (*problems)++;
            /* SQLite lists every bad page: the start says enough, and leaves
             * room in err for where to find a backup. */
            error_add(err, ERR_CORRUPT, "the file is damaged: %.600s%s", line, strlen(line) > 600 ? "..." : "");
        }
    }
    if (rc != SQLITE_DONE) {
        (*problems)++;
        db_error(s, err, "checking the file");
    }
    sqlite3_finalize(st);
    if (*problems) {
        char *hint = store_backup_hint(s->path);
        error_add(err, ERR_CORRUPT, "%s", hint);
        free(hint);
        return err->code;   /* the rest would only repeat it */
    }

    int version = (int)db_int(s, "PRAGMA user_version", NULL);
    if (version != STORE_SCHEMA_VERSION) {
        (*problems)++;
        error_add(err, ERR_VERSION, "schema version %d, expected %d", version, STORE_SCHEMA_VERSION);
    }
    for (int i = 0; kinds[i]; i++)
        for (int j = 0; j < kinds[i]->nfields; j++) {
            const struct field *f = &kinds[i]->fields[j];
            if (f->type == FT_REF)
                dangling_refs(s, kinds[i], f, problems, err);
            else if (f->type == FT_SET && f->ref && (f->flags & F_INDEXED))
                unknown_codes(s, kinds[i], f, problems, err);
        }
    permissions(s, problems, err);
    return *problems ? (err->code ? err->code : ERR_CORRUPT) : 0;
}
