/* Every file carnet writes (an export, a report, a backup), written whole or
 * not at all: the bytes go to a private temporary file (mkstemp, 0600) in
 * the target's folder, which takes the target's name only once it is
 * complete and on disk (fflush, fsync, rename). A crash leaves the old file
 * or the new one, never half of one; the new file is 0600 even where it
 * replaces a file others could read. Never writes over an SQLite database
 * (a carnet store, or its -wal, -shm or -journal file), whatever the path's
 * spelling. Knows nothing of what a store holds beyond SQLite's file formats. */
#ifndef CARNET_UTIL_OUTFILE_H
#define CARNET_UTIL_OUTFILE_H

#include <stdio.h>

struct outfile {
    FILE *f;            /* write here (the temporary file) */
    char *path;         /* the target, symbolic links resolved */
    char *tmp;          /* the temporary file beside it */
    char error[1024];   /* why open or commit failed: one translated sentence */
};

/* Opens a temporary file for path. keep (NULL for none) is the store in use:
 * path may not be that file, a link to it or one of its companions, even
 * when they would not be recognised by their content. Refused too: a folder,
 * a device or other special file, an existing file that cannot be read (it
 * cannot be checked), an SQLite database and its companions. Returns 0, or -1
 * with o->error set and nothing created. */
int outfile_open(struct outfile *o, const char *path, const char *keep);

/* Flushes, syncs and renames the temporary file onto the target (checked
 * again: it may have changed since outfile_open). Returns 0, or -1 with
 * o->error set, the temporary file removed and the target as it was.
 * o is finished either way. */
int outfile_commit(struct outfile *o, const char *keep);

/* Removes the temporary file; the target stays as it was. Safe to call on a
 * finished outfile. */
void outfile_abort(struct outfile *o);

/* 0 when path may be written over (or made), else -1 with a sentence saying
 * why in why[0..n) (see outfile_open). */
int outfile_check(const char *path, const char *keep, char *why, size_t n);

#endif
