/* The screens of the terminal application and what they share: the open
 * store, and the arguments each screen's open() takes. Screens glue model/
 * (data) to tui/ (widgets); every screen file ends with its one
 * `const struct tui_screen_ops`. */
#ifndef CARNET_SCREENS_H
#define CARNET_SCREENS_H

#include "model/query.h"
#include "model/record.h"
#include "model/store.h"
#include "model/undo.h"
#include "tui/listview.h"
#include "tui/screen.h"
#include "util/strbuf.h"

/* Runs the terminal application on s until the user leaves. Returns the
 * process exit status (0 when the user quit normally). */
int screens_run(struct store *s);

/* Asks on the terminal, before any store is open, whether to create a new
 * empty store at path, where there is none (a yes/no dialog, "no" first:
 * a mistyped path must not silently become an empty store). After yes the
 * terminal stays in the application's mode for screens_run; screens_end
 * gives it back (to print why the store could not be made). */
bool screens_confirm_new_store(const char *path);
void screens_end(void);

/* The store every screen works on (set by screens_run). */
struct store *screens_store(void);

/* Arguments of the screens' open(). Strings are copied by open(). */
struct records_arg {
    const struct kind *kind;
    const char *const *where;   /* "field=value" filters, NULL-ended, or NULL */
    const char *title;          /* shown instead of the kind's plural, or NULL */
    const char *from, *to;      /* inclusive bounds on the kind's date (ISO), or NULL */
};

struct detail_arg {
    const char *id;
};

struct form_arg {
    const struct kind *kind;
    const char *id;             /* the record to edit, NULL for a new one */
    const char *const *presets; /* "field=value" for a new record, NULL-ended, or NULL */
};

/* The sections (DESIGN section 5): 1 Home, 2 Initiatives, 3 Governance,
 * 4 Actions, 5 Browse, 6 Dashboard, 7 Sync, 8 Difficulties,
 * 0 Administration. */
extern const struct tui_screen_ops home_screen;
extern const struct tui_screen_ops records_screen;     /* a list of one kind: struct records_arg */
extern const struct tui_screen_ops detail_screen;      /* one record: struct detail_arg */
extern const struct tui_screen_ops form_screen;        /* add or edit: struct form_arg */
extern const struct tui_screen_ops governance_screen;  /* bodies of a centre; arg NULL */
extern const struct tui_screen_ops admin_screen;       /* reference data; arg NULL */
extern const struct tui_screen_ops dashboard_screen;   /* a year's activity and indicators; arg NULL */
extern const struct tui_screen_ops browse_screen;      /* the timeline of every logbook; arg NULL */
extern const struct tui_screen_ops sync_screen;        /* peers, sync, conflicts; arg NULL */

/* The report dialog (screens/report.c): asks the format and the file of the
 * yearly report of year for the centre centre_id (NULL: every centre; its
 * name, for the title and the file name), writes it, and shows where.
 * Returns the flags of the screen that opened it. */
int screens_report(int year, const char *centre_id, const char *centre_name);

/* ---- Writing a file from a screen (screens/filedialog.c) -------------- */

#define SCREENS_FILE_FORMATS 8

struct screens_file_format {
    const char *name;           /* the choice's code: "xlsx" */
    const char *label;          /* N_("Workbook (xlsx)"), translated when shown */
    const char *ext;            /* the file's extension, without the dot */
};

struct screens_file_dialog {
    const char *title;          /* translated */
    struct screens_file_format formats[SCREENS_FILE_FORMATS];
    size_t nformats;            /* the first is offered first */
    const char *base;           /* the file's name before its extension ("bilan-2026") */
    /* Appends the file's content in formats[format] to out; false with err
     * set, shown in a box under failed_title. */
    bool (*make)(void *ctx, size_t format, struct strbuf *out, struct error *err);
    void *ctx;
    const char *failed_title;   /* "The report could not be made" */
    const char *unwritten_title;/* "The report was not written" (the file could not be) */
};

/* Asks the format and the file (base in the documents folder of
 * util/userdirs.h, the extension following the format), asks before
 * replacing a file (No first), keeps the dialog open with what was typed
 * when the folder cannot take it, writes what make gives through
 * util/outfile.h. Returns the whole path of the file written (the caller
 * frees it and shows it), or NULL when the user left with Esc. */
