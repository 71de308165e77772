/* The session's undo journal: a stack of steps, each the inverse of a
 * change this session wrote, applied through record.h like any edit. */
#include "model/undo.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct undo_step {
    enum undo_change what;
    char id[37];
    int n;                  /* an edit: its fields and their old values */
    char **field, **old;
};

struct undo_log {
    struct undo_step *steps;
    size_t n, cap;
};

struct undo_log *undo_log_new(void)
{
    return xcalloc(1, sizeof(struct undo_log));
}

static void step_free(struct undo_step *st)
{
    for (int i = 0; i < st->n; i++) {
        free(st->field[i]);
        free(st->old[i]);
    }
    free(st->field);
    free(st->old);
}

void undo_log_free(struct undo_log *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        step_free(&l->steps[i]);
    free(l->steps);
    free(l);
}

static struct undo_step *push(struct undo_log *l, enum undo_change what, const char *id)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->steps = xrealloc(l->steps, l->cap * sizeof(*l->steps));
    }
    struct undo_step *st = &l->steps[l->n++];
    memset(st, 0, sizeof(*st));
    st->what = what;
    snprintf(st->id, sizeof st->id, "%s", id ? id : "");
    return st;
}

void undo_note(struct undo_log *l, enum undo_change what, const char *id)
{
    if (l && id && *id)
        push(l, what, id);
}

void undo_note_edit(struct undo_log *l, const struct record *before, const struct record *after)
{
    if (!l || !before || !after || before->kind != after->kind)
        return;
    const struct kind *k = before->kind;
    int changed = 0;
    for (int i = 0; i < k->nfields; i++)
        changed += !record_value_same(before->v[i], after->v[i]);
    if (!changed)
        return;
    struct undo_step *st = push(l, UNDO_CHANGE_EDIT, before->id);
    st->field = xcalloc((size_t)changed, sizeof(char *));
    st->old = xcalloc((size_t)changed, sizeof(char *));
    for (int i = 0; i < k->nfields; i++) {
        if (record_value_same(before->v[i], after->v[i]))
            continue;
        st->field[st->n] = xstrdup(k->fields[i].name);
        st->old[st->n++] = xstrdup(before->v[i] ? before->v[i] : "");
    }
}

static int put_back(struct store *s, const struct undo_step *st, struct error *err)
{
    struct record *r = record_load(s, st->id, err);
    if (!r)
        return -1;
    int rc = 0;
    for (int i = 0; rc == 0 && i < st->n; i++)
        rc = record_set(r, st->field[i], st->old[i], err);
    if (rc == 0)
        rc = record_update(s, r, err);
    record_free(r);
    return rc;
}

int undo_last(struct store *s, struct undo_log *l, char id[37], enum undo_change *what, int *nfields,
              struct error *err)
{
    if (!l || l->n == 0)
        return 1;
    struct undo_step *st = &l->steps[l->n - 1];
    int rc;
    switch (st->what) {
    case UNDO_CHANGE_ADD:
    case UNDO_CHANGE_RESTORE:
        rc = record_delete(s, st->id, err);
        break;
    case UNDO_CHANGE_DELETE:
        rc = record_restore(s, st->id, err);
        break;
    default:
        rc = put_back(s, st, err);
        break;
    }
    if (rc != 0)
        return rc < 0 ? rc : -1;
    snprintf(id, 37, "%s", st->id);
    *what = st->what;
    *nfields = st->n;
    step_free(st);
    l->n--;
    return 0;
}
