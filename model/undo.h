/* A session's own changes, to walk them back newest first: an add goes to
 * the trash, a delete is restored, a restore deleted again, an edit gives
 * the fields it changed their previous values. Each undo is a new change
 * through the write API, so it syncs like any other. The journal is memory
 * only (one per session) and never prints. */
#ifndef CARNET_MODEL_UNDO_H
#define CARNET_MODEL_UNDO_H

#include "model/record.h"
#include "model/store.h"

enum undo_change { UNDO_CHANGE_ADD, UNDO_CHANGE_EDIT, UNDO_CHANGE_DELETE, UNDO_CHANGE_RESTORE };

struct undo_log;

struct undo_log *undo_log_new(void);
void undo_log_free(struct undo_log *l);

/* Notes a change just written: an add, a delete or a restore of record id. */
void undo_note(struct undo_log *l, enum undo_change what, const char *id);

/* Notes an edit just written: before is the record as it was, after as it
 * was saved; the fields whose values differ are kept with their old values
 * (nothing is noted when none differs). Neither is kept. */
void undo_note_edit(struct undo_log *l, const struct record *before, const struct record *after);

/* Undoes the newest change still in l and forgets it. id receives the
 * record's id, *what what was undone, *nfields the fields an edit put back.
 * Returns 0, 1 when there is nothing to undo, or a negative error (err
 * says why; the change stays in l). */
int undo_last(struct store *s, struct undo_log *l, char id[37], enum undo_change *what, int *nfields,
              struct error *err);

#endif