char *screens_file_dialog(const struct screens_file_dialog *d);

/* name as a part of a file name: lower case, words joined by hyphens,
 * letters with their accents ("Centre social Les Épis" gives
 * "centre-social-les-épis"). The caller frees it. */
char *screens_file_name_part(const char *name);

/* ---- Helpers the screens share (screens/app.c) ----------------------- */

/* The member record of this login (NULL when it has none); the caller
 * frees it with record_free. */
struct record *screens_member(void);


/* Whether the locale's character set is UTF-8 (block characters may be
 * drawn); else charts fall back to ASCII. */
bool screens_utf8(void);

/* Whether this login may add, edit and delete records of k in this store
 * (not read-only, not a manager...). With say, a refusal is shown as a
 * message on the status line. */
bool screens_may_write(const struct kind *k, bool say);

/* Screens that show records reload when another screen of this process
 * wrote one (a save, a delete): the writer calls screens_touch with the id
 * written, the readers compare screens_generation with what they saw. */
void screens_touch(const char *id);
unsigned screens_generation(void);
/* The id given to the latest screens_touch ("" when none). */
const char *screens_touched_id(void);

/* The last text searched with / in any list, so that n and N repeat it in
 * the next list too (less, vim); NULL before the first. Set copies text
 * (NULL or "" forgets it). */
/* The session's undo journal (model/undo.h): screens note each change they
 * write; screens_undo walks back the newest and says what it undid on the
 * status bar. Returns flags for the screen that asked. */
struct undo_log *screens_undo_log(void);
int screens_undo(void);

const char *screens_last_search(void);
void screens_set_last_search(const char *text);

/* / n N in a list without a search of its own (tui_listview_find, the last
 * search): the screen's flags for those actions, TUI_PASS for the others. */
int screens_list_find(struct tui_listview *lv, int action);

/* The status hint of a screen whose keymap is km, for actions[0..n): the
 * keys as bound (defaults or the user's), generated (tui_keymap_hint). Valid
 * until the next call; for a status callback. */
const char *screens_hint(const struct tui_keymap *km, const int *actions, size_t n);
#define SCREENS_HINT(km, ...) \
    screens_hint((km), (const int[]){__VA_ARGS__}, sizeof((const int[]){__VA_ARGS__}) / sizeof(int))

/* The same with the screen's own words (tui_keymap_hint_words): pairs of an
 * action and its word in this place, e.g. SCREENS_HINT_WORDS(&km,
 * {TUI_ACT_DELETE, C_(NC_("hint", "ends a term"))}, {TUI_ACT_HELP, NULL}). */
struct screens_hint_word {
    int action;
    const char *word;           /* NULL: the action's own hint word */
};
const char *screens_hint_words(const struct tui_keymap *km, const struct screens_hint_word *items, size_t n);
#define SCREENS_HINT_WORDS(km, ...) \
    screens_hint_words((km), (const struct screens_hint_word[]){__VA_ARGS__}, \
                       sizeof((const struct screens_hint_word[]){__VA_ARGS__}) / sizeof(struct screens_hint_word))

/* The translated name of section n (0..9: "Initiatives"), "" for none. */
const char *screens_section_name(int n);

/* The status bar's counter of local changes no peer has received ("12 to
 * send"), "" when the store has no peer. Cached; counted again after a
 * screens_touch or a second later. */
const char *screens_sync_counter(void);

/* Shows the messages of a failed write: one status-line message (the first
 * line of err, or a sentence for a busy, full or read-only store). */
void screens_error_message(const struct error *err);

/* Fills one list row's cells (already set up with its key and ncols
 * empty cells) from a record. */
typedef void (*screens_row_fn)(struct record *r, struct tui_list_row *row, void *ctx);
/* A tui_list_source fetch over the query base: up to max rows around the
 * record anchor (an id; dir as in tui_list_source), each filled by fill.
 * Returns the count, or -1 after showing the error on the status line. */
int screens_keyset_fetch(const struct query *base, const char *anchor, int dir, size_t max, struct tui_list_row *out,
                         size_t ncols, screens_row_fn fill, void *ctx);

#endif
