/* Every user action, as ONE list: the enum, the names typed at the ":"
 * command line and the help text all expand from TUI_ACTIONS, so help
 * cannot drift from code (tig's request.h). Every key of every screen is
 * bound to one of these (tests/e2e/test_keys_listed.sh checks that no
 * screen reads a raw key); the application gives meaning to sections and
 * to open/add/edit on its own screens. */
#ifndef CARNET_TUI_ACTION_H
#define CARNET_TUI_ACTION_H

#include <stddef.h>

/* ACTION(id, "command-name", N_("help text"), NC_("hint", "short word")):
 * the short word names the action beside its key on the status bar ("t
 * trash"); "" for actions the status bar never names. */
#define TUI_ACTIONS(ACTION) \
    ACTION(NONE,        "",            "", "") \
    ACTION(MOVE_UP,     "up",          N_("Move up"), "") \
    ACTION(MOVE_DOWN,   "down",        N_("Move down"), "") \
    ACTION(MOVE_LEFT,   "left",        N_("Move left"), "") \
    ACTION(MOVE_RIGHT,  "right",       N_("Move right"), "") \
    ACTION(PAGE_UP,     "page-up",     N_("Previous page"), "") \
    ACTION(PAGE_DOWN,   "page-down",   N_("Next page"), "") \
    ACTION(HALF_PAGE_UP,   "half-page-up",   N_("Up half a page"), "") \
    ACTION(HALF_PAGE_DOWN, "half-page-down", N_("Down half a page"), "") \
    ACTION(COLUMN_LEFT, "columns-left", N_("Scroll the columns back to the left"), "") \
    ACTION(COLUMN_RIGHT, "columns-right", N_("Scroll the columns to the right: the first one hides, the others widen"), NC_("hint", "columns")) \
    ACTION(TOP,         "top",         N_("Go to the first line"), "") \
    ACTION(BOTTOM,      "bottom",      N_("Go to the last line"), "") \
    ACTION(OPEN,        "open",        N_("Open the selected line"), NC_("hint", "open")) \
    ACTION(BACK,        "back",        N_("Go back to the previous screen"), NC_("hint", "back")) \
    ACTION(QUIT,        "quit",        N_("Quit"), NC_("hint", "quit")) \
    ACTION(ADD,         "add",         N_("Add"), NC_("hint", "add")) \
    ACTION(EDIT,        "edit",        N_("Edit"), NC_("hint", "edit")) \
    ACTION(DELETE,      "delete",      N_("Delete"), NC_("hint", "delete")) \
    ACTION(UNDO,        "undo",        N_("Undo your last change (again: the one before)"), NC_("hint", "undo")) \
    ACTION(SEARCH,      "search",      N_("Search"), NC_("hint", "search")) \
    ACTION(SEARCH_NEXT, "search-next", N_("Next match"), "") \
    ACTION(SEARCH_PREV, "search-prev", N_("Previous match"), "") \
    ACTION(FILTER,      "filter",      N_("Filter the list"), NC_("hint", "filter")) \
    ACTION(SORT,        "sort",        N_("Change the sort order"), NC_("hint", "sort")) \
    ACTION(TOGGLE,      "toggle",      N_("Tick or untick"), NC_("hint", "tick")) \
    ACTION(EXPORT,      "export",      N_("Export"), NC_("hint", "export")) \
    ACTION(REFRESH,     "refresh",     N_("Reload and redraw the screen"), "") \
    ACTION(HELP,        "help",        N_("Show the keys of this screen"), NC_("hint", "help")) \
    ACTION(COMMAND,     "command",     N_("Type a command"), "") \
    ACTION(MESSAGE,     "message",     N_("Show the last message whole, in a box"), NC_("hint", "whole message")) \
    ACTION(SAVE,        "save",        N_("Save"), NC_("hint", "save")) \
    ACTION(CANCEL,      "cancel",      N_("Cancel"), NC_("hint", "cancel")) \
    ACTION(NEXT_FIELD,  "next-field",  N_("Next field"), "") \
    ACTION(PREV_FIELD,  "prev-field",  N_("Previous field"), "") \
    ACTION(PICK,        "pick",        N_("Choose from the list"), NC_("hint", "choose")) \
    ACTION(TRASH,       "trash",       N_("Show the trash, or leave it"), NC_("hint", "trash")) \
    ACTION(HISTORY,     "history",     N_("Show or hide the history of changes"), NC_("hint", "history")) \
    ACTION(PUT_BACK,    "put-back",    N_("Put an old value of the history back"), NC_("hint", "put back")) \
    ACTION(FREQUENCY,   "frequency",   N_("Count the rows by the values of a column"), NC_("hint", "frequency")) \
    ACTION(SAVE_FILTER, "save-filter", N_("Save the filter under a name"), "") \
    ACTION(OPEN_FILTER, "open-filter", N_("Open a saved filter"), "") \
    ACTION(PREV_YEAR,   "previous-year", N_("The year before"), NC_("hint", "year before")) \
    ACTION(NEXT_YEAR,   "next-year",   N_("The year after"), "") \
    ACTION(CENTRE,      "centre",      N_("Choose the centre"), NC_("hint", "centre")) \
    ACTION(REPORT,      "report",      N_("Write the year's report to a file"), NC_("hint", "report")) \
    ACTION(DIFFICULTIES, "difficulties", N_("Show the difficulties"), NC_("hint", "difficulties")) \
    ACTION(CONFLICTS,   "conflicts",   N_("Show the sync conflicts, or the peers"), NC_("hint", "conflicts")) \
    ACTION(SECTION_0,   "section-0",   N_("Go to section 0"), "") \
    ACTION(SECTION_1,   "section-1",   N_("Go to section 1"), "") \
    ACTION(SECTION_2,   "section-2",   N_("Go to section 2"), "") \
    ACTION(SECTION_3,   "section-3",   N_("Go to section 3"), "") \
    ACTION(SECTION_4,   "section-4",   N_("Go to section 4"), "") \
    ACTION(SECTION_5,   "section-5",   N_("Go to section 5"), "") \
    ACTION(SECTION_6,   "section-6",   N_("Go to section 6"), "") \
    ACTION(SECTION_7,   "section-7",   N_("Go to section 7"), "") \
    ACTION(SECTION_8,   "section-8",   N_("Go to section 8"), "") \
    ACTION(SECTION_9,   "section-9",   N_("Go to section 9"), "")

enum tui_action {
#define TUI_ACTION_ENUM(id, name, help, hint) TUI_ACT_##id,
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

/* The translated short word of action a for status hints ("trash"); "" when
 * it has none. */
const char *tui_action_hint(int action);

#endif
