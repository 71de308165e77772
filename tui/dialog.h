/* Modal dialogs drawn over the current screen: confirm, message, help,
 * single and multiple choice pickers, and a text prompt with completion.
 * Each runs its own key loop until answered, survives resizes (the screen
 * behind is laid out again through term.h's backdrop hook) and then marks
 * the screen behind for redrawing. Strings given are shown as given
 * (sanitised), except choice labels, which are N_() strings translated
 * here. A termination signal answers "cancel". */
#ifndef CARNET_TUI_DIALOG_H
#define CARNET_TUI_DIALOG_H

#include "tui/keymap.h"

#include <stdbool.h>
#include <stddef.h>

struct tui_choice {
    const char *code;       /* the stable value ("co_decision") */
    const char *label;      /* an N_() string, translated when shown */
};

/* Asks a yes/no question. y, Y, o, O (French "oui") answer yes; n, N and Esc
 * answer no; Enter takes the highlighted button, which starts on yes when
 * default_yes. Returns true for yes. */
bool tui_dialog_confirm(const char *question, bool default_yes);

/* Shows text (wrapped, newlines kept, scrollable) under title until Enter,
 * Esc, q or Space. */
void tui_dialog_message(const char *title, const char *text);

/* Shows the help of the active keymaps (see tui_keymap_help). */
void tui_dialog_help(const struct tui_keymap *const *maps, size_t nmaps,
                     bool text_input, const char *const *section_labels);

/* Lets the user choose one of choices[0..n): arrows move, typing filters
 * (accents and case ignored, every word typed must match), Enter chooses, Esc cancels. The highlight
 * starts on current (-1 for none). Returns the chosen index, or -1. */
int tui_dialog_pick(const char *title, const struct tui_choice *choices, size_t n,
                    int current);

/* The same for a set: Tab (tui_keymap_picker) ticks or unticks the
 * highlighted choice, while Space is typed into the search; what is ticked
 * is listed under the choices; Enter confirms, Esc cancels. selected[0..n) is read as the starting ticks and,
 * on confirmation only, updated. Returns true when confirmed. */
bool tui_dialog_pick_many(const char *title, const struct tui_choice *choices, size_t n,
                          bool *selected);

/* Asks for one line of text after label, starting with initial (NULL =
 * empty). Tab completes against names[0..nnames) (NULL allowed): a unique
 * match is taken whole, several extend to their common prefix, and further
 * Tabs cycle through them. Returns the new text (the caller frees it), or
 * NULL when cancelled with Esc. */
char *tui_dialog_prompt(const char *label, const char *initial,
                        const char *const *names, size_t nnames);

/* A small form in a box over the screen (the report's format and file):
 * the fields of f, one line each, edited as in every form, and a line of
 * keys. Enter, ^S or F2 submit: the shapes are checked (tui_form_submit), then
 * submit(ctx, f) says whether the dialog is done; to keep it open with what
 * was typed it returns false after setting errors (tui_form_set_error).
 * Space or the picker key opens the list of a choice, Left/Right cycle it.
 * After every key that changed field i's value, changed(ctx, f, i) is
 * called (NULL allowed), so one field may follow another. submit_word names
 * what Enter does in the line of keys ("write"). Returns true when submit
 * closed it, false on Esc. Only single-line fields: the box is one line a
 * field. */
struct tui_form;
bool tui_dialog_form(struct tui_form *f, const char *submit_word,
                     bool (*submit)(void *ctx, struct tui_form *f),
                     void (*changed)(void *ctx, struct tui_form *f, size_t i), void *ctx);

/* Accent- and case-insensitive substring test used by the picker filter:
 * true when needle (UTF-8) occurs in hay, comparing base letters ("ega"
 * finds "Égalité"). Pure; exposed for tests. */
bool tui_dialog_matches(const char *hay, const char *needle);

/* The picker's filter: true when every space-separated word of words
 * matches hay as above ("appartenance religion"); true for no word. */
bool tui_dialog_matches_words(const char *hay, const char *words);

#endif
