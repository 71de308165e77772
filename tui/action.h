/* Every generic user action, as ONE list: the enum, the names typed at the
 * ":" command line and the help text all expand from TUI_ACTIONS, so help
 * cannot drift from code (tig's request.h). Generic only: the application
 * gives meaning to sections and to open/add/edit on its own screens. */
#ifndef CARNET_TUI_ACTION_H
#define CARNET_TUI_ACTION_H

#include <stddef.h>

/* ACTION(id, "command-name", N_("help text")) */
#define TUI_ACTIONS(ACTION) \
    ACTION(NONE,        "",            "") \
    ACTION(MOVE_UP,     "up",          N_("Move up")) \
    ACTION(MOVE_DOWN,   "down",        N_("Move down")) \
    ACTION(MOVE_LEFT,   "left",        N_("Move left")) \
    ACTION(MOVE_RIGHT,  "right",       N_("Move right")) \
    ACTION(PAGE_UP,     "page-up",     N_("Previous page")) \
    ACTION(PAGE_DOWN,   "page-down",   N_("Next page")) \
    ACTION(TOP,         "top",         N_("Go to the first line")) \
    ACTION(BOTTOM,      "bottom",      N_("Go to the last line")) \
    ACTION(OPEN,        "open",        N_("Open the selected line")) \
    ACTION(BACK,        "back",        N_("Go back to the previous screen")) \
    ACTION(QUIT,        "quit",        N_("Quit")) \
    ACTION(ADD,         "add",         N_("Add")) \
    ACTION(EDIT,        "edit",        N_("Edit")) \
    ACTION(DELETE,      "delete",      N_("Delete")) \
    ACTION(UNDO,        "undo",        N_("Undo the last deletion")) \
    ACTION(SEARCH,      "search",      N_("Search")) \
    ACTION(SEARCH_NEXT, "search-next", N_("Next match")) \
    ACTION(SEARCH_PREV, "search-prev", N_("Previous match")) \
    ACTION(FILTER,      "filter",      N_("Filter the list")) \
    ACTION(SORT,        "sort",        N_("Change the sort order")) \
    ACTION(TOGGLE,      "toggle",      N_("Tick or untick")) \
    ACTION(EXPORT,      "export",      N_("Export")) \
    ACTION(REFRESH,     "refresh",     N_("Reload and redraw the screen")) \
    ACTION(HELP,        "help",        N_("Show the keys of this screen")) \
    ACTION(COMMAND,     "command",     N_("Type a command")) \
    ACTION(SAVE,        "save",        N_("Save")) \
    ACTION(CANCEL,      "cancel",      N_("Cancel")) \
    ACTION(NEXT_FIELD,  "next-field",  N_("Next field")) \
    ACTION(PREV_FIELD,  "prev-field",  N_("Previous field")) \
    ACTION(PICK,        "pick",        N_("Choose from the list")) \
    ACTION(SECTION_0,   "section-0",   N_("Go to section 0")) \
    ACTION(SECTION_1,   "section-1",   N_("Go to section 1")) \
    ACTION(SECTION_2,   "section-2",   N_("Go to section 2")) \
    ACTION(SECTION_3,   "section-3",   N_("Go to section 3")) \
    ACTION(SECTION_4,   "section-4",   N_("Go to section 4")) \
    ACTION(SECTION_5,   "section-5",   N_("Go to section 5")) \
    ACTION(SECTION_6,   "section-6",   N_("Go to section 6")) \
    ACTION(SECTION_7,   "section-7",   N_("Go to section 7")) \
    ACTION(SECTION_8,   "section-8",   N_("Go to section 8")) \
    ACTION(SECTION_9,   "section-9",   N_("Go to section 9"))

enum tui_action {
#define TUI_ACTION_ENUM(id, name, help) TUI_ACT_##id,
    TUI_ACTIONS(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
    TUI_ACT_COUNT
};

/* Section n (0..9) as an action, and back: -1 when a is no section. */
#define TUI_ACT_SECTION(n) (TUI_ACT_SECTION_0 + (n))
int tui_action_section(int action);

/* The ":" command name of action a ("page-down"); "" for TUI_ACT_NONE and out
 * of range. A constant; never freed. */
const char *tui_action_name(int action);

/* The action named name (its English name or a French alias), or
 * TUI_ACT_NONE. */
int tui_action_by_name(const char *name);

/* The i-th French alias of an action name ("aide", "quitter") and its action
 * in *action (may be NULL); NULL past the last. Constants. */
const char *tui_action_alias(size_t i, int *action);

/* The translated help text of action a. section_labels, when not NULL, holds
 * 10 labels (NULL entries allowed) that replace "Go to section N" by the
 * application's name for the section; the label is used as given. */
const char *tui_action_help(int action, const char *const *section_labels);

#endif
