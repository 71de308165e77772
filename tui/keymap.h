/* Key bindings as data (calcurse keys.c): a keymap is a list of
 * {action, "j DOWN ^N"} strings, read when a key is looked up, so a keymap is
 * a plain const table that needs no setup. A key goes to the screen's map
 * first, then to the global map (tig's view_driver). The same tables make
 * the "?" help, so the help is always the truth. */
#ifndef CARNET_TUI_KEYMAP_H
#define CARNET_TUI_KEYMAP_H

#include "tui/action.h"
#include "tui/key.h"

#include <stdbool.h>
#include <stddef.h>

struct tui_keybind {
    int action;             /* an enum tui_action */
    const char *keys;       /* key words separated by spaces, see tui_key_parse */
};

struct tui_keymap {
    const char *title;                  /* N_() heading in the help */
    const struct tui_keybind *binds;    /* ends with an entry whose keys is NULL */
    const char *id;                     /* the SCREEN of "bind SCREEN KEY ACTION" in
                                           the user's keys file; NULL: none */
};

/* The defaults (DESIGN section 5). Global: moves, pages, g/G, q/Esc back, Q
 * quit, ? help, : command, ^L refresh, digits for sections. List: Enter open,
 * a add, e edit, d delete, u undo, / search, n/N, f filter, s sort, x export.
 * Form: Tab/Shift-Tab/Down/Up fields, Space toggle, ^S/F2 save, Esc cancel.
 * Dialog: arrows, pages, Enter, Esc, Space. Picker: the same, but Tab or
 * ^T ticks (Space is typed into the search). */
extern const struct tui_keymap tui_keymap_global;
/* Sideways in a list (visidata's < and >), for every list screen's map. */
#define TUI_LIST_COLUMN_KEYS {TUI_ACT_COLUMN_LEFT, "<"}, {TUI_ACT_COLUMN_RIGHT, ">"}
extern const struct tui_keymap tui_keymap_list;
extern const struct tui_keymap tui_keymap_form;
extern const struct tui_keymap tui_keymap_dialog;
extern const struct tui_keymap tui_keymap_picker;

/* The user's own bindings (tig's tigrc, calcurse's keys): reads path, lines
 * of "bind SCREEN KEY ACTION" ("bind list J page-down"; # starts a comment),
 * SCREEN one of ids[0..nids), KEY a word of tui_key_parse, ACTION a ":"
 * name. A user binding comes before the defaults of the keymaps whose id is
 * SCREEN, in lookups and in the help. A missing file is no error. A bad line
 * is skipped (its keys keep their defaults) and described, with its line
 * number, on one line of *report (a new string the caller frees; NULL when
 * every line is good). Returns the number of bad lines. Replaces what an
 * earlier call loaded. */
int tui_keymap_load_user(const char *path, const char *const *ids, size_t nids, char **report);
void tui_keymap_free_user(void);

/* The action key is bound to in km (NULL allowed), or TUI_ACT_NONE. The
 * user's bindings for km's id come first. */
int tui_keymap_lookup(const struct tui_keymap *km, int key);

/* The name of the first key bound to action in km (see tui_key_name), for
 * a hint that names the key; with typing (the focus is in a text field), the
 * first one that is not a character ("F1" rather than "?"). NULL when no key
 * is. The caller frees it. */
char *tui_keymap_key_name(const struct tui_keymap *km, int action, bool typing);

/* A status hint generated from the keymaps: "t trash, ? help" for the
 * actions given, each with the first key that reaches it in maps (in
 * order: the screen's, then the global) and its tui_action_hint word;
 * actions without a key or a word are left out. Never NULL; the caller
 * frees it. */
char *tui_keymap_hint(const struct tui_keymap *const *maps, size_t nmaps, const int *actions, size_t nactions,
                      bool typing);

/* The same, with the screen's own word for an action where the general one
 * would say less ("d ends a term" for delete on a seat): words[i] NULL
 * takes the action's tui_action_hint word. words may be NULL. Actions next
 * to each other with the same word share it, their keys joined by a slash:
 * "Up/Down choose". */
char *tui_keymap_hint_words(const struct tui_keymap *const *maps, size_t nmaps, const int *actions,
                            const char *const *words, size_t nactions, bool typing);

/* Screen map first, then global map. Either may be NULL. */
int tui_keymap_resolve(const struct tui_keymap *screen,
                       const struct tui_keymap *global, int key);

/* 0 when every word of km parses and every action is in range; otherwise
 * -1 and, when bad is not NULL, *bad is a new string naming the faulty
 * binding (the caller frees it). For tests and debug builds. */
int tui_keymap_check(const struct tui_keymap *km, char **bad);

struct tui_help_line {
    char *text;             /* "keys  description", or a heading; owned */
    bool heading;
};

/* The help lines for the active keymaps, highest priority first (screen map,
 * then global). A key bound in an earlier map hides its binding in later
 * ones, since it never reaches them; with text_input (a screen that types
 * printable keys into fields) printable keys of later maps are hidden too.
 * section_labels: see tui_action_help; a section whose label is NULL there
 * does not exist and its key is left out. Returns a new array of *n lines; free
 * with tui_keymap_help_free. */
struct tui_help_line *tui_keymap_help(const struct tui_keymap *const *maps, size_t nmaps,
                                      bool text_input, const char *const *section_labels,
                                      size_t *n);
void tui_keymap_help_free(struct tui_help_line *lines, size_t n);

#endif
